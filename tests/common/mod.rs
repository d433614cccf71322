//! Helpers shared by the end-to-end tests.
#![allow(dead_code)] // each test crate uses a subset

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The real binary.
pub fn streekpact() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("streekpact")
}

/// `score` for reading matches only: quiet, one bootstrap replicate, no language check;
/// the output folder follows.
pub const SCORE_MATCHES_ONLY: [&str; 7] = [
    "score",
    "-q",
    "--replicates",
    "1",
    "--language-check",
    "off",
    "-o",
];

/// Every file of a folder with its bytes, by name.
pub fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A plain CSV as rows of column → value.
pub fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}
