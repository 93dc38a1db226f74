//! View pieces the screens share: the preview, a photo's card, a labelled
//! field.

pub mod ime_guard;
pub mod photo_card;
pub mod preview;
pub mod spell_highlight;

use iced::widget::{Column, Text, TextInput, column, text, text_input};

use super::theme;

/// A single-line field that draws Vietnamese capitals whole. A text
/// input whose text is wider than the box draws it clipped to its line
/// box, and stacked marks on capitals (Ẵ, Ỗ, Ấ, Ộ) reach above Noto
/// Sans's ascent: with the default 1.3 line height their top mark was cut
/// off once a long title scrolled. The taller line box holds them.
pub fn input<'a, M: Clone + 'a>(placeholder: &str, value: &str) -> TextInput<'a, M> {
    text_input(placeholder, value).line_height(theme::INPUT_LINE_HEIGHT)
}

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
        input(name, value)
            .id(id)
            .on_input(on)
            .padding(theme::INPUT_PAD)
    ]
    .spacing(theme::TIGHT)
}
