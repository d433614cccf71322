//! The document model the container and HTML readers write: the same Markdown-like
//! text as a `.md` pact, so that [`segment`](crate::segment) reads every format alike.
//!
//! - a heading: `#`…`######` + space + title, on one line;
//! - a paragraph: its text, with `**bold**` and `*italic*` runs, line breaks kept;
//! - a list item: a `- ` line;
//! - a table of two or more columns: a pipe table, one `| a | b |` line per row with
//!   empty cells kept (so that every cell stays under its column's header), and a
//!   `|---|---|` line under its first row when that row is a header (see
//!   [`Builder::mark_header_row`] and `is_header`); a one-column table (a text box or
//!   layout frame): a `- ` line per non-empty row;
//! - blocks separated by a blank line; consecutive items by a line feed.
//!
//! Literal `*` in the source text would be read as emphasis markup, so it is written
//! as `∗` (U+2217).

/// Emphasis of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Style {
    pub bold: bool,
    pub italic: bool,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Body,
    /// A heading of level 1–6.
    Heading(u8),
    Item,
}

struct Para {
    kind: Kind,
    runs: Vec<(String, Style)>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<String>,
    /// How many grid columns the open cell spans (DOCX `w:gridSpan`, HTML `colspan`).
    span: usize,
}

#[derive(Default)]
struct Row {
    cells: Vec<String>,
    /// The source marks this row as a header (DOCX `w:tblHeader`, ODT
    /// `table:table-header-rows`).
    marked_header: bool,
    /// Cells the source marks as header cells (HTML `th`).
    header_cells: usize,
}

/// Writes the document model. Paragraphs may nest (a text box or a note inside a
/// paragraph): the inner one is written when it ends, the outer one goes on.
#[derive(Default)]
pub(crate) struct Builder {
    out: String,
    last_was_item: bool,
    paras: Vec<Para>,
    tables: Vec<Table>,
}

/// The parts of a table, as DOCX (`w:tbl`, `w:tr`, `w:tc`) and ODT (`table:table`,
/// `table:table-row`, `table:table-cell`) both have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePart {
    Table,
    Row,
    Cell,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Opens a paragraph.
    pub fn begin(&mut self, kind: Kind) {
        self.paras.push(Para {
            kind,
            runs: Vec::new(),
        });
    }

    /// Whether a paragraph is open.
    pub fn is_open(&self) -> bool {
        !self.paras.is_empty()
    }

    /// The kind of the innermost open paragraph.
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub fn kind(&self) -> Option<Kind> {
        self.paras.last().map(|p| p.kind)
    }

    /// Changes the kind of the innermost open paragraph (properties that are read
    /// after the paragraph has started, as in DOCX's `w:pPr`).
    pub fn set_kind(&mut self, kind: Kind) {
        if let Some(p) = self.paras.last_mut() {
            p.kind = kind;
        }
    }

    /// Whether the innermost open paragraph has no visible text yet.
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub fn is_blank(&self) -> bool {
        self.paras
            .last()
            .is_none_or(|p| p.runs.iter().all(|(t, _)| t.trim().is_empty()))
    }

    /// Appends text to the innermost paragraph, opening a body paragraph if none is.
    pub fn text(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        if self.paras.is_empty() {
            self.begin(Kind::Body);
        }
        let para = self.paras.last_mut().expect("a paragraph is open");
        match para.runs.last_mut() {
            Some((t, s)) if *s == style => t.push_str(text),
            _ => para.runs.push((text.to_string(), style)),
        }
    }

    /// A line break inside the innermost paragraph (ignored outside paragraphs).
    pub fn line_break(&mut self) {
        if self.is_open() {
            self.text("\n", Style::default());
        }
    }

    /// Closes the innermost paragraph and writes it: into the open table cell if there
    /// is one, else as a block of its own. Does nothing when none is open.
    pub fn end(&mut self) {
        let Some(para) = self.paras.pop() else {
            return;
        };
        let inline = render_inline(&para.runs);
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            let flat = inline.split_whitespace().collect::<Vec<_>>().join(" ");
            if !flat.is_empty() {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&flat);
            }
            return;
        }
        match para.kind {
            Kind::Heading(level) => {
                // A heading's own emphasis (bold by its style) is not kept: a title is
                // a title, as in a Markdown heading.
                let plain: String = para
                    .runs
                    .iter()
                    .map(|(t, _)| t.replace('*', "\u{2217}"))
                    .collect();
                let title = plain.split_whitespace().collect::<Vec<_>>().join(" ");
                if !title.is_empty() {
                    let level = level.clamp(1, 6) as usize;
                    self.block(format!("{} {title}", "#".repeat(level)), false);
                }
            }
            Kind::Item => {
                let lines: Vec<&str> = inline.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                if !lines.is_empty() {
                    self.block(format!("- {}", lines.join("\n  ")), true);
                }
            }
            Kind::Body => {
                let lines: Vec<&str> = inline.lines().map(str::trim).collect();
                let text = lines.join("\n");
                let text = text.trim_matches('\n');
                if !text.is_empty() {
                    self.block(text.to_string(), false);
                }
            }
        }
    }

    /// Closes every open paragraph.
    pub fn end_all(&mut self) {
        while self.is_open() {
            self.end();
        }
    }

    /// A table, row or cell element of the source XML: `start` for its start tag (a
    /// self-closing element is a start immediately followed by its end).
    pub fn table_part(&mut self, part: TablePart, start: bool, self_closing: bool) {
        match (part, start) {
            (TablePart::Table, true) => self.table_start(),
            (TablePart::Row, true) => self.row_start(),
            (TablePart::Cell, true) => self.cell_start(),
            (TablePart::Table, false) => self.table_end(),
            (TablePart::Row, false) => self.row_end(),
            (TablePart::Cell, false) => self.cell_end(),
        }
        if start && self_closing {
            self.table_part(part, false, false);
        }
    }

    pub fn table_start(&mut self) {
        self.end_all_in_cell();
        self.tables.push(Table::default());
    }

    pub fn row_start(&mut self) {
        if self.tables.is_empty() {
            self.tables.push(Table::default());
        }
        self.row_end();
        if let Some(t) = self.tables.last_mut() {
            t.row = Some(Row::default());
        }
    }

    /// Marks the open row as the table's header row.
    pub fn mark_header_row(&mut self) {
        if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            row.marked_header = true;
        }
    }

    /// Marks the open cell as a header cell (HTML `th`): a row of header cells only is a
    /// header row.
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub fn mark_header_cell(&mut self) {
        if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            row.header_cells += 1;
        }
    }

    /// The open cell spans `columns` grid columns: it is followed by empty cells, so that
    /// the cells after it stay under their own headers.
    pub fn set_cell_span(&mut self, columns: usize) {
        if let Some(t) = self.tables.last_mut().filter(|t| t.cell.is_some()) {
            // A span beyond any real table's width is a broken file, not a layout.
            t.span = columns.clamp(1, 64);
        }
    }

    pub fn cell_start(&mut self) {
        if self.tables.last().is_none_or(|t| t.row.is_none()) {
            self.row_start();
        }
        self.cell_end();
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(String::new());
            t.span = 1;
        }
    }

    pub fn cell_end(&mut self) {
        if self.tables.last().is_some_and(|t| t.cell.is_some()) {
            self.end_all_in_cell();
        }
        if let Some(t) = self.tables.last_mut() {
            if let Some(cell) = t.cell.take() {
                let row = t.row.get_or_insert_with(Row::default);
                // A `|` inside a cell would split it in two; `¦` reads the same.
                row.cells.push(cell.trim().replace('|', "\u{A6}"));
                for _ in 1..t.span {
                    row.cells.push(String::new());
                }
                t.span = 1;
            }
        }
    }

    /// Ends a row. A row of a table inside a table becomes text of the enclosing cell
    /// (its non-empty cells joined by ` | `); any other row waits for the end of its
    /// table, which decides how the table is written.
    pub fn row_end(&mut self) {
        self.cell_end();
        let depth = self.tables.len();
        let Some(row) = self.tables.last_mut().and_then(|t| t.row.take()) else {
            return;
        };
        if row.cells.iter().all(String::is_empty) {
            return;
        }
        if depth >= 2 {
            if let Some(cell) = self.tables[depth - 2].cell.as_mut() {
                let line = row
                    .cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | ");
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&line);
                return;
            }
        }
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(row);
        }
    }

    /// Ends a table and writes its rows: a pipe table when it has two or more columns,
    /// else a `- ` line per row.
    pub fn table_end(&mut self) {
        self.row_end();
        let Some(table) = self.tables.pop() else {
            return;
        };
        let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if width <= 1 {
            for row in &table.rows {
                self.block(format!("- {}", row.cells.concat()), true);
            }
            return;
        }
        let header = is_header(&table.rows);
        for (i, row) in table.rows.iter().enumerate() {
            let mut line = String::from("|");
            for column in 0..width {
                let cell = row.cells.get(column).map_or("", String::as_str);
                line.push(' ');
                line.push_str(cell);
                line.push_str(if cell.is_empty() { "|" } else { " |" });
            }
            self.block(line, true);
            if i == 0 && header {
                self.block(format!("|{}", "---|".repeat(width)), true);
            }
        }
    }

    /// Ends paragraphs that were opened inside the current cell.
    fn end_all_in_cell(&mut self) {
        self.end_all();
    }

    fn block(&mut self, text: String, is_item: bool) {
        if !self.out.is_empty() {
            self.out.push_str(if is_item && self.last_was_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        self.out.push_str(&text);
        self.last_was_item = is_item;
    }

    /// Closes everything still open and returns the text.
    pub fn finish(mut self) -> String {
        self.end_all();
        while !self.tables.is_empty() {
            self.table_end();
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// Whether a table's first row is its header, the labels of the columns below it:
/// the source marks it (a header row, or a row of header cells only), or, unmarked,
/// it reads as one — every cell filled and bold while the next row is not, or, in a
/// table of three or more columns, every cell a short label (at most three words, no
/// digit, no sentence end). A two-column table is often a form ("Trekker | RESOC
/// Kempen"), whose first row is a statement, so it needs a mark or bold.
fn is_header(rows: &[Row]) -> bool {
    let (Some(first), Some(second)) = (rows.first(), rows.get(1)) else {
        return false;
    };
    if first.marked_header || (first.header_cells > 0 && first.header_cells == first.cells.len()) {
        return true;
    }
    if first.cells.iter().any(String::is_empty) {
        return false;
    }
    let bold = |c: &String| c.starts_with("**") && c.ends_with("**") && c.len() > 4;
    if first.cells.iter().all(bold) && !second.cells.iter().filter(|c| !c.is_empty()).all(bold) {
        return true;
    }
    let is_label = |c: &String| {
        c.split_whitespace().count() <= 3
            && !c.chars().any(|ch| ch.is_ascii_digit())
            && !c.trim_end_matches('*').ends_with(['.', '!', '?', ';'])
    };
    first.cells.len() >= 3 && first.cells.iter().all(is_label)
}

/// Runs → one paragraph's text with emphasis markers. White space at the edges of an
/// emphasised run is moved outside its markers (`**a** b`, never `**a **b`), which is
/// what the Markdown reader needs to recognise them.
fn render_inline(runs: &[(String, Style)]) -> String {
    let mut out = String::new();
    for (text, style) in runs {
        let text = text.replace('*', "\u{2217}");
        if !style.bold && !style.italic {
            out.push_str(&text);
            continue;
        }
        let core = text.trim();
        if core.is_empty() {
            out.push_str(&text);
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let marker = match (style.bold, style.italic) {
            (true, true) => "***",
            (true, false) => "**",
            _ => "*",
        };
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(core);
        out.push_str(marker);
        out.push_str(trail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{strip_markup, MarkKind};

    const PLAIN: Style = Style {
        bold: false,
        italic: false,
    };
    const BOLD: Style = Style {
        bold: true,
        italic: false,
    };
    const ITALIC: Style = Style {
        bold: false,
        italic: true,
    };

    #[test]
    fn headings_paragraphs_items_and_emphasis() {
        let mut b = Builder::new();
        b.begin(Kind::Heading(2));
        b.text("Rol van\nhet RESOC", PLAIN);
        b.end();
        b.begin(Kind::Body);
        b.text("Het RESOC kiest voor een ", PLAIN);
        b.text("actieve rol ", BOLD);
        b.text("en ", PLAIN);
        b.text("soms", ITALIC);
        b.text(" voor 2 * 3.", PLAIN);
        b.end();
        b.begin(Kind::Item);
        b.text("eerste", PLAIN);
        b.end();
        b.begin(Kind::Item);
        b.text("tweede", PLAIN);
        b.line_break();
        b.text("vervolg", PLAIN);
        b.end();
        assert_eq!(
            b.finish(),
            "## Rol van het RESOC\n\nHet RESOC kiest voor een **actieve rol** en *soms* voor 2 \u{2217} 3.\n\n- eerste\n- tweede\n  vervolg\n"
        );
    }

    #[test]
    fn emphasis_markers_are_read_back_by_the_segmenter() {
        let runs = vec![
            ("Rol RESOC: ".to_string(), BOLD),
            (
                "trekker".to_string(),
                Style {
                    bold: true,
                    italic: true,
                },
            ),
            (" en ".to_string(), PLAIN),
            ("partner".to_string(), ITALIC),
        ];
        let (text, marks) = strip_markup(&render_inline(&runs));
        assert_eq!(text, "Rol RESOC: trekker en partner");
        let spans = |kind| {
            marks
                .iter()
                .filter(|m| m.kind == kind)
                .map(|m| &text[m.start..m.end])
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(MarkKind::Bold), ["Rol RESOC:", "trekker"]);
        assert_eq!(spans(MarkKind::Italic), ["trekker", "partner"]);
    }

    /// Writes a table of rows of plain (or, with a leading `*`, bold) cells.
    fn table(b: &mut Builder, rows: &[&[&str]]) {
        b.table_start();
        for row in rows {
            b.row_start();
            for cell in row.iter() {
                b.cell_start();
                let (text, style) = match cell.strip_prefix('*') {
                    Some(t) => (t, BOLD),
                    None => (*cell, PLAIN),
                };
                b.text(text, style);
                b.end();
                b.cell_end();
            }
            b.row_end();
        }
        b.table_end();
    }

    #[test]
    fn a_table_keeps_its_columns_and_its_header_row() {
        // Three or more columns of short labels: a header, without any mark.
        let mut b = Builder::new();
        table(
            &mut b,
            &[
                &["Actie", "Trekker", "Partners"],
                &["Jobbeurs", "", "VDAB | Unizo"],
                &["Overlegtafel zorg", "RESOC Kempen", "Provincie"],
            ],
        );
        assert_eq!(
            b.finish(),
            "| Actie | Trekker | Partners |\n|---|---|---|\n| Jobbeurs | | VDAB \u{A6} Unizo |\n| Overlegtafel zorg | RESOC Kempen | Provincie |\n"
        );
        // Two columns: a form ("Trekker | RESOC Kempen") unless its first row is bold
        // and the next is not, or the source marks it.
        let mut b = Builder::new();
        table(&mut b, &[&["Trekker", "RESOC Kempen"], &["Partners", "VDAB"]]);
        table(&mut b, &[&["*Actie", "*Trekker"], &["Jobbeurs", "VDAB"]]);
        b.table_start();
        b.row_start();
        b.mark_header_row();
        for cell in ["Actie", "Trekker"] {
            b.cell_start();
            b.text(cell, PLAIN);
            b.cell_end();
        }
        b.row_start();
        b.cell_start();
        b.text("Opleiding", PLAIN);
        b.cell_end();
        b.row_end();
        b.table_end();
        assert_eq!(
            b.finish(),
            "| Trekker | RESOC Kempen |\n| Partners | VDAB |\n| **Actie** | **Trekker** |\n|---|---|\n| Jobbeurs | VDAB |\n| Actie | Trekker |\n|---|---|\n| Opleiding | |\n"
        );
    }

    #[test]
    fn a_merged_cell_keeps_the_cells_after_it_under_their_headers() {
        let mut b = Builder::new();
        b.table_start();
        for (row, cells) in [
            [("Actie", 1), ("Trekker", 1), ("Timing", 1)],
            [("Jobbeurs en opleiding", 2), ("2026", 1), ("", 0)],
        ]
        .iter()
        .enumerate()
        {
            b.row_start();
            if row == 0 {
                b.mark_header_row();
            }
            for &(text, span) in cells.iter().filter(|(_, span)| *span > 0) {
                b.cell_start();
                b.set_cell_span(span);
                b.text(text, PLAIN);
                b.cell_end();
            }
        }
        b.table_end();
        assert_eq!(
            b.finish(),
            "| Actie | Trekker | Timing |\n|---|---|---|\n| Jobbeurs en opleiding | | 2026 |\n"
        );
    }

    #[test]
    fn a_one_column_table_is_a_frame_of_items() {
        let mut b = Builder::new();
        table(
            &mut b,
            &[&["Het RESOC brengt partners samen."], &[""], &["Tweede vak"]],
        );
        assert_eq!(b.finish(), "- Het RESOC brengt partners samen.\n- Tweede vak\n");
    }

    #[test]
    fn tables_become_rows_and_nested_paragraphs_are_kept() {
        let mut b = Builder::new();
        b.begin(Kind::Body);
        b.text("Voor de tabel", PLAIN);
        // A text box inside the paragraph.
        b.begin(Kind::Body);
        b.text("In het kader", PLAIN);
        b.end();
        b.text(":", PLAIN);
        b.end();
        b.table_start();
        b.row_start();
        b.cell_start();
        b.begin(Kind::Body);
        b.text("Trekker", BOLD);
        b.end();
        b.cell_end();
        b.cell_start();
        b.begin(Kind::Body);
        b.text("RESOC", PLAIN);
        b.end();
        b.begin(Kind::Body);
        b.text("Kempen", PLAIN);
        b.end();
        b.cell_end();
        b.row_end();
        b.row_start();
        b.cell_start();
        b.cell_end();
        b.row_end();
        b.table_end();
        assert_eq!(
            b.finish(),
            "In het kader\n\nVoor de tabel:\n\n| **Trekker** | RESOC Kempen |\n"
        );
    }
}
