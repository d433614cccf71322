//! Report: the run's results → `resocs.csv`, `sections.csv`, `matches.csv` and
//! `manifest.json` (each written to a temporary file in the output folder and renamed
//! only when all are complete), and the summary table on stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analyze::STEMMER;
use crate::lexicon::SourceInfo;
use crate::pipeline::{InputRecord, Instruments, RunResult};
use crate::scoring::ScoringOptions;

pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The CSV dialect. `Plain` is RFC 4180 with `.` decimals for R, pandas and scripts;
/// `Excel` is what a Dutch/Flemish Excel opens correctly by double-click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Plain,
    Excel,
}

impl Dialect {
    fn delimiter(self) -> u8 {
        match self {
            Dialect::Plain => b',',
            Dialect::Excel => b';',
        }
    }

    /// A number with four decimals ("-0.0000" written as "0.0000").
    pub fn number(self, x: f64) -> String {
        let mut s = format!("{x:.4}");
        if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s.remove(0);
        }
        match self {
            Dialect::Plain => s,
            Dialect::Excel => s.replace('.', ","),
        }
    }
}

/// Spreadsheet safety (OWASP CSV injection): a text cell that a spreadsheet would read
/// as a formula gets a leading apostrophe, which Excel and LibreOffice show as text.
pub fn safe_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Everything about the run that is not a result, for the manifest.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunOptions {
    pub command: Vec<String>,
    pub inputs: Vec<String>,
    pub out: String,
    pub dialect: Dialect,
    pub scoring: ScoringOptions,
}

#[derive(serde::Serialize)]
struct Manifest<'a> {
    tool: &'static str,
    version: &'static str,
    git_commit: &'static str,
    options: &'a RunOptions,
    stemmer: &'static str,
    lexicon: &'a SourceInfo,
    context_lexicon: &'a SourceInfo,
    registry: SourceInfo,
    inputs: &'a [InputRecord],
    input_problems: Vec<String>,
    counts: Counts,
    outputs: [&'static str; 3],
}

#[derive(serde::Serialize)]
struct Counts {
    files: usize,
    read: usize,
    skipped: usize,
    documents: usize,
    sections: usize,
    units: usize,
    tokens: usize,
    matches: usize,
    resocs: usize,
}

/// Writes all output files into `out`. Files are first written under temporary
/// names in the same folder; only when every one is complete are they renamed, so an
/// interrupted run never leaves a partial file under a final name.
pub fn write_outputs(
    out: &Path,
    run: &RunResult,
    instruments: &Instruments,
    options: &RunOptions,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let d = options.dialect;
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("resocs.csv", resocs_csv(run, d)?),
        ("sections.csv", sections_csv(run, d)?),
        ("matches.csv", matches_csv(run, instruments, d)?),
        ("manifest.json", manifest_json(run, instruments, options)?),
    ];
    let mut staged = Vec::new();
    for (name, bytes) in &files {
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(out)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        staged.push((tmp, out.join(name)));
    }
    let mut written = Vec::new();
    for (tmp, path) in staged {
        tmp.persist(&path).map_err(|e| e.error)?;
        written.push(path);
    }
    if let Ok(dir) = std::fs::File::open(out) {
        let _ = dir.sync_all();
    }
    Ok(written)
}

fn writer(d: Dialect) -> (csv::Writer<Vec<u8>>, Dialect) {
    let mut buf = Vec::new();
    if d == Dialect::Excel {
        buf.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let w = csv::WriterBuilder::new()
        .delimiter(d.delimiter())
        .terminator(match d {
            Dialect::Plain => csv::Terminator::Any(b'\n'),
            Dialect::Excel => csv::Terminator::CRLF,
        })
        .from_writer(buf);
    (w, d)
}

fn finish(w: csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

fn opt_num(d: Dialect, x: Option<f64>) -> String {
    x.map(|v| d.number(v)).unwrap_or_default()
}

fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
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

fn resocs_csv(run: &RunResult, d: Dialect) -> std::io::Result<Vec<u8>> {
    let (mut w, d) = writer(d);
    w.write_record(RESOC_COLUMNS)?;
    for r in &run.resocs {
        let s = &r.score;
        w.write_record([
            safe_text(&r.name),
            opt_num(d, s.score),
            opt_num(d, s.logit),
            opt_num(d, s.ci.map(|c| c.0)),
            opt_num(d, s.ci.map(|c| c.1)),
            s.role.as_str().to_string(),
            flag(s.theme_dependent).into(),
            r.documents.to_string(),
            r.sections.to_string(),
            r.tokens.to_string(),
            d.number(s.totals.overleg),
            d.number(s.totals.project),
            safe_text(r.province.as_deref().unwrap_or("")),
            r.units.to_string(),
            s.evidence_units.to_string(),
            r.matches.to_string(),
            flag(s.theme_statement).into(),
            flag(s.unclear_statement).into(),
            s.overleg_sections.to_string(),
            s.project_sections.to_string(),
        ])?;
    }
    finish(w)
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

fn sections_csv(run: &RunResult, d: Dialect) -> std::io::Result<Vec<u8>> {
    let (mut w, d) = writer(d);
    w.write_record(SECTION_COLUMNS)?;
    for doc in &run.documents {
        for s in &doc.sections {
            let sec = &s.section;
            w.write_record([
                safe_text(&doc.name),
                safe_text(sec.resoc.as_deref().unwrap_or("")),
                sec.index.to_string(),
                safe_text(&sec.title),
                s.tokens.to_string(),
                d.number(s.totals.overleg),
                d.number(s.totals.project),
                opt_num(d, s.totals.score(1.0)),
                safe_text(&sec.heading_path.join(" > ")),
                sec.level.to_string(),
                sec.line_start.to_string(),
                sec.line_end.to_string(),
                sec.units.len().to_string(),
                s.evidence
                    .iter()
                    .filter(|e| e.overleg + e.project > 0.0)
                    .count()
                    .to_string(),
                flag(s.theme_statement()).into(),
                flag(s.unclear_statement()).into(),
            ])?;
        }
    }
    finish(w)
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
    "contribution",
    "lexicon_line",
    "stem",
];

/// The modifiers of a match as one readable cell: `hedge:kan×0.5; bold×1.5`.
pub fn modifiers_cell(mods: &[crate::matching::Modifier], d: Dialect) -> String {
    mods.iter()
        .map(|m| {
            let f = d.number(m.factor);
            let f = f.trim_end_matches('0').trim_end_matches(['.', ',']);
            if m.trigger.is_empty() {
                format!("{}×{f}", m.kind)
            } else {
                format!("{}:{}×{f}", m.kind, m.trigger)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn matches_csv(run: &RunResult, instruments: &Instruments, d: Dialect) -> std::io::Result<Vec<u8>> {
    let lex = &instruments.lexicon;
    let (mut w, d) = writer(d);
    w.write_record(MATCH_COLUMNS)?;
    for doc in &run.documents {
        for s in &doc.sections {
            for (u, (f, e)) in s.findings.iter().zip(&s.evidence).enumerate() {
                let unit = &s.section.units[u];
                for (i, m) in f.matches.iter().enumerate() {
                    let cue = &lex.cues[m.cue as usize];
                    let cat = lex.category(cue.category);
                    w.write_record([
                        safe_text(&doc.name),
                        safe_text(s.section.resoc.as_deref().unwrap_or("")),
                        s.section.index.to_string(),
                        unit.line.to_string(),
                        safe_text(&cue.text),
                        safe_text(&cat.name),
                        d.number(cat.pole),
                        d.number(m.weight),
                        safe_text(&unit.text),
                        (u + 1).to_string(),
                        unit.kind.as_str().to_string(),
                        safe_text(&m.matched),
                        d.number(m.base_weight),
                        flag(m.negated).into(),
                        safe_text(&modifiers_cell(&m.modifiers, d)),
                        safe_text(&m.actor.label()),
                        d.number(e.contribution(i)),
                        cue.line.to_string(),
                        safe_text(&m.stem),
                    ])?;
                }
            }
        }
    }
    finish(w)
}

fn manifest_json(
    run: &RunResult,
    instruments: &Instruments,
    options: &RunOptions,
) -> std::io::Result<Vec<u8>> {
    let sections: usize = run.documents.iter().map(|d| d.sections.len()).sum();
    let all = run.documents.iter().flat_map(|d| &d.sections);
    let manifest = Manifest {
        tool: "streekpact",
        version: TOOL_VERSION,
        git_commit: env!("STREEKPACT_GIT_COMMIT"),
        options,
        stemmer: STEMMER,
        lexicon: &instruments.lexicon.source,
        context_lexicon: &instruments.context.source,
        registry: SourceInfo {
            name: instruments.registry.source_name().to_string(),
            sha256: instruments.registry.sha256().to_string(),
            builtin: instruments.registry.is_builtin(),
        },
        inputs: &run.inputs,
        input_problems: run.discover_errors.iter().map(|e| e.to_string()).collect(),
        counts: Counts {
            files: run.inputs.len(),
            read: run.inputs.iter().filter(|i| i.status == "read").count(),
            skipped: run.skipped(),
            documents: run.documents.len(),
            sections,
            units: all.clone().map(|s| s.section.units.len()).sum(),
            tokens: all.clone().map(|s| s.tokens).sum(),
            matches: all
                .map(|s| s.findings.iter().map(|f| f.matches.len()).sum::<usize>())
                .sum(),
            resocs: run.resocs.len(),
        },
        outputs: ["resocs.csv", "sections.csv", "matches.csv"],
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The readable summary printed on stdout.
pub fn summary_table(run: &RunResult) -> String {
    let mut rows = vec![[
        "RESOC".to_string(),
        "type".into(),
        "score".into(),
        "95% CI".into(),
        "overleg".into(),
        "project".into(),
        "theme".into(),
        "sections".into(),
    ]];
    for r in &run.resocs {
        let s = &r.score;
        rows.push([
            r.name.clone(),
            s.role.as_str().into(),
            s.score.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "–".into()),
            s.ci.map(|(a, b)| format!("[{a:+.2}, {b:+.2}]"))
                .unwrap_or_else(|| "–".into()),
            format!("{:.2}", s.totals.overleg),
            format!("{:.2}", s.totals.project),
            if s.theme_dependent { "yes" } else { "no" }.into(),
            r.sections.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let pad = widths[c] - v.chars().count();
                if c >= 2 && c != 6 {
                    format!("{}{v}", " ".repeat(pad))
                } else {
                    format!("{v}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(
                &widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  "),
            );
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_dialects() {
        assert_eq!(Dialect::Plain.number(-0.25), "-0.2500");
        assert_eq!(Dialect::Excel.number(-0.25), "-0,2500");
        assert_eq!(Dialect::Plain.number(-0.00001), "0.0000");
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        assert_eq!(safe_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_text("+32 2"), "'+32 2");
        assert_eq!(safe_text("-1"), "'-1");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("\tx"), "'\tx");
        assert_eq!(safe_text("RESOC Kempen"), "RESOC Kempen");
    }

    #[test]
    fn modifiers_cell_is_readable() {
        let mods = vec![
            crate::matching::Modifier {
                kind: "hedge",
                trigger: "kan".into(),
                factor: 0.5,
            },
            crate::matching::Modifier {
                kind: "bold",
                trigger: String::new(),
                factor: 1.5,
            },
        ];
        assert_eq!(modifiers_cell(&mods, Dialect::Plain), "hedge:kan×0.5; bold×1.5");
        assert_eq!(modifiers_cell(&mods, Dialect::Excel), "hedge:kan×0,5; bold×1,5");
    }
}
