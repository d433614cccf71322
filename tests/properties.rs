//! Invariants that must hold for any input.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use streekpact::analyze::{analyze_section, Analyzer};
use streekpact::lexicon::{ContextRules, Lexicon};
use streekpact::matching::match_section;
use streekpact::registry::Registry;
use streekpact::scoring::{unit_evidence, Totals};
use streekpact::segment::{segment_document, Unit, UnitKind};

fn evidence(text: &str) -> Totals {
    let lex = Lexicon::builtin();
    let ctx = ContextRules::builtin();
    let doc = segment_document("t.md", &format!("# RESOC Test\n\n{text}\n"), &Registry::builtin());
    let mut units = Vec::new();
    for s in &doc.sections {
        let a = analyze_section(s);
        for f in match_section(s, &a, &lex, &ctx) {
            units.push(unit_evidence(&f, &lex));
        }
    }
    Totals::of(&units)
}

/// Words for random role sentences: cues, actors and fillers, but no hedge,
/// emphasis or time words (whose windows an inserted word could shift).
const WORDS: &[&str] = &[
    "het",
    "RESOC",
    "organiseert",
    "overleg",
    "trekt",
    "projecten",
    "brengt",
    "partners",
    "samen",
    "voert",
    "uit",
    "de",
    "provincie",
    "adviseert",
    "financiert",
    "initiatieven",
    "neemt",
    "trekkersrol",
    "op",
    "een",
    "regio",
    "bedrijven",
    "en",
    "voor",
    "platform",
    "studiedag",
    "ondersteunt",
    "stelt",
    "pact",
];

const SUBJECTS: &[&str] = &[
    "Het RESOC",
    "De provincie",
    "Het",
    "Het comité",
    "De VDAB",
    "Wij",
    "De gemeenten",
];
/// (finite verb, object, particle).
const FRAMES: &[(&str, &str, &str)] = &[
    ("organiseert", "overleg", ""),
    ("brengt", "de partners", " samen"),
    ("neemt", "de trekkersrol", " op"),
    ("voert", "projecten", " uit"),
    ("adviseert", "de minister", ""),
    ("financiert", "initiatieven", ""),
    ("zet", "een studiedag", " op"),
    ("ondersteunt", "de bedrijven", ""),
    ("trekt", "een project", ""),
    ("stelt", "het pact", " op"),
];
const ADVERBIALS: &[&str] = &["", "in de regio ", "elk jaar ", "samen met de stad ", "vroeger "];
/// Subjects that point back or are coordinated with words that point back: their
/// antecedent search walks the tree and must always end.
const POINTING_SUBJECTS: &[&str] = &[
    "het scholen en deze haven",
    "deze partners en het RESOC",
    "dit orgaan en de provincie",
    "zij en deze regio",
    "het en het",
    "Het RESOC en dit comité",
    "de bedrijven, deze scholen en het",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn tokens_are_exactly_the_uax29_words(text in "\\PC{0,200}") {
        let unit = Unit { text: text.clone(), line: 1, kind: UnitKind::Sentence, marks: vec![], lead: None, table: None };
        let mut a = Analyzer::new();
        let got: Vec<(usize, &str)> = a
            .tokenize_unit(&unit)
            .iter()
            .map(|t| (t.start as usize, &text[t.start as usize..t.end as usize]))
            .collect();
        let want: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn fast_word_path_equals_uax29_on_dutch_like_text(
        text in "([a-zA-Z0-9]{1,9}|[éëïöüçÉ×÷ŁőſĳÆªº]|['.,;:!?()\\[\\]\"_/–-]|\u{0301}|\u{2002}| |  |\n|\t){0,60}"
    ) {
        let got = streekpact::analyze::word_indices(&text);
        let want: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn segmentation_never_panics_and_keeps_spans_in_bounds(text in "(\\PC|\n|\\*\\*|#|- |\\(|\\)){0,400}") {
        let doc = segment_document("x.md", &text, &Registry::builtin());
        let lines = text.lines().count().max(1);
        for s in &doc.sections {
            prop_assert!(s.line_start >= 1 && s.line_end <= lines.max(s.line_start));
            for u in &s.units {
                for m in &u.marks {
                    prop_assert!(m.start <= m.end && m.end <= u.text.len());
                    prop_assert!(u.text.is_char_boundary(m.start) && u.text.is_char_boundary(m.end));
                }
            }
        }
    }

    /// On sentences a parser can read (subject, verb, object, particle, adverbial,
    /// one to three clauses), negating the object of one clause never raises a pole:
    /// word salad would only measure how a statistical parser reacts to nonsense.
    #[test]
    fn a_negation_never_raises_a_pole(
        clauses in prop::collection::vec(
            (prop::sample::select(SUBJECTS), prop::sample::select(FRAMES), prop::sample::select(ADVERBIALS)),
            1..4,
        ),
        at in 0usize..3,
        trigger in prop::sample::select(&["niet", "geen", "nooit"][..]),
    ) {
        let sentence = |negated: Option<usize>| {
            clauses
                .iter()
                .enumerate()
                .map(|(i, (subject, (verb, object, particle), adverbial))| {
                    let neg = if negated == Some(i) { format!("{trigger} ") } else { String::new() };
                    format!("{subject} {verb} {adverbial}{neg}{object}{particle}")
                })
                .collect::<Vec<_>>()
                .join(", en ")
                + "."
        };
        let k = at % clauses.len();
        let (plain, negated) = (sentence(None), sentence(Some(k)));
        let (before, after) = (evidence(&plain), evidence(&negated));
        prop_assert!(after.overleg <= before.overleg + 1e-9, "{} -> {}: overleg {} -> {}", plain, negated, before.overleg, after.overleg);
        prop_assert!(after.project <= before.project + 1e-9, "{} -> {}: project {} -> {}", plain, negated, before.project, after.project);
    }


    /// Whatever points back to whatever in one sentence, every cue gets a finite,
    /// non-negative reading (a cycle of antecedents once overflowed the stack).
    #[test]
    fn pointing_back_subjects_always_get_a_reading(
        clauses in prop::collection::vec(
            (prop::sample::select(POINTING_SUBJECTS), prop::sample::select(FRAMES), prop::sample::select(ADVERBIALS)),
            1..4,
        ),
        lead in prop::sample::select(&["", "Daarnaast zijn ", "Verder "][..]),
    ) {
        let sentence = lead.to_string()
            + &clauses
                .iter()
                .map(|(subject, (verb, object, particle), adverbial)| format!("{subject} {verb} {adverbial}{object}{particle}"))
                .collect::<Vec<_>>()
                .join(", en ")
            + " met steun van het RESOC.";
        let totals = evidence(&sentence);
        prop_assert!(totals.overleg.is_finite() && totals.overleg >= 0.0, "{}", sentence);
        prop_assert!(totals.project.is_finite() && totals.project >= 0.0, "{}", sentence);
    }
}

const RESOCS: &[&str] = &["Kempen", "Leuven", "Westhoek", "Mechelen", "Meetjesland"];

proptest! {
    // Each case runs the binary twice; a few dozen random corpora are enough to meet
    // an order that depends on a hash seed or on which thread finished first.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Two processes (each with its own hash seeds), one with one worker thread and
    /// one with three, write byte-identical output folders for any corpus.
    #[test]
    fn runs_in_separate_processes_at_any_thread_count_write_the_same_bytes(
        docs in prop::collection::vec(
            (
                prop::sample::select(RESOCS),
                prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 3..14), 1..12),
            ),
            1..6,
        ),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let pacts = dir.path().join("pacts");
        std::fs::create_dir(&pacts).unwrap();
        for (i, (resoc, sentences)) in docs.iter().enumerate() {
            let mut text = format!("# Streekpact RESOC {resoc}\n\n");
            for (k, words) in sentences.iter().enumerate() {
                if k % 4 == 3 {
                    text.push_str(&format!("\n## Thema {k}\n\n"));
                }
                text.push_str(&words.join(" "));
                text.push_str(". ");
            }
            std::fs::write(pacts.join(format!("pact-{i}.md")), text).unwrap();
        }
        let run = |threads: &str| {
            // The same command line in a folder of its own (the manifest records it).
            let cwd = dir.path().join(format!("run-{threads}"));
            std::fs::create_dir(&cwd).unwrap();
            assert_cmd::cargo::cargo_bin_cmd!("streekpact")
                .current_dir(&cwd)
                .args(["score", "../pacts", "-q", "--replicates", "200", "--threads", threads, "-o", "out"])
                .assert()
                .success();
            let out = cwd.join("out");
            let mut files = std::collections::BTreeMap::new();
            for e in std::fs::read_dir(&out).unwrap() {
                let e = e.unwrap();
                files.insert(e.file_name(), std::fs::read(e.path()).unwrap());
            }
            files
        };
        let (one, three) = (run("1"), run("3"));
        prop_assert_eq!(one.keys().collect::<Vec<_>>(), three.keys().collect::<Vec<_>>());
        for (name, bytes) in &one {
            prop_assert!(bytes == &three[name], "{:?} differs between 1 and 3 threads", name);
        }
    }
}
