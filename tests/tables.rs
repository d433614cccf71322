//! The written tables agree with each other: every total in sections.csv and
//! resocs.csv is recomputed here from matches.csv alone, and every score and type
//! from those totals with the formulas of docs/scoring.md — an independent
//! computation from the files a researcher gets, not from the rows the report built.

mod common;
use common::*;

use std::collections::BTreeMap;

fn number(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: '{s}'"))
}

/// (P − O) / (P + O + 1), and the type rule at the default thresholds.
fn score_and_type(overleg: f64, project: f64) -> (Option<f64>, &'static str) {
    let evidence = overleg + project;
    let score = (evidence > 0.0).then(|| (project - overleg) / (evidence + 1.0));
    let kind = if evidence < 0.5 {
        "onduidelijk"
    } else {
        let balance = (project - overleg) / evidence;
        if balance <= -0.4 {
            "overleg"
        } else if balance >= 0.4 {
            "project"
        } else {
            "combinatie"
        }
    };
    (score, kind)
}

#[test]
fn section_and_resoc_totals_add_up_from_matches_csv() {
    let dir = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus", "tests/fixtures/validity/pacts"])
        // Sentences about other RESOCs than their section's, and about a merger.
        .args(
            [
                "twee-resocs.md",
                "fusie-nieuws.md",
                "serr-lage-kempen.txt",
                "mixed-headings.md",
            ]
            .map(|f| format!("tests/fixtures/attribution/{f}")),
        )
        .args(["-q", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let matches = csv_rows(&dir.path().join("matches.csv"));
    let sections = csv_rows(&dir.path().join("sections.csv"));
    let resocs = csv_rows(&dir.path().join("resocs.csv"));
    assert!(matches.len() > 300 && resocs.len() > 15);

    // Per RESOC and per (file, section, RESOC): the contributions by pole.
    let mut by_resoc: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    let mut by_section: BTreeMap<(String, String, String), (f64, f64)> = BTreeMap::new();
    for m in &matches {
        let (pole, c) = (number(&m["pole"]), number(&m["contribution"]));
        assert!(c >= 0.0 && c <= number(&m["weight"]) * pole.abs() + 1e-4, "{m:?}");
        let (o, p) = if pole < 0.0 { (c, 0.0) } else { (0.0, c) };
        for resoc in m["resoc"].split("; ").filter(|r| !r.is_empty()) {
            let e = by_resoc.entry(resoc.to_string()).or_default();
            (e.0, e.1, e.2) = (e.0 + o, e.1 + p, e.2 + 1);
            let s = by_section
                .entry((m["file"].clone(), m["section"].clone(), resoc.to_string()))
                .or_default();
            (s.0, s.1) = (s.0 + o, s.1 + p);
        }
    }

    // Sentences that name other RESOCs than their section's count for those.
    let elsewhere = matches
        .iter()
        .filter(|m| {
            sections
                .iter()
                .any(|s| s["file"] == m["file"] && s["section"] == m["section"] && s["resoc"] != m["resoc"])
        })
        .count();
    assert!(elsewhere > 0, "the inputs have no sentence about another RESOC");

    let mut checked_sections = 0;
    for s in sections.iter().filter(|s| !s["resoc"].is_empty()) {
        let key = (s["file"].clone(), s["section"].clone(), s["resoc"].clone());
        let (o, p) = by_section.get(&key).copied().unwrap_or_default();
        let (so, sp) = (number(&s["overleg_weight"]), number(&s["project_weight"]));
        assert!(
            (so - o).abs() < 1e-3 && (sp - p).abs() < 1e-3,
            "{key:?}: ({so}, {sp}) vs ({o}, {p})"
        );
        let (score, _) = score_and_type(so, sp);
        match score {
            None => assert_eq!(s["score"], "", "{key:?}"),
            Some(v) => assert!((number(&s["score"]) - v).abs() < 1e-3, "{key:?}"),
        }
        checked_sections += usize::from(o + p > 0.0);
    }
    assert!(checked_sections > 50, "{checked_sections} sections with evidence");

    for r in &resocs {
        let name = &r["resoc"];
        let (o, p, _) = by_resoc.get(name).copied().unwrap_or_default();
        let (ro, rp) = (number(&r["overleg_weight"]), number(&r["project_weight"]));
        assert!(
            (ro - o).abs() < 1e-3 && (rp - p).abs() < 1e-3,
            "{name}: ({ro}, {rp}) vs ({o}, {p})"
        );
        let (score, kind) = score_and_type(ro, rp);
        // An undescribed role has no score (docs/codebook.md).
        let score = score.filter(|_| kind != "onduidelijk");
        match score {
            None => assert_eq!(r["score"], "", "{name}"),
            Some(v) => assert!((number(&r["score"]) - v).abs() < 1e-3, "{name}"),
        }
        assert_eq!(r["type"], kind, "{name}");
        if score.is_some() {
            let logit = ((rp + 0.5) / (ro + 0.5)).ln();
            assert!((number(&r["logit_score"]) - logit).abs() < 1e-3, "{name}");
        } else {
            assert_eq!(r["logit_score"], "", "{name}: no evidence, no logit");
        }
        if !r["ci_low"].is_empty() {
            let (lo, hi, sc) = (number(&r["ci_low"]), number(&r["ci_high"]), number(&r["score"]));
            assert!(
                lo <= sc + 1e-4 && sc <= hi + 1e-4,
                "{name}: {sc} outside [{lo}, {hi}]"
            );
        }
    }
    // Every RESOC a match counts for has its row.
    for name in by_resoc.keys() {
        assert!(
            resocs.iter().any(|r| &r["resoc"] == name),
            "{name} has matches but no row"
        );
    }
}
