//! The context lexicon: the Dutch trigger words that change what a cue counts for
//! (negation, hedges, emphasis, time, actors) and the meta statements about the
//! role. It lives in `lexicons/context.tsv`, not in code, so a researcher can read
//! and adapt every list.

use super::atoms::{parse_pattern, AtomSet, Pattern};
use super::SourceInfo;
use crate::table::{parse_rows, LoadError};
use crate::text::sha256_hex;

pub const BUILTIN_CONTEXT: &str = include_str!("../../lexicons/context.tsv");
pub const BUILTIN_CONTEXT_NAME: &str = "<built-in lexicons/context.tsv>";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContextKind {
    /// Cancels the cues in its scope (ConText "negated").
    Negation,
    /// Looks like a trigger but is none ("niet alleen", "niet onbelangrijk"); it
    /// only occupies its words so that no shorter trigger fires on them.
    Pseudo,
    /// Ends a clause, and with it every scope ("maar", "echter", "dan weer").
    Terminator,
    /// Lowers the cues in its clause ("kan", "soms", "in bepaalde gevallen").
    Hedge,
    /// Raises the cues in its clause ("vooral", "nadruk op").
    Emphasis,
    /// Lowers everything before it in the sentence ("niet tot haar kernopdracht").
    Deemphasis,
    /// Marks a former role ("vroeger", "in de vorige periode").
    Past,
    /// Marks the present or future role; cancels Past in its clause ("voortaan").
    Present,
    /// The RESOC itself as subject ("het RESOC", "wij", "het comité").
    ActorSelf,
    /// Another actor as subject ("de provincie", "VDAB"); factor = weight kept.
    ActorOther,
    /// A preposition before an actor makes it no subject ("met de provincie").
    Preposition,
    /// Words that may stand between a preposition and an actor ("de", "haar").
    Determiner,
    /// Marks the agent of a passive ("door"): the actor after it acts.
    Agent,
    /// The text says the role depends on the theme.
    Theme,
    /// The text says the role is unclear or not described.
    Unclear,
    /// Words about a role; Theme and Unclear count only in a unit with one.
    RoleWord,
    /// A field label naming a role holder ("Trekker: VDAB"): the value is the actor.
    RoleLabel,
    /// A role label that names who holds an action ("Trekker", "Promotor"): also the
    /// label of a table's holder column ("| Actie | Trekker |"), whose cell in each row
    /// says whose the row's action is.
    HolderLabel,
    /// A verb cue whose pole is its object's when the object is a cue itself
    /// ("organiseert overleg" is overleg, "organiseert een jobbeurs" a project).
    LightVerb,
}

impl ContextKind {
    fn parse(s: &str) -> Option<ContextKind> {
        Some(match s {
            "negation" => ContextKind::Negation,
            "pseudo" => ContextKind::Pseudo,
            "terminator" => ContextKind::Terminator,
            "hedge" => ContextKind::Hedge,
            "emphasis" => ContextKind::Emphasis,
            "deemphasis" => ContextKind::Deemphasis,
            "past" => ContextKind::Past,
            "present" => ContextKind::Present,
            "actor_self" => ContextKind::ActorSelf,
            "actor_other" => ContextKind::ActorOther,
            "preposition" => ContextKind::Preposition,
            "determiner" => ContextKind::Determiner,
            "agent" => ContextKind::Agent,
            "theme" => ContextKind::Theme,
            "unclear" => ContextKind::Unclear,
            "role_word" => ContextKind::RoleWord,
            "role_label" => ContextKind::RoleLabel,
            "holder_label" => ContextKind::HolderLabel,
            "light_verb" => ContextKind::LightVerb,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ContextKind::Negation => "negation",
            ContextKind::Pseudo => "pseudo",
            ContextKind::Terminator => "terminator",
            ContextKind::Hedge => "hedge",
            ContextKind::Emphasis => "emphasis",
            ContextKind::Deemphasis => "deemphasis",
            ContextKind::Past => "past",
            ContextKind::Present => "present",
            ContextKind::ActorSelf => "actor_self",
            ContextKind::ActorOther => "actor_other",
            ContextKind::Preposition => "preposition",
            ContextKind::Determiner => "determiner",
            ContextKind::Agent => "agent",
            ContextKind::Theme => "theme",
            ContextKind::Unclear => "unclear",
            ContextKind::RoleWord => "role_word",
            ContextKind::RoleLabel => "role_label",
            ContextKind::HolderLabel => "holder_label",
            ContextKind::LightVerb => "light_verb",
        }
    }

    /// A field label ("Trekker: VDAB", "Partners: …"): the value names the actor.
    pub fn is_label(self) -> bool {
        matches!(self, ContextKind::RoleLabel | ContextKind::HolderLabel)
    }

    /// Default factor, scope and window of a kind.
    fn defaults(self) -> (f64, Scope, usize) {
        match self {
            ContextKind::Negation => (0.0, Scope::Forward, 5),
            ContextKind::Hedge => (0.5, Scope::Clause, 8),
            ContextKind::Emphasis => (1.5, Scope::Clause, 8),
            ContextKind::Deemphasis => (0.3, Scope::Preceding, 0),
            ContextKind::Past => (0.3, Scope::Clause, 12),
            ContextKind::Present => (1.0, Scope::Clause, 12),
            ContextKind::ActorOther => (0.0, Scope::Clause, 0),
            _ => (1.0, Scope::Unit, 0),
        }
    }
}

/// Where a trigger reaches, counted in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Words after the trigger in the same clause.
    Forward,
    /// Words before the trigger in the same clause.
    Backward,
    /// Both, in the same clause.
    Both,
    /// Anywhere in the same clause (within the window, if any).
    Clause,
    /// Everything before the trigger in the same unit, across clauses.
    Preceding,
    /// Everything after the trigger in the same unit, across clauses.
    Following,
    /// The whole unit.
    Unit,
}

impl Scope {
    fn parse(s: &str) -> Option<Scope> {
        Some(match s {
            "forward" => Scope::Forward,
            "backward" => Scope::Backward,
            "both" => Scope::Both,
            "clause" => Scope::Clause,
            "preceding" => Scope::Preceding,
            "following" => Scope::Following,
            "unit" => Scope::Unit,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub kind: ContextKind,
    pub text: String,
    pub pattern: Pattern,
    pub factor: f64,
    pub scope: Scope,
    /// Largest distance in words between trigger and cue; 0 = no limit.
    pub window: usize,
    pub line: usize,
}

/// Factors for typographic emphasis and parentheses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Typography {
    pub bold: f64,
    pub italic: f64,
    pub heading: f64,
    pub parenthesis: f64,
}

#[derive(Debug, Clone)]
pub struct ContextRules {
    pub rules: Vec<Rule>,
    pub atoms: AtomSet,
    pub first_atom: Vec<Vec<u32>>,
    pub typography: Typography,
    pub source: SourceInfo,
}

impl ContextRules {
    /// The factor of a past-tense statement: the weakest of the lexicon's past rules
    /// (its default when it has none), for past forms the tree finds.
    pub fn past_factor(&self) -> f64 {
        self.rules
            .iter()
            .filter(|r| r.kind == ContextKind::Past)
            .map(|r| r.factor)
            .reduce(f64::min)
            .unwrap_or(ContextKind::Past.defaults().0)
    }

    pub fn builtin() -> ContextRules {
        ContextRules::parse(BUILTIN_CONTEXT_NAME, BUILTIN_CONTEXT, true)
            .expect("built-in context lexicon is valid")
    }

    pub fn from_file(path: &std::path::Path) -> Result<ContextRules, LoadError> {
        let name = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError::new(&name, 0, format!("cannot read: {e}")))?;
        ContextRules::parse(&name, &text, false)
    }

    pub fn parse(file: &str, text: &str, builtin: bool) -> Result<ContextRules, LoadError> {
        let rows = parse_rows(file, text, &["kind", "pattern", "factor", "scope", "window"])?;
        let mut rules = Vec::new();
        let mut atoms = AtomSet::default();
        let mut typography = Typography {
            bold: 1.5,
            italic: 1.25,
            heading: 1.5,
            parenthesis: 0.5,
        };
        let mut seen = std::collections::BTreeMap::new();
        for row in &rows {
            let f = &row.fields;
            if !(2..=6).contains(&f.len()) {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!(
                        "expected 2 to 5 columns (kind, pattern, factor, scope, window) and a note, found {}",
                        f.len()
                    ),
                ));
            }
            let factor_of = |s: &str| -> Result<Option<f64>, LoadError> {
                if s.is_empty() {
                    return Ok(None);
                }
                let v: f64 = s
                    .parse()
                    .map_err(|_| LoadError::new(file, row.line, format!("factor '{s}' is not a number")))?;
                if !v.is_finite() || !(0.0..=10.0).contains(&v) {
                    return Err(LoadError::new(
                        file,
                        row.line,
                        format!("factor {v} is outside [0, 10]"),
                    ));
                }
                Ok(Some(v))
            };
            let factor = factor_of(f.get(2).copied().unwrap_or(""))?;
            if f[0] == "typography" {
                let v = factor.ok_or_else(|| LoadError::new(file, row.line, "typography needs a factor"))?;
                match f[1] {
                    "bold" => typography.bold = v,
                    "italic" => typography.italic = v,
                    "heading" => typography.heading = v,
                    "parenthesis" => typography.parenthesis = v,
                    other => {
                        return Err(LoadError::new(
                            file,
                            row.line,
                            format!("unknown typography '{other}' (bold, italic, heading, parenthesis)"),
                        ))
                    }
                }
                continue;
            }
            let kind = ContextKind::parse(f[0])
                .ok_or_else(|| LoadError::new(file, row.line, format!("unknown kind '{}'", f[0])))?;
            if f[1].is_empty() {
                return Err(LoadError::new(file, row.line, "empty pattern"));
            }
            let key = (kind, crate::text::fold(f[1]));
            if let Some(first) = seen.get(&key) {
                return Err(LoadError::new(
                    file,
                    row.line,
                    format!("duplicate {} '{}' (first on line {first})", f[0], f[1]),
                ));
            }
            seen.insert(key, row.line);
            let (dfactor, dscope, dwindow) = kind.defaults();
            let scope = match f.get(3).copied().unwrap_or("") {
                "" => dscope,
                s => Scope::parse(s).ok_or_else(|| LoadError::new(file, row.line, format!("unknown scope '{s}' (forward, backward, both, clause, preceding, following, unit)")))?,
            };
            let window = match f.get(4).copied().unwrap_or("") {
                "" => dwindow,
                s => s.parse().map_err(|_| {
                    LoadError::new(file, row.line, format!("window '{s}' is not a whole number"))
                })?,
            };
            let pattern =
                parse_pattern(f[1], &mut atoms, true).map_err(|e| LoadError::new(file, row.line, e))?;
            rules.push(Rule {
                kind,
                text: f[1].to_string(),
                pattern,
                factor: factor.unwrap_or(dfactor),
                scope,
                window,
                line: row.line,
            });
        }
        let mut first_atom = vec![Vec::new(); atoms.len()];
        for (i, r) in rules.iter().enumerate() {
            first_atom[r.pattern.atoms[0] as usize].push(i as u32);
        }
        Ok(ContextRules {
            rules,
            atoms,
            first_atom,
            typography,
            source: SourceInfo {
                name: file.to_string(),
                sha256: sha256_hex(text.as_bytes()),
                builtin,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_context_has_every_kind() {
        let ctx = ContextRules::builtin();
        for kind in [
            ContextKind::Negation,
            ContextKind::Pseudo,
            ContextKind::Terminator,
            ContextKind::Hedge,
            ContextKind::Emphasis,
            ContextKind::Deemphasis,
            ContextKind::Past,
            ContextKind::Present,
            ContextKind::ActorSelf,
            ContextKind::ActorOther,
            ContextKind::Preposition,
            ContextKind::Theme,
            ContextKind::Unclear,
            ContextKind::RoleWord,
            ContextKind::RoleLabel,
            ContextKind::HolderLabel,
        ] {
            assert!(ctx.rules.iter().any(|r| r.kind == kind), "no {kind:?} rule");
        }
        let niet = ctx.rules.iter().find(|r| r.text == "niet").unwrap();
        assert_eq!(niet.kind, ContextKind::Negation);
    }

    #[test]
    fn context_errors_name_the_line() {
        let head = "kind\tpattern\tfactor\tscope\twindow\n";
        let e = ContextRules::parse("c.tsv", &format!("{head}negatie\tniet\n"), false).unwrap_err();
        assert_eq!(e.to_string(), "c.tsv:2: unknown kind 'negatie'");
        let e =
            ContextRules::parse("c.tsv", &format!("{head}hedge\tkan\t0.5\tsideways\n"), false).unwrap_err();
        assert!(e.to_string().contains("unknown scope 'sideways'"));
        let e = ContextRules::parse("c.tsv", &format!("{head}hedge\tkan\nhedge\tKan\n"), false).unwrap_err();
        assert!(e.to_string().contains("c.tsv:3: duplicate hedge 'Kan'"));
    }
}
