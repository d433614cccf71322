//! Ingest: input paths → decoded, normalised UTF-8 documents.
//!
//! Every file is handled on its own: a file that cannot be read becomes an
//! [`IngestError`] for that file and the run goes on with the others
//! (ripgrep's per-file error model).
//!
//! Every reader produces the same document model, the Markdown-like text that
//! [`segment`](crate::segment) reads: headings as `#` lines, **bold** and *italic*
//! runs, list items and table rows as `- ` lines, paragraphs separated by blank
//! lines (see `docs/inputs.md`). One module per reader:
//!
//! | module | files | |
//! |---|---|---|
//! | [`text`] | .txt, .md | BOM, UTF-8, `--encoding`, detected legacy encodings |
//! | [`docx`] | .docx | `word/document.xml` (+ `word/styles.xml`) |
//! | [`odt`] | .odt | `content.xml` (+ `styles.xml`) |
//! | [`html`] | .html, .htm | HTML5 tree, boilerplate and hidden text dropped (feature `html`) |
//! | [`pdf`] | .pdf | text layer, in a child process with a time limit (feature `pdf`) |
//!
//! [`limits`] holds every limit against hostile files.

use std::fs;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

mod container;
pub mod docx;
#[cfg(feature = "html")]
pub mod html;
pub mod language;
pub mod limits;
mod model;
mod noise;
pub mod odt;
pub mod pdf;
mod record;
pub mod text;
mod xml;

pub use record::{InputRecord, InputStatus};

pub use limits::MAX_FILE_BYTES;

/// How files are read: options that apply to every input.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestOptions {
    /// WHATWG label of the encoding to use for .txt/.md (and .html) files that are
    /// neither marked by a BOM nor valid UTF-8, instead of detecting it
    /// (`--encoding windows-1252`).
    pub encoding: Option<String>,
    /// Reads documents in any language (`--language-check off`); by default a document
    /// detected as another language than Dutch is skipped.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub keep_other_languages: bool,
}

impl IngestOptions {
    /// Checks the options before any file is read: an unknown `--encoding` label is a
    /// usage error of the whole run, not of one file.
    pub fn validate(&self) -> Result<(), IngestError> {
        match &self.encoding {
            Some(label) => text::encoding_for_label(label).map(|_| ()),
            None => Ok(()),
        }
    }
}

/// One file to read, with the name under which it appears in every output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// Path relative to the input root, prefixed with the root's own name, with `/`
    /// separators: stable across machines (no absolute paths in outputs).
    pub name: String,
    /// Size when discovered (0 if unknown): only used to batch work, never reported.
    pub size: u64,
}

/// A file that was read and decoded.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub text: String,
    pub bytes: u64,
    pub sha256: String,
    /// "text", "markdown", "docx", "odt", "html" or "pdf".
    pub format: &'static str,
    /// How the text was decoded, e.g. "UTF-8", "UTF-8 (BOM)", "windows-1252 (detected)",
    /// "UTF-8 (XML)" for DOCX/ODT, "PDF text layer".
    pub encoding: &'static str,
}

/// The file types read, as the error messages list them.
pub const SUPPORTED: &str = ".txt, .md, .docx, .odt, .html, .htm, .pdf";

/// What could not be read, and why: one file's failure, never the run's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("unsupported file type '.{0}' (supported: {SUPPORTED})")]
    UnsupportedExtension(String),
    #[error("no file extension (supported: {SUPPORTED})")]
    NoExtension,
    #[error("reading .{ext} files is not built into this program (cargo feature `{feature}`)")]
    NotBuiltIn { ext: String, feature: &'static str },
    #[error("not valid {encoding} (first bad byte at offset {offset}); name the right encoding with --encoding LABEL or convert the file to UTF-8")]
    Undecodable { encoding: String, offset: usize },
    #[error("unknown encoding label '{0}' (given with --encoding); use a WHATWG label such as windows-1252, iso-8859-15, utf-16le")]
    BadEncodingLabel(String),
    #[error("binary content (NUL byte at offset {0}); not a text file")]
    Binary(usize),
    #[error("binary content or a wrong encoding ({count} control characters when read as {encoding}); not a text file, or name its encoding with --encoding LABEL")]
    ControlCharacters { count: usize, encoding: &'static str },
    #[error("the file is named .{ext} but holds {found}; {hint}")]
    WrongContent {
        ext: String,
        found: &'static str,
        hint: &'static str,
    },
    #[error("empty file")]
    Empty,
    #[error("no text in the document (empty {0})")]
    NoText(&'static str),
    #[error("file is larger than the limit of {limit} bytes ({size} bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("corrupt or truncated {format} file: {reason}")]
    Corrupt { format: &'static str, reason: String },
    #[error("no {part} in the zip container; not a valid {format} file")]
    MissingPart {
        format: &'static str,
        part: &'static str,
    },
    #[error("password-protected (encrypted) {0} file; save an unprotected copy and run again")]
    Encrypted(&'static str),
    #[error("zip container lists {entries} entries, more than the limit of {limit} (a zip bomb?)")]
    TooManyEntries { entries: usize, limit: usize },
    #[error("zip container unpacks to more than the limit of {limit} bytes (a zip bomb?)")]
    TooMuchUnpacked { limit: u64 },
    #[error("{part}: elements nested deeper than the limit of {limit} levels")]
    TooDeep { part: &'static str, limit: usize },
    #[error("no text layer (a scanned PDF?); no OCR is done")]
    NoTextLayer,
    #[error("the PDF reader did not finish within {secs} s and was stopped")]
    Timeout { secs: u64 },
    #[error("not Dutch (detected: {0}); give --language-check off to read it anyway")]
    NotDutch(String),
    #[error("reader crashed: {0}")]
    ReaderCrashed(String),
}

/// The outcome for one input: its identity (always) and its document or error.
#[derive(Debug, Clone)]
pub struct IngestOutcome {
    pub name: String,
    pub bytes: u64,
    /// Empty when the file could not be opened at all.
    pub sha256: String,
    pub result: Result<Document, IngestError>,
}

/// A problem with an input argument itself (not one file in it).
#[derive(Debug, Clone, thiserror::Error)]
pub enum DiscoverError {
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: {reason}")]
    Walk { path: String, reason: String },
}

/// Expands input arguments (files and folders, folders recursively) into files in
/// sorted name order. Hidden files and folders (starting with '.') are not entered.
/// Problems with one argument or one folder entry are returned beside the files.
pub fn discover(inputs: &[PathBuf]) -> (Vec<InputFile>, Vec<DiscoverError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        let shown = input.to_string_lossy().replace('\\', "/");
        let meta = match fs::metadata(input) {
            Ok(m) => m,
            Err(_) => {
                errors.push(DiscoverError::Missing { path: shown });
                continue;
            }
        };
        if meta.is_file() {
            files.push(InputFile {
                path: input.clone(),
                name: file_name_of(input),
                size: meta.len(),
            });
            continue;
        }
        let root_name = root_name_of(input);
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(input).unwrap_or(e.path());
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/");
                    let name = if root_name.is_empty() {
                        rel
                    } else {
                        format!("{root_name}/{rel}")
                    };
                    files.push(InputFile {
                        path: e.path().to_path_buf(),
                        name,
                        size: e.metadata().map_or(0, |m| m.len()),
                    });
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.to_string_lossy().into_owned())
                        .unwrap_or_else(|| shown.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_string()
                    } else {
                        err.io_error()
                            .map(|e| e.to_string())
                            .unwrap_or_else(|| err.to_string())
                    };
                    errors.push(DiscoverError::Walk { path, reason });
                }
            }
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    // A file named twice (as a file and inside a folder) is read once, under the
    // first name in sorted order.
    let mut seen = std::collections::BTreeSet::new();
    files.retain(|f| seen.insert(fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())));
    (files, errors)
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// The folder's own name ("corpus" for `./corpus/` or `/data/corpus`); empty for "." .
fn root_name_of(path: &Path) -> String {
    let resolved = if path.as_os_str().is_empty() || path == Path::new(".") {
        fs::canonicalize(path).ok()
    } else {
        None
    };
    let p = resolved.as_deref().unwrap_or(path);
    p.components()
        .next_back()
        .and_then(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Reads, hashes and decodes one file. Never panics: a reader that panics is reported
/// as [`IngestError::ReaderCrashed`] for this file.
pub fn read_input(file: &InputFile, options: &IngestOptions) -> IngestOutcome {
    let mut outcome = IngestOutcome {
        name: file.name.clone(),
        bytes: 0,
        sha256: String::new(),
        result: Err(IngestError::Empty),
    };
    let bytes = match read_capped(&file.path) {
        Ok(b) => b,
        Err(e) => {
            if let IngestError::TooLarge { size, .. } = e {
                outcome.bytes = size;
            }
            outcome.result = Err(e);
            return outcome;
        }
    };
    outcome.bytes = bytes.len() as u64;
    outcome.sha256 = crate::text::sha256_hex(&bytes);
    outcome.result = decode_document(&file.name, &bytes, options).map(|(text, format, encoding)| Document {
        name: file.name.clone(),
        text,
        bytes: bytes.len() as u64,
        sha256: outcome.sha256.clone(),
        format,
        encoding,
    });
    outcome
}

fn read_capped(path: &Path) -> Result<Vec<u8>, IngestError> {
    let f = fs::File::open(path).map_err(|e| IngestError::Io(e.to_string()))?;
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut buf = Vec::with_capacity(size as usize);
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| IngestError::Io(e.to_string()))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size: buf.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(buf)
}

/// The format a file name's extension selects, or why none does.
fn format_of(name: &str) -> Result<&'static str, IngestError> {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .ok_or(IngestError::NoExtension)?;
    let format = match ext.as_str() {
        "txt" | "text" => "text",
        "md" | "markdown" => "markdown",
        "docx" => "docx",
        "odt" => "odt",
        "html" | "htm" => "html",
        "pdf" => "pdf",
        other => return Err(IngestError::UnsupportedExtension(other.to_string())),
    };
    let feature = match format {
        "html" if !cfg!(feature = "html") => Some("html"),
        "pdf" if !cfg!(feature = "pdf") => Some("pdf"),
        _ => None,
    };
    match feature {
        Some(feature) => Err(IngestError::NotBuiltIn { ext, feature }),
        None => Ok(format),
    }
}

/// Decodes the bytes of a file, chosen by its name's extension, into normalised
/// text in the document model. Returns the text, the format and the encoding used.
///
/// Never panics: each reader runs under `catch_unwind`, and a panic becomes
/// [`IngestError::ReaderCrashed`] (the PDF reader runs in a child process when the
/// `streekpact` binary is the caller; see [`pdf`]).
pub fn decode_document(
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
) -> Result<(String, &'static str, &'static str), IngestError> {
    let format = format_of(name)?;
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let (text, encoding) = guarded(|| read_format(format, name, bytes, options))?;
    let text = crate::text::normalize(&text);
    // Markdown is laid out by its author: only a table of contents is left to drop there.
    let noise = if format == "markdown" {
        noise::Noise::TableOfContents
    } else {
        noise::Noise::Layout
    };
    let text = match noise::strip_page_noise(&text, noise) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    };
    if !options.keep_other_languages {
        if let Some(other) = language::other_than_dutch(&text) {
            return Err(IngestError::NotDutch(other));
        }
    }
    if text.trim().is_empty() {
        return Err(match format {
            "text" | "markdown" => IngestError::Empty,
            other => IngestError::NoText(other),
        });
    }
    Ok((text, format, encoding))
}

fn read_format(
    format: &'static str,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
) -> Result<(String, &'static str), IngestError> {
    let ext = || {
        Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    match format {
        "text" | "markdown" => text::decode(bytes, options, &ext()),
        "docx" => docx::read(bytes),
        "odt" => odt::read(bytes),
        #[cfg(feature = "html")]
        "html" => html::read(bytes, options),
        #[cfg(feature = "pdf")]
        "pdf" => pdf::read(bytes),
        other => Err(IngestError::UnsupportedExtension(other.to_string())),
    }
}

thread_local! {
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is running a reader under [`guarded`], so that a panic now
/// becomes an error naming the file: a panic hook can then stay silent instead of
/// printing a message (and, with `RUST_BACKTRACE`, a backtrace) about a handled crash.
pub fn panic_becomes_a_skipped_file() -> bool {
    IN_READER.with(|r| r.get())
}

/// Runs a reader, turning a panic into [`IngestError::ReaderCrashed`].
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, IngestError>) -> Result<T, IngestError> {
    let outer = IN_READER.with(|r| r.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    IN_READER.with(|r| r.set(outer));
    match result {
        Ok(result) => result,
        Err(payload) => Err(IngestError::ReaderCrashed(panic_message(payload.as_ref()))),
    }
}

/// The message of a panic payload (a `&str` or `String` for `panic!`).
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic without a message".to_string()
    }
}

/// A `&'static str` for a dynamic label such as "windows-1250 (detected)". The set of
/// labels is small and fixed (encodings × how they were found), so each is leaked once.
pub(crate) fn intern(s: String) -> &'static str {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static LABELS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut labels = LABELS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = labels.get(s.as_str()) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    labels.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The panic hook of the binary stays silent exactly while a guarded reader runs.
    #[test]
    fn a_guarded_reader_is_known_to_its_panic_hook() {
        assert!(!panic_becomes_a_skipped_file());
        assert!(guarded(|| Ok(panic_becomes_a_skipped_file())).unwrap());
        let nested = guarded(|| guarded(|| Ok(())).map(|_| panic_becomes_a_skipped_file()));
        assert!(nested.unwrap(), "still inside the outer reader");
        let crashed = guarded::<()>(|| panic!("kapot"));
        assert!(matches!(crashed, Err(IngestError::ReaderCrashed(m)) if m == "kapot"));
        assert!(!panic_becomes_a_skipped_file(), "reset after a panic");
    }

    #[test]
    fn strips_bom_and_reports_encoding() {
        let (text, format, enc) =
            decode_document("a.md", b"\xEF\xBB\xBF# Titel\n", &IngestOptions::default()).unwrap();
        assert_eq!(text, "# Titel\n");
        assert_eq!(format, "markdown");
        assert_eq!(enc, "UTF-8 (BOM)");
    }

    #[test]
    fn rejects_bad_input_with_reasons() {
        let opts = IngestOptions::default();
        assert_eq!(
            decode_document("a.rtf", b"{\\rtf1", &opts).unwrap_err(),
            IngestError::UnsupportedExtension("rtf".into())
        );
        assert_eq!(
            decode_document("a.txt", b"  \n ", &opts).unwrap_err(),
            IngestError::Empty
        );
        assert_eq!(
            decode_document("a.docx", b"", &opts).unwrap_err(),
            IngestError::Empty
        );
        assert_eq!(
            decode_document("a.txt", b"a\0b", &opts).unwrap_err(),
            IngestError::Binary(1)
        );
        assert_eq!(
            decode_document("README", b"x", &opts).unwrap_err(),
            IngestError::NoExtension
        );
    }

    #[test]
    fn a_panicking_reader_is_contained() {
        let r: Result<(), IngestError> = guarded(|| panic!("boom {}", 42));
        assert_eq!(r.unwrap_err(), IngestError::ReaderCrashed("boom 42".into()));
        let r: Result<(), IngestError> = guarded(|| panic!("plain"));
        assert_eq!(r.unwrap_err().to_string(), "reader crashed: plain");
    }

    #[test]
    fn interned_labels_are_shared() {
        let a = intern("windows-1250 (detected)".to_string());
        let b = intern("windows-1250 (detected)".to_string());
        assert!(std::ptr::eq(a, b));
    }

    #[test]
    fn options_validate_the_encoding_label() {
        assert!(IngestOptions {
            encoding: Some("windows-1252".into()),
            ..Default::default()
        }
        .validate()
        .is_ok());
        assert_eq!(
            IngestOptions {
                encoding: Some("klingon".into()),
                ..Default::default()
            }
            .validate()
            .unwrap_err(),
            IngestError::BadEncodingLabel("klingon".into())
        );
    }

    #[test]
    fn discover_sorts_and_names_relative_to_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("pacts");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join("b.md"), "x").unwrap();
        fs::write(root.join("a.txt"), "x").unwrap();
        fs::write(root.join("sub/c.md"), "x").unwrap();
        fs::write(root.join(".hidden/d.md"), "x").unwrap();
        let (files, errors) = discover(&[root.clone(), root.join("a.txt")]);
        assert!(errors.is_empty());
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "pacts/b.md", "pacts/sub/c.md"]);
    }

    #[test]
    fn discover_reports_missing_inputs() {
        let (files, errors) = discover(&[PathBuf::from("/definitely/not/here")]);
        assert!(files.is_empty());
        assert!(matches!(errors[0], DiscoverError::Missing { .. }));
    }

    #[cfg(unix)]
    #[test]
    fn discover_reports_a_symlink_loop_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("pacts");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/a.md"), "x").unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
        let (files, errors) = discover(std::slice::from_ref(&root));
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["pacts/sub/a.md"]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("symbolic link loop"),
            "{}",
            errors[0]
        );
    }
}
