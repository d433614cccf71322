//! Writes a corpus of generated, illustrative streekpact texts (not real pacts) for
//! load tests and benchmarks:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --files 200 --kb 100 --seed 1 --out /tmp/pacts
//! ```
//!
//! Files are `DIR/pact-00001.md` …; the same arguments always give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/gen.rs"]
mod gen;
#[path = "../benches/support/prose.rs"]
mod prose;

const USAGE: &str = "usage: gen_corpus [--files N] [--kb K] [--seed S] [--prose] --out DIR
  --files N   number of files (default 20)
  --kb K      approximate size per file in KiB (default 50)
  --seed S    corpus seed (default 1)
  --prose     pact-like prose with few role sentences (benches/support/prose.rs)
              instead of cue-saturated pacts
  --out DIR   output folder (created if missing)";

struct Args {
    files: usize,
    kb: usize,
    seed: u64,
    prose: bool,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut files = 20usize;
    let mut kb = 50usize;
    let mut seed = 1u64;
    let mut prose = false;
    let mut out: Option<PathBuf> = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        if flag == "--prose" {
            prose = true;
            continue;
        }
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: '{v}' is not a non-negative whole number"))
        };
        match flag.as_str() {
            "--files" => files = number("--files", value("--files")?)? as usize,
            "--kb" => kb = number("--kb", value("--kb")?)? as usize,
            "--seed" => seed = number("--seed", value("--seed")?)?,
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok(Args {
        files,
        kb,
        seed,
        prose,
        out,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("gen_corpus: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("gen_corpus: cannot create {}: {e}", args.out.display());
        return ExitCode::from(1);
    }
    // One file at a time: memory stays at one pact whatever the corpus size.
    let mut total: u64 = 0;
    for i in 0..args.files {
        let name = format!("pact-{:05}.md", i + 1);
        let text = if args.prose {
            prose::pact(gen::file_seed(args.seed, i), args.kb * 1024)
        } else {
            gen::pact(gen::file_seed(args.seed, i), args.kb * 1024)
        };
        let path = args.out.join(&name);
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("gen_corpus: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        total += text.len() as u64;
    }
    println!(
        "gen_corpus: wrote {} file(s), {total} bytes ({:.2} MB) to {}",
        args.files,
        total as f64 / 1e6,
        args.out.display()
    );
    ExitCode::SUCCESS
}
