//! Sentence-level attribution: a unit (sentence, list item) that names another RESOC
//! than its section's is about the RESOC it names (docs/method.md, "Which RESOC a
//! passage is about").

use super::{Section, UnitKind};
use crate::registry::Registry;

/// Whom a unit's statements are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitAttribution {
    /// The section's RESOC (or none, when the section has none).
    Section,
    /// The RESOC(s) the unit names instead: one, or each of a joint subject ("RESOC
    /// Leuven en RESOC Halle-Vilvoorde organiseren samen …").
    Resocs(Vec<String>),
    /// Nobody: the unit reports a relation between RESOCs (a merger), not a role.
    Nobody,
}

/// The attribution of each unit of a section, in unit order.
///
/// - a unit that names no RESOC, or only its section's, is the section's;
/// - a unit whose RESOC names stand in one phrase (one RESOC, or several joined by
///   "en") is about those RESOCs;
/// - a unit naming RESOCs in several phrases is its section's when the section's RESOC
///   is among them, the one RESOC when all phrases name the same, else nobody's;
/// - headings are the section's: they already decided its RESOC.
///
/// `may_name(u)` tells cheaply whether unit `u` can name a RESOC at all (the caller knows
/// its words); the others are the section's without a search.
pub fn attribute_units(
    section: &Section,
    registry: &Registry,
    may_name: &dyn Fn(usize) -> bool,
) -> Vec<UnitAttribution> {
    section
        .units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            if u.kind == UnitKind::Heading || !may_name(k) {
                return UnitAttribution::Section;
            }
            let phrases = registry.name_phrases_in(&u.text);
            let mut names: Vec<&String> = phrases.iter().flatten().collect();
            names.sort();
            names.dedup();
            let own = section.resoc.as_ref();
            if names.is_empty() || names.iter().all(|n| Some(*n) == own) {
                return UnitAttribution::Section;
            }
            let one_phrase = phrases.iter().all(|p| p == &phrases[0]);
            if one_phrase {
                let mut named = phrases[0].clone();
                named.dedup();
                return UnitAttribution::Resocs(named);
            }
            if own.is_some_and(|o| names.contains(&o)) {
                UnitAttribution::Section
            } else if names.len() == 1 {
                UnitAttribution::Resocs(vec![names[0].clone()])
            } else {
                UnitAttribution::Nobody
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment_document;

    fn attributions(text: &str) -> Vec<UnitAttribution> {
        let registry = Registry::builtin();
        let doc = segment_document("x.md", text, &registry);
        doc.sections
            .iter()
            .flat_map(|s| attribute_units(s, &registry, &|_| true))
            .collect()
    }

    #[test]
    fn a_unit_naming_another_resoc_is_about_that_resoc() {
        let got = attributions(
            "# Streekpact RESOC Kempen\n\nHet RESOC organiseert overleg. RESOC Limburg voert zelf projecten uit. \
             RESOC Kempen geeft advies.\n",
        );
        assert_eq!(
            got,
            [
                UnitAttribution::Section,
                UnitAttribution::Section,
                UnitAttribution::Resocs(vec!["RESOC Limburg".into()]),
                UnitAttribution::Section,
            ]
        );
    }

    #[test]
    fn a_joint_subject_names_each_and_a_merger_nobody() {
        let got = attributions(
            "# Vlaams-Brabant\n\nRESOC Leuven en RESOC Halle-Vilvoorde organiseren samen een congres. \
             RESOC Brugge en RESOC Oostende gaan op in RESOC Noord-West-Vlaanderen.\n",
        );
        assert_eq!(
            &got[1..],
            [
                UnitAttribution::Resocs(vec!["RESOC Leuven".into(), "RESOC Halle-Vilvoorde".into()]),
                UnitAttribution::Nobody,
            ]
        );
    }
}
