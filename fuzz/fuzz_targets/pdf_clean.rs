//! The cleaning of a PDF text layer (running headers/footers, page numbers, large
//! headings, page joins, hyphenation), on pages separated by form feeds, each line
//! optionally `SIZE<tab>TEXT` as the child process reports it. pdf-extract itself is
//! not fuzzed here: it panics by design and runs in a child process.
#![no_main]
use libfuzzer_sys::fuzz_target;
use streekpact::ingest::pdf::{clean_pages, decode_page};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pages: Vec<_> = text.split('\u{c}').map(decode_page).collect();
    let _ = clean_pages(&pages);
});
