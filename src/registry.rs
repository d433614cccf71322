//! The RESOC registry: canonical names, provinces and aliases, and the rules that
//! recognise a RESOC in a heading, a document title or a file name.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::table::{parse_rows, LoadError};
use crate::text::fold_diacritics;

/// The registry shipped with the tool (`lexicons/resocs.tsv`).
pub const BUILTIN_REGISTRY: &str = include_str!("../lexicons/resocs.tsv");
pub const BUILTIN_REGISTRY_NAME: &str = "<built-in lexicons/resocs.tsv>";

#[derive(Debug, Clone)]
pub struct Resoc {
    pub canonical: String,
    pub province: String,
}

#[derive(Debug, Clone)]
pub struct Registry {
    source: String,
    sha256: String,
    builtin: bool,
    resocs: Vec<Resoc>,
    /// (normalised alias, index into `resocs`), longest alias first.
    aliases: Vec<(String, usize)>,
    /// The same, by alias, for exact lookups (aliases are unique).
    alias_index: FxHashMap<String, usize>,
}

/// "RESOC Name" with Name a run of capitalised words (and the connectors that occur in
/// RESOC names). "RESOC's" and "het RESOC is" do not match.
static RESOC_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\p{L}])(?:SERR-)?RESOC(?:-SERR)?\s+((?:\p{Lu}[\p{L}\p{M}'-]*)(?:\s+(?:\p{Lu}[\p{L}\p{M}'-]*|en|&|van|de|het|rondom))*)",
    )
    .expect("valid regex")
});

/// Leading numbering or theme prefix of a heading ("2.3", "Thema 4:", "Hoofdstuk 1 -").
static HEADING_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:thema|hoofdstuk|deel|speerpunt|prioriteit|ambitie)\s+)?\d+(?:\.\d+)*\.?\s*[:.\-–]?\s*",
    )
    .expect("valid regex")
});

/// Lowercase, diacritics folded, "&" read as "en", every non-alphanumeric run a space.
pub fn name_key(s: &str) -> String {
    if s.is_ascii() {
        return ascii_name_key(s);
    }
    unicode_name_key(s)
}

fn unicode_name_key(s: &str) -> String {
    let folded = fold_diacritics(&s.to_lowercase()).replace('&', " en ");
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`name_key`] of ASCII text in one pass (every heading of a document is keyed).
fn ascii_name_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len() + 4);
    let mut in_word = false;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            if !in_word && !key.is_empty() {
                key.push(' ');
            }
            in_word = true;
            key.push(char::from(b.to_ascii_lowercase()));
        } else {
            in_word = false;
            if b == b'&' {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str("en");
            }
        }
    }
    key
}

impl Registry {
    pub fn builtin() -> Registry {
        Registry::parse(BUILTIN_REGISTRY_NAME, BUILTIN_REGISTRY).expect("built-in registry is valid")
    }

    pub fn parse(file: &str, text: &str) -> Result<Registry, LoadError> {
        let rows = parse_rows(file, text, &["canonical", "province", "aliases"])?;
        let mut resocs: Vec<Resoc> = Vec::new();
        let mut alias_index: FxHashMap<String, usize> = FxHashMap::default();
        for row in rows {
            if row.fields.len() != 3 {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!("expected 3 columns, found {}", row.fields.len()),
                ));
            }
            let canonical = row.fields[0];
            if !canonical.starts_with("RESOC ") {
                return Err(LoadError::new(
                    file,
                    row.line,
                    "canonical name must start with 'RESOC '",
                ));
            }
            let idx = resocs.len();
            resocs.push(Resoc {
                canonical: canonical.to_string(),
                province: row.fields[1].to_string(),
            });
            let own = canonical.trim_start_matches("RESOC ");
            for alias in std::iter::once(own).chain(row.fields[2].split('|')) {
                let key = name_key(alias);
                if key.is_empty() {
                    continue;
                }
                if let Some(other) = alias_index.get(&key) {
                    if *other != idx {
                        return Err(LoadError::new(
                            file,
                            row.line,
                            format!("alias '{alias}' is already used by {}", resocs[*other].canonical),
                        ));
                    }
                    continue;
                }
                alias_index.insert(key, idx);
            }
        }
        // Keys are unique, so this order is total: the map's order never shows.
        let mut aliases: Vec<(String, usize)> = alias_index.iter().map(|(k, &i)| (k.clone(), i)).collect();
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(Registry {
            source: file.to_string(),
            sha256: crate::text::sha256_hex(text.as_bytes()),
            builtin: file == BUILTIN_REGISTRY_NAME,
            resocs,
            aliases,
            alias_index,
        })
    }

    pub fn source_name(&self) -> &str {
        &self.source
    }

    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    pub fn is_builtin(&self) -> bool {
        self.builtin
    }

    pub fn resocs(&self) -> &[Resoc] {
        &self.resocs
    }

    pub fn province(&self, canonical: &str) -> Option<&str> {
        self.resocs
            .iter()
            .find(|r| r.canonical == canonical)
            .map(|r| r.province.as_str())
    }

    fn exact_alias(&self, key: &str) -> Option<&str> {
        self.alias_index
            .get(key)
            .map(|&i| self.resocs[i].canonical.as_str())
    }

    fn contained_alias(&self, key: &str) -> Option<&str> {
        let padded = format!(" {key} ");
        self.aliases
            .iter()
            .find(|(k, _)| padded.contains(&format!(" {k} ")))
            .map(|(_, i)| self.resocs[*i].canonical.as_str())
    }

    /// The RESOC named by "RESOC <Name>" in the text: a registry RESOC when Name is one
    /// of its aliases, else a RESOC outside the registry, named as written.
    fn named_by_pattern(&self, text: &str) -> Option<String> {
        if !text.contains("RESOC") {
            return None; // the pattern needs the word; most headings lack it
        }
        let caps = RESOC_NAME.captures(text)?;
        let mut words: Vec<&str> = caps[1].split_whitespace().collect();
        while let Some(last) = words.last() {
            if last.chars().next().is_some_and(|c| c.is_uppercase()) {
                break;
            }
            words.pop();
        }
        if words.is_empty() {
            return None;
        }
        let name = words.join(" ");
        let name = name.trim_end_matches(['-', '\'']);
        let key = name_key(name);
        Some(match self.exact_alias(&key) {
            Some(c) => c.to_string(),
            None => format!("RESOC {name}"),
        })
    }

    /// A heading names a RESOC when it contains "RESOC <Name>" or, once its numbering
    /// is removed, consists of an alias alone. A place mentioned in a theme heading
    /// ("Haven van Antwerpen") does not count.
    pub fn resoc_of_heading(&self, heading: &str) -> Option<String> {
        if let Some(found) = self.named_by_pattern(heading) {
            return Some(found);
        }
        let stripped = HEADING_PREFIX.replace(heading.trim(), "");
        self.exact_alias(&name_key(&stripped)).map(str::to_string)
    }

    /// A document title names a RESOC by the pattern or by containing an alias.
    pub fn resoc_of_title(&self, title: &str) -> Option<String> {
        self.named_by_pattern(title)
            .or_else(|| self.contained_alias(&name_key(title)).map(str::to_string))
    }

    /// A file name names a RESOC by containing an alias ("resoc-kempen-2013.md").
    pub fn resoc_of_file_name(&self, name: &str) -> Option<String> {
        let base = name.rsplit('/').next().unwrap_or(name);
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
        self.contained_alias(&name_key(stem)).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass key of ASCII text is the general key.
        #[test]
        fn ascii_name_key_is_the_general_key(s in "[a-zA-Z0-9 &.'()/-]{0,24}") {
            proptest::prop_assert_eq!(ascii_name_key(&s), unicode_name_key(&s));
        }
    }

    #[test]
    fn builtin_registry_has_fifteen_resocs() {
        let reg = Registry::builtin();
        assert_eq!(reg.resocs().len(), 15);
        assert_eq!(reg.province("RESOC Kempen"), Some("Antwerpen"));
    }

    #[test]
    fn headings_name_resocs_by_pattern_or_whole_alias() {
        let reg = Registry::builtin();
        assert_eq!(
            reg.resoc_of_heading("RESOC Brugge").as_deref(),
            Some("RESOC Brugge")
        );
        assert_eq!(
            reg.resoc_of_heading("RESOC Gent en Rondom Gent").as_deref(),
            Some("RESOC Gent en Rondom Gent")
        );
        assert_eq!(
            reg.resoc_of_heading("RESOC Zuidoost-Vlaanderen").as_deref(),
            Some("RESOC Zuid-Oost-Vlaanderen")
        );
        assert_eq!(
            reg.resoc_of_heading("2. Waas & Dender").as_deref(),
            Some("RESOC Waas en Dender")
        );
        assert_eq!(
            reg.resoc_of_heading("RESOC Scheldeland").as_deref(),
            Some("RESOC Scheldeland")
        );
        assert_eq!(reg.resoc_of_heading("Thema 3: Haven van Antwerpen"), None);
        assert_eq!(reg.resoc_of_heading("Rol RESOC's in de streekpacten"), None);
        assert_eq!(reg.resoc_of_heading("De rol van het RESOC in dit pact"), None);
    }

    #[test]
    fn titles_and_file_names_may_contain_an_alias() {
        let reg = Registry::builtin();
        assert_eq!(
            reg.resoc_of_title("Streekpact Kempen 2013-2018").as_deref(),
            Some("RESOC Kempen")
        );
        assert_eq!(
            reg.resoc_of_file_name("pacts/zuid-west-vlaanderen_2013.txt")
                .as_deref(),
            Some("RESOC Zuid-West-Vlaanderen")
        );
        assert_eq!(reg.resoc_of_file_name("000_d4bfd85365a52aff.txt"), None);
    }

    #[test]
    fn duplicate_alias_is_a_load_error() {
        let text = "canonical\tprovince\taliases\nRESOC A\tX\tFoo\nRESOC B\tY\tfoo\n";
        let err = Registry::parse("r.tsv", text).unwrap_err();
        assert_eq!(err.line, 3);
    }
}
