use streekpact::*;
fn main() {
    let text = std::env::args().nth(1).unwrap();
    let lex = lexicon::Lexicon::builtin();
    let ctx = lexicon::ContextRules::builtin();
    let doc = segment::segment_document("t.md", &format!("# RESOC Test\n\n{text}\n"), &registry::Registry::builtin());
    for s in &doc.sections {
        let a = analyze::analyze_section(s);
        for (u, f) in matching::match_section(s, &a, &lex, &ctx).iter().enumerate() {
            println!("unit {u}: {:?}", s.units[u].text);
            for t in &a.units[u] { let f = a.analyzer.form(t.form); print!("{}[{}|{}|g{}] ", f.folded, f.stem, t.flags, t.gap); }
            println!();
            for m in &f.matches { println!("  {} w={} neg={} mods={:?} actor={:?}", m.matched, m.weight, m.negated, m.modifiers, m.actor); }
        }
    }
}
#[allow(dead_code)]
fn x() {}
