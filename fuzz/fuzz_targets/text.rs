//! .txt/.md decoding (BOM, UTF-16, UTF-8, detected legacy encodings) and the
//! segmentation of what comes out.
#![no_main]
use libfuzzer_sys::fuzz_target;
use streekpact::ingest::{text, IngestOptions};
use streekpact::registry::Registry;
use streekpact::segment::segment_document;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = if first & 1 == 0 { "pact.txt" } else { "pact.md" };
    // The readers are called directly, not through decode_document's catch_unwind,
    // so that a panic is a finding.
    let options = IngestOptions {
        encoding: (first & 2 != 0).then(|| "windows-1252".to_string()),
        ..Default::default()
    };
    if let Ok((decoded, _)) = text::decode(rest, &options, "txt") {
        let decoded = streekpact::text::normalize(&decoded);
        let registry = Registry::builtin();
        let _ = segment_document(name, &decoded, &registry);
    }
});
