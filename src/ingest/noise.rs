//! Page noise in any document: what a layout or a flipbook viewer leaves in the text
//! that is neither heading nor evidence — running page numbers, repeated running
//! headers, copyright and address lines, and table-of-contents blocks. They are dropped,
//! and a sentence that a page number cut in two is joined again (docs/inputs.md).

use std::borrow::Cow;

/// A line that is only a page number: "96", "- 12 -", "Pagina 3 van 40", "Page 96",
/// "p. 4", "xii".
pub(crate) fn is_page_number(line: &str) -> bool {
    let l = line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '[' | ']' | '(' | ')')
    });
    let l = l.to_lowercase();
    let l = ["pagina", "page", "blz.", "blz", "p."]
        .iter()
        .find_map(|p| l.strip_prefix(p))
        .unwrap_or(&l)
        .trim();
    if !l.is_empty() && l.len() <= 6 && l.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')) {
        return true;
    }
    let mut parts = l
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if !number(first) {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => true,
        (Some(n), None, _) => number(n),
        (Some("van" | "of" | "op"), Some(n), None) => number(n),
        _ => false,
    }
}

/// A table-of-contents line: an entry, a leader of dots (or an ellipsis), and a page
/// number at the end ("2 Rol van het RESOC ....... 7", "Leaderprojecten …… 12").
fn is_toc_line(line: &str) -> bool {
    let l = line.trim();
    let Some(body) = l.strip_suffix(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let body = body.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    let leader = body.ends_with("...") || body.ends_with('…') || body.ends_with(". . .");
    leader && body.chars().any(char::is_alphabetic)
}

/// The heading of a table of contents.
fn is_toc_heading(line: &str) -> bool {
    let l = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_end_matches(':')
        .to_lowercase();
    matches!(
        l.as_str(),
        "inhoud" | "inhoudstafel" | "inhoudsopgave" | "inhoudsoverzicht" | "contents" | "table of contents"
    )
}

/// A copyright line ("© BELGA", "(c) 2014 RESOC Westhoek", "Copyright: Provincie").
fn is_copyright(line: &str) -> bool {
    let l = line.trim();
    let starts = |p: &str| l.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    (l.starts_with('©') || starts("(c) ") || starts("copyright")) && l.split_whitespace().count() <= 12
}

/// A postal address line: a street with its number and a four-digit Belgian postcode
/// with a town ("Stationsstraat 12, 8900 Ieper"), and nothing else.
fn is_address(line: &str) -> bool {
    let l = line.trim();
    let words: Vec<&str> = l.split_whitespace().collect();
    if words.len() < 3 || words.len() > 10 || l.ends_with(['.', '!', '?']) {
        return false;
    }
    let postcode = words.windows(2).any(|w| {
        w[0].len() == 4
            && w[0].chars().all(|c| c.is_ascii_digit())
            && w[1].chars().next().is_some_and(char::is_uppercase)
    });
    let house_number = words.iter().any(|w| {
        let w = w.trim_end_matches(',');
        !w.is_empty()
            && w.len() <= 5
            && w.starts_with(|c: char| c.is_ascii_digit())
            && !(w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
    });
    postcode && house_number
}

/// Whether the line stands alone: blank (or nothing) before and after it.
fn standalone(lines: &[&str], i: usize) -> bool {
    let blank = |k: Option<usize>| k.and_then(|k| lines.get(k)).is_none_or(|l| l.trim().is_empty());
    blank(i.checked_sub(1)) && blank(Some(i + 1))
}

/// A short line that may be a running header: no sentence end, at most 12 words, not
/// a Markdown heading, and with what running headers carry — the pact's name or a
/// year ("Streekpact Westhoek 2013-2019"). A theme's repeated sub-heading ("Rol van
/// het RESOC") is structure, not noise.
fn may_be_running_header(line: &str) -> bool {
    let l = line.trim();
    let has_year = l
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")));
    !l.is_empty()
        && !l.starts_with('#')
        && !l.ends_with(['.', '!', '?', ':', ';', ','])
        && l.split_whitespace().count() <= 12
        && (has_year || l.to_lowercase().contains("streekpact"))
}

/// Running headers: a short line that stands alone 3 times or more is dropped
/// everywhere but on the document's first line (its title). Returns whether any was.
fn repeated_headers(lines: &[&str], drop: &mut [bool]) -> bool {
    let first = next_content(lines, 0);
    let mut seen: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let l = l.trim();
        if drop[i] || l.is_empty() || !(standalone(lines, i) || Some(i) == first) || !may_be_running_header(l)
        {
            continue;
        }
        match seen.iter_mut().find(|(t, _)| *t == l) {
            Some((_, at)) => at.push(i),
            None => seen.push((l, vec![i])),
        }
    }
    let mut any = false;
    for (_, at) in seen.iter().filter(|(_, at)| at.len() >= 3) {
        for &i in at.iter().filter(|&&i| Some(i) != first) {
            drop[i] = true;
            any = true;
        }
    }
    any
}

/// What noise a document may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noise {
    /// A document laid out on pages (text copied from a PDF or a flipbook, HTML, office
    /// files): every kind of noise.
    Layout,
    /// A document its author structured (Markdown): only a table of contents.
    TableOfContents,
}

/// The text without its page noise; borrowed unchanged when there is none.
pub(crate) fn strip_page_noise(text: &str, noise: Noise) -> Cow<'_, str> {
    static LEADER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("..."));
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));
    let bytes = text.as_bytes();
    if noise == Noise::TableOfContents && LEADER.find(bytes).is_none() && ELLIPSIS.find(bytes).is_none() {
        return Cow::Borrowed(text); // no dot leader, no table of contents
    }
    let layout = noise == Noise::Layout;
    let lines: Vec<&str> = text.split('\n').collect();
    let mut drop = vec![false; lines.len()];
    let mut any = false;
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        // Noise lines are short; the cheap tests come first (this runs on every line).
        if t.is_empty() || t.len() > 160 {
            continue;
        }
        let alone = standalone(&lines, i);
        let is_noise = (t.ends_with(|c: char| c.is_ascii_digit()) && is_toc_line(t))
            || (t.len() <= 24
                && is_toc_heading(t)
                && next_content(&lines, i + 1).is_some_and(|k| is_toc_line(lines[k])))
            || (layout
                && ((alone && t.len() <= 24 && is_page_number(t))
                    || (t.starts_with(['©', '(', 'c', 'C']) && is_copyright(t))
                    || (alone && is_address(t))));
        drop[i] = is_noise;
        any |= is_noise;
    }
    if layout {
        any |= repeated_headers(&lines, &mut drop);
    }
    if !any {
        return Cow::Borrowed(text);
    }
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !drop[i] {
            out.push(lines[i]);
            i += 1;
            continue;
        }
        // A run of dropped lines (and the blanks between them).
        let mut j = i;
        while j < lines.len() && (drop[j] || lines[j].trim().is_empty()) {
            j += 1;
        }
        // A sentence cut by the noise is joined again: the text before does not end a
        // sentence and the text after goes on in lower case.
        let last_kept = out.iter().rev().find(|l| !l.trim().is_empty()).map(|l| l.trim());
        let next_kept = lines.get(j).map(|l| l.trim());
        let continues = last_kept
            .is_some_and(|p| !p.ends_with(['.', '!', '?', ':', ';']) && !p.starts_with(['#', '-', '*', '|']))
            && next_kept.is_some_and(|n| n.starts_with(|c: char| c.is_lowercase()));
        if continues {
            while out.last().is_some_and(|l| l.trim().is_empty()) {
                out.pop();
            }
        } else if out.last().is_some_and(|l| !l.trim().is_empty()) {
            out.push("");
        }
        i = j;
    }
    Cow::Owned(out.join("\n"))
}

fn next_content(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_copyright_addresses_and_toc_are_dropped() {
        let text = "Inhoud\n\n1 Situering ........ 3\n2 Rol van het RESOC ....... 7\nLeaderprojecten Westtoer …… 12\n\n1 Situering\n\nDe regio groeit.\n\n96\n\n© BELGA\n\nStationsstraat 12, 8900 Ieper\n\nPage 97\n\nMeer tekst.";
        let clean = strip_page_noise(text, Noise::Layout);
        assert_eq!(clean, "1 Situering\n\nDe regio groeit.\n\nMeer tekst.");
    }

    #[test]
    fn a_sentence_cut_by_a_page_number_is_joined_again() {
        let text = "Het RESOC neemt de trekkersrol op in het\n\n96\n\nproject rond de haven.";
        assert_eq!(
            strip_page_noise(text, Noise::Layout),
            "Het RESOC neemt de trekkersrol op in het\nproject rond de haven."
        );
    }

    #[test]
    fn running_headers_are_dropped_but_the_title_stays() {
        let text = "Streekpact Westhoek 2013-2019\n\nTekst een.\n\nStreekpact Westhoek 2013-2019\n\nTekst twee.\n\nStreekpact Westhoek 2013-2019\n\nTekst drie.";
        assert_eq!(
            strip_page_noise(text, Noise::Layout),
            "Streekpact Westhoek 2013-2019\n\nTekst een.\n\nTekst twee.\n\nTekst drie."
        );
        let headers_only = "Titel\n\nStreekpact Westhoek 2013-2019\n\nTekst een.\n\nStreekpact Westhoek 2013-2019\n\nTekst twee.\n\nStreekpact Westhoek 2013-2019\n\nTekst drie.";
        assert_eq!(
            strip_page_noise(headers_only, Noise::Layout),
            "Titel\n\nTekst een.\n\nTekst twee.\n\nTekst drie."
        );
        // A theme's sub-heading that repeats is structure, not a running header.
        let repeated = "Rol van het RESOC\n\nA.\n\nRol van het RESOC\n\nB.\n\nRol van het RESOC\n\nC.";
        assert_eq!(strip_page_noise(repeated, Noise::Layout), repeated);
    }

    #[test]
    fn markdown_loses_only_its_table_of_contents() {
        let text = "# Titel\n\nInhoud\n\n1 Situering ....... 3\n\n96\n\n© BELGA\n\nTekst.";
        assert_eq!(
            strip_page_noise(text, Noise::TableOfContents),
            "# Titel\n\n96\n\n© BELGA\n\nTekst."
        );
    }

    #[test]
    fn text_without_noise_is_returned_as_it_is() {
        let text = "# Titel\n\nHet RESOC organiseert 3 keer per jaar overleg.\n\n- 12 partners\n";
        assert!(matches!(strip_page_noise(text, Noise::Layout), Cow::Borrowed(_)));
        // A number inside a sentence or a list item is no page number.
        assert!(
            !is_page_number("12 partners") && is_page_number("- 12 -") && is_page_number("Pagina 3 van 40")
        );
        assert!(!is_address("Het RESOC telt 12 leden en 8900 inwoners."));
    }
}
