//! Evaluate: agreement of a run's `resocs.csv` with a human coding — type accuracy,
//! Cohen's kappa, the confusion matrix, Spearman's rho and mean absolute error on
//! scores, theme-flag agreement, and each disagreement with its strongest evidence.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use crate::report::Dialect;
use crate::scoring::RoleType;

const TYPES: [RoleType; 4] = [
    RoleType::Overleg,
    RoleType::Project,
    RoleType::Combinatie,
    RoleType::Onduidelijk,
];

#[derive(Debug, Clone, PartialEq)]
pub struct Coding {
    pub resoc: String,
    pub role: RoleType,
    pub score: Option<f64>,
    pub theme_dependent: Option<bool>,
    pub split: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub resoc: String,
    pub gold: Coding,
    pub predicted: Option<Coding>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub n: usize,
    pub accuracy: f64,
    pub kappa: f64,
    /// confusion[gold][predicted] in the order overleg, project, combinatie, onduidelijk.
    pub confusion: [[usize; 4]; 4],
    pub spearman: Option<f64>,
    pub mae: Option<f64>,
    pub score_pairs: usize,
    pub theme_agreement: Option<f64>,
    pub theme_pairs: usize,
    pub disagreements: Vec<Disagreement>,
}

fn idx(t: RoleType) -> usize {
    TYPES.iter().position(|x| *x == t).unwrap_or(3)
}

/// Compares predictions with gold codings, matched by RESOC name. A gold RESOC the run
/// did not find counts as `onduidelijk` with no score and no theme flag.
pub fn evaluate(gold: &[Coding], predicted: &[Coding]) -> Evaluation {
    let by_name: BTreeMap<&str, &Coding> = predicted.iter().map(|p| (p.resoc.as_str(), p)).collect();
    let mut confusion = [[0usize; 4]; 4];
    let mut scores = Vec::new();
    let mut theme = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for g in gold {
        let p = by_name.get(g.resoc.as_str()).copied();
        let p_role = p.map_or(RoleType::Onduidelijk, |p| p.role);
        confusion[idx(g.role)][idx(p_role)] += 1;
        if let (Some(gs), Some(ps)) = (g.score, p.and_then(|p| p.score)) {
            scores.push((gs, ps));
        }
        if let Some(gt) = g.theme_dependent {
            theme.1 += 1;
            if p.and_then(|p| p.theme_dependent).unwrap_or(false) == gt {
                theme.0 += 1;
            }
        }
        let theme_differs = g
            .theme_dependent
            .is_some_and(|gt| p.and_then(|p| p.theme_dependent).unwrap_or(false) != gt);
        if p_role != g.role || theme_differs {
            disagreements.push(Disagreement {
                resoc: g.resoc.clone(),
                gold: g.clone(),
                predicted: p.cloned(),
            });
        }
    }
    let n = gold.len();
    let agree: usize = (0..4).map(|i| confusion[i][i]).sum();
    let accuracy = if n == 0 { 0.0 } else { agree as f64 / n as f64 };
    let expected: f64 = (0..4)
        .map(|i| {
            let row: usize = confusion[i].iter().sum();
            let col: usize = (0..4).map(|r| confusion[r][i]).sum();
            row as f64 * col as f64
        })
        .sum::<f64>()
        / (n as f64 * n as f64).max(1.0);
    let kappa = if (1.0 - expected).abs() < 1e-12 {
        1.0
    } else {
        (accuracy - expected) / (1.0 - expected)
    };
    let (spearman, mae) = if scores.len() >= 2 {
        let g: Vec<f64> = scores.iter().map(|s| s.0).collect();
        let p: Vec<f64> = scores.iter().map(|s| s.1).collect();
        let mae = scores.iter().map(|(a, b)| (a - b).abs()).sum::<f64>() / scores.len() as f64;
        (pearson(&ranks(&g), &ranks(&p)), Some(mae))
    } else {
        (None, None)
    };
    Evaluation {
        n,
        accuracy,
        kappa,
        confusion,
        spearman,
        mae,
        score_pairs: scores.len(),
        theme_agreement: (theme.1 > 0).then(|| theme.0 as f64 / theme.1 as f64),
        theme_pairs: theme.1,
        disagreements,
    }
}

/// Average ranks (ties share the mean rank).
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            r[order[k]] = mean;
        }
        i = j + 1;
    }
    r
}

fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    (va > 0.0 && vb > 0.0).then(|| cov / (va * vb).sqrt())
}

/// A CSV read whole: header, rows, and whether it was in the Excel dialect.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    dialect: Dialect,
}

/// A CSV written by `score` (plain or `--excel`) or a gold file, read in the dialect
/// its header shows.
fn read_table(path: &Path) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let dialect = Dialect::of_header(text.lines().next().unwrap_or(""));
    let mut r = dialect.reader().from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(Table {
        header,
        rows,
        dialect,
    })
}

fn column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name)
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "ja" | "waar" => Some(true),
        "false" | "0" | "no" | "nee" | "onwaar" => Some(false),
        _ => None,
    }
}

/// Reads codings from a gold file or a resocs.csv.
pub fn read_codings(path: &Path) -> Result<Vec<Coding>, String> {
    let Table {
        header,
        rows,
        dialect,
    } = read_table(path)?;
    let resoc = column(&header, "resoc").ok_or_else(|| format!("{}: no 'resoc' column", path.display()))?;
    let role = column(&header, "type").ok_or_else(|| format!("{}: no 'type' column", path.display()))?;
    let score = column(&header, "score");
    let theme = column(&header, "theme_dependent");
    let split = column(&header, "split");
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let role_value = RoleType::parse(&row[role]).ok_or_else(|| {
            format!(
                "{}:{}: type '{}' is not overleg, project, combinatie or onduidelijk",
                path.display(),
                i + 2,
                row[role]
            )
        })?;
        out.push(Coding {
            resoc: row[resoc].trim().to_string(),
            role: role_value,
            score: score.and_then(|c| dialect.parse_number(&row[c])),
            theme_dependent: theme.and_then(|c| parse_bool(&row[c])),
            split: split.map(|c| row[c].trim().to_string()),
        });
    }
    Ok(out)
}

/// Per RESOC, the evidence rows of matches.csv as readable lines, strongest first
/// (read once for all disagreements).
fn evidence_by_resoc(out_dir: &Path) -> BTreeMap<String, Vec<String>> {
    let Ok(Table {
        header,
        rows,
        dialect,
    }) = read_table(&out_dir.join("matches.csv"))
    else {
        return BTreeMap::new();
    };
    let col = |n: &str| column(&header, n);
    let (Some(r), Some(c), Some(file), Some(line), Some(cue), Some(cat), Some(w), Some(mods), Some(ctx)) = (
        col("resoc"),
        col("contribution"),
        col("file"),
        col("line"),
        col("cue"),
        col("category"),
        col("weight"),
        col("modifiers"),
        col("context"),
    ) else {
        return BTreeMap::new();
    };
    let mut found: BTreeMap<String, Vec<(f64, String)>> = BTreeMap::new();
    for row in &rows {
        let line = {
            let contribution = dialect.parse_number(&row[c]).unwrap_or(0.0);
            let weight = dialect.parse_number(&row[w]).unwrap_or(0.0);
            let strength = contribution.max(weight.abs() * 0.001);
            (
                strength,
                format!(
                    "{}:{} {} ({}) weight {:.2}{}: {}",
                    row[file],
                    row[line],
                    row[cue],
                    row[cat],
                    weight,
                    if row[mods].is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", row[mods])
                    },
                    row[ctx]
                ),
            )
        };
        found.entry(row[r].clone()).or_default().push(line);
    }
    found
        .into_iter()
        .map(|(resoc, mut lines)| {
            // Stable sort: rows of equal strength keep their file order.
            lines.sort_by(|a, b| b.0.total_cmp(&a.0));
            (resoc, lines.into_iter().map(|l| l.1).collect())
        })
        .collect()
}

/// Renders an evaluation as text.
pub fn render(e: &Evaluation, out_dir: Option<&Path>) -> String {
    let evidence = out_dir.map(evidence_by_resoc).unwrap_or_default();
    let mut s = String::new();
    let fmt = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.3}"));
    let _ = writeln!(s, "RESOCs compared: {}", e.n);
    let _ = writeln!(
        s,
        "type accuracy:   {:.3} ({} of {})",
        e.accuracy,
        (e.accuracy * e.n as f64).round(),
        e.n
    );
    let _ = writeln!(s, "Cohen's kappa:   {:.3}", e.kappa);
    let _ = writeln!(
        s,
        "Spearman's rho:  {} (n = {} scored pairs)",
        fmt(e.spearman),
        e.score_pairs
    );
    let _ = writeln!(s, "mean abs. error: {}", fmt(e.mae));
    let _ = writeln!(
        s,
        "theme agreement: {} (n = {})",
        fmt(e.theme_agreement),
        e.theme_pairs
    );
    let _ = writeln!(s, "\nconfusion (rows: gold, columns: streekpact)");
    let _ = writeln!(
        s,
        "{:<12} {:>8} {:>8} {:>10} {:>11}",
        "", "overleg", "project", "combinatie", "onduidelijk"
    );
    for (i, t) in TYPES.iter().enumerate() {
        let c = e.confusion[i];
        let _ = writeln!(
            s,
            "{:<12} {:>8} {:>8} {:>10} {:>11}",
            t.as_str(),
            c[0],
            c[1],
            c[2],
            c[3]
        );
    }
    if !e.disagreements.is_empty() {
        let _ = writeln!(s, "\ndisagreements");
    }
    for d in &e.disagreements {
        let p = d.predicted.as_ref();
        let _ = writeln!(
            s,
            "- {}: gold {} (score {}, theme {}), streekpact {} (score {}, theme {})",
            d.resoc,
            d.gold.role.as_str(),
            fmt(d.gold.score),
            d.gold
                .theme_dependent
                .map_or("–", |b| if b { "yes" } else { "no" }),
            p.map_or("not found", |p| p.role.as_str()),
            fmt(p.and_then(|p| p.score)),
            p.and_then(|p| p.theme_dependent)
                .map_or("–", |b| if b { "yes" } else { "no" }),
        );
        {
            for line in evidence.get(&d.resoc).into_iter().flatten().take(3) {
                let _ = writeln!(s, "    {line}");
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, role: RoleType, score: Option<f64>, theme: bool) -> Coding {
        Coding {
            resoc: name.into(),
            role,
            score,
            theme_dependent: Some(theme),
            split: None,
        }
    }

    #[test]
    fn perfect_agreement() {
        let gold = vec![
            c("A", RoleType::Overleg, Some(-0.5), false),
            c("B", RoleType::Project, Some(0.7), true),
        ];
        let e = evaluate(&gold, &gold);
        assert_eq!(e.accuracy, 1.0);
        assert_eq!(e.kappa, 1.0);
        assert_eq!(e.spearman, Some(1.0));
        assert_eq!(e.mae, Some(0.0));
        assert_eq!(e.theme_agreement, Some(1.0));
        assert!(e.disagreements.is_empty());
    }

    #[test]
    fn kappa_and_confusion_by_hand() {
        // gold: O O P P; predicted: O P P P → accuracy 0.75,
        // pe = (2*1 + 2*3)/16 = 0.5, kappa = (0.75-0.5)/0.5 = 0.5.
        let gold = vec![
            c("A", RoleType::Overleg, None, false),
            c("B", RoleType::Overleg, None, false),
            c("C", RoleType::Project, None, false),
            c("D", RoleType::Project, None, false),
        ];
        let mut pred = gold.clone();
        pred[1].role = RoleType::Project;
        let e = evaluate(&gold, &pred);
        assert_eq!(e.accuracy, 0.75);
        assert!((e.kappa - 0.5).abs() < 1e-12);
        assert_eq!(e.confusion[0], [1, 1, 0, 0]);
        assert_eq!(e.disagreements.len(), 1);
    }

    #[test]
    fn missing_resoc_counts_as_onduidelijk_and_spearman_uses_ranks() {
        let gold = vec![
            c("A", RoleType::Project, Some(0.1), false),
            c("B", RoleType::Overleg, Some(-0.9), false),
            c("C", RoleType::Combinatie, Some(0.0), false),
        ];
        let pred = vec![
            c("A", RoleType::Project, Some(0.9), false),
            c("B", RoleType::Overleg, Some(-0.1), false),
            c("C", RoleType::Combinatie, Some(0.2), false),
        ];
        let e = evaluate(&gold, &pred);
        // Ranks: gold (3,1,2), pred (3,1,2): monotone, so rho = 1 though values differ.
        assert_eq!(e.spearman, Some(1.0));
        let e = evaluate(&gold, &pred[..2]);
        assert_eq!(e.confusion[2][3], 1);
    }

    #[test]
    fn ties_get_average_ranks() {
        assert_eq!(ranks(&[1.0, 2.0, 2.0, 3.0]), vec![1.0, 2.5, 2.5, 4.0]);
    }
}
