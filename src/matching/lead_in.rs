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
