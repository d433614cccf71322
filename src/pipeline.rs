//! The pipeline: runs the stages in data order over a set of inputs, documents in
//! parallel and the sections of one document in parallel, and collects the results
//! in input order so that every output is independent of scheduling.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analyze::analyze_section;
use crate::ingest::{discover, read_input, Document, IngestOptions, InputFile};
use crate::lexicon::{ContextRules, Lexicon};
use crate::matching::match_section;
use crate::registry::Registry;
use crate::scoring::{
    score_resoc, unit_evidence, ResocEvidence, ResocScore, ScoringOptions, SectionEvidence, Totals,
};
use crate::segment::{Outline, Section};
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
    /// The documents read, in name order — held only when an output needs them all at
    /// once (the workbook, the HTML report, a merge); a streaming run leaves it empty
    /// and `counts` still covers every document.
    pub documents: Vec<DocumentSummary>,
    pub resocs: Vec<ResocResult>,
    /// Problems with input arguments or folder entries (not tied to a read file).
    pub input_problems: Vec<String>,
    pub counts: RunCounts,
}

/// Totals over every document of a run (for the manifest).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub documents: usize,
    pub sections: usize,
    pub units: usize,
    pub tokens: usize,
    pub matches: usize,
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

/// Input bytes per batch of a streaming run: enough to keep every worker busy, few
/// enough that the results in flight (two batches) stay small.
const BATCH_BYTES: u64 = 1 << 20;
/// Files per batch at most (many tiny files).
const BATCH_FILES: usize = 512;

/// What [`stream_inputs`] hands on, in name order: documents as they are, or what a
/// worker made of each (`T`, see [`run_streaming`]).
pub enum Streamed<T = DocumentSummary> {
    /// A file's record (read or skipped); its document follows when it was read.
    File(InputRecord),
    /// The document of the file just handed on, or the next part of it: a document too
    /// large for a batch comes in parts of consecutive sections, `continues` set on
    /// every part but the first.
    Document { doc: T, continues: bool },
}

/// Discovers, reads and analyses the inputs (of one shard, if given), and hands each
/// file's record and document to `each` in name order, as batches finish: memory holds
/// two batches, not the corpus. While `each` consumes one batch the workers analyse
/// the next. `on_file` is called once per file as it is finished (for a progress
/// bar). Returns the problems with input arguments, or the first error of `each`.
pub fn stream_inputs<E: Send>(
    inputs: &[PathBuf],
    shard: Option<Shard>,
    ingest: &IngestOptions,
    instruments: &Instruments,
    on_file: &(dyn Fn(usize) + Sync),
    each: &mut (dyn FnMut(Streamed) -> Result<(), E> + Send),
) -> Result<Vec<String>, E> {
    let as_is = |doc: DocumentSummary| doc;
    stream_inputs_in_batches(
        BATCH_BYTES,
        inputs,
        shard,
        ingest,
        instruments,
        on_file,
        &as_is,
        each,
    )
}

/// [`stream_inputs`] in batches of about `batch_bytes`, each document passed through
/// `finish` on the worker that analysed it, while its memory is still in that core's
/// cache.
#[allow(clippy::too_many_arguments)]
fn stream_inputs_in_batches<E: Send, T: Send>(
    batch_bytes: u64,
    inputs: &[PathBuf],
    shard: Option<Shard>,
    ingest: &IngestOptions,
    instruments: &Instruments,
    on_file: &(dyn Fn(usize) + Sync),
    finish: &(dyn Fn(DocumentSummary) -> T + Sync),
    each: &mut (dyn FnMut(Streamed<T>) -> Result<(), E> + Send),
) -> Result<Vec<String>, E> {
    let (mut files, discover_errors) = discover(inputs);
    if let Some(sh) = shard {
        files.retain(|f| sh.contains(&f.name));
    }
    // Name order is the order of every output.
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let total = files.len();
    let analyse = |batch: &[InputFile]| -> Vec<(InputRecord, Option<T>)> {
        batch
            .par_iter()
            .map(|f| {
                let (record, doc) = process_file(f, ingest, instruments);
                let r = (record, doc.map(finish));
                on_file(total);
                r
            })
            .collect()
    };
    fn hand_on<E, T>(
        finished: &mut Vec<(InputRecord, Option<T>)>,
        each: &mut (dyn FnMut(Streamed<T>) -> Result<(), E> + Send),
    ) -> Result<(), E> {
        for (record, doc) in finished.drain(..) {
            each(Streamed::File(record))?;
            if let Some(doc) = doc {
                each(Streamed::Document {
                    doc,
                    continues: false,
                })?;
            }
        }
        Ok(())
    }
    let mut finished: Vec<(InputRecord, Option<T>)> = Vec::new();
    for batch in batches(&files, batch_bytes) {
        if let [large] = batch {
            if large.size > batch_bytes {
                hand_on(&mut finished, each)?;
                stream_large_file(large, ingest, instruments, batch_bytes, finish, each)?;
                on_file(total);
                continue;
            }
        }
        let (next, handed) = rayon::join(|| analyse(batch), || hand_on(&mut finished, each));
        handed?;
        finished = next;
    }
    hand_on(&mut finished, each)?;
    Ok(if shard.is_none_or(|s| s.index == 1) {
        discover_errors.iter().map(|e| e.to_string()).collect()
    } else {
        Vec::new() // reported once, by shard 1
    })
}

/// Consecutive runs of files of about `batch_bytes` together (at least one file); a
/// file larger than that is a batch of its own.
fn batches(files: &[InputFile], batch_bytes: u64) -> impl Iterator<Item = &[InputFile]> {
    let mut rest = files;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0u64;
        let mut n = 0;
        while n < rest.len()
            && n < BATCH_FILES
            && (n == 0 || (bytes < batch_bytes && rest[n].size <= batch_bytes))
        {
            bytes += rest[n].size;
            n += 1;
        }
        let (batch, tail) = rest.split_at(n);
        rest = tail;
        Some(batch)
    })
}

/// Discovers, reads and analyses the inputs (of one shard, if given), holding every
/// document. `on_file` is called once per file as it is finished.
pub fn analyze_inputs(
    inputs: &[PathBuf],
    shard: Option<Shard>,
    ingest: &IngestOptions,
    instruments: &Instruments,
    on_file: &(dyn Fn(usize) + Sync),
) -> Analysis {
    let mut records = Vec::new();
    let mut documents = Vec::new();
    let collected = stream_inputs(inputs, shard, ingest, instruments, on_file, &mut |item| {
        collect_into(item, &mut records, &mut documents);
        Ok::<(), std::convert::Infallible>(())
    });
    let input_problems = match collected {
        Ok(p) => p,
        Err(never) => match never {},
    };
    Analysis {
        inputs: records,
        documents,
        input_problems,
    }
}

/// Keeps a streamed item: parts of one document are joined again.
fn collect_into(item: Streamed, records: &mut Vec<InputRecord>, documents: &mut Vec<DocumentSummary>) {
    match item {
        Streamed::File(r) => records.push(r),
        Streamed::Document { doc, continues } => match documents.last_mut() {
            Some(last) if continues => last.sections.extend(doc.sections),
            _ => documents.push(doc),
        },
    }
}

/// Discovers, reads and analyses all inputs, and scores every RESOC, holding every
/// document in the result.
pub fn run(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
) -> RunResult {
    let all = run_streaming(
        inputs,
        ingest,
        instruments,
        opts,
        true,
        &|_| {},
        &|_| (),
        &mut |()| Ok::<(), std::convert::Infallible>(()),
    );
    match all {
        Ok(r) => r,
        Err(never) => match never {},
    }
}

/// Discovers, reads and analyses all inputs, and scores every RESOC from evidence
/// gathered on the way. Each document is passed to `render` on the worker that
/// analysed it (to format its rows while its memory is still in that core's cache),
/// and what `render` made of it is handed to `each` in name order as soon as its batch
/// is done (to write the rows). Holds the documents in the result only when
/// `keep_documents` (for outputs that need them all at once); otherwise each document
/// is dropped on its worker and memory does not grow with the corpus.
#[allow(clippy::too_many_arguments)]
pub fn run_streaming<E: Send, R: Send>(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
    keep_documents: bool,
    on_file: &(dyn Fn(usize) + Sync),
    render: &(dyn Fn(&DocumentSummary) -> R + Sync),
    each: &mut (dyn FnMut(R) -> Result<(), E> + Send),
) -> Result<RunResult, E> {
    let mut tally = Tally::new(opts);
    let mut records = Vec::new();
    let mut documents = Vec::new();
    let finish = |doc: DocumentSummary| Finished {
        tally: DocumentTally::of(&doc),
        rendered: render(&doc),
        doc: keep_documents.then_some(doc),
    };
    let input_problems = stream_inputs_in_batches(
        BATCH_BYTES,
        inputs,
        None,
        ingest,
        instruments,
        on_file,
        &finish,
        &mut |item| {
            match item {
                Streamed::File(record) => records.push(record),
                Streamed::Document {
                    doc: finished,
                    continues,
                } => {
                    tally.add(&finished.tally, continues);
                    each(finished.rendered)?;
                    if let Some(doc) = finished.doc {
                        collect_into(
                            Streamed::Document { doc, continues },
                            &mut records,
                            &mut documents,
                        );
                    }
                }
            }
            Ok(())
        },
    )?;
    let (resocs, counts) = tally.finish(&|name| instruments.registry.province(name).map(str::to_string));
    Ok(RunResult {
        inputs: records,
        documents,
        resocs,
        input_problems,
        counts,
    })
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
    let mut tally = Tally::new(opts);
    for d in &documents {
        tally.add_document(d, false);
    }
    let (resocs, counts) = tally.finish(province);
    RunResult {
        inputs,
        documents,
        resocs,
        input_problems,
        counts,
    }
}

fn process_file(
    file: &InputFile,
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> (InputRecord, Option<DocumentSummary>) {
    let (record, doc) = read_file(file, ingest);
    (
        record,
        doc.map(|d| {
            analyse_sections(
                &d,
                &Outline::of(&d.name, &d.text, &instruments.registry),
                None,
                instruments,
            )
        }),
    )
}

/// Reads one file: its record, and its document when it could be read.
fn read_file(file: &InputFile, ingest: &IngestOptions) -> (InputRecord, Option<Document>) {
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
            (record, Some(doc))
        }
        Err(e) => {
            record.status = "skipped".into();
            record.reason = Some(e.to_string());
            (record, None)
        }
    }
}

/// Analyses the sections of a document (all, or a range of them), in parallel.
fn analyse_sections(
    doc: &Document,
    outline: &Outline,
    range: Option<std::ops::Range<usize>>,
    instruments: &Instruments,
) -> DocumentSummary {
    let range = range.unwrap_or(0..outline.len());
    DocumentSummary {
        name: doc.name.clone(),
        title: outline.title.clone(),
        sections: outline
            .sections(range)
            .into_par_iter()
            .map(|s| analyze_and_match(s, instruments))
            .collect(),
    }
}

/// Reads and analyses one file too large for a batch a few megabytes of sections at a
/// time, handing each part on while the next is analysed: memory holds the text and
/// two parts, not every section's results.
fn stream_large_file<E: Send, T: Send>(
    file: &InputFile,
    ingest: &IngestOptions,
    instruments: &Instruments,
    batch_bytes: u64,
    finish: &(dyn Fn(DocumentSummary) -> T + Sync),
    each: &mut (dyn FnMut(Streamed<T>) -> Result<(), E> + Send),
) -> Result<(), E> {
    let (record, doc) = read_file(file, ingest);
    each(Streamed::File(record))?;
    let Some(doc) = doc else {
        return Ok(());
    };
    let outline = Outline::of(&doc.name, &doc.text, &instruments.registry);
    // Part k is finished (its rows formatted) and handed on while part k+1 is analysed,
    // so the formatting, which is serial per part, overlaps the parallel analysis.
    let mut pending: Option<DocumentSummary> = None;
    let mut handed = 0usize;
    for range in outline.chunks(batch_bytes as usize) {
        let (next, result) = rayon::join(
            || analyse_sections(&doc, &outline, Some(range), instruments),
            || match pending.take() {
                Some(part) => {
                    handed += 1;
                    each(Streamed::Document {
                        doc: finish(part),
                        continues: handed > 1,
                    })
                }
                None => Ok(()),
            },
        );
        result?;
        pending = Some(next);
    }
    // A document without sections is still one document.
    let last = pending.unwrap_or_else(|| analyse_sections(&doc, &outline, None, instruments));
    each(Streamed::Document {
        doc: finish(last),
        continues: handed > 0,
    })
}

/// Analyze → match → evidence for one section, summarised for the report.
pub fn analyze_and_match(section: Section, instruments: &Instruments) -> SectionSummary {
    let lex = &instruments.lexicon;
    let analyzed = analyze_section(&section);
    let findings = match_section(&section, &analyzed, lex, &instruments.context);
    let mut evidence = Vec::new();
    let mut matches = Vec::new();
    let theme_statement = findings.iter().any(|f| f.theme_statement);
    let unclear_statement = findings.iter().any(|f| f.unclear_statement);
    // The findings are consumed: their strings move into the records.
    for (u, f) in findings.into_iter().enumerate() {
        let e = unit_evidence(&f, lex);
        if e.overleg + e.project > 0.0 {
            evidence.push((e.overleg, e.project));
        }
        let unit = &section.units[u];
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
            });
        }
    }
    SectionSummary {
        index: section.index,
        tokens: analyzed.token_count(),
        units: section.units.len(),
        evidence,
        theme_statement,
        unclear_statement,
        matches,
        title: section.title,
        heading_path: section.heading_path,
        level: section.level,
        line_start: section.line_start,
        line_end: section.line_end,
        resoc: section.resoc,
    }
}

/// What a finished document leaves for the coordinator of a streaming run: what the
/// tally needs, the caller's rendering, and the document itself only when kept.
struct Finished<R> {
    tally: DocumentTally,
    rendered: R,
    doc: Option<DocumentSummary>,
}

/// What one document (or part of one) contributes to a [`Tally`]: per section its
/// RESOC, counts and evidence, without its rows.
pub struct DocumentTally {
    sections: Vec<SectionTally>,
}

struct SectionTally {
    resoc: Option<String>,
    units: usize,
    tokens: usize,
    matches: usize,
    evidence: Vec<(f64, f64)>,
    theme_statement: bool,
    unclear_statement: bool,
}

impl DocumentTally {
    pub fn of(doc: &DocumentSummary) -> DocumentTally {
        DocumentTally {
            sections: doc
                .sections
                .iter()
                .map(|s| SectionTally {
                    resoc: s.resoc.clone(),
                    units: s.units,
                    tokens: s.tokens,
                    matches: s.matches.len(),
                    evidence: s.evidence.clone(),
                    theme_statement: s.theme_statement,
                    unclear_statement: s.unclear_statement,
                })
                .collect(),
        }
    }
}

/// Gathers RESOC evidence and run counts document by document, in name order, in
/// memory that does not grow with the number of documents (only with the number of
/// RESOCs).
pub struct Tally<'o> {
    opts: &'o ScoringOptions,
    resocs: BTreeMap<String, ResocTally>,
    counts: RunCounts,
}

#[derive(Default)]
struct ResocTally {
    evidence: ResocEvidence,
    documents: usize,
    /// The ordinal of the last document that had a section of this RESOC.
    last_document: usize,
    tokens: usize,
    matches: usize,
}

impl<'o> Tally<'o> {
    pub fn new(opts: &'o ScoringOptions) -> Tally<'o> {
        Tally {
            opts,
            resocs: BTreeMap::new(),
            counts: RunCounts::default(),
        }
    }

    /// Adds one document, or the next part of the last one (`continues`). Call in name
    /// order: the sums depend on the order.
    pub fn add_document(&mut self, doc: &DocumentSummary, continues: bool) {
        self.add(&DocumentTally::of(doc), continues);
    }

    /// [`Tally::add_document`] from what a document contributes.
    pub fn add(&mut self, doc: &DocumentTally, continues: bool) {
        if !continues || self.counts.documents == 0 {
            self.counts.documents += 1;
        }
        let ordinal = self.counts.documents;
        for s in &doc.sections {
            self.counts.sections += 1;
            self.counts.units += s.units;
            self.counts.tokens += s.tokens;
            self.counts.matches += s.matches;
            let Some(resoc) = s.resoc.as_deref() else {
                continue;
            };
            if !self.resocs.contains_key(resoc) {
                self.resocs.insert(resoc.to_string(), ResocTally::default());
            }
            let Some(acc) = self.resocs.get_mut(resoc) else {
                continue;
            };
            if acc.last_document != ordinal {
                acc.last_document = ordinal;
                acc.documents += 1;
            }
            acc.evidence.add_section(
                SectionEvidence {
                    evidence: &s.evidence,
                    units: s.units,
                    theme_statement: s.theme_statement,
                    unclear_statement: s.unclear_statement,
                },
                self.opts,
            );
            acc.tokens += s.tokens;
            acc.matches += s.matches;
        }
    }

    /// Scores every RESOC (in parallel; in name order) and returns the run's counts.
    pub fn finish(self, province: &(dyn Fn(&str) -> Option<String> + Sync)) -> (Vec<ResocResult>, RunCounts) {
        let opts = self.opts;
        let resocs: Vec<(String, ResocTally)> = self.resocs.into_iter().collect();
        let scored = resocs
            .into_par_iter()
            .map(|(name, acc)| ResocResult {
                province: province(&name),
                documents: acc.documents,
                sections: acc.evidence.sections,
                units: acc.evidence.units,
                tokens: acc.tokens,
                matches: acc.matches,
                score: score_resoc(&name, &acc.evidence, opts),
                name,
            })
            .collect();
        (scored, self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document too large for a batch is analysed and handed on in parts; joined
    /// again, and tallied, the parts give what the whole document gives.
    #[test]
    fn a_document_in_parts_gives_the_same_results() {
        let instruments = Instruments::load(&[], None, None).unwrap();
        let inputs = [PathBuf::from("corpus")];
        let ingest = IngestOptions::default();
        let opts = ScoringOptions::default();
        let whole = analyze_inputs(&inputs, None, &ingest, &instruments, &|_| {});
        let (mut records, mut documents, mut parts) = (Vec::new(), Vec::new(), 0);
        let mut tally = Tally::new(&opts);
        stream_inputs_in_batches(
            2_000,
            &inputs,
            None,
            &ingest,
            &instruments,
            &|_| {},
            &|doc| doc,
            &mut |item| {
                if let Streamed::Document { doc, continues } = &item {
                    tally.add_document(doc, *continues);
                    parts += usize::from(*continues);
                }
                collect_into(item, &mut records, &mut documents);
                Ok::<(), std::convert::Infallible>(())
            },
        )
        .unwrap();
        assert!(parts > 10, "the corpus files were cut into parts ({parts})");
        assert_eq!(records, whole.inputs);
        assert_eq!(documents, whole.documents);
        let province = |name: &str| instruments.registry.province(name).map(str::to_string);
        let (in_parts, counts) = tally.finish(&province);
        let reference = assemble(whole, &province, &opts);
        assert_eq!(counts, reference.counts);
        assert_eq!(format!("{in_parts:?}"), format!("{:?}", reference.resocs));
    }

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
