//! Records the git commit the binary was built from, for manifest.json.

use std::process::Command;

fn main() {
    // The commit, and whether the tree differs from it, change with a commit, a checkout,
    // staging, or an edit of any tracked file: each of those reruns this script.
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    println!("cargo:rerun-if-changed=.git/index");
    println!("cargo:rerun-if-changed=build.rs");
    if let Some(files) = Command::new("git")
        .args(["ls-files", "-z"])
        .output()
        .ok()
        .filter(|o| o.status.success())
    {
        for file in files.stdout.split(|&b| b == 0).filter(|f| !f.is_empty()) {
            println!("cargo:rerun-if-changed={}", String::from_utf8_lossy(file));
        }
    }
    let commit = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| !o.stdout.is_empty());
    let commit = if dirty && commit != "unknown" {
        format!("{commit}-modified")
    } else {
        commit
    };
    println!("cargo:rustc-env=STREEKPACT_GIT_COMMIT={commit}");
}
