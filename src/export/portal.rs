//! The article as a portal's web form takes it: the body as HTML that
//! CKEditor 5, TinyMCE and WordPress keep as it is (tests/portal.rs drives
//! the real editors), the same body as readable plain text, and each other
//! field of the form on its own.
//!
//! The body holds no title, sapo or byline (the form has boxes for them;
//! pasted twice they would show twice), unless the settings say the portal's
//! form lacks that box.

use std::fmt::Write;

use crate::article::Article;
use crate::doc::{Block, Document, PhotoBlock, inline_text};
use crate::settings::PortalSettings;

use super::html::{self, PhotoRef, escape};

/// A field of the portal's form, in the order forms ask for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// The photos a portal gets, in the order its form asks for them: the cover
/// first (its own box), then the photos placed in the body, in body order,
/// each once. Photos that are neither are not part of the article.
pub fn photo_order(a: &Article) -> Vec<u32> {
    let mut ids: Vec<u32> = a.cover_photo().map(|p| p.id).into_iter().collect();
    for id in a.placed_ids() {
        if !ids.contains(&id) && a.photo(id).is_some() {
            ids.push(id);
        }
    }
    ids
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Photo};
    use crate::settings::PortalEditor;

    fn doc() -> Document {
        let mut a = Article::new();
        a.title = "Tiêu đề".into();
        a.sapo = "Sa-pô".into();
        a.byline = "Dương Tập".into();
        a.tags = vec!["a".into(), " ".into(), "b".into()];
        a.category = "Tin".into();
        a.body = "# Một\n\n#### Bốn\n\nĐoạn **đậm** & <x>\n\n[[Ảnh 1]]".into();
        a.photos.push(Photo {
            id: 1,
            file: "a.jpg".into(),
            caption: "Chú <thích>".into(),
            credit: "Tập".into(),
            alt: "mô tả".into(),
            ..Photo::default()
        });
        Document::from_article(&a)
    }

    fn photo(_: &PhotoBlock) -> Option<PhotoRef> {
        Some(PhotoRef {
            src: "data:image/jpeg;base64,AA".into(),
            width: 4,
            height: 3,
        })
    }

    #[test]
    fn body_only_markup_with_headings_h2_h3_and_captioned_figure() {
        let h = body_html(&doc(), &PortalSettings::default(), &photo);
        assert_eq!(
            h,
            "<h2>Một</h2>\n<h3>Bốn</h3>\n<p>Đoạn <strong>đậm</strong> &amp; &lt;x&gt;</p>\n\
             <figure class=\"image\"><img src=\"data:image/jpeg;base64,AA\" alt=\"mô tả\" width=\"4\" height=\"3\">\
             <figcaption>Chú &lt;thích&gt;<br>Ảnh: Tập</figcaption></figure>\n"
        );
    }

    #[test]
    fn fields_the_form_lacks_go_into_the_body() {
        let s = PortalSettings {
            title_in_body: true,
            sapo_in_body: true,
            byline_in_body: true,
            ..Default::default()
        };
        let h = body_html(&doc(), &s, &photo);
        assert!(
            h.starts_with("<p><strong>Tiêu đề</strong></p>\n<p><strong>Sa-pô</strong></p>\n<h2>")
        );
        assert!(h.ends_with("</figure>\n<p><strong>Dương Tập</strong></p>\n"));
        let t = body_text(&doc(), &s);
        assert!(t.starts_with("Tiêu đề\n\nSa-pô\n\nMột\n\nBốn\n\n"));
        assert!(t.ends_with("Chú <thích>\nẢnh: Tập\n\nDương Tập\n"));
    }

    #[test]
    fn wordpress_gets_the_block_editor_caption_classes() {
        let s = PortalSettings {
            editor: PortalEditor::WordPress,
            ..Default::default()
        };
        let h = body_html(&doc(), &s, &photo);
        assert!(h.contains("<figure class=\"wp-block-image image\">"));
        assert!(h.contains("<figcaption class=\"wp-element-caption\">Chú"));
    }

    #[test]
    fn photos_cover_first_then_body_order_each_once() {
        let mut a = Article::new();
        for (id, f) in [(1, "a.jpg"), (2, "b.jpg"), (3, "c.jpg"), (4, "d.jpg")] {
            a.photos.push(Photo {
                id,
                file: f.into(),
                ..Photo::default()
            });
        }
        a.body = "Một\n\n[[Ảnh 3]]\n\nHai\n\n[[Ảnh 1]]\n\n[[Ảnh 3]]\n\n[[Ảnh 9]]".into();
        assert_eq!(photo_order(&a), vec![3, 1]);
        a.cover = Some(1);
        assert_eq!(photo_order(&a), vec![1, 3]);
        a.cover = Some(4); // a cover not placed in the body still comes first
        assert_eq!(photo_order(&a), vec![4, 3, 1]);
    }

    #[test]
    fn one_line_fields() {
        let d = doc();
        assert_eq!(field_text(&d, Field::Tags), "a, b");
        assert_eq!(field_text(&d, Field::Category), "Tin");
        assert_eq!(field_text(&d, Field::Title), "Tiêu đề");
        assert_eq!(Field::parse(" Sapo "), Some(Field::Sapo));
        assert_eq!(Field::parse("x"), None);
    }
}
