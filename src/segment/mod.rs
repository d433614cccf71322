//! Segment: a document's text → sections (at headings) → units (sentences and list
//! items), with **bold**, *emphasis* and (parenthesised) spans marked, and each
//! section attributed to a RESOC.

use crate::registry::Registry;

mod attribution;
mod markup;
mod outline;
mod units;

use markup::*;
use outline::*;
use units::*;

pub use attribution::{attribute_units, UnitAttribution};
pub use markup::strip_markup;
pub use outline::Outline;
pub use units::{sentence_spans, table_cells};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentedDocument {
    pub name: String,
    /// The first heading when it stands before any body text.
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1-based position of the section in its document.
    pub index: usize,
    /// The heading that opens the section; empty for text before the first heading.
    pub title: String,
    /// Titles of the enclosing headings, outermost first, including this one.
    pub heading_path: Vec<String>,
    pub level: u8,
    /// 1-based line range of the section in the normalised text, inclusive.
    pub line_start: usize,
    pub line_end: usize,
    /// Canonical RESOC the section belongs to, if any.
    pub resoc: Option<String>,
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Heading,
    Sentence,
    ListItem,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Heading => "heading",
            UnitKind::Sentence => "sentence",
            UnitKind::ListItem => "item",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    Bold,
    Italic,
    Paren,
}

/// A byte span of a unit's text with a typographic mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// The smallest piece of text that is coded on its own: a sentence, a list item or a
/// heading. Markdown markup is removed from `text`; its meaning is kept in `marks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    /// 1-based line where the unit starts.
    pub line: usize,
    pub kind: UnitKind,
    pub marks: Vec<Mark>,
    /// For a list item: the index (in the section) of the sentence that introduces the
    /// list ("Het RESOC kan diverse initiatieven nemen:"), whose context carries over.
    pub lead: Option<usize>,
    /// For a body row of a pipe table with a header row: its cells and its header, so
    /// that matching can read each cell under its column's label ("Trekker").
    pub table: Option<TableCells>,
}

/// A body row of a pipe table under a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCells {
    /// The index, in the section, of the table's header row.
    pub header: usize,
    /// The byte spans of the row's cells in its text, trimmed, left to right; the
    /// header's are `table_cells(&header.text)`.
    pub cells: Vec<std::ops::Range<usize>>,
}

/// Segments a document. `name` is the document's output name (used when neither a
/// heading nor the title names a RESOC).
pub fn segment_document(name: &str, text: &str, registry: &Registry) -> SegmentedDocument {
    let outline = Outline::of(name, text, registry);
    SegmentedDocument {
        name: name.to_string(),
        title: outline.title.clone(),
        sections: outline.sections(0..outline.len()),
    }
}

#[cfg(test)]
mod tests;
