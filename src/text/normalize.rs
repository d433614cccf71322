//! Normalisation of decoded text: the one form every later stage may assume.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC, LF line ends, straight apostrophes and quotes, no-break and other Unicode
/// spaces as spaces (so all white space is ASCII),
/// typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ) unfolded, invisible characters (soft hyphen,
/// zero-width space, BOM) removed, and other line separators as LF.
/// The NFC pass runs only when the quick check cannot say the text is already NFC.
pub fn normalize(text: &str) -> String {
    let nfc: std::borrow::Cow<str> = if is_nfc_quickly(text) {
        text.into()
    } else {
        text.nfc().collect::<String>().into()
    };
    let mut out = String::with_capacity(nfc.len());
    let mut rest: &str = &nfc;
    // Runs of ASCII other than CR, VT and FF stay as they are and are copied whole;
    // the character by character rules below only see the rest.
    let special = |b: u8| !b.is_ascii() | (b == b'\r') | (b == 0x0B) | (b == 0x0C);
    loop {
        let run = first_byte(rest.as_bytes(), special).unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else {
            break;
        };
        match c {
            '\r' => {
                out.push('\n');
                if chars.as_str().starts_with('\n') {
                    chars.next();
                }
            }
            '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' => out.push('"'),
            // No-break and other Unicode spaces as a plain space: later stages may
            // treat white space as one byte wide.
            '\u{00A0}' | '\u{202F}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            // Soft hyphen, zero-width space, BOM: invisible, and they break words apart.
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// Whether the NFC quick check says `text` is NFC. ASCII is NFC and resets the
/// check's state (it is a starter), so only the runs of other characters are checked,
/// each on its own, and the ASCII between them is skipped byte by byte instead of
/// decoded char by char.
fn is_nfc_quickly(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = first_byte(&bytes[from..], |b| !b.is_ascii()) {
        let start = from + p;
        let end = first_byte(&bytes[start..], |b| b.is_ascii()).map_or(bytes.len(), |q| start + q);
        if !matches!(is_nfc_quick(text[start..end].chars()), IsNormalized::Yes) {
            return false;
        }
        from = end;
    }
    true
}

/// The position of the first byte for which `wanted` holds. Blocks of 32 bytes are
/// tested at once, without a branch per byte (the compiler makes vector compares of
/// it), and only the block with a hit is searched byte by byte.
fn first_byte(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut offset = 0;
    for block in bytes.chunks(32) {
        if block.iter().fold(false, |hit, &b| hit | wanted(b)) {
            return block.iter().position(|&b| wanted(b)).map(|p| offset + p);
        }
        offset += block.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Checking the non-ASCII runs on their own says what checking the whole text says.
        #[test]
        fn nfc_check_by_runs_is_the_whole_check(text in "[a-z \u{300}\u{301}\u{308}\u{327}éëo\u{1100}\u{1161}\u{AC00}]{0,12}") {
            let whole = matches!(is_nfc_quick(text.chars()), IsNormalized::Yes);
            proptest::prop_assert_eq!(is_nfc_quickly(&text), whole);
        }

        /// The block-wise search finds what a byte-by-byte search finds.
        #[test]
        fn first_byte_is_the_first_position(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100)) {
            let wanted = |b: u8| b >= 0xF0 || b == b'\r';
            proptest::prop_assert_eq!(first_byte(&bytes, wanted), bytes.iter().position(|&b| wanted(b)));
        }
    }

    #[test]
    fn normalizes_line_ends_apostrophes_and_nfc() {
        let decomposed = "coo\u{0308}rdineren\r\nregio\u{2019}s\rx";
        assert_eq!(normalize(decomposed), "coördineren\nregio's\nx");
    }

    #[test]
    fn unfolds_ligatures_and_drops_invisible_characters() {
        assert_eq!(
            normalize("de \u{FB01}nanciering, \u{FB02}exibel, e\u{FB00}ectief, o\u{FB03}cieel\u{200B}"),
            "de financiering, flexibel, effectief, officieel"
        );
        assert_eq!(normalize("a\u{2028}b\u{000B}c"), "a\nb\nc");
    }

    #[test]
    fn all_white_space_becomes_ascii() {
        // Found by fuzzing (target `text`): an en space before a period made the
        // sentence splitter slice inside a character.
        let text = normalize("Het RESOC\u{2002}x. Meer\u{3000}tekst.\u{1680}Nog\u{205F}een.");
        assert!(
            text.chars().filter(|c| c.is_whitespace()).all(|c| c.is_ascii()),
            "{text:?}"
        );
    }
}
