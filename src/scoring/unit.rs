//! Unit evidence: the findings of one unit (sentence, list item) → its weight per pole.

use crate::lexicon::Lexicon;
use crate::matching::UnitFindings;

/// A unit's evidence: per pole, the strongest cue in it (a unit is coded once per
/// pole, like a quasi-sentence in manifesto coding), and which match that was.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct UnitEvidence {
    pub overleg: f64,
    pub project: f64,
    pub overleg_match: Option<usize>,
    pub project_match: Option<usize>,
}

impl UnitEvidence {
    /// The amount match `i` of the unit adds to the totals (0 for all but the
    /// strongest match per pole).
    pub fn contribution(&self, i: usize) -> f64 {
        let mut c = 0.0;
        if self.overleg_match == Some(i) {
            c += self.overleg;
        }
        if self.project_match == Some(i) {
            c += self.project;
        }
        c
    }
}

/// Evidence of one unit from its findings: a match adds weight × |pole| to the
/// pole its category leans to; per pole only the strongest match counts.
pub fn unit_evidence(findings: &UnitFindings, lexicon: &Lexicon) -> UnitEvidence {
    let mut e = UnitEvidence::default();
    for (i, m) in findings.matches.iter().enumerate() {
        let pole = lexicon.category(lexicon.cues[m.cue as usize].category).pole;
        let amount = m.weight * pole.abs();
        if amount <= 0.0 {
            continue;
        }
        if pole < 0.0 && amount > e.overleg {
            e.overleg = amount;
            e.overleg_match = Some(i);
        } else if pole > 0.0 && amount > e.project {
            e.project = amount;
            e.project_match = Some(i);
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_strongest_cue_per_pole_counts_in_a_unit() {
        let lex = Lexicon::builtin();
        let cue = |text: &str| lex.cues.iter().position(|c| c.text == text).unwrap() as u32;
        let m = |c: u32, w: f64| crate::matching::CueMatch {
            cue: c,
            first_token: 0,
            byte_start: 0,
            byte_end: 0,
            matched: String::new(),
            stem: String::new(),
            negated: false,
            modifiers: vec![],
            actor: crate::matching::Actor::Unknown,
            clause: Default::default(),
            base_weight: w,
            weight: w,
        };
        let f = UnitFindings {
            tokens: 9,
            matches: vec![
                m(cue("overleg*"), 1.0),
                m(cue("advies*"), 1.5),
                m(cue("project"), 0.5),
                m(cue("opstellen"), 1.0),
            ],
            ..Default::default()
        };
        let e = unit_evidence(&f, &lex);
        assert_eq!((e.overleg, e.project), (1.5, 0.5));
        assert_eq!((e.overleg_match, e.project_match), (Some(1), Some(2)));
        assert_eq!(e.contribution(0), 0.0);
        assert_eq!(e.contribution(1), 1.5);
    }
}
