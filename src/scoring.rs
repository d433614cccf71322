//! Scoring: cue occurrences → evidence per unit → scores per section and per RESOC,
//! with a seeded sentence bootstrap for the interval and the type decision.
//! The rules and their reasons are in `docs/scoring.md`.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::lexicon::Lexicon;
use crate::matching::UnitFindings;

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

/// Per-section input to a RESOC's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SectionTotals {
    pub totals: Totals,
    /// Units with evidence in the section.
    pub evidence_units: usize,
    pub theme_statement: bool,
    pub unclear_statement: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResocScore {
    pub totals: Totals,
    pub score: Option<f64>,
    pub logit: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub role: RoleType,
    pub theme_dependent: bool,
    /// Sections that lean to a pole with enough evidence, per pole.
    pub overleg_sections: usize,
    pub project_sections: usize,
    pub theme_statement: bool,
    pub unclear_statement: bool,
    pub evidence_units: usize,
}

impl ResocScore {
    /// Why the RESOC is theme-dependent, in words (empty when it is not).
    pub fn theme_reasons(&self) -> Vec<String> {
        let mut why = Vec::new();
        if self.theme_statement {
            why.push("the text says the role depends on the theme".to_string());
        }
        if self.overleg_sections > 0 && self.project_sections > 0 {
            why.push(format!(
                "{} section(s) lean overleg and {} lean project",
                self.overleg_sections, self.project_sections
            ));
        }
        why
    }
}

/// Scores one RESOC from the evidence of its units with evidence (in document and
/// section order), its number of units, and its sections.
pub fn score_resoc(
    name: &str,
    evidence: &[(f64, f64)],
    n_units: usize,
    sections: &[SectionTotals],
    opts: &ScoringOptions,
) -> ResocScore {
    let mut totals = Totals::default();
    for (o, p) in evidence {
        totals.overleg += o;
        totals.project += p;
    }
    let role = role_type(&totals, opts);
    let described = role != RoleType::Onduidelijk;
    let lean = |s: &SectionTotals| {
        let well_evidenced =
            s.totals.evidence() >= opts.theme_min_evidence && s.evidence_units >= opts.theme_min_units;
        if well_evidenced {
            s.totals.lean(opts.lean_threshold)
        } else {
            None
        }
    };
    let overleg_sections = sections.iter().filter(|s| lean(s) == Some(Lean::Overleg)).count();
    let project_sections = sections.iter().filter(|s| lean(s) == Some(Lean::Project)).count();
    let theme_statement = sections.iter().any(|s| s.theme_statement);
    ResocScore {
        totals,
        score: if described { totals.score(opts.prior) } else { None },
        logit: described.then(|| totals.logit()),
        ci: if described {
            bootstrap_interval(name, evidence, n_units, opts)
        } else {
            None
        },
        role,
        theme_dependent: theme_statement || (overleg_sections > 0 && project_sections > 0),
        overleg_sections,
        project_sections,
        theme_statement,
        unclear_statement: sections.iter().any(|s| s.unclear_statement),
        evidence_units: evidence.iter().filter(|(o, p)| o + p > 0.0).count(),
    }
}

/// 95% percentile interval of `score` over resamples of the RESOC's `n_units` units
/// (Lowe & Benoit's sentence bootstrap: cue, negation and hedge stay together). Only
/// the units with evidence are passed; the others are zeros and change no sum. The
/// stream is seeded from the run seed and the RESOC's name only, so the bytes do not
/// depend on thread count or order of work.
pub fn bootstrap_interval(
    name: &str,
    evidence: &[(f64, f64)],
    n_units: usize,
    opts: &ScoringOptions,
) -> Option<(f64, f64)> {
    if n_units == 0 || opts.replicates == 0 {
        return None;
    }
    let mut hasher = Sha256::new();
    hasher.update(b"streekpact-bootstrap-v2");
    hasher.update(opts.seed.to_le_bytes());
    hasher.update(name.as_bytes());
    let key: [u8; 32] = hasher.finalize().into();
    let n = n_units.max(evidence.len()).min(u32::MAX as usize) as u32;
    // Replicates in fixed blocks, each block its own ChaCha stream: the blocks run in
    // parallel, and which numbers a replicate sees never depends on the scheduling.
    let blocks: Vec<usize> = (0..opts.replicates.div_ceil(BOOTSTRAP_BLOCK)).collect();
    let mut scores: Vec<f64> = blocks
        .par_iter()
        .flat_map_iter(|&block| {
            let mut rng = ChaCha8Rng::from_seed(key);
            rng.set_stream(block as u64);
            let count = BOOTSTRAP_BLOCK.min(opts.replicates - block * BOOTSTRAP_BLOCK);
            (0..count)
                .map(|_| {
                    let mut t = Totals::default();
                    for _ in 0..n {
                        if let Some((o, p)) = evidence.get(below(&mut rng, n) as usize) {
                            t.overleg += o;
                            t.project += p;
                        }
                    }
                    t.score(opts.prior).unwrap_or(0.0)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    scores.sort_by(f64::total_cmp);
    Some((quantile(&scores, 0.025), quantile(&scores, 0.975)))
}

/// Replicates per random stream (and per parallel task) of the bootstrap.
const BOOTSTRAP_BLOCK: usize = 50;

/// Uniform integer in [0, n), exact (Lemire's multiply-and-reject on 32-bit words),
/// independent of any library's distribution code, which may change between versions.
fn below(rng: &mut ChaCha8Rng, n: u32) -> u32 {
    let mut m = u64::from(rng.next_u32()) * u64::from(n);
    if (m as u32) < n {
        let threshold = n.wrapping_neg() % n;
        while (m as u32) < threshold {
            m = u64::from(rng.next_u32()) * u64::from(n);
        }
    }
    (m >> 32) as u32
}

/// Linear interpolation between order statistics (Hyndman & Fan type 7, R's default).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(o: f64, p: f64) -> UnitEvidence {
        UnitEvidence {
            overleg: o,
            project: p,
            overleg_match: None,
            project_match: None,
        }
    }

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
    fn bounded_draws_are_uniform_and_in_range() {
        let mut rng = ChaCha8Rng::from_seed([7; 32]);
        let mut counts = [0usize; 6];
        for _ in 0..60_000 {
            counts[below(&mut rng, 6) as usize] += 1;
        }
        for c in counts {
            assert!((9_000..11_000).contains(&c), "{counts:?}");
        }
        assert_eq!(below(&mut rng, 1), 0);
    }

    #[test]
    fn bootstrap_does_not_depend_on_the_thread_count() {
        let evidence: Vec<(f64, f64)> = (0..30)
            .map(|i| if i % 2 == 0 { (1.0, 0.0) } else { (0.0, 0.5) })
            .collect();
        let o = ScoringOptions::default();
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let two = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let a = one.install(|| bootstrap_interval("R", &evidence, 90, &o));
        let b = two.install(|| bootstrap_interval("R", &evidence, 90, &o));
        assert_eq!(a, b);
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

    #[test]
    fn bootstrap_is_seeded_by_name_and_brackets_the_score() {
        let units: Vec<_> = (0..40)
            .map(|i| {
                if i % 3 == 0 {
                    ev(1.0, 0.0)
                } else if i % 5 == 0 {
                    ev(0.0, 1.0)
                } else {
                    ev(0.0, 0.0)
                }
            })
            .collect();
        let o = ScoringOptions::default();
        let evidence: Vec<(f64, f64)> = units
            .iter()
            .filter(|u| u.overleg + u.project > 0.0)
            .map(|u| (u.overleg, u.project))
            .collect();
        let n = units.len();
        let a = bootstrap_interval("RESOC X", &evidence, n, &o).unwrap();
        assert_eq!(a, bootstrap_interval("RESOC X", &evidence, n, &o).unwrap());
        assert_ne!(a, bootstrap_interval("RESOC Y", &evidence, n, &o).unwrap());
        let s = Totals::of(&units).score(1.0).unwrap();
        assert!(a.0 <= s && s <= a.1, "{a:?} {s}");
        let other_seed = ScoringOptions { seed: 7, ..o };
        assert_ne!(
            a,
            bootstrap_interval("RESOC X", &evidence, n, &other_seed).unwrap()
        );
        // The zeros matter: the same evidence among more units is drawn with other odds.
        assert_ne!(a, bootstrap_interval("RESOC X", &evidence, 4 * n, &o).unwrap());
    }

    #[test]
    fn theme_dependence_from_sections_or_statement() {
        let o = ScoringOptions::default();
        let sec = |ov: f64, p: f64, stmt: bool| SectionTotals {
            totals: Totals {
                overleg: ov,
                project: p,
            },
            evidence_units: 2,
            theme_statement: stmt,
            unclear_statement: false,
        };
        let units = [(2.0, 0.0), (0.0, 2.0)];
        assert!(
            score_resoc("R", &units, 2, &[sec(2.0, 0.0, false), sec(0.0, 2.0, false)], &o).theme_dependent
        );
        assert!(
            !score_resoc("R", &units, 2, &[sec(2.0, 0.0, false), sec(0.0, 0.5, false)], &o).theme_dependent
        );
        assert!(score_resoc("R", &units, 2, &[sec(2.0, 2.0, true)], &o).theme_dependent);
    }
}
