//! HTML: charset sniffing, html5ever tree building into the arena, and the walk.
#![no_main]
use libfuzzer_sys::fuzz_target;
use streekpact::ingest::{html, IngestOptions};

fuzz_target!(|data: &[u8]| {
    // Directly, not through decode_document's catch_unwind: a panic is a finding.
    let _ = html::read(data, &IngestOptions::default());
});
