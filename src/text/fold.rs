//! Folding: the case- and diacritic-free keys that cues, names and words are compared by.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercase and fold diacritics: the matching key of a word.
pub fn fold(word: &str) -> String {
    fold_diacritics(&word.to_lowercase())
}

/// Removes combining marks after canonical decomposition (coördineren → coordineren).
/// ASCII text is returned unchanged without decomposition.
pub fn fold_diacritics(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Coördineren"), "coordineren");
        assert_eq!(fold("geïnitieerd"), "geinitieerd");
        assert_eq!(fold("OVERLEG"), "overleg");
        assert_eq!(fold_diacritics("Coördineren"), "Coordineren");
    }
}
