//! Every kind of bad input, end to end through the binary, in one folder beside a
//! good pact: exit status 1, each bad file named on stderr with its reason and listed
//! in manifest.json as skipped, and the good file's result intact.

#![cfg(all(feature = "pdf", feature = "html"))]

mod common;
use common::csv_rows;

use std::fs;
use std::io::Write;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::PredicateBooleanExt;

use streekpact::ingest::limits::{MAX_FILE_BYTES, MAX_UNPACKED_BYTES, MAX_XML_DEPTH, MAX_ZIP_ENTRIES};
use streekpact::ingest::IngestError;

const FIXTURES: &str = "tests/fixtures/formats";
const GOOD: &str = "# Streekpact RESOC Kempen\n\nHet RESOC trekt zelf de projecten en voert ze uit.\n";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A zip bomb: word/document.xml unpacks to more than the limit (spaces pack ~1000:1).
fn bomb_docx() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_level(Some(1))
        .large_file(true);
    w.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..=(MAX_UNPACKED_BYTES >> 20) {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_with(document_xml: &str) -> Vec<u8> {
    zip_of(&[("word/document.xml", document_xml.as_bytes())])
}

fn document(body: &str) -> String {
    format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
}

fn good_docx() -> Vec<u8> {
    docx_with(&document(
        "<w:p><w:r><w:t>Het RESOC Mechelen brengt de partners samen in een overleg.</w:t></w:r></w:p>",
    ))
}

fn good_odt() -> Vec<u8> {
    zip_of(&[(
        "content.xml",
        br#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:p>Het RESOC Leuven organiseert overleg.</text:p></office:text></office:body></office:document-content>"#,
    )])
}

/// (file name, content, what the message must say).
fn bad_files() -> Vec<(&'static str, Vec<u8>, String)> {
    let fixture = |name: &str| fs::read(Path::new(FIXTURES).join(name)).unwrap();
    let pdf = fixture("kempen.pdf");
    let docx = good_docx();
    let odt = good_odt();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0u8; 504]);
    let mut encrypted_office = ole.clone();
    encrypted_office.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let many: Vec<String> = (0..=MAX_ZIP_ENTRIES)
        .map(|i| format!("Pictures/{i}.png"))
        .collect();
    let many_parts: Vec<(&str, &[u8])> = many.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let deep = document(&format!(
        "{}<w:p><w:r><w:t>diep</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(MAX_XML_DEPTH),
        "</w:sdtContent></w:sdt>".repeat(MAX_XML_DEPTH)
    ));
    vec![
        ("corrupt.docx", b"Dit is geen Word-bestand.".to_vec(), "corrupt or truncated DOCX file: not a zip container".into()),
        ("afgebroken.docx", docx[..docx.len() / 2].to_vec(), "corrupt or truncated DOCX file".into()),
        ("afgebroken.odt", odt[..odt.len() - 30].to_vec(), "corrupt or truncated ODT file".into()),
        ("afgebroken.pdf", pdf[..pdf.len() / 3].to_vec(), "corrupt or truncated PDF file".into()),
        (
            "afgebroken-xml.docx",
            docx_with(r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Het RESOC"#),
            "word/document.xml: ends inside 5 open element(s) (truncated?)".into(),
        ),
        ("geen-word.docx", zip_of(&[("content.xml", b"<x/>")]), "no word/document.xml in the zip container".into()),
        ("versleuteld.pdf", fixture("encrypted.pdf"), "password-protected (encrypted) PDF file".into()),
        ("versleuteld.docx", encrypted_office, "password-protected (encrypted) DOCX file".into()),
        (
            "versleuteld.odt",
            zip_of(&[
                ("content.xml", b"\x8f\x01\x02"),
                ("META-INF/manifest.xml", b"<manifest:manifest><manifest:file-entry><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"),
            ]),
            "password-protected (encrypted) ODT file".into(),
        ),
        ("word97.docx", ole, "a legacy Office file".into()),
        ("scan.pdf", fixture("scan.pdf"), "no text layer (a scanned PDF?); no OCR is done".into()),
        ("crash.pdf", fixture("crash.pdf"), "reader crashed: PDF reader panicked: unexpected encoding".into()),
        ("binair.txt", b"RESOC\x00\x01\x02\x03".to_vec(), "binary content (NUL byte at offset 5)".into()),
        ("brochure.txt", pdf.clone(), "the file is named .txt but holds a PDF; rename it to .pdf".into()),
        ("leeg.md", Vec::new(), "empty file".into()),
        ("wit.txt", b"  \n\n \t\n".to_vec(), "empty file".into()),
        ("leeg.docx", docx_with(&document("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")), "no text in the document (empty docx)".into()),
        ("leeg.html", b"<html><head><title>Titel</title></head><body><nav>Menu</nav></body></html>".to_vec(), "no text in the document (empty html)".into()),
        ("bom.docx", bomb_docx(), format!("zip container unpacks to more than the limit of {MAX_UNPACKED_BYTES} bytes (a zip bomb?)")),
        ("veel.odt", zip_of(&many_parts), format!("more than the limit of {MAX_ZIP_ENTRIES} (a zip bomb?)")),
        ("diep.docx", docx_with(&deep), format!("word/document.xml: elements nested deeper than the limit of {MAX_XML_DEPTH} levels")),
        ("diep.html", "<div>".repeat(20_000).into_bytes(), "HTML: elements nested deeper than the limit".into()),
        ("pact.rtf", b"{\\rtf1 Het RESOC}".to_vec(), "unsupported file type '.rtf'".into()),
        ("LEESMIJ", b"Het RESOC".to_vec(), "no file extension".into()),
    ]
}

#[test]
fn every_bad_file_is_named_with_its_reason_and_the_rest_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pacts");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("kempen.md"), GOOD).unwrap();
    let bad = bad_files();
    for (name, content, _) in &bad {
        fs::write(input.join(name), content).unwrap();
    }
    // Over the size limit: a sparse file, so no disk space is used.
    fs::File::create(input.join("groot.txt"))
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    let out = dir.path().join("out");
    let assert = cargo_bin_cmd!("streekpact")
        // A handled crash prints no backtrace, even when backtraces are asked for.
        .env("RUST_BACKTRACE", "full")
        .arg("score")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for (name, _, reason) in &bad {
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("pacts/{name}: ")))
            .unwrap_or_else(|| panic!("{name} not named on stderr:\n{stderr}"));
        assert!(
            line.contains(reason.as_str()),
            "{name}: expected '{reason}' in\n{line}"
        );
    }
    assert!(
        stderr.contains(&format!(
            "pacts/groot.txt: file is larger than the limit of {MAX_FILE_BYTES} bytes"
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked at")
            && !stderr.contains("stack backtrace")
            && !stderr.contains("thread '"),
        "a panic reached the user:\n{stderr}"
    );

    let resocs = csv_rows(&out.join("resocs.csv"));
    assert_eq!(resocs.len(), 1, "{resocs:?}");
    assert_eq!(resocs[0]["resoc"], "RESOC Kempen");
    assert_eq!(resocs[0]["type"], "project");

    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let inputs = manifest["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), bad.len() + 2);
    for i in inputs {
        let path = i["path"].as_str().unwrap();
        if path == "pacts/kempen.md" {
            assert_eq!(i["status"], "read");
            assert_eq!(i["encoding"], "UTF-8");
        } else {
            assert_eq!(i["status"], "skipped", "{path}");
            assert!(
                !i["reason"].as_str().unwrap_or("").is_empty(),
                "{path}: no reason"
            );
        }
    }
}

#[test]
fn a_pdf_reader_that_hangs_is_stopped_at_the_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pacts");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("kempen.md"), GOOD).unwrap();
    fs::copy(Path::new(FIXTURES).join("kempen.pdf"), input.join("traag.pdf")).unwrap();
    let out = dir.path().join("out");
    cargo_bin_cmd!("streekpact")
        .env("STREEKPACT_PDF_TIMEOUT", "0.001")
        .arg("score")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "pacts/traag.pdf: the PDF reader did not finish within 1 s and was stopped",
        ));
    assert_eq!(csv_rows(&out.join("resocs.csv"))[0]["resoc"], "RESOC Kempen");
}

#[test]
fn legacy_encodings_are_read_and_recorded_and_a_bad_label_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pacts");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("mechelen.txt"),
        b"RESOC Mechelen\n\nHet RESOC co\xf6rdineert het \x84overleg\x94 met de partners \x96 budget \x80 5.000.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    cargo_bin_cmd!("streekpact")
        .arg("score")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["inputs"][0]["encoding"], "windows-1252 (detected)");
    let matches = fs::read_to_string(out.join("matches.csv")).unwrap();
    assert!(
        matches.contains("coördineert") || matches.contains("\"overleg\""),
        "{matches}"
    );

    let euro = dir.path().join("euro");
    fs::create_dir(&euro).unwrap();
    fs::write(
        euro.join("mechelen.txt"),
        b"RESOC Mechelen\n\nHet RESOC co\xf6rdineert het overleg; budget \xa4 5.000.\n",
    )
    .unwrap();
    cargo_bin_cmd!("streekpact")
        .args(["score", "--encoding", "iso-8859-15"])
        .arg(&euro)
        .arg("-o")
        .arg(dir.path().join("out2"))
        .assert()
        .code(0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("out2/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["inputs"][0]["encoding"], "ISO-8859-15 (--encoding)");
    let sections = fs::read_to_string(dir.path().join("out2/sections.csv")).unwrap();
    assert!(sections.contains("RESOC Mechelen"), "{sections}");
    // The Windows-1252 file read as ISO-8859-15 has C1 controls where „ ” – € were.
    cargo_bin_cmd!("streekpact")
        .args(["score", "--encoding", "iso-8859-15"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out4"))
        .assert()
        // Its only input could not be read: nothing is written (exit 2), the reason named.
        .code(2)
        .stderr(predicates::str::contains("when read as ISO-8859-15 (--encoding)"));
    assert!(!dir.path().join("out4/resocs.csv").exists());

    let assert = cargo_bin_cmd!("streekpact")
        .args(["score", "--encoding", "klingon"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out3"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("unknown encoding label 'klingon'"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pacts");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("sub/kempen.md"), GOOD).unwrap();
    std::os::unix::fs::symlink(&input, input.join("sub/lus")).unwrap();
    std::os::unix::fs::symlink(input.join("weg.md"), input.join("verwijzing.md")).unwrap();
    let out = dir.path().join("out");
    cargo_bin_cmd!("streekpact")
        .arg("score")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(
            predicates::str::contains("symbolic link loop").and(predicates::str::contains("verwijzing.md")),
        );
    assert_eq!(csv_rows(&out.join("resocs.csv"))[0]["resoc"], "RESOC Kempen");
}

/// Inputs that crashed a fuzz target once (fuzz/regressions/<target>/), replayed the
/// way the target feeds them: none may panic.
#[test]
fn fuzz_regressions_do_not_panic() {
    let registry = streekpact::registry::Registry::builtin();
    let opts = streekpact::ingest::IngestOptions::default();
    let targets = fs::read_dir("fuzz/regressions").expect("fuzz/regressions is part of the repository");
    let mut replayed = 0;
    for target in targets {
        let target = target.unwrap().path();
        for case in fs::read_dir(&target).unwrap() {
            let case = case.unwrap().path();
            let data = fs::read(&case).unwrap();
            replayed += 1;
            let (first, rest) = data.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
            match target.file_name().unwrap().to_str().unwrap() {
                "text" => {
                    let name = if first & 1 == 0 { "pact.txt" } else { "pact.md" };
                    match streekpact::ingest::decode_document(name, rest, &opts) {
                        Ok((text, _, _)) => {
                            streekpact::segment::segment_document(name, &text, &registry);
                        }
                        Err(e) => assert!(
                            !matches!(e, IngestError::ReaderCrashed(_)),
                            "{}: {e}",
                            case.display()
                        ),
                    }
                }
                "container" => {
                    let name = if first & 1 == 0 { "pact.docx" } else { "pact.odt" };
                    let r = streekpact::ingest::decode_document(name, rest, &opts);
                    assert!(
                        !matches!(r, Err(IngestError::ReaderCrashed(_))),
                        "{}: {r:?}",
                        case.display()
                    );
                }
                "html" => {
                    let r = streekpact::ingest::decode_document("pagina.html", &data, &opts);
                    assert!(
                        !matches!(r, Err(IngestError::ReaderCrashed(_))),
                        "{}: {r:?}",
                        case.display()
                    );
                }
                other => panic!("{}: no replay for target {other}", case.display()),
            }
        }
    }
    assert!(replayed > 0, "no regression case was replayed");
}
