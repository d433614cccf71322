//! `lexicon import`: LIWC .dic and quanteda-style YAML dictionaries into the native format,
//! with a reason for every entry that cannot be expressed.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::text::fold;

/// One dictionary entry that could not be expressed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub entry: String,
    pub category: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The native lexicon text.
    pub tsv: String,
    pub entries: usize,
    pub skipped: Vec<Skipped>,
}

/// Converts one dictionary pattern (LIWC or quanteda glob) into native cue syntax.
fn convert_pattern(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("empty entry".into());
    }
    if raw.contains(['(', ')', '<', '>', '[', ']', '{', '}', '|', '\\', '^', '$']) {
        return Err("regular-expression or LIWC grammar construct (not a word pattern)".into());
    }
    if raw.contains('?') {
        return Err("'?' (one-character wildcard) has no equivalent".into());
    }
    let mut words = Vec::new();
    for w in raw.split_whitespace() {
        let star_inside = w.trim_start_matches('*').trim_end_matches('*').contains('*');
        if star_inside {
            return Err("'*' inside a word has no equivalent (only at the start or end)".into());
        }
        if w == "*" {
            return Err("a lone '*' matches every word".into());
        }
        let glob = w.starts_with('*') || w.ends_with('*');
        let lower = w.to_lowercase();
        words.push(if glob { lower } else { format!("\"{lower}\"") });
    }
    Ok(words.join(" "))
}

fn pole_of(category: &str, poles: &[(String, f64)]) -> Option<f64> {
    poles
        .iter()
        .find(|(c, _)| c == category || category.starts_with(&format!("{c}.")))
        .map(|(_, p)| *p)
}

fn render_import(
    source: &str,
    cats: &[(String, Option<f64>)],
    entries: Vec<(String, String)>,
    mut skipped: Vec<Skipped>,
) -> Imported {
    let mut tsv = String::new();
    let _ = writeln!(tsv, "# Imported by `streekpact lexicon import` from {source}.");
    let _ = writeln!(
        tsv,
        "# Every entry has weight 1; plain words match exactly that form (as in the source)."
    );
    tsv.push_str("cue\tcategory\tweight\tnote\n");
    for (name, pole) in cats {
        if let Some(p) = pole {
            let _ = writeln!(
                tsv,
                "@category\t{}\t{p}\timported",
                name.replace(char::is_whitespace, "_")
            );
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut n = 0;
    for (pattern, category) in entries {
        let Some(pole) = cats.iter().find(|(c, _)| *c == category).and_then(|(_, p)| *p) else {
            skipped.push(Skipped {
                entry: pattern,
                category: category.clone(),
                reason: "its category has no --poles value".into(),
            });
            continue;
        };
        let _ = pole;
        match convert_pattern(&pattern) {
            Ok(cue) => {
                let key = fold(&cue);
                if let Some(first) = seen.get(&key) {
                    skipped.push(Skipped {
                        entry: pattern,
                        category: category.clone(),
                        reason: format!(
                            "already imported for category '{first}' (a cue counts for one category)"
                        ),
                    });
                    continue;
                }
                seen.insert(key, category.clone());
                let _ = writeln!(tsv, "{cue}\t{}\t1", category.replace(char::is_whitespace, "_"));
                n += 1;
            }
            Err(reason) => skipped.push(Skipped {
                entry: pattern,
                category,
                reason,
            }),
        }
    }
    if !skipped.is_empty() {
        let _ = writeln!(tsv, "# Not imported ({}):", skipped.len());
        for s in &skipped {
            let _ = writeln!(tsv, "#   {} [{}]: {}", s.entry, s.category, s.reason);
        }
    }
    Imported {
        tsv,
        entries: n,
        skipped,
    }
}

/// Imports a LIWC `.dic` dictionary: a `%`-delimited header of `id<TAB>name` lines,
/// then `entry<TAB>id id …` lines.
pub fn import_liwc(source: &str, text: &str, poles: &[(String, f64)]) -> Result<Imported, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let mut cats: Vec<(String, String)> = Vec::new(); // (id, name)
    let mut in_header = false;
    let mut header_done = false;
    for (i, line) in lines.by_ref() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t == "%" {
            if in_header {
                header_done = true;
                break;
            }
            in_header = true;
            continue;
        }
        if !in_header {
            return Err(format!(
                "{source}:{}: a LIWC dictionary starts with a '%' line",
                i + 1
            ));
        }
        let mut parts = t.split_whitespace();
        let (Some(id), Some(name)) = (parts.next(), parts.next()) else {
            return Err(format!(
                "{source}:{}: expected 'number<TAB>category' in the header",
                i + 1
            ));
        };
        cats.push((id.to_string(), name.to_string()));
    }
    if !header_done {
        return Err(format!(
            "{source}: the category header is not closed by a second '%' line"
        ));
    }
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in lines {
        let t = line.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        // The entry is everything before the first tab; LIWC multi-word entries contain spaces.
        let (entry, ids) = match t.split_once('\t') {
            Some((e, ids)) => (e.trim().to_string(), ids.to_string()),
            None => {
                let mut it = t.rsplitn(2, ' ');
                let ids = it.next().unwrap_or("").to_string();
                (it.next().unwrap_or("").trim().to_string(), ids)
            }
        };
        let ids: Vec<&str> = ids.split_whitespace().collect();
        if ids.is_empty() {
            skipped.push(Skipped {
                entry,
                category: String::new(),
                reason: format!("line {}: no category number", i + 1),
            });
            continue;
        }
        for id in ids {
            match cats.iter().find(|(cid, _)| cid == id) {
                Some((_, name)) => entries.push((entry.clone(), name.clone())),
                None => skipped.push(Skipped {
                    entry: entry.clone(),
                    category: id.to_string(),
                    reason: format!("line {}: category number {id} is not in the header", i + 1),
                }),
            }
        }
    }
    let cat_poles: Vec<(String, Option<f64>)> =
        cats.iter().map(|(_, n)| (n.clone(), pole_of(n, poles))).collect();
    Ok(render_import(source, &cat_poles, entries, skipped))
}

/// Imports a quanteda-style YAML dictionary: keys (nested keys joined with '.') with
/// lists of glob patterns.
pub fn import_yaml(source: &str, text: &str, poles: &[(String, f64)]) -> Result<Imported, String> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("{source}: not valid YAML: {e}"))?;
    let Some(root) = docs.first() else {
        return Err(format!("{source}: empty YAML document"));
    };
    let mut cats: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    fn walk(
        node: &Yaml,
        path: &str,
        cats: &mut Vec<String>,
        entries: &mut Vec<(String, String)>,
        skipped: &mut Vec<Skipped>,
    ) {
        match node {
            Yaml::Hash(h) => {
                for (k, v) in h {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        other => format!("{other:?}"),
                    };
                    let p = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(v, &p, cats, entries, skipped);
                }
            }
            Yaml::Array(items) => {
                if !cats.contains(&path.to_string()) {
                    cats.push(path.to_string());
                }
                for it in items {
                    match it {
                        Yaml::String(s) => entries.push((s.clone(), path.to_string())),
                        Yaml::Integer(i) => entries.push((i.to_string(), path.to_string())),
                        other => skipped.push(Skipped {
                            entry: format!("{other:?}"),
                            category: path.to_string(),
                            reason: "not a pattern string".into(),
                        }),
                    }
                }
            }
            Yaml::String(s) => {
                if !cats.contains(&path.to_string()) {
                    cats.push(path.to_string());
                }
                entries.push((s.clone(), path.to_string()));
            }
            other => skipped.push(Skipped {
                entry: format!("{other:?}"),
                category: path.to_string(),
                reason: "neither a key, a list nor a pattern".into(),
            }),
        }
    }
    walk(root, "", &mut cats, &mut entries, &mut skipped);
    let cat_poles: Vec<(String, Option<f64>)> = cats.iter().map(|c| (c.clone(), pole_of(c, poles))).collect();
    Ok(render_import(source, &cat_poles, entries, skipped))
}

/// Parses `--poles overleg=-1,project=1`.
pub fn parse_poles(s: &str) -> Result<Vec<(String, f64)>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| format!("--poles '{p}': expected CATEGORY=VALUE"))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| format!("--poles '{p}': '{v}' is not a number"))?;
            if !(-1.0..=1.0).contains(&v) {
                return Err(format!("--poles '{p}': the pole must lie in [-1, 1]"));
            }
            Ok((k.trim().to_string(), v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    #[test]
    fn dictionary_patterns_convert_or_say_why_not() {
        assert_eq!(convert_pattern("overleg*").unwrap(), "overleg*");
        assert_eq!(convert_pattern("Advies").unwrap(), "\"advies\"");
        assert_eq!(convert_pattern("in overleg").unwrap(), "\"in\" \"overleg\"");
        assert_eq!(convert_pattern("*project").unwrap(), "*project");
        assert!(convert_pattern("ov*er").unwrap_err().contains("inside a word"));
        assert!(convert_pattern("like (02 134)").unwrap_err().contains("grammar"));
        assert!(convert_pattern("ove?leg").unwrap_err().contains("'?'"));
    }
    #[test]
    fn poles_parse() {
        assert_eq!(
            parse_poles("overleg=-1, project=1").unwrap(),
            [("overleg".to_string(), -1.0), ("project".to_string(), 1.0)]
        );
        assert!(parse_poles("x=2").is_err());
        assert!(parse_poles("x").is_err());
    }
    #[test]
    fn liwc_dictionary_imports_with_reasons_for_what_it_cannot() {
        let dic = "%\n1\toverleg\n2\tproject\n3\tanders\n%\noverleg*\t1\nin overleg met\t1\nproject\t2 3\nov*er\t1\nwat\t9\n";
        let imp = import_liwc("x.dic", dic, &parse_poles("overleg=-1,project=1").unwrap()).unwrap();
        assert_eq!(imp.entries, 3);
        assert!(imp.tsv.contains("@category\toverleg\t-1\timported"));
        assert!(imp.tsv.contains("\"in\" \"overleg\" \"met\"\toverleg\t1"));
        let reasons: Vec<&str> = imp.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(imp.skipped.len(), 3, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("no --poles value")));
        assert!(reasons.iter().any(|r| r.contains("inside a word")));
        assert!(reasons.iter().any(|r| r.contains("not in the header")));
        // The result is a valid native lexicon.
        Lexicon::parse("imported.tsv", &imp.tsv, false).unwrap();
    }
    #[test]
    fn yaml_dictionary_imports_nested_keys() {
        let yaml = "overleg:\n  - overleg*\n  - advies\nproject:\n  eigen:\n    - trekker*\n    - project?\n";
        let imp = import_yaml("d.yml", yaml, &parse_poles("overleg=-1,project=1").unwrap()).unwrap();
        assert!(imp.tsv.contains("@category\tproject.eigen\t1"));
        assert!(imp.tsv.contains("trekker*\tproject.eigen\t1"));
        assert_eq!(imp.entries, 3);
        assert_eq!(imp.skipped.len(), 1);
        Lexicon::parse("imported.tsv", &imp.tsv, false).unwrap();
    }
}
