//! Stage and end-to-end benchmarks on generated, illustrative pacts
//! (`benches/support/gen.rs`; not real streekpacten).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-helper cargo bench --bench pipeline -- --quick
//! CARGO_TARGET_DIR=/work/target-helper cargo bench --bench pipeline -- match
//! ```
//!
//! Every group reports `Throughput::Bytes` of the input text, so criterion prints MB/s
//! per stage that can be compared with each other and with the whole process
//! (`benches/compare.sh`). The stage inputs are computed once, outside the
//! timing: `tokenize` and `analyze` get segmented sections, `match` times only the matching of each
//! section right after its analysis (as the pipeline does it), `score` gets findings, `write` gets a finished run. Short settings (10 samples, 1 s warm-up,
//! 3 s measurement) keep a full run under a minute on the 2-core VM; `--quick` takes
//! about 15 s. Wall-clock numbers on a shared VM are noisy: compare runs made while
//! the load average is low.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

// The allocator of the `streekpact` binary, so stage figures match the whole process.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use streekpact::analyze::analyze_section;
use streekpact::ingest::{decode_document, IngestOptions};
use streekpact::instruments::Instruments;
use streekpact::lexicon::{ContextRules, Lexicon};
use streekpact::matching::{match_section, UnitFindings};
use streekpact::pipeline;
use streekpact::registry::Registry;
use streekpact::report::{self, Dialect, RunOptions};
use streekpact::scoring::{score_resoc, unit_evidence, ResocEvidence, ScoringOptions, SectionEvidence};
use streekpact::segment::{segment_document, Section};

#[path = "support/gen.rs"]
mod gen;

const SEED: u64 = 20_260_101;
/// The single large document of the stage benchmarks.
const DOC_BYTES: usize = 1 << 20;
/// The corpus of the end-to-end benchmark.
const E2E_FILES: usize = 20;
const E2E_KB: usize = 50;

fn instruments() -> Instruments {
    Instruments {
        lexicon: Lexicon::builtin(),
        context: ContextRules::builtin(),
        registry: Registry::builtin(),
        reader: Default::default(),
    }
}

/// The inputs of each stage, computed once.
struct Fixture {
    name: String,
    raw: Vec<u8>,
    text: String,
    sections: Vec<Section>,
    findings: Vec<Vec<UnitFindings>>,
}

fn fixture(ins: &Instruments) -> Fixture {
    let name = "pact-1mb.md".to_string();
    let raw = gen::pact(SEED, DOC_BYTES).into_bytes();
    // The generator's promises, checked where it is used (a harness = false bench
    // runs no #[test]s).
    assert_eq!(
        raw,
        gen::pact(SEED, DOC_BYTES).into_bytes(),
        "same seed, same bytes"
    );
    assert!(raw.starts_with(b"# Streekpact RESOC "));
    assert!(String::from_utf8_lossy(&raw[..400]).contains(gen::NOTE));
    assert_eq!(gen::resoc_names().len(), 15);
    let (text, _, _) =
        decode_document(&name, &raw, &IngestOptions::default()).expect("generated text decodes");
    let sections = segment_document(&name, &text, &ins.registry).sections;
    let mut tokens = 0;
    let findings = sections
        .iter()
        .map(|s| {
            let a = analyze_section(s);
            tokens += a.token_count();
            match_section(s, &a, &ins.lexicon, &ins.context)
        })
        .collect();
    let units: usize = sections.iter().map(|s| s.units.len()).sum();
    eprintln!(
        "fixture: {} bytes, {} sections, {units} units, {tokens} tokens",
        raw.len(),
        sections.len()
    );
    Fixture {
        name,
        raw,
        text,
        sections,
        findings,
    }
}

/// What `pipeline::analyze_and_match` (evidence part) and `pipeline::Tally` do for a
/// document whose sections all belong to one RESOC (the generated pact names one in
/// its title).
fn score_document(
    sections: &[Section],
    findings: &[Vec<UnitFindings>],
    lexicon: &Lexicon,
    opts: &ScoringOptions,
) -> f64 {
    let mut gathered = ResocEvidence::default();
    let mut evidence: Vec<(f64, f64)> = Vec::new();
    for f in findings {
        evidence.clear();
        for u in f {
            let e = unit_evidence(u, lexicon);
            if e.overleg + e.project > 0.0 {
                evidence.push((e.overleg, e.project));
            }
        }
        gathered.add_section(
            SectionEvidence {
                evidence: &evidence,
                units: f.len(),
                theme_statement: f.iter().any(|u| u.theme_statement),
                unclear_statement: f.iter().any(|u| u.unclear_statement),
            },
            opts,
        );
    }
    let name = sections[0].resoc.as_deref().unwrap_or("RESOC ?");
    let score = score_resoc(name, &gathered, opts);
    score.score.unwrap_or(0.0)
}

fn stages(c: &mut Criterion) {
    let ins = instruments();
    let fx = fixture(&ins);
    let bytes = fx.raw.len() as u64;

    let ingest = IngestOptions::default();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("decode_document", |b| {
        b.iter(|| decode_document(black_box(&fx.name), black_box(&fx.raw), &ingest).map(|d| d.0.len()))
    });
    g.finish();

    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("segment_document", |b| {
        b.iter(|| segment_document(black_box(&fx.name), black_box(&fx.text), &ins.registry))
    });
    g.finish();

    // The tokenizer alone on the text of every unit: its fast path for plain words
    // against the UAX #29 iterator whose words it reproduces exactly.
    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(bytes));
    let units: Vec<&str> = fx
        .sections
        .iter()
        .flat_map(|s| &s.units)
        .map(|u| u.text.as_str())
        .collect();
    g.bench_function("word_indices", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for text in black_box(&units) {
                streekpact::analyze::for_each_word(text, |_, _| n += 1);
            }
            n
        })
    });
    g.bench_function("unicode_word_indices (reference)", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            black_box(&units)
                .iter()
                .map(|t| t.unicode_word_indices().count())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("analyze_section/all", |b| {
        b.iter(|| {
            black_box(&fx.sections)
                .iter()
                .map(|s| analyze_section(s).token_count())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("match");
    g.throughput(Throughput::Bytes(bytes));
    // Each section is analysed right before it is matched, as in the pipeline (an
    // analyzer holds its worker thread's vocabulary, which the matcher's per-form cache
    // follows); only the matching is timed.
    g.bench_function("match_section/all", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                for s in &fx.sections {
                    let analyzed = analyze_section(s);
                    let start = std::time::Instant::now();
                    black_box(match_section(s, &analyzed, &ins.lexicon, &ins.context).len());
                    spent += start.elapsed();
                }
            }
            spent
        })
    });
    g.finish();

    // The pipeline's per-section step: analyze + match + evidence + the audit
    // records (MatchRecord) of the report. Sections are cloned outside the timing.
    let mut g = c.benchmark_group("section_step");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("analyze_and_match/all", |b| {
        b.iter_batched(
            || fx.sections.clone(),
            |sections| {
                sections
                    .into_iter()
                    .map(|s| pipeline::analyze_and_match(s, &ins, false).matches.len())
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Bytes(bytes));
    let defaults = ScoringOptions::default();
    g.bench_function("evidence+score_resoc", |b| {
        b.iter(|| score_document(&fx.sections, black_box(&fx.findings), &ins.lexicon, &defaults))
    });
    let no_bootstrap = ScoringOptions {
        replicates: 0,
        ..defaults
    };
    g.bench_function("evidence+score_resoc/no_bootstrap", |b| {
        b.iter(|| score_document(&fx.sections, black_box(&fx.findings), &ins.lexicon, &no_bootstrap))
    });
    g.finish();

    // `write` needs a whole RunResult: run the pipeline once on the same document.
    let input = tempfile::tempdir().expect("tempdir");
    let pact = input.path().join(&fx.name);
    std::fs::write(&pact, &fx.raw).expect("write input");
    let run = pipeline::run(std::slice::from_ref(&pact), &ingest, &ins, &defaults);
    let csv_only = RunOptions {
        command: vec!["bench".into()],
        inputs: vec![pact.to_string_lossy().into_owned()],
        out: "out".into(),
        dialect: Dialect::Plain,
        xlsx: false,
        report: false,
        encoding: None,
        scoring: defaults,
    };
    let everything = RunOptions {
        xlsx: true,
        report: true,
        ..csv_only.clone()
    };
    let provenance = ins.provenance();
    let out = tempfile::tempdir().expect("tempdir");
    for (label, options) in [("csv", &csv_only), ("csv+xlsx+html", &everything)] {
        let written = report::write_outputs(out.path(), &run, &provenance, options).expect("write outputs");
        let out_bytes: u64 = written
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum();
        eprintln!("write/{label}: {out_bytes} output bytes for {bytes} input bytes");
    }
    let mut g = c.benchmark_group("write");
    g.throughput(Throughput::Bytes(bytes));
    // Formatting the rows alone, in memory, as the workers do: the part of writing
    // that costs CPU, without the files and the fsync.
    g.bench_function("render_rows/csv", |b| {
        b.iter(|| {
            for doc in &run.documents {
                black_box(report::render_rows(black_box(doc), &csv_only).expect("render"));
            }
        })
    });
    for (label, options) in [("csv", &csv_only), ("csv+xlsx+html", &everything)] {
        g.bench_function(format!("write_outputs/{label}"), |b| {
            b.iter(|| {
                report::write_outputs(out.path(), black_box(&run), &provenance, options).expect("write")
            })
        });
    }
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    let ins = instruments();
    let opts = ScoringOptions::default();
    let ingest = IngestOptions::default();
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("pacts");
    std::fs::create_dir_all(&root).expect("mkdir");
    let mut bytes = 0u64;
    for (name, text) in gen::corpus(SEED, E2E_FILES, E2E_KB) {
        bytes += text.len() as u64;
        std::fs::write(root.join(name), text).expect("write corpus");
    }
    let inputs: Vec<PathBuf> = vec![root];

    let mut g = c.benchmark_group("end_to_end");
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_function(format!("run/{E2E_FILES}x{E2E_KB}KB/threads={threads}"), |b| {
            b.iter_batched(
                || (),
                |()| pool.install(|| pipeline::run(black_box(&inputs), &ingest, &ins, &opts)),
                // The RunResult is dropped outside the timing.
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = stages, end_to_end
}
criterion_main!(benches);
