//! Report: the run's results → `resocs.csv`, `sections.csv`, `matches.csv`,
//! `manifest.json` and optionally `streekpact.xlsx` (each written to a temporary file in
//! the output folder and renamed only when all are complete), and the summary table.
//!
//! The tables are built once as typed cells; the CSV dialects and the workbook render
//! the same cells, so they can never disagree.
//!
//! | module | holds |
//! |---|---|
//! | [`csv`] | the dialects, typed cells, spreadsheet safety, CSV bytes |
//! | [`tables`] | the tables as cells, and one document's rendered rows |
//! | [`sink`] | the output folder: staged files, atomic renames, the pipeline's sink |
//! | [`manifest`] | manifest.json |
//! | [`summary`] | the table printed on stdout |
//! | [`workbook`] | streekpact.xlsx |
//! | [`html`] | report.html |

mod csv;
pub mod html;
mod manifest;
mod sink;
mod summary;
mod tables;
pub mod workbook;

use std::path::{Path, PathBuf};

use crate::instruments::Provenance;
use crate::scoring::{RunResult, ScoringOptions};

pub use csv::{csv_file, safe_text, Cell, Dialect};
pub use sink::{write_atomically, OutputSink, RowRenderer};
pub use summary::{attribution_summary, summary_table};
pub use tables::{
    inputs_table, matches_table, modifiers_cell, render_rows, resocs_table, sections_table, RenderedRows,
    Table, INPUT_COLUMNS, MATCH_COLUMNS, RESOC_COLUMNS, SECTION_COLUMNS,
};

pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The command line as the manifest records it: without the options that cannot
/// change a result (`--threads`, `--quiet`) or that only split the work (`--shard`), so
/// that runs at any thread count, and a merge of shards, record the same command.
pub fn recorded_command(args: &[String]) -> Vec<String> {
    const WITH_VALUE: &[&str] = &["--threads", "--shard"];
    const FLAGS: &[&str] = &["--quiet", "-q"];
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if std::mem::take(&mut skip) {
            continue;
        }
        if WITH_VALUE.contains(&a.as_str()) {
            skip = true;
            continue;
        }
        if FLAGS.contains(&a.as_str()) || WITH_VALUE.iter().any(|o| a.starts_with(&format!("{o}="))) {
            continue;
        }
        out.push(a.clone());
    }
    out
}

/// Everything about the run that is not a result, for the manifest.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunOptions {
    /// The command line after the program name (for a merged run: the score command
    /// of the partials, without `--shard`).
    pub command: Vec<String>,
    pub inputs: Vec<String>,
    pub out: String,
    pub dialect: Dialect,
    pub xlsx: bool,
    /// Whether report.html is written.
    #[serde(default)]
    pub report: bool,
    /// `--encoding`, when given.
    pub encoding: Option<String>,
    pub scoring: ScoringOptions,
}

/// Writes all output files of a finished run into `out` (all documents in `run`).
pub fn write_outputs(
    out: &Path,
    run: &RunResult,
    provenance: &Provenance,
    options: &RunOptions,
) -> std::io::Result<Vec<PathBuf>> {
    let mut sink = OutputSink::create(out, options)?;
    for doc in &run.documents {
        sink.add_document(doc)?;
    }
    sink.finish(run, provenance)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod command_tests {
    use super::*;

    #[test]
    fn recorded_command_leaves_out_what_changes_no_result() {
        let cmd: Vec<String> = [
            "score",
            "corpus",
            "--shard",
            "2/3",
            "-o",
            "x",
            "--threads=2",
            "-q",
            "--threads",
            "1",
            "--excel",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(recorded_command(&cmd), ["score", "corpus", "-o", "x", "--excel"]);
    }
}
