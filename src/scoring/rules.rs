//! The scoring rules on totals: score, balance, logit, lean and the type rule.

use super::{ScoringOptions, UnitEvidence};

/// Totals of a set of units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub overleg: f64,
    pub project: f64,
}

impl Totals {
    /// Sums in the given order (a fixed order keeps the floating-point sum, and so
    /// the output bytes, independent of how the work was scheduled).
    pub fn of<'a>(units: impl IntoIterator<Item = &'a UnitEvidence>) -> Totals {
        let mut t = Totals::default();
        for u in units {
            t.overleg += u.overleg;
            t.project += u.project;
        }
        t
    }

    pub fn evidence(&self) -> f64 {
        self.overleg + self.project
    }

    /// (P − O) / (P + O + prior): in [−1, 1], shrunk towards 0 when evidence is thin.
    pub fn score(&self, prior: f64) -> Option<f64> {
        (self.evidence() > 0.0).then(|| (self.project - self.overleg) / (self.evidence() + prior))
    }

    /// (P − O) / (P + O), unshrunk: the share balance used for the type.
    pub fn balance(&self) -> Option<f64> {
        (self.evidence() > 0.0).then(|| (self.project - self.overleg) / self.evidence())
    }

    /// Lowe et al. (2011): ln((P + ½) / (O + ½)), ½ added once per pole.
    pub fn logit(&self) -> f64 {
        ((self.project + 0.5) / (self.overleg + 0.5)).ln()
    }
    /// The pole the evidence leans to at a balance threshold (the type rule's and the
    /// section rule's), `None` without evidence.
    pub fn lean(&self, threshold: f64) -> Option<Lean> {
        self.balance().map(|b| {
            if b <= -threshold {
                Lean::Overleg
            } else if b >= threshold {
                Lean::Project
            } else {
                Lean::Mixed
            }
        })
    }
}

/// The lean of a section's (overleg, project) evidence as the report shows it: a
/// section without evidence reads as mixed.
pub fn lean_of(overleg: f64, project: f64, threshold: f64) -> Lean {
    Totals { overleg, project }.lean(threshold).unwrap_or(Lean::Mixed)
}

/// Which pole a set of units leans to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    Overleg,
    Project,
    Mixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RoleType {
    Overleg,
    Project,
    Combinatie,
    Onduidelijk,
}

impl RoleType {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleType::Overleg => "overleg",
            RoleType::Project => "project",
            RoleType::Combinatie => "combinatie",
            RoleType::Onduidelijk => "onduidelijk",
        }
    }

    pub fn parse(s: &str) -> Option<RoleType> {
        Some(match s.trim().to_lowercase().as_str() {
            "overleg" => RoleType::Overleg,
            "project" | "projecten" => RoleType::Project,
            "combinatie" => RoleType::Combinatie,
            "onduidelijk" => RoleType::Onduidelijk,
            _ => return None,
        })
    }
}

/// The type rule: too little evidence → onduidelijk; a balance at or beyond the lean
/// threshold → that pole; anything between → combinatie.
pub fn role_type(t: &Totals, opts: &ScoringOptions) -> RoleType {
    if t.evidence() < opts.min_evidence {
        return RoleType::Onduidelijk;
    }
    match t.lean(opts.lean_threshold) {
        Some(Lean::Overleg) => RoleType::Overleg,
        Some(Lean::Project) => RoleType::Project,
        Some(Lean::Mixed) => RoleType::Combinatie,
        None => RoleType::Onduidelijk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_logit_and_balance_follow_their_formulas() {
        let t = Totals {
            overleg: 3.0,
            project: 1.0,
        };
        assert_eq!(t.score(1.0), Some(-0.4));
        assert_eq!(t.balance(), Some(-0.5));
        assert!((t.logit() - (1.5f64 / 3.5).ln()).abs() < 1e-12);
        assert_eq!(Totals::default().score(1.0), None);
    }
    #[test]
    fn thin_evidence_shrinks_towards_zero() {
        let thin = Totals {
            overleg: 0.0,
            project: 0.5,
        }
        .score(1.0)
        .unwrap();
        let thick = Totals {
            overleg: 0.0,
            project: 5.0,
        }
        .score(1.0)
        .unwrap();
        assert!(thin < thick && thin > 0.0);
    }
    #[test]
    fn type_rule() {
        let o = ScoringOptions::default();
        assert_eq!(
            role_type(
                &Totals {
                    overleg: 3.0,
                    project: 0.6
                },
                &o
            ),
            RoleType::Overleg
        );
        assert_eq!(
            role_type(
                &Totals {
                    overleg: 0.0,
                    project: 0.7
                },
                &o
            ),
            RoleType::Project
        );
        assert_eq!(
            role_type(
                &Totals {
                    overleg: 1.0,
                    project: 1.1
                },
                &o
            ),
            RoleType::Combinatie
        );
        assert_eq!(
            role_type(
                &Totals {
                    overleg: 0.2,
                    project: 0.1
                },
                &o
            ),
            RoleType::Onduidelijk
        );
        assert_eq!(role_type(&Totals::default(), &o), RoleType::Onduidelijk);
    }
}
