//! A section's findings → its records: each cue occurrence with its contribution
//! (matches.csv), and the evidence per unit that section and RESOC scores are made of.

use crate::lexicon::Lexicon;
use crate::matching::UnitFindings;
use crate::segment::{Section, UnitAttribution};

use super::{unit_evidence, ClauseRow, ElsewhereEvidence, MatchRecord, ModifierRecord, SectionSummary};

/// Scores the units of one section from their findings (one per unit, in unit order),
/// and keeps every occurrence for the audit trail. `tokens` is the section's word count;
/// `attribution` says per unit whom its statements are about (empty: all the section's).
pub fn score_section(
    section: Section,
    tokens: usize,
    findings: Vec<UnitFindings>,
    lexicon: &Lexicon,
    attribution: &[UnitAttribution],
) -> SectionSummary {
    let lex = lexicon;
    let mut evidence = Vec::new();
    let mut elsewhere = Vec::new();
    let mut matches = Vec::new();
    let mut clauses = Vec::new();
    let theme_statement = findings.iter().any(|f| f.theme_statement);
    let unclear_statement = findings.iter().any(|f| f.unclear_statement);
    let mut parse = super::ParseCounts::default();
    for f in &findings {
        parse.units_without_reference += usize::from(f.without_reference);
        match &f.parse {
            Some(Ok(words)) => {
                parse.units_parsed += 1;
                parse.words_parsed += words;
            }
            Some(Err(_)) => parse.units_not_parsed += 1,
            None => {}
        }
    }
    // The findings are consumed: their strings move into the records.
    for (u, f) in findings.into_iter().enumerate() {
        let e = unit_evidence(&f, lex);
        let resocs = match attribution.get(u) {
            None | Some(UnitAttribution::Section) => None,
            Some(UnitAttribution::Resocs(named)) => Some(named.clone()),
            Some(UnitAttribution::Nobody) => Some(Vec::new()),
        };
        if e.overleg + e.project > 0.0 {
            match &resocs {
                None => evidence.push((e.overleg, e.project)),
                Some(named) => elsewhere.push(ElsewhereEvidence {
                    resocs: named.clone(),
                    overleg: e.overleg,
                    project: e.project,
                }),
            }
        }
        let unit = &section.units[u];
        if let Some(c) = f.main_clause {
            clauses.push(ClauseRow {
                line: unit.line,
                unit: u + 1,
                unit_kind: unit.kind.as_str().to_string(),
                context: unit.text.clone(),
                agent: c.actor.agent(),
                agent_relation: c.relation,
                predicate: c.predicate,
                resocs: resocs.clone(),
            });
        }
        for (i, m) in f.matches.into_iter().enumerate() {
            let cue = &lex.cues[m.cue as usize];
            let cat = lex.category(cue.category);
            matches.push(MatchRecord {
                line: unit.line,
                unit: u + 1,
                unit_kind: unit.kind.as_str().to_string(),
                context: unit.text.clone(),
                cue: cue.text.clone(),
                category: cat.name.clone(),
                pole: cat.pole,
                lexicon_file: cue.file.clone(),
                lexicon_line: cue.line,
                actor: m.actor.label(),
                agent: m.actor.agent(),
                agent_relation: m.clause.relation,
                predicate: m.clause.predicate,
                object: m.clause.object,
                matched: m.matched,
                stem: m.stem,
                base_weight: m.base_weight,
                weight: m.weight,
                negated: m.negated,
                modifiers: m
                    .modifiers
                    .into_iter()
                    .map(|x| ModifierRecord {
                        kind: x.kind.to_string(),
                        trigger: x.trigger,
                        factor: x.factor,
                    })
                    .collect(),
                contribution: e.contribution(i),
                resocs: resocs.clone(),
            });
        }
    }
    SectionSummary {
        index: section.index,
        tokens,
        units: section.units.len(),
        evidence,
        theme_statement,
        unclear_statement,
        matches,
        clauses,
        elsewhere,
        other_language: None,
        parse,
        title: section.title,
        heading_path: section.heading_path,
        level: section.level,
        line_start: section.line_start,
        line_end: section.line_end,
        resoc: section.resoc,
    }
}
