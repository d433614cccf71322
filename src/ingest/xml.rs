//! Shared quick-xml plumbing for the DOCX and ODT readers: decoding a part to UTF-8,
//! a reader that counts nesting depth and reports truncation, attribute lookup by
//! local name, and text with entity and character references resolved.
//!
//! No DTD is read and no entity but the five predefined ones and character
//! references is expanded, so "billion laughs" documents cost nothing.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::limits::MAX_XML_DEPTH;
use super::IngestError;

/// An XML part as UTF-8 text, and the encoding label for the manifest.
pub(crate) fn part_text<'a>(
    bytes: &'a [u8],
    format: &'static str,
    part: &'static str,
) -> Result<(Cow<'a, str>, &'static str), IngestError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let text = super::text::decode_strict(encoding, &bytes[bom..]).map_err(|_| IngestError::Corrupt {
            format,
            reason: format!("{part} is not valid {}", encoding.name()),
        })?;
        let label = if encoding == encoding_rs::UTF_8 {
            "UTF-8 (XML)"
        } else {
            super::intern(format!("{} (XML)", encoding.name()))
        };
        return Ok((Cow::Owned(text), label));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), "UTF-8 (XML)")),
        Err(e) => Err(IngestError::Corrupt {
            format,
            reason: format!("{part} is not valid UTF-8 (byte offset {})", e.valid_up_to()),
        }),
    }
}

/// One event of interest, with names reduced to their local part.
pub(crate) enum Ev<'a> {
    Start(BytesStart<'a>),
    Empty(BytesStart<'a>),
    End(String),
    /// Character data with references resolved.
    Text(Cow<'a, str>),
    Eof,
}

/// A pull reader over one XML part that enforces [`MAX_XML_DEPTH`] and reports a
/// part that ends inside an open element as truncated.
pub(crate) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    format: &'static str,
    part: &'static str,
}

impl<'a> XmlReader<'a> {
    pub fn new(text: &'a str, format: &'static str, part: &'static str) -> XmlReader<'a> {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlReader {
            reader,
            depth: 0,
            format,
            part,
        }
    }

    /// Current nesting depth (number of open elements).
    pub fn depth(&self) -> usize {
        self.depth
    }

    fn corrupt(&self, reason: String) -> IngestError {
        IngestError::Corrupt {
            format: self.format,
            reason: format!("{}: {reason}", self.part),
        }
    }

    pub fn next(&mut self) -> Result<Ev<'a>, IngestError> {
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|e| self.corrupt(format!("{e} (at byte {})", self.reader.error_position())))?;
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_XML_DEPTH {
                        return Err(IngestError::TooDeep {
                            part: self.part,
                            limit: MAX_XML_DEPTH,
                        });
                    }
                    Ev::Start(e)
                }
                Event::Empty(e) => Ev::Empty(e),
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End(local(e.name().0).to_string())
                }
                Event::Text(t) => Ev::Text(t.xml10_content()),
                Event::CData(t) => Ev::Text(t.xml10_content()),
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => Ev::Text(Cow::Owned(c.to_string())),
                    Ok(None) => match predefined_entity(&r) {
                        Some(s) => Ev::Text(Cow::Borrowed(s)),
                        None => continue,
                    },
                    Err(_) => continue,
                },
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(
                            self.corrupt(format!("ends inside {} open element(s) (truncated?)", self.depth))
                        );
                    }
                    Ev::Eof
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            });
        }
    }

    /// Skips to the end of the element whose start was just returned.
    pub fn skip_element(&mut self) -> Result<(), IngestError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if let Ev::Eof = self.next()? {
                break;
            }
        }
        Ok(())
    }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    })
}

/// The local part of a qualified name (`w:p` → `p`).
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The local name of an element.
pub(crate) fn name_of<'b>(e: &'b BytesStart<'_>) -> &'b str {
    local(e.name().0)
}

/// The value of the attribute with this local name, references resolved.
pub(crate) fn attr(e: &BytesStart<'_>, local_name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        if local(a.key.0) == local_name {
            Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(|_| a.value.to_string(), |v| v.into_owned()),
            )
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String, IngestError> {
        let mut r = XmlReader::new(xml, "DOCX", "word/document.xml");
        let mut out = String::new();
        loop {
            match r.next()? {
                Ev::Text(t) => out.push_str(&t),
                Ev::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    #[test]
    fn references_are_resolved_and_unknown_entities_dropped() {
        assert_eq!(
            texts("<a>R&amp;D &lt;x&gt; caf&#233; &#x20AC; &quot;q&apos; &bogus;!</a>").unwrap(),
            "R&D <x> café € \"q' !"
        );
    }

    #[test]
    fn truncation_and_depth_are_errors() {
        let err = texts("<a><b>tekst").unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1) + &"</a>".repeat(MAX_XML_DEPTH + 1);
        assert_eq!(
            texts(&deep).unwrap_err(),
            IngestError::TooDeep {
                part: "word/document.xml",
                limit: MAX_XML_DEPTH
            }
        );
        let err = texts("<a><b></a></b>").unwrap_err();
        assert!(matches!(err, IngestError::Corrupt { .. }), "{err}");
    }

    #[test]
    fn parts_in_utf16_or_bad_utf8() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (text, enc) = part_text(&utf16, "ODT", "content.xml").unwrap();
        assert_eq!((text.as_ref(), enc), ("<a>é</a>", "UTF-16LE (XML)"));
        assert!(part_text(b"<a>\xff</a>", "ODT", "content.xml").is_err());
    }
}
