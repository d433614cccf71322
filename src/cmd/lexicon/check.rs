//! `streekpact lexicon check`.

use std::path::PathBuf;

use clap::Args;

use streekpact::workbench;

use crate::cmd::{prepare, CmdError, DialectArg, InstrumentArgs, Outcome, Prepared};

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
    let Prepared {
        instruments,
        ingest,
        pool,
        ..
    } = prepare(&a.instruments)?;
    let report = pool.install(|| workbench::check(&instruments.lexicon, &a.inputs, &ingest, &instruments));
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
    Ok(Outcome::Complete)
}
