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

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::limits::{pdf_timeout, MAX_FILE_BYTES};
use super::{guarded, IngestError};

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

// --- the child process ---------------------------------------------------------------

/// The hidden subcommand: reads a PDF from `path` (`-`: standard input), extracts the
/// text of its pages, and writes a report to standard output. Returns the exit code.
///
/// Report: a line `streekpact-pdf-1 ok N` followed by N pages, each as its length in
/// bytes on a line and then its text; or `streekpact-pdf-1 error KIND` followed by the
/// message. It is written at the end, so anything a library prints before cannot
/// be mistaken for it: the parent reads the last report in the output.
pub fn child_main(path: &Path) -> u8 {
    // One short line per panic, without machine paths: the parent quotes it.
    std::panic::set_hook(Box::new(|info| {
        let message = super::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", short_path(l.file()), l.line()))
            .unwrap_or_default();
        eprintln!("{PANIC_PREFIX}{}{place}", message.replace('\n', " "));
    }));
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        eprintln!("streekpact extract-pdf: cannot read {}: {e}", path.display());
        return 2;
    }
    let report = match extract_pages_in_process(&bytes) {
        Ok(pages) => {
            let mut r = format!("\n{MAGIC} ok {}\n", pages.len());
            for p in &pages {
                let p = encode_page(p);
                r.push_str(&format!("{}\n", p.len()));
                r.push_str(&p);
            }
            r
        }
        Err(e) => {
            let kind = match e {
                IngestError::Encrypted(_) => "encrypted",
                _ => "corrupt",
            };
            format!("\n{MAGIC} error {kind}\n{e}")
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(report.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return 2;
    }
    0
}

enum ChildError {
    /// The executable does not run the subcommand (an older or other binary).
    NotAvailable,
    Failed(IngestError),
}

/// Runs `exe extract-pdf -` on `bytes` with a time limit.
fn run_child(exe: &Path, bytes: &[u8], timeout: Duration) -> Result<Vec<Vec<Line>>, ChildError> {
    let mut child = Command::new(exe)
        .env("RUST_BACKTRACE", "0")
        .arg(SUBCOMMAND)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| ChildError::NotAvailable)?;
    let (status, stdout, stderr) = std::thread::scope(|scope| {
        let mut stdin = child.stdin.take();
        let mut out_pipe = child.stdout.take();
        let mut err_pipe = child.stderr.take();
        scope.spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                // A child that dies early closes the pipe: the error is not ours.
                let _ = stdin.write_all(bytes);
            }
        });
        let out = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(p) = out_pipe.as_mut() {
                let _ = p.take(4 * MAX_FILE_BYTES).read_to_end(&mut buf);
            }
            buf
        });
        let err = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(p) = err_pipe.as_mut() {
                let _ = p.take(64 * 1024).read_to_end(&mut buf);
            }
            buf
        });
        let status = wait_with_timeout(&mut child, timeout);
        (
            status,
            out.join().unwrap_or_default(),
            err.join().unwrap_or_default(),
        )
    });
    let status = match status {
        Some(s) => s,
        None => {
            return Err(ChildError::Failed(IngestError::Timeout {
                secs: timeout.as_secs_f64().ceil() as u64,
            }))
        }
    };
    if let Some(report) = parse_report(&stdout) {
        return report
            .map(|pages| pages.iter().map(|p| decode_page(p)).collect())
            .map_err(ChildError::Failed);
    }
    let stderr = String::from_utf8_lossy(&stderr);
    if status.code() == Some(2) && stderr.contains("unrecognized subcommand") {
        return Err(ChildError::NotAvailable);
    }
    Err(ChildError::Failed(IngestError::ReaderCrashed(crash_reason(
        status, &stderr,
    ))))
}

/// Waits for the child; kills it when the time is up (then `None`).
fn wait_with_timeout(child: &mut std::process::Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(_) => {
                let _ = child.kill();
                return child.wait().ok();
            }
        }
    }
}

/// Why the child ended without a report: its panic message or the signal.
fn crash_reason(status: std::process::ExitStatus, stderr: &str) -> String {
    let panic_line = stderr.lines().find_map(|l| l.strip_prefix(PANIC_PREFIX));
    let what = if let Some(line) = panic_line {
        format!("PDF reader panicked: {}", line.trim())
    } else if stderr.contains("overflowed its stack") {
        "PDF reader overflowed its stack".to_string()
    } else {
        "PDF reader ended without a result".to_string()
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("{what} (killed by signal {signal})");
        }
    }
    match status.code() {
        Some(code) => format!("{what} (exit status {code})"),
        None => what,
    }
}

/// The last report in the child's output, if there is one.
fn parse_report(stdout: &[u8]) -> Option<Result<Vec<String>, IngestError>> {
    let marker = format!("\n{MAGIC} ");
    let pos = stdout
        .windows(marker.len())
        .rposition(|w| w == marker.as_bytes())?;
    // Pages may contain the marker text themselves: try from the last occurrence
    // backwards until one parses.
    let mut candidates: Vec<usize> = stdout
        .windows(marker.len())
        .enumerate()
        .filter(|(_, w)| *w == marker.as_bytes())
        .map(|(i, _)| i)
        .collect();
    candidates.retain(|&i| i <= pos);
    for start in candidates.into_iter().rev() {
        if let Some(report) = parse_report_at(&stdout[start + marker.len()..]) {
            return Some(report);
        }
    }
    None
}

fn parse_report_at(rest: &[u8]) -> Option<Result<Vec<String>, IngestError>> {
    let line_end = rest.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&rest[..line_end]).ok()?;
    let mut body = &rest[line_end + 1..];
    let mut words = header.split(' ');
    match (words.next()?, words.next()?) {
        ("ok", n) => {
            let n: usize = n.parse().ok()?;
            let mut pages = Vec::with_capacity(n.min(100_000));
            for _ in 0..n {
                let nl = body.iter().position(|&b| b == b'\n')?;
                let len: usize = std::str::from_utf8(&body[..nl]).ok()?.parse().ok()?;
                let text = body.get(nl + 1..nl + 1 + len)?;
                pages.push(String::from_utf8(text.to_vec()).ok()?);
                body = &body[nl + 1 + len..];
            }
            body.is_empty().then_some(Ok(pages))
        }
        ("error", kind) => {
            let message = String::from_utf8_lossy(body).into_owned();
            Some(Err(match kind {
                "encrypted" => IngestError::Encrypted(FORMAT),
                _ => IngestError::Corrupt {
                    format: FORMAT,
                    reason: message
                        .strip_prefix("corrupt or truncated PDF file: ")
                        .unwrap_or(&message)
                        .to_string(),
                },
            }))
        }
        _ => None,
    }
}

// --- cleaning the text layer -----------------------------------------------------------

/// One line of a page's text layer, with the largest font size on it (in page
/// units; 0 when unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub size: f32,
    pub text: String,
}

/// A page as the child reports it: one `SIZE<tab>TEXT` line per line.
fn encode_page(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| format!("{:.1}\t{}", l.size, l.text.replace('\n', " ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a page in the child's format; a line without a size gets size 0.
pub fn decode_page(page: &str) -> Vec<Line> {
    page.split('\n')
        .map(|l| match l.split_once('\t') {
            Some((size, text)) if size.parse::<f32>().is_ok_and(f32::is_finite) => Line {
                size: size.parse().unwrap_or(0.0),
                text: text.to_string(),
            },
            _ => Line {
                size: 0.0,
                text: l.to_string(),
            },
        })
        .collect()
}

/// Turns the text of the pages into one text: ligatures unfolded, running headers,
/// footers and page numbers removed, a heading set in a larger font and wrapped over
/// lines put on one line between blank lines, pages joined, hyphenation at line ends
/// undone.
pub fn clean_pages(pages: &[Vec<Line>]) -> String {
    let pages: Vec<Vec<Line>> = pages
        .iter()
        .map(|p| {
            p.iter()
                .flat_map(|l| {
                    crate::text::normalize(&l.text)
                        .split('\n')
                        .map(|t| Line {
                            size: l.size,
                            text: t.split_whitespace().collect::<Vec<_>>().join(" "),
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    let pages = strip_running_lines(pages);
    let body = body_size(&pages);
    let mut text = String::new();
    for page in pages {
        let page = join_large_lines(page, body);
        let first = page.iter().position(|l| !l.is_empty());
        let last = page.iter().rposition(|l| !l.is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let body = page[first..=last].join("\n");
        if !text.is_empty() {
            let continues = text.ends_with(',')
                || text.ends_with('-')
                || body.chars().next().is_some_and(char::is_lowercase);
            text.push_str(if continues { "\n" } else { "\n\n" });
        }
        text.push_str(&body);
    }
    let mut text = rejoin_hyphenation(&text);
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// The font size of most of the text (by characters, to half a unit); 0 if unknown.
fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut chars: HashMap<i64, usize> = HashMap::new();
    for line in pages.iter().flatten() {
        if line.size > 0.0 && line.size.is_finite() {
            *chars.entry((line.size * 2.0).round() as i64).or_default() += line.text.chars().count();
        }
    }
    chars
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(0.0, |(size, _)| size as f32 / 2.0)
}

/// A line set at least this much larger than the body text is a heading.
const HEADING_SIZE_RATIO: f32 = 1.15;

/// Puts each heading set in a larger font on one line (a title wrapped over two
/// lines is one title) with blank lines around it, so that the segmenter's title
/// rules see it; other lines are returned as they are.
fn join_large_lines(page: Vec<Line>, body: f32) -> Vec<String> {
    let large = |l: &Line| body > 0.0 && !l.text.is_empty() && l.size >= body * HEADING_SIZE_RATIO;
    let mut out: Vec<String> = Vec::with_capacity(page.len());
    let mut i = 0;
    while i < page.len() {
        if !large(&page[i]) {
            out.push(page[i].text.clone());
            i += 1;
            continue;
        }
        let size = page[i].size;
        let mut heading = page[i].text.clone();
        i += 1;
        while i < page.len() && large(&page[i]) && (page[i].size - size).abs() < 0.5 {
            heading.push(' ');
            heading.push_str(&page[i].text);
            i += 1;
        }
        if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
        out.push(heading);
        if page.get(i).is_some_and(|l| !l.text.is_empty()) {
            out.push(String::new());
        }
    }
    out
}

/// A line's identity across pages: lower case, each run of digits as `#`.
fn running_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut in_digits = false;
    for c in line.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
        } else {
            key.push(c);
            in_digits = false;
        }
    }
    key
}

/// A page number line: "12", "- 12 -", "Pagina 3 van 10", "p. 4", "3/10", "ii".
fn is_page_number(line: &str) -> bool {
    let l = line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '[' | ']' | '(' | ')')
    });
    let l = l.to_lowercase();
    let l = ["pagina", "page", "blz.", "blz", "p."]
        .iter()
        .find_map(|p| l.strip_prefix(p))
        .unwrap_or(&l)
        .trim();
    if !l.is_empty() && l.len() <= 6 && l.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')) {
        return true;
    }
    let mut parts = l
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if !number(first) {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => true,
        (Some(n), None, _) => number(n),
        (Some("van" | "of" | "op"), Some(n), None) => number(n),
        _ => false,
    }
}

/// How many lines at each edge of a page are candidates for running headers/footers.
const EDGE_LINES: usize = 3;

/// Removes, at the top and bottom of each page, lines that recur (digits masked) at
/// the edges of most pages, and page-number lines.
fn strip_running_lines(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    if pages.len() < 2 {
        return pages;
    }
    let edges = |page: &Vec<Line>| -> Vec<usize> {
        let filled: Vec<usize> = (0..page.len()).filter(|&i| !page[i].text.is_empty()).collect();
        let mut idx: BTreeSet<usize> = filled.iter().take(EDGE_LINES).copied().collect();
        idx.extend(filled.iter().rev().take(EDGE_LINES));
        idx.into_iter().collect()
    };
    let mut count: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let keys: BTreeSet<String> = edges(page)
            .into_iter()
            .map(|i| running_key(&page[i].text))
            .collect();
        for k in keys {
            *count.entry(k).or_default() += 1;
        }
    }
    let n = pages.len();
    let running = |line: &str| {
        let c = count.get(&running_key(line)).copied().unwrap_or(0);
        (c >= 2 && c * 2 > n) || is_page_number(line)
    };
    for page in &mut pages {
        let filled: Vec<usize> = (0..page.len()).filter(|&i| !page[i].text.is_empty()).collect();
        let mut remove = BTreeSet::new();
        for &i in filled.iter().take(EDGE_LINES) {
            if !running(&page[i].text) {
                break;
            }
            remove.insert(i);
        }
        for &i in filled.iter().rev().take(EDGE_LINES) {
            if !running(&page[i].text) {
                break;
            }
            remove.insert(i);
        }
        for i in remove.into_iter().rev() {
            page.remove(i);
        }
    }
    pages
}

/// Words that follow a hyphen at a line end without being the rest of the word
/// ("Oost- en West-Vlaanderen", "zorg- of welzijnsvoorzieningen").
const AFTER_OPEN_HYPHEN: &[&str] = &["en", "of", "tot", "noch", "als", "and", "or"];

/// Rejoins words hyphenated across a line end: a line that ends in a letter and `-`,
/// followed by a line that starts with a lower-case word not in
/// [`AFTER_OPEN_HYPHEN`].
fn rejoin_hyphenation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(next) = lines.peek() else {
            break;
        };
        let hyphenated = line.ends_with('-')
            && line[..line.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        if hyphenated
            && next_word.chars().next().is_some_and(char::is_lowercase)
            && !AFTER_OPEN_HYPHEN.contains(&next_word.as_str())
        {
            out.pop();
            continue;
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(ps: &[&str]) -> Vec<Vec<Line>> {
        ps.iter().map(|p| decode_page(p)).collect()
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_removed() {
        let text = clean_pages(&pages(&[
            "Streekpact RESOC Kempen 2013-2018\n\n1. Situering\n\nHet RESOC brengt de partners\nPagina 1 van 3",
            "Streekpact RESOC Kempen 2013-2018\nsamen in een overleg.\n\n2. Rol\n\nHet RESOC neemt een actieve\nPagina 2 van 3",
            "Streekpact RESOC Kempen 2013-2018\nrol op.\n- 3 -",
        ]));
        assert_eq!(
            text,
            "1. Situering\n\nHet RESOC brengt de partners\nsamen in een overleg.\n\n2. Rol\n\nHet RESOC neemt een actieve\nrol op.\n"
        );
    }

    #[test]
    fn hyphenation_and_ligatures() {
        let text = clean_pages(&pages(&[
            "Het RESOC organiseert over-\nleg met de partners in Oost-\nen West-Vlaanderen en de ﬁnanciering van zorg-\nof welzijnsprojecten.",
        ]));
        assert_eq!(
            text,
            "Het RESOC organiseert overleg met de partners in Oost-\nen West-Vlaanderen en de financiering van zorg-\nof welzijnsprojecten.\n"
        );
    }

    #[test]
    fn a_word_hyphenated_over_a_page_break_with_a_footer_between() {
        let text = clean_pages(&pages(&[
            "Titel\n\nHet RESOC neemt een trekkers-\n12",
            "rol op in het project.\n13",
        ]));
        assert_eq!(
            text,
            "Titel\n\nHet RESOC neemt een trekkersrol op in het project.\n"
        );
    }

    #[test]
    fn a_title_in_a_larger_font_wrapped_over_lines_becomes_one_line() {
        let text = clean_pages(&pages(&[
            "16.0\tStreekpact 2013-2018 RESOC\n16.0\tKempen\n10.0\tIllustratieve tekst over het\n10.0\tRESOC en zijn rol.\n\n12.0\t1. Situering\n10.0\tHet RESOC brengt partners samen.",
        ]));
        assert_eq!(
            text,
            "Streekpact 2013-2018 RESOC Kempen\n\nIllustratieve tekst over het\nRESOC en zijn rol.\n\n1. Situering\n\nHet RESOC brengt partners samen.\n"
        );
    }

    #[test]
    fn page_number_shapes() {
        for yes in ["12", "- 12 -", "Pagina 3 van 10", "p. 4", "3/10", "iv", "[7]"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2013-2018", "12 partners", "Thema 2", "Het RESOC", "1. Situering"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn child_reports_are_parsed_even_after_noise() {
        let out = b"noise printed by a library\nstreekpact-pdf-1 ok 1\n3\nabc\n\nstreekpact-pdf-1 ok 2\n2\nab3\nxyz";
        assert_eq!(parse_report(out).unwrap().unwrap(), ["ab", "xyz"]);
        let page = vec![
            Line {
                size: 14.0,
                text: "Titel".into(),
            },
            Line {
                size: 10.0,
                text: "a\tb".into(),
            },
        ];
        assert_eq!(decode_page(&encode_page(&page)), page);
        let out = b"\nstreekpact-pdf-1 error encrypted\npassword";
        assert_eq!(
            parse_report(out).unwrap().unwrap_err(),
            IngestError::Encrypted("PDF")
        );
        assert!(parse_report(b"garbage").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_hanging_child_is_stopped_at_the_time_limit() {
        let start = Instant::now();
        let mut child = Command::new("sleep").arg("20").spawn().unwrap();
        assert!(wait_with_timeout(&mut child, Duration::from_millis(200)).is_none());
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn not_a_pdf_and_a_pdf_without_text() {
        assert!(matches!(read(b"hello"), Err(IngestError::Corrupt { .. })));
        let err = read(b"%PDF-1.4\n%%EOF").unwrap_err();
        assert!(matches!(err, IngestError::Corrupt { .. }), "{err}");
    }
}
