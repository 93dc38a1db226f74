//! The body of a .docx (`document.xml`, and `footnotes.xml` / `endnotes.xml`
//! with the same reader) as a stream of XML events → rich-text blocks.
//!
//! Kept: paragraphs and runs (effective bold/italic/font through styles),
//! headings, list items (numbering.xml), hyperlinks (relationships, and
//! HYPERLINK fields), line breaks, tables (cell text), text boxes (modern
//! `wps` and VML), tracked insertions, footnote/endnote references, pictures
//! (inline and floating). Dropped: tracked deletions and moves away,
//! comments, hidden text, the legacy `mc:Fallback` copy of new content.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::Event;

use super::docx::{Problem, xml_error};
use super::docx_parts::{Numbering, PProps, RProps, Rel, Styles, attr, reader};
use super::rich::{Align, Block, Inline, Paragraph, Picture, Run, Skip};

/// What the reader needs from the rest of the package.
pub(crate) struct Ctx<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub rels: &'a HashMap<String, Rel>,
}

/// Elements whose whole content is left out.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"delText",
    b"Fallback",
    b"sectPr",
    b"pPrChange",
    b"rPrChange",
    b"sdtPr",
    b"sdtEndPr",
    b"object",
    b"tblPr",
    b"tblGrid",
    b"trPr",
    b"tcPr",
    b"footnotePr",
    b"endnotePr",
    b"ffData",
    b"fldData",
];

enum Item {
    Inline(Inline),
    Picture(Picture),
}

#[derive(Default)]
struct Para {
    ppr: PProps,
    rpr: RProps,
    in_ppr: bool,
    in_mark_rpr: bool,
    in_rpr: bool,
    items: Vec<Item>,
    link: Option<String>,
    links: Vec<Option<String>>,
    /// Complex fields: (instruction, whether it opened a link).
    fields: Vec<(String, bool)>,
    max_size: Option<f32>,
    /// Blocks from text boxes inside this paragraph, placed after it.
    pending: Vec<Block>,
}

#[derive(Default)]
struct Drawing {
    alt: String,
    /// (embedded relationship id, linked relationship id)
    blips: Vec<(Option<String>, Option<String>)>,
    chart: bool,
    diagram: bool,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<Inline>>>,
    pending: Vec<Block>,
}

enum Container {
    Cell,
    TextBox(Vec<Block>),
}

#[derive(PartialEq)]
enum TextTarget {
    None,
    Text,
    Instr,
}

/// What one part gave.
#[derive(Default)]
pub(crate) struct Parsed {
    pub blocks: Vec<Block>,
    /// Footnote (false) / endnote (true) ids in reference order.
    pub note_refs: Vec<(bool, String)>,
    /// For a notes part: note id → its text.
    pub notes: HashMap<String, Vec<Inline>>,
    pub skipped: Vec<(Skip, usize)>,
}

struct Parser<'a> {
    ctx: &'a Ctx<'a>,
    out: Parsed,
    skip: usize,
    paras: Vec<Para>,
    containers: Vec<Container>,
    table_depth: usize,
    table: Table,
    drawings: Vec<Drawing>,
    target: TextTarget,
    note: Option<String>,
    counts: HashMap<Skip, usize>,
}

/// Reads a body part (`notes` true for footnotes.xml / endnotes.xml).
pub(crate) fn parse<R: BufRead>(r: R, ctx: &Ctx, notes: bool) -> Result<Parsed, Problem> {
    let mut x = reader(r);
    let mut p = Parser {
        ctx,
        out: Parsed::default(),
        skip: 0,
        paras: Vec::new(),
        containers: Vec::new(),
        table_depth: 0,
        table: Table::default(),
        drawings: Vec::new(),
        target: TextTarget::None,
        note: None,
        counts: HashMap::new(),
    };
    let mut buf = Vec::new();
    loop {
        match x.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => {
                if p.skip > 0 {
                    p.skip += 1;
                } else {
                    p.start(&e, notes);
                }
            }
            Event::End(e) => {
                if p.skip > 0 {
                    p.skip -= 1;
                } else {
                    p.end(e.local_name().as_ref());
                }
            }
            Event::Text(t) if p.skip == 0 && p.target != TextTarget::None => {
                let s = t.decode().map_err(|e| Problem::Damaged(e.to_string()))?;
                p.text(&s);
            }
            Event::CData(t) if p.skip == 0 && p.target != TextTarget::None => {
                let s = t.decode().map_err(|e| Problem::Damaged(e.to_string()))?;
                p.text(&s);
            }
            Event::GeneralRef(r) if p.skip == 0 && p.target != TextTarget::None => {
                let c = match r.resolve_char_ref().map_err(xml_error)? {
                    Some(c) => c,
                    None => match &*r {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        b"apos" => '\'',
                        _ => return Err(Problem::Entities),
                    },
                };
                p.text(c.encode_utf8(&mut [0; 4]));
            }
            Event::DocType(_) => return Err(Problem::Entities),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut out = p.out;
    let mut counts: Vec<(Skip, usize)> = p.counts.into_iter().collect();
    counts.sort_by_key(|(s, _)| *s as u8);
    out.skipped = counts;
    Ok(out)
}

impl Parser<'_> {
    fn count(&mut self, what: Skip) {
        *self.counts.entry(what).or_default() += 1;
    }

    fn start(&mut self, e: &quick_xml::events::BytesStart, notes: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            match name {
                b"del" | b"moveFrom" => self.count(Skip::TrackedDeletions),
                b"object" => self.count(Skip::Object),
                _ => {}
            }
            self.skip = 1;
            return;
        }
        // Inside pPr / rPr: formatting.
        if let Some(para) = self.paras.last_mut() {
            if para.in_ppr {
                match name {
                    b"rPr" => para.in_mark_rpr = true,
                    b"tabs" | b"pBdr" | b"shd" | b"framePr" => self.skip = 1,
                    _ if !para.in_mark_rpr => para.ppr.set(e),
                    _ => {}
                }
                return;
            }
            if para.in_rpr {
                para.rpr.set(e);
                return;
            }
        }
        match name {
            b"p" => self.paras.push(Para::default()),
            b"pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_ppr = true;
                }
            }
            b"r" => {
                if let Some(p) = self.paras.last_mut() {
                    p.rpr = RProps::default();
                }
            }
            b"rPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.in_rpr = true;
                }
            }
            b"t" => self.target = TextTarget::Text,
            b"instrText" => self.target = TextTarget::Instr,
            b"tab" | b"ptab" => self.text(" "),
            b"noBreakHyphen" => self.text("-"),
            // Page and column breaks are layout, not text.
            b"br" if !matches!(attr(e, b"type").as_deref(), Some("page" | "column")) => {
                self.push(Item::Inline(Inline::Break));
            }
            b"cr" => self.push(Item::Inline(Inline::Break)),
            b"hyperlink" => {
                let url = attr(e, b"id")
                    .and_then(|id| self.ctx.rels.get(&id))
                    .filter(|r| r.external)
                    .map(|r| r.target.clone());
                self.open_link(url);
            }
            b"fldSimple" => {
                let url = attr(e, b"instr").and_then(|i| hyperlink_of(&i));
                self.open_link(url);
            }
            b"fldChar" => self.field_char(attr(e, b"fldCharType").as_deref()),
            b"footnoteReference" | b"endnoteReference" => {
                if let Some(id) = attr(e, b"id") {
                    self.out.note_refs.push((name == b"endnoteReference", id));
                    let n = self.out.note_refs.len();
                    self.text(&format!("[{n}]"));
                }
            }
            b"commentReference" => self.count(Skip::Comments),
            b"drawing" | b"pict" => self.drawings.push(Drawing::default()),
            b"docPr" | b"cNvPr" => {
                let alt = attr(e, b"descr")
                    .filter(|d| !d.trim().is_empty())
                    .or_else(|| attr(e, b"title"));
                if let (Some(d), Some(alt)) = (self.drawings.last_mut(), alt)
                    && d.alt.trim().is_empty()
                {
                    d.alt = alt;
                }
            }
            b"shape" => {
                if let (Some(d), Some(alt)) = (self.drawings.last_mut(), attr(e, b"alt"))
                    && d.alt.trim().is_empty()
                {
                    d.alt = alt;
                }
            }
            b"blip" | b"imagedata" => {
                let embed = attr(e, b"embed")
                    .or_else(|| (name == b"imagedata").then(|| attr(e, b"id")).flatten());
                let link = attr(e, b"link");
                if let Some(d) = self.drawings.last_mut() {
                    if name == b"imagedata"
                        && d.alt.trim().is_empty()
                        && let Some(t) = attr(e, b"title")
                    {
                        d.alt = t;
                    }
                    d.blips.push((embed, link));
                }
            }
            b"graphicData" => {
                if let (Some(d), Some(uri)) = (self.drawings.last_mut(), attr(e, b"uri")) {
                    d.chart |= uri.contains("/chart");
                    d.diagram |= uri.contains("diagram");
                }
            }
            b"txbxContent" => self.containers.push(Container::TextBox(Vec::new())),
            b"tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table = Table::default();
                }
            }
            b"tr" if self.table_depth == 1 => self.table.rows.push(Vec::new()),
            b"tc" if self.table_depth == 1 => {
                if let Some(row) = self.table.rows.last_mut() {
                    row.push(Vec::new());
                }
                self.containers.push(Container::Cell);
            }
            b"footnote" | b"endnote" if notes => {
                let kind = attr(e, b"type").unwrap_or_default();
                if kind.contains("eparator") || kind == "continuationNotice" {
                    self.skip = 1;
                } else {
                    self.note = attr(e, b"id");
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if let Some(para) = self.paras.last_mut() {
            if para.in_ppr {
                match name {
                    b"pPr" => para.in_ppr = false,
                    b"rPr" => para.in_mark_rpr = false,
                    _ => {}
                }
                return;
            }
            if para.in_rpr {
                if name == b"rPr" {
                    para.in_rpr = false;
                }
                return;
            }
        }
        match name {
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    self.finish_para(p);
                }
            }
            b"t" | b"instrText" => self.target = TextTarget::None,
            b"hyperlink" | b"fldSimple" => {
                if let Some(p) = self.paras.last_mut() {
                    p.link = p.links.pop().flatten();
                }
            }
            b"drawing" | b"pict" => {
                if let Some(d) = self.drawings.pop() {
                    self.finish_drawing(d);
                }
            }
            b"txbxContent" => {
                if let Some(Container::TextBox(blocks)) = self.containers.pop() {
                    match self.paras.last_mut() {
                        Some(p) => p.pending.extend(blocks),
                        None => self.emit(blocks),
                    }
                }
            }
            b"tc" if self.table_depth == 1 => {
                self.containers.pop();
            }
            b"tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    let t = std::mem::take(&mut self.table);
                    let mut blocks = Vec::new();
                    if t.rows.iter().flatten().any(|c| !c.is_empty()) {
                        blocks.push(Block::Table(t.rows));
                    }
                    blocks.extend(t.pending);
                    self.emit(blocks);
                }
            }
            b"footnote" | b"endnote" => {
                if let Some(id) = self.note.take() {
                    let mut inl = Vec::new();
                    for b in std::mem::take(&mut self.out.blocks) {
                        let i = match b {
                            Block::Paragraph(p) => p.inlines,
                            Block::Heading { inlines, .. } | Block::ListItem { inlines, .. } => {
                                inlines
                            }
                            _ => continue,
                        };
                        if !inl.is_empty() && !i.is_empty() {
                            inl.push(Inline::Break);
                        }
                        inl.extend(i);
                    }
                    self.out.notes.insert(id, inl);
                }
            }
            _ => {}
        }
    }

    fn open_link(&mut self, url: Option<String>) {
        if let Some(p) = self.paras.last_mut() {
            p.links.push(p.link.take());
            p.link = url.or_else(|| p.links.last().cloned().flatten());
        }
    }

    fn field_char(&mut self, kind: Option<&str>) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match kind {
            Some("begin") => p.fields.push((String::new(), false)),
            Some("separate") => {
                if let Some(url) = p.fields.last().and_then(|(i, _)| hyperlink_of(i)) {
                    p.links.push(p.link.take());
                    p.link = Some(url);
                    if let Some(f) = p.fields.last_mut() {
                        f.1 = true;
                    }
                }
            }
            Some("end") => {
                if let Some((_, true)) = p.fields.pop() {
                    p.link = p.links.pop().flatten();
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        let ctx = self.ctx;
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if self.target == TextTarget::Instr {
            if let Some(f) = p.fields.last_mut() {
                f.0.push_str(s);
            }
            return;
        }
        let st = ctx.styles;
        let pstyle = st.para_style(p.ppr.style.as_deref());
        let rstyle = p.rpr.style.as_deref();
        macro_rules! eff {
            ($f:ident) => {
                p.rpr
                    .$f
                    .clone()
                    .or_else(|| st.find(rstyle, |x| x.r.$f.clone()))
                    .or_else(|| st.find(pstyle, |x| x.r.$f.clone()))
                    .or_else(|| st.defaults.$f.clone())
            };
        }
        if eff!(hidden).unwrap_or(false) {
            return;
        }
        let mut run = Run {
            text: s.to_owned(),
            bold: eff!(bold).unwrap_or(false),
            italic: eff!(italic).unwrap_or(false),
            link: p.link.clone(),
            font: eff!(font),
        };
        if let Some(size) = eff!(size) {
            p.max_size = Some(p.max_size.map_or(size, |m: f32| m.max(size)));
        }
        if eff!(caps).unwrap_or(false) {
            // Capitals shown by formatting: convert an old font first.
            let (t, _) = super::rich::run_text(&run);
            run.text = t.to_uppercase();
            run.font = None;
        }
        // Merge with the previous run when it is formatted the same way.
        if let Some(Item::Inline(Inline::Run(prev))) = p.items.last_mut()
            && prev.bold == run.bold
            && prev.italic == run.italic
            && prev.link == run.link
            && prev.font == run.font
        {
            prev.text.push_str(&run.text);
            return;
        }
        p.items.push(Item::Inline(Inline::Run(run)));
    }

    fn push(&mut self, item: Item) {
        match self.paras.last_mut() {
            Some(p) => p.items.push(item),
            None => {
                if let Item::Picture(pic) = item {
                    self.emit(vec![Block::Picture(pic)]);
                }
            }
        }
    }

    fn finish_drawing(&mut self, d: Drawing) {
        let mut any = false;
        for (embed, link) in d.blips {
            let rel = embed.as_ref().and_then(|id| self.ctx.rels.get(id));
            match rel {
                Some(r) if !r.external => {
                    let lower = r.target.to_ascii_lowercase();
                    if [".emf", ".wmf", ".emz", ".wmz"]
                        .iter()
                        .any(|x| lower.ends_with(x))
                    {
                        self.count(Skip::Drawing);
                    } else {
                        self.push(Item::Picture(Picture {
                            name: r.target.clone(),
                            alt: d.alt.clone(),
                            ..Picture::default()
                        }));
                    }
                }
                _ if rel.is_some() || link.is_some() => self.count(Skip::LinkedPicture),
                _ => {}
            }
            any = true;
        }
        if !any {
            if d.chart {
                self.count(Skip::Chart);
            } else if d.diagram {
                self.count(Skip::Object);
            }
        }
    }

    fn finish_para(&mut self, p: Para) {
        let st = self.ctx.styles;
        let sid = st.para_style(p.ppr.style.as_deref());
        let name = st.name(sid);
        let align = p
            .ppr
            .align
            .or_else(|| st.find(sid, |s| s.p.align))
            .unwrap_or(Align::Left);
        let outline = p.ppr.outline.or_else(|| st.find(sid, |s| s.p.outline));
        let level = name
            .strip_prefix("heading ")
            .and_then(|n| n.trim().parse::<u8>().ok())
            .or(outline.filter(|o| *o < 9).map(|o| o + 1))
            .filter(|l| (1..=9).contains(l));
        let num = p
            .ppr
            .num_id
            .clone()
            .or_else(|| st.find(sid, |s| s.p.num_id.clone()));
        let ilvl = p
            .ppr
            .ilvl
            .or_else(|| st.find(sid, |s| s.p.ilvl))
            .unwrap_or(0);
        let ordered = num
            .as_deref()
            .filter(|n| *n != "0")
            .and_then(|n| self.ctx.numbering.ordered(n, ilvl));
        let make = |inlines: Vec<Inline>| -> Block {
            if let Some(level) = level {
                Block::Heading {
                    level: level.min(6),
                    inlines,
                }
            } else if let Some(ordered) = ordered {
                Block::ListItem {
                    level: ilvl,
                    ordered,
                    inlines,
                }
            } else {
                Block::Paragraph(Paragraph {
                    // Word's "Quote" and "Intense Quote" styles.
                    quote: name.contains("quote"),
                    style: name.clone(),
                    align,
                    size: p.max_size,
                    inlines,
                })
            }
        };
        let mut blocks = Vec::new();
        let mut cur: Vec<Inline> = Vec::new();
        let mut had_picture = false;
        for item in p.items {
            match item {
                Item::Inline(i) => cur.push(i),
                Item::Picture(pic) => {
                    if cur.iter().any(has_text) {
                        blocks.push(make(std::mem::take(&mut cur)));
                    }
                    cur.clear();
                    blocks.push(Block::Picture(pic));
                    had_picture = true;
                }
            }
        }
        if !had_picture || cur.iter().any(has_text) {
            blocks.push(make(cur));
        }
        blocks.extend(p.pending);
        self.emit(blocks);
    }

    /// Sends finished blocks to where the reader is: a table cell, a text
    /// box, or the body.
    fn emit(&mut self, blocks: Vec<Block>) {
        match self.containers.last_mut() {
            Some(Container::TextBox(v)) => v.extend(blocks),
            Some(Container::Cell) => {
                for b in blocks {
                    let inl = match b {
                        Block::Paragraph(p) => p.inlines,
                        Block::Heading { inlines, .. } | Block::ListItem { inlines, .. } => inlines,
                        Block::Table(rows) => rows.into_iter().flatten().flatten().collect(),
                        pic @ Block::Picture(_) => {
                            self.table.pending.push(pic);
                            continue;
                        }
                    };
                    if let Some(cell) = self.table.rows.last_mut().and_then(|r| r.last_mut()) {
                        if cell.iter().any(has_text) && inl.iter().any(has_text) {
                            cell.push(Inline::Break);
                        }
                        cell.extend(inl);
                    }
                }
            }
            None => self.out.blocks.extend(blocks),
        }
    }
}

fn has_text(i: &Inline) -> bool {
    matches!(i, Inline::Run(r) if !r.text.trim().is_empty())
}

/// The URL of a `HYPERLINK "…"` field instruction (not `\l` anchors).
fn hyperlink_of(instr: &str) -> Option<String> {
    let rest = instr.trim().strip_prefix("HYPERLINK")?.trim();
    if rest.starts_with("\\l") {
        return None;
    }
    let url = match rest.strip_prefix('"') {
        Some(r) => r.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    (!url.is_empty()).then(|| url.to_owned())
}
