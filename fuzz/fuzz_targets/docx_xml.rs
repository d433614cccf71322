//! The DOCX walker on arbitrary word/document.xml (and styles.xml) text: no panic,
//! bounded depth. (Mutating a zip rarely gets past its CRC, so the XML is fuzzed
//! directly; `container` fuzzes the zip layer.)
#![no_main]
use libfuzzer_sys::fuzz_target;
use streekpact::ingest::docx::{document_to_text, Styles};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same bytes serve as styles and as document: both parsers see them.
    let styles = Styles::parse(text).unwrap_or_default();
    let _ = document_to_text(text, &styles);
});
