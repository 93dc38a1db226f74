//! The article as a portal's web form takes it: the body as HTML that
//! CKEditor 5, TinyMCE and WordPress keep as it is (tests/portal.rs drives
//! the real editors), the same body as readable plain text, and each other
//! field of the form on its own.
//!
//! The body holds no title, sapo or byline (the form has boxes for them;
//! pasted twice they would show twice), unless the settings say the portal's
//! form lacks that box.

use std::fmt::Write;

use crate::doc::{Block, Document, PhotoBlock, inline_text};
use crate::settings::PortalSettings;

use super::html::{self, PhotoRef, escape};

/// A field of the portal's form, in the order forms ask for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Sapo,
    Body,
    Byline,
    Tags,
    Category,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Title,
        Field::Sapo,
        Field::Body,
        Field::Byline,
        Field::Category,
        Field::Tags,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Sapo => "sapo",
            Field::Body => "body",
            Field::Byline => "byline",
            Field::Tags => "tags",
            Field::Category => "category",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name() == s.trim().to_ascii_lowercase())
    }
}

/// The text of a one-line field (everything but the body); tags joined by
/// ", " as portals' keyword boxes take them.
pub fn field_text(doc: &Document, field: Field) -> String {
    match field {
        Field::Title => doc.title.clone(),
        Field::Sapo => doc.sapo.clone(),
        Field::Byline => doc.byline.clone(),
        Field::Category => doc.category.clone(),
        Field::Tags => doc.tags.join(", "),
        Field::Body => body_text(doc, &PortalSettings::default()),
    }
}

/// The body as HTML for the portal's editor. `photo` says where each
/// photo's bytes are (a data URI for the clipboard and the `portal` export,
/// a relative path for `fragment`); a photo it has no answer for is left out.
pub fn body_html(
    doc: &Document,
    s: &PortalSettings,
    photo: &dyn Fn(&PhotoBlock) -> Option<PhotoRef>,
) -> String {
    let mut h = String::new();
    if s.title_in_body && !doc.title.is_empty() {
        let _ = writeln!(h, "<p><strong>{}</strong></p>", escape(&doc.title));
    }
    if s.sapo_in_body && !doc.sapo.is_empty() {
        let _ = writeln!(h, "<p><strong>{}</strong></p>", escape(&doc.sapo));
    }
    html::blocks(&mut h, &doc.blocks, photo, Some(s.editor));
    if s.byline_in_body && !doc.byline.is_empty() {
        let _ = writeln!(h, "<p><strong>{}</strong></p>", escape(&doc.byline));
    }
    h
}

/// The body as plain text, for the clipboard's text/plain beside the HTML
/// and for editors that take only text: paragraphs apart by a blank line,
/// each photo as its caption and "Ảnh: credit" on two lines.
pub fn body_text(doc: &Document, s: &PortalSettings) -> String {
    let mut parts = Vec::new();
    if s.title_in_body && !doc.title.is_empty() {
        parts.push(doc.title.clone());
    }
    if s.sapo_in_body && !doc.sapo.is_empty() {
        parts.push(doc.sapo.clone());
    }
    text_blocks(&doc.blocks, "", &mut parts);
    if s.byline_in_body && !doc.byline.is_empty() {
        parts.push(doc.byline.clone());
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn text_blocks(bs: &[Block], indent: &str, out: &mut Vec<String>) {
    for b in bs {
        match b {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                out.push(format!("{indent}{}", inline_text(content)))
            }
            Block::List { start, items } => {
                let mut lines = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let mark = match start {
                        Some(n) => format!("{}. ", n + i as u64),
                        None => "- ".to_owned(),
                    };
                    let mut inner = Vec::new();
                    text_blocks(item, "", &mut inner);
                    lines.push(format!("{indent}{mark}{}", inner.join("\n   ")));
                }
                out.push(lines.join("\n"));
            }
            Block::Quote(inner) => {
                let mut q = Vec::new();
                text_blocks(inner, "", &mut q);
                out.push(
                    q.join("\n\n")
                        .lines()
                        .map(|l| format!("{indent}> {l}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            Block::Code(c) => out.push(c.trim_end().to_owned()),
            Block::Rule => out.push("* * *".into()),
            Block::Photo(p) => {
                let lines: Vec<String> = [
                    p.caption.clone(),
                    if p.credit.is_empty() {
                        String::new()
                    } else {
                        format!("Ảnh: {}", p.credit)
                    },
                ]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect();
                if !lines.is_empty() {
                    out.push(lines.join("\n"));
                }
            }
        }
    }
}
