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
