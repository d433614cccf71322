//! The manifest's `git_commit` says `-modified` after any edit of a tracked file: the
//! build script that records it must rerun on such an edit, so it asks cargo to watch
//! every tracked file (and git's index, HEAD and branches).

#[test]
fn the_build_script_reruns_on_an_edit_of_any_tracked_file() {
    let output = std::path::Path::new(env!("OUT_DIR")).join("../output");
    let directives = std::fs::read_to_string(&output).unwrap();
    let watched: std::collections::BTreeSet<&str> = directives
        .lines()
        .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
        .collect();
    let tracked = std::process::Command::new("git")
        .args(["ls-files"])
        .output()
        .unwrap();
    if !tracked.status.success() {
        return; // built outside a git checkout: the commit is "unknown" and nothing is watched
    }
    let tracked = String::from_utf8(tracked.stdout).unwrap();
    let mut count = 0;
    for file in tracked.lines() {
        assert!(
            watched.contains(file),
            "{file} is tracked but an edit of it would not rerun build.rs"
        );
        count += 1;
    }
    assert!(count > 50, "only {count} tracked files");
    for git in [".git/HEAD", ".git/index", ".git/refs/heads"] {
        assert!(watched.contains(git), "{git} is not watched");
    }
}
