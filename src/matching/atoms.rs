//! The atom cache: per distinct word form of a section, which lexicon atoms it is, looked
//! up once per form and thread; and the witness test that lets a unit be skipped.

use super::*;

/// The worker thread's cue atoms per form, prepared for a section; marked are the forms
/// with a witness of a cue that carries weight.
pub(super) fn cue_atoms_of(analyzed: &AnalyzedSection, lexicon: &Lexicon) -> AtomsByForm {
    let weighted = lexicon.cues.iter().filter(|c| c.weight != 0.0);
    atoms_of(&CUE_ATOMS, analyzed, &lexicon.atoms, weighted.map(|c| &c.pattern))
}

/// The worker thread's context atoms per form, prepared for a section; marked are the
/// forms with a witness of a rule that says the role depends on the theme or is unclear.
pub(super) fn context_atoms_of(analyzed: &AnalyzedSection, context: &ContextRules) -> AtomsByForm {
    let statements = context
        .rules
        .iter()
        .filter(|r| matches!(r.kind, ContextKind::Theme | ContextKind::Unclear));
    atoms_of(
        &CONTEXT_ATOMS,
        analyzed,
        &context.atoms,
        statements.map(|r| &r.pattern),
    )
}

/// The atoms per form kept in `slot`, prepared for a section, with the forms marked
/// that have a witness of one of the `marking` patterns. (One caller per slot, so its
/// marks always mean the same.)
pub(super) fn atoms_of<'p>(
    slot: &'static AtomsSlot,
    analyzed: &AnalyzedSection,
    set: &AtomSet,
    marking: impl Iterator<Item = &'p Pattern> + Clone,
) -> AtomsByForm {
    let mut cache = AtomsByForm::take(slot);
    cache.prepare(analyzed, set, &|| witnesses(marking.clone(), set));
    cache
}

/// The atoms each form of an analyzer's vocabulary matches in one atom set, indexed by
/// form id, kept per worker thread between sections (like the vocabulary itself), so
/// the lexicon is consulted once per distinct form, not once per token or section.
#[derive(Default)]
pub(super) struct AtomsByForm {
    pub(super) vocabulary: u64,
    pub(super) set: u64,
    pub(super) atoms: Vec<Vec<AtomId>>,
    pub(super) known: Vec<bool>,
    /// Per atom: whether a form with it is marked (`None`: every form is).
    pub(super) mark: Option<Vec<bool>>,
    /// Per form: whether one of its atoms is marked.
    pub(super) marked: Vec<bool>,
}

thread_local! {
    pub(super) static CUE_ATOMS: std::cell::RefCell<AtomsByForm> = std::cell::RefCell::default();
    pub(super) static CONTEXT_ATOMS: std::cell::RefCell<AtomsByForm> = std::cell::RefCell::default();
}
pub(super) type AtomsSlot = std::thread::LocalKey<std::cell::RefCell<AtomsByForm>>;

impl AtomsByForm {
    pub(super) fn take(slot: &'static AtomsSlot) -> AtomsByForm {
        slot.try_with(|c| std::mem::take(&mut *c.borrow_mut()))
            .unwrap_or_default()
    }

    pub(super) fn give_back(self, slot: &'static AtomsSlot) {
        let _ = slot.try_with(|c| *c.borrow_mut() = self);
    }

    /// Makes sure every form of the section has its atoms and mark. `mark` gives the
    /// atoms that mark a form (once per set: the result is kept with the atoms).
    pub(super) fn prepare(
        &mut self,
        analyzed: &AnalyzedSection,
        set: &AtomSet,
        mark: &dyn Fn() -> Option<Vec<bool>>,
    ) {
        let generation = analyzed.analyzer.generation();
        if self.vocabulary != generation || self.set != set.id() {
            *self = AtomsByForm {
                vocabulary: generation,
                set: set.id(),
                mark: mark(),
                ..AtomsByForm::default()
            };
        }
        let n = analyzed.analyzer.forms().len();
        if self.known.len() < n {
            self.known.resize(n, false);
            self.marked.resize(n, false);
            self.atoms.resize_with(n, Vec::new);
        }
        for t in analyzed.tokens() {
            let f = t.form as usize;
            if !self.known[f] {
                self.known[f] = true;
                let atoms = set.matching(analyzed.analyzer.form(t.form));
                self.marked[f] = match &self.mark {
                    Some(m) => atoms.iter().any(|&a| m[a as usize]),
                    None => true,
                };
                self.atoms[f] = atoms;
            }
        }
    }
}

/// Per atom: whether it is the witness of one of the patterns, a word (not a `*`) that
/// must be in a unit for the pattern to match there. Every word of a pattern must be
/// there, so any one will do: the longest, as the rarest ("thema" rather than "van",
/// "trekkersrol" rather than "een"). `None` when a pattern has only `*` words.
pub(super) fn witnesses<'a>(
    patterns: impl Iterator<Item = &'a Pattern>,
    atoms: &AtomSet,
) -> Option<Vec<bool>> {
    let mut mark = vec![false; atoms.len()];
    for pattern in patterns {
        let word = pattern
            .atoms
            .iter()
            .filter(|&&a| !matches!(atoms.get(a).kind, AtomKind::Any))
            .max_by_key(|&&a| (atoms.get(a).describe().len(), std::cmp::Reverse(a)))?;
        mark[*word as usize] = true;
    }
    Some(mark)
}

pub(super) fn token_has(atom_cache: &[Vec<AtomId>], atoms: &AtomSet, token: &Token, atom: AtomId) -> bool {
    atom_cache[token.form as usize].binary_search(&atom).is_ok()
        && (!atoms.get(atom).capitalized || token.flags & flags::CAPITALIZED != 0)
}
