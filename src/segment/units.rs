//! Units: a section's body → sentences, list items (with their lead-in), pipe-table rows
//! (with the cell that names their holder) and headings.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A list item's marker up to the first character of its text. The text is the rest
/// of the line (lines hold no line break), so no capture group is needed and the
/// regex engine never has to read past the marker.
pub(super) static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+•–·▪◦]|\d{1,3}[.)]|[a-z][.)])\s+\S").expect("valid regex"));

/// Whether `line` can match [`LIST_ITEM`]: its first character after spaces is a bullet,
/// a digit, or a lowercase letter followed by `.` or `)`. A cheap necessary condition,
/// so the regex only runs on the few lines that may match.
pub(super) fn may_be_list_item(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•' | '–' | '·' | '▪' | '◦') => true,
        // `\d` is any Unicode decimal digit; `is_numeric` covers them all.
        Some(c) if c.is_numeric() => true,
        Some(c) if c.is_ascii_lowercase() => matches!(chars.next(), Some('.' | ')')),
        _ => false,
    }
}

/// The text of a list item line (after its marker), or `None` for another line.
pub(super) fn list_item(line: &str) -> Option<&str> {
    if !may_be_list_item(line) {
        return None;
    }
    let m = LIST_ITEM.find(line)?;
    let first = line[..m.end()].chars().next_back()?;
    Some(&line[m.end() - first.len_utf8()..])
}

pub(super) fn is_list_item(line: &str) -> bool {
    may_be_list_item(line) && LIST_ITEM.is_match(line)
}

/// Lowercased words that end in a period without ending a sentence.
pub(super) const ABBREVIATIONS: &[&str] = &[
    "vb", "bv", "bijv", "d.w.z", "o.a", "m.a.w", "nl", "enz", "art", "nr", "nrs", "blz", "ca", "e.d",
    "i.s.m", "t.e.m", "t.a.v", "m.b.t", "i.v.m", "resp", "incl", "excl", "evt", "dhr", "mevr", "mr", "dr",
    "prof", "ir", "ing", "vzw", "cf", "zgn", "m.i.v", "p", "pp", "vs", "e.a", "o.m", "t.o.v", "m.n", "a.s",
    "jl", "fig", "tel",
];

/// A block of body text: a paragraph or a list item, joined across its lines, or one
/// row of a pipe table.
pub(super) struct Block {
    pub(super) text: String,
    pub(super) marks: Vec<Mark>,
    /// (byte offset in `text`, 1-based line) for each source line of the block.
    pub(super) line_starts: Vec<(usize, usize)>,
    pub(super) is_item: bool,
    /// A pipe-table row: one unit, never split into sentences, with no lead-in.
    pub(super) row: Option<TableRow>,
}

/// What a row of a pipe table is.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum TableRow {
    /// The row above the `|---|` line: column labels ("| Actie | Trekker |"), which
    /// state no one's role.
    Header,
    Body,
}

/// A row of a pipe table (`| Jobbeurs | VDAB | 2025 |`).
pub(super) fn is_table_row(line: &str) -> bool {
    line.len() > 1 && line.starts_with('|') && line.ends_with('|')
}

/// The byte spans of the cells of a pipe-table row, trimmed, left to right; the outer
/// pipes are optional, as in Markdown ("Actie | Trekker" is a row of two cells).
pub fn table_cells(row: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let inner_start = usize::from(row.starts_with('|'));
    let inner_end = row.len() - usize::from(row.len() > inner_start && row.ends_with('|'));
    let inner = &row[inner_start..inner_end];
    let mut at = inner_start;
    inner.split('|').map(move |cell| {
        let start = at + (cell.len() - cell.trim_start().len());
        let end = at + cell.trim_end().len();
        at += cell.len() + 1;
        start..end.max(start)
    })
}

/// The line under a pipe table's header: `|---|:---:|`.
pub(super) fn is_table_separator(line: &str) -> bool {
    is_table_row(line) && line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The line under the header of a table written without outer pipes, as Markdown
/// allows: `--- | :---:`, one cell of dashes (each with an optional colon at either
/// end) per column of `header`. Matching the header's column count keeps a line such
/// as "a - b | c" followed by "--- | ---" apart from one with a stray pipe.
fn is_open_table_separator(line: &str, header: &str) -> bool {
    let dashes = |cell: &str| {
        let inner = cell.trim_start_matches(':').trim_end_matches(':');
        !inner.is_empty() && inner.bytes().all(|b| b == b'-')
    };
    line.contains('|')
        && header.contains('|')
        && table_cells(line).all(|c| dashes(&line[c]))
        && table_cells(line).count() == table_cells(header).count()
}

/// Per line of `lines[from..to]`: whether it belongs to a table written without outer
/// pipes — a header row with `|`, the dashed line under it, and the rows with `|` that
/// follow up to a blank line or a line without one.
fn open_table_lines(lines: &[&str], from: usize, to: usize) -> Vec<bool> {
    let to = to.min(lines.len());
    let mut inside = vec![false; to.saturating_sub(from)];
    let mut i = from;
    while i + 1 < to {
        let (header, under) = (lines[i].trim(), lines[i + 1].trim());
        if is_table_row(header) || !is_open_table_separator(under, header) {
            i += 1;
            continue;
        }
        let mut end = i + 2;
        while end < to && lines[end].trim().contains('|') {
            end += 1;
        }
        inside[i - from..end - from].iter_mut().for_each(|x| *x = true);
        i = end;
    }
    inside
}

pub(super) fn body_units(lines: &[&str], from: usize, to: usize, units: &mut Vec<Unit>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<(Vec<(usize, &str)>, bool)> = None;
    let mut in_fence = false;
    let open_table = open_table_lines(lines, from, to);
    let flush = |current: &mut Option<(Vec<(usize, &str)>, bool)>, blocks: &mut Vec<Block>| {
        if let Some((lines, is_item)) = current.take() {
            blocks.push(join_block(&lines, is_item));
        }
    };
    for (i, raw) in lines.iter().enumerate().take(to).skip(from) {
        let line = raw.trim();
        // A pipe table is read row by row, as a reader reads it, not as one paragraph:
        // each row is a unit, and the row above the `|---|` line is its header.
        let in_open_table = open_table[i - from];
        if !in_fence && (is_table_row(line) || in_open_table) {
            flush(&mut current, &mut blocks);
            let separator = match blocks.last() {
                Some(header) if in_open_table => is_open_table_separator(line, &header.text),
                _ => is_table_separator(line),
            };
            if separator {
                if let Some(header) = blocks.last_mut().filter(|b| b.row.is_some()) {
                    header.row = Some(TableRow::Header);
                }
                continue;
            }
            // A row without outer pipes gets them, so that a table reads the same
            // however it was written (and as the document readers write theirs).
            let piped;
            let line = if in_open_table && !is_table_row(line) {
                let (open, close) = (!line.starts_with('|'), !line.ends_with('|'));
                piped = format!(
                    "{}{line}{}",
                    if open { "| " } else { "" },
                    if close { " |" } else { "" }
                );
                piped.as_str()
            } else {
                line
            };
            let mut block = join_block(&[(i + 1, line)], false);
            block.row = Some(TableRow::Body);
            blocks.push(block);
            continue;
        }
        if line.starts_with("```") {
            in_fence = !in_fence;
            flush(&mut current, &mut blocks);
            continue;
        }
        if in_fence {
            continue;
        }
        if line.is_empty() || is_rule(line) {
            flush(&mut current, &mut blocks);
            continue;
        }
        let content = line.strip_prefix('>').map(str::trim).unwrap_or(line);
        if let Some(item) = list_item(content).filter(|_| !content.starts_with("**")) {
            flush(&mut current, &mut blocks);
            current = Some((vec![(i + 1, item)], true));
            continue;
        }
        match &mut current {
            Some((lines, _)) => lines.push((i + 1, content)),
            None => current = Some((vec![(i + 1, content)], false)),
        }
    }
    flush(&mut current, &mut blocks);

    let mut lead: Option<usize> = None;
    // The unit index of the current table's header row.
    let mut header: Option<usize> = None;
    for block in blocks {
        match block.row {
            Some(TableRow::Header) => header = Some(units.len()),
            Some(TableRow::Body) => {}
            None => header = None,
        }
        let first_unit = units.len();
        let spans = match block.row {
            Some(_) => vec![(0, block.text.len())],
            None => sentence_spans(&block.text),
        };
        for (start, end) in spans {
            let text = block.text[start..end].trim_end();
            let trim_start = text.len() - text.trim_start().len();
            let (s, e) = (start + trim_start, start + text.len());
            if s >= e {
                continue;
            }
            let line = block
                .line_starts
                .iter()
                .rev()
                .find(|(off, _)| *off <= s)
                .map_or(block.line_starts[0].1, |(_, l)| *l);
            let marks = block
                .marks
                .iter()
                .filter(|m| m.start < e && m.end > s)
                .map(|m| Mark {
                    start: m.start.max(s) - s,
                    end: m.end.min(e) - s,
                    kind: m.kind,
                })
                .collect();
            units.push(Unit {
                text: block.text[s..e].to_string(),
                line,
                kind: match block.row {
                    Some(TableRow::Header) => UnitKind::Heading,
                    Some(TableRow::Body) => UnitKind::ListItem,
                    None if block.is_item => UnitKind::ListItem,
                    None => UnitKind::Sentence,
                },
                marks,
                lead: if block.is_item && block.row.is_none() {
                    lead
                } else {
                    None
                },
                table: match (block.row, header) {
                    (Some(TableRow::Body), Some(header)) => Some(TableCells {
                        header,
                        cells: table_cells(&block.text[s..e]).collect(),
                    }),
                    _ => None,
                },
            });
        }
        if block.row.is_some() {
            lead = None;
        } else if !block.is_item {
            let last_word = block
                .text
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            let introduces =
                block.text.trim_end().ends_with(':') || OPEN_ENDINGS.contains(&last_word.as_str());
            lead = if introduces && units.len() > first_unit {
                Some(units.len() - 1)
            } else {
                None
            };
        }
    }
}

pub(super) fn is_rule(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
}

/// Joins the lines of a block, rejoining words hyphenated across a line end
/// ("over-" + "leg"), and turns markup into marks.
pub(super) fn join_block(lines: &[(usize, &str)], is_item: bool) -> Block {
    let mut raw = String::new();
    let mut raw_line_starts = Vec::new();
    for (line_no, text) in lines {
        if !raw.is_empty() {
            let next_word = || {
                let len = text
                    .char_indices()
                    .find(|&(_, c)| !c.is_alphabetic())
                    .map_or(text.len(), |(i, _)| i);
                &text[..len]
            };
            let hyphenated = raw.ends_with('-')
                && raw[..raw.len() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                && next_word().chars().next().is_some_and(char::is_lowercase)
                && !matches!(next_word(), "en" | "of" | "tot" | "noch");
            if hyphenated {
                raw.pop();
            } else {
                raw.push(' ');
            }
        }
        raw_line_starts.push((raw.len(), *line_no));
        raw.push_str(text);
    }
    let (text, mut marks, map) = if memchr::memchr2(b'*', b'_', raw.as_bytes()).is_some() {
        strip_markup_mapped(&raw)
    } else {
        (raw, Vec::new(), Vec::new()) // no markup: the text as it is
    };
    let line_starts = raw_line_starts
        .into_iter()
        .map(|(off, l)| (map_offset(&map, off), l))
        .collect();
    marks.extend(paren_marks(&text));
    marks.sort_by_key(|m| (m.start, m.kind));
    Block {
        text,
        marks,
        line_starts,
        is_item,
        row: None,
    }
}

/// Byte spans of the sentences of a block. A sentence ends at `.`, `!` or `?`
/// followed by white space and a capital, digit, quote or bracket, unless the word
/// before the period is a known abbreviation or a single letter.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    // The enders are ASCII, so a byte scan finds them and every offset next to one is
    // a character boundary.
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let c = bytes[i];
        let mut after = text[i + 1..].chars();
        let Some(next) = after.next() else {
            continue;
        };
        if !next.is_whitespace() {
            continue;
        }
        let Some(f) = after.find(|ch| !ch.is_whitespace()) else {
            continue;
        };
        if !(f.is_uppercase() || f.is_ascii_digit() || matches!(f, '"' | '\'' | '(' | '[')) {
            continue;
        }
        if c == b'.' {
            let word_start = text[..i]
                .char_indices()
                .rfind(|&(_, ch)| ch.is_whitespace() || ch == '(')
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let word = &text[word_start..i];
            if word.is_ascii() {
                // Lowercasing ASCII changes no letter count and no length.
                let single_letter = word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic();
                if single_letter || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                    continue;
                }
            } else {
                let word = word.to_lowercase();
                let letters = word.chars().filter(|ch| ch.is_alphabetic()).count();
                if letters == 1 && word.chars().all(|ch| ch.is_alphabetic()) {
                    continue;
                }
                if ABBREVIATIONS.contains(&word.as_str()) {
                    continue;
                }
            }
        }
        spans.push((start, i + 1));
        start = i + 1;
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
}
