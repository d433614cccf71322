//! Tests of the report's parts together: per-document rows against whole tables, and
//! the workbook's sheets.

use super::csv::{csv_bytes, csv_table};
use super::*;
use crate::scoring::ScoringOptions;

/// A run on `input` with the built-in lexicons and default options.
fn run_with_defaults(input: &str) -> RunResult {
    let instruments = crate::instruments::Instruments::load(&[], None, None).unwrap();
    crate::pipeline::run(
        &[input.into()],
        &Default::default(),
        &instruments,
        &ScoringOptions::default(),
    )
}
/// A table longer than a sheet goes on in further sheets, every row kept once.
#[cfg(feature = "xlsx")]
#[test]
fn long_tables_continue_on_further_sheets() {
    use calamine::{Reader, Xlsx};
    let run = run_with_defaults("corpus/kempen.md");
    let tables = [
        resocs_table(&run),
        sections_table(&run, &ScoringOptions::default()),
        matches_table(&run),
    ];
    let matches = tables[2].rows.len();
    assert!(matches > 8, "{matches} matches");
    let dir = tempfile::tempdir().unwrap();
    let mut book = workbook::WorkbookWriter::with_sheet_rows(dir.path(), 4).unwrap();
    for doc in &run.documents {
        book.add(&workbook::SheetRows::of(doc, &ScoringOptions::default()))
            .unwrap();
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    book.finish(&tables[0], &inputs_table(&run), &mut bytes).unwrap();
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes.into_inner())).unwrap();
    let names = wb.sheet_names();
    assert_eq!((names[0].as_str(), names[1].as_str()), ("resocs", "sections"));
    assert_eq!(names.last().map(String::as_str), Some("inputs"));
    let sheets_of = |table: &str| names.iter().filter(|n| n.starts_with(table)).count();
    assert_eq!(sheets_of("sections"), tables[1].rows.len().div_ceil(4));
    let match_sheets: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("matches"))
        .cloned()
        .collect();
    assert_eq!(match_sheets.len(), matches.div_ceil(4));
    assert_eq!(match_sheets[1], "matches (2)");
    let rows: usize = match_sheets
        .iter()
        .map(|n| wb.worksheet_range(n).unwrap().height() - 1)
        .sum();
    assert_eq!(rows, matches);
}
/// Every table may continue on further sheets, the ones written at the end too, and
/// the sheets stand in the tables' order, each table's sheets in row order.
#[cfg(feature = "xlsx")]
#[test]
fn every_table_continues_on_further_sheets_in_order() {
    use calamine::{Reader, Xlsx};
    let run = run_with_defaults("corpus");
    let (resocs, inputs) = (resocs_table(&run), inputs_table(&run));
    assert!(resocs.rows.len() > 4 && inputs.rows.len() > 4);
    let dir = tempfile::tempdir().unwrap();
    let mut book = workbook::WorkbookWriter::with_sheet_rows(dir.path(), 4).unwrap();
    for doc in &run.documents {
        book.add(&workbook::SheetRows::of(doc, &ScoringOptions::default()))
            .unwrap();
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    book.finish(&resocs, &inputs, &mut bytes).unwrap();
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes.into_inner())).unwrap();
    let names = wb.sheet_names();
    let tables: Vec<&str> = names.iter().map(|n| n.split(" (").next().unwrap()).collect();
    let mut expected = Vec::new();
    for (table, rows) in [
        ("resocs", resocs.rows.len()),
        (
            "sections",
            sections_table(&run, &ScoringOptions::default()).rows.len(),
        ),
        ("matches", matches_table(&run).rows.len()),
        ("inputs", inputs.rows.len()),
    ] {
        expected.extend(std::iter::repeat_n(table, rows.div_ceil(4)));
    }
    assert_eq!(tables, expected);
    assert_eq!(names[1], "resocs (2)");
    let first_cells: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("resocs"))
        .flat_map(|n| {
            let range = wb.worksheet_range(n).unwrap();
            (1..range.height())
                .map(|r| range.get((r, 0)).unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let names_in_order: Vec<String> = run.resocs.iter().map(|r| r.name.clone()).collect();
    assert_eq!(first_cells, names_in_order);
}
/// Rows rendered document by document (on the workers of a streaming run) make the
/// same file as one writer of the whole table, in both dialects, and rows of one
/// dialect are refused by files of the other.
#[test]
fn rows_rendered_per_document_make_the_whole_table() {
    let run = run_with_defaults("corpus");
    assert!(run.documents.len() > 5);
    for d in [Dialect::Plain, Dialect::Excel] {
        let (mut sections, mut matches) = (Vec::new(), Vec::new());
        // The numbers cached for the other dialect must not leak into this one.
        for doc in &run.documents {
            let rows = render_rows(doc, &options_in(d)).unwrap();
            sections.extend_from_slice(&rows.sections);
            matches.extend_from_slice(&rows.matches);
        }
        let whole = |t: &Table| csv_bytes(t, d).unwrap();
        let header = |columns: &[&str]| csv_table(Vec::new(), d, columns).unwrap().into_inner().unwrap();
        assert_eq!(
            [header(SECTION_COLUMNS), sections].concat(),
            whole(&sections_table(&run, &ScoringOptions::default()))
        );
        assert_eq!(
            [header(MATCH_COLUMNS), matches].concat(),
            whole(&matches_table(&run))
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let mut sink = OutputSink::create(dir.path(), &options_in(Dialect::Plain)).unwrap();
    let excel_rows = render_rows(&run.documents[0], &options_in(Dialect::Excel)).unwrap();
    assert!(sink.add_rows(excel_rows).is_err());
}
/// CSV files only, in dialect `d`.
fn options_in(d: Dialect) -> RunOptions {
    RunOptions {
        command: Vec::new(),
        inputs: Vec::new(),
        out: String::new(),
        dialect: d,
        xlsx: false,
        report: false,
        encoding: None,
        scoring: ScoringOptions::default(),
    }
}
