//! The subcommands, one file each, and what they share: the instrument and format
//! options, loading the instruments, the thread pool, the progress bar, the typed
//! error and the one exit-status rule.

pub mod evaluate;
pub mod explain;
pub mod lexicon;
pub mod merge;
pub mod score;
pub mod verify;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use streekpact::ingest::{IngestError, IngestOptions};
use streekpact::instruments::Instruments;
use streekpact::lexicon::Source;
use streekpact::report::Dialect;
use streekpact::scoring::ScoringOptions;
use streekpact::table::LoadError;

/// Why a command could not do its work. Every variant ends the command with exit
/// status 2 and a message naming the file or option and the problem.
#[derive(Debug, thiserror::Error)]
pub enum CmdError {
    /// An option or argument that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// A lexicon, context lexicon or registry that cannot be loaded.
    #[error("{0}\n(fix the file, or leave the option out to use the built-in default)")]
    Instruments(#[from] LoadError),
    /// An input of the command (a partial result, a manifest, a gold file, a
    /// dictionary) that cannot be read or makes no sense.
    #[error("{0}")]
    Input(String),
    /// An output that cannot be written.
    #[error("cannot write outputs to {path}: {source} (check the folder's permissions and free space)")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// One named output file that cannot be written.
    #[error("cannot write {path}: {source}")]
    WriteFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

impl From<IngestError> for CmdError {
    fn from(e: IngestError) -> Self {
        CmdError::Usage(e.to_string())
    }
}

/// How a command that did its work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read (or checked) as asked.
    Complete,
    /// The outputs are written, but something was skipped or did not match: a script
    /// can tell from the exit status.
    Incomplete,
}

impl Outcome {
    pub fn incomplete_if(condition: bool) -> Outcome {
        if condition {
            Outcome::Incomplete
        } else {
            Outcome::Complete
        }
    }
}

/// The exit-status rule, in one place: 0 complete, 1 incomplete (files skipped,
/// inputs changed), 2 the command could not do its work.
pub fn exit_status(result: Result<Outcome, CmdError>) -> ExitCode {
    match result {
        Ok(Outcome::Complete) => ExitCode::from(0),
        Ok(Outcome::Incomplete) => ExitCode::from(1),
        Err(e) => {
            eprintln!("streekpact: error: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Args, Clone)]
pub struct InstrumentArgs {
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
    /// Skip documents that are not in Dutch (`on`), or read every document as it is
    /// (`off`). The command line in the manifest records the choice.
    #[arg(long, value_name = "on|off", default_value = "on")]
    language_check: Switch,
    /// Who acts in a clause: `tree` reads it from a Dutch dependency parse of the
    /// sentences that can matter; `words` from a word window only (no parse: the reader
    /// of before, faster); `tree-everywhere` parses every sentence, so clauses.csv names
    /// who acts in each, cue or not (slow: for audits, gold-set checks and benchmarks;
    /// scores are those of `tree`).
    #[arg(long, value_name = "tree|words|tree-everywhere", default_value = "tree")]
    reader: ReaderArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReaderArg {
    Tree,
    Words,
    TreeEverywhere,
}

/// An option that is on or off.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Args, Clone, Copy)]
pub struct FormatArgs {
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

/// `--excel` for the commands that write one CSV file.
#[derive(Args, Clone, Copy)]
pub struct DialectArg {
    /// Write the CSV for a Dutch/Flemish Excel: UTF-8 BOM, ';', decimal comma, CRLF.
    #[arg(long)]
    excel: bool,
}

impl DialectArg {
    pub fn dialect(self) -> Dialect {
        dialect_of(self.excel)
    }
}

fn dialect_of(excel: bool) -> Dialect {
    if excel {
        Dialect::Excel
    } else {
        Dialect::Plain
    }
}

/// Everything a run needs, loaded and checked before any input is read.
pub struct Prepared {
    pub instruments: Instruments,
    pub ingest: IngestOptions,
    pub opts: ScoringOptions,
    pub pool: rayon::ThreadPool,
}

pub fn prepare(args: &InstrumentArgs) -> Result<Prepared, CmdError> {
    let sources: Vec<Source> = args.lexicon.iter().map(|p| Source::from_arg(p)).collect();
    let mut instruments = Instruments::load(&sources, args.context.as_deref(), args.registry.as_deref())?;
    instruments.reader = match args.reader {
        ReaderArg::Tree => streekpact::matching::Reader::Tree,
        ReaderArg::Words => streekpact::matching::Reader::Words,
        ReaderArg::TreeEverywhere => streekpact::matching::Reader::TreeEverywhere,
    };
    let opts = ScoringOptions {
        seed: args.seed,
        replicates: args.replicates,
        ..ScoringOptions::default()
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        if n == 0 {
            return Err(CmdError::Usage("--threads must be at least 1".into()));
        }
        builder = builder.num_threads(n);
    }
    let pool = builder.build()?;
    let ingest = IngestOptions {
        encoding: args.encoding.clone(),
        keep_other_languages: args.language_check == Switch::Off,
    };
    ingest.validate()?;
    Ok(Prepared {
        instruments,
        ingest,
        opts,
        pool,
    })
}

/// A progress bar on stderr when it is a terminal and not `--quiet`; otherwise nothing.
pub fn progress(quiet: bool) -> Option<indicatif::ProgressBar> {
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

/// Inputs named on the command line must exist: a mistyped path is a usage error found
/// before anything is read or written.
pub fn require_inputs(inputs: &[PathBuf]) -> Result<(), CmdError> {
    let missing: Vec<String> = inputs
        .iter()
        .filter(|p| !p.exists())
        .map(|p| format!("{}: no such file or folder", p.display()))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Usage(format!(
            "{} (nothing was read or written)",
            missing.join("; ")
        )))
    }
}

/// Reads the workbench's corpus through the pipeline's reader and reports what was
/// skipped, as `score` does.
pub fn read_corpus(inputs: &[PathBuf], p: &Prepared) -> streekpact::workbench::Corpus {
    let corpus = p
        .pool
        .install(|| streekpact::workbench::Corpus::read(inputs, &p.ingest, &p.instruments));
    report_skipped(&corpus.inputs, &corpus.problems);
    corpus
}

/// The output folder may exist, but not as a file.
pub fn require_output_folder(out: &std::path::Path) -> Result<(), CmdError> {
    if out.exists() && !out.is_dir() {
        return Err(CmdError::Usage(format!(
            "-o {}: is a file, not a folder; name a folder for the outputs",
            out.display()
        )));
    }
    Ok(())
}

/// Prints what was skipped, each with its reason, on stderr.
pub fn report_skipped(inputs: &[streekpact::ingest::InputRecord], problems: &[String]) {
    for p in problems {
        eprintln!("streekpact: skipped {p}");
    }
    for i in inputs.iter().filter(|i| !i.is_read()) {
        eprintln!(
            "streekpact: skipped {}: {}",
            i.path,
            i.reason.as_deref().unwrap_or("unreadable")
        );
    }
}

/// The error of an output that could not be written into `out`.
pub fn write_error(out: &std::path::Path) -> impl FnOnce(std::io::Error) -> CmdError + '_ {
    move |source| CmdError::Write {
        path: out.to_path_buf(),
        source,
    }
}
