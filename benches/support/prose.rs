//! Deterministic generator of *illustrative*, pact-like Dutch prose for the reader
//! benchmark (`benches/readers.sh`): unlike `gen.rs`, whose texts are saturated with role
//! cues, most sentences here are what most of a real pact is — situering, figures,
//! analyses, what other actors do — and only a few percent are statements of the RESOC's
//! own role. Nothing here is a real pact: every text says so under its title.
#![allow(dead_code)]

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

pub const NOTE: &str = "Gegenereerde illustratieve tekst.";

const REGIONS: &[&str] = &[
    "Kempen",
    "Westhoek",
    "Leiestreek",
    "Meetjesland",
    "Hageland",
    "Waasland",
    "Maasland",
];
const TOPICS: &[&str] = &[
    "de arbeidsmarkt",
    "het onderwijs",
    "de logistiek",
    "de zorgeconomie",
    "het toerisme",
    "de mobiliteit",
    "de sociale economie",
    "de landbouw",
    "de bedrijventerreinen",
    "de innovatie",
    "de detailhandel",
];
const OTHERS: &[&str] = &[
    "De provincie",
    "De VDAB",
    "De intercommunale",
    "Het stadsbestuur",
    "Unizo",
    "Voka",
    "De hogeschool",
    "Het sectorfonds",
    "De gemeenten",
    "Syntra",
];
const NOUNS: &[&str] = &[
    "werkzaamheidsgraad",
    "werkloosheid",
    "bevolking",
    "vergrijzing",
    "pendel",
    "vacaturegraad",
    "ondernemingsdynamiek",
    "export",
    "woningprijs",
    "schooluitval",
    "opleidingsgraad",
    "tewerkstelling",
];
/// Background sentences: {R} region, {T} topic, {O} another actor, {N} noun, {Y} year, {P} figure.
const BACKGROUND: &[&str] = &[
    "De {N} in de regio {R} bedroeg in {Y} ongeveer {P} procent.",
    "Sinds {Y} is de {N} met {P} procent gestegen, sneller dan het Vlaamse gemiddelde.",
    "In vergelijking met de buurregio's scoort {R} zwak op de {N}.",
    "De analyse toont dat {T} in {R} onder druk staat door de {N}.",
    "Het aandeel van {T} in de totale tewerkstelling bedraagt {P} procent.",
    "Vooral in de kleinere gemeenten is de {N} een aandachtspunt voor de komende jaren.",
    "{O} investeert de komende periode in {T} van de streek.",
    "{O} beheert een netwerk van loketten voor werkzoekenden en werkgevers.",
    "De cijfers komen uit de statistieken van {Y} en worden jaarlijks bijgewerkt.",
    "De streek telt {P} duizend inwoners, verspreid over dertig gemeenten.",
    "De ligging tussen twee stedelijke polen maakt de regio aantrekkelijk voor bedrijven.",
    "Een verdere daling van de {N} is niet uitgesloten wanneer de conjunctuur verzwakt.",
    "{O} voert sinds {Y} een eigen project uit rond {T}.",
    "De verkeersdruk op de gewestwegen blijft een knelpunt voor {T}.",
    "Het onderwijsaanbod sluit niet altijd aan bij de vraag van de bedrijven.",
    "De sterkte-zwakteanalyse werd besproken met alle betrokken partners.",
];
/// Statements of the RESOC's own role.
const ROLE: &[&str] = &[
    "Het RESOC brengt de partners rond {T} samen en stemt hun plannen op elkaar af.",
    "Het RESOC neemt de trekkersrol op voor een project rond {T}.",
    "Het RESOC adviseert de Vlaamse overheid over {T} in {R}.",
    "Het RESOC organiseert jaarlijks een studiedag over {T}.",
    "Het RESOC ondersteunt de gemeenten bij hun beleid rond {T}.",
    "Het RESOC volgt de uitvoering van de acties rond {T} op.",
];
const ROLE_PER_1000: u64 = 40;

struct Rng(ChaCha8Rng);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.0.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn fill(template: &str, rng: &mut Rng, region: &str) -> String {
    let mut s = template.replace("{R}", region);
    for (slot, list) in [("{T}", TOPICS), ("{O}", OTHERS), ("{N}", NOUNS)] {
        while s.contains(slot) {
            let v = rng.pick(list);
            s = s.replacen(slot, v, 1);
        }
    }
    let year = 2000 + rng.below(20);
    let pct = 3 + rng.below(80);
    s.replace("{Y}", &year.to_string())
        .replace("{P}", &pct.to_string())
}

/// One pact-like text of about `target_bytes` bytes, with sections of paragraphs in
/// which about 4% of the sentences state the RESOC's own role.
pub fn pact(seed: u64, target_bytes: usize) -> String {
    let mut rng = Rng(ChaCha8Rng::seed_from_u64(seed));
    let region = rng.pick(REGIONS);
    let mut out = format!("# Streekpact RESOC {region}\n\n{NOTE}\n\n");
    let mut section = 0;
    while out.len() < target_bytes {
        section += 1;
        out.push_str(&format!("## {section}. {}\n\n", rng.pick(TOPICS)));
        for _ in 0..(3 + rng.below(4)) {
            let mut paragraph = Vec::new();
            for _ in 0..(3 + rng.below(5)) {
                let template = if rng.below(1000) < ROLE_PER_1000 {
                    rng.pick(ROLE)
                } else {
                    rng.pick(BACKGROUND)
                };
                paragraph.push(fill(template, &mut rng, region));
            }
            out.push_str(&paragraph.join(" "));
            out.push_str("\n\n");
        }
    }
    out
}

/// `files` texts of about `kb` KiB, named `prose-00001.md` …
pub fn corpus(seed: u64, files: usize, kb: usize) -> Vec<(String, String)> {
    (0..files)
        .map(|i| {
            (
                format!("prose-{:05}.md", i + 1),
                pact(seed.wrapping_mul(1_000_003).wrapping_add(i as u64), kb * 1024),
            )
        })
        .collect()
}
