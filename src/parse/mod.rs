//! Parse: a unit's words → its dependency tree (UDPipe 1 with the Dutch model in
//! `models/`, embedded in the binary), so matching can read who does what.
//!
//! The parser gets streekpact's own tokens (pre-tokenized input), with each punctuation
//! mark between them as a token of its own: every word of the tree is a byte span of
//! the unit's text, and word tokens keep their index, so the audit trail stays exact.
//! Parsing is costly (a few thousand words a second), so matching parses only units
//! that can matter; a unit the parser cannot take (too long, no words, a parser error)
//! is left to the lexical reading and counted as a fallback.

use std::ffi::{c_char, c_void, CStr};
use std::sync::OnceLock;

use crate::analyze::Token;

/// The Dutch model (trained by `models/train-dutch.sh` from UD Dutch Alpino and
/// LassySmall, CC BY-SA 4.0; figures in models/EVALUATION.md).
pub static MODEL_BYTES: &[u8] = include_bytes!("../../models/nl-streekpact.udpipe");

/// Units with more words than this are not parsed: parsing time grows with length,
/// and trees of very long units (enumerations, tables run together) are unreliable.
pub const MAX_PARSE_WORDS: usize = 120;

/// One word of a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeWord {
    /// Byte span in the unit's text.
    pub start: u32,
    pub end: u32,
    /// Index of the unit token this word is (`None`: a punctuation mark).
    pub token: Option<u32>,
    pub lemma: String,
    pub upos: String,
    pub feats: String,
    /// Index of the head word in [`Tree::words`] (`None`: the root).
    pub head: Option<u32>,
    pub deprel: String,
}

/// The dependency tree of one unit (UDPipe parses it as one sentence).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    pub words: Vec<TreeWord>,
}

impl Tree {
    /// The word that is unit token `token`.
    pub fn word_of_token(&self, token: usize) -> Option<usize> {
        self.words.iter().position(|w| w.token == Some(token as u32))
    }

    /// The dependents of word `w`, in text order.
    pub fn children(&self, w: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, x)| x.head == Some(w as u32))
            .map(|(i, _)| i)
    }

    /// The relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn relation(&self, w: usize) -> &str {
        let d = &self.words[w].deprel;
        d.split(':').next().unwrap_or(d)
    }

    /// Word `w` and everything below it, in text order.
    pub fn subtree(&self, w: usize) -> Vec<usize> {
        let mut inside = vec![false; self.words.len()];
        inside[w] = true;
        // Heads come in any order; repeat until nothing is added (trees are shallow).
        loop {
            let mut added = false;
            for (i, x) in self.words.iter().enumerate() {
                if !inside[i] && x.head.is_some_and(|h| inside[h as usize]) {
                    inside[i] = true;
                    added = true;
                }
            }
            if !added {
                break;
            }
        }
        (0..self.words.len()).filter(|&i| inside[i]).collect()
    }

    /// Whether the word's features include `Key=Value`.
    pub fn has_feature(&self, w: usize, feature: &str) -> bool {
        self.words[w].feats.split('|').any(|f| f == feature)
    }
}

/// Why a unit was not parsed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("longer than {MAX_PARSE_WORDS} words ({0})")]
    TooLong(usize),
    #[error("no words")]
    NoWords,
    #[error("parser: {0}")]
    Parser(String),
}

/// Parses a unit: its text and its tokens (from `analyze`), with the embedded model
/// (loaded on first use, shared by all threads).
///
/// Tokens marked in `leave_out` (may be empty) are not given to the parser: matching
/// leaves out negation words, so that a negation changes no other part of the tree
/// and can only lower a weight (the reader's negation rules place it by position).
pub fn parse_unit(text: &str, tokens: &[Token], leave_out: &[bool]) -> Result<Tree, ParseError> {
    if tokens.is_empty() {
        return Err(ParseError::NoWords);
    }
    if tokens.len() > MAX_PARSE_WORDS {
        return Err(ParseError::TooLong(tokens.len()));
    }
    let mut spans = parser_tokens(text, tokens);
    spans.retain(|&(_, _, t)| t.is_none_or(|t| leave_out.get(t as usize) != Some(&true)));
    if !spans.iter().any(|&(_, _, t)| t.is_some()) {
        return Err(ParseError::NoWords);
    }
    let mut forms = Vec::with_capacity(text.len() + spans.len());
    for &(start, end, _) in &spans {
        // A NUL inside a form would end it early; the shim reads NUL-ended forms.
        forms.extend(text[start as usize..end as usize].bytes().filter(|&b| b != 0));
        forms.push(0);
    }
    let model = MODEL
        .get_or_init(|| Model::load(MODEL_BYTES, rayon::current_num_threads()))
        .as_ref()
        .map_err(Clone::clone)?;
    let lines = model.parse(&forms, spans.len())?;
    let mut words = Vec::with_capacity(spans.len());
    for (line, &(start, end, token)) in lines.lines().zip(&spans) {
        let mut f = line.split('\t');
        let mut next = || f.next().unwrap_or("").to_string();
        let (lemma, upos, feats, head, deprel) = (next(), next(), next(), next(), next());
        let head: u32 = head
            .parse()
            .map_err(|_| ParseError::Parser(format!("head '{head}'")))?;
        words.push(TreeWord {
            start,
            end,
            token,
            lemma,
            upos,
            feats,
            head: head.checked_sub(1),
            deprel,
        });
    }
    if words.len() != spans.len()
        || words
            .iter()
            .any(|w| w.head.is_some_and(|h| h as usize >= spans.len()))
    {
        return Err(ParseError::Parser("malformed tree".into()));
    }
    Ok(Tree { words })
}

/// The parser's tokens: each unit token, and each punctuation mark in the gaps between
/// them (a run of the same mark, "...", stays one): (start, end, unit token).
fn parser_tokens(text: &str, tokens: &[Token]) -> Vec<(u32, u32, Option<u32>)> {
    let mut out = Vec::with_capacity(tokens.len() + tokens.len() / 4);
    let gap = |from: usize, to: usize, out: &mut Vec<(u32, u32, Option<u32>)>| {
        let mut last: Option<(usize, char)> = None;
        for (i, c) in text[from..to].char_indices() {
            let at = from + i;
            if c.is_whitespace() || c.is_control() {
                last = None;
                continue;
            }
            match (last, out.last_mut()) {
                (Some((_, p)), Some(prev)) if p == c && prev.1 as usize == at => {
                    prev.1 = (at + c.len_utf8()) as u32
                }
                _ => out.push((at as u32, (at + c.len_utf8()) as u32, None)),
            }
            last = Some((at, c));
        }
    };
    let mut at = 0;
    for (i, t) in tokens.iter().enumerate() {
        gap(at, t.start as usize, &mut out);
        out.push((t.start, t.end, Some(i as u32)));
        at = t.end as usize;
    }
    gap(at, text.len(), &mut out);
    out
}

/// The model, loaded once and shared by the worker threads (about 90 MB in memory: one
/// per thread would multiply a run's peak).
static MODEL: OnceLock<Result<Model, ParseError>> = OnceLock::new();

/// A loaded UDPipe model.
struct Model(*mut c_void);

// SAFETY: UDPipe's `model::tag` and `model::parse` are const and keep their working
// memory in `threadsafe_stack`s (a mutex-guarded pool: `tagger_caches` and
// `parser_caches` of `model_morphodita_parsito`, the tagger's `caches`, the parser's
// `workspaces`), which is how UDPipe's own REST server shares one model between its
// threads. The pointer is freed only on drop, and the `static` model is never dropped.
unsafe impl Send for Model {}
unsafe impl Sync for Model {}

/// Where each tagger of the embedded model ends (its byte offset). Loading is nearly all
/// decoding, and the two taggers and the parser are separate runs of bytes, so on two
/// threads they are decoded at once (0.8 s → 0.5 s here). A model trained anew has other
/// offsets: it then loads sequentially (same model, slower) until these are updated from
/// the test `the_embedded_model_loads_in_parts`, which prints them.
const EMBEDDED_TAGGER_ENDS: [usize; 2] = [4_131_432, 6_538_601];

impl Model {
    /// The model in `bytes`, decoded on up to `threads` threads when the offsets of
    /// [`EMBEDDED_TAGGER_ENDS`] fit them, else sequentially.
    fn load(bytes: &[u8], threads: usize) -> Result<Model, ParseError> {
        Model::load_in_parts(bytes, &EMBEDDED_TAGGER_ENDS, threads)
            .or_else(|| {
                // SAFETY: the shim copies the bytes and returns an owned model or null.
                let m = unsafe { udpipe_sys::streekpact_udpipe_load(bytes.as_ptr(), bytes.len()) };
                (!m.is_null()).then_some(Model(m))
            })
            .ok_or_else(|| ParseError::Parser("the embedded model cannot be loaded".into()))
    }

    fn load_in_parts(bytes: &[u8], tagger_ends: &[usize], threads: usize) -> Option<Model> {
        let threads = threads.clamp(1, 8) as u32;
        // SAFETY: the shim reads `bytes` and `tagger_ends` only during the call (each
        // part within its own range, checked against `bytes.len()`) and returns an owned
        // model or null.
        let m = unsafe {
            udpipe_sys::streekpact_udpipe_load_in_parts(
                bytes.as_ptr(),
                bytes.len(),
                tagger_ends.as_ptr(),
                tagger_ends.len(),
                threads,
            )
        };
        (!m.is_null()).then_some(Model(m))
    }

    /// Where each tagger of the model in `bytes` ends (a sequential read).
    #[cfg(test)]
    fn tagger_ends(bytes: &[u8]) -> Vec<usize> {
        let mut ends = [0usize; 16];
        // SAFETY: the shim writes at most `ends.len()` offsets and keeps no pointer.
        let n = unsafe {
            udpipe_sys::streekpact_udpipe_tagger_ends(
                bytes.as_ptr(),
                bytes.len(),
                ends.as_mut_ptr(),
                ends.len(),
            )
        };
        ends[..n].to_vec()
    }

    /// Tags and parses `n` NUL-ended forms; one line per word (see the shim).
    fn parse(&self, forms: &[u8], n: usize) -> Result<String, ParseError> {
        let mut error: *mut c_char = std::ptr::null_mut();
        // SAFETY: `forms` holds exactly `n` NUL-ended forms; the model is live; both
        // returned strings are owned by us and freed below.
        unsafe {
            let out = udpipe_sys::streekpact_udpipe_parse(self.0, forms.as_ptr().cast(), n, &mut error);
            let take = |p: *mut c_char| {
                let s = CStr::from_ptr(p).to_string_lossy().into_owned();
                udpipe_sys::streekpact_udpipe_free_string(p);
                s
            };
            if out.is_null() {
                let message = if error.is_null() {
                    "UDPipe failed".to_string()
                } else {
                    take(error)
                };
                return Err(ParseError::Parser(message));
            }
            Ok(take(out))
        }
    }
}

impl Drop for Model {
    fn drop(&mut self) {
        // SAFETY: the pointer came from the shim's load and is freed once.
        unsafe { udpipe_sys::streekpact_udpipe_free_model(self.0) }
    }
}

#[cfg(test)]
mod tests;
