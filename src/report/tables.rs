//! The output tables as typed cells — resocs, sections, matches, inputs — and one
//! document's rows rendered for the files, the workbook and the page. The CSV
//! dialects and the workbook render the same cells, so they can never disagree.

use super::csv::{csv_rows, with_number, Cell, Dialect};
use super::{html, workbook, RunOptions};
use crate::scoring::{DocumentSummary, ModifierRecord, RunResult, ScoringOptions};

/// One output table: its name, its columns and its rows.
pub struct Table<'a> {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// One document's rows of sections.csv, matches.csv and clauses.csv, formatted in a dialect, ready
/// to be appended to the files (see [`render_rows`]).
pub struct RenderedRows {
    pub(super) dialect: Dialect,
    pub(super) sections: Vec<u8>,
    pub(super) matches: Vec<u8>,
    pub(super) clauses: Vec<u8>,
    /// The same rows as cells of the workbook, when one is written.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(super) sheet: Option<workbook::SheetRows>,
    /// What the HTML report shows of the document, when it is written.
    pub(super) page: Option<html::PageEvidence>,
}

/// Formats one document's rows of sections.csv and matches.csv (no header) in the
/// run's dialect, and what the workbook and the HTML report need of it when the run
/// writes them. Made to run on the worker thread that analysed the document, right
/// after it: the document's memory is then still in that core's cache, and it can be
/// dropped there. The bytes are those a single writer of the whole file would write for
/// these rows.
pub fn render_rows(doc: &DocumentSummary, options: &RunOptions) -> std::io::Result<RenderedRows> {
    let d = options.dialect;
    Ok(RenderedRows {
        dialect: d,
        sections: csv_rows(d, None, |each| section_rows(doc, &options.scoring, each))?,
        matches: csv_rows(d, None, |each| match_rows(doc, each))?,
        clauses: csv_rows(d, None, |each| clause_rows(doc, each))?,
        sheet: options
            .xlsx
            .then(|| workbook::SheetRows::of(doc, &options.scoring)),
        page: options.report.then(|| html::PageEvidence::of(doc)),
    })
}

pub const RESOC_COLUMNS: &[&str] = &[
    "resoc",
    "score",
    "logit_score",
    "ci_low",
    "ci_high",
    "type",
    "theme_dependent",
    "documents",
    "sections",
    "tokens",
    "overleg_weight",
    "project_weight",
    "province",
    "units",
    "evidence_units",
    "matches",
    "theme_statement",
    "unclear_statement",
    "overleg_sections",
    "project_sections",
];

pub fn resocs_table(run: &RunResult) -> Table<'_> {
    let rows = run
        .resocs
        .iter()
        .map(|r| {
            let s = &r.score;
            vec![
                Cell::text(&r.name),
                Cell::opt(s.score),
                Cell::opt(s.logit),
                Cell::opt(s.ci.map(|c| c.0)),
                Cell::opt(s.ci.map(|c| c.1)),
                Cell::text(s.role.as_str()),
                Cell::Flag(s.theme_dependent),
                Cell::count(r.documents),
                Cell::count(r.sections),
                Cell::count(r.tokens),
                Cell::Number(s.totals.overleg),
                Cell::Number(s.totals.project),
                r.province.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::count(r.units),
                Cell::count(s.evidence_units),
                Cell::count(r.matches),
                Cell::Flag(s.theme_statement),
                Cell::Flag(s.unclear_statement),
                Cell::count(s.overleg_sections),
                Cell::count(s.project_sections),
            ]
        })
        .collect();
    Table {
        name: "resocs",
        columns: RESOC_COLUMNS,
        rows,
    }
}

pub const SECTION_COLUMNS: &[&str] = &[
    "file",
    "resoc",
    "section",
    "title",
    "tokens",
    "overleg_weight",
    "project_weight",
    "score",
    "heading_path",
    "level",
    "line_start",
    "line_end",
    "units",
    "evidence_units",
    "theme_statement",
    "unclear_statement",
];

/// sections.csv of a run that holds its documents; section scores use `scoring.prior`.
pub fn sections_table<'a>(run: &'a RunResult, scoring: &ScoringOptions) -> Table<'a> {
    let mut rows = Vec::new();
    for doc in &run.documents {
        section_rows(doc, scoring, |row| rows.push(row.to_vec()));
    }
    Table {
        name: "sections",
        columns: SECTION_COLUMNS,
        rows,
    }
}

/// The rows of sections.csv for one document, one at a time (rows are arrays: no
/// allocation per row on the streaming path).
pub(super) fn section_rows<'a>(
    doc: &'a DocumentSummary,
    scoring: &ScoringOptions,
    mut each: impl FnMut(&[Cell<'a>]),
) {
    for s in &doc.sections {
        let totals = s.totals();
        each(&[
            Cell::text(&doc.name),
            s.resoc.as_deref().map_or(Cell::Empty, Cell::text),
            Cell::count(s.index),
            Cell::text(&s.title),
            Cell::count(s.tokens),
            Cell::Number(totals.overleg),
            Cell::Number(totals.project),
            Cell::opt(s.score(scoring)),
            Cell::owned(s.heading_path.join(" > ")),
            Cell::Count(s.level as u64),
            Cell::count(s.line_start),
            Cell::count(s.line_end),
            Cell::count(s.units),
            Cell::count(s.evidence.len()),
            Cell::Flag(s.theme_statement),
            Cell::Flag(s.unclear_statement),
        ]);
    }
}

pub const MATCH_COLUMNS: &[&str] = &[
    "file",
    "resoc",
    "section",
    "line",
    "cue",
    "category",
    "pole",
    "weight",
    "context",
    "unit",
    "unit_kind",
    "matched",
    "base_weight",
    "negated",
    "modifiers",
    "actor",
    "agent",
    "agent_relation",
    "predicate",
    "object",
    "contribution",
    "lexicon_line",
    "stem",
    "lexicon_file",
];

pub const CLAUSE_COLUMNS: &[&str] = &[
    "file",
    "resoc",
    "section",
    "line",
    "unit",
    "unit_kind",
    "agent",
    "agent_relation",
    "predicate",
    "context",
];

/// The rows of clauses.csv for one document: the main clause of each parsed unit.
pub(super) fn clause_rows<'a>(doc: &'a DocumentSummary, mut each: impl FnMut(&[Cell<'a>])) {
    for s in &doc.sections {
        for c in &s.clauses {
            each(&[
                Cell::text(&doc.name),
                Cell::owned(c.resoc_cell(s.resoc.as_deref())),
                Cell::count(s.index),
                Cell::count(c.line),
                Cell::count(c.unit),
                Cell::text(&c.unit_kind),
                Cell::text(&c.agent),
                Cell::text(&c.agent_relation),
                Cell::text(&c.predicate),
                Cell::text(&c.context),
            ]);
        }
    }
}

/// The modifiers of a match as one readable cell: `hedge:kan×0.5; bold×1.5`.
pub fn modifiers_cell(mods: &[ModifierRecord], d: Dialect) -> String {
    let mut out = String::new();
    for (k, m) in mods.iter().enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        out.push_str(&m.kind);
        if !m.trigger.is_empty() {
            out.push(':');
            out.push_str(&m.trigger);
        }
        out.push('×');
        with_number(m.factor, d, |f| {
            out.push_str(f.trim_end_matches('0').trim_end_matches(['.', ',']))
        });
    }
    out
}

pub fn matches_table(run: &RunResult) -> Table<'_> {
    let mut rows = Vec::new();
    for doc in &run.documents {
        match_rows(doc, |row| rows.push(row.to_vec()));
    }
    Table {
        name: "matches",
        columns: MATCH_COLUMNS,
        rows,
    }
}

/// The rows of matches.csv for one document, one at a time.
pub(super) fn match_rows<'a>(doc: &'a DocumentSummary, mut each: impl FnMut(&[Cell<'a>])) {
    for s in &doc.sections {
        for m in &s.matches {
            each(&[
                Cell::text(&doc.name),
                Cell::owned(m.resoc_cell(s.resoc.as_deref())),
                Cell::count(s.index),
                Cell::count(m.line),
                Cell::text(&m.cue),
                Cell::text(&m.category),
                Cell::Number(m.pole),
                Cell::Number(m.weight),
                Cell::text(&m.context),
                Cell::count(m.unit),
                Cell::text(&m.unit_kind),
                Cell::text(&m.matched),
                Cell::Number(m.base_weight),
                Cell::Flag(m.negated),
                // Factors are rendered with '.'; the workbook and the plain CSV agree,
                // and the Excel CSV shows them as in its other numbers.
                Cell::owned(modifiers_cell(&m.modifiers, Dialect::Plain)),
                Cell::text(&m.actor),
                Cell::text(&m.agent),
                Cell::text(&m.agent_relation),
                Cell::text(&m.predicate),
                Cell::text(&m.object),
                Cell::Number(m.contribution),
                Cell::count(m.lexicon_line),
                Cell::text(&m.stem),
                Cell::text(&m.lexicon_file),
            ]);
        }
    }
}

pub const INPUT_COLUMNS: &[&str] = &[
    "path", "bytes", "sha256", "format", "encoding", "status", "reason",
];

pub fn inputs_table(run: &RunResult) -> Table<'_> {
    fn opt(s: &Option<String>) -> Cell<'_> {
        s.as_deref().map_or(Cell::Empty, Cell::text)
    }
    let rows = run
        .inputs
        .iter()
        .map(|i| {
            vec![
                Cell::text(&i.path),
                Cell::Count(i.bytes),
                Cell::text(&i.sha256),
                opt(&i.format),
                opt(&i.encoding),
                Cell::text(i.status.as_str()),
                opt(&i.reason),
            ]
        })
        .collect();
    Table {
        name: "inputs",
        columns: INPUT_COLUMNS,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifiers_cell_is_readable() {
        let mods = vec![
            ModifierRecord {
                kind: "hedge".into(),
                trigger: "kan".into(),
                factor: 0.5,
            },
            ModifierRecord {
                kind: "bold".into(),
                trigger: String::new(),
                factor: 1.5,
            },
        ];
        assert_eq!(modifiers_cell(&mods, Dialect::Plain), "hedge:kan×0.5; bold×1.5");
        assert_eq!(modifiers_cell(&mods, Dialect::Excel), "hedge:kan×0,5; bold×1,5");
    }
}
