//! `lexicon check`: per cue its hits and matched forms, dead cues, entries that compete
//! for the same words, and stem collisions.

use std::collections::BTreeMap;
use std::fmt::Write;

use rayon::prelude::*;

use crate::analyze::{analyze_section, stem_folded};
use crate::instruments::Instruments;
use crate::lexicon::atoms::AtomKind;
use crate::lexicon::inflect::inflections;
use crate::lexicon::{CueId, Lexicon};
use crate::matching::cue_candidates;
use crate::report::{csv_file, Cell, Dialect};

use super::Corpus;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueUse {
    /// Occurrences after overlap resolution.
    pub hits: usize,
    /// Of those, occurrences that kept a weight above 0.
    pub counted: usize,
    /// Matched word forms (folded) with their counts.
    pub forms: BTreeMap<String, usize>,
    /// Of the hits, those whose clause has the RESOC as agent (from the tree, or the
    /// word window where there is no tree).
    pub resoc_agent: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    pub cue: String,
    pub other: String,
    /// A word both match.
    pub example: String,
    /// Which of the two is kept where both match (longest, then most specific).
    pub winner: String,
    /// Occurrences in the corpus where both matched the same words (0 without corpus).
    pub corpus_count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub cues: usize,
    /// Per cue (lexicon order), its use in the corpus; empty without a corpus.
    pub uses: Vec<(CueId, CueUse)>,
    pub dead: Vec<CueId>,
    /// Cues with weight and hits, none of which has the RESOC as agent: in these
    /// inputs they only ever describe what others do.
    pub never_resoc: Vec<CueId>,
    pub overlaps: Vec<Overlap>,
    /// Cues of different categories whose Snowball stems coincide.
    pub stem_collisions: Vec<(String, String, String)>,
    /// Per category, its most frequent matched forms.
    pub top_forms: BTreeMap<String, Vec<(String, usize)>>,
    pub with_corpus: bool,
}

/// Validates (the lexicon is already compiled) and inspects a lexicon, on a corpus if
/// inputs are given.
pub fn check(lexicon: &Lexicon, corpus: Option<&Corpus>, instruments: &Instruments) -> CheckReport {
    let mut overlaps: BTreeMap<(String, String), Overlap> = BTreeMap::new();
    // Static overlaps: probe every single-word cue's own forms against all entries.
    let single: Vec<(CueId, Vec<String>)> = lexicon
        .cues
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pattern.atoms.len() == 1)
        .map(|(i, c)| {
            (
                i as CueId,
                probe_forms(&lexicon.atoms.get(c.pattern.atoms[0]).kind),
            )
        })
        .collect();
    let mut analyzer = crate::analyze::Analyzer::new();
    for (id, forms) in &single {
        for form in forms {
            let fid = analyzer.intern(form);
            let atoms = lexicon.atoms.matching(analyzer.form(fid));
            for (other, _) in &single {
                if other == id {
                    continue;
                }
                let oc = &lexicon.cues[*other as usize];
                if atoms.contains(&oc.pattern.atoms[0]) {
                    let (a, b) = ordered(lexicon, *id, *other);
                    overlaps.entry((a.clone(), b.clone())).or_insert_with(|| Overlap {
                        cue: a,
                        other: b,
                        example: form.clone(),
                        winner: winner(lexicon, *id, *other),
                        corpus_count: 0,
                    });
                }
            }
        }
    }
    // Stem collisions between categories.
    let mut by_stem: BTreeMap<String, Vec<CueId>> = BTreeMap::new();
    for (i, c) in lexicon.cues.iter().enumerate() {
        if c.pattern.atoms.len() == 1 {
            if let AtomKind::Word { word } = &lexicon.atoms.get(c.pattern.atoms[0]).kind {
                by_stem.entry(stem_folded(word)).or_default().push(i as CueId);
            }
        }
    }
    let mut stem_collisions = Vec::new();
    for (stem, ids) in &by_stem {
        for (k, a) in ids.iter().enumerate() {
            for b in &ids[k + 1..] {
                let (ca, cb) = (&lexicon.cues[*a as usize], &lexicon.cues[*b as usize]);
                if ca.category != cb.category {
                    stem_collisions.push((ca.text.clone(), cb.text.clone(), stem.clone()));
                }
            }
        }
    }
    let mut uses: Vec<CueUse> = vec![CueUse::default(); lexicon.cues.len()];
    let with_corpus = corpus.is_some();
    if let Some(corpus) = corpus {
        let sections = &corpus.sections;
        /// Per section: (cue, matched form, weight, RESOC agent) of each hit, and
        /// competing pairs.
        type SectionUse = (Vec<(String, String, f64, bool)>, Vec<(CueId, CueId)>);
        let per_section: Vec<SectionUse> = sections
            .par_iter()
            .map(|(_, s)| {
                let analyzed = analyze_section(s);
                let findings = crate::matching::match_section_with(
                    s,
                    &analyzed,
                    lexicon,
                    &instruments.context,
                    instruments.reader,
                );
                let mut hits = Vec::new();
                for (u, f) in findings.iter().enumerate() {
                    let tokens = analyzed.unit(u);
                    for m in &f.matches {
                        let form = analyzed.analyzer.form(tokens[m.first_token].form).folded.clone();
                        let resoc = matches!(
                            m.actor,
                            crate::matching::Actor::Resoc | crate::matching::Actor::Unknown
                        );
                        hits.push((lexicon.cues[m.cue as usize].text.clone(), form, m.weight, resoc));
                    }
                }
                let mut pairs = Vec::new();
                for unit in cue_candidates(&analyzed, lexicon) {
                    for (i, (a, pa)) in unit.iter().enumerate() {
                        for (b, pb) in &unit[i + 1..] {
                            if a != b && pa.iter().any(|p| pb.contains(p)) {
                                pairs.push((*a.min(b), *a.max(b)));
                            }
                        }
                    }
                }
                (hits, pairs)
            })
            .collect();
        let index: BTreeMap<&str, usize> = lexicon
            .cues
            .iter()
            .enumerate()
            .map(|(i, c)| (c.text.as_str(), i))
            .collect();
        for (hits, pairs) in &per_section {
            for (cue, form, weight, resoc) in hits {
                let u = &mut uses[index[cue.as_str()]];
                u.hits += 1;
                u.resoc_agent += usize::from(*resoc);
                if *weight > 0.0 {
                    u.counted += 1;
                }
                *u.forms.entry(form.clone()).or_default() += 1;
            }
            for (a, b) in pairs {
                let (x, y) = ordered(lexicon, *a, *b);
                let example = String::new();
                overlaps
                    .entry((x.clone(), y.clone()))
                    .or_insert_with(|| Overlap {
                        cue: x,
                        other: y,
                        example,
                        winner: winner(lexicon, *a, *b),
                        corpus_count: 0,
                    })
                    .corpus_count += 1;
            }
        }
    }
    let dead = if with_corpus {
        (0..lexicon.cues.len())
            .filter(|&i| lexicon.cues[i].weight > 0.0 && uses[i].hits == 0)
            .map(|i| i as CueId)
            .collect()
    } else {
        Vec::new()
    };
    let never_resoc = (0..lexicon.cues.len())
        .filter(|&i| lexicon.cues[i].weight > 0.0 && uses[i].hits > 0 && uses[i].resoc_agent == 0)
        .map(|i| i as CueId)
        .collect();
    let mut top_forms: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (i, u) in uses.iter().enumerate() {
        let cat = &lexicon.category(lexicon.cues[i].category).name;
        for (form, n) in &u.forms {
            *top_forms
                .entry(cat.clone())
                .or_default()
                .entry(form.clone())
                .or_default() += n;
        }
    }
    let top_forms = top_forms
        .into_iter()
        .map(|(cat, forms)| {
            let mut v: Vec<(String, usize)> = forms.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(8);
            (cat, v)
        })
        .collect();
    CheckReport {
        cues: lexicon.cues.len(),
        uses: uses
            .into_iter()
            .enumerate()
            .map(|(i, u)| (i as CueId, u))
            .collect(),
        dead,
        never_resoc,
        overlaps: overlaps.into_values().collect(),
        stem_collisions,
        top_forms,
        with_corpus,
    }
}

/// Words that stand for what a single-word pattern matches: its inflections, or the
/// literal of a glob.
fn probe_forms(kind: &AtomKind) -> Vec<String> {
    match kind {
        AtomKind::Word { word } => inflections(word),
        AtomKind::Exact(w) | AtomKind::Prefix(w) | AtomKind::Suffix(w) | AtomKind::Infix(w) => {
            vec![w.clone()]
        }
        AtomKind::Any => Vec::new(),
    }
}

fn ordered(lexicon: &Lexicon, a: CueId, b: CueId) -> (String, String) {
    let (x, y) = (a.min(b), a.max(b));
    (
        lexicon.cues[x as usize].text.clone(),
        lexicon.cues[y as usize].text.clone(),
    )
}

fn winner(lexicon: &Lexicon, a: CueId, b: CueId) -> String {
    let (ca, cb) = (&lexicon.cues[a as usize], &lexicon.cues[b as usize]);
    let key = |c: &crate::lexicon::Cue| (c.pattern.atoms.len(), c.pattern.specificity);
    let (x, y) = (key(ca), key(cb));
    if x > y || (x == y && a < b) {
        ca.text.clone()
    } else {
        cb.text.clone()
    }
}

fn forms_cell(u: &CueUse, n: usize) -> String {
    let mut v: Vec<(&String, &usize)> = u.forms.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(n)
        .map(|(f, c)| format!("{f}×{c}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The check report as a readable text.
pub fn check_text(r: &CheckReport, lexicon: &Lexicon) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "lexicon: {} cue(s) in {} categor(y/ies); no errors",
        r.cues,
        lexicon.categories.len()
    );
    if r.with_corpus {
        let _ = writeln!(
            s,
            "\n{:<28} {:<14} {:>6} {:>6} {:>8}  matched forms",
            "cue", "category", "weight", "hits", "counted"
        );
        for (id, u) in &r.uses {
            let c = &lexicon.cues[*id as usize];
            let _ = writeln!(
                s,
                "{:<28} {:<14} {:>6} {:>6} {:>8}  {}",
                c.text,
                lexicon.category(c.category).name,
                c.weight,
                u.hits,
                u.counted,
                forms_cell(u, 6)
            );
        }
        let _ = writeln!(
            s,
            "\ndead cues (weight > 0, no hit in these inputs): {}",
            r.dead.len()
        );
        for id in &r.dead {
            let c = &lexicon.cues[*id as usize];
            let _ = writeln!(s, "  {}:{}  {}", c.file, c.line, c.text);
        }
        let _ = writeln!(
            s,
            "\ncues never read with the RESOC as agent (weight > 0, hits, each about another actor or nobody): {}",
            r.never_resoc.len()
        );
        for id in &r.never_resoc {
            let c = &lexicon.cues[*id as usize];
            let u = &r.uses[*id as usize].1;
            let _ = writeln!(s, "  {}:{}  {}  ({} hit(s))", c.file, c.line, c.text, u.hits);
        }
    }
    let _ = writeln!(
        s,
        "\nentries that match the same words (only the winner counts there; no double counting):"
    );
    for o in &r.overlaps {
        let _ = writeln!(
            s,
            "  {} ~ {}{}{}  → {}",
            o.cue,
            o.other,
            if o.example.is_empty() {
                String::new()
            } else {
                format!("  e.g. '{}'", o.example)
            },
            if r.with_corpus {
                format!("  {}× in corpus", o.corpus_count)
            } else {
                String::new()
            },
            o.winner
        );
    }
    let _ = writeln!(s, "\nstem collisions between categories (Snowball stem):");
    for (a, b, stem) in &r.stem_collisions {
        let _ = writeln!(s, "  {a} ~ {b}  (stem '{stem}')");
    }
    if r.with_corpus {
        let _ = writeln!(s, "\nmost frequent matched forms per category:");
        for (cat, forms) in &r.top_forms {
            let list: Vec<String> = forms.iter().map(|(f, n)| format!("{f}×{n}")).collect();
            let _ = writeln!(s, "  {cat}: {}", list.join(" "));
        }
    }
    s
}

/// The check report as CSV in dialect `d`: one row per finding.
pub fn check_csv(r: &CheckReport, lexicon: &Lexicon, d: Dialect) -> Result<Vec<u8>, String> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (id, u) in &r.uses {
        let c = &lexicon.cues[*id as usize];
        let kind = if r.dead.contains(id) {
            "dead"
        } else if r.never_resoc.contains(id) {
            "never_resoc"
        } else {
            "cue"
        };
        rows.push(vec![
            Cell::text(kind),
            Cell::text(&c.text),
            Cell::text(&lexicon.category(c.category).name),
            // As the lexicon spells it (a weight is never negative).
            Cell::owned(c.weight.to_string()),
            Cell::count(u.hits),
            Cell::count(u.counted),
            Cell::owned(forms_cell(u, 20)),
            Cell::Empty,
            Cell::Empty,
            Cell::owned(format!("{}:{}", c.file, c.line)),
        ]);
    }
    for o in &r.overlaps {
        rows.push(vec![
            Cell::text("overlap"),
            Cell::text(&o.cue),
            Cell::Empty,
            Cell::Empty,
            Cell::count(o.corpus_count),
            Cell::Empty,
            Cell::text(&o.example),
            Cell::text(&o.other),
            Cell::text(&o.winner),
            Cell::Empty,
        ]);
    }
    for (a, b, stem) in &r.stem_collisions {
        rows.push(vec![
            Cell::text("stem_collision"),
            Cell::text(a),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(stem),
            Cell::text(b),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    csv_file(d, CHECK_COLUMNS, rows).map_err(|e| e.to_string())
}

pub const CHECK_COLUMNS: &[&str] = &[
    "kind", "cue", "category", "weight", "hits", "counted", "forms", "other", "winner", "source",
];
