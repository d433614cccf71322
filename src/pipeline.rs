//! The pipeline: runs the stages in data order over a set of inputs, documents in
//! parallel and the sections of one document in parallel, and collects the results
//! in input order so that every output is independent of scheduling.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analyze::analyze_section;
use crate::ingest::{discover, read_input, DiscoverError, IngestOptions, InputFile};
use crate::lexicon::{ContextRules, Lexicon};
use crate::matching::{match_section, UnitFindings};
use crate::registry::Registry;
use crate::scoring::{
    score_resoc, unit_evidence, ResocScore, ScoringOptions, SectionTotals, Totals, UnitEvidence,
};
use crate::segment::{segment_document, Section};
use crate::table::LoadError;

/// The instruments of a run: what is matched and how RESOCs are recognised.
pub struct Instruments {
    pub lexicon: Lexicon,
    pub context: ContextRules,
    pub registry: Registry,
}

impl Instruments {
    /// Loads the given files, or the built-in defaults. Any error stops the run before
    /// an input is read or an output touched.
    pub fn load(
        lexicon: Option<&std::path::Path>,
        context: Option<&std::path::Path>,
        registry: Option<&std::path::Path>,
    ) -> Result<Instruments, LoadError> {
        Ok(Instruments {
            lexicon: match lexicon {
                Some(p) => Lexicon::from_file(p)?,
                None => Lexicon::builtin(),
            },
            context: match context {
                Some(p) => ContextRules::from_file(p)?,
                None => ContextRules::builtin(),
            },
            registry: match registry {
                Some(p) => {
                    let name = p.to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(p)
                        .map_err(|e| LoadError::new(&name, 0, format!("cannot read: {e}")))?;
                    Registry::parse(&name, &text)?
                }
                None => Registry::builtin(),
            },
        })
    }
}

/// One input file as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputRecord {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    pub format: Option<String>,
    pub encoding: Option<String>,
    pub status: &'static str,
    pub reason: Option<String>,
}

pub struct SectionResult {
    pub section: Section,
    pub findings: Vec<UnitFindings>,
    pub evidence: Vec<UnitEvidence>,
    pub tokens: usize,
    pub totals: Totals,
}

impl SectionResult {
    pub fn theme_statement(&self) -> bool {
        self.findings.iter().any(|f| f.theme_statement)
    }
    pub fn unclear_statement(&self) -> bool {
        self.findings.iter().any(|f| f.unclear_statement)
    }
}

pub struct DocumentResult {
    pub name: String,
    pub title: Option<String>,
    pub sections: Vec<SectionResult>,
}

pub struct ResocResult {
    pub name: String,
    pub province: Option<String>,
    pub documents: usize,
    pub sections: usize,
    pub units: usize,
    pub tokens: usize,
    pub matches: usize,
    pub score: ResocScore,
}

pub struct RunResult {
    pub inputs: Vec<InputRecord>,
    pub documents: Vec<DocumentResult>,
    pub resocs: Vec<ResocResult>,
    /// Problems with input arguments or folder entries (not tied to a read file).
    pub discover_errors: Vec<DiscoverError>,
}

impl RunResult {
    pub fn skipped(&self) -> usize {
        self.inputs.iter().filter(|i| i.status != "read").count() + self.discover_errors.len()
    }
}

/// Discovers, reads and analyses all inputs, and scores every RESOC.
pub fn run(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
) -> RunResult {
    let (files, discover_errors) = discover(inputs);
    let (records, documents): (Vec<InputRecord>, Vec<Option<DocumentResult>>) = files
        .par_iter()
        .map(|f| process_file(f, ingest, instruments))
        .unzip();
    let documents: Vec<DocumentResult> = documents.into_iter().flatten().collect();
    let resocs = score_resocs(&documents, instruments, opts);
    RunResult {
        inputs: records,
        documents,
        resocs,
        discover_errors,
    }
}

fn process_file(
    file: &InputFile,
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> (InputRecord, Option<DocumentResult>) {
    let outcome = read_input(file, ingest);
    let mut record = InputRecord {
        path: outcome.name.clone(),
        bytes: outcome.bytes,
        sha256: outcome.sha256.clone(),
        format: None,
        encoding: None,
        status: "read",
        reason: None,
    };
    match outcome.result {
        Ok(doc) => {
            record.format = Some(doc.format.to_string());
            record.encoding = Some(doc.encoding.to_string());
            let segmented = segment_document(&doc.name, &doc.text, &instruments.registry);
            let sections = segmented
                .sections
                .into_par_iter()
                .map(|s| analyze_and_match(s, instruments))
                .collect();
            (
                record,
                Some(DocumentResult {
                    name: doc.name,
                    title: segmented.title,
                    sections,
                }),
            )
        }
        Err(e) => {
            record.status = "skipped";
            record.reason = Some(e.to_string());
            (record, None)
        }
    }
}

/// Analyze → match → unit evidence for one section.
pub fn analyze_and_match(section: Section, instruments: &Instruments) -> SectionResult {
    let analyzed = analyze_section(&section);
    let findings = match_section(&section, &analyzed, &instruments.lexicon, &instruments.context);
    let evidence: Vec<UnitEvidence> = findings
        .iter()
        .map(|f| unit_evidence(f, &instruments.lexicon))
        .collect();
    let totals = Totals::of(&evidence);
    SectionResult {
        tokens: analyzed.token_count(),
        section,
        findings,
        evidence,
        totals,
    }
}

fn score_resocs(
    documents: &[DocumentResult],
    instruments: &Instruments,
    opts: &ScoringOptions,
) -> Vec<ResocResult> {
    struct Acc<'a> {
        docs: std::collections::BTreeSet<&'a str>,
        units: Vec<UnitEvidence>,
        sections: Vec<SectionTotals>,
        tokens: usize,
        matches: usize,
    }
    let mut by_resoc: BTreeMap<&str, Acc> = BTreeMap::new();
    for doc in documents {
        for s in &doc.sections {
            let Some(resoc) = s.section.resoc.as_deref() else {
                continue;
            };
            let acc = by_resoc.entry(resoc).or_insert_with(|| Acc {
                docs: Default::default(),
                units: Vec::new(),
                sections: Vec::new(),
                tokens: 0,
                matches: 0,
            });
            acc.docs.insert(&doc.name);
            acc.units.extend_from_slice(&s.evidence);
            acc.sections.push(SectionTotals {
                totals: s.totals,
                evidence_units: s.evidence.iter().filter(|e| e.overleg + e.project > 0.0).count(),
                theme_statement: s.theme_statement(),
                unclear_statement: s.unclear_statement(),
            });
            acc.tokens += s.tokens;
            acc.matches += s.findings.iter().map(|f| f.matches.len()).sum::<usize>();
        }
    }
    let names: Vec<(&str, Acc)> = by_resoc.into_iter().collect();
    names
        .into_par_iter()
        .map(|(name, acc)| ResocResult {
            name: name.to_string(),
            province: instruments.registry.province(name).map(str::to_string),
            documents: acc.docs.len(),
            sections: acc.sections.len(),
            units: acc.units.len(),
            tokens: acc.tokens,
            matches: acc.matches,
            score: score_resoc(name, &acc.units, &acc.sections, opts),
        })
        .collect()
}
