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

use crate::ingest::{discover, read_input, IngestOptions};
use crate::instruments::Instruments;
use crate::segment::{segment_document, Section};

pub use check::{check, check_csv, check_text, CheckReport, CueUse, Overlap};
pub use import::{import_liwc, import_yaml, parse_poles, Imported, Skipped};
pub use sensitivity::{sensitivity, sensitivity_csv, Influence};
pub use suggest::{suggest, Suggestion};

/// All sections of the readable inputs, in input order, with their document name.
pub(crate) fn sections_of(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> Vec<(String, Section)> {
    let (files, _) = discover(inputs);
    files
        .par_iter()
        .filter_map(|f| read_input(f, ingest).result.ok())
        .map(|doc| {
            let seg = segment_document(&doc.name, &doc.text, &instruments.registry);
            seg.sections
                .into_iter()
                .map(|s| (doc.name.clone(), s))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}
