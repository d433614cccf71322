//! `report.html`: one self-contained page (inline CSS and SVG, no script, no fonts,
//! no network) with the RESOCs on the overleg–project axis, the sections of each RESOC
//! by theme, the strongest evidence sentences and the run's provenance.
//!
//! Charts are SVG written here with fixed number formatting, so the bytes are stable.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write;

use super::{RunOptions, TOOL_VERSION};
use crate::instruments::Provenance;
use crate::scoring::{lean_of, DocumentSummary, Lean, MatchRecord, ResocResult, RoleType, RunResult};

const PLOT_LEFT: f64 = 250.0;
const PLOT_WIDTH: f64 = 460.0;
const ROW: f64 = 30.0;
const TOP: f64 = 46.0;

/// Escapes text for HTML and SVG content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn x_of(score: f64) -> f64 {
    PLOT_LEFT + (score.clamp(-1.0, 1.0) + 1.0) / 2.0 * PLOT_WIDTH
}

fn signed(x: f64) -> String {
    let s = format!("{x:+.2}");
    if s == "-0.00" {
        "+0.00".into()
    } else {
        s
    }
}

/// Colour and shape per type: the shape carries the type too, so nothing is encoded by
/// colour alone.
fn style(role: RoleType) -> (&'static str, &'static str) {
    match role {
        RoleType::Overleg => ("#1b6ca8", "circle"),
        RoleType::Project => ("#c2571a", "square"),
        RoleType::Combinatie => ("#6a51a3", "diamond"),
        RoleType::Onduidelijk => ("#767676", "ring"),
    }
}

fn marker(shape: &str, x: f64, y: f64, colour: &str) -> String {
    match shape {
        "circle" => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="{colour}"/>"#),
        "square" => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="11" height="11" fill="{colour}"/>"#,
            x - 5.5,
            y - 5.5
        ),
        "diamond" => format!(
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{colour}"/>"#,
            y - 7.5,
            x + 7.5,
            y + 7.5,
            x - 7.5
        ),
        _ => format!(
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="5.5" fill="#fff" stroke="{colour}" stroke-width="2"/>"##
        ),
    }
}

fn summary_of(r: &ResocResult) -> String {
    let s = &r.score;
    match (s.score, s.ci) {
        (Some(v), Some((lo, hi))) => format!(
            "{}: {}, score {} (95% interval {} to {}){}",
            r.name,
            s.role.as_str(),
            signed(v),
            signed(lo),
            signed(hi),
            if s.theme_dependent {
                ", role depends on the theme"
            } else {
                ""
            }
        ),
        _ => format!("{}: onduidelijk, too little evidence to place it", r.name),
    }
}

/// A mark's hover text and its name label left of the plot.
fn mark_label(s: &mut String, r: &ResocResult, y: f64) {
    let _ = write!(s, "<title>{}</title>", esc(&summary_of(r)));
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111">{}</text>"##,
        PLOT_LEFT - 12.0,
        y + 4.5,
        esc(&r.name)
    );
}

/// The axis chart: one mark per RESOC at its score with its 95% interval, sorted by
/// score; RESOCs without enough evidence are drawn apart, below the axis.
pub fn axis_svg(run: &RunResult) -> String {
    let mut placed: Vec<&ResocResult> = run.resocs.iter().filter(|r| r.score.score.is_some()).collect();
    placed.sort_by(|a, b| {
        let (x, y) = (a.score.score.unwrap_or(0.0), b.score.score.unwrap_or(0.0));
        x.total_cmp(&y).then(a.name.cmp(&b.name))
    });
    let apart: Vec<&ResocResult> = run.resocs.iter().filter(|r| r.score.score.is_none()).collect();
    let height = TOP
        + ROW * placed.len() as f64
        + if apart.is_empty() {
            20.0
        } else {
            40.0 + ROW * apart.len() as f64
        };
    let width = PLOT_LEFT + PLOT_WIDTH + 60.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="axis" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-labelledby="axis-title axis-desc" font-family="sans-serif" font-size="13">"#
    );
    let _ = write!(
        s,
        r#"<title id="axis-title">RESOCs on the overleg–project axis</title>"#
    );
    let desc: Vec<String> = placed.iter().chain(&apart).map(|r| summary_of(r)).collect();
    let _ = write!(s, r#"<desc id="axis-desc">{}</desc>"#, esc(&desc.join("; ")));
    // Axis, ticks and pole labels.
    let bottom = TOP + ROW * placed.len() as f64;
    for t in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let x = x_of(t);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{}" stroke-width="1"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
            TOP - 14.0,
            if t == 0.0 { "#888" } else { "#ddd" },
            TOP - 20.0,
            signed(t).replace("+0.00", "0")
        );
    }
    let _ = write!(
        s,
        r##"<text x="{PLOT_LEFT:.1}" y="14" fill="#1b6ca8" font-weight="bold">← overleg</text><text x="{:.1}" y="14" text-anchor="end" fill="#c2571a" font-weight="bold">project →</text>"##,
        PLOT_LEFT + PLOT_WIDTH
    );
    for (i, r) in placed.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        let (colour, shape) = style(r.score.role);
        let v = r.score.score.unwrap_or(0.0);
        let _ = write!(
            s,
            r#"<g class="mark" data-resoc="{}" data-type="{}">"#,
            esc(&r.name),
            r.score.role.as_str()
        );
        mark_label(&mut s, r, y);
        if let Some((lo, hi)) = r.score.ci {
            let _ = write!(
                s,
                r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2" stroke-opacity="0.55"/>"#,
                x_of(lo),
                x_of(hi)
            );
        }
        s.push_str(&marker(shape, x_of(v), y, colour));
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" fill="#333">{}{}</text>"##,
            PLOT_LEFT + PLOT_WIDTH + 8.0,
            y + 4.5,
            signed(v),
            if r.score.theme_dependent { " (theme)" } else { "" }
        );
        s.push_str("</g>");
    }
    if !apart.is_empty() {
        let y0 = bottom + 30.0;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333" font-style="italic">onduidelijk (not placed):</text>"##,
            PLOT_LEFT - 12.0,
            y0 - 6.0
        );
        for (i, r) in apart.iter().enumerate() {
            let y = y0 + ROW * i as f64 + ROW / 2.0;
            let (colour, shape) = style(RoleType::Onduidelijk);
            let _ = write!(
                s,
                r#"<g class="mark" data-resoc="{}" data-type="onduidelijk">"#,
                esc(&r.name)
            );
            mark_label(&mut s, r, y);
            s.push_str(&marker(shape, PLOT_LEFT + 8.0, y, colour));
            s.push_str("</g>");
        }
    }
    s.push_str("</svg>");
    s
}

/// The sections of one RESOC as a strip, one cell per section with evidence, coloured
/// and labelled by lean at the run's lean threshold; the same figures are in the table
/// under it.
pub fn strip_svg(cells: &[(String, f64, f64)], lean_threshold: f64) -> String {
    let n = cells.len().max(1) as f64;
    let w = 520.0;
    let cell = w / n;
    let mut s = String::new();
    let labels: Vec<String> = cells
        .iter()
        .map(|(t, o, p)| format!("{t}: {}", lean_word(lean_of(*o, *p, lean_threshold))))
        .collect();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="strip" viewBox="0 0 {w:.0} 34" width="{w:.0}" height="34" role="img" aria-label="{}" font-family="sans-serif" font-size="11">"#,
        esc(&format!("Sections by theme — {}", labels.join("; ")))
    );
    for (i, (title, o, p)) in cells.iter().enumerate() {
        let x = cell * i as f64;
        let lean = lean_of(*o, *p, lean_threshold);
        let (fill, letter) = lean_style(lean);
        let _ = write!(
            s,
            r##"<g><title>{}</title><rect x="{:.1}" y="0" width="{:.1}" height="24" fill="{fill}" stroke="#fff" stroke-width="2"/><text x="{:.1}" y="16" text-anchor="middle" fill="#fff" font-weight="bold">{letter}</text></g>"##,
            esc(&format!(
                "{title}: overleg {o:.2}, project {p:.2} — {}",
                lean_word(lean)
            )),
            x,
            cell,
            x + cell / 2.0
        );
    }
    s.push_str("</svg>");
    s
}

fn lean_word(lean: Lean) -> &'static str {
    match lean {
        Lean::Overleg => "leans overleg",
        Lean::Project => "leans project",
        Lean::Mixed => "mixed",
    }
}

fn lean_style(lean: Lean) -> (&'static str, &'static str) {
    match lean {
        Lean::Overleg => ("#1b6ca8", "O"),
        Lean::Project => ("#c2571a", "P"),
        Lean::Mixed => ("#6a51a3", "C"),
    }
}

/// The context with the matched words marked.
fn highlighted(m: &MatchRecord) -> String {
    let mut html = String::new();
    let text = &m.context;
    let mut pos = 0;
    for part in m.matched.split(" … ") {
        if let Some(found) = text[pos..].find(part) {
            let start = pos + found;
            html.push_str(&esc(&text[pos..start]));
            html.push_str("<mark>");
            html.push_str(&esc(part));
            html.push_str("</mark>");
            pos = start + part.len();
        }
    }
    html.push_str(&esc(&text[pos..]));
    html
}

fn modifier_badges(m: &MatchRecord) -> String {
    let mut out = String::new();
    for x in &m.modifiers {
        let label = if x.trigger.is_empty() {
            x.kind.clone()
        } else {
            format!("{}: {}", x.kind, x.trigger)
        };
        let _ = write!(
            out,
            r#" <span class="mod mod-{}">{} ×{}</span>"#,
            esc(&x.kind),
            esc(&label),
            trim_num(x.factor)
        );
    }
    if m.actor.starts_with("other:") {
        let _ = write!(out, r#" <span class="mod">{}</span>"#, esc(&m.actor));
    }
    out
}

fn trim_num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The whole page.
/// The page of a run; `evidence` is what [`PageEvidence`] gathered from its documents.
pub fn report_html(
    run: &RunResult,
    evidence: &PageEvidence,
    provenance: &Provenance,
    options: &RunOptions,
) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>streekpact report</title>\n<style>\n");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n<main>\n");
    h.push_str("<h1>The role of the RESOCs: overleg or projecten?</h1>\n");
    let read = run.inputs.iter().filter(|i| i.is_read()).count();
    let _ = writeln!(
        h,
        "<p class=\"lede\">{} RESOC(s) from {} document(s); score −1 = overleg (consultation, advice, bringing partners together), +1 = projecten (own initiative and projects). Lines are 95% bootstrap intervals; “(theme)” marks a role that depends on the theme.</p>",
        run.resocs.len(),
        read
    );
    h.push_str("<figure>\n");
    h.push_str(&axis_svg(run));
    h.push_str("\n<figcaption>Shapes: ● overleg, ■ project, ◆ combinatie, ○ onduidelijk (colour repeats the shape).</figcaption>\n</figure>\n");

    // Summary table: the same numbers, as text.
    h.push_str("<table>\n<caption>Scores per RESOC</caption>\n<thead><tr><th scope=\"col\">RESOC</th><th scope=\"col\">type</th><th scope=\"col\">score</th><th scope=\"col\">95% interval</th><th scope=\"col\">overleg</th><th scope=\"col\">project</th><th scope=\"col\">theme-dependent</th></tr></thead>\n<tbody>\n");
    for r in &run.resocs {
        let s = &r.score;
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{:.2}</td><td>{}</td></tr>",
            anchor(&r.name),
            esc(&r.name),
            s.role.as_str(),
            s.score.map_or("–".into(), signed),
            s.ci.map_or("–".into(), |(a, b)| format!("{} to {}", signed(a), signed(b))),
            s.totals.overleg,
            s.totals.project,
            if s.theme_dependent { "yes" } else { "no" }
        );
    }
    h.push_str("</tbody>\n</table>\n");

    h.push_str("<h2>Per RESOC</h2>\n");
    for r in &run.resocs {
        resoc_section(
            &mut h,
            evidence.resocs.get(&r.name),
            r,
            options.scoring.lean_threshold,
        );
    }
    provenance_section(&mut h, run, provenance, options);
    let _ = writeln!(
        h,
        "<footer>streekpact {} · every number traces back to matches.csv</footer>\n</main>\n</body>\n</html>",
        esc(TOOL_VERSION)
    );
    h
}

fn anchor(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Matches listed as the strongest evidence of a RESOC, and as read but not counted.
const STRONGEST: usize = 5;
const DISCOUNTED: usize = 3;

/// What the page shows of the documents, gathered document by document so that a run
/// need not keep them: per RESOC, its sections with evidence (in document order), and
/// the few matches the page lists as its strongest and as read but not counted.
#[derive(Debug, Clone, Default)]
pub struct PageEvidence {
    resocs: BTreeMap<String, ResocPage>,
}

#[derive(Debug, Clone, Default)]
struct ResocPage {
    /// Sections with evidence: (file, title, first line, overleg, project).
    sections: Vec<(String, String, usize, f64, f64)>,
    /// (file, match), largest contribution first; ties in document order.
    strongest: Vec<(String, MatchRecord)>,
    /// (file, match), largest base weight first; ties in document order.
    discounted: Vec<(String, MatchRecord)>,
}

impl PageEvidence {
    /// The page's evidence from one document.
    pub fn of(doc: &DocumentSummary) -> PageEvidence {
        let mut page = PageEvidence::default();
        for sec in &doc.sections {
            if let Some(resoc) = sec.resoc.as_deref() {
                let r = page.resocs.entry(resoc.to_string()).or_default();
                let t = sec.totals();
                if t.overleg + t.project > 0.0 {
                    r.sections.push((
                        doc.name.clone(),
                        sec.title.clone(),
                        sec.line_start,
                        t.overleg,
                        t.project,
                    ));
                }
            }
            // A match counts for its unit's RESOCs (usually the section's).
            for (m, resoc) in sec.matches.iter().flat_map(|m| {
                m.counts_for(sec.resoc.as_deref())
                    .into_iter()
                    .map(move |r| (m, r))
            }) {
                let r = page.resocs.entry(resoc.to_string()).or_default();
                let item = || (doc.name.clone(), m.clone());
                if m.contribution > 0.0 {
                    keep_first(&mut r.strongest, STRONGEST, m.contribution, by_contribution, item);
                }
                if is_discounted(m) {
                    keep_first(&mut r.discounted, DISCOUNTED, m.base_weight, by_base_weight, item);
                }
            }
        }
        page
    }

    /// Adds the evidence of a later document (call in name order).
    pub fn append(&mut self, later: PageEvidence) {
        for (name, page) in later.resocs {
            let mine = self.resocs.entry(name).or_default();
            mine.sections.extend(page.sections);
            for item in page.strongest {
                let k = by_contribution(&item);
                keep_first(&mut mine.strongest, STRONGEST, k, by_contribution, || item);
            }
            for item in page.discounted {
                let k = by_base_weight(&item);
                keep_first(&mut mine.discounted, DISCOUNTED, k, by_base_weight, || item);
            }
        }
    }
}

fn by_contribution((_, m): &(String, MatchRecord)) -> f64 {
    m.contribution
}

fn by_base_weight((_, m): &(String, MatchRecord)) -> f64 {
    m.base_weight
}

/// A match that had weight in the lexicon and lost it to its context.
fn is_discounted(m: &MatchRecord) -> bool {
    m.weight == 0.0 && m.base_weight > 0.0 && m.pole != 0.0 && !m.modifiers.is_empty()
}

/// Keeps the first `n` items of a stable sort by `key`, largest first: a new item with
/// key `k`, which comes after every item already seen, goes after the kept items whose
/// key is not smaller. The item is only made when it is kept.
fn keep_first<T>(kept: &mut Vec<T>, n: usize, k: f64, key: fn(&T) -> f64, item: impl FnOnce() -> T) {
    let at = kept
        .iter()
        .position(|x| k.total_cmp(&key(x)) == Ordering::Greater)
        .unwrap_or(kept.len());
    if at < n {
        kept.insert(at, item());
        kept.truncate(n);
    }
}

fn resoc_section(h: &mut String, page: Option<&ResocPage>, r: &ResocResult, lean_threshold: f64) {
    let s = &r.score;
    let _ = writeln!(h, "<details open id=\"{}\">", anchor(&r.name));
    let _ = writeln!(
        h,
        "<summary><strong>{}</strong> — {}{}</summary>",
        esc(&r.name),
        s.role.as_str(),
        s.score
            .map_or(String::new(), |v| format!(", score {}", signed(v)))
    );
    let reasons = s.theme_reasons();
    if !reasons.is_empty() {
        let _ = writeln!(h, "<p>Theme-dependent: {}.</p>", esc(&reasons.join("; ")));
    }
    if s.unclear_statement {
        h.push_str("<p>The text says the role is unclear or not (yet) described.</p>\n");
    }
    let empty = ResocPage::default();
    let page = page.unwrap_or(&empty);
    // Sections of this RESOC with evidence, in document order.
    let rows = &page.sections;
    let cells: Vec<(String, f64, f64)> = rows
        .iter()
        .map(|(_, t, _, o, p)| {
            (
                if t.is_empty() {
                    "(untitled)".to_string()
                } else {
                    t.clone()
                },
                *o,
                *p,
            )
        })
        .collect();
    if !cells.is_empty() {
        h.push_str("<h3>Sections with evidence, in document order</h3>\n");
        h.push_str(&strip_svg(&cells, lean_threshold));
        h.push('\n');
        h.push_str("<table class=\"sections\">\n<caption>Sections</caption>\n<thead><tr><th scope=\"col\">section</th><th scope=\"col\">file:line</th><th scope=\"col\">overleg</th><th scope=\"col\">project</th><th scope=\"col\">lean</th></tr></thead>\n<tbody>\n");
        for (file, title, line, o, p) in rows {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}:{}</td><td>{o:.2}</td><td>{p:.2}</td><td>{}</td></tr>",
                esc(if title.is_empty() { "(untitled)" } else { title }),
                esc(file),
                line,
                lean_word(lean_of(*o, *p, lean_threshold))
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    if !page.strongest.is_empty() {
        h.push_str("<h3>Strongest evidence</h3>\n<ol class=\"evidence\">\n");
        for (file, m) in &page.strongest {
            let _ = writeln!(
                h,
                "<li><span class=\"pole {}\">{} {:.2}</span> {} <span class=\"where\">{}:{}</span>{}</li>",
                if m.pole < 0.0 { "o" } else { "p" },
                if m.pole < 0.0 { "overleg" } else { "project" },
                m.contribution,
                highlighted(m),
                esc(file),
                m.line,
                modifier_badges(m)
            );
        }
        h.push_str("</ol>\n");
    }
    if !page.discounted.is_empty() {
        h.push_str("<h3>Read but not counted</h3>\n<ul class=\"evidence\">\n");
        for (file, m) in &page.discounted {
            let _ = writeln!(
                h,
                "<li>{} <span class=\"where\">{}:{}</span>{}</li>",
                highlighted(m),
                esc(file),
                m.line,
                modifier_badges(m)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</details>\n");
}

fn provenance_section(h: &mut String, run: &RunResult, p: &Provenance, o: &RunOptions) {
    h.push_str("<h2>Provenance</h2>\n<dl>\n");
    let _ = writeln!(
        h,
        "<dt>command</dt><dd><code>streekpact {}</code></dd>",
        esc(&o.command.join(" "))
    );
    let lexicons = p.lexicon.iter().map(|l| ("lexicon", l));
    let others = [("context lexicon", &p.context_lexicon), ("registry", &p.registry)];
    for (label, src) in lexicons.chain(others) {
        let _ = writeln!(
            h,
            "<dt>{label}</dt><dd>{} <code>sha256 {}</code></dd>",
            esc(&src.name),
            esc(&src.sha256)
        );
    }
    let _ = writeln!(
        h,
        "<dt>scoring</dt><dd>seed {}, {} bootstrap replicates, prior {}, min. evidence {}, lean threshold {}</dd>",
        o.scoring.seed, o.scoring.replicates, o.scoring.prior, o.scoring.min_evidence, o.scoring.lean_threshold
    );
    h.push_str("</dl>\n<table>\n<caption>Inputs</caption>\n<thead><tr><th scope=\"col\">file</th><th scope=\"col\">status</th><th scope=\"col\">reason</th><th scope=\"col\">sha256</th></tr></thead>\n<tbody>\n");
    for i in &run.inputs {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&i.path),
            esc(i.status.as_str()),
            esc(i.reason.as_deref().unwrap_or("")),
            esc(&i.sha256.chars().take(16).collect::<String>())
        );
    }
    for prob in &run.input_problems {
        let _ = writeln!(
            h,
            "<tr><td colspan=\"2\">input problem</td><td colspan=\"2\">{}</td></tr>",
            esc(prob)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin:1rem 0 .3rem}
.lede{color:#333}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#333}
svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
details{border:1px solid #ccc;border-radius:4px;padding:.5rem 1rem;margin:.6rem 0}
summary{cursor:pointer;font-size:1.05rem}summary:focus{outline:3px solid #1b6ca8}
a:focus{outline:3px solid #1b6ca8}
mark{background:#ffe58a;color:#111}
.evidence li{margin:.35rem 0}.where{color:#555;font-size:.8rem}
.pole{font-weight:bold;font-size:.8rem;padding:0 .3rem;border-radius:3px;color:#fff}
.pole.o{background:#1b6ca8}.pole.p{background:#c2571a}
.mod{font-size:.75rem;border:1px solid #999;border-radius:3px;padding:0 .25rem;margin-left:.2rem;white-space:nowrap}
.mod-negation,.mod-unclear,.mod-topic_heading{border-color:#b00;color:#b00}
code{font-size:.8rem}footer{margin-top:2rem;color:#555;font-size:.8rem}
@media print{main{max-width:none}details{break-inside:avoid}summary{list-style:none}}
";

#[cfg(test)]
mod tests {
    use super::*;

    fn key(x: &(usize, f64)) -> f64 {
        x.1
    }

    /// Gathered document by document, the page's evidence is what the whole run shows:
    /// per RESOC its sections with evidence in document order, and its strongest and
    /// discounted matches as a stable sort of all its matches lists them first.
    #[test]
    fn page_evidence_gathered_per_document_is_that_of_the_whole_run() {
        let instruments = crate::instruments::Instruments::load(&[], None, None).unwrap();
        let run = crate::pipeline::run(
            &["corpus".into(), "tests/fixtures/validity/pacts".into()],
            &Default::default(),
            &instruments,
            &crate::scoring::ScoringOptions::default(),
        );
        let mut page = PageEvidence::default();
        for doc in &run.documents {
            page.append(PageEvidence::of(doc));
        }
        let mut listed = 0;
        for r in &run.resocs {
            let mut sections = Vec::new();
            let mut all: Vec<(String, MatchRecord)> = Vec::new();
            for doc in &run.documents {
                for sec in doc
                    .sections
                    .iter()
                    .filter(|s| s.resoc.as_deref() == Some(r.name.as_str()))
                {
                    let t = sec.totals();
                    if t.overleg + t.project > 0.0 {
                        sections.push((
                            doc.name.clone(),
                            sec.title.clone(),
                            sec.line_start,
                            t.overleg,
                            t.project,
                        ));
                    }
                    all.extend(sec.matches.iter().map(|m| (doc.name.clone(), m.clone())));
                }
            }
            let head = |keep: fn(&MatchRecord) -> bool, key: fn(&MatchRecord) -> f64, n: usize| {
                let mut v: Vec<(String, MatchRecord)> =
                    all.iter().filter(|(_, m)| keep(m)).cloned().collect();
                v.sort_by(|a, b| key(&b.1).total_cmp(&key(&a.1)));
                v.truncate(n);
                v
            };
            let got = page.resocs.get(&r.name).cloned().unwrap_or_default();
            assert_eq!(got.sections, sections, "{}", r.name);
            assert_eq!(
                got.strongest,
                head(|m| m.contribution > 0.0, |m| m.contribution, STRONGEST),
                "{}",
                r.name
            );
            assert_eq!(
                got.discounted,
                head(is_discounted, |m| m.base_weight, DISCOUNTED),
                "{}",
                r.name
            );
            listed += got.strongest.len() + got.discounted.len();
        }
        assert!(listed > 20, "the corpus has evidence to list: {listed}");
    }

    proptest::proptest! {
        /// Keeping the first n as items arrive, document by document, and appending the
        /// documents' lists in order gives what a stable sort of all items, largest key
        /// first, would list first: the page's lists do not need the whole run.
        #[test]
        fn kept_lists_are_the_head_of_a_stable_sort(
            docs in proptest::collection::vec(
                proptest::collection::vec(0u8..6, 0..12), 0..8),
            n in 1usize..6,
        ) {
            let mut all = Vec::new();
            let mut merged: Vec<(usize, f64)> = Vec::new();
            for doc in &docs {
                let mut part = Vec::new();
                for &k in doc {
                    // Few distinct keys, so that ties are common.
                    let item = (all.len(), f64::from(k) / 2.0);
                    all.push(item);
                    keep_first(&mut part, n, item.1, key, || item);
                }
                for item in part {
                    keep_first(&mut merged, n, item.1, key, || item);
                }
            }
            let mut sorted = all.clone();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
            sorted.truncate(n);
            proptest::prop_assert_eq!(merged, sorted);
        }
    }
}
