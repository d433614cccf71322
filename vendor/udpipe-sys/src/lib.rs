//! Raw bindings to `cpp/shim.cpp`. The safe interface is `streekpact::parse`.

use std::os::raw::c_char;

extern "C" {
    /// A model read from the bytes of a `.udpipe` file, or null.
    pub fn streekpact_udpipe_load(data: *const u8, len: usize) -> *mut std::ffi::c_void;
    /// The same model with its taggers and parser decoded concurrently on up to
    /// `threads` threads, each from its own bytes; null when `tagger_ends` (from
    /// [`streekpact_udpipe_tagger_ends`]) do not fit the bytes.
    pub fn streekpact_udpipe_load_in_parts(
        data: *const u8,
        len: usize,
        tagger_ends: *const usize,
        taggers: usize,
        threads: u32,
    ) -> *mut std::ffi::c_void;
    /// Where each tagger of the model ends (a sequential read, as slow as a load): the
    /// number of taggers written to `ends`, 0 when the bytes cannot be loaded in parts.
    pub fn streekpact_udpipe_tagger_ends(
        data: *const u8,
        len: usize,
        ends: *mut usize,
        capacity: usize,
    ) -> usize;
    pub fn streekpact_udpipe_free_model(model: *mut std::ffi::c_void);
    /// Tags and parses `n` NUL-terminated forms laid end to end in `forms`: one line
    /// per word, `lemma\tupos\tfeats\thead\tdeprel\n`; null with `*error` set on failure.
    /// Both strings are freed with [`streekpact_udpipe_free_string`].
    pub fn streekpact_udpipe_parse(
        model: *const std::ffi::c_void,
        forms: *const c_char,
        n: usize,
        error: *mut *mut c_char,
    ) -> *mut c_char;
    pub fn streekpact_udpipe_free_string(s: *mut c_char);
}
