//! The lexicon workbench: `lexicon check`, `lexicon sensitivity`, `lexicon import`
//! and `lexicon suggest`. The lexicon is the researcher's instrument; these commands
//! show what each entry catches, which entries carry a conclusion, and bring in
//! dictionaries from LIWC and quanteda.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analyze::{analyze_section, stem_folded};
use crate::ingest::{discover, read_input, IngestOptions};
use crate::instruments::Instruments;
use crate::lexicon::atoms::AtomKind;
use crate::lexicon::inflect::inflections;
use crate::lexicon::{CueId, Lexicon};
use crate::matching::cue_candidates;
use crate::pipeline::analyze_and_match;
use crate::report::safe_text;
use crate::scoring::ScoringOptions;
use crate::scoring::{score_documents, Analysis, DocumentSummary, RunResult, SectionSummary};
use crate::segment::{segment_document, Section};
use crate::text::fold;

/// All sections of the readable inputs, in input order, with their document name.
fn sections_of(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> Vec<(String, Section)> {
    let (files, _) = discover(inputs);
    files
        .par_iter()
        .filter_map(|f| read_input(f, ingest).result.ok())
        .map(|doc| {
            let seg = segment_document(&doc.name, &doc.text, &instruments.registry);
            seg.sections
                .into_iter()
                .map(|s| (doc.name.clone(), s))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

// ---------------------------------------------------------------------------------
// check

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueUse {
    /// Occurrences after overlap resolution.
    pub hits: usize,
    /// Of those, occurrences that kept a weight above 0.
    pub counted: usize,
    /// Matched word forms (folded) with their counts.
    pub forms: BTreeMap<String, usize>,
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
    pub overlaps: Vec<Overlap>,
    /// Cues of different categories whose Snowball stems coincide.
    pub stem_collisions: Vec<(String, String, String)>,
    /// Per category, its most frequent matched forms.
    pub top_forms: BTreeMap<String, Vec<(String, usize)>>,
    pub with_corpus: bool,
}

/// Validates (the lexicon is already compiled) and inspects a lexicon, on a corpus if
/// inputs are given.
pub fn check(
    lexicon: &Lexicon,
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> CheckReport {
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
    let with_corpus = !inputs.is_empty();
    if with_corpus {
        let sections = sections_of(inputs, ingest, instruments);
        /// Per section: (cue, matched form, weight) of each hit, and competing pairs.
        type SectionUse = (Vec<(String, String, f64)>, Vec<(CueId, CueId)>);
        let per_section: Vec<SectionUse> = sections
            .par_iter()
            .map(|(_, s)| {
                let analyzed = analyze_section(s);
                let findings = crate::matching::match_section(s, &analyzed, lexicon, &instruments.context);
                let mut hits = Vec::new();
                for (u, f) in findings.iter().enumerate() {
                    let tokens = analyzed.unit(u);
                    for m in &f.matches {
                        let form = analyzed.analyzer.form(tokens[m.first_token].form).folded.clone();
                        hits.push((lexicon.cues[m.cue as usize].text.clone(), form, m.weight));
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
            for (cue, form, weight) in hits {
                let u = &mut uses[index[cue.as_str()]];
                u.hits += 1;
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

/// The check report as CSV: one row per finding.
pub fn check_csv(r: &CheckReport, lexicon: &Lexicon) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    w.write_record([
        "kind", "cue", "category", "weight", "hits", "counted", "forms", "other", "winner", "source",
    ])
    .map_err(e)?;
    for (id, u) in &r.uses {
        let c = &lexicon.cues[*id as usize];
        let kind = if r.dead.contains(id) { "dead" } else { "cue" };
        w.write_record([
            kind.to_string(),
            safe_text(&c.text),
            lexicon.category(c.category).name.clone(),
            c.weight.to_string(),
            u.hits.to_string(),
            u.counted.to_string(),
            safe_text(&forms_cell(u, 20)),
            String::new(),
            String::new(),
            format!("{}:{}", c.file, c.line),
        ])
        .map_err(e)?;
    }
    for o in &r.overlaps {
        w.write_record([
            "overlap".to_string(),
            safe_text(&o.cue),
            String::new(),
            String::new(),
            o.corpus_count.to_string(),
            String::new(),
            safe_text(&o.example),
            safe_text(&o.other),
            safe_text(&o.winner),
            String::new(),
        ])
        .map_err(e)?;
    }
    for (a, b, stem) in &r.stem_collisions {
        w.write_record([
            "stem_collision",
            &safe_text(a),
            "",
            "",
            "",
            "",
            stem,
            &safe_text(b),
            "",
            "",
        ])
        .map_err(e)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------
// sensitivity

#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub cue: String,
    pub category: String,
    pub hits: usize,
    pub resoc: String,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    pub type_before: String,
    pub type_after: String,
}

impl Influence {
    pub fn delta(&self) -> f64 {
        self.score_after.unwrap_or(0.0) - self.score_before.unwrap_or(0.0)
    }
    pub fn type_changed(&self) -> bool {
        self.type_before != self.type_after
    }
}

/// Leave-one-cue-out: for every cue with a hit, the corpus is rescored without it (as
/// if its line were deleted); each RESOC whose score or type moves gets a row. Only
/// the sections where the cue occurs are analysed again.
pub fn sensitivity(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
) -> Vec<Influence> {
    let sections = sections_of(inputs, ingest, instruments);
    let base: Vec<_> = sections
        .par_iter()
        .map(|(_, s)| analyze_and_match(s.clone(), instruments))
        .collect();
    let candidates: Vec<BTreeSet<CueId>> = sections
        .par_iter()
        .map(|(_, s)| {
            let a = analyze_section(s);
            cue_candidates(&a, &instruments.lexicon)
                .into_iter()
                .flatten()
                .map(|(c, _)| c)
                .collect()
        })
        .collect();
    let assemble_with = |summaries: Vec<SectionSummary>| -> RunResult {
        let mut docs: Vec<DocumentSummary> = Vec::new();
        for ((name, _), s) in sections.iter().zip(summaries) {
            match docs.last_mut() {
                Some(d) if &d.name == name => d.sections.push(s),
                _ => docs.push(DocumentSummary {
                    name: name.clone(),
                    title: None,
                    sections: vec![s],
                }),
            }
        }
        let analysis = Analysis {
            inputs: Vec::new(),
            documents: docs,
            input_problems: Vec::new(),
        };
        score_documents(analysis, &|_| None, opts)
    };
    let before = assemble_with(base.clone());
    let before_by: BTreeMap<&str, (Option<f64>, &str)> = before
        .resocs
        .iter()
        .map(|r| (r.name.as_str(), (r.score.score, r.score.role.as_str())))
        .collect();
    let lex = &instruments.lexicon;
    let mut rows: Vec<Influence> = (0..lex.cues.len() as CueId)
        .into_par_iter()
        .filter(|c| lex.cues[*c as usize].weight > 0.0 && candidates.iter().any(|set| set.contains(c)))
        .flat_map_iter(|cue| {
            let reduced = Instruments {
                lexicon: lex.without(cue),
                context: instruments.context.clone(),
                registry: instruments.registry.clone(),
            };
            let summaries: Vec<_> = sections
                .iter()
                .zip(&base)
                .zip(&candidates)
                .map(|(((_, s), b), cands)| {
                    if cands.contains(&cue) {
                        analyze_and_match(s.clone(), &reduced)
                    } else {
                        b.clone()
                    }
                })
                .collect();
            let hits = base
                .iter()
                .flat_map(|s| &s.matches)
                .filter(|m| m.cue == lex.cues[cue as usize].text)
                .count();
            let after = assemble_with(summaries);
            let c = &lex.cues[cue as usize];
            let mut out = Vec::new();
            let mut names: BTreeSet<&str> = before_by.keys().copied().collect();
            names.extend(after.resocs.iter().map(|r| r.name.as_str()));
            for name in names {
                let (sb, tb) = before_by.get(name).copied().unwrap_or((None, "onduidelijk"));
                let a = after.resocs.iter().find(|r| r.name == name);
                let (sa, ta) = a.map_or((None, "onduidelijk"), |r| (r.score.score, r.score.role.as_str()));
                if sa != sb || ta != tb {
                    out.push(Influence {
                        cue: c.text.clone(),
                        category: lex.category(c.category).name.clone(),
                        hits,
                        resoc: name.to_string(),
                        score_before: sb,
                        score_after: sa,
                        type_before: tb.to_string(),
                        type_after: ta.to_string(),
                    });
                }
            }
            out
        })
        .collect();
    rows.sort_by(|a, b| {
        b.type_changed()
            .cmp(&a.type_changed())
            .then(b.delta().abs().total_cmp(&a.delta().abs()))
            .then(a.cue.cmp(&b.cue))
            .then(a.resoc.cmp(&b.resoc))
    });
    rows
}

pub fn sensitivity_csv(rows: &[Influence]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    let num = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    w.write_record([
        "cue",
        "category",
        "hits",
        "resoc",
        "score_before",
        "score_after",
        "delta",
        "type_before",
        "type_after",
        "type_changed",
    ])
    .map_err(e)?;
    for r in rows {
        w.write_record([
            safe_text(&r.cue),
            r.category.clone(),
            r.hits.to_string(),
            safe_text(&r.resoc),
            num(r.score_before),
            num(r.score_after),
            format!("{:.4}", r.delta()),
            r.type_before.clone(),
            r.type_after.clone(),
            r.type_changed().to_string(),
        ])
        .map_err(e)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------
// import

/// One dictionary entry that could not be expressed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub entry: String,
    pub category: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The native lexicon text.
    pub tsv: String,
    pub entries: usize,
    pub skipped: Vec<Skipped>,
}

/// Converts one dictionary pattern (LIWC or quanteda glob) into native cue syntax.
fn convert_pattern(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("empty entry".into());
    }
    if raw.contains(['(', ')', '<', '>', '[', ']', '{', '}', '|', '\\', '^', '$']) {
        return Err("regular-expression or LIWC grammar construct (not a word pattern)".into());
    }
    if raw.contains('?') {
        return Err("'?' (one-character wildcard) has no equivalent".into());
    }
    let mut words = Vec::new();
    for w in raw.split_whitespace() {
        let star_inside = w.trim_start_matches('*').trim_end_matches('*').contains('*');
        if star_inside {
            return Err("'*' inside a word has no equivalent (only at the start or end)".into());
        }
        if w == "*" {
            return Err("a lone '*' matches every word".into());
        }
        let glob = w.starts_with('*') || w.ends_with('*');
        let lower = w.to_lowercase();
        words.push(if glob { lower } else { format!("\"{lower}\"") });
    }
    Ok(words.join(" "))
}

fn pole_of(category: &str, poles: &[(String, f64)]) -> Option<f64> {
    poles
        .iter()
        .find(|(c, _)| c == category || category.starts_with(&format!("{c}.")))
        .map(|(_, p)| *p)
}

fn render_import(
    source: &str,
    cats: &[(String, Option<f64>)],
    entries: Vec<(String, String)>,
    mut skipped: Vec<Skipped>,
) -> Imported {
    let mut tsv = String::new();
    let _ = writeln!(tsv, "# Imported by `streekpact lexicon import` from {source}.");
    let _ = writeln!(
        tsv,
        "# Every entry has weight 1; plain words match exactly that form (as in the source)."
    );
    tsv.push_str("cue\tcategory\tweight\tnote\n");
    for (name, pole) in cats {
        if let Some(p) = pole {
            let _ = writeln!(
                tsv,
                "@category\t{}\t{p}\timported",
                name.replace(char::is_whitespace, "_")
            );
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut n = 0;
    for (pattern, category) in entries {
        let Some(pole) = cats.iter().find(|(c, _)| *c == category).and_then(|(_, p)| *p) else {
            skipped.push(Skipped {
                entry: pattern,
                category: category.clone(),
                reason: "its category has no --poles value".into(),
            });
            continue;
        };
        let _ = pole;
        match convert_pattern(&pattern) {
            Ok(cue) => {
                let key = fold(&cue);
                if let Some(first) = seen.get(&key) {
                    skipped.push(Skipped {
                        entry: pattern,
                        category: category.clone(),
                        reason: format!(
                            "already imported for category '{first}' (a cue counts for one category)"
                        ),
                    });
                    continue;
                }
                seen.insert(key, category.clone());
                let _ = writeln!(tsv, "{cue}\t{}\t1", category.replace(char::is_whitespace, "_"));
                n += 1;
            }
            Err(reason) => skipped.push(Skipped {
                entry: pattern,
                category,
                reason,
            }),
        }
    }
    if !skipped.is_empty() {
        let _ = writeln!(tsv, "# Not imported ({}):", skipped.len());
        for s in &skipped {
            let _ = writeln!(tsv, "#   {} [{}]: {}", s.entry, s.category, s.reason);
        }
    }
    Imported {
        tsv,
        entries: n,
        skipped,
    }
}

/// Imports a LIWC `.dic` dictionary: a `%`-delimited header of `id<TAB>name` lines,
/// then `entry<TAB>id id …` lines.
pub fn import_liwc(source: &str, text: &str, poles: &[(String, f64)]) -> Result<Imported, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let mut cats: Vec<(String, String)> = Vec::new(); // (id, name)
    let mut in_header = false;
    let mut header_done = false;
    for (i, line) in lines.by_ref() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t == "%" {
            if in_header {
                header_done = true;
                break;
            }
            in_header = true;
            continue;
        }
        if !in_header {
            return Err(format!(
                "{source}:{}: a LIWC dictionary starts with a '%' line",
                i + 1
            ));
        }
        let mut parts = t.split_whitespace();
        let (Some(id), Some(name)) = (parts.next(), parts.next()) else {
            return Err(format!(
                "{source}:{}: expected 'number<TAB>category' in the header",
                i + 1
            ));
        };
        cats.push((id.to_string(), name.to_string()));
    }
    if !header_done {
        return Err(format!(
            "{source}: the category header is not closed by a second '%' line"
        ));
    }
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in lines {
        let t = line.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        // The entry is everything before the first tab; LIWC multi-word entries contain spaces.
        let (entry, ids) = match t.split_once('\t') {
            Some((e, ids)) => (e.trim().to_string(), ids.to_string()),
            None => {
                let mut it = t.rsplitn(2, ' ');
                let ids = it.next().unwrap_or("").to_string();
                (it.next().unwrap_or("").trim().to_string(), ids)
            }
        };
        let ids: Vec<&str> = ids.split_whitespace().collect();
        if ids.is_empty() {
            skipped.push(Skipped {
                entry,
                category: String::new(),
                reason: format!("line {}: no category number", i + 1),
            });
            continue;
        }
        for id in ids {
            match cats.iter().find(|(cid, _)| cid == id) {
                Some((_, name)) => entries.push((entry.clone(), name.clone())),
                None => skipped.push(Skipped {
                    entry: entry.clone(),
                    category: id.to_string(),
                    reason: format!("line {}: category number {id} is not in the header", i + 1),
                }),
            }
        }
    }
    let cat_poles: Vec<(String, Option<f64>)> =
        cats.iter().map(|(_, n)| (n.clone(), pole_of(n, poles))).collect();
    Ok(render_import(source, &cat_poles, entries, skipped))
}

/// Imports a quanteda-style YAML dictionary: keys (nested keys joined with '.') with
/// lists of glob patterns.
pub fn import_yaml(source: &str, text: &str, poles: &[(String, f64)]) -> Result<Imported, String> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("{source}: not valid YAML: {e}"))?;
    let Some(root) = docs.first() else {
        return Err(format!("{source}: empty YAML document"));
    };
    let mut cats: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    fn walk(
        node: &Yaml,
        path: &str,
        cats: &mut Vec<String>,
        entries: &mut Vec<(String, String)>,
        skipped: &mut Vec<Skipped>,
    ) {
        match node {
            Yaml::Hash(h) => {
                for (k, v) in h {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        other => format!("{other:?}"),
                    };
                    let p = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(v, &p, cats, entries, skipped);
                }
            }
            Yaml::Array(items) => {
                if !cats.contains(&path.to_string()) {
                    cats.push(path.to_string());
                }
                for it in items {
                    match it {
                        Yaml::String(s) => entries.push((s.clone(), path.to_string())),
                        Yaml::Integer(i) => entries.push((i.to_string(), path.to_string())),
                        other => skipped.push(Skipped {
                            entry: format!("{other:?}"),
                            category: path.to_string(),
                            reason: "not a pattern string".into(),
                        }),
                    }
                }
            }
            Yaml::String(s) => {
                if !cats.contains(&path.to_string()) {
                    cats.push(path.to_string());
                }
                entries.push((s.clone(), path.to_string()));
            }
            other => skipped.push(Skipped {
                entry: format!("{other:?}"),
                category: path.to_string(),
                reason: "neither a key, a list nor a pattern".into(),
            }),
        }
    }
    walk(root, "", &mut cats, &mut entries, &mut skipped);
    let cat_poles: Vec<(String, Option<f64>)> = cats.iter().map(|c| (c.clone(), pole_of(c, poles))).collect();
    Ok(render_import(source, &cat_poles, entries, skipped))
}

/// Parses `--poles overleg=-1,project=1`.
pub fn parse_poles(s: &str) -> Result<Vec<(String, f64)>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| format!("--poles '{p}': expected CATEGORY=VALUE"))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| format!("--poles '{p}': '{v}' is not a number"))?;
            if !(-1.0..=1.0).contains(&v) {
                return Err(format!("--poles '{p}': the pole must lie in [-1, 1]"));
            }
            Ok((k.trim().to_string(), v))
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// suggest

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub stem: String,
    pub form: String,
    pub count: usize,
    pub compound: bool,
    pub example: String,
}

/// Candidate cues: frequent words (grouped by Snowball stem) in sentences that name
/// the RESOC as actor, which no cue covers and that are not function words of the
/// context lexicon.
pub fn suggest(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    top: usize,
) -> Vec<Suggestion> {
    let sections = sections_of(inputs, ingest, instruments);
    let ctx = &instruments.context;
    let found: Vec<Vec<(String, String, String)>> = sections
        .par_iter()
        .map(|(_, s)| {
            let analyzed = analyze_section(s);
            let covered = cue_candidates(&analyzed, &instruments.lexicon);
            let mut out = Vec::new();
            for (u, tokens) in analyzed.units().enumerate() {
                let forms: Vec<&crate::analyze::Form> =
                    tokens.iter().map(|t| analyzed.analyzer.form(t.form)).collect();
                let about_resoc = forms.iter().any(|f| f.folded.starts_with("resoc"));
                if !about_resoc {
                    continue;
                }
                let taken: BTreeSet<usize> = covered[u].iter().flat_map(|(_, p)| p.iter().copied()).collect();
                for (k, f) in forms.iter().enumerate() {
                    // A word of the context lexicon (wildcard slots do not count).
                    let function_word = ctx
                        .atoms
                        .matching(f)
                        .iter()
                        .any(|&a| ctx.atoms.get(a).kind != AtomKind::Any);
                    if taken.contains(&k)
                        || function_word
                        || f.folded.chars().count() < 5
                        || !f.folded.chars().all(char::is_alphabetic)
                    {
                        continue;
                    }
                    out.push((f.stem.clone(), f.folded.clone(), s.units[u].text.clone()));
                }
            }
            out
        })
        .collect();
    let mut by_stem: BTreeMap<String, (usize, BTreeMap<String, usize>, String)> = BTreeMap::new();
    for (stem, form, example) in found.into_iter().flatten() {
        let e = by_stem
            .entry(stem)
            .or_insert_with(|| (0, BTreeMap::new(), example));
        e.0 += 1;
        *e.1.entry(form).or_default() += 1;
    }
    let mut v: Vec<Suggestion> = by_stem
        .into_iter()
        .map(|(stem, (count, forms, example))| {
            let form = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            Suggestion {
                compound: form.chars().count() >= 11,
                stem,
                form,
                count,
                example,
            }
        })
        .filter(|s| s.count >= 2)
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.stem.cmp(&b.stem)));
    v.truncate(top);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_patterns_convert_or_say_why_not() {
        assert_eq!(convert_pattern("overleg*").unwrap(), "overleg*");
        assert_eq!(convert_pattern("Advies").unwrap(), "\"advies\"");
        assert_eq!(convert_pattern("in overleg").unwrap(), "\"in\" \"overleg\"");
        assert_eq!(convert_pattern("*project").unwrap(), "*project");
        assert!(convert_pattern("ov*er").unwrap_err().contains("inside a word"));
        assert!(convert_pattern("like (02 134)").unwrap_err().contains("grammar"));
        assert!(convert_pattern("ove?leg").unwrap_err().contains("'?'"));
    }

    #[test]
    fn poles_parse() {
        assert_eq!(
            parse_poles("overleg=-1, project=1").unwrap(),
            [("overleg".to_string(), -1.0), ("project".to_string(), 1.0)]
        );
        assert!(parse_poles("x=2").is_err());
        assert!(parse_poles("x").is_err());
    }

    #[test]
    fn liwc_dictionary_imports_with_reasons_for_what_it_cannot() {
        let dic = "%\n1\toverleg\n2\tproject\n3\tanders\n%\noverleg*\t1\nin overleg met\t1\nproject\t2 3\nov*er\t1\nwat\t9\n";
        let imp = import_liwc("x.dic", dic, &parse_poles("overleg=-1,project=1").unwrap()).unwrap();
        assert_eq!(imp.entries, 3);
        assert!(imp.tsv.contains("@category\toverleg\t-1\timported"));
        assert!(imp.tsv.contains("\"in\" \"overleg\" \"met\"\toverleg\t1"));
        let reasons: Vec<&str> = imp.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(imp.skipped.len(), 3, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("no --poles value")));
        assert!(reasons.iter().any(|r| r.contains("inside a word")));
        assert!(reasons.iter().any(|r| r.contains("not in the header")));
        // The result is a valid native lexicon.
        Lexicon::parse("imported.tsv", &imp.tsv, false).unwrap();
    }

    #[test]
    fn yaml_dictionary_imports_nested_keys() {
        let yaml = "overleg:\n  - overleg*\n  - advies\nproject:\n  eigen:\n    - trekker*\n    - project?\n";
        let imp = import_yaml("d.yml", yaml, &parse_poles("overleg=-1,project=1").unwrap()).unwrap();
        assert!(imp.tsv.contains("@category\tproject.eigen\t1"));
        assert!(imp.tsv.contains("trekker*\tproject.eigen\t1"));
        assert_eq!(imp.entries, 3);
        assert_eq!(imp.skipped.len(), 1);
        Lexicon::parse("imported.tsv", &imp.tsv, false).unwrap();
    }
}
