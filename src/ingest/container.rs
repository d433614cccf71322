//! Zip containers (DOCX, ODT): opened with limits, and only the parts a reader asks
//! for are unpacked.
//!
//! - The entry count is checked in the end-of-central-directory record before the
//!   central directory is read, and again after ([`MAX_ZIP_ENTRIES`]).
//! - Unpacked bytes are counted while reading, through `Read::take`, across all parts
//!   read from the container ([`MAX_UNPACKED_BYTES`]); declared sizes are not trusted.
//! - Encrypted entries, and Office files encrypted into an OLE compound file, are
//!   reported as encrypted; legacy Word 97-2003 files as such.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::limits::{MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES};
use super::IngestError;

/// The OLE compound file signature (Word 97-2003, and encrypted OOXML/ODF packages
/// written by Office).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) struct Container<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    /// Bytes that may still be unpacked, and the limit they started from.
    budget: u64,
    limit: u64,
}

impl<'a> Container<'a> {
    /// Opens a zip container with the default unpacking limit.
    pub fn open(bytes: &'a [u8], format: &'static str, ext: &str) -> Result<Container<'a>, IngestError> {
        Container::open_with_limit(bytes, format, ext, MAX_UNPACKED_BYTES)
    }

    pub fn open_with_limit(
        bytes: &'a [u8],
        format: &'static str,
        ext: &str,
        limit: u64,
    ) -> Result<Container<'a>, IngestError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(if contains_utf16(bytes, "EncryptionInfo") {
                IngestError::Encrypted(format)
            } else {
                IngestError::WrongContent {
                    ext: ext.to_string(),
                    found: "a legacy Office file (Word 97-2003 .doc?)",
                    hint: "save it as .docx or .odt",
                }
            });
        }
        if bytes.starts_with(b"%PDF-") {
            return Err(IngestError::WrongContent {
                ext: ext.to_string(),
                found: "a PDF",
                hint: "rename it to .pdf",
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(IngestError::Corrupt {
                format,
                reason: format!("not a zip container (a .{ext} file is a zip of XML files)"),
            });
        }
        if let Some(entries) = declared_entries(bytes) {
            if entries > MAX_ZIP_ENTRIES {
                return Err(IngestError::TooManyEntries {
                    entries,
                    limit: MAX_ZIP_ENTRIES,
                });
            }
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(e, format))?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(IngestError::TooManyEntries {
                entries: archive.len(),
                limit: MAX_ZIP_ENTRIES,
            });
        }
        Ok(Container {
            archive,
            format,
            budget: limit,
            limit,
        })
    }

    /// Unpacks one part, or `None` when the container has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let format = self.format;
        let mut file = self.archive.by_index(index).map_err(|e| zip_error(e, format))?;
        if file.encrypted() {
            return Err(IngestError::Encrypted(format));
        }
        let mut buf = Vec::new();
        (&mut file)
            .take(self.budget + 1)
            .read_to_end(&mut buf)
            .map_err(|e| IngestError::Corrupt {
                format,
                reason: format!("{name}: {e}"),
            })?;
        if buf.len() as u64 > self.budget {
            return Err(IngestError::TooMuchUnpacked { limit: self.limit });
        }
        self.budget -= buf.len() as u64;
        Ok(Some(buf))
    }
}

fn zip_error(e: ZipError, format: &'static str) -> IngestError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => {
            IngestError::Encrypted(format)
        }
        ZipError::InvalidPassword => IngestError::Encrypted(format),
        ZipError::Io(e) => IngestError::Corrupt {
            format,
            reason: e.to_string(),
        },
        other => IngestError::Corrupt {
            format,
            reason: other.to_string(),
        },
    }
}

/// The entry count in the end-of-central-directory record (the last `PK\x05\x06` in
/// the final 64 KiB), when there is one and it is not a ZIP64 placeholder.
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    let from = bytes.len().saturating_sub(65_557);
    let tail = &bytes[from..];
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let record = tail.get(pos..pos + 22)?;
    let total = u16::from_le_bytes([record[10], record[11]]);
    (total != 0xFFFF).then_some(total as usize)
}

fn contains_utf16(haystack: &[u8], needle: &str) -> bool {
    let needle: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    haystack.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    /// A zip of the given (name, content) parts, deflated.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(content).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_parts_and_reports_missing_ones() {
        let bytes = zip_of(&[("a.xml", b"<a/>")]);
        let mut c = Container::open(&bytes, "DOCX", "docx").unwrap();
        assert_eq!(c.read("a.xml").unwrap().as_deref(), Some(&b"<a/>"[..]));
        assert_eq!(c.read("b.xml").unwrap(), None);
    }

    #[test]
    fn unpacking_is_counted_not_declared() {
        let big = vec![b' '; 10_000];
        let bytes = zip_of(&[("a.xml", &big), ("b.xml", &big)]);
        let mut c = Container::open_with_limit(&bytes, "DOCX", "docx", 15_000).unwrap();
        assert!(c.read("a.xml").is_ok());
        assert!(matches!(
            c.read("b.xml"),
            Err(IngestError::TooMuchUnpacked { .. })
        ));
    }

    #[test]
    fn not_zip_truncated_and_legacy_files() {
        assert!(matches!(
            Container::open(b"hello", "DOCX", "docx").err().unwrap(),
            IngestError::Corrupt { .. }
        ));
        let bytes = zip_of(&[("word/document.xml", b"<w:document/>")]);
        let err = Container::open(&bytes[..bytes.len() / 2], "DOCX", "docx")
            .err()
            .unwrap();
        assert!(matches!(err, IngestError::Corrupt { .. }), "{err}");
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 100]);
        assert!(matches!(
            Container::open(&ole, "DOCX", "docx").err().unwrap(),
            IngestError::WrongContent { .. }
        ));
        ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            Container::open(&ole, "DOCX", "docx").err().unwrap(),
            IngestError::Encrypted("DOCX")
        );
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..=MAX_ZIP_ENTRIES).map(|i| format!("f{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let bytes = zip_of(&parts);
        assert_eq!(
            Container::open(&bytes, "ODT", "odt").err().unwrap(),
            IngestError::TooManyEntries {
                entries: MAX_ZIP_ENTRIES + 1,
                limit: MAX_ZIP_ENTRIES
            }
        );
    }
}
