//! Floors for the whole-process comparison (benches/compare.sh): how fast can the
//! plainest Rust read, split, word-segment and stem the same corpus?
//!
//! ```text
//! cargo run --release --example baseline -- --mode words --threads 2 DIR...
//! ```
//!
//! Walks each DIR (sorted, `*.md` and `*.txt`), processes the files in parallel on a
//! rayon pool of N threads and prints `MODE bytes=… tokens=… seconds=…`. Modes:
//!
//! - `read`: read every file, sum its bytes;
//! - `split`: count runs of alphanumeric chars (`char::is_alphanumeric`);
//! - `words`: count UAX #29 words (`unicode_words()`), the reference of the targets;
//! - `stem`: `unicode_words()`, lowercase, Dutch Snowball stem through a per-thread
//!   `FxHashMap` cache of word → stem.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

const USAGE: &str = "usage: baseline --mode read|split|words|stem [--threads N] DIR...";

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Read,
    Split,
    Words,
    Stem,
}

thread_local! {
    static STEMS: RefCell<(Stemmer, FxHashMap<String, String>)> =
        RefCell::new((Stemmer::create(Algorithm::Dutch), FxHashMap::default()));
}

fn parse_args() -> Result<(Mode, usize, Vec<PathBuf>), String> {
    let (mut mode, mut threads, mut dirs) = (None, 1usize, Vec::new());
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--mode" => {
                mode = Some(match it.next().as_deref() {
                    Some("read") => Mode::Read,
                    Some("split") => Mode::Split,
                    Some("words") => Mode::Words,
                    Some("stem") => Mode::Stem,
                    other => return Err(format!("unknown mode {other:?}")),
                })
            }
            "--threads" => {
                threads = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--threads needs a whole number above 0")?
            }
            _ if arg.starts_with('-') => return Err(format!("unknown argument '{arg}'")),
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let mode = mode.ok_or("--mode is required")?;
    if dirs.is_empty() {
        return Err("no DIR given".into());
    }
    Ok((mode, threads, dirs))
}

/// The `*.md` and `*.txt` files under `dirs`, in sorted walk order.
fn inputs(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, walkdir::Error> {
    let mut files = Vec::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry?;
            let ext = entry.path().extension().and_then(|e| e.to_str());
            if entry.file_type().is_file() && matches!(ext, Some("md" | "txt")) {
                files.push(entry.into_path());
            }
        }
    }
    Ok(files)
}

/// (bytes, tokens) of one file.
fn process(mode: Mode, path: &Path) -> std::io::Result<(u64, u64)> {
    if mode == Mode::Read {
        return Ok((std::fs::read(path)?.len() as u64, 0));
    }
    let text = std::fs::read_to_string(path)?;
    let tokens = match mode {
        Mode::Read => 0,
        Mode::Split => text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|s| !s.is_empty())
            .count(),
        Mode::Words => text.unicode_words().count(),
        Mode::Stem => STEMS.with(|cell| {
            let (stemmer, cache) = &mut *cell.borrow_mut();
            let mut n = 0;
            for word in text.unicode_words() {
                if let Some(stem) = cache.get(word) {
                    std::hint::black_box(stem);
                } else {
                    let stem = stemmer.stem(&word.to_lowercase()).into_owned();
                    cache.insert(word.to_string(), std::hint::black_box(stem));
                }
                n += 1;
            }
            n
        }),
    };
    Ok((text.len() as u64, tokens as u64))
}

fn main() -> ExitCode {
    let (mode, threads, dirs) = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("baseline: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool");
    let result = inputs(&dirs).map_err(|e| e.to_string()).and_then(|files| {
        pool.install(|| {
            files
                .par_iter()
                .map(|f| process(mode, f).map_err(|e| format!("{}: {e}", f.display())))
                .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))
        })
    });
    let (bytes, tokens) = match result {
        Ok(t) => t,
        Err(e) => {
            eprintln!("baseline: {e}");
            return ExitCode::from(1);
        }
    };
    let name = ["read", "split", "words", "stem"][mode as usize];
    println!(
        "{name} bytes={bytes} tokens={tokens} seconds={:.3}",
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
