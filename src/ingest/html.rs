//! HTML (.html, .htm) → the document model.
//!
//! The page is decoded (BOM → `<meta charset>` → UTF-8 → `--encoding` → detected),
//! parsed by html5ever into a small arena tree (HTML5 tree building: implied end tags,
//! misnested markup and entities as a browser does them), and walked iteratively.
//!
//! Kept: `h1`–`h6` as headings, `strong`/`b` as bold, `em`/`i` as italic, `li` as
//! `- ` items, tables as pipe tables (a row of `th` cells only is the header; `colspan`
//! kept as empty cells, so columns stay under their headers), paragraphs and other
//! blocks, line breaks (`br`), preformatted text as is; entities decoded.
//!
//! Dropped: `head` (title, meta), `script`, `style`, `noscript`, `template`,
//! comments; navigation and page boilerplate: `nav`, `aside`, `header` and `footer`
//! (except inside `article` or `main`, where they belong to the text), elements with
//! role navigation, banner, contentinfo, complementary or search; hidden text: the
//! `hidden` attribute, `aria-hidden="true"`, inline `display:none` or
//! `visibility:hidden`; form controls, embedded objects, `svg`, `math`, images.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{ns, Attribute, LocalName, Namespace, QualName};

use super::limits::MAX_HTML_DEPTH;
use super::model::{Builder, Kind, Style};
use super::text::{decode_bytes, decode_strict};
use super::{intern, IngestError, IngestOptions};

/// Reads an .html/.htm file.
pub fn read(bytes: &[u8], options: &IngestOptions) -> Result<(String, &'static str), IngestError> {
    let (page, encoding) = decode_page(bytes, options)?;
    Ok((page_to_text(&page)?, encoding))
}

/// Decodes a page: BOM, then a `<meta charset>` (or `http-equiv` content type) in the
/// first 1024 bytes, then the text rules (UTF-8, `--encoding`, detection).
pub fn decode_page(bytes: &[u8], options: &IngestOptions) -> Result<(String, &'static str), IngestError> {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(1024)]) {
            // A page that says UTF-16 in ASCII is not UTF-16 (the HTML rule).
            let utf8 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
            if !utf8 && encoding != encoding_rs::UTF_8 {
                let text = decode_strict(encoding, bytes)?;
                return Ok((text, intern(format!("{} (meta)", encoding.name()))));
            }
        }
    }
    decode_bytes(bytes, options, None)
}

/// The encoding a `<meta>` tag names: `charset=LABEL` inside a tag starting `<meta`.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
                    .unwrap_or(rest.len());
                if let Some(e) = encoding_rs::Encoding::for_label_no_replacement(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

// --- the tree ----------------------------------------------------------------------

enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        template: Option<usize>,
    },
    Text(String),
    Other,
}

struct Node {
    parent: Option<usize>,
    children: Vec<usize>,
    /// Depth when last attached (a guard only: reparenting may leave it stale).
    depth: usize,
    data: Data,
}

/// An arena DOM for html5ever: nodes are indices, so the tree has no reference
/// cycles and is dropped without recursion. It raises `too_deep` when an element is
/// attached deeper than [`MAX_HTML_DEPTH`]: the tree builder's work per tag grows
/// with the depth, so the parse is stopped early rather than run to its end.
struct Tree {
    nodes: RefCell<Vec<Node>>,
    too_deep: Rc<Cell<bool>>,
}

/// An element name handed to the tree builder (owned atoms: no borrow of the tree).
#[derive(Debug)]
struct Name {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

impl Tree {
    fn new(too_deep: Rc<Cell<bool>>) -> Tree {
        Tree {
            nodes: RefCell::new(vec![Node {
                parent: None,
                children: Vec::new(),
                depth: 0,
                data: Data::Document,
            }]),
            too_deep,
        }
    }

    fn push(&self, data: Data) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: None,
            children: Vec::new(),
            depth: 0,
            data,
        });
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], child: usize) {
        if let Some(parent) = nodes[child].parent.take() {
            nodes[parent].children.retain(|&c| c != child);
        }
    }

    /// Inserts `child` into `parent` at `index` (None: at the end); text is merged
    /// into a text node just before the insertion point.
    fn insert(&self, parent: usize, index: Option<usize>, child: NodeOrText<usize>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendText(text) => {
                let at = index.unwrap_or(nodes[parent].children.len());
                if at > 0 {
                    let prev = nodes[parent].children[at - 1];
                    if let Data::Text(t) = &mut nodes[prev].data {
                        t.push_str(&text);
                        return;
                    }
                }
                let depth = nodes[parent].depth + 1;
                nodes.push(Node {
                    parent: Some(parent),
                    children: Vec::new(),
                    depth,
                    data: Data::Text(text.to_string()),
                });
                let id = nodes.len() - 1;
                nodes[parent].children.insert(at, id);
            }
            NodeOrText::AppendNode(id) => {
                Tree::detach(&mut nodes, id);
                let at = index
                    .unwrap_or(nodes[parent].children.len())
                    .min(nodes[parent].children.len());
                nodes[parent].children.insert(at, id);
                nodes[id].parent = Some(parent);
                nodes[id].depth = nodes[parent].depth + 1;
                if nodes[id].depth > MAX_HTML_DEPTH {
                    self.too_deep.set(true);
                }
            }
        }
    }
}

impl TreeSink for Tree {
    type Handle = usize;
    type Output = Tree;
    type ElemName<'a> = Name;

    fn finish(self) -> Tree {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Name {
        match &self.nodes.borrow()[*target].data {
            Data::Element { name, .. } => Name {
                ns: name.ns.clone(),
                local: name.local.clone(),
            },
            // The tree builder only asks for elements' names.
            _ => Name {
                ns: ns!(html),
                local: LocalName::from(""),
            },
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let template = flags.template.then(|| self.push(Data::Document));
        self.push(Data::Element {
            name,
            attrs,
            template,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.push(Data::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, None, child);
    }

    fn append_based_on_parent_node(&self, element: &usize, prev_element: &usize, child: NodeOrText<usize>) {
        let has_parent = self.nodes.borrow()[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        match &self.nodes.borrow()[*target].data {
            Data::Element {
                template: Some(t), ..
            } => *t,
            _ => *target,
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let (parent, index) = {
            let nodes = self.nodes.borrow();
            let Some(parent) = nodes[*sibling].parent else {
                return;
            };
            let index = nodes[parent].children.iter().position(|c| c == sibling);
            (parent, index)
        };
        let Some(mut index) = index else {
            return;
        };
        if let NodeOrText::AppendNode(id) = &new_node {
            // Detaching the node first may shift the sibling's position.
            let nodes = self.nodes.borrow();
            if nodes[*id].parent == Some(parent) {
                if let Some(old) = nodes[parent].children.iter().position(|c| c == id) {
                    if old < index {
                        index -= 1;
                    }
                }
            }
        }
        self.insert(parent, Some(index), new_node);
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        if let Data::Element { attrs: existing, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                if !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Tree::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let children = std::mem::take(&mut nodes[*node].children);
        let depth = nodes[*new_parent].depth + 1;
        for &c in &children {
            nodes[c].parent = Some(*new_parent);
            nodes[c].depth = depth;
        }
        nodes[*new_parent].children.extend(children);
    }
}

// --- the walk ----------------------------------------------------------------------

/// What to do when an element's children are done.
enum Exit {
    Nothing,
    EndHeading,
    EndItem,
    EndBlock,
    Bold,
    Italic,
    Pre,
    Article,
    EndCell,
    EndRow,
    EndTable,
}

enum Step {
    Enter(usize, usize),
    Exit(Exit),
}

struct State {
    b: Builder,
    bold: usize,
    italic: usize,
    pre: usize,
    items: usize,
    article: usize,
}

impl State {
    fn style(&self) -> Style {
        Style {
            bold: self.bold > 0,
            italic: self.italic > 0,
        }
    }

    /// A block boundary: inside a list item it is a line break of the item.
    fn block(&mut self) {
        if self.items > 0 && self.b.kind() == Some(Kind::Item) {
            if !self.b.is_blank() {
                self.b.line_break();
            }
        } else {
            self.b.end_all();
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.b.line_break();
                }
                let style = self.style();
                self.b.text(line, style);
            }
            return;
        }
        let mut collapsed = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                space = true;
            } else {
                if space {
                    collapsed.push(' ');
                }
                space = false;
                collapsed.push(c);
            }
        }
        if space {
            collapsed.push(' ');
        }
        // White space at the start of a paragraph is no text.
        let collapsed = if self.b.is_blank() {
            collapsed.trim_start()
        } else {
            &collapsed
        };
        if collapsed.is_empty() {
            return;
        }
        let style = self.style();
        self.b.text(collapsed, style);
    }
}

fn attr<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a str> {
    attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

/// Whether an element and everything in it is left out.
fn dropped(tag: &str, attrs: &[Attribute], in_article: bool) -> bool {
    if matches!(
        tag,
        "head"
            | "title"
            | "meta"
            | "link"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "aside"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "button"
            | "select"
            | "option"
            | "datalist"
            | "textarea"
            | "input"
            | "img"
            | "picture"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    ) {
        return true;
    }
    if matches!(tag, "header" | "footer") && !in_article {
        return true;
    }
    if attr(attrs, "hidden").is_some() {
        return true;
    }
    if attr(attrs, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(role) = attr(attrs, "role") {
        let role = role.trim().to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation" | "contentinfo" | "complementary" | "search"
        ) || (role == "banner" && !in_article)
        {
            return true;
        }
    }
    if let Some(style) = attr(attrs, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Parses a decoded page and converts it into the document model.
pub fn page_to_text(page: &str) -> Result<String, IngestError> {
    let too_deep = Rc::new(Cell::new(false));
    let mut parser = html5ever::parse_document(Tree::new(too_deep.clone()), html5ever::ParseOpts::default());
    // Fed in chunks, so that a too deep page is stopped after a chunk.
    let mut rest = page;
    while !rest.is_empty() {
        let mut cut = rest.len().min(8192);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        if too_deep.get() {
            return Err(IngestError::TooDeep {
                part: "HTML",
                limit: MAX_HTML_DEPTH,
            });
        }
    }
    let nodes = parser.finish().nodes.into_inner();
    let mut s = State {
        b: Builder::new(),
        bold: 0,
        italic: 0,
        pre: 0,
        items: 0,
        article: 0,
    };
    let mut stack = vec![Step::Enter(0, 0)];
    while let Some(step) = stack.pop() {
        let (id, depth) = match step {
            Step::Enter(id, depth) => (id, depth),
            Step::Exit(exit) => {
                match exit {
                    Exit::Nothing => {}
                    Exit::EndHeading | Exit::EndItem => {
                        s.b.end_all();
                        if matches!(exit, Exit::EndItem) {
                            s.items -= 1;
                        }
                    }
                    Exit::EndBlock => s.block(),
                    Exit::Bold => s.bold -= 1,
                    Exit::Italic => s.italic -= 1,
                    Exit::Pre => {
                        s.pre -= 1;
                        s.block();
                    }
                    Exit::Article => s.article -= 1,
                    Exit::EndCell => s.b.cell_end(),
                    Exit::EndRow => s.b.row_end(),
                    Exit::EndTable => s.b.table_end(),
                }
                continue;
            }
        };
        if depth > MAX_HTML_DEPTH {
            return Err(IngestError::TooDeep {
                part: "HTML",
                limit: MAX_HTML_DEPTH,
            });
        }
        let node = &nodes[id];
        let exit = match &node.data {
            Data::Document => Exit::Nothing,
            Data::Other => continue,
            Data::Text(t) => {
                s.text(t);
                continue;
            }
            Data::Element { name, attrs, .. } => {
                let tag: &str = &name.local;
                if name.ns != ns!(html) || dropped(tag, attrs, s.article > 0) {
                    continue;
                }
                match tag {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        s.b.end_all();
                        s.b.begin(Kind::Heading(tag.as_bytes()[1] - b'0'));
                        Exit::EndHeading
                    }
                    "li" | "dt" => {
                        s.b.end_all();
                        s.b.begin(Kind::Item);
                        s.items += 1;
                        Exit::EndItem
                    }
                    "strong" | "b" => {
                        s.bold += 1;
                        Exit::Bold
                    }
                    "em" | "i" => {
                        s.italic += 1;
                        Exit::Italic
                    }
                    "br" => {
                        s.b.line_break();
                        Exit::Nothing
                    }
                    "hr" => {
                        s.block();
                        Exit::Nothing
                    }
                    "pre" | "listing" | "xmp" => {
                        s.block();
                        s.pre += 1;
                        Exit::Pre
                    }
                    "article" | "main" => {
                        s.block();
                        s.article += 1;
                        Exit::Article
                    }
                    "table" => {
                        s.b.end_all();
                        s.b.table_start();
                        Exit::EndTable
                    }
                    "tr" => {
                        s.b.row_start();
                        Exit::EndRow
                    }
                    "td" | "th" => {
                        s.b.cell_start();
                        if tag == "th" {
                            s.b.mark_header_cell();
                        }
                        if let Some(span) = attr(attrs, "colspan").and_then(|v| v.trim().parse().ok()) {
                            s.b.set_cell_span(span);
                        }
                        Exit::EndCell
                    }
                    "p" | "div" | "section" | "blockquote" | "address" | "figure" | "figcaption" | "dl"
                    | "dd" | "ul" | "ol" | "menu" | "center" | "details" | "summary" | "fieldset"
                    | "legend" | "caption" | "header" | "footer" | "form" | "body" | "html" | "hgroup"
                    | "search" => {
                        s.block();
                        Exit::EndBlock
                    }
                    _ => Exit::Nothing,
                }
            }
        };
        stack.push(Step::Exit(exit));
        for &child in node.children.iter().rev() {
            stack.push(Step::Enter(child, depth + 1));
        }
    }
    Ok(s.b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> String {
        page_to_text(html).unwrap()
    }

    #[test]
    fn headings_emphasis_lists_and_entities() {
        let html = r#"<!DOCTYPE html><html><head><title>Streekpact</title><style>p{}</style></head><body>
            <h1>Streekpact RESOC Kempen</h1>
            <h2>1. Situering</h2>
            <p>Het RESOC kiest voor een <strong>actieve rol</strong>, <b>vooral</b> <em>soms</em> &amp; co&ouml;rdinatie&nbsp;&euro;.<br>Na regel</p>
            <p>Het RESOC kan:
            <ul><li>overleg organiseren</li><li><p>projecten</p><p>trekken</p></ul>
            <p>Open alinea zonder einde
            <div>Blok</div>
            </body></html>"#;
        assert_eq!(
            convert(html),
            "# Streekpact RESOC Kempen\n\n## 1. Situering\n\nHet RESOC kiest voor een **actieve rol**, **vooral** *soms* & coördinatie\u{a0}€.\nNa regel\n\nHet RESOC kan:\n\n- overleg organiseren\n- projecten\n  trekken\n\nOpen alinea zonder einde\n\nBlok\n"
        );
    }

    #[test]
    fn boilerplate_hidden_text_scripts_and_comments_are_dropped() {
        let html = r#"<body><header><nav><a href="/">Home</a> | <a href="/x">Over ons</a></nav><p>Banner</p></header>
            <div role="navigation">Menu</div>
            <main><article><header><h1>Rol van het RESOC</h1></header>
            <p>Zichtbaar.<span hidden>Verborgen.</span><span style="display: none">Ook verborgen.</span><span aria-hidden="true">Icoon</span><!-- commentaar --><script>var x = "<p>geen tekst</p>";</script></p>
            <footer>Bij het artikel.</footer></article></main>
            <aside>Zijbalk</aside><footer>© RESOC</footer><noscript>Zet JavaScript aan</noscript></body>"#;
        assert_eq!(
            convert(html),
            "# Rol van het RESOC\n\nZichtbaar.\n\nBij het artikel.\n"
        );
    }

    #[test]
    fn tables_and_misnested_markup() {
        let html = "<table><tr><th>Trekker<td><b>RESOC</b> Kempen<tr><td>Looptijd<td>2013-2016</table><p><b>vet <i>beide</b> schuin</i> normaal</p>";
        assert_eq!(
            convert(html),
            "| Trekker | **RESOC** Kempen |\n| Looptijd | 2013-2016 |\n\n**vet** ***beide*** *schuin* normaal\n"
        );
    }

    #[test]
    fn a_row_of_header_cells_heads_the_table_and_colspan_keeps_the_columns() {
        let html = "<table><thead><tr><th>Actie<th>Trekker<th>Partners</thead><tbody><tr><td colspan=2>Jobbeurs<td>VDAB<tr><td>Overlegtafel<td>RESOC Kempen<td></table>";
        assert_eq!(
            convert(html),
            "| Actie | Trekker | Partners |\n|---|---|---|\n| Jobbeurs | | VDAB |\n| Overlegtafel | RESOC Kempen | |\n"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let html = "<div>".repeat(100_000) + "tekst";
        assert_eq!(
            page_to_text(&html).unwrap_err(),
            IngestError::TooDeep {
                part: "HTML",
                limit: MAX_HTML_DEPTH
            }
        );
    }

    #[test]
    fn charset_from_meta_bom_or_detection() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>\x80 5 \x96 co\xf6rdinatie</p></body></html>";
        let (text, enc) = read(page, &IngestOptions::default()).unwrap();
        assert_eq!(enc, "windows-1252 (meta)");
        assert_eq!(text, "€ 5 – coördinatie\n");
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9</p>";
        assert_eq!(
            read(page, &IngestOptions::default()).unwrap().1,
            "windows-1252 (meta)"
        );
        let (_, enc) = read(
            "<meta charset=utf-8><p>café</p>".as_bytes(),
            &IngestOptions::default(),
        )
        .unwrap();
        assert_eq!(enc, "UTF-8");
        let (_, enc) = read(
            b"<p>Het RESOC co\xf6rdineert het overleg met de partners in de regio.</p>",
            &IngestOptions::default(),
        )
        .unwrap();
        assert_eq!(enc, "windows-1252 (detected)");
    }
}
