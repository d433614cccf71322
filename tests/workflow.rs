//! Research workflow end to end: spreadsheets, provenance and verify, shard and merge.

mod common;
use common::*;

use std::fs;

use predicates::prelude::*;

/// The manifest without the fields that name the command line and output folder.
fn manifest_core(bytes: &[u8]) -> serde_json::Value {
    let mut m: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let o = m["options"].as_object_mut().unwrap();
    o.remove("command");
    o.remove("out");
    m
}

#[test]
fn xlsx_workbook_has_a_sheet_per_table_with_numbers_as_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let out = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus/overzicht-west-vlaanderen.txt", "--xlsx", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(out.path().join("streekpact.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["resocs", "sections", "matches", "inputs"]);
    let resocs = wb.worksheet_range("resocs").unwrap();
    assert_eq!(resocs.get((0, 0)), Some(&Data::String("resoc".into())));
    assert_eq!(resocs.get((1, 0)), Some(&Data::String("RESOC Brugge".into())));
    assert!(
        matches!(resocs.get((1, 1)), Some(Data::Float(_))),
        "score must be a number: {:?}",
        resocs.get((1, 1))
    );
    assert!(matches!(resocs.get((1, 6)), Some(Data::Bool(_))));
    let csv_rows = fs::read_to_string(out.path().join("resocs.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    assert_eq!(resocs.height() - 1, csv_rows);
    let inputs = wb.worksheet_range("inputs").unwrap();
    assert_eq!(inputs.get((1, 5)), Some(&Data::String("read".into())));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert!(manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o == "streekpact.xlsx"));
}

#[test]
fn verify_reports_unchanged_edited_missing_and_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let pacts = dir.path().join("pacts");
    fs::create_dir(&pacts).unwrap();
    fs::write(
        pacts.join("kempen.md"),
        "# Streekpact RESOC Kempen\n\nHet RESOC trekt projecten.\n",
    )
    .unwrap();
    fs::write(
        pacts.join("leuven.md"),
        "# Streekpact RESOC Leuven\n\nHet RESOC organiseert overleg.\n",
    )
    .unwrap();
    streekpact()
        .current_dir(dir.path())
        .args(["score", "pacts", "-o", "out"])
        .assert()
        .success();
    let verify = || {
        streekpact()
            .current_dir(dir.path())
            .args(["verify", "out/manifest.json"])
            .assert()
    };
    verify().code(0).stdout(
        predicate::str::contains("same     pacts/kempen.md")
            .and(predicate::str::contains("same     lexicon: built-in"))
            .and(predicate::str::contains("a rerun sees the same data")),
    );
    fs::write(
        pacts.join("kempen.md"),
        "# Streekpact RESOC Kempen\n\nHet RESOC organiseert overleg.\n",
    )
    .unwrap();
    fs::remove_file(pacts.join("leuven.md")).unwrap();
    fs::write(pacts.join("limburg.md"), "# RESOC Limburg\n").unwrap();
    verify().code(1).stdout(
        predicate::str::contains("CHANGED  pacts/kempen.md")
            .and(predicate::str::contains("MISSING  pacts/leuven.md"))
            .and(predicate::str::contains("NEW      pacts/limburg.md"))
            .and(predicate::str::contains("3 difference(s)")),
    );
}

#[test]
fn verify_checks_a_lexicon_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pacts")).unwrap();
    fs::write(
        dir.path().join("pacts/kempen.md"),
        "# RESOC Kempen\n\nHet RESOC trekt projecten.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("lex.tsv"),
        "cue\tcategory\tweight\n@category\tproject\t1\nproject\tproject\t1\n",
    )
    .unwrap();
    streekpact()
        .current_dir(dir.path())
        .args(["score", "pacts", "--lexicon", "lex.tsv", "-o", "out"])
        .assert()
        .success();
    fs::write(
        dir.path().join("lex.tsv"),
        "cue\tcategory\tweight\n@category\tproject\t1\nproject\tproject\t2\n",
    )
    .unwrap();
    streekpact()
        .current_dir(dir.path())
        .args(["verify", "out/manifest.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CHANGED  lexicon: lex.tsv"));
}

#[test]
fn merged_shards_equal_a_single_run_for_one_to_four_shards() {
    let base = tempfile::tempdir().unwrap();
    let single = base.path().join("single");
    let inputs = ["corpus", "tests/fixtures/validity/pacts"];
    streekpact()
        .args(["score"])
        .args(inputs)
        .arg("-o")
        .arg(&single)
        .assert()
        .success();
    let want = files_of(&single);
    for n in 1..=4u32 {
        let parts = base.path().join(format!("parts{n}"));
        for k in 1..=n {
            streekpact()
                .args(["score"])
                .args(inputs)
                .args(["--shard", &format!("{k}/{n}"), "-o"])
                .arg(&parts)
                .assert()
                .success();
        }
        let partial_files: Vec<_> = (1..=n)
            .map(|k| parts.join(format!("partial-{k}-of-{n}.json")))
            .collect();
        let merged = base.path().join(format!("merged{n}"));
        streekpact()
            .arg("merge")
            .args(&partial_files)
            .arg("-o")
            .arg(&merged)
            .assert()
            .success();
        let got = files_of(&merged);
        for name in ["resocs.csv", "sections.csv", "matches.csv"] {
            assert!(
                got[name] == want[name],
                "{name} differs after merging {n} shard(s)"
            );
        }
        assert_eq!(
            manifest_core(&got["manifest.json"]),
            manifest_core(&want["manifest.json"])
        );
    }
}

/// A folder with the partial result of shard 1 of 2 of the bundled corpus.
fn first_of_two_shards() -> tempfile::TempDir {
    let base = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus", "--shard", "1/2", "-o"])
        .arg(base.path())
        .assert()
        .success();
    base
}

#[test]
fn merge_names_a_partial_whose_shard_was_edited() {
    let base = first_of_two_shards();
    let path = base.path().join("partial-1-of-2.json");
    let mut partial: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for index in [0, 7] {
        partial["shard"]["index"] = serde_json::json!(index);
        std::fs::write(&path, serde_json::to_vec(&partial).unwrap()).unwrap();
        streekpact()
            .arg("merge")
            .arg(&path)
            .arg("-o")
            .arg(base.path().join("m"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("partial-1-of-2.json: shard"))
            .stderr(predicate::str::contains("was the file edited?"));
    }
    assert!(!base.path().join("m").exists());
}

#[test]
fn merge_refuses_an_incomplete_set() {
    let base = first_of_two_shards();
    streekpact()
        .arg("merge")
        .arg(base.path().join("partial-1-of-2.json"))
        .arg("-o")
        .arg(base.path().join("m"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing shard(s): 2/2"));
    assert!(!base.path().join("m").exists());
}

#[test]
fn two_runs_give_byte_identical_output_folders() {
    let base = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        streekpact()
            .current_dir(base.path())
            .args(["score"])
            .arg(fs::canonicalize("corpus").unwrap())
            .args(["--xlsx", "-o", "out"])
            .assert()
            .success();
        fs::rename(base.path().join("out"), base.path().join(name)).unwrap();
    }
    let (a, b) = (files_of(&base.path().join("a")), files_of(&base.path().join("b")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two identical runs");
    }
}
