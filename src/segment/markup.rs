//! Markup: **bold**, *emphasis* and (parenthesised) spans read off a line and stripped.

use super::*;

/// Removes Markdown emphasis markup and returns the clean text with its marks.
pub fn strip_markup(s: &str) -> (String, Vec<Mark>) {
    let (text, marks, _) = strip_markup_mapped(s);
    (text, marks)
}

/// Like [`strip_markup`], plus a map of (raw offset, clean offset) pairs at each
/// removed marker, to carry raw offsets over to the clean text.
pub(super) fn strip_markup_mapped(s: &str) -> (String, Vec<Mark>, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(s.len());
    let mut marks = Vec::new();
    let mut map = Vec::new();
    let mut bold_start: Option<usize> = None;
    let mut italic_start: Option<usize> = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Text without markers is copied as a whole run (the markers are ASCII, so
        // the run ends on a character boundary).
        let run_end = memchr::memchr2(b'*', b'_', &bytes[i..]).map_or(bytes.len(), |p| i + p);
        if run_end > i {
            out.push_str(&s[i..run_end]);
            i = run_end;
            continue;
        }
        let c = bytes[i];
        if (c == b'*' || c == b'_') && bytes.get(i + 1) == Some(&c) {
            let prev = s[..i].chars().next_back();
            let next = s[i + 2..].chars().next();
            let opening = bold_start.is_none() && next.is_some_and(|n| !n.is_whitespace());
            let closing = bold_start.is_some() && prev.is_some_and(|p| !p.is_whitespace());
            if opening || closing {
                if let Some(start) = bold_start.take() {
                    marks.push(Mark {
                        start,
                        end: out.len(),
                        kind: MarkKind::Bold,
                    });
                } else {
                    bold_start = Some(out.len());
                }
                i += 2;
                map.push((i, out.len()));
                continue;
            }
        }
        if c == b'*' || c == b'_' {
            let prev = s[..i].chars().next_back();
            let next = s[i + 1..].chars().next();
            let word = |ch: Option<char>| ch.is_some_and(|x| x.is_alphanumeric());
            let opening = italic_start.is_none()
                && next.is_some_and(|n| !n.is_whitespace())
                && !(c == b'_' && word(prev));
            let closing = italic_start.is_some()
                && prev.is_some_and(|p| !p.is_whitespace())
                && !(c == b'_' && word(next));
            if opening || closing {
                if let Some(start) = italic_start.take() {
                    marks.push(Mark {
                        start,
                        end: out.len(),
                        kind: MarkKind::Italic,
                    });
                } else {
                    italic_start = Some(out.len());
                }
                i += 1;
                map.push((i, out.len()));
                continue;
            }
        }
        // A marker that neither opens nor closes is literal text.
        out.push(c as char);
        i += 1;
    }
    // An unclosed marker was literal text after all; its span is dropped.
    (out, marks, map)
}

pub(super) fn map_offset(map: &[(usize, usize)], raw: usize) -> usize {
    let mut removed = 0;
    for (raw_after, clean) in map {
        if *raw_after <= raw {
            removed = raw_after - clean;
        } else {
            break;
        }
    }
    raw - removed
}

/// Spans inside parentheses, brackets included; an unclosed one runs to the end.
pub(super) fn paren_marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut stack = Vec::new();
    // Brackets are ASCII: a byte search finds them at character boundaries.
    let bytes = text.as_bytes();
    for i in memchr::memchr2_iter(b'(', b')', bytes) {
        match bytes[i] {
            b'(' => stack.push(i),
            b')' => {
                if let Some(start) = stack.pop() {
                    if stack.is_empty() {
                        marks.push(Mark {
                            start,
                            end: i + 1,
                            kind: MarkKind::Paren,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(&start) = stack.first() {
        marks.push(Mark {
            start,
            end: text.len(),
            kind: MarkKind::Paren,
        });
    }
    marks
}
