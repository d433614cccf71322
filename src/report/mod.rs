//! Report: the run's results → `resocs.csv`, `sections.csv`, `matches.csv`,
//! `manifest.json` and optionally `streekpact.xlsx` (each written to a temporary file in
//! the output folder and renamed only when all are complete), and the summary table.
//!
//! The tables are built once as typed cells; the CSV dialects and the workbook render
//! the same cells, so they can never disagree.

pub mod html;
pub mod workbook;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::analyze::STEMMER;
use crate::ingest::InputRecord;
use crate::instruments::Provenance;
use crate::lexicon::SourceInfo;
use crate::pipeline::{Render, Sink};
use crate::scoring::{DocumentSummary, ModifierRecord, RunResult, ScoringOptions};

pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The CSV dialect. `Plain` is RFC 4180 with `.` decimals for R, pandas and scripts;
/// `Excel` is what a Dutch/Flemish Excel opens correctly by double-click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Plain,
    Excel,
}

impl Dialect {
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

fn is_formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The command line as the manifest records it: without the options that cannot
/// change a result (`--threads`, `--quiet`) or that only split the work (`--shard`), so
/// that runs at any thread count, and a merge of shards, record the same command.
pub fn recorded_command(args: &[String]) -> Vec<String> {
    const WITH_VALUE: &[&str] = &["--threads", "--shard"];
    const FLAGS: &[&str] = &["--quiet", "-q"];
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if std::mem::take(&mut skip) {
            continue;
        }
        if WITH_VALUE.contains(&a.as_str()) {
            skip = true;
            continue;
        }
        if FLAGS.contains(&a.as_str()) || WITH_VALUE.iter().any(|o| a.starts_with(&format!("{o}="))) {
            continue;
        }
        out.push(a.clone());
    }
    out
}

/// Everything about the run that is not a result, for the manifest.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunOptions {
    /// The command line after the program name (for a merged run: the score command
    /// of the partials, without `--shard`).
    pub command: Vec<String>,
    pub inputs: Vec<String>,
    pub out: String,
    pub dialect: Dialect,
    pub xlsx: bool,
    /// Whether report.html is written.
    #[serde(default)]
    pub report: bool,
    /// `--encoding`, when given.
    pub encoding: Option<String>,
    pub scoring: ScoringOptions,
}

#[derive(serde::Serialize)]
struct Manifest<'a> {
    tool: &'static str,
    version: &'static str,
    git_commit: &'static str,
    options: &'a RunOptions,
    stemmer: &'static str,
    lexicon: &'a [SourceInfo],
    context_lexicon: &'a SourceInfo,
    registry: &'a SourceInfo,
    inputs: &'a [InputRecord],
    input_problems: &'a [String],
    counts: Counts,
    outputs: Vec<&'static str>,
}

#[derive(serde::Serialize)]
struct Counts {
    files: usize,
    read: usize,
    skipped: usize,
    documents: usize,
    sections: usize,
    units: usize,
    tokens: usize,
    matches: usize,
    resocs: usize,
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
    fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }

    fn owned(s: String) -> Cell<'a> {
        Cell::Text(Cow::Owned(s))
    }

    fn opt(x: Option<f64>) -> Cell<'a> {
        x.map_or(Cell::Empty, Cell::Number)
    }

    fn count(n: usize) -> Cell<'a> {
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
fn with_number<R>(x: f64, d: Dialect, f: impl FnOnce(&str) -> R) -> R {
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
fn write_csv_row<W: Write>(w: &mut csv::Writer<W>, row: &[Cell], d: Dialect) -> csv::Result<()> {
    for c in row {
        c.write_csv(w, d)?;
    }
    w.write_record(std::iter::empty::<&[u8]>())
}

/// One output table: its name, its columns and its rows.
pub struct Table<'a> {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// Writes all output files of a finished run into `out` (all documents in `run`).
pub fn write_outputs(
    out: &Path,
    run: &RunResult,
    provenance: &Provenance,
    options: &RunOptions,
) -> std::io::Result<Vec<PathBuf>> {
    let mut sink = OutputSink::create(out, options)?;
    for doc in &run.documents {
        sink.add_document(doc)?;
    }
    sink.finish(run, provenance)
}

/// One document's rows of sections.csv and matches.csv, formatted in a dialect, ready
/// to be appended to the files (see [`render_rows`]).
pub struct RenderedRows {
    dialect: Dialect,
    sections: Vec<u8>,
    matches: Vec<u8>,
    /// The same rows as cells of the workbook, when one is written.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    sheet: Option<workbook::SheetRows>,
    /// What the HTML report shows of the document, when it is written.
    page: Option<html::PageEvidence>,
}

/// Formats one document's rows of sections.csv and matches.csv (no header) in the
/// run's dialect, and what the workbook and the HTML report need of it when the run
/// writes them. Made to run on the worker thread that analysed the document, right
/// after it: the document's memory is then still in that core's cache, and it can be
/// dropped there. The bytes are those a single writer of the whole file would write for
/// these rows.
pub fn render_rows(doc: &DocumentSummary, options: &RunOptions) -> std::io::Result<RenderedRows> {
    let d = options.dialect;
    Ok(RenderedRows {
        dialect: d,
        sections: csv_rows(d, None, |each| section_rows(doc, each))?,
        matches: csv_rows(d, None, |each| match_rows(doc, each))?,
        sheet: options.xlsx.then(|| workbook::SheetRows::of(doc)),
        page: options.report.then(|| html::PageEvidence::of(doc)),
    })
}

/// The CSV bytes of the rows that `rows` produces, after the header of `columns` (with
/// Excel's byte-order mark) when given: the one place CSV bytes are made.
fn csv_rows<'a>(
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

/// The output folder of a run being written: sections.csv and matches.csv grow under
/// temporary names as documents arrive (in name order), so no row waits in memory;
/// `finish` adds the files that need the whole run, then renames every file at once,
/// so an interrupted run never leaves a partial file under a final name (dropping the
/// sink removes the temporary files).
pub struct OutputSink {
    out: PathBuf,
    options: RunOptions,
    sections: std::io::BufWriter<tempfile::NamedTempFile>,
    matches: std::io::BufWriter<tempfile::NamedTempFile>,
    /// Bytes appended since the kernel was last asked to start writing the files back.
    unflushed: usize,
    /// The workbook, filled as the rows arrive (with `--xlsx`).
    #[cfg(feature = "xlsx")]
    workbook: Option<workbook::WorkbookWriter>,
    /// What the HTML report will show, gathered as the rows arrive (with `--report`).
    page: Option<html::PageEvidence>,
}

/// Bytes appended between two requests to start writeback (see [`start_writeback`]).
const WRITEBACK_EVERY: usize = 32 << 20;

/// Asks the kernel to start writing the file's dirty pages to disk, without waiting.
/// The `fsync` before the final rename then finds little left to write: on 512 MB of pacts
/// it had waited 0.36 s for about 800 MB of rows, with the workers idle.
fn start_writeback(file: &std::fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor belongs to an open file for the duration of the call;
        // offset 0 and length 0 cover the whole file, and SYNC_FILE_RANGE_WRITE only starts
        // writeback. A failure only means the final fsync does all the work, so the result
        // is ignored.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

impl OutputSink {
    pub fn create(out: &Path, options: &RunOptions) -> std::io::Result<OutputSink> {
        std::fs::create_dir_all(out)?;
        let table = |name: &str, columns: &[&str]| -> std::io::Result<_> {
            let mut file =
                std::io::BufWriter::with_capacity(1 << 16, staged_file(out, &format!("{name}.csv"))?);
            file.write_all(&csv_rows(options.dialect, Some(columns), |_| {})?)?;
            Ok(file)
        };
        #[cfg(not(feature = "xlsx"))]
        if options.xlsx {
            return Err(std::io::Error::other(
                "this build has no .xlsx support (build with the 'xlsx' feature)",
            ));
        }
        Ok(OutputSink {
            out: out.to_path_buf(),
            options: options.clone(),
            sections: table("sections", SECTION_COLUMNS)?,
            matches: table("matches", MATCH_COLUMNS)?,
            unflushed: 0,
            #[cfg(feature = "xlsx")]
            workbook: if options.xlsx {
                Some(workbook::WorkbookWriter::new(out)?)
            } else {
                None
            },
            page: options.report.then(html::PageEvidence::default),
        })
    }

    /// Appends one document's rows (call in name order).
    pub fn add_document(&mut self, doc: &DocumentSummary) -> std::io::Result<()> {
        self.add_rows(render_rows(doc, &self.options)?)
    }

    /// Appends one document's rows rendered by [`render_rows`] (call in name order).
    pub fn add_rows(&mut self, rows: RenderedRows) -> std::io::Result<()> {
        if rows.dialect != self.options.dialect {
            return Err(std::io::Error::other(
                "rows rendered in another CSV dialect than the files'",
            ));
        }
        #[cfg(feature = "xlsx")]
        if let Some(book) = &mut self.workbook {
            let sheet = rows
                .sheet
                .as_ref()
                .ok_or_else(|| std::io::Error::other("rows rendered without the workbook's cells"))?;
            book.add(sheet)?;
        }
        if let Some(page) = &mut self.page {
            let part = rows
                .page
                .ok_or_else(|| std::io::Error::other("rows rendered without what the report shows"))?;
            page.append(part);
        }
        self.sections.write_all(&rows.sections)?;
        self.matches.write_all(&rows.matches)?;
        self.unflushed += rows.sections.len() + rows.matches.len();
        if self.unflushed >= WRITEBACK_EVERY {
            self.unflushed = 0;
            start_writeback(self.sections.get_ref().as_file());
            start_writeback(self.matches.get_ref().as_file());
        }
        Ok(())
    }

    /// Writes the files that need the whole run (resocs.csv, the workbook, the HTML
    /// report, the manifest) and renames all files to their final names.
    pub fn finish(mut self, run: &RunResult, provenance: &Provenance) -> std::io::Result<Vec<PathBuf>> {
        let options = &self.options;
        let d = options.dialect;
        let mut files: Vec<(String, Vec<u8>)> =
            vec![("resocs.csv".into(), csv_bytes(&resocs_table(run), d)?)];
        let mut staged_book = Vec::new();
        #[cfg(feature = "xlsx")]
        if let Some(book) = self.workbook {
            let name = "streekpact.xlsx";
            let mut tmp = staged_file(&self.out, name)?;
            let mut file = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
            book.finish(&resocs_table(run), &inputs_table(run), &mut file)?;
            file.flush()?;
            drop(file);
            staged_book.push((tmp, self.out.join(name)));
        }
        if options.report {
            files.push((
                "report.html".into(),
                html::report_html(run, &self.page.take().unwrap_or_default(), provenance, options)
                    .into_bytes(),
            ));
        }
        files.push(("manifest.json".into(), manifest_json(run, provenance, options)?));
        let into_file = |w: std::io::BufWriter<tempfile::NamedTempFile>| {
            w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
        };
        let mut staged = vec![
            (into_file(self.sections)?, self.out.join("sections.csv")),
            (into_file(self.matches)?, self.out.join("matches.csv")),
        ];
        staged.append(&mut staged_book);
        for (name, bytes) in &files {
            let mut tmp = staged_file(&self.out, name)?;
            tmp.write_all(bytes)?;
            staged.push((tmp, self.out.join(name)));
        }
        persist_all(&self.out, staged)
    }
}

/// The workers' half of an [`OutputSink`]: a document's rows in the run's dialect.
pub struct RowRenderer {
    options: RunOptions,
}

impl Render for RowRenderer {
    type Rows = std::io::Result<RenderedRows>;
    fn render(&self, doc: DocumentSummary) -> Self::Rows {
        render_rows(&doc, &self.options)
    }
}

impl Sink for OutputSink {
    type Render = RowRenderer;
    type Error = std::io::Error;
    fn renderer(&self) -> RowRenderer {
        RowRenderer {
            options: self.options.clone(),
        }
    }
    /// Parts of one document are rows like any other: the files need no joining.
    fn accept(&mut self, rows: std::io::Result<RenderedRows>, _continues: bool) -> std::io::Result<()> {
        self.add_rows(rows?)
    }
}

/// A temporary file in `out` for the output `name`.
fn staged_file(out: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(out)
}

/// Flushes every staged file to disk, then renames each to its final path.
fn persist_all(out: &Path, staged: Vec<(tempfile::NamedTempFile, PathBuf)>) -> std::io::Result<Vec<PathBuf>> {
    for (tmp, _) in &staged {
        tmp.as_file().sync_all()?;
    }
    let mut written = Vec::new();
    for (tmp, path) in staged {
        tmp.persist(&path).map_err(|e| e.error)?;
        written.push(path);
    }
    if let Ok(dir) = std::fs::File::open(out) {
        let _ = dir.sync_all();
    }
    Ok(written)
}

/// A CSV writer of the dialect with the table's header written (and, for Excel, the
/// byte-order mark that makes it read the file as UTF-8).
fn csv_table<W: Write>(mut w: W, d: Dialect, columns: &[&str]) -> std::io::Result<csv::Writer<W>> {
    if d == Dialect::Excel {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv_writer(w, d);
    w.write_record(columns)?;
    Ok(w)
}

fn csv_writer<W: Write>(w: W, d: Dialect) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(d.delimiter())
        .terminator(match d {
            Dialect::Plain => csv::Terminator::Any(b'\n'),
            Dialect::Excel => csv::Terminator::CRLF,
        })
        .buffer_capacity(1 << 16)
        .from_writer(w)
}

/// Writes named files into `out`: all to temporary files first, then renamed.
pub fn write_atomically(out: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let mut tmp = staged_file(out, name)?;
        tmp.write_all(bytes)?;
        staged.push((tmp, out.join(name)));
    }
    persist_all(out, staged)
}

fn csv_bytes(table: &Table, d: Dialect) -> std::io::Result<Vec<u8>> {
    csv_rows(d, Some(table.columns), |each| {
        table.rows.iter().for_each(|row| each(row))
    })
}

pub const RESOC_COLUMNS: &[&str] = &[
    "resoc",
    "score",
    "logit_score",
    "ci_low",
    "ci_high",
    "type",
    "theme_dependent",
    "documents",
    "sections",
    "tokens",
    "overleg_weight",
    "project_weight",
    "province",
    "units",
    "evidence_units",
    "matches",
    "theme_statement",
    "unclear_statement",
    "overleg_sections",
    "project_sections",
];

pub fn resocs_table(run: &RunResult) -> Table<'_> {
    let rows = run
        .resocs
        .iter()
        .map(|r| {
            let s = &r.score;
            vec![
                Cell::text(&r.name),
                Cell::opt(s.score),
                Cell::opt(s.logit),
                Cell::opt(s.ci.map(|c| c.0)),
                Cell::opt(s.ci.map(|c| c.1)),
                Cell::text(s.role.as_str()),
                Cell::Flag(s.theme_dependent),
                Cell::count(r.documents),
                Cell::count(r.sections),
                Cell::count(r.tokens),
                Cell::Number(s.totals.overleg),
                Cell::Number(s.totals.project),
                r.province.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::count(r.units),
                Cell::count(s.evidence_units),
                Cell::count(r.matches),
                Cell::Flag(s.theme_statement),
                Cell::Flag(s.unclear_statement),
                Cell::count(s.overleg_sections),
                Cell::count(s.project_sections),
            ]
        })
        .collect();
    Table {
        name: "resocs",
        columns: RESOC_COLUMNS,
        rows,
    }
}

pub const SECTION_COLUMNS: &[&str] = &[
    "file",
    "resoc",
    "section",
    "title",
    "tokens",
    "overleg_weight",
    "project_weight",
    "score",
    "heading_path",
    "level",
    "line_start",
    "line_end",
    "units",
    "evidence_units",
    "theme_statement",
    "unclear_statement",
];

pub fn sections_table(run: &RunResult) -> Table<'_> {
    let mut rows = Vec::new();
    for doc in &run.documents {
        section_rows(doc, |row| rows.push(row.to_vec()));
    }
    Table {
        name: "sections",
        columns: SECTION_COLUMNS,
        rows,
    }
}

/// The rows of sections.csv for one document, one at a time (rows are arrays: no
/// allocation per row on the streaming path).
fn section_rows<'a>(doc: &'a DocumentSummary, mut each: impl FnMut(&[Cell<'a>])) {
    for s in &doc.sections {
        let totals = s.totals();
        each(&[
            Cell::text(&doc.name),
            s.resoc.as_deref().map_or(Cell::Empty, Cell::text),
            Cell::count(s.index),
            Cell::text(&s.title),
            Cell::count(s.tokens),
            Cell::Number(totals.overleg),
            Cell::Number(totals.project),
            Cell::opt(totals.score(1.0)),
            Cell::owned(s.heading_path.join(" > ")),
            Cell::Count(s.level as u64),
            Cell::count(s.line_start),
            Cell::count(s.line_end),
            Cell::count(s.units),
            Cell::count(s.evidence.len()),
            Cell::Flag(s.theme_statement),
            Cell::Flag(s.unclear_statement),
        ]);
    }
}

pub const MATCH_COLUMNS: &[&str] = &[
    "file",
    "resoc",
    "section",
    "line",
    "cue",
    "category",
    "pole",
    "weight",
    "context",
    "unit",
    "unit_kind",
    "matched",
    "base_weight",
    "negated",
    "modifiers",
    "actor",
    "contribution",
    "lexicon_line",
    "stem",
    "lexicon_file",
];

/// The modifiers of a match as one readable cell: `hedge:kan×0.5; bold×1.5`.
pub fn modifiers_cell(mods: &[ModifierRecord], d: Dialect) -> String {
    let mut out = String::new();
    for (k, m) in mods.iter().enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        out.push_str(&m.kind);
        if !m.trigger.is_empty() {
            out.push(':');
            out.push_str(&m.trigger);
        }
        out.push('×');
        with_number(m.factor, d, |f| {
            out.push_str(f.trim_end_matches('0').trim_end_matches(['.', ',']))
        });
    }
    out
}

pub fn matches_table(run: &RunResult) -> Table<'_> {
    let mut rows = Vec::new();
    for doc in &run.documents {
        match_rows(doc, |row| rows.push(row.to_vec()));
    }
    Table {
        name: "matches",
        columns: MATCH_COLUMNS,
        rows,
    }
}

/// The rows of matches.csv for one document, one at a time.
fn match_rows<'a>(doc: &'a DocumentSummary, mut each: impl FnMut(&[Cell<'a>])) {
    for s in &doc.sections {
        for m in &s.matches {
            each(&[
                Cell::text(&doc.name),
                s.resoc.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::count(s.index),
                Cell::count(m.line),
                Cell::text(&m.cue),
                Cell::text(&m.category),
                Cell::Number(m.pole),
                Cell::Number(m.weight),
                Cell::text(&m.context),
                Cell::count(m.unit),
                Cell::text(&m.unit_kind),
                Cell::text(&m.matched),
                Cell::Number(m.base_weight),
                Cell::Flag(m.negated),
                // Factors are rendered with '.'; the workbook and the plain CSV agree,
                // and the Excel CSV shows them as in its other numbers.
                Cell::owned(modifiers_cell(&m.modifiers, Dialect::Plain)),
                Cell::text(&m.actor),
                Cell::Number(m.contribution),
                Cell::count(m.lexicon_line),
                Cell::text(&m.stem),
                Cell::text(&m.lexicon_file),
            ]);
        }
    }
}

pub const INPUT_COLUMNS: &[&str] = &[
    "path", "bytes", "sha256", "format", "encoding", "status", "reason",
];

pub fn inputs_table(run: &RunResult) -> Table<'_> {
    fn opt(s: &Option<String>) -> Cell<'_> {
        s.as_deref().map_or(Cell::Empty, Cell::text)
    }
    let rows = run
        .inputs
        .iter()
        .map(|i| {
            vec![
                Cell::text(&i.path),
                Cell::Count(i.bytes),
                Cell::text(&i.sha256),
                opt(&i.format),
                opt(&i.encoding),
                Cell::text(i.status.as_str()),
                opt(&i.reason),
            ]
        })
        .collect();
    Table {
        name: "inputs",
        columns: INPUT_COLUMNS,
        rows,
    }
}

fn manifest_json(run: &RunResult, provenance: &Provenance, options: &RunOptions) -> std::io::Result<Vec<u8>> {
    let mut outputs = vec!["resocs.csv", "sections.csv", "matches.csv"];
    if options.xlsx {
        outputs.push("streekpact.xlsx");
    }
    if options.report {
        outputs.push("report.html");
    }
    let manifest = Manifest {
        tool: "streekpact",
        version: TOOL_VERSION,
        git_commit: env!("STREEKPACT_GIT_COMMIT"),
        options,
        stemmer: STEMMER,
        lexicon: &provenance.lexicon,
        context_lexicon: &provenance.context_lexicon,
        registry: &provenance.registry,
        inputs: &run.inputs,
        input_problems: &run.input_problems,
        counts: Counts {
            files: run.inputs.len(),
            read: run.inputs.iter().filter(|i| i.is_read()).count(),
            skipped: run.skipped(),
            documents: run.counts.documents,
            sections: run.counts.sections,
            units: run.counts.units,
            tokens: run.counts.tokens,
            matches: run.counts.matches,
            resocs: run.resocs.len(),
        },
        outputs,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The readable summary printed on stdout.
pub fn summary_table(run: &RunResult) -> String {
    let mut rows = vec![[
        "RESOC".to_string(),
        "type".into(),
        "score".into(),
        "95% CI".into(),
        "overleg".into(),
        "project".into(),
        "theme".into(),
        "sections".into(),
    ]];
    for r in &run.resocs {
        let s = &r.score;
        rows.push([
            r.name.clone(),
            s.role.as_str().into(),
            s.score.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "–".into()),
            s.ci.map(|(a, b)| format!("[{a:+.2}, {b:+.2}]"))
                .unwrap_or_else(|| "–".into()),
            format!("{:.2}", s.totals.overleg),
            format!("{:.2}", s.totals.project),
            if s.theme_dependent { "yes" } else { "no" }.into(),
            r.sections.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let pad = widths[c] - v.chars().count();
                if c >= 2 && c != 6 {
                    format!("{}{v}", " ".repeat(pad))
                } else {
                    format!("{v}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(
                &widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  "),
            );
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run on `input` with the built-in lexicons and default options.
    fn run_with_defaults(input: &str) -> RunResult {
        let instruments = crate::instruments::Instruments::load(&[], None, None).unwrap();
        crate::pipeline::run(
            &[input.into()],
            &Default::default(),
            &instruments,
            &ScoringOptions::default(),
        )
    }

    /// A table longer than a sheet goes on in further sheets, every row kept once.
    #[cfg(feature = "xlsx")]
    #[test]
    fn long_tables_continue_on_further_sheets() {
        use calamine::{Reader, Xlsx};
        let run = run_with_defaults("corpus/kempen.md");
        let tables = [resocs_table(&run), sections_table(&run), matches_table(&run)];
        let matches = tables[2].rows.len();
        assert!(matches > 8, "{matches} matches");
        let dir = tempfile::tempdir().unwrap();
        let mut book = workbook::WorkbookWriter::with_sheet_rows(dir.path(), 4).unwrap();
        for doc in &run.documents {
            book.add(&workbook::SheetRows::of(doc)).unwrap();
        }
        let mut bytes = std::io::Cursor::new(Vec::new());
        book.finish(&tables[0], &inputs_table(&run), &mut bytes).unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes.into_inner())).unwrap();
        let names = wb.sheet_names();
        assert_eq!((names[0].as_str(), names[1].as_str()), ("resocs", "sections"));
        assert_eq!(names.last().map(String::as_str), Some("inputs"));
        let sheets_of = |table: &str| names.iter().filter(|n| n.starts_with(table)).count();
        assert_eq!(sheets_of("sections"), tables[1].rows.len().div_ceil(4));
        let match_sheets: Vec<String> = names
            .iter()
            .filter(|n| n.starts_with("matches"))
            .cloned()
            .collect();
        assert_eq!(match_sheets.len(), matches.div_ceil(4));
        assert_eq!(match_sheets[1], "matches (2)");
        let rows: usize = match_sheets
            .iter()
            .map(|n| wb.worksheet_range(n).unwrap().height() - 1)
            .sum();
        assert_eq!(rows, matches);
    }

    /// Every table may continue on further sheets, the ones written at the end too, and
    /// the sheets stand in the tables' order, each table's sheets in row order.
    #[cfg(feature = "xlsx")]
    #[test]
    fn every_table_continues_on_further_sheets_in_order() {
        use calamine::{Reader, Xlsx};
        let run = run_with_defaults("corpus");
        let (resocs, inputs) = (resocs_table(&run), inputs_table(&run));
        assert!(resocs.rows.len() > 4 && inputs.rows.len() > 4);
        let dir = tempfile::tempdir().unwrap();
        let mut book = workbook::WorkbookWriter::with_sheet_rows(dir.path(), 4).unwrap();
        for doc in &run.documents {
            book.add(&workbook::SheetRows::of(doc)).unwrap();
        }
        let mut bytes = std::io::Cursor::new(Vec::new());
        book.finish(&resocs, &inputs, &mut bytes).unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes.into_inner())).unwrap();
        let names = wb.sheet_names();
        let tables: Vec<&str> = names.iter().map(|n| n.split(" (").next().unwrap()).collect();
        let mut expected = Vec::new();
        for (table, rows) in [
            ("resocs", resocs.rows.len()),
            ("sections", sections_table(&run).rows.len()),
            ("matches", matches_table(&run).rows.len()),
            ("inputs", inputs.rows.len()),
        ] {
            expected.extend(std::iter::repeat_n(table, rows.div_ceil(4)));
        }
        assert_eq!(tables, expected);
        assert_eq!(names[1], "resocs (2)");
        let first_cells: Vec<String> = names
            .iter()
            .filter(|n| n.starts_with("resocs"))
            .flat_map(|n| {
                let range = wb.worksheet_range(n).unwrap();
                (1..range.height())
                    .map(|r| range.get((r, 0)).unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let names_in_order: Vec<String> = run.resocs.iter().map(|r| r.name.clone()).collect();
        assert_eq!(first_cells, names_in_order);
    }

    /// Rows rendered document by document (on the workers of a streaming run) make the
    /// same file as one writer of the whole table, in both dialects, and rows of one
    /// dialect are refused by files of the other.
    #[test]
    fn rows_rendered_per_document_make_the_whole_table() {
        let run = run_with_defaults("corpus");
        assert!(run.documents.len() > 5);
        for d in [Dialect::Plain, Dialect::Excel] {
            let (mut sections, mut matches) = (Vec::new(), Vec::new());
            // The numbers cached for the other dialect must not leak into this one.
            for doc in &run.documents {
                let rows = render_rows(doc, &options_in(d)).unwrap();
                sections.extend_from_slice(&rows.sections);
                matches.extend_from_slice(&rows.matches);
            }
            let whole = |t: &Table| csv_bytes(t, d).unwrap();
            let header = |columns: &[&str]| csv_table(Vec::new(), d, columns).unwrap().into_inner().unwrap();
            assert_eq!(
                [header(SECTION_COLUMNS), sections].concat(),
                whole(&sections_table(&run))
            );
            assert_eq!(
                [header(MATCH_COLUMNS), matches].concat(),
                whole(&matches_table(&run))
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let mut sink = OutputSink::create(dir.path(), &options_in(Dialect::Plain)).unwrap();
        let excel_rows = render_rows(&run.documents[0], &options_in(Dialect::Excel)).unwrap();
        assert!(sink.add_rows(excel_rows).is_err());
    }

    /// CSV files only, in dialect `d`.
    fn options_in(d: Dialect) -> RunOptions {
        RunOptions {
            command: Vec::new(),
            inputs: Vec::new(),
            out: String::new(),
            dialect: d,
            xlsx: false,
            report: false,
            encoding: None,
            scoring: ScoringOptions::default(),
        }
    }

    #[test]
    fn recorded_command_leaves_out_what_changes_no_result() {
        let cmd: Vec<String> = [
            "score",
            "corpus",
            "--shard",
            "2/3",
            "-o",
            "x",
            "--threads=2",
            "-q",
            "--threads",
            "1",
            "--excel",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(recorded_command(&cmd), ["score", "corpus", "-o", "x", "--excel"]);
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

    #[test]
    fn modifiers_cell_is_readable() {
        let mods = vec![
            ModifierRecord {
                kind: "hedge".into(),
                trigger: "kan".into(),
                factor: 0.5,
            },
            ModifierRecord {
                kind: "bold".into(),
                trigger: String::new(),
                factor: 1.5,
            },
        ];
        assert_eq!(modifiers_cell(&mods, Dialect::Plain), "hedge:kan×0.5; bold×1.5");
        assert_eq!(modifiers_cell(&mods, Dialect::Excel), "hedge:kan×0,5; bold×1,5");
    }
}
