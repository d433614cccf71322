//! The module graph follows the data: a stage may use the stages before it, never one
//! after it, and no two modules import each other. The order is the one drawn in
//! docs/architecture.md; this test reads every `crate::…` path in the library's
//! non-test code and checks it against that order.

use std::collections::BTreeSet;
use std::path::Path;

/// The library's top-level modules in data order; modules on one line share a layer and
/// may not import each other.
const LAYERS: &[&[&str]] = &[
    &["text", "table"],
    &["ingest"],
    &["registry"],
    &["segment"],
    &["analyze"],
    &["parse"],
    &["lexicon"],
    &["instruments"],
    &["matching"],
    &["scoring"],
    &["pipeline"],
    &["report"],
    &["partial", "explain", "evaluate", "verify", "workbench"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The code of a file without its test module and comments.
fn non_test_code(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every (importing module, imported module) pair of the library.
fn imports() -> BTreeSet<(String, String)> {
    let mut edges = BTreeSet::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix("src").unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if rel != "cmd" {
                    stack.push(path);
                }
                continue;
            }
            if rel == "main.rs" || rel == "lib.rs" || path.file_name().unwrap() == "tests.rs" {
                continue;
            }
            let module = rel.split(['/', '.']).next().unwrap().to_string();
            let code = non_test_code(&std::fs::read_to_string(&path).unwrap());
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                let target: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !target.is_empty() && target != module {
                    edges.insert((module.clone(), target));
                }
            }
            // `use crate::{a, b}` groups.
            for (at, _) in code.match_indices("crate::{") {
                let rest = &code[at + "crate::{".len()..];
                let group = &rest[..rest.find('}').unwrap_or(0)];
                for name in group.split(',') {
                    let target: String = name
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !target.is_empty() && target != module {
                        edges.insert((module.clone(), target));
                    }
                }
            }
        }
    }
    edges
}

#[test]
fn every_library_module_has_a_place_in_the_data_order() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    for line in lib.lines() {
        if let Some(name) = line.strip_prefix("pub mod ").and_then(|l| l.strip_suffix(';')) {
            assert!(layer_of(name).is_some(), "module `{name}` is missing from LAYERS");
        }
    }
}

#[test]
fn no_stage_imports_a_later_stage_or_a_module_of_its_own_layer() {
    let edges = imports();
    assert!(edges.len() > 20, "the scan found too few imports: {edges:?}");
    let mut wrong = Vec::new();
    for (from, to) in &edges {
        let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else {
            wrong.push(format!("{from} -> {to} (not in LAYERS)"));
            continue;
        };
        if b >= a {
            wrong.push(format!("{from} -> {to}"));
        }
    }
    assert!(wrong.is_empty(), "imports against the data order: {wrong:?}");
}

#[test]
fn the_scan_sees_a_backward_import() {
    // The checker itself: a made-up file of the ingest stage importing the report
    // must be found, or the test above could pass by reading nothing.
    let code = non_test_code("use crate::report::Dialect;\n// crate::pipeline in a comment\n#[cfg(test)]\nmod tests { use crate::scoring; }\n");
    assert!(code.contains("crate::report"));
    assert!(!code.contains("crate::pipeline") && !code.contains("crate::scoring"));
}
