//! The lexicon workbench end to end.

mod common;
use common::*;

use std::fs;

use predicates::prelude::*;

const DIR: &str = "tests/fixtures/workbench";

#[test]
fn check_reports_hits_forms_dead_cues_overlaps_and_false_friends() {
    let out = streekpact()
        .args([
            "lexicon",
            "check",
            "--lexicon",
            &format!("{DIR}/lexicon.tsv"),
            &format!("{DIR}/pacts"),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    // The false-friend glob shows what it catches.
    let project_line = text.lines().find(|l| l.starts_with("project*")).unwrap();
    assert!(project_line.contains("projectie×1"), "{project_line}");
    // Dead cues with file and line: one never used, one always beaten by overleg*.
    assert!(text.contains("dead cues (weight > 0, no hit in these inputs): 2"));
    assert!(text.contains("lexicon.tsv:7  bruggenbouwer"));
    assert!(text.contains("lexicon.tsv:6  *overleg"));
    // The colliding pair, with its winner and corpus count.
    assert!(
        text.contains("overleg* ~ *overleg  e.g. 'overleg'  2× in corpus  → overleg*"),
        "{text}"
    );
    // CSV form of the same findings.
    let csv = streekpact()
        .args([
            "lexicon",
            "check",
            "--csv",
            "--lexicon",
            &format!("{DIR}/lexicon.tsv"),
            &format!("{DIR}/pacts"),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("kind,cue,category,weight,hits,counted,forms,other,winner,source\n"));
    assert!(csv
        .lines()
        .any(|l| l.starts_with("dead,bruggenbouwer,overleg,1,0,0")));
    assert!(csv.lines().any(|l| l.starts_with("overlap,overleg*,,,2,")));
}

#[test]
fn check_stops_on_a_bad_lexicon_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    fs::write(
        &bad,
        "cue\tcategory\tweight\n@category\toverleg\t-1\noverleg\toverleg\tveel\n",
    )
    .unwrap();
    streekpact()
        .args(["lexicon", "check", "--lexicon"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.tsv:3: weight 'veel' is not a number",
        ));
}

#[test]
fn sensitivity_shows_the_cue_whose_removal_flips_a_type() {
    let out = tempfile::tempdir().unwrap();
    streekpact()
        .args([
            "lexicon",
            "sensitivity",
            "--lexicon",
            &format!("{DIR}/lexicon.tsv"),
            &format!("{DIR}/pacts"),
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.path().join("sensitivity.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // Sorted by influence: type flips first. Without project*, Mechelen (one overleg,
    // one project sentence) becomes an overleg RESOC.
    let first = &rows[0];
    assert_eq!(
        (&first[0], &first[3], &first[7], &first[8], &first[9]),
        ("project*", "RESOC Mechelen", "combinatie", "overleg", "true")
    );
    // Removing overleg* lets *overleg match the same words again ("as if its line were
    // deleted"), so no conclusion rests on overleg* alone.
    assert!(!rows.iter().any(|x| &x[0] == "overleg*"));
}

/// A false friend of weight 0 (projectie* against project*): check counts what it
/// catches, and sensitivity tests it like any other entry.
#[test]
fn entries_of_weight_zero_show_their_hits_and_are_tested_for_influence() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("lexicon.tsv");
    let mut text = fs::read_to_string(format!("{DIR}/lexicon.tsv")).unwrap();
    text.push_str("@category\tgeen_rol\t0\nprojectie*\tgeen_rol\t0\tvalse vriend\n");
    fs::write(&lexicon, text).unwrap();
    let csv = streekpact()
        .args(["lexicon", "check", "--csv", "--lexicon"])
        .arg(&lexicon)
        .arg(format!("{DIR}/pacts"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.starts_with("cue,projectie*,geen_rol,0,1,0,projectie×1,")),
        "{csv}"
    );
    // project* no longer catches "projectie".
    assert!(csv
        .lines()
        .any(|l| l.starts_with("cue,project*,project,1,2,2,project×1 projecten×1,")));
    let out = dir.path().join("out");
    streekpact()
        .args(["lexicon", "sensitivity", "--lexicon"])
        .arg(&lexicon)
        .arg(format!("{DIR}/pacts"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("sensitivity.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // Without it, "Het RESOC maakt een projectie van de bevolking" counts for project in Kempen.
    let row = rows
        .iter()
        .find(|x| &x[0] == "projectie*")
        .expect("projectie* is tested");
    assert_eq!(
        (&row[1], &row[2], &row[3], &row[6]),
        ("geen_rol", "1", "RESOC Kempen", "0.2500")
    );
}

#[test]
fn liwc_and_yaml_dictionaries_import_and_then_score() {
    let dir = tempfile::tempdir().unwrap();
    for (src, out) in [("dictionary.dic", "liwc.tsv"), ("dictionary.yml", "yaml.tsv")] {
        let target = dir.path().join(out);
        streekpact()
            .args([
                "lexicon",
                "import",
                &format!("{DIR}/{src}"),
                "--poles",
                "overleg=-1,project=1",
                "-o",
            ])
            .arg(&target)
            .assert()
            .success()
            .stderr(predicate::str::contains("not imported"));
        let tsv = fs::read_to_string(&target).unwrap();
        assert!(
            tsv.contains("# Not imported"),
            "skipped entries are listed in the file too"
        );
        let run = dir.path().join(format!("run-{out}"));
        streekpact()
            .args(["score", &format!("{DIR}/pacts"), "-q", "--lexicon"])
            .arg(&target)
            .arg("-o")
            .arg(&run)
            .assert()
            .success();
        // The imported entries do the scoring: both pacts have one overleg and one
        // project sentence, and every match comes from the imported file.
        for r in csv_rows(&run.join("resocs.csv")) {
            assert_eq!(
                (r["overleg_weight"].as_str(), r["project_weight"].as_str()),
                ("1.0000", "1.0000"),
                "{out}: {}",
                r["resoc"]
            );
        }
        let matches = csv_rows(&run.join("matches.csv"));
        assert!(matches.len() >= 4, "{out}: {} matches", matches.len());
        assert!(matches.iter().all(|m| m["lexicon_file"].ends_with(out)));
    }
    let liwc = fs::read_to_string(dir.path().join("liwc.tsv")).unwrap();
    assert!(
        liwc.contains("\"in\" \"overleg\" \"met\"\toverleg\t1"),
        "multi-word entry kept"
    );
    assert!(liwc.contains("*projecten\tproject\t1"), "leading wildcard kept");
    assert!(liwc.contains("like (02 134) [affect]") || liwc.contains("[3]") || liwc.contains("affect"));
    assert!(liwc.contains("ov*erleg [overleg]: '*' inside a word has no equivalent"));
    let yaml = fs::read_to_string(dir.path().join("yaml.tsv")).unwrap();
    assert!(yaml.contains("@category\tproject.eigen\t1"));
    assert!(yaml.contains("pro?ect [project.anders]: '?' (one-character wildcard) has no equivalent"));
}

#[test]
fn layered_lexicons_keep_only_the_researchers_changes() {
    let dir = tempfile::tempdir().unwrap();
    let changes = dir.path().join("changes.tsv");
    fs::write(&changes, "cue\tcategory\tweight\noverleg*\toverleg\t0\n").unwrap();
    let run = |args: &[&str], out: &std::path::Path| {
        streekpact()
            .args(["score", &format!("{DIR}/pacts"), "-q"])
            .args(args)
            .arg("-o")
            .arg(out)
            .assert()
            .success();
        fs::read_to_string(out.join("matches.csv")).unwrap()
    };
    let plain = run(&[], &dir.path().join("a"));
    let layered = run(
        &["--lexicon", "builtin", "--lexicon", changes.to_str().unwrap()],
        &dir.path().join("b"),
    );
    assert!(plain.contains(",overleg*,overleg,-1.0000,1.0000,"));
    // Weight 0 switches the default cue off: its words are listed as not a role, and
    // no shorter cue (*overleg) takes them instead.
    assert!(layered.contains(",overleg*,overleg,-1.0000,0.0000,"));
    assert!(!layered.contains(",overleg*,overleg,-1.0000,1.0000,"));
    assert!(!layered.contains(",*overleg,"), "weight 0 blocks the shorter cue");
    assert!(layered
        .lines()
        .filter(|l| l.contains(",overleg*,"))
        .all(|l| l.contains(",not_a_role×0,")));
    assert!(
        layered.contains(",nemen ... op + trekkersrol,project,"),
        "the other default cues stay"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("b/manifest.json")).unwrap()).unwrap();
    let layers = manifest["lexicon"].as_array().unwrap();
    assert_eq!(layers.len(), 2);
    assert_eq!(layers[0]["builtin"], true);
    assert!(layers[1]["name"].as_str().unwrap().ends_with("changes.tsv"));
}

#[test]
fn suggest_lists_uncovered_words_about_the_resoc() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("kempen.md"),
        "# Streekpact RESOC Kempen\n\nHet RESOC coacht de starters. Het RESOC coacht ook de scholen. \
         De provincie coacht niemand. Het RESOC organiseert overleg.\n",
    )
    .unwrap();
    let out = streekpact()
        .args(["lexicon", "suggest"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("coacht"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains(" 2 "),
        "counted only in the two sentences about the RESOC: {line}"
    );
    assert!(
        line.contains("Het RESOC coacht de starters."),
        "with an example: {line}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("overleg ")),
        "a covered cue is no suggestion"
    );
}

#[test]
fn the_workbench_reports_the_files_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/workbench/pacts/kempen.md",
        dir.path().join("kempen.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.docx"), b"not a zip").unwrap();
    for command in [&["lexicon", "check"][..], &["lexicon", "suggest"]] {
        streekpact()
            .args(command)
            .arg(dir.path())
            .assert()
            .code(1)
            .stderr(predicates::str::contains("skipped").and(predicates::str::contains("broken.docx")));
    }
    streekpact()
        .args(["lexicon", "sensitivity"])
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("broken.docx"));
}

/// A cue that only ever describes what another actor does is listed: in these inputs
/// it never finds the RESOC as agent.
#[test]
fn check_lists_cues_never_read_with_the_resoc_as_agent() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("kempen.md"),
        "# Streekpact RESOC Kempen\n\nIllustratieve tekst.\n\nDe provincie organiseert het overleg met de gemeenten. \
         Het RESOC trekt een project rond de logistiek.\n",
    )
    .unwrap();
    let run = |csv: bool| {
        let mut cmd = streekpact();
        cmd.args(["lexicon", "check", "--lexicon", &format!("{DIR}/lexicon.tsv")]);
        if csv {
            cmd.arg("--csv");
        }
        String::from_utf8(cmd.arg(dir.path()).assert().success().get_output().stdout.clone()).unwrap()
    };
    let text = run(false);
    assert!(text.contains("cues never read with the RESOC as agent"), "{text}");
    let listed: Vec<&str> = text
        .split("cues never read with the RESOC as agent")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].contains("overleg*"), "{listed:?}");
    let csv = run(true);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("never_resoc,overleg*,overleg,1,1,0,")),
        "{csv}"
    );
    assert!(
        csv.lines().any(|l| l.starts_with("cue,project*,project,1,1,1,")),
        "{csv}"
    );
}
