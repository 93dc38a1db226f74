//! View pieces the screens share: the preview, a photo's card, a labelled
//! field.

pub mod photo_card;
pub mod preview;

use iced::widget::{Column, Text, column, text, text_input};

use super::theme;

/// A field's label above it.
pub fn label<'a>(t: &'a str) -> Text<'a> {
    text(t).size(theme::SMALL)
}

/// A labelled single-line field with widget id `id`.
pub fn field<'a, M: Clone + 'a>(
    name: &'a str,
    id: &'static str,
    value: &'a str,
    on: impl Fn(String) -> M + 'a,
) -> Column<'a, M> {
    column![
        label(name),
        text_input(name, value)
            .id(id)
            .on_input(on)
            .padding(theme::INPUT_PAD)
    ]
    .spacing(theme::TIGHT)
}
