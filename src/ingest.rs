//! Ingest: input paths → decoded, normalised UTF-8 documents.
//!
//! Every file is handled on its own: a file that cannot be read becomes an
//! [`IngestError`] for that file and the run goes on with the others
//! (ripgrep's per-file error model).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Largest input file read, in bytes. Streekpacten are a few hundred KB; anything
/// far larger is almost certainly not a pact and would only cost memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// How files are read: options that apply to every input.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestOptions {
    /// WHATWG label of the encoding to use for .txt/.md files without a BOM instead of
    /// detecting it (`--encoding windows-1252`).
    pub encoding: Option<String>,
}

/// One file to read, with the name under which it appears in every output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// Path relative to the input root, prefixed with the root's own name, with `/`
    /// separators: stable across machines (no absolute paths in outputs).
    pub name: String,
}

/// A file that was read and decoded.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub text: String,
    pub bytes: u64,
    pub sha256: String,
    pub format: &'static str,
    pub encoding: &'static str,
}

/// What could not be read, and why: one file's failure, never the run's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("unsupported file type '.{0}' (supported: .txt, .md)")]
    UnsupportedExtension(String),
    #[error("no file extension (supported: .txt, .md)")]
    NoExtension,
    #[error("not valid UTF-8 (first bad byte at offset {0}); convert the file to UTF-8")]
    NotUtf8(usize),
    #[error("binary content (NUL byte at offset {0})")]
    Binary(usize),
    #[error("empty file")]
    Empty,
    #[error("file is larger than the limit of {limit} bytes ({size} bytes)")]
    TooLarge { size: u64, limit: u64 },
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

/// Reads, hashes and decodes one file.
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
    outcome.sha256 = sha256_hex(&bytes);
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

/// Decodes the bytes of a file by its extension into normalised text.
/// Returns the text, the detected format and the encoding used.
pub fn decode_document(
    name: &str,
    bytes: &[u8],
    _options: &IngestOptions,
) -> Result<(String, &'static str, &'static str), IngestError> {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .ok_or(IngestError::NoExtension)?;
    let format = match ext.as_str() {
        "txt" | "text" => "text",
        "md" | "markdown" => "markdown",
        other => return Err(IngestError::UnsupportedExtension(other.to_string())),
    };
    let (body, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "UTF-8 (BOM)"),
        None => (bytes, "UTF-8"),
    };
    if let Some(pos) = body.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary(pos));
    }
    let text = std::str::from_utf8(body).map_err(|e| IngestError::NotUtf8(e.valid_up_to()))?;
    let text = normalize_text(text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok((text, format, encoding))
}

/// NFC, LF line ends, straight apostrophes and quotes, no-break spaces as spaces.
/// The NFC pass runs only when the quick check cannot say the text is already NFC.
pub fn normalize_text(text: &str) -> String {
    let nfc: std::borrow::Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.into(),
        _ => text.nfc().collect::<String>().into(),
    };
    let mut out = String::with_capacity(nfc.len());
    let mut chars = nfc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                out.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' => out.push('"'),
            '\u{00A0}' | '\u{202F}' => out.push(' '),
            '\u{00AD}' => {} // soft hyphen: invisible, breaks words apart
            _ => out.push(c),
        }
    }
    out
}

/// Lower-case hexadecimal SHA-256, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_line_ends_apostrophes_and_nfc() {
        let decomposed = "coo\u{0308}rdineren\r\nregio\u{2019}s\rx";
        assert_eq!(normalize_text(decomposed), "coördineren\nregio's\nx");
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
        assert_eq!(
            decode_document("a.txt", b"ab\xFFcd", &IngestOptions::default()).unwrap_err(),
            IngestError::NotUtf8(2)
        );
        assert_eq!(
            decode_document("a.pdf", b"%PDF", &IngestOptions::default()).unwrap_err(),
            IngestError::UnsupportedExtension("pdf".into())
        );
        assert_eq!(
            decode_document("a.txt", b"  \n ", &IngestOptions::default()).unwrap_err(),
            IngestError::Empty
        );
        assert_eq!(
            decode_document("a.txt", b"a\0b", &IngestOptions::default()).unwrap_err(),
            IngestError::Binary(1)
        );
        assert_eq!(
            decode_document("README", b"x", &IngestOptions::default()).unwrap_err(),
            IngestError::NoExtension
        );
    }

    #[test]
    fn sha256_matches_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
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
}
