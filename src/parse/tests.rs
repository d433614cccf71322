//! The embedded model loads and parses; the tree's words are the unit's tokens and
//! punctuation marks, with exact offsets.

use super::*;
use crate::analyze::Analyzer;
use crate::segment::{Unit, UnitKind};

fn tree_of(text: &str) -> (Vec<Token>, Result<Tree, ParseError>) {
    let unit = Unit {
        text: text.to_string(),
        line: 1,
        kind: UnitKind::Sentence,
        marks: vec![],
        lead: None,
        table: None,
    };
    let tokens = Analyzer::new().tokenize_unit(&unit);
    let tree = parse_unit(text, &tokens, &[]);
    (tokens, tree)
}

/// The example of models/EVALUATION.md: the known tree of the committed model.
#[test]
fn the_embedded_model_parses_a_sentence_into_its_known_tree() {
    let text = "Het RESOC brengt de sociale partners samen en neemt de trekkersrol op.";
    let (tokens, tree) = tree_of(text);
    let tree = tree.unwrap();
    let span = |w: &TreeWord| text[w.start as usize..w.end as usize].to_string();
    let row = |w: &TreeWord| {
        (
            span(w),
            w.upos.clone(),
            w.head.map(|h| span(&tree.words[h as usize])),
            w.deprel.clone(),
        )
    };
    let r = |a: &str, b: &str, c: Option<&str>, d: &str| {
        (a.to_string(), b.to_string(), c.map(str::to_string), d.to_string())
    };
    let rows: Vec<_> = tree.words.iter().map(row).collect();
    assert_eq!(rows[1], r("RESOC", "NOUN", Some("brengt"), "nsubj"));
    assert_eq!(rows[2], r("brengt", "VERB", None, "root"));
    assert_eq!(rows[8], r("neemt", "VERB", Some("brengt"), "conj"));
    assert_eq!(rows[10], r("trekkersrol", "NOUN", Some("neemt"), "obj"));
    assert_eq!(rows[11], r("op", "ADP", Some("neemt"), "compound:prt"));
    assert_eq!(rows[12], r(".", "PUNCT", Some("brengt"), "punct"));
    // Word tokens keep their index; the full stop is not one of them.
    assert_eq!(tokens.len(), 12);
    assert_eq!(tree.words.len(), 13);
    assert_eq!(tree.word_of_token(10), Some(10));
    assert_eq!(tree.words[12].token, None);
    assert_eq!(tree.words[2].lemma, "brengen");
    assert!(tree.has_feature(2, "Tense=Pres"));
    assert_eq!(tree.relation(1), "nsubj");
    assert_eq!(tree.subtree(10), vec![9, 10]);
}

/// Forms laid end to end, each ended by a NUL, as the shim reads them.
fn forms(words: &[&str]) -> Vec<u8> {
    words.iter().flat_map(|w| w.bytes().chain([0])).collect()
}

#[test]
fn the_embedded_model_loads_in_parts() {
    let ends = Model::tagger_ends(MODEL_BYTES);
    assert_eq!(
        ends, EMBEDDED_TAGGER_ENDS,
        "the model was trained anew: set EMBEDDED_TAGGER_ENDS to these offsets"
    );
    let whole = Model::load(MODEL_BYTES, 1).unwrap();
    // The parts decoded on two threads make the same model as the sequential load.
    let parts = Model::load_in_parts(MODEL_BYTES, &ends, 2).expect("loads in parts");
    let sequential = unsafe { udpipe_sys::streekpact_udpipe_load(MODEL_BYTES.as_ptr(), MODEL_BYTES.len()) };
    assert!(!sequential.is_null());
    let sequential = Model(sequential);
    for sentence in [
        &["Het", "RESOC", "brengt", "de", "partners", "samen", "."][..],
        &["Projecten", "worden", "door", "de", "provincie", "getrokken", "."],
    ] {
        let f = forms(sentence);
        let expected = sequential.parse(&f, sentence.len()).unwrap();
        assert_eq!(parts.parse(&f, sentence.len()).unwrap(), expected);
        assert_eq!(whole.parse(&f, sentence.len()).unwrap(), expected);
    }
}

#[test]
fn offsets_that_do_not_fit_the_model_load_nothing_in_parts() {
    let [first, second] = EMBEDDED_TAGGER_ENDS;
    for ends in [
        [first + 1, second],
        [first, second - 1],
        [first, MODEL_BYTES.len() + 1],
        [second, first],
    ] {
        assert!(Model::load_in_parts(MODEL_BYTES, &ends, 2).is_none(), "{ends:?}");
    }
    // One tagger fewer than the model has, and bytes that end early.
    assert!(Model::load_in_parts(MODEL_BYTES, &[first], 2).is_none());
    assert!(Model::load_in_parts(&MODEL_BYTES[..second + 100], &EMBEDDED_TAGGER_ENDS, 1).is_none());
    assert!(Model::tagger_ends(&MODEL_BYTES[..100]).is_empty());
}

#[test]
fn punctuation_between_words_becomes_tokens_of_its_own() {
    let text = "Overleg, advies... en (vooral) projecten!";
    let (tokens, tree) = tree_of(text);
    let tree = tree.unwrap();
    let spans: Vec<&str> = tree
        .words
        .iter()
        .map(|w| &text[w.start as usize..w.end as usize])
        .collect();
    assert_eq!(
        spans,
        [
            "Overleg",
            ",",
            "advies",
            "...",
            "en",
            "(",
            "vooral",
            ")",
            "projecten",
            "!"
        ]
    );
    assert_eq!(
        tree.words.iter().filter(|w| w.token.is_some()).count(),
        tokens.len()
    );
}

#[test]
fn words_left_out_are_not_in_the_tree() {
    let text = "Het RESOC neemt geen trekkersrol op.";
    let unit = Unit {
        text: text.into(),
        line: 1,
        kind: UnitKind::Sentence,
        marks: vec![],
        lead: None,
        table: None,
    };
    let tokens = Analyzer::new().tokenize_unit(&unit);
    let mut leave_out = vec![false; tokens.len()];
    leave_out[3] = true;
    let tree = parse_unit(text, &tokens, &leave_out).unwrap();
    assert_eq!(tree.word_of_token(3), None);
    assert_eq!(tree.words.len(), 6);
    let trekkersrol = tree.word_of_token(4).unwrap();
    assert_eq!(tree.words[trekkersrol].deprel, "obj");
}

#[test]
fn units_the_parser_cannot_take_are_refused_not_parsed() {
    assert_eq!(tree_of("... !!! ---").1, Err(ParseError::NoWords));
    let long = "overleg ".repeat(5_000);
    assert_eq!(tree_of(&long).1, Err(ParseError::TooLong(5_000)));
    // Mixed scripts and a table row of 300 cells: parsed or refused, never a panic.
    let mixed = "Het RESOC 组织 協議 организует overleg مع الشركاء.";
    assert!(tree_of(mixed).1.is_ok());
    let row = format!("|{}", " cel |".repeat(300));
    assert!(matches!(tree_of(&row).1, Err(ParseError::TooLong(300))));
}

/// `PARSE_TEXT="…" cargo test --lib print_tree -- --ignored --nocapture` prints a tree.
#[test]
#[ignore]
fn print_tree() {
    let text = std::env::var("PARSE_TEXT").unwrap_or_default();
    let (_, tree) = tree_of(&text);
    for (i, w) in tree.unwrap().words.iter().enumerate() {
        println!(
            "{i}\t{}\t{}\t{}\t{}\t{:?}\t{}",
            &text[w.start as usize..w.end as usize],
            w.lemma,
            w.upos,
            w.feats,
            w.head,
            w.deprel
        );
    }
}
