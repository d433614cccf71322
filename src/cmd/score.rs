//! `streekpact score`: a folder (or files) of pacts → resocs.csv, sections.csv,
//! matches.csv and manifest.json (and the workbook and report when asked), or with
//! `--shard K/N` one partial result for `merge`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;

use streekpact::instruments::Instruments;
use streekpact::partial::{self, Partial};
use streekpact::pipeline::{analyze_inputs, run_streaming, Shard};
use streekpact::report::{
    attribution_summary, recorded_command, summary_table, write_atomically, OutputSink, RunOptions,
};
use streekpact::scoring::{Analysis, RunResult};

use super::{
    dialect_of, prepare, progress, report_skipped, require_inputs, write_error, CmdError, FormatArgs,
    InstrumentArgs, Outcome, Prepared,
};

#[derive(Args)]
pub struct ScoreArgs {
    /// Files and/or folders (walked recursively, in sorted order).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Process only shard K of N (by a hash of each file's name) and write a partial
    /// result for `streekpact merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    #[command(flatten)]
    format: FormatArgs,
    #[command(flatten)]
    instruments: InstrumentArgs,
}

pub fn run(a: ScoreArgs) -> Result<Outcome, CmdError> {
    let shard = a
        .shard
        .as_deref()
        .map(Shard::parse)
        .transpose()
        .map_err(CmdError::Usage)?;
    require_inputs(&a.inputs)?;
    super::require_output_folder(&a.out)?;
    let Prepared {
        instruments,
        ingest,
        opts,
        pool,
    } = prepare(&a.instruments)?;
    let bar = progress(a.format.quiet);
    let tick = |total: usize| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.inc(1);
        }
    };
    let command = recorded_command(&std::env::args().skip(1).collect::<Vec<_>>());
    let options = RunOptions {
        command,
        inputs: a
            .inputs
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        out: a.out.to_string_lossy().into_owned(),
        dialect: dialect_of(a.format.excel),
        xlsx: a.format.xlsx,
        report: a.format.report,
        encoding: ingest.encoding.clone(),
        scoring: opts,
    };
    if let Some(shard) = shard {
        let analysis = pool.install(|| analyze_inputs(&a.inputs, Some(shard), &ingest, &instruments, &tick));
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        return write_partial(shard, analysis, &instruments, options, &a.out, a.format.quiet);
    }
    let mut sink = OutputSink::create(&a.out, &options).map_err(write_error(&a.out))?;
    // Every output streams: the CSV files and the workbook get each document's rows, the
    // HTML report what it shows of it; no document is kept.
    let result = pool
        .install(|| run_streaming(&a.inputs, &ingest, &instruments, &opts, &tick, &mut sink))
        .map_err(write_error(&a.out))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if !result.inputs.iter().any(|i| i.is_read()) {
        // Earlier results in the folder stay as they were: dropping the sink removes
        // the files it staged.
        report_skipped(&result.inputs, &result.input_problems);
        drop(sink);
        return Err(CmdError::Input(format!(
            "no readable file among the inputs; nothing was written to {}",
            a.out.display()
        )));
    }
    let provenance = instruments.provenance();
    finish_run(
        &result,
        || sink.finish(&result, &provenance),
        &a.out,
        a.format.quiet,
    )
}

/// Reports skipped inputs, completes the output folder with `write`, and prints the
/// summary (shared by `score` and `merge`).
pub fn finish_run(
    result: &RunResult,
    write: impl FnOnce() -> std::io::Result<Vec<PathBuf>>,
    out: &Path,
    quiet: bool,
) -> Result<Outcome, CmdError> {
    report_skipped(&result.inputs, &result.input_problems);
    report_unattributed(result);
    write().map_err(write_error(out))?;
    if !quiet {
        print!("{}{}", summary_table(result), attribution_summary(result));
    }
    let read = result.inputs.iter().filter(|i| i.is_read()).count();
    let skipped = result.skipped();
    if !quiet {
        eprintln!(
            "streekpact: {read} file(s) read, {skipped} skipped; {} RESOC(s); outputs in {}",
            result.resocs.len(),
            out.display()
        );
    }
    let parse = result.counts.parse;
    if parse.units_not_parsed > 0 {
        eprintln!(
            "streekpact: {} of {} sentence(s) that needed a parse could not be parsed (too long, or a parser error) and were read word by word; manifest.json counts.parse has the figures",
            parse.units_not_parsed,
            parse.units_not_parsed + parse.units_parsed
        );
    }
    if read == 0 {
        eprintln!(
            "streekpact: warning: no readable file among the inputs; give a folder or files with pacts"
        );
    }
    Ok(Outcome::incomplete_if(skipped > 0))
}

/// Warns about each document whose role evidence counted for no RESOC, and names the
/// RESOCs found outside the registry.
fn report_unattributed(result: &RunResult) {
    for d in result
        .attribution
        .iter()
        .filter(|d| d.unattributed_evidence > 0.0)
    {
        eprintln!(
            "streekpact: warning: {}: {:.1} of evidence belongs to no RESOC; name it in the title or with --registry",
            d.path, d.unattributed_evidence
        );
    }
    for d in &result.attribution {
        for (section, language) in &d.other_language_sections {
            eprintln!(
                "streekpact: note: {}: section {section} not read: not Dutch (detected: {language})",
                d.path
            );
        }
    }
    let outside = result.resocs_not_in_registry();
    if !outside.is_empty() {
        eprintln!(
            "streekpact: RESOC(s) not in the registry, kept as written: {}",
            outside.join(", ")
        );
    }
}

fn write_partial(
    shard: Shard,
    analysis: Analysis,
    instruments: &Instruments,
    options: RunOptions,
    out: &Path,
    quiet: bool,
) -> Result<Outcome, CmdError> {
    report_skipped(&analysis.inputs, &analysis.input_problems);
    let mut provinces = BTreeMap::new();
    for s in analysis.documents.iter().flat_map(|d| &d.sections) {
        if let Some(r) = &s.resoc {
            if let Some(p) = instruments.registry.province(r) {
                provinces.insert(r.clone(), p.to_string());
            }
        }
    }
    let skipped = analysis.inputs.iter().filter(|i| !i.is_read()).count() + analysis.input_problems.len();
    let files = analysis.inputs.len();
    let p = Partial {
        format: partial::FORMAT.into(),
        version: streekpact::report::TOOL_VERSION.into(),
        shard,
        options,
        provenance: instruments.provenance(),
        provinces,
        inputs: analysis.inputs,
        documents: analysis.documents,
        input_problems: analysis.input_problems,
    };
    let name = partial::file_name(shard);
    let path = out.join(&name);
    let bytes = partial::to_bytes(&p).map_err(|e| CmdError::Input(e.to_string()))?;
    write_atomically(out, &[(name, bytes)]).map_err(|source| CmdError::WriteFile {
        path: path.clone(),
        source,
    })?;
    if !quiet {
        eprintln!(
            "streekpact: shard {}/{}: {files} file(s), {skipped} skipped → {}; combine all shards with `streekpact merge`",
            shard.index,
            shard.count,
            path.display()
        );
    }
    Ok(Outcome::incomplete_if(skipped > 0))
}
