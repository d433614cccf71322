//! PDF (text layer) → the document model.
//!
//! The text layer is extracted by pdf-extract (on lopdf), page by page. Both are
//! known to panic, loop or overflow the stack on hostile files, so when the caller is
//! the `streekpact` binary the extraction runs in a child process of that binary
//! (`streekpact extract-pdf -`, hidden) with a time limit
//! ([`pdf_timeout`](super::limits::pdf_timeout)): a crash, an abort or a hang costs
//! that one file. Used as a library from another program, the extraction runs in
//! process under `catch_unwind` (which cannot catch a stack overflow).
//!
//! Then, in the parent: ligatures are unfolded, running headers, footers and page
//! numbers (lines at the top or bottom of most pages that are equal once digits are
//! masked, and page-number lines) are removed, a heading set in a larger font and
//! wrapped over lines is put on one line between blank lines, pages are joined so that
//! a sentence running over a page break stays one paragraph, and words hyphenated at a
//! line end are rejoined ("over-" + "leg" → "overleg", but "Oost-" + "en" stays).
//!
//! The text layer carries no bold or lists as such: the segmenter finds headings in
//! it as in plain text (numbered, keyword, ALL CAPS, short title lines).
//! A PDF without a text layer (a scan) is reported; no OCR is done.

use super::limits::{pdf_timeout, MAX_FILE_BYTES};
use super::{guarded, IngestError};

mod child;
mod clean;

use child::*;
use clean::*;

pub use child::child_main;
pub use clean::{clean_pages, decode_page, Line};

const FORMAT: &str = "PDF";

/// The encoding label of a PDF's text (the manifest's `encoding`).
pub const ENCODING: &str = "PDF text layer";

/// The name of the hidden subcommand of the binary that runs [`child_main`].
pub const SUBCOMMAND: &str = "extract-pdf";

/// First line of the child's report on stdout.
const MAGIC: &str = "streekpact-pdf-1";

/// How the child reports a panic on stderr.
const PANIC_PREFIX: &str = "streekpact-pdf-panic: ";

/// The last three components of a source path ("pdf-extract-0.12.1/src/lib.rs").
fn short_path(file: &str) -> String {
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    parts[parts.len().saturating_sub(3)..].join("/")
}

/// Reads a .pdf file.
pub fn read(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(IngestError::Corrupt {
            format: FORMAT,
            reason: "no %PDF- header (not a PDF file)".into(),
        });
    }
    let pages = extract_pages(bytes)?;
    let text = clean_pages(&pages);
    if !text.chars().any(char::is_alphanumeric) {
        return Err(IngestError::NoTextLayer);
    }
    Ok((text, ENCODING))
}

/// The text of each page: in a child process when this program is the `streekpact`
/// binary, else in process.
fn extract_pages(bytes: &[u8]) -> Result<Vec<Vec<Line>>, IngestError> {
    match child_executable() {
        Some(exe) => match run_child(&exe, bytes, pdf_timeout()) {
            Err(ChildError::NotAvailable) => guarded(|| extract_pages_in_process(bytes)),
            Err(ChildError::Failed(e)) => Err(e),
            Ok(pages) => Ok(pages),
        },
        None => guarded(|| extract_pages_in_process(bytes)),
    }
}

/// The running executable when it is the `streekpact` binary (which has the hidden
/// subcommand), not a test harness or another program using the library.
fn child_executable() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let stem = exe.file_stem()?.to_string_lossy().into_owned();
    (stem == "streekpact").then_some(exe)
}

/// Extracts the text of every page with pdf-extract, in this process (without the
/// `pdf` feature: an error saying so).
#[cfg(not(feature = "pdf"))]
pub fn extract_pages_in_process(_bytes: &[u8]) -> Result<Vec<Vec<Line>>, IngestError> {
    Err(IngestError::NotBuiltIn {
        ext: "pdf".into(),
        feature: "pdf",
    })
}

/// Extracts the text of every page with pdf-extract, in this process. A page that
/// fails fails the file (a silently missing page would bias the scores).
#[cfg(feature = "pdf")]
pub fn extract_pages_in_process(bytes: &[u8]) -> Result<Vec<Vec<Line>>, IngestError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(pdf_error)?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted with an empty user password (print restrictions
        // only); those open. Others need a password we do not have.
        doc.decrypt("").map_err(|_| IngestError::Encrypted(FORMAT))?;
    }
    let mut pages = Vec::new();
    for (number, _) in doc.get_pages() {
        let mut output = SizedOutput::default();
        pdf_extract::output_doc_page(&doc, &mut output, number).map_err(|e| match e {
            pdf_extract::OutputError::PdfError(e) => match pdf_error(e) {
                IngestError::Corrupt { format, reason } => IngestError::Corrupt {
                    format,
                    reason: format!("page {number}: {reason}"),
                },
                other => other,
            },
            other => IngestError::Corrupt {
                format: FORMAT,
                reason: format!("page {number}: {other}"),
            },
        })?;
        pages.push(output.finish());
    }
    Ok(pages)
}

/// pdf-extract's plain-text layout (a line feed when the baseline moves down, a
/// blank line for a gap of more than 1.5 font sizes, a space for a gap between
/// glyphs), plus the largest font size on each line.
#[cfg(feature = "pdf")]
struct SizedOutput {
    lines: Vec<Line>,
    text: String,
    size: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
    page_height: f64,
}

#[cfg(feature = "pdf")]
impl Default for SizedOutput {
    fn default() -> Self {
        SizedOutput {
            lines: Vec::new(),
            text: String::new(),
            size: 0.0,
            last_end: 100_000.0,
            last_y: 0.0,
            first_char: false,
            page_height: 0.0,
        }
    }
}

#[cfg(feature = "pdf")]
impl SizedOutput {
    fn newline(&mut self) {
        let size = if self.size.is_finite() {
            self.size as f32
        } else {
            0.0
        };
        self.lines.push(Line {
            size,
            text: std::mem::take(&mut self.text),
        });
        self.size = 0.0;
    }

    fn finish(mut self) -> Vec<Line> {
        if !self.text.is_empty() {
            self.newline();
        }
        self.lines
    }
}

#[cfg(feature = "pdf")]
impl pdf_extract::OutputDev for SizedOutput {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The glyph's origin with y pointing down, and its size in page units.
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if self.first_char {
            if (y - self.last_y).abs() > size * 1.5 {
                self.newline();
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                self.newline();
            }
            if x > self.last_end + size * 0.1 {
                self.text.push(' ');
            }
        }
        self.text.push_str(char);
        if !char.trim().is_empty() && size.is_finite() {
            self.size = self.size.max(size);
        }
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

#[cfg(feature = "pdf")]
fn pdf_error(e: pdf_extract::Error) -> IngestError {
    match e {
        pdf_extract::Error::Decryption(_) => IngestError::Encrypted(FORMAT),
        other => IngestError::Corrupt {
            format: FORMAT,
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
