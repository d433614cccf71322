//! Explain: one RESOC's score broken down by section and cue, each weighted sentence
//! shown with its modifiers. The same numbers as in the CSVs, in reading order.

use std::fmt::Write;

use crate::instruments::Instruments;
use crate::registry::name_key;
use crate::report::{modifiers_cell, Dialect};
use crate::scoring::{MatchRecord, RunResult, ScoringOptions};

/// Renders the explanation of `wanted` (a canonical name or an alias).
pub fn explain(
    run: &RunResult,
    instruments: &Instruments,
    opts: &ScoringOptions,
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
    let why = s.theme_reasons();
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
            .filter(|x| x.resoc.as_deref() == Some(r.name.as_str()))
        {
            if sec.matches.is_empty() && !sec.theme_statement && !sec.unclear_statement {
                continue;
            }
            let totals = sec.totals();
            let _ = writeln!(
                out,
                "\n§{} {} ({}, lines {}-{}): overleg {:.2}, project {:.2}, score {}",
                sec.index,
                if sec.title.is_empty() {
                    "(untitled)"
                } else {
                    &sec.title
                },
                doc.name,
                sec.line_start,
                sec.line_end,
                totals.overleg,
                totals.project,
                totals
                    .score(opts.prior)
                    .map_or("–".into(), |v| format!("{v:+.3}"))
            );
            // Group the section's matches by sentence, strongest sentence first.
            let mut units: Vec<(usize, Vec<&MatchRecord>)> = Vec::new();
            for m in &sec.matches {
                match units.last_mut() {
                    Some((u, list)) if *u == m.unit => list.push(m),
                    _ => units.push((m.unit, vec![m])),
                }
            }
            let strength = |list: &[&MatchRecord]| list.iter().map(|m| m.contribution).sum::<f64>();
            units.sort_by(|a, b| strength(&b.1).total_cmp(&strength(&a.1)).then(a.0.cmp(&b.0)));
            for (_, list) in units.iter().take(top) {
                let first = list[0];
                let sum = |sign: f64| -> f64 {
                    list.iter()
                        .filter(|m| m.pole * sign > 0.0)
                        .map(|m| m.contribution)
                        // (An empty f64 sum is -0.0, which would print as "-0.00".)
                        .fold(0.0, |a, b| a + b)
                };
                let _ = writeln!(
                    out,
                    "  line {} [overleg {:.2}, project {:.2}] {}",
                    first.line,
                    sum(-1.0),
                    sum(1.0),
                    first.context
                );
                // The clause as the tree read it, once per predicate of the sentence.
                let mut clauses: Vec<String> = Vec::new();
                for m in list.iter().filter(|m| !m.predicate.is_empty()) {
                    let clause = format!(
                        "    clause: {} ({}) — {}{}",
                        m.agent,
                        m.agent_relation,
                        m.predicate,
                        if m.object.is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", m.object)
                        }
                    );
                    if !clauses.contains(&clause) {
                        clauses.push(clause);
                    }
                }
                for c in &clauses {
                    let _ = writeln!(out, "{c}");
                }
                for m in list {
                    let mods = modifiers_cell(&m.modifiers, d);
                    let _ = writeln!(
                        out,
                        "    {:<22} {:<14} '{}' {:.2} → {:.2}{}{}",
                        m.cue,
                        m.category,
                        m.matched,
                        m.base_weight,
                        m.weight,
                        if mods.is_empty() {
                            String::new()
                        } else {
                            format!(" ({mods})")
                        },
                        if m.contribution > 0.0 {
                            format!("  counts {:.2}", m.contribution)
                        } else {
                            String::new()
                        }
                    );
                }
            }
            if units.len() > top {
                let _ = writeln!(
                    out,
                    "  … {} more sentence(s) with cues (use --top)",
                    units.len() - top
                );
            }
        }
    }
    Ok(out)
}
