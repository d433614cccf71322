//! `lexicon suggest`: frequent words in sentences about a RESOC that no cue covers.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::analyze::analyze_section;
use crate::instruments::Instruments;
use crate::lexicon::atoms::AtomKind;
use crate::matching::cue_candidates;

use super::Corpus;

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub stem: String,
    pub form: String,
    pub count: usize,
    pub compound: bool,
    pub example: String,
}

/// Candidate cues: frequent words (grouped by Snowball stem) in sentences that name
/// the RESOC as actor, which no cue covers and that are not function words of the
/// context lexicon.
pub fn suggest(corpus: &Corpus, instruments: &Instruments, top: usize) -> Vec<Suggestion> {
    let sections = &corpus.sections;
    let ctx = &instruments.context;
    let found: Vec<Vec<(String, String, String)>> = sections
        .par_iter()
        .map(|(_, s)| {
            let analyzed = analyze_section(s);
            let covered = cue_candidates(&analyzed, &instruments.lexicon);
            let mut out = Vec::new();
            for (u, tokens) in analyzed.units().enumerate() {
                let forms: Vec<&crate::analyze::Form> =
                    tokens.iter().map(|t| analyzed.analyzer.form(t.form)).collect();
                let about_resoc = forms.iter().any(|f| f.folded.starts_with("resoc"));
                if !about_resoc {
                    continue;
                }
                let taken: BTreeSet<usize> = covered[u].iter().flat_map(|(_, p)| p.iter().copied()).collect();
                for (k, f) in forms.iter().enumerate() {
                    // A word of the context lexicon (wildcard slots do not count).
                    let function_word = ctx
                        .atoms
                        .matching(f)
                        .iter()
                        .any(|&a| ctx.atoms.get(a).kind != AtomKind::Any);
                    if taken.contains(&k)
                        || function_word
                        || f.folded.chars().count() < 5
                        || !f.folded.chars().all(char::is_alphabetic)
                    {
                        continue;
                    }
                    out.push((f.stem.clone(), f.folded.clone(), s.units[u].text.clone()));
                }
            }
            out
        })
        .collect();
    let mut by_stem: BTreeMap<String, (usize, BTreeMap<String, usize>, String)> = BTreeMap::new();
    for (stem, form, example) in found.into_iter().flatten() {
        let e = by_stem
            .entry(stem)
            .or_insert_with(|| (0, BTreeMap::new(), example));
        e.0 += 1;
        *e.1.entry(form).or_default() += 1;
    }
    let mut v: Vec<Suggestion> = by_stem
        .into_iter()
        .map(|(stem, (count, forms, example))| {
            let form = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            Suggestion {
                compound: form.chars().count() >= 11,
                stem,
                form,
                count,
                example,
            }
        })
        .filter(|s| s.count >= 2)
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.stem.cmp(&b.stem)));
    v.truncate(top);
    v
}
