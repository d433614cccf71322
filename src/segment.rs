//! Segment: a document's text → sections (at headings) → units (sentences and list
//! items), with **bold**, *emphasis* and (parenthesised) spans marked, and each
//! section attributed to a RESOC.

use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::registry::Registry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentedDocument {
    pub name: String,
    /// The first heading when it stands before any body text.
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1-based position of the section in its document.
    pub index: usize,
    /// The heading that opens the section; empty for text before the first heading.
    pub title: String,
    /// Titles of the enclosing headings, outermost first, including this one.
    pub heading_path: Vec<String>,
    pub level: u8,
    /// 1-based line range of the section in the normalised text, inclusive.
    pub line_start: usize,
    pub line_end: usize,
    /// Canonical RESOC the section belongs to, if any.
    pub resoc: Option<String>,
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Heading,
    Sentence,
    ListItem,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Heading => "heading",
            UnitKind::Sentence => "sentence",
            UnitKind::ListItem => "item",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    Bold,
    Italic,
    Paren,
}

/// A byte span of a unit's text with a typographic mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// The smallest piece of text that is coded on its own: a sentence, a list item or a
/// heading. Markdown markup is removed from `text`; its meaning is kept in `marks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    /// 1-based line where the unit starts.
    pub line: usize,
    pub kind: UnitKind,
    pub marks: Vec<Mark>,
    /// For a list item: the index (in the section) of the sentence that introduces the
    /// list ("Het RESOC kan diverse initiatieven nemen:"), whose context carries over.
    pub lead: Option<usize>,
}

static NUMBERED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$").expect("valid regex"));
static KEYWORD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(hoofdstuk|deel|thema|ambitie|speerpunt|prioriteit|strategische doelstelling|sd|operationele doelstelling|od|actie|actiepunt|hefboomproject))\s+\d{1,2}(?:\.\d{1,2})*\s*(?:[:.\-–]\s*\S.*)?$",
    )
    .expect("valid regex")
});
/// A list item's marker up to the first character of its text. The text is the rest
/// of the line (lines hold no line break), so no capture group is needed and the
/// regex engine never has to read past the marker.
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+•–·▪◦]|\d{1,3}[.)]|[a-z][.)])\s+\S").expect("valid regex"));

/// Whether `line` can match [`LIST_ITEM`]: its first character after spaces is a bullet,
/// a digit, or a lowercase letter followed by `.` or `)`. A cheap necessary condition,
/// so the regex only runs on the few lines that may match.
fn may_be_list_item(line: &str) -> bool {
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
fn list_item(line: &str) -> Option<&str> {
    if !may_be_list_item(line) {
        return None;
    }
    let m = LIST_ITEM.find(line)?;
    let first = line[..m.end()].chars().next_back()?;
    Some(&line[m.end() - first.len_utf8()..])
}

fn is_list_item(line: &str) -> bool {
    may_be_list_item(line) && LIST_ITEM.is_match(line)
}

/// A Markdown ATX heading: its level and its text without the optional closing `#`s,
/// as `^(#{1,6})\s+(.*?)\s*#*\s*$` would capture them (tested against that regex);
/// written out because it runs on every line and needs no regex engine.
fn md_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    let text = rest.trim_start_matches(char::is_whitespace);
    if text.len() == rest.len() {
        return None;
    }
    let text = text
        .trim_end_matches(char::is_whitespace)
        .trim_end_matches('#')
        .trim_end_matches(char::is_whitespace);
    Some((hashes as u8, text))
}

fn numbered_heading(line: &str) -> Option<regex::Captures<'_>> {
    if line.starts_with(char::is_numeric) {
        NUMBERED_HEADING.captures(line)
    } else {
        None
    }
}

/// Lowercased words that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "vb", "bv", "bijv", "d.w.z", "o.a", "m.a.w", "nl", "enz", "art", "nr", "nrs", "blz", "ca", "e.d",
    "i.s.m", "t.e.m", "t.a.v", "m.b.t", "i.v.m", "resp", "incl", "excl", "evt", "dhr", "mevr", "mr", "dr",
    "prof", "ir", "ing", "vzw", "cf", "zgn", "m.i.v", "p", "pp", "vs", "e.a", "o.m", "t.o.v", "m.n", "a.s",
    "jl", "fig", "tel",
];

/// Segments a document. `name` is the document's output name (used when neither a
/// heading nor the title names a RESOC).
pub fn segment_document(name: &str, text: &str, registry: &Registry) -> SegmentedDocument {
    let outline = Outline::of(name, text, registry);
    SegmentedDocument {
        name: name.to_string(),
        title: outline.title.clone(),
        sections: outline.sections(0..outline.len()),
    }
}

/// A document's heading structure, found in one pass in document order: where each
/// section starts and ends, its level, heading path and RESOC. The text of the sections
/// is read from it afterwards, all at once or range by range (a very large document is
/// analysed a few megabytes at a time), in parallel.
pub struct Outline<'t> {
    lines: Vec<&'t str>,
    /// The first heading when it stands before any body text (clean).
    pub title: Option<String>,
    /// Each heading without its markup, and the marks the markup made, by heading id
    /// (stripped once, however many sections have it on their path).
    headings: Vec<(String, Vec<Mark>)>,
    /// Canonical RESOC names; sections refer to them by index.
    resocs: Vec<String>,
    entries: Vec<OutlineEntry>,
}

struct OutlineEntry {
    /// First line (0-based) and the line after the section.
    start: usize,
    end: usize,
    heading: Option<u32>,
    level: u8,
    /// Heading ids, outermost first, this section's own included.
    path: Vec<u32>,
    resoc: Option<u32>,
}

impl<'t> Outline<'t> {
    pub fn of(name: &str, text: &'t str, registry: &Registry) -> Outline<'t> {
        let lines = lines_of(text);
        let has_md_headings = lines.iter().any(|l| md_heading(l.trim_end()).is_some());
        let found = detect_headings(&lines, has_md_headings);
        // Text before the first heading is a section of its own.
        let lead_text = found
            .first()
            .is_none_or(|&(first, _, _)| lines[..first].iter().any(|l| !l.trim().is_empty()));
        let mut headings = Vec::with_capacity(found.len());
        let mut entries = Vec::with_capacity(found.len() + 1);
        if lead_text {
            entries.push(OutlineEntry {
                start: 0,
                end: found.first().map_or(lines.len(), |h| h.0),
                heading: None,
                level: 0,
                path: Vec::new(),
                resoc: None,
            });
        }
        let mut title = None;
        let mut stack: Vec<(u8, u32)> = Vec::new();
        // The first heading is the title when no text stands before it.
        for (k, (line, level, text)) in found.iter().enumerate() {
            let mut level = *level;
            if entries.is_empty() {
                title = Some(headings.len() as u32);
                level = 1;
            } else if level == 1 && title.is_some() {
                // A second top-level heading ranks below the title.
                level = 2;
            }
            let id = headings.len() as u32;
            headings.push(strip_markup(text));
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            stack.push((level, id));
            entries.push(OutlineEntry {
                start: *line,
                end: found.get(k + 1).map_or(lines.len(), |h| h.0),
                heading: Some(id),
                level,
                path: stack.iter().map(|&(_, h)| h).collect(),
                resoc: None,
            });
        }

        // RESOC: the nearest enclosing heading that names one, else the title, else the
        // file name. Each distinct heading is looked up once.
        let title_clean = title.map(|t| headings[t as usize].0.clone());
        let from_title = title_clean.as_deref().and_then(|t| registry.resoc_of_title(t));
        let from_file = registry.resoc_of_file_name(name);
        let mut resocs: Vec<String> = Vec::new();
        let mut index_of = |r: String| -> u32 {
            match resocs.iter().position(|x| *x == r) {
                Some(i) => i as u32,
                None => {
                    resocs.push(r);
                    (resocs.len() - 1) as u32
                }
            }
        };
        let named: Vec<Option<u32>> = headings
            .iter()
            .map(|(clean, _)| {
                if Some(clean.as_str()) == title_clean.as_deref() {
                    None
                } else {
                    registry.resoc_of_heading(clean).map(&mut index_of)
                }
            })
            .collect();
        let from_title = from_title.map(&mut index_of);
        let from_file = from_file.map(&mut index_of);
        for e in &mut entries {
            let from_heading = e.path.iter().rev().find_map(|&h| named[h as usize]);
            e.resoc = from_heading.or(from_title).or(from_file);
        }
        Outline {
            lines,
            title: title_clean,
            headings,
            resocs,
            entries,
        }
    }

    /// Number of sections.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Consecutive ranges of sections of about `bytes` of text each (at least one
    /// section per range), covering all sections in order.
    pub fn chunks(&self, bytes: usize) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let (mut from, mut size) = (0, 0);
        for (k, e) in self.entries.iter().enumerate() {
            size += self.lines[e.start..e.end]
                .iter()
                .map(|l| l.len() + 1)
                .sum::<usize>();
            if size >= bytes {
                out.push(from..k + 1);
                (from, size) = (k + 1, 0);
            }
        }
        if from < self.entries.len() {
            out.push(from..self.entries.len());
        }
        out
    }

    /// The sections of a range, read in parallel.
    pub fn sections(&self, range: std::ops::Range<usize>) -> Vec<Section> {
        let lines = &self.lines;
        self.entries[range.clone()]
            .par_iter()
            .enumerate()
            .map(|(k, e)| {
                let body_from = if e.heading.is_some() { e.start + 1 } else { e.start };
                let mut units = Vec::new();
                let heading = e.heading.map(|h| &self.headings[h as usize]);
                if let Some((clean, marks)) = heading {
                    units.push(Unit {
                        text: clean.clone(),
                        line: e.start + 1,
                        kind: UnitKind::Heading,
                        marks: marks.clone(),
                        lead: None,
                    });
                }
                body_units(lines, body_from, e.end, &mut units);
                let mut last = e.end;
                while last > body_from && lines[last - 1].trim().is_empty() {
                    last -= 1;
                }
                Section {
                    index: range.start + k + 1,
                    title: heading.map(|(clean, _)| clean.clone()).unwrap_or_default(),
                    heading_path: e
                        .path
                        .iter()
                        .map(|&h| self.headings[h as usize].0.clone())
                        .collect(),
                    level: e.level,
                    line_start: e.start + 1,
                    line_end: last.max(e.start + 1),
                    resoc: e.resoc.map(|r| self.resocs[r as usize].clone()),
                    units,
                }
            })
            .collect()
    }
}

/// The lines of `text`, exactly as `str::lines` gives them, with the line ends found by
/// a vectorised search.
fn lines_of(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 48 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]); // a last line without a line end keeps a '\r'
    }
    lines
}

/// The heading lines of a document, in line order: (line index, level, raw text).
fn detect_headings(lines: &[&str], markdown_only: bool) -> Vec<(usize, u8, String)> {
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut in_fence = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.is_empty() {
            continue;
        }
        if let Some((level, text)) = md_heading(line) {
            if !text.is_empty() {
                out.push((i, level, text.to_string()));
            }
            continue;
        }
        if markdown_only {
            // A paragraph that is one short bold line ("**Actiepunt 1.1.2: Jobbeurs**")
            // is a sub-heading in Markdown documents.
            if let Some(inner) = line.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
                let prev_blank = i == 0 || blank(i - 1);
                if prev_blank
                    && !inner.contains("**")
                    && inner.split_whitespace().count() <= 12
                    && !inner.ends_with(['.', '!', '?', ';', ','])
                {
                    out.push((i, 6, inner.trim_end_matches(':').to_string()));
                }
            }
            continue;
        }
        let prev_blank = i == 0 || blank(i - 1);
        let next_blank = blank(i + 1);
        let plain = strip_markup(line).0;
        let words = plain.split_whitespace().count();
        let ends_open = plain.ends_with([':', ',', ';']);
        if plain.starts_with(char::is_alphabetic) && KEYWORD_HEADING.is_match(&plain) && words <= 15 {
            out.push((i, keyword_level(&plain), plain));
            continue;
        }
        if let Some(c) = numbered_heading(&plain) {
            let text_starts_upper = c[2].chars().next().is_some_and(|ch| ch.is_uppercase());
            let next_is_numbered = lines
                .get(i + 1)
                .is_some_and(|l| numbered_heading(l.trim()).is_some());
            if prev_blank
                && !next_is_numbered
                && text_starts_upper
                && words <= 12
                && !plain.ends_with(['.', ';', ',', ':', '!', '?'])
            {
                let depth = c[1].split('.').filter(|p| !p.is_empty()).count() as u8;
                out.push((i, depth + 1, plain));
            }
            continue;
        }
        if is_list_item(line) {
            continue;
        }
        let letters: Vec<char> = plain.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
        if all_caps && words <= 12 && prev_blank && !ends_open {
            out.push((i, 2, plain));
            continue;
        }
        let starts_upper = plain
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let last_word = plain.split_whitespace().next_back().unwrap_or("").to_lowercase();
        if prev_blank
            && next_blank
            && !next_content_is_list(lines, i + 1)
            && !OPEN_ENDINGS.contains(&last_word.as_str())
            && starts_upper
            && words <= 10
            && plain.chars().count() <= 70
            && !plain.contains(':')
            && !plain.ends_with(['.', '!', '?', ';', ',', ':', ')'])
        {
            out.push((i, 2, plain));
        }
    }
    out
}

/// Words a title does not end with: a line ending in one continues into what follows
/// ("Het RESOC is in eerste instantie gehouden tot").
const OPEN_ENDINGS: &[&str] = &[
    "tot", "van", "de", "het", "een", "en", "of", "als", "met", "voor", "aan", "om", "te", "op", "in",
    "door", "bij", "naar", "over", "dat", "die", "zoals", "namelijk",
];

/// Whether the next non-blank line starts a list: a short line that introduces a
/// list is a lead-in, not a title.
fn next_content_is_list(lines: &[&str], from: usize) -> bool {
    let rest = &lines[from.min(lines.len())..];
    let Some(k) = rest.iter().position(|l| !l.trim().is_empty()) else {
        return false;
    };
    let line = rest[k].trim();
    if !is_list_item(line) {
        return false;
    }
    // A numbered line standing alone ("1. Situering" between blank lines, prose after)
    // is a heading, not a list.
    let numbered = line.starts_with(|c: char| c.is_ascii_digit());
    let next = rest.get(k + 1).map(|l| l.trim()).unwrap_or("");
    !(numbered && next.is_empty() && !next_content_is_list(rest, k + 1))
}

fn keyword_level(heading: &str) -> u8 {
    let first = heading.split_whitespace().next().unwrap_or("").to_lowercase();
    match first.as_str() {
        "hoofdstuk" | "deel" => 2,
        "thema" | "ambitie" | "speerpunt" | "prioriteit" | "strategische" | "sd" => 2,
        "operationele" | "od" => 3,
        _ => 4,
    }
}

/// A block of body text: a paragraph or a list item, joined across its lines.
struct Block {
    text: String,
    marks: Vec<Mark>,
    /// (byte offset in `text`, 1-based line) for each source line of the block.
    line_starts: Vec<(usize, usize)>,
    is_item: bool,
}

fn body_units(lines: &[&str], from: usize, to: usize, units: &mut Vec<Unit>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<(Vec<(usize, &str)>, bool)> = None;
    let mut in_fence = false;
    let flush = |current: &mut Option<(Vec<(usize, &str)>, bool)>, blocks: &mut Vec<Block>| {
        if let Some((lines, is_item)) = current.take() {
            blocks.push(join_block(&lines, is_item));
        }
    };
    for (i, raw) in lines.iter().enumerate().take(to).skip(from) {
        let line = raw.trim();
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
    for block in blocks {
        let first_unit = units.len();
        for (start, end) in sentence_spans(&block.text) {
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
                kind: if block.is_item {
                    UnitKind::ListItem
                } else {
                    UnitKind::Sentence
                },
                marks,
                lead: if block.is_item { lead } else { None },
            });
        }
        if !block.is_item {
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

fn is_rule(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
}

/// Joins the lines of a block, rejoining words hyphenated across a line end
/// ("over-" + "leg"), and turns markup into marks.
fn join_block(lines: &[(usize, &str)], is_item: bool) -> Block {
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
    }
}

/// Removes Markdown emphasis markup and returns the clean text with its marks.
pub fn strip_markup(s: &str) -> (String, Vec<Mark>) {
    let (text, marks, _) = strip_markup_mapped(s);
    (text, marks)
}

/// Like [`strip_markup`], plus a map of (raw offset, clean offset) pairs at each
/// removed marker, to carry raw offsets over to the clean text.
fn strip_markup_mapped(s: &str) -> (String, Vec<Mark>, Vec<(usize, usize)>) {
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

fn map_offset(map: &[(usize, usize)], raw: usize) -> usize {
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
fn paren_marks(text: &str) -> Vec<Mark> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn unicode_spaces_normalised_by_ingest_do_not_break_sentences() {
        // Found by fuzzing (target `text`): an en space before a period made the
        // sentence splitter slice inside a character.
        let text = crate::text::normalize("Het RESOC\u{2002}x. Meer\u{3000}tekst.\u{1680}Nog\u{205F}een.");
        assert!(
            text.chars().filter(|c| c.is_whitespace()).all(|c| c.is_ascii()),
            "{text:?}"
        );
        let registry = crate::registry::Registry::builtin();
        let doc = crate::segment::segment_document("a.txt", &text, &registry);
        assert!(!doc.sections[0].units.is_empty());
    }

    proptest! {
        /// Lines found by memchr are the lines of `str::lines`.
        #[test]
        fn lines_of_is_str_lines(text in "[a\r\n ]{0,12}") {
            prop_assert_eq!(lines_of(&text), text.lines().collect::<Vec<_>>());
        }

        /// The hand-written ATX heading parser captures what its regex did.
        #[test]
        fn md_heading_is_its_regex(line in "[# a\t\u{a0}é]{0,14}") {
            let re = Regex::new(r"^(#{1,6})\s+(.*?)\s*#*\s*$").unwrap();
            let want = re.captures(&line).map(|c| (c[1].len() as u8, c.get(2).unwrap().as_str()));
            prop_assert_eq!(md_heading(&line), want);
        }
    }

    fn seg(name: &str, text: &str) -> SegmentedDocument {
        segment_document(name, text, &Registry::builtin())
    }

    #[test]
    fn short_title_lines_split_an_overview_into_resoc_sections() {
        let text = "Rol RESOC's in de streekpacten\n\nEr zijn drie soorten RESOC's.\n\nRESOC Brugge\n\nDe zaken kunnen worden ondersteund:\n\n- door overleg\n- en in bepaalde gevallen door concrete actie.\n\nRESOC Westhoek\n\nRESOC organiseert overleg.\n\nHet RESOC als\n\n- platform\n\nHet RESOC is in eerste instantie gehouden tot\n\nhet opstellen.\n";
        let doc = seg("overzicht.txt", text);
        assert_eq!(doc.title.as_deref(), Some("Rol RESOC's in de streekpacten"));
        let resocs: Vec<_> = doc.sections.iter().map(|s| s.resoc.as_deref()).collect();
        assert_eq!(resocs, [None, Some("RESOC Brugge"), Some("RESOC Westhoek")]);
        let brugge = &doc.sections[1];
        assert_eq!(brugge.line_start, 5);
        assert_eq!(brugge.line_end, 10);
        let items: Vec<_> = brugge
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::ListItem)
            .map(|u| (u.text.as_str(), u.line, u.lead))
            .collect();
        assert_eq!(
            items,
            [
                ("door overleg", 9, Some(1)),
                ("en in bepaalde gevallen door concrete actie.", 10, Some(1))
            ]
        );
    }

    #[test]
    fn markdown_headings_build_a_heading_path() {
        let text = "# Streekpact RESOC Kempen\n\nInleiding.\n\n## 2. Thema 1: Arbeid\n\n### 2.1 Opleiding\n\nTekst hier.\n\n## 3. Haven van Antwerpen\n\nMeer.\n";
        let doc = seg("x.md", text);
        let s = &doc.sections[2];
        assert_eq!(s.title, "2.1 Opleiding");
        assert_eq!(
            s.heading_path,
            ["Streekpact RESOC Kempen", "2. Thema 1: Arbeid", "2.1 Opleiding"]
        );
        // A place named in a theme heading does not re-assign the section.
        assert!(doc
            .sections
            .iter()
            .all(|s| s.resoc.as_deref() == Some("RESOC Kempen")));
    }

    #[test]
    fn numbered_keyword_and_caps_headings_in_plain_text() {
        let text = "INLEIDING\n\nTekst.\n\n1. Situering\n\nMeer tekst.\n\nThema 4: Ruimte\n\nNog tekst.\n\n1. Eerste punt\n2. Tweede punt\n";
        let doc = seg("leuven.txt", text);
        let titles: Vec<_> = doc.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["INLEIDING", "1. Situering", "Thema 4: Ruimte"]);
        assert!(doc
            .sections
            .iter()
            .all(|s| s.resoc.as_deref() == Some("RESOC Leuven")));
        let last = doc.sections.last().unwrap();
        assert_eq!(
            last.units.iter().filter(|u| u.kind == UnitKind::ListItem).count(),
            2
        );
    }

    #[test]
    fn running_text_mention_does_not_reassign() {
        let doc = seg(
            "kempen.md",
            "# Streekpact Kempen\n\nWe werken samen met de provincie Antwerpen en RESOC Mechelen.\n",
        );
        assert_eq!(doc.sections[0].resoc.as_deref(), Some("RESOC Kempen"));
    }

    #[test]
    fn bold_italic_and_parentheses_become_marks() {
        let (text, marks) = strip_markup("**Nadruk op overleg** en *soms* x");
        assert_eq!(text, "Nadruk op overleg en soms x");
        assert_eq!(
            marks[0],
            Mark {
                start: 0,
                end: 17,
                kind: MarkKind::Bold
            }
        );
        assert_eq!(
            marks[1],
            Mark {
                start: 21,
                end: 25,
                kind: MarkKind::Italic
            }
        );
        let doc = seg(
            "a.md",
            "# T\n\n- (initiëren van projecten)\n- trekker_rol blijft\n",
        );
        let item = &doc.sections[0].units[1];
        assert_eq!(
            item.marks,
            [Mark {
                start: 0,
                end: item.text.len(),
                kind: MarkKind::Paren
            }]
        );
        assert_eq!(doc.sections[0].units[2].text, "trekker_rol blijft");
    }

    #[test]
    fn bold_spanning_lines_and_hyphenation_are_joined() {
        let doc = seg("a.md", "# T\n\nHet RESOC organiseert **over-\nleg** met de partners. Oost-\nen West-Vlaanderen doen mee.\n");
        let units = &doc.sections[0].units;
        assert_eq!(units[1].text, "Het RESOC organiseert overleg met de partners.");
        assert_eq!(
            &units[1].text[units[1].marks[0].start..units[1].marks[0].end],
            "overleg"
        );
        assert_eq!(units[2].text, "Oost- en West-Vlaanderen doen mee.");
        assert_eq!(units[2].line, 4);
    }

    #[test]
    fn sentences_split_but_not_after_abbreviations() {
        let spans =
            sentence_spans("Vb. een congres. Het RESOC o.a. overlegt, d.w.z. Meer. J. Peeters zegt dit.");
        let text = "Vb. een congres. Het RESOC o.a. overlegt, d.w.z. Meer. J. Peeters zegt dit.";
        let parts: Vec<_> = spans.iter().map(|(s, e)| text[*s..*e].trim()).collect();
        assert_eq!(
            parts,
            [
                "Vb. een congres.",
                "Het RESOC o.a. overlegt, d.w.z. Meer.",
                "J. Peeters zegt dit."
            ]
        );
    }

    #[test]
    fn multibyte_space_before_a_period_does_not_panic() {
        // Found by fuzzing: an en space (3 bytes) before the word ending in a period.
        let spans = sentence_spans("Het RESOC\u{2002}x. Meer.");
        assert_eq!(spans.len(), 1, "'x.' is a single letter: no sentence end");
        let text = "Het RESOC\u{2002}werkt. Meer.";
        let spans = sentence_spans(text);
        assert_eq!(&text[spans[0].0..spans[0].1], "Het RESOC\u{2002}werkt.");
    }

    #[test]
    fn a_title_before_a_numbered_heading_is_a_title() {
        let doc = seg(
            "x.txt",
            "Streekpact Kempen\n\n1. Situering\n\nHet RESOC werd opgericht.\n",
        );
        assert_eq!(doc.title.as_deref(), Some("Streekpact Kempen"));
        assert_eq!(doc.sections[1].title, "1. Situering");
    }

    #[test]
    fn file_name_is_the_last_resort() {
        let doc = seg("pacts/waas-en-dender.txt", "Het RESOC brengt partners samen.\n");
        assert_eq!(doc.sections[0].resoc.as_deref(), Some("RESOC Waas en Dender"));
        assert_eq!(doc.sections[0].title, "");
    }
}
