//! The owned records the scoring stage hands on: per section its matches and evidence,
//! per document its sections, per RESOC its score, and the run as a whole. They hold
//! no references into the lexicon, so partial results can be stored and merged.

use crate::ingest::InputRecord;

use super::{ResocScore, ScoringOptions, Totals};

/// One modifier of a cue occurrence, as reported.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModifierRecord {
    pub kind: String,
    pub trigger: String,
    pub factor: f64,
}

/// One cue occurrence with everything the audit trail shows. Self-contained (no
/// references into the lexicon), so partial results can be stored and merged.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MatchRecord {
    pub line: usize,
    /// 1-based unit (sentence) index in the section.
    pub unit: usize,
    pub unit_kind: String,
    pub context: String,
    pub cue: String,
    pub category: String,
    pub pole: f64,
    pub lexicon_file: String,
    pub lexicon_line: usize,
    pub matched: String,
    pub stem: String,
    pub base_weight: f64,
    pub weight: f64,
    pub negated: bool,
    pub modifiers: Vec<ModifierRecord>,
    pub actor: String,
    /// Who acts in the clause: `resoc`, `other:<words>` or `none`.
    #[serde(default)]
    pub agent: String,
    /// How the agent was found (a tree relation, or `lexical`).
    #[serde(default)]
    pub agent_relation: String,
    #[serde(default)]
    pub predicate: String,
    #[serde(default)]
    pub object: String,
    pub contribution: f64,
    /// The RESOC(s) the match counts for when its unit names others than its section's
    /// (empty: nobody's, a unit that reports a merger); `None`: the section's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resocs: Option<Vec<String>>,
}

impl MatchRecord {
    /// The RESOCs this match counts for, given its section's.
    pub fn counts_for<'a>(&'a self, section_resoc: Option<&'a str>) -> Vec<&'a str> {
        match &self.resocs {
            Some(named) => named.iter().map(String::as_str).collect(),
            None => section_resoc.into_iter().collect(),
        }
    }

    /// The resoc cell of matches.csv: the RESOCs it counts for, joined by "; ".
    pub fn resoc_cell(&self, section_resoc: Option<&str>) -> String {
        self.counts_for(section_resoc).join("; ")
    }
}

/// The main clause of a parsed unit, as clauses.csv shows it: who acts in it, cue or
/// not.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClauseRow {
    pub line: usize,
    /// 1-based unit index in the section.
    pub unit: usize,
    pub unit_kind: String,
    pub context: String,
    /// `resoc`, `other:<words>` or `none`.
    pub agent: String,
    pub agent_relation: String,
    pub predicate: String,
    /// As in [`MatchRecord::resocs`]: `None` is the section's RESOC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resocs: Option<Vec<String>>,
}

impl ClauseRow {
    /// The resoc cell of clauses.csv, as [`MatchRecord::resoc_cell`].
    pub fn resoc_cell(&self, section_resoc: Option<&str>) -> String {
        match &self.resocs {
            Some(named) => named.join("; "),
            None => section_resoc.unwrap_or_default().to_string(),
        }
    }
}

/// The evidence of a unit that counts for other RESOCs than its section's.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ElsewhereEvidence {
    /// Empty: for nobody.
    pub resocs: Vec<String>,
    pub overleg: f64,
    pub project: f64,
}

/// A section's results: what sections.csv and matches.csv show, and the evidence
/// per unit that RESOC scores are computed from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SectionSummary {
    pub index: usize,
    pub title: String,
    pub heading_path: Vec<String>,
    pub level: u8,
    pub line_start: usize,
    pub line_end: usize,
    pub resoc: Option<String>,
    pub tokens: usize,
    pub units: usize,
    /// (overleg, project) of each unit with evidence, in unit order.
    pub evidence: Vec<(f64, f64)>,
    pub theme_statement: bool,
    pub unclear_statement: bool,
    pub matches: Vec<MatchRecord>,
    /// Units with evidence that name other RESOCs than the section's, in unit order
    /// (not in `evidence`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elsewhere: Vec<ElsewhereEvidence>,
    /// The language of a long section that is not Dutch (ISO 639-1 where it has one):
    /// its units were not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_language: Option<String>,
    /// How many of its units went to the parser, and their words.
    #[serde(default)]
    pub parse: ParseCounts,
    /// The main clause of each parsed unit, in unit order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<ClauseRow>,
}

/// The parser's share of the work: units parsed and their words, and units that
/// needed a tree but could not be parsed (too long, a parser error) and were read
/// lexically instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ParseCounts {
    pub units_parsed: usize,
    pub words_parsed: usize,
    pub units_not_parsed: usize,
    /// Sentences with weighted cues in which no word can stand for the RESOC: read
    /// without a tree, their cues count for nothing.
    #[serde(default)]
    pub units_without_reference: usize,
}

impl ParseCounts {
    pub fn add(&mut self, other: ParseCounts) {
        self.units_parsed += other.units_parsed;
        self.words_parsed += other.words_parsed;
        self.units_not_parsed += other.units_not_parsed;
        self.units_without_reference += other.units_without_reference;
    }
}

impl SectionSummary {
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for (o, p) in &self.evidence {
            t.overleg += o;
            t.project += p;
        }
        t
    }

    /// The section's score, with the run's prior (as a RESOC's).
    pub fn score(&self, opts: &ScoringOptions) -> Option<f64> {
        self.totals().score(opts.prior)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocumentSummary {
    pub name: String,
    pub title: Option<String>,
    pub sections: Vec<SectionSummary>,
}

#[derive(Debug)]
pub struct ResocResult {
    pub name: String,
    pub province: Option<String>,
    pub documents: usize,
    pub sections: usize,
    pub units: usize,
    pub tokens: usize,
    pub matches: usize,
    pub score: ResocScore,
}

#[derive(Debug)]
pub struct RunResult {
    pub inputs: Vec<InputRecord>,
    /// The documents read, in name order — held only when an output needs them all at
    /// once (the workbook, the HTML report, a merge); a streaming run leaves it empty
    /// and `counts` still covers every document.
    pub documents: Vec<DocumentSummary>,
    pub resocs: Vec<ResocResult>,
    /// Problems with input arguments or folder entries (not tied to a read file).
    pub input_problems: Vec<String>,
    pub counts: RunCounts,
    /// Per document read, in name order: the RESOCs its sections were attributed to, and
    /// the evidence that counted for no RESOC (nothing is lost without a word).
    pub attribution: Vec<DocumentAttribution>,
}

/// Which RESOCs one document was attributed to, and the evidence of its sections that
/// no RESOC got.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentAttribution {
    pub path: String,
    pub resocs: Vec<String>,
    pub unattributed_evidence: f64,
    /// Sections not read because they are in another language: (section, language).
    pub other_language_sections: Vec<(usize, String)>,
}

/// Totals over every document of a run (for the manifest).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub documents: usize,
    pub sections: usize,
    pub units: usize,
    pub tokens: usize,
    pub matches: usize,
    pub parse: ParseCounts,
}

impl RunResult {
    /// The RESOCs found that the registry does not list (they have no province).
    pub fn resocs_not_in_registry(&self) -> Vec<&str> {
        self.resocs
            .iter()
            .filter(|r| r.province.is_none())
            .map(|r| r.name.as_str())
            .collect()
    }

    pub fn skipped(&self) -> usize {
        self.inputs.iter().filter(|i| !i.is_read()).count() + self.input_problems.len()
    }
}

/// What the analysis of a run's inputs found (before RESOCs are scored): per file its record, the documents read, and the
/// problems with input arguments.
pub struct Analysis {
    pub inputs: Vec<InputRecord>,
    pub documents: Vec<DocumentSummary>,
    pub input_problems: Vec<String>,
}
