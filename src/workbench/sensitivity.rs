//! `lexicon sensitivity`: leave one cue out, and see how far each RESOC's score and type move.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::analyze::analyze_section;
use crate::instruments::Instruments;
use crate::lexicon::CueId;
use crate::matching::cue_candidates;
use crate::pipeline::analyze_and_match;
use crate::report::{csv_file, Cell, Dialect};
use crate::scoring::ScoringOptions;
use crate::scoring::{score_documents, Analysis, DocumentSummary, RunResult, SectionSummary};

use super::Corpus;

#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub cue: String,
    pub category: String,
    pub hits: usize,
    pub resoc: String,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    pub type_before: String,
    pub type_after: String,
}

impl Influence {
    pub fn delta(&self) -> f64 {
        self.score_after.unwrap_or(0.0) - self.score_before.unwrap_or(0.0)
    }
    pub fn type_changed(&self) -> bool {
        self.type_before != self.type_after
    }
}

/// Leave-one-cue-out: for every cue with a hit, the corpus is rescored without it (as
/// if its line were deleted); each RESOC whose score or type moves gets a row. Cues
/// of weight 0 are tested too: without one, the words it covered may count. Only
/// the sections where the cue occurs are analysed again.
pub fn sensitivity(corpus: &Corpus, instruments: &Instruments, opts: &ScoringOptions) -> Vec<Influence> {
    let sections = &corpus.sections;
    let base: Vec<_> = sections
        .par_iter()
        .map(|(_, s)| analyze_and_match(s.clone(), instruments, corpus.read_all_languages))
        .collect();
    let candidates: Vec<BTreeSet<CueId>> = sections
        .par_iter()
        .map(|(_, s)| {
            let a = analyze_section(s);
            cue_candidates(&a, &instruments.lexicon)
                .into_iter()
                .flatten()
                .map(|(c, _)| c)
                .collect()
        })
        .collect();
    let assemble_with = |summaries: Vec<SectionSummary>| -> RunResult {
        let mut docs: Vec<DocumentSummary> = Vec::new();
        for ((name, _), s) in sections.iter().zip(summaries) {
            match docs.last_mut() {
                Some(d) if &d.name == name => d.sections.push(s),
                _ => docs.push(DocumentSummary {
                    name: name.clone(),
                    title: None,
                    sections: vec![s],
                }),
            }
        }
        let analysis = Analysis {
            inputs: Vec::new(),
            documents: docs,
            input_problems: Vec::new(),
        };
        score_documents(analysis, &|_| None, opts)
    };
    let before = assemble_with(base.clone());
    let before_by: BTreeMap<&str, (Option<f64>, &str)> = before
        .resocs
        .iter()
        .map(|r| (r.name.as_str(), (r.score.score, r.score.role.as_str())))
        .collect();
    let lex = &instruments.lexicon;
    let mut rows: Vec<Influence> = (0..lex.cues.len() as CueId)
        .into_par_iter()
        .filter(|c| candidates.iter().any(|set| set.contains(c)))
        .flat_map_iter(|cue| {
            let reduced = Instruments {
                lexicon: lex.without(cue),
                context: instruments.context.clone(),
                registry: instruments.registry.clone(),
                reader: instruments.reader,
            };
            let summaries: Vec<_> = sections
                .iter()
                .zip(&base)
                .zip(&candidates)
                .map(|(((_, s), b), cands)| {
                    if cands.contains(&cue) {
                        analyze_and_match(s.clone(), &reduced, corpus.read_all_languages)
                    } else {
                        b.clone()
                    }
                })
                .collect();
            let hits = base
                .iter()
                .flat_map(|s| &s.matches)
                .filter(|m| m.cue == lex.cues[cue as usize].text)
                .count();
            let after = assemble_with(summaries);
            let c = &lex.cues[cue as usize];
            let mut out = Vec::new();
            let mut names: BTreeSet<&str> = before_by.keys().copied().collect();
            names.extend(after.resocs.iter().map(|r| r.name.as_str()));
            for name in names {
                let (sb, tb) = before_by.get(name).copied().unwrap_or((None, "onduidelijk"));
                let a = after.resocs.iter().find(|r| r.name == name);
                let (sa, ta) = a.map_or((None, "onduidelijk"), |r| (r.score.score, r.score.role.as_str()));
                if sa != sb || ta != tb {
                    out.push(Influence {
                        cue: c.text.clone(),
                        category: lex.category(c.category).name.clone(),
                        hits,
                        resoc: name.to_string(),
                        score_before: sb,
                        score_after: sa,
                        type_before: tb.to_string(),
                        type_after: ta.to_string(),
                    });
                }
            }
            out
        })
        .collect();
    rows.sort_by(|a, b| {
        b.type_changed()
            .cmp(&a.type_changed())
            .then(b.delta().abs().total_cmp(&a.delta().abs()))
            .then(a.cue.cmp(&b.cue))
            .then(a.resoc.cmp(&b.resoc))
    });
    rows
}

/// The influence rows as CSV in dialect `d`.
pub fn sensitivity_csv(rows: &[Influence], d: Dialect) -> Result<Vec<u8>, String> {
    let rows = rows.iter().map(|r| {
        vec![
            Cell::text(&r.cue),
            Cell::text(&r.category),
            Cell::count(r.hits),
            Cell::text(&r.resoc),
            Cell::opt(r.score_before),
            Cell::opt(r.score_after),
            Cell::Number(r.delta()),
            Cell::text(&r.type_before),
            Cell::text(&r.type_after),
            Cell::Flag(r.type_changed()),
        ]
    });
    csv_file(d, SENSITIVITY_COLUMNS, rows).map_err(|e| e.to_string())
}

pub const SENSITIVITY_COLUMNS: &[&str] = &[
    "cue",
    "category",
    "hits",
    "resoc",
    "score_before",
    "score_after",
    "delta",
    "type_before",
    "type_after",
    "type_changed",
];
