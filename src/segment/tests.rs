//! Tests of segmentation: headings, units, markup and attribution.

use regex::Regex;

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
    let doc = seg(
        "a.md",
        "# T\n\nHet RESOC organiseert **over-\nleg** met de partners. Oost-\nen West-Vlaanderen doen mee.\n",
    );
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
    let spans = sentence_spans("Vb. een congres. Het RESOC o.a. overlegt, d.w.z. Meer. J. Peeters zegt dit.");
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

/// The texts of a table row's cells, for a row under a header.
fn cells_of(u: &Unit) -> Option<Vec<&str>> {
    u.table
        .as_ref()
        .map(|t| t.cells.iter().map(|c| &u.text[c.clone()]).collect())
}

#[test]
fn a_pipe_table_is_read_row_by_row_and_each_row_knows_its_header_and_cells() {
    let doc = seg(
        "t.md",
        "# RESOC Westhoek\n\nDe acties:\n\n| Actie | **Trekker** | Partners |\n|---|:---:|---|\n\
         | Jobbeurs. Twee dagen | VDAB | RESOC Westhoek |\n| Overlegtafel |  | provincie |\n\nDaarna tekst.\n\n\
         | Jobbeurs | VDAB |\n| Campagne | Unizo |\n",
    );
    let units = &doc.sections[0].units;
    let seen: Vec<(&str, UnitKind, usize, Option<Vec<&str>>)> = units
        .iter()
        .map(|u| (u.text.as_str(), u.kind, u.line, cells_of(u)))
        .collect();
    assert_eq!(
        seen,
        [
            ("RESOC Westhoek", UnitKind::Heading, 1, None),
            ("De acties:", UnitKind::Sentence, 3, None),
            // The row above `|---|` is the header (markup stripped), the line itself no unit.
            ("| Actie | Trekker | Partners |", UnitKind::Heading, 5, None),
            // A row is one unit, not split into sentences, and has no lead-in.
            (
                "| Jobbeurs. Twee dagen | VDAB | RESOC Westhoek |",
                UnitKind::ListItem,
                7,
                Some(vec!["Jobbeurs. Twee dagen", "VDAB", "RESOC Westhoek"])
            ),
            (
                "| Overlegtafel |  | provincie |",
                UnitKind::ListItem,
                8,
                Some(vec!["Overlegtafel", "", "provincie"])
            ),
            ("Daarna tekst.", UnitKind::Sentence, 10, None),
            // Without a header no column has a label.
            ("| Jobbeurs | VDAB |", UnitKind::ListItem, 12, None),
            ("| Campagne | Unizo |", UnitKind::ListItem, 13, None),
        ]
    );
    assert!(units.iter().all(|u| u.lead.is_none()));
    assert!(units[3..5].iter().all(|u| u.table.as_ref().unwrap().header == 2));
}

#[test]
fn a_table_without_outer_pipes_is_read_as_markdown_reads_it() {
    let doc = seg(
        "t.md",
        "# RESOC Westhoek\n\nActie | Trekker\n--- | :---:\nJobbeurs | VDAB\nOverlegtafel | RESOC Westhoek\n\n\
         Een zin met een | teken.\nEn nog een | erbij.\n\nKosten - baten | rest\n--- | --- | ---\n",
    );
    let units = &doc.sections[0].units;
    let seen: Vec<(&str, UnitKind, Option<Vec<&str>>)> = units
        .iter()
        .map(|u| (u.text.as_str(), u.kind, cells_of(u)))
        .collect();
    assert_eq!(
        seen,
        [
            ("RESOC Westhoek", UnitKind::Heading, None),
            ("| Actie | Trekker |", UnitKind::Heading, None),
            (
                "| Jobbeurs | VDAB |",
                UnitKind::ListItem,
                Some(vec!["Jobbeurs", "VDAB"])
            ),
            (
                "| Overlegtafel | RESOC Westhoek |",
                UnitKind::ListItem,
                Some(vec!["Overlegtafel", "RESOC Westhoek"])
            ),
            // Lines with a stray pipe but no dashed line under them stay a paragraph.
            ("Een zin met een | teken.", UnitKind::Sentence, None),
            ("En nog een | erbij.", UnitKind::Sentence, None),
            // A dashed line with another number of columns makes no table.
            ("Kosten - baten | rest --- | --- | ---", UnitKind::Sentence, None),
        ]
    );
}
