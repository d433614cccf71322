//! report.html: golden SVGs and an end-to-end check in a real browser.

use std::fs;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use streekpact::instruments::Instruments;
use streekpact::pipeline::run;
use streekpact::report::html::{axis_svg, strip_svg};
use streekpact::scoring::ScoringOptions;

/// Compares with a committed golden file; `UPDATE_GOLDEN=1` rewrites it.
fn golden(name: &str, got: &str) {
    let path = Path::new("tests/fixtures/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, got).unwrap();
    }
    let want = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "{name} differs from its golden file (rerun with UPDATE_GOLDEN=1 after checking the change)"
    );
}

#[test]
fn axis_svg_matches_its_golden_file() {
    let instruments = Instruments::load(&[], None, None).unwrap();
    let result = run(
        &[
            "corpus/overzicht-west-vlaanderen.txt".into(),
            "corpus/zuid-oost-vlaanderen.md".into(),
        ],
        &Default::default(),
        &instruments,
        &ScoringOptions::default(),
    );
    let svg = axis_svg(&result);
    assert_eq!(svg.matches("class=\"mark\"").count(), result.resocs.len());
    assert!(
        svg.contains("data-type=\"onduidelijk\""),
        "onduidelijk is drawn apart"
    );
    golden("axis-overzicht.svg", &svg);
}

#[test]
fn strip_svg_matches_its_golden_file() {
    let svg = strip_svg(
        &[
            ("Thema 1: Arbeid".into(), 2.0, 0.0),
            ("Thema 2: <Ruimte>".into(), 0.5, 3.0),
            ("Thema 3".into(), 1.0, 1.0),
        ],
        streekpact::scoring::ScoringOptions::default().lean_threshold,
    );
    assert!(svg.contains("&lt;Ruimte&gt;"), "titles are escaped");
    golden("strip.svg", &svg);
}

fn chromium() -> Option<&'static str> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs this test"]
fn report_opens_in_a_headless_browser_with_one_mark_per_resoc() {
    let browser = chromium().expect("chromium is not installed (apt-get install chromium)");
    let out = tempfile::tempdir().unwrap();
    cargo_bin_cmd!("streekpact")
        .args(["score", "corpus", "--report", "-q", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let page = out.path().join("report.html");
    let html = fs::read_to_string(&page).unwrap();
    for external in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "url(http",
        "@import",
    ] {
        assert!(
            !html.contains(external),
            "the page must be self-contained, found {external}"
        );
    }
    let resocs = fs::read_to_string(out.path().join("resocs.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    let profile = tempfile::tempdir().unwrap();
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ];
    let url = format!("file://{}", page.display());
    let dom = std::process::Command::new(browser)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    assert!(dom.status.success());
    let rendered = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(
        rendered.matches("class=\"mark\"").count(),
        resocs,
        "one mark per RESOC in the rendered DOM"
    );
    let log = String::from_utf8_lossy(&dom.stderr);
    assert!(
        !log.contains("CONSOLE") && !log.contains("Uncaught"),
        "console errors: {log}"
    );
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screenshot.png");
    let status = std::process::Command::new(browser)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args([
            "--window-size=1100,1400",
            &format!("--screenshot={}", shot.display()),
            &url,
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let png = fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot was not produced"
    );
}
