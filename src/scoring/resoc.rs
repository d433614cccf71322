//! A RESOC's evidence gathered section by section, its score and type, and the seeded
//! sentence bootstrap of its interval.

use std::collections::BTreeMap;

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use rand_distr::{Binomial, Distribution};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::{role_type, Lean, RoleType, ScoringOptions, Totals};

/// Everything a RESOC's score is computed from, gathered section by section in
/// document order. Its size does not grow with the corpus: per section only the counts
/// of the theme rule are kept, and per unit only how many units carry each distinct
/// evidence value (which is all the bootstrap needs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResocEvidence {
    /// Sums of the units' evidence, added in document order (a fixed order keeps the
    /// floating-point sums, and so the output bytes, independent of scheduling).
    pub totals: Totals,
    pub units: usize,
    /// Units with evidence (overleg + project > 0).
    pub evidence_units: usize,
    pub sections: usize,
    /// Well-evidenced sections that lean to a pole, per pole.
    pub overleg_sections: usize,
    pub project_sections: usize,
    pub theme_statement: bool,
    pub unclear_statement: bool,
    /// How many units carry each distinct (overleg, project) value, keyed by the
    /// values' bits (non-negative floats sort by their bits as by their values).
    distinct: BTreeMap<(u64, u64), u64>,
}

/// One section as a RESOC's score sees it.
#[derive(Debug, Clone, Copy)]
pub struct SectionEvidence<'a> {
    /// (overleg, project) of each unit with evidence, in unit order.
    pub evidence: &'a [(f64, f64)],
    pub units: usize,
    pub theme_statement: bool,
    pub unclear_statement: bool,
}

impl ResocEvidence {
    /// Adds one unit of another section that names this RESOC (call in document order).
    /// It counts as a unit of evidence, not as a section.
    pub fn add_unit(&mut self, overleg: f64, project: f64) {
        self.totals.overleg += overleg;
        self.totals.project += project;
        self.units += 1;
        if overleg + project > 0.0 {
            self.evidence_units += 1;
            *self
                .distinct
                .entry((overleg.to_bits(), project.to_bits()))
                .or_insert(0) += 1;
        }
    }

    /// Adds one section (call in document order).
    pub fn add_section(&mut self, s: SectionEvidence<'_>, opts: &ScoringOptions) {
        let mut section = Totals::default();
        let mut evidence_units = 0;
        for &(o, p) in s.evidence {
            section.overleg += o;
            section.project += p;
            self.totals.overleg += o;
            self.totals.project += p;
            if o + p > 0.0 {
                evidence_units += 1;
                *self.distinct.entry((o.to_bits(), p.to_bits())).or_insert(0) += 1;
            }
        }
        self.units += s.units;
        self.evidence_units += evidence_units;
        self.sections += 1;
        let well_evidenced =
            section.evidence() >= opts.theme_min_evidence && evidence_units >= opts.theme_min_units;
        match section.lean(opts.lean_threshold) {
            Some(Lean::Overleg) if well_evidenced => self.overleg_sections += 1,
            Some(Lean::Project) if well_evidenced => self.project_sections += 1,
            _ => {}
        }
        self.theme_statement |= s.theme_statement;
        self.unclear_statement |= s.unclear_statement;
    }

    /// The distinct evidence values with their unit counts, in a fixed order.
    fn distinct_values(&self) -> Vec<(f64, f64, u64)> {
        self.distinct
            .iter()
            .map(|(&(o, p), &c)| (f64::from_bits(o), f64::from_bits(p), c))
            .collect()
    }
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

/// Scores one RESOC from its gathered evidence.
pub fn score_resoc(name: &str, ev: &ResocEvidence, opts: &ScoringOptions) -> ResocScore {
    let totals = ev.totals;
    let role = role_type(&totals, opts);
    let described = role != RoleType::Onduidelijk;
    ResocScore {
        totals,
        score: if described { totals.score(opts.prior) } else { None },
        logit: described.then(|| totals.logit()),
        ci: if described {
            bootstrap_interval(name, ev, opts)
        } else {
            None
        },
        role,
        theme_dependent: ev.theme_statement || (ev.overleg_sections > 0 && ev.project_sections > 0),
        overleg_sections: ev.overleg_sections,
        project_sections: ev.project_sections,
        theme_statement: ev.theme_statement,
        unclear_statement: ev.unclear_statement,
        evidence_units: ev.evidence_units,
    }
}

/// 95% percentile interval of `score` over resamples of the RESOC's units (Lowe &
/// Benoit's sentence bootstrap: cue, negation and hedge stay together).
///
/// A resample of n units with replacement only matters through how often it draws
/// each distinct evidence value: a multinomial count over those values (and the
/// zeros). It is drawn as a chain of binomials, each value's count given the draws
/// left — the same distribution as drawing unit by unit, at a cost per replicate of
/// the number of distinct values instead of the number of units. The stream is
/// seeded from the run seed and the RESOC's name only, so the bytes do not depend on
/// thread count or order of work.
pub fn bootstrap_interval(name: &str, ev: &ResocEvidence, opts: &ScoringOptions) -> Option<(f64, f64)> {
    let n = ev.units.max(ev.evidence_units) as u64;
    if n == 0 || opts.replicates == 0 {
        return None;
    }
    let mut hasher = Sha256::new();
    hasher.update(b"streekpact-bootstrap-v3");
    hasher.update(opts.seed.to_le_bytes());
    hasher.update(name.as_bytes());
    let key: [u8; 32] = hasher.finalize().into();
    let values = ev.distinct_values();
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
                .map(|_| resample_score(&values, n, &mut rng, opts.prior))
                .collect::<Vec<_>>()
        })
        .collect();
    scores.sort_by(f64::total_cmp);
    Some((quantile(&scores, 0.025), quantile(&scores, 0.975)))
}

/// The score of one resample of `n` units, of which `values` give the non-zero
/// evidence values and how many units carry each.
fn resample_score(values: &[(f64, f64, u64)], n: u64, rng: &mut ChaCha8Rng, prior: f64) -> f64 {
    let mut t = Totals::default();
    let mut draws_left = n;
    let mut units_left = n;
    for &(o, p, count) in values {
        if draws_left == 0 {
            break;
        }
        let hits = if count >= units_left {
            draws_left
        } else {
            Binomial::new(draws_left, count as f64 / units_left as f64).map_or(0, |b| b.sample(rng))
        };
        t.overleg += hits as f64 * o;
        t.project += hits as f64 * p;
        draws_left -= hits;
        units_left -= count;
    }
    t.score(prior).unwrap_or(0.0)
}

/// Replicates per random stream (and per parallel task) of the bootstrap.
const BOOTSTRAP_BLOCK: usize = 50;

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
    use crate::scoring::UnitEvidence;

    fn ev(o: f64, p: f64) -> UnitEvidence {
        UnitEvidence {
            overleg: o,
            project: p,
            overleg_match: None,
            project_match: None,
        }
    }
    /// The evidence of one section with `n_units` units, of which `evidence` are
    /// the ones with evidence.
    fn gathered(evidence: &[(f64, f64)], n_units: usize) -> ResocEvidence {
        let mut ev = ResocEvidence::default();
        ev.add_section(
            SectionEvidence {
                evidence,
                units: n_units,
                theme_statement: false,
                unclear_statement: false,
            },
            &ScoringOptions::default(),
        );
        ev
    }
    #[test]
    fn bootstrap_does_not_depend_on_the_thread_count() {
        let evidence: Vec<(f64, f64)> = (0..30)
            .map(|i| if i % 2 == 0 { (1.0, 0.0) } else { (0.0, 0.5) })
            .collect();
        let ev = gathered(&evidence, 90);
        let o = ScoringOptions::default();
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let two = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let a = one.install(|| bootstrap_interval("R", &ev, &o));
        let b = two.install(|| bootstrap_interval("R", &ev, &o));
        assert_eq!(a, b);
    }
    /// The chain of binomials must give the distribution of drawing unit by unit.
    #[test]
    fn multinomial_resample_matches_drawing_unit_by_unit() {
        use rand_core::RngCore;
        let evidence = [
            (1.0, 0.0),
            (1.0, 0.0),
            (0.5, 0.0),
            (0.0, 1.5),
            (0.0, 0.3),
            (0.2, 0.2),
        ];
        let n = 25u64;
        let values = gathered(&evidence, n as usize).distinct_values();
        let mut rng = ChaCha8Rng::from_seed([3; 32]);
        let replicates = 40_000;
        let mut fast: Vec<f64> = (0..replicates)
            .map(|_| resample_score(&values, n, &mut rng, 1.0))
            .collect();
        let mut slow: Vec<f64> = (0..replicates)
            .map(|_| {
                let mut t = Totals::default();
                for _ in 0..n {
                    if let Some((o, p)) = evidence.get((rng.next_u64() % n) as usize) {
                        t.overleg += o;
                        t.project += p;
                    }
                }
                t.score(1.0).unwrap_or(0.0)
            })
            .collect();
        fast.sort_by(f64::total_cmp);
        slow.sort_by(f64::total_cmp);
        for q in [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975] {
            let (a, b) = (quantile(&fast, q), quantile(&slow, q));
            assert!((a - b).abs() < 0.03, "quantile {q}: {a} vs {b}");
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!((mean(&fast) - mean(&slow)).abs() < 0.005);
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
        let ev = gathered(&evidence, n);
        let a = bootstrap_interval("RESOC X", &ev, &o).unwrap();
        assert_eq!(a, bootstrap_interval("RESOC X", &ev, &o).unwrap());
        assert_ne!(a, bootstrap_interval("RESOC Y", &ev, &o).unwrap());
        let s = Totals::of(&units).score(1.0).unwrap();
        assert!(a.0 <= s && s <= a.1, "{a:?} {s}");
        let other_seed = ScoringOptions { seed: 7, ..o };
        assert_ne!(a, bootstrap_interval("RESOC X", &ev, &other_seed).unwrap());
        // The zeros matter: the same evidence among more units is drawn with other odds.
        let diluted = gathered(&evidence, 4 * n);
        assert_ne!(a, bootstrap_interval("RESOC X", &diluted, &o).unwrap());
    }
    #[test]
    fn theme_dependence_from_sections_or_statement() {
        let o = ScoringOptions::default();
        let resoc = |sections: &[(&[(f64, f64)], bool)]| {
            let mut ev = ResocEvidence::default();
            for &(evidence, theme_statement) in sections {
                ev.add_section(
                    SectionEvidence {
                        evidence,
                        units: evidence.len(),
                        theme_statement,
                        unclear_statement: false,
                    },
                    &o,
                );
            }
            score_resoc("R", &ev, &o)
        };
        let overleg: &[(f64, f64)] = &[(1.0, 0.0), (1.0, 0.0)];
        let project: &[(f64, f64)] = &[(0.0, 1.0), (0.0, 1.0)];
        let thin_project: &[(f64, f64)] = &[(0.0, 0.5)];
        let mixed: &[(f64, f64)] = &[(1.0, 0.0), (0.0, 1.0)];
        assert!(resoc(&[(overleg, false), (project, false)]).theme_dependent);
        assert!(!resoc(&[(overleg, false), (thin_project, false)]).theme_dependent);
        assert!(resoc(&[(mixed, true)]).theme_dependent);
        let r = resoc(&[(overleg, false), (project, false), (thin_project, false)]);
        assert_eq!(
            (r.overleg_sections, r.project_sections, r.evidence_units),
            (1, 1, 5)
        );
    }
}
