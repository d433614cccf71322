//! Regular Dutch inflection of a lexicon word, so that a cue written once
//! (`adviseren`, `project`, `overleg`) matches its inflected and participle forms.
//! The stemmer alone cannot do this: Porter's Dutch gives overleg, overlegg, overlegt
//! and overlegd four different stems. Irregular forms (bracht, nam) belong in the
//! lexicon as their own entries.

/// Separable verb particles: their participle puts "ge" after the particle
/// (samengebracht, opgesteld, uitgevoerd). "over", "onder", "door" and "voor" are left
/// out on purpose: "overleggen" (consult) has participle "overlegd", while the
/// separable "overleggen" (submit) gives "overgelegd", a false friend.
pub(super) const PARTICLES: &[&str] = &[
    "samen", "bijeen", "terug", "mee", "op", "uit", "af", "aan", "bij", "toe", "vast",
];

/// Unstressed prefixes that take no "ge" in the participle (begeleid, ondersteund).
const NO_GE_PREFIXES: &[&str] = &["be", "ge", "her", "ont", "ver", "er", "onder", "over", "voor"];

/// All forms a folded lexicon word stands for, itself included.
pub fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let chars = word.chars().count();
    if chars >= 5 && word.ends_with("en") && !word.ends_with("ieen") {
        verb_forms(word, None, &mut out);
        // Folding lost the diaeresis: "initieren" may be initiëren (ik initieer) or,
        // like financieren, have one "ie" vowel (ik financier). Generate both.
        if word.ends_with("ieren") {
            let stem = format!("{}eer", &word[..word.len() - 4]);
            verb_forms(word, Some(stem), &mut out);
        }
        // An unstressed -el/-er/-en syllable keeps its single e (bundelen → bundel),
        // a stressed one doubles it (adviseren → adviseer); generate both.
        let base = &word[..word.len() - 2];
        if base.len() > 3 && base.ends_with(['l', 'r', 'n']) && base[..base.len() - 1].ends_with('e') {
            verb_forms(word, Some(base.to_string()), &mut out);
        }
        out.push(format!("{word}d"));
        out.push(format!("{word}de"));
    } else {
        noun_forms(word, &mut out);
        // Nouns that are also verb stems (overleg → overlegt, overlegde, overlegd).
        if ends_in_consonant(word) {
            let stem = word;
            let voiceless = ends_voiceless(stem);
            let (p, pl) = if voiceless { ("te", "ten") } else { ("de", "den") };
            out.push(format!("{stem}t"));
            out.push(format!("{stem}{p}"));
            out.push(format!("{stem}{pl}"));
            out.push(format!("{stem}{}", if voiceless { "t" } else { "d" }));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn verb_forms(inf: &str, stem_override: Option<String>, out: &mut Vec<String>) {
    let base = &inf[..inf.len() - 2];
    // ik-vorm: undouble a final double consonant (leggen → leg), double an open
    // vowel (adviseren → adviseer), and devoice v/z (leven → leef, reizen → reis).
    let mut stem = base.to_string();
    let last_two: Vec<char> = stem.chars().rev().take(2).collect();
    if last_two.len() == 2 && last_two[0] == last_two[1] && !is_vowel(last_two[0]) {
        stem.pop();
    } else if open_syllable(&stem) {
        let v = stem.chars().rev().nth(1).unwrap_or('a');
        let insert_at = stem.len() - stem.chars().next_back().map_or(0, char::len_utf8);
        stem.insert(insert_at, v);
    }
    if let Some(s) = stem_override {
        stem = s;
    }
    let voiced_base = base.ends_with('v') || base.ends_with('z');
    if stem.ends_with('v') {
        stem.pop();
        stem.push('f');
    } else if stem.ends_with('z') {
        stem.pop();
        stem.push('s');
    }
    let voiceless = !voiced_base && ends_voiceless(&stem);
    let (past_sg, past_pl, part_end) = if voiceless {
        ("te", "ten", "t")
    } else {
        ("de", "den", "d")
    };
    // Past tense is built on the stem before devoicing of v/z only in spelling of
    // the ending; the stem itself is the ik-vorm.
    out.push(stem.clone());
    if !stem.ends_with('t') {
        out.push(format!("{stem}t"));
    }
    out.push(format!("{stem}{past_sg}"));
    out.push(format!("{stem}{past_pl}"));
    let participle_core = if stem.ends_with(part_end) || (part_end == "d" && stem.ends_with('t')) {
        stem.clone()
    } else {
        format!("{stem}{part_end}")
    };
    // Participle: particle + ge + rest, or no ge after an unstressed prefix.
    let particle = PARTICLES
        .iter()
        .filter(|p| inf.starts_with(**p) && inf.len() > p.len() + 4)
        .max_by_key(|p| p.len());
    match particle {
        Some(p) => {
            let rest = &participle_core[p.len()..];
            let rest_inf = &inf[p.len()..];
            if NO_GE_PREFIXES.iter().any(|q| rest_inf.starts_with(q)) {
                out.push(format!("{p}{rest}"));
            } else {
                out.push(format!("{p}ge{rest}"));
            }
            // The split verb: its parts are matched as separate words by phrases.
            out.push(format!("{p}te{rest_inf}"));
            out.push(format!("{p}te{}", &inf[p.len()..]));
        }
        None => {
            if NO_GE_PREFIXES.iter().any(|q| inf.starts_with(q)) {
                out.push(participle_core.clone());
            } else {
                out.push(format!("ge{participle_core}"));
            }
        }
    }
    // Present participle / adjective: adviserend, adviserende.
    out.push(format!("{inf}d"));
    out.push(format!("{inf}de"));
}

/// The forms of a compound's head (`*campagne` → promotiecampagnes): a noun's, itself
/// included (a head in -en is a plural or a noun, not a verb).
pub fn noun_inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    noun_forms(word, &mut out);
    out.sort();
    out.dedup();
    out
}

fn noun_forms(word: &str, out: &mut Vec<String>) {
    out.push(format!("{word}s"));
    out.push(format!("{word}'s"));
    out.push(format!("{word}e"));
    out.push(format!("{word}en"));
    if let Some(stem) = word.strip_suffix('f') {
        out.push(format!("{stem}ven"));
    }
    if let Some(stem) = word.strip_suffix('s') {
        out.push(format!("{stem}zen"));
    }
    if ends_in_consonant(word) && short_vowel_before_last(word) {
        let last = word.chars().next_back().unwrap_or('x');
        out.push(format!("{word}{last}en"));
        out.push(format!("{word}{last}e"));
    }
    // Double vowel closed syllable: "advies" no, "taak" → taken.
    let cs: Vec<char> = word.chars().collect();
    if cs.len() >= 3 {
        let n = cs.len();
        if cs[n - 2] == cs[n - 3] && is_vowel(cs[n - 2]) && !is_vowel(cs[n - 1]) && cs[n - 2] != 'e'
            || (cs.len() >= 3 && cs[n - 2] == 'e' && cs[n - 3] == 'e' && !is_vowel(cs[n - 1]))
        {
            let mut s: String = cs[..n - 2].iter().collect();
            s.push(cs[n - 1]);
            out.push(format!("{s}en"));
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn ends_in_consonant(w: &str) -> bool {
    w.chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() && !is_vowel(c))
}

/// "…CVC" with a single short vowel: the consonant doubles before -en (congres →
/// congressen, netwerk no).
fn short_vowel_before_last(w: &str) -> bool {
    let cs: Vec<char> = w.chars().collect();
    let n = cs.len();
    n >= 3 && !is_vowel(cs[n - 1]) && is_vowel(cs[n - 2]) && !is_vowel(cs[n - 3])
}

/// Stem ending in a single vowel + single consonant after a consonant, whose
/// infinitive had an open syllable: the vowel is doubled (adviser → adviseer).
fn open_syllable(stem: &str) -> bool {
    let cs: Vec<char> = stem.chars().collect();
    let n = cs.len();
    n >= 3
        && !is_vowel(cs[n - 1])
        && matches!(cs[n - 2], 'a' | 'e' | 'o' | 'u')
        && !is_vowel(cs[n - 3])
        && !matches!(cs[n - 1], 'w' | 'j')
}

/// 't kofschip: stems ending in t, k, f, s, ch or p take -te/-ten/-t.
fn ends_voiceless(stem: &str) -> bool {
    stem.ends_with("ch")
        || stem
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, 't' | 'k' | 'f' | 's' | 'p' | 'x'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, forms: &[&str]) {
        let got = inflections(word);
        for f in forms {
            assert!(got.iter().any(|g| g == f), "{word}: missing {f} in {got:?}");
        }
    }

    #[test]
    fn verbs_get_present_past_and_participles() {
        has(
            "adviseren",
            &[
                "adviseer",
                "adviseert",
                "adviseerde",
                "adviseerden",
                "geadviseerd",
                "adviserend",
                "adviserende",
            ],
        );
        has(
            "ondersteunen",
            &["ondersteun", "ondersteunt", "ondersteunde", "ondersteund"],
        );
        has("initieren", &["initieer", "initieert", "geinitieerd"]);
        has("organiseren", &["organiseert", "organiseerde", "georganiseerd"]);
        has("samenbrengen", &["samenbreng", "samenbrengt", "samengebrengd"]);
        has("opstellen", &["opstel", "opgesteld"]);
        has("uitvoeren", &["uitgevoerd", "uitvoert"]);
        has("stimuleren", &["stimuleert", "gestimuleerd"]);
        has("bundelen", &["bundelt", "gebundeld"]);
        has("begeleiden", &["begeleidt", "begeleid", "begeleidde"]);
        has("opvolgen", &["opgevolgd"]);
    }

    #[test]
    fn overleg_is_not_inflected_into_its_false_friend() {
        let got = inflections("overleggen");
        assert!(got.contains(&"overlegd".to_string()));
        assert!(!got.iter().any(|g| g == "overgelegd"));
        has("overleg", &["overlegt", "overlegde", "overlegden", "overlegd"]);
    }

    #[test]
    fn nouns_get_plurals() {
        has("project", &["projecten"]);
        has("initiatief", &["initiatieven"]);
        has("advies", &["adviezen"]);
        has("congres", &["congressen"]);
        has("trekker", &["trekkers"]);
    }
}
