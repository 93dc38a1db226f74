//! HTML from the document model: the self-contained page and the fragment.
//! Every piece of the reporter's text goes through [`escape`]; the only
//! markup written is our own.

use std::fmt::Write;

use crate::doc::{Block, Document, Inline, PhotoBlock};
use crate::settings::PortalEditor;

/// How a photo is referenced from the HTML.
#[derive(Debug, Clone)]
pub struct PhotoRef {
    /// A data URI (self-contained page) or a relative path (fragment).
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{margin:0;background:#f4f4f2;color:#1d1d1b;font:18px/1.6 \"Noto Serif\",\"Times New Roman\",serif}\
article{max-width:760px;margin:0 auto;padding:24px 20px 48px;background:#fff}\
h1{font:700 1.9em/1.25 \"Noto Sans\",Arial,sans-serif;margin:.2em 0 .4em}\
h2,h3,h4,h5,h6{font-family:\"Noto Sans\",Arial,sans-serif;line-height:1.3}\
.meta{color:#666;font:.85em \"Noto Sans\",Arial,sans-serif;margin:0 0 1em}\
.sapo{font-weight:700}\
figure{margin:1.2em 0;text-align:center}\
figure img{display:block;margin:0 auto;max-width:100%;max-height:80vh;width:auto;height:auto;object-fit:contain}\
figcaption{font-style:italic;font-size:.9em;color:#444;margin-top:.4em}\
figcaption .credit{display:block;font-style:normal}\
blockquote{margin:1em 0;padding:.2em 1em;border-left:4px solid #c9c9c4;color:#333}\
.byline{text-align:right;font-weight:700}\
a{color:#0b57a4}\
@media (max-width:600px){body{font-size:17px}article{padding:16px 14px 32px}h1{font-size:1.5em}}\
@page{size:A4;margin:18mm 16mm}\
@media print{body{background:#fff;font-size:11.5pt}article{max-width:none;margin:0;padding:0}\
figure{break-inside:avoid;page-break-inside:avoid}figure img{max-height:150mm}\
figcaption{break-before:avoid;page-break-before:avoid}\
h1,h2,h3,h4,h5,h6{break-after:avoid;page-break-after:avoid}a{color:inherit}}";

/// The `<article>` element: title, meta line, bold sapo, body, byline.
/// `photo` tells where each photo's bytes are; a photo it has no answer for
/// (skipped as broken) is left out.
pub fn article_markup(doc: &Document, photo: &dyn Fn(&PhotoBlock) -> Option<PhotoRef>) -> String {
    let mut h = String::new();
    h.push_str("<article>\n");
    if !doc.title.is_empty() {
        let _ = writeln!(h, "<h1>{}</h1>", escape(&doc.title));
    }
    let meta: Vec<String> = [doc.place.clone(), doc.date.clone().unwrap_or_default()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| escape(&s))
        .collect();
    if !meta.is_empty() {
        let _ = writeln!(h, "<p class=\"meta\">{}</p>", meta.join(" – "));
    }
    if !doc.sapo.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"sapo\"><strong>{}</strong></p>",
            escape(&doc.sapo)
        );
    }
    blocks(&mut h, &doc.blocks, photo, None);
    if !doc.byline.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"byline\"><strong>{}</strong></p>",
            escape(&doc.byline)
        );
    }
    h.push_str("</article>\n");
    h
}

/// A complete page: doctype, `lang="vi"`, meta, inline style, the article.
pub fn page(
    doc: &Document,
    photo: &dyn Fn(&PhotoBlock) -> Option<PhotoRef>,
    cover: Option<&PhotoRef>,
) -> String {
    let mut h = String::new();
    h.push_str("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let title = if doc.title.is_empty() {
        "Bài viết"
    } else {
        &doc.title
    };
    let _ = writeln!(h, "<title>{}</title>", escape(title));
    if !doc.byline.is_empty() {
        let _ = writeln!(
            h,
            "<meta name=\"author\" content=\"{}\">",
            escape(&doc.byline)
        );
    }
    if !doc.sapo.is_empty() {
        let _ = writeln!(
            h,
            "<meta name=\"description\" content=\"{}\">",
            escape(&doc.sapo)
        );
    }
    let _ = writeln!(h, "<meta name=\"generator\" content=\"Tin Xã\">");
    if let Some(c) = cover {
        let _ = writeln!(
            h,
            "<meta property=\"og:image\" content=\"{}\">",
            escape(&c.src)
        );
    }
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>");
    h.push_str(&article_markup(doc, photo));
    h.push_str("</body>\n</html>\n");
    h
}

/// Writes blocks as HTML: for the page (`portal` None) or for a portal's
/// editor, whose markup differs in photos (see [`portal_figure`]) and in
/// heading levels (h2 and h3 only, the levels every editor offers).
pub(crate) fn blocks(
    h: &mut String,
    bs: &[Block],
    photo: &dyn Fn(&PhotoBlock) -> Option<PhotoRef>,
    portal: Option<PortalEditor>,
) {
    for b in bs {
        match b {
            Block::Heading { level, content } => {
                let level = if portal.is_some() {
                    (*level).clamp(2, 3)
                } else {
                    *level
                };
                let _ = writeln!(h, "<h{level}>{}</h{level}>", inlines(content));
            }
            Block::Paragraph(c) => {
                let _ = writeln!(h, "<p>{}</p>", inlines(c));
            }
            Block::List { start, items } => {
                let open = match start {
                    Some(1) => "<ol>".to_owned(),
                    Some(n) => format!("<ol start=\"{n}\">"),
                    None => "<ul>".to_owned(),
                };
                h.push_str(&open);
                h.push('\n');
                for item in items {
                    h.push_str("<li>");
                    // A tight item of one paragraph reads better without <p>.
                    match item.as_slice() {
                        [Block::Paragraph(c)] => h.push_str(&inlines(c)),
                        _ => {
                            h.push('\n');
                            blocks(h, item, photo, portal);
                        }
                    }
                    h.push_str("</li>\n");
                }
                h.push_str(if start.is_some() {
                    "</ol>\n"
                } else {
                    "</ul>\n"
                });
            }
            Block::Quote(inner) => {
                h.push_str("<blockquote>\n");
                blocks(h, inner, photo, portal);
                h.push_str("</blockquote>\n");
            }
            Block::Code(c) => {
                let _ = writeln!(h, "<pre><code>{}</code></pre>", escape(c));
            }
            Block::Rule => h.push_str("<hr>\n"),
            Block::Photo(p) => {
                if let Some(r) = photo(p) {
                    match portal {
                        None => figure(h, p, &r),
                        Some(editor) => portal_figure(h, p, &r, editor),
                    }
                }
            }
        }
    }
}

/// A photo as portal editors keep it: `<figure class="image">` is the form
/// CKEditor 5 and TinyMCE both recognise as a captioned image (CKEditor 5
/// drops any other figure), WordPress's kses keeps it as it is, and the
/// credit follows the caption after a `<br>`, so it stands on its own line
/// with no stylesheet and in the editors' plain text. For WordPress the
/// block editor's classes are added, which WordPress themes style.
fn portal_figure(h: &mut String, p: &PhotoBlock, r: &PhotoRef, editor: PortalEditor) {
    let (figure_class, caption_class) = match editor {
        PortalEditor::WordPress => ("wp-block-image image", " class=\"wp-element-caption\""),
        _ => ("image", ""),
    };
    let _ = write!(
        h,
        "<figure class=\"{figure_class}\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">",
        escape(&r.src),
        escape(&p.alt),
        r.width,
        r.height
    );
    if let Some(c) = caption_html(p) {
        let _ = write!(h, "<figcaption{caption_class}>{c}</figcaption>");
    }
    h.push_str("</figure>\n");
}

/// Caption, then "Ảnh: credit" on a line of its own; None when both are empty.
pub(crate) fn caption_html(p: &PhotoBlock) -> Option<String> {
    match (p.caption.is_empty(), p.credit.is_empty()) {
        (true, true) => None,
        (false, true) => Some(escape(&p.caption)),
        (true, false) => Some(format!("Ảnh: {}", escape(&p.credit))),
        (false, false) => Some(format!(
            "{}<br>Ảnh: {}",
            escape(&p.caption),
            escape(&p.credit)
        )),
    }
}

fn figure(h: &mut String, p: &PhotoBlock, r: &PhotoRef) {
    let _ = write!(
        h,
        "<figure id=\"anh-{}\">\n<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">\n",
        p.id,
        escape(&r.src),
        escape(&p.alt),
        r.width,
        r.height
    );
    if !p.caption.is_empty() || !p.credit.is_empty() {
        h.push_str("<figcaption>");
        h.push_str(&escape(&p.caption));
        if !p.credit.is_empty() {
            let _ = write!(
                h,
                "<span class=\"credit\">Ảnh: {}</span>",
                escape(&p.credit)
            );
        }
        h.push_str("</figcaption>\n");
    }
    h.push_str("</figure>\n");
}

pub(crate) fn inlines(c: &[Inline]) -> String {
    let mut s = String::new();
    for i in c {
        match i {
            Inline::Text(t) => s.push_str(&escape(t)),
            Inline::Code(t) => {
                let _ = write!(s, "<code>{}</code>", escape(t));
            }
            Inline::Strong(x) => {
                let _ = write!(s, "<strong>{}</strong>", inlines(x));
            }
            Inline::Emphasis(x) => {
                let _ = write!(s, "<em>{}</em>", inlines(x));
            }
            Inline::Strike(x) => {
                let _ = write!(s, "<s>{}</s>", inlines(x));
            }
            Inline::Link {
                url: Some(u),
                content,
            } => {
                let _ = write!(s, "<a href=\"{}\">{}</a>", escape(u), inlines(content));
            }
            Inline::Link { url: None, content } => s.push_str(&inlines(content)),
            Inline::LineBreak => s.push_str("<br>\n"),
        }
    }
    s
}
