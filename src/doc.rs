//! The one document model behind the preview and every export.
//!
//! An [`Article`] becomes a [`Document`]: its Markdown body parsed into
//! blocks, photo markers turned into photo blocks carrying caption, credit and
//! alt text. The HTML writer and the window's preview both walk this, so what
//! the reporter sees is what gets uploaded. Raw HTML in the body is kept as
//! text, and links survive only when they are http(s) or mailto.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::article::{Article, Segment, segments};
use crate::text;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub sapo: String,
    pub blocks: Vec<Block>,
    pub byline: String,
    pub place: String,
    /// dd/mm/yyyy, as Vietnamese news writes dates.
    pub date: Option<String>,
    /// The portal's section ("chuyên mục") and keywords, for its form.
    pub category: String,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code(String),
    Rule,
    Photo(PhotoBlock),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoBlock {
    pub id: u32,
    pub file: String,
    pub caption: String,
    pub credit: String,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    /// `url` is None when the link pointed somewhere unsafe (javascript:,
    /// data:, file:…): its text is kept, the link is not.
    Link {
        url: Option<String>,
        content: Vec<Inline>,
    },
    LineBreak,
}

/// Only these link targets survive into the preview and the exports.
pub fn is_safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:")
}

impl Document {
    pub fn from_article(a: &Article) -> Document {
        let mut blocks = Vec::new();
        for seg in segments(&a.body) {
            match seg {
                Segment::Text(t) => blocks.extend(parse_markdown(&text::clean_multiline(t))),
                Segment::Photo(id) => {
                    // A marker naming no photo in the draft shows nothing; the
                    // check reports it. Markers are never printed as text.
                    if let Some(p) = a.photo(id) {
                        blocks.push(Block::Photo(PhotoBlock {
                            id,
                            file: p.file.clone(),
                            caption: text::clean_line(&p.caption),
                            credit: text::clean_line(&p.credit),
                            alt: text::clean_line(&p.alt),
                        }));
                    }
                }
            }
        }
        Document {
            title: text::clean_line(&a.title),
            sapo: text::clean_line(&a.sapo),
            blocks,
            byline: text::clean_line(&a.byline),
            place: text::clean_line(&a.place),
            date: a.date.map(|d| d.format("%d/%m/%Y").to_string()),
            category: text::clean_line(&a.category),
            tags: a
                .tags
                .iter()
                .map(|t| text::clean_line(t))
                .filter(|t| !t.is_empty())
                .collect(),
        }
    }

    /// Photos in reading order.
    pub fn photos(&self) -> Vec<&PhotoBlock> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a PhotoBlock>) {
            for b in blocks {
                match b {
                    Block::Photo(p) => out.push(p),
                    Block::Quote(inner) => walk(inner, out),
                    Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }

    /// The visible text in reading order, one entry per block: what a test
    /// compares between the preview and an export.
    pub fn plain_texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.title.is_empty() {
            out.push(self.title.clone());
        }
        if !self.sapo.is_empty() {
            out.push(self.sapo.clone());
        }
        fn walk(blocks: &[Block], out: &mut Vec<String>) {
            for b in blocks {
                match b {
                    Block::Heading { content, .. } | Block::Paragraph(content) => {
                        out.push(inline_text(content))
                    }
                    Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                    Block::Quote(inner) => walk(inner, out),
                    Block::Code(c) => out.push(c.clone()),
                    Block::Rule => {}
                    Block::Photo(p) => out.push(p.caption.clone()),
                }
            }
        }
        walk(&self.blocks, &mut out);
        if !self.byline.is_empty() {
            out.push(self.byline.clone());
        }
        out
    }
}

/// The text of inlines with all formatting dropped.
pub fn inline_text(content: &[Inline]) -> String {
    let mut s = String::new();
    fn walk(c: &[Inline], s: &mut String) {
        for i in c {
            match i {
                Inline::Text(t) | Inline::Code(t) => s.push_str(t),
                Inline::Strong(x) | Inline::Emphasis(x) | Inline::Strike(x) => walk(x, s),
                Inline::Link { content, .. } => walk(content, s),
                Inline::LineBreak => s.push('\n'),
            }
        }
    }
    walk(content, &mut s);
    s
}

enum Frame {
    Blocks(Vec<Block>),
    Inlines(Vec<Inline>),
}

/// Parses Markdown into blocks (CommonMark + strikethrough).
pub fn parse_markdown(src: &str) -> Vec<Block> {
    let parser = Parser::new_ext(src, Options::ENABLE_STRIKETHROUGH);
    // A stack of open containers; the bottom is the document.
    let mut stack: Vec<(Option<Tag>, Frame)> = vec![(None, Frame::Blocks(Vec::new()))];
    for ev in parser {
        match ev {
            Event::Start(tag) => {
                let frame = match &tag {
                    Tag::BlockQuote(_) | Tag::List(_) | Tag::Item => Frame::Blocks(Vec::new()),
                    _ => Frame::Inlines(Vec::new()),
                };
                stack.push((Some(tag), frame));
            }
            Event::End(end) => {
                let Some((Some(tag), frame)) = stack.pop() else {
                    continue;
                };
                close(&mut stack, tag, frame, end);
            }
            Event::Text(t) => push_inline(&mut stack, Inline::Text(t.into_string())),
            Event::Code(t) => push_inline(&mut stack, Inline::Code(t.into_string())),
            // Raw HTML is shown as the text the reporter typed, never as markup.
            Event::Html(t) | Event::InlineHtml(t) => {
                push_inline(&mut stack, Inline::Text(t.into_string()))
            }
            Event::SoftBreak => push_inline(&mut stack, Inline::Text(" ".into())),
            Event::HardBreak => push_inline(&mut stack, Inline::LineBreak),
            Event::Rule => push_block(&mut stack, Block::Rule),
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                push_inline(&mut stack, Inline::Text(t.into_string()))
            }
            Event::TaskListMarker(_) => {}
        }
    }
    match stack.pop() {
        Some((None, Frame::Blocks(b))) => b,
        _ => Vec::new(),
    }
}

fn merge_text(v: &mut Vec<Inline>, i: Inline) {
    if let (Some(Inline::Text(prev)), Inline::Text(t)) = (v.last_mut(), &i) {
        prev.push_str(t);
    } else {
        v.push(i);
    }
}

fn push_inline(stack: &mut Vec<(Option<Tag>, Frame)>, i: Inline) {
    match stack.last_mut() {
        Some((_, Frame::Inlines(v))) => merge_text(v, i),
        // Text directly in a tight list item: wrap it in a paragraph.
        Some((_, Frame::Blocks(b))) => match b.last_mut() {
            Some(Block::Paragraph(v)) => merge_text(v, i),
            _ => b.push(Block::Paragraph(vec![i])),
        },
        None => {}
    }
}

fn push_block(stack: &mut [(Option<Tag>, Frame)], block: Block) {
    for (_, frame) in stack.iter_mut().rev() {
        if let Frame::Blocks(b) = frame {
            b.push(block);
            return;
        }
    }
}

fn close(stack: &mut Vec<(Option<Tag>, Frame)>, tag: Tag, frame: Frame, _end: TagEnd) {
    match (tag, frame) {
        (Tag::Paragraph, Frame::Inlines(c)) => push_block(stack, Block::Paragraph(c)),
        (Tag::Heading { level, .. }, Frame::Inlines(c)) => {
            let level = match level {
                HeadingLevel::H1 => 2, // the article title is the page's only h1
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 => 5,
                HeadingLevel::H6 => 6,
            };
            push_block(stack, Block::Heading { level, content: c })
        }
        (Tag::HtmlBlock, Frame::Inlines(c)) => {
            let t = inline_text(&c).trim_end().to_owned();
            push_block(stack, Block::Paragraph(vec![Inline::Text(t)]))
        }
        (Tag::CodeBlock(_), Frame::Inlines(c)) => push_block(stack, Block::Code(inline_text(&c))),
        (Tag::BlockQuote(_), Frame::Blocks(b)) => push_block(stack, Block::Quote(b)),
        (Tag::Item, Frame::Blocks(b)) => {
            if let Some((_, Frame::Blocks(items))) = stack.last_mut() {
                // Items are collected as quotes temporarily; List unwraps them.
                items.push(Block::Quote(b));
            }
        }
        (Tag::List(start), Frame::Blocks(b)) => {
            let items = b
                .into_iter()
                .map(|i| match i {
                    Block::Quote(inner) => inner,
                    other => vec![other],
                })
                .collect();
            push_block(stack, Block::List { start, items })
        }
        (Tag::Emphasis, Frame::Inlines(c)) => push_inline(stack, Inline::Emphasis(c)),
        (Tag::Strong, Frame::Inlines(c)) => push_inline(stack, Inline::Strong(c)),
        (Tag::Strikethrough, Frame::Inlines(c)) => push_inline(stack, Inline::Strike(c)),
        (Tag::Link { dest_url, .. }, Frame::Inlines(c)) => {
            let url = is_safe_url(&dest_url).then(|| dest_url.trim().to_string());
            push_inline(stack, Inline::Link { url, content: c })
        }
        // Images in the body are not photos of the draft: keep their text only.
        (Tag::Image { .. }, Frame::Inlines(c)) => {
            for i in c {
                push_inline(stack, i)
            }
        }
        (_, Frame::Inlines(c)) => {
            for i in c {
                push_inline(stack, i)
            }
        }
        (_, Frame::Blocks(b)) => {
            for blk in b {
                push_block(stack, blk)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_formatting_and_drops_unsafe_links() {
        let b = parse_markdown("**Đậm** *nghiêng* [x](javascript:alert(1)) [y](https://a.vn)");
        let Block::Paragraph(c) = &b[0] else { panic!() };
        assert_eq!(c[0], Inline::Strong(vec![Inline::Text("Đậm".into())]));
        assert!(c.contains(&Inline::Link {
            url: None,
            content: vec![Inline::Text("x".into())]
        }));
        assert!(c.contains(&Inline::Link {
            url: Some("https://a.vn".into()),
            content: vec![Inline::Text("y".into())]
        }));
    }

    #[test]
    fn raw_html_is_text() {
        let b = parse_markdown("<script>alert(1)</script>\n\na <b>b</b>");
        assert_eq!(
            b[0],
            Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())])
        );
    }

    #[test]
    fn lists_and_quotes() {
        let b = parse_markdown("- một\n- hai\n\n> trích dẫn");
        let Block::List { start: None, items } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(&b[1], Block::Quote(_)));
    }
}
