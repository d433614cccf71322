//! Deterministic generator of *illustrative* Dutch streekpact text, for benchmarks and
//! load tests. Nothing here is a real pact: every text says so in its first paragraph.
//!
//! The texts imitate the shape of a Flemish streekpact (title naming the RESOC,
//! numbered `##`/`###` theme headings, prose, lead-in sentences ending in ':' followed
//! by `- ` lists, "Trekker:"/"Rol RESOC:" field lists, **bold** main roles,
//! (parenthesised) side roles, hard-wrapped and hyphenated lines as left by PDF
//! conversion) and its vocabulary: a Zipf-distributed list of common Dutch words with
//! an open tail of generated compounds (streekoverleg, projectoproep,
//! arbeidsmarktbeleid …), the role cues of `lexicons/streekpact.tsv`, hedges,
//! negations, past tense and other actors from `lexicons/context.tsv`.
//!
//! Pure and portable: the same seed gives the same bytes on every platform (ChaCha8
//! seeded with `seed_from_u64`, integer-only draws, no hash-map iteration, no floats).
//!
//! Used by `benches/pipeline.rs` and `examples/gen_corpus.rs` (via `#[path]`).
#![allow(dead_code)]

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// The registry of the 15 RESOCs; the generator names one of them in each title.
const RESOCS_TSV: &str = include_str!("../../lexicons/resocs.tsv");

/// The note every generated text carries in its first paragraph.
pub const NOTE: &str = "Gegenereerde illustratieve tekst.";

/// The RESOC names of `lexicons/resocs.tsv` without the "RESOC " prefix ("Kempen",
/// "Waas en Dender", …), in file order.
pub fn resoc_names() -> Vec<&'static str> {
    RESOCS_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("canonical\t"))
        .filter_map(|l| l.split('\t').next())
        .map(|c| c.strip_prefix("RESOC ").unwrap_or(c))
        .collect()
}

/// One illustrative pact of about `target_bytes` bytes (it stops at the first
/// paragraph past the target, then adds a short closing section; a tiny target still
/// gives the title, the note and the closing section).
pub fn pact(seed: u64, target_bytes: usize) -> String {
    let mut g = Gen::new(seed, target_bytes);
    g.document();
    g.out
}

/// `files` pacts of about `kb` KiB each, named `pact-00001.md` …; file `i` is
/// `pact(file_seed(seed, i), kb * 1024)`.
pub fn corpus(seed: u64, files: usize, kb: usize) -> Vec<(String, String)> {
    (0..files)
        .map(|i| {
            (
                format!("pact-{:05}.md", i + 1),
                pact(file_seed(seed, i), kb * 1024),
            )
        })
        .collect()
}

/// The seed of file `i` of a corpus (SplitMix64 of the corpus seed and the index), so
/// that files differ and file `i` does not depend on how many files are generated.
pub fn file_seed(seed: u64, i: usize) -> u64 {
    let mut z = seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// --- random draws ------------------------------------------------------------------

struct Rng(ChaCha8Rng);

impl Rng {
    /// Uniform in `0..n` without modulo bias (Lemire's multiply-and-reject).
    fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        let threshold = n.wrapping_neg() % n; // 2^64 mod n
        loop {
            let m = u128::from(self.0.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Inclusive range.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.index(hi - lo + 1)
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.index(xs.len())]
    }
}

/// Zipf–Mandelbrot (s = 1, rank offset 2) over ranks 0..n, with integer weights
/// ⌊2^32 / (rank + 2)⌋: the head word gets about a tenth of the draws instead of a
/// fifth, the tail still thins out as 1/rank.
struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0u64;
        let cumulative = (0..n as u64)
            .map(|r| {
                total += (1u64 << 32) / (r + 2);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let x = rng.below(*self.cumulative.last().expect("non-empty"));
        self.cumulative.partition_point(|&c| c <= x)
    }
}

// --- vocabulary (ranked: earlier words are drawn more often) -------------------------

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "regio", "werk", "bedrijven", "onderwijs", "economie", "streek", "werkzoekenden", "jongeren",
    "arbeidsmarkt", "opleiding", "ondernemers", "beleid", "samenwerking", "ontwikkeling",
    "werkgelegenheid", "sector", "inwoners", "kansen", "innovatie", "mobiliteit", "ruimte", "zorg",
    "vacatures", "scholen", "werkgevers", "werknemers", "middelen", "doelstellingen", "knelpunten",
    "uitdagingen", "groei", "toekomst", "aanpak", "visie", "bevolking", "talent", "competenties",
    "infrastructuur", "bedrijventerreinen", "investeringen", "kennis", "toerisme", "landbouw",
    "logistiek", "haven", "kinderopvang", "armoede", "inclusie", "vergrijzing", "digitalisering",
    "energie", "klimaat", "welvaart", "bereikbaarheid", "dienstverlening", "detailhandel", "kernen",
    "platteland", "stageplaatsen", "ideeën", "troeven", "cijfers", "sectoren", "verkeer", "fietsroutes",
    "opleidingen", "ondernemerschap", "schoolverlaters", "anderstaligen", "ouderen", "kmo's",
    "starters", "kennisinstellingen", "zorgsector", "bouwsector", "voedingsindustrie", "maakindustrie",
    "chemie", "verenigingen", "dorpen", "centrumsteden", "arbeidskrachten", "profielen",
    "knelpuntberoepen", "taalkennis", "levenslang leren", "werkbaar werk", "sociale economie",
    "strategie", "prioriteiten", "indicatoren", "resultaten", "evolutie", "tewerkstelling",
    "werkloosheid", "activiteitsgraad", "pendel", "huisvesting", "woningmarkt", "erfgoed", "recreatie",
    "natuur", "open ruimte", "water", "grondstoffen", "circulaire economie", "export",
    "internationalisering", "creativiteit", "cultuur", "welzijn", "diploma's", "vaardigheden",
    "technologie", "productiviteit", "vestigingsklimaat", "ondernemingen", "zelfstandigen", "jobs",
    "uitstroom", "instroom", "loopbanen",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "regionale", "sociale", "economische", "lokale", "nieuwe", "grote", "sterke", "duurzame",
    "financiële", "technische", "Vlaamse", "Europese", "provinciale", "belangrijke", "gezamenlijke",
    "kwetsbare", "hoge", "lage", "jonge", "innovatieve", "efficiënte", "brede", "kleine", "landelijke",
    "stedelijke", "structurele", "moeilijke", "gunstige", "huidige", "verschillende", "groeiende",
    "dalende", "beschikbare", "gespecialiseerde", "toegankelijke", "betaalbare", "geïntegreerde",
    "creatieve", "reële", "ruimere", "industriële", "toeristische", "ideële",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "versterkt", "verbetert", "vergroot", "verhoogt", "kent", "heeft", "biedt", "vormt", "benut",
    "krijgt", "zoekt", "bereikt", "omvat", "verbindt", "vraagt", "toont", "creëert", "beïnvloedt",
    "behoudt", "verandert", "bepaalt", "telt", "combineert", "herbergt", "mist", "versnelt", "verlaagt",
    "verdient", "vernieuwt", "verduurzaamt",
];

#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "ook", "sterk", "duidelijk", "verder", "bovendien", "steeds meer", "nog altijd", "opnieuw",
    "sneller", "beter", "jaarlijks", "structureel", "gericht", "in toenemende mate", "vandaag",
    "daarnaast", "uitdrukkelijk",
];

#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "op", "voor", "bij", "rond", "binnen", "tussen", "naar", "over", "via", "zonder", "tegenover",
];

const DETERMINERS: &[&str] = &["de", "het", "een", "onze", "alle", "deze", "elke"];

/// First parts of compounds, with their linking sound where Dutch puts one.
#[rustfmt::skip]
const COMPOUND_HEADS: &[&str] = &[
    "streek", "project", "arbeidsmarkt", "werk", "opleidings", "onderwijs", "haven", "bedrijfs", "zorg",
    "innovatie", "mobiliteits", "ruimte", "kennis", "talent", "jongeren", "ondernemers", "energie",
    "klimaat", "stage", "school", "beroeps", "regio", "sector", "vacature", "taal", "toerisme",
    "landbouw", "logistiek", "welzijns", "export", "kinderopvang", "jobs", "kern",
];

/// Last parts of compounds.
#[rustfmt::skip]
const COMPOUND_TAILS: &[&str] = &[
    "overleg", "oproep", "beleid", "plan", "traject", "platform", "netwerk", "fonds", "markt", "aanbod",
    "centrum", "terrein", "profiel", "forum", "beurs", "programma", "dag", "werking", "begeleiding",
    "strategie", "partners", "cluster", "monitor", "agenda", "cel", "loket", "tafel", "coördinatie",
    "project", "atlas", "charter", "premie", "screening",
];

#[rustfmt::skip]
const ACTORS: &[&str] = &[
    "de provincie", "VDAB", "de stad", "de gemeenten", "UNIZO", "Voka", "de intercommunale", "Syntra",
    "de vakbonden", "de werkgeversorganisaties", "het OCMW", "de Vlaamse overheid", "de sectorfondsen",
    "de hogeschool", "de POM", "het provinciebestuur", "de universiteit", "Toerisme Vlaanderen",
];

#[rustfmt::skip]
const PARTNER_GROUPS: &[&str] = &[
    "de sociale partners", "de partners", "de gemeenten", "de onderwijsverstrekkers",
    "de werkgevers en de vakbonden", "de lokale besturen", "de bedrijven", "de scholen en de bedrijven",
    "de centrumsteden en de landelijke gemeenten", "alle betrokken actoren",
];

#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "Werk en arbeidsmarkt", "Onderwijs en opleiding", "Haven en logistiek",
    "Mobiliteit en bereikbaarheid", "Ruimte voor ondernemen", "Zorgeconomie", "Toerisme en recreatie",
    "Landbouw en platteland", "Innovatie en kennis", "Sociale economie", "Energie en klimaat",
    "Detailhandel en kernversterking", "Kinderopvang", "Werkbaar werk", "Armoede en inclusie",
    "Internationalisering", "Cultuur en creatieve economie", "Wonen en werken", "Talent in de regio",
    "Ondernemerschap", "Digitalisering", "Circulaire economie", "Jongeren en de arbeidsmarkt",
    "Levenslang leren", "Bedrijventerreinen", "Taal en integratie", "Welzijn",
    "Grensoverschrijdende samenwerking",
];

#[rustfmt::skip]
const INFINITIVES: &[&str] = &[
    "versterken", "verhogen", "verbeteren", "uitbreiden", "beter benutten", "toegankelijker maken",
    "doen dalen", "in kaart brengen", "verduurzamen", "vernieuwen", "beter afstemmen op de vraag",
    "zichtbaar maken", "behouden",
];

#[rustfmt::skip]
const LEAD_INS: &[&str] = &[
    "Het RESOC neemt daarbij de volgende taken op:", "Concreet betekent dit:",
    "De partners engageren zich voor de volgende acties:", "Het RESOC kan diverse initiatieven nemen:",
    "Voor dit thema zijn de prioriteiten:", "Het RESOC zal in de komende jaren:",
    "Kernpunten uit de analyse:",
];

// --- the generator -----------------------------------------------------------------

struct Gen {
    rng: Rng,
    out: String,
    budget: usize,
    seed: u64,
    resoc: &'static str,
    nouns: Zipf,
    adjectives: Zipf,
    verbs: Zipf,
    section: usize,
    theme: usize,
}

impl Gen {
    fn new(seed: u64, target_bytes: usize) -> Gen {
        let mut rng = Rng(ChaCha8Rng::seed_from_u64(seed));
        let names = resoc_names();
        let resoc = names[rng.index(names.len())];
        Gen {
            rng,
            out: String::with_capacity(target_bytes + 4096),
            // Room for the closing section.
            budget: target_bytes.saturating_sub(500),
            seed,
            resoc,
            nouns: Zipf::new(NOUNS.len()),
            adjectives: Zipf::new(ADJECTIVES.len()),
            verbs: Zipf::new(VERBS.len()),
            section: 0,
            theme: 0,
        }
    }

    fn full(&self) -> bool {
        self.out.len() >= self.budget
    }

    fn document(&mut self) {
        self.out
            .push_str(&format!("# Streekpact RESOC {}\n\n", self.resoc));
        self.out.push_str(&format!(
            "*{NOTE} Dit is geen echt streekpact: de tekst werd automatisch samengesteld \
             (seed {}) om de software streekpact te testen en te meten. Namen, cijfers en \
             rollen zijn willekeurig.*\n\n",
            self.seed
        ));
        self.situering();
        self.analyse();
        self.visie();
        while !self.full() {
            self.theme();
        }
        self.opvolging();
    }

    // --- sections ---

    fn heading(&mut self, level: usize, title: &str) {
        self.out.push_str(&"#".repeat(level));
        self.out.push(' ');
        self.out.push_str(title);
        self.out.push_str("\n\n");
    }

    fn numbered(&mut self, title: &str) {
        self.section += 1;
        let t = format!("{}. {title}", self.section);
        self.heading(2, &t);
    }

    fn situering(&mut self) {
        if self.full() {
            return;
        }
        self.numbered("Situering");
        let first = format!(
            "Het RESOC {} is het Regionaal Sociaal-Economisch Overlegcomité van de regio {}. \
             Het werd opgericht in uitvoering van het decreet van 7 mei 2004 en verenigt de sociale \
             partners, de gemeenten en de provincie.",
            self.resoc, self.resoc
        );
        let mut p = first;
        for _ in 0..self.rng.range(2, 4) {
            p.push(' ');
            p.push_str(&self.prose_sentence());
        }
        self.paragraph(&p);
        self.prose_paragraph();
    }

    fn analyse(&mut self) {
        if self.full() {
            return;
        }
        self.numbered("Analyse");
        for _ in 0..self.rng.range(1, 3) {
            self.prose_paragraph();
        }
        self.out.push_str("Kernpunten uit de SWOT:\n\n");
        for label in ["sterktes", "zwaktes", "kansen", "bedreigingen"] {
            let items: Vec<String> = (0..self.rng.range(2, 4)).map(|_| self.noun_phrase()).collect();
            let end = if label == "bedreigingen" { "." } else { ";" };
            self.out
                .push_str(&format!("- {label}: {}{end}\n", items.join(", ")));
        }
        self.out.push('\n');
    }

    fn visie(&mut self) {
        if self.full() {
            return;
        }
        self.numbered("Visie en rol van het RESOC");
        for _ in 0..self.rng.range(1, 2) {
            self.role_paragraph();
        }
        self.role_list();
    }

    fn theme(&mut self) {
        self.theme += 1;
        self.section += 1;
        let topic = self.rng.pick(TOPICS);
        let title = match self.rng.index(5) {
            0 => format!("{}. {topic}", self.section),
            1 => format!("{}. Ambitie {}: {topic}", self.section, self.theme),
            2 => format!("{}. Speerpunt {}: {topic}", self.section, self.theme),
            _ => format!("{}. Thema {}: {topic}", self.section, self.theme),
        };
        self.heading(2, &title);
        self.prose_paragraph();
        let n = self.section;
        let mut sub = 0;
        let mut next_sub = |g: &mut Gen, name: &str| {
            sub += 1;
            g.heading(3, &format!("{n}.{sub} {name}"));
        };
        if self.full() {
            return;
        }
        next_sub(self, "Operationele doelstellingen");
        for _ in 0..self.rng.range(2, 5) {
            let line = format!("- {}\n", self.goal());
            self.out.push_str(&line);
        }
        self.out.push('\n');
        if self.full() {
            return;
        }
        next_sub(self, "Acties");
        for _ in 0..self.rng.range(1, 3) {
            if self.full() {
                return;
            }
            match self.rng.index(4) {
                0 => self.role_list(),
                1 => self.field_list(),
                2 => self.prose_paragraph(),
                _ => self.role_paragraph(),
            }
        }
        if self.rng.chance(1, 3) && !self.full() {
            next_sub(self, "Rol van het RESOC");
            self.role_paragraph();
        }
    }

    fn opvolging(&mut self) {
        self.section += 1;
        let t = format!("{}. Opvolging", self.section);
        self.heading(2, &t);
        self.paragraph(
            "Het RESOC volgt de uitvoering van het streekpact op en stelt jaarlijks een \
             voortgangsrapport op. Bij de evaluatie halverwege de looptijd kan het pact worden \
             bijgestuurd (in overleg met de partners).",
        );
    }

    // --- paragraphs ---

    fn prose_paragraph(&mut self) {
        let n = self.rng.range(3, 7);
        let mut sentences: Vec<String> = (0..n).map(|_| self.prose_sentence()).collect();
        if self.rng.chance(1, 4) {
            let k = self.rng.index(sentences.len());
            sentences[k] = self.role_sentence();
        }
        self.paragraph(&sentences.join(" "));
    }

    fn role_paragraph(&mut self) {
        let n = self.rng.range(2, 5);
        let sentences: Vec<String> = (0..n)
            .map(|_| {
                if self.rng.chance(2, 3) {
                    self.role_sentence()
                } else {
                    self.prose_sentence()
                }
            })
            .collect();
        self.paragraph(&sentences.join(" "));
    }

    /// A lead-in sentence ending in ':' and its list items.
    fn role_list(&mut self) {
        let lead = self.rng.pick(LEAD_INS);
        self.out.push_str(lead);
        self.out
            .push_str(if self.rng.chance(1, 2) { "\n\n" } else { "\n" });
        let n = self.rng.range(2, 6);
        for k in 0..n {
            let item = self.role_item();
            let end = if k + 1 == n { "." } else { ";" };
            self.out.push_str(&format!("- {item}{end}\n"));
        }
        self.out.push('\n');
    }

    /// An action with its fields ("Trekker: …", "Rol RESOC: …").
    fn field_list(&mut self) {
        let k = self.rng.range(1, 9);
        let np = self.noun_phrase();
        let title = format!("**Actie {}.{k}: {}**", self.theme, cap(&np));
        self.paragraph(&title);
        let trekker = if self.rng.chance(1, 2) {
            format!("RESOC {}", self.resoc)
        } else {
            self.rng.pick(ACTORS).to_string()
        };
        let partners: Vec<&str> = (0..self.rng.range(2, 4)).map(|_| self.rng.pick(ACTORS)).collect();
        let rol = self.rng.pick(&[
            "overleg en advies",
            "**samenbrengen van de partners**",
            "projectleiding en uitvoering",
            "trekker, aanvraag van ESF-middelen",
            "ondersteunen (in bepaalde gevallen cofinanciering)",
            "opvolging en bijsturing",
            "geen eigen rol; het RESOC volgt op",
        ]);
        let start = 2014 + self.rng.index(4);
        self.out.push_str(&format!(
            "- Trekker: {trekker}\n- Partners: {}\n- Rol RESOC: {rol}\n- Looptijd: {start}-{}\n",
            partners.join(", "),
            start + self.rng.range(1, 4)
        ));
        if self.rng.chance(1, 3) {
            let euro = self.rng.range(20, 900) * 1000;
            self.out
                .push_str(&format!("- Budget: {} euro\n", thousands(euro)));
        }
        self.out.push('\n');
    }

    /// A paragraph, hard-wrapped (with the odd hyphenated word) one time in three, as
    /// text converted from PDF often is.
    fn paragraph(&mut self, text: &str) {
        if self.rng.chance(1, 3) {
            let width = self.rng.range(64, 100);
            self.wrap(text, width);
        } else {
            self.out.push_str(text);
        }
        self.out.push_str("\n\n");
    }

    fn wrap(&mut self, text: &str, width: usize) {
        let mut col = 0;
        for (k, word) in text.split(' ').enumerate() {
            let len = word.chars().count();
            if k > 0 && col + 1 + len > width && safe_line_start(word) {
                let n_chars = len;
                let alphabetic = word.chars().all(char::is_alphabetic);
                if alphabetic && n_chars >= 10 && self.rng.chance(1, 4) {
                    // Hyphenate at a character boundary, leaving a lowercase rest.
                    let cut = self.rng.range(4, n_chars - 4);
                    let byte = word.char_indices().nth(cut).map_or(word.len(), |(b, _)| b);
                    let (a, b) = word.split_at(byte);
                    if b.chars().next().is_some_and(char::is_lowercase) {
                        self.out.push(' ');
                        self.out.push_str(a);
                        self.out.push_str("-\n");
                        self.out.push_str(b);
                        col = b.chars().count();
                        continue;
                    }
                }
                self.out.push('\n');
                col = 0;
            } else if k > 0 {
                self.out.push(' ');
                col += 1;
            }
            self.out.push_str(word);
            col += len;
        }
    }

    // --- sentences ---

    fn noun(&mut self) -> String {
        if self.rng.chance(1, 10) {
            self.compound()
        } else {
            NOUNS[self.nouns.draw(&mut self.rng)].to_string()
        }
    }

    /// The open tail: streek+overleg, project+oproep, arbeidsmarkt+beleid, and now and
    /// then three parts (jongeren+stage+loket).
    fn compound(&mut self) -> String {
        let mut s = String::new();
        s.push_str(self.rng.pick(COMPOUND_HEADS));
        if self.rng.chance(1, 5) {
            s.push_str(self.rng.pick(COMPOUND_HEADS));
        }
        s.push_str(self.rng.pick(COMPOUND_TAILS));
        s
    }

    fn adjective(&mut self) -> &'static str {
        ADJECTIVES[self.adjectives.draw(&mut self.rng)]
    }

    fn noun_phrase(&mut self) -> String {
        let det = self.rng.pick(DETERMINERS);
        let noun = self.noun();
        if self.rng.chance(1, 2) {
            let adj = self.adjective();
            format!("{det} {adj} {noun}")
        } else {
            format!("{det} {noun}")
        }
    }

    fn prep_phrase(&mut self) -> String {
        let prep = self.rng.pick(PREPOSITIONS);
        let np = self.noun_phrase();
        format!("{prep} {np}")
    }

    fn partners(&mut self) -> String {
        if self.rng.chance(1, 3) {
            let a = self.rng.pick(ACTORS);
            let b = self.rng.pick(ACTORS);
            format!("{a} en {b}")
        } else {
            self.rng.pick(PARTNER_GROUPS).to_string()
        }
    }

    fn year(&mut self) -> usize {
        2005 + self.rng.index(15)
    }

    fn prose_sentence(&mut self) -> String {
        let verb = VERBS[self.verbs.draw(&mut self.rng)];
        let mut s = match self.rng.index(8) {
            0 | 1 => {
                let subj = self.noun_phrase();
                let obj = self.noun_phrase();
                let pp = self.prep_phrase();
                format!("{} {verb} {obj} {pp}", cap(&subj))
            }
            2 | 3 => {
                let pp = self.prep_phrase();
                let subj = self.noun_phrase();
                let adv = self.rng.pick(ADVERBS);
                let obj = self.noun_phrase();
                format!("{} {verb} {subj} {adv} {obj}", cap(&pp))
            }
            4 => {
                let subj = self.noun_phrase();
                let pp = self.prep_phrase();
                let obj = self.noun_phrase();
                let subj2 = self.noun_phrase();
                let adj = self.adjective();
                format!("{} {pp} {verb} {obj}, terwijl {subj2} {adj} blijft", cap(&subj))
            }
            5 => {
                let y = self.year();
                let n = self.rng.range(120, 48_000);
                let noun = self.noun();
                let pct = self.rng.range(2, 35);
                format!(
                    "In {y} telde de regio {} {noun}, of {pct} procent meer dan in {}",
                    thousands(n),
                    y - self.rng.range(1, 5)
                )
            }
            6 => {
                let a = self.noun_phrase();
                let b = self.noun_phrase();
                let adj = self.adjective();
                let adv = self.rng.pick(ADVERBS);
                format!("Daarnaast zijn {a} en {b} {adv} {adj}")
            }
            _ => {
                let subj = self.noun_phrase();
                let obj = self.noun_phrase();
                let neg = self.rng.pick(&["geen", "niet altijd", "nog niet", "soms"]);
                match neg {
                    "geen" => format!("{} {verb} geen {}", cap(&subj), self.noun()),
                    _ => format!("{} {verb} {neg} {obj}", cap(&subj)),
                }
            }
        };
        if self.rng.chance(1, 8) {
            let aside = self.aside();
            s.push(' ');
            s.push_str(&aside);
        }
        s.push('.');
        if self.rng.chance(1, 25) {
            s = format!("**{s}**");
        }
        s
    }

    fn aside(&mut self) -> String {
        match self.rng.index(7) {
            0 => format!("(zie ook thema {})", self.rng.range(1, self.theme.max(1) + 1)),
            1 => format!("(bv. {})", self.noun_phrase()),
            2 => format!("(in samenwerking met {})", self.rng.pick(ACTORS)),
            3 => format!("(o.a. via {})", self.rng.pick(ACTORS)),
            4 => {
                let y = 2013 + self.rng.index(4);
                format!("({y}-{})", y + 5)
            }
            5 => format!("(eventueel met steun van {})", self.rng.pick(ACTORS)),
            _ => "(in bepaalde gevallen ook als promotor)".to_string(),
        }
    }

    /// A sentence about whose role is what: the cues the scorer looks for, with
    /// hedges, negations, past tense, emphasis and other actors around them.
    fn role_sentence(&mut self) -> String {
        let partners = self.partners();
        let np = self.noun_phrase();
        let actor = self.rng.pick(ACTORS);
        let compound = self.compound();
        let hedge = self.rng.pick(&[
            "",
            "",
            "",
            "soms ",
            "in bepaalde gevallen ",
            "vooral ",
            "eventueel ",
        ]);
        let mut which = self.rng.index(25);
        if which == 19 && !self.rng.chance(1, 8) {
            which = 0; // a statement that the role depends on the theme stays rare
        }
        let mut s = match which {
            0 => format!("Het RESOC brengt {partners} samen rond {np}"),
            1 => format!("Het RESOC organiseert {hedge}overleg met {partners} over {np}"),
            2 => format!("Het RESOC neemt de trekkersrol op voor het {compound}"),
            3 => format!("Het RESOC kan in bepaalde gevallen projecten van {actor} ondersteunen"),
            4 => "Het RESOC voert zelf geen projecten uit".to_string(),
            5 => "Het RESOC stelt het streekpact op en volgt de uitvoering ervan op".to_string(),
            6 => format!("Soms coördineert het RESOC een project van {actor}"),
            7 => format!(
                "{} voert de projecten uit; het RESOC adviseert over {np}",
                cap(actor)
            ),
            8 => format!("{} organiseert een studiedag over {np}", cap(actor)),
            9 => format!("{} financiert het {compound}", cap(actor)),
            10 => format!("Het RESOC is niet de trekker van het {compound}"),
            11 => format!("Het RESOC wil vooral een platform zijn voor {partners}"),
            12 => format!("In het vorige streekpact trok het RESOC zelf projecten, zoals het {compound}"),
            13 => format!("Het RESOC adviseert de Vlaamse overheid over {np}"),
            14 => format!(
                "Het RESOC lanceert een projectoproep rond {np} en financiert de geselecteerde projecten"
            ),
            15 => format!("Het RESOC ondersteunt {hedge}initiatieven van {actor} rond {np}"),
            16 => "Het RESOC heeft geen financiële middelen om zelf projecten te trekken".to_string(),
            17 => {
                format!("Het RESOC zal de acties rond {np} coördineren en de geïnitieerde projecten opvolgen")
            }
            18 => format!("Het RESOC heeft één kernopdracht: {partners} rond de tafel brengen"),
            19 => "De rol van het RESOC hangt af van het thema".to_string(),
            20 => format!("Het RESOC neemt geen trekkersrol op, maar stemt de acties van {partners} af"),
            21 => format!("Waar nodig zet het RESOC zelf een pilootproject op rond {np}"),
            22 => format!("Het RESOC stimuleert {partners} om samen te werken rond {np}"),
            23 => format!(
                "{} neemt het voortouw en het RESOC ondersteunt {hedge}de uitvoering",
                cap(actor)
            ),
            _ => format!(
                "Het RESOC organiseert jaarlijks een jobbeurs voor {}",
                self.noun()
            ),
        };
        if self.rng.chance(1, 6) {
            let aside = self.aside();
            s.push(' ');
            s.push_str(&aside);
        }
        s.push('.');
        if self.rng.chance(1, 6) {
            s = format!("**{s}**");
        }
        s
    }

    /// A list item (lowercase, no final punctuation).
    fn role_item(&mut self) -> String {
        let partners = self.partners();
        let np = self.noun_phrase();
        let compound = self.compound();
        let actor = self.rng.pick(ACTORS);
        let item = match self.rng.index(12) {
            0 => format!("overleg organiseren met {partners}"),
            1 => format!("de partners samenbrengen rond {np}"),
            2 => "projecten ondersteunen (in bepaalde gevallen)".to_string(),
            3 => "het streekpact opstellen en opvolgen".to_string(),
            4 => format!("een studiedag organiseren over {np}"),
            5 => format!("advies geven aan {actor}"),
            6 => format!("de trekkersrol opnemen voor het {compound}"),
            7 => "geen eigen projecten trekken".to_string(),
            8 => format!("financiële middelen zoeken voor het {compound}"),
            9 => format!("de acties van {actor} coördineren"),
            10 => format!("{np} {}", self.rng.pick(INFINITIVES)),
            _ => self.noun_phrase(),
        };
        if self.rng.chance(1, 8) {
            format!("**{item}**")
        } else {
            item
        }
    }

    fn goal(&mut self) -> String {
        let np = self.noun_phrase();
        let inf = self.rng.pick(INFINITIVES);
        match self.rng.index(3) {
            0 => {
                let pct = self.rng.range(3, 25);
                let noun = self.noun();
                format!(
                    "Het aantal {noun} verhogen met {pct} procent tegen {}.",
                    2015 + self.rng.index(6)
                )
            }
            1 => format!("{} {} {inf}.", cap(&np), self.prep_phrase()),
            _ => format!("{} {inf}.", cap(&np)),
        }
    }
}

/// Upper-cases the first character (multi-byte safe).
fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// 48000 → "48.000" (Flemish thousands separator).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    // The leading group has 1–3 digits, every following group 3 (ASCII digits only).
    let (head, rest) = digits.split_at(digits.len() - (digits.len() - 1) / 3 * 3);
    let mut out = head.to_string();
    for group in rest.as_bytes().chunks(3) {
        out.push('.');
        out.push_str(std::str::from_utf8(group).expect("ASCII digits"));
    }
    out
}

/// Whether a wrapped line may start with this word without turning into a list item
/// or heading ("- x", "12. x", "a) x", "# x").
fn safe_line_start(word: &str) -> bool {
    let b = word.as_bytes();
    let list_marker = matches!(word, "-" | "*" | "+" | "–")
        || word.starts_with('#')
        || word.starts_with('>')
        || (b.len() >= 2
            && matches!(b[b.len() - 1], b'.' | b')')
            && (b[..b.len() - 1].iter().all(u8::is_ascii_digit)
                || (b.len() == 2 && b[0].is_ascii_lowercase())));
    !list_marker
}
