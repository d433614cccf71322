//! Lead-ins: what a list's lead-in sentence carries over to its items.

use super::*;

/// What a list's lead-in sentence passes on to its items.
#[derive(Debug, Clone, Default)]
pub(super) struct Carry {
    pub(super) modifiers: Vec<(ContextKind, Modifier)>,
    pub(super) actor: Option<Actor>,
}

/// The context a lead-in sentence ("Het RESOC kan diverse initiatieven nemen:")
/// passes on to its list items: the hedges, emphasis, time and open negation of its
/// last clause, and that clause's actor.
pub(super) fn lead_in_carry(
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

/// Words that announce an enumeration: "een aantal initiatieven", "de volgende acties",
/// "diverse projecten".
const ENUMERATING: &[&str] = &[
    "aantal",
    "volgende",
    "enkele",
    "verschillende",
    "diverse",
    "reeks",
    "allerlei",
    "meerdere",
    "tal",
];

/// "Het RESOC kan een aantal initiatieven nemen:" followed by what those initiatives
/// are: the lead-in's enumerated noun is read through its items, which say what the
/// RESOC does (partners bringing together, finding funds, …); counting the noun as
/// well would count the list twice, and with the noun's pole rather than the items'.
/// So a role word that ends a lead-in (in its last three words, before the colon),
/// announced by an enumerating word right before it, counts 0 when an item of its list
/// has a role word that counts. Without such an item ("de volgende projecten:" over
/// project names) the lead-in is the only statement and keeps its weight.
pub(super) fn read_enumerations_through_their_items(
    section: &Section,
    analyzed: &AnalyzedSection,
    out: &mut [UnitFindings],
) {
    // Lead-ins with an item whose role word counts, in one pass over the items.
    let mut items_count = vec![false; section.units.len()];
    for (unit, found) in section.units.iter().zip(out.iter()) {
        if let Some(l) = unit.lead.filter(|&l| l < items_count.len()) {
            items_count[l] |= found.matches.iter().any(|m| m.weight > 0.0);
        }
    }
    for (l, lead) in section.units.iter().enumerate() {
        if !items_count[l] || lead.kind == UnitKind::ListItem || !lead.text.trim_end().ends_with(':') {
            continue;
        }
        let tokens = analyzed.unit(l);
        let folded = |t: usize| analyzed.analyzer.form(tokens[t].form).folded.as_str();
        for m in out[l].matches.iter_mut().filter(|m| m.weight > 0.0) {
            let last = tokens
                .iter()
                .rposition(|t| (t.start as usize) < m.byte_end)
                .unwrap_or(m.first_token);
            if last + 3 < tokens.len() {
                continue;
            }
            let announced =
                (m.first_token.saturating_sub(3)..m.first_token).find(|&t| ENUMERATING.contains(&folded(t)));
            if let Some(t) = announced {
                m.weight = 0.0;
                m.modifiers.push(Modifier {
                    kind: "enumerated",
                    trigger: folded(t).to_string(),
                    factor: 0.0,
                });
            }
        }
    }
}
