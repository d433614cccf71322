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

use crate::table::{parse_rows, LoadError};
use crate::text::sha256_hex;
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
    /// The file (or built-in lexicon) and line the entry comes from.
    pub file: String,
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
    /// The files it was built from, in order (later ones add to or override earlier ones).
    pub sources: Vec<SourceInfo>,
}

/// Largest number of words a `...` gap may skip inside a clause (the middle field of a
/// Dutch clause before a separable particle can be long).
pub const GAP_WINDOW: usize = 12;

/// Where a lexicon layer comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The built-in `lexicons/streekpact.tsv`.
    Builtin,
    File(std::path::PathBuf),
}

impl Source {
    /// `builtin` names the built-in lexicon on the command line; anything else a file.
    pub fn from_arg(arg: &std::path::Path) -> Source {
        if arg.as_os_str() == "builtin" {
            Source::Builtin
        } else {
            Source::File(arg.to_path_buf())
        }
    }
}

/// One entry as read, before the layers are combined.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    category: String,
    weight: f64,
    file: String,
    line: usize,
}

/// The key that decides whether two entries are the same cue: folded text, spaces
/// normalised, and whether it is capitalised (a name pattern).
/// "samen te brengen" for "brengen ... samen": a separable verb's infinitive with
/// "te" (`None` for any other pattern).
fn te_infinitive(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [verb, "...", particle] = words[..] else {
        return None;
    };
    let infinitive = verb.ends_with("en") && verb.chars().all(char::is_alphabetic);
    (infinitive && inflect::PARTICLES.contains(&particle)).then(|| format!("{particle} te {verb}"))
}

fn cue_key(text: &str) -> String {
    let key = crate::text::fold(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().next().is_some_and(char::is_uppercase) {
        format!("^{key}")
    } else {
        key
    }
}

impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon::load(&[Source::Builtin]).expect("built-in lexicon is valid")
    }

    /// Parses a single lexicon text.
    pub fn parse(file: &str, text: &str, builtin: bool) -> Result<Lexicon, LoadError> {
        Lexicon::from_layers(&[(file.to_string(), text.to_string(), builtin)])
    }

    /// Loads layers in order: later files add cues and categories or override those of
    /// earlier ones (same cue: the later entry wins; weight 0 switches it off). No layer
    /// at all means the built-in lexicon.
    pub fn load(sources: &[Source]) -> Result<Lexicon, LoadError> {
        let mut layers = Vec::new();
        for s in sources {
            layers.push(match s {
                Source::Builtin => (
                    BUILTIN_LEXICON_NAME.to_string(),
                    BUILTIN_LEXICON.to_string(),
                    true,
                ),
                Source::File(p) => {
                    let name = p.to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(p)
                        .map_err(|e| LoadError::new(&name, 0, format!("cannot read: {e}")))?;
                    (name, text, false)
                }
            });
        }
        if layers.is_empty() {
            layers.push((
                BUILTIN_LEXICON_NAME.to_string(),
                BUILTIN_LEXICON.to_string(),
                true,
            ));
        }
        Lexicon::from_layers(&layers)
    }

    fn from_layers(layers: &[(String, String, bool)]) -> Result<Lexicon, LoadError> {
        let mut categories: Vec<Category> = Vec::new();
        let mut by_name: FxHashMap<String, CategoryId> = FxHashMap::default();
        let mut entries: Vec<Entry> = Vec::new();
        let mut entry_at: FxHashMap<String, usize> = FxHashMap::default();
        let mut sources = Vec::new();
        for (file, text, builtin) in layers {
            let file = file.as_str();
            sources.push(SourceInfo {
                name: file.to_string(),
                sha256: sha256_hex(text.as_bytes()),
                builtin: *builtin,
            });
            let rows = parse_rows(file, text, &["cue", "category", "weight"])?;
            let mut declared_here: FxHashMap<String, usize> = FxHashMap::default();
            let mut seen_here: FxHashMap<String, usize> = FxHashMap::default();
            for row in &rows {
                let f = &row.fields;
                let err = |msg: String| LoadError::new(file, row.line, msg);
                if f[0].eq_ignore_ascii_case("@category") {
                    if !(3..=4).contains(&f.len()) {
                        return Err(err(format!(
                            "@category takes a name, a pole and an optional description; found {} columns",
                            f.len()
                        )));
                    }
                    let name = f[1];
                    if name.is_empty() || name.contains(char::is_whitespace) {
                        return Err(err(format!("bad category name '{name}'")));
                    }
                    let pole: f64 = f[2]
                        .parse()
                        .map_err(|_| err(format!("pole '{}' is not a number", f[2])))?;
                    if !(-1.0..=1.0).contains(&pole) {
                        return Err(err(format!("pole {pole} is outside [-1, 1]")));
                    }
                    if declared_here.insert(name.to_string(), row.line).is_some() {
                        return Err(err(format!("category '{name}' is declared twice")));
                    }
                    let cat = Category {
                        name: name.to_string(),
                        pole,
                        description: f.get(3).unwrap_or(&"").to_string(),
                    };
                    match by_name.get(name) {
                        Some(&id) => categories[id as usize] = cat, // a later layer redefines it
                        None => {
                            by_name.insert(name.to_string(), categories.len() as CategoryId);
                            categories.push(cat);
                        }
                    }
                    continue;
                }
                if f[0].starts_with('@') {
                    return Err(err(format!("unknown directive '{}'", f[0])));
                }
                if !(3..=4).contains(&f.len()) {
                    return Err(err(format!(
                        "expected 3 or 4 columns (cue, category, weight, note), found {}",
                        f.len()
                    )));
                }
                let cue_text = f[0];
                if cue_text.is_empty() {
                    return Err(err("empty cue".into()));
                }
                if !by_name.contains_key(f[1]) {
                    return Err(err(format!(
                        "unknown category '{}' (declare it with @category before use)",
                        f[1]
                    )));
                }
                let weight: f64 = f[2]
                    .parse()
                    .map_err(|_| err(format!("weight '{}' is not a number", f[2])))?;
                if !weight.is_finite() || !(0.0..=10.0).contains(&weight) {
                    return Err(err(format!("weight {weight} is outside [0, 10]")));
                }
                let key = cue_key(cue_text);
                if let Some(first) = seen_here.insert(key.clone(), row.line) {
                    return Err(err(format!("duplicate cue '{cue_text}' (first on line {first})")));
                }
                let entry = Entry {
                    text: cue_text.to_string(),
                    category: f[1].to_string(),
                    weight,
                    file: file.to_string(),
                    line: row.line,
                };
                match entry_at.get(&key) {
                    Some(&i) => entries[i] = entry, // a later layer overrides it
                    None => {
                        entry_at.insert(key, entries.len());
                        entries.push(entry);
                    }
                }
            }
        }
        // A separable verb written "brengen ... samen" also stands for its infinitive
        // with "te" ("om de partners samen te brengen", "af te stemmen"), where the
        // particle comes first: that form is added as a cue of its own, from the same
        // line, unless the lexicon writes it out.
        let derived: Vec<Entry> = entries
            .iter()
            .filter_map(|e| {
                let te_form = te_infinitive(&e.text)?;
                (!entry_at.contains_key(&cue_key(&te_form))).then(|| Entry {
                    text: te_form,
                    ..e.clone()
                })
            })
            .collect();
        entries.extend(derived);
        let mut atoms = AtomSet::default();
        let mut cues = Vec::with_capacity(entries.len());
        for e in &entries {
            let pattern =
                parse_pattern(&e.text, &mut atoms, false).map_err(|m| LoadError::new(&e.file, e.line, m))?;
            cues.push(Cue {
                text: e.text.clone(),
                category: by_name[&e.category],
                weight: e.weight,
                pattern,
                file: e.file.clone(),
                line: e.line,
            });
        }
        if cues.is_empty() {
            let (file, _, _) = &layers[layers.len() - 1];
            return Err(LoadError::new(file, 1, "the lexicon has no cues"));
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
            sources,
        })
    }

    pub fn category(&self, id: CategoryId) -> &Category {
        &self.categories[id as usize]
    }

    /// The lexicon without one cue, as if its line were deleted (a shorter cue it
    /// blocked may then match): for leave-one-cue-out sensitivity.
    pub fn without(&self, cue: CueId) -> Lexicon {
        let mut atoms = AtomSet::default();
        let mut cues = Vec::with_capacity(self.cues.len());
        for (i, c) in self.cues.iter().enumerate() {
            if i as CueId == cue {
                continue;
            }
            let pattern =
                parse_pattern(&c.text, &mut atoms, false).expect("a cue that compiled once compiles again");
            cues.push(Cue { pattern, ..c.clone() });
        }
        let mut first_atom = vec![Vec::new(); atoms.len()];
        for (i, c) in cues.iter().enumerate() {
            first_atom[c.pattern.atoms[0] as usize].push(i as CueId);
        }
        Lexicon {
            categories: self.categories.clone(),
            cues,
            atoms,
            first_atom,
            sources: self.sources.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layers_add_override_and_switch_off() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine.tsv");
        std::fs::write(
            &mine,
            "cue\tcategory\tweight\n@category\teigen\t0.5\nproject\tproject\t0.4\noverleg*\toverleg\t0\nstreekbeleid\teigen\t1\n",
        )
        .unwrap();
        let lex = Lexicon::load(&[Source::Builtin, Source::File(mine.clone())]).unwrap();
        let base = Lexicon::builtin();
        assert_eq!(
            lex.cues.len(),
            base.cues.len() + 1,
            "one cue added, two overridden in place"
        );
        let find = |t: &str| lex.cues.iter().find(|c| c.text == t).unwrap();
        assert_eq!(find("project").weight, 0.4);
        assert_eq!(find("project").file, mine.to_string_lossy());
        assert_eq!(find("overleg*").weight, 0.0);
        assert_eq!(lex.category(find("streekbeleid").category).name, "eigen");
        assert_eq!(lex.sources.len(), 2);
        // A category of an earlier layer may be used; an unknown one may not.
        std::fs::write(&mine, "cue\tcategory\tweight\nx\tnergens\t1\n").unwrap();
        let e = Lexicon::load(&[Source::Builtin, Source::File(mine)]).unwrap_err();
        assert!(e
            .to_string()
            .ends_with(":2: unknown category 'nergens' (declare it with @category before use)"));
    }

    #[test]
    fn without_removes_exactly_one_cue() {
        let lex = Lexicon::builtin();
        let id = lex.cues.iter().position(|c| c.text == "overleg*").unwrap() as CueId;
        let less = lex.without(id);
        assert_eq!(less.cues.len(), lex.cues.len() - 1);
        assert!(!less.cues.iter().any(|c| c.text == "overleg*"));
    }

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
        assert!(lex.sources[0].builtin);
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
        // The two cues, and "samen te brengen" derived from the separable verb.
        assert_eq!(lex.cues.len(), 3);
        assert_eq!(lex.cues[1].pattern.gap_before, [false, true]);
        assert_eq!(lex.first_atom.iter().map(Vec::len).sum::<usize>(), 3);
        assert_eq!(lex.sources[0].sha256.len(), 64);
    }

    #[test]
    fn a_separable_verb_also_stands_for_its_infinitive_with_te() {
        let lex = Lexicon::parse(
            "l.tsv",
            &format!(
                "{HEAD}brengen ... samen\toverleg\t0.8\nvolgen ... op\toverleg\t0.5\n\
                 op te volgen\toverleg\t0.2\ntrekken ... aandacht\toverleg\t0.5\n"
            ),
            false,
        )
        .unwrap();
        let texts: Vec<(&str, f64, usize)> = lex
            .cues
            .iter()
            .map(|c| (c.text.as_str(), c.weight, c.line))
            .collect();
        // Derived from its line, with its category and weight; a form the lexicon
        // writes out keeps its own weight; "aandacht" is no particle.
        assert!(texts.contains(&("samen te brengen", 0.8, 4)), "{texts:?}");
        assert!(texts.contains(&("op te volgen", 0.2, 6)), "{texts:?}");
        assert_eq!(texts.iter().filter(|t| t.0 == "op te volgen").count(), 1);
        assert!(!texts.iter().any(|t| t.0.contains(" te trekken")), "{texts:?}");
        assert_eq!(lex.cues.len(), 5);
    }
}
