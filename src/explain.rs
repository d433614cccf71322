//! Explain: one RESOC's score broken down by section and cue, each weighted sentence
//! shown with its modifiers. The same numbers as in the CSVs, in reading order.

use std::fmt::Write;

use crate::pipeline::{Instruments, RunResult};
use crate::registry::name_key;
use crate::report::{modifiers_cell, Dialect};

/// Renders the explanation of `wanted` (a canonical name or an alias).
pub fn explain(
    run: &RunResult,
    instruments: &Instruments,
    wanted: &str,
    top: usize,
) -> Result<String, String> {
    let resolved = instruments
        .registry
        .resoc_of_heading(wanted)
        .or_else(|| instruments.registry.resoc_of_heading(&format!("RESOC {wanted}")));
    let key = name_key(wanted);
    let Some(r) = run
        .resocs
        .iter()
        .find(|r| Some(&r.name) == resolved.as_ref() || name_key(&r.name) == key)
    else {
        let known: Vec<&str> = run.resocs.iter().map(|r| r.name.as_str()).collect();
        return Err(format!(
            "no RESOC '{wanted}' in these inputs; found: {}",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        ));
    };
    let s = &r.score;
    let d = Dialect::Plain;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {}; score {}; 95% CI {}; overleg {:.2}, project {:.2}",
        r.name,
        s.role.as_str(),
        s.score.map_or("–".into(), |v| format!("{v:+.3}")),
        s.ci.map_or("–".into(), |(a, b)| format!("[{a:+.3}, {b:+.3}]")),
        s.totals.overleg,
        s.totals.project
    );
    let mut why = Vec::new();
    if s.theme_statement {
        why.push("the text says the role depends on the theme".to_string());
    }
    if s.overleg_sections > 0 && s.project_sections > 0 {
        why.push(format!(
            "{} section(s) lean overleg and {} lean project",
            s.overleg_sections, s.project_sections
        ));
    }
    let _ = writeln!(
        out,
        "theme-dependent: {}{}",
        if s.theme_dependent { "yes" } else { "no" },
        if why.is_empty() {
            String::new()
        } else {
            format!(" ({})", why.join("; "))
        }
    );
    if s.unclear_statement {
        let _ = writeln!(out, "note: the text says the role is unclear or not described");
    }
    let _ = writeln!(
        out,
        "{} evidence sentence(s) of {} in {} section(s)",
        s.evidence_units, r.units, r.sections
    );
    for doc in &run.documents {
        for sec in doc
            .sections
            .iter()
            .filter(|x| x.section.resoc.as_deref() == Some(r.name.as_str()))
        {
            let has_matches = sec.findings.iter().any(|f| !f.matches.is_empty());
            if !has_matches && !sec.theme_statement() && !sec.unclear_statement() {
                continue;
            }
            let _ = writeln!(
                out,
                "\n§{} {} ({}, lines {}-{}): overleg {:.2}, project {:.2}, score {}",
                sec.section.index,
                if sec.section.title.is_empty() {
                    "(untitled)"
                } else {
                    &sec.section.title
                },
                doc.name,
                sec.section.line_start,
                sec.section.line_end,
                sec.totals.overleg,
                sec.totals.project,
                sec.totals.score(1.0).map_or("–".into(), |v| format!("{v:+.3}"))
            );
            let mut units: Vec<usize> = (0..sec.findings.len())
                .filter(|&u| !sec.findings[u].matches.is_empty())
                .collect();
            units.sort_by(|&a, &b| {
                let ea = sec.evidence[a].overleg + sec.evidence[a].project;
                let eb = sec.evidence[b].overleg + sec.evidence[b].project;
                eb.total_cmp(&ea).then(a.cmp(&b))
            });
            let shown = units.len().min(top);
            for &u in units.iter().take(top) {
                let unit = &sec.section.units[u];
                let e = &sec.evidence[u];
                let _ = writeln!(
                    out,
                    "  line {} [overleg {:.2}, project {:.2}] {}",
                    unit.line, e.overleg, e.project, unit.text
                );
                for (i, m) in sec.findings[u].matches.iter().enumerate() {
                    let cue = &instruments.lexicon.cues[m.cue as usize];
                    let cat = instruments.lexicon.category(cue.category);
                    let mods = modifiers_cell(&m.modifiers, d);
                    let _ = writeln!(
                        out,
                        "    {:<22} {:<14} '{}' {:.2} → {:.2}{}{}",
                        cue.text,
                        cat.name,
                        m.matched,
                        m.base_weight,
                        m.weight,
                        if mods.is_empty() {
                            String::new()
                        } else {
                            format!(" ({mods})")
                        },
                        if e.contribution(i) > 0.0 {
                            format!("  counts {:.2}", e.contribution(i))
                        } else {
                            String::new()
                        }
                    );
                }
            }
            if units.len() > shown {
                let _ = writeln!(
                    out,
                    "  … {} more sentence(s) with cues (use --top)",
                    units.len() - shown
                );
            }
        }
    }
    Ok(out)
}
