//! End-to-end tests: the real binary on real files.

mod common;
use common::*;

use std::fs;

use predicates::prelude::*;

#[test]
fn overview_document_yields_one_row_per_resoc_and_none_for_its_introduction() {
    let out = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus/overzicht-west-vlaanderen.txt", "-o"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("RESOC").and(predicate::str::contains("95% CI")));
    let resocs = csv_rows(&out.path().join("resocs.csv"));
    let names: Vec<&str> = resocs.iter().map(|r| r["resoc"].as_str()).collect();
    assert_eq!(
        names,
        [
            "RESOC Brugge",
            "RESOC Midden-West-Vlaanderen",
            "RESOC Oostende",
            "RESOC Zuid-West-Vlaanderen"
        ]
    );
    let sections = csv_rows(&out.path().join("sections.csv"));
    assert_eq!(sections[0]["resoc"], "", "the introduction belongs to no RESOC");
    assert!(sections[0]["title"].starts_with("De rol van het RESOC"));
    let oostende = &resocs[2];
    assert_eq!(oostende["theme_dependent"], "true");
    // Every number traces back: the section weights add up from matches.csv.
    let matches = csv_rows(&out.path().join("matches.csv"));
    for r in &resocs {
        let sum: f64 = matches
            .iter()
            .filter(|m| m["resoc"] == r["resoc"])
            .map(|m| m["contribution"].parse::<f64>().unwrap())
            .sum();
        let total: f64 =
            r["overleg_weight"].parse::<f64>().unwrap() + r["project_weight"].parse::<f64>().unwrap();
        assert!((sum - total).abs() < 1e-3, "{}: {sum} vs {total}", r["resoc"]);
    }
}

#[test]
fn bundled_corpus_scores_cleanly_with_a_full_manifest() {
    let out = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus", "-o"])
        .arg(out.path())
        .assert()
        .code(0);
    let files = files_of(out.path());
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "clauses.csv",
            "manifest.json",
            "matches.csv",
            "resocs.csv",
            "sections.csv"
        ]
    );
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let inputs = manifest["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 11);
    for i in inputs {
        assert_eq!(i["status"], "read");
        assert_eq!(i["sha256"].as_str().unwrap().len(), 64);
        assert!(i["path"].as_str().unwrap().starts_with("corpus/"));
    }
    assert_eq!(manifest["lexicon"][0]["builtin"], true);
    assert_eq!(manifest["lexicon"][0]["sha256"].as_str().unwrap().len(), 64);
    assert!(manifest["stemmer"].as_str().unwrap().contains("Dutch"));
    assert_eq!(manifest["counts"]["resocs"], 14);
    assert_eq!(csv_rows(&out.path().join("resocs.csv")).len(), 14);
}

#[test]
fn output_folders_are_byte_identical_at_one_and_two_threads() {
    let base = tempfile::tempdir().unwrap();
    let corpus = fs::canonicalize("corpus").unwrap();
    let pacts = fs::canonicalize("tests/fixtures/validity/pacts").unwrap();
    for threads in ["1", "2"] {
        let dir = base.path().join(threads);
        fs::create_dir(&dir).unwrap();
        streekpact()
            .current_dir(&dir)
            .arg("score")
            .arg(&corpus)
            .arg(&pacts)
            .args(["--threads", threads, "--xlsx", "-o", "out"])
            .assert()
            .success();
    }
    let one = files_of(&base.path().join("1/out"));
    let two = files_of(&base.path().join("2/out"));
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (name, bytes) in &one {
        assert!(bytes == &two[name], "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn a_lexicon_error_names_file_and_line_and_touches_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("resocs.csv"), "earlier results\n").unwrap();
    let lex = dir.path().join("bad.tsv");
    fs::write(
        &lex,
        "cue\tcategory\tweight\n@category\toverleg\t-1\n@category\tproject\t1\noverleg*\toverleg\t1\nadvies\tadviezen\t1\n",
    )
    .unwrap();
    streekpact()
        .args(["score", "corpus", "--lexicon"])
        .arg(&lex)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tsv:5: unknown category 'adviezen'"));
    assert_eq!(
        fs::read_to_string(out.join("resocs.csv")).unwrap(),
        "earlier results\n"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "no other file may appear");
}

#[test]
fn broken_files_are_named_and_skipped_while_the_rest_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pacts");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("kempen.md"),
        "# Streekpact RESOC Kempen\n\nHet RESOC trekt zelf de projecten.\n",
    )
    .unwrap();
    fs::write(input.join("brochure.pdf"), b"%PDF-1.4 binary").unwrap();
    fs::write(input.join("oud.txt"), b"RESOC Mechelen\0\0\0\x01\x02 overleg\n").unwrap();
    fs::write(input.join("leeg.md"), "\n\n").unwrap();
    fs::write(input.join("notities.rtf"), "{\\rtf1 RESOC}").unwrap();
    let out = dir.path().join("out");
    streekpact()
        .args(["score"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("pacts/brochure.pdf: corrupt or truncated PDF file")
                .and(predicate::str::contains("pacts/oud.txt: binary content"))
                .and(predicate::str::contains("pacts/leeg.md: empty file"))
                .and(predicate::str::contains(
                    "pacts/notities.rtf: unsupported file type '.rtf'",
                )),
        );
    let resocs = csv_rows(&out.join("resocs.csv"));
    assert_eq!(resocs.len(), 1);
    assert_eq!(resocs[0]["resoc"], "RESOC Kempen");
    assert_eq!(resocs[0]["type"], "project");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let statuses: Vec<(String, String)> = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_string(),
                i["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("pacts/brochure.pdf".to_string(), "skipped".to_string()),
            ("pacts/kempen.md".into(), "read".into()),
            ("pacts/leeg.md".into(), "skipped".into()),
            ("pacts/notities.rtf".into(), "skipped".into()),
            ("pacts/oud.txt".into(), "skipped".into())
        ]
    );
    assert_eq!(manifest["counts"]["skipped"], 4);
}

/// Scores one pact into `out`: the results a later run must not destroy.
fn earlier_results(out: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    streekpact()
        .args(["score", "corpus/kempen.md", "-q", "-o"])
        .arg(out)
        .assert()
        .code(0);
    files_of(out)
}

#[test]
fn a_mistyped_input_is_a_usage_error_that_keeps_earlier_results() {
    let out = tempfile::tempdir().unwrap();
    let before = earlier_results(out.path());
    streekpact()
        .args(["score", "corpus/kempen.md", "no/such/folder", "-o"])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/folder: no such file or folder (nothing was read or written)",
        ));
    assert_eq!(files_of(out.path()), before);
    for command in [
        &["explain", "Kempen", "no/such/folder"][..],
        &["lexicon", "check", "/nonexistent"],
        &["lexicon", "suggest", "/nonexistent"],
        &["lexicon", "sensitivity", "/nonexistent"],
    ] {
        streekpact()
            .args(command)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no such file or folder"));
    }
}

/// Every subcommand names a missing or malformed input with its reason and exits 2;
/// none panics and none writes an output.
#[test]
fn every_subcommand_names_a_missing_or_malformed_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let partial = file("a.partial", "not a partial result");
    let manifest = file("manifest.json", "{oops");
    let gold = file("gold.csv", "resoc;type\nKempen\n");
    let good_gold = file("gold2.csv", "resoc;type\nKempen;overleg\n");
    let dic = file("d.dic", "garbage");
    let tsv = file("l.tsv", "garbage");
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["merge", "/no/such.partial", "-o", out],
            "/no/such.partial: cannot read".into(),
        ),
        (
            vec!["merge", &partial, "-o", out],
            format!("{partial}: not a streekpact partial result"),
        ),
        (
            vec!["verify", "/no/such/manifest.json"],
            "/no/such/manifest.json: cannot read".into(),
        ),
        (
            vec!["verify", &manifest],
            format!("{manifest}: not a streekpact manifest"),
        ),
        (
            vec!["evaluate", "--gold", "/no/such.csv", out],
            "/no/such.csv".into(),
        ),
        (
            vec!["evaluate", "--gold", &gold, out],
            format!("{gold}: CSV error"),
        ),
        (
            vec!["evaluate", "--gold", &good_gold, "/no/such/run"],
            "/no/such/run/resocs.csv".into(),
        ),
        (
            vec!["explain", "Kempen", "/no/such/pact.md"],
            "no such file or folder".into(),
        ),
        (
            vec!["lexicon", "import", "--poles", "a=1", "/no/such.dic"],
            "/no/such.dic: cannot read".into(),
        ),
        (
            vec!["lexicon", "import", "--poles", "a=1", &dic],
            format!("{dic}:1: a LIWC dictionary starts with"),
        ),
        (
            vec!["lexicon", "check", "--lexicon", &tsv, "corpus/kempen.md"],
            format!("{tsv}:1: expected a header"),
        ),
        (
            vec!["lexicon", "suggest", "/no/such/pact.md"],
            "no such file or folder".into(),
        ),
        (
            vec!["lexicon", "sensitivity", "/no/such/pact.md", "-o", out],
            "no such file or folder".into(),
        ),
    ];
    for (args, reason) in cases {
        let got = streekpact().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&got.stderr);
        assert_eq!(got.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&reason),
            "{args:?}: expected '{reason}' in {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    assert!(
        !dir.path().join("out").exists(),
        "a failed command wrote an output"
    );
}

#[test]
fn a_run_that_reads_no_file_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let before = earlier_results(out.path());
    let unreadable = tempfile::tempdir().unwrap();
    std::fs::write(unreadable.path().join("a.rtf"), "{\\rtf1}").unwrap();
    streekpact()
        .arg("score")
        .arg(unreadable.path())
        .args(["-q", "-o"])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no readable file among the inputs; nothing was written",
        ));
    assert_eq!(files_of(out.path()), before, "earlier results replaced");
}

#[test]
fn an_unknown_encoding_label_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus", "--encoding", "klingon", "-o"])
        .arg(out.path().join("o"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding label 'klingon'"));
    assert!(!out.path().join("o").exists());
}

#[test]
fn usage_errors_exit_2() {
    streekpact().args(["score"]).assert().code(2);
    streekpact()
        .args(["score", "corpus", "--threads", "0", "-o", "/tmp/x"])
        .assert()
        .code(2);
}

#[test]
fn explain_shows_sections_sentences_and_modifiers() {
    streekpact()
        .args(["explain", "Waas en Dender", "corpus/waas-en-dender.md"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("RESOC Waas en Dender — overleg")
                .and(predicate::str::contains("line "))
                .and(predicate::str::contains("bold×1.5"))
                .and(predicate::str::contains("parenthesis×0.5"))
                .and(predicate::str::contains("counts ")),
        );
    streekpact()
        .args(["explain", "Kempen", "corpus/waas-en-dender.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no RESOC 'Kempen'"));
}

#[test]
fn a_name_that_keeps_a_cue_from_counting_is_shown_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let pact = dir.path().join("kempen.md");
    std::fs::write(
        &pact,
        "# Streekpact RESOC Kempen\n\nIllustratieve tekst.\n\n\
         Het Regionaal Sociaal-Economisch Overlegcomité Kempen organiseert een rondetafel.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    streekpact()
        .arg("score")
        .arg(&pact)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("matches.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col =
        |row: &csv::StringRecord, name: &str| row[h.iter().position(|c| c == name).unwrap()].to_string();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let name = rows
        .iter()
        .find(|x| col(x, "cue") == "overlegcomite*")
        .expect("the name is listed");
    assert_eq!(col(name, "matched"), "Overlegcomité");
    assert_eq!(col(name, "modifiers"), "not_a_role×0");
    assert_eq!(col(name, "contribution"), "0.0000");
    // The role word beside it still counts.
    assert!(rows
        .iter()
        .any(|x| col(x, "category") == "overleg" && col(x, "contribution") == "1.0000"));
    // "organiseert" is a light verb: its object "een rondetafel" says what is organised,
    // so the verb itself counts for nothing and says why.
    let verb = rows
        .iter()
        .find(|x| col(x, "cue") == "organiseren")
        .expect("the light verb is listed");
    assert_eq!(col(verb, "modifiers"), "light_verb:rondetafel×0");
    assert_eq!(col(verb, "contribution"), "0.0000");
    // A sentence without a role word the name could have hidden lists no name.
    assert_eq!(rows.len(), 3);
    streekpact()
        .args(["explain", "Kempen"])
        .arg(&pact)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("overlegcomite*")
                .and(predicate::str::contains(
                    "'Overlegcomité' 0.00 → 0.00 (not_a_role×0)",
                ))
                .and(predicate::str::contains("[overleg 1.00, project 0.00]")),
        );
}

#[test]
fn excel_dialect_has_bom_semicolons_decimal_commas_and_crlf() {
    let out = tempfile::tempdir().unwrap();
    streekpact()
        .args(["score", "corpus/overzicht-west-vlaanderen.txt", "--excel", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let bytes = fs::read(out.path().join("resocs.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFresoc;score;"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(&rec[0], "RESOC Brugge");
    assert!(rec[1].contains(','), "decimal comma expected in {:?}", &rec[1]);
    assert!(rec[1].replace(',', ".").parse::<f64>().is_ok());
}

#[test]
fn formula_like_text_from_documents_is_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let pact = dir.path().join("limburg.md");
    fs::write(
        &pact,
        "# Streekpact RESOC Limburg\n\n=HYPERLINK(\"http://x\") het RESOC trekt projecten.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    streekpact()
        .args(["score"])
        .arg(&pact)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let matches = csv_rows(&out.join("matches.csv"));
    assert!(
        matches[0]["context"].starts_with("'=HYPERLINK"),
        "{:?}",
        matches[0]["context"]
    );
}

#[cfg(unix)]
#[test]
fn outputs_follow_the_umask_and_stale_staged_files_are_removed() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().unwrap();
    // What a run killed long ago left behind, and a file of someone else's.
    let stale = out.path().join(".matches.csv.AbC123.tmp");
    std::fs::write(&stale, "half a file").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let foreign = out.path().join(".notes.txt.tmp");
    std::fs::write(&foreign, "mine").unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("streekpact");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 027 && exec '{}' score corpus/kempen.md -q -o '{}'",
            bin.display(),
            out.path().display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["resocs.csv", "sections.csv", "matches.csv", "manifest.json"] {
        let mode = std::fs::metadata(out.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o640, "{name}: {mode:o}");
    }
    assert!(!stale.exists(), "a killed run's staged file stays");
    assert!(foreign.exists(), "a file that is not ours was removed");
}

#[test]
fn an_output_path_that_is_a_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("results.csv");
    std::fs::write(&file, "mine").unwrap();
    streekpact()
        .args(["score", "corpus/kempen.md", "-q", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a file, not a folder"));
    assert_eq!(std::fs::read(&file).unwrap(), b"mine");
    streekpact()
        .args(["score", "corpus", "--lexicon", "/nonexistent.tsv", "-o"])
        .arg(dir.path().join("o"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent.tsv: cannot read"))
        .stderr(predicate::str::contains("/nonexistent.tsv:0").not());
}

/// A sentence of 5,000 words, a unit of punctuation only, a table row of 300 cells and
/// mixed scripts: no panic, no hang; what the parser cannot take is read word by word,
/// counted in the manifest and named on stderr.
#[test]
fn units_the_parser_cannot_take_fall_back_and_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "Het RESOC organiseert overleg {}.",
        "en nog meer woorden ".repeat(1_250)
    );
    let row = format!("| Het RESOC trekt het project |{}", " cel |".repeat(300));
    let text = format!(
        "# Streekpact RESOC Kempen\n\nIllustratieve tekst.\n\n{long}\n\n!!! ... ---\n\n{row}\n\n\
         Het RESOC 组织 overleg مع الشركاء en организует projecten.\n\nHet RESOC brengt de partners samen.\n"
    );
    fs::write(dir.path().join("kempen.md"), text).unwrap();
    let out = dir.path().join("out");
    streekpact()
        .arg("score")
        .arg(dir.path().join("kempen.md"))
        .args(["--language-check", "off", "-o"])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .stderr(predicate::str::contains("could not be parsed"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let parse = &manifest["counts"]["parse"];
    assert_eq!(parse["units_not_parsed"], 2, "{parse}");
    assert!(parse["units_parsed"].as_u64().unwrap() >= 2, "{parse}");
    let matches = csv_rows(&out.join("matches.csv"));
    let long_overleg = matches
        .iter()
        .find(|m| m["category"] == "overleg" && m["context"].len() > 10_000)
        .expect("the long sentence is still read");
    assert!(
        long_overleg["agent_relation"].starts_with("lexical (not parsed: longer than 120 words"),
        "{long_overleg:?}"
    );
    assert_eq!(
        long_overleg["contribution"], "1.0000",
        "read word by word, it still counts"
    );
    // The sentence the parser did read names its clause.
    let samen = matches.iter().find(|m| m["cue"] == "brengen ... samen").unwrap();
    assert_eq!(
        (
            samen["agent"].as_str(),
            samen["agent_relation"].as_str(),
            samen["predicate"].as_str()
        ),
        ("resoc", "nsubj", "brengt")
    );
}

/// `--reader words` reads without a parse (the reader before the parser): nothing is
/// parsed and every clause is read by the word window; the default reads the tree.
#[test]
fn the_word_reader_parses_nothing_and_the_tree_reader_names_its_clauses() {
    let dir = tempfile::tempdir().unwrap();
    let read = |reader: &str| {
        let out = dir.path().join(reader);
        streekpact()
            .args(["score", "corpus/kempen.md", "-q", "--reader", reader, "-o"])
            .arg(&out)
            .assert()
            .success();
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
        (
            manifest["counts"]["parse"]["units_parsed"].as_u64().unwrap(),
            csv_rows(&out.join("matches.csv")),
        )
    };
    let (parsed, words) = read("words");
    assert_eq!(parsed, 0);
    assert!(words
        .iter()
        .all(|m| m["agent_relation"] == "lexical" || m["modifiers"] == "not_a_role×0"));
    let (parsed, tree) = read("tree");
    assert!(parsed > 10, "{parsed} units parsed");
    assert!(tree
        .iter()
        .any(|m| m["agent_relation"] == "nsubj" && !m["predicate"].is_empty()));
}

#[test]
fn a_sentence_with_no_word_for_the_resoc_is_counted_and_shown_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let pact = dir.path().join("kempen.md");
    fs::write(
        &pact,
        "# Streekpact RESOC Kempen\n\nIllustratieve tekst.\n\n\
         De provincie voert een eigen project uit rond de logistiek. Het RESOC organiseert een jobbeurs.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    streekpact()
        .arg("score")
        .arg(&pact)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let parse = &manifest["counts"]["parse"];
    assert_eq!(parse["units_without_reference"], 1, "{parse}");
    assert_eq!(parse["units_parsed"], 1, "{parse}");
    let rows = csv_rows(&out.join("matches.csv"));
    let other = rows
        .iter()
        .find(|x| x["matched"] == "voert … uit")
        .expect("the other body's project is listed");
    assert_eq!(other["agent_relation"], "no_reference");
    assert_eq!(other["agent"], "other:provincie");
    assert_eq!(other["contribution"], "0.0000");
    let own = rows
        .iter()
        .find(|x| x["matched"] == "organiseert … jobbeurs")
        .expect("the RESOC's own project is listed");
    assert_eq!(own["agent_relation"], "nsubj");
    assert_ne!(own["contribution"], "0.0000");
}

/// clauses.csv: who acts in the main clause of each parsed unit. By default only the
/// units that can matter are parsed (those with a cue); `--reader tree-everywhere`
/// parses every unit, so every sentence has its actor, cue or not.
#[test]
fn clauses_csv_names_who_acts_in_each_parsed_unit() {
    let dir = tempfile::tempdir().unwrap();
    let pacts = dir.path().join("in");
    std::fs::create_dir(&pacts).unwrap();
    std::fs::write(
        pacts.join("kempen.md"),
        "# Streekpact RESOC Kempen\n\nHet RESOC organiseert overleg met de sociale partners.\n\n\
         De provincie investeert twee miljoen euro in het havengebied.\n\n\
         Het budget bedraagt jaarlijks 85.000 euro.\n",
    )
    .unwrap();
    let agents = |reader: &str| -> Vec<(String, String)> {
        let out = dir.path().join(reader);
        streekpact()
            .args(common::SCORE_MATCHES_ONLY)
            .arg(&out)
            .args(["--reader", reader])
            .arg(&pacts)
            .assert()
            .code(0);
        common::csv_rows(&out.join("clauses.csv"))
            .into_iter()
            .filter(|r| r["unit_kind"] == "sentence")
            .map(|r| {
                assert_eq!(r["resoc"], "RESOC Kempen");
                (
                    r["context"].clone(),
                    r["agent"].split(':').next().unwrap().to_string(),
                )
            })
            .collect()
    };
    let sentence = |k: usize| {
        [
            "Het RESOC organiseert overleg met de sociale partners.",
            "De provincie investeert twee miljoen euro in het havengebied.",
            "Het budget bedraagt jaarlijks 85.000 euro.",
        ][k]
            .to_string()
    };
    assert_eq!(agents("tree"), [(sentence(0), "resoc".to_string())]);
    assert_eq!(
        agents("tree-everywhere"),
        [
            (sentence(0), "resoc".to_string()),
            (sentence(1), "other".to_string()),
            (sentence(2), "none".to_string())
        ]
    );
}
