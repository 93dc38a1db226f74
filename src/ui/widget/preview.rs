//! The preview: the same [`Document`] the HTML export writes, drawn with
//! iced widgets.

use std::collections::HashMap;

use iced::font::{Style, Weight};
use iced::widget::{Column, column, container, image, rich_text, span, text};
use iced::{Element, Fill, Font, Right};

// `Part`, not `Block`: doc's blocks, nothing to do with the draft's lock.
use crate::doc::{Block as Part, Document, Inline};
use crate::ui::theme;

fn spans<'a>(content: &'a [Inline], bold: bool, italic: bool, out: &mut Vec<text::Span<'a>>) {
    for i in content {
        match i {
            Inline::Text(t) | Inline::Code(t) => {
                let mut f = Font::with_name(crate::ui::window::FONT_NAME);
                if bold {
                    f.weight = Weight::Bold;
                }
                if italic {
                    f.style = Style::Italic;
                }
                out.push(span(t.as_str()).font(f));
            }
            Inline::Strong(x) => spans(x, true, italic, out),
            Inline::Emphasis(x) => spans(x, bold, true, out),
            Inline::Strike(x) => spans(x, bold, italic, out),
            Inline::Link { content, .. } => spans(content, bold, italic, out),
            Inline::LineBreak => out.push(span("\n")),
        }
    }
}

fn para<'a, M: 'a>(content: &'a [Inline], size: f32, bold: bool) -> Element<'a, M> {
    let mut v: Vec<text::Span<'a>> = Vec::new();
    spans(content, bold, false, &mut v);
    rich_text(v).size(size).width(Fill).into()
}

fn blocks<'a, M: 'a>(
    bs: &'a [Part],
    images: &HashMap<u32, image::Handle>,
    col: &mut Vec<Element<'a, M>>,
) {
    for b in bs {
        match b {
            Part::Heading { level, content } => {
                col.push(para(content, 24.0 - *level as f32 * 1.5, true))
            }
            Part::Paragraph(c) => col.push(para(c, theme::EDITOR_TEXT, false)),
            Part::List { start, items } => {
                for (n, item) in items.iter().enumerate() {
                    let mark = match start {
                        Some(s) => format!("{}.", s + n as u64),
                        None => "•".to_owned(),
                    };
                    let mut inner = Vec::new();
                    blocks(item, images, &mut inner);
                    col.push(
                        iced::widget::row![
                            text(mark).size(theme::EDITOR_TEXT),
                            Column::with_children(inner).spacing(theme::LIST)
                        ]
                        .spacing(theme::FIELD)
                        .into(),
                    );
                }
            }
            Part::Quote(inner) => {
                let mut v = Vec::new();
                blocks(inner, images, &mut v);
                col.push(
                    container(Column::with_children(v).spacing(theme::LIST))
                        .padding([4, 16])
                        .style(container::rounded_box)
                        .into(),
                );
            }
            Part::Code(c) => col.push(text(c.as_str()).font(Font::MONOSPACE).into()),
            Part::Rule => col.push(iced::widget::rule::horizontal(1).into()),
            Part::Photo(p) => {
                let mut fig = Vec::new();
                if let Some(h) = images.get(&p.id) {
                    fig.push(image(h.clone()).width(Fill).into());
                }
                let italic = Font {
                    style: Style::Italic,
                    ..Font::with_name(crate::ui::window::FONT_NAME)
                };
                if !p.caption.is_empty() {
                    fig.push(
                        text(p.caption.as_str())
                            .size(theme::NORMAL)
                            .font(italic)
                            .into(),
                    );
                }
                if !p.credit.is_empty() {
                    fig.push(text(format!("Ảnh: {}", p.credit)).size(theme::SMALL).into());
                }
                col.push(
                    column(fig)
                        .spacing(theme::ROW)
                        .align_x(iced::Center)
                        .width(Fill)
                        .into(),
                );
            }
        }
    }
}

/// The article as the portal will show it.
/// `parity` flips each time `doc` is replaced: see [`repaint`].
pub fn view<'a, M: 'a>(
    doc: &'a Document,
    images: &HashMap<u32, image::Handle>,
    parity: bool,
) -> Element<'a, M> {
    let bold = Font {
        weight: Weight::Bold,
        ..Font::with_name(crate::ui::window::FONT_NAME)
    };
    let mut col: Vec<Element<'a, M>> = Vec::new();
    if !doc.title.is_empty() {
        col.push(
            text(doc.title.as_str())
                .size(theme::PREVIEW_TITLE)
                .line_height(theme::PREVIEW_TITLE_LINE_HEIGHT)
                .font(bold)
                .into(),
        );
    }
    let meta: Vec<&str> = [doc.place.as_str(), doc.date.as_deref().unwrap_or("")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !meta.is_empty() {
        col.push(text(meta.join(" – ")).size(theme::SMALL).into());
    }
    if !doc.sapo.is_empty() {
        col.push(
            text(doc.sapo.as_str())
                .size(theme::EDITOR_TEXT)
                .font(bold)
                .into(),
        );
    }
    blocks(&doc.blocks, images, &mut col);
    if !doc.byline.is_empty() {
        col.push(
            text(doc.byline.as_str())
                .size(theme::EDITOR_TEXT)
                .font(bold)
                .width(Fill)
                .align_x(Right)
                .into(),
        );
    }
    container(
        Column::with_children(col)
            .spacing(theme::SECTION_GAP)
            .max_width(760),
    )
    .padding(theme::PAGE_PAD + 4)
    .style(move |t| repaint(t, parity))
    .width(Fill)
    .into()
}

/// The preview's background: repainted whole with each new document (see
/// [`theme::repaint_on_change`]).
fn repaint(t: &iced::Theme, parity: bool) -> container::Style {
    let page =
        container::Style::default().background(t.extended_palette().background.weakest.color);
    theme::repaint_on_change(page, u64::from(parity))
}
