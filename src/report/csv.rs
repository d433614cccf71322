//! CSV: the two dialects (plain RFC 4180 for scripts, and what a Dutch/Flemish Excel
//! opens by double-click), typed cells, spreadsheet safety, and the one place CSV bytes
//! are made. Every CSV file the tool writes or reads goes through [`Dialect`].

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use rustc_hash::FxHashMap;

use super::Table;

/// The CSV dialect. `Plain` is RFC 4180 with `.` decimals for R, pandas and scripts;
/// `Excel` is what a Dutch/Flemish Excel opens correctly by double-click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Plain,
    Excel,
}

impl Dialect {
    /// The dialect of a CSV file whose header line is `header`: a header with `;` and no
    /// `,` is the Excel dialect. For files a person saved (a gold coding) or a run whose
    /// manifest is not at hand.
    pub fn of_header(header: &str) -> Dialect {
        if header.contains(';') && !header.contains(',') {
            Dialect::Excel
        } else {
            Dialect::Plain
        }
    }

    /// A reader of this dialect (the byte-order mark must be stripped before).
    pub fn reader(self) -> csv::ReaderBuilder {
        let mut b = csv::ReaderBuilder::new();
        b.delimiter(self.delimiter()).flexible(false);
        b
    }

    /// A number as this dialect writes it (`-0,25` in Excel), or `None` for an empty cell.
    pub fn parse_number(self, s: &str) -> Option<f64> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        match self {
            Dialect::Plain => s.parse().ok(),
            Dialect::Excel => s.replace(',', ".").parse().ok(),
        }
    }

    fn delimiter(self) -> u8 {
        match self {
            Dialect::Plain => b',',
            Dialect::Excel => b';',
        }
    }

    /// A number with four decimals ("-0.0000" written as "0.0000").
    pub fn number(self, x: f64) -> String {
        let mut s = String::new();
        self.write_number(x, &mut s);
        s
    }

    /// `number`, appended to `out`.
    pub fn write_number(self, x: f64, out: &mut String) {
        let from = out.len();
        let _ = write!(out, "{x:.4}");
        let written = &out[from..];
        if written.starts_with('-') && written[1..].bytes().all(|c| c == b'0' || c == b'.') {
            out.remove(from);
        }
        if self == Dialect::Excel {
            if let Some(dot) = out[from..].find('.') {
                out.replace_range(from + dot..from + dot + 1, ",");
            }
        }
    }
}

/// Spreadsheet safety (OWASP CSV injection): a text cell that a spreadsheet would read
/// as a formula gets a leading apostrophe, which Excel and LibreOffice show as text.
pub fn safe_text(s: &str) -> String {
    if is_formula_like(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

pub(super) fn is_formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A typed cell of an output table (text borrowed from the results where it can be).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Count(u64),
    Flag(bool),
    Empty,
}

impl<'a> Cell<'a> {
    pub fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }

    pub fn owned(s: String) -> Cell<'a> {
        Cell::Text(Cow::Owned(s))
    }

    pub fn opt(x: Option<f64>) -> Cell<'a> {
        x.map_or(Cell::Empty, Cell::Number)
    }

    pub fn count(n: usize) -> Cell<'a> {
        Cell::Count(n as u64)
    }

    /// Writes the cell as one CSV field (no allocation per cell on the hot path).
    fn write_csv<W: Write>(&self, w: &mut csv::Writer<W>, d: Dialect) -> csv::Result<()> {
        match self {
            Cell::Text(s) if !is_formula_like(s) => w.write_field(s.as_bytes()),
            Cell::Text(s) => w.write_field(format!("'{s}")), // rare: text that starts like a formula
            Cell::Number(x) => with_number(*x, d, |n| w.write_field(n)),
            Cell::Count(n) => w.write_field(itoa::Buffer::new().format(*n)),
            Cell::Flag(b) => w.write_field(if *b { "true" } else { "false" }),
            Cell::Empty => w.write_field(""),
        }
    }
}

thread_local! {
    /// Each thread's formatted numbers, by value and dialect. Weights, factors and
    /// scores take few distinct values, and exact decimal formatting of a float is slow.
    static NUMBERS: std::cell::RefCell<FxHashMap<(u64, Dialect), Box<str>>> = Default::default();
}

/// Calls `f` with `d.number(x)`, formatted once per value, dialect and thread. (`f` must
/// not format numbers itself: the cache is borrowed while it runs.)
pub(super) fn with_number<R>(x: f64, d: Dialect, f: impl FnOnce(&str) -> R) -> R {
    NUMBERS.with_borrow_mut(|numbers| {
        if numbers.len() >= 1 << 14 {
            numbers.clear(); // bounded memory for tables of many distinct values
        }
        f(numbers
            .entry((x.to_bits(), d))
            .or_insert_with(|| d.number(x).into_boxed_str()))
    })
}

/// Writes one row and ends the record.
pub(super) fn write_csv_row<W: Write>(w: &mut csv::Writer<W>, row: &[Cell], d: Dialect) -> csv::Result<()> {
    for c in row {
        c.write_csv(w, d)?;
    }
    w.write_record(std::iter::empty::<&[u8]>())
}

/// The CSV bytes of the rows that `rows` produces, after the header of `columns` (with
/// Excel's byte-order mark) when given: the one place CSV bytes are made.
pub(super) fn csv_rows<'a>(
    d: Dialect,
    columns: Option<&[&str]>,
    rows: impl FnOnce(&mut dyn FnMut(&[Cell<'a>])),
) -> std::io::Result<Vec<u8>> {
    let mut w = match columns {
        Some(columns) => csv_table(Vec::new(), d, columns)?,
        None => csv_writer(Vec::new(), d),
    };
    let mut result = Ok(());
    rows(&mut |row| {
        if result.is_ok() {
            result = write_csv_row(&mut w, row, d);
        }
    });
    result?;
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

/// A CSV writer of the dialect with the table's header written (and, for Excel, the
/// byte-order mark that makes it read the file as UTF-8).
pub(super) fn csv_table<W: Write>(mut w: W, d: Dialect, columns: &[&str]) -> std::io::Result<csv::Writer<W>> {
    if d == Dialect::Excel {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv_writer(w, d);
    w.write_record(columns)?;
    Ok(w)
}

pub(super) fn csv_writer<W: Write>(w: W, d: Dialect) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(d.delimiter())
        .terminator(match d {
            Dialect::Plain => csv::Terminator::Any(b'\n'),
            Dialect::Excel => csv::Terminator::CRLF,
        })
        .buffer_capacity(1 << 16)
        .from_writer(w)
}

pub(super) fn csv_bytes(table: &Table, d: Dialect) -> std::io::Result<Vec<u8>> {
    csv_rows(d, Some(table.columns), |each| {
        table.rows.iter().for_each(|row| each(row))
    })
}

/// A whole CSV file in dialect `d`: the header of `columns` (with Excel's byte-order
/// mark), then the rows. For the commands that write one table at once.
pub fn csv_file<'a>(
    d: Dialect,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell<'a>>>,
) -> std::io::Result<Vec<u8>> {
    csv_rows(d, Some(columns), |each| {
        rows.into_iter().for_each(|row| each(&row))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_in_both_dialects() {
        for d in [Dialect::Plain, Dialect::Excel] {
            assert_eq!(d.parse_number(&d.number(-0.25)), Some(-0.25));
        }
        assert_eq!(Dialect::Excel.parse_number(" "), None);
        assert_eq!(Dialect::of_header("resoc;type;score"), Dialect::Excel);
        assert_eq!(Dialect::of_header("resoc,type,score"), Dialect::Plain);
    }

    #[test]
    fn numbers_in_both_dialects() {
        assert_eq!(Dialect::Plain.number(-0.25), "-0.2500");
        assert_eq!(Dialect::Excel.number(-0.25), "-0,2500");
        assert_eq!(Dialect::Plain.number(-0.00001), "0.0000");
    }
    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(safe_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_text("+32 2"), "'+32 2");
        assert_eq!(safe_text("-1"), "'-1");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("\tx"), "'\tx");
        assert_eq!(safe_text("RESOC Kempen"), "RESOC Kempen");
    }
}
