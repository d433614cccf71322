//! The instruments of a run — the cue lexicon, the context rules and the RESOC registry —
//! loaded and checked together before any input is read, and where they came from.

use std::path::Path;

use crate::lexicon::{ContextRules, Lexicon, Source, SourceInfo};
use crate::registry::Registry;
use crate::table::LoadError;

/// The instruments of a run: what is matched and how RESOCs are recognised.
pub struct Instruments {
    pub lexicon: Lexicon,
    pub context: ContextRules,
    pub registry: Registry,
    /// How units are read (the dependency tree unless chosen otherwise).
    pub reader: Reader,
}

impl Instruments {
    /// Loads the given files, or the built-in defaults. Any error stops the run before
    /// an input is read or an output touched.
    pub fn load(
        lexicons: &[Source],
        context: Option<&Path>,
        registry: Option<&Path>,
    ) -> Result<Instruments, LoadError> {
        Ok(Instruments {
            lexicon: Lexicon::load(lexicons)?,
            context: match context {
                Some(p) => ContextRules::from_file(p)?,
                None => ContextRules::builtin(),
            },
            registry: match registry {
                Some(p) => {
                    let name = p.to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(p)
                        .map_err(|e| LoadError::new(&name, 0, format!("cannot read: {e}")))?;
                    Registry::parse(&name, &text)?
                }
                None => Registry::builtin(),
            },
            reader: Default::default(),
        })
    }

    /// Where the instruments came from, for the manifest.
    pub fn provenance(&self) -> Provenance {
        Provenance {
            lexicon: self.lexicon.sources.clone(),
            context_lexicon: self.context.source.clone(),
            registry: SourceInfo {
                name: self.registry.source_name().to_string(),
                sha256: self.registry.sha256().to_string(),
                builtin: self.registry.is_builtin(),
            },
        }
    }
}

/// Where the instruments of a run came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// The cue lexicon's layers, in order.
    pub lexicon: Vec<SourceInfo>,
    pub context_lexicon: SourceInfo,
    pub registry: SourceInfo,
}

/// How units are read: who acts in a clause from the dependency tree, or from the word
/// window alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reader {
    /// Units that can matter are parsed; the rest, and what the tree leaves open, are
    /// read by the word window.
    #[default]
    Tree,
    /// No parse: the word-window reading for every unit (the reader before the parser).
    Words,
    /// Every unit is parsed, whether it can matter or not: a benchmark baseline.
    TreeEverywhere,
}
