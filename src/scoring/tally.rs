//! A run's documents, in name order → the evidence of each RESOC and the run's counts,
//! in memory that grows with the number of RESOCs, not of documents.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{
    score_resoc, Analysis, DocumentAttribution, DocumentSummary, ElsewhereEvidence, ResocEvidence,
    ResocResult, RunCounts, RunResult, ScoringOptions, SectionEvidence,
};

/// What one document (or part of one) contributes to a [`Tally`]: per section its
/// RESOC, counts and evidence, without its rows.
pub struct DocumentTally {
    name: String,
    sections: Vec<SectionTally>,
}

struct SectionTally {
    resoc: Option<String>,
    units: usize,
    tokens: usize,
    matches: usize,
    evidence: Vec<(f64, f64)>,
    elsewhere: Vec<ElsewhereEvidence>,
    index: usize,
    other_language: Option<String>,
    theme_statement: bool,
    unclear_statement: bool,
    parse: super::ParseCounts,
}

impl DocumentTally {
    pub fn of(doc: &DocumentSummary) -> DocumentTally {
        DocumentTally {
            name: doc.name.clone(),
            sections: doc
                .sections
                .iter()
                .map(|s| SectionTally {
                    resoc: s.resoc.clone(),
                    units: s.units,
                    tokens: s.tokens,
                    matches: s.matches.len(),
                    evidence: s.evidence.clone(),
                    elsewhere: s.elsewhere.clone(),
                    index: s.index,
                    other_language: s.other_language.clone(),
                    theme_statement: s.theme_statement,
                    unclear_statement: s.unclear_statement,
                    parse: s.parse,
                })
                .collect(),
        }
    }
}

/// Gathers RESOC evidence and run counts document by document, in name order, in
/// memory that does not grow with the number of documents (only with the number of
/// RESOCs).
pub struct Tally<'o> {
    opts: &'o ScoringOptions,
    resocs: BTreeMap<String, ResocTally>,
    counts: RunCounts,
    /// Per document, which RESOCs it was attributed to and what counted for none.
    attribution: Vec<DocumentAttribution>,
}

#[derive(Default)]
struct ResocTally {
    evidence: ResocEvidence,
    documents: usize,
    /// The ordinal of the last document that had a section of this RESOC.
    last_document: usize,
    tokens: usize,
    matches: usize,
}

impl<'o> Tally<'o> {
    pub fn new(opts: &'o ScoringOptions) -> Tally<'o> {
        Tally {
            opts,
            resocs: BTreeMap::new(),
            counts: RunCounts::default(),
            attribution: Vec::new(),
        }
    }

    /// Adds one document, or the next part of the last one (`continues`). Call in name
    /// order: the sums depend on the order.
    pub fn add_document(&mut self, doc: &DocumentSummary, continues: bool) {
        self.add(&DocumentTally::of(doc), continues);
    }

    /// [`Tally::add_document`] from what a document contributes.
    pub fn add(&mut self, doc: &DocumentTally, continues: bool) {
        if !continues || self.counts.documents == 0 {
            self.counts.documents += 1;
        }
        let ordinal = self.counts.documents;
        if self.attribution.len() < ordinal {
            self.attribution.push(DocumentAttribution {
                path: doc.name.clone(),
                resocs: Vec::new(),
                unattributed_evidence: 0.0,
                other_language_sections: Vec::new(),
            });
        }
        let mut unattributed = 0.0;
        for s in &doc.sections {
            self.counts.sections += 1;
            self.counts.units += s.units;
            self.counts.tokens += s.tokens;
            self.counts.matches += s.matches;
            self.counts.parse.add(s.parse);
            if let (Some(language), Some(found)) = (&s.other_language, self.attribution.last_mut()) {
                found.other_language_sections.push((s.index, language.clone()));
            }
            // Units that name other RESOCs count for those (or, a merger, for nobody).
            for e in &s.elsewhere {
                if e.resocs.is_empty() {
                    unattributed += e.overleg + e.project;
                }
                for resoc in &e.resocs {
                    self.resoc_in_document(resoc, ordinal)
                        .evidence
                        .add_unit(e.overleg, e.project);
                }
            }
            let Some(resoc) = s.resoc.as_deref() else {
                for (o, p) in &s.evidence {
                    unattributed += o + p;
                }
                continue;
            };
            let opts = self.opts;
            let acc = self.resoc_in_document(resoc, ordinal);
            acc.evidence.add_section(
                SectionEvidence {
                    evidence: &s.evidence,
                    units: s.units,
                    theme_statement: s.theme_statement,
                    unclear_statement: s.unclear_statement,
                },
                opts,
            );
            acc.tokens += s.tokens;
            acc.matches += s.matches;
        }
        if let Some(found) = self.attribution.last_mut() {
            found.unattributed_evidence += unattributed;
        }
    }

    /// The tally of `resoc`, counted as found in the document of `ordinal`.
    fn resoc_in_document(&mut self, resoc: &str, ordinal: usize) -> &mut ResocTally {
        if let Some(found) = self.attribution.last_mut() {
            if !found.resocs.iter().any(|r| r == resoc) {
                found.resocs.push(resoc.to_string());
            }
        }
        let acc = self.resocs.entry(resoc.to_string()).or_default();
        if acc.last_document != ordinal {
            acc.last_document = ordinal;
            acc.documents += 1;
        }
        acc
    }

    /// Scores every RESOC (in parallel; in name order) and returns the run's counts and
    /// each document's attribution.
    pub fn finish(
        self,
        province: &(dyn Fn(&str) -> Option<String> + Sync),
    ) -> (Vec<ResocResult>, RunCounts, Vec<DocumentAttribution>) {
        let opts = self.opts;
        let resocs: Vec<(String, ResocTally)> = self.resocs.into_iter().collect();
        let scored = resocs
            .into_par_iter()
            .map(|(name, acc)| ResocResult {
                province: province(&name),
                documents: acc.documents,
                sections: acc.evidence.sections,
                units: acc.evidence.units,
                tokens: acc.tokens,
                matches: acc.matches,
                score: score_resoc(&name, &acc.evidence, opts),
                name,
            })
            .collect();
        (scored, self.counts, self.attribution)
    }
}

/// Scores RESOCs from analysed documents: the step a single run and a merge of
/// partial results share, so both give the same bytes.
pub fn score_documents(
    analysis: Analysis,
    province: &(dyn Fn(&str) -> Option<String> + Sync),
    opts: &ScoringOptions,
) -> RunResult {
    let Analysis {
        mut inputs,
        mut documents,
        input_problems,
    } = analysis;
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    let mut tally = Tally::new(opts);
    for d in &documents {
        tally.add_document(d, false);
    }
    let (resocs, counts, attribution) = tally.finish(province);
    RunResult {
        inputs,
        documents,
        resocs,
        input_problems,
        counts,
        attribution,
    }
}
