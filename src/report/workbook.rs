//! The workbook, `streekpact.xlsx`: one sheet per table, numbers as numbers. Its long
//! tables (sections, matches) are written as the documents arrive, in rust_xlsxwriter's
//! constant-memory mode: each row goes to a temporary file as soon as the next one
//! starts, so a workbook of a large corpus takes no more memory than one of a small
//! corpus. The resocs and inputs sheets, known only at the end, are added then and
//! put in their place (resocs first, inputs last).

#[cfg(feature = "xlsx")]
pub use writer::{WorkbookWriter, SHEET_ROWS};

use super::tables::{match_rows, section_rows};
use super::{safe_text, Cell};
use crate::scoring::{DocumentSummary, ScoringOptions};

/// Excel's limit on the characters of one cell.
const CELL_CHARS: usize = 32_767;

/// One cell of the workbook, owned, so that a document's rows can be made on the worker
/// that analysed it and written later by the thread that owns the workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetCell {
    /// Made safe for a spreadsheet (see [`safe_text`]) and cut at Excel's cell limit.
    Text(String),
    Number(f64),
    Count(u64),
    Flag(bool),
    Empty,
}

impl SheetCell {
    fn of(cell: &Cell) -> SheetCell {
        match cell {
            Cell::Text(s) => {
                let safe = safe_text(s);
                SheetCell::Text(match safe.char_indices().nth(CELL_CHARS) {
                    Some((cut, _)) => safe[..cut].to_string(),
                    None => safe,
                })
            }
            Cell::Number(x) => SheetCell::Number(*x),
            Cell::Count(n) => SheetCell::Count(*n),
            Cell::Flag(b) => SheetCell::Flag(*b),
            Cell::Empty => SheetCell::Empty,
        }
    }

    fn row(cells: &[Cell]) -> Vec<SheetCell> {
        cells.iter().map(SheetCell::of).collect()
    }
}

/// One document's rows of the sections and matches sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRows {
    sections: Vec<Vec<SheetCell>>,
    matches: Vec<Vec<SheetCell>>,
}

impl SheetRows {
    pub fn of(doc: &DocumentSummary, scoring: &ScoringOptions) -> SheetRows {
        let mut sections = Vec::new();
        section_rows(doc, scoring, |row| sections.push(SheetCell::row(row)));
        let mut matches = Vec::new();
        match_rows(doc, |row| matches.push(SheetCell::row(row)));
        SheetRows { sections, matches }
    }
}

/// The writer, with the xlsx feature.
#[cfg(feature = "xlsx")]
mod writer {
    use std::io::{Seek, Write};
    use std::path::Path;

    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

    use super::{SheetCell, SheetRows};
    use crate::report::{Table, MATCH_COLUMNS, SECTION_COLUMNS};

    /// Data rows per worksheet: Excel's 1,048,576 rows, less the header.
    pub const SHEET_ROWS: usize = 1_048_575;

    /// Column widths stop growing at this many characters.
    const MAX_WIDTH: usize = 60;

    fn xlsx_error(e: XlsxError) -> std::io::Error {
        std::io::Error::other(e.to_string())
    }

    /// The sheets of one table: "matches", "matches (2)", … as rows exceed a sheet.
    struct Series {
        name: &'static str,
        columns: &'static [&'static str],
        /// Index in the workbook of the sheet being filled; `None` before the first row.
        sheet: Option<usize>,
        sheets: usize,
        /// Data rows in the sheet being filled.
        rows: usize,
        /// Column widths of the sheet being filled, in characters.
        widths: Vec<usize>,
    }

    impl Series {
        fn new(name: &'static str, columns: &'static [&'static str]) -> Series {
            Series {
                name,
                columns,
                sheet: None,
                sheets: 0,
                rows: 0,
                widths: Vec::new(),
            }
        }
    }

    /// A workbook being written: documents' rows in name order with [`WorkbookWriter::add`],
    /// then [`WorkbookWriter::finish`] with the tables known only at the end.
    pub struct WorkbookWriter {
        book: Workbook,
        sheet_rows: usize,
        sections: Series,
        matches: Series,
        header: Format,
        decimals: Format,
    }

    impl WorkbookWriter {
        /// `tempdir` holds the rows until the workbook is saved (the output folder: the
        /// same disk as the results, and not a memory-backed /tmp).
        pub fn new(tempdir: &Path) -> std::io::Result<WorkbookWriter> {
            WorkbookWriter::with_sheet_rows(tempdir, SHEET_ROWS)
        }

        /// [`WorkbookWriter::new`] with another number of data rows per sheet (tests).
        pub fn with_sheet_rows(tempdir: &Path, sheet_rows: usize) -> std::io::Result<WorkbookWriter> {
            let mut book = Workbook::new();
            book.set_tempdir(tempdir).map_err(xlsx_error)?;
            // A fixed creation date: the workbook, like every output, must not depend on
            // when it was written.
            let epoch = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
            book.set_properties(
                &DocProperties::new()
                    .set_creation_datetime(&epoch)
                    .set_title("streekpact results"),
            );
            Ok(WorkbookWriter {
                book,
                sheet_rows: sheet_rows.max(1),
                sections: Series::new("sections", SECTION_COLUMNS),
                matches: Series::new("matches", MATCH_COLUMNS),
                header: Format::new().set_bold(),
                decimals: Format::new().set_num_format("0.0000"),
            })
        }

        /// Appends one document's rows (call in name order).
        pub fn add(&mut self, rows: &SheetRows) -> std::io::Result<()> {
            for row in &rows.sections {
                self.push(&mut Destination::Sections, row)?;
            }
            for row in &rows.matches {
                self.push(&mut Destination::Matches, row)?;
            }
            Ok(())
        }

        /// Writes one row to the table's sheet, starting its next sheet when it is full.
        fn push(&mut self, table: &mut Destination, row: &[SheetCell]) -> std::io::Result<()> {
            let series = match table {
                Destination::Sections => &mut self.sections,
                Destination::Matches => &mut self.matches,
                Destination::Other(series) => series,
            };
            if series.sheet.is_none() || series.rows == self.sheet_rows {
                close_sheet(&mut self.book, series)?;
                open_sheet(&mut self.book, series, &self.header)?;
            }
            series.rows += 1;
            let index = series.sheet.unwrap_or_default();
            let ws = self.book.worksheet_from_index(index).map_err(xlsx_error)?;
            write_row(ws, series.rows as u32, row, &mut series.widths, &self.decimals)
        }

        /// Adds the resocs and inputs tables, puts every sheet in its place and writes the
        /// workbook to `out`.
        pub fn finish<W: Write + Seek + Send>(
            mut self,
            resocs: &Table,
            inputs: &Table,
            out: W,
        ) -> std::io::Result<()> {
            for table in [resocs, inputs] {
                let mut series = Destination::Other(Series::new(table.name, table.columns));
                for row in &table.rows {
                    self.push(&mut series, &SheetCell::row(row))?;
                }
                if let Destination::Other(mut series) = series {
                    self.close_table(&mut series)?;
                }
            }
            let (mut sections, mut matches) = (
                std::mem::replace(&mut self.sections, Series::new("", &[])),
                std::mem::replace(&mut self.matches, Series::new("", &[])),
            );
            self.close_table(&mut sections)?;
            self.close_table(&mut matches)?;
            // Sheets were added as their rows came; the reader expects the tables' order.
            let rank = |name: &str| match name.split(" (").next() {
                Some("resocs") => 0,
                Some("sections") => 1,
                Some("matches") => 2,
                _ => 3,
            };
            let sheets = self.book.worksheets_mut();
            let mut ordered = std::mem::take(sheets);
            ordered.sort_by_key(|ws| rank(&ws.name())); // stable: "matches (2)" stays after "matches"
            *sheets = ordered;
            self.book.save_to_writer(out).map_err(xlsx_error)
        }

        /// Finishes a table's last sheet; a table without rows still gets its sheet,
        /// with the header.
        fn close_table(&mut self, series: &mut Series) -> std::io::Result<()> {
            if series.sheet.is_none() {
                open_sheet(&mut self.book, series, &self.header)?;
            }
            close_sheet(&mut self.book, series)
        }
    }

    /// Which table a row belongs to: one of the long tables the writer keeps, or a table
    /// written at the end.
    enum Destination {
        Sections,
        Matches,
        Other(Series),
    }

    /// Starts the next sheet of a series, with its header row.
    fn open_sheet(book: &mut Workbook, series: &mut Series, header: &Format) -> std::io::Result<()> {
        series.sheets += 1;
        let name = if series.sheets == 1 {
            series.name.to_string()
        } else {
            format!("{} ({})", series.name, series.sheets)
        };
        let ws = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
        ws.set_name(&name).map_err(xlsx_error)?;
        for (c, column) in series.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *column, header)
                .map_err(xlsx_error)?;
        }
        series.sheet = Some(book.worksheets_mut().len() - 1);
        series.rows = 0;
        series.widths = series.columns.iter().map(|c| c.len() + 2).collect();
        Ok(())
    }

    /// Sets the widths, the frozen header and the filter of the sheet being filled.
    fn close_sheet(book: &mut Workbook, series: &mut Series) -> std::io::Result<()> {
        let Some(index) = series.sheet else {
            return Ok(());
        };
        let ws = book.worksheet_from_index(index).map_err(xlsx_error)?;
        for (c, w) in series.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w as f64).map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        let last_col = series.columns.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, series.rows as u32, last_col)
            .map_err(xlsx_error)?;
        Ok(())
    }

    fn write_row(
        ws: &mut rust_xlsxwriter::Worksheet,
        r: u32,
        row: &[SheetCell],
        widths: &mut [usize],
        decimals: &Format,
    ) -> std::io::Result<()> {
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                SheetCell::Text(s) => {
                    widths[c] = widths[c].max(s.chars().count().min(MAX_WIDTH) + 2);
                    ws.write_string(r, col, s).map_err(xlsx_error)?;
                }
                SheetCell::Number(x) => {
                    widths[c] = widths[c].max(9);
                    ws.write_number_with_format(r, col, *x, decimals)
                        .map_err(xlsx_error)?;
                }
                SheetCell::Count(n) => {
                    ws.write_number(r, col, *n as f64).map_err(xlsx_error)?;
                }
                SheetCell::Flag(b) => {
                    ws.write_boolean(r, col, *b).map_err(xlsx_error)?;
                }
                SheetCell::Empty => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_made_safe_and_cut_at_excels_limit() {
        let formula = SheetCell::of(&Cell::text("=SUM(A1)"));
        assert_eq!(formula, SheetCell::Text("'=SUM(A1)".into()));
        // Cut by characters, not bytes: "é" takes two bytes.
        let long = "é".repeat(CELL_CHARS + 10);
        match SheetCell::of(&Cell::text(&long)) {
            SheetCell::Text(s) => assert_eq!(s.chars().count(), CELL_CHARS),
            other => panic!("{other:?}"),
        }
        assert_eq!(SheetCell::of(&Cell::Number(0.5)), SheetCell::Number(0.5));
    }

    /// A run without rows still has every sheet, each with its header, in order.
    #[cfg(feature = "xlsx")]
    #[test]
    fn an_empty_workbook_has_every_sheet_with_its_header() {
        use calamine::{Reader, Xlsx};
        let dir = tempfile::tempdir().unwrap();
        let book = WorkbookWriter::new(dir.path()).unwrap();
        let empty = |name, columns| crate::report::Table {
            name,
            columns,
            rows: Vec::new(),
        };
        let mut bytes = std::io::Cursor::new(Vec::new());
        book.finish(
            &empty("resocs", crate::report::RESOC_COLUMNS),
            &empty("inputs", crate::report::INPUT_COLUMNS),
            &mut bytes,
        )
        .unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes.into_inner())).unwrap();
        assert_eq!(wb.sheet_names(), ["resocs", "sections", "matches", "inputs"]);
        let matches = wb.worksheet_range("matches").unwrap();
        assert_eq!(matches.height(), 1);
        assert_eq!(
            matches.get((0, 0)),
            Some(&calamine::Data::String(crate::report::MATCH_COLUMNS[0].into()))
        );
    }
}
