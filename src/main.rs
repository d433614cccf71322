//! The `streekpact` command: a thin shell over the library.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use streekpact::ingest::IngestOptions;
use streekpact::instruments::Instruments;
use streekpact::lexicon::Source;
use streekpact::partial::{self, Partial};
use streekpact::pipeline::{analyze_inputs, run_streaming, Shard};
use streekpact::report::{
    recorded_command, summary_table, write_atomically, write_outputs, Dialect, OutputSink, RunOptions,
};
use streekpact::scoring::RunResult;
use streekpact::scoring::ScoringOptions;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "streekpact",
    version,
    about = "Scores the role of Flemish RESOCs in streekpacten: overleg, project, combinatie or onduidelijk, per RESOC and per section, with an audit trail per cue."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score a folder (or files) of streekpacten into resocs.csv, sections.csv,
    /// matches.csv and manifest.json.
    Score(ScoreArgs),
    /// Show why a RESOC got its score: per section and cue, each weighted sentence
    /// with its modifiers.
    Explain(ExplainArgs),
    /// Compare resocs.csv of a run with a human coding (gold.csv).
    Evaluate(EvaluateArgs),
    /// Combine the partial results of `score --shard K/N` runs into the outputs of a
    /// single run over all inputs.
    Merge(MergeArgs),
    /// Re-hash the inputs and lexicons of a recorded run: would a rerun see the same data?
    Verify(VerifyArgs),
    /// The lexicon workbench: check, sensitivity, import, suggest.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Internal: the text layer of one PDF (`-`: standard input), run by the other
    /// commands in a child process so that a crash or hang costs only that file.
    #[command(hide = true, name = "extract-pdf")]
    ExtractPdf { path: PathBuf },
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Validate the lexicon and, given inputs, show per cue its hits and matched forms,
    /// dead cues, entries that compete for the same words, and stem collisions.
    Check {
        #[arg(value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Write the findings as CSV on stdout instead of a table.
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        instruments: InstrumentArgs,
    },
    /// Leave-one-cue-out: how far each RESOC's score and type move without each cue.
    Sensitivity {
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Output folder for sensitivity.csv.
        #[arg(short, long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        instruments: InstrumentArgs,
    },
    /// Convert a LIWC .dic or a quanteda-style YAML dictionary into the native format.
    Import {
        /// The dictionary (.dic for LIWC; .yml/.yaml for YAML).
        file: PathBuf,
        /// Poles of the categories to keep, e.g. `overleg=-1,project=1`.
        #[arg(long, value_name = "CAT=VALUE,...")]
        poles: String,
        /// Where to write the lexicon (default: stdout).
        #[arg(short, long, value_name = "OUT.tsv")]
        out: Option<PathBuf>,
    },
    /// Candidate cues: frequent words in sentences about the RESOC that no cue covers.
    Suggest {
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// How many candidates to show.
        #[arg(long, default_value_t = 30)]
        top: usize,
        #[command(flatten)]
        instruments: InstrumentArgs,
    },
}

#[derive(Args, Clone)]
struct InstrumentArgs {
    /// Cue lexicon instead of the built-in one (docs/lexicon.md). Give it more than
    /// once to layer files: later ones add to or override earlier ones; `builtin` names
    /// the built-in lexicon (`--lexicon builtin --lexicon my-changes.tsv`).
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Context lexicon (negation, hedges, emphasis, actors) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    /// RESOC registry instead of the built-in lexicons/resocs.tsv.
    #[arg(long, value_name = "FILE")]
    registry: Option<PathBuf>,
    /// Seed of the bootstrap.
    #[arg(long, value_name = "N", default_value_t = ScoringOptions::default().seed)]
    seed: u64,
    /// Bootstrap replicates for the 95% interval.
    #[arg(long, value_name = "N", default_value_t = ScoringOptions::default().replicates)]
    replicates: usize,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Encoding of .txt/.md files without a BOM (e.g. windows-1252), instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
}

#[derive(Args, Clone, Copy)]
struct FormatArgs {
    /// Write the CSVs for a Dutch/Flemish Excel: UTF-8 BOM, ';', decimal comma, CRLF.
    #[arg(long)]
    excel: bool,
    /// Also write streekpact.xlsx: one sheet per table, numbers as numbers.
    #[arg(long)]
    xlsx: bool,
    /// Also write report.html: the RESOCs on the overleg–project axis, sections by
    /// theme, evidence sentences and provenance, in one offline page.
    #[arg(long)]
    report: bool,
    /// No progress bar, no summary table; only warnings and errors.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args)]
struct ScoreArgs {
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

#[derive(Args)]
struct ExplainArgs {
    /// The RESOC, as in resocs.csv ("RESOC Kempen") or an alias ("Kempen").
    resoc: String,
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Show at most this many sentences per section (strongest first).
    #[arg(long, default_value_t = 12)]
    top: usize,
    #[command(flatten)]
    instruments: InstrumentArgs,
}

#[derive(Args)]
struct EvaluateArgs {
    /// Human coding: columns resoc,type and optionally score, theme_dependent, split.
    #[arg(long, value_name = "GOLD.csv")]
    gold: PathBuf,
    /// Output folder of a score run (reads resocs.csv and matches.csv).
    out_dir: PathBuf,
    /// Only rows of gold.csv whose `split` column has this value.
    #[arg(long)]
    split: Option<String>,
}

#[derive(Args)]
struct MergeArgs {
    /// partial-K-of-N.json files, one per shard.
    #[arg(required = true, value_name = "PARTIAL")]
    partials: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
struct VerifyArgs {
    /// The manifest.json of the run to check.
    manifest: PathBuf,
    /// Folder the run was started from (input paths in the manifest are relative to it).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

/// Asks the kernel not to back this process's memory with transparent huge pages.
///
/// With THP set to `always` (common on Linux servers), mimalloc's arenas are faulted in
/// 2 MiB at a time, so a few live objects keep whole huge pages resident: peak RSS on a
/// 50 MB corpus was 81 MB with them and 46 MB without, and the kernel's zeroing of huge
/// pages took CPU instead of saving it (docs/performance.md). The flag is checked at
/// each page fault, so setting it first thing in `main` covers every later allocation.
#[cfg(target_os = "linux")]
fn without_transparent_huge_pages() {
    // SAFETY: prctl with PR_SET_THP_DISABLE takes no pointers; on an old kernel that does
    // not know it, it fails with EINVAL and nothing changes, which is fine.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn without_transparent_huge_pages() {}

fn main() -> ExitCode {
    without_transparent_huge_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(a) => score(a),
        Command::Explain(a) => explain(a),
        Command::Evaluate(a) => streekpact::evaluate::run_cli(&a.gold, &a.out_dir, a.split.as_deref()),
        Command::Merge(a) => merge(a),
        Command::Verify(a) => verify(a),
        Command::Lexicon(c) => lexicon(c),
        Command::ExtractPdf { path } => Ok(streekpact::ingest::pdf::child_main(&path)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("streekpact: error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Everything a run needs, loaded and checked before any input is read.
struct Prepared {
    instruments: Instruments,
    ingest: IngestOptions,
    opts: ScoringOptions,
    pool: rayon::ThreadPool,
}

fn prepare(args: &InstrumentArgs) -> Result<Prepared, String> {
    let sources: Vec<Source> = args.lexicon.iter().map(|p| Source::from_arg(p)).collect();
    let instruments = Instruments::load(&sources, args.context.as_deref(), args.registry.as_deref())
        .map_err(|e| format!("{e}\n(fix the file, or leave the option out to use the built-in default)"))?;
    let opts = ScoringOptions {
        seed: args.seed,
        replicates: args.replicates,
        ..ScoringOptions::default()
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        if n == 0 {
            return Err("--threads must be at least 1".into());
        }
        builder = builder.num_threads(n);
    }
    let pool = builder
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let ingest = IngestOptions {
        encoding: args.encoding.clone(),
    };
    ingest.validate().map_err(|e| format!("{e}"))?;
    Ok(Prepared {
        instruments,
        ingest,
        opts,
        pool,
    })
}

/// A progress bar on stderr when it is a terminal and not `--quiet`; otherwise nothing.
fn progress(quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn score(a: ScoreArgs) -> Result<u8, String> {
    let shard = a.shard.as_deref().map(Shard::parse).transpose()?;
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
        dialect: if a.format.excel {
            Dialect::Excel
        } else {
            Dialect::Plain
        },
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
    let mut sink = OutputSink::create(&a.out, &options).map_err(|e| write_error(&a.out, e))?;
    let result = pool
        .install(|| {
            // Every output streams: the CSV files and the workbook get each document's
            // rows, the HTML report what it shows of it; no document is kept.
            run_streaming(&a.inputs, &ingest, &instruments, &opts, &tick, &mut sink)
        })
        .map_err(|e| write_error(&a.out, e))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let provenance = instruments.provenance();
    finish_run(
        &result,
        || sink.finish(&result, &provenance),
        &a.out,
        a.format.quiet,
    )
}

fn write_error(out: &std::path::Path, e: std::io::Error) -> String {
    format!(
        "cannot write outputs to {}: {e} (check the folder's permissions and free space)",
        out.display()
    )
}

fn report_skipped(result_inputs: &[streekpact::ingest::InputRecord], problems: &[String]) {
    for p in problems {
        eprintln!("streekpact: skipped {p}");
    }
    for i in result_inputs.iter().filter(|i| !i.is_read()) {
        eprintln!(
            "streekpact: skipped {}: {}",
            i.path,
            i.reason.as_deref().unwrap_or("unreadable")
        );
    }
}

/// Reports skipped inputs, completes the output folder with `write`, and prints the
/// summary; the exit status says whether anything was skipped.
fn finish_run(
    result: &RunResult,
    write: impl FnOnce() -> std::io::Result<Vec<PathBuf>>,
    out: &std::path::Path,
    quiet: bool,
) -> Result<u8, String> {
    report_skipped(&result.inputs, &result.input_problems);
    write().map_err(|e| write_error(out, e))?;
    if !quiet {
        print!("{}", summary_table(result));
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
    if read == 0 {
        eprintln!(
            "streekpact: warning: no readable file among the inputs; give a folder or files with pacts"
        );
    }
    Ok(if skipped > 0 { 1 } else { 0 })
}

fn write_partial(
    shard: Shard,
    analysis: streekpact::scoring::Analysis,
    instruments: &Instruments,
    options: RunOptions,
    out: &std::path::Path,
    quiet: bool,
) -> Result<u8, String> {
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
    let bytes = partial::to_bytes(&p).map_err(|e| e.to_string())?;
    write_atomically(out, &[(name.clone(), bytes)])
        .map_err(|e| format!("cannot write {}: {e}", out.join(&name).display()))?;
    if !quiet {
        eprintln!(
            "streekpact: shard {}/{}: {files} file(s), {skipped} skipped → {}; combine all shards with `streekpact merge`",
            shard.index,
            shard.count,
            out.join(&name).display()
        );
    }
    Ok(if skipped > 0 { 1 } else { 0 })
}

fn merge(a: MergeArgs) -> Result<u8, String> {
    let partials = a
        .partials
        .iter()
        .map(|p| partial::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let (result, options, provenance) = partial::merge(partials)?;
    let options = RunOptions {
        out: a.out.to_string_lossy().into_owned(),
        dialect: if a.format.excel {
            Dialect::Excel
        } else {
            options.dialect
        },
        xlsx: a.format.xlsx || options.xlsx,
        report: a.format.report || options.report,
        ..options
    };
    finish_run(
        &result,
        || write_outputs(&a.out, &result, &provenance, &options),
        &a.out,
        a.format.quiet,
    )
}

fn verify(a: VerifyArgs) -> Result<u8, String> {
    let (report, ok) = streekpact::verify::verify(&a.manifest, &a.root)?;
    print!("{report}");
    Ok(if ok { 0 } else { 1 })
}

fn explain(a: ExplainArgs) -> Result<u8, String> {
    let Prepared {
        instruments,
        ingest,
        opts,
        pool,
    } = prepare(&a.instruments)?;
    let result = pool.install(|| streekpact::pipeline::run(&a.inputs, &ingest, &instruments, &opts));
    let text = streekpact::explain::explain(&result, &instruments, &opts, &a.resoc, a.top)?;
    print!("{text}");
    Ok(if result.skipped() > 0 { 1 } else { 0 })
}

fn lexicon(c: LexiconCommand) -> Result<u8, String> {
    use streekpact::workbench;
    match c {
        LexiconCommand::Check {
            inputs,
            csv,
            instruments,
        } => {
            let Prepared {
                instruments,
                ingest,
                pool,
                ..
            } = prepare(&instruments)?;
            let report =
                pool.install(|| workbench::check(&instruments.lexicon, &inputs, &ingest, &instruments));
            if csv {
                let bytes = workbench::check_csv(&report, &instruments.lexicon)?;
                std::io::Write::write_all(&mut std::io::stdout(), &bytes).map_err(|e| e.to_string())?;
            } else {
                print!("{}", workbench::check_text(&report, &instruments.lexicon));
            }
            Ok(0)
        }
        LexiconCommand::Sensitivity {
            inputs,
            out,
            instruments,
        } => {
            let Prepared {
                instruments,
                ingest,
                opts,
                pool,
            } = prepare(&instruments)?;
            let rows = pool.install(|| workbench::sensitivity(&inputs, &ingest, &instruments, &opts));
            let bytes = workbench::sensitivity_csv(&rows)?;
            write_atomically(&out, &[("sensitivity.csv".to_string(), bytes)])
                .map_err(|e| format!("cannot write {}: {e}", out.join("sensitivity.csv").display()))?;
            println!(
                "{:<24} {:<28} {:>8} {:>8}  type",
                "cue", "RESOC", "before", "after"
            );
            for r in rows.iter().take(15) {
                let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:+.3}"));
                println!(
                    "{:<24} {:<28} {:>8} {:>8}  {}{}",
                    r.cue,
                    r.resoc,
                    f(r.score_before),
                    f(r.score_after),
                    r.type_before,
                    if r.type_changed() {
                        format!(" → {}", r.type_after)
                    } else {
                        String::new()
                    }
                );
            }
            eprintln!(
                "streekpact: {} row(s) in {}",
                rows.len(),
                out.join("sensitivity.csv").display()
            );
            Ok(0)
        }
        LexiconCommand::Import { file, poles, out } => {
            let poles = workbench::parse_poles(&poles)?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
            let name = file.to_string_lossy().into_owned();
            let ext = file
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let imported = match ext.as_str() {
                "dic" => workbench::import_liwc(&name, &text, &poles)?,
                "yml" | "yaml" => workbench::import_yaml(&name, &text, &poles)?,
                other => {
                    return Err(format!(
                        "{name}: unknown dictionary type '.{other}' (expected .dic or .yml/.yaml)"
                    ))
                }
            };
            match &out {
                Some(p) => {
                    let dir = p
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .unwrap_or(std::path::Path::new("."));
                    let fname = p
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "lexicon.tsv".into());
                    write_atomically(dir, &[(fname, imported.tsv.clone().into_bytes())])
                        .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
                }
                None => print!("{}", imported.tsv),
            }
            eprintln!(
                "streekpact: {} entr(y/ies) imported, {} not imported:",
                imported.entries,
                imported.skipped.len()
            );
            for s in &imported.skipped {
                eprintln!("  {} [{}]: {}", s.entry, s.category, s.reason);
            }
            Ok(0)
        }
        LexiconCommand::Suggest {
            inputs,
            top,
            instruments,
        } => {
            let Prepared {
                instruments,
                ingest,
                pool,
                ..
            } = prepare(&instruments)?;
            let found = pool.install(|| workbench::suggest(&inputs, &ingest, &instruments, top));
            println!("{:<18} {:>5}  {:<8}  example", "word", "count", "compound");
            for s in found {
                println!(
                    "{:<18} {:>5}  {:<8}  {}",
                    s.form,
                    s.count,
                    if s.compound { "yes" } else { "" },
                    s.example
                );
            }
            Ok(0)
        }
    }
}
