//! The ODT walker on arbitrary content.xml text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use streekpact::ingest::odt::{content_to_text, Styles};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut styles = Styles::default();
    let _ = styles.add(text, "content.xml");
    let _ = content_to_text(text, &styles);
});
