//! Cleaning the text layer: running headers, footers and page numbers removed, large-font
//! headings joined, pages joined, line-end hyphenation undone.

use std::collections::{BTreeSet, HashMap};

use crate::ingest::noise::is_page_number;

/// One line of a page's text layer, with the largest font size on it (in page
/// units; 0 when unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub size: f32,
    pub text: String,
}

/// A page as the child reports it: one `SIZE<tab>TEXT` line per line.
pub(super) fn encode_page(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| format!("{:.1}\t{}", l.size, l.text.replace('\n', " ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a page in the child's format; a line without a size gets size 0.
pub fn decode_page(page: &str) -> Vec<Line> {
    page.split('\n')
        .map(|l| match l.split_once('\t') {
            Some((size, text)) if size.parse::<f32>().is_ok_and(f32::is_finite) => Line {
                size: size.parse().unwrap_or(0.0),
                text: text.to_string(),
            },
            _ => Line {
                size: 0.0,
                text: l.to_string(),
            },
        })
        .collect()
}

/// Turns the text of the pages into one text: ligatures unfolded, running headers,
/// footers and page numbers removed, a heading set in a larger font and wrapped over
/// lines put on one line between blank lines, pages joined, hyphenation at line ends
/// undone.
pub fn clean_pages(pages: &[Vec<Line>]) -> String {
    let pages: Vec<Vec<Line>> = pages
        .iter()
        .map(|p| {
            p.iter()
                .flat_map(|l| {
                    crate::text::normalize(&l.text)
                        .split('\n')
                        .map(|t| Line {
                            size: l.size,
                            text: t.split_whitespace().collect::<Vec<_>>().join(" "),
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    let pages = strip_running_lines(pages);
    let body = body_size(&pages);
    let mut text = String::new();
    for page in pages {
        let page = join_large_lines(page, body);
        let first = page.iter().position(|l| !l.is_empty());
        let last = page.iter().rposition(|l| !l.is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let body = page[first..=last].join("\n");
        if !text.is_empty() {
            let continues = text.ends_with(',')
                || text.ends_with('-')
                || body.chars().next().is_some_and(char::is_lowercase);
            text.push_str(if continues { "\n" } else { "\n\n" });
        }
        text.push_str(&body);
    }
    let mut text = rejoin_hyphenation(&text);
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// The font size of most of the text (by characters, to half a unit); 0 if unknown.
pub(super) fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut chars: HashMap<i64, usize> = HashMap::new();
    for line in pages.iter().flatten() {
        if line.size > 0.0 && line.size.is_finite() {
            *chars.entry((line.size * 2.0).round() as i64).or_default() += line.text.chars().count();
        }
    }
    chars
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(0.0, |(size, _)| size as f32 / 2.0)
}

/// A line set at least this much larger than the body text is a heading.
pub(super) const HEADING_SIZE_RATIO: f32 = 1.15;

/// Puts each heading set in a larger font on one line (a title wrapped over two
/// lines is one title) with blank lines around it, so that the segmenter's title
/// rules see it; other lines are returned as they are.
pub(super) fn join_large_lines(page: Vec<Line>, body: f32) -> Vec<String> {
    let large = |l: &Line| body > 0.0 && !l.text.is_empty() && l.size >= body * HEADING_SIZE_RATIO;
    let mut out: Vec<String> = Vec::with_capacity(page.len());
    let mut i = 0;
    while i < page.len() {
        if !large(&page[i]) {
            out.push(page[i].text.clone());
            i += 1;
            continue;
        }
        let size = page[i].size;
        let mut heading = page[i].text.clone();
        i += 1;
        while i < page.len() && large(&page[i]) && (page[i].size - size).abs() < 0.5 {
            heading.push(' ');
            heading.push_str(&page[i].text);
            i += 1;
        }
        if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
        out.push(heading);
        if page.get(i).is_some_and(|l| !l.text.is_empty()) {
            out.push(String::new());
        }
    }
    out
}

/// A line's identity across pages: lower case, each run of digits as `#`.
pub(super) fn running_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut in_digits = false;
    for c in line.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
        } else {
            key.push(c);
            in_digits = false;
        }
    }
    key
}

/// How many lines at each edge of a page are candidates for running headers/footers.
pub(super) const EDGE_LINES: usize = 3;

/// Removes, at the top and bottom of each page, lines that recur (digits masked) at
/// the edges of most pages, and page-number lines.
pub(super) fn strip_running_lines(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    if pages.len() < 2 {
        return pages;
    }
    let edges = |page: &Vec<Line>| -> Vec<usize> {
        let filled: Vec<usize> = (0..page.len()).filter(|&i| !page[i].text.is_empty()).collect();
        let mut idx: BTreeSet<usize> = filled.iter().take(EDGE_LINES).copied().collect();
        idx.extend(filled.iter().rev().take(EDGE_LINES));
        idx.into_iter().collect()
    };
    let mut count: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let keys: BTreeSet<String> = edges(page)
            .into_iter()
            .map(|i| running_key(&page[i].text))
            .collect();
        for k in keys {
            *count.entry(k).or_default() += 1;
        }
    }
    let n = pages.len();
    let running = |line: &str| {
        let c = count.get(&running_key(line)).copied().unwrap_or(0);
        (c >= 2 && c * 2 > n) || is_page_number(line)
    };
    for page in &mut pages {
        let filled: Vec<usize> = (0..page.len()).filter(|&i| !page[i].text.is_empty()).collect();
        let mut remove = BTreeSet::new();
        for &i in filled.iter().take(EDGE_LINES) {
            if !running(&page[i].text) {
                break;
            }
            remove.insert(i);
        }
        for &i in filled.iter().rev().take(EDGE_LINES) {
            if !running(&page[i].text) {
                break;
            }
            remove.insert(i);
        }
        for i in remove.into_iter().rev() {
            page.remove(i);
        }
    }
    pages
}

/// Words that follow a hyphen at a line end without being the rest of the word
/// ("Oost- en West-Vlaanderen", "zorg- of welzijnsvoorzieningen").
pub(super) const AFTER_OPEN_HYPHEN: &[&str] = &["en", "of", "tot", "noch", "als", "and", "or"];

/// Rejoins words hyphenated across a line end: a line that ends in a letter and `-`,
/// followed by a line that starts with a lower-case word not in
/// [`AFTER_OPEN_HYPHEN`].
pub(super) fn rejoin_hyphenation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(next) = lines.peek() else {
            break;
        };
        let hyphenated = line.ends_with('-')
            && line[..line.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        if hyphenated
            && next_word.chars().next().is_some_and(char::is_lowercase)
            && !AFTER_OPEN_HYPHEN.contains(&next_word.as_str())
        {
            out.pop();
            continue;
        }
        out.push('\n');
    }
    out
}
