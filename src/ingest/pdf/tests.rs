//! Tests of the PDF reader: cleaning, the child's report, and real files.

use std::process::Command;
use std::time::{Duration, Instant};

use super::*;
use crate::ingest::noise::is_page_number;

fn pages(ps: &[&str]) -> Vec<Vec<Line>> {
    ps.iter().map(|p| decode_page(p)).collect()
}

#[test]
fn running_headers_footers_and_page_numbers_are_removed() {
    let text = clean_pages(&pages(&[
        "Streekpact RESOC Kempen 2013-2018\n\n1. Situering\n\nHet RESOC brengt de partners\nPagina 1 van 3",
        "Streekpact RESOC Kempen 2013-2018\nsamen in een overleg.\n\n2. Rol\n\nHet RESOC neemt een actieve\nPagina 2 van 3",
        "Streekpact RESOC Kempen 2013-2018\nrol op.\n- 3 -",
    ]));
    assert_eq!(
        text,
        "1. Situering\n\nHet RESOC brengt de partners\nsamen in een overleg.\n\n2. Rol\n\nHet RESOC neemt een actieve\nrol op.\n"
    );
}

#[test]
fn hyphenation_and_ligatures() {
    let text = clean_pages(&pages(&[
        "Het RESOC organiseert over-\nleg met de partners in Oost-\nen West-Vlaanderen en de ﬁnanciering van zorg-\nof welzijnsprojecten.",
    ]));
    assert_eq!(
        text,
        "Het RESOC organiseert overleg met de partners in Oost-\nen West-Vlaanderen en de financiering van zorg-\nof welzijnsprojecten.\n"
    );
}

#[test]
fn a_word_hyphenated_over_a_page_break_with_a_footer_between() {
    let text = clean_pages(&pages(&[
        "Titel\n\nHet RESOC neemt een trekkers-\n12",
        "rol op in het project.\n13",
    ]));
    assert_eq!(
        text,
        "Titel\n\nHet RESOC neemt een trekkersrol op in het project.\n"
    );
}

#[test]
fn a_title_in_a_larger_font_wrapped_over_lines_becomes_one_line() {
    let text = clean_pages(&pages(&[
        "16.0\tStreekpact 2013-2018 RESOC\n16.0\tKempen\n10.0\tIllustratieve tekst over het\n10.0\tRESOC en zijn rol.\n\n12.0\t1. Situering\n10.0\tHet RESOC brengt partners samen.",
    ]));
    assert_eq!(
        text,
        "Streekpact 2013-2018 RESOC Kempen\n\nIllustratieve tekst over het\nRESOC en zijn rol.\n\n1. Situering\n\nHet RESOC brengt partners samen.\n"
    );
}

#[test]
fn page_number_shapes() {
    for yes in ["12", "- 12 -", "Pagina 3 van 10", "p. 4", "3/10", "iv", "[7]"] {
        assert!(is_page_number(yes), "{yes}");
    }
    for no in ["2013-2018", "12 partners", "Thema 2", "Het RESOC", "1. Situering"] {
        assert!(!is_page_number(no), "{no}");
    }
}

#[test]
fn child_reports_are_parsed_even_after_noise() {
    let out =
        b"noise printed by a library\nstreekpact-pdf-1 ok 1\n3\nabc\n\nstreekpact-pdf-1 ok 2\n2\nab3\nxyz";
    assert_eq!(parse_report(out).unwrap().unwrap(), ["ab", "xyz"]);
    let page = vec![
        Line {
            size: 14.0,
            text: "Titel".into(),
        },
        Line {
            size: 10.0,
            text: "a\tb".into(),
        },
    ];
    assert_eq!(decode_page(&encode_page(&page)), page);
    let out = b"\nstreekpact-pdf-1 error encrypted\npassword";
    assert_eq!(
        parse_report(out).unwrap().unwrap_err(),
        IngestError::Encrypted("PDF")
    );
    assert!(parse_report(b"garbage").is_none());
}

#[cfg(unix)]
#[test]
fn a_hanging_child_is_stopped_at_the_time_limit() {
    let start = Instant::now();
    let mut child = Command::new("sleep").arg("20").spawn().unwrap();
    assert!(wait_with_timeout(&mut child, Duration::from_millis(200)).is_none());
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[cfg(feature = "pdf")]
#[test]
fn not_a_pdf_and_a_pdf_without_text() {
    assert!(matches!(read(b"hello"), Err(IngestError::Corrupt { .. })));
    let err = read(b"%PDF-1.4\n%%EOF").unwrap_err();
    assert!(matches!(err, IngestError::Corrupt { .. }), "{err}");
}
