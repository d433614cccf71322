//! `streekpact evaluate`: a run's resocs.csv against a human coding (gold.csv).

use std::path::PathBuf;

use clap::Args;

use streekpact::evaluate::{evaluate, read_codings, render};

use super::{CmdError, Outcome};

#[derive(Args)]
pub struct EvaluateArgs {
    /// Human coding: columns resoc,type and optionally score, theme_dependent, split.
    #[arg(long, value_name = "GOLD.csv")]
    gold: PathBuf,
    /// Output folder of a score run (reads resocs.csv and matches.csv).
    out_dir: PathBuf,
    /// Only rows of gold.csv whose `split` column has this value.
    #[arg(long)]
    split: Option<String>,
}

pub fn run(a: EvaluateArgs) -> Result<Outcome, CmdError> {
    let mut gold = read_codings(&a.gold).map_err(CmdError::Input)?;
    if let Some(split) = &a.split {
        gold.retain(|g| g.split.as_deref() == Some(split.as_str()));
        if gold.is_empty() {
            return Err(CmdError::Input(format!(
                "no rows of {} have split '{split}'",
                a.gold.display()
            )));
        }
    }
    let predicted = read_codings(&a.out_dir.join("resocs.csv")).map_err(CmdError::Input)?;
    print!("{}", render(&evaluate(&gold, &predicted), Some(&a.out_dir)));
    Ok(Outcome::Complete)
}
