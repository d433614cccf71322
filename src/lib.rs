//! streekpact: scores the role of Flemish RESOCs in their streekpacten on the
//! overleg–project axis, with an audit trail from every number to its sentences.
//!
//! The modules follow the data: [`ingest`] → [`segment`] → [`analyze`] → [`parse`] →
//! [`lexicon`] → [`matching`] → [`scoring`] → [`report`]; [`pipeline`] runs them in order.

pub mod analyze;
pub mod evaluate;
pub mod explain;
pub mod ingest;
pub mod instruments;
pub mod lexicon;
pub mod matching;
pub mod parse;
pub mod partial;
pub mod pipeline;
pub mod registry;
pub mod report;
pub mod scoring;
pub mod segment;
pub mod table;
pub mod text;
pub mod verify;
pub mod workbench;
