//! Scoring: cue occurrences → evidence per unit → scores per section and per RESOC,
//! with a seeded sentence bootstrap for the interval and the type decision.
//! The rules and their reasons are in `docs/scoring.md`.
//!
//! | module | holds |
//! |---|---|
//! | [`unit`] | a unit's findings → its evidence per pole |
//! | [`section`] | a section's findings → its records (matches.csv, sections.csv) and score |
//! | [`rules`] | totals, score, logit, lean and the type rule |
//! | [`resoc`] | a RESOC's evidence gathered in document order, its score and bootstrap |
//! | [`tally`] | a run's documents → RESOC results and run counts |
//! | [`record`] | the owned records this stage hands to the report |

mod record;
mod resoc;
mod rules;
mod section;
mod tally;
mod unit;

pub use record::*;
pub use resoc::*;
pub use rules::*;
pub use section::*;
pub use tally::*;
pub use unit::*;

/// The thresholds of the scoring rules (all recorded in the manifest).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoringOptions {
    pub seed: u64,
    /// Bootstrap replicates for the interval.
    pub replicates: usize,
    /// Pseudo-evidence added to the denominator of `score`: shrinks thin evidence
    /// towards 0.
    pub prior: f64,
    /// Below this total evidence (overleg + project) the type is `onduidelijk`.
    pub min_evidence: f64,
    /// |balance| at or above which one pole dominates (else `combinatie`).
    pub lean_threshold: f64,
    /// Evidence a section needs to count as well-evidenced for theme dependence.
    pub theme_min_evidence: f64,
    /// Sentences with evidence a section needs to count as well-evidenced.
    pub theme_min_units: usize,
}

impl Default for ScoringOptions {
    fn default() -> Self {
        ScoringOptions {
            seed: 20_040_507,
            replicates: 1000,
            prior: 1.0,
            min_evidence: 0.5,
            lean_threshold: 0.4,
            theme_min_evidence: 1.5,
            theme_min_units: 2,
        }
    }
}
