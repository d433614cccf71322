//! ODT (OpenDocument Text) → the document model.
//!
//! Reads `content.xml`, with `styles.xml` for named styles; `META-INF/manifest.xml`
//! only to recognise an encrypted package. Kept: headings (`text:h`, level from
//! `text:outline-level`, else the paragraph style's default outline level),
//! paragraphs (`text:p`), list items (`text:list-item`, first paragraph as a `- `
//! item), bold and italic from automatic or named text/paragraph styles
//! (`fo:font-weight` bold or ≥ 600, `fo:font-style` italic/oblique), spaces
//! (`text:s`), tabs, line breaks, links, text in frames and text boxes, footnote and
//! endnote bodies (as paragraphs of their own), table rows as `- ` lines with ` | `
//! between cells.
//!
//! Dropped: tracked changes (`text:tracked-changes`: deleted text), annotations
//! (comments), note citation marks, tables of contents and other generated indexes
//! (they repeat headings), image titles and descriptions, forms, scripts, and the
//! page headers and footers (in `styles.xml`, not read as text).

use std::collections::HashMap;

use super::container::Container;

use super::model::{Builder, Kind, Style, TablePart};
use super::xml::{attr, name_of, part_text, Ev, XmlReader};
use super::IngestError;

const FORMAT: &str = "ODT";
const CONTENT: &str = "content.xml";
const STYLES: &str = "styles.xml";
const MANIFEST: &str = "META-INF/manifest.xml";

/// Reads an .odt file.
pub fn read(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    let mut container = Container::open(bytes, FORMAT, "odt")?;
    if let Some(manifest) = container.read(MANIFEST)? {
        if manifest.windows(15).any(|w| w == b"encryption-data") {
            return Err(IngestError::Encrypted(FORMAT));
        }
    }
    let content = container.read(CONTENT)?.ok_or(IngestError::MissingPart {
        format: FORMAT,
        part: CONTENT,
    })?;
    let mut styles = Styles::default();
    if let Some(xml) = container.read(STYLES)? {
        let (text, _) = part_text(&xml, FORMAT, STYLES)?;
        styles.add(&text, STYLES)?;
    }
    let (text, encoding) = part_text(&content, FORMAT, CONTENT)?;
    styles.add(&text, CONTENT)?;
    Ok((content_to_text(&text, &styles)?, encoding))
}

#[derive(Debug, Default, Clone)]
struct StyleDef {
    parent: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    outline: Option<u8>,
}

/// Paragraph and text styles, automatic (content.xml) and named (styles.xml), by
/// (family, name).
#[derive(Debug, Default)]
pub struct Styles {
    by_name: HashMap<(String, String), StyleDef>,
}

impl Styles {
    /// Adds the `style:style` definitions of one part.
    pub fn add(&mut self, xml: &str, part: &'static str) -> Result<(), IngestError> {
        let mut r = XmlReader::new(xml, FORMAT, part);
        let mut current: Option<((String, String), StyleDef)> = None;
        loop {
            let (e, is_start) = match r.next()? {
                Ev::Eof => return Ok(()),
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End(name) => {
                    if name == "style" {
                        if let Some((key, def)) = current.take() {
                            self.by_name.insert(key, def);
                        }
                    }
                    continue;
                }
                Ev::Text(_) => continue,
            };
            match name_of(&e) {
                // The document body is not needed here.
                "body" if is_start => r.skip_element()?,
                "style" => {
                    let key = (
                        attr(&e, "family").unwrap_or_default(),
                        attr(&e, "name").unwrap_or_default(),
                    );
                    let def = StyleDef {
                        parent: attr(&e, "parent-style-name"),
                        outline: attr(&e, "default-outline-level").and_then(|v| v.trim().parse().ok()),
                        ..StyleDef::default()
                    };
                    if is_start {
                        current = Some((key, def));
                    } else {
                        self.by_name.insert(key, def);
                    }
                }
                "text-properties" => {
                    if let Some((_, def)) = current.as_mut() {
                        if let Some(w) = attr(&e, "font-weight") {
                            def.bold = Some(is_bold_weight(&w));
                        }
                        if let Some(s) = attr(&e, "font-style") {
                            def.italic = Some(matches!(s.trim(), "italic" | "oblique"));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn inherited<T>(&self, family: &str, name: &str, get: impl Fn(&StyleDef) -> Option<T>) -> Option<T> {
        let mut name = name.to_string();
        for _ in 0..16 {
            let def = self.by_name.get(&(family.to_string(), name))?;
            if let Some(v) = get(def) {
                return Some(v);
            }
            name = def.parent.clone()?;
        }
        None
    }

    fn style(&self, family: &str, name: &str, base: Style) -> Style {
        Style {
            bold: self.inherited(family, name, |d| d.bold).unwrap_or(base.bold),
            italic: self.inherited(family, name, |d| d.italic).unwrap_or(base.italic),
        }
    }

    fn outline(&self, name: &str) -> Option<u8> {
        self.inherited("paragraph", name, |d| d.outline)
    }
}

fn is_bold_weight(w: &str) -> bool {
    match w.trim() {
        "bold" | "bolder" => true,
        n => n.parse::<u32>().is_ok_and(|n| n >= 600),
    }
}

/// Collapses XML white space the way ODF does: any run of space, tab, CR or LF is
/// one space (real spaces beyond one are `text:s`).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Converts the text of `content.xml` into the document model.
pub fn content_to_text(xml: &str, styles: &Styles) -> Result<String, IngestError> {
    let mut r = XmlReader::new(xml, FORMAT, CONTENT);
    let mut b = Builder::new();
    // The style of the text at hand: one entry per open paragraph or span.
    let mut spans: Vec<Style> = Vec::new();
    // Open paragraphs (text:p / text:h), to know when text belongs to one.
    let mut paras = 0usize;
    // Per open list item: whether its first paragraph is still to come.
    let mut items: Vec<bool> = Vec::new();
    let mut in_body = false;
    // Inside `table:table-header-rows`: the rows there are the table's header.
    let mut in_header_rows = false;
    loop {
        let (e, is_start) = match r.next()? {
            Ev::Eof => break,
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            Ev::Text(t) => {
                if paras > 0 {
                    b.text(&collapse(&t), spans.last().copied().unwrap_or_default());
                }
                continue;
            }
            Ev::End(name) => {
                match name.as_str() {
                    "p" | "h" => {
                        b.end();
                        spans.pop();
                        paras = paras.saturating_sub(1);
                    }
                    "span" => {
                        spans.pop();
                    }
                    "list-item" => {
                        items.pop();
                    }
                    "table" => b.table_end(),
                    "table-row" => b.row_end(),
                    "table-cell" => b.cell_end(),
                    "table-header-rows" => in_header_rows = false,
                    "body" => in_body = false,
                    _ => {}
                }
                continue;
            }
        };
        let style = spans.last().copied().unwrap_or_default();
        match name_of(&e) {
            "body" if is_start => in_body = true,
            // Styles, fonts, scripts and declarations hold no document text.
            "automatic-styles" | "font-face-decls" | "scripts" | "master-styles" | "styles" if is_start => {
                r.skip_element()?
            }
            _ if !in_body => {}
            "p" | "h" => {
                let style_name = attr(&e, "style-name").unwrap_or_default();
                let level = if name_of(&e) == "h" {
                    Some(
                        attr(&e, "outline-level")
                            .and_then(|v| v.trim().parse::<u8>().ok())
                            .or_else(|| styles.outline(&style_name))
                            .unwrap_or(1),
                    )
                } else {
                    styles.outline(&style_name)
                };
                let kind = match level {
                    Some(l) if l >= 1 => Kind::Heading(l.min(6)),
                    _ => match items.last_mut() {
                        Some(first) if *first => {
                            *first = false;
                            Kind::Item
                        }
                        _ => Kind::Body,
                    },
                };
                b.begin(kind);
                if is_start {
                    spans.push(styles.style("paragraph", &style_name, Style::default()));
                    paras += 1;
                } else {
                    b.end();
                }
            }
            "span" if is_start => {
                let name = attr(&e, "style-name").unwrap_or_default();
                spans.push(styles.style("text", &name, style));
            }
            "s" if paras > 0 => {
                let n = attr(&e, "c")
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                b.text(&" ".repeat(n.clamp(1, 100)), style);
            }
            "tab" if paras > 0 => b.text("\t", style),
            "line-break" if paras > 0 => b.line_break(),
            "list-item" | "list-header" if is_start => items.push(name_of(&e) == "list-item"),
            "table" => b.table_part(TablePart::Table, true, !is_start),
            "table-row" => {
                b.table_part(TablePart::Row, true, !is_start);
                if is_start && in_header_rows {
                    b.mark_header_row();
                }
            }
            "table-cell" => {
                b.table_part(TablePart::Cell, true, !is_start);
                let span = attr(&e, "number-columns-spanned").and_then(|v| v.trim().parse().ok());
                if let (true, Some(span)) = (is_start, span) {
                    b.set_cell_span(span);
                }
            }
            "table-header-rows" if is_start => in_header_rows = true,
            "tracked-changes" | "annotation" | "annotation-end" | "note-citation" | "table-of-content"
            | "alphabetical-index" | "illustration-index" | "table-index" | "object-index" | "user-index"
            | "bibliography" | "title" | "desc" | "forms" | "sequence-decls" | "variable-decls"
            | "user-field-decls" | "covered-table-cell" | "table-columns" | "table-column"
                if is_start =>
            {
                r.skip_element()?
            }
            _ => {}
        }
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::container::tests::zip_of;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0""#;

    fn content(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3"><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_2"/></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    const NAMED: &str = r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:fo="f"><office:styles><style:style style:name="Heading_20_2" style:family="paragraph" style:default-outline-level="2"/><style:style style:name="Strong_20_Emphasis" style:family="text"><style:text-properties fo:font-weight="700"/></style:style></office:styles></office:document-styles>"#;

    fn convert(body: &str) -> String {
        let xml = content(body);
        let mut styles = Styles::default();
        styles.add(NAMED, STYLES).unwrap();
        styles.add(&xml, CONTENT).unwrap();
        content_to_text(&xml, &styles).unwrap()
    }

    #[test]
    fn headings_paragraphs_spans_and_spaces() {
        let body = r#"<text:h text:outline-level="1">Streekpact RESOC Kempen</text:h>
            <text:p text:style-name="P1">1. Situering</text:p>
            <text:p>Het   RESOC
              kiest <text:span text:style-name="T1">een actieve rol</text:span>,<text:s text:c="2"/><text:span text:style-name="Strong_20_Emphasis">vooral</text:span> en <text:span text:style-name="T2">soms</text:span>.<text:tab/>Na tab<text:line-break/>na regel <text:a xlink:href="x" xmlns:xlink="l">link</text:a></text:p>"#;
        assert_eq!(
            convert(body),
            "# Streekpact RESOC Kempen\n\n## 1. Situering\n\nHet RESOC kiest **een actieve rol**,  **vooral** en *soms*.\tNa tab\nna regel link\n"
        );
    }

    #[test]
    fn header_rows_and_spanned_cells_keep_every_cell_under_its_column() {
        let body = r#"<table:table><table:table-column table:number-columns-repeated="3"/><table:table-header-rows><table:table-row><table:table-cell><text:p>Actie</text:p></table:table-cell><table:table-cell><text:p>Trekker</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Jobbeurs</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>VDAB</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(
            convert(body),
            "| Actie | Trekker | |\n|---|---|---|\n| Jobbeurs | | VDAB |\n"
        );
    }

    #[test]
    fn lists_tables_notes_and_dropped_parts() {
        let body = r#"<text:p>Het RESOC kan:</text:p><text:list><text:list-item><text:p>overleg organiseren</text:p></text:list-item><text:list-item><text:p>projecten trekken</text:p><text:list><text:list-item><text:p>genest punt</text:p></text:list-item></text:list></text:list-item></text:list>
            <text:tracked-changes><text:changed-region><text:deletion><text:p>geschrapte tekst</text:p></text:deletion></text:changed-region></text:tracked-changes>
            <text:table-of-content><text:index-body><text:p>1. Situering 3</text:p></text:index-body></text:table-of-content>
            <text:p>Tekst<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Een voetnoot.</text:p></text:note-body></text:note> met noot.<office:annotation><text:p>commentaar</text:p></office:annotation></text:p>
            <table:table><table:table-column/><table:table-row><table:table-cell><text:p><text:span text:style-name="T1">Trekker</text:span></text:p></table:table-cell><table:table-cell><text:p>RESOC</text:p><text:p>Kempen</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>
            <text:p><draw:frame><draw:text-box><text:p>In het kader</text:p></draw:text-box></draw:frame></text:p>"#;
        assert_eq!(
            convert(body),
            "Het RESOC kan:\n\n- overleg organiseren\n- projecten trekken\n- genest punt\n\nEen voetnoot.\n\nTekst met noot.\n\n| **Trekker** | RESOC Kempen |\n\nIn het kader\n"
        );
    }

    #[test]
    fn whole_files_and_encrypted_packages() {
        let xml = content("<text:h>Titel</text:h>");
        let bytes = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", xml.as_bytes()),
            ("styles.xml", NAMED.as_bytes()),
        ]);
        assert_eq!(read(&bytes).unwrap(), ("# Titel\n".into(), "UTF-8 (XML)"));
        let encrypted = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"\x8f\x12garbage"),
            (
                "META-INF/manifest.xml",
                b"<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
            ),
        ]);
        assert_eq!(read(&encrypted).unwrap_err(), IngestError::Encrypted("ODT"));
        let empty = zip_of(&[("mimetype", b"x")]);
        assert_eq!(
            read(&empty).unwrap_err().to_string(),
            "no content.xml in the zip container; not a valid ODT file"
        );
    }
}
