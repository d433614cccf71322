//! `streekpact merge`: the partial results of `score --shard K/N` runs → the outputs a
//! single run over all inputs would have written.

use std::path::PathBuf;

use clap::Args;

use streekpact::partial;
use streekpact::report::{write_outputs, Dialect, RunOptions};

use super::score::finish_run;
use super::{CmdError, FormatArgs, Outcome};

#[derive(Args)]
pub struct MergeArgs {
    /// partial-K-of-N.json files, one per shard.
    #[arg(required = true, value_name = "PARTIAL")]
    partials: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    format: FormatArgs,
}

pub fn run(a: MergeArgs) -> Result<Outcome, CmdError> {
    super::require_output_folder(&a.out)?;
    let partials = a
        .partials
        .iter()
        .map(|p| partial::read(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CmdError::Input)?;
    let (result, options, provenance) = partial::merge(partials).map_err(CmdError::Input)?;
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
