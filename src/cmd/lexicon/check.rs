//! `streekpact lexicon check`.

use std::path::PathBuf;

use clap::Args;

use streekpact::workbench;

use crate::cmd::{prepare, CmdError, DialectArg, InstrumentArgs, Outcome};

#[derive(Args)]
pub struct CheckArgs {
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Write the findings as CSV on stdout instead of a table.
    #[arg(long)]
    csv: bool,
    #[command(flatten)]
    dialect: DialectArg,
    #[command(flatten)]
    instruments: InstrumentArgs,
}

pub fn run(a: CheckArgs) -> Result<Outcome, CmdError> {
    crate::cmd::require_inputs(&a.inputs)?;
    let p = prepare(&a.instruments)?;
    let corpus = (!a.inputs.is_empty()).then(|| crate::cmd::read_corpus(&a.inputs, &p));
    let instruments = &p.instruments;
    let report = p
        .pool
        .install(|| workbench::check(&instruments.lexicon, corpus.as_ref(), instruments));
    if a.csv {
        let bytes = workbench::check_csv(&report, &instruments.lexicon, a.dialect.dialect())
            .map_err(CmdError::Input)?;
        std::io::Write::write_all(&mut std::io::stdout(), &bytes).map_err(|source| CmdError::WriteFile {
            path: "standard output".into(),
            source,
        })?;
    } else {
        print!("{}", workbench::check_text(&report, &instruments.lexicon));
    }
    Ok(Outcome::incomplete_if(corpus.is_some_and(|c| c.skipped() > 0)))
}
