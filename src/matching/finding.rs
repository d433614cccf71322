//! Finding: where the cue and trigger patterns occur in a unit (longest, most specific
//! wins), and the words they matched.

use super::*;

pub(super) struct Found {
    pub(super) id: u32,
    pub(super) positions: Vec<usize>,
    /// For a one-word pattern, how much of the word it pins down: the whole word (3),
    /// the head of a compound (`*word`, 2), its modifier (`word*`, 1), a part (0). A
    /// Dutch compound means what its head means: "sensibiliseringscampagne" is a
    /// campaign, "netwerkevent" an event.
    pub(super) word_rank: u8,
    /// A predicate–object pair: the object's token (also in `positions`, which are in
    /// text order).
    pub(super) object: Option<usize>,
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
            find_cues(tokens, cue_atoms, lexicon, &clause, &hard, &[], GAP_WINDOW)
                .into_iter()
                .map(|f| (f.id, f.positions))
                .collect()
        })
        .collect();
    cache.give_back(&CUE_ATOMS);
    found
}

/// All occurrences of the lexicon's cues in a unit, overlapping, before resolution.
/// Cue occurrences. A word marked in `negations` may stand between two words of a
/// phrase cue ("dat het RESOC initiatieven niet ondersteunt"): the cue still matches,
/// and the negation inside it then applies to it, instead of breaking the phrase and
/// letting its first word count on its own. A `...` gap reaches `gap_window` words.
pub(super) fn find_cues(
    tokens: &[Token],
    cue_atoms: &[Vec<AtomId>],
    lexicon: &Lexicon,
    clause: &[u32],
    gap_clause: &[u32],
    negations: &[bool],
    gap_window: usize,
) -> Vec<Found> {
    let mut found = find_patterns(
        tokens,
        cue_atoms,
        &lexicon.atoms,
        &lexicon.first_atom,
        |id| &lexicon.cues[id as usize].pattern,
        Reach {
            clause,
            gap_clause,
            skippable: negations,
            gap_window,
        },
    );
    // A word that a name or false friend claims is no pair's object ("organiseert het
    // overlegcomité … een rekruteringsdag": the RESOC's name is no overleg it organises).
    let claimed: Vec<usize> = found
        .iter()
        .filter(|f| f.positions.len() == 1 && lexicon.cues[f.id as usize].weight == 0.0)
        .map(|f| f.positions[0])
        .collect();
    found.retain(|f| f.object.is_none_or(|j| !claimed.contains(&j)));
    found
}

/// How far a pattern may reach for its next word: within the clause of the previous
/// word (`gap_clause` after a `...` gap), and over one `skippable` word.
pub(super) struct Reach<'a> {
    pub(super) clause: &'a [u32],
    pub(super) gap_clause: &'a [u32],
    pub(super) skippable: &'a [bool],
    /// How many words a `...` gap may span.
    pub(super) gap_window: usize,
}

/// All occurrences of all patterns, overlapping, before resolution.
pub(super) fn find_patterns<'p>(
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
        gap_window,
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
                let predicate_words = p.object.unwrap_or(p.atoms.len());
                for k in 1..predicate_words {
                    let last = *positions.last().unwrap_or(&i);
                    let skip = skippable.get(last + 1) == Some(&true);
                    let reach = if p.gap_before[k] {
                        gap_window + 1
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
                // The object of a pair: inside a separable predicate's gap ("richt een
                // werkgroep op", "neemt de trekkersrol op"), else the nearest word
                // after the predicate in its clause, else the nearest before it ("de
                // studiedag die het RESOC organiseert"), within the gap window.
                let mut object = None;
                if let Some(k) = p.object {
                    let (first, last) = (positions[0], *positions.last().unwrap_or(&i));
                    let fits = |j: usize| {
                        gap_clause[j] == gap_clause[first]
                            && !positions.contains(&j)
                            && token_has(atom_cache, atoms, &tokens[j], p.atoms[k])
                    };
                    let inside = (first + 1..last).find(|&j| fits(j));
                    let after = || (last + 1..tokens.len().min(last + 2 + gap_window)).find(|&j| fits(j));
                    let before = || {
                        (first.saturating_sub(gap_window + 1)..first)
                            .rev()
                            .find(|&j| fits(j))
                    };
                    let Some(j) = inside.or_else(after).or_else(before) else {
                        continue 'pattern;
                    };
                    positions.push(j);
                    positions.sort_unstable();
                    object = Some(j);
                }
                let word_rank = match &atoms.get(p.atoms[0]).kind {
                    _ if p.atoms.len() > 1 => 0,
                    AtomKind::Word { .. } | AtomKind::Exact(_) => 3,
                    // A word no longer than the glob's letters (and a diacritic) is the
                    // glob's own word, not a compound.
                    AtomKind::Prefix(g) | AtomKind::Suffix(g)
                        if (tok.end - tok.start) as usize <= g.len() + 1 =>
                    {
                        3
                    }
                    AtomKind::Suffix(_) => 2,
                    AtomKind::Prefix(_) => 1,
                    AtomKind::Infix(_) | AtomKind::Any => 0,
                };
                found.push(Found {
                    id,
                    positions: positions.clone(),
                    word_rank,
                    object,
                });
            }
        }
    }
    found
}

/// Keeps non-overlapping occurrences: more words first; between one-word patterns, the
/// one that pins down more of the word (whole word, then head, then modifier); then
/// the more specific pattern, then the tighter span, then the earlier one.
pub(super) fn resolve<'p>(mut found: Vec<Found>, pattern: impl Fn(u32) -> &'p Pattern) -> Vec<Found> {
    found.sort_by(|a, b| {
        let span = |f: &Found| f.positions.last().unwrap_or(&0) - f.positions[0];
        b.positions
            .len()
            .cmp(&a.positions.len())
            .then(b.word_rank.cmp(&a.word_rank))
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

pub(super) fn unit_text_words<'a>(text: &'a str, tokens: &[Token]) -> Vec<&'a str> {
    tokens
        .iter()
        .map(|t| &text[t.start as usize..t.end as usize])
        .collect()
}

pub(super) fn surface(text: &str, tokens: &[Token], positions: &[usize]) -> String {
    let mut s = String::new();
    for (k, &p) in positions.iter().enumerate() {
        if k > 0 {
            s.push_str(if p == positions[k - 1] + 1 { " " } else { " … " });
        }
        s.push_str(&text[tokens[p].start as usize..tokens[p].end as usize]);
    }
    s
}
