//! Partial results of a sharded run (`score --shard K/N`) and their merge into the
//! outputs of a single run over all inputs.
//!
//! A partial keeps what is additive: per document its sections with their match rows
//! and the evidence of every unit. RESOC scores (bootstrap included) are computed only
//! at the merge, from all documents in name order, exactly as a single run does.

use std::collections::BTreeMap;
use std::path::Path;

use crate::ingest::InputRecord;
use crate::instruments::Provenance;
use crate::pipeline::Shard;
use crate::report::RunOptions;
use crate::scoring::{score_documents, Analysis, DocumentSummary, RunResult};

pub const FORMAT: &str = "streekpact-partial-1";

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Partial {
    pub format: String,
    pub version: String,
    pub shard: Shard,
    /// The score options, with `--shard` removed from the command line.
    pub options: RunOptions,
    pub provenance: Provenance,
    /// Province of every RESOC named in this shard's documents (from the registry).
    pub provinces: BTreeMap<String, String>,
    pub inputs: Vec<InputRecord>,
    pub documents: Vec<DocumentSummary>,
    pub input_problems: Vec<String>,
}

/// The file name of shard K of N.
pub fn file_name(shard: Shard) -> String {
    format!("partial-{}-of-{}.json", shard.index, shard.count)
}

pub fn to_bytes(p: &Partial) -> std::io::Result<Vec<u8>> {
    let mut b = serde_json::to_vec(p).map_err(std::io::Error::other)?;
    b.push(b'\n');
    Ok(b)
}

pub fn read(path: &Path) -> Result<Partial, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let p: Partial = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a streekpact partial result ({e})", path.display()))?;
    if p.format != FORMAT {
        return Err(format!(
            "{}: format '{}', expected '{FORMAT}'",
            path.display(),
            p.format
        ));
    }
    let (k, n) = (p.shard.index, p.shard.count);
    if k == 0 || k > n {
        return Err(format!(
            "{}: shard {k}/{n} is no shard of a split (need 1 <= K <= N); was the file edited?",
            path.display()
        ));
    }
    Ok(p)
}

/// Checks that the partials are all shards 1..N of one run, with the same instruments
/// and options, and combines them into the run a single process would have made.
pub fn merge(partials: Vec<Partial>) -> Result<(RunResult, RunOptions, Provenance), String> {
    let Some(first) = partials.first() else {
        return Err("no partial results given".into());
    };
    let n = first.shard.count;
    let (options, provenance) = (first.options.clone(), first.provenance.clone());
    let mut seen = vec![false; n as usize];
    for p in &partials {
        if p.shard.count != n {
            return Err(format!(
                "shard {}/{} does not belong to a run split in {n}",
                p.shard.index, p.shard.count
            ));
        }
        if std::mem::replace(&mut seen[p.shard.index as usize - 1], true) {
            return Err(format!("shard {}/{n} is given twice", p.shard.index));
        }
        if p.provenance != provenance {
            return Err(format!(
                "shard {}/{n} was made with other lexicons or registry (SHA-256 differs); rerun it with the same files",
                p.shard.index
            ));
        }
        if p.options.scoring != options.scoring
            || p.options.inputs != options.inputs
            || p.options.encoding != options.encoding
        {
            return Err(format!(
                "shard {}/{n} was made with other inputs or options; rerun it with the same command",
                p.shard.index
            ));
        }
        if p.version != first.version {
            return Err(format!(
                "shard {}/{n} was made by streekpact {}, another by {}",
                p.shard.index, p.version, first.version
            ));
        }
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| !seen[*k as usize - 1])
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!("missing shard(s): {}", missing.join(", ")));
    }
    let mut provinces = BTreeMap::new();
    let mut analysis = Analysis {
        inputs: Vec::new(),
        documents: Vec::new(),
        input_problems: Vec::new(),
    };
    for p in partials {
        provinces.extend(p.provinces);
        analysis.inputs.extend(p.inputs);
        analysis.documents.extend(p.documents);
        analysis.input_problems.extend(p.input_problems);
    }
    let scoring = options.scoring;
    let run = score_documents(analysis, &|name| provinces.get(name).cloned(), &scoring);
    Ok((run, options, provenance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_rejects_incomplete_or_duplicate_sets() {
        let mk = |k: u32, n: u32| Partial {
            format: FORMAT.into(),
            version: "0".into(),
            shard: Shard { index: k, count: n },
            options: RunOptions {
                command: vec![],
                inputs: vec![],
                out: String::new(),
                dialect: crate::report::Dialect::Plain,
                xlsx: false,
                report: false,
                encoding: None,
                scoring: Default::default(),
            },
            provenance: crate::instruments::Instruments::load(&[], None, None)
                .unwrap()
                .provenance(),
            provinces: BTreeMap::new(),
            inputs: vec![],
            documents: vec![],
            input_problems: vec![],
        };
        assert!(merge(vec![mk(1, 2)])
            .unwrap_err()
            .contains("missing shard(s): 2/2"));
        assert!(merge(vec![mk(1, 2), mk(1, 2)])
            .unwrap_err()
            .contains("given twice"));
        assert!(merge(vec![mk(1, 2), mk(2, 3)])
            .unwrap_err()
            .contains("split in 2"));
        assert!(merge(vec![mk(2, 2), mk(1, 2)]).is_ok());
    }
}
