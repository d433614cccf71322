//! `streekpact lexicon suggest`.

use std::path::PathBuf;

use clap::Args;

use streekpact::workbench;

use crate::cmd::{prepare, CmdError, InstrumentArgs, Outcome};

#[derive(Args)]
pub struct SuggestArgs {
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 30)]
    top: usize,
    #[command(flatten)]
    instruments: InstrumentArgs,
}

pub fn run(a: SuggestArgs) -> Result<Outcome, CmdError> {
    crate::cmd::require_inputs(&a.inputs)?;
    let p = prepare(&a.instruments)?;
    let corpus = crate::cmd::read_corpus(&a.inputs, &p);
    let found = p
        .pool
        .install(|| workbench::suggest(&corpus, &p.instruments, a.top));
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
    Ok(Outcome::incomplete_if(corpus.skipped() > 0))
}
