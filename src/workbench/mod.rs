//! The lexicon workbench: `lexicon check`, `lexicon sensitivity`, `lexicon import`
//! and `lexicon suggest`. The lexicon is the researcher's instrument; these commands
//! show what each entry catches, which entries carry a conclusion, and bring in
//! dictionaries from LIWC and quanteda.
//!
//! One file per command: [`check`], [`sensitivity`], [`import`], [`suggest`].

mod check;
mod import;
mod sensitivity;
mod suggest;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::ingest::{discover, read_input, IngestOptions, InputRecord};
use crate::instruments::Instruments;
use crate::segment::{segment_document, Section};

pub use check::{check, check_csv, check_text, CheckReport, CueUse, Overlap};
pub use import::{import_liwc, import_yaml, parse_poles, Imported, Skipped};
pub use sensitivity::{sensitivity, sensitivity_csv, Influence};
pub use suggest::{suggest, Suggestion};

/// The corpus the workbench reads: every section of the readable inputs, in input
/// order, with its document name, read by the pipeline's reader; and what could not be
/// read, so that the commands report it as `score` does.
pub struct Corpus {
    pub sections: Vec<(String, Section)>,
    /// Every input file with its status (read or skipped, and why).
    pub inputs: Vec<InputRecord>,
    /// Input arguments or folder entries that could not be walked.
    pub problems: Vec<String>,
    /// `--language-check off`: sections in other languages are read too.
    pub read_all_languages: bool,
}

impl Corpus {
    pub fn read(inputs: &[PathBuf], ingest: &IngestOptions, instruments: &Instruments) -> Corpus {
        let (files, problems) = discover(inputs);
        let read: Vec<(InputRecord, Vec<(String, Section)>)> = files
            .par_iter()
            .map(|f| {
                let (record, doc) = InputRecord::of(read_input(f, ingest));
                let sections = doc.map_or_else(Vec::new, |doc| {
                    segment_document(&doc.name, &doc.text, &instruments.registry)
                        .sections
                        .into_iter()
                        .map(|s| (doc.name.clone(), s))
                        .collect()
                });
                (record, sections)
            })
            .collect();
        let mut corpus = Corpus {
            sections: Vec::new(),
            inputs: Vec::new(),
            problems: problems.iter().map(|e| e.to_string()).collect(),
            read_all_languages: ingest.keep_other_languages,
        };
        for (record, sections) in read {
            corpus.inputs.push(record);
            corpus.sections.extend(sections);
        }
        corpus
    }

    /// Whether anything could not be read.
    pub fn skipped(&self) -> usize {
        self.inputs.iter().filter(|i| !i.is_read()).count() + self.problems.len()
    }
}
