//! Reading HTML into a [`RichDoc`]: what Word, LibreOffice, Google Docs and
//! web pages put on the clipboard, a page saved as HTML, an HTML e-mail.
//! The rich-text mapper ([`super::rich`]) does the rest, as for a .docx.
//!
//! The text is parsed by html5ever (through `scraper`), the HTML5 parser
//! browsers use: Word's clipboard HTML has unclosed tags, `<o:p>` elements
//! and `<![if …]>` blocks that an XML reader or regular expressions get
//! wrong. What is kept: paragraphs, line breaks, bold, italic, headings,
//! lists (nested ones, and Word's `mso-list` paragraphs whose bullet sits in
//! a `mso-list:Ignore` span), links, block quotes, tables (as text),
//! pictures, and the font family (an old `.VnTime`/`VNI-` font means TCVN3
//! or VNI text, converted by the mapper). Styles, classes, colours, spans,
//! comments, VML and empty paragraphs are dropped.
//!
//! Pictures: `data:` pictures are decoded, local `file:` pictures (Word's
//! `file:///C:/Users/…/clip_image001.png`) and, for a saved page, files
//! beside it are read when [`Options`] allows it; web (`http(s)`) pictures
//! cannot be fetched offline and are counted ([`Skip::WebPicture`]).

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node};

use super::html_io::{data_uri, percent_decode, read_capped};
pub use super::html_io::{decode, import_file, strip_cf_html};
use super::rich::{Align, Block, Inline, Note, Paragraph, Picture, RichDoc, Run, Skip};
use crate::doc::is_safe_url;

/// A saved page at most this many bytes.
pub const MAX_FILE: u64 = 64 << 20;
/// One picture at most this many bytes.
pub const MAX_PICTURE: u64 = 64 << 20;
/// Pictures read together at most this many bytes.
pub const MAX_PICTURES: u64 = 160 << 20;
/// Elements nested deeper than this are read as plain text.
const MAX_DEPTH: usize = 256;

/// Where pictures may come from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The folder relative picture paths start from (a saved page's own).
    pub base: Option<PathBuf>,
    /// Read `file:` and relative pictures from the disk (off for fuzzing).
    pub read_files: bool,
}

/// Reads HTML (a whole page or a fragment, CF_HTML framing allowed).
pub fn read(html: &str, opts: &Options) -> RichDoc {
    let dom = Html::parse_document(strip_cf_html(html));
    let mut w = Walker {
        opts,
        blocks: Vec::new(),
        cur: Vec::new(),
        kind: Kind::default(),
        quote: false,
        tables: Vec::new(),
        table_pictures: Vec::new(),
        picture_bytes: 0,
        web: 0,
        linked: 0,
        other: 0,
    };
    let root = dom.root_element();
    let body = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    w.element(body, &Ctx::default(), 0);
    w.flush();
    let mut report = Vec::new();
    for (what, count) in [
        (Skip::WebPicture, w.web),
        (Skip::LinkedPicture, w.linked),
        (Skip::OtherPicture, w.other),
    ] {
        if count > 0 {
            report.push(Note::Skipped { what, count });
        }
    }
    RichDoc {
        blocks: w.blocks,
        notes: Vec::new(),
        report,
    }
}

/// What the enclosing elements say about the text inside.
#[derive(Debug, Clone, Default)]
struct Ctx {
    bold: bool,
    italic: bool,
    link: Option<String>,
    font: Option<String>,
    quote: bool,
    pre: bool,
    /// Open lists, innermost last: ordered or not.
    lists: Vec<bool>,
}

/// The block being filled.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Para { style: String, align: Align },
    Heading(u8),
    Item { level: u8, ordered: bool },
}

impl Default for Kind {
    fn default() -> Self {
        Kind::Para {
            style: "normal".into(),
            align: Align::Left,
        }
    }
}

struct Walker<'o> {
    opts: &'o Options,
    blocks: Vec<Block>,
    cur: Vec<Inline>,
    kind: Kind,
    quote: bool,
    /// Tables being read (rows of cells of inlines), innermost last.
    tables: Vec<Vec<Vec<Vec<Inline>>>>,
    /// Pictures met inside a table: placed after it.
    table_pictures: Vec<Block>,
    picture_bytes: u64,
    web: usize,
    linked: usize,
    other: usize,
}

/// A CSS declaration's value in a `style` attribute (`font-weight: 700`).
fn css<'a>(style: &'a str, name: &str) -> Option<&'a str> {
    style.split(';').find_map(|d| {
        let (k, v) = d.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_end_matches("!important").trim())
    })
}

/// The first family of a `font-family` value, without quotes.
fn first_family(v: &str) -> Option<String> {
    let f = v.split(',').next()?.trim().trim_matches(['"', '\'']).trim();
    (!f.is_empty()).then(|| f.to_owned())
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "table"
            | "tr"
            | "pre"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "nav"
            | "figure"
            | "figcaption"
            | "address"
            | "dl"
            | "dt"
            | "dd"
            | "center"
            | "body"
    )
}

/// Elements whose content is never text of the article.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "style"
            | "script"
            | "title"
            | "meta"
            | "link"
            | "template"
            | "noscript"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "xml"
            | "nav"
    ) || name.starts_with("v:")
}

/// A Word list paragraph's level (`mso-list:l0 level2 lfo1` → 1).
fn mso_list_level(style: &str) -> Option<u8> {
    let v = css(style, "mso-list")?;
    let at = v.find("level")? + "level".len();
    let n: String = v[at..].chars().take_while(char::is_ascii_digit).collect();
    let n: u8 = n.parse().ok()?;
    Some(n.clamp(1, 9) - 1)
}

/// Whether a list marker Word wrote out (`1.`, `a)`, `iv.`) is a number,
/// not a bullet (`·`, `o`, `§`, `-`).
fn is_number_marker(m: &str) -> bool {
    let m = m.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let core = m.trim_end_matches(['.', ')']).trim_start_matches('(');
    core.len() < m.len()
        && !core.is_empty()
        && core.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

fn element_text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

impl Walker<'_> {
    /// Ends the block being filled.
    fn flush(&mut self) {
        let inlines = std::mem::take(&mut self.cur);
        let has_text = inlines
            .iter()
            .any(|i| matches!(i, Inline::Run(r) if !r.text.trim().is_empty()));
        if let Some(table) = self.tables.last_mut() {
            if let Some(cell) = table.last_mut().and_then(|row| row.last_mut())
                && has_text
            {
                if !cell.is_empty() {
                    cell.push(Inline::Break);
                }
                cell.extend(inlines);
            }
            return;
        }
        if !has_text {
            return;
        }
        let block = match self.kind.clone() {
            Kind::Heading(level) => Block::Heading { level, inlines },
            Kind::Item { level, ordered } => Block::ListItem {
                level,
                ordered,
                inlines,
            },
            Kind::Para { style, align } => Block::Paragraph(Paragraph {
                style,
                align,
                inlines,
                quote: self.quote,
                ..Paragraph::default()
            }),
        };
        self.blocks.push(block);
    }

    /// Starts a new block of `kind` (after ending the one being filled).
    fn start(&mut self, kind: Kind, quote: bool) {
        self.flush();
        self.kind = kind;
        self.quote = quote;
    }

    fn text(&mut self, t: &str, ctx: &Ctx) {
        let mut s = String::with_capacity(t.len());
        if ctx.pre {
            for (i, line) in t.split('\n').enumerate() {
                if i > 0 {
                    self.push_run(std::mem::take(&mut s), ctx);
                    self.cur.push(Inline::Break);
                }
                s.push_str(&line.replace(['\u{a0}', '\t', '\r'], " "));
            }
            self.push_run(s, ctx);
            return;
        }
        // HTML white space, and runs of non-breaking spaces, are one space.
        let mut space = self.ends_in_space();
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{a0}' {
                if !space {
                    s.push(' ');
                }
                space = true;
            } else if !c.is_control() {
                s.push(c);
                space = false;
            }
        }
        self.push_run(s, ctx);
    }

    fn ends_in_space(&self) -> bool {
        match self.cur.last() {
            None | Some(Inline::Break) => true,
            Some(Inline::Run(r)) => r.text.ends_with(' ') || r.text.is_empty(),
        }
    }

    fn push_run(&mut self, text: String, ctx: &Ctx) {
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Run(r)) = self.cur.last_mut()
            && r.bold == ctx.bold
            && r.italic == ctx.italic
            && r.link == ctx.link
            && r.font == ctx.font
        {
            r.text.push_str(&text);
            return;
        }
        self.cur.push(Inline::Run(Run {
            text,
            bold: ctx.bold,
            italic: ctx.italic,
            link: ctx.link.clone(),
            font: ctx.font.clone(),
        }));
    }

    fn children(&mut self, e: ElementRef<'_>, ctx: &Ctx, depth: usize) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.text(t, ctx),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el, ctx, depth + 1);
                    }
                }
                _ => {} // comments (Word's conditional blocks), doctypes …
            }
        }
    }

    fn element(&mut self, e: ElementRef<'_>, parent: &Ctx, depth: usize) {
        let el = e.value();
        let name = el.name().to_ascii_lowercase();
        if is_dropped(&name) {
            return;
        }
        if depth > MAX_DEPTH {
            // Far too deep for a document: its text only.
            self.text(&element_text(e), parent);
            return;
        }
        let style = el.attr("style").unwrap_or_default();
        if css(style, "display").is_some_and(|v| v.eq_ignore_ascii_case("none"))
            || css(style, "mso-hide").is_some_and(|v| v.eq_ignore_ascii_case("all"))
        {
            return;
        }
        // Word's written-out list bullet: only tells a number from a bullet.
        if css(style, "mso-list").is_some_and(|v| v.eq_ignore_ascii_case("ignore")) {
            return;
        }
        let mut ctx = parent.clone();
        match name.as_str() {
            "b" | "strong" => ctx.bold = true,
            "i" | "em" | "cite" => ctx.italic = true,
            "a" => {
                ctx.link = el
                    .attr("href")
                    .map(str::trim)
                    .filter(|h| is_safe_url(h))
                    .map(str::to_owned)
            }
            "font" => {
                if let Some(f) = el.attr("face").and_then(first_family) {
                    ctx.font = Some(f);
                }
            }
            "pre" => ctx.pre = true,
            _ => {}
        }
        if let Some(w) = css(style, "font-weight") {
            let w = w.to_ascii_lowercase();
            ctx.bold = match w.as_str() {
                "bold" | "bolder" => true,
                "normal" | "lighter" => false,
                n => n.parse::<u32>().map_or(ctx.bold, |n| n >= 600),
            };
        }
        if let Some(s) = css(style, "font-style") {
            ctx.italic = s.eq_ignore_ascii_case("italic") || s.eq_ignore_ascii_case("oblique");
        }
        if let Some(f) = css(style, "font-family").and_then(first_family) {
            ctx.font = Some(f);
        }
        match name.as_str() {
            "br" => {
                if self.tables.is_empty() || !self.cur.is_empty() {
                    self.cur.push(Inline::Break);
                }
            }
            "img" => self.picture(e),
            "ul" | "ol" => {
                self.flush();
                ctx.lists.push(name == "ol");
                self.children(e, &ctx, depth);
                self.flush();
            }
            "li" => {
                let ordered = ctx.lists.last().copied().unwrap_or(false);
                let nested = ctx.lists.len().saturating_sub(1);
                let level = el
                    .attr("aria-level")
                    .and_then(|l| l.trim().parse::<usize>().ok())
                    .map_or(nested, |l| l.saturating_sub(1).max(nested))
                    .min(8) as u8;
                self.start(Kind::Item { level, ordered }, ctx.quote);
                // Paragraphs inside the item belong to it.
                self.item_children(e, &ctx, depth);
                self.flush();
                self.kind = Kind::default();
            }
            "blockquote" => {
                self.flush();
                ctx.quote = true;
                let saved = std::mem::take(&mut self.kind);
                self.kind = Kind::default();
                self.quote = true;
                self.children(e, &ctx, depth);
                self.flush();
                self.kind = saved;
                self.quote = parent.quote;
            }
            "table" => {
                self.flush();
                self.tables.push(Vec::new());
                self.children(e, &ctx, depth);
                self.flush();
                let rows = self.tables.pop().unwrap_or_default();
                if let Some(outer) = self.tables.last_mut() {
                    // A table in a cell: its text joins the cell.
                    if let Some(cell) = outer.last_mut().and_then(|r| r.last_mut()) {
                        for c in rows.into_iter().flatten() {
                            if !c.is_empty() {
                                if !cell.is_empty() {
                                    cell.push(Inline::Break);
                                }
                                cell.extend(c);
                            }
                        }
                    }
                } else {
                    if rows.iter().flatten().any(|c| !c.is_empty()) {
                        self.blocks.push(Block::Table(rows));
                    }
                    self.blocks.append(&mut self.table_pictures);
                }
            }
            "tr" if !self.tables.is_empty() => {
                self.flush();
                if let Some(t) = self.tables.last_mut() {
                    t.push(Vec::new());
                }
                self.children(e, &ctx, depth);
                self.flush();
            }
            "td" | "th" if !self.tables.is_empty() => {
                self.flush();
                if let Some(t) = self.tables.last_mut() {
                    if t.is_empty() {
                        t.push(Vec::new());
                    }
                    if let Some(row) = t.last_mut() {
                        row.push(Vec::new());
                    }
                }
                self.children(e, &ctx, depth);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.tables.is_empty() => {
                let level = name.as_bytes()[1] - b'0';
                self.start(Kind::Heading(level), ctx.quote);
                self.children(e, &ctx, depth);
                self.flush();
                self.kind = Kind::default();
            }
            "p" | "div" if self.tables.is_empty() => {
                let class = el.attr("class").unwrap_or_default().to_ascii_lowercase();
                if let Some(level) = mso_list_level(style) {
                    // Word's list paragraph: the bullet is a span to skip.
                    let ordered = e
                        .descendants()
                        .filter_map(ElementRef::wrap)
                        .find(|d| {
                            css(d.value().attr("style").unwrap_or_default(), "mso-list")
                                .is_some_and(|v| v.eq_ignore_ascii_case("ignore"))
                        })
                        .is_some_and(|m| is_number_marker(&element_text(m)));
                    self.start(Kind::Item { level, ordered }, ctx.quote);
                } else if name == "p" || !matches!(self.kind, Kind::Item { .. }) {
                    let align = match css(style, "text-align")
                        .or(el.attr("align"))
                        .map(str::to_ascii_lowercase)
                        .as_deref()
                    {
                        Some("center") => Align::Center,
                        Some("right") => Align::Right,
                        Some("justify") => Align::Justify,
                        _ => Align::Left,
                    };
                    let quote = ctx.quote || class.contains("quote");
                    let style = if class.contains("msotitle") || class == "title" {
                        "title"
                    } else if class.contains("subtitle") {
                        "subtitle"
                    } else if class.contains("caption") {
                        "caption"
                    } else {
                        "normal"
                    };
                    self.start(
                        Kind::Para {
                            style: style.into(),
                            align,
                        },
                        quote,
                    );
                } else {
                    self.flush();
                }
                self.children(e, &ctx, depth);
                self.flush();
                self.kind = Kind::default();
                self.quote = parent.quote;
            }
            other if is_block(other) => {
                self.flush();
                self.children(e, &ctx, depth);
                self.flush();
            }
            _ => self.children(e, &ctx, depth),
        }
    }

    /// A list item's content: its first paragraph is the item's text, later
    /// ones follow after a line break; nested lists are items of their own.
    fn item_children(&mut self, e: ElementRef<'_>, ctx: &Ctx, depth: usize) {
        let item = self.kind.clone();
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    if self.kind != item {
                        self.start(item.clone(), ctx.quote);
                    }
                    self.text(t, ctx);
                }
                Node::Element(el) => {
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    match el.name() {
                        "p" | "div" if self.kind == item => {
                            if !self.cur.is_empty() {
                                self.cur.push(Inline::Break);
                            }
                            self.children(c, ctx, depth + 1);
                        }
                        "ul" | "ol" | "table" | "blockquote" => self.element(c, ctx, depth + 1),
                        _ => {
                            if self.kind != item {
                                self.start(item.clone(), ctx.quote);
                            }
                            self.element(c, ctx, depth + 1)
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn picture(&mut self, e: ElementRef<'_>) {
        let el = e.value();
        let src = el.attr("src").unwrap_or_default().trim();
        let alt = el.attr("alt").unwrap_or_default().trim().to_owned();
        let lower = src
            .get(..src.len().min(12))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let loaded = if lower.starts_with("data:") {
            data_uri(src).map(|b| (b, "anh-dan".to_owned()))
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            self.web += 1;
            return;
        } else if src.is_empty() {
            return;
        } else {
            match self.local_path(src) {
                Some(p) if self.opts.read_files => {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    read_capped(&p).map(|b| (b, name))
                }
                _ => None,
            }
        };
        let Some((bytes, name)) = loaded else {
            self.linked += 1;
            return;
        };
        self.picture_bytes += bytes.len() as u64;
        if self.picture_bytes > MAX_PICTURES {
            self.linked += 1;
            return;
        }
        let Ok(info) = crate::photo::probe_bytes(&bytes) else {
            self.other += 1;
            return;
        };
        let pic = Block::Picture(Picture {
            bytes,
            format: Some(info.format),
            name,
            alt,
        });
        if self.tables.is_empty() {
            // The paragraph around it continues after it.
            let kind = self.kind.clone();
            let quote = self.quote;
            self.flush();
            self.blocks.push(pic);
            self.kind = kind;
            self.quote = quote;
        } else {
            self.table_pictures.push(pic);
        }
    }

    /// The file a `file:` URL or a relative path names (relative ones only
    /// below the page's own folder).
    fn local_path(&self, src: &str) -> Option<PathBuf> {
        let decoded = String::from_utf8(percent_decode(src.as_bytes())).ok()?;
        if let Some(rest) = decoded
            .strip_prefix("file://")
            .or_else(|| decoded.strip_prefix("FILE://"))
        {
            let rest = rest.strip_prefix("localhost").unwrap_or(rest);
            // file:///C:/Users/… on Windows.
            let b = rest.as_bytes();
            let path = if b.len() > 3 && b[0] == b'/' && b[2] == b':' && b[1].is_ascii_alphabetic()
            {
                &rest[1..]
            } else {
                rest
            };
            return Some(PathBuf::from(path));
        }
        if decoded.contains(':') || decoded.starts_with('/') || decoded.starts_with('\\') {
            return None; // another scheme (cid:, blob:) or an absolute path
        }
        let rel = Path::new(&decoded);
        if rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return None;
        }
        Some(self.opts.base.as_ref()?.join(rel))
    }
}
