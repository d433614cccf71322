//! `streekpact lexicon import`.

use std::path::{Path, PathBuf};

use clap::Args;

use streekpact::report::write_atomically;
use streekpact::workbench;

use crate::cmd::{CmdError, Outcome};

#[derive(Args)]
pub struct ImportArgs {
    /// The dictionary (.dic for LIWC; .yml/.yaml for YAML).
    file: PathBuf,
    /// Poles of the categories to keep, e.g. `overleg=-1,project=1`.
    #[arg(long, value_name = "CAT=VALUE,...")]
    poles: String,
    /// Where to write the lexicon (default: stdout).
    #[arg(short, long, value_name = "OUT.tsv")]
    out: Option<PathBuf>,
}

pub fn run(a: ImportArgs) -> Result<Outcome, CmdError> {
    let poles = workbench::parse_poles(&a.poles).map_err(CmdError::Usage)?;
    let text = std::fs::read_to_string(&a.file)
        .map_err(|e| CmdError::Input(format!("{}: cannot read: {e}", a.file.display())))?;
    let name = a.file.to_string_lossy().into_owned();
    let ext = a
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let imported = match ext.as_str() {
        "dic" => workbench::import_liwc(&name, &text, &poles),
        "yml" | "yaml" => workbench::import_yaml(&name, &text, &poles),
        other => Err(format!(
            "{name}: unknown dictionary type '.{other}' (expected .dic or .yml/.yaml)"
        )),
    }
    .map_err(CmdError::Input)?;
    match &a.out {
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let fname = p
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| "lexicon.tsv".into());
            write_atomically(dir, &[(fname, imported.tsv.clone().into_bytes())]).map_err(|source| {
                CmdError::WriteFile {
                    path: p.clone(),
                    source,
                }
            })?;
        }
        None => print!("{}", imported.tsv),
    }
    eprintln!(
        "streekpact: {} entr(y/ies) imported, {} not imported:",
        imported.entries,
        imported.skipped.len()
    );
    for s in &imported.skipped {
        eprintln!("  {} [{}]: {}", s.entry, s.category, s.reason);
    }
    Ok(Outcome::Complete)
}
