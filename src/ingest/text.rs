//! Plain text and Markdown: bytes → UTF-8, with the encoding that was used.
//!
//! Order: a BOM (UTF-8, UTF-16LE, UTF-16BE) → UTF-16 without BOM (NUL-byte pattern)
//! → strict UTF-8 → the `--encoding` label → a guess by chardetng with the `nl` TLD
//! hint (Windows-1252 for most Flemish files). Files that are another format under a
//! text name (a PDF, a zip container, a Word 97 file, RTF) are named as such.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::{intern, IngestError, IngestOptions};

/// Decodes a .txt/.md file. `ext` is the file's extension, for messages.
pub fn decode(
    bytes: &[u8],
    options: &IngestOptions,
    ext: &str,
) -> Result<(String, &'static str), IngestError> {
    let (text, encoding) = decode_bytes(bytes, options, Some(ext))?;
    check_controls(&text, encoding)?;
    Ok((text, encoding))
}

/// The encoding for an `--encoding` label, or [`IngestError::BadEncodingLabel`].
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, IngestError> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
        .ok_or_else(|| IngestError::BadEncodingLabel(label.to_string()))
}

/// Decodes bytes of a text-like file by the rules above. With `ext`, content that is
/// recognisably another format is rejected with a hint.
pub(crate) fn decode_bytes(
    bytes: &[u8],
    options: &IngestOptions,
    ext: Option<&str>,
) -> Result<(String, &'static str), IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let text = decode_strict(encoding, &bytes[bom_len..])?;
        return Ok((text, intern(format!("{} (BOM)", encoding.name()))));
    }
    if let Some(ext) = ext {
        if let Some((found, hint)) = foreign_format(bytes) {
            return Err(IngestError::WrongContent {
                ext: ext.to_string(),
                found,
                hint,
            });
        }
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let text = decode_strict(encoding, bytes)?;
        return Ok((text, intern(format!("{} (detected)", encoding.name()))));
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(IngestError::Binary(pos));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    let (encoding, how) = match &options.encoding {
        Some(label) => (encoding_for_label(label)?, "--encoding"),
        None => (guess(bytes), "detected"),
    };
    let text = decode_strict(encoding, bytes)?;
    Ok((text, intern(format!("{} ({how})", encoding.name()))))
}

/// chardetng's guess for bytes that are not UTF-8, with the Belgian/Dutch hint.
pub(crate) fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"nl"), Utf8Detection::Deny)
}

/// Decodes without replacement characters: a malformed sequence is an error with
/// its byte offset (replacement would silently change the text).
pub(crate) fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, IngestError> {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|e| IngestError::Undecodable {
                encoding: "UTF-8".into(),
                offset: e.valid_up_to(),
            });
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, consumed) => Err(IngestError::Undecodable {
            encoding: encoding.name().to_string(),
            offset: read.saturating_sub(bad as usize + consumed as usize),
        }),
        // Cannot happen with a buffer of the maximum length; reported, not unwrapped.
        DecoderResult::OutputFull => Err(IngestError::Undecodable {
            encoding: encoding.name().to_string(),
            offset: read,
        }),
    }
}

/// UTF-16 without a BOM: in Latin-script text every other byte is NUL. Looks at the
/// first 4 KiB; at least 8 code units, ≥ 40 % NULs on one side and ≤ 5 % on the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let units = sample.len() / 2;
    if units < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= units * 4 && even * 20 <= units {
        Some(UTF_16LE)
    } else if even * 10 >= units * 4 && odd * 20 <= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Another format under a text name: what it is, and what to do.
fn foreign_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"%PDF-") {
        Some(("a PDF", "rename it to .pdf"))
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(("a zip container (a .docx or .odt?)", "rename it to .docx or .odt"))
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(("a legacy Office file (Word 97-2003?)", "save it as .docx or .txt"))
    } else if bytes.starts_with(b"{\\rtf") {
        Some(("RTF", "save it as .docx or .txt"))
    } else {
        None
    }
}

/// Rejects decoded text with many control characters (other than tab, line feed,
/// carriage return and form feed): binary data that happened to decode.
fn check_controls(text: &str, encoding: &'static str) -> Result<(), IngestError> {
    // Counted on the UTF-8 bytes (a loop the compiler vectorises): a character starts
    // at every byte that is not a continuation byte; the control characters
    // (`char::is_control`, category Cc) are the C0 bytes, DEL, and C1 = C2 80..=9F.
    let bytes = text.as_bytes();
    let is_c0 = |b: u8| {
        let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0B) | (b == 0x0C);
        ((b < 0x20) & !allowed) | (b == 0x7F)
    };
    // Counted in blocks of at most 255 bytes into a u8, which the compiler turns into
    // wide vector compares.
    let c0: usize = bytes
        .chunks(255)
        .map(|block| block.iter().fold(0u8, |n, &b| n + u8::from(is_c0(b))) as usize)
        .sum();
    let c1 = if memchr::memchr(0xC2, bytes).is_some() {
        bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .filter(|&(&lead, &next)| lead == 0xC2 && next & 0xE0 == 0x80)
            .count()
    } else {
        0
    };
    let controls = c0 + c1;
    // Characters are counted only when there are enough controls to matter.
    let chars = || bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    if controls >= 4 && controls * 50 > chars() {
        Err(IngestError::ControlCharacters {
            count: controls,
            encoding,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
        decode(bytes, &IngestOptions::default(), "txt")
    }

    /// A Windows-1252 sentence with the characters that differ from Latin-1.
    const CP1252: &[u8] = b"Het RESOC Kempen krijgt \x80 250.000 voor het \x84pilootproject\x94 \x96 co\xf6rdinatie en overleg met de partners. Het re\xefntegratieproject is een hefboomproject.\n";

    /// The byte count agrees with counting `char::is_control` character by character.
    #[test]
    fn control_count_on_bytes_is_the_character_count() {
        let text = "a\u{0001}\u{0085}é\u{009F}\u{00A0}\t\u{007F}\u{0080}€\n\u{001B}x";
        let by_char = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{000B}' | '\u{000C}'))
            .count();
        assert_eq!(by_char, 6);
        let many = text.repeat(3);
        match check_controls(&many, "utf-8") {
            Err(IngestError::ControlCharacters { count, .. }) => assert_eq!(count, 3 * by_char),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn detects_windows_1252_with_euro_quotes_and_dash() {
        let (text, enc) = dec(CP1252).unwrap();
        assert_eq!(enc, "windows-1252 (detected)");
        assert!(text.contains("€ 250.000"), "{text}");
        assert!(text.contains("„pilootproject” – coördinatie"), "{text}");
        assert!(text.contains("re\u{ef}ntegratieproject"), "{text}");
    }

    #[test]
    fn encoding_option_overrides_the_guess_but_not_utf8() {
        let opts = IngestOptions {
            encoding: Some("iso-8859-15".into()),
            ..Default::default()
        };
        let (text, enc) = decode(b"caf\xe9 \xa4", &opts, "txt").unwrap();
        assert_eq!(enc, "ISO-8859-15 (--encoding)");
        assert_eq!(text, "café €");
        let (_, enc) = decode("café".as_bytes(), &opts, "txt").unwrap();
        assert_eq!(enc, "UTF-8");
        let bad = IngestOptions {
            encoding: Some("no-such-encoding".into()),
            ..Default::default()
        };
        assert_eq!(
            decode(b"caf\xe9", &bad, "txt").unwrap_err(),
            IngestError::BadEncodingLabel("no-such-encoding".into())
        );
    }

    #[test]
    fn boms_select_utf8_and_utf16() {
        assert_eq!(
            dec(b"\xEF\xBB\xBFoverleg").unwrap(),
            ("overleg".into(), "UTF-8 (BOM)")
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("coördinatie €".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(dec(&le).unwrap(), ("coördinatie €".into(), "UTF-16LE (BOM)"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("coördinatie".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(dec(&be).unwrap(), ("coördinatie".into(), "UTF-16BE (BOM)"));
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let le: Vec<u8> = "Het RESOC brengt de partners samen."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            dec(&le).unwrap(),
            (
                "Het RESOC brengt de partners samen.".into(),
                "UTF-16LE (detected)"
            )
        );
    }

    #[test]
    fn malformed_utf16_is_an_error_with_offset() {
        // An unpaired high surrogate after the BOM.
        let err = dec(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]).unwrap_err();
        assert!(
            matches!(err, IngestError::Undecodable { ref encoding, .. } if encoding == "UTF-16LE"),
            "{err}"
        );
    }

    #[test]
    fn other_formats_under_a_text_name_are_named() {
        let err = dec(b"%PDF-1.7\n...").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file is named .txt but holds a PDF; rename it to .pdf"
        );
        assert!(matches!(
            dec(b"PK\x03\x04rest"),
            Err(IngestError::WrongContent { .. })
        ));
    }

    #[test]
    fn binary_content_is_rejected() {
        assert_eq!(dec(b"ab\0cd").unwrap_err(), IngestError::Binary(2));
        let noise: Vec<u8> = (0..400u32)
            .map(|i| ((i * 37 + 11) % 256) as u8)
            .filter(|&b| b != 0)
            .collect();
        assert!(matches!(
            dec(&noise).unwrap_err(),
            IngestError::ControlCharacters { .. }
        ));
    }
}
