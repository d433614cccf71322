//! Clauses from the dependency tree: for a cue occurrence, the predicate it belongs
//! to, who the agent of that predicate is, its object, and what the tree says about
//! negation and about objects of advice (van Atteveldt et al. 2017: who did what,
//! from subject and predicate).

use crate::parse::Tree;

use super::*;

/// Who the tree says acts in a cue's clause.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Agent {
    Resoc,
    Other(String),
    /// No acting agent: a passive without "door …", an expletive subject.
    Nobody,
    /// The tree has no subject for the clause (a fragment, an infinitive list item, a
    /// label): the lexical reading decides.
    Unresolved,
}

/// What the tree says about one cue occurrence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ClauseReading {
    pub(super) agent: Agent,
    /// How the agent was found: `nsubj`, `obl:agent`, `relative`, `conj`, `xcomp`,
    /// `pronoun`, `als`, `nmod`, `initiator`, `bij`, `binnen`, `wish`, `passive`,
    /// `expletive`, or empty when unresolved.
    pub(super) relation: &'static str,
    /// The predicate's words: the verb (with its particle) or the predicate noun.
    pub(super) predicate: String,
    /// The predicate's direct object, if any.
    pub(super) object: String,
    /// The negation word on the predicate or its object ("geen trekkende rol").
    pub(super) negation: Option<String>,
    /// A project cue inside the object of an overleg predicate ("advies over de
    /// projectaanvragen"): the overleg word.
    pub(super) overleg_head: Option<String>,
    /// A role word under a word of support (pole 0): the support word.
    pub(super) support_head: Option<String>,
    /// A project word owned by another actor ("initiatieven van de gemeenten"): who.
    pub(super) owner: Option<String>,
    /// A role word the predicate hands over to someone ("laat de projecten over aan
    /// de gemeenten"): to whom.
    pub(super) handed_to: Option<String>,
    /// A project noun in the phrase that says where the clause holds ("In die
    /// projecten speelt het RESOC een adviserende rol"): that phrase's preposition.
    pub(super) setting: Option<String>,
    /// The verb form that puts the predicate in the past ("zette op", "heeft
    /// opgericht"), from the tree's features.
    pub(super) past: Option<String>,
    /// A split cue whose second part is a preposition of a noun after it, not a
    /// verb particle ("stellen … op onze oude dag").
    pub(super) particle_is_preposition: bool,
    /// A light verb ("organiseren") whose object holds a role word of its own: that
    /// word, which says what is organised.
    pub(super) light_verb_object: Option<String>,
    /// The cue is (in) the object of a light verb ("organiseert de
    /// Westhoekconferentie"): what is organised, also when it is a name.
    pub(super) object_of_light_verb: bool,
    /// A role noun as the subject of a predicate that states no role, with nobody or
    /// another actor acting ("Het project kost 180.000 euro", "De jobbeurs lokt 3.000
    /// bezoekers"): what the clause is about, not a role anyone plays. The predicate.
    pub(super) topic_of: Option<String>,
}

/// What a clause reading needs to know about the unit besides its tree.
pub(super) struct UnitView<'a> {
    pub(super) text: &'a str,
    pub(super) tree: &'a Tree,
    /// Per token: the context kind of a trigger covering it.
    pub(super) kind_at: &'a [Option<ContextKind>],
    /// Per token: the pole of a cue with weight covering it (0: none, or a cue of a
    /// category without a pole, which `cue_at` tells apart).
    pub(super) pole_at: &'a [f64],
    /// Per token: whether a cue with weight covers it.
    pub(super) cue_at: &'a [bool],
    /// Per token: a negation word, left out of the tree.
    pub(super) negation_at: &'a [bool],
    /// Per token: its text.
    pub(super) token_text: &'a [&'a str],
    /// Whom a pronoun or a demonstrative subject points back to.
    pub(super) antecedent: &'a dyn Fn() -> Agent,
    /// A list item after a lead-in ("Concreet zal het RESOC:"): its verb in -en is
    /// the lead-in's infinitive, not a plural with a subject of its own.
    pub(super) continues_lead_in: bool,
}

const RELATIVES: &[&str] = &["die", "dat", "wat", "welke", "welk"];
/// Personal pronouns that can only be subjects.
const NOMINATIVE: &[&str] = &["ik", "jij", "wij", "we", "hij"];
/// Nouns of time, which the model may take for the subject when they open a sentence
/// ("Volgend jaar willen …"): they never act.
const TIME_NOUNS: &[&str] = &[
    "jaar",
    "maand",
    "week",
    "dag",
    "periode",
    "pactperiode",
    "keer",
    "najaar",
    "voorjaar",
    "zomer",
    "winter",
    "legislatuur",
    "decennium",
    "eeuw",
    "avond",
    "ochtend",
    "namiddag",
];

/// Verbs whose subject is the subject of their infinitive ("het RESOC wil … mobiliseren",
/// "engageert zich om … te betrekken"); not those whose object does it ("vraagt de
/// regering te investeren", "laat de partners samenwerken").
const SUBJECT_CONTROL: &[&str] = &[
    "willen",
    "zullen",
    "kunnen",
    "moeten",
    "mogen",
    "proberen",
    "trachten",
    "beloven",
    "engageren",
    "wensen",
    "hopen",
    "beslissen",
    "besluiten",
    "streven",
    "blijven",
    "gaan",
    "durven",
    "weigeren",
    "plannen",
    "beogen",
    "menen",
    "denken",
    "verkiezen",
];
pub(super) const POINTING_BACK: &[&str] = &["het", "hij", "zij", "ze", "dit", "deze", "die", "dat"];
/// How many pointing-back words in a row are followed inside one unit ("Het RESOC …:
/// dit orgaan … en het …"); beyond that the section's subject of discourse decides.
const MAX_POINTING_BACK: usize = 3;
/// Verbs of handing a role over, with their particle: overlaten, overdragen,
/// toevertrouwen, doorgeven, uitbesteden.
const HANDING_OVER: &[(&str, &str)] = &[
    ("laten", "over"),
    ("dragen", "over"),
    ("vertrouwen", "toe"),
    ("geven", "door"),
    ("besteden", "uit"),
];
/// Verbs whose complement clause is what their subject wants, asks for or expects.
const WISHING: &[&str] = &[
    "willen",
    "vragen",
    "eisen",
    "verwachten",
    "wensen",
    "hopen",
    "verzoeken",
];

/// Nouns that name a role rather than an actor: "de rol van het RESOC" acts for it.
pub(super) const ROLE_NOUNS: &[&str] = &[
    "rol",
    "taak",
    "opdracht",
    "kernopdracht",
    "kerntaak",
    "functie",
    "bijdrage",
    "inbreng",
    "werking",
    "missie",
    "kern",
];

impl UnitView<'_> {
    /// The text of unit token `t` (also of one left out of the tree).
    fn tree_text_of_token(&self, t: usize) -> String {
        self.token_text.get(t).map_or(String::new(), |s| s.to_string())
    }

    fn words(&self, ws: &[usize]) -> String {
        let mut out = String::new();
        for &w in ws {
            let word = &self.tree.words[w];
            if word.upos == "PUNCT" {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.text[word.start as usize..word.end as usize]);
        }
        out
    }

    fn lemma(&self, w: usize) -> String {
        self.tree.words[w].lemma.to_lowercase()
    }

    /// A role noun ("rol", "kernopdracht"), by its lemma or, where the small model's
    /// lemmatizer mangles a compound ("kernopdracht" → "kernopdrenken"), its form.
    fn is_role_noun(&self, w: usize) -> bool {
        let word = &self.tree.words[w];
        ROLE_NOUNS.contains(&self.lemma(w).as_str())
            || ROLE_NOUNS.contains(
                &self.text[word.start as usize..word.end as usize]
                    .to_lowercase()
                    .as_str(),
            )
    }

    fn kind(&self, w: usize) -> Option<ContextKind> {
        self.tree.words[w].token.and_then(|t| self.kind_at[t as usize])
    }

    fn pole(&self, w: usize) -> f64 {
        self.tree.words[w].token.map_or(0.0, |t| self.pole_at[t as usize])
    }

    /// Whether phrase `w` is introduced by the preposition `lemma` ("van", "bij", …).
    fn has_preposition(&self, w: usize, lemma: &str) -> bool {
        self.tree
            .children(w)
            .any(|k| self.tree.relation(k) == "case" && self.lemma(k) == lemma)
    }

    fn is_cue(&self, w: usize) -> bool {
        self.tree.words[w].token.is_some_and(|t| self.cue_at[t as usize])
    }

    /// A passive: a form of "worden" with the predicate, or "zijn" with a participle
    /// whose subject the parser marks as a passive one ("is erkend").
    fn is_passive(&self, p: usize) -> bool {
        let tree = self.tree;
        let aux = |lemma: &str| {
            tree.children(p)
                .any(|c| matches!(tree.relation(c), "aux" | "cop") && self.lemma(c) == lemma)
        };
        // With an active subject of its own it is no passive, whatever the tags say ("Het
        // is zo dat het RESOC projecten trekt", read as "is … getrokken").
        // (A noun or adjective after "worden" is its predicate: "wordt zelf promotor".)
        (aux("worden") && tree.words[p].upos == "VERB")
            || (aux("zijn")
                && tree.has_feature(p, "VerbForm=Part")
                && tree.children(p).any(|c| tree.words[c].deprel == "nsubj:pass")
                && !tree.children(p).any(|c| tree.words[c].deprel == "nsubj"))
    }

    /// A phrase headed by `w` with "als" as its marker, or right before it (the
    /// parser may hang the "als" of "Als overlegplatform streeft …" on the verb).
    fn introduced_by_als(&self, w: usize) -> bool {
        let tree = self.tree;
        let marked = tree
            .children(w)
            .any(|k| matches!(tree.relation(k), "case" | "mark") && self.lemma(k) == "als");
        let first = self.phrase(w).into_iter().min().unwrap_or(w);
        marked || (first > 0 && self.lemma(first - 1) == "als")
    }

    /// An object pronoun that is the subject itself: "zich", or the same person as
    /// the subject ("wij … ons", "ik … me").
    fn is_reflexive_of_subject(&self, p: usize, o: usize) -> bool {
        let object = self.lemma(o);
        if matches!(object.as_str(), "zich" | "zichzelf") {
            return true;
        }
        let subject = self
            .tree
            .children(p)
            .find(|&c| self.tree.relation(c) == "nsubj")
            .map(|s| self.lemma(s));
        let same_person: &[(&str, &[&str])] = &[
            ("ons", &["wij", "we"]),
            ("onszelf", &["wij", "we"]),
            ("me", &["ik"]),
            ("mij", &["ik"]),
            ("mezelf", &["ik"]),
            ("je", &["jij", "je"]),
            ("jezelf", &["jij", "je"]),
        ];
        subject.is_some_and(|s| {
            same_person
                .iter()
                .any(|(pronoun, subjects)| object == *pronoun && subjects.contains(&s.as_str()))
        })
    }

    /// A participle without an auxiliary of its own ("… ingediend en uitgevoerd").
    fn shares_auxiliary(&self, p: usize) -> bool {
        let tree = self.tree;
        tree.has_feature(p, "VerbForm=Part")
            && !tree
                .children(p)
                .any(|c| matches!(tree.relation(c), "aux" | "cop" | "nsubj"))
    }

    fn is_clause_head(&self, w: usize) -> bool {
        let word = &self.tree.words[w];
        word.head.is_none()
            || (word.upos == "VERB" && !self.is_verbal_noun(w))
            || self
                .tree
                .children(w)
                .any(|c| matches!(self.tree.relation(c), "nsubj" | "csubj"))
    }

    /// An infinitive used as a noun, with its article, in a noun's place ("voor het
    /// opstarten van pilootprojecten"): no clause of its own.
    fn is_verbal_noun(&self, w: usize) -> bool {
        let tree = self.tree;
        tree.has_feature(w, "VerbForm=Inf")
            && matches!(tree.relation(w), "nmod" | "obl" | "obj" | "nsubj")
            && tree
                .children(w)
                .any(|c| tree.relation(c) == "det" && matches!(self.lemma(c).as_str(), "het" | "dit" | "dat"))
    }

    /// The clause head above word `w` (or `w` itself).
    fn predicate_of(&self, mut w: usize) -> usize {
        let mut steps = 0;
        while !self.is_clause_head(w) && steps < self.tree.words.len() {
            w = self.tree.words[w].head.map_or(w, |h| h as usize);
            steps += 1;
        }
        w
    }

    /// The words of predicate `p` as the audit trail shows them — the verb with its
    /// separable particle from the tree ("volgt … op") — and that particle.
    fn predicate_words(&self, p: usize) -> (String, Option<String>) {
        let particle = self
            .tree
            .children(p)
            .find(|&c| self.tree.words[c].deprel == "compound:prt")
            .map(|c| self.words(&[c]));
        let verb = self.words(&[p]);
        let words = match &particle {
            Some(prt) => format!("{verb} … {prt}"),
            None => verb,
        };
        (words, particle)
    }

    /// The words of a noun phrase headed by `w`, without its clauses and conjuncts.
    fn phrase(&self, w: usize) -> Vec<usize> {
        let mut keep = vec![w];
        let mut i = 0;
        while i < keep.len() {
            let x = keep[i];
            for c in self.tree.children(x) {
                if !matches!(
                    self.tree.relation(c),
                    "acl" | "conj" | "cc" | "parataxis" | "punct" | "advcl" | "ccomp"
                ) {
                    keep.push(c);
                }
            }
            i += 1;
        }
        keep.sort_unstable();
        keep
    }

    /// Who a subject phrase headed by `w` is (each conjunct of a coordinated one).
    fn actor_of_phrase(&self, w: usize) -> Agent {
        self.actor_of_phrase_within(w, MAX_POINTING_BACK)
    }

    /// `hops` bounds how many pointing-back words ("het", "dit orgaan") are followed
    /// to their antecedent inside the unit: a conjunct after the pronoun can point back
    /// to a subject whose own search reaches that conjunct again.
    fn actor_of_phrase_within(&self, w: usize, hops: usize) -> Agent {
        let mut conjuncts = vec![w];
        conjuncts.extend(self.tree.children(w).filter(|&c| self.tree.relation(c) == "conj"));
        let agents: Vec<Agent> = conjuncts
            .iter()
            .map(|&c| self.actor_of_conjunct(c, hops))
            .collect();
        // "Het RESOC en de provincie organiseren …": the RESOC is among the agents.
        if agents.contains(&Agent::Resoc) {
            return Agent::Resoc;
        }
        agents.into_iter().next().unwrap_or(Agent::Unresolved)
    }

    fn actor_of_conjunct(&self, w: usize, hops: usize) -> Agent {
        let lemma = self.lemma(w);
        let word = &self.tree.words[w];
        if lemma == "er" {
            return Agent::Nobody;
        }
        // The head of the phrase, without the phrases it governs ("de partners van het
        // RESOC" are partners).
        let head: Vec<usize> = std::iter::once(w)
            .chain(self.tree.children(w).filter(|&c| {
                matches!(
                    self.tree.relation(c),
                    "det" | "amod" | "flat" | "compound" | "appos" | "nummod"
                )
            }))
            .flat_map(|c| if c == w { vec![w] } else { self.phrase(c) })
            .collect();
        // "RESOC Noord-West-Vlaanderen" may be parsed with the place as its head: a
        // phrase that starts with the RESOC's name is the RESOC.
        // The parser may also cut the name off the word RESOC before it ("RESOC
        // Noord-West-Vlaanderen" with "Vlaanderen" as the subject): a run of name
        // words and hyphens leading back to it is the RESOC too.
        let opening = self
            .phrase(w)
            .into_iter()
            .find(|&x| self.tree.relation(x) != "det");
        let named_after_resoc = opening.is_some_and(|first| {
            (0..first)
                .rev()
                .take_while(|&x| {
                    let t = &self.text[self.tree.words[x].start as usize..self.tree.words[x].end as usize];
                    t == "-" || t.chars().next().is_some_and(char::is_uppercase)
                })
                .any(|x| self.kind(x) == Some(ContextKind::ActorSelf))
        });
        // A body the lexicon reads as the RESOC's own ("het bureau", "de algemene
        // vergadering") belongs to another actor when a "van" phrase names that actor:
        // "het bureau van de provincie".
        let owner = self
            .tree
            .children(w)
            .filter(|&c| self.tree.relation(c) == "nmod" && self.has_preposition(c, "van"))
            .map(|c| self.phrase(c))
            .filter(|p| !p.iter().any(|&x| self.kind(x) == Some(ContextKind::ActorSelf)))
            .find_map(|p| {
                p.into_iter()
                    .find(|&x| self.kind(x) == Some(ContextKind::ActorOther))
            });
        if let Some(owner) = owner.filter(|_| self.kind(w) == Some(ContextKind::ActorSelf)) {
            return Agent::Other(self.words(&[owner]));
        }
        if head.iter().any(|&x| self.kind(x) == Some(ContextKind::ActorSelf))
            || opening.is_some_and(|x| self.kind(x) == Some(ContextKind::ActorSelf))
            || named_after_resoc
        {
            return Agent::Resoc;
        }
        if self.phrase(w).iter().any(|&x| self.is_cue(x)) {
            return self.subject_with_role_word(w);
        }
        if let Some(&x) = head
            .iter()
            .find(|&&x| self.kind(x) == Some(ContextKind::ActorOther))
        {
            return Agent::Other(self.words(&[x]));
        }
        // "De rol van het RESOC", "de werkgroep Zorg van het RESOC": the RESOC's own
        // role or body.
        let of_resoc = self.tree.children(w).any(|c| {
            self.tree.relation(c) == "nmod"
                && self
                    .phrase(c)
                    .iter()
                    .any(|&x| self.kind(x) == Some(ContextKind::ActorSelf))
        });
        if of_resoc
            || (self.is_role_noun(w)
                && self
                    .phrase(w)
                    .iter()
                    .any(|&x| self.kind(x) == Some(ContextKind::ActorSelf)))
        {
            return Agent::Resoc;
        }
        // A role is no actor: "de rol van de provincie" is the province's, "Die rol",
        // "haar taak" that of whom the passage is about ("hun rol": others', below).
        let theirs = self
            .tree
            .children(w)
            .any(|c| self.tree.words[c].deprel == "nmod:poss" && self.lemma(c) == "hun");
        // "onze kernopdracht", "ons werk": first person is the RESOC (as "wij" is).
        let ours = self.tree.children(w).any(|c| {
            self.tree.words[c].deprel == "nmod:poss"
                && matches!(self.lemma(c).as_str(), "ons" | "onze" | "wij" | "we")
        });
        if self.is_role_noun(w) && ours {
            return Agent::Resoc;
        }
        if self.is_role_noun(w) && !theirs {
            let holder = self
                .tree
                .children(w)
                .find(|&c| self.tree.relation(c) == "nmod" && self.has_preposition(c, "van"));
            if let Some(h) = holder {
                return self.actor_of_conjunct(h, hops);
            }
            return self.pointed_back_from(w, hops);
        }
        let pointing_back =
            word.upos == "PRON" && POINTING_BACK.contains(&lemma.as_str())
                || self.tree.children(w).any(|c| {
                    self.tree.relation(c) == "det" && matches!(self.lemma(c).as_str(), "dit" | "deze")
                }) && self.pole(w) == 0.0;
        if pointing_back {
            return self.pointed_back_from(w, hops);
        }
        let mut phrase = self.phrase(w);
        phrase.truncate(6);
        Agent::Other(self.words(&phrase))
    }

    /// A subject phrase headed by `w` that holds a role word names what the sentence
    /// is about ("Het project kost 180.000 euro": nobody acts) or another body ("Het
    /// netwerk organiseert …", "Dat streekoverleg trekt …"), not the RESOC acting.
    /// The lexical reading decides instead where the tree is doubtful: a role noun
    /// of the RESOC ("Die rol als promotor is …"), "het" right after the verb (a
    /// pronoun and an object read together: "verleent het advies"), a pronoun head,
    /// a unit in which the RESOC is the subject of some clause ("Het RESOC wil
    /// zulke rondetafels …" parsed with "rondetafels" as a subject), or a clause that
    /// names the RESOC elsewhere ("Overleg is de kerntaak van het RESOC").
    fn subject_with_role_word(&self, w: usize) -> Agent {
        let tree = self.tree;
        let word = &tree.words[w];
        // "Daarnaast verleent het advies over …": "het" right after the verb is more
        // likely the subject than the article of an object read as the subject.
        let phrase = self.phrase(w);
        let het_after_verb = word.head.is_some_and(|h| {
            let h = h as usize;
            h < w && phrase.first() == Some(&(h + 1)) && self.lemma(h + 1) == "het"
        });
        // (Not from inside a parenthesis that does not hold the role word: "(het
        // secretariaat ondersteunt …)" says nothing about "wanneer de uitvoering
        // stokt". Elsewhere the tree may be wrong about which clause is whose.)
        let own_parenthesis = self.parenthesis_around(w);
        let resoc_subject = (0..tree.words.len()).any(|x| {
            self.kind(x) == Some(ContextKind::ActorSelf)
                && (tree.relation(x) == "nsubj"
                    || tree.words[x]
                        .head
                        .is_some_and(|h| tree.relation(h as usize) == "nsubj"))
                && self
                    .parenthesis_around(x)
                    .is_none_or(|p| own_parenthesis == Some(p))
        });
        // "Netwerking is de kern van het RESOC", "De trekkersrol ligt bij het RESOC".
        let clause = word.head.map(|h| self.predicate_of(h as usize));
        let resoc_in_clause = (0..tree.words.len()).any(|x| {
            !phrase.contains(&x)
                && self.kind(x) == Some(ContextKind::ActorSelf)
                && Some(self.predicate_of(x)) == clause
        });
        if !matches!(word.upos.as_str(), "NOUN" | "PROPN")
            || self.is_role_noun(w)
            || het_after_verb
            || resoc_subject
            || resoc_in_clause
        {
            return Agent::Unresolved;
        }
        // A project word at the head is an activity (no actor); an overleg word a
        // body ("het netwerk", "het streekoverleg").
        if self.is_cue(w) && self.pole(w) > 0.0 {
            return Agent::Nobody;
        }
        let mut phrase = phrase;
        phrase.truncate(6);
        Agent::Other(self.words(&phrase))
    }

    /// Whom a pronoun (or a role with no holder of its own) at `w` points back to: a
    /// subject before it in the unit, else the section's subject of discourse.
    fn pointed_back_from(&self, w: usize, hops: usize) -> Agent {
        let in_unit = hops
            .checked_sub(1)
            .and_then(|left| self.antecedent_in_unit(w, left));
        in_unit.unwrap_or_else(|| (self.antecedent)())
    }

    /// A pronoun points back to the subject of a clause it depends on when that one
    /// stands before it and is no pronoun itself: "Het burgemeestersoverleg is geen
    /// praatcafé: het beslist …", "… maar het RESOC benadrukt dat het een
    /// overlegorgaan blijft".
    fn antecedent_in_unit(&self, pronoun: usize, hops: usize) -> Option<Agent> {
        let tree = self.tree;
        let mut x = tree.words[pronoun].head? as usize;
        for _ in 0..tree.words.len() {
            let p = self.predicate_of(x);
            let subject = tree
                .children(p)
                .find(|&c| tree.relation(c) == "nsubj" && c < pronoun && tree.words[c].upos != "PRON")
                .filter(|&c| !self.phrase(c).contains(&pronoun));
            if let Some(s) = subject {
                return match self.actor_of_phrase_within(s, hops) {
                    Agent::Unresolved | Agent::Nobody => None,
                    a => Some(a),
                };
            }
            x = tree.words[p].head? as usize;
        }
        None
    }

    /// A bare infinitive heading the unit ("- de partners samenbrengen in een
    /// platform", "Advies geven aan de overheid"): a list item or a label continuing a
    /// lead-in's "zal het RESOC:". It has no subject of its own; what the parser
    /// takes for one is its object.
    fn is_bare_infinitive_root(&self, p: usize) -> bool {
        let tree = self.tree;
        let w = &tree.words[p];
        // The small model tags some infinitives as participles ("samenbrengen"): the
        // form decides.
        let infinitive_form = self.text[w.start as usize..w.end as usize].ends_with('n');
        // After a lead-in "engageert zich om:" the item is an infinitive with "te".
        let lead_in_te = |c: usize| {
            self.continues_lead_in
                && tree.relation(c) == "mark"
                && matches!(self.lemma(c).as_str(), "te" | "om")
        };
        w.head.is_none()
            && w.upos == "VERB"
            && (!tree.has_feature(p, "VerbForm=Fin") || self.continues_lead_in)
            && infinitive_form
            && !tree
                .children(p)
                .any(|c| matches!(tree.relation(c), "aux" | "mark" | "cop") && !lead_in_te(c))
    }

    /// The clause that word `w` belongs to, seen from the top: its head walked up
    /// through everything but the relations that open a clause of their own (a
    /// relative, an adverbial or a complement clause).
    fn top_of_clause(&self, mut w: usize) -> usize {
        for _ in 0..self.tree.words.len() {
            let word = &self.tree.words[w];
            let opens_clause = matches!(
                self.tree.relation(w),
                "acl" | "advcl" | "ccomp" | "csubj" | "parataxis"
            );
            match word.head {
                Some(h) if !opens_clause => w = h as usize,
                _ => break,
            }
        }
        w
    }

    /// Where the innermost parenthesis around word `w` opens (a byte offset), if any.
    fn parenthesis_around(&self, w: usize) -> Option<usize> {
        let at = self.tree.words[w].start as usize;
        let open = self.text[..at].rfind('(')?;
        let closed_before = self.text[open..at].contains(')');
        let closes_after = self.text[at..].contains(')');
        (!closed_before && closes_after).then_some(open)
    }

    /// "Op initiatief van het RESOC zaten werkgevers … samen", "kwamen … samen op
    /// uitnodiging van het RESOC": the RESOC convened what the clause of `p` tells,
    /// whoever its subject is (the participants).
    fn convened_by_resoc(&self, p: usize) -> bool {
        let tree = self.tree;
        (0..tree.words.len()).any(|w| {
            matches!(self.lemma(w).as_str(), "initiatief" | "uitnodiging")
                && self.has_preposition(w, "op")
                && tree.children(w).any(|n| {
                    tree.relation(n) == "nmod"
                        && self.has_preposition(n, "van")
                        && self.actor_of_phrase(n) == Agent::Resoc
                })
                && self.top_of_clause(w) == self.top_of_clause(p)
        })
    }

    /// The agent of predicate `p`, and how it was found: the one who acts, or the
    /// RESOC when it convened the clause's event.
    fn agent_of(&self, p: usize, depth: usize) -> (Agent, &'static str) {
        let found = self.acting_agent_of(p, depth);
        if found.0 != Agent::Resoc && self.convened_by_resoc(p) {
            return (Agent::Resoc, "initiator");
        }
        if found.0 != Agent::Resoc && depth < 4 {
            let caused_by_resoc = self
                .causer_of(p)
                .is_some_and(|z| self.agent_of(z, depth + 1).0 == Agent::Resoc);
            if caused_by_resoc {
                return (Agent::Resoc, "initiator");
            }
        }
        found
    }

    /// "Het comité zorgt ervoor dat de juiste partners rond de tafel zitten": the
    /// *zorgen* whose "dat" clause holds `p` — who sees to it that the partners meet
    /// convenes them.
    fn causer_of(&self, p: usize) -> Option<usize> {
        let tree = self.tree;
        let top = self.top_of_clause(p);
        let opened_by_dat = tree
            .children(top)
            .any(|c| tree.relation(c) == "mark" && self.lemma(c) == "dat");
        if !opened_by_dat {
            return None;
        }
        // The model hangs the clause on the verb or on its "ervoor".
        let h = tree.words[top].head? as usize;
        let z = if self.lemma(h) == "zorgen" {
            h
        } else if self.lemma(h).starts_with("ervoor") || self.lemma(h) == "voor" {
            tree.words[h].head? as usize
        } else {
            return None;
        };
        (self.lemma(z) == "zorgen").then_some(z)
    }

    /// A nominative personal pronoun under predicate `p` that the tree labels
    /// otherwise ("Af en toe ondersteunen we …" with "Af" as the subject and "we" as
    /// an oblique): "we", "hij" can only be subjects.
    fn nominative_under(&self, p: usize) -> Option<usize> {
        let tree = self.tree;
        tree.children(p).find(|&c| {
            tree.words[c].upos == "PRON"
                && !matches!(tree.relation(c), "nsubj" | "csubj")
                && NOMINATIVE.contains(&self.lemma(c).as_str())
                && !tree
                    .children(c)
                    .any(|k| matches!(tree.relation(k), "case" | "mark" | "cc"))
        })
    }

    /// "Het trekkerschap ligt bij de VDAB", "de trekkersrol berust bij het RESOC": a
    /// role as the subject of *liggen*/*berusten* is held by the actor of its "bij"
    /// phrase (not by what it is about: "De kernopdracht ligt bij projecten").
    fn holder_of_role(&self, p: usize, subject: usize) -> Option<Agent> {
        let tree = self.tree;
        if !matches!(self.lemma(p).as_str(), "liggen" | "berusten") {
            return None;
        }
        let role = self
            .phrase(subject)
            .iter()
            .any(|&x| self.is_cue(x) || self.is_role_noun(x));
        if !role {
            return None;
        }
        // The model hangs the "bij" phrase on the verb or on the role noun.
        let by = tree
            .children(p)
            .chain(tree.children(subject))
            .find(|&c| matches!(tree.relation(c), "obl" | "nmod") && self.has_preposition(c, "bij"))?;
        // An actor by name, or a plain noun that is no role word itself ("ligt bij de
        // maatwerkbedrijven zelf": those who hold it; "ligt bij projecten": a topic).
        let names_actor = self.names_an_actor(by)
            || (matches!(tree.words[by].upos.as_str(), "NOUN" | "PROPN")
                && !self.is_cue(by)
                && !self.is_role_noun(by));
        names_actor.then(|| self.actor_of_phrase(by))
    }

    /// Whether the phrase headed by `w` names the RESOC or another actor by an
    /// `actor_self` / `actor_other` entry.
    fn names_an_actor(&self, w: usize) -> bool {
        self.phrase(w).iter().any(|&x| {
            matches!(
                self.kind(x),
                Some(ContextKind::ActorSelf) | Some(ContextKind::ActorOther)
            )
        })
    }

    /// The agent of predicate `p` from its subject, its "door" phrase or the clause
    /// it shares them with.
    fn acting_agent_of(&self, p: usize, depth: usize) -> (Agent, &'static str) {
        let tree = self.tree;
        // An item continuing a lead-in with no finite verb of its own ("• de evolutie
        // … op te volgen en jaarlijks te bespreken") has no subject of its own either:
        // what the model reads as one is an object, and the lead-in's actor acts.
        let no_finite_verb = || (0..tree.words.len()).all(|w| !tree.has_feature(w, "VerbForm=Fin"));
        if self.is_bare_infinitive_root(p) || (self.continues_lead_in && no_finite_verb()) {
            return (Agent::Unresolved, "");
        }
        let passive = self.is_passive(p);
        let by = tree.children(p).find(|&c| {
            tree.words[c].deprel == "obl:agent"
                || (passive && tree.relation(c) == "obl" && self.has_preposition(c, "door"))
        });
        if let Some(a) = by {
            return (self.actor_of_phrase(a), "obl:agent");
        }
        // "Binnen het RESOC wordt overleg gepleegd met de sociale partners": a passive
        // done inside a body is that body's act (its members deliberate there).
        let within = passive
            .then(|| {
                tree.children(p).find(|&c| {
                    tree.relation(c) == "obl" && self.has_preposition(c, "binnen") && self.names_an_actor(c)
                })
            })
            .flatten();
        if let Some(a) = within {
            return (self.actor_of_phrase(a), "binnen");
        }
        // A coordinated verb right after "en" has no subject of its own: Dutch puts a
        // subject after the verb only when something else stands before it, so a noun
        // after it is an object ("… en bezorgt de minister een advies").
        // Nor has a coordinated infinitive without an auxiliary of its own ("zal het
        // overleg organiseren en zelf projecten uitvoeren"): it shares the subject of
        // the first.
        let shared_infinitive = tree.has_feature(p, "VerbForm=Inf")
            && !tree
                .children(p)
                .any(|c| matches!(tree.relation(c), "aux" | "mark"));
        let subject_gap = tree.relation(p) == "conj"
            && p > 0
            && ((tree.words[p - 1].head == Some(p as u32) && tree.relation(p - 1) == "cc")
                || shared_infinitive);
        // An infinitive controlled by its head's subject has no subject of its own in
        // Dutch ("Het RESOC wil … de andere overlegorganen mobiliseren"): what the
        // model reads as one is an object, and the controller acts. (An xcomp is
        // never finite; the model may tag such an infinitive a plural finite verb
        // after a plural noun.)
        let controlled = tree.relation(p) == "xcomp"
            && tree.words[p].upos == "VERB"
            && tree.words[p].head.is_some_and(|h| {
                let h = h as usize;
                SUBJECT_CONTROL.contains(&self.lemma(h).as_str())
                    && tree
                        .children(h)
                        .any(|c| matches!(tree.relation(c), "nsubj" | "csubj"))
            });
        // "Als overlegplatform streeft het RESOC …": a phrase with "als" says what the
        // subject is; the parser sometimes hangs it as the subject itself.
        let subject = tree
            .children(p)
            .find(|&c| matches!(tree.relation(c), "nsubj" | "csubj"))
            .filter(|_| !controlled)
            .filter(|&c| !(subject_gap && (c > p || shared_infinitive)))
            .filter(|&c| !self.introduced_by_als(c));
        // A clause has one subject: several are the conjuncts of one that the parser
        // broke up ("De kustgemeenten, de provincie West-Vlaanderen en het RESOC zullen
        // …"), and the RESOC among them makes it the RESOC's.
        let subject = subject.map(|s| {
            tree.children(p)
                .filter(|&c| c != s && tree.relation(c) == "nsubj" && !(subject_gap && c > p))
                .filter(|&c| !self.introduced_by_als(c))
                .find(|&c| self.actor_of_phrase(c) == Agent::Resoc)
                .unwrap_or(s)
        });
        // "de Westhoekconferentie, waar jaarlijks 300 beleidsmakers samenkomen": a
        // relative clause opened by "waar…" (an adverb, neither subject nor object) has
        // its subject among its own nouns; the model may call the one before the verb
        // (Dutch puts the verb last there) an object.
        let subject = subject.or_else(|| {
            let waar_clause = tree.words[p].deprel.starts_with("acl")
                && tree
                    .children(p)
                    .any(|c| tree.relation(c) == "advmod" && self.lemma(c).starts_with("waar") && c < p);
            waar_clause
                .then(|| {
                    tree.children(p).find(|&c| {
                        c < p
                            && tree.relation(c) == "obj"
                            && matches!(tree.words[c].upos.as_str(), "NOUN" | "PROPN")
                    })
                })
                .flatten()
        });
        // "Ons bureau adviseert de provincie …": in a main clause the phrase before
        // the finite verb is its subject unless something marks it otherwise; the
        // small model sometimes reads the RESOC standing there as the object and
        // the noun after the verb as the subject. The RESOC before the verb is the
        // subject then, unless the verb agrees only with the other noun (plural).
        let subject = subject.map(|s| {
            let main_clause = matches!(tree.relation(p), "root" | "conj" | "parataxis");
            if s < p || !main_clause || !tree.has_feature(p, "VerbForm=Fin") {
                return s;
            }
            // (A capitalised "Ons" opening the sentence may be tagged a preposition,
            // making "Ons bureau" an oblique.)
            let object_like = |o: usize| match tree.relation(o) {
                "obj" => true,
                "obl" => tree
                    .children(o)
                    .filter(|&c| tree.relation(c) == "case")
                    .all(|c| matches!(self.lemma(c).as_str(), "ons" | "onze")),
                _ => false,
            };
            let fronted = tree.children(p).find(|&o| {
                o < p
                    && object_like(o)
                    && !matches!(tree.words[o].upos.as_str(), "PRON")
                    && self
                        .phrase(o)
                        .iter()
                        .any(|&x| self.kind(x) == Some(ContextKind::ActorSelf))
            });
            match fronted {
                Some(o) if !tree.has_feature(p, "Number=Plur") || tree.has_feature(o, "Number=Plur") => o,
                _ => s,
            }
        });
        // "Waar nodig verleent het RESOC advies", "In 2026 zet het RESOC … op": after a
        // fronted adverbial the subject follows the finite verb, and the model may take
        // the adverbial ("nodig", "jaar") for the subject, or the article of "het RESOC"
        // for a pronoun subject of its own. A subject that cannot act (an adjective,
        // adverb or number, or a time noun), or such an article, gives way to the
        // RESOC standing right after the finite verb.
        let subject = subject.map(|s| {
            let cannot_act = matches!(tree.words[s].upos.as_str(), "ADJ" | "ADV" | "NUM")
                || TIME_NOUNS.contains(&self.lemma(s).as_str());
            let article = tree.words[s].upos == "PRON"
                && self.lemma(s) == "het"
                && s + 1 < tree.words.len()
                && self.kind(s + 1) == Some(ContextKind::ActorSelf);
            if !(cannot_act || article) {
                return s;
            }
            let finite = std::iter::once(p)
                .chain(
                    tree.children(p)
                        .filter(|&c| matches!(tree.relation(c), "aux" | "cop")),
                )
                .find(|&w| tree.has_feature(w, "VerbForm=Fin"));
            let after_verb = finite.and_then(|f| {
                (f + 1..tree.words.len().min(f + 4))
                    .take_while(|&k| {
                        self.kind(k) == Some(ContextKind::ActorSelf)
                            || matches!(tree.words[k].upos.as_str(), "DET" | "PRON" | "ADJ")
                    })
                    .find(|&k| self.kind(k) == Some(ContextKind::ActorSelf))
            });
            after_verb.unwrap_or(s)
        });
        // A subject that is no pronoun and no RESOC gives way to a nominative pronoun
        // the tree misread.
        let subject = match subject {
            Some(s) if tree.words[s].upos == "PRON" || self.kind(s) == Some(ContextKind::ActorSelf) => {
                Some(s)
            }
            _ if subject_gap => subject,
            s => self.nominative_under(p).or(s),
        };
        if let Some(s) = subject {
            if let Some(holder) = self.holder_of_role(p, s) {
                return (holder, "bij");
            }
            if passive {
                return (Agent::Nobody, "passive");
            }
            if RELATIVES.contains(&self.lemma(s).as_str()) && tree.words[p].deprel.starts_with("acl") {
                // "de projecten die wij uitvoeren", "de Kustjobdag, die het RESOC elk jaar
                // organiseert": a nominative pronoun is the subject, and so is the RESOC
                // unless the verb agrees with a plural antecedent only ("de partners
                // die het RESOC adviseren").
                let plural = |w: usize| tree.has_feature(w, "Number=Plur");
                let antecedent_plural = tree.words[p].head.is_some_and(|h| plural(h as usize));
                let object_subject = tree
                    .children(p)
                    .filter(|&c| tree.relation(c) == "obj")
                    .find(|&o| {
                        let nominative = NOMINATIVE.contains(&self.lemma(o).as_str());
                        let resoc = self.kind(o) == Some(ContextKind::ActorSelf)
                            || self
                                .phrase(o)
                                .iter()
                                .any(|&x| self.kind(x) == Some(ContextKind::ActorSelf));
                        nominative || (resoc && !(antecedent_plural && plural(p)))
                    });
                if let Some(o) = object_subject {
                    return (self.actor_of_phrase(o), "relative");
                }
                if let Some(h) = tree.words[p].head {
                    // "Projecten die een positief advies krijgen": a thing, no actor.
                    let agent = match self.actor_of_phrase(h as usize) {
                        Agent::Unresolved => Agent::Nobody,
                        a => a,
                    };
                    return (agent, "relative");
                }
            }
            let agent = self.actor_of_phrase(s);
            let pronoun = tree.words[s].upos == "PRON" && !matches!(agent, Agent::Nobody);
            return (agent, if pronoun { "pronoun" } else { "nsubj" });
        }
        if passive {
            return (Agent::Nobody, "passive");
        }
        let rel = tree.relation(p);
        if depth < 4 {
            if let Some(h) = tree.words[p].head {
                let h = self.predicate_of(h as usize);
                match rel {
                    // A subject shared by coordinated predicates, and the controller of
                    // an infinitive ("wil projecten opzetten", "om … te organiseren").
                    // The subject is shared, not the voice: "Het werd opgericht en
                    // brengt de partners samen".
                    // "werden ingediend en uitgevoerd": a participle that shares
                    // the first conjunct's auxiliary shares its voice too, and so
                    // its "door" phrase; its subject is what undergoes it.
                    "conj" if self.is_passive(h) && self.shares_auxiliary(p) => {
                        return (self.agent_of(h, depth + 1).0, "conj");
                    }
                    "conj" => {
                        let shared = tree
                            .children(h)
                            .find(|&c| matches!(tree.relation(c), "nsubj" | "csubj"));
                        return match shared {
                            Some(s) if !RELATIVES.contains(&self.lemma(s).as_str()) => {
                                (self.actor_of_phrase(s), "conj")
                            }
                            _ => (self.agent_of(h, depth + 1).0, "conj"),
                        };
                    }
                    "xcomp" | "advcl" => return (self.agent_of(h, depth + 1).0, "xcomp"),
                    _ => {}
                }
            }
        }
        (Agent::Unresolved, "")
    }
}

/// Reads the clause of a cue occurrence at unit tokens `positions`.
pub(super) fn read_clause(view: &UnitView<'_>, positions: &[usize], split: bool) -> Option<ClauseReading> {
    let tree = view.tree;
    let words: Vec<usize> = positions.iter().filter_map(|&p| tree.word_of_token(p)).collect();
    let &first = words.first()?;
    let cue = words
        .iter()
        .copied()
        .find(|&w| tree.words[w].upos == "VERB")
        .unwrap_or(first);
    // A verbal noun that is the cue itself keeps its own reading ("De nadruk ligt op
    // het samenbrengen van de partners": the bringing together is the RESOC's, with
    // no subject of its own); only the words under it look past it for their clause.
    let p = if view.is_verbal_noun(cue) {
        cue
    } else {
        view.predicate_of(cue)
    };
    // A role noun introduced by "als" says what the subject is, whatever the verb
    // ("is erkend als promotor", "Als overlegplatform streeft het RESOC …").
    let mut path = vec![cue];
    while let Some(&x) = path.last() {
        match tree.words[x].head {
            Some(h) if x != p => path.push(h as usize),
            _ => break,
        }
    }
    let predicative = path[..path.len() - 1].iter().any(|&x| {
        tree.children(x)
            .any(|c| matches!(tree.relation(c), "case" | "mark") && view.lemma(c) == "als")
    });
    let subject = tree
        .children(p)
        .find(|&c| matches!(tree.relation(c), "nsubj" | "csubj"));
    // "prijst het RESOC als het forum bij uitstek": after an object, the "als" phrase
    // says what the object is.
    let als_object = path
        .iter()
        .flat_map(|&x| tree.children(x))
        .find(|&c| matches!(tree.relation(c), "case" | "mark") && view.lemma(c) == "als")
        .and_then(|als| {
            // A reflexive object is the subject itself ("ziet zichzelf als …", "wij
            // concentreren ons op …"). The object may be on the cue's path only when
            // the "als" phrase hangs under it ("het RESOC als het forum"), not when
            // the object is the role itself ("ziet het overleg als zijn kerntaak").
            tree.children(p).find(|&o| {
                tree.relation(o) == "obj"
                    && o < als
                    && (!path.contains(&o) || tree.subtree(o).contains(&als))
                    && !tree.has_feature(o, "Reflex=Yes")
                    && !view.is_reflexive_of_subject(p, o)
            })
        });
    // "Het Ondernemerscafé is een initiatief van RESOC Noorderkempen": a project noun
    // as the predicate, owned by the RESOC.
    let owned_by_resoc = cue == p
        && tree.children(p).any(|c| tree.relation(c) == "cop")
        && tree.children(p).any(|c| {
            tree.relation(c) == "nmod"
                && view
                    .phrase(c)
                    .iter()
                    .any(|&x| view.kind(x) == Some(ContextKind::ActorSelf))
        });
    let (agent, relation) = match subject {
        _ if owned_by_resoc => (Agent::Resoc, "nmod"),
        _ if predicative && als_object.is_some() => (view.actor_of_phrase(als_object.unwrap_or(p)), "als"),
        Some(s) if predicative && !view.is_cue(s) => (view.actor_of_phrase(s), "als"),
        _ => view.agent_of(p, 0),
    };
    // "De Vlaamse regering wil dat de overlegcomités … opvolgen", "De burgemeesters
    // vragen dat het RESOC …": a clause another actor wants, asks for or expects is
    // that actor's wish, not a statement of the RESOC's role.
    // (Through an infinitive the clause governs: "wil dat zij … mee opvolgen".)
    let mut clause = p;
    for _ in 0..2 {
        match tree.words[clause].head {
            Some(h) if tree.relation(clause) == "xcomp" => clause = h as usize,
            _ => break,
        }
    }
    let wished_by = (tree.relation(clause) == "ccomp")
        .then(|| tree.words[clause].head.map(|h| h as usize))
        .flatten()
        .filter(|&h| WISHING.contains(&view.lemma(h).as_str()))
        .map(|h| view.agent_of(h, 0).0)
        .filter(|a| matches!(a, Agent::Other(_)));
    let (agent, relation) = match wished_by {
        Some(who) => (who, "wish"),
        None => (agent, relation),
    };
    let (predicate, _) = view.predicate_words(p);
    let object = tree
        .children(p)
        .find(|&c| tree.relation(c) == "obj")
        .map(|o| view.words(&view.phrase(o)))
        .unwrap_or_default();
    // Negation on the predicate, on the cue, or as "geen" on the predicate's object;
    // a word that is part of a pseudo-negation ("niet alleen") does not negate.
    // "geen onbelangrijke rol", "niet onaardig": a litotes affirms.
    // A negation word is not in the tree: it negates the word after it (the head of
    // that word when it is a determiner, an adjective or a preposition: "geen eigen
    // projecten", "beschikt niet over middelen om projecten te financieren").
    let negated_word = |t: usize| -> Option<usize> {
        let next = (t + 1..view.negation_at.len()).find_map(|n| tree.word_of_token(n))?;
        Some(match tree.relation(next) {
            "det" | "amod" | "advmod" | "case" => tree.words[next].head.map_or(next, |h| h as usize),
            _ => next,
        })
    };
    let negations: Vec<(usize, usize)> = (0..view.negation_at.len())
        .filter(|&t| view.negation_at[t])
        .filter_map(|t| {
            let next = tree.word_of_token(t + 1);
            let litotes = next.is_some_and(|n| {
                let w = &tree.words[n];
                w.upos == "ADJ"
                    && view.text[w.start as usize..w.end as usize]
                        .to_lowercase()
                        .starts_with("on")
            });
            (!litotes).then_some(())?;
            Some((t, negated_word(t)?))
        })
        .collect();
    let mut negation = None;
    // The predicate, and those it depends on as an infinitive or a clause ("heeft
    // evenmin de ambitie om … uit te bouwen", "wil niet … organiseren").
    let mut governing = vec![p];
    let mut x = p;
    let mut through_infinitive = false;
    for _ in 0..3 {
        let infinitive = tree
            .children(x)
            .any(|c| tree.relation(c) == "mark" && matches!(view.lemma(c).as_str(), "te" | "om"));
        let step = match tree.words[x].deprel.as_str() {
            "xcomp" | "advcl" => true,
            "acl" => infinitive,
            "obj" => through_infinitive,
            _ => false,
        };
        if !step {
            break;
        }
        through_infinitive = tree.words[x].deprel == "acl";
        let Some(h) = tree.words[x].head else { break };
        x = h as usize;
        governing.push(x);
    }
    let mut on: Vec<usize> = governing.clone();
    on.push(cue);
    on.extend(tree.children(p).filter(|&c| tree.relation(c) == "obj"));
    // "is geen projectorganisatie, maar een overlegplatform": a conjunct after "maar"
    // says what is, in contrast to the negated one; only a negation of its own counts.
    let contrast = path.iter().copied().find(|&x| {
        tree.relation(x) == "conj"
            && tree
                .children(x)
                .any(|c| tree.relation(c) == "cc" && matches!(view.lemma(c).as_str(), "maar" | "doch"))
    });
    if let Some(x) = contrast {
        on = vec![cue, x];
    }
    if let Some(&(t, _)) = negations.iter().find(|(_, w)| on.contains(w)) {
        let word = view.tree_text_of_token(t);
        negation = Some(word);
    }
    if negation.is_none() {
        if let Some(z) = tree
            .children(p)
            .find(|&c| tree.relation(c) == "mark" && view.lemma(c) == "zonder")
        {
            negation = Some(view.words(&[z]));
        }
    }
    // A clause that completes a negated frame is negated with it: "Het is niet de taak
    // van het RESOC om projecten te trekken", "Het hoort niet bij de opdracht van het
    // RESOC om …", "Het is niet de bedoeling dat …". The frame is a role noun, "bedoeling" or
    // "zo" (the parser may hang the clause on the frame's "van" phrase, so the first
    // frame within a few steps up is taken).
    let completes_a_frame = tree
        .children(p)
        .any(|c| tree.relation(c) == "mark" && matches!(view.lemma(c).as_str(), "om" | "te" | "dat"));
    if negation.is_none() && completes_a_frame {
        // A frame above the predicate, or the role noun of a verb above it ("hoort
        // niet bij de opdracht van het RESOC om …", the clause hung on "hoort").
        let frame = std::iter::successors(tree.words[p].head, |&h| tree.words[h as usize].head)
            .take(4)
            .map(|h| h as usize)
            .flat_map(|a| {
                std::iter::once(a).chain(tree.children(a).filter(|&c| tree.relation(c) == "obl" && c < p))
            })
            .find(|&x| {
                let lemma = view.lemma(x);
                view.is_role_noun(x) || matches!(lemma.as_str(), "bedoeling" | "zo")
            });
        // The negation word is left out of the tree when it stands alone, and in it
        // when a longer trigger took it ("is niet * taak" lowers what precedes it).
        negation = frame.and_then(|f| {
            let left_out = negations.iter().find(|&&(_, w)| w == f);
            let holders = [
                Some(f),
                tree.relation(f)
                    .starts_with("obl")
                    .then(|| tree.words[f].head)
                    .flatten()
                    .map(|h| h as usize),
            ];
            let in_tree = holders
                .into_iter()
                .flatten()
                .flat_map(|h| tree.children(h))
                .find(|&c| {
                    matches!(tree.relation(c), "advmod" | "det")
                        && view.kind(c) == Some(ContextKind::Negation)
                });
            left_out
                .map(|&(t, _)| view.tree_text_of_token(t))
                .or_else(|| in_tree.map(|c| view.words(&[c])))
        });
    }
    // A project word under an overleg word of the same clause is what the advice or
    // the consultation is about.
    // Any role word under a word of support is what the others do with that support
    // ("ondersteunt de gemeenten bij de opmaak van hun plan").
    let mut overleg_head = None;
    let mut support_head = None;
    for (k, &x) in path.iter().enumerate().skip(1) {
        // A conjunct is a sibling, not an object ("niet alleen overleg maar ook projecten").
        if tree.relation(path[k - 1]) == "conj" {
            continue;
        }
        // The object follows a verb of support in a main clause ("ondersteunt de
        // gemeenten bij de opmaak"); a role word before it is more often the tree
        // hanging a main clause's object under a final infinitive ("zet projecten op
        // om … te begeleiden").
        if view.is_cue(x) && view.pole(x) == 0.0 && support_head.is_none() && x < cue {
            support_head = Some(view.words(&[x]));
        }
        if view.pole(cue) > 0.0 && view.pole(x) < 0.0 && overleg_head.is_none() {
            overleg_head = Some(view.words(&[x]));
        }
    }
    // A project word in a clause that is the complement of an overleg verb is what
    // is assessed or advised on ("beoordeelt of de projecten passen binnen …",
    // "adviseert dat de projectoproep …").
    if overleg_head.is_none() && view.pole(cue) > 0.0 && tree.relation(p) == "ccomp" {
        if let Some(h) = tree.words[p].head.map(|h| h as usize) {
            if view.pole(h) < 0.0 {
                overleg_head = Some(view.words(&[h]));
            }
        }
    }
    // Another actor's projects: a project word with "van <actor>" or "hun".
    let mut owner = None;
    if view.pole(cue) > 0.0 {
        for c in tree.children(cue) {
            let phrase = view.phrase(c);
            if tree.relation(c) == "nmod" {
                // A partner is another actor, whatever its article ("een
                // pilootproject van een partner").
                if let Some(&o) = phrase.iter().find(|&&o| {
                    view.kind(o) == Some(ContextKind::ActorOther) || o == c && view.lemma(o) == "partner"
                }) {
                    owner = Some(view.words(&[o]));
                }
            }
            if tree.words[c].deprel == "nmod:poss" && view.lemma(c) == "hun" {
                owner = Some(view.words(&[c]));
            }
        }
    }
    // A role handed over is no longer the one's who hands it over ("laat de projecten
    // over aan de gemeenten", "draagt de trekkersrol over aan de provincie", "vertrouwt
    // de uitvoering toe aan de partners"): the verb with its particle (a compound
    // lemma, or the particle anywhere after the verb, as the small model often hangs it
    // on the "aan" phrase), and the "aan" phrase after the role word says to whom.
    // Only project words: what is passed on to the minister ("geeft de signalen door
    // aan …") is advice, not a role handed over.
    // The cheap conditions first: this runs for every cue of a parsed unit.
    let aan = (cue != p && view.pole(cue) > 0.0)
        .then(|| (cue + 1..tree.words.len()).find(|&w| tree.relation(w) == "case" && view.lemma(w) == "aan"))
        .flatten();
    let handing_over = |a: usize| {
        let lemma = view.lemma(p).replace('_', "");
        HANDING_OVER.iter().any(|&(verb, particle)| {
            let particle_of_p = |w: usize| {
                view.lemma(w) == particle
                    && (tree.words[w].deprel == "compound:prt" && tree.words[w].head == Some(p as u32)
                        || w + 1 == a)
            };
            lemma.strip_prefix(particle) == Some(verb)
                || (lemma == verb && (p + 1..tree.words.len()).any(particle_of_p))
        })
    };
    let handed_to = aan.filter(|&a| handing_over(a)).and_then(|a| {
        let h = tree.words[a].head? as usize;
        let whom: Vec<usize> = view.phrase(h).into_iter().filter(|&w| w > a).collect();
        Some(view.words(&whom))
    });
    // A project noun in a phrase that says where or in what frame the clause holds
    // ("In die projecten speelt het RESOC een adviserende rol", "is in dit project een
    // gewone partner", "In het kader van het project organiseert het RESOC overleg"):
    // where the clause states a role of its own — a role word as its predicate or in
    // its object — the noun is the setting of that role, not the role.
    let setting = (view.pole(cue) > 0.0 && cue != p && tree.words[cue].upos == "NOUN")
        .then(|| {
            let top = path[path.len().checked_sub(2)?];
            let framed =
                top == cue || (path.len() == 3 && view.lemma(top) == "kader" && tree.relation(cue) == "nmod");
            if !framed || tree.words[top].deprel != "obl" {
                return None;
            }
            let preposition = tree.children(top).find(|&c| {
                tree.relation(c) == "case" && matches!(view.lemma(c).as_str(), "in" | "binnen" | "tijdens")
            })?;
            let frame = view.phrase(top);
            let statement = std::iter::once(p)
                .chain(
                    tree.children(p)
                        .filter(|&c| matches!(tree.relation(c), "obj" | "xcomp"))
                        .flat_map(|c| view.phrase(c)),
                )
                .any(|x| !frame.contains(&x) && (view.is_cue(x) || view.is_role_noun(x)));
            statement.then(|| view.words(&[preposition]))
        })
        .flatten();
    // Past: a finite past form on the predicate or its auxiliary, or a perfect
    // ("heeft … opgezet"); not a passive with "worden" ("werd" is read lexically).
    let finite_past = std::iter::once(p)
        .chain(tree.children(p).filter(|&c| tree.relation(c) == "aux"))
        .find(|&w| {
            // A plural present is spelled as the infinitive ("starten", "trekken");
            // the small model tags some of them past.
            let form = view.text[tree.words[w].start as usize..tree.words[w].end as usize].to_lowercase();
            let as_infinitive = form == view.lemma(w) && form.ends_with("en");
            // "RESOC Brabantse Wouden": no past of "willen".
            let name = is_misread_name(view.text, tree, w);
            matches!(tree.words[w].upos.as_str(), "VERB" | "AUX")
                && tree.has_feature(w, "Tense=Past")
                && tree.has_feature(w, "VerbForm=Fin")
                && !as_infinitive
                && !name
        });
    let perfect =
        if tree.words[p].upos == "VERB" && tree.has_feature(p, "VerbForm=Part") && !view.is_passive(p) {
            tree.children(p)
                .find(|&c| tree.relation(c) == "aux" && matches!(view.lemma(c).as_str(), "hebben" | "zijn"))
        } else {
            None
        };
    let past = finite_past.or(perfect).map(|w| view.words(&[w]));
    // (A word the pattern continues right after is part of a fixed phrase, "volgt …
    // op de voet", not a particle.)
    let particle_is_preposition = split
        && words.len() > 1
        && words[1..]
            .iter()
            .any(|&w| !words.contains(&(w + 1)) && reads_as_preposition(tree, w));
    // A light verb's object that is a role word itself decides the pole ("organiseert
    // het overleg", "zet een overlegplatform op"); the verb then counts for nothing.
    let light_verb_object = if view.kind(cue) == Some(ContextKind::LightVerb) && cue == p {
        let own: Vec<usize> = words.clone();
        // The object, the subject of a passive, or the "van" phrase of a verb used as
        // a noun ("het organiseren van overleg").
        tree.children(p)
            .filter(|&c| {
                matches!(tree.words[c].deprel.as_str(), "obj" | "nsubj:pass")
                    || (matches!(tree.relation(c), "nmod" | "obl") && view.has_preposition(c, "van"))
            })
            .flat_map(|o| view.phrase(o))
            .find(|&x| view.is_cue(x) && !own.contains(&x))
            .map(|x| view.words(&[x]))
    } else {
        None
    };
    let object_of_light_verb = cue != p
        && view.kind(p) == Some(ContextKind::LightVerb)
        && tree
            .children(p)
            .filter(|&c| matches!(tree.words[c].deprel.as_str(), "obj" | "nsubj:pass"))
            .any(|o| view.phrase(o).contains(&cue));
    let topic_of = (cue != p
        && tree.words[cue].upos == "NOUN"
        && matches!(tree.words[cue].deprel.as_str(), "nsubj" | "nsubj:pass")
        && tree.words[cue].head == Some(p as u32)
        && !view.is_cue(p)
        && !view.is_role_noun(p)
        && matches!(agent, Agent::Nobody | Agent::Other(_)))
    .then(|| predicate.clone());
    Some(ClauseReading {
        agent,
        relation,
        predicate,
        object,
        negation,
        overleg_head,
        support_head,
        owner,
        handed_to,
        setting,
        past,
        particle_is_preposition,
        light_verb_object,
        object_of_light_verb,
        topic_of,
    })
}

/// A capitalised word in mid-sentence that the model tagged as a verb is a name it
/// misread ("RESOC Oostende-Middenkust", "RESOC Brabantse Wouden").
pub(super) fn is_misread_name(text: &str, tree: &Tree, w: usize) -> bool {
    let word = &tree.words[w];
    w > 0 && text[word.start as usize..word.end as usize].starts_with(char::is_uppercase)
}

/// Whether the tree's word `w`, a possible verb particle, is rather the preposition
/// of a noun phrase: a preposition heads the phrase right after it ("op onze oude
/// dag"); a particle ends its clause ("volgt ze op in een werkgroep", "stemt de
/// communicatie af met de scholen"), whatever the tree attaches it to.
pub(super) fn reads_as_preposition(tree: &Tree, w: usize) -> bool {
    let starts_phrase = tree
        .words
        .get(w + 1)
        .is_some_and(|n| matches!(n.upos.as_str(), "DET" | "NOUN" | "PROPN" | "ADJ" | "PRON" | "NUM"));
    tree.relation(w) == "case" && starts_phrase && tree.words[w].head.is_some_and(|h| h as usize > w)
}

/// Head nouns (or the ends of compounds: "kenniscentrum", "stadsbestuur",
/// "ledenbedrijven") that name people or organisations, which can act. A subject
/// headed by another common noun names a thing, a figure or an event ("Het budget
/// bedraagt …", "De fusie werd goedgekeurd"): nobody acts in its clause.
const ACTOR_NOUN_ENDINGS: &[&str] = &[
    "bestuur",
    "besturen",
    "raad",
    "raden",
    "comité",
    "comite",
    "organisatie",
    "organisaties",
    "vereniging",
    "verenigingen",
    "federatie",
    "bond",
    "bonden",
    "partner",
    "partners",
    "bedrijf",
    "bedrijven",
    "onderneming",
    "ondernemingen",
    "school",
    "scholen",
    "universiteit",
    "instelling",
    "instellingen",
    "instituut",
    "observatorium",
    "steunpunt",
    "centrum",
    "centra",
    "agentschap",
    "kamer",
    "fonds",
    "fondsen",
    "overheid",
    "overheden",
    "regering",
    "ministerie",
    "dienst",
    "diensten",
    "gemeente",
    "gemeenten",
    "stad",
    "steden",
    "provincie",
    "vzw",
    "ocmw",
    "overleg",
    "platform",
    "netwerk",
    "forum",
    "werkgroep",
    "stuurgroep",
    "team",
    "bureau",
    "secretariaat",
    "intercommunale",
    "maatschappij",
    "gever",
    "gevers",
    "nemer",
    "nemers",
    "meester",
    "meesters",
    "zitter",
    "zitters",
    "werker",
    "werkers",
    "leider",
    "leiders",
    "schepen",
    "schepenen",
    "minister",
    "gedeputeerde",
    "directeur",
    "directrice",
    "coördinator",
    "coordinator",
    "consulent",
    "leden",
    "lid",
];

/// Personal pronouns that stand for people or organisations.
const PERSONAL: &[&str] = &["ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "men"];

/// The reader addressed ("Je vindt het pact onderaan", "Heeft u een vraag?"): no actor
/// of the pact.
const SECOND_PERSON: &[&str] = &["jij", "je", "u", "jullie"];

/// Verbs of a state, a measure or what befalls the subject ("De regio telt 480.000
/// inwoners", "Het budget bedraagt …", "Limburg kende een sterke groei", "Westhoek krijgt
/// een opleidingscentrum", "Dat blijkt uit …"): their subject does not act. (The RESOC
/// as their subject still says something about the RESOC itself.)
const STATE_VERBS: &[&str] = &[
    "zijn",
    "tellen",
    "bedragen",
    "bestaan",
    "beschikken",
    "blijken",
    "krijgen",
    "ontvangen",
    "kennen",
    "dalen",
    "stijgen",
    "groeien",
    "scoren",
    "lijken",
];

/// Verbs of the events a news report tells (appointments, mergers, moves): the event is
/// reported, nobody plays a role in it, also when the RESOC or its assembly is the
/// subject ("De algemene vergadering heeft Annelies Verstraete aangesteld als directeur").
/// (Stems: the small model's lemmas of these verbs are not always whole.)
const EVENT_VERBS: &[&str] = &["aanstel", "benoem", "verkie", "verkoz", "fuse", "verhuis"];

/// Verbs of granting or allocating money: another actor's grant is a reported event;
/// the RESOC allocating its own means says something about the RESOC ("trekt 40.000 euro
/// uit voor …": an organisational fact).
const GRANT_VERBS: &[&str] = &["toeken", "uittrek"];

impl UnitView<'_> {
    /// Whether the phrase headed by `w` names someone who can act: the RESOC or
    /// another actor the context lexicon knows, a name, a personal pronoun, or a noun
    /// for people or an organisation.
    fn can_act(&self, w: usize) -> bool {
        if self.names_an_actor(w) {
            return true;
        }
        let word = &self.tree.words[w];
        let lemma = self.lemma(w);
        let form = self.text[word.start as usize..word.end as usize].to_lowercase();
        match word.upos.as_str() {
            "PROPN" | "X" => true,
            "PRON" => PERSONAL.contains(&lemma.as_str()) || PERSONAL.contains(&form.as_str()),
            "NOUN" => [lemma.as_str(), form.as_str()]
                .iter()
                .any(|x| ACTOR_NOUN_ENDINGS.iter().any(|e| x.ends_with(e))),
            _ => false,
        }
    }
}

/// Who acts in a unit's main clause, whether or not it holds a cue: the agent of its
/// root predicate, how it was found, and the predicate's words. Another actor acts
/// only when the phrase that stands for it can act ([`UnitView::can_act`]); a
/// fragment with no subject (a label, a heading) has nobody acting.
pub(super) fn main_clause(view: &UnitView<'_>, root: &RootClause) -> (Agent, &'static str, String) {
    let tree = view.tree;
    let RootClause {
        predicate: p,
        agent,
        relation,
    } = root.clone();
    let (predicate, particle) = view.predicate_words(p);
    // The verb's lemma with its particle in front, as a dictionary lists it. The
    // particle is the tree's `compound:prt` word where there is one: the model's lemma
    // may guess another ("trekt … uit" as `terug_trekken`); else the lemma's own
    // ("aangesteld" as `aan_stellen`).
    let lemma = view.lemma(p);
    let verb = match (lemma.split_once('_'), &particle) {
        (Some((_, base)), Some(prt)) => format!("{}{base}", prt.to_lowercase()),
        (Some((prt, base)), None) => format!("{prt}{base}"),
        (None, prt) => format!("{}{lemma}", prt.as_deref().unwrap_or("").to_lowercase()),
    };
    let subject = tree.children(p).find(|&c| tree.relation(c) == "nsubj");
    let addressed = subject.is_some_and(|s| {
        let form = view.words(&[s]).to_lowercase();
        tree.words[s].upos == "PRON" && SECOND_PERSON.contains(&form.as_str())
    });
    if addressed {
        return (Agent::Nobody, "reader", predicate);
    }
    let grant = GRANT_VERBS.iter().any(|v| verb.starts_with(v));
    let event = EVENT_VERBS.iter().any(|v| verb.starts_with(v));
    if event || (grant && agent != Agent::Resoc) {
        return (Agent::Nobody, "event", predicate);
    }
    let copular = tree.children(p).any(|c| tree.relation(c) == "cop");
    if (copular || STATE_VERBS.contains(&lemma.as_str())) && matches!(agent, Agent::Other(_)) {
        return (Agent::Nobody, "state", predicate);
    }
    // "Het RESOC wordt uitgenodigd op …": what is done to the RESOC is a statement
    // about the RESOC (as a participant), not about nobody.
    if relation == "passive" {
        let undergoer = tree
            .children(p)
            .find(|&c| tree.words[c].deprel == "nsubj:pass" || tree.relation(c) == "nsubj");
        if undergoer.is_some_and(|u| view.actor_of_phrase(u) == Agent::Resoc) {
            return (Agent::Resoc, "nsubj:pass", predicate);
        }
    }
    let agent = match agent {
        Agent::Other(who) if matches!(relation, "nsubj" | "obl:agent" | "conj" | "xcomp") => {
            // The phrase that stands for the actor: the "door" phrase, else the
            // subject (of this predicate or of the one it shares it with).
            let mut holder = None;
            let mut x = p;
            for _ in 0..4 {
                holder = tree
                    .children(x)
                    .find(|&c| {
                        tree.words[c].deprel == "obl:agent"
                            || (view.is_passive(x) && view.has_preposition(c, "door"))
                    })
                    .or_else(|| {
                        tree.children(x)
                            .find(|&c| matches!(tree.relation(c), "nsubj" | "csubj"))
                    });
                match (holder, tree.words[x].head) {
                    (None, Some(h)) if matches!(tree.relation(x), "conj" | "xcomp" | "advcl") => {
                        x = view.predicate_of(h as usize)
                    }
                    _ => break,
                }
            }
            // A pronoun stands for the one it points back to, who acted before.
            match holder {
                Some(h) if tree.words[h].upos != "PRON" && !view.can_act(h) => Agent::Nobody,
                _ => Agent::Other(who),
            }
        }
        a => a,
    };
    (agent, relation, predicate)
}

/// A unit's root predicate and its agent as the tree gives it, read once per parsed
/// unit: for the pronouns of the sentence after it ([`main_subject`]) and for its main
/// clause ([`main_clause`]).
#[derive(Debug, Clone)]
pub(super) struct RootClause {
    predicate: usize,
    agent: Agent,
    relation: &'static str,
}

/// The root clause of a parsed unit (`None` for a tree without a root).
pub(super) fn root_clause(view: &UnitView<'_>) -> Option<RootClause> {
    let root = view.tree.words.iter().position(|w| w.head.is_none())?;
    let predicate = view.predicate_of(root);
    let (agent, relation) = view.agent_of(predicate, 0);
    Some(RootClause {
        predicate,
        agent,
        relation,
    })
}

/// The agent a sentence's main clause states, for the sentence after it: its root's
/// subject (`None` when it has none).
pub(super) fn main_subject(root: &RootClause) -> Option<Agent> {
    match &root.agent {
        Agent::Unresolved | Agent::Nobody => None,
        a => Some(a.clone()),
    }
}

/// Whether the tree shows unit token `object` as the object of the verb at unit token
/// `verb`: its direct object, the subject of its passive ("de studiedag wordt
/// georganiseerd"), its "van" phrase when the verb is used as a noun ("het organiseren
/// van studiedagen"), the noun a relative clause with the verb describes ("de
/// studiedag die het RESOC organiseert"), or a conjunct, apposition or part of a name of
/// one of these. A word deeper inside the object ("organiseert overleg over de
/// projecten") is not the object.
/// Whether the tree gives the word at unit token `object` to a clause other than that of
/// the verb at token `verb`: the nearest verb above it is another finite verb with a
/// subject of its own, standing between the two ("organiseert overleg, en het RESOC zet een studiedag op": the
/// studiedag is set up, not organised).
pub(super) fn is_owned_by_another_verb(tree: &Tree, verb: usize, object: usize) -> bool {
    let (Some(v), Some(o)) = (tree.word_of_token(verb), tree.word_of_token(object)) else {
        return false;
    };
    let mut x = o;
    for _ in 0..tree.words.len() {
        let Some(h) = tree.words[x].head else { return false };
        x = h as usize;
        if x == v {
            return false;
        }
        // A clause of its own: a finite verb with its own subject, beginning after the
        // predicate and before the object (whatever the parser did further on). A
        // verb used as a noun ("bij het uitwerken van hun initiatieven") is no other
        // owner.
        if tree.words[x].upos == "VERB" {
            let between = v.min(o) < x && x < v.max(o);
            return between
                && tree.has_feature(x, "VerbForm=Fin")
                && tree.children(x).any(|c| tree.relation(c) == "nsubj");
        }
    }
    false
}

pub(super) fn is_object_of(tree: &Tree, verb: usize, object: usize) -> bool {
    let (Some(v), Some(o)) = (tree.word_of_token(verb), tree.word_of_token(object)) else {
        return false;
    };
    // The object's head word, through the conjuncts it belongs to and the names and
    // appositions it stands in ("de Hagelandse Jobdag, een jobbeurs", "ESF-project").
    let mut heads = vec![o];
    let mut x = o;
    while matches!(tree.relation(x), "conj" | "appos" | "flat" | "compound" | "fixed") {
        let Some(h) = tree.words[x].head else { break };
        x = h as usize;
        if heads.contains(&x) {
            break;
        }
        heads.push(x);
    }
    let by_van = |c: usize| {
        tree.children(c)
            .any(|k| tree.relation(k) == "case" && tree.words[k].lemma == "van")
    };
    let of_verb = heads.iter().any(|&h| {
        tree.words[h].head == Some(v as u32)
            && (matches!(tree.words[h].deprel.as_str(), "obj" | "nsubj:pass")
                || (matches!(tree.relation(h), "nmod" | "obl") && by_van(h)))
    });
    let relative = tree.words[v].deprel.starts_with("acl")
        && tree.words[v].head.is_some_and(|h| heads.contains(&(h as usize)));
    of_verb || relative
}
