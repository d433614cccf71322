//! The pipeline: runs the stages in data order over a set of inputs, documents in
//! parallel and the sections of one document in parallel, and hands each document on
//! in name order, so that every output is independent of scheduling.
//!
//! What happens to a document is the business of a [`Sink`] (as ripgrep's searcher
//! hands its matches to a sink that each printer implements): its [`Render`] half runs
//! on the worker that analysed the document, its [`Sink::accept`] takes the result in
//! name order. The pipeline itself depends on no output format.

mod batches;
mod shard;

use std::path::PathBuf;

use crate::analyze::{analyze_section, flags};
use crate::ingest::{language, IngestOptions};
use crate::instruments::Instruments;
use crate::matching::match_section_with;
use crate::scoring::{
    score_section, Analysis, DocumentSummary, DocumentTally, RunResult, ScoringOptions, SectionSummary, Tally,
};
use crate::segment::{attribute_units, Section};

use batches::{collect_into, stream_inputs_in_batches, Streamed, BATCH_BYTES};
pub use shard::Shard;

/// Told once per input file as it is finished, on the worker that finished it (for a
/// progress bar).
pub trait Progress: Sync {
    fn file_done(&self, total_files: usize);
}

impl<F: Fn(usize) + Sync> Progress for F {
    fn file_done(&self, total_files: usize) {
        self(total_files)
    }
}

/// The half of a sink that the workers share: what each makes of a document it has
/// just analysed, while the document's memory is still in that core's cache.
pub trait Render: Sync {
    /// What a document becomes for the sink (rows, cells, or the document itself).
    type Rows: Send;
    fn render(&self, doc: DocumentSummary) -> Self::Rows;
}

/// Where the documents of a run go, in name order.
pub trait Sink: Send {
    type Render: Render;
    type Error: Send;
    /// The renderer the workers use (taken once, before the first document).
    fn renderer(&self) -> Self::Render;
    /// Takes one document's rows, in name order. `continues` is set on every part but
    /// the first of a document too large to analyse at once.
    fn accept(&mut self, rows: <Self::Render as Render>::Rows, continues: bool) -> Result<(), Self::Error>;
}

/// A sink that keeps every document (parts of one joined again), for the commands
/// that need them all at once.
#[derive(Default)]
pub struct KeepDocuments {
    pub documents: Vec<DocumentSummary>,
}

/// [`KeepDocuments`]'s renderer: the document as it is.
pub struct AsIs;

impl Render for AsIs {
    type Rows = DocumentSummary;
    fn render(&self, doc: DocumentSummary) -> DocumentSummary {
        doc
    }
}

impl Sink for KeepDocuments {
    type Render = AsIs;
    type Error = std::convert::Infallible;
    fn renderer(&self) -> AsIs {
        AsIs
    }
    fn accept(&mut self, doc: DocumentSummary, continues: bool) -> Result<(), Self::Error> {
        match self.documents.last_mut() {
            Some(last) if continues => last.sections.extend(doc.sections),
            _ => self.documents.push(doc),
        }
        Ok(())
    }
}

/// Discovers, reads and analyses the inputs (of one shard, if given), holding every
/// document, without scoring them.
pub fn analyze_inputs(
    inputs: &[PathBuf],
    shard: Option<Shard>,
    ingest: &IngestOptions,
    instruments: &Instruments,
    progress: &dyn Progress,
) -> Analysis {
    let mut records = Vec::new();
    let mut documents = Vec::new();
    let as_is = |doc: DocumentSummary| doc;
    let collected = stream_inputs_in_batches(
        BATCH_BYTES,
        inputs,
        shard,
        ingest,
        instruments,
        progress,
        &as_is,
        &mut |item| {
            collect_into(item, &mut records, &mut documents);
            Ok::<(), std::convert::Infallible>(())
        },
    );
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

/// Discovers, reads and analyses all inputs, and scores every RESOC, holding every
/// document in the result.
pub fn run(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
) -> RunResult {
    let mut keep = KeepDocuments::default();
    let run = run_streaming(inputs, ingest, instruments, opts, &|_| {}, &mut keep);
    match run {
        Ok(run) => RunResult {
            documents: keep.documents,
            ..run
        },
        Err(never) => match never {},
    }
}

/// Discovers, reads and analyses all inputs, and scores every RESOC from evidence
/// gathered on the way. Each document goes to the sink's renderer on the worker that
/// analysed it, and what that made of it to the sink in name order as soon as its
/// batch is done; then the document is dropped, so memory does not grow with the
/// corpus. The result's `documents` is empty: a sink keeps what it needs.
pub fn run_streaming<S: Sink>(
    inputs: &[PathBuf],
    ingest: &IngestOptions,
    instruments: &Instruments,
    opts: &ScoringOptions,
    progress: &dyn Progress,
    sink: &mut S,
) -> Result<RunResult, S::Error> {
    let mut tally = Tally::new(opts);
    let mut records = Vec::new();
    let renderer = sink.renderer();
    let finish = |doc: DocumentSummary| Finished {
        tally: DocumentTally::of(&doc),
        rows: renderer.render(doc),
    };
    let input_problems = stream_inputs_in_batches(
        BATCH_BYTES,
        inputs,
        None,
        ingest,
        instruments,
        progress,
        &finish,
        &mut |item| {
            match item {
                Streamed::File(record) => records.push(record),
                Streamed::Document {
                    doc: finished,
                    continues,
                } => {
                    tally.add(&finished.tally, continues);
                    sink.accept(finished.rows, continues)?;
                }
            }
            Ok(())
        },
    )?;
    let (resocs, counts, attribution) =
        tally.finish(&|name| instruments.registry.province(name).map(str::to_string));
    Ok(RunResult {
        inputs: records,
        documents: Vec::new(),
        resocs,
        input_problems,
        counts,
        attribution,
    })
}

/// Analyze → match → score for one section. A long section in another language than
/// Dutch is counted but not read (an English summary in a Dutch pact).
/// `read_all_languages` (`--language-check off`) reads every section as it is.
pub fn analyze_and_match(
    section: Section,
    instruments: &Instruments,
    read_all_languages: bool,
) -> SectionSummary {
    let other_language = (!read_all_languages)
        .then(|| other_language_of(&section))
        .flatten();
    let analyzed = analyze_section(&section);
    if let Some(language) = other_language {
        let mut summary = score_section(
            section,
            analyzed.token_count(),
            Vec::new(),
            &instruments.lexicon,
            &[],
        );
        summary.other_language = Some(language);
        return summary;
    }
    let findings = match_section_with(
        &section,
        &analyzed,
        &instruments.lexicon,
        &instruments.context,
        instruments.reader,
    );
    // Only a unit with the word "RESOC" before a capitalised word, or "Overlegcomité", can
    // name a RESOC: its tokens tell without searching its text.
    let may_name = |u: usize| {
        let tokens = analyzed.unit(u);
        tokens.iter().enumerate().any(|(k, t)| {
            let folded = analyzed.analyzer.form(t.form).folded.as_str();
            (folded == "resoc"
                && tokens
                    .get(k + 1)
                    .is_some_and(|n| n.flags & flags::CAPITALIZED != 0))
                || folded.starts_with("overlegcomit")
        })
    };
    let attribution = attribute_units(&section, &instruments.registry, &may_name);
    score_section(
        section,
        analyzed.token_count(),
        findings,
        &instruments.lexicon,
        &attribution,
    )
}

/// The language of a section long enough to judge on its own, when it is not Dutch.
fn other_language_of(section: &Section) -> Option<String> {
    let bytes: usize = section.units.iter().map(|u| u.text.len() + 1).sum();
    if bytes < language::MIN_PASSAGE_BYTES {
        return None;
    }
    // The units from the middle of the section on, up to a sample's length (the first
    // may be a heading or a Dutch lead-in).
    let mut sample = String::with_capacity(language::PASSAGE_SAMPLE_BYTES + 200);
    for u in &section.units[section.units.len() / 2..] {
        if sample.len() >= language::PASSAGE_SAMPLE_BYTES {
            break;
        }
        sample.push_str(&u.text);
        sample.push('\n');
    }
    language::other_than_dutch(&sample)
}

/// What a finished document leaves for the coordinator of a streaming run: what the
/// tally needs and the sink's rendering.
struct Finished<R> {
    tally: DocumentTally,
    rows: R,
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
        let (in_parts, counts, attribution) = tally.finish(&province);
        let reference = crate::scoring::score_documents(whole, &province, &opts);
        assert_eq!(counts, reference.counts);
        assert_eq!(attribution, reference.attribution);
        assert_eq!(format!("{in_parts:?}"), format!("{:?}", reference.resocs));
    }
}
