//! Matching: finds the lexicon's cues in each unit and decides, per occurrence, what
//! it counts for in its context: negation (ConText-style scopes), hedges, emphasis,
//! typography, time, and whose role the clause describes.

use crate::analyze::{flags, gap, AnalyzedSection, Token};
use crate::lexicon::atoms::{AtomId, AtomKind, AtomSet, Pattern};
use crate::lexicon::context::Rule;
use crate::lexicon::{ContextKind, ContextRules, CueId, Lexicon, Scope, GAP_WINDOW};
use crate::segment::{Section, UnitKind};

mod actors;
mod atoms;
mod clauses;
mod combining;
mod finding;
mod lead_in;
mod tables;

use actors::*;
use atoms::*;
use clauses::*;
use combining::*;
use finding::*;
use lead_in::*;
use tables::*;

pub use finding::cue_candidates;

/// Whose role a clause describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The RESOC is named as subject.
    Resoc,
    /// Another actor is the subject; the trigger words are kept for the audit trail.
    Other(String),
    /// No subject recognised: the pact is taken to speak about its RESOC.
    Unknown,
    /// The tree shows nobody acting (a passive without "door …", "er wordt …").
    Nobody,
}

impl Actor {
    pub fn label(&self) -> String {
        match self {
            Actor::Resoc => "resoc".into(),
            Actor::Other(who) => format!("other:{who}"),
            Actor::Unknown => "unknown".into(),
            Actor::Nobody => "none".into(),
        }
    }

    /// The agent as matches.csv shows it: `resoc`, `other:<words>` or `none` (an
    /// unknown subject is counted as the RESOC's, so it reads `resoc`).
    pub fn agent(&self) -> String {
        match self {
            Actor::Resoc | Actor::Unknown => "resoc".into(),
            Actor::Other(who) => format!("other:{who}"),
            Actor::Nobody => "none".into(),
        }
    }
}

/// The clause of a cue occurrence as the audit trail shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClauseRecord {
    /// How the agent was found: a tree relation (`nsubj`, `obl:agent`, `relative`,
    /// `pronoun`, `conj`, `xcomp`, `als`, `nmod`, `initiator`, `bij`, `passive`), or `lexical` (the word-window reading,
    /// with the reason when the unit could not be parsed).
    pub relation: String,
    /// The predicate (verb with its particle, or the predicate noun), from the tree.
    pub predicate: String,
    /// The predicate's direct object, from the tree.
    pub object: String,
}

/// One thing in the context that changed a cue's weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Modifier {
    pub kind: &'static str,
    /// The trigger words as they stand in the text (empty for typography).
    pub trigger: String,
    pub factor: f64,
}

/// The modifier kind of a cue of weight 0 (a name or false friend): it matched, so
/// shorter cues in its words do not count, and it counts for nothing itself.
pub const NOT_A_ROLE: &str = "not_a_role";

/// The agent relation of a cue in a sentence where no word can stand for the RESOC.
pub const NO_REFERENCE: &str = "no_reference";

/// One cue occurrence and what it counts for.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    pub cue: CueId,
    /// Index of the first matched token in the unit.
    pub first_token: usize,
    /// Byte span in the unit text from the first to the last matched word.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The matched words, " … " where a gap was skipped.
    pub matched: String,
    /// Snowball stem of the first matched word (for the audit trail and lexicon work).
    pub stem: String,
    pub negated: bool,
    pub modifiers: Vec<Modifier>,
    pub actor: Actor,
    pub clause: ClauseRecord,
    /// The cue's weight in the lexicon.
    pub base_weight: f64,
    /// After all modifiers; 0 when negated.
    pub weight: f64,
}

/// Who acts in a parsed unit's main clause, whether or not the unit holds a cue
/// (clauses.csv): what a reader sees before asking which role a sentence describes.
#[derive(Debug, Clone, PartialEq)]
pub struct MainClause {
    /// `Resoc`, `Other` or `Nobody` (no actor: a thing as the subject, a passive
    /// without "door …", a heading or a fragment).
    pub actor: Actor,
    /// How the actor was found: a tree relation as in [`ClauseRecord`], `heading`,
    /// `table_holder`, `label`, `lead_in`, or empty when nothing in the unit acts.
    pub relation: String,
    pub predicate: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitFindings {
    pub tokens: usize,
    pub matches: Vec<CueMatch>,
    /// The unit says the role depends on the theme.
    pub theme_statement: bool,
    /// The unit says the role is unclear or not described.
    pub unclear_statement: bool,
    /// Whether the unit was parsed: its words, or why the parser could not take it
    /// (`None`: it did not need a tree).
    pub parse: Option<Result<usize, String>>,
    /// A sentence with weighted cues in which no word can stand for the RESOC: its
    /// cues count for nothing and it was not parsed.
    pub without_reference: bool,
    /// The main clause of a parsed unit (`None`: not parsed).
    pub main_clause: Option<MainClause>,
}

pub use crate::instruments::Reader;

/// Matches cues and context triggers in every unit of a section.
pub fn match_section(
    section: &Section,
    analyzed: &AnalyzedSection,
    lexicon: &Lexicon,
    context: &ContextRules,
) -> Vec<UnitFindings> {
    match_section_with(section, analyzed, lexicon, context, Reader::Tree)
}

/// [`match_section`] with a chosen [`Reader`].
pub fn match_section_with(
    section: &Section,
    analyzed: &AnalyzedSection,
    lexicon: &Lexicon,
    context: &ContextRules,
    reader: Reader,
) -> Vec<UnitFindings> {
    let cue_cache = cue_atoms_of(analyzed, lexicon);
    let ctx_cache = context_atoms_of(analyzed, context);
    // A unit needs the full reading only when a cue that carries weight may match in
    // it or it may say the role depends on the theme or is unclear (it has a witness
    // word of one). The others yield no findings, whatever their context: skipping
    // them changes nothing. A table row under a header may state a role through its
    // column's label, without a word of its own.
    let needs_reading: Vec<bool> = analyzed
        .units()
        .zip(&section.units)
        .map(|(tokens, unit)| {
            reader == Reader::TreeEverywhere
                || unit.table.is_some()
                || tokens.iter().any(|t| {
                    let f = t.form as usize;
                    cue_cache.marked[f] || ctx_cache.marked[f]
                })
        })
        .collect();
    let out = match_units(
        section,
        analyzed,
        lexicon,
        context,
        &cue_cache.atoms,
        &ctx_cache.atoms,
        Plan {
            needs_reading: &needs_reading,
            reader,
        },
    );
    cue_cache.give_back(&CUE_ATOMS);
    ctx_cache.give_back(&CONTEXT_ATOMS);
    out
}

#[cfg(test)]
mod tests;
