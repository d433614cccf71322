//! Format equivalence: one illustrative pact (tests/fixtures/formats/kempen.md) as
//! Markdown, DOCX, ODT, HTML, PDF and Windows-1252 text must give the same sections,
//! the same RESOC type and the same score (the PDF, whose text layer has no bold,
//! within 0.1). The DOCX, ODT and HTML versions are written here from the Markdown,
//! each with the things its reader must leave out (deleted revisions, field codes,
//! tracked changes, comments, navigation, hidden text, scripts).

#![cfg(all(feature = "pdf", feature = "html"))]

mod common;
use common::csv_rows;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

const FIXTURES: &str = "tests/fixtures/formats";

// --- a small reader of the fixture's Markdown ----------------------------------------

enum Block {
    Heading(usize, String),
    Para(String),
    Items(Vec<String>),
}

fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for chunk in md.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        if let Some(rest) = chunk.strip_prefix('#') {
            let level = 1 + rest.chars().take_while(|&c| c == '#').count();
            out.push(Block::Heading(
                level,
                rest.trim_start_matches('#').trim().to_string(),
            ));
        } else if chunk.starts_with("- ") {
            out.push(Block::Items(
                chunk
                    .lines()
                    .map(|l| l.trim_start_matches("- ").to_string())
                    .collect(),
            ));
        } else {
            out.push(Block::Para(chunk.replace('\n', " ")));
        }
    }
    out
}

/// Runs of (text, bold, italic) from `**bold**` and `*italic*` markup.
fn runs(text: &str) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    let mut bold = false;
    let mut italic = false;
    let mut current = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (toggle_bold, len) = if rest.starts_with("**") {
            (Some(true), 2)
        } else if rest.starts_with('*') {
            (Some(false), 1)
        } else {
            (None, 0)
        };
        match toggle_bold {
            Some(b) => {
                if !current.is_empty() {
                    out.push((std::mem::take(&mut current), bold, italic));
                }
                if b {
                    bold = !bold;
                } else {
                    italic = !italic;
                }
                rest = &rest[len..];
            }
            None => {
                let c = rest.chars().next().unwrap();
                current.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !current.is_empty() {
        out.push((current, bold, italic));
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// --- DOCX ------------------------------------------------------------------------------

fn docx_runs(text: &str) -> String {
    runs(text)
        .into_iter()
        .map(|(t, b, i)| {
            let props = match (b, i) {
                (false, false) => String::new(),
                _ => format!(
                    "<w:rPr>{}{}</w:rPr>",
                    if b { "<w:b/>" } else { "" },
                    if i { "<w:i/>" } else { "" }
                ),
            };
            format!(
                r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                xml_escape(&t)
            )
        })
        .collect()
}

fn docx(md: &str) -> Vec<u8> {
    let mut body = String::new();
    for (k, block) in blocks(md).iter().enumerate() {
        match block {
            // Word's Dutch heading styles: the id is "Kop1", the outline level says 0.
            Block::Heading(level, text) => body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Kop{level}"/></w:pPr>{}</w:p>"#,
                docx_runs(text)
            )),
            Block::Para(text) if k == 2 => {
                // A paragraph in a content control, with a deleted revision and a field.
                body.push_str(&format!(
                    r#"<w:sdt><w:sdtPr><w:alias w:val="Situering"/></w:sdtPr><w:sdtContent><w:p>{}<w:del w:id="1" w:author="x"><w:r><w:delText xml:space="preserve"> Het RESOC voert geen projecten uit en overlegt niet.</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>"#,
                    docx_runs(text)
                ))
            }
            Block::Para(text) => body.push_str(&format!("<w:p>{}</w:p>", docx_runs(text))),
            Block::Items(items) => {
                for item in items {
                    body.push_str(&format!(
                        r#"<w:p><w:pPr><w:pStyle w:val="Lijstalinea"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
                        docx_runs(item)
                    ));
                }
            }
        }
    }
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {w}><w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Standaard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Kop1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Lijstalinea"><w:name w:val="List Paragraph"/></w:style></w:styles>"#
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
    ])
}

// --- ODT -------------------------------------------------------------------------------

fn odt_spans(text: &str) -> String {
    runs(text)
        .into_iter()
        .map(|(t, b, i)| match (b, i) {
            (false, false) => xml_escape(&t),
            (true, _) => format!(
                r#"<text:span text:style-name="T1">{}</text:span>"#,
                xml_escape(&t)
            ),
            (false, true) => format!(
                r#"<text:span text:style-name="T2">{}</text:span>"#,
                xml_escape(&t)
            ),
        })
        .collect()
}

fn odt(md: &str) -> Vec<u8> {
    let mut body = String::from(
        "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><text:p>Het RESOC voert geen projecten uit.</text:p></text:deletion></text:changed-region></text:tracked-changes>",
    );
    for block in blocks(md) {
        match block {
            Block::Heading(level, text) => body.push_str(&format!(
                r#"<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{}</text:h>"#,
                odt_spans(&text)
            )),
            Block::Para(text) => body.push_str(&format!(
                r#"<text:p text:style-name="Text_20_body">{}<office:annotation><dc:creator>x</dc:creator><text:p>Commentaar: overleg of project?</text:p></office:annotation></text:p>"#,
                odt_spans(&text)
            )),
            Block::Items(items) => {
                body.push_str("<text:list>");
                for item in items {
                    body.push_str(&format!("<text:list-item><text:p>{}</text:p></text:list-item>", odt_spans(&item)));
                }
                body.push_str("</text:list>");
            }
        }
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        ("content.xml", content),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>"#.into(),
        ),
    ])
}

// --- HTML ------------------------------------------------------------------------------

fn html_inline(text: &str) -> String {
    runs(text)
        .into_iter()
        .map(|(t, b, i)| {
            let t = t
                .replace('&', "&amp;")
                .replace('€', "&euro;")
                .replace('„', "&bdquo;")
                .replace('”', "&rdquo;")
                .replace('–', "&ndash;")
                .replace('ö', "&ouml;");
            match (b, i) {
                (false, false) => t,
                (true, _) => format!("<strong>{t}</strong>"),
                (false, true) => format!("<em>{t}</em>"),
            }
        })
        .collect()
}

fn html(md: &str) -> String {
    let mut body = String::new();
    for block in blocks(md) {
        match block {
            Block::Heading(level, text) => {
                body.push_str(&format!("<h{level}>{}</h{level}>\n", html_inline(&text)))
            }
            Block::Para(text) => body.push_str(&format!(
                "<p>{}<span hidden> Het RESOC voert geen projecten uit.</span></p>\n",
                html_inline(&text)
            )),
            Block::Items(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    body.push_str(&format!("  <li>{}\n", html_inline(&item)));
                }
                body.push_str("</ul>\n");
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Streekpact Kempen</title><style>nav {{ color: red }}</style><script>var t = '<p>Het RESOC overlegt.</p>';</script></head>\n<body><header><nav><a href=\"/\">Home</a> | <a href=\"/projecten\">Projecten</a> | <a href=\"/overleg\">Overleg</a></nav></header>\n<main>\n{body}</main>\n<!-- Het RESOC trekt geen projecten. -->\n<div style=\"display: none\">Het RESOC organiseert overleg met alle partners.</div>\n<footer>© RESOC Kempen – contact – privacy</footer></body></html>\n"
    )
}

// --- running the pact in every format --------------------------------------------------

/// Writes the pact in every format, each in a folder of its own, as `kempen.<ext>`.
fn write_all_formats(root: &Path) -> Vec<(&'static str, PathBuf)> {
    let md = fs::read_to_string(Path::new(FIXTURES).join("kempen.md")).unwrap();
    let cp1252 = encoding_rs::WINDOWS_1252.encode(&md).0.into_owned();
    assert!(
        cp1252.contains(&0x80) && cp1252.contains(&0x84) && cp1252.contains(&0x96),
        "the text has € „ –"
    );
    let files: Vec<(&'static str, &str, Vec<u8>)> = vec![
        ("markdown", "md", md.clone().into_bytes()),
        ("docx", "docx", docx(&md)),
        ("odt", "odt", odt(&md)),
        ("html", "html", html(&md).into_bytes()),
        (
            "pdf",
            "pdf",
            fs::read(Path::new(FIXTURES).join("kempen.pdf")).unwrap(),
        ),
        ("text", "txt", cp1252),
    ];
    files
        .into_iter()
        .map(|(format, ext, bytes)| {
            let dir = root.join(format);
            fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("kempen.{ext}"));
            fs::write(&path, bytes).unwrap();
            (format, path)
        })
        .collect()
}

struct Outcome {
    titles: Vec<String>,
    resoc: String,
    role: String,
    score: f64,
    encoding: String,
}

fn score_with_binary(input: &Path, out: &Path) -> Outcome {
    cargo_bin_cmd!("streekpact")
        .arg("score")
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
        .code(0);
    let resocs = csv_rows(&out.join("resocs.csv"));
    assert_eq!(resocs.len(), 1, "{}: one RESOC", input.display());
    let sections = csv_rows(&out.join("sections.csv"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    Outcome {
        titles: sections.iter().map(|s| s["title"].clone()).collect(),
        resoc: resocs[0]["resoc"].clone(),
        role: resocs[0]["type"].clone(),
        score: resocs[0]["score"].parse().unwrap(),
        encoding: manifest["inputs"][0]["encoding"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    }
}

#[test]
fn the_same_pact_in_every_format_gives_the_same_sections_and_score() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_all_formats(dir.path());
    let outcomes: Vec<(&str, Outcome)> = files
        .iter()
        .map(|(format, path)| {
            (
                *format,
                score_with_binary(path, &dir.path().join(format!("out-{format}"))),
            )
        })
        .collect();
    let (_, md) = &outcomes[0];
    assert_eq!(
        md.titles,
        [
            "Streekpact 2013–2018 RESOC Kempen",
            "1. Situering",
            "2. Rol van het RESOC",
            "3. Thema 1: Arbeidsmarkt en onderwijs"
        ]
    );
    assert_eq!(md.resoc, "RESOC Kempen");
    assert_eq!(md.role, "project");
    for (format, o) in &outcomes {
        assert_eq!(o.titles, md.titles, "{format}: section titles");
        assert_eq!(o.resoc, md.resoc, "{format}: RESOC");
        assert_eq!(o.role, md.role, "{format}: type");
        let tolerance = if *format == "pdf" { 0.1 } else { 1e-9 };
        assert!(
            (o.score - md.score).abs() <= tolerance,
            "{format}: score {} vs {} (markdown)",
            o.score,
            md.score
        );
    }
    let encodings: BTreeMap<&str, &str> = outcomes.iter().map(|(f, o)| (*f, o.encoding.as_str())).collect();
    assert_eq!(encodings["markdown"], "UTF-8");
    assert_eq!(encodings["docx"], "UTF-8 (XML)");
    assert_eq!(encodings["odt"], "UTF-8 (XML)");
    assert_eq!(encodings["html"], "UTF-8");
    assert_eq!(encodings["pdf"], "PDF text layer");
    assert_eq!(encodings["text"], "windows-1252 (detected)");
}

#[test]
fn all_formats_in_one_run_in_process_read_the_same_words() {
    // The library, without the binary: the PDF is read in process (catch_unwind).
    let dir = tempfile::tempdir().unwrap();
    let files = write_all_formats(dir.path());
    let opts = streekpact::ingest::IngestOptions::default();
    let texts: Vec<(&str, String)> = files
        .iter()
        .map(|(format, path)| {
            let (text, got, _) = streekpact::ingest::decode_document(
                &path.file_name().unwrap().to_string_lossy(),
                &fs::read(path).unwrap(),
                &opts,
            )
            .unwrap_or_else(|e| panic!("{format}: {e}"));
            assert_eq!(got, *format);
            (*format, text)
        })
        .collect();
    // The words (markup and layout aside) are the same in every format.
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let md = words(&texts[0].1);
    for (format, text) in &texts {
        assert_eq!(words(text), md, "{format}:\n{text}");
    }
    // What each reader had to leave out did not get in.
    for (format, text) in &texts {
        for dropped in [
            "geen projecten",
            "Commentaar",
            "Home",
            "privacy",
            "PAGE",
            "Pagina",
        ] {
            assert!(!text.contains(dropped), "{format} kept '{dropped}':\n{text}");
        }
    }
    // Emphasis survives where the format has it.
    for (format, text) in &texts[..4] {
        assert!(text.contains("**actieve, uitvoerende rol**"), "{format}:\n{text}");
    }
}

#[test]
fn files_written_by_an_office_suite_read_like_the_markdown() {
    // tests/fixtures/formats/libreoffice: kempen.md → source.html → LibreOffice →
    // .docx, .odt, .pdf (real styles, automatic styles, embedded subset fonts).
    let dir = tempfile::tempdir().unwrap();
    let md = score_with_binary(&Path::new(FIXTURES).join("kempen.md"), &dir.path().join("out-md"));
    for ext in ["docx", "odt", "pdf"] {
        let file = Path::new(FIXTURES)
            .join("libreoffice")
            .join(format!("kempen.{ext}"));
        let o = score_with_binary(&file, &dir.path().join(format!("out-{ext}")));
        assert_eq!(o.titles, md.titles, "{ext}: section titles");
        assert_eq!(
            (o.resoc.as_str(), o.role.as_str()),
            (md.resoc.as_str(), md.role.as_str()),
            "{ext}"
        );
        let tolerance = if ext == "pdf" { 0.1 } else { 1e-9 };
        assert!(
            (o.score - md.score).abs() <= tolerance,
            "{ext}: {} vs {}",
            o.score,
            md.score
        );
    }
}

// --- tables ------------------------------------------------------------------------------

/// An action table, as the four formats that have tables write it: a caption, a header
/// row ("Actie | Trekker | Partners") and two rows, one held by another actor, one by
/// the RESOC. Every format must read it by its columns: the header states no role, the
/// VDAB row's role words are VDAB's, the RESOC row's are the RESOC's.
#[test]
fn an_action_table_is_read_by_its_columns_in_every_format() {
    const ROWS: [[&str; 3]; 3] = [
        ["Actie", "Trekker", "Partners"],
        ["Een jobbeurs organiseren", "VDAB", "RESOC Kempen"],
        [
            "Overleg organiseren met de sociale partners",
            "RESOC Kempen",
            "provincie",
        ],
    ];
    const TITLE: &str = "Streekpact RESOC Kempen";
    const CAPTION: &str = "Tabel 1. Acties rond werk.";
    let md = format!(
        "# {TITLE}\n\n{CAPTION}\n\n| Actie | Trekker | Partners |\n|---|---|---|\n| Een jobbeurs organiseren | VDAB | RESOC Kempen |\n| Overleg organiseren met de sociale partners | RESOC Kempen | provincie |\n"
    );
    // Markdown also writes a table without outer pipes.
    let open_md = format!(
        "# {TITLE}\n\n{CAPTION}\n\nActie | Trekker | Partners\n--- | --- | ---\nEen jobbeurs organiseren | VDAB | RESOC Kempen\nOverleg organiseren met de sociale partners | RESOC Kempen | provincie\n"
    );
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    // DOCX twice: with the header row marked (`w:tblHeader`), and unmarked, where the
    // header is known from three columns of short labels.
    let docx_with = |mark: bool| {
        let rows: String = ROWS
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let props = if i == 0 && mark {
                    "<w:trPr><w:tblHeader/></w:trPr>"
                } else {
                    ""
                };
                let cells: String = row
                    .iter()
                    .map(|c| format!("<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>"))
                    .collect();
                format!("<w:tr>{props}{cells}</w:tr>")
            })
            .collect();
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body><w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:p><w:r><w:t>{CAPTION}</w:t></w:r></w:p><w:tbl><w:tblPr/>{rows}</w:tbl></w:body></w:document>"#
        );
        zip_of(&[
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
            ),
            ("word/document.xml", document),
        ])
    };
    let odt_rows = |rows: &[[&str; 3]]| -> String {
        rows.iter()
            .map(|row| {
                let cells: String = row
                    .iter()
                    .map(|c| format!("<table:table-cell><text:p>{c}</text:p></table:table-cell>"))
                    .collect();
                format!("<table:table-row>{cells}</table:table-row>")
            })
            .collect()
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:text><text:h text:outline-level="1">{TITLE}</text:h><text:p>{CAPTION}</text:p><table:table><table:table-header-rows>{}</table:table-header-rows>{}</table:table></office:text></office:body></office:document-content>"#,
        odt_rows(&ROWS[..1]),
        odt_rows(&ROWS[1..])
    );
    let odt = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        ("content.xml", content),
    ]);
    let html_rows: String = ROWS
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let tag = if i == 0 { "th" } else { "td" };
            format!(
                "<tr>{}</tr>",
                row.iter()
                    .map(|c| format!("<{tag}>{c}</{tag}>"))
                    .collect::<String>()
            )
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"></head><body><h1>{TITLE}</h1><p>{CAPTION}</p><table>{html_rows}</table></body></html>"
    );

    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, Vec<u8>); 6] = [
        ("md", md.into_bytes()),
        ("open.md", open_md.into_bytes()),
        ("docx", docx_with(true)),
        ("unmarked.docx", docx_with(false)),
        ("odt", odt),
        ("html", html.into_bytes()),
    ];
    let mut readings = BTreeMap::new();
    for (ext, bytes) in files {
        let input = dir.path().join(ext.replace('.', "_"));
        fs::create_dir_all(&input).unwrap();
        fs::write(input.join(format!("kempen.{ext}")), bytes).unwrap();
        let out = dir.path().join(format!("out_{}", ext.replace('.', "_")));
        cargo_bin_cmd!("streekpact")
            .args(common::SCORE_MATCHES_ONLY)
            .arg(&out)
            .arg(&input)
            .assert()
            .code(0);
        // (row text, cue, pole, counted, agent relation) per match, in file order; the
        // row's cells as "a | b", whether written with outer pipes or without.
        let matches: Vec<(String, String, String, bool, String)> = csv_rows(&out.join("matches.csv"))
            .into_iter()
            .map(|m| {
                let counted = m["contribution"].parse::<f64>().unwrap() != 0.0;
                (
                    m["context"].trim_matches(['|', ' ']).to_string(),
                    m["cue"].clone(),
                    m["pole"].clone(),
                    counted,
                    m["agent_relation"].clone(),
                )
            })
            .collect();
        assert!(
            matches
                .iter()
                .all(|(row, _, _, counted, _)| !(row.contains("Trekker") && *counted)),
            "{ext}: the header row states no role: {matches:?}"
        );
        assert!(
            matches
                .iter()
                .filter(|m| m.0.contains("VDAB"))
                .all(|(_, _, _, counted, relation)| !counted && relation == "table_holder"),
            "{ext}: the VDAB row is VDAB's: {matches:?}"
        );
        assert!(
            matches
                .iter()
                .any(|(row, _, pole, counted, _)| row.contains("Overleg organiseren")
                    && *counted
                    && pole.starts_with('-')),
            "{ext}: the RESOC row counts for overleg: {matches:?}"
        );
        readings.insert(ext, matches);
    }
    let markdown = readings["md"].clone();
    for (ext, matches) in &readings {
        assert_eq!(matches, &markdown, "{ext} reads the table as the Markdown does");
    }
}
