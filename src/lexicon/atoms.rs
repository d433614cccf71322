//! Word patterns ("atoms") and their index: which patterns a word form matches is
//! computed once per distinct form, with hash lookups rather than a scan.

use rustc_hash::FxHashMap;

use super::inflect::{inflections, noun_inflections};
use crate::analyze::Form;
use crate::text::fold;

pub type AtomId = u32;

/// How one word of a cue or trigger matches a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtomKind {
    /// A lexicon word with its regular inflections (see `inflect`). Stem equality is
    /// not used: Porter's Dutch stems join nominalisations to verbs ("uitvoering" →
    /// "uitvoer" ← "uitvoeren") and cut function words ("niets" → "niet").
    Word { word: String },
    /// `"word"`: this exact (folded) form only.
    Exact(String),
    /// `word*`: any form starting with it (compounds with the cue as modifier).
    Prefix(String),
    /// `*word`: any form ending with it (compounds with the cue as head).
    Suffix(String),
    /// `*word*`: any form containing it.
    Infix(String),
    /// `*` alone: any word (context patterns only).
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub kind: AtomKind,
    /// Written with a capital in the lexicon: matches capitalised tokens only
    /// (organisation names such as `Streekoverleg`).
    pub capitalized: bool,
}

impl Atom {
    /// Parses one word of a pattern as written in a lexicon file.
    /// In context patterns (`context` true) a plain word matches exactly that word:
    /// trigger words are function words, where inflection and stemming only confuse
    /// ("niets" and "niet" share a stem); `*` alone is allowed there.
    pub fn parse(raw: &str, context: bool) -> Result<Atom, String> {
        let allow_any = context;
        let capitalized = raw
            .trim_start_matches(['"', '*'])
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let w = fold(raw);
        if w == "*" {
            return if allow_any {
                Ok(Atom {
                    kind: AtomKind::Any,
                    capitalized: false,
                })
            } else {
                Err("a lone '*' is not a cue word".into())
            };
        }
        let (lead, rest) = match w.strip_prefix('*') {
            Some(r) => (true, r),
            None => (false, w.as_str()),
        };
        let (trail, core) = match rest.strip_suffix('*') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let (exact, core) = match core.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
            Some(c) if !lead && !trail => (true, c),
            _ => (false, core),
        };
        if core.is_empty() || core.contains(['*', '"']) {
            return Err(format!(
                "'{raw}' is not a valid pattern word (use word, \"word\", word*, *word or *word*)"
            ));
        }
        if core.chars().any(char::is_whitespace) {
            return Err(format!("'{raw}' contains white space"));
        }
        let kind = match (lead, trail, exact) {
            (false, false, true) => AtomKind::Exact(core.into()),
            (false, false, false) if context => AtomKind::Exact(core.into()),
            (false, false, false) => AtomKind::Word { word: core.into() },
            (false, true, _) => AtomKind::Prefix(core.into()),
            (true, false, _) => AtomKind::Suffix(core.into()),
            (true, true, _) => AtomKind::Infix(core.into()),
        };
        Ok(Atom { kind, capitalized })
    }

    /// Literal characters the pattern pins down: longer is more specific.
    pub fn specificity(&self) -> usize {
        match &self.kind {
            AtomKind::Word { word, .. } | AtomKind::Exact(word) => word.len() * 4 + 2,
            AtomKind::Prefix(s) | AtomKind::Suffix(s) => s.len() * 4 + 1,
            AtomKind::Infix(s) => s.len() * 4,
            AtomKind::Any => 0,
        }
    }

    pub fn describe(&self) -> String {
        match &self.kind {
            AtomKind::Word { word } => word.clone(),
            AtomKind::Exact(w) => format!("\"{w}\""),
            AtomKind::Prefix(s) => format!("{s}*"),
            AtomKind::Suffix(s) => format!("*{s}"),
            AtomKind::Infix(s) => format!("*{s}*"),
            AtomKind::Any => "*".into(),
        }
    }
}

/// A set of atoms with lookup tables by exact form, prefix and suffix.
#[derive(Debug, Clone)]
pub struct AtomSet {
    /// Unique per built set (a clone shares it: same content), for the per-thread
    /// cache of `matching`.
    id: u64,
    atoms: Vec<Atom>,
    exact: FxHashMap<String, Vec<AtomId>>,
    prefixes: FxHashMap<String, Vec<AtomId>>,
    prefix_lens: Vec<usize>,
    suffixes: FxHashMap<String, Vec<AtomId>>,
    suffix_lens: Vec<usize>,
    infixes: Vec<(String, AtomId)>,
    any: Vec<AtomId>,
}

static NEXT_SET_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Default for AtomSet {
    fn default() -> Self {
        AtomSet {
            id: NEXT_SET_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            atoms: Vec::new(),
            exact: FxHashMap::default(),
            prefixes: FxHashMap::default(),
            prefix_lens: Vec::new(),
            suffixes: FxHashMap::default(),
            suffix_lens: Vec::new(),
            infixes: Vec::new(),
            any: Vec::new(),
        }
    }
}

impl AtomSet {
    /// Adds an atom (or finds the identical one) and returns its id.
    pub fn add(&mut self, atom: Atom) -> AtomId {
        if let Some(i) = self.atoms.iter().position(|a| *a == atom) {
            return i as AtomId;
        }
        // The set changes: a new identity, so no cached result of the old one is used.
        self.id = NEXT_SET_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let id = self.atoms.len() as AtomId;
        match &atom.kind {
            AtomKind::Word { word } => {
                for form in inflections(word) {
                    push(&mut self.exact, form, id);
                }
            }
            AtomKind::Exact(w) => push(&mut self.exact, w.clone(), id),
            AtomKind::Prefix(p) => {
                push(&mut self.prefixes, p.clone(), id);
                insert_len(&mut self.prefix_lens, p.len());
            }
            // The head of a compound carries its inflection: "*campagne" matches
            // "promotiecampagnes".
            AtomKind::Suffix(s) => {
                for form in noun_inflections(s) {
                    insert_len(&mut self.suffix_lens, form.len());
                    push(&mut self.suffixes, form, id);
                }
            }
            AtomKind::Infix(s) => self.infixes.push((s.clone(), id)),
            AtomKind::Any => self.any.push(id),
        }
        self.atoms.push(atom);
        id
    }

    pub fn get(&self, id: AtomId) -> &Atom {
        &self.atoms[id as usize]
    }

    pub fn len(&self) -> usize {
        self.atoms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    /// Unique per built set (a clone shares it): the key of per-thread caches.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// All atoms that a word form matches, sorted, without duplicates. The matching
    /// stage calls it once per distinct form a worker thread meets.
    pub fn matching(&self, form: &Form) -> Vec<AtomId> {
        self.compute_matching(form)
    }

    fn compute_matching(&self, form: &Form) -> Vec<AtomId> {
        let w = form.folded.as_str();
        let mut out = Vec::new();
        if let Some(ids) = self.exact.get(w) {
            out.extend_from_slice(ids);
        }
        for &len in &self.prefix_lens {
            if len <= w.len() && w.is_char_boundary(len) {
                if let Some(ids) = self.prefixes.get(&w[..len]) {
                    out.extend_from_slice(ids);
                }
            }
        }
        for &len in &self.suffix_lens {
            if len <= w.len() && w.is_char_boundary(w.len() - len) {
                if let Some(ids) = self.suffixes.get(&w[w.len() - len..]) {
                    out.extend_from_slice(ids);
                }
            }
        }
        for (s, id) in &self.infixes {
            if w.contains(s.as_str()) {
                out.push(*id);
            }
        }
        out.extend_from_slice(&self.any);
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn push(map: &mut FxHashMap<String, Vec<AtomId>>, key: String, id: AtomId) {
    let v = map.entry(key).or_default();
    if !v.contains(&id) {
        v.push(id);
    }
}

fn insert_len(lens: &mut Vec<usize>, len: usize) {
    if let Err(pos) = lens.binary_search(&len) {
        lens.insert(pos, len);
    }
}

/// A sequence of atoms: a cue or a trigger, possibly with gaps (`...`) between words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub atoms: Vec<AtomId>,
    /// `gap_before[k]`: up to the gap window of other words may stand before word k.
    pub gap_before: Vec<bool>,
    pub specificity: usize,
    /// A predicate–object pair ("organiseren + studiedag*"): the index of the object's
    /// atom (the last). The object may stand before or after the predicate in its
    /// clause; where the unit is parsed, the tree must show it as the predicate's object.
    pub object: Option<usize>,
}

/// Parses a pattern ("brengen ... samen", "in bepaalde gevallen") into `set`.
pub fn parse_pattern(raw: &str, set: &mut AtomSet, context: bool) -> Result<Pattern, String> {
    let mut atoms = Vec::new();
    let mut gap_before = Vec::new();
    let mut pending_gap = false;
    let mut specificity = 0;
    let mut object = None;
    for word in raw.split_whitespace() {
        if word == "+" {
            if context {
                return Err("'+' (a predicate and its object) is for role cues only".into());
            }
            if atoms.is_empty() || pending_gap || object.is_some() {
                return Err("'+' must stand between a predicate and one object word".into());
            }
            object = Some(atoms.len());
            continue;
        }
        if word == "..." || word == "…" {
            if atoms.is_empty() || pending_gap {
                return Err("'...' must stand between two words".into());
            }
            pending_gap = true;
            continue;
        }
        let atom = Atom::parse(word, context)?;
        specificity += atom.specificity();
        atoms.push(set.add(atom));
        gap_before.push(pending_gap);
        pending_gap = false;
    }
    if atoms.is_empty() {
        return Err("empty pattern".into());
    }
    if object.is_some_and(|k| k + 1 != atoms.len()) {
        return Err("'+' must stand between a predicate and one object word".into());
    }
    if pending_gap {
        return Err("'...' must stand between two words".into());
    }
    Ok(Pattern {
        atoms,
        gap_before,
        specificity,
        object,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;

    fn matches(set: &AtomSet, word: &str) -> Vec<String> {
        let mut a = Analyzer::new();
        let id = a.intern(word);
        set.matching(a.form(id))
            .into_iter()
            .map(|i| set.get(i).describe())
            .collect()
    }

    #[test]
    fn kinds_of_atoms_match_as_documented() {
        let mut set = AtomSet::default();
        for w in [
            "overleg*",
            "*overleg",
            "project",
            "\"partner\"",
            "*financier*",
            "Streekoverleg",
        ] {
            set.add(Atom::parse(w, false).unwrap());
        }
        assert_eq!(matches(&set, "Overlegplatform"), ["overleg*"]);
        assert_eq!(matches(&set, "overleg"), ["overleg*", "*overleg"]);
        assert_eq!(matches(&set, "projecten"), ["project"]);
        assert!(matches(&set, "projectie").is_empty());
        assert_eq!(matches(&set, "partner"), ["\"partner\""]);
        assert!(matches(&set, "uitvoering").is_empty());
        assert!(matches(&set, "partners").is_empty());
        assert_eq!(matches(&set, "cofinanciering"), ["*financier*"]);
        // A compound's head carries its inflection.
        assert!(matches(&set, "streekoverleggen").contains(&"*overleg".to_string()));
        // The capital is checked per token by the matcher; the form still matches.
        assert!(matches(&set, "streekoverleg").contains(&"streekoverleg".to_string()));
    }

    #[test]
    fn bad_pattern_words_are_rejected() {
        assert!(Atom::parse("*", false).is_err());
        assert!(Atom::parse("*", true).is_ok());
        assert!(Atom::parse("ov*er", false).is_err());
        let mut set = AtomSet::default();
        assert!(parse_pattern("... samen", &mut set, false).is_err());
        for bad in [
            "+ project",
            "organiseren +",
            "organiseren + project + x",
            "organiseren + twee woorden",
        ] {
            assert!(parse_pattern(bad, &mut set, false).is_err(), "{bad}");
        }
        assert!(parse_pattern("organiseren + project", &mut set, true).is_err());
        let pair = parse_pattern("voeren ... uit + project*", &mut set, false).unwrap();
        assert_eq!((pair.atoms.len(), pair.object), (3, Some(2)));
        let p = parse_pattern("brengen ... samen", &mut set, false).unwrap();
        assert_eq!(p.gap_before, [false, true]);
    }
}
