//! The child process: `streekpact extract-pdf -` extracts one PDF's text layer and
//! reports it on stdout; the parent runs it with a time limit and reads the report, so
//! a crash, an abort or a hang costs only that file.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::*;

// --- the child process ---------------------------------------------------------------
/// The hidden subcommand: reads a PDF from `path` (`-`: standard input), extracts the
/// text of its pages, and writes a report to standard output. Returns the exit code.
///
/// Report: a line `streekpact-pdf-1 ok N` followed by N pages, each as its length in
/// bytes on a line and then its text; or `streekpact-pdf-1 error KIND` followed by the
/// message. It is written at the end, so anything a library prints before cannot
/// be mistaken for it: the parent reads the last report in the output.
pub fn child_main(path: &Path) -> u8 {
    // One short line per panic, without machine paths: the parent quotes it.
    std::panic::set_hook(Box::new(|info| {
        let message = crate::ingest::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", short_path(l.file()), l.line()))
            .unwrap_or_default();
        eprintln!("{PANIC_PREFIX}{}{place}", message.replace('\n', " "));
    }));
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        eprintln!("streekpact extract-pdf: cannot read {}: {e}", path.display());
        return 2;
    }
    let report = match extract_pages_in_process(&bytes) {
        Ok(pages) => {
            let mut r = format!("\n{MAGIC} ok {}\n", pages.len());
            for p in &pages {
                let p = encode_page(p);
                r.push_str(&format!("{}\n", p.len()));
                r.push_str(&p);
            }
            r
        }
        Err(e) => {
            let kind = match e {
                IngestError::Encrypted(_) => "encrypted",
                _ => "corrupt",
            };
            format!("\n{MAGIC} error {kind}\n{e}")
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(report.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return 2;
    }
    0
}

pub(super) enum ChildError {
    /// The executable does not run the subcommand (an older or other binary).
    NotAvailable,
    Failed(IngestError),
}

/// Runs `exe extract-pdf -` on `bytes` with a time limit.
pub(super) fn run_child(exe: &Path, bytes: &[u8], timeout: Duration) -> Result<Vec<Vec<Line>>, ChildError> {
    let mut child = Command::new(exe)
        .env("RUST_BACKTRACE", "0")
        .arg(SUBCOMMAND)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| ChildError::NotAvailable)?;
    let (status, stdout, stderr) = std::thread::scope(|scope| {
        let mut stdin = child.stdin.take();
        let mut out_pipe = child.stdout.take();
        let mut err_pipe = child.stderr.take();
        scope.spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                // A child that dies early closes the pipe: the error is not ours.
                let _ = stdin.write_all(bytes);
            }
        });
        let out = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(p) = out_pipe.as_mut() {
                let _ = p.take(4 * MAX_FILE_BYTES).read_to_end(&mut buf);
            }
            buf
        });
        let err = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(p) = err_pipe.as_mut() {
                let _ = p.take(64 * 1024).read_to_end(&mut buf);
            }
            buf
        });
        let status = wait_with_timeout(&mut child, timeout);
        (
            status,
            out.join().unwrap_or_default(),
            err.join().unwrap_or_default(),
        )
    });
    let status = match status {
        Some(s) => s,
        None => {
            return Err(ChildError::Failed(IngestError::Timeout {
                secs: timeout.as_secs_f64().ceil() as u64,
            }))
        }
    };
    if let Some(report) = parse_report(&stdout) {
        return report
            .map(|pages| pages.iter().map(|p| decode_page(p)).collect())
            .map_err(ChildError::Failed);
    }
    let stderr = String::from_utf8_lossy(&stderr);
    if status.code() == Some(2) && stderr.contains("unrecognized subcommand") {
        return Err(ChildError::NotAvailable);
    }
    Err(ChildError::Failed(IngestError::ReaderCrashed(crash_reason(
        status, &stderr,
    ))))
}

/// Waits for the child; kills it when the time is up (then `None`).
pub(super) fn wait_with_timeout(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if start.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(_) => {
                let _ = child.kill();
                return child.wait().ok();
            }
        }
    }
}

/// Why the child ended without a report: its panic message or the signal.
pub(super) fn crash_reason(status: std::process::ExitStatus, stderr: &str) -> String {
    let panic_line = stderr.lines().find_map(|l| l.strip_prefix(PANIC_PREFIX));
    let what = if let Some(line) = panic_line {
        format!("PDF reader panicked: {}", line.trim())
    } else if stderr.contains("overflowed its stack") {
        "PDF reader overflowed its stack".to_string()
    } else {
        "PDF reader ended without a result".to_string()
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("{what} (killed by signal {signal})");
        }
    }
    match status.code() {
        Some(code) => format!("{what} (exit status {code})"),
        None => what,
    }
}

/// The last report in the child's output, if there is one.
pub(super) fn parse_report(stdout: &[u8]) -> Option<Result<Vec<String>, IngestError>> {
    let marker = format!("\n{MAGIC} ");
    let pos = stdout
        .windows(marker.len())
        .rposition(|w| w == marker.as_bytes())?;
    // Pages may contain the marker text themselves: try from the last occurrence
    // backwards until one parses.
    let mut candidates: Vec<usize> = stdout
        .windows(marker.len())
        .enumerate()
        .filter(|(_, w)| *w == marker.as_bytes())
        .map(|(i, _)| i)
        .collect();
    candidates.retain(|&i| i <= pos);
    for start in candidates.into_iter().rev() {
        if let Some(report) = parse_report_at(&stdout[start + marker.len()..]) {
            return Some(report);
        }
    }
    None
}

pub(super) fn parse_report_at(rest: &[u8]) -> Option<Result<Vec<String>, IngestError>> {
    let line_end = rest.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&rest[..line_end]).ok()?;
    let mut body = &rest[line_end + 1..];
    let mut words = header.split(' ');
    match (words.next()?, words.next()?) {
        ("ok", n) => {
            let n: usize = n.parse().ok()?;
            let mut pages = Vec::with_capacity(n.min(100_000));
            for _ in 0..n {
                let nl = body.iter().position(|&b| b == b'\n')?;
                let len: usize = std::str::from_utf8(&body[..nl]).ok()?.parse().ok()?;
                let text = body.get(nl + 1..nl + 1 + len)?;
                pages.push(String::from_utf8(text.to_vec()).ok()?);
                body = &body[nl + 1 + len..];
            }
            body.is_empty().then_some(Ok(pages))
        }
        ("error", kind) => {
            let message = String::from_utf8_lossy(body).into_owned();
            Some(Err(match kind {
                "encrypted" => IngestError::Encrypted(FORMAT),
                _ => IngestError::Corrupt {
                    format: FORMAT,
                    reason: message
                        .strip_prefix("corrupt or truncated PDF file: ")
                        .unwrap_or(&message)
                        .to_string(),
                },
            }))
        }
        _ => None,
    }
}
