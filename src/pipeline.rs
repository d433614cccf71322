//! The pipeline: runs the stages in data order over a set of inputs, documents in
//! parallel and the sections of one document in parallel, and collects the results
//! in input order so that every output is independent of scheduling.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analyze::analyze_section;
use crate::ingest::{discover, read_input, IngestOptions, InputFile};
use crate::lexicon::{ContextRules, Lexicon};
use crate::matching::match_section;
use crate::registry::Registry;
use crate::scoring::{score_resoc, unit_evidence, ResocScore, ScoringOptions, SectionTotals, Totals};
use crate::segment::{segment_document, Section};
use crate::table::LoadError;

/// The instruments of a run: what is matched and how RESOCs are recognised.
pub struct Instruments {
    pub lexicon: Lexicon,
    pub context: ContextRules,
    pub registry: Registry,
}

impl Instruments {
    /// Loads the given files, or the built-in defaults. Any error stops the run before
    /// an input is read or an output touched.
    pub fn load(
        lexicons: &[crate::lexicon::Source],
        context: Option<&std::path::Path>,
        registry: Option<&std::path::Path>,
    ) -> Result<Instruments, LoadError> {
        Ok(Instruments {
            lexicon: Lexicon::load(lexicons)?,
            context: match context {
                Some(p) => ContextRules::from_file(p)?,
                None => ContextRules::builtin(),
            },
            registry: match registry {
                Some(p) => {
                    let name = p.to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(p)
                        .map_err(|e| LoadError::new(&name, 0, format!("cannot read: {e}")))?;
                    Registry::parse(&name, &text)?
                }
                None => Registry::builtin(),
            },
        })
    }

    /// Where the instruments came from, for the manifest.
    pub fn provenance(&self) -> crate::report::Provenance {
        crate::report::Provenance {
            lexicon: self.lexicon.sources.clone(),
            context_lexicon: self.context.source.clone(),
            registry: crate::lexicon::SourceInfo {
                name: self.registry.source_name().to_string(),
                sha256: self.registry.sha256().to_string(),
                builtin: self.registry.is_builtin(),
            },
        }
    }
}

/// One input file as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputRecord {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    pub format: Option<String>,
    pub encoding: Option<String>,
    pub status: String,
    pub reason: Option<String>,
}

impl InputRecord {
    pub fn is_read(&self) -> bool {
        self.status == "read"
    }
}

/// One modifier of a cue occurrence, as reported.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModifierRecord {
    pub kind: String,
    pub trigger: String,
    pub factor: f64,
}

/// One cue occurrence with everything the audit trail shows. Self-contained (no
/// references into the lexicon), so partial results can be stored and merged.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MatchRecord {
    pub line: usize,
    /// 1-based unit (sentence) index in the section.
    pub unit: usize,
    pub unit_kind: String,
    pub context: String,
    pub cue: String,
    pub category: String,
    pub pole: f64,
    pub lexicon_file: String,
    pub lexicon_line: usize,
    pub matched: String,
    pub stem: String,
    pub base_weight: f64,
    pub weight: f64,
    pub negated: bool,
    pub modifiers: Vec<ModifierRecord>,
    pub actor: String,
    pub contribution: f64,
}

/// A section's results: what sections.csv and matches.csv show, and the evidence
/// per unit that RESOC scores are computed from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SectionSummary {
    pub index: usize,
    pub title: String,
    pub heading_path: Vec<String>,
    pub level: u8,
    pub line_start: usize,
    pub line_end: usize,
    pub resoc: Option<String>,
    pub tokens: usize,
    pub units: usize,
    /// (overleg, project) of each unit with evidence, in unit order.
    pub evidence: Vec<(f64, f64)>,
    pub theme_statement: bool,
    pub unclear_statement: bool,
    pub matches: Vec<MatchRecord>,
}

impl SectionSummary {
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for (o, p) in &self.evidence {
            t.overleg += o;
            t.project += p;
        }
        t
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocumentSummary {
    pub name: String,
    pub title: Option<String>,
    pub sections: Vec<SectionSummary>,
}

#[derive(Debug)]
pub struct ResocResult {
    pub name: String,
    pub province: Option<String>,
    pub documents: usize,
    pub sections: usize,
    pub units: usize,
    pub tokens: usize,
    pub matches: usize,
    pub score: ResocScore,
}

#[derive(Debug)]
pub struct RunResult {
    pub inputs: Vec<InputRecord>,
    pub documents: Vec<DocumentSummary>,
    pub resocs: Vec<ResocResult>,
    /// Problems with input arguments or folder entries (not tied to a read file).
    pub input_problems: Vec<String>,
}

impl RunResult {
    pub fn skipped(&self) -> usize {
        self.inputs.iter().filter(|i| !i.is_read()).count() + self.input_problems.len()
    }
}

/// Which inputs a run processes: all, or one shard of a deterministic split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses "K/N" with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("--shard '{s}': expected K/N, e.g. 2/4"))?;
        let (index, count): (u32, u32) = (
            k.trim()
                .parse()
                .map_err(|_| format!("--shard '{s}': K is not a whole number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("--shard '{s}': N is not a whole number"))?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(format!("--shard '{s}': need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }

    /// A file belongs to the shard chosen by a hash of its name alone, so adding or
    /// removing other files never moves it to another shard.
    pub fn contains(&self, name: &str) -> bool {
        let digest = sha2::Sha256::digest(name.as_bytes());
        let x = u64::from_le_bytes(digest[..8].try_into().unwrap_or([0; 8]));
        (x % self.count as u64) as u32 + 1 == self.index
    }
}

use sha2::Digest;

/// What `analyze_inputs` found: per file its record, the documents read, and the
/// problems with input arguments.
pub struct Analysis {
    pub inputs: Vec<InputRecord>,
    pub documents: Vec<DocumentSummary>,
    pub input_problems: Vec<String>,
}

/// Discovers, reads and analyses the inputs (of one shard, if given). `on_file` is
/// called once per file as it is finished (for a progress bar).
pub fn analyze_inputs(
    inputs: &[PathBuf],
    shard: Option<Shard>,
    ingest: &IngestOptions,
    instruments: &Instruments,
    on_file: &(dyn Fn(usize) + Sync),
) -> Analysis {
    let (mut files, discover_errors) = discover(inputs);
    if let Some(sh) = shard {
        files.retain(|f| sh.contains(&f.name));
    }
    let total = files.len();
    let (records, documents): (Vec<InputRecord>, Vec<Option<DocumentSummary>>) = files
        .par_iter()
        .map(|f| {
            let r = process_file(f, ingest, instruments);
            on_file(total);
            r
        })
        .unzip();
    let problems = if shard.is_none_or(|s| s.index == 1) {
        discover_errors.iter().map(|e| e.to_string()).collect()
    } else {
        Vec::new() // reported once, by shard 1
    };
    Analysis {
        inputs: records,
        documents: documents.into_iter().flatten().collect(),
        input_problems: problems,
    }
}

/// Discovers, reads and analyses all inputs, and scores every RESOC.
pub fn run(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
) -> RunResult {
    let a = analyze_inputs(inputs, None, ingest, instruments, &|_| {});
    assemble(
        a,
        &|name| instruments.registry.province(name).map(str::to_string),
        opts,
    )
}

/// Scores RESOCs from analysed documents: the step a single run and a merge of
/// partial results share, so both give the same bytes.
pub fn assemble(
    analysis: Analysis,
    province: &(dyn Fn(&str) -> Option<String> + Sync),
    opts: &ScoringOptions,
) -> RunResult {
    let Analysis {
        mut inputs,
        mut documents,
        input_problems,
    } = analysis;
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    let resocs = score_resocs(&documents, province, opts);
    RunResult {
        inputs,
        documents,
        resocs,
        input_problems,
    }
}

fn process_file(
    file: &InputFile,
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> (InputRecord, Option<DocumentSummary>) {
    let outcome = read_input(file, ingest);
    let mut record = InputRecord {
        path: outcome.name.clone(),
        bytes: outcome.bytes,
        sha256: outcome.sha256.clone(),
        format: None,
        encoding: None,
        status: "read".into(),
        reason: None,
    };
    match outcome.result {
        Ok(doc) => {
            record.format = Some(doc.format.to_string());
            record.encoding = Some(doc.encoding.to_string());
            let segmented = segment_document(&doc.name, &doc.text, &instruments.registry);
            let sections = segmented
                .sections
                .into_par_iter()
                .map(|s| analyze_and_match(s, instruments))
                .collect();
            (
                record,
                Some(DocumentSummary {
                    name: doc.name,
                    title: segmented.title,
                    sections,
                }),
            )
        }
        Err(e) => {
            record.status = "skipped".into();
            record.reason = Some(e.to_string());
            (record, None)
        }
    }
}

/// Analyze → match → evidence for one section, summarised for the report.
pub fn analyze_and_match(section: Section, instruments: &Instruments) -> SectionSummary {
    let lex = &instruments.lexicon;
    let analyzed = analyze_section(&section);
    let findings = match_section(&section, &analyzed, lex, &instruments.context);
    let mut evidence = Vec::new();
    let mut matches = Vec::new();
    for (u, f) in findings.iter().enumerate() {
        let e = unit_evidence(f, lex);
        if e.overleg + e.project > 0.0 {
            evidence.push((e.overleg, e.project));
        }
        let unit = &section.units[u];
        for (i, m) in f.matches.iter().enumerate() {
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
                matched: m.matched.clone(),
                stem: m.stem.clone(),
                base_weight: m.base_weight,
                weight: m.weight,
                negated: m.negated,
                modifiers: m
                    .modifiers
                    .iter()
                    .map(|x| ModifierRecord {
                        kind: x.kind.to_string(),
                        trigger: x.trigger.clone(),
                        factor: x.factor,
                    })
                    .collect(),
                actor: m.actor.label(),
                contribution: e.contribution(i),
            });
        }
    }
    SectionSummary {
        index: section.index,
        tokens: analyzed.token_count(),
        units: section.units.len(),
        evidence,
        theme_statement: findings.iter().any(|f| f.theme_statement),
        unclear_statement: findings.iter().any(|f| f.unclear_statement),
        matches,
        title: section.title,
        heading_path: section.heading_path,
        level: section.level,
        line_start: section.line_start,
        line_end: section.line_end,
        resoc: section.resoc,
    }
}

fn score_resocs(
    documents: &[DocumentSummary],
    province: &(dyn Fn(&str) -> Option<String> + Sync),
    opts: &ScoringOptions,
) -> Vec<ResocResult> {
    #[derive(Default)]
    struct Acc<'a> {
        docs: std::collections::BTreeSet<&'a str>,
        evidence: Vec<(f64, f64)>,
        units: usize,
        sections: Vec<SectionTotals>,
        tokens: usize,
        matches: usize,
    }
    let mut by_resoc: BTreeMap<&str, Acc> = BTreeMap::new();
    for doc in documents {
        for s in &doc.sections {
            let Some(resoc) = s.resoc.as_deref() else {
                continue;
            };
            let acc = by_resoc.entry(resoc).or_default();
            acc.docs.insert(&doc.name);
            acc.evidence.extend_from_slice(&s.evidence);
            acc.units += s.units;
            acc.sections.push(SectionTotals {
                totals: s.totals(),
                evidence_units: s.evidence.len(),
                theme_statement: s.theme_statement,
                unclear_statement: s.unclear_statement,
            });
            acc.tokens += s.tokens;
            acc.matches += s.matches.len();
        }
    }
    let names: Vec<(&str, Acc)> = by_resoc.into_iter().collect();
    names
        .into_par_iter()
        .map(|(name, acc)| ResocResult {
            name: name.to_string(),
            province: province(name),
            documents: acc.docs.len(),
            sections: acc.sections.len(),
            units: acc.units,
            tokens: acc.tokens,
            matches: acc.matches,
            score: score_resoc(name, &acc.evidence, acc.units, &acc.sections, opts),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_names_stably() {
        let names: Vec<String> = (0..200).map(|i| format!("pacts/p{i}.md")).collect();
        for n in 1..=4 {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard { index: k, count: n }).collect();
            for name in &names {
                assert_eq!(shards.iter().filter(|s| s.contains(name)).count(), 1);
            }
        }
        let s = Shard::parse("2/3").unwrap();
        assert_eq!((s.index, s.count), (2, 3));
        assert!(Shard::parse("0/3").is_err() && Shard::parse("4/3").is_err() && Shard::parse("x").is_err());
    }
}
