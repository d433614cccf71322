//! Which RESOC a text speaks of, and which sections it has: the fixtures written for
//! this (tests/fixtures/attribution, README there), scored by the real binary.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{csv_rows, streekpact};

const FIXTURES: &str = "tests/fixtures/attribution";

/// Scores the fixtures into `out` and returns stderr.
fn score(out: &Path, extra: &[&str]) -> String {
    let output = streekpact()
        .args(["score", FIXTURES, "-q", "-o"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    // Exit 1: the English page, the README's script and nothing else are skipped.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8(output.stderr).unwrap()
}

/// Per file: its sections as (RESOC, title), in order.
fn sections(out: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let mut by_file: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in csv_rows(&out.join("sections.csv")) {
        let file = r["file"].trim_start_matches("attribution/").to_string();
        by_file
            .entry(file)
            .or_default()
            .push((r["resoc"].clone(), r["title"].clone()));
    }
    by_file
}

fn titles(s: &[(String, String)]) -> Vec<&str> {
    s.iter().map(|(_, t)| t.as_str()).collect()
}

fn resocs(s: &[(String, String)]) -> Vec<&str> {
    let mut r: Vec<&str> = s.iter().map(|(r, _)| r.as_str()).collect();
    r.dedup();
    r
}

#[test]
fn every_resoc_is_found_with_its_sections() {
    let dir = tempfile::tempdir().unwrap();
    score(dir.path(), &[]);
    let s = sections(dir.path());

    let heuvelland = &s["heuvelland-noord.md"];
    assert_eq!(resocs(heuvelland), ["RESOC Heuvelland-Noord"]);
    assert_eq!(
        titles(heuvelland),
        [
            "Streekpact Heuvelland-Noord 2014-2019",
            "Inleiding",
            "Rol van het RESOC",
            "Hefboomprojecten"
        ]
    );

    let serr = &s["serr-lage-kempen.txt"];
    assert_eq!(
        resocs(serr),
        ["RESOC Lage Kempen"],
        "not RESOC Kempen from the file name"
    );
    assert_eq!(
        titles(serr),
        [
            "Streekpact RESOC-SERR Lage Kempen 2008-2012",
            "1. Situering",
            "2. Rol van het RESOC",
            "2.1 Arbeidsmarkt",
            "2.2 Ruimte",
            "3. Opvolging"
        ]
    );

    let mixed = &s["mixed-headings.md"];
    assert_eq!(resocs(mixed), ["RESOC Kempen"]);
    assert_eq!(
        titles(mixed),
        [
            "Streekpact RESOC Kempen 2013-2018",
            "Situering",
            "ONDERWIJS",
            "3.2 Zorg en welzijn",
            "3.3 Mobiliteit",
            "Opvolging"
        ]
    );

    let pdf = &s["large-title.pdf"];
    assert_eq!(resocs(pdf), ["RESOC Meetjesland"]);
    assert_eq!(
        titles(pdf),
        [
            "Streekpact RESOC Meetjesland 2013-2018",
            "1. Situering",
            "2. Rol van het RESOC",
            "3. Hefboomprojecten"
        ]
    );

    let issuu = &s["issuu-westhoek.txt"];
    assert_eq!(resocs(issuu), ["RESOC Westhoek"]);
    assert_eq!(
        titles(issuu),
        [
            "Streekpact RESOC Westhoek 2013-2019",
            "1 Situering",
            "2 Rol van het RESOC",
            "3 Haven en toerisme",
            "Leaderprojecten Westtoer"
        ]
    );

    // A headline about a merger names no RESOC for the text.
    let fusie = &s["fusie-nieuws.md"];
    assert_eq!(resocs(fusie), [""]);
    // Two RESOCs, each under its own heading; the rest belongs to neither.
    let twee = &s["twee-resocs.md"];
    assert_eq!(resocs(twee), ["", "RESOC Leuven", "RESOC Halle-Vilvoorde", ""]);
    assert!(!s.contains_key("english-page.md"));
}

#[test]
fn sentences_count_for_the_resocs_they_name() {
    let dir = tempfile::tempdir().unwrap();
    score(dir.path(), &[]);
    let matches = csv_rows(&dir.path().join("matches.csv"));
    let resocs_of = |file: &str| -> Vec<String> {
        let mut r: Vec<String> = matches
            .iter()
            .filter(|m| m["file"].ends_with(file) && m["contribution"] != "0.0000")
            .map(|m| m["resoc"].clone())
            .collect();
        r.sort();
        r.dedup();
        r
    };
    // The merger is nobody's role; the new RESOC's plans are its own; the old ones get nothing.
    assert_eq!(resocs_of("fusie-nieuws.md"), ["", "RESOC Noord-West-Vlaanderen"]);
    // A joint subject gives each RESOC the statement.
    let congress: Vec<&BTreeMap<String, String>> = matches
        .iter()
        .filter(|m| m["context"].starts_with("RESOC Leuven en RESOC Halle-Vilvoorde organiseren"))
        .collect();
    assert!(!congress.is_empty());
    assert!(congress
        .iter()
        .all(|m| m["resoc"] == "RESOC Leuven; RESOC Halle-Vilvoorde"));
    let resocs = csv_rows(&dir.path().join("resocs.csv"));
    let names: Vec<&str> = resocs.iter().map(|r| r["resoc"].as_str()).collect();
    assert!(names.contains(&"RESOC Noord-West-Vlaanderen"));
    assert!(!names.contains(&"RESOC Brugge") && !names.contains(&"RESOC Oostende"));
    assert!(!names.iter().any(|n| n.contains(" en Oostende")));
}

#[test]
fn page_noise_is_neither_heading_nor_evidence() {
    let dir = tempfile::tempdir().unwrap();
    score(dir.path(), &[]);
    let matches = csv_rows(&dir.path().join("matches.csv"));
    let issuu: Vec<&str> = matches
        .iter()
        .filter(|m| m["file"].ends_with("issuu-westhoek.txt"))
        .map(|m| m["context"].as_str())
        .collect();
    assert!(!issuu.is_empty());
    assert!(issuu
        .iter()
        .all(|c| !c.contains("....") && !c.contains('©') && !c.contains("Page 9")));
    // The sentence a page number cut in two is one unit again.
    assert!(
        issuu.iter().any(|c| c.contains("trekkersrol op in het project")),
        "{issuu:?}"
    );
}

#[test]
fn nothing_is_lost_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = score(dir.path(), &[]);
    assert!(
        stderr.contains("english-page.md: not Dutch (detected: en)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("fusie-nieuws.md:") && stderr.contains("of evidence belongs to no RESOC"),
        "{stderr}"
    );
    assert!(
        stderr.contains("not in the registry, kept as written: RESOC Heuvelland-Noord"),
        "{stderr}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap()).unwrap();
    let outside: Vec<&str> = manifest["resocs_not_in_registry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(outside, ["RESOC Heuvelland-Noord", "RESOC Lage Kempen"]);
    let docs = manifest["documents"].as_array().unwrap();
    let twee = docs
        .iter()
        .find(|d| d["path"] == "attribution/twee-resocs.md")
        .unwrap();
    assert_eq!(
        twee["resocs"],
        serde_json::json!(["RESOC Leuven", "RESOC Halle-Vilvoorde"])
    );
    assert!(twee["unattributed_evidence"].as_f64().unwrap() > 0.0);
    let summary = docs
        .iter()
        .find(|d| d["path"] == "attribution/english-summary.md")
        .unwrap();
    assert_eq!(summary["other_language_sections"], serde_json::json!([[3, "en"]]));
    assert!(
        stderr.contains("english-summary.md: section 3 not read: not Dutch (detected: en)"),
        "{stderr}"
    );
    let english = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == "attribution/english-page.md")
        .unwrap();
    assert_eq!(english["status"], "skipped");
}

#[test]
fn the_language_check_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let output = streekpact()
        .args([
            "score",
            "tests/fixtures/attribution/english-page.md",
            "-q",
            "--language-check",
            "off",
            "-o",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let s = sections(dir.path());
    assert!(s.contains_key("english-page.md"));
}
