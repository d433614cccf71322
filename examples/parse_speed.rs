//! Words per second of the embedded parser on one sentence, repeated (a quick check of
//! the parser alone; the reader benchmark is benches/readers.sh).
fn main() {
    use streekpact::analyze::Analyzer;
    use streekpact::segment::{Unit, UnitKind};
    let text = "Het RESOC brengt de sociale partners en de gemeenten samen rond de prioriteiten van dit streekpact en volgt de uitvoering ervan nauwgezet op.";
    let unit = Unit {
        text: text.into(),
        line: 1,
        kind: UnitKind::Sentence,
        marks: vec![],
        lead: None,
        table: None,
    };
    let tokens = Analyzer::new().tokenize_unit(&unit);
    streekpact::parse::parse_unit(text, &tokens, &[]).unwrap();
    let n = 500;
    let t = std::time::Instant::now();
    for _ in 0..n {
        streekpact::parse::parse_unit(text, &tokens, &[]).unwrap();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.0} words/s ({} words × {n} in {s:.2} s)",
        (tokens.len() * n) as f64 / s,
        tokens.len()
    );
}
