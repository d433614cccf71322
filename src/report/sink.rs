//! The output folder of a run: the row files grow under temporary names as documents
//! arrive, and every file is renamed to its final name only when all are complete.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::csv::{csv_bytes, csv_rows};
use super::manifest::manifest_json;
use super::tables::{
    render_rows, resocs_table, RenderedRows, CLAUSE_COLUMNS, MATCH_COLUMNS, SECTION_COLUMNS,
};
use super::{html, RunOptions};
#[cfg(feature = "xlsx")]
use super::{tables::inputs_table, workbook};
use crate::instruments::Provenance;
use crate::pipeline::{Render, Sink};
use crate::scoring::{DocumentSummary, RunResult};

/// The output folder of a run being written: sections.csv, matches.csv and clauses.csv grow under
/// temporary names as documents arrive (in name order), so no row waits in memory;
/// `finish` adds the files that need the whole run, then renames every file at once,
/// so an interrupted run never leaves a partial file under a final name (dropping the
/// sink removes the temporary files).
pub struct OutputSink {
    out: PathBuf,
    options: RunOptions,
    sections: std::io::BufWriter<tempfile::NamedTempFile>,
    matches: std::io::BufWriter<tempfile::NamedTempFile>,
    clauses: std::io::BufWriter<tempfile::NamedTempFile>,
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
        remove_stale_staged_files(out, RUN_OUTPUTS);
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
            clauses: table("clauses", CLAUSE_COLUMNS)?,
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
        self.clauses.write_all(&rows.clauses)?;
        self.unflushed += rows.sections.len() + rows.matches.len() + rows.clauses.len();
        if self.unflushed >= WRITEBACK_EVERY {
            self.unflushed = 0;
            start_writeback(self.sections.get_ref().as_file());
            start_writeback(self.matches.get_ref().as_file());
            start_writeback(self.clauses.get_ref().as_file());
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
            (into_file(self.clauses)?, self.out.join("clauses.csv")),
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
///
/// Created with mode 0666 less the umask, as any file the user makes: the renamed output
/// must be readable by whoever may read the folder (a temporary file's default is 0600).
pub(super) fn staged_file(out: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(out)
}

/// Staged files older than this are left by a run that was killed: a live run keeps
/// appending to its row files, and its other files live for moments.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes what a killed run left in `out`: its own staged files only
/// (`.<output name>.<random>.tmp`, see [`staged_file`]) that nothing has written to for
/// [`STALE_AFTER`]. Failures are ignored: they cost disk space, not results.
pub(super) fn remove_stale_staged_files(out: &Path, names: &[&str]) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let ours = file_name.ends_with(".tmp")
            && names.iter().any(|n| {
                file_name
                    .strip_prefix('.')
                    .is_some_and(|rest| rest.starts_with(&format!("{n}.")))
            });
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if ours && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The names of every file a score or merge run may stage in its output folder.
const RUN_OUTPUTS: &[&str] = &[
    "resocs.csv",
    "sections.csv",
    "matches.csv",
    "clauses.csv",
    "manifest.json",
    "streekpact.xlsx",
    "report.html",
];

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

/// Writes named files into `out`: all to temporary files first, then renamed.
pub fn write_atomically(out: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    remove_stale_staged_files(out, &names);
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let mut tmp = staged_file(out, name)?;
        tmp.write_all(bytes)?;
        staged.push((tmp, out.join(name)));
    }
    persist_all(out, staged)
}
