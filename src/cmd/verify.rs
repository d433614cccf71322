//! `streekpact verify`: re-hash the inputs and lexicons a recorded run read.

use std::path::PathBuf;

use clap::Args;

use super::{CmdError, Outcome};

#[derive(Args)]
pub struct VerifyArgs {
    /// The manifest.json of the run to check.
    manifest: PathBuf,
    /// Folder the run was started from (input paths in the manifest are relative to it).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

pub fn run(a: VerifyArgs) -> Result<Outcome, CmdError> {
    let (report, same) = streekpact::verify::verify(&a.manifest, &a.root).map_err(CmdError::Input)?;
    print!("{report}");
    Ok(Outcome::incomplete_if(!same))
}
