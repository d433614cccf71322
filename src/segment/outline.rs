//! The outline: where a document's headings are (Markdown, numbered, keyword, ALL CAPS,
//! short title lines), their levels and heading paths, and the sections between them.

use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use super::*;

pub(super) static NUMBERED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$").expect("valid regex"));

pub(super) static KEYWORD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(hoofdstuk|deel|thema|ambitie|speerpunt|prioriteit|strategische doelstelling|sd|operationele doelstelling|od|actie|actiepunt|hefboomproject))\s+\d{1,2}(?:\.\d{1,2})*\s*(?:[:.\-–]\s*\S.*)?$",
    )
    .expect("valid regex")
});

/// A Markdown ATX heading: its level and its text without the optional closing `#`s,
/// as `^(#{1,6})\s+(.*?)\s*#*\s*$` would capture them (tested against that regex);
/// written out because it runs on every line and needs no regex engine.
pub(super) fn md_heading(line: &str) -> Option<(u8, &str)> {
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

pub(super) fn numbered_heading(line: &str) -> Option<regex::Captures<'_>> {
    if line.starts_with(char::is_numeric) {
        NUMBERED_HEADING.captures(line)
    } else {
        None
    }
}

/// A document's heading structure, found in one pass in document order: where each
/// section starts and ends, its level, heading path and RESOC. The text of the sections
/// is read from it afterwards, all at once or range by range (a very large document is
/// analysed a few megabytes at a time), in parallel.
pub struct Outline<'t> {
    pub(super) lines: Vec<&'t str>,
    /// The first heading when it stands before any body text (clean).
    pub title: Option<String>,
    /// Each heading without its markup, and the marks the markup made, by heading id
    /// (stripped once, however many sections have it on their path).
    pub(super) headings: Vec<(String, Vec<Mark>)>,
    /// Canonical RESOC names; sections refer to them by index.
    pub(super) resocs: Vec<String>,
    pub(super) entries: Vec<OutlineEntry>,
}

pub(super) struct OutlineEntry {
    /// First line (0-based) and the line after the section.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) heading: Option<u32>,
    pub(super) level: u8,
    /// Heading ids, outermost first, this section's own included.
    pub(super) path: Vec<u32>,
    pub(super) resoc: Option<u32>,
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
        // Sections still without a RESOC get the one the body names most, when it
        // clearly dominates (only looked for when needed: most documents name theirs in
        // the title or a heading).
        if entries.iter().any(|e| e.resoc.is_none()) {
            if let Some(r) = most_named(registry, text) {
                let r = index_of(r);
                for e in entries.iter_mut().filter(|e| e.resoc.is_none()) {
                    e.resoc = Some(r);
                }
            }
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
                        table: None,
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

/// Mentions a RESOC needs in the body to be the document's RESOC, and the share of all
/// RESOC mentions it must have (docs/method.md, "Which RESOC a passage is about").
pub(super) const BODY_MIN_MENTIONS: usize = 2;
pub(super) const BODY_MIN_SHARE: f64 = 0.6;

/// The RESOC the text names most often ("RESOC X", the full name), when it is named at
/// least [`BODY_MIN_MENTIONS`] times and has at least [`BODY_MIN_SHARE`] of all
/// mentions; `None` when no RESOC dominates (a text about two RESOCs).
pub(super) fn most_named(registry: &Registry, text: &str) -> Option<String> {
    let named = registry.resocs_named_in(text);
    let mut counts: Vec<(String, usize)> = Vec::new();
    for n in &named {
        match counts.iter_mut().find(|(m, _)| m == n) {
            Some((_, c)) => *c += 1,
            None => counts.push((n.clone(), 1)),
        }
    }
    let (best, count) = counts.into_iter().max_by_key(|(_, c)| *c)?;
    (count >= BODY_MIN_MENTIONS && count as f64 >= BODY_MIN_SHARE * named.len() as f64).then_some(best)
}

/// The lines of `text`, exactly as `str::lines` gives them, with the line ends found by
/// a vectorised search.
pub(super) fn lines_of(text: &str) -> Vec<&str> {
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
/// Every heading style is looked for in every document: a Markdown title on top never
/// switches off the numbered, keyword, ALL CAPS or title-line headings below it.
/// `markdown` adds the Markdown-only style (a paragraph of one short bold line).
pub(super) fn detect_headings(lines: &[&str], markdown: bool) -> Vec<(usize, u8, String)> {
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut in_fence = false;
    let first_content = lines.iter().position(|l| !l.trim().is_empty());
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
        if markdown {
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
                continue;
            }
        }
        let prev_blank = i == 0 || blank(i - 1);
        // Apart from keyword headings ("Actie 2.3: …"), a heading starts a block: the
        // other lines of a paragraph are not looked at (most lines of a document).
        let keyword = starts_with_heading_keyword(line);
        if !prev_blank && !keyword {
            continue;
        }
        // The first line of a plain text is its title when it looks like one, even with
        // text right below it (a subtitle, a disclaimer).
        let first_line = !markdown && Some(i) == first_content;
        let next_blank = blank(i + 1) || first_line;
        // The first line of a paragraph that goes on below can only be a numbered,
        // keyword or ALL CAPS heading; prose in lower case is none of them (cheap tests
        // before the markup is stripped).
        let numbered_start = line.starts_with(|c: char| c.is_ascii_digit());
        let has_lower = line.bytes().any(|b| b.is_ascii_lowercase());
        if !next_blank && !keyword && !numbered_start && has_lower {
            continue;
        }
        // Prose in lower case can only be a title line: short, without an end mark.
        if has_lower
            && !keyword
            && !numbered_start
            && (line.len() > 90
                || line
                    .trim_end_matches(['*', '_'])
                    .ends_with(['.', '!', '?', ';', ',', ':', ')']))
        {
            continue;
        }
        if line.len() > 200 && !keyword && !numbered_start {
            continue; // every heading style is shorter
        }
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
        let all_caps = plain.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && plain
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
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
pub(super) const OPEN_ENDINGS: &[&str] = &[
    "tot", "van", "de", "het", "een", "en", "of", "als", "met", "voor", "aan", "om", "te", "op", "in",
    "door", "bij", "naar", "over", "dat", "die", "zoals", "namelijk",
];

/// Whether the next non-blank line starts a list: a short line that introduces a
/// list is a lead-in, not a title.
pub(super) fn next_content_is_list(lines: &[&str], from: usize) -> bool {
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

/// Whether the line starts with a word of [`KEYWORD_HEADING`] (a cheap test before it).
pub(super) fn starts_with_heading_keyword(line: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "hoofdstuk",
        "deel",
        "thema",
        "ambitie",
        "speerpunt",
        "prioriteit",
        "strategische",
        "sd",
        "operationele",
        "od",
        "actie",
        "actiepunt",
        "hefboomproject",
    ];
    let word = line.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

pub(super) fn keyword_level(heading: &str) -> u8 {
    let first = heading.split_whitespace().next().unwrap_or("").to_lowercase();
    match first.as_str() {
        "hoofdstuk" | "deel" => 2,
        "thema" | "ambitie" | "speerpunt" | "prioriteit" | "strategische" | "sd" => 2,
        "operationele" | "od" => 3,
        _ => 4,
    }
}
