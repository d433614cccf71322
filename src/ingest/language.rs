//! Which language a document is in: a text that is reliably another language than
//! Dutch is not scored as Dutch (its cue words would match by accident: "platforms",
//! "projects"). Detection is whatlang's trigram model, on a sample of the text.

use std::sync::LazyLock;

use whatlang::{Detector, Lang};

/// The languages a document about Flemish regions is written in. A shorter list makes
/// detection faster and keeps Dutch from being taken for a close relative (Afrikaans,
/// Frisian) on a short sample.
static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::with_allowlist(vec![
        Lang::Nld,
        Lang::Eng,
        Lang::Fra,
        Lang::Deu,
        Lang::Spa,
        Lang::Ita,
        Lang::Por,
    ])
});

/// Bytes of text a section needs before its own language is judged (a long passage in
/// another language inside a Dutch document: an English summary). Shorter sections
/// are read as their document.
pub const MIN_PASSAGE_BYTES: usize = 1500;

/// Bytes of a long section's text its language is judged on.
pub const PASSAGE_SAMPLE_BYTES: usize = 300;

/// Letters a text needs before its language is judged: a shorter text is read as it is.
const MIN_LETTERS: usize = 200;

/// Bytes of the text sampled: the start, the middle and the end, so that an English
/// summary before a Dutch pact does not decide for the whole document.
const SAMPLE_BYTES: usize = 3 * 220;

/// The detected language (ISO 639-1 where it has one) when the text is reliably not
/// Dutch; `None` for Dutch, for text too short to judge, or when unsure.
pub fn other_than_dutch(text: &str) -> Option<String> {
    let sample = sample(text);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = DETECTOR.detect(&sample)?;
    (info.lang() != Lang::Nld && info.is_reliable()).then(|| short_code(info.lang()))
}

fn sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= SAMPLE_BYTES {
        return text.into();
    }
    let part = SAMPLE_BYTES / 3;
    let at = |from: usize| {
        let mut a = from.min(text.len());
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (a + part).min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        &text[a..b]
    };
    let middle = text.len() / 2;
    format!(
        "{}\n{}\n{}",
        at(0),
        at(middle),
        at(text.len().saturating_sub(part))
    )
    .into()
}

/// The two-letter code of the languages a Flemish researcher meets, else whatlang's
/// three-letter code.
fn short_code(lang: Lang) -> String {
    match lang {
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        other => other.code(),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_found_and_dutch_is_kept() {
        let english = "Regional platforms in Flanders bring together employers, unions and local \
            governments. The platform organises consultation on the labour market and supports \
            projects of its partners. Each region wrote a pact with its priorities and the \
            actions that partners would carry out in the coming years, with a budget.";
        assert_eq!(other_than_dutch(english).as_deref(), Some("en"));
        let dutch = "Het RESOC brengt de sociale partners, de gemeenten en de provincie samen rond \
            de tafel. Het organiseert overleg over de arbeidsmarkt en neemt de trekkersrol op in \
            een project rond opleidingen in de haven. Daarnaast geeft het advies aan de Vlaamse \
            overheid over de streekwerking en de prioriteiten van het streekpact.";
        assert_eq!(other_than_dutch(dutch), None);
        assert_eq!(other_than_dutch("Regional platform."), None, "too short to judge");
    }
}
