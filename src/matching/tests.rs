//! Tests of the matcher on small texts, through segmentation and analysis.

use super::*;
use crate::analyze::analyze_section;
use crate::lexicon::context::BUILTIN_CONTEXT;
use crate::registry::Registry;
use crate::segment::segment_document;

/// Cue matches of a one-paragraph text: (matched words, weight, negated).
fn run(text: &str) -> Vec<(String, f64, bool, String)> {
    let lex = Lexicon::builtin();
    let mut out = Vec::new();
    for f in findings_of(text, Reader::Tree) {
        for m in f.matches {
            let cat = &lex.category(lex.cues[m.cue as usize].category).name;
            out.push((
                m.matched.clone(),
                (m.weight * 1000.0).round() / 1000.0,
                m.negated,
                cat.clone(),
            ));
        }
    }
    out
}

/// Units without a cue word or a statement witness are not read; reading every
/// unit must give the same findings (on the bundled corpus and the validity pacts,
/// which have lead-ins without cues that hedge or negate their list items).
#[test]
fn units_without_a_witness_word_are_skipped_without_changing_a_finding() {
    let lex = Lexicon::builtin();
    let ctx = ContextRules::builtin();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["corpus", "tests/fixtures/validity/pacts"] {
        for e in std::fs::read_dir(dir).unwrap() {
            files.push(e.unwrap().path());
        }
    }
    files.sort();
    let mut texts: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    // Units that are read for what they are, not for a cue word: a statement
    // about the role, and lead-ins that hedge or negate the items of their list.
    texts.push((
        "crafted".into(),
        "# RESOC Test\n\nWelke rol het RESOC speelt, hangt af van het thema.\n\n\
         In uitzonderlijke gevallen zal het RESOC zelf:\n\n- een trekkersrol opnemen\n- projecten indienen\n\n\
         Het RESOC zal in geen geval:\n\n- projecten uitvoeren\n"
            .into(),
    ));
    let (mut units, mut skipped) = (0, 0);
    for (path, text) in texts {
        let doc = segment_document("t.md", &text, &Registry::builtin());
        for s in &doc.sections {
            let a = analyze_section(s);
            let fast = match_section(s, &a, &lex, &ctx);
            let cue: Vec<Vec<AtomId>> = a.analyzer.forms().iter().map(|f| lex.atoms.matching(f)).collect();
            let context: Vec<Vec<AtomId>> =
                a.analyzer.forms().iter().map(|f| ctx.atoms.matching(f)).collect();
            let all = vec![true; s.units.len()];
            let plan = Plan {
                needs_reading: &all,
                reader: Reader::Tree,
            };
            let full = match_units(s, &a, &lex, &ctx, &cue, &context, plan);
            assert_eq!(fast, full, "{path} section {}", s.index);
            units += s.units.len();
            skipped += fast.iter().filter(|f| f.matches.is_empty()).count();
        }
    }
    assert!(
        skipped * 3 > units,
        "most units have no cue: {skipped} of {units}"
    );
}

/// Whether a match's words are `word`, or hold it as one of theirs (a predicate–object
/// pair "organiseert … overleg" covers "overleg").
fn covers(matched: &str, word: &str) -> bool {
    matched == word || (!word.contains(' ') && matched.split_whitespace().any(|w| w == word))
}

/// The weight of the cue occurrence covering `word` (the one that is exactly `word`
/// first).
fn weight_of(text: &str, word: &str) -> f64 {
    let got = run(text);
    got.iter()
        .find(|(m, ..)| m == word)
        .or_else(|| got.iter().find(|(m, ..)| covers(m, word)))
        .unwrap_or_else(|| panic!("no match '{word}' in {got:?}"))
        .1
}

#[test]
fn negation_cancels_forward_within_the_clause() {
    assert_eq!(
        weight_of("Het RESOC neemt geen trekkersrol op.", "trekkersrol"),
        0.0
    );
    assert_eq!(
        weight_of("Het RESOC werkt zonder zelf initiatief te nemen.", "initiatief"),
        0.0
    );
    // The scope ends at "maar" and at a comma.
    assert_eq!(
        weight_of(
            "Het RESOC neemt geen trekkersrol op maar organiseert overleg.",
            "overleg"
        ),
        1.0
    );
    assert_eq!(
        weight_of(
            "Het RESOC trekt geen projecten, het organiseert overleg.",
            "overleg"
        ),
        1.0
    );
    // Verb-final "niet" reaches back.
    assert_eq!(
        weight_of("Het RESOC zal de projecten niet uitvoeren.", "projecten"),
        0.0
    );
}

/// A negation between the words of a phrase cue (verb-final word order) negates
/// the phrase; it must not break it and let the phrase's first word count alone.
#[test]
fn a_negation_inside_a_phrase_cue_negates_it() {
    let found = run("Men verwacht dat het RESOC initiatieven niet ondersteunt.");
    assert_eq!(
        found,
        [(
            "initiatieven … ondersteunt".to_string(),
            0.0,
            true,
            "ondersteuning".to_string()
        )]
    );
    let plain = run("Men verwacht dat het RESOC initiatieven ondersteunt.");
    assert_eq!(plain.len(), 1);
    assert_eq!(
        (plain[0].0.as_str(), plain[0].2),
        ("initiatieven ondersteunt", false)
    );
}

#[test]
fn pseudo_negation_does_not_negate() {
    assert_eq!(
        weight_of(
            "Het RESOC organiseert niet alleen overleg maar ook projecten.",
            "overleg"
        ),
        1.0
    );
    assert_eq!(
        weight_of(
            "Het RESOC organiseert niet alleen overleg maar ook projecten.",
            "projecten"
        ),
        1.0
    );
}

#[test]
fn backward_deemphasis_lowers_the_earlier_clause() {
    let w = weight_of(
        "Het RESOC zet projecten op rond leefbaarheid, maar beschouwt dit niet tot haar kernopdracht.",
        "projecten",
    );
    assert!((w - 0.3).abs() < 1e-9, "{w}");
}

#[test]
fn hedges_emphasis_and_typography() {
    assert_eq!(weight_of("Het RESOC kan projecten opzetten.", "projecten"), 0.5);
    assert_eq!(
        weight_of(
            "In uitzonderlijke gevallen neemt het RESOC initiatief.",
            "initiatief"
        ),
        0.3
    );
    assert_eq!(weight_of("Het RESOC organiseert vooral overleg.", "overleg"), 1.5);
    assert_eq!(
        weight_of("- **Nadruk op organiseren van overleg**", "overleg"),
        1.5
    );
    assert_eq!(weight_of("- (initiëren van projecten)", "initiëren"), 0.5);
}

#[test]
fn morphology_compounds_and_separable_verbs() {
    for (text, word, cat) in [
        ("Het RESOC overlegde met de partners.", "overlegde", "overleg"),
        (
            "De streek wordt geadviseerd door het RESOC.",
            "geadviseerd",
            "overleg",
        ),
        (
            "Het RESOC heeft het project geïnitieerd.",
            "geïnitieerd",
            "project",
        ),
        (
            "Het RESOC neemt de trekkersrol op.",
            "neemt … trekkersrol op",
            "project",
        ),
        ("Het RESOC is een overlegplatform.", "overlegplatform", "overleg"),
        (
            "Het RESOC lanceert een projectoproep.",
            "projectoproep",
            "project",
        ),
        (
            "Het RESOC zoekt financieringskanalen.",
            "financieringskanalen",
            "project",
        ),
        ("Het RESOC brengt de partners samen.", "brengt … samen", "overleg"),
        ("Het RESOC voert de projecten uit.", "voert … uit", "project"),
        ("Het RESOC stelt het pact op.", "stelt … op", "sturing"),
        ("Het RESOC gaat coordineren.", "coordineren", "partner"),
    ] {
        let got = run(text);
        assert!(
            got.iter().any(|(m, w, _, c)| m == word && c == cat && *w > 0.0),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn false_friends_and_names_count_nothing() {
    for text in [
        "De projectie van de bevolking daalt.",
        "De regio wil investeerders aantrekken.",
        "De streek trekt investeerders aan.",
        "De opvolger van het pact volgt later.",
        "Het Regionaal Sociaal-Economisch Overlegcomité werd opgericht.",
        "Streekoverleg Zuidrand vergadert maandelijks.",
        "De sociale partners zetelen in de raad.",
        // Succeeding someone in a function is no follow-up of actions.
        "Onze directeur volgt Jan Wouters op als voorzitter van het comité.",
    ] {
        let got: Vec<_> = run(text).into_iter().filter(|(_, w, ..)| *w > 0.0).collect();
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn other_actors_count_nothing_and_the_resoc_fully() {
    let got = run("De provincie voert de projecten uit, het RESOC brengt de partners samen.");
    let projects = got.iter().find(|(m, ..)| m == "voert … uit").unwrap();
    assert_eq!(projects.1, 0.0, "{got:?}");
    assert_eq!(got.iter().find(|(m, ..)| m == "brengt … samen").unwrap().1, 1.0);
    // A preposition keeps an actor from being the subject.
    assert_eq!(
        weight_of("Samen met de provincie organiseert het RESOC overleg.", "overleg"),
        1.0
    );
    assert_eq!(
        weight_of("Het RESOC organiseert overleg met de VDAB.", "overleg"),
        1.0
    );
    // An actor deep in the clause is an object, not the subject.
    assert_eq!(
        weight_of(
            "Het bundelt de vragen en bezorgt de minister een advies.",
            "advies"
        ),
        1.0
    );
    // The agent of a passive acts, wherever it stands.
    assert_eq!(
        weight_of(
            "De projecten worden uitgevoerd door de intercommunale.",
            "uitgevoerd"
        ),
        0.0
    );
    // A field line names the role holder in its value.
    assert_eq!(weight_of("Trekker: VDAB", "Trekker"), 0.0);
    assert_eq!(weight_of("Trekker: het RESOC", "Trekker"), 1.0);
}

#[test]
fn past_roles_weigh_less_than_present_ones() {
    assert_eq!(
        weight_of("Vroeger organiseerde het RESOC zelf projecten.", "projecten"),
        0.3
    );
    assert_eq!(
        weight_of("Voortaan brengt het RESOC de partners samen.", "brengt … samen"),
        1.0
    );
}

#[test]
fn lead_in_context_carries_over_to_list_items() {
    let got = run("Om de doelstellingen te realiseren, kan het RESOC diverse initiatieven nemen:\n\n- partners bijeenbrengen\n- financieringskanalen zoeken");
    let item = got.iter().find(|(m, ..)| m == "financieringskanalen").unwrap();
    assert_eq!(item.1, 0.5);
    let got = run("De provincie zal:\n\n- projecten uitvoeren");
    assert_eq!(got.iter().find(|(m, ..)| m == "projecten").unwrap().1, 0.0);
}

#[test]
fn meta_statements_need_a_role_word() {
    let lex = Lexicon::builtin();
    let ctx = ContextRules::builtin();
    let flags = |text: &str| {
        let doc = segment_document("t.md", &format!("# RESOC Test\n\n{text}\n"), &Registry::builtin());
        let s = &doc.sections[0];
        let a = analyze_section(s);
        let f = match_section(s, &a, &lex, &ctx);
        (
            f.iter().any(|u| u.theme_statement),
            f.iter().any(|u| u.unclear_statement),
        )
    };
    assert_eq!(flags("De rol hangt af van het thema."), (true, false));
    assert_eq!(flags("Het succes hangt af van de conjunctuur."), (false, false));
    assert_eq!(
        flags("Geen echte duidelijkheid over de rol van de RESOC."),
        (false, true)
    );
    assert_eq!(
        flags("Rol niet altijd duidelijk uit streekpact af te leiden."),
        (false, true)
    );
    assert_eq!(
        flags("De toekomst van de textiel is onduidelijk."),
        (false, false)
    );
}

/// A cue of weight 0 is recorded where it kept a cue with weight from counting, with
/// "not_a_role" as its reason, and nowhere else.
#[test]
fn a_blocker_is_recorded_only_where_it_kept_a_cue_from_counting() {
    let lex = Lexicon::parse(
        "t.tsv",
        "cue\tcategory\tweight\n@category\toverleg\t-1\n@category\tgeen_rol\t0\n\
         overleg*\toverleg\t1\noverlegcomite*\tgeen_rol\t0\nNetwerk Meetjesland\tgeen_rol\t0\n",
        false,
    )
    .unwrap();
    let ctx = ContextRules::builtin();
    let text = "# RESOC Test\n\nHet Overlegcomité en het Netwerk Meetjesland organiseren overleg.\n";
    let doc = segment_document("t.md", text, &Registry::builtin());
    let mut found = Vec::new();
    for s in &doc.sections {
        let a = analyze_section(s);
        for f in match_section(s, &a, &lex, &ctx) {
            for m in f.matches {
                let kinds: Vec<&str> = m.modifiers.iter().map(|x| x.kind).collect();
                found.push((lex.cues[m.cue as usize].text.clone(), m.weight, kinds));
            }
        }
    }
    assert_eq!(
        found,
        vec![
            ("overlegcomite*".to_string(), 0.0, vec![NOT_A_ROLE]),
            ("overleg*".to_string(), 1.0, vec![]),
        ],
        "'Netwerk Meetjesland' hides no cue, so it is not listed"
    );
}

/// Cue matches with the kinds of their modifiers: (matched words, weight, kinds).
fn run_with_reasons(text: &str) -> Vec<(String, f64, Vec<&'static str>)> {
    let mut out = Vec::new();
    for f in findings_of(text, Reader::Tree) {
        for m in f.matches {
            let kinds = m.modifiers.iter().map(|x| x.kind).collect();
            out.push((m.matched.clone(), (m.weight * 1000.0).round() / 1000.0, kinds));
        }
    }
    out
}

fn reading_of(text: &str, word: &str) -> (f64, Vec<&'static str>) {
    let got = run_with_reasons(text);
    got.iter()
        .find(|(m, ..)| m == word)
        .map(|(_, w, k)| (*w, k.clone()))
        .unwrap_or_else(|| panic!("no match '{word}' in {got:?}"))
}

#[test]
fn a_compound_means_what_its_head_means() {
    // sensibilisering* (overleg) and *campagne (project) both match; the head wins.
    let got = run("Het RESOC zet een sensibiliseringscampagne op.");
    assert!(
        got.iter()
            .any(|(m, _, _, c)| m == "sensibiliseringscampagne" && c == "project"),
        "{got:?}"
    );
    // A glob's own word is no compound: "overleg" stays with overleg*'s reading.
    assert_eq!(weight_of("Het RESOC organiseert overleg.", "overleg"), 1.0);
}

#[test]
fn a_light_verb_takes_the_pole_of_its_object() {
    // "organiseert een rondetafel": the object decides, the verb counts for nothing.
    let (w, kinds) = reading_of(
        "Het RESOC organiseert een rondetafel met de partners.",
        "organiseert",
    );
    assert_eq!((w, kinds), (0.0, vec!["light_verb"]));
    assert_eq!(
        weight_of(
            "Het RESOC organiseert een rondetafel met de partners.",
            "rondetafel"
        ),
        1.0
    );
    // "organiseert het overleg" is a pair of the lexicon: one cue, of overleg.
    assert_eq!(
        run("Het RESOC organiseert het overleg tussen de partners.")
            .into_iter()
            .map(|(m, w, _, c)| (m, w, c))
            .collect::<Vec<_>>(),
        [("organiseert … overleg".to_string(), 1.0, "overleg".to_string())]
    );
    // "het organiseren van een rondetafel": the object as a "van" phrase.
    assert_eq!(
        reading_of(
            "Rol RESOC: organiseren van een rondetafel met de werkgevers.",
            "organiseren"
        )
        .0,
        0.0
    );
    // An object that is no role word: the verb's own pole counts.
    assert_eq!(
        weight_of("Het RESOC organiseert elk jaar de Kustjobdag.", "organiseert"),
        0.8
    );
}

#[test]
fn a_role_word_in_a_name_is_no_role() {
    let (w, kinds) = reading_of(
        "Het RESOC maakt deel uit van het Netwerk Ondernemen Mechelen.",
        "Netwerk",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"name"), "{kinds:?}");
    // At the start of a sentence a capital is no name.
    assert!(
        weight_of(
            "Netwerking met de partners is de kern van het RESOC.",
            "Netwerking"
        ) > 0.0
    );
}

#[test]
fn a_role_word_as_the_subject_is_a_topic_or_another_body() {
    // The project is what the sentence is about; nobody acts.
    let (w, kinds) = reading_of(
        "Het RESOC steunt de school. Het project kost 180.000 euro.",
        "project",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"no_agent"), "{kinds:?}");
    // A network that organises is another body.
    let (w, kinds) = reading_of(
        "Het netwerk organiseert elk voorjaar een ondernemersdag.",
        "organiseert",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"actor"), "{kinds:?}");
}

#[test]
fn a_pronoun_points_back_to_the_subject_of_its_own_sentence_first() {
    // "het" is the burgemeestersoverleg, not the RESOC of the section.
    let (w, kinds) = reading_of(
        "Het burgemeestersoverleg is geen praatcafé: het trekt zelf een aantal projecten.",
        "trekt … projecten",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"actor"), "{kinds:?}");
}

#[test]
fn an_infinitive_list_item_continues_its_lead_in() {
    // The parser reads "de zorgactoren" as the item's subject; it is its object, and
    // the RESOC of the lead-in acts.
    assert_eq!(
        weight_of(
            "Concreet zal het RESOC in dit domein:\n\n- de zorgactoren op regelmatige basis samenbrengen in een zorgplatform;",
            "samenbrengen"
        ),
        1.0
    );
}

#[test]
fn a_split_verb_beyond_the_word_window_counts_when_the_tree_confirms_it() {
    let text =
        "Het RESOC brengt de scholen, de sectorfondsen, de VDAB en de werkgevers twee keer per jaar samen.";
    assert_eq!(weight_of(text, "brengt … samen"), 1.0);
    // Another verb between the parts: "samen" is not brengt's ("… een beurs houden
    // samen met de VDAB").
    let got = run("Het RESOC brengt de scholen die elk jaar met de bedrijven en de werkgevers van de hele streek een beurs houden samen met de VDAB.");
    assert!(got.iter().all(|(m, ..)| m != "brengt … samen"), "{got:?}");
}

#[test]
fn a_secondary_activity_is_de_emphasised() {
    let (w, _) = reading_of(
        "Het RESOC organiseert jaarlijks een studiedag, al is dat eerder een randactiviteit.",
        "organiseert … studiedag",
    );
    assert!(w < 1.0, "{w}");
}

#[test]
fn a_conjunct_pointing_back_to_its_own_coordination_does_not_loop() {
    // "deze haven" points back, its antecedent search finds "scholen", whose
    // conjunct is "deze haven" again: this once overflowed the stack.
    let got = run("Daarnaast zijn het scholen en deze haven nog altijd Europese met steun van het RESOC.");
    assert!(!got.is_empty(), "the unit still gets a reading");
}

/// The findings of a one-paragraph text in a RESOC's section, unit by unit.
fn findings_of(text: &str, reader: Reader) -> Vec<UnitFindings> {
    let lex = Lexicon::builtin();
    let ctx = ContextRules::builtin();
    let doc = segment_document("t.md", &format!("# RESOC Test\n\n{text}\n"), &Registry::builtin());
    let mut out = Vec::new();
    for s in &doc.sections {
        let a = analyze_section(s);
        out.extend(match_section_with(s, &a, &lex, &ctx, reader));
    }
    out
}

#[test]
fn a_sentence_with_no_word_for_the_resoc_counts_nothing_and_is_not_parsed() {
    // Another body's project, with "het" only as an article (after a preposition).
    let found = findings_of(
        "De kustgemeenten zetten elk hun eigen evenementen op rond het toerisme.",
        Reader::Tree,
    );
    let unit = found.iter().find(|f| !f.matches.is_empty()).expect("a cue");
    assert!(unit.without_reference && unit.parse.is_none(), "{unit:?}");
    for m in &unit.matches {
        assert_eq!(m.weight, 0.0, "{m:?}");
        assert_eq!(m.clause.relation, NO_REFERENCE);
        assert!(m.actor.agent().starts_with("other:"), "{m:?}");
    }
    // Whatever can stand for the RESOC sends the unit to the parser: a pronoun
    // subject, "het" after a verb, a possessive of a role, a label, a passive whose
    // agent is left unsaid.
    for text in [
        "Het zet elk jaar een jobbeurs op.",
        "Daarnaast zet het elk jaar een jobbeurs op.",
        "Zij organiseert het overleg tussen de partners.",
        "Haar rol is vooral overleg organiseren.",
        "Rol: trekker van het project.",
        "Elk jaar worden er projecten opgezet.",
    ] {
        let found = findings_of(text, Reader::Tree);
        let unit = found.iter().find(|f| !f.matches.is_empty()).expect("a cue");
        assert!(
            !unit.without_reference && unit.parse.is_some(),
            "{text}: {unit:?}"
        );
    }
    // The pronoun is the RESOC of the section: its statement counts.
    assert!(weight_of("Het zet elk jaar een jobbeurs op.", "jobbeurs") > 0.0);
}

/// The claim behind not parsing a sentence without a word for the RESOC: the tree
/// never finds the RESOC acting in one. Checked against a parse of every unit of the
/// bundled corpus and the validity pacts.
#[test]
fn the_tree_never_finds_the_resoc_where_no_word_stands_for_it() {
    let lex = Lexicon::builtin();
    let ctx = ContextRules::builtin();
    let (mut gated, mut checked) = (0, 0);
    for dir in ["corpus", "tests/fixtures/validity/pacts"] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = segment_document("t.md", &text, &Registry::builtin());
            for s in &doc.sections {
                let a = analyze_section(s);
                let tree = match_section_with(s, &a, &lex, &ctx, Reader::Tree);
                let everywhere = match_section_with(s, &a, &lex, &ctx, Reader::TreeEverywhere);
                for (u, (t, e)) in tree.iter().zip(&everywhere).enumerate() {
                    if !t.without_reference {
                        continue;
                    }
                    gated += 1;
                    for m in &e.matches {
                        checked += 1;
                        let by_tree = m.clause.relation != "lexical" && m.actor == Actor::Resoc;
                        assert!(
                            !by_tree,
                            "{} section {} unit {u}: {:?}",
                            path.display(),
                            s.index,
                            s.units[u].text
                        );
                    }
                }
            }
        }
    }
    assert!(gated > 20 && checked > 20, "{gated} units, {checked} cues");
}

#[test]
fn a_predicate_object_pair_counts_once_in_either_order_where_the_tree_shows_the_object() {
    let matched =
        |text: &str| -> Vec<(String, f64)> { run(text).into_iter().map(|(m, w, _, _)| (m, w)).collect() };
    // In the order of a separable verb: one pair, counted once.
    let got = matched("Het RESOC organiseert elk jaar een studiedag.");
    assert!(
        got.iter()
            .any(|(m, w)| m == "organiseert … studiedag" && *w > 0.0),
        "{got:?}"
    );
    assert!(!got.iter().any(|(m, _)| m == "studiedag"), "{got:?}");
    // The object before its predicate, in a relative clause the tree reads.
    let got = matched("De studiedag die het RESOC elk jaar organiseert, is een succes.");
    assert!(
        got.iter()
            .any(|(m, w)| m == "studiedag … organiseert" && *w > 0.0),
        "{got:?}"
    );
    // A word before the predicate that the tree does not make its object is read on
    // its own: the pair does not match it.
    let got = matched("Voor de studiedag van de scholen organiseert het RESOC een overleg.");
    assert!(!got.iter().any(|(m, _)| m.starts_with("studiedag …")), "{got:?}");
    assert!(got.iter().any(|(m, _)| m == "organiseert … overleg"), "{got:?}");
    // A pair names its own object: a role word after it is no light verb's object.
    let got = matched("Het RESOC organiseert het overleg in de streek en steunt daarnaast projecten.");
    assert!(
        got.iter().any(|(m, w)| m == "organiseert … overleg" && *w == 1.0),
        "{got:?}"
    );
}

#[test]
fn an_als_phrase_says_what_someone_is_never_who_acts() {
    // Fronted "Als …" is no subject, wherever the parser hangs its "als".
    let (w, kinds) = reading_of(
        "Als overlegplatform streeft het RESOC ernaar alle relevante actoren in de regio te betrekken.",
        "overlegplatform",
    );
    assert!(w > 0.0 && !kinds.contains(&"actor"), "{w} {kinds:?}");
    // After an object, it says what the object is: the RESOC, not the speaker.
    let (w, kinds) = reading_of(
        "De gedeputeerde prijst het RESOC als het forum bij uitstek voor het streekoverleg.",
        "streekoverleg",
    );
    assert!(w > 0.0 && !kinds.contains(&"actor"), "{w} {kinds:?}");
    // "ons" after "wij" is the subject itself, not an object the phrase describes.
    let (w, kinds) = reading_of(
        "\"Wij gaan ons concentreren op onze rol als overlegplatform,\" aldus de voorzitter.",
        "overlegplatform",
    );
    assert!(w > 0.0 && !kinds.contains(&"actor"), "{w} {kinds:?}");
}

#[test]
fn a_participle_sharing_a_passive_auxiliary_shares_its_agent() {
    // "uitgevoerd" shares "werden … door het RESOC": the projects undergo it.
    let text = "In 2014 werden drie ESF-projecten door het RESOC ingediend en uitgevoerd.";
    let (_, kinds) = reading_of(text, "uitgevoerd");
    assert!(!kinds.contains(&"actor"), "{kinds:?}");
    assert_eq!(
        agent_of(text, "uitgevoerd"),
        ("resoc".to_string(), "conj".to_string())
    );
}

/// The agent (as matches.csv shows it) and its relation for the match of `word`.
fn agent_of(text: &str, word: &str) -> (String, String) {
    findings_of(text, Reader::Tree)
        .iter()
        .flat_map(|f| f.matches.iter())
        .find(|m| m.matched == word)
        .map(|m| (m.actor.agent(), m.clause.relation.clone()))
        .unwrap_or_else(|| panic!("no match '{word}' in {text}"))
}

#[test]
fn the_resoc_that_convenes_a_meeting_is_its_agent() {
    // The subject is the participants; "op initiatief / op uitnodiging van het RESOC"
    // says who brought them together. "op initiatief van" itself is no project.
    let text = "Op initiatief van het RESOC zaten werkgevers, vakbonden en scholen samen in het stadhuis.";
    assert_eq!(
        agent_of(text, "zaten … samen"),
        ("resoc".to_string(), "initiator".to_string())
    );
    let (w, kinds) = reading_of(text, "Op initiatief van");
    assert_eq!((w, kinds), (0.0, vec![NOT_A_ROLE]));
    // Another convener leaves the participants as the agent.
    let text = "Op initiatief van de provincie zaten werkgevers en vakbonden samen in het stadhuis.";
    assert!(agent_of(text, "zaten … samen").0.starts_with("other:"));
    // Only in the clause the phrase belongs to: not in a relative clause beside it.
    let text = "Het comité, dat werd opgericht op uitnodiging van het RESOC, brengt de werkgevers samen.";
    assert_ne!(agent_of(text, "brengt … samen").1, "initiator");
}

#[test]
fn a_nominative_pronoun_is_the_subject_whatever_the_tree_calls_it() {
    // The small model reads "Af" (of "af en toe") as the subject and "we" as an
    // oblique.
    assert_eq!(
        agent_of(
            "Af en toe ondersteunen we een project van een partner.",
            "ondersteunen … project",
        ),
        ("resoc".to_string(), "pronoun".to_string())
    );
}

#[test]
fn the_projects_of_our_partners_are_theirs() {
    let (w, kinds) = reading_of(
        "Op deze pagina zetten wij de projecten van onze partners in de kijker.",
        "projecten",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"owned_by"), "{kinds:?}");
}

#[test]
fn a_role_label_inside_a_line_names_its_holder_after_the_colon() {
    let (w, kinds) = reading_of(
        "Duaal leren in de horeca – trekker: VIVES, met het RESOC als partner",
        "trekker",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"actor"), "{kinds:?}");
}

#[test]
fn irregular_participles_and_support_wording_are_read() {
    let got = run("Het RESOC heeft het plan van aanpak aan de partners voorgelegd.");
    assert!(
        got.iter()
            .any(|(m, _, _, cat)| m == "voorgelegd" && cat == "overleg"),
        "{got:?}"
    );
    let got = run("Het RESOC stelt zijn expertise ter beschikking van de gemeenten.");
    assert!(
        got.iter()
            .any(|(m, _, _, cat)| m == "ter beschikking" && cat == "ondersteuning"),
        "{got:?}"
    );
    let got = run("De twee projecten worden door het RESOC zelf getrokken.");
    assert!(
        got.iter()
            .any(|(m, w, _, cat)| m.contains("getrokken") && cat == "project" && *w > 0.0),
        "{got:?}"
    );
}

#[test]
fn a_heading_counts_only_as_a_role_label() {
    // A heading that names the RESOC and a role is a topic: nobody acts in it.
    let got = run_with_reasons("## Het RESOC als projectpromotor\n\nHet RESOC steunt de scholen.");
    let (_, w, kinds) = got
        .iter()
        .find(|(m, ..)| m == "projectpromotor")
        .expect("a match");
    assert_eq!(*w, 0.0);
    assert!(kinds.contains(&"topic_heading"), "{kinds:?}");
    let topic = findings_of(
        "## Eigen projecten van het RESOC\n\nHet RESOC steunt de scholen.",
        Reader::Tree,
    );
    let m = topic
        .iter()
        .flat_map(|f| &f.matches)
        .find(|m| m.matched == "projecten")
        .unwrap();
    assert_eq!(m.actor, Actor::Nobody);
    // A label says who holds which role.
    let got = run_with_reasons("## Rol van het RESOC: trekker\n\nHet RESOC steunt de scholen.");
    let (_, w, _) = got.iter().find(|(m, ..)| m == "trekker").expect("a match");
    assert!(*w > 0.0, "{got:?}");
}

#[test]
fn a_pair_does_not_reach_into_the_next_clause_with_its_own_subject() {
    // "studiedag" belongs to "zet … op" of the RESOC, not to the province's "organiseert".
    let got = run(
        "De provincie organiseert samen met de stad overleg, en het RESOC zet elk jaar een studiedag op.",
    );
    assert!(
        got.iter().all(|(m, ..)| m != "organiseert … studiedag"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(m, w, ..)| m == "studiedag" && *w > 0.0),
        "{got:?}"
    );
}

#[test]
fn a_project_word_in_what_is_assessed_is_no_project_of_its_own() {
    let (w, kinds) = reading_of(
        "Het RESOC beoordeelt daarbij of de projecten passen binnen de prioriteiten van het streekpact.",
        "projecten",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"object_of_overleg"), "{kinds:?}");
}

#[test]
fn a_negated_phrase_negates_the_infinitive_that_depends_on_it() {
    // "niet" stands before "over middelen", on which "om … te financieren" depends.
    let (w, kinds) = reading_of(
        "Het RESOC beschikt niet over middelen om projecten van derden te financieren.",
        "financieren",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"negation"), "{kinds:?}");
}

#[test]
fn a_hyphenated_niet_is_a_prefix_not_a_negation() {
    let (w, kinds) = reading_of(
        "Het RESOC geeft over dat programma telkens een niet-bindend advies.",
        "advies",
    );
    assert!(w > 0.0 && !kinds.contains(&"negation"), "{w} {kinds:?}");
}

#[test]
fn the_conjunct_after_maar_escapes_the_negation_of_the_first() {
    let (w, kinds) = reading_of(
        "Het RESOC is geen projectorganisatie, maar een overlegplatform.",
        "overlegplatform",
    );
    assert!(w > 0.0 && !kinds.contains(&"negation"), "{w} {kinds:?}");
}

#[test]
fn a_plural_present_spelled_as_the_infinitive_is_not_past() {
    let (w, kinds) = reading_of(
        "Het RESOC en Unizo Meetjesland starten in 2016 een gezamenlijke campagne om de lokale handel te promoten.",
        "campagne",
    );
    assert!(!kinds.contains(&"past"), "{w} {kinds:?}");
}

#[test]
fn a_compound_of_gemeenten_is_another_actor() {
    let (w, kinds) = reading_of(
        "Het RESOC zet zijn schouders onder tal van initiatieven van de kustgemeenten.",
        "initiatieven",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"owned_by"), "{kinds:?}");
}

#[test]
fn a_particle_before_another_preposition_is_no_preposition() {
    // The model hangs "af" as a preposition on "scholen"; "af met" cannot open one
    // noun phrase, so the split verb beyond the word window ("wel") is confirmed.
    let text = "Het RESOC stemt wel de communicatie over dat aanbod af met de scholen in de regio.";
    assert_eq!(weight_of(text, "stemt … af"), 0.8);
    // A preposition right before its noun phrase still is one.
    let got = run("Het RESOC stelt zich ten dienste van de partners op onze oude dag.");
    assert!(
        !got.iter().any(|(m, w, ..)| m.starts_with("stelt") && *w > 0.0),
        "{got:?}"
    );
}

#[test]
fn a_subject_the_parser_broke_up_is_one_coordinated_subject() {
    // The model reads "De kustgemeenten" and "het RESOC" as two subjects of one verb.
    let text = "De kustgemeenten, de provincie West-Vlaanderen en het RESOC zullen in de loop van 2016 \
                gezamenlijk een campagne opzetten om jongeren aan te trekken.";
    assert_eq!(agent_of(text, "campagne").0, "resoc");
}

#[test]
fn a_role_is_no_actor_but_belongs_to_its_holder() {
    // "Die rol" points back to the RESOC the passage is about; "de rol van de
    // provincie" is the province's.
    let text = "Die rol als projectpromotor is niet onbelangrijk.";
    assert_eq!(agent_of(text, "projectpromotor").0, "resoc");
    let text = "De rol van de provincie als projectpromotor is niet onbelangrijk.";
    assert!(agent_of(text, "projectpromotor").0.starts_with("other:"));
}

#[test]
fn a_project_of_a_partner_is_the_partners() {
    let (w, kinds) = reading_of(
        "Het comité kan een beperkte bijdrage leveren aan een pilootproject van een partner.",
        "pilootproject",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"owned_by"), "{kinds:?}");
}

#[test]
fn a_capitalised_word_in_a_name_is_no_past_verb() {
    // The model tags "Wouden" (a past of "willen") as the verb's past auxiliary.
    let (w, kinds) = reading_of(
        "Het RESOC Brabantse Wouden financiert met zijn werkingsmiddelen drie eigen kleinschalige projecten.",
        "financiert",
    );
    assert!(!kinds.contains(&"past"), "{kinds:?}");
    assert_eq!(w, 1.0);
}

#[test]
fn an_event_the_resoc_organises_counts_also_when_it_has_a_name() {
    // The light verb gives way to its object; a name stays a name elsewhere.
    let text = "Het RESOC organiseert elk jaar de Westhoekconferentie voor lokale beleidsmakers.";
    assert_eq!(weight_of(text, "Westhoekconferentie"), 0.6);
    let (w, kinds) = reading_of(
        "Het RESOC maakt deel uit van het Netwerk Ondernemen Mechelen.",
        "Netwerk",
    );
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"name"), "{kinds:?}");
}

#[test]
fn a_waar_clause_has_its_own_subject() {
    // The participants meet; the model reads them as the object of "samenkomen".
    let text = "Het RESOC organiseert de Westhoekconferentie, waar jaarlijks zo'n 300 lokale \
                beleidsmakers samenkomen.";
    assert!(
        agent_of(text, "samenkomen").0.starts_with("other:"),
        "{:?}",
        agent_of(text, "samenkomen")
    );
}

#[test]
fn secondary_education_is_no_secondary_role() {
    let text = "Het RESOC organiseert een infodag voor leerlingen van het secundair onderwijs.";
    let (_, kinds) = reading_of(text, "organiseert");
    assert!(!kinds.contains(&"hedge"), "{kinds:?}");
    // "secundair" elsewhere still hedges.
    let (_, kinds) = reading_of(
        "Het RESOC organiseert in secundaire orde ook een infodag.",
        "organiseert",
    );
    assert!(kinds.contains(&"hedge"), "{kinds:?}");
}

#[test]
fn signalling_and_recommendations_are_overleg() {
    let overleg = |text: &str, word: &str| {
        let got = run(text);
        let m = got
            .iter()
            .find(|(m, ..)| m == word)
            .unwrap_or_else(|| panic!("no match '{word}' in {got:?}"));
        (m.1, m.3.clone())
    };
    assert_eq!(
        overleg(
            "Het RESOC trekt de aandacht op het gebrek aan kinderopvang.",
            "trekt … aandacht"
        ),
        (0.5, "overleg".to_string())
    );
    assert_eq!(
        overleg(
            "Het RESOC verzamelt signalen uit het werkveld.",
            "verzamelt signalen"
        ),
        (0.6, "overleg".to_string())
    );
    assert_eq!(
        overleg(
            "Het RESOC formuleert aanbevelingen aan de Vlaamse overheid.",
            "aanbevelingen"
        ),
        (0.8, "overleg".to_string())
    );
    // The word "signalen" alone names no role.
    assert!(run("Het RESOC vertaalt die signalen in nieuwe plannen.").is_empty());
}

#[test]
fn ending_a_role_negates_it() {
    for (text, word) in [
        (
            "Het RESOC Denderstreek zet een punt achter zijn projectwerking.",
            "projectwerking",
        ),
        (
            "Het RESOC stopt met eigen projecten voor werkzoekenden.",
            "projecten",
        ),
        ("Het RESOC stopte met eigen projecten.", "projecten"),
    ] {
        let got = run(text);
        let m = got
            .iter()
            .find(|(m, ..)| m == word)
            .unwrap_or_else(|| panic!("{got:?}"));
        assert!(m.2, "not negated: {text} {got:?}");
    }
}

#[test]
fn a_clause_that_completes_a_negated_frame_is_negated() {
    for (text, word) in [
        (
            "Het is niet de taak van het RESOC om projecten te trekken.",
            "projecten",
        ),
        (
            "Het is niet de bedoeling dat het RESOC eigen projecten opzet.",
            "projecten",
        ),
        (
            "Het hoort niet bij de opdracht van het RESOC om zelf projecten uit te voeren.",
            "projecten",
        ),
    ] {
        let got = run(text);
        let m = got
            .iter()
            .find(|(m, ..)| m.contains(word))
            .unwrap_or_else(|| panic!("{got:?}"));
        assert!(m.2, "not negated: {text} {got:?}");
    }
    // The frame itself affirmed: the clause counts.
    let got = run("Het is de taak van het RESOC om projecten te trekken.");
    assert!(
        got.iter()
            .any(|(m, w, negated, _)| m.contains("projecten") && *w > 0.0 && !negated),
        "{got:?}"
    );
}

#[test]
fn a_verb_with_an_active_subject_is_no_passive() {
    // The small model reads "is … trekt" as a passive with "Het" as its subject.
    let text = "Het is zo dat het RESOC projecten trekt.";
    assert_eq!(
        agent_of(text, "projecten trekt"),
        ("resoc".to_string(), "nsubj".to_string())
    );
}

#[test]
fn an_enumerated_noun_is_read_through_its_items() {
    let weight_of_initiatives = |items: &str| {
        let text =
            format!("Om de doelstellingen te halen, kan het RESOC een aantal initiatieven nemen:\n\n{items}");
        run(&text)
            .into_iter()
            .find(|(m, ..)| m == "initiatieven")
            .map(|(_, w, ..)| w)
            .unwrap()
    };
    // The items say what the initiatives are, and one of them counts.
    assert_eq!(
        weight_of_initiatives(
            "- de partners rond de tafel brengen;\n- op zoek gaan naar Europese financiering.\n"
        ),
        0.0
    );
    // Items without a role word: the lead-in is the only statement.
    assert!(weight_of_initiatives("- het Ondernemerscafé;\n- de Grensjobdag.\n") > 0.0);
    // Not announced as an enumeration: the lead-in's own statement counts.
    let got = run(
        "Het RESOC neemt daarbij zelf initiatieven:\n\n- de partners rond de tafel brengen;\n- op zoek gaan naar Europese financiering.\n",
    );
    assert!(
        got.iter()
            .any(|(m, w, ..)| m.contains("initiatieven") && *w > 0.0),
        "{got:?}"
    );
}

#[test]
fn a_role_handed_over_is_not_the_resocs() {
    for (text, word, whom) in [
        (
            "Het RESOC draagt zijn projecten over aan de VDAB.",
            "projecten",
            "de VDAB",
        ),
        (
            "Het RESOC vertrouwt de uitvoering van de projecten toe aan de partners.",
            "projecten",
            "de partners",
        ),
        (
            "Het RESOC geeft de trekkersrol door aan de provincie.",
            "trekkersrol",
            "de provincie",
        ),
    ] {
        let (w, kinds) = reading_of(text, word);
        assert_eq!(w, 0.0, "{text}");
        assert!(kinds.contains(&"handed_over"), "{text} {kinds:?}");
        let found = findings_of(text, Reader::Tree);
        let m = found
            .iter()
            .flat_map(|f| &f.matches)
            .find(|m| m.matched == word)
            .unwrap();
        assert!(
            m.modifiers
                .iter()
                .any(|x| x.kind == "handed_over" && x.trigger == whom),
            "{:?}",
            m.modifiers
        );
    }
    // Giving advice to someone is no hand-over, nor is "door" as a preposition.
    let got = run("Het RESOC trekt projecten en geeft advies aan de minister door middel van nota's.");
    assert!(got.iter().all(|(_, w, ..)| *w > 0.0), "{got:?}");
}

#[test]
fn a_role_that_lies_with_an_actor_is_that_actors() {
    let text = "Voor acht daarvan ligt het trekkerschap bij de VDAB of bij de gemeenten.";
    assert_eq!(
        agent_of(text, "trekkerschap"),
        ("other:VDAB".to_string(), "bij".to_string())
    );
    // "bij projecten" names what the role is about, not who holds it.
    let text = "De kernopdracht van het RESOC ligt bij projecten die de streek vooruithelpen.";
    assert_ne!(agent_of(text, "projecten").1, "bij");
    // A plain noun holds it too, also beside a clause of the RESOC's own.
    let text = "De uitvoering ligt bij de maatwerkbedrijven zelf; het RESOC volgt ze op.";
    let (agent, relation) = agent_of(text, "uitvoering");
    assert!(
        agent.starts_with("other:") && relation == "bij",
        "{agent} {relation}"
    );
    assert_eq!(reading_of(text, "uitvoering").0, 0.0);
}

#[test]
fn carrying_out_is_project_work_unless_followed_up_or_a_legal_basis() {
    let (w, _) = reading_of(
        "Het RESOC neemt de uitvoering van de acties op zich.",
        "uitvoering",
    );
    assert!(w > 0.0);
    let (w, kinds) = reading_of("Het RESOC volgt de uitvoering van de acties op.", "uitvoering");
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"object_of_overleg"), "{kinds:?}");
    // The implementation of the pact as a whole is every partner's task, no project:
    // "De rol van het RESOC bij de uitvoering van het streekpact".
    for text in [
        "Het RESOC speelt een rol bij de uitvoering van het streekpact.",
        "Het RESOC volgt de uitvoering van het pact op.",
    ] {
        let got = run(text);
        assert!(
            got.iter().any(|(m, ..)| m.starts_with("uitvoering van")),
            "{got:?}"
        );
        assert!(
            got.iter().all(|(_, w, _, c)| *w == 0.0 || c != "project"),
            "{got:?}"
        );
    }
    // "in uitvoering van het decreet": pursuant to, no role. The phrase is listed
    // because it kept "uitvoering" from counting.
    let got = run("Het RESOC werd opgericht in uitvoering van het decreet van 2004.");
    assert!(got.iter().any(|(m, ..)| m == "in uitvoering van"), "{got:?}");
    assert!(
        got.iter().all(|(_, w, _, c)| *w == 0.0 || c != "project"),
        "{got:?}"
    );
}

#[test]
fn a_question_states_no_role() {
    let (w, kinds) = reading_of("Kan het RESOC mijn project financieren?", "financieren");
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"question"), "{kinds:?}");
    assert_eq!(
        agent_of("Kan het RESOC mijn project financieren?", "financieren").0,
        "none"
    );
    // The answer after it is a statement like any other.
    let (w, kinds) = reading_of("Het RESOC financiert eigen projecten.", "financiert");
    assert!(w > 0.0 && !kinds.contains(&"question"), "{kinds:?}");
}

#[test]
fn a_passive_done_inside_the_resoc_is_its_own() {
    let text = "Binnen het RESOC wordt overleg gepleegd met de sociale partners.";
    assert_eq!(
        agent_of(text, "overleg"),
        ("resoc".to_string(), "binnen".to_string())
    );
    assert!(reading_of(text, "overleg").0 > 0.0);
    // Inside another body it is that body's; without one, the passive has no agent.
    let other = "Binnen de VDAB wordt overleg gepleegd met de sociale partners.";
    assert_eq!(agent_of(other, "overleg").1, "binnen");
    assert_eq!(reading_of(other, "overleg").0, 0.0);
    let (w, kinds) = reading_of("Er wordt overleg gepleegd met de sociale partners.", "overleg");
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"no_agent"), "{kinds:?}");
}

#[test]
fn campaigning_for_a_cause_is_advocacy_and_a_campaign_set_up_is_an_action() {
    let lobby = run("Het RESOC voert campagne voor een betere busverbinding.");
    assert!(
        lobby
            .iter()
            .any(|(m, w, _, c)| m == "voert campagne" && *w > 0.0 && c == "overleg"),
        "{lobby:?}"
    );
    assert!(
        !lobby.iter().any(|(_, w, _, c)| *w > 0.0 && c == "project"),
        "{lobby:?}"
    );
    let action = run("Het RESOC zet een campagne op.");
    assert!(
        action.iter().any(|(_, w, _, c)| *w > 0.0 && c == "project"),
        "{action:?}"
    );
}

#[test]
fn a_project_word_that_says_where_a_role_is_played_is_not_the_role() {
    for (text, word) in [
        (
            "In die projecten speelt het RESOC een adviserende rol.",
            "projecten",
        ),
        (
            "In die projecten speelt het RESOC geen trekkende rol.",
            "projecten",
        ),
        ("Het RESOC is in dit project een gewone partner.", "project"),
        ("Het RESOC participeert in drie projecten.", "projecten"),
        (
            "In het kader van dit project speelt het RESOC een adviserende rol.",
            "project",
        ),
    ] {
        let (w, kinds) = reading_of(text, word);
        assert_eq!(w, 0.0, "{text}");
        assert!(kinds.contains(&"setting"), "{text} {kinds:?}");
    }
    // Without a role statement of its own the clause is about the projects.
    let (w, kinds) = reading_of("Het RESOC is actief in drie projecten.", "projecten");
    assert!(w > 0.0 && !kinds.contains(&"setting"), "{kinds:?}");
    // A role word that is the object stays the role.
    let (w, _) = reading_of(
        "Het RESOC neemt de trekkersrol op in drie projecten.",
        "neemt … trekkersrol op",
    );
    assert!(w > 0.0);
}

#[test]
fn what_another_actor_wants_the_resoc_to_do_is_that_actors_wish() {
    let text = "De burgemeesters vragen dat het RESOC overleg organiseert met de sectoren.";
    let (agent, relation) = agent_of(text, "overleg organiseert");
    assert_eq!(
        (agent.as_str(), relation.as_str()),
        ("other:burgemeesters", "wish")
    );
    assert_eq!(reading_of(text, "overleg organiseert").0, 0.0);
    // What the RESOC itself wants stays its own.
    let (w, _) = reading_of("Het RESOC wil zelf projecten opzetten.", "projecten");
    assert!(w > 0.0);
}

#[test]
fn a_word_under_a_verbal_noun_belongs_to_the_clause_around_it() {
    // "het opstarten van pilootprojecten" is no clause: the projects are what the
    // RESOC's means are put at others' disposal for.
    let text = "Het RESOC stelt eigen middelen ter beschikking voor het opstarten van pilootprojecten.";
    let (w, kinds) = reading_of(text, "pilootprojecten");
    assert_eq!(w, 0.0);
    assert!(kinds.contains(&"object_of_support"), "{kinds:?}");
    assert_eq!(agent_of(text, "pilootprojecten").1, "nsubj");
    // The verbal noun itself keeps its reading: a light verb takes its object's pole.
    let got = run("Het RESOC staat in voor het organiseren van overleg.");
    assert!(
        got.iter().any(|(_, w, _, c)| *w > 0.0 && c == "overleg")
            && !got.iter().any(|(_, w, _, c)| *w > 0.0 && c == "project"),
        "{got:?}"
    );
}

#[test]
fn a_table_rows_action_is_held_by_whom_its_holder_column_names() {
    let found = findings_of(
        "| Actie | Trekker | Partners |\n|---|---|---|\n| Jobbeurs voor de zorg | VDAB | RESOC Test, Unizo |\n\
         | Overlegtafel mobiliteit | RESOC Test | provincie |\n| Opleidingsproject | nog te bepalen | RESOC Test |",
        Reader::Tree,
    );
    let rows = table_matches(&found);
    let of = |word: &str| match_with(&rows, word);
    // The header's "Trekker" labels a column: nobody's role.
    assert_eq!(of("trekker").1, 0.0, "{rows:?}");
    // VDAB is the trekker; the RESOC is only a partner.
    let fair = of("jobbeurs");
    assert_eq!(
        (fair.1, fair.2.as_str(), fair.3.as_str()),
        (0.0, "Other(\"VDAB\")", "table_holder")
    );
    // The RESOC holds the consultation table.
    let table = of("overleg");
    assert!(
        table.1 > 0.0 && table.2 == "Resoc" && table.3 == "table_holder",
        "{table:?}"
    );
    // A holder still to be found: nobody acts yet.
    let open = of("project");
    assert_eq!((open.1, open.2.as_str()), (0.0, "Nobody"));
}

#[test]
fn a_row_the_resoc_holds_without_role_words_states_its_role_through_the_column_label() {
    let found = findings_of(
        "| Actie | Trekker | Partners |\n|---|---|---|\n| Vacaturekaart 2026 | RESOC Test | scholen |\n\
         | Taalcoaching op de werkvloer | VDAB | RESOC Test |\n| Overlegtafel zorg | RESOC Test | |",
        Reader::Tree,
    );
    let rows: Vec<(usize, String, f64, String, String)> = found
        .iter()
        .enumerate()
        .flat_map(|(u, f)| f.matches.iter().map(move |m| (u, m)))
        .map(|(u, m)| {
            (
                u,
                m.matched.clone(),
                m.weight,
                format!("{:?}", m.actor),
                m.clause.relation.clone(),
            )
        })
        .collect();
    // Units: the header row (1), then the three rows (2, 3, 4). The first row has no
    // role word, nor any other word the lexicons know: being its trekker is the RESOC's
    // role, read from the label and counted once.
    let first_row: Vec<_> = rows.iter().filter(|r| r.0 == 2).collect();
    assert_eq!(first_row.len(), 1, "{rows:?}");
    assert_eq!(
        (
            first_row[0].1.as_str(),
            first_row[0].2,
            first_row[0].3.as_str(),
            first_row[0].4.as_str()
        ),
        ("Trekker → RESOC Test", 1.0, "Resoc", "table_holder")
    );
    // Another actor's row states that actor's role through the label, and counts for
    // nothing.
    let second_row: Vec<_> = rows.iter().filter(|r| r.0 == 3).collect();
    assert_eq!(second_row.len(), 1, "{rows:?}");
    assert_eq!(
        (
            second_row[0].1.as_str(),
            second_row[0].2,
            second_row[0].3.as_str()
        ),
        ("Trekker → VDAB", 0.0, "Other(\"VDAB\")")
    );
    // A row with role words of its own is read by them: the overlegtafel is overleg.
    let table: Vec<_> = rows.iter().filter(|r| r.0 == 4).collect();
    assert!(
        table.len() == 1 && table[0].1.to_lowercase().contains("overleg") && table[0].2 > 0.0,
        "{rows:?}"
    );
}

/// The first of `rows` whose matched words contain `word` (lowercase).
fn match_with(rows: &[(String, f64, String, String)], word: &str) -> (String, f64, String, String) {
    rows.iter()
        .find(|r| r.0.to_lowercase().contains(word))
        .expect(word)
        .clone()
}

/// (matched words, weight, actor, agent_relation) of every match of `found`.
fn table_matches(found: &[UnitFindings]) -> Vec<(String, f64, String, String)> {
    found
        .iter()
        .flat_map(|f| &f.matches)
        .map(|m| {
            (
                m.matched.clone(),
                m.weight,
                format!("{:?}", m.actor),
                m.clause.relation.clone(),
            )
        })
        .collect()
}

#[test]
fn a_cell_under_the_resocs_role_column_states_the_resocs_role_whoever_holds_the_row() {
    let found = findings_of(
        "| Actie | Trekker | Rol RESOC |\n|---|---|---|\n| Jobbeurs | VDAB | adviseert over de timing |\n\
         | Pendelplan | provincie | geen eigen rol; opvolging door de intercommunale |",
        Reader::Tree,
    );
    let rows = table_matches(&found);
    let of = |word: &str| match_with(&rows, word);
    // VDAB holds the fair, but the role column says what the RESOC does in it.
    let advice = of("advise");
    assert!(
        advice.1 > 0.0 && advice.2 == "Resoc" && advice.3 == "role_column",
        "{rows:?}"
    );
    // The fair itself stays VDAB's.
    assert_eq!(of("jobbeurs").1, 0.0, "{rows:?}");
    // "door de intercommunale" names who does the follow-up: not the RESOC.
    let follow_up = of("opvolging");
    assert_eq!(
        (follow_up.1, follow_up.2.as_str(), follow_up.3.as_str()),
        (0.0, "Other(\"intercommunale\")", "role_column"),
        "{rows:?}"
    );
}

#[test]
fn a_role_column_must_name_the_resoc_and_a_holder_column_is_what_the_context_lexicon_says() {
    // "Rol" alone may be anyone's role: the row is the VDAB's.
    let found = findings_of(
        "| Actie | Trekker | Rol |\n|---|---|---|\n| Jobbeurs | VDAB | adviseert over de timing |",
        Reader::Tree,
    );
    let rows = table_matches(&found);
    assert!(
        rows.iter().all(|r| r.1 == 0.0 && r.3 != "role_column"),
        "{rows:?}"
    );
    // Without "trekker*" as a holder label, the column names no holder: the row is read
    // like any other and no label speaks for it.
    let lex = Lexicon::builtin();
    let text = BUILTIN_CONTEXT.replace("holder_label\ttrekker*", "role_label\ttrekker*");
    let ctx = ContextRules::parse("test", &text, false).unwrap();
    let doc = segment_document(
        "t.md",
        "# RESOC Test\n\n| Actie | Trekker |\n|---|---|\n| Vacaturekaart | RESOC Test |\n",
        &Registry::builtin(),
    );
    let a = analyze_section(&doc.sections[0]);
    let without = table_matches(&match_section_with(
        &doc.sections[0],
        &a,
        &lex,
        &ctx,
        Reader::Tree,
    ));
    let with = table_matches(&findings_of(
        "| Actie | Trekker |\n|---|---|\n| Vacaturekaart | RESOC Test |",
        Reader::Tree,
    ));
    assert!(
        with.iter()
            .any(|r| r.0 == "Trekker → RESOC Test" && r.3 == "table_holder"),
        "{with:?}"
    );
    assert!(without.iter().all(|r| r.3 != "table_holder"), "{without:?}");
}

#[test]
fn a_negation_of_two_words_negates_the_role_it_surrounds_or_precedes() {
    let role = |text: &str| -> Vec<(String, f64, String)> {
        findings_of(text, Reader::Tree)
            .into_iter()
            .flat_map(|f| f.matches)
            .map(|m| (m.matched, m.weight, format!("{:?}", m.actor)))
            .collect()
    };
    // The affirmative sentences count, so the negated ones below fail if negation does.
    for affirmed in [
        "Het RESOC trekt zelf projecten.",
        "Het RESOC organiseert jobbeurzen.",
    ] {
        assert!(
            role(affirmed).iter().any(|m| m.1 > 0.0),
            "{affirmed}: {:?}",
            role(affirmed)
        );
    }
    for negated in [
        // "geen … meer" around the object of a predicate–object pair.
        "Het RESOC trekt zelf geen projecten meer.",
        "Het RESOC organiseert geen jobbeurzen meer.",
        // "niet langer" after the predicate.
        "Het RESOC organiseert niet langer jobbeurzen.",
    ] {
        let found = role(negated);
        assert!(
            !found.is_empty() && found.iter().all(|m| m.1 == 0.0),
            "{negated}: {found:?}"
        );
    }
    // The parser does not see "niet langer": "langer" is not read as a word of the clause
    // (it was taken for the agent of "als projectpromotor optreden").
    let found = role("Het RESOC heeft beslist om niet langer zelf als projectpromotor op te treden.");
    assert!(found.iter().all(|m| m.1 == 0.0 && m.2 == "Resoc"), "{found:?}");
}

#[test]
fn the_resocs_own_bodies_act_for_it_unless_another_actor_owns_them() {
    let actors = |text: &str| -> Vec<(f64, String)> {
        findings_of(text, Reader::Tree)
            .into_iter()
            .flat_map(|f| f.matches)
            .map(|m| (m.weight, format!("{:?}", m.actor)))
            .collect()
    };
    for own in [
        "Het bureau organiseert elk jaar een jobbeurs.",
        "Ons bureau geeft advies aan de gemeenten.",
        "De algemene vergadering volgt de uitvoering van het streekpact op.",
        "Het dagelijks bestuur brengt de sociale partners samen.",
    ] {
        let found = actors(own);
        assert!(
            !found.is_empty() && found.iter().any(|m| m.0 != 0.0 && m.1 == "Resoc"),
            "{own}: {found:?}"
        );
    }
    let found = actors("Het bureau van de provincie organiseert een jobbeurs.");
    assert!(
        !found.is_empty() && found.iter().all(|m| m.0 == 0.0 && m.1.starts_with("Other")),
        "{found:?}"
    );
}

/// The cue occurrence `word` of `text` is the RESOC's, and counts.
fn assert_the_resoc_acts(text: &str, word: &str) {
    let (agent, relation) = agent_of(text, word);
    assert_eq!(agent, "resoc", "{text}: {relation}");
    assert!(weight_of(text, word) > 0.0, "{text}");
}

#[test]
fn a_list_item_without_a_subject_of_its_own_is_done_by_its_lead_ins_actor() {
    // The noun before the infinitive is its object, and a "door" phrase inside a
    // relative clause is another clause's agent: the RESOC of the lead-in acts.
    for (text, word) in [
        (
            "In de periode 2025–2030 zal het RESOC onder meer:\n- de Kempense gemeenten en sociale partners twee keer per jaar rond de tafel brengen over de toekomst van de industriezones;",
            "rond de tafel",
        ),
        (
            "Het comité engageert zich daarbij tot de volgende opdrachten:\n- het opvolgen van de streekprojecten die door de partners worden uitgerold;",
            "opvolgen",
        ),
    ] {
        assert_the_resoc_acts(text, word);
    }
    // An item with a subject of its own keeps it.
    let (agent, _) = agent_of(
        "Het RESOC zal in deze werf:\n- de provincie organiseert zelf de jobbeurs;",
        "organiseert … jobbeurs",
    );
    assert!(agent.starts_with("other"), "{agent}");
}

#[test]
fn a_role_cell_has_no_subject_in_another_cell_or_after_its_verb() {
    let found = findings_of(
        "Partner | Engagement | Rol RESOC\n--- | --- | ---\n\
         Zorgcampus Roeselare | organiseert een opleiding voor verzorgenden | volgt de resultaten op en rapporteert aan het bureau\n\
         Woonzorggroep Mandelvallei | stelt stageplaatsen ter beschikking | brengt de woonzorgcentra en de scholen samen",
        Reader::Tree,
    );
    let rows = table_matches(&found);
    for word in ["volgt", "brengt"] {
        let m = match_with(&rows, word);
        assert!(m.1 > 0.0 && m.2 == "Resoc" && m.3 == "role_column", "{rows:?}");
    }
    // The partner's own engagement stays the partner's.
    assert_eq!(match_with(&rows, "organiseert").1, 0.0, "{rows:?}");
}

#[test]
fn our_role_and_the_resoc_before_the_verb_are_the_resocs() {
    // "onze kernopdracht" is the RESOC's role (its lemma is mangled by the small
    // model); "Ons bureau" before the verb is the subject, not "de provincie".
    for (text, word) in [
        (
            "Toch blijft die projectrol bijkomstig: onze kernopdracht is en blijft het streekoverleg.",
            "streekoverleg",
        ),
        (
            "Ons bureau adviseert de provincie over de verdeling van de streekmiddelen.",
            "adviseert",
        ),
        (
            "'Ons comité moet uitgroeien tot een forum voor kennisinstellingen en kmo's', zegt de voorzitter.",
            "forum",
        ),
    ] {
        assert_the_resoc_acts(text, word);
    }
}

#[test]
fn a_headline_that_is_a_clause_states_a_role_and_a_topic_heading_does_not() {
    let statement = |text: &str, word: &str| {
        let got = run_with_reasons(text);
        let (_, w, kinds) = got
            .iter()
            .find(|(m, ..)| covers(m, word))
            .unwrap_or_else(|| panic!("{word}: {got:?}"))
            .clone();
        (w, kinds.contains(&"topic_heading"))
    };
    let (w, topic) = statement(
        "## RESOC Kempen lanceert campagne tegen schooluitval\n\nDe campagne loopt een jaar.",
        "campagne",
    );
    assert!(w > 0.0 && !topic, "{w}");
    // A numbered label heading stays a role label, read without a tree (a tree of
    // "3.1 Arbeidsmarkt: RESOC als trekker" takes "3.1" for the subject).
    let (w, topic) = statement(
        "## 3.1 Arbeidsmarkt: RESOC als trekker\n\nHet RESOC steunt de scholen.",
        "trekker",
    );
    assert!(w > 0.0 && !topic, "{w}");
    // No finite verb with a subject: a topic. A question asks. Every role word of the
    // heading counts 0.
    for text in [
        "## Het RESOC als trekker van campagnes\n\nHet RESOC steunt de scholen.",
        "## Organiseert het RESOC zelf campagnes?\n\nHet RESOC steunt de scholen.",
    ] {
        let got = run_with_reasons(text);
        let heading: Vec<_> = got
            .iter()
            .filter(|(m, ..)| m.contains("ampagne") || m.contains("trekker") || m.contains("rganiseer"))
            .collect();
        assert!(!heading.is_empty(), "{text}: {got:?}");
        assert!(heading.iter().all(|(_, w, _)| *w == 0.0), "{text}: {got:?}");
    }
}

#[test]
fn scheme_words_for_monitoring_lobbying_and_actions_are_read() {
    for (text, word, category) in [
        (
            "Het RESOC ziet toe op de uitvoering van het streekpact.",
            "ziet toe",
            "sturing",
        ),
        (
            "Het RESOC trekt aan de alarmbel over het treinaanbod.",
            "alarmbel",
            "overleg",
        ),
        (
            "Het RESOC spoort de overheid aan om te investeren.",
            "spoort … aan",
            "overleg",
        ),
        // (The light verb gives way to its object, a role word of the same pole.)
        (
            "Het RESOC zet een opleidingsdag op poten.",
            "opleidingsdag",
            "project",
        ),
        (
            "Het RESOC organiseert een streekforum over de haven.",
            "streekforum",
            "overleg",
        ),
        (
            "Wij houden elk voorjaar een netwerkavond voor starters.",
            "netwerkavond",
            "project",
        ),
        (
            "Het RESOC organiseert elk voorjaar een netwerkmoment voor logiesuitbaters.",
            "netwerkmoment",
            "project",
        ),
        (
            "Het RESOC zal druk zetten op de provincie.",
            "druk zetten",
            "overleg",
        ),
        (
            "Het RESOC roept de werkgroep twee keer per jaar samen.",
            "roept … samen",
            "overleg",
        ),
        (
            "Het RESOC engageert zich om bij de overheid aan te dringen op een heraanleg.",
            "aan te dringen",
            "overleg",
        ),
    ] {
        let got = run(text);
        let m = got
            .iter()
            .find(|(m, ..)| covers(m, word))
            .unwrap_or_else(|| panic!("{word}: {got:?}"));
        assert!(m.1 > 0.0 && m.3 == category, "{text}: {got:?}");
    }
}

#[test]
fn who_sees_to_it_that_partners_meet_convenes_them() {
    let text = "Het comité trekt zelf geen projecten, maar zorgt ervoor dat de juiste partners rond de tafel zitten.";
    assert_eq!(
        agent_of(text, "rond de tafel"),
        ("resoc".into(), "initiator".into())
    );
    assert!(weight_of(text, "rond de tafel") > 0.0);
    // Another actor who sees to it convenes nothing for the RESOC.
    let (agent, _) = agent_of(
        "De provincie zorgt ervoor dat de partners rond de tafel zitten.",
        "rond de tafel",
    );
    assert_ne!(agent, "resoc");
}

#[test]
fn an_item_without_a_finite_verb_after_a_lead_in_has_no_subject_of_its_own() {
    assert_the_resoc_acts(
        "Het RESOC engageert zich om in de loop van deze pactperiode:\n\n• de evolutie van de arbeidsmarkt nauwgezet op te volgen en jaarlijks te bespreken in de algemene vergadering.",
        "bespreken",
    );
    // First-person staff on the RESOC's own pages act for it.
    assert_the_resoc_acts(
        "De werkgroep zorg wordt voorgezeten door onze ondervoorzitter.",
        "voorgezeten",
    );
}

#[test]
fn the_resoc_in_a_parenthesis_does_not_act_in_anothers_subordinate_clause() {
    // "het secretariaat" acts in the parenthesis; the role word subject of "wanneer de
    // uitvoering stokt" is nobody's action.
    let text = "Dit orgaan beperkt zich tot het aanspreken van partners wanneer de uitvoering stokt (het secretariaat ondersteunt daarbij administratief).";
    assert_eq!(weight_of(text, "uitvoering"), 0.0);
    // Clauses side by side share the RESOC named in one of them.
    let text = "De projectwerking van het RESOC is beperkt; het overleg blijft de kernopdracht.";
    assert!(weight_of(text, "overleg") > 0.0);
}

#[test]
fn a_pairs_object_may_stand_inside_its_separable_predicate() {
    // "richt een werkgroep op": the object stands between the verb and its particle.
    // Setting up a working group is a structural overleg, not a project.
    let got = run("Het RESOC richt een werkgroep op rond de zorgberoepen.");
    let pair = got
        .iter()
        .find(|(m, ..)| m.contains("werkgroep"))
        .unwrap_or_else(|| panic!("{got:?}"));
    assert!(pair.1 > 0.0 && pair.3 == "overleg", "{got:?}");
    assert!(got.iter().all(|m| m.3 != "project"), "{got:?}");
    // The light verb "zet ... op" would make it a project without the pair.
    let got = run("Het RESOC zet een werkgroep op rond de zorgberoepen.");
    assert!(got.iter().any(|m| m.3 == "overleg" && m.1 > 0.0), "{got:?}");
    assert!(got.iter().all(|m| m.3 != "project" || m.1 == 0.0), "{got:?}");
    // "neemt de trekkersrol op" is the pair, one match.
    let got = run("Het RESOC neemt de trekkersrol op.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].0.contains("trekkersrol") && got[0].0.contains("op"),
        "{got:?}"
    );
}

#[test]
fn scheme_words_for_organisers_fairs_and_meeting_places_are_read() {
    assert_each_counts_for([
        (
            "Het RESOC speelt een trekkende rol in de zorgacties.",
            "trekkende rol",
            "project",
        ),
        (
            "Bij de jobdag treedt het RESOC op als organisator.",
            "organisator",
            "project",
        ),
        (
            "Het RESOC lanceert een campagne voor technische beroepen.",
            "lanceert",
            "project",
        ),
        (
            "Het RESOC organiseert jaarlijks een opleidingsbeurs.",
            "opleidingsbeurs",
            "project",
        ),
        (
            "Wij organiseren elk jaar de vacaturebeurs.",
            "vacaturebeurs",
            "project",
        ),
        (
            "Het RESOC neemt de volledige organisatie op zich.",
            "neemt … organisatie",
            "project",
        ),
        (
            "Het RESOC is het aanspreekpunt voor overleg tussen de sociale partners.",
            "aanspreekpunt",
            "overleg",
        ),
        ("Het RESOC brengt de partners aan tafel.", "aan tafel", "overleg"),
        (
            "Het RESOC wil zijn rol als streekregisseur behouden.",
            "streekregisseur",
            "overleg",
        ),
        (
            "Het RESOC zal de streekbelangen verdedigen in Brussel.",
            "verdedigen",
            "overleg",
        ),
    ]);
    // A negated trekkende rol counts nothing; a scholarship is no fair.
    assert_eq!(
        weight_of("Het RESOC speelt geen trekkende rol.", "trekkende rol"),
        0.0
    );
    assert!(run("Het RESOC kent een studiebeurs toe.")
        .iter()
        .all(|m| m.1 == 0.0));
}

#[test]
fn an_exception_rather_than_the_rule_and_rarely_lower_the_role() {
    let text = "Bij enkele acties treedt het RESOC zelf op als organisator, al blijft dat eerder uitzondering dan regel.";
    let w = weight_of(text, "organisator");
    assert!(w > 0.0 && w <= 0.3 + 1e-9, "{w}");
    let w = weight_of("Het RESOC treedt zelden op als trekker.", "trekker");
    assert!(w > 0.0 && w <= 0.3 + 1e-9, "{w}");
}

#[test]
fn an_infinitive_under_the_resocs_will_is_the_resocs_act() {
    // The model reads the object before the infinitive as its subject (and tags the
    // infinitive a plural finite verb): an xcomp has no subject of its own.
    let text = "Het RESOC wil de komende weken ook de andere streekoverlegorganen mobiliseren voor een gezamenlijke actie.";
    assert_eq!(agent_of(text, "mobiliseren"), ("resoc".into(), "xcomp".into()));
    assert!(weight_of(text, "mobiliseren") > 0.0);
    // Another actor's will stays that actor's.
    let (agent, _) = agent_of(
        "De provincie wil het RESOC betrekken bij het overleg.",
        "betrekken",
    );
    assert_ne!(agent, "resoc");
}

#[test]
fn a_fronted_adverbial_or_a_split_article_is_no_subject() {
    // "nodig" (an adjective) read as the subject: the RESOC after the verb acts.
    assert_the_resoc_acts(
        "Waar nodig verleent het RESOC advies over projectaanvragen van de gemeenten.",
        "advies",
    );
    // "het" of "het RESOC" read as a pronoun subject of its own.
    let text = "De middelen komen van de provincie. In 2026 zet het RESOC bovendien een proefproject op rond pop-upwinkels.";
    assert_eq!(agent_of(text, "proefproject").0, "resoc");
    // A real subject before the verb keeps it.
    let (agent, _) = agent_of(
        "Waar nodig verleent de provincie het RESOC advies over projecten.",
        "advies",
    );
    assert_ne!(agent, "resoc");
}

#[test]
fn a_noun_after_worden_is_its_predicate_not_a_passive() {
    assert_the_resoc_acts("Het RESOC wordt zelf promotor van het project.", "project");
    // A participle after "worden" stays a passive without an agent.
    assert_eq!(weight_of("Het project wordt uitgevoerd.", "uitgevoerd"), 0.0);
}

#[test]
fn debate_thinking_along_lobbying_own_actions_and_taking_a_stance_are_read() {
    assert_each_counts_for([
        (
            "Jaarlijks organiseert het RESOC een open debat over de voortgang.",
            "debat",
            "overleg",
        ),
        (
            "Heb je een projectidee, dan denken we graag met je mee.",
            "denken … mee",
            "overleg",
        ),
        (
            "Het RESOC zet in op eigen acties rond ondernemerschap.",
            "eigen acties",
            "project",
        ),
        (
            "Het comité vraagt de Vlaamse regering om dringend werk te maken van de ring.",
            "regering",
            "overleg",
        ),
        (
            "Het comité stuurt een open brief naar de minister.",
            "open brief",
            "overleg",
        ),
    ]);
    // "stelt zich op als" takes a stance: no drafting (sturing) role.
    let got = run("Het RESOC stelt zich uitdrukkelijk niet op als uitvoerder van de acties.");
    assert!(got.iter().all(|m| m.3 != "sturing"), "{got:?}");
    // "geen toeval" affirms.
    assert!(weight_of("Het is geen toeval dat wij dit project trekken.", "project") > 0.0);
}

/// Each (text, matched words, category): a match covering or containing the words
/// counts (weight above 0) in that category.
fn assert_each_counts_for<const N: usize>(cases: [(&str, &str, &str); N]) {
    for (text, word, category) in cases {
        let got = run(text);
        let m = got
            .iter()
            .find(|(m, ..)| covers(m, word) || m.contains(word))
            .unwrap_or_else(|| panic!("{word}: {got:?}"));
        assert!(m.1 > 0.0 && m.3 == category, "{text}: {got:?}");
    }
}

#[test]
fn agenda_setting_is_overleg_and_a_name_is_no_pairs_object() {
    assert_each_counts_for([
        (
            "Het RESOC zet de noden van de regio op de agenda van de Vlaamse overheid.",
            "op de agenda",
            "overleg",
        ),
        (
            "Het RESOC agendeert het dossier op de sociaal-economische top.",
            "agendeert",
            "overleg",
        ),
        (
            "Het RESOC is de pleitbezorger van de streek in Brussel.",
            "pleitbezorger",
            "overleg",
        ),
        (
            "Het RESOC engageert zich om de knelpunten op de Vlaamse agenda te zetten.",
            "agenda te zetten",
            "overleg",
        ),
    ]);
    // "het overlegcomité" is the RESOC's name: what it organises is the day, a project.
    let got = run("Voor het toerisme organiseert het overlegcomité, samen met Westtoer, een jaarlijkse rekruteringsdag.");
    assert!(got.iter().all(|m| m.3 != "overleg"), "{got:?}");
    assert!(got.iter().any(|m| m.3 == "project" && m.1 > 0.0), "{got:?}");
    // "door ons": the first person acts.
    assert_the_resoc_acts(
        "Ook de Kempense Zorgtafel wordt door ons voorgezeten.",
        "voorgezeten",
    );
}

/// Who acts in the main clause of each unit of a text when every unit is parsed:
/// (agent, relation) per unit, headings included.
fn main_clauses_of(text: &str) -> Vec<(String, String)> {
    findings_of(text, Reader::TreeEverywhere)
        .into_iter()
        .filter_map(|f| f.main_clause)
        .map(|c| (c.actor.agent(), c.relation))
        .collect()
}

/// The main clause of the one sentence `text` (the section's title comes first).
fn main_clause_of(text: &str) -> (String, String) {
    let all = main_clauses_of(text);
    assert_eq!(all.len(), 2, "{text}: {all:?}");
    all[1].clone()
}

#[test]
fn the_main_clause_names_who_acts_in_a_unit_without_a_cue() {
    let (agent, relation) = main_clause_of("De provincie investeert twee miljoen euro in het havengebied.");
    assert!(agent.starts_with("other:"), "{agent} {relation}");
    assert_eq!(relation, "nsubj");
    assert_eq!(main_clause_of("Het RESOC werkt samen met VDAB.").0, "resoc");
    // A pronoun points back to the RESOC the section is about.
    assert_eq!(main_clause_of("Het werkt nauw samen met VDAB.").0, "resoc");
}

#[test]
fn a_thing_as_the_subject_or_a_verb_of_state_makes_nobody_act() {
    for text in [
        "Het project loopt tot eind 2027.",
        "Het budget bedraagt jaarlijks 85.000 euro.",
        "Limburg telt 18 procent minder hoger opgeleiden dan het Vlaamse gemiddelde.",
    ] {
        assert_eq!(main_clause_of(text).0, "none", "{text}");
    }
    // The RESOC as the subject of a state still says something about the RESOC.
    assert_eq!(main_clause_of("Het RESOC telt twaalf leden.").0, "resoc");
    // People and organisations act, named or not.
    for text in [
        "Meer dan zestig werkgevers hebben al een stand geboekt.",
        "Het kenniscentrum zal onderzoek verrichten naar de opleidingsnoden.",
        "Voka betaalt de affiches.",
    ] {
        assert!(main_clause_of(text).0.starts_with("other:"), "{text}");
    }
}

#[test]
fn the_reader_addressed_a_question_and_a_reported_event_have_no_actor() {
    for (text, relation) in [
        ("Je vindt het volledige pact onderaan deze pagina.", "reader"),
        ("U vindt alle actiefiches onderaan deze pagina.", "reader"),
        ("Wat doet het RESOC voor werkzoekenden?", "question"),
        (
            "De provincie kent 200.000 euro toe aan het opleidingsproject.",
            "event",
        ),
    ] {
        assert_eq!(
            main_clause_of(text),
            ("none".to_string(), relation.to_string()),
            "{text}"
        );
    }
}

#[test]
fn a_passive_about_the_resoc_is_the_resocs_and_one_about_a_thing_nobodys() {
    assert_eq!(
        main_clause_of("Het RESOC wordt uitgenodigd op de vergaderingen van het comité."),
        ("resoc".to_string(), "nsubj:pass".to_string())
    );
    assert_eq!(main_clause_of("De aanvraag werd gisteren ingediend.").0, "none");
}

#[test]
fn a_label_line_names_whom_it_lists() {
    assert!(main_clause_of("Partners: VDAB, Unizo en de gemeenten")
        .0
        .starts_with("other:"));
    assert_eq!(main_clause_of("Partners: RESOC Test, VDAB en Unizo").0, "resoc");
    assert_eq!(main_clause_of("Timing: 2025-2027").0, "none");
}

#[test]
fn a_unit_without_a_cue_is_not_parsed_by_default_and_has_no_main_clause() {
    let found = findings_of(
        "De provincie investeert twee miljoen euro in het havengebied.",
        Reader::Tree,
    );
    assert!(
        found.iter().all(|f| f.main_clause.is_none() && f.parse.is_none()),
        "{found:?}"
    );
    // A unit with a cue is parsed, and its main clause is kept.
    let found = findings_of(
        "Het RESOC organiseert overleg met de sociale partners.",
        Reader::Tree,
    );
    assert!(
        found
            .iter()
            .any(|f| f.main_clause.as_ref().is_some_and(|c| c.actor == Actor::Resoc)),
        "{found:?}"
    );
}

#[test]
fn a_role_noun_as_the_subject_of_a_clause_that_states_no_role_is_its_topic() {
    // What the clause is about, not a role anyone plays: the record says so.
    for (text, word) in [
        ("Het project kost 180.000 euro en loopt drie jaar.", "project"),
        ("Het congres is gratis voor alle deelnemers.", "congres"),
    ] {
        let (w, kinds) = reading_of(text, word);
        assert_eq!(w, 0.0, "{text}");
        assert!(kinds.contains(&"topic_subject"), "{text}: {kinds:?}");
    }
    // A role predicate makes it the role's object, done by whom the tree says.
    let (w, kinds) = reading_of(
        "De jobbeurs wordt door het RESOC georganiseerd.",
        "jobbeurs … georganiseerd",
    );
    assert!(w > 0.0 && !kinds.contains(&"topic_subject"), "{kinds:?}");
}

#[test]
fn scheme_words_for_chairing_lobbying_forums_and_running_are_read() {
    assert_each_counts_for([
        (
            "Het RESOC zet samen met de stad druk op de Vlaamse regering.",
            "zet",
            "overleg",
        ),
        ("Ons team zit de werkgroep Zorg voor.", "zit", "overleg"),
        (
            "Zo riepen we de regering op om de sluiting te heroverwegen.",
            "riepen",
            "overleg",
        ),
        (
            "Het RESOC is de belangenbehartiger van de regio.",
            "belangenbehartiger",
            "overleg",
        ),
        (
            "Wij trekken geen eigen projecten, maar zorgen ervoor dat de juiste partners elkaar vinden.",
            "elkaar vinden",
            "overleg",
        ),
        (
            "Het secretariaat volgt het dossier op de voet.",
            "volgt",
            "sturing",
        ),
        ("Het RESOC beheert het streekfonds.", "beheert", "project"),
        (
            "Het RESOC organiseert promotiecampagnes.",
            "promotiecampagnes",
            "project",
        ),
    ]);
    // "op de voet" is a fixed phrase, not the particle of "opvolgen" read as a
    // preposition; a preposition after "voor" still is no particle.
    let got = run("Wij zitten voor elke vraag klaar.");
    assert!(got.iter().all(|(_, w, ..)| *w == 0.0), "{got:?}");
}

#[test]
fn a_field_that_states_no_role_and_a_navigation_line_count_for_nothing() {
    for (text, kind) in [
        (
            "Timing: 2025–2027, met een tussentijdse evaluatie in het najaar van 2026",
            "field_label",
        ),
        (
            "**Budget:** 18.500 euro voor de organisatie van de jobbeurs",
            "field_label",
        ),
        ("Nieuws | Agenda | Projecten | Contact", "navigation"),
    ] {
        let got = run_with_reasons(text);
        assert!(!got.is_empty(), "{text}: a cue is matched");
        assert!(
            got.iter().all(|(_, w, kinds)| *w == 0.0 && kinds.contains(&kind)),
            "{text}: {got:?}"
        );
        assert_eq!(main_clause_of(text).0, "none", "{text}");
    }
    // A label that names who acts is read as before, and a table row without outer
    // pipes (figures, lists) is no navigation line.
    assert_eq!(main_clause_of("Trekker: RESOC Test").0, "resoc");
    let row = run_with_reasons("Overlegtafel zorg | RESOC Test | VDAB, Unizo | 2025-2027");
    assert!(
        row.iter().all(|(.., kinds)| !kinds.contains(&"navigation")),
        "{row:?}"
    );
}

#[test]
fn an_appointment_is_an_event_whoever_makes_it_and_the_resocs_own_allocation_is_not() {
    assert_eq!(
        main_clause_of(
            "De algemene vergadering van het RESOC heeft Annelies Verstraete aangesteld als directeur."
        ),
        ("none".to_string(), "event".to_string())
    );
    assert_eq!(
        main_clause_of("Het RESOC trekt elk jaar 40.000 euro uit voor kleinschalige initiatieven.").0,
        "resoc"
    );
    assert_eq!(
        main_clause_of("De provincie Antwerpen trekt twee miljoen euro uit voor de vernieuwing van zes bedrijventerreinen."),
        ("none".to_string(), "event".to_string())
    );
}
