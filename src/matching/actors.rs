//! Actors: whose role a clause describes — the RESOC, another actor, or unknown.

use super::*;

/// How far into its clause (in words other than context triggers) an actor mention can
/// still be the subject.
pub(super) const SUBJECT_REACH: usize = 2;

/// The subject of each clause, when one is recognised: an actor mention that no
/// preposition governs ("met de provincie" is no subject) near the start of its clause.
/// The RESOC wins when both it and another actor are named. A clause without one
/// takes the previous clause's actor in the same sentence.
pub(super) fn clause_actors(
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
    // holds the role its label names: a short first clause with a label, or a label
    // that ends a clause inside a line ("Duaal leren in de horeca – trekker: VIVES, …").
    for c in 0..n_clauses.saturating_sub(1) {
        let Some(last) = clause.iter().rposition(|&x| x as usize == c) else {
            continue;
        };
        let value_start = last + 1;
        let labelled = if c == 0 {
            value_start <= 3 && (0..value_start).any(|p| kind_at[p].is_some_and(ContextKind::is_label))
        } else {
            kind_at[last].is_some_and(ContextKind::is_label)
        };
        if own[c].is_none() && labelled && tokens[value_start].gap & gap::CLAUSE != 0 {
            own[c] = Some(match &own[c + 1] {
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
pub(super) fn actor_other_factor(
    context: &ContextRules,
    triggers: &[Found],
    clause: &[u32],
    first: usize,
) -> f64 {
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

/// Whether unit word `k` can stand for the RESOC as an agent: a pronoun or a
/// demonstrative that points back ("het", "zij", "dit orgaan"; a relative "die"), a
/// possessive that can be its own ("haar rol", "onze missie", "zijn taak"). Errs on
/// the side of yes: a word read here only sends the unit to the parser, which decides.
/// `folded` are the unit's words as the analyzer folds them (lowercase);
/// `other_actor_at` marks the words of another actor's name.
pub(super) fn may_stand_for_resoc(folded: &[&str], k: usize, other_actor_at: &[bool]) -> bool {
    match folded[k] {
        // Dutch has no pronoun "het" after a preposition ("ervoor", "erover" take its
        // place), so there it is an article; so it is before another actor's name
        // ("het stadsbestuur").
        "het" => {
            let after_preposition = k > 0 && PREPOSITIONS.contains(&folded[k - 1]);
            let before_other_actor = other_actor_at.get(k + 1) == Some(&true);
            !after_preposition && !before_other_actor
        }
        "haar" | "ons" | "onze" => true,
        // "zijn" is mostly the verb; as a possessive it stands before what it owns.
        "zijn" => folded.get(k + 1).is_some_and(|next| ROLE_NOUNS.contains(next)),
        w => POINTING_BACK.contains(&w),
    }
}

/// Prepositions, after which "het" is an article.
const PREPOSITIONS: &[&str] = &[
    "aan", "achter", "bij", "binnen", "boven", "buiten", "dankzij", "door", "in", "inzake", "langs", "met",
    "na", "naar", "naast", "namens", "om", "omtrent", "onder", "op", "over", "per", "rond", "rondom",
    "sinds", "tegen", "tijdens", "tot", "tussen", "uit", "van", "vanuit", "via", "volgens", "voor", "wegens",
    "zonder",
];

/// A label ("Rol van het comité: overleg") or a table row has no subject of its own:
/// what it says may be the RESOC's without naming it.
pub(super) fn may_have_no_subject(text: &str) -> bool {
    text.contains([':', '|'])
}

/// Who acts in a sentence where no word can stand for the RESOC and no other actor is
/// recognised by name: someone or something else.
pub(super) const NOT_THE_RESOC: &str = "not the RESOC";

/// A passive ("worden opgezet", "werd besproken") without "door …": whoever acts is
/// left unsaid.
/// `folded`: the unit's words, lowercase.
pub(super) fn passive_without_agent(folded: &[&str]) -> bool {
    let has = |set: &[&str]| folded.iter().any(|w| set.contains(w));
    has(&["wordt", "worden", "werd", "werden"]) && !has(&["door"])
}
