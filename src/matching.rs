//! Matching: finds the lexicon's cues in each unit and decides, per occurrence, what
//! it counts for in its context: negation (ConText-style scopes), hedges, emphasis,
//! typography, time, and whose role the clause describes.

use crate::analyze::{flags, gap, AnalyzedSection, Token};
use crate::lexicon::atoms::{AtomId, AtomKind, AtomSet, Pattern};
use crate::lexicon::context::Rule;
use crate::lexicon::{ContextKind, ContextRules, CueId, Lexicon, Scope, GAP_WINDOW};
use crate::segment::{Section, UnitKind};

/// Whose role a clause describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The RESOC is named as subject.
    Resoc,
    /// Another actor is the subject; the trigger words are kept for the audit trail.
    Other(String),
    /// No subject recognised: the pact is taken to speak about its RESOC.
    Unknown,
}

impl Actor {
    pub fn label(&self) -> String {
        match self {
            Actor::Resoc => "resoc".into(),
            Actor::Other(who) => format!("other:{who}"),
            Actor::Unknown => "unknown".into(),
        }
    }
}

/// One thing in the context that changed a cue's weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Modifier {
    pub kind: &'static str,
    /// The trigger words as they stand in the text (empty for typography).
    pub trigger: String,
    pub factor: f64,
}

/// One cue occurrence and what it counts for.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    pub cue: CueId,
    /// Index of the first matched token in the unit.
    pub first_token: usize,
    /// Byte span in the unit text from the first to the last matched word.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The matched words, " … " where a gap was skipped.
    pub matched: String,
    /// Snowball stem of the first matched word (for the audit trail and lexicon work).
    pub stem: String,
    pub negated: bool,
    pub modifiers: Vec<Modifier>,
    pub actor: Actor,
    /// The cue's weight in the lexicon.
    pub base_weight: f64,
    /// After all modifiers; 0 when negated.
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitFindings {
    pub tokens: usize,
    pub matches: Vec<CueMatch>,
    /// The unit says the role depends on the theme.
    pub theme_statement: bool,
    /// The unit says the role is unclear or not described.
    pub unclear_statement: bool,
}

/// How modifiers combine: within a group the strongest counts, groups multiply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// Lexical emphasis, bold, italic, heading.
    Emphasis,
    Hedge,
    /// A hedge of the lead-in sentence of a list: a statement of its own, so it
    /// multiplies with the item's own hedge instead of competing with it.
    LeadHedge,
    Deemphasis,
    Past,
    Parenthesis,
}

fn group_of(kind: ContextKind) -> Option<Group> {
    match kind {
        ContextKind::Hedge => Some(Group::Hedge),
        ContextKind::Emphasis => Some(Group::Emphasis),
        ContextKind::Deemphasis => Some(Group::Deemphasis),
        ContextKind::Past => Some(Group::Past),
        _ => None,
    }
}

/// What a list's lead-in sentence passes on to its items.
#[derive(Debug, Clone, Default)]
struct Carry {
    modifiers: Vec<(ContextKind, Modifier)>,
    actor: Option<Actor>,
}

struct Found {
    id: u32,
    positions: Vec<usize>,
}

/// Matches cues and context triggers in every unit of a section.
pub fn match_section(
    section: &Section,
    analyzed: &AnalyzedSection,
    lexicon: &Lexicon,
    context: &ContextRules,
) -> Vec<UnitFindings> {
    let cue_cache = cue_atoms_of(analyzed, lexicon);
    let ctx_cache = context_atoms_of(analyzed, context);
    // A unit needs the full reading only when a cue that carries weight may match in
    // it or it may say the role depends on the theme or is unclear (it has a witness
    // word of one). The others yield no findings, whatever their context: skipping
    // them changes nothing.
    let needs_reading: Vec<bool> = analyzed
        .units()
        .map(|tokens| {
            tokens.iter().any(|t| {
                let f = t.form as usize;
                cue_cache.marked[f] || ctx_cache.marked[f]
            })
        })
        .collect();
    let out = match_units(
        section,
        analyzed,
        lexicon,
        context,
        &cue_cache.atoms,
        &ctx_cache.atoms,
        &needs_reading,
    );
    cue_cache.give_back(&CUE_ATOMS);
    ctx_cache.give_back(&CONTEXT_ATOMS);
    out
}

/// The worker thread's cue atoms per form, prepared for a section; marked are the forms
/// with a witness of a cue that carries weight.
fn cue_atoms_of(analyzed: &AnalyzedSection, lexicon: &Lexicon) -> AtomsByForm {
    let weighted = lexicon.cues.iter().filter(|c| c.weight != 0.0);
    atoms_of(&CUE_ATOMS, analyzed, &lexicon.atoms, weighted.map(|c| &c.pattern))
}

/// The worker thread's context atoms per form, prepared for a section; marked are the
/// forms with a witness of a rule that says the role depends on the theme or is unclear.
fn context_atoms_of(analyzed: &AnalyzedSection, context: &ContextRules) -> AtomsByForm {
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
fn atoms_of<'p>(
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
struct AtomsByForm {
    vocabulary: u64,
    set: u64,
    atoms: Vec<Vec<AtomId>>,
    known: Vec<bool>,
    /// Per atom: whether a form with it is marked (`None`: every form is).
    mark: Option<Vec<bool>>,
    /// Per form: whether one of its atoms is marked.
    marked: Vec<bool>,
}

thread_local! {
    static CUE_ATOMS: std::cell::RefCell<AtomsByForm> = std::cell::RefCell::default();
    static CONTEXT_ATOMS: std::cell::RefCell<AtomsByForm> = std::cell::RefCell::default();
}

type AtomsSlot = std::thread::LocalKey<std::cell::RefCell<AtomsByForm>>;

impl AtomsByForm {
    fn take(slot: &'static AtomsSlot) -> AtomsByForm {
        slot.try_with(|c| std::mem::take(&mut *c.borrow_mut()))
            .unwrap_or_default()
    }

    fn give_back(self, slot: &'static AtomsSlot) {
        let _ = slot.try_with(|c| *c.borrow_mut() = self);
    }

    /// Makes sure every form of the section has its atoms and mark. `mark` gives the
    /// atoms that mark a form (once per set: the result is kept with the atoms).
    fn prepare(&mut self, analyzed: &AnalyzedSection, set: &AtomSet, mark: &dyn Fn() -> Option<Vec<bool>>) {
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
fn witnesses<'a>(patterns: impl Iterator<Item = &'a Pattern>, atoms: &AtomSet) -> Option<Vec<bool>> {
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

/// What the reading of one unit starts from: its context triggers, clauses, cues and
/// the actor of each clause.
struct UnitReading {
    triggers: Vec<Found>,
    clause: Vec<u32>,
    cues: Vec<Found>,
    actors: Vec<Option<Actor>>,
}

fn read_unit(
    unit: &crate::segment::Unit,
    tokens: &[Token],
    lexicon: &Lexicon,
    context: &ContextRules,
    cue_atoms: &[Vec<AtomId>],
    ctx_atoms: &[Vec<AtomId>],
) -> UnitReading {
    let punct_clause = clauses(tokens, &[], true);
    let triggers = resolve(
        find_patterns(
            tokens,
            ctx_atoms,
            &context.atoms,
            &context.first_atom,
            |id| &context.rules[id as usize].pattern,
            Reach {
                clause: &punct_clause,
                gap_clause: &punct_clause,
                skippable: &[],
            },
        ),
        |id| &context.rules[id as usize].pattern,
    );
    let starts: Vec<usize> = triggers
        .iter()
        .filter(|t| context.rules[t.id as usize].kind == ContextKind::Terminator)
        .map(|t| t.positions[0])
        .collect();
    let clause = clauses(tokens, &starts, true);
    // A split verb's particle may stand beyond a comma-separated list
    // ("brengt de gemeenten, de werkgevers en de vakbonden samen").
    let hard_clause = clauses(tokens, &starts, false);
    let mut negations = vec![false; tokens.len()];
    for t in &triggers {
        if context.rules[t.id as usize].kind == ContextKind::Negation && t.positions.len() == 1 {
            negations[t.positions[0]] = true;
        }
    }
    let cues = resolve(
        find_cues(tokens, cue_atoms, lexicon, &clause, &hard_clause, &negations),
        |id| &lexicon.cues[id as usize].pattern,
    );
    let actors = clause_actors(
        tokens,
        &triggers,
        context,
        &clause,
        unit_text_words(&unit.text, tokens),
    );
    UnitReading {
        triggers,
        clause,
        cues,
        actors,
    }
}

fn match_units(
    section: &Section,
    analyzed: &AnalyzedSection,
    lexicon: &Lexicon,
    context: &ContextRules,
    cue_atoms: &[Vec<AtomId>],
    ctx_atoms: &[Vec<AtomId>],
    needs_reading: &[bool],
) -> Vec<UnitFindings> {
    // What a list's lead-in passes on, per unit: computed when the unit is read, or
    // when a list item needs it from a lead-in that had no reason to be read.
    let mut carries: Vec<Option<Carry>> = vec![None; section.units.len()];
    let mut carried: Vec<bool> = vec![false; section.units.len()];
    let mut out: Vec<UnitFindings> = Vec::with_capacity(section.units.len());
    for (u, unit) in section.units.iter().enumerate() {
        let tokens = analyzed.unit(u);
        if !needs_reading[u] {
            out.push(UnitFindings {
                tokens: tokens.len(),
                ..Default::default()
            });
            continue;
        }
        let UnitReading {
            triggers,
            clause,
            cues,
            actors,
        } = read_unit(unit, tokens, lexicon, context, cue_atoms, ctx_atoms);
        if let Some(l) = unit.lead.filter(|&l| l < section.units.len() && !carried[l]) {
            carried[l] = true;
            let lead = &section.units[l];
            if lead.kind != UnitKind::ListItem {
                let tokens = analyzed.unit(l);
                let r = read_unit(lead, tokens, lexicon, context, cue_atoms, ctx_atoms);
                carries[l] = Some(lead_in_carry(
                    lead,
                    tokens,
                    &r.triggers,
                    context,
                    &r.clause,
                    &r.cues,
                    &r.actors,
                ));
            }
        }
        let lead_carry = unit.lead.and_then(|l| carries.get(l).cloned().flatten());

        let mut findings = UnitFindings {
            tokens: tokens.len(),
            ..Default::default()
        };
        let has_kind = |k: ContextKind| triggers.iter().any(|t| context.rules[t.id as usize].kind == k);
        let about_role = has_kind(ContextKind::RoleWord)
            || has_kind(ContextKind::ActorSelf)
            || has_kind(ContextKind::RoleLabel);
        findings.theme_statement = about_role && has_kind(ContextKind::Theme);
        findings.unclear_statement = about_role && has_kind(ContextKind::Unclear);
        // A sentence that says the role is undecided ("of het RESOC overleg of
        // projecten zal organiseren, wordt later bepaald") names roles hypothetically:
        // its cues count for nothing (ConText's "hypothetical").
        // A heading is a role statement only when it speaks of the RESOC or its role
        // ("Rol van het RESOC: overleg", "Kernopdracht: projecten"); a topic heading
        // ("Overleg", "Thema 3: Projecten in de haven") names a subject, not a role.
        let topic_heading = unit.kind == UnitKind::Heading && !about_role && !has_kind(ContextKind::Emphasis);
        let unclear_trigger = findings.unclear_statement.then(|| {
            triggers
                .iter()
                .filter(|t| context.rules[t.id as usize].kind == ContextKind::Unclear)
                .map(|t| surface(&unit.text, tokens, &t.positions))
                .next()
                .unwrap_or_default()
        });

        for m in &cues {
            let cue = &lexicon.cues[m.id as usize];
            if cue.weight == 0.0 {
                continue; // a blocker: names and false friends count for nothing
            }
            let (first, last) = (m.positions[0], *m.positions.last().unwrap_or(&m.positions[0]));
            let mut mods: Vec<(Group, Modifier)> = Vec::new();
            let mut negation: Option<String> = None;
            let mut present = false;
            for t in &triggers {
                let rule = &context.rules[t.id as usize];
                if !in_scope(rule, &t.positions, first, last, &clause) {
                    continue;
                }
                // The trigger's words are spelled out only where the record shows them.
                let words = || surface(&unit.text, tokens, &t.positions);
                match rule.kind {
                    ContextKind::Negation => {
                        if negation.is_none() {
                            negation = Some(words());
                        }
                    }
                    ContextKind::Present => present = true,
                    kind => {
                        if let Some(g) = group_of(kind) {
                            mods.push((
                                g,
                                Modifier {
                                    kind: kind.as_str(),
                                    trigger: words(),
                                    factor: rule.factor,
                                },
                            ));
                        }
                    }
                }
            }
            if let Some(carry) = &lead_carry {
                for (kind, modifier) in &carry.modifiers {
                    if *kind == ContextKind::Negation {
                        negation.get_or_insert(format!("lead:{}", modifier.trigger));
                    } else if let Some(g) = group_of(*kind) {
                        let g = if g == Group::Hedge { Group::LeadHedge } else { g };
                        mods.push((
                            g,
                            Modifier {
                                kind: modifier.kind,
                                trigger: format!("lead:{}", modifier.trigger),
                                factor: modifier.factor,
                            },
                        ));
                    }
                }
            }
            if present {
                mods.retain(|(g, _)| *g != Group::Past);
            }
            let tflags = m.positions.iter().fold(0u8, |acc, &p| acc | tokens[p].flags);
            let typo = &context.typography;
            if tflags & flags::BOLD != 0 {
                mods.push((
                    Group::Emphasis,
                    Modifier {
                        kind: "bold",
                        trigger: String::new(),
                        factor: typo.bold,
                    },
                ));
            }
            if tflags & flags::ITALIC != 0 {
                mods.push((
                    Group::Emphasis,
                    Modifier {
                        kind: "italic",
                        trigger: String::new(),
                        factor: typo.italic,
                    },
                ));
            }
            if unit.kind == UnitKind::Heading {
                mods.push((
                    Group::Emphasis,
                    Modifier {
                        kind: "heading",
                        trigger: String::new(),
                        factor: typo.heading,
                    },
                ));
            }
            if m.positions.iter().all(|&p| tokens[p].flags & flags::PAREN != 0) {
                mods.push((
                    Group::Parenthesis,
                    Modifier {
                        kind: "parenthesis",
                        trigger: String::new(),
                        factor: typo.parenthesis,
                    },
                ));
            }
            let actor = actors[clause[first] as usize]
                .clone()
                .or_else(|| lead_carry.as_ref().and_then(|c| c.actor.clone()))
                .unwrap_or(Actor::Unknown);
            let actor_factor = match &actor {
                Actor::Other(_) => actor_other_factor(context, &triggers, &clause, first),
                _ => 1.0,
            };
            let mut weight = combine(cue.weight, &mods, actor_factor, negation.is_some());
            let mut modifiers: Vec<Modifier> = Vec::new();
            if let Some(n) = &negation {
                modifiers.push(Modifier {
                    kind: "negation",
                    trigger: n.clone(),
                    factor: 0.0,
                });
            }
            if topic_heading {
                weight = 0.0;
                modifiers.push(Modifier {
                    kind: "topic_heading",
                    trigger: String::new(),
                    factor: 0.0,
                });
            }
            if let Some(u) = &unclear_trigger {
                weight = 0.0;
                modifiers.push(Modifier {
                    kind: "unclear",
                    trigger: u.clone(),
                    factor: 0.0,
                });
            }
            modifiers.extend(mods.into_iter().map(|(_, m)| m));
            if let Actor::Other(who) = &actor {
                modifiers.push(Modifier {
                    kind: "actor",
                    trigger: who.clone(),
                    factor: actor_factor,
                });
            }
            findings.matches.push(CueMatch {
                cue: m.id,
                first_token: first,
                byte_start: tokens[first].start as usize,
                byte_end: tokens[last].end as usize,
                matched: surface(&unit.text, tokens, &m.positions),
                stem: analyzed.analyzer.form(tokens[first].form).stem.clone(),
                negated: negation.is_some(),
                modifiers,
                actor,
                base_weight: cue.weight,
                weight,
            });
        }
        findings.matches.sort_by_key(|m| m.first_token);
        if unit.kind != UnitKind::ListItem && !carried[u] {
            carried[u] = true;
            carries[u] = Some(lead_in_carry(
                unit, tokens, &triggers, context, &clause, &cues, &actors,
            ));
        }
        out.push(findings);
    }
    out
}

/// Every occurrence of every cue in a section, overlapping ones included, before the
/// longest-match resolution: per unit, (cue, token positions). For lexicon checks
/// (which entries compete for the same words); clauses are cut at punctuation only.
pub fn cue_candidates(analyzed: &AnalyzedSection, lexicon: &Lexicon) -> Vec<Vec<(CueId, Vec<usize>)>> {
    let cache = cue_atoms_of(analyzed, lexicon);
    let cue_atoms = &cache.atoms;
    let found = analyzed
        .units()
        .map(|tokens| {
            let clause = clauses(tokens, &[], true);
            let hard = clauses(tokens, &[], false);
            find_cues(tokens, cue_atoms, lexicon, &clause, &hard, &[])
                .into_iter()
                .map(|f| (f.id, f.positions))
                .collect()
        })
        .collect();
    cache.give_back(&CUE_ATOMS);
    found
}

/// The strongest modifier of each [`Group`], multiplied, times the actor factor.
/// Negation makes it 0.
fn combine(base: f64, mods: &[(Group, Modifier)], actor: f64, negated: bool) -> f64 {
    if negated {
        return 0.0;
    }
    let strongest = |kind: Group, up: bool| {
        let it = mods.iter().filter(|(k, _)| *k == kind).map(|(_, m)| m.factor);
        if up {
            it.fold(1.0_f64, f64::max)
        } else {
            it.fold(1.0_f64, f64::min)
        }
    };
    base * strongest(Group::Emphasis, true)
        * strongest(Group::Hedge, false)
        * strongest(Group::LeadHedge, false)
        * strongest(Group::Deemphasis, false)
        * strongest(Group::Past, false)
        * strongest(Group::Parenthesis, false)
        * actor
}

fn in_scope(rule: &Rule, t: &[usize], first: usize, last: usize, clause: &[u32]) -> bool {
    let (t0, tl) = (t[0], *t.last().unwrap_or(&t[0]));
    let within = |d: usize| rule.window == 0 || d <= rule.window;
    let forward = tl < first && clause[tl] == clause[first] && within(first - tl);
    let backward = last < t0 && clause[last] == clause[t0] && within(t0 - last);
    // A trigger inside a split cue ("voert zelf geen projecten uit") or a cue inside
    // a split trigger ("start geen nieuwe projecten meer").
    let inside = (first < t0 && tl < last) || (t0 < first && last < tl);
    match rule.scope {
        Scope::Forward => forward || inside,
        Scope::Backward => backward || inside,
        Scope::Both => forward || backward || inside,
        Scope::Clause => {
            let overlap = t0 <= last && tl >= first;
            forward || backward || inside || (overlap && rule.kind != ContextKind::Negation)
        }
        Scope::Preceding => last < t0,
        Scope::Following => tl < first,
        Scope::Unit => true,
    }
}

/// Clause number of each token: a new clause starts at punctuation (; : ( ) dashes,
/// and commas when `commas` is set) and at each terminator word.
fn clauses(tokens: &[Token], terminator_starts: &[usize], commas: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut c = 0u32;
    let boundary = if commas {
        gap::COMMA | gap::CLAUSE | gap::PAREN
    } else {
        gap::CLAUSE | gap::PAREN
    };
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && (t.gap & boundary != 0 || terminator_starts.contains(&i)) {
            c += 1;
        }
        out.push(c);
    }
    out
}

fn token_has(atom_cache: &[Vec<AtomId>], atoms: &AtomSet, token: &Token, atom: AtomId) -> bool {
    atom_cache[token.form as usize].binary_search(&atom).is_ok()
        && (!atoms.get(atom).capitalized || token.flags & flags::CAPITALIZED != 0)
}

/// All occurrences of the lexicon's cues in a unit, overlapping, before resolution.
/// Cue occurrences. A word marked in `negations` may stand between two words of a
/// phrase cue ("dat het RESOC initiatieven niet ondersteunt"): the cue still matches,
/// and the negation inside it then applies to it, instead of breaking the phrase and
/// letting its first word count on its own.
fn find_cues(
    tokens: &[Token],
    cue_atoms: &[Vec<AtomId>],
    lexicon: &Lexicon,
    clause: &[u32],
    gap_clause: &[u32],
    negations: &[bool],
) -> Vec<Found> {
    find_patterns(
        tokens,
        cue_atoms,
        &lexicon.atoms,
        &lexicon.first_atom,
        |id| &lexicon.cues[id as usize].pattern,
        Reach {
            clause,
            gap_clause,
            skippable: negations,
        },
    )
}

/// How far a pattern may reach for its next word: within the clause of the previous
/// word (`gap_clause` after a `...` gap), and over one `skippable` word.
struct Reach<'a> {
    clause: &'a [u32],
    gap_clause: &'a [u32],
    skippable: &'a [bool],
}

/// All occurrences of all patterns, overlapping, before resolution.
fn find_patterns<'p>(
    tokens: &[Token],
    atom_cache: &[Vec<AtomId>],
    atoms: &AtomSet,
    first_atom: &[Vec<u32>],
    pattern: impl Fn(u32) -> &'p Pattern,
    reach_of: Reach<'_>,
) -> Vec<Found> {
    let Reach {
        clause,
        gap_clause,
        skippable,
    } = reach_of;
    let mut found = Vec::new();
    // Candidate positions are gathered in one buffer; only a pattern that matches
    // gets its own copy (most candidates fail at their second word).
    let mut positions: Vec<usize> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        for &a in &atom_cache[tok.form as usize] {
            if atoms.get(a).capitalized && tok.flags & flags::CAPITALIZED == 0 {
                continue;
            }
            'pattern: for &id in &first_atom[a as usize] {
                let p = pattern(id);
                positions.clear();
                positions.push(i);
                for k in 1..p.atoms.len() {
                    let last = *positions.last().unwrap_or(&i);
                    let skip = skippable.get(last + 1) == Some(&true);
                    let reach = if p.gap_before[k] {
                        GAP_WINDOW + 1
                    } else if skip {
                        2
                    } else {
                        1
                    };
                    let within = if p.gap_before[k] { gap_clause } else { clause };
                    let next = (last + 1..tokens.len().min(last + 1 + reach)).find(|&j| {
                        within[j] == within[last] && token_has(atom_cache, atoms, &tokens[j], p.atoms[k])
                    });
                    match next {
                        Some(j) if p.gap_before[k] || j == last + 1 || (skip && j == last + 2) => {
                            positions.push(j)
                        }
                        _ => continue 'pattern,
                    }
                }
                found.push(Found {
                    id,
                    positions: positions.clone(),
                });
            }
        }
    }
    found
}

/// Keeps non-overlapping occurrences: more words first, then the more specific
/// pattern, then the tighter span, then the earlier one.
fn resolve<'p>(mut found: Vec<Found>, pattern: impl Fn(u32) -> &'p Pattern) -> Vec<Found> {
    found.sort_by(|a, b| {
        let span = |f: &Found| f.positions.last().unwrap_or(&0) - f.positions[0];
        b.positions
            .len()
            .cmp(&a.positions.len())
            .then(pattern(b.id).specificity.cmp(&pattern(a.id).specificity))
            .then(span(a).cmp(&span(b)))
            .then(a.positions[0].cmp(&b.positions[0]))
            .then(a.id.cmp(&b.id))
    });
    let tokens = found
        .iter()
        .filter_map(|f| f.positions.last())
        .max()
        .map_or(0, |&p| p + 1);
    let mut used = vec![false; tokens];
    let mut kept = Vec::new();
    for f in found {
        if f.positions.iter().any(|&p| used[p]) {
            continue;
        }
        for &p in &f.positions {
            used[p] = true;
        }
        kept.push(f);
    }
    kept.sort_by_key(|f| (f.positions[0], f.id));
    kept
}

fn unit_text_words<'a>(text: &'a str, tokens: &[Token]) -> Vec<&'a str> {
    tokens
        .iter()
        .map(|t| &text[t.start as usize..t.end as usize])
        .collect()
}

fn surface(text: &str, tokens: &[Token], positions: &[usize]) -> String {
    let mut s = String::new();
    for (k, &p) in positions.iter().enumerate() {
        if k > 0 {
            s.push_str(if p == positions[k - 1] + 1 { " " } else { " … " });
        }
        s.push_str(&text[tokens[p].start as usize..tokens[p].end as usize]);
    }
    s
}

/// How far into its clause (in words other than context triggers) an actor mention can
/// still be the subject.
const SUBJECT_REACH: usize = 2;

/// The subject of each clause, when one is recognised: an actor mention that no
/// preposition governs ("met de provincie" is no subject) near the start of its clause.
/// The RESOC wins when both it and another actor are named. A clause without one
/// takes the previous clause's actor in the same sentence.
fn clause_actors(
    tokens: &[Token],
    triggers: &[Found],
    context: &ContextRules,
    clause: &[u32],
    words: Vec<&str>,
) -> Vec<Option<Actor>> {
    let n_clauses = clause.last().map_or(0, |c| *c as usize + 1);
    let mut kind_at: Vec<Option<ContextKind>> = vec![None; tokens.len()];
    for t in triggers {
        for &p in &t.positions {
            kind_at[p] = Some(context.rules[t.id as usize].kind);
        }
    }
    let mut own: Vec<Option<Actor>> = vec![None; n_clauses];
    for t in triggers {
        let kind = context.rules[t.id as usize].kind;
        if !matches!(kind, ContextKind::ActorSelf | ContextKind::ActorOther) {
            continue;
        }
        let start = t.positions[0];
        let mut k = start;
        while k > 0 && kind_at[k - 1] == Some(ContextKind::Determiner) && clause[k - 1] == clause[start] {
            k -= 1;
        }
        if k > 0 && kind_at[k - 1] == Some(ContextKind::Preposition) && clause[k - 1] == clause[start] {
            continue;
        }
        // The agent of a passive ("worden uitgevoerd door de intercommunale") acts,
        // wherever it stands.
        let agent = k > 0 && kind_at[k - 1] == Some(ContextKind::Agent) && clause[k - 1] == clause[start];
        let c = clause[start] as usize;
        // Dutch puts the subject first or right after the finite verb: another actor
        // deeper in the clause is an object ("bezorgt de minister een advies").
        let clause_start = clause.iter().position(|&x| x as usize == c).unwrap_or(0);
        // Counted in words that are not context triggers, so that inserting "niet" or
        // "ook" before the subject does not change who the subject is.
        let depth = (clause_start..start).filter(|&p| kind_at[p].is_none()).count();
        if kind == ContextKind::ActorOther && !agent && depth > SUBJECT_REACH {
            continue;
        }
        let who: Vec<&str> = t.positions.iter().map(|&p| words[p]).collect();
        match (kind, &own[c]) {
            (ContextKind::ActorSelf, _) => own[c] = Some(Actor::Resoc),
            (ContextKind::ActorOther, None) => own[c] = Some(Actor::Other(who.join(" "))),
            _ => {}
        }
    }
    // A field line ("Trekker: VDAB", "Promotor: het RESOC") names in its value who
    // holds the role its label names.
    if n_clauses > 1 && own[0].is_none() {
        let label_len = clause.iter().take_while(|&&c| c == 0).count();
        let value_start = label_len;
        let labelled = (0..label_len).any(|p| kind_at[p] == Some(ContextKind::RoleLabel));
        if labelled && label_len <= 3 && tokens[value_start].gap & gap::CLAUSE != 0 {
            own[0] = Some(match &own[1] {
                Some(a) => a.clone(),
                None => {
                    let value: Vec<&str> = words[value_start..].iter().take(4).copied().collect();
                    Actor::Other(value.join(" "))
                }
            });
        }
    }
    let mut inherited: Vec<Option<Actor>> = Vec::with_capacity(n_clauses);
    let mut current: Option<Actor> = None;
    for a in own {
        if a.is_some() {
            current = a;
        }
        inherited.push(current.clone());
    }
    inherited
}

/// The factor of the other-actor rule that made the clause's subject.
fn actor_other_factor(context: &ContextRules, triggers: &[Found], clause: &[u32], first: usize) -> f64 {
    triggers
        .iter()
        .filter(|t| {
            context.rules[t.id as usize].kind == ContextKind::ActorOther
                && clause[t.positions[0]] <= clause[first]
        })
        .map(|t| context.rules[t.id as usize].factor)
        .next_back()
        .unwrap_or(0.0)
}

/// The context a lead-in sentence ("Het RESOC kan diverse initiatieven nemen:")
/// passes on to its list items: the hedges, emphasis, time and open negation of its
/// last clause, and that clause's actor.
fn lead_in_carry(
    unit: &crate::segment::Unit,
    tokens: &[Token],
    triggers: &[Found],
    context: &ContextRules,
    clause: &[u32],
    cues: &[Found],
    actors: &[Option<Actor>],
) -> Carry {
    let mut carry = Carry::default();
    let Some(&last_clause) = clause.last() else {
        return carry;
    };
    let mut present = false;
    for t in triggers {
        let rule = &context.rules[t.id as usize];
        let end = *t.positions.last().unwrap_or(&t.positions[0]);
        if clause[t.positions[0]] != last_clause {
            continue;
        }
        let words = surface(&unit.text, tokens, &t.positions);
        match rule.kind {
            ContextKind::Hedge | ContextKind::Emphasis | ContextKind::Past => carry.modifiers.push((
                rule.kind,
                Modifier {
                    kind: rule.kind.as_str(),
                    trigger: words,
                    factor: rule.factor,
                },
            )),
            ContextKind::Present => present = true,
            ContextKind::Negation if matches!(rule.scope, Scope::Forward | Scope::Both) => {
                let cue_after = cues
                    .iter()
                    .any(|c| c.positions[0] > end && clause[c.positions[0]] == last_clause);
                if !cue_after {
                    carry.modifiers.push((
                        rule.kind,
                        Modifier {
                            kind: "negation",
                            trigger: words,
                            factor: 0.0,
                        },
                    ));
                }
            }
            _ => {}
        }
    }
    if present {
        carry.modifiers.retain(|(k, _)| *k != ContextKind::Past);
    }
    carry.actor = actors.get(last_clause as usize).cloned().flatten();
    carry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze_section;
    use crate::registry::Registry;
    use crate::segment::segment_document;

    /// Cue matches of a one-paragraph text: (matched words, weight, negated).
    fn run(text: &str) -> Vec<(String, f64, bool, String)> {
        let lex = Lexicon::builtin();
        let ctx = ContextRules::builtin();
        let doc = segment_document("t.md", &format!("# RESOC Test\n\n{text}\n"), &Registry::builtin());
        let mut out = Vec::new();
        for s in &doc.sections {
            let a = analyze_section(s);
            for f in match_section(s, &a, &lex, &ctx) {
                for m in f.matches {
                    let cat = &lex.category(lex.cues[m.cue as usize].category).name;
                    out.push((
                        m.matched.clone(),
                        (m.weight * 1000.0).round() / 1000.0,
                        m.negated,
                        cat.clone(),
                    ));
                }
            }
        }
        out
    }

    /// Units without a cue word or a statement witness are not read; reading every
    /// unit must give the same findings (on the bundled corpus and the validity pacts,
    /// which have lead-ins without cues that hedge or negate their list items).
    #[test]
    fn units_without_a_witness_word_are_skipped_without_changing_a_finding() {
        let lex = Lexicon::builtin();
        let ctx = ContextRules::builtin();
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in ["corpus", "tests/fixtures/validity/pacts"] {
            for e in std::fs::read_dir(dir).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        files.sort();
        let mut texts: Vec<(String, String)> = files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect();
        // Units that are read for what they are, not for a cue word: a statement
        // about the role, and lead-ins that hedge or negate the items of their list.
        texts.push((
            "crafted".into(),
            "# RESOC Test\n\nWelke rol het RESOC speelt, hangt af van het thema.\n\n\
             In uitzonderlijke gevallen zal het RESOC zelf:\n\n- een trekkersrol opnemen\n- projecten indienen\n\n\
             Het RESOC zal in geen geval:\n\n- projecten uitvoeren\n"
                .into(),
        ));
        let (mut units, mut skipped) = (0, 0);
        for (path, text) in texts {
            let doc = segment_document("t.md", &text, &Registry::builtin());
            for s in &doc.sections {
                let a = analyze_section(s);
                let fast = match_section(s, &a, &lex, &ctx);
                let cue: Vec<Vec<AtomId>> =
                    a.analyzer.forms().iter().map(|f| lex.atoms.matching(f)).collect();
                let context: Vec<Vec<AtomId>> =
                    a.analyzer.forms().iter().map(|f| ctx.atoms.matching(f)).collect();
                let all = vec![true; s.units.len()];
                let full = match_units(s, &a, &lex, &ctx, &cue, &context, &all);
                assert_eq!(fast, full, "{path} section {}", s.index);
                units += s.units.len();
                skipped += fast.iter().filter(|f| f.matches.is_empty()).count();
            }
        }
        assert!(
            skipped * 3 > units,
            "most units have no cue: {skipped} of {units}"
        );
    }

    fn weight_of(text: &str, word: &str) -> f64 {
        run(text)
            .into_iter()
            .find(|(m, ..)| m == word)
            .unwrap_or_else(|| panic!("no match '{word}' in {:?}", run(text)))
            .1
    }

    #[test]
    fn negation_cancels_forward_within_the_clause() {
        assert_eq!(
            weight_of("Het RESOC neemt geen trekkersrol op.", "trekkersrol"),
            0.0
        );
        assert_eq!(
            weight_of("Het RESOC werkt zonder zelf initiatief te nemen.", "initiatief"),
            0.0
        );
        // The scope ends at "maar" and at a comma.
        assert_eq!(
            weight_of(
                "Het RESOC neemt geen trekkersrol op maar organiseert overleg.",
                "overleg"
            ),
            1.0
        );
        assert_eq!(
            weight_of(
                "Het RESOC trekt geen projecten, het organiseert overleg.",
                "overleg"
            ),
            1.0
        );
        // Verb-final "niet" reaches back.
        assert_eq!(
            weight_of("Het RESOC zal de projecten niet uitvoeren.", "projecten"),
            0.0
        );
    }

    /// A negation between the words of a phrase cue (verb-final word order) negates
    /// the phrase; it must not break it and let the phrase's first word count alone.
    #[test]
    fn a_negation_inside_a_phrase_cue_negates_it() {
        let found = run("Men verwacht dat het RESOC initiatieven niet ondersteunt.");
        assert_eq!(
            found,
            [(
                "initiatieven … ondersteunt".to_string(),
                0.0,
                true,
                "ondersteuning".to_string()
            )]
        );
        let plain = run("Men verwacht dat het RESOC initiatieven ondersteunt.");
        assert_eq!(plain.len(), 1);
        assert_eq!(
            (plain[0].0.as_str(), plain[0].2),
            ("initiatieven ondersteunt", false)
        );
    }

    #[test]
    fn pseudo_negation_does_not_negate() {
        assert_eq!(
            weight_of(
                "Het RESOC organiseert niet alleen overleg maar ook projecten.",
                "overleg"
            ),
            1.0
        );
        assert_eq!(
            weight_of(
                "Het RESOC organiseert niet alleen overleg maar ook projecten.",
                "projecten"
            ),
            1.0
        );
    }

    #[test]
    fn backward_deemphasis_lowers_the_earlier_clause() {
        let w = weight_of(
            "Het RESOC zet projecten op rond leefbaarheid, maar beschouwt dit niet tot haar kernopdracht.",
            "projecten",
        );
        assert!((w - 0.3).abs() < 1e-9, "{w}");
    }

    #[test]
    fn hedges_emphasis_and_typography() {
        assert_eq!(weight_of("Het RESOC kan projecten opzetten.", "projecten"), 0.5);
        assert_eq!(
            weight_of(
                "In uitzonderlijke gevallen neemt het RESOC initiatief.",
                "initiatief"
            ),
            0.3
        );
        assert_eq!(weight_of("Het RESOC organiseert vooral overleg.", "overleg"), 1.5);
        assert_eq!(
            weight_of("- **Nadruk op organiseren van overleg**", "overleg"),
            1.5
        );
        assert_eq!(weight_of("- (initiëren van projecten)", "initiëren"), 0.5);
    }

    #[test]
    fn morphology_compounds_and_separable_verbs() {
        for (text, word, cat) in [
            ("Het RESOC overlegde met de partners.", "overlegde", "overleg"),
            (
                "De streek wordt geadviseerd door het RESOC.",
                "geadviseerd",
                "overleg",
            ),
            (
                "Het RESOC heeft het project geïnitieerd.",
                "geïnitieerd",
                "project",
            ),
            ("Het RESOC neemt de trekkersrol op.", "trekkersrol", "project"),
            ("Er komt een overlegplatform.", "overlegplatform", "overleg"),
            (
                "Het RESOC lanceert een projectoproep.",
                "projectoproep",
                "project",
            ),
            (
                "Het RESOC zoekt financieringskanalen.",
                "financieringskanalen",
                "project",
            ),
            ("Het RESOC brengt de partners samen.", "brengt … samen", "overleg"),
            ("Het RESOC voert de projecten uit.", "voert … uit", "project"),
            ("Het RESOC stelt het pact op.", "stelt … op", "sturing"),
            ("Het RESOC gaat coordineren.", "coordineren", "partner"),
        ] {
            let got = run(text);
            assert!(
                got.iter().any(|(m, w, _, c)| m == word && c == cat && *w > 0.0),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn false_friends_and_names_count_nothing() {
        for text in [
            "De projectie van de bevolking daalt.",
            "De regio wil investeerders aantrekken.",
            "De streek trekt investeerders aan.",
            "De opvolger van het pact volgt later.",
            "Het Regionaal Sociaal-Economisch Overlegcomité werd opgericht.",
            "Streekoverleg Zuidrand vergadert maandelijks.",
            "De sociale partners zetelen in de raad.",
        ] {
            let got: Vec<_> = run(text).into_iter().filter(|(_, w, ..)| *w > 0.0).collect();
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn other_actors_count_nothing_and_the_resoc_fully() {
        let got = run("De provincie voert de projecten uit, het RESOC brengt de partners samen.");
        let projects = got.iter().find(|(m, ..)| m == "voert … uit").unwrap();
        assert_eq!(projects.1, 0.0, "{got:?}");
        assert_eq!(got.iter().find(|(m, ..)| m == "brengt … samen").unwrap().1, 1.0);
        // A preposition keeps an actor from being the subject.
        assert_eq!(
            weight_of("Samen met de provincie organiseert het RESOC overleg.", "overleg"),
            1.0
        );
        assert_eq!(
            weight_of("Het RESOC organiseert overleg met de VDAB.", "overleg"),
            1.0
        );
        // An actor deep in the clause is an object, not the subject.
        assert_eq!(
            weight_of(
                "Het bundelt de vragen en bezorgt de minister een advies.",
                "advies"
            ),
            1.0
        );
        // The agent of a passive acts, wherever it stands.
        assert_eq!(
            weight_of(
                "De projecten worden uitgevoerd door de intercommunale.",
                "uitgevoerd"
            ),
            0.0
        );
        // A field line names the role holder in its value.
        assert_eq!(weight_of("Trekker: VDAB", "Trekker"), 0.0);
        assert_eq!(weight_of("Trekker: het RESOC", "Trekker"), 1.0);
    }

    #[test]
    fn past_roles_weigh_less_than_present_ones() {
        assert_eq!(
            weight_of("Vroeger organiseerde het RESOC zelf projecten.", "projecten"),
            0.3
        );
        assert_eq!(
            weight_of("Voortaan brengt het RESOC de partners samen.", "brengt … samen"),
            1.0
        );
    }

    #[test]
    fn lead_in_context_carries_over_to_list_items() {
        let got = run("Om de doelstellingen te realiseren, kan het RESOC diverse initiatieven nemen:\n\n- partners bijeenbrengen\n- financieringskanalen zoeken");
        let item = got.iter().find(|(m, ..)| m == "financieringskanalen").unwrap();
        assert_eq!(item.1, 0.5);
        let got = run("De provincie zal:\n\n- projecten uitvoeren");
        assert_eq!(got.iter().find(|(m, ..)| m == "projecten").unwrap().1, 0.0);
    }

    #[test]
    fn meta_statements_need_a_role_word() {
        let lex = Lexicon::builtin();
        let ctx = ContextRules::builtin();
        let flags = |text: &str| {
            let doc = segment_document("t.md", &format!("# RESOC Test\n\n{text}\n"), &Registry::builtin());
            let s = &doc.sections[0];
            let a = analyze_section(s);
            let f = match_section(s, &a, &lex, &ctx);
            (
                f.iter().any(|u| u.theme_statement),
                f.iter().any(|u| u.unclear_statement),
            )
        };
        assert_eq!(flags("De rol hangt af van het thema."), (true, false));
        assert_eq!(flags("Het succes hangt af van de conjunctuur."), (false, false));
        assert_eq!(
            flags("Geen echte duidelijkheid over de rol van de RESOC."),
            (false, true)
        );
        assert_eq!(
            flags("Rol niet altijd duidelijk uit streekpact af te leiden."),
            (false, true)
        );
        assert_eq!(
            flags("De toekomst van de textiel is onduidelijk."),
            (false, false)
        );
    }
}
