//! The readable summary table printed on stdout after a run.

use crate::scoring::RunResult;

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

/// Documents listed one by one in the summary; a larger run points to the manifest.
pub const ATTRIBUTION_LINES: usize = 40;

/// Per document, the RESOCs it was attributed to and the evidence that counted for none
/// (a line each for up to [`ATTRIBUTION_LINES`] documents).
pub fn attribution_summary(run: &RunResult) -> String {
    let docs = &run.attribution;
    if docs.is_empty() {
        return String::new();
    }
    if docs.len() > ATTRIBUTION_LINES {
        let unattributed = docs.iter().filter(|d| d.unattributed_evidence > 0.0).count();
        return format!(
            "\n{} documents; {unattributed} with evidence for no RESOC (per document: manifest.json, `documents`)\n",
            docs.len()
        );
    }
    let width = docs.iter().map(|d| d.path.chars().count()).max().unwrap_or(0);
    let mut out = String::from("\nper document: RESOCs found (evidence for no RESOC)\n");
    for d in docs {
        let resocs = if d.resocs.is_empty() {
            "–".to_string()
        } else {
            d.resocs.join(", ")
        };
        out.push_str(&format!("{:<width$}  {resocs}", d.path));
        if d.unattributed_evidence > 0.0 {
            out.push_str(&format!(" ({:.1} for none)", d.unattributed_evidence));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{DocumentAttribution, RunCounts};

    fn run_of(n: usize) -> RunResult {
        RunResult {
            inputs: Vec::new(),
            documents: Vec::new(),
            resocs: Vec::new(),
            input_problems: Vec::new(),
            counts: RunCounts::default(),
            attribution: (0..n)
                .map(|i| DocumentAttribution {
                    path: format!("p{i}.md"),
                    resocs: if i == 0 {
                        Vec::new()
                    } else {
                        vec!["RESOC Kempen".into()]
                    },
                    unattributed_evidence: if i == 0 { 2.25 } else { 0.0 },
                    other_language_sections: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn each_document_gets_a_line_and_a_large_run_a_pointer() {
        let small = attribution_summary(&run_of(2));
        assert!(small.contains("p0.md  – (2.2 for none)"), "{small}");
        assert!(small.contains("p1.md  RESOC Kempen\n"), "{small}");
        let large = attribution_summary(&run_of(ATTRIBUTION_LINES + 1));
        assert_eq!(large.lines().count(), 2, "{large}");
        assert!(
            large.contains("41 documents; 1 with evidence for no RESOC"),
            "{large}"
        );
    }
}
