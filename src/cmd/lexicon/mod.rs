//! `streekpact lexicon …`: the lexicon workbench, one file per command.

mod check;
mod import;
mod sensitivity;
mod suggest;

use clap::Subcommand;

use super::{CmdError, Outcome};

#[derive(Subcommand)]
pub enum LexiconCommand {
    /// Validate the lexicon and, given inputs, show per cue its hits and matched forms,
    /// dead cues, entries that compete for the same words, and stem collisions.
    Check(check::CheckArgs),
    /// Leave-one-cue-out: how far each RESOC's score and type move without each cue.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Convert a LIWC .dic or a quanteda-style YAML dictionary into the native format.
    Import(import::ImportArgs),
    /// Candidate cues: frequent words in sentences about the RESOC that no cue covers.
    Suggest(suggest::SuggestArgs),
}

pub fn run(c: LexiconCommand) -> Result<Outcome, CmdError> {
    match c {
        LexiconCommand::Check(a) => check::run(a),
        LexiconCommand::Sensitivity(a) => sensitivity::run(a),
        LexiconCommand::Import(a) => import::run(a),
        LexiconCommand::Suggest(a) => suggest::run(a),
    }
}
