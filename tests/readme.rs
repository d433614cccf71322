//! README.md's example outputs are what the binary prints: each output block marked
//! `<!-- output of: ARGS -->` is compared with the real output of `streekpact ARGS`.
//! A line `…` in the README stands for any number of lines left out; every other line
//! must appear exactly, in order.

mod common;
use common::*;

use std::fs;
use std::path::Path;

const MARKER: &str = "<!-- output of: ";

/// (arguments, setup, expected lines) of each marked block.
fn marked_blocks(readme: &str) -> Vec<(String, Option<String>, Vec<String>)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut blocks = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix(MARKER) else {
            continue;
        };
        let spec = rest.strip_suffix(" -->").expect("a marker ends with -->");
        let (args, setup) = match spec.split_once("; setup: ") {
            Some((a, s)) => (a.to_string(), Some(s.to_string())),
            None => (spec.to_string(), None),
        };
        assert_eq!(
            lines.get(i + 1),
            Some(&"```"),
            "a fence follows the marker: {line}"
        );
        let body: Vec<String> = lines[i + 2..]
            .iter()
            .take_while(|l| **l != "```")
            .map(|l| l.to_string())
            .collect();
        blocks.push((args, setup, body));
    }
    blocks
}

/// Splits a command line at spaces, keeping "double-quoted words" together.
fn words(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in args.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether `expected` (with `…` lines for any number of lines) describes `actual`.
fn describes(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => (0..=actual.len()).any(|k| describes(rest, &actual[k..])),
        Some((first, rest)) => actual.first() == Some(&first.as_str()) && describes(rest, &actual[1..]),
    }
}

/// The folder a block's command runs in, prepared as its setup says.
fn prepare(setup: Option<&str>, scratch: &Path) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    match setup {
        None => root,
        // Two pacts scored into results/, then one of them edited.
        Some("edited-pact") => {
            let pacts = scratch.join("pacts");
            fs::create_dir_all(&pacts).unwrap();
            for name in ["kempen.md", "leuven.md"] {
                fs::copy(root.join("corpus").join(name), pacts.join(name)).unwrap();
            }
            streekpact()
                .current_dir(scratch)
                .args(["score", "pacts/", "-o", "results/", "-q"])
                .assert()
                .success();
            let mut text = fs::read_to_string(pacts.join("leuven.md")).unwrap();
            text.push_str("\nEen zin die later is toegevoegd.\n");
            fs::write(pacts.join("leuven.md"), text).unwrap();
            scratch.to_path_buf()
        }
        Some(other) => panic!("README names an unknown setup '{other}'"),
    }
}

#[test]
fn readme_example_outputs_are_what_the_binary_prints() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let blocks = marked_blocks(&readme);
    // The summary table, the explain example and the verify example.
    assert!(
        blocks.len() >= 3,
        "README's examples lost their markers: {}",
        blocks.len()
    );
    for (args, setup, expected) in blocks {
        let scratch = tempfile::tempdir().unwrap();
        let out = scratch.path().join("out");
        let cwd = prepare(setup.as_deref(), scratch.path());
        let argv: Vec<String> = words(&args)
            .into_iter()
            .map(|w| w.replace("{out}", out.to_str().unwrap()))
            .collect();
        let output = streekpact().current_dir(&cwd).args(&argv).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let actual: Vec<&str> = stdout.lines().collect();
        assert!(
            describes(&expected, &actual),
            "README's output of `streekpact {args}` differs from what it prints:\n--- README\n{}\n--- binary\n{stdout}",
            expected.join("\n")
        );
    }
}

#[test]
fn an_elided_line_stands_for_any_lines_and_others_must_match() {
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(describes(&e(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(describes(&e(&["a", "…"]), &["a"]));
    assert!(!describes(&e(&["a", "…", "d"]), &["a", "b", "c"]));
    assert!(!describes(&e(&["a", "c"]), &["a", "b", "c"]));
    assert_eq!(
        words(r#"explain "Waas en Dender" corpus"#),
        ["explain", "Waas en Dender", "corpus"]
    );
}
