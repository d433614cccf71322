//! Combining: one unit's occurrences read in their clauses and scopes, and the
//! modifiers multiplied into each occurrence's weight.

use super::*;

/// How modifiers combine: within a group the strongest counts, groups multiply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    /// Lexical emphasis, bold, italic, heading.
    Emphasis,
    Hedge,
    /// A hedge of the lead-in sentence of a list: a statement of its own, so it
    /// multiplies with the item's own hedge instead of competing with it.
    LeadHedge,
    Deemphasis,
    Past,
    Parenthesis,
}

pub(super) fn group_of(kind: ContextKind) -> Option<Group> {
    match kind {
        ContextKind::Hedge => Some(Group::Hedge),
        ContextKind::Emphasis => Some(Group::Emphasis),
        ContextKind::Deemphasis => Some(Group::Deemphasis),
        ContextKind::Past => Some(Group::Past),
        _ => None,
    }
}

/// What the reading of one unit starts from: its context triggers, clauses, cues and
/// the actor of each clause.
pub(super) struct UnitReading {
    pub(super) triggers: Vec<Found>,
    pub(super) clause: Vec<u32>,
    pub(super) cues: Vec<Found>,
    /// Per token: whether an occurrence of a cue with weight covers it (before the
    /// longest match is chosen), so a kept cue of weight 0 there kept it from counting.
    pub(super) weighted_at: Vec<bool>,
    pub(super) actors: Vec<Option<Actor>>,
    /// Clauses as the word window of a split verb knows them (terminators and
    /// punctuation other than commas end them).
    pub(super) hard_clause: Vec<u32>,
}

/// How far the parts of a split verb may stand apart when a tree will confirm them
/// ("brengt de scholen, de sectorfondsen, de VDAB en de werkgeversorganisaties
/// minstens twee keer per jaar samen"); without a tree, [`GAP_WINDOW`] words in one
/// clause.
pub(super) const TREE_GAP_WINDOW: usize = 40;

/// `rejected`: occurrences (cue, first token) to leave out, pairs the tree did not
/// confirm.
#[allow(clippy::too_many_arguments)]
pub(super) fn read_unit(
    unit: &crate::segment::Unit,
    tokens: &[Token],
    lexicon: &Lexicon,
    context: &ContextRules,
    cue_atoms: &[Vec<AtomId>],
    ctx_atoms: &[Vec<AtomId>],
    long_gaps: bool,
    rejected: &[(u32, usize)],
) -> UnitReading {
    let punct_clause = clauses(tokens, &[], true);
    let mut triggers = resolve(
        find_patterns(
            tokens,
            ctx_atoms,
            &context.atoms,
            &context.first_atom,
            |id| &context.rules[id as usize].pattern,
            Reach {
                clause: &punct_clause,
                gap_clause: &punct_clause,
                skippable: &[],
                gap_window: GAP_WINDOW,
            },
        ),
        |id| &context.rules[id as usize].pattern,
    );
    // "niet-bindend", "niet-commerciële": a negation word joined to the next word by
    // a hyphen is a prefix of that word, not a negation of the clause.
    triggers.retain(|t| {
        let prefix = t.positions.len() == 1 && {
            let end = tokens[t.positions[0]].end as usize;
            let rest = &unit.text[end.min(unit.text.len())..];
            rest.starts_with('-') && rest[1..].chars().next().is_some_and(char::is_alphabetic)
        };
        !(prefix && context.rules[t.id as usize].kind == ContextKind::Negation)
    });
    let starts: Vec<usize> = triggers
        .iter()
        .filter(|t| context.rules[t.id as usize].kind == ContextKind::Terminator)
        .map(|t| t.positions[0])
        .collect();
    let clause = clauses(tokens, &starts, true);
    // A split verb's particle may stand beyond a comma-separated list
    // ("brengt de gemeenten, de werkgevers en de vakbonden samen").
    let hard_clause = clauses(tokens, &starts, false);
    let mut negations = vec![false; tokens.len()];
    for t in &triggers {
        if context.rules[t.id as usize].kind == ContextKind::Negation && t.positions.len() == 1 {
            negations[t.positions[0]] = true;
        }
    }
    // With a tree to confirm them, a split verb's parts are looked for across the
    // whole sentence (up to its punctuation), past words that end a clause for the
    // window ("stemt wel de communicatie … af").
    let found = if long_gaps {
        let sentence = clauses(tokens, &[], false);
        find_cues(
            tokens,
            cue_atoms,
            lexicon,
            &clause,
            &sentence,
            &negations,
            TREE_GAP_WINDOW,
        )
    } else {
        find_cues(
            tokens,
            cue_atoms,
            lexicon,
            &clause,
            &hard_clause,
            &negations,
            GAP_WINDOW,
        )
    };
    // Pairs whose object the tree does not show as the predicate's object.
    let mut found = found;
    found.retain(|f| !rejected.contains(&(f.id, f.positions[0])));
    let mut weighted_at = vec![false; tokens.len()];
    for f in found.iter().filter(|f| lexicon.cues[f.id as usize].weight != 0.0) {
        for &p in &f.positions {
            weighted_at[p] = true;
        }
    }
    let cues = resolve(found, |id| &lexicon.cues[id as usize].pattern);
    let actors = clause_actors(
        tokens,
        &triggers,
        context,
        &clause,
        unit_text_words(&unit.text, tokens),
    );
    UnitReading {
        triggers,
        clause,
        cues,
        weighted_at,
        actors,
        hard_clause,
    }
}

/// Which units a section's reading reads, and how.
#[derive(Clone, Copy)]
pub(super) struct Plan<'a> {
    /// Per unit: whether it can yield a finding.
    pub(super) needs_reading: &'a [bool],
    pub(super) reader: Reader,
}

pub(super) fn match_units(
    section: &Section,
    analyzed: &AnalyzedSection,
    lexicon: &Lexicon,
    context: &ContextRules,
    cue_atoms: &[Vec<AtomId>],
    ctx_atoms: &[Vec<AtomId>],
    plan: Plan<'_>,
) -> Vec<UnitFindings> {
    let Plan {
        needs_reading,
        reader,
    } = plan;
    // Another unit of the section read on its own, without a tree: a lead-in, the
    // sentence before a pronoun, a table's header row.
    let read_plain = |v: usize| {
        read_unit(
            &section.units[v],
            analyzed.unit(v),
            lexicon,
            context,
            cue_atoms,
            ctx_atoms,
            false,
            &[],
        )
    };
    // What a list's lead-in passes on, per unit: computed when the unit is read, or
    // when a list item needs it from a lead-in that had no reason to be read.
    let mut carries: Vec<Option<Carry>> = vec![None; section.units.len()];
    let mut carried: Vec<bool> = vec![false; section.units.len()];
    // The subject each parsed unit's main clause states, for pronouns after it.
    let mut subjects: Vec<Option<Agent>> = vec![None; section.units.len()];
    let mut out: Vec<UnitFindings> = Vec::with_capacity(section.units.len());
    for (u, unit) in section.units.iter().enumerate() {
        let tokens = analyzed.unit(u);
        if !needs_reading[u] {
            out.push(UnitFindings {
                tokens: tokens.len(),
                ..Default::default()
            });
            continue;
        }
        let read_leaving_out = |rejected: &[(u32, usize)]| {
            read_unit(
                unit,
                tokens,
                lexicon,
                context,
                cue_atoms,
                ctx_atoms,
                reader != Reader::Words,
                rejected,
            )
        };
        let UnitReading {
            triggers,
            clause,
            mut cues,
            mut weighted_at,
            actors,
            hard_clause,
        } = read_leaving_out(&[]);
        if let Some(l) = unit.lead.filter(|&l| l < section.units.len() && !carried[l]) {
            carried[l] = true;
            let lead = &section.units[l];
            if lead.kind != UnitKind::ListItem {
                let tokens = analyzed.unit(l);
                let r = read_plain(l);
                carries[l] = Some(lead_in_carry(
                    lead,
                    tokens,
                    &r.triggers,
                    context,
                    &r.clause,
                    &r.cues,
                    &r.actors,
                ));
            }
        }
        let lead_carry = unit.lead.and_then(|l| carries.get(l).cloned().flatten());

        let mut findings = UnitFindings {
            tokens: tokens.len(),
            ..Default::default()
        };
        // The tree of a unit that can matter: one with a cue that carries weight, in a
        // passage about a RESOC. Headings are read as topics or role labels instead.
        let has_weight = cues.iter().any(|c| lexicon.cues[c.id as usize].weight != 0.0);
        let about_resoc = section.resoc.is_some()
            || triggers
                .iter()
                .any(|t| context.rules[t.id as usize].kind == ContextKind::ActorSelf);
        // The words that negate what follows them in the tree: a one-word negation, and
        // the negation word of a longer one ("niet langer", "geen … meer"). The parser
        // does not see them, nor the "langer" or "meer" of such a negation, which would
        // otherwise be read as a word of the clause ("om niet langer … op te treden").
        let mut negation_at = vec![false; tokens.len()];
        let mut left_out = vec![false; tokens.len()];
        for t in &triggers {
            if context.rules[t.id as usize].kind != ContextKind::Negation {
                continue;
            }
            let word = |p: usize| analyzed.analyzer.form(tokens[p].form).folded.as_str();
            let only_degree = t
                .positions
                .iter()
                .all(|&p| NEGATION_WORDS.contains(&word(p)) || matches!(word(p), "langer" | "meer"));
            for &p in &t.positions {
                let negating = t.positions.len() == 1 || NEGATION_WORDS.contains(&word(p));
                negation_at[p] |= negating;
                left_out[p] |= negating || only_degree;
            }
        }
        let token_text = unit_text_words(&unit.text, tokens);
        // The analyzer's lowercase forms, as the lexicons match them.
        let folded: Vec<&str> = tokens
            .iter()
            .map(|t| analyzed.analyzer.form(t.form).folded.as_str())
            .collect();
        let no_word_for_resoc = || {
            let mut other_actor_at = vec![false; tokens.len()];
            for t in &triggers {
                if context.rules[t.id as usize].kind == ContextKind::ActorOther {
                    for &p in &t.positions {
                        other_actor_at[p] = true;
                    }
                }
            }
            !(0..tokens.len()).any(|k| may_stand_for_resoc(&folded, k, &other_actor_at))
        };
        let names_resoc = triggers
            .iter()
            .any(|t| context.rules[t.id as usize].kind == ContextKind::ActorSelf);
        // Evidence is what the RESOC itself does: a sentence in which no word can
        // stand for it (its name, "wij", a pronoun or demonstrative pointing back, a
        // possessive of its role) states what others do or what happens, so its cues
        // count for nothing, and the parser is not needed to say so. List items and
        // labels ("Rol: trekker", table rows) have no subject of their own, and a
        // passive without "door …" hides its agent, which may be the RESOC: these
        // are always parsed.
        let without_reference = reader == Reader::Tree
            && has_weight
            && about_resoc
            && unit.kind == UnitKind::Sentence
            && lead_carry.is_none()
            && !names_resoc
            && !may_have_no_subject(&unit.text)
            && !passive_without_agent(&folded)
            && no_word_for_resoc();
        findings.without_reference = without_reference;
        let columns = unit.table.as_ref().map(|row| {
            row_columns(
                row,
                &section.units[row.header].text,
                analyzed.unit(row.header),
                &read_plain(row.header).triggers,
                context,
            )
        });
        let holder_column = columns.as_ref().and_then(|c| c.holder.clone());
        let role_cell = columns.and_then(|c| c.role_cell);
        let table_holder = holder_column
            .as_ref()
            .map(|h| holder_of_row(&unit.text, h.cell.clone(), tokens, &triggers, context));
        let role_cell_agent = role_cell
            .as_ref()
            .and_then(|c| other_agent_in_cell(c, &unit.text, tokens, &triggers, context));
        let in_role_cell = |first: usize| {
            role_cell
                .as_ref()
                .is_some_and(|c| c.contains(&(tokens[first].start as usize)))
        };
        let wanted = match reader {
            // A heading that names the RESOC may be a headline that says what it does
            // ("RESOC Kempen lanceert opleidingsbeurs"): its tree tells. A numbered
            // heading or a label ("3.1 Arbeidsmarkt: RESOC als trekker") is a section's
            // title, read as a topic or a role label without a tree.
            Reader::Tree => {
                has_weight
                    && about_resoc
                    && (unit.kind != UnitKind::Heading || (names_resoc && may_be_headline(&unit.text)))
                    && !without_reference
            }
            Reader::Words => false,
            Reader::TreeEverywhere => true,
        };
        let tree = if wanted {
            let parsed = crate::parse::parse_unit(&unit.text, tokens, &left_out);
            findings.parse = Some(match &parsed {
                Ok(t) => Ok(t.words.iter().filter(|w| w.token.is_some()).count()),
                Err(e) => Err(e.to_string()),
            });
            parsed.ok()
        } else {
            None
        };
        // A predicate–object pair found where a word window finds a separable verb's
        // particle (the object after the predicate, in its clause, within
        // GAP_WINDOW words) counts as the window reads it; found anywhere else
        // ("de studiedag die het RESOC organiseert"), it counts in a parsed unit only
        // when the tree shows the word as the predicate's object. Inside the window it
        // is rejected only when the tree gives the word to another verb. Otherwise its
        // words are read on their own.
        if let Some(tree) = &tree {
            let rejected: Vec<(u32, usize)> = cues
                .iter()
                .filter_map(|c| {
                    let object = c.object?;
                    let predicate: Vec<usize> =
                        c.positions.iter().copied().filter(|&p| p != object).collect();
                    let (&verb, &last) = (predicate.first()?, predicate.last()?);
                    let confirmed = is_object_of(tree, verb, object);
                    let in_window = within_word_window(last, object, &hard_clause);
                    let elsewhere = in_window && is_owned_by_another_verb(tree, verb, object);
                    (!confirmed && (!in_window || elsewhere)).then_some((c.id, c.positions[0]))
                })
                .collect();
            if !rejected.is_empty() {
                let again = read_leaving_out(&rejected);
                cues = again.cues;
                weighted_at = again.weighted_at;
            }
        }
        let mut kind_at: Vec<Option<ContextKind>> = vec![None; tokens.len()];
        let mut pole_at = vec![0.0; tokens.len()];
        let mut cue_at = vec![false; tokens.len()];
        if tree.is_some() {
            for t in &triggers {
                for &p in &t.positions {
                    kind_at[p] = Some(context.rules[t.id as usize].kind);
                }
            }
            for c in &cues {
                let cue = &lexicon.cues[c.id as usize];
                if cue.weight != 0.0 {
                    // A pair's role word is its object: "organiseert" in "organiseert
                    // overleg" does not make what else it governs a matter of advice or
                    // of support.
                    for &p in c.positions.iter().filter(|&&p| c.object.is_none_or(|o| o == p)) {
                        pole_at[p] = lexicon.category(cue.category).pole;
                        cue_at[p] = true;
                    }
                }
            }
        }
        // Whom "het", "zij" or "dit orgaan" points back to: the subject of the sentence
        // before in the section when that one names another actor, else the RESOC the
        // passage is about (its subject of discourse).
        let antecedent_cell: std::cell::OnceCell<Agent> = std::cell::OnceCell::new();
        let parsed_before = u.checked_sub(1).and_then(|v| subjects[v].clone());
        let antecedent = || {
            antecedent_cell
                .get_or_init(|| {
                    let previous = parsed_before.clone().or_else(|| {
                        let v = u.checked_sub(1)?;
                        let r = read_plain(v);
                        match r.actors.first().cloned().flatten() {
                            Some(Actor::Resoc) => Some(Agent::Resoc),
                            Some(Actor::Other(w)) => Some(Agent::Other(w)),
                            _ => None,
                        }
                    });
                    match previous {
                        Some(Agent::Other(w)) => Agent::Other(w),
                        Some(a) => a,
                        None if section.resoc.is_some() => Agent::Resoc,
                        None => Agent::Unresolved,
                    }
                })
                .clone()
        };
        let view = tree.as_ref().map(|tree| UnitView {
            text: &unit.text,
            tree,
            kind_at: &kind_at,
            pole_at: &pole_at,
            cue_at: &cue_at,
            negation_at: &negation_at,
            token_text: &token_text,
            antecedent: &antecedent,
            continues_lead_in: unit.kind == UnitKind::ListItem && lead_carry.is_some(),
        });
        let root = view.as_ref().and_then(root_clause);
        subjects[u] = root.as_ref().and_then(main_subject);
        let has_kind = |k: ContextKind| triggers.iter().any(|t| context.rules[t.id as usize].kind == k);
        let about_role = has_kind(ContextKind::RoleWord)
            || has_kind(ContextKind::ActorSelf)
            || has_kind(ContextKind::RoleLabel)
            || has_kind(ContextKind::HolderLabel);
        findings.theme_statement = about_role && has_kind(ContextKind::Theme);
        findings.unclear_statement = about_role && has_kind(ContextKind::Unclear);
        // A sentence that says the role is undecided ("of het RESOC overleg of
        // projecten zal organiseren, wordt later bepaald") names roles hypothetically:
        // its cues count for nothing (ConText's "hypothetical").
        // A heading is a role statement only as a label about the RESOC or its role
        // ("Rol van het RESOC: overleg", "Kernopdracht: projecten"); any other heading
        // ("Overleg", "Het RESOC als projectpromotor") names a topic, not a role.
        let role_label_heading = about_role && unit.text.contains(':');
        // A headline that is a full clause — a finite verb with its subject — states
        // what its subject does, as a sentence does (news headlines); a section
        // heading names a topic ("Het RESOC als trekker van projecten").
        let clause_heading = unit.kind == UnitKind::Heading
            && !role_label_heading
            && tree.as_ref().is_some_and(is_full_clause);
        let topic_heading = unit.kind == UnitKind::Heading
            && !role_label_heading
            && !clause_heading
            && !has_kind(ContextKind::Emphasis);
        // A question asserts nothing ("Kan het RESOC mijn project financieren?" on a page
        // of questions and answers): nobody states a role in it; the answer may.
        let question = !topic_heading && is_question(&unit.text);
        // Who acts in the unit's main clause, cue or not (clauses.csv): a heading that
        // is no headline names a topic; a table row's holder or its column of the
        // RESOC's role, and a list item's lead-in, say who acts where the row or item
        // has no subject of its own; a label line ("Partners: VDAB, Unizo") names
        // whom it lists.
        findings.main_clause = view.as_ref().map(|v| {
            let (agent, relation, predicate) = match &root {
                Some(root) => main_clause(v, root),
                None => (Agent::Unresolved, "", String::new()),
            };
            let lead_actor = lead_carry
                .as_ref()
                .and_then(|c| c.actor.clone())
                .filter(|_| unit.kind == UnitKind::ListItem);
            let (actor, relation) = match agent {
                _ if unit.kind == UnitKind::Heading && !clause_heading => (Actor::Nobody, "heading"),
                _ if question => (Actor::Nobody, "question"),
                _ if table_holder.is_some() => (table_holder.clone().unwrap_or(Actor::Nobody), TABLE_HOLDER),
                _ if role_cell.is_some() => (role_cell_agent.clone().unwrap_or(Actor::Resoc), ROLE_COLUMN),
                Agent::Resoc => (Actor::Resoc, relation),
                Agent::Other(who) => (Actor::Other(who), relation),
                Agent::Nobody => (Actor::Nobody, relation),
                // No subject in the tree: the lead-in's actor, a label's, the word
                // window's subject, else the RESOC when a lead-in names it ("In de
                // periode 2025–2030 zal het RESOC onder meer:").
                Agent::Unresolved => match lead_actor {
                    Some(a) => (a, "lead_in"),
                    None => match label_line_actor(&unit.text, names_resoc, tokens, &triggers, context) {
                        Some(a) => (a, "label"),
                        None => match actors.first().cloned().flatten() {
                            Some(a @ (Actor::Resoc | Actor::Other(_))) => (a, "lexical"),
                            _ if names_resoc && unit.text.trim_end().ends_with(':') => {
                                (Actor::Resoc, "named")
                            }
                            _ => (Actor::Nobody, ""),
                        },
                    },
                },
            };
            MainClause {
                // A lead-in that names nobody speaks for the RESOC, as a cue's unknown
                // subject does.
                actor: match actor {
                    Actor::Unknown => Actor::Resoc,
                    a => a,
                },
                relation: relation.to_string(),
                predicate,
            }
        });
        let unclear_trigger = findings.unclear_statement.then(|| {
            triggers
                .iter()
                .filter(|t| context.rules[t.id as usize].kind == ContextKind::Unclear)
                .map(|t| surface(&unit.text, tokens, &t.positions))
                .next()
                .unwrap_or_default()
        });

        // A heading, or a line in title case, capitalises common words too.
        let title_like = unit.kind == UnitKind::Heading
            || 2 * tokens
                .iter()
                .filter(|t| t.flags & flags::CAPITALIZED != 0)
                .count()
                > tokens.len();
        for m in &cues {
            let cue = &lexicon.cues[m.id as usize];
            let (first, last) = (m.positions[0], *m.positions.last().unwrap_or(&m.positions[0]));
            if cue.weight == 0.0 {
                // A blocker (a name, a false friend) counts for nothing. Where it kept a
                // cue with weight from counting, the audit trail shows it.
                if !m.positions.iter().any(|&p| weighted_at[p]) {
                    continue;
                }
                findings.matches.push(CueMatch {
                    cue: m.id,
                    first_token: first,
                    byte_start: tokens[first].start as usize,
                    byte_end: tokens[last].end as usize,
                    matched: surface(&unit.text, tokens, &m.positions),
                    stem: analyzed.analyzer.form(tokens[first].form).stem.clone(),
                    negated: false,
                    modifiers: vec![Modifier {
                        kind: NOT_A_ROLE,
                        trigger: String::new(),
                        factor: 0.0,
                    }],
                    actor: Actor::Unknown,
                    clause: ClauseRecord::default(),
                    base_weight: 0.0,
                    weight: 0.0,
                });
                continue;
            }
            let mut mods: Vec<(Group, Modifier)> = Vec::new();
            let mut negation: Option<String> = None;
            let mut present = false;
            for t in &triggers {
                let rule = &context.rules[t.id as usize];
                if !in_scope(rule, &t.positions, first, last, &clause) {
                    continue;
                }
                // The trigger's words are spelled out only where the record shows them.
                let words = || surface(&unit.text, tokens, &t.positions);
                match rule.kind {
                    ContextKind::Negation => {
                        if negation.is_none() {
                            negation = Some(words());
                        }
                    }
                    ContextKind::Present => present = true,
                    kind => {
                        if let Some(g) = group_of(kind) {
                            mods.push((
                                g,
                                Modifier {
                                    kind: kind.as_str(),
                                    trigger: words(),
                                    factor: rule.factor,
                                },
                            ));
                        }
                    }
                }
            }
            if let Some(carry) = &lead_carry {
                for (kind, modifier) in &carry.modifiers {
                    if *kind == ContextKind::Negation {
                        negation.get_or_insert(format!("lead:{}", modifier.trigger));
                    } else if let Some(g) = group_of(*kind) {
                        let g = if g == Group::Hedge { Group::LeadHedge } else { g };
                        mods.push((
                            g,
                            Modifier {
                                kind: modifier.kind,
                                trigger: format!("lead:{}", modifier.trigger),
                                factor: modifier.factor,
                            },
                        ));
                    }
                }
            }
            if present {
                mods.retain(|(g, _)| *g != Group::Past);
            }
            let tflags = m.positions.iter().fold(0u8, |acc, &p| acc | tokens[p].flags);
            let typo = &context.typography;
            if tflags & flags::BOLD != 0 {
                mods.push((
                    Group::Emphasis,
                    Modifier {
                        kind: "bold",
                        trigger: String::new(),
                        factor: typo.bold,
                    },
                ));
            }
            if tflags & flags::ITALIC != 0 {
                mods.push((
                    Group::Emphasis,
                    Modifier {
                        kind: "italic",
                        trigger: String::new(),
                        factor: typo.italic,
                    },
                ));
            }
            if unit.kind == UnitKind::Heading {
                mods.push((
                    Group::Emphasis,
                    Modifier {
                        kind: "heading",
                        trigger: String::new(),
                        factor: typo.heading,
                    },
                ));
            }
            if m.positions.iter().all(|&p| tokens[p].flags & flags::PAREN != 0) {
                mods.push((
                    Group::Parenthesis,
                    Modifier {
                        kind: "parenthesis",
                        trigger: String::new(),
                        factor: typo.parenthesis,
                    },
                ));
            }
            let lexical_actor = || {
                actors[clause[first] as usize]
                    .clone()
                    .or_else(|| lead_carry.as_ref().and_then(|c| c.actor.clone()))
                    .unwrap_or(Actor::Unknown)
            };
            let split = cue.pattern.gap_before.iter().any(|&g| g);
            let reading = view.as_ref().and_then(|v| read_clause(v, &m.positions, split));
            // A split verb found beyond the word window counts only when the tree has
            // no other verb between its parts (whose particle it could be) and does not
            // read the particle as the preposition of a noun after it. The tree's word
            // classes are surer than its attachments, which a small model often gets
            // wrong on long sentences.
            // (A pair's positions are in text order, not its pattern's: its object is
            // checked on the tree instead.)
            let beyond_window = m.object.is_none()
                && (1..m.positions.len()).any(|k| {
                    let (a, b) = (m.positions[k - 1], m.positions[k]);
                    cue.pattern.gap_before[k] && !within_word_window(a, b, &hard_clause)
                });
            if beyond_window {
                let confirmed = view.as_ref().is_some_and(|v| {
                    let tree = v.tree;
                    let (Some(verb), Some(particle)) = (tree.word_of_token(first), tree.word_of_token(last))
                    else {
                        return false;
                    };
                    let verb_between = (verb + 1..particle)
                        .any(|w| tree.words[w].upos == "VERB" && !is_misread_name(v.text, tree, w));
                    !verb_between && !reads_as_preposition(tree, particle)
                });
                if !confirmed {
                    continue;
                }
            }
            let (actor, actor_factor) = match (reading.as_ref().map(|r| &r.agent), &table_holder) {
                // What the column "Rol RESOC" says of a row, the RESOC does, whoever
                // holds the row's action,
                // unless the tree or a "door …" in the cell shows another actor doing
                // it ("opvolging door de provincie"). The tree of a whole row runs
                // across its cells: a subject it finds in another cell (the partner
                // who holds the row) is not the subject of the role cell, nor is a
                // noun after the cell's opening verb ("| brengt de woonzorgcentra …
                // samen |": the cell has no subject, that noun is the object).
                (Some(Agent::Other(who)), _)
                    if in_role_cell(first)
                        && role_cell.as_ref().is_some_and(|c| {
                            unit.text
                                .get(c.clone())
                                .and_then(|t| t.find(who.as_str()))
                                .is_some_and(|at| c.start + at < tokens[first].start as usize)
                        }) =>
                {
                    (Actor::Other(who.clone()), 0.0)
                }
                _ if in_role_cell(first) && role_cell_agent.is_some() => {
                    (role_cell_agent.clone().unwrap_or(Actor::Unknown), 0.0)
                }
                _ if in_role_cell(first) => (Actor::Resoc, 1.0),
                (_, Some(Actor::Resoc)) => (Actor::Resoc, 1.0),
                (_, Some(holder)) => (holder.clone(), 0.0),
                _ if without_reference => match lexical_actor() {
                    Actor::Other(who) => (Actor::Other(who), 0.0),
                    _ => (Actor::Other(NOT_THE_RESOC.into()), 0.0),
                },
                (Some(Agent::Resoc), _) => (Actor::Resoc, 1.0),
                (Some(Agent::Other(who)), _) => (Actor::Other(who.clone()), 0.0),
                (Some(Agent::Nobody), _) => (Actor::Nobody, 0.0),
                // A list item whose tree has no subject for the predicate ("- de
                // gemeenten rond de tafel brengen", "- het opvolgen van de projecten
                // die door de partners …") continues its lead-in's clause: the
                // lead-in's actor acts, and a noun before the infinitive is its object,
                // not the actor a word window would take it for.
                (Some(Agent::Unresolved), _)
                    if unit.kind == UnitKind::ListItem
                        && lead_carry.as_ref().is_some_and(|c| c.actor.is_some()) =>
                {
                    let actor = lead_carry
                        .as_ref()
                        .and_then(|c| c.actor.clone())
                        .unwrap_or(Actor::Unknown);
                    let factor = if matches!(actor, Actor::Other(_)) {
                        0.0
                    } else {
                        1.0
                    };
                    (actor, factor)
                }
                (Some(Agent::Unresolved) | None, _) => {
                    let actor = lexical_actor();
                    let factor = match &actor {
                        Actor::Other(_) => actor_other_factor(context, &triggers, &clause, first),
                        _ => 1.0,
                    };
                    (actor, factor)
                }
            };
            if negation.is_none() {
                negation = reading.as_ref().and_then(|r| r.negation.clone());
            }
            // A past form the word list did not mark ("zette op", "heeft opgericht").
            if let Some(word) = reading.as_ref().and_then(|r| r.past.clone()) {
                if !present && !mods.iter().any(|(g, _)| *g == Group::Past) {
                    mods.push((
                        Group::Past,
                        Modifier {
                            kind: "past",
                            trigger: word,
                            factor: context.past_factor(),
                        },
                    ));
                }
            }
            let mut weight = combine(cue.weight, &mods, actor_factor, negation.is_some());
            let mut modifiers: Vec<Modifier> = Vec::new();
            if let Some(n) = &negation {
                modifiers.push(Modifier {
                    kind: "negation",
                    trigger: n.clone(),
                    factor: 0.0,
                });
            }
            // What the unit as a whole is (no statement, or an undecided one): every cue
            // in it counts for nothing, and the record says why.
            let unit_zeroes = [
                ("topic_heading", topic_heading.then(String::new)),
                ("question", question.then(String::new)),
                ("unclear", unclear_trigger.clone()),
            ];
            for (kind, trigger) in unit_zeroes {
                if let Some(trigger) = trigger {
                    weight = 0.0;
                    modifiers.push(Modifier {
                        kind,
                        trigger,
                        factor: 0.0,
                    });
                }
            }
            if let Some(r) = &reading {
                // What the clause says the role word is part of, or whose it is: it
                // then counts for nothing, and the record says why.
                let zeroed_by = [
                    ("object_of_overleg", &r.overleg_head),
                    ("owned_by", &r.owner),
                    ("handed_over", &r.handed_to),
                    ("setting", &r.setting),
                    ("object_of_support", &r.support_head),
                    ("topic_subject", &r.topic_of),
                ];
                for (kind, trigger) in zeroed_by {
                    if let Some(trigger) = trigger {
                        weight = 0.0;
                        modifiers.push(Modifier {
                            kind,
                            trigger: trigger.clone(),
                            factor: 0.0,
                        });
                    }
                }
                if r.particle_is_preposition {
                    weight = 0.0;
                    modifiers.push(Modifier {
                        kind: "not_a_particle",
                        trigger: String::new(),
                        factor: 0.0,
                    });
                }
            }
            // The tree's object, else a role word after the verb in its clause (the
            // tree may hang the object elsewhere, and labels are often fragments).
            // (A pair names its object itself.)
            let light_object = reading
                .as_ref()
                .filter(|_| m.object.is_none())
                .and_then(|r| r.light_verb_object.clone())
                .or_else(|| {
                    m.object.is_none().then_some(())?;
                    light_verb_object_in_words(
                        &triggers, context, &cues, lexicon, &clause, m, &unit.text, tokens,
                    )
                });
            if let Some(word) = light_object {
                weight = 0.0;
                modifiers.push(Modifier {
                    kind: "light_verb",
                    trigger: word,
                    factor: 0.0,
                });
            }
            // An event the RESOC organises is what it does, also when it has a name
            // ("organiseert de Westhoekconferentie"); a name elsewhere is no role.
            let organised = reading.as_ref().is_some_and(|r| r.object_of_light_verb);
            if !title_like && !organised {
                if let Some(name) = name_word(&unit.text, tokens, &m.positions) {
                    weight = 0.0;
                    modifiers.push(Modifier {
                        kind: "name",
                        trigger: name,
                        factor: 0.0,
                    });
                }
            }
            modifiers.extend(mods.into_iter().map(|(_, m)| m));
            // A topic heading names a subject and a question asks: nobody acts in them.
            let actor = if topic_heading || question {
                Actor::Nobody
            } else {
                actor
            };
            if !(topic_heading || question) {
                modifiers.extend(actor_modifier(&actor, actor_factor));
            }
            let clause_record = match (&reading, &findings.parse) {
                _ if in_role_cell(first) => ClauseRecord {
                    relation: ROLE_COLUMN.into(),
                    ..Default::default()
                },
                _ if table_holder.is_some() => ClauseRecord {
                    relation: TABLE_HOLDER.into(),
                    ..Default::default()
                },
                _ if without_reference => ClauseRecord {
                    relation: NO_REFERENCE.into(),
                    ..Default::default()
                },
                (Some(r), _) if r.agent != Agent::Unresolved => ClauseRecord {
                    relation: r.relation.to_string(),
                    predicate: r.predicate.clone(),
                    object: r.object.clone(),
                },
                (Some(r), _) => ClauseRecord {
                    relation: "lexical".into(),
                    predicate: r.predicate.clone(),
                    object: r.object.clone(),
                },
                (None, Some(Err(why))) => ClauseRecord {
                    relation: format!("lexical (not parsed: {why})"),
                    ..Default::default()
                },
                (None, _) => ClauseRecord {
                    relation: "lexical".into(),
                    ..Default::default()
                },
            };
            findings.matches.push(CueMatch {
                cue: m.id,
                first_token: first,
                byte_start: tokens[first].start as usize,
                byte_end: tokens[last].end as usize,
                matched: surface(&unit.text, tokens, &m.positions),
                stem: analyzed.analyzer.form(tokens[first].form).stem.clone(),
                negated: negation.is_some(),
                modifiers,
                actor,
                clause: clause_record,
                base_weight: cue.weight,
                weight,
            });
        }
        // A row the RESOC holds whose action names no role of its own ("| STEM-dag |
        // RESOC Limburg |") states the RESOC's role through its column's label, as
        // "Trekker: RESOC Limburg" does. When the row has role words, its content
        // decides instead (the trekker of an overlegtafel plays overleg). A row that
        // another actor holds states that actor's role the same way ("| Taalcursussen |
        // VDAB |"): it counts for nothing, and the record says whose it is.
        // (A row with a column of the RESOC's role says what the RESOC does in it:
        // that cell is read instead.)
        let own_row = matches!(table_holder, Some(Actor::Resoc)) || role_cell.is_none();
        if let (Some(row_holder), Some(holder), true) = (&table_holder, &holder_column, own_row) {
            if findings.matches.iter().all(|m| m.base_weight == 0.0) {
                let header = &section.units[holder.header];
                let header_tokens = analyzed.unit(holder.header);
                let label = read_plain(holder.header).cues.into_iter().find(|c| {
                    lexicon.cues[c.id as usize].weight != 0.0
                        && holder
                            .label
                            .contains(&(header_tokens[c.positions[0]].start as usize))
                });
                if let Some(label) = label {
                    let base_weight = lexicon.cues[label.id as usize].weight;
                    let cell = &unit.text[holder.cell.clone()];
                    let label_words = surface(&header.text, header_tokens, &label.positions);
                    findings.matches.push(CueMatch {
                        cue: label.id,
                        first_token: tokens
                            .iter()
                            .position(|t| t.start as usize >= holder.cell.start)
                            .unwrap_or(0),
                        byte_start: holder.cell.start,
                        byte_end: holder.cell.end,
                        matched: format!("{label_words} → {cell}"),
                        stem: analyzed
                            .analyzer
                            .form(header_tokens[label.positions[0]].form)
                            .stem
                            .clone(),
                        negated: false,
                        modifiers: std::iter::once(Modifier {
                            kind: "holder_label",
                            trigger: label_words,
                            factor: 1.0,
                        })
                        .chain(actor_modifier(row_holder, 0.0))
                        .collect(),
                        actor: row_holder.clone(),
                        clause: ClauseRecord {
                            relation: TABLE_HOLDER.into(),
                            ..Default::default()
                        },
                        base_weight,
                        weight: if *row_holder == Actor::Resoc {
                            base_weight
                        } else {
                            0.0
                        },
                    });
                }
            }
        }
        // A line of a page's navigation ("Nieuws | Projecten | Contact") or a field of
        // an action sheet that states no role ("Timing: 2025–2027, met een evaluatie in
        // 2026", "Budget: …") names topics, not anyone's role: its cues count for
        // nothing, and nobody acts in it.
        let no_role_line = if is_navigation_line(&unit.text, unit.table.is_some()) {
            Some(("navigation", String::new()))
        } else {
            field_label(&unit.text).map(|label| ("field_label", label))
        };
        if let Some((kind, trigger)) = &no_role_line {
            for m in &mut findings.matches {
                m.weight = 0.0;
                m.actor = Actor::Nobody;
                m.modifiers.push(Modifier {
                    kind,
                    trigger: trigger.clone(),
                    factor: 0.0,
                });
            }
            if let Some(c) = &mut findings.main_clause {
                c.actor = Actor::Nobody;
                c.relation = kind.to_string();
            }
        }
        findings.matches.sort_by_key(|m| m.first_token);
        if unit.kind != UnitKind::ListItem && !carried[u] {
            carried[u] = true;
            carries[u] = Some(lead_in_carry(
                unit, tokens, &triggers, context, &clause, &cues, &actors,
            ));
        }
        out.push(findings);
    }
    read_enumerations_through_their_items(section, analyzed, &mut out);
    out
}

/// The modifier that says whose clause a cue's is when it is not the RESOC's: another
/// actor's (`actor:<who>` with its factor) or nobody's (`no_agent`, 0).
fn actor_modifier(actor: &Actor, factor: f64) -> Option<Modifier> {
    match actor {
        Actor::Other(who) => Some(Modifier {
            kind: "actor",
            trigger: who.clone(),
            factor,
        }),
        Actor::Nobody => Some(Modifier {
            kind: "no_agent",
            trigger: String::new(),
            factor: 0.0,
        }),
        Actor::Resoc | Actor::Unknown => None,
    }
}

/// Whom a label line lists ("Partners: RESOC Kempen, VDAB", "Rol RESOC: geen"): the
/// RESOC when the line names it anywhere (`names_resoc`), else another actor when the part after the
/// label names one (a context-lexicon actor, or a name first), else nobody
/// ("Timing: 2025"). `None` for a unit with no short label before a colon.
fn label_line_actor(
    text: &str,
    names_resoc: bool,
    tokens: &[Token],
    triggers: &[Found],
    context: &ContextRules,
) -> Option<Actor> {
    let (label, colon) = line_label(text)?;
    if label.is_empty() || label.split_whitespace().count() > 4 {
        return None;
    }
    let kind_after = |k: ContextKind| {
        triggers
            .iter()
            .any(|t| context.rules[t.id as usize].kind == k && tokens[t.positions[0]].start as usize > colon)
    };
    let value = text[colon + 1..].trim_matches(|c: char| c == '*' || c.is_whitespace());
    if names_resoc {
        Some(Actor::Resoc)
    } else if kind_after(ContextKind::ActorOther)
        || value
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        Some(Actor::Other(value.chars().take(40).collect()))
    } else {
        Some(Actor::Nobody)
    }
}

/// Labels of action-sheet fields that say when, how much or to what end, not who does
/// what ("Timing:", "Budget:", "Indicator:").
const FIELD_LABELS: &[&str] = &[
    "timing",
    "planning",
    "periode",
    "looptijd",
    "budget",
    "kostprijs",
    "kosten",
    "raming",
    "indicator",
    "indicatoren",
    "doel",
    "doelstelling",
    "doelgroep",
    "resultaat",
    "resultaten",
    "status",
];

/// The label of a field line that states no role ("Timing: 2025–2027"), if the unit is
/// one.
fn field_label(text: &str) -> Option<String> {
    let label = line_label(text)?.0.to_lowercase();
    FIELD_LABELS.contains(&label.as_str()).then_some(label)
}

/// The label of a line ("**Trekker:** RESOC Kempen" → "Trekker"), without the bold or
/// a list dash around it, and the byte offset of its colon.
fn line_label(text: &str) -> Option<(&str, usize)> {
    let colon = text.find(':')?;
    let label = text[..colon].trim_matches(|c: char| c == '*' || c == '-' || c.is_whitespace());
    Some((label, colon))
}

/// A line of a page's navigation: three or more short cells between pipes, outside a
/// table and without the outer pipes of a table row, each a few words with no figure
/// ("Nieuws | Agenda | Projecten | Over ons").
fn is_navigation_line(text: &str, in_table: bool) -> bool {
    let cells: Vec<&str> = text.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    !in_table
        && !text.trim_start().starts_with('|')
        && cells.len() >= 3
        // (A table row without outer pipes has longer cells, figures, lists or
        // notes in parentheses: "Taalcursussen Frans | VDAB | RESOC Westhoek, Forem |
        // 2024-2026".)
        && cells.iter().all(|c| {
            c.split_whitespace().count() <= 4
                && !c.chars().any(|x| x.is_ascii_digit() || matches!(x, ',' | '(' | ';' | '.'))
        })
}

/// A heading that may be a news headline: no question, no label, not numbered.
fn may_be_headline(text: &str) -> bool {
    !is_question(text) && !text.contains(':') && !text.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// A tree whose root is a finite verb with a subject of its own.
fn is_full_clause(tree: &crate::parse::Tree) -> bool {
    tree.words.iter().enumerate().any(|(w, word)| {
        word.head.is_none()
            && matches!(word.upos.as_str(), "VERB" | "AUX")
            && tree.has_feature(w, "VerbForm=Fin")
            && tree.children(w).any(|c| tree.relation(c) == "nsubj")
    })
}

/// Whether a unit is a question: it ends in a question mark, before any closing
/// quote or bracket.
fn is_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}'])
        .ends_with('?')
}

/// A role word written with a capital in the middle of a sentence is part of a name
/// ("het Netwerk Ondernemen Mechelen", "het Airport Business Forum"): the word, or
/// `None`. A capital after punctuation or a quote may start a sentence or a title;
/// an acronym or a hyphenated word ("RESOC-overleg") is no such name.
pub(super) fn name_word(text: &str, tokens: &[Token], positions: &[usize]) -> Option<String> {
    let &p = positions.first()?;
    let tok = &tokens[p];
    if p == 0 || tok.flags & flags::CAPITALIZED == 0 {
        return None;
    }
    let word = &text[tok.start as usize..tok.end as usize];
    let between = &text[tokens[p - 1].end as usize..tok.start as usize];
    let mid_sentence = between.chars().all(char::is_whitespace);
    let plain_word = !word.contains('-') && word.chars().skip(1).any(char::is_lowercase);
    (mid_sentence && plain_word).then(|| word.to_string())
}

/// Without a tree: a light verb ("organiseert") followed in its clause by another
/// role word ("… een jobbeurs", "… het overleg") takes that word's pole, so the verb
/// itself counts for nothing. That word, or `None`.
#[allow(clippy::too_many_arguments)]
fn light_verb_object_in_words(
    triggers: &[Found],
    context: &ContextRules,
    cues: &[Found],
    lexicon: &Lexicon,
    clause: &[u32],
    m: &Found,
    text: &str,
    tokens: &[Token],
) -> Option<String> {
    let first = m.positions[0];
    let light = triggers
        .iter()
        .any(|t| context.rules[t.id as usize].kind == ContextKind::LightVerb && t.positions.contains(&first));
    if !light {
        return None;
    }
    let last = *m.positions.last()?;
    cues.iter()
        .filter(|c| lexicon.cues[c.id as usize].weight != 0.0)
        .map(|c| c.positions[0])
        .find(|&q| q > first && !m.positions.contains(&q) && clause[q] == clause[first] && q != last)
        .map(|q| surface(text, tokens, &[q]))
}

/// The strongest modifier of each [`Group`], multiplied, times the actor factor.
/// Negation makes it 0.
pub(super) fn combine(base: f64, mods: &[(Group, Modifier)], actor: f64, negated: bool) -> f64 {
    if negated {
        return 0.0;
    }
    let strongest = |kind: Group, up: bool| {
        let it = mods.iter().filter(|(k, _)| *k == kind).map(|(_, m)| m.factor);
        if up {
            it.fold(1.0_f64, f64::max)
        } else {
            it.fold(1.0_f64, f64::min)
        }
    };
    base * strongest(Group::Emphasis, true)
        * strongest(Group::Hedge, false)
        * strongest(Group::LeadHedge, false)
        * strongest(Group::Deemphasis, false)
        * strongest(Group::Past, false)
        * strongest(Group::Parenthesis, false)
        * actor
}

/// The words that negate on their own, also inside a longer negation ("niet langer",
/// "geen … meer", "hoort niet bij … opdracht").
const NEGATION_WORDS: &[&str] = &["niet", "geen", "nooit", "niets", "noch"];

pub(super) fn in_scope(rule: &Rule, t: &[usize], first: usize, last: usize, clause: &[u32]) -> bool {
    let (t0, tl) = (t[0], *t.last().unwrap_or(&t[0]));
    let within = |d: usize| rule.window == 0 || d <= rule.window;
    let forward = tl < first && clause[tl] == clause[first] && within(first - tl);
    let backward = last < t0 && clause[last] == clause[t0] && within(t0 - last);
    // A trigger that starts inside a split cue ("voert zelf geen projecten uit", "trekt
    // zelf geen projecten meer") or a cue that starts inside a split trigger ("start
    // geen nieuwe projecten meer").
    let inside = (first < t0 && t0 < last) || (t0 < first && first < tl);
    match rule.scope {
        Scope::Forward => forward || inside,
        Scope::Backward => backward || inside,
        Scope::Both => forward || backward || inside,
        Scope::Clause => {
            let overlap = t0 <= last && tl >= first;
            forward || backward || inside || (overlap && rule.kind != ContextKind::Negation)
        }
        Scope::Preceding => last < t0,
        Scope::Following => tl < first,
        Scope::Unit => true,
    }
}

/// Clause number of each token: a new clause starts at punctuation (; : ( ) dashes,
/// and commas when `commas` is set) and at each terminator word.
pub(super) fn clauses(tokens: &[Token], terminator_starts: &[usize], commas: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut c = 0u32;
    let boundary = if commas {
        gap::COMMA | gap::CLAUSE | gap::PAREN
    } else {
        gap::CLAUSE | gap::PAREN
    };
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && (t.gap & boundary != 0 || terminator_starts.contains(&i)) {
            c += 1;
        }
        out.push(c);
    }
    out
}

/// Whether token `b` stands after token `a` where the word window reaches from it: at
/// most [`GAP_WINDOW`] words between them, in one clause as the window cuts clauses. A
/// split verb's particle or a pair's object found there needs no tree to confirm it.
pub(super) fn within_word_window(a: usize, b: usize, hard_clause: &[u32]) -> bool {
    b > a && b - a <= GAP_WINDOW + 1 && hard_clause[a] == hard_clause[b]
}

/// `agent_relation` of a table row whose holder column says who acts.
pub(super) const TABLE_HOLDER: &str = "table_holder";

/// `agent_relation` of a cue in a table row's cell under a label that is the RESOC's
/// role ("| Werf | Rol RESOC |").
pub(super) const ROLE_COLUMN: &str = "role_column";

/// Who holds the action of a table row, from its cell in the column the header names
/// ("| Actie | Trekker | Partners |"): the RESOC when the cell names it (also beside a
/// co-trekker), nobody while the cell is still open ("nog te bepalen", "–"), else
/// whoever the cell names — the RESOC is then at most a partner in another cell.
fn holder_of_row(
    text: &str,
    cell: std::ops::Range<usize>,
    tokens: &[Token],
    triggers: &[Found],
    context: &ContextRules,
) -> Actor {
    let names_resoc = triggers.iter().any(|t| {
        context.rules[t.id as usize].kind == ContextKind::ActorSelf
            && cell.contains(&(tokens[t.positions[0]].start as usize))
    });
    if names_resoc {
        return Actor::Resoc;
    }
    let named = text[cell].trim();
    let folded = named.to_lowercase();
    let open = !named.chars().any(char::is_alphabetic)
        || folded.contains("te bepalen")
        || ["nog ", "n.t.b", "ntb", "tbd"]
            .iter()
            .any(|w| folded.starts_with(w));
    if open {
        Actor::Nobody
    } else {
        Actor::Other(named.chars().take(40).collect())
    }
}
