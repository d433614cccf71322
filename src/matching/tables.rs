//! Tables: which column of a table row says who holds the row's action, and which
//! states the RESOC's role in words — read from the header row's labels with the
//! context lexicon (`holder_label`, `role_word` + `actor_self`).

use std::ops::Range;

use super::*;
use crate::segment::{table_cells, TableCells};

/// The columns of a table row that say whose the row is.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RowColumns {
    /// The row's cell in the column whose label names who holds the action
    /// ("| Actie | Trekker | Partners |"), with that label.
    pub(super) holder: Option<HolderColumn>,
    /// The byte span of the row's cell in the column whose label is the RESOC's role
    /// ("| Werf | Rol RESOC |"): what that cell says, the RESOC does.
    pub(super) role_cell: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct HolderColumn {
    /// The byte span, in the row's text, of its cell in the holder column.
    pub(super) cell: Range<usize>,
    /// The index, in the section, of the table's header row.
    pub(super) header: usize,
    /// The byte span, in the header row's text, of the column's label ("Trekker").
    pub(super) label: Range<usize>,
}

/// Reads the columns of `row` from its header: `header_text` and `header_tokens` are the
/// header row's, `header_triggers` the context triggers found in it. The holder column
/// is the first whose label starts with a `holder_label` ("Trekker", "Promotor /
/// trekker", "Verantwoordelijke partner"; not "Partner (trekker)"); the role column the
/// first whose label has both a `role_word` and a word for the RESOC ("Rol RESOC",
/// "Taak van het comité"; not "Rol", which may be anyone's).
pub(super) fn row_columns(
    row: &TableCells,
    header_text: &str,
    header_tokens: &[Token],
    header_triggers: &[Found],
    context: &ContextRules,
) -> RowColumns {
    let labels: Vec<Range<usize>> = table_cells(header_text).collect();
    let kinds_in = |label: &Range<usize>| -> Vec<(ContextKind, usize)> {
        header_triggers
            .iter()
            .map(|t| {
                (
                    context.rules[t.id as usize].kind,
                    header_tokens[t.positions[0]].start as usize,
                )
            })
            .filter(|(_, start)| label.contains(start))
            .collect()
    };
    let holder_at = labels.iter().position(|label| {
        kinds_in(label)
            .iter()
            .any(|&(kind, start)| kind == ContextKind::HolderLabel && start == label.start)
    });
    let role_at = labels.iter().position(|label| {
        let kinds = kinds_in(label);
        let has = |k: ContextKind| kinds.iter().any(|&(kind, _)| kind == k);
        has(ContextKind::RoleWord) && has(ContextKind::ActorSelf)
    });
    RowColumns {
        holder: holder_at.and_then(|c| {
            Some(HolderColumn {
                cell: row.cells.get(c)?.clone(),
                header: row.header,
                label: labels[c].clone(),
            })
        }),
        role_cell: role_at.and_then(|c| row.cells.get(c).cloned()),
    }
}

/// Another actor a role cell names as the one who acts: "door" before its name
/// ("geen eigen rol; opvolging door de provincie"), the agent of the nominalised act.
/// `text` is the row's text.
pub(super) fn other_agent_in_cell(
    cell: &Range<usize>,
    text: &str,
    tokens: &[Token],
    triggers: &[Found],
    context: &ContextRules,
) -> Option<Actor> {
    let kind_of = |t: &Found| context.rules[t.id as usize].kind;
    let inside = |t: &Found| cell.contains(&(tokens[t.positions[0]].start as usize));
    let is_kind_at = |p: usize, kind: ContextKind| {
        triggers
            .iter()
            .any(|t| kind_of(t) == kind && t.positions.contains(&p))
    };
    triggers
        .iter()
        .filter(|t| kind_of(t) == ContextKind::ActorOther && inside(t))
        .find(|t| {
            let mut k = t.positions[0];
            while k > 0 && is_kind_at(k - 1, ContextKind::Determiner) {
                k -= 1;
            }
            k > 0 && is_kind_at(k - 1, ContextKind::Agent)
        })
        .map(|t| {
            let (first, last) = (t.positions[0], *t.positions.last().unwrap_or(&t.positions[0]));
            Actor::Other(text[tokens[first].start as usize..tokens[last].end as usize].to_string())
        })
}
