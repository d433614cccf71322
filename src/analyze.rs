//! Analyze: unit text → tokens. Words follow Unicode UAX #29 word boundaries; each
//! distinct word form is lowercased, folded (diacritics removed) and stemmed once.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use crate::segment::{MarkKind, Unit, UnitKind};
use crate::text::fold;

/// Name and algorithm of the stemmer, for the manifest.
pub const STEMMER: &str =
    "rust-stemmers 1.2 (Snowball), Algorithm::Dutch = Porter's Dutch (Snowball 'dutch_porter')";

pub type FormId = u32;

/// What is known about one distinct word form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Lowercase with diacritics removed: the key for all matching.
    pub folded: String,
    /// Dutch Snowball stem of `folded`.
    pub stem: String,
}

/// Bits of [`Token::flags`].
pub mod flags {
    pub const BOLD: u8 = 1;
    pub const ITALIC: u8 = 2;
    pub const PAREN: u8 = 4;
    pub const HEADING: u8 = 8;
    pub const CAPITALIZED: u8 = 16;
}

/// Bits of [`Token::gap`]: punctuation between the previous token and this one.
pub mod gap {
    pub const COMMA: u8 = 1;
    /// `;`, `:`, a dash between spaces, or a sentence end inside the unit.
    pub const CLAUSE: u8 = 2;
    /// An opening or closing parenthesis.
    pub const PAREN: u8 = 4;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the unit's text.
    pub start: u32,
    pub end: u32,
    pub form: FormId,
    pub flags: u8,
    pub gap: u8,
}

/// The distinct word forms a worker thread has met, with their folded form and stem.
/// Stemming is the costliest step per distinct word and a corpus keeps repeating its
/// words, so one vocabulary serves every section a thread analyses: a token costs one
/// hash lookup. Form ids index into it; `generation` tells caches further down the
/// pipeline (atoms per form) when ids start over.
struct Vocabulary {
    generation: u64,
    index: FxHashMap<Box<str>, FormId>,
    forms: Vec<Form>,
}

static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Vocabulary {
    fn fresh() -> Vocabulary {
        Vocabulary {
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            index: FxHashMap::default(),
            forms: Vec::new(),
        }
    }
}

thread_local! {
    /// The vocabulary of this worker thread between two analyzers. A pure function's
    /// cache: which forms it holds changes ids, never a result.
    static VOCABULARY: std::cell::RefCell<Option<Vocabulary>> = const { std::cell::RefCell::new(None) };
}

/// Forms after which a thread's vocabulary starts over, so memory stays flat however
/// large the corpus (a Zipfian vocabulary soon has its frequent words back). 16,384
/// forms hold the words that make up most tokens; a larger vocabulary only keeps more of
/// the rare tail, and costs memory and cache: on 512 MB of generated pacts, 65,536 forms
/// took 80 MB at peak and 16,384 forms 58 MB, and the run was no slower
/// (docs/performance.md).
const VOCABULARY_LIMIT: usize = 1 << 14;

/// Interns word forms so that folding and stemming run once per distinct form. Takes
/// the worker thread's vocabulary while it lives and hands it back when dropped.
pub struct Analyzer {
    stemmer: Stemmer,
    vocabulary: Vocabulary,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Drop for Analyzer {
    fn drop(&mut self) {
        let v = std::mem::replace(
            &mut self.vocabulary,
            Vocabulary {
                generation: 0,
                index: FxHashMap::default(),
                forms: Vec::new(),
            },
        );
        if v.forms.len() >= VOCABULARY_LIMIT {
            return;
        }
        // Keeps the larger vocabulary when two analyzers lived at once on this thread.
        let _ = VOCABULARY.try_with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.as_ref().is_none_or(|s| s.forms.len() <= v.forms.len()) {
                *slot = Some(v);
            }
        });
    }
}

impl Analyzer {
    pub fn new() -> Analyzer {
        let vocabulary = VOCABULARY
            .try_with(|slot| slot.borrow_mut().take())
            .ok()
            .flatten()
            .unwrap_or_else(Vocabulary::fresh);
        Analyzer {
            stemmer: Stemmer::create(Algorithm::Dutch),
            vocabulary,
        }
    }

    pub fn form(&self, id: FormId) -> &Form {
        &self.vocabulary.forms[id as usize]
    }

    /// Every form this analyzer knows, indexed by id (more than one section's).
    pub fn forms(&self) -> &[Form] {
        &self.vocabulary.forms
    }

    /// Changes whenever form ids start over: caches keyed by form id check it.
    pub fn generation(&self) -> u64 {
        self.vocabulary.generation
    }

    /// Interns a surface word and returns its form id.
    pub fn intern(&mut self, word: &str) -> FormId {
        if let Some(&id) = self.vocabulary.index.get(word) {
            return id;
        }
        let folded = fold(word);
        let stem = self.stemmer.stem(&folded).into_owned();
        let id = self.vocabulary.forms.len() as FormId;
        self.vocabulary.forms.push(Form { folded, stem });
        self.vocabulary.index.insert(word.into(), id);
        id
    }

    /// Tokenizes one unit, with typography flags from its marks and kind.
    pub fn tokenize_unit(&mut self, unit: &Unit) -> Vec<Token> {
        // About one word per six bytes of Dutch text: most units need no regrowth.
        let mut tokens = Vec::with_capacity(unit.text.len() / 6 + 1);
        self.tokenize_unit_into(unit, &mut tokens);
        tokens
    }

    /// [`Analyzer::tokenize_unit`], appending to `tokens`.
    pub fn tokenize_unit_into(&mut self, unit: &Unit, tokens: &mut Vec<Token>) {
        let mut prev_end = 0usize;
        let heading = if unit.kind == UnitKind::Heading {
            flags::HEADING
        } else {
            0
        };
        for_each_word(&unit.text, |start, word| {
            let end = start + word.len();
            let mut f = heading;
            for m in &unit.marks {
                if m.start <= start && end <= m.end {
                    f |= match m.kind {
                        MarkKind::Bold => flags::BOLD,
                        MarkKind::Italic => flags::ITALIC,
                        MarkKind::Paren => flags::PAREN,
                    };
                }
            }
            let first = word.as_bytes()[0];
            let capitalized = if first.is_ascii() {
                first.is_ascii_uppercase()
            } else {
                word.chars().next().is_some_and(char::is_uppercase)
            };
            if capitalized {
                f |= flags::CAPITALIZED;
            }
            let gap = classify_gap(&unit.text[prev_end..start]);
            tokens.push(Token {
                start: start as u32,
                end: end as u32,
                form: self.intern(word),
                flags: f,
                gap,
            });
            prev_end = end;
        });
    }
}

/// The UAX #29 words of a text with their byte offsets: exactly the words of
/// `unicode_word_indices` (property-tested in tests/properties.rs), with a fast path for
/// the common case, a run of ASCII letters and digits between spaces with at most simple
/// punctuation around it ("(projecten),"). Everything else goes through UAX #29.
pub fn word_indices(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for_each_word(text, |start, word| out.push((start, word)));
    out
}

/// [`word_indices`] without collecting: calls `each(offset, word)` in text order.
pub fn for_each_word<'t>(text: &'t str, mut each: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    let is_gap = |b: u8| matches!(b, b' ' | b'\n' | b'\t');
    let mut i = 0;
    while i < bytes.len() {
        if is_gap(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len() && !is_gap(bytes[end]) {
            end += 1;
        }
        match simple_word(&bytes[start..end]) {
            Some((a, b)) => each(start + a, &text[start + a..start + b]),
            None => {
                // UAX #29 on the chunk, from the gap before it: a combining mark that
                // follows a space attaches to it (rule WB4) exactly as in the whole text,
                // and so does a run of spaces, which stays one segment (WB3d: "  " + a
                // mark is one segment, a word when the mark is alphabetic). No other rule
                // joins a word across a gap.
                let mut from = start;
                while from > 0 && bytes[from - 1] == b' ' {
                    from -= 1;
                }
                if from == start {
                    from = start.saturating_sub(1);
                }
                for (k, w) in text[from..end].unicode_word_indices() {
                    each(from + k, w);
                }
            }
        }
        i = end;
    }
}

/// `[("[]* [A-Za-z0-9]+ [.,;:!?)"\]]*`: the span of the letters and digits. No rule of
/// UAX #29 joins a letter or digit to these punctuation marks unless another letter or
/// digit follows them, which this shape excludes.
fn simple_word(chunk: &[u8]) -> Option<(usize, usize)> {
    let a = chunk
        .iter()
        .take_while(|&&b| matches!(b, b'(' | b'[' | b'"'))
        .count();
    let b = a + chunk[a..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let rest = &chunk[b..];
    (b > a
        && rest
            .iter()
            .all(|&c| matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'"')))
    .then_some((a, b))
}

fn classify_gap(between: &str) -> u8 {
    if between.bytes().all(|b| b == b' ') {
        return 0; // the common gap, one space
    }
    let mut g = 0;
    let mut prev_space = false;
    let mut chars = between.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ',' => g |= gap::COMMA,
            ';' | ':' | '.' | '!' | '?' => g |= gap::CLAUSE,
            '(' | ')' | '[' | ']' => g |= gap::PAREN,
            '–' | '—' => g |= gap::CLAUSE,
            '-' if prev_space && chars.peek().is_some_and(|n| n.is_whitespace()) => g |= gap::CLAUSE,
            _ => {}
        }
        prev_space = c.is_whitespace();
    }
    g
}

/// Snowball stem of an already folded word (for lexicon compilation).
pub fn stem_folded(folded: &str) -> String {
    Stemmer::create(Algorithm::Dutch).stem(folded).into_owned()
}

/// The tokens of every unit of a section, with the section's form table. The tokens
/// of all units are kept in one list (one allocation per section, not per sentence).
pub struct AnalyzedSection {
    pub analyzer: Analyzer,
    tokens: Vec<Token>,
    /// Where each unit's tokens end in `tokens`, in the section's unit order.
    ends: Vec<usize>,
}

impl AnalyzedSection {
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }

    /// The tokens of unit `u`.
    pub fn unit(&self, u: usize) -> &[Token] {
        let start = if u == 0 { 0 } else { self.ends[u - 1] };
        &self.tokens[start..self.ends[u]]
    }

    /// The tokens of each unit, in unit order.
    pub fn units(&self) -> impl ExactSizeIterator<Item = &[Token]> + '_ {
        (0..self.ends.len()).map(|u| self.unit(u))
    }

    /// Every token of the section, units one after the other.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
}

/// Tokenizes every unit of a section.
pub fn analyze_section(section: &crate::segment::Section) -> AnalyzedSection {
    let mut analyzer = Analyzer::new();
    let bytes: usize = section.units.iter().map(|u| u.text.len()).sum();
    let mut tokens = Vec::with_capacity(bytes / 6 + 1);
    let mut ends = Vec::with_capacity(section.units.len());
    for u in &section.units {
        analyzer.tokenize_unit_into(u, &mut tokens);
        ends.push(tokens.len());
    }
    AnalyzedSection {
        analyzer,
        tokens,
        ends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Mark;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn a_run_of_spaces_before_a_combining_mark_is_segmented_as_uax29_does() {
        // U+11C92 (Marchen) is an alphabetic combining mark: it attaches to the run of
        // spaces before it, which stays one segment (found by the property test).
        for text in [
            "  \u{11c92}",
            "a   \u{11c92} b",
            "\t\u{11c92}",
            "x \u{301}y",
            "\t  \u{11c92}",
        ] {
            let want: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            assert_eq!(word_indices(text), want, "{text:?}");
        }
    }

    fn unit(text: &str, marks: Vec<Mark>) -> Unit {
        Unit {
            text: text.into(),
            line: 1,
            kind: UnitKind::Sentence,
            marks,
            lead: None,
            table: None,
        }
    }

    #[test]
    fn stems_are_computed_on_lowercase_and_cached() {
        let mut a = Analyzer::new();
        let x = a.intern("Initiatieven");
        let y = a.intern("Initiatieven");
        assert_eq!(x, y);
        assert_ne!(a.intern("initiatieven"), x, "surface forms are told apart");
        assert_eq!(a.form(x).folded, "initiatieven");
        assert_eq!(a.form(x).stem, stem_folded("initiatieven"));
    }

    #[test]
    fn tokens_follow_uax29_and_carry_flags_and_gaps() {
        let mut a = Analyzer::new();
        let u = unit(
            "Regio's overleg, (projecten) – 3.2 d.w.z",
            vec![Mark {
                start: 17,
                end: 28,
                kind: MarkKind::Paren,
            }],
        );
        let toks = a.tokenize_unit(&u);
        let words: Vec<_> = toks
            .iter()
            .map(|t| &u.text[t.start as usize..t.end as usize])
            .collect();
        assert_eq!(words, ["Regio's", "overleg", "projecten", "3.2", "d.w.z"]);
        assert_eq!(toks[0].flags & flags::CAPITALIZED, flags::CAPITALIZED);
        assert_eq!(toks[2].flags & flags::PAREN, flags::PAREN);
        assert_eq!(toks[2].gap, gap::COMMA | gap::PAREN);
        assert_eq!(toks[3].gap, gap::PAREN | gap::CLAUSE);
    }
}
