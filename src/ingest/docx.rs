//! DOCX (Office Open XML) → the document model.
//!
//! Only `word/document.xml` is read, with `word/styles.xml` for what paragraph and
//! character styles imply. Kept: paragraphs (`w:p`), text (`w:t`), tabs, line breaks,
//! non-breaking hyphens; headings from the outline level (`w:outlineLvl` in the
//! paragraph or its style chain; else a style whose built-in name is "heading N" or
//! "Title" — the id is localised, "Kop1", the name is not); bold and italic runs
//! (direct, character style or paragraph style); numbered and bulleted paragraphs
//! (`w:numPr`) as `- ` items; tables (`w:tbl`) as pipe tables, with a header row when
//! `w:tblHeader` marks one and merged cells (`w:gridSpan`) kept in their columns;
//! text in text boxes (`w:txbxContent`), content controls (`w:sdt`), hyperlinks,
//! inserted revisions, field results.
//!
//! Dropped: deleted and moved-away revisions (`w:del`, `w:delText`, `w:moveFrom`),
//! field codes (`w:instrText`), hidden runs (`w:vanish`), the fallback copy of
//! alternate content (`mc:Fallback`, which repeats `mc:Choice`), a table of contents
//! (content control of the "Table of Contents" gallery), content controls still
//! showing their placeholder prompt; and every other part: headers, footers,
//! footnotes, comments (not in `document.xml`).

use std::collections::HashMap;

use super::container::Container;

use super::model::{Builder, Kind, Style, TablePart};
use super::xml::{attr, name_of, part_text, Ev, XmlReader};
use super::IngestError;

const FORMAT: &str = "DOCX";
const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";

/// Reads a .docx file.
pub fn read(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    let mut container = Container::open(bytes, FORMAT, "docx")?;
    let document = container.read(DOCUMENT)?.ok_or(IngestError::MissingPart {
        format: FORMAT,
        part: DOCUMENT,
    })?;
    let styles = match container.read(STYLES)? {
        Some(xml) => {
            let (text, _) = part_text(&xml, FORMAT, STYLES)?;
            Styles::parse(&text)?
        }
        None => Styles::default(),
    };
    let (text, encoding) = part_text(&document, FORMAT, DOCUMENT)?;
    Ok((document_to_text(&text, &styles)?, encoding))
}

#[derive(Debug, Default, Clone)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    /// 0-based outline level (0–8); 9 means body text.
    outline: Option<u8>,
    numbered: Option<bool>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// The styles of `word/styles.xml`, by style id.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, StyleDef>,
}

impl Styles {
    /// Parses `word/styles.xml`.
    pub fn parse(xml: &str) -> Result<Styles, IngestError> {
        let mut r = XmlReader::new(xml, FORMAT, STYLES);
        let mut styles = Styles::default();
        let mut current: Option<(String, StyleDef)> = None;
        let mut in_ppr = false;
        let mut in_rpr = false;
        loop {
            let (e, is_start) = match r.next()? {
                Ev::Eof => break,
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End(name) => {
                    match name.as_str() {
                        "style" => {
                            if let Some((id, def)) = current.take() {
                                styles.by_id.insert(id, def);
                            }
                        }
                        "pPr" => in_ppr = false,
                        "rPr" => in_rpr = false,
                        _ => {}
                    }
                    continue;
                }
                Ev::Text(_) => continue,
            };
            let name = name_of(&e);
            match name {
                "style" if is_start => {
                    current = Some((attr(&e, "styleId").unwrap_or_default(), StyleDef::default()));
                }
                "pPrChange" | "rPrChange" if is_start => r.skip_element()?,
                "pPr" if is_start => in_ppr = true,
                "rPr" if is_start => in_rpr = true,
                _ => {}
            }
            let Some((_, def)) = current.as_mut() else {
                continue;
            };
            let val = attr(&e, "val");
            match name {
                "name" => def.name = val.unwrap_or_default(),
                "basedOn" => def.based_on = val,
                "outlineLvl" if in_ppr => def.outline = val.and_then(|v| v.trim().parse().ok()),
                "numId" if in_ppr => def.numbered = Some(val.is_some_and(|v| v.trim() != "0")),
                "b" if in_rpr => def.bold = Some(on(val.as_deref())),
                "i" if in_rpr => def.italic = Some(on(val.as_deref())),
                _ => {}
            }
        }
        Ok(styles)
    }

    /// Follows the `basedOn` chain (at most 16 steps, so a cycle ends) and returns
    /// the first value `get` finds.
    fn inherited<T>(&self, id: &str, get: impl Fn(&StyleDef) -> Option<T>) -> Option<T> {
        let mut id = id;
        for _ in 0..16 {
            let def = self.by_id.get(id)?;
            if let Some(v) = get(def) {
                return Some(v);
            }
            id = def.based_on.as_deref()?;
        }
        None
    }

    /// Heading level 1–6 of a paragraph style, if it is a heading style.
    fn heading_level(&self, id: &str) -> Option<u8> {
        if let Some(outline) = self.inherited(id, |d| d.outline) {
            return (outline < 9).then(|| (outline + 1).min(6));
        }
        self.inherited(id, |d| heading_level_of_name(&d.name))
    }

    fn numbered(&self, id: &str) -> bool {
        self.inherited(id, |d| d.numbered).unwrap_or(false)
    }

    fn style(&self, id: &str, base: Style) -> Style {
        Style {
            bold: self.inherited(id, |d| d.bold).unwrap_or(base.bold),
            italic: self.inherited(id, |d| d.italic).unwrap_or(base.italic),
        }
    }
}

/// Built-in style names are English in every language version of Word: "heading 1"
/// (shown as "Kop 1"), "Title".
fn heading_level_of_name(name: &str) -> Option<u8> {
    let name = name.trim().to_lowercase();
    if name == "title" {
        return Some(1);
    }
    let n: u8 = name.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&n).then(|| n.min(6))
}

/// `w:b`, `w:i`, `w:vanish`: on unless the value says off.
fn on(val: Option<&str>) -> bool {
    !matches!(val.map(str::trim), Some("0" | "false" | "off" | "none"))
}

#[derive(Default)]
struct ParaProps {
    style: Option<String>,
    outline: Option<u8>,
    numbered: Option<bool>,
}

#[derive(Clone, Copy, Default)]
struct Run {
    style: Style,
    hidden: bool,
}

#[derive(Default)]
struct Sdt {
    skip_content: bool,
}

/// Converts the text of `word/document.xml` into the document model.
pub fn document_to_text(xml: &str, styles: &Styles) -> Result<String, IngestError> {
    let mut r = XmlReader::new(xml, FORMAT, DOCUMENT);
    let mut b = Builder::new();
    // Per open paragraph: the style its runs start from.
    let mut para_styles: Vec<Style> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut sdts: Vec<Sdt> = Vec::new();
    let mut in_text = false;
    loop {
        let (e, is_start) = match r.next()? {
            Ev::Eof => break,
            Ev::Start(e) => (e, true),
            Ev::Empty(e) => (e, false),
            Ev::Text(t) => {
                let run = runs.last().copied().unwrap_or_default();
                if in_text && !run.hidden {
                    b.text(&t, run.style);
                }
                continue;
            }
            Ev::End(name) => {
                match name.as_str() {
                    "p" => {
                        b.end();
                        para_styles.pop();
                    }
                    "r" => {
                        runs.pop();
                    }
                    "t" => in_text = false,
                    "tbl" => b.table_end(),
                    "tr" => b.row_end(),
                    "tc" => b.cell_end(),
                    "sdt" => {
                        sdts.pop();
                    }
                    _ => {}
                }
                continue;
            }
        };
        let run = runs.last().copied().unwrap_or_default();
        match name_of(&e) {
            "p" => {
                b.begin(Kind::Body);
                para_styles.push(Style::default());
                if !is_start {
                    b.end();
                    para_styles.pop();
                }
            }
            "pPr" if is_start => {
                let props = read_ppr(&mut r)?;
                let id = props.style.as_deref().unwrap_or("");
                let level = match props.outline {
                    Some(o) if o < 9 => Some((o + 1).min(6)),
                    Some(_) => None,
                    None => styles.heading_level(id),
                };
                let numbered = props.numbered.unwrap_or_else(|| styles.numbered(id));
                if let Some(level) = level {
                    b.set_kind(Kind::Heading(level));
                } else if numbered {
                    b.set_kind(Kind::Item);
                }
                if let Some(s) = para_styles.last_mut() {
                    *s = styles.style(id, Style::default());
                }
            }
            "r" if is_start => runs.push(Run {
                style: para_styles.last().copied().unwrap_or_default(),
                hidden: false,
            }),
            "rPr" if is_start => {
                if let Some(run) = runs.last_mut() {
                    *run = read_rpr(&mut r, *run, styles)?;
                } else {
                    r.skip_element()?;
                }
            }
            "t" if is_start => in_text = true,
            "tab" | "ptab" if !run.hidden => b.text("\t", run.style),
            "br" | "cr" if !run.hidden => b.line_break(),
            "noBreakHyphen" if !run.hidden => b.text("-", run.style),
            "softHyphen" if !run.hidden => b.text("\u{AD}", run.style),
            "tbl" => b.table_part(TablePart::Table, true, !is_start),
            "tr" => b.table_part(TablePart::Row, true, !is_start),
            "tc" => b.table_part(TablePart::Cell, true, !is_start),
            "trPr" if is_start && read_table_props(&mut r)?.header => b.mark_header_row(),
            "tcPr" if is_start => b.set_cell_span(read_table_props(&mut r)?.span),
            "sdt" if is_start => sdts.push(Sdt::default()),
            "sdtPr" if is_start => {
                let skip = read_sdt_pr(&mut r)?;
                if let Some(sdt) = sdts.last_mut() {
                    sdt.skip_content = skip;
                }
            }
            "sdtContent" if is_start && sdts.last().is_some_and(|s| s.skip_content) => r.skip_element()?,
            // Deleted or moved-away text, field codes, the duplicate fallback of
            // alternate content, and properties that hold no text.
            "del" | "moveFrom" | "delText" | "delInstrText" | "instrText" | "Fallback" | "sdtEndPr"
            | "tblPr" | "tblGrid" | "sectPr" | "rPrChange" | "pPrChange" | "tblPrEx"
                if is_start =>
            {
                r.skip_element()?
            }
            _ => {}
        }
    }
    Ok(b.finish())
}

/// Reads `w:pPr` (its start just returned) up to its end.
fn read_ppr(r: &mut XmlReader<'_>) -> Result<ParaProps, IngestError> {
    let depth = r.depth();
    let mut props = ParaProps::default();
    loop {
        match r.next()? {
            Ev::End(_) if r.depth() < depth => return Ok(props),
            Ev::Eof => return Ok(props),
            Ev::Start(e) => match name_of(&e) {
                "rPr" | "pPrChange" | "tabs" | "sectPr" => r.skip_element()?,
                "pStyle" => props.style = attr(&e, "val"),
                "outlineLvl" => props.outline = attr(&e, "val").and_then(|v| v.trim().parse().ok()),
                "numId" => props.numbered = Some(attr(&e, "val").is_some_and(|v| v.trim() != "0")),
                _ => {}
            },
            Ev::Empty(e) => match name_of(&e) {
                "pStyle" => props.style = attr(&e, "val"),
                "outlineLvl" => props.outline = attr(&e, "val").and_then(|v| v.trim().parse().ok()),
                "numId" => props.numbered = Some(attr(&e, "val").is_some_and(|v| v.trim() != "0")),
                _ => {}
            },
            _ => {}
        }
    }
}

/// What a row's or a cell's properties say about the table's shape.
struct TableProps {
    /// `w:tblHeader`: the row repeats as the table's header on every page.
    header: bool,
    /// `w:gridSpan`: how many grid columns the cell covers.
    span: usize,
}

/// Reads `w:trPr` or `w:tcPr` (its start just returned) up to its end.
fn read_table_props(r: &mut XmlReader<'_>) -> Result<TableProps, IngestError> {
    let depth = r.depth();
    let mut props = TableProps {
        header: false,
        span: 1,
    };
    loop {
        let e = match r.next()? {
            Ev::End(_) if r.depth() < depth => break,
            Ev::Eof => break,
            Ev::Start(e) | Ev::Empty(e) => e,
            _ => continue,
        };
        let val = attr(&e, "val");
        match name_of(&e) {
            "tblHeader" => props.header = on(val.as_deref()),
            "gridSpan" => props.span = val.and_then(|v| v.trim().parse().ok()).unwrap_or(1),
            _ => {}
        }
    }
    Ok(props)
}

/// Reads `w:rPr` (its start just returned) up to its end.
fn read_rpr(r: &mut XmlReader<'_>, base: Run, styles: &Styles) -> Result<Run, IngestError> {
    let depth = r.depth();
    let mut run = base;
    let mut bold = None;
    let mut italic = None;
    loop {
        let e = match r.next()? {
            Ev::End(_) if r.depth() < depth => break,
            Ev::Eof => break,
            Ev::Start(e) if name_of(&e) == "rPrChange" => {
                r.skip_element()?;
                continue;
            }
            Ev::Start(e) | Ev::Empty(e) => e,
            _ => continue,
        };
        let val = attr(&e, "val");
        match name_of(&e) {
            "rStyle" => {
                if let Some(id) = val {
                    run.style = styles.style(&id, run.style);
                }
            }
            "b" => bold = Some(on(val.as_deref())),
            "i" => italic = Some(on(val.as_deref())),
            "vanish" => run.hidden = on(val.as_deref()),
            _ => {}
        }
    }
    run.style.bold = bold.unwrap_or(run.style.bold);
    run.style.italic = italic.unwrap_or(run.style.italic);
    Ok(run)
}

/// Reads `w:sdtPr`; true when the control's content is to be skipped (a table of
/// contents, or a placeholder prompt).
fn read_sdt_pr(r: &mut XmlReader<'_>) -> Result<bool, IngestError> {
    let depth = r.depth();
    let mut skip = false;
    loop {
        match r.next()? {
            Ev::End(_) if r.depth() < depth => return Ok(skip),
            Ev::Eof => return Ok(skip),
            Ev::Start(e) | Ev::Empty(e) => match name_of(&e) {
                "docPartGallery" => {
                    skip |= attr(&e, "val").is_some_and(|v| v.to_lowercase().contains("table of contents"))
                }
                "showingPlcHdr" => skip |= on(attr(&e, "val").as_deref()),
                _ => {}
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::container::tests::zip_of;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        )
    }

    fn styles() -> Styles {
        Styles::parse(&format!(
            r#"<w:styles {W}>
            <w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Kop1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Kop3"><w:name w:val="heading 3"/></w:style>
            <w:style w:type="paragraph" w:styleId="Eigen"><w:name w:val="Mijn kop"/><w:basedOn w:val="Kop2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Opsomming"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="character" w:styleId="Zwaar"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Lus1"><w:basedOn w:val="Lus2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Lus2"><w:basedOn w:val="Lus1"/></w:style>
            </w:styles>"#
        ))
        .unwrap()
    }

    fn para(style: &str, runs: &str) -> String {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
    }

    fn run(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    fn convert(body: &str) -> String {
        document_to_text(&doc(body), &styles()).unwrap()
    }

    #[test]
    fn headings_come_from_outline_levels_not_localised_names() {
        let body = [
            para("Kop1", &run("Streekpact RESOC Kempen")),
            para("Kop2", &run("1. Situering")),
            para("Kop3", &run("1.1 Naam zonder niveau")),
            para("Eigen", &run("Geërfd niveau")),
            para("Lus1", &run("Een lus in de stijlen")),
            r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Direct niveau</w:t></w:r></w:p>"#
                .to_string(),
        ]
        .concat();
        assert_eq!(
            convert(&body),
            "# Streekpact RESOC Kempen\n\n## 1. Situering\n\n### 1.1 Naam zonder niveau\n\n## Geërfd niveau\n\nEen lus in de stijlen\n\n### Direct niveau\n"
        );
    }

    #[test]
    fn bold_italic_lists_tabs_and_breaks() {
        let body = format!(
            r#"<w:p><w:r><w:t xml:space="preserve">Het RESOC neemt </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>een trekkersrol</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> op, </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Zwaar"/></w:rPr><w:t>vooral</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> soms</w:t></w:r><w:r><w:tab/><w:t>na tab</w:t><w:br/><w:t>na regel</w:t></w:r></w:p>{}{}"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>eerste punt</w:t></w:r></w:p>"#,
            para("Opsomming", &run("tweede punt"))
        );
        assert_eq!(
            convert(&body),
            "Het RESOC neemt **een trekkersrol** op, **vooral** *soms*\tna tab\nna regel\n\n- eerste punt\n- tweede punt\n"
        );
    }

    #[test]
    fn deleted_revisions_field_codes_and_fallbacks_are_skipped() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Het RESOC </w:t></w:r><w:del w:id="1"><w:r><w:delText>voert projecten uit en </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t xml:space="preserve">brengt partners samen</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Naast het kader.</w:t></w:r></w:p>"#;
        assert_eq!(
            convert(body),
            "Het RESOC brengt partners samen.\n\nIn het kader\n\nNaast het kader.\n"
        );
    }

    #[test]
    fn a_header_row_and_merged_cells_keep_every_cell_under_its_column() {
        let cell = |props: &str, text: &str| {
            format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", para("", &run(text)))
        };
        let body = format!(
            r#"<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}</w:tr><w:tr>{}{}</w:tr><w:tr><w:trPr><w:tblHeader w:val="0"/></w:trPr>{}{}{}</w:tr></w:tbl>"#,
            cell("", "Actie"),
            cell("", "Trekker"),
            cell("", "Partners"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "Jobbeurs"),
            cell("", "VDAB"),
            cell("", "Overlegtafel"),
            cell(r#"<w:tcW w:w="0"/>"#, "RESOC Kempen"),
            cell("", ""),
        );
        assert_eq!(
            convert(&body),
            "| Actie | Trekker | Partners |\n|---|---|---|\n| Jobbeurs | | VDAB |\n| Overlegtafel | RESOC Kempen | |\n"
        );
    }

    #[test]
    fn content_controls_tables_and_toc() {
        let body = format!(
            r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w:alias w:val="Rol"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>{}</w:tc><w:tc>{}{}</w:tc></w:tr><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
            para("TOC1", &run("1. Situering 3")),
            para("", &run("Het RESOC organiseert overleg.")),
            para("", &run("Klik hier om tekst in te voeren.")),
            para("", r#"<w:r><w:rPr><w:b/></w:rPr><w:t>Trekker</w:t></w:r>"#),
            para("", &run("RESOC")),
            para("", &run("Kempen")),
        );
        assert_eq!(
            convert(&body),
            "Het RESOC organiseert overleg.\n\n| **Trekker** | RESOC Kempen |\n"
        );
    }

    #[test]
    fn whole_files_through_the_container() {
        let bytes = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", doc(&para("Kop1", &run("Titel &amp; meer"))).as_bytes()),
            ("word/styles.xml", br#"<w:styles xmlns:w="x"><w:style w:styleId="Kop1"><w:name w:val="heading 1"/></w:style></w:styles>"#),
        ]);
        assert_eq!(read(&bytes).unwrap(), ("# Titel & meer\n".into(), "UTF-8 (XML)"));
        let no_doc = zip_of(&[("content.xml", b"<x/>")]);
        assert_eq!(
            read(&no_doc).unwrap_err().to_string(),
            "no word/document.xml in the zip container; not a valid DOCX file"
        );
        let truncated_xml = zip_of(&[("word/document.xml", doc("<w:p><w:r><w:t>x</w:t>").as_bytes())]);
        assert!(matches!(read(&truncated_xml), Err(IngestError::Corrupt { .. })));
    }
}
