//! manifest.json: everything about a run that is not a result — tool and commit,
//! options, stemmer, instruments with their hashes, inputs, and counts.

use super::{RunOptions, TOOL_VERSION};
use crate::analyze::STEMMER;
use crate::ingest::InputRecord;
use crate::instruments::Provenance;
use crate::lexicon::SourceInfo;
use crate::scoring::RunResult;

#[derive(serde::Serialize)]
struct Manifest<'a> {
    tool: &'static str,
    version: &'static str,
    git_commit: &'static str,
    options: &'a RunOptions,
    stemmer: &'static str,
    lexicon: &'a [SourceInfo],
    context_lexicon: &'a SourceInfo,
    registry: &'a SourceInfo,
    inputs: &'a [InputRecord],
    input_problems: &'a [String],
    counts: Counts,
    /// Per document: the RESOCs found and the evidence that counted for none.
    documents: Vec<DocumentEntry<'a>>,
    /// RESOCs the texts name that the registry does not list (kept as written).
    resocs_not_in_registry: Vec<&'a str>,
    outputs: Vec<&'static str>,
}

#[derive(serde::Serialize)]
struct DocumentEntry<'a> {
    path: &'a str,
    resocs: &'a [String],
    /// Rounded to four decimals, as the CSV files write numbers.
    unattributed_evidence: f64,
    /// Long sections not read because they are in another language.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    other_language_sections: &'a [(usize, String)],
}

#[derive(serde::Serialize)]
struct Counts {
    files: usize,
    read: usize,
    skipped: usize,
    documents: usize,
    sections: usize,
    units: usize,
    tokens: usize,
    matches: usize,
    resocs: usize,
    /// Units parsed (and their words), and units read lexically because the parser
    /// could not take them.
    parse: crate::scoring::ParseCounts,
}

pub(super) fn manifest_json(
    run: &RunResult,
    provenance: &Provenance,
    options: &RunOptions,
) -> std::io::Result<Vec<u8>> {
    let mut outputs = vec!["resocs.csv", "sections.csv", "matches.csv", "clauses.csv"];
    if options.xlsx {
        outputs.push("streekpact.xlsx");
    }
    if options.report {
        outputs.push("report.html");
    }
    let manifest = Manifest {
        tool: "streekpact",
        version: TOOL_VERSION,
        git_commit: env!("STREEKPACT_GIT_COMMIT"),
        options,
        stemmer: STEMMER,
        lexicon: &provenance.lexicon,
        context_lexicon: &provenance.context_lexicon,
        registry: &provenance.registry,
        inputs: &run.inputs,
        input_problems: &run.input_problems,
        counts: Counts {
            files: run.inputs.len(),
            read: run.inputs.iter().filter(|i| i.is_read()).count(),
            skipped: run.skipped(),
            documents: run.counts.documents,
            sections: run.counts.sections,
            units: run.counts.units,
            tokens: run.counts.tokens,
            matches: run.counts.matches,
            resocs: run.resocs.len(),
            parse: run.counts.parse,
        },
        documents: run
            .attribution
            .iter()
            .map(|d| DocumentEntry {
                path: &d.path,
                resocs: &d.resocs,
                unattributed_evidence: (d.unattributed_evidence * 1e4).round() / 1e4,
                other_language_sections: &d.other_language_sections,
            })
            .collect(),
        resocs_not_in_registry: run.resocs_not_in_registry(),
        outputs,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}
