//! The `streekpact` command: a thin shell over the library.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cmd::evaluate::EvaluateArgs;
use cmd::exit_status;
use cmd::explain::ExplainArgs;
use cmd::lexicon::LexiconCommand;
use cmd::merge::MergeArgs;
use cmd::score::ScoreArgs;
use cmd::verify::VerifyArgs;

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
    // A reader's panic is reported as a skipped file, by name; the default hook would
    // also print it (with a backtrace under RUST_BACKTRACE) in the middle of the run.
    let report_a_bug = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !streekpact::ingest::panic_becomes_a_skipped_file() {
            report_a_bug(info)
        }
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(a) => cmd::score::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Evaluate(a) => cmd::evaluate::run(a),
        Command::Merge(a) => cmd::merge::run(a),
        Command::Verify(a) => cmd::verify::run(a),
        Command::Lexicon(c) => cmd::lexicon::run(c),
        // The child's own protocol: its status is read by the parent, not by a user.
        Command::ExtractPdf { path } => return ExitCode::from(streekpact::ingest::pdf::child_main(&path)),
    };
    exit_status(result)
}
