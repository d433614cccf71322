//! Agreement with human coding on the labelled development set
//! (tests/fixtures/validity) and on the intended roles of the bundled corpus.

use std::path::Path;

use predicates::prelude::*;

use streekpact::evaluate::{evaluate, read_codings, Evaluation};
use streekpact::instruments::Instruments;
use streekpact::pipeline::run;
use streekpact::report::{write_outputs, Dialect, RunOptions};
use streekpact::scoring::ScoringOptions;

fn score_into(inputs: &[&str], out: &Path) {
    let instruments = Instruments::load(&[], None, None).unwrap();
    let opts = ScoringOptions::default();
    let inputs: Vec<_> = inputs.iter().map(Into::into).collect();
    let result = run(&inputs, &Default::default(), &instruments, &opts);
    let options = RunOptions {
        command: vec![],
        inputs: vec![],
        out: String::new(),
        dialect: Dialect::Plain,
        xlsx: false,
        report: false,
        encoding: None,
        scoring: opts,
    };
    write_outputs(out, &result, &instruments.provenance(), &options).unwrap();
}

fn agreement(gold: &str, split: Option<&str>, out: &Path) -> Evaluation {
    let mut g = read_codings(Path::new(gold)).unwrap();
    if let Some(s) = split {
        g.retain(|c| c.split.as_deref() == Some(s));
    }
    let predicted = read_codings(&out.join("resocs.csv")).unwrap();
    evaluate(&g, &predicted)
}

// Floors sit below the measured figures (docs/method.md) with room for about two
// pacts of the dev set and one of the held-out set: an honest change that moves a
// borderline pact does not fail CI, a real regression does.

#[test]
fn development_set_meets_the_agreement_targets() {
    let out = tempfile::tempdir().unwrap();
    score_into(&["tests/fixtures/validity/pacts"], out.path());
    let e = agreement("tests/fixtures/validity/gold.csv", Some("dev"), out.path());
    assert_eq!(e.n, 18);
    // Measured: accuracy 0.944, rho 0.957, theme agreement 1.000 (docs/method.md).
    assert!(e.accuracy >= 0.72, "type accuracy {}", e.accuracy);
    assert!(e.spearman.unwrap() >= 0.85, "spearman {:?}", e.spearman);
    assert!(
        e.theme_agreement.unwrap() >= 0.88,
        "theme agreement {:?}",
        e.theme_agreement
    );
}

const HELDOUT: &str = "tests/fixtures/validity/heldout2";

/// The held-out pacts are the files whose SHA-256 was committed before any rule
/// change (heldout2.sha256), unchanged.
#[test]
fn held_out_files_are_the_pre_registered_ones() {
    let registered = std::fs::read_to_string("tests/fixtures/validity/heldout2.sha256").unwrap();
    let mut n = 0;
    for line in registered
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (hash, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(Path::new(HELDOUT).join(name)).unwrap();
        assert_eq!(
            streekpact::text::sha256_hex(&bytes),
            hash,
            "{name} changed since it was registered"
        );
        n += 1;
    }
    assert_eq!(n, 12, "ten pacts, gold.csv and README.md");
    let files = std::fs::read_dir(HELDOUT).unwrap().count();
    assert_eq!(files, n, "a file in {HELDOUT} that was not registered");
}

#[test]
fn held_out_pacts_are_evaluated_but_not_tuned_for() {
    // Written and coded by a separate author from a brief of the phenomena only, and
    // kept out of every rule and threshold decision: reported in docs/method.md, and
    // guarded by floors against regressions.
    let out = tempfile::tempdir().unwrap();
    let pacts: Vec<String> = (1..=10)
        .map(|i| {
            let prefix = format!("h{i:02}-");
            let name = std::fs::read_dir(HELDOUT)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with(&prefix))
                .unwrap();
            format!("{HELDOUT}/{name}")
        })
        .collect();
    let pacts: Vec<&str> = pacts.iter().map(String::as_str).collect();
    score_into(&pacts, out.path());
    let e = agreement(&format!("{HELDOUT}/gold.csv"), Some("heldout2"), out.path());
    assert_eq!(e.n, 10);
    // Measured: accuracy 0.800, rho 0.934, theme agreement 0.800 (with pipe tables read
    // row by row; 0.600 / 0.826 before). Floors leave room for two pacts.
    assert!(e.accuracy >= 0.6, "held-out accuracy fell to {}", e.accuracy);
    assert!(e.spearman.unwrap() >= 0.8, "held-out spearman {:?}", e.spearman);
    assert!(
        e.theme_agreement.unwrap() >= 0.7,
        "held-out theme agreement {:?}",
        e.theme_agreement
    );
}

#[test]
fn bundled_corpus_agrees_with_its_authors_intended_roles() {
    let out = tempfile::tempdir().unwrap();
    score_into(&["corpus"], out.path());
    let e = agreement("tests/fixtures/corpus_gold.csv", None, out.path());
    assert_eq!(e.n, 14);
    // Measured: 0.857 (12 of 14).
    assert!(e.accuracy >= 0.7, "corpus accuracy fell to {}", e.accuracy);
}

#[test]
fn evaluate_command_prints_every_figure() {
    let out = tempfile::tempdir().unwrap();
    score_into(&["tests/fixtures/validity/pacts"], out.path());
    assert_cmd::cargo::cargo_bin_cmd!("streekpact")
        .args([
            "evaluate",
            "--gold",
            "tests/fixtures/validity/gold.csv",
            "--split",
            "dev",
        ])
        .arg(out.path())
        .assert()
        .success()
        .stdout(
            predicates::str::contains("type accuracy:")
                .and(predicates::str::contains("Cohen's kappa:"))
                .and(predicates::str::contains("Spearman's rho:"))
                .and(predicates::str::contains("confusion")),
        );
}
