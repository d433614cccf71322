//! The `streekpact` command: a thin shell over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use streekpact::ingest::IngestOptions;
use streekpact::pipeline::{run, Instruments};
use streekpact::report::{summary_table, write_outputs, Dialect, RunOptions};
use streekpact::scoring::ScoringOptions;

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
}

#[derive(Args, Clone)]
struct InstrumentArgs {
    /// Cue lexicon to use instead of the built-in default (docs/lexicon.md).
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
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

#[derive(Args)]
struct ScoreArgs {
    /// Files and/or folders (walked recursively, in sorted order).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Write the CSVs for a Dutch/Flemish Excel: UTF-8 BOM, ';', decimal comma, CRLF.
    #[arg(long)]
    excel: bool,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(a) => score(a),
        Command::Explain(a) => explain(a),
        Command::Evaluate(a) => streekpact::evaluate::run_cli(&a.gold, &a.out_dir, a.split.as_deref()),
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
    let instruments = Instruments::load(
        args.lexicon.as_deref(),
        args.context.as_deref(),
        args.registry.as_deref(),
    )
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
    Ok(Prepared {
        instruments,
        ingest,
        opts,
        pool,
    })
}

fn score(a: ScoreArgs) -> Result<u8, String> {
    let Prepared {
        instruments,
        ingest,
        opts,
        pool,
    } = prepare(&a.instruments)?;
    let result = pool.install(|| run(&a.inputs, &ingest, &instruments, &opts));
    for e in &result.discover_errors {
        eprintln!("streekpact: skipped {e}");
    }
    for i in result.inputs.iter().filter(|i| i.status != "read") {
        eprintln!(
            "streekpact: skipped {}: {}",
            i.path,
            i.reason.as_deref().unwrap_or("unreadable")
        );
    }
    let options = RunOptions {
        command: std::env::args().skip(1).collect(),
        inputs: a
            .inputs
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        out: a.out.to_string_lossy().into_owned(),
        dialect: if a.excel { Dialect::Excel } else { Dialect::Plain },
        scoring: opts,
    };
    write_outputs(&a.out, &result, &instruments, &options)
        .map_err(|e| format!("cannot write outputs to {}: {e}", a.out.display()))?;
    print!("{}", summary_table(&result));
    let read = result.inputs.iter().filter(|i| i.status == "read").count();
    let skipped = result.skipped();
    eprintln!(
        "streekpact: {read} file(s) read, {skipped} skipped; {} RESOC(s); outputs in {}",
        result.resocs.len(),
        a.out.display()
    );
    if read == 0 {
        eprintln!("streekpact: warning: no readable .txt or .md file among the inputs");
    }
    Ok(if skipped > 0 { 1 } else { 0 })
}

fn explain(a: ExplainArgs) -> Result<u8, String> {
    let Prepared {
        instruments,
        ingest,
        opts,
        pool,
    } = prepare(&a.instruments)?;
    let result = pool.install(|| run(&a.inputs, &ingest, &instruments, &opts));
    let text = streekpact::explain::explain(&result, &instruments, &a.resoc, a.top)?;
    print!("{text}");
    Ok(if result.skipped() > 0 { 1 } else { 0 })
}
