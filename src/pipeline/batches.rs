//! Batches: the inputs cut into runs of about a megabyte, analysed in parallel while the
//! previous batch is handed on in name order; a file larger than a batch is read and
//! handed on in parts of consecutive sections.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::ingest::{discover, read_input, Document, IngestOptions, InputFile, InputRecord};
use crate::instruments::Instruments;
use crate::scoring::DocumentSummary;
use crate::segment::Outline;

use super::{analyze_and_match, Progress, Shard};

/// Input bytes per batch of a streaming run: enough to keep every worker busy, few
/// enough that the results in flight (two batches) stay small.
pub(super) const BATCH_BYTES: u64 = 1 << 20;
/// Files per batch at most (many tiny files).
const BATCH_FILES: usize = 512;

/// What [`stream_inputs_in_batches`] hands on, in name order: documents as they are,
/// or what a worker made of each (`T`).
pub enum Streamed<T = DocumentSummary> {
    /// A file's record (read or skipped); its document follows when it was read.
    File(InputRecord),
    /// The document of the file just handed on, or the next part of it: a document too
    /// large for a batch comes in parts of consecutive sections, `continues` set on
    /// every part but the first.
    Document { doc: T, continues: bool },
}

/// Discovers, reads and analyses the inputs (of one shard, if given), and hands each
/// file's record and document to `each` in name order, as batches of about
/// `batch_bytes` finish: memory holds two batches, not the corpus. While `each`
/// consumes one batch the workers analyse the next. Each document is passed through
/// `finish` on the worker that analysed it, while its memory is still in that core's
/// cache. Returns the problems with input arguments, or the first error of `each`.
#[allow(clippy::too_many_arguments)]
pub(super) fn stream_inputs_in_batches<E: Send, T: Send>(
    batch_bytes: u64,
    inputs: &[PathBuf],
    shard: Option<Shard>,
    ingest: &IngestOptions,
    instruments: &Instruments,
    progress: &dyn Progress,
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
                progress.file_done(total);
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
                progress.file_done(total);
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

/// Keeps a streamed item: parts of one document are joined again.
pub(super) fn collect_into(
    item: Streamed,
    records: &mut Vec<InputRecord>,
    documents: &mut Vec<DocumentSummary>,
) {
    match item {
        Streamed::File(r) => records.push(r),
        Streamed::Document { doc, continues } => match documents.last_mut() {
            Some(last) if continues => last.sections.extend(doc.sections),
            _ => documents.push(doc),
        },
    }
}

fn process_file(
    file: &InputFile,
    ingest: &IngestOptions,
    instruments: &Instruments,
) -> (InputRecord, Option<DocumentSummary>) {
    let (record, doc) = InputRecord::of(read_input(file, ingest));
    (
        record,
        doc.map(|d| {
            analyse_sections(
                &d,
                &Outline::of(&d.name, &d.text, &instruments.registry),
                None,
                instruments,
                ingest,
            )
        }),
    )
}

/// Analyses the sections of a document (all, or a range of them), in parallel.
fn analyse_sections(
    doc: &Document,
    outline: &Outline,
    range: Option<std::ops::Range<usize>>,
    instruments: &Instruments,
    ingest: &IngestOptions,
) -> DocumentSummary {
    let range = range.unwrap_or(0..outline.len());
    DocumentSummary {
        name: doc.name.clone(),
        title: outline.title.clone(),
        sections: outline
            .sections(range)
            .into_par_iter()
            .map(|s| analyze_and_match(s, instruments, ingest.keep_other_languages))
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
    let (record, doc) = InputRecord::of(read_input(file, ingest));
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
            || analyse_sections(&doc, &outline, Some(range), instruments, ingest),
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
    let last = pending.unwrap_or_else(|| analyse_sections(&doc, &outline, None, instruments, ingest));
    each(Streamed::Document {
        doc: finish(last),
        continues: handed > 0,
    })
}
