//! Whole .docx/.odt files: the zip layer (limits, encrypted entries, truncation)
//! and then the XML readers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use streekpact::ingest::{docx, odt};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    // Directly, not through decode_document's catch_unwind: a panic is a finding.
    let _ = if first & 1 == 0 {
        docx::read(rest)
    } else {
        odt::read(rest)
    };
});
