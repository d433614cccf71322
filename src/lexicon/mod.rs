//! Lexicon: load and compile the cue lexicon (role cues by category, each category a
//! pole on the overleg–project axis) and the context lexicon (negation, hedges,
//! emphasis, actors, time and meta statements).
//!
//! Both are plain tab-separated files documented in `docs/lexicon.md`; the defaults in
//! `lexicons/` are embedded in the binary.

pub mod atoms;
pub mod context;
pub mod inflect;

use rustc_hash::FxHashMap;

use crate::ingest::sha256_hex;
use crate::table::{parse_rows, LoadError};
use atoms::{parse_pattern, AtomSet, Pattern};

pub use context::{ContextKind, ContextRules, Scope};

pub const BUILTIN_LEXICON: &str = include_str!("../../lexicons/streekpact.tsv");
pub const BUILTIN_LEXICON_NAME: &str = "<built-in lexicons/streekpact.tsv>";

/// Where a lexicon came from, for the manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    pub name: String,
    pub sha256: String,
    pub builtin: bool,
}

pub type CategoryId = u16;
pub type CueId = u32;

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub name: String,
    /// Position on the axis: −1 overleg … +1 project; 0 counts for neither pole.
    pub pole: f64,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// The cue as written in the lexicon.
    pub text: String,
    pub category: CategoryId,
    /// Strength of the evidence, ≥ 0; 0 switches the cue off (it still blocks
    /// shorter cues on the same words, which is how names are kept out).
    pub weight: f64,
    pub pattern: Pattern,
    pub line: usize,
}

/// A compiled cue lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub categories: Vec<Category>,
    pub cues: Vec<Cue>,
    pub atoms: AtomSet,
    /// For each atom, the cues whose first word it is.
    pub first_atom: Vec<Vec<CueId>>,
    pub source: SourceInfo,
}

/// Largest number of words a `...` gap may skip inside a clause (the middle field of a
/// Dutch clause before a separable particle can be long).
pub const GAP_WINDOW: usize = 12;

impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN_LEXICON_NAME, BUILTIN_LEXICON, true).expect("built-in lexicon is valid")
    }

    pub fn from_file(path: &std::path::Path) -> Result<Lexicon, LoadError> {
        let name = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError::new(&name, 0, format!("cannot read: {e}")))?;
        Lexicon::parse(&name, &text, false)
    }

    /// Parses a cue lexicon. Every problem names the file and line.
    pub fn parse(file: &str, text: &str, builtin: bool) -> Result<Lexicon, LoadError> {
        let rows = parse_rows(file, text, &["cue", "category", "weight"])?;
        let mut categories: Vec<Category> = Vec::new();
        let mut by_name: FxHashMap<String, CategoryId> = FxHashMap::default();
        let mut cues = Vec::new();
        let mut atoms = AtomSet::default();
        let mut seen: FxHashMap<String, usize> = FxHashMap::default();
        for row in &rows {
            let f = &row.fields;
            if f[0].eq_ignore_ascii_case("@category") {
                if !(3..=4).contains(&f.len()) {
                    return Err(LoadError::new(
                        file,
                        row.line,
                        format!(
                            "@category takes a name, a pole and an optional description; found {} columns",
                            f.len()
                        ),
                    ));
                }
                let name = f[1];
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return Err(LoadError::new(
                        file,
                        row.line,
                        format!("bad category name '{name}'"),
                    ));
                }
                let pole: f64 = f[2].parse().map_err(|_| {
                    LoadError::new(file, row.line, format!("pole '{}' is not a number", f[2]))
                })?;
                if !(-1.0..=1.0).contains(&pole) {
                    return Err(LoadError::new(
                        file,
                        row.line,
                        format!("pole {pole} is outside [-1, 1]"),
                    ));
                }
                if by_name.contains_key(name) {
                    return Err(LoadError::new(
                        file,
                        row.line,
                        format!("category '{name}' is declared twice"),
                    ));
                }
                by_name.insert(name.to_string(), categories.len() as CategoryId);
                categories.push(Category {
                    name: name.to_string(),
                    pole,
                    description: f.get(3).unwrap_or(&"").to_string(),
                });
                continue;
            }
            if f[0].starts_with('@') {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!("unknown directive '{}'", f[0]),
                ));
            }
            if !(3..=4).contains(&f.len()) {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!(
                        "expected 3 or 4 columns (cue, category, weight, note), found {}",
                        f.len()
                    ),
                ));
            }
            let cue_text = f[0];
            if cue_text.is_empty() {
                return Err(LoadError::new(file, row.line, "empty cue"));
            }
            let Some(&category) = by_name.get(f[1]) else {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!(
                        "unknown category '{}' (declare it with @category before use)",
                        f[1]
                    ),
                ));
            };
            let weight: f64 = f[2]
                .parse()
                .map_err(|_| LoadError::new(file, row.line, format!("weight '{}' is not a number", f[2])))?;
            if !weight.is_finite() || !(0.0..=10.0).contains(&weight) {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!("weight {weight} is outside [0, 10]"),
                ));
            }
            let key = crate::analyze::fold(cue_text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let key = if cue_text.chars().next().is_some_and(char::is_uppercase) {
                format!("^{key}")
            } else {
                key
            };
            if let Some(first) = seen.get(&key) {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!("duplicate cue '{cue_text}' (first on line {first})"),
                ));
            }
            seen.insert(key, row.line);
            let pattern =
                parse_pattern(cue_text, &mut atoms, false).map_err(|e| LoadError::new(file, row.line, e))?;
            cues.push(Cue {
                text: cue_text.to_string(),
                category,
                weight,
                pattern,
                line: row.line,
            });
        }
        if cues.is_empty() {
            return Err(LoadError::new(
                file,
                rows.last().map_or(1, |r| r.line),
                "the lexicon has no cues",
            ));
        }
        let mut first_atom = vec![Vec::new(); atoms.len()];
        for (i, cue) in cues.iter().enumerate() {
            first_atom[cue.pattern.atoms[0] as usize].push(i as CueId);
        }
        Ok(Lexicon {
            categories,
            cues,
            atoms,
            first_atom,
            source: SourceInfo {
                name: file.to_string(),
                sha256: sha256_hex(text.as_bytes()),
                builtin,
            },
        })
    }

    pub fn category(&self, id: CategoryId) -> &Category {
        &self.categories[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "cue\tcategory\tweight\tnote\n@category\toverleg\t-1\tOverleg\n@category\tproject\t1\n";

    fn err(body: &str) -> LoadError {
        Lexicon::parse("lex.tsv", &format!("{HEAD}{body}"), false).unwrap_err()
    }

    #[test]
    fn builtin_lexicon_loads_with_the_four_families() {
        let lex = Lexicon::builtin();
        let names: Vec<_> = lex.categories.iter().map(|c| c.name.as_str()).collect();
        for wanted in ["overleg", "project", "ondersteuning", "partner", "sturing"] {
            assert!(names.contains(&wanted), "missing category {wanted}");
        }
        assert!(lex.cues.len() > 60);
        assert!(lex.source.builtin);
    }

    #[test]
    fn errors_name_the_line_and_problem() {
        assert_eq!(
            err("overleg\toverleg\n").to_string(),
            "lex.tsv:4: expected 3 or 4 columns (cue, category, weight, note), found 2"
        );
        assert_eq!(err("\toverleg\t1\n").line, 4);
        assert!(err("\toverleg\t1\n").to_string().contains("empty cue"));
        assert!(err("overleg\toverleg\tveel\n")
            .to_string()
            .contains("weight 'veel' is not a number"));
        assert!(err("overleg\toverleg\t-2\n")
            .to_string()
            .contains("outside [0, 10]"));
        assert!(err("overleg\tadvies\t1\n")
            .to_string()
            .contains("unknown category 'advies'"));
        let dup = err("overleg\toverleg\t1\nOverleg \toverleg\t1\noverleg\tproject\t1\n");
        assert_eq!(
            dup.to_string(),
            "lex.tsv:6: duplicate cue 'overleg' (first on line 4)"
        );
        assert!(err("ov*er\toverleg\t1\n")
            .to_string()
            .starts_with("lex.tsv:4: 'ov*er' is not a valid pattern word"));
        assert!(err("@category\tx\t3\n").to_string().contains("pole 3 is outside"));
    }

    #[test]
    fn a_good_file_compiles_cues_and_index() {
        let lex = Lexicon::parse(
            "l.tsv",
            &format!("{HEAD}overleg*\toverleg\t1\nbrengen ... samen\toverleg\t0.8\n"),
            false,
        )
        .unwrap();
        assert_eq!(lex.cues.len(), 2);
        assert_eq!(lex.cues[1].pattern.gap_before, [false, true]);
        assert_eq!(lex.first_atom.iter().map(Vec::len).sum::<usize>(), 2);
        assert_eq!(lex.source.sha256.len(), 64);
    }
}
