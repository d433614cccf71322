//! Reading the project's small tab- or comma-separated data files (lexicons, the
//! RESOC registry): comments, a header, and errors that name file and line.

/// A problem in a data file: always names the file, the 1-based line and the problem,
/// printed as `FILE:LINE: problem` like a compiler does; a problem with the whole file
/// (it cannot be read: line 0) as `FILE: problem`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {problem}", if *line == 0 { String::new() } else { format!(":{line}") })]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

impl LoadError {
    pub fn new(file: &str, line: usize, problem: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            line,
            problem: problem.into(),
        }
    }
}

/// One data row: its 1-based line number and its fields, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub line: usize,
    pub fields: Vec<&'a str>,
}

/// Splits a data file into its header and rows. Blank lines and lines starting with
/// `#` are skipped. The delimiter is a tab when the header has one, else a comma.
/// Lines starting with `@` are directives and are returned as rows too (first field
/// keeps the `@`).
pub fn parse_rows<'a>(
    file: &str,
    text: &'a str,
    expected_header: &[&str],
) -> Result<Vec<Row<'a>>, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut delimiter: Option<char> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some(delim) = delimiter else {
            let d = if line.contains('\t') { '\t' } else { ',' };
            let header: Vec<&str> = line.split(d).map(str::trim).collect();
            let wanted = &header[..expected_header.len().min(header.len())];
            if wanted != expected_header {
                return Err(LoadError::new(
                    file,
                    line_no,
                    format!(
                        "expected a header starting with '{}', found '{}'",
                        expected_header.join("<TAB>"),
                        line.replace('\t', "<TAB>")
                    ),
                ));
            }
            delimiter = Some(d);
            continue;
        };
        let fields: Vec<&str> = line.split(delim).map(str::trim).collect();
        rows.push(Row {
            line: line_no,
            fields,
        });
    }
    if delimiter.is_none() {
        return Err(LoadError::new(file, 1, "no header line found"));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_read_is_named_without_a_line() {
        assert_eq!(
            LoadError::new("a.tsv", 0, "cannot read: gone").to_string(),
            "a.tsv: cannot read: gone"
        );
        assert_eq!(
            LoadError::new("a.tsv", 3, "bad weight").to_string(),
            "a.tsv:3: bad weight"
        );
    }

    #[test]
    fn reads_tab_and_comma_files_with_line_numbers() {
        let text = "# comment\ncue\tcategory\tweight\n\noverleg\toverleg\t1\n";
        let rows = parse_rows("x.tsv", text, &["cue", "category", "weight"]).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 4);
        assert_eq!(rows[0].fields, ["overleg", "overleg", "1"]);
        let rows = parse_rows("x.csv", "cue,category,weight\na, b ,1\n", &["cue", "category"]).unwrap();
        assert_eq!(rows[0].fields, ["a", "b", "1"]);
    }

    #[test]
    fn wrong_header_names_file_and_line() {
        let err = parse_rows("lex.tsv", "\nfoo\tbar\n", &["cue"]).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("lex.tsv:2: expected a header"));
    }
}
