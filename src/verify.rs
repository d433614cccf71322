//! Verify: would a rerun of a recorded run see the same data? Re-hashes every input and
//! every lexicon file named in a manifest.json and reports, file by file, what changed.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::ingest::discover;
use crate::lexicon::context::BUILTIN_CONTEXT;
use crate::lexicon::{SourceInfo, BUILTIN_LEXICON};
use crate::registry::BUILTIN_REGISTRY;
use crate::text::sha256_hex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Same,
    Changed,
    Missing,
    /// In the input folders now, not in the recorded run.
    New,
}

impl Status {
    fn as_str(&self) -> &'static str {
        match self {
            Status::Same => "same",
            Status::Changed => "CHANGED",
            Status::Missing => "MISSING",
            Status::New => "NEW",
        }
    }
}

#[derive(serde::Deserialize)]
struct Manifest {
    options: Options,
    lexicon: Vec<SourceInfo>,
    context_lexicon: SourceInfo,
    registry: SourceInfo,
    inputs: Vec<Input>,
}

#[derive(serde::Deserialize)]
struct Options {
    inputs: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Input {
    path: String,
    sha256: String,
}

/// Checks a manifest. Input arguments are resolved against `root` (the folder the run
/// was started from). Returns the report and whether everything matched.
pub fn verify(manifest_path: &Path, root: &Path) -> Result<(String, bool), String> {
    let bytes =
        std::fs::read(manifest_path).map_err(|e| format!("{}: cannot read: {e}", manifest_path.display()))?;
    let m: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a streekpact manifest ({e})", manifest_path.display()))?;
    let args: Vec<PathBuf> = m.options.inputs.iter().map(|a| root.join(a)).collect();
    let (files, _) = discover(&args);
    let now: BTreeMap<String, PathBuf> = files.into_iter().map(|f| (f.name, f.path)).collect();
    let mut rows: Vec<(Status, String)> = Vec::new();
    for input in &m.inputs {
        let status = match now.get(&input.path) {
            None => Status::Missing,
            Some(p) => match std::fs::read(p) {
                Ok(b) if sha256_hex(&b) == input.sha256 => Status::Same,
                Ok(_) => Status::Changed,
                Err(_) => Status::Missing,
            },
        };
        rows.push((status, input.path.clone()));
    }
    let recorded: std::collections::BTreeSet<&str> = m.inputs.iter().map(|i| i.path.as_str()).collect();
    for name in now.keys().filter(|n| !recorded.contains(n.as_str())) {
        rows.push((Status::New, name.clone()));
    }
    let lexicons = m.lexicon.iter().map(|l| ("lexicon", l, BUILTIN_LEXICON));
    let others = [
        ("context lexicon", &m.context_lexicon, BUILTIN_CONTEXT),
        ("registry", &m.registry, BUILTIN_REGISTRY),
    ];
    for (label, source, builtin_text) in lexicons.chain(others) {
        let current = if source.builtin {
            Some(sha256_hex(builtin_text.as_bytes()))
        } else {
            std::fs::read(root.join(&source.name))
                .ok()
                .map(|b| sha256_hex(&b))
        };
        let status = match current {
            None => Status::Missing,
            Some(h) if h == source.sha256 => Status::Same,
            Some(_) => Status::Changed,
        };
        let what = if source.builtin {
            format!("{label}: built-in (this binary's)")
        } else {
            format!("{label}: {}", source.name)
        };
        rows.push((status, what));
    }
    let ok = rows.iter().all(|(s, _)| *s == Status::Same);
    let mut out = String::new();
    for (s, what) in &rows {
        let _ = writeln!(out, "{:<8} {what}", s.as_str());
    }
    let bad = rows.iter().filter(|(s, _)| *s != Status::Same).count();
    let _ = writeln!(
        out,
        "{}",
        if ok {
            "all inputs and lexicons match: a rerun sees the same data".to_string()
        } else {
            format!("{bad} difference(s): a rerun would not see the same data")
        }
    );
    Ok((out, ok))
}
