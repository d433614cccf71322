//! `streekpact explain`: why a RESOC got its score, sentence by sentence.

use std::path::PathBuf;

use clap::Args;

use super::{prepare, CmdError, InstrumentArgs, Outcome};

#[derive(Args)]
pub struct ExplainArgs {
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

pub fn run(a: ExplainArgs) -> Result<Outcome, CmdError> {
    super::require_inputs(&a.inputs)?;
    let p = prepare(&a.instruments)?;
    let result = p
        .pool
        .install(|| streekpact::pipeline::run(&a.inputs, &p.ingest, &p.instruments, &p.opts));
    let text = streekpact::explain::explain(&result, &p.instruments, &p.opts, &a.resoc, a.top)
        .map_err(CmdError::Input)?;
    print!("{text}");
    Ok(Outcome::incomplete_if(result.skipped() > 0))
}
