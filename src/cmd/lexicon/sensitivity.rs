//! `streekpact lexicon sensitivity`.

use std::path::PathBuf;

use clap::Args;

use streekpact::report::write_atomically;
use streekpact::workbench;

use crate::cmd::{prepare, CmdError, DialectArg, InstrumentArgs, Outcome};

#[derive(Args)]
pub struct SensitivityArgs {
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder for sensitivity.csv.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    dialect: DialectArg,
    #[command(flatten)]
    instruments: InstrumentArgs,
}

pub fn run(a: SensitivityArgs) -> Result<Outcome, CmdError> {
    crate::cmd::require_inputs(&a.inputs)?;
    crate::cmd::require_output_folder(&a.out)?;
    let p = prepare(&a.instruments)?;
    let corpus = crate::cmd::read_corpus(&a.inputs, &p);
    let rows = p
        .pool
        .install(|| workbench::sensitivity(&corpus, &p.instruments, &p.opts));
    let bytes = workbench::sensitivity_csv(&rows, a.dialect.dialect()).map_err(CmdError::Input)?;
    let path = a.out.join("sensitivity.csv");
    write_atomically(&a.out, &[("sensitivity.csv".to_string(), bytes)]).map_err(|source| {
        CmdError::WriteFile {
            path: path.clone(),
            source,
        }
    })?;
    println!(
        "{:<24} {:<28} {:>8} {:>8}  type",
        "cue", "RESOC", "before", "after"
    );
    for r in rows.iter().take(15) {
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:+.3}"));
        println!(
            "{:<24} {:<28} {:>8} {:>8}  {}{}",
            r.cue,
            r.resoc,
            f(r.score_before),
            f(r.score_after),
            r.type_before,
            if r.type_changed() {
                format!(" → {}", r.type_after)
            } else {
                String::new()
            }
        );
    }
    eprintln!("streekpact: {} row(s) in {}", rows.len(), path.display());
    Ok(Outcome::incomplete_if(corpus.skipped() > 0))
}
