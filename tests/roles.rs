//! Role statements against the blind role-sentence gold set (tests/fixtures/roles):
//! per unit, who acts (agent), which pole the role content has, and whether it
//! counts as evidence of the RESOC's own present role. Each unit is scored as a small
//! pact (its RESOC in the title, its context before it) by the real binary: the
//! development part (dev.csv) and the held-out parts (heldout-b.csv, heldout-c.csv,
//! heldout-d.csv, heldout-e.csv, heldout-f.csv, heldout-g.csv, heldout-h.csv, heldout-i.csv, heldout-j.csv, heldout-k.csv, heldout-l.csv), each against floors below the figures measured when it was first
//! scored.
//!
//! `cargo test --test roles -- --nocapture` prints the figures; `STREEKPACT_BIN=path`
//! evaluates another build of the binary the same way (the reader at an earlier
//! commit, for a before/after comparison), and `ROLES_GOLD=path` another gold file.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone)]
struct Gold {
    id: String,
    style: String,
    agent: String,
    pole: String,
    counts: String,
}

/// What the reader says about one unit.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    agent: String,
    pole: String,
    counts: String,
}

/// Scores every unit of `gold` and reads the matches of each unit's own line(s).
fn read_units(gold: &Path, reader: Option<&str>) -> Vec<(Gold, Reading)> {
    let mut r = csv::Reader::from_path(gold).unwrap();
    let rows: Vec<BTreeMap<String, String>> = r.deserialize().map(|x| x.unwrap()).collect();
    let dir = tempfile::tempdir().unwrap();
    let pacts = dir.path().join("units");
    std::fs::create_dir(&pacts).unwrap();
    let mut unit_line = BTreeMap::new();
    for row in &rows {
        let (context, unit) = (row["context"].trim(), row["unit"].trim());
        let mut doc = format!("# Streekpact {}\n\n", row["resoc"]);
        if !context.is_empty() {
            doc.push_str(context);
            // A list item follows its lead-in directly, and a table row the header rows
            // of its table; anything else is a paragraph.
            // (with or without outer pipes: "| a | b |" or "a | b" under "--- | ---").
            let in_table = unit.contains('|')
                && context.lines().last().is_some_and(|l| {
                    let l = l.trim();
                    l.starts_with('|')
                        || (l.contains(['|']) && l.contains('-') && l.chars().all(|c| "|-: ".contains(c)))
                });
            doc.push_str(
                if (unit.starts_with("- ") && context.ends_with(':')) || in_table {
                    "\n"
                } else {
                    "\n\n"
                },
            );
        }
        unit_line.insert(format!("{}.md", row["id"]), doc.lines().count() + 1);
        doc.push_str(unit);
        doc.push('\n');
        std::fs::write(pacts.join(format!("{}.md", row["id"])), doc).unwrap();
    }
    let out = dir.path().join("out");
    let mut cmd = match std::env::var_os("STREEKPACT_BIN") {
        Some(bin) => assert_cmd::Command::new(bin),
        None => common::streekpact(),
    };
    cmd.args(common::SCORE_MATCHES_ONLY).arg(&out);
    // `tree-everywhere` parses every unit, so that each has a main clause
    // (`ROLES_READER` chooses the reader of a run by hand).
    let reader = std::env::var("ROLES_READER").ok().or(reader.map(String::from));
    if let Some(reader) = reader {
        cmd.arg("--reader").arg(reader);
    }
    let status = cmd.arg(&pacts).output().unwrap().status;
    assert!(status.code().is_some_and(|c| c <= 1), "{status:?}");
    let file_name = |path: &str| {
        Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    // The RESOC each small pact is about, as the reader resolved it from the title.
    let passage_resoc: BTreeMap<String, String> = common::csv_rows(&out.join("sections.csv"))
        .into_iter()
        .map(|s| (file_name(&s["file"]), s["resoc"].clone()))
        .collect();
    let mut matches = common::csv_rows(&out.join("matches.csv"));
    // A match the reader attributes to another RESOC than the passage's (a unit naming
    // RESOC Limburg in a pact of RESOC Kempen is about RESOC Limburg, docs/method.md) or
    // to nobody (a merger) is no evidence of the passage's RESOC: for the coder's
    // question — the role of the RESOC the passage is about — its agent is another
    // actor (or none) and it does not count.
    for m in &mut matches {
        let own = passage_resoc
            .get(&file_name(&m["file"]))
            .cloned()
            .unwrap_or_default();
        if m["resoc"] != own {
            let agent = if m["resoc"].is_empty() {
                "none".to_string()
            } else {
                format!("other:{}", m["resoc"])
            };
            m.insert("agent".into(), agent);
            m.insert("contribution".into(), "0".into());
        }
    }
    // Who acts in the main clause of each parsed unit (a reader without clauses.csv
    // has none): the agent of a unit in which no cue matched.
    let clauses = out.join("clauses.csv");
    let mut main_agent: BTreeMap<String, String> = BTreeMap::new();
    if clauses.exists() {
        for c in common::csv_rows(&clauses) {
            let file = file_name(&c["file"]);
            let line: usize = c["line"].parse().unwrap();
            if line == unit_line[&file] {
                let own = passage_resoc.get(&file).cloned().unwrap_or_default();
                let agent = c["agent"].split(':').next().unwrap_or("").to_string();
                // Another RESOC than the passage's acting is another actor.
                let agent = if agent == "resoc" && c["resoc"] != own {
                    if c["resoc"].is_empty() { "none" } else { "other" }.to_string()
                } else {
                    agent
                };
                main_agent.insert(file, agent);
            }
        }
    }
    let mut by_file: BTreeMap<String, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
    for m in &matches {
        let file = file_name(&m["file"]);
        let line: usize = m["line"].parse().unwrap();
        if line >= unit_line[&file] {
            by_file.entry(file).or_default().push(m);
        }
    }
    rows.iter()
        .map(|row| {
            let file = format!("{}.md", row["id"]);
            let found = by_file.get(&file).cloned().unwrap_or_default();
            let gold = Gold {
                id: row["id"].clone(),
                style: row["style"].clone(),
                agent: row["agent"].clone(),
                pole: row["pole"].clone(),
                counts: row["counts"].clone(),
            };
            let mut read = reading(&found);
            if found.is_empty() {
                if let Some(agent) = main_agent.get(&file) {
                    read.agent = agent.clone();
                }
            }
            (gold, read)
        })
        .collect()
}

fn number(s: &str) -> f64 {
    s.parse().unwrap_or(0.0)
}

/// The pole with the most `weight` (a column) among `set`: `none` without any.
fn pole_of<'a>(set: impl Iterator<Item = &'a BTreeMap<String, String>>, weight: &str) -> &'static str {
    let (mut o, mut p) = (0.0, 0.0);
    for m in set {
        let pole = number(&m["pole"]);
        let w = number(&m[weight]) * pole.abs();
        if pole < 0.0 {
            o += w
        } else if pole > 0.0 {
            p += w
        }
    }
    if o == 0.0 && p == 0.0 {
        "none"
    } else if o >= p {
        "overleg"
    } else {
        "project"
    }
}

/// The unit's reading from its matches: it counts when a match contributes; its pole
/// is the pole with the most (contributing, else lexicon) weight; its agent that of
/// its strongest (contributing, else any) match (`none` without a match).
fn reading(found: &[&BTreeMap<String, String>]) -> Reading {
    let real: Vec<&BTreeMap<String, String>> = found
        .iter()
        .copied()
        .filter(|m| !m["modifiers"].contains("not_a_role"))
        .collect();
    // A role word the reader itself reads as the object of an overleg or support
    // predicate ("volgt de projectoproepen op", "ondersteunt de campagne") is that
    // predicate's role content, not its own, and one it reads as part of a name ("het
    // Netwerk Ondernemen Mechelen") no role content at all, nor one it reads as the
    // subject a clause is about ("Het project kost 180.000 euro"), nor a word in a
    // navigation line or a field that states no role ("Timing: …"): none names the
    // unit's pole.
    let own_content: Vec<&BTreeMap<String, String>> = real
        .iter()
        .copied()
        .filter(|m| {
            let mods = &m["modifiers"];
            !mods.contains("object_of_overleg")
                && !mods.contains("object_of_support")
                && !mods.contains("name:")
                && !mods.contains("not_a_particle")
                && !mods.contains("topic_subject")
                && !mods.contains("navigation")
                && !mods.contains("field_label")
        })
        .collect();
    let contributing: Vec<&BTreeMap<String, String>> = real
        .iter()
        .copied()
        // Past and backward de-emphasis keep 0.3 of a cue's weight: weaker evidence of
        // a role that is no longer, or not mainly, the RESOC's. A unit counts as
        // evidence of its present role when a match keeps more than that.
        .filter(|m| {
            number(&m["contribution"]) > 0.3 * number(&m["base_weight"]) * number(&m["pole"]).abs() + 1e-9
        })
        .collect();
    // When nothing counts, the content the unit affirms names its pole, as the coders
    // do: "voert zelf geen projecten uit, maar stelt zijn expertise ter beschikking" is
    // support (none); only negated content names it when nothing is affirmed.
    let affirmed: Vec<&BTreeMap<String, String>> = own_content
        .iter()
        .copied()
        .filter(|m| m["negated"] != "true")
        .collect();
    let unit_content = if affirmed.is_empty() {
        &own_content
    } else {
        &affirmed
    };
    let pole = if contributing.is_empty() {
        pole_of(unit_content.iter().copied(), "base_weight")
    } else {
        pole_of(contributing.iter().copied(), "contribution")
    };
    // The first of the strongest matches: of those that count, when any does (the
    // unit's main role statement is the one that counts), else of all.
    let candidates = if contributing.is_empty() {
        &real
    } else {
        &contributing
    };
    let strongest = candidates
        .iter()
        .copied()
        .fold(None, |best: Option<&BTreeMap<String, String>>, m| match best {
            Some(b) if number(&b["base_weight"]) >= number(&m["base_weight"]) => Some(b),
            _ => Some(m),
        });
    let agent = match strongest {
        None => "none".to_string(),
        Some(m) => match m.get("agent") {
            Some(a) => a.split(':').next().unwrap_or("").to_string(),
            // A reader without the agent column: a counted match is the RESOC's; else
            // its actor, where `unknown` counted as the RESOC, and a topic heading is
            // nobody's statement.
            None if !contributing.is_empty() => "resoc".to_string(),
            None if m["modifiers"].contains("topic_heading") => "none".to_string(),
            None if m["actor"].starts_with("other") => "other".to_string(),
            None => "resoc".to_string(),
        },
    };
    Reading {
        agent,
        pole: pole.to_string(),
        counts: if contributing.is_empty() { "no" } else { "yes" }.to_string(),
    }
}

#[derive(Debug)]
struct Figures {
    n: usize,
    agent_accuracy: f64,
    /// Agent accuracy over the units the coder gives role content (pole overleg or
    /// project): who acts in a role statement, leaving out sentences with no role
    /// word, whose agent a reader of role statements does not read.
    role_agent_accuracy: f64,
    pole_macro_f1: f64,
    counts_f1: f64,
    counts_accuracy: f64,
}

fn f1(pairs: &[(&str, &str)], class: &str) -> f64 {
    let tp = pairs.iter().filter(|(g, p)| *g == class && *p == class).count() as f64;
    let fp = pairs.iter().filter(|(g, p)| *g != class && *p == class).count() as f64;
    let fn_ = pairs.iter().filter(|(g, p)| *g == class && *p != class).count() as f64;
    if tp == 0.0 {
        return 0.0;
    }
    2.0 * tp / (2.0 * tp + fp + fn_)
}

fn figures(units: &[(Gold, Reading)]) -> Figures {
    let n = units.len();
    let agree =
        |f: &dyn Fn(&(Gold, Reading)) -> bool| units.iter().filter(|u| f(u)).count() as f64 / n as f64;
    let poles: Vec<(&str, &str)> = units
        .iter()
        .map(|(g, r)| (g.pole.as_str(), r.pole.as_str()))
        .collect();
    let counts: Vec<(&str, &str)> = units
        .iter()
        .map(|(g, r)| (g.counts.as_str(), r.counts.as_str()))
        .collect();
    Figures {
        n,
        agent_accuracy: agree(&|(g, r)| g.agent == r.agent),
        role_agent_accuracy: {
            let roles: Vec<&(Gold, Reading)> = units.iter().filter(|(g, _)| g.pole != "none").collect();
            roles.iter().filter(|(g, r)| g.agent == r.agent).count() as f64 / roles.len().max(1) as f64
        },
        pole_macro_f1: ["overleg", "project", "none"]
            .iter()
            .map(|c| f1(&poles, c))
            .sum::<f64>()
            / 3.0,
        counts_f1: f1(&counts, "yes"),
        counts_accuracy: agree(&|(g, r)| g.counts == r.counts),
    }
}

fn print(name: &str, units: &[(Gold, Reading)]) -> Figures {
    let f = figures(units);
    println!(
        "{name}: n = {}, agent accuracy {:.3} (in role statements {:.3}), pole macro-F1 {:.3}, counts F1 {:.3}, counts accuracy {:.3}",
        f.n, f.agent_accuracy, f.role_agent_accuracy, f.pole_macro_f1, f.counts_f1, f.counts_accuracy
    );
    f
}

/// Scores `gold` (or `ROLES_GOLD`) and prints the figures, over all units and by style,
/// and with `ROLES_VERBOSE` every unit with a code read wrong.
fn score_and_print(gold: &str, reader: Option<&str>) -> Figures {
    let gold = std::env::var("ROLES_GOLD").unwrap_or_else(|_| gold.into());
    let units = read_units(Path::new(&gold), reader);
    let all = print("all", &units);
    for style in ["pact", "web", "news"] {
        let part: Vec<(Gold, Reading)> = units
            .iter()
            .filter(|(g, _)| g.style == style)
            .map(|(g, r)| (g.clone(), r.clone()))
            .collect();
        print(style, &part);
    }
    if std::env::var_os("ROLES_VERBOSE").is_some() {
        for (g, r) in &units {
            if g.agent != r.agent || g.counts != r.counts || g.pole != r.pole {
                println!(
                    "{} gold {}/{}/{} read {}/{}/{}",
                    g.id, g.agent, g.pole, g.counts, r.agent, r.pole, r.counts
                );
            }
        }
    }
    all
}

/// Whether the floors apply: the bundled binary on the bundled gold.
fn own_run() -> bool {
    std::env::var_os("STREEKPACT_BIN").is_none() && std::env::var_os("ROLES_GOLD").is_none()
}

/// Scores `gold` (or `ROLES_GOLD`) and prints the figures; on the bundled binary and
/// gold, checks that all `n` units were read and every figure is at or above its floor.
fn agrees_above_floors(gold: &str, n: usize, floors: [f64; 5]) {
    let all = score_and_print(gold, None);
    if own_run() {
        assert_eq!(all.n, n);
        assert_floors(&all, floors);
    }
}

/// [`agrees_above_floors`] with every unit parsed (`--reader tree-everywhere`): a unit
/// in which no cue matched takes its agent from its main clause (clauses.csv).
fn agrees_above_floors_reading_every_unit(gold: &str, n: usize, floors: [f64; 5]) {
    let all = score_and_print(gold, Some("tree-everywhere"));
    if own_run() {
        assert_eq!(all.n, n);
        assert_floors(&all, floors);
    }
}

/// Fails when a figure of `all` is below its floor (given in the order of [`Figures`]:
/// agent accuracy, agent accuracy in role statements, pole macro-F1, counts F1, counts
/// accuracy).
fn assert_floors(all: &Figures, floors: [f64; 5]) {
    let figures = [
        ("agent accuracy", all.agent_accuracy),
        ("agent accuracy in role statements", all.role_agent_accuracy),
        ("pole macro-F1", all.pole_macro_f1),
        ("counts F1", all.counts_f1),
        ("counts accuracy", all.counts_accuracy),
    ];
    for ((name, figure), floor) in figures.into_iter().zip(floors) {
        assert!(figure >= floor, "{name} {figure:.3} is below its floor {floor}");
    }
}

/// Measured on dev.csv (docs/method.md): the reader before issue 17 had agent accuracy
/// 0.650, pole macro-F1 0.704 and counts F1 0.660; floors sit below today's figures.
#[test]
fn role_statements_agree_with_the_dev_coding() {
    // Measured: agent 0.843 (0.835 in the 261 role statements), pole macro-F1
    // 0.841, counts F1 0.912, counts accuracy 0.930 (docs/method.md); floors leave
    // room for about ten units.
    agrees_above_floors(
        "tests/fixtures/roles/dev.csv",
        369,
        [0.80, 0.79, 0.78, 0.87, 0.89],
    );
}

/// dev.csv with every unit parsed: a unit in which no cue matched takes its agent from
/// its main clause. Measured (docs/method.md): agent 0.859 (0.916 in role statements),
/// against 0.835 (0.835) when only the units with a cue are parsed; pole and counts as
/// there.
#[test]
fn every_unit_of_the_dev_coding_has_its_agent_read() {
    agrees_above_floors_reading_every_unit(
        "tests/fixtures/roles/dev.csv",
        369,
        [0.82, 0.87, 0.78, 0.87, 0.89],
    );
}

/// The replacement held-out part (heldout-b.csv, 125 units by a second blind author),
/// scored once, unread, after the rules of issue 17 were written (docs/method.md): the
/// word-window reader (bf0e339) read agent 0.760, pole macro-F1 0.701, counts F1 0.762.
#[test]
fn role_statements_agree_with_the_heldout_coding() {
    // Measured when first scored: agent 0.832 (0.835 in role statements), pole
    // macro-F1 0.762, counts F1 0.835, counts accuracy 0.864; floors leave room for
    // about four units.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-b.csv",
        125,
        [0.80, 0.79, 0.72, 0.79, 0.83],
    );
}

/// The third held-out part (heldout-c.csv, 150 units by a third blind author), registered
/// at the start of session 5 (c9224e2) and scored once, unread (docs/method.md): the
/// word-window reader (bf0e339) read agent 0.627, pole macro-F1 0.677, counts F1 0.691.
#[test]
fn role_statements_agree_with_the_third_heldout_coding() {
    // Measured when first scored: agent 0.793 (0.817 in role statements), pole
    // macro-F1 0.755, counts F1 0.837, counts accuracy 0.860; floors leave room for
    // about five units.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-c.csv",
        150,
        [0.76, 0.78, 0.71, 0.79, 0.83],
    );
}

/// The fourth held-out part (heldout-d.csv, 150 units by a fourth blind author; table rows
/// come with their header rows), registered (a4f71d1) before the session-5 rules were
/// committed and scored once, unread, at b139b39 (docs/method.md): the word-window reader
/// (bf0e339) read agent 0.633, pole macro-F1 0.627, counts F1 0.678.
#[test]
fn role_statements_agree_with_the_fourth_heldout_coding() {
    // Measured when first scored: agent 0.733 (0.730 in role statements), pole
    // macro-F1 0.722, counts F1 0.771, counts accuracy 0.833; after the fix of rows
    // without any lexicon word (read afterwards, so not blind): 0.740 (0.742), 0.730,
    // 0.782, 0.840. Floors leave room for about five units below the first figures.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-d.csv",
        150,
        [0.70, 0.70, 0.69, 0.73, 0.80],
    );
}

/// The fifth held-out part (heldout-e.csv, 150 units by a fifth blind author, asked for a
/// few tables in other shapes too), registered (7416cc5) before the session-6 rules were
/// committed and scored once, unread, at 176f073 (docs/method.md): the word-window reader
/// (bf0e339) read agent 0.587, pole macro-F1 0.661, counts F1 0.611; the reader at the
/// start of session 6 (9bd5639) 0.613, 0.709, 0.667.
#[test]
fn role_statements_agree_with_the_fifth_heldout_coding() {
    // Measured when first scored: agent 0.627 (0.632 in role statements), pole
    // macro-F1 0.728, counts F1 0.693, counts accuracy 0.793. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-e.csv",
        150,
        [0.59, 0.59, 0.69, 0.65, 0.76],
    );
}

/// The sixth held-out part (heldout-f.csv, 150 units by a sixth blind author, whose brief
/// added two phenomena: nominal style and roles inside subordinate clauses), registered
/// (383c453) before the session-7 rules were committed and scored once, unread, at
/// d91e14e (docs/method.md): the reader at the start of session 7 (d2889b1) read agent
/// 0.693, pole macro-F1 0.701, counts F1 0.698; the word-window reader (bf0e339) 0.567,
/// 0.614, 0.605.
#[test]
fn role_statements_agree_with_the_sixth_heldout_coding() {
    // Measured when first scored: agent 0.727 (0.728 in role statements), pole
    // macro-F1 0.701, counts F1 0.746, counts accuracy 0.773. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-f.csv",
        150,
        [0.69, 0.69, 0.66, 0.70, 0.74],
    );
}

/// The seventh held-out part (heldout-g.csv, 150 units by a seventh blind author),
/// registered (0d1b73c) before the session-8 rules were committed and scored once,
/// unread, at 3c69377 (docs/method.md): the reader at the start of session 8 (75766f4)
/// read agent 0.740, pole macro-F1 0.752, counts F1 0.768.
#[test]
fn role_statements_agree_with_the_seventh_heldout_coding() {
    // Measured when first scored: agent 0.747 (0.781 in role statements), pole
    // macro-F1 0.787, counts F1 0.828, counts accuracy 0.853. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-g.csv",
        150,
        [0.71, 0.74, 0.75, 0.79, 0.82],
    );
}

/// The eighth held-out part (heldout-h.csv, 150 units by an eighth blind author),
/// registered (b7ebe52) before the last session-8 rules were committed and scored once,
/// unread, at 703fe17 (docs/method.md): the reader at the start of session 8 (75766f4)
/// read agent 0.693, pole macro-F1 0.738, counts F1 0.746; at 3c69377 0.707, 0.751, 0.773.
#[test]
fn role_statements_agree_with_the_eighth_heldout_coding() {
    // Measured when first scored: agent 0.713 (0.737 in role statements), pole
    // macro-F1 0.757, counts F1 0.783, counts accuracy 0.827. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-h.csv",
        150,
        [0.68, 0.70, 0.72, 0.75, 0.79],
    );
}

/// The ninth held-out part (heldout-i.csv, 150 units by a ninth blind author),
/// registered (f94c31c) before the last session-8 rules were committed and scored once,
/// unread, at 8ddc391 (docs/method.md): the reader at the start of session 8 (75766f4)
/// read agent 0.733, pole macro-F1 0.745, counts F1 0.797.
#[test]
fn role_statements_agree_with_the_ninth_heldout_coding() {
    // Measured when first scored: agent 0.760 (0.812 in role statements), pole
    // macro-F1 0.776, counts F1 0.833, counts accuracy 0.867. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-i.csv",
        150,
        [0.72, 0.77, 0.74, 0.80, 0.83],
    );
}

/// The tenth held-out part (heldout-j.csv, 150 units by a tenth blind author),
/// registered (f6f7934) before the session-9 rules were committed and scored once,
/// unread, with them (64e27a1; docs/method.md): the reader at the start of session 9
/// (7072f21) read agent 0.793, pole macro-F1 0.758, counts F1 0.877.
#[test]
fn role_statements_agree_with_the_tenth_heldout_coding() {
    // Measured when first scored: agent 0.800 (0.891 in role statements), pole
    // macro-F1 0.758, counts F1 0.885, counts accuracy 0.900. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-j.csv",
        150,
        [0.75, 0.84, 0.71, 0.83, 0.85],
    );
}

/// heldout-j with every unit parsed, scored once, unread, at 64e27a1: agent 0.873
/// (0.946 in role statements), pole and counts as with the default reader.
#[test]
fn every_unit_of_the_tenth_heldout_coding_has_its_agent_read() {
    agrees_above_floors_reading_every_unit(
        "tests/fixtures/roles/heldout-j.csv",
        150,
        [0.82, 0.89, 0.71, 0.83, 0.85],
    );
}

/// The eleventh held-out part (heldout-k.csv, 150 units by an eleventh blind author),
/// registered (c1cda33) before the second rules of session 9 were committed and scored
/// once, unread, at 450564e (docs/method.md): the reader at the start of session 9
/// (7072f21) read the same with the default reader.
#[test]
fn role_statements_agree_with_the_eleventh_heldout_coding() {
    // Measured when first scored: agent 0.780 (0.833 in role statements), pole
    // macro-F1 0.741, counts F1 0.816, counts accuracy 0.847. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-k.csv",
        150,
        [0.73, 0.78, 0.69, 0.76, 0.80],
    );
}

/// heldout-k with every unit parsed, scored once, unread, at 450564e: agent 0.813
/// (0.875 in role statements), pole macro-F1 0.749, counts F1 0.810, counts accuracy
/// 0.840.
#[test]
fn every_unit_of_the_eleventh_heldout_coding_has_its_agent_read() {
    agrees_above_floors_reading_every_unit(
        "tests/fixtures/roles/heldout-k.csv",
        150,
        [0.76, 0.82, 0.70, 0.76, 0.79],
    );
}

/// The twelfth held-out part (heldout-l.csv, 150 units by a twelfth blind author),
/// registered (7f37075) before the third rules of session 9 were committed and scored
/// once, unread, at cf36cad (docs/method.md): the reader at the start of session 9
/// (7072f21) read agent 0.727, pole macro-F1 0.782, counts F1 0.793.
#[test]
fn role_statements_agree_with_the_twelfth_heldout_coding() {
    // Measured when first scored: agent 0.767 (0.786 in role statements), pole
    // macro-F1 0.815, counts F1 0.828, counts accuracy 0.867. Floors leave room for
    // about five units below.
    agrees_above_floors(
        "tests/fixtures/roles/heldout-l.csv",
        150,
        [0.72, 0.74, 0.77, 0.78, 0.82],
    );
}

/// heldout-l with every unit parsed, scored once, unread, at cf36cad: agent 0.827
/// (0.837 in role statements), pole macro-F1 0.815, counts F1 0.821, counts accuracy
/// 0.860.
#[test]
fn every_unit_of_the_twelfth_heldout_coding_has_its_agent_read() {
    agrees_above_floors_reading_every_unit(
        "tests/fixtures/roles/heldout-l.csv",
        150,
        [0.78, 0.79, 0.77, 0.77, 0.81],
    );
}
