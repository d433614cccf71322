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

#[test]
fn development_set_meets_the_agreement_targets() {
    let out = tempfile::tempdir().unwrap();
    score_into(&["tests/fixtures/validity/pacts"], out.path());
    let e = agreement("tests/fixtures/validity/gold.csv", Some("dev"), out.path());
    assert_eq!(e.n, 13);
    assert!(e.accuracy >= 0.9, "type accuracy {}", e.accuracy);
    assert!(e.spearman.unwrap() >= 0.85, "spearman {:?}", e.spearman);
    assert_eq!(e.theme_agreement, Some(1.0));
}

#[test]
fn held_out_fixtures_are_evaluated_but_not_tuned_for() {
    // These five were kept out of every rule and threshold decision; their figures
    // are reported (docs/method.md), and only a floor guards against regressions.
    let out = tempfile::tempdir().unwrap();
    score_into(&["tests/fixtures/validity/pacts"], out.path());
    let e = agreement("tests/fixtures/validity/gold.csv", Some("heldout"), out.path());
    assert_eq!(e.n, 5);
    assert!(e.accuracy >= 0.6, "held-out accuracy fell to {}", e.accuracy);
    assert_eq!(e.theme_agreement, Some(1.0));
}

#[test]
fn bundled_corpus_agrees_with_its_authors_intended_roles() {
    let out = tempfile::tempdir().unwrap();
    score_into(&["corpus"], out.path());
    let e = agreement("tests/fixtures/corpus_gold.csv", None, out.path());
    assert_eq!(e.n, 14);
    assert!(e.accuracy >= 0.75, "corpus accuracy fell to {}", e.accuracy);
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
