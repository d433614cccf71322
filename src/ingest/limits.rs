//! Limits against hostile or broken files. Each one, when hit, becomes an
//! [`IngestError`](super::IngestError) for that file alone, with a message that names
//! the limit. The numbers are far above what a streekpact needs (a few MB at most).

use std::time::Duration;

/// Largest input file read, in bytes. Streekpacten are a few hundred KB; anything
/// far larger is almost certainly not a pact and would only cost memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Most entries a .docx/.odt zip container may list. Office files have tens to a few
/// hundred (one per image); the limit is checked before the central directory is read
/// into memory.
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// Most bytes unpacked from one zip container, all parts read together. Counted while
/// reading (through `Read::take`), never taken from the sizes the container declares.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// Deepest element nesting accepted in an XML part (DOCX, ODT). Real documents stay
/// below 40; the readers walk iteratively, so the limit guards memory and time.
pub const MAX_XML_DEPTH: usize = 256;

/// Deepest element nesting accepted in an HTML page (after HTML5 tree building).
pub const MAX_HTML_DEPTH: usize = 512;

/// Time the PDF reader (a child process) may take for one file before it is stopped.
/// `STREEKPACT_PDF_TIMEOUT` (seconds) overrides it.
pub const PDF_TIMEOUT: Duration = Duration::from_secs(30);

/// The PDF time limit in force: [`PDF_TIMEOUT`] or `STREEKPACT_PDF_TIMEOUT` seconds.
pub fn pdf_timeout() -> Duration {
    std::env::var("STREEKPACT_PDF_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(PDF_TIMEOUT, Duration::from_secs_f64)
}
