//! Sizes and spacing of the whole window, in one place: views use these
//! names, never literal numbers.

use iced::Theme;

use crate::settings::ThemeChoice;

/// Small print: status bar, hints, photo-card buttons, check lines.
pub const SMALL: f32 = 13.0;
/// Secondary lines under a title (version kinds).
pub const TINY: f32 = 12.0;
/// Ordinary text and labels that carry weight (banners, the path field).
pub const NORMAL: f32 = 14.0;
/// Section headings (the check, the recovery banner).
pub const SECTION: f32 = 15.0;
/// Panel titles (the version history).
pub const PANEL: f32 = 16.0;
/// Text size inside the editors (iced's default), and its line height.
pub const EDITOR_TEXT: f32 = 16.0;
/// One line of editor text: 16 px × 1.3.
pub const EDITOR_LINE: f32 = EDITOR_TEXT * 1.3;

/// Space between related pieces (a label and its field).
pub const TIGHT: u32 = 3;
/// Space between buttons in a row.
pub const ROW: u32 = 4;
/// Space between fields of the form.
pub const FIELD: u32 = 8;
/// Line height of single-line fields, relative to the text size: room
/// for the stacked marks of Vietnamese capitals (see `widget::input`).
pub const INPUT_LINE_HEIGHT: iced::widget::text::LineHeight =
    iced::widget::text::LineHeight::Relative(1.7);
/// Padding of single-line fields.
pub const INPUT_PAD: u16 = 6;
/// Padding of the small inputs on photo cards and in the find bar.
pub const SMALL_INPUT_PAD: u16 = 5;
/// Padding around a screen's content.
pub const SCREEN_PAD: u16 = 12;

/// The sapo box: four whole lines. The editor lays out every line that
/// starts inside its text area, and 4 × 20.8 in f32 falls a hair short of
/// the area's height, so a fifth line was drawn past the bottom edge: one
/// pixel less keeps it out (the software renderer does not clip editors).
pub const SAPO_HEIGHT: f32 = 4.0 * EDITOR_LINE + 2.0 * INPUT_PAD as f32 - 1.0;
/// The body editor's padding and height: a whole number of lines plus
/// padding (less the pixel that keeps the next line out, as for the sapo),
/// since a half-visible last line is drawn past the editor's edge by the
/// software renderer and left behind.
pub const BODY_PAD: u16 = 8;
pub const BODY_LINES: f32 = 15.0;
pub const BODY_HEIGHT: f32 = BODY_LINES * EDITOR_LINE + 2.0 * BODY_PAD as f32 - 1.0;

/// Photo cards' thumbnails.
pub const THUMB_WIDTH: f32 = 120.0;
pub const THUMB_HEIGHT: f32 = 90.0;

/// A screen's title ("Bản nháp", "Cài đặt").
pub const SCREEN_TITLE: f32 = 22.0;
/// A draft's title in the list.
pub const LIST_TITLE: f32 = 17.0;
/// The article's title in the preview.
pub const PREVIEW_TITLE: f32 = 26.0;
/// Room above a heading's first line for the upper mark of Ỗ, Ẵ, Ấ.
pub const PREVIEW_TITLE_LINE_HEIGHT: f32 = 1.45;
/// Space between items of a list, and between sections of a screen.
pub const LIST: u32 = 6;
pub const SECTION_GAP: u32 = 12;
/// Padding of a whole screen (drafts, settings) and of a banner or list item.
pub const PAGE_PAD: u16 = 16;
pub const ITEM_PAD: u16 = 10;

/// Padding of the small buttons of the spelling suggestions.
pub const SPELL_BUTTON_PAD: [u16; 2] = [2, 6];

/// The personal dictionary's box in the settings: six whole lines (see SAPO_HEIGHT).
pub const DICTIONARY_HEIGHT: f32 = 6.0 * EDITOR_LINE + 2.0 * INPUT_PAD as f32 - 1.0;

/// The menu of a clicked suspect word: its width, and how far left of the
/// pointer it starts.
pub const SPELL_MENU_WIDTH: f32 = 190.0;
pub const SPELL_MENU_INDENT: f32 = 16.0;

/// From this logical width on, the preview sits beside the form.
pub const WIDE: f32 = 1000.0;

/// The photos' thumbnails in the "Đăng lên cổng" panel.
pub const PORTAL_THUMB_WIDTH: f32 = 64.0;
pub const PORTAL_THUMB_HEIGHT: f32 = 48.0;
/// Room kept on the right of a scrolled list for the scrollbar.
pub const SCROLL_GAP: f32 = 12.0;

pub fn of(choice: ThemeChoice) -> Theme {
    match choice {
        ThemeChoice::Light => Theme::Light,
        ThemeChoice::Dark => Theme::Dark,
    }
}

/// `style` with its background's opacity carrying `key`, so that a box
/// whose text changed is repainted whole.
///
/// tiny-skia repaints only what changed, and for text it takes the text's
/// line boxes as what changed. Ink outside them — the upper mark of Ỗ, Ẵ,
/// Ấ or ữ above a line, the overhang of a bold glyph at a line's end — is
/// left on screen when the text changes: stray ticks (#13). A background
/// whose opacity differs (by at most 1/1000, invisible) whenever `key`
/// does is a changed quad covering the box, so all of it is repainted.
pub fn repaint_on_change(
    mut style: iced::widget::container::Style,
    key: u64,
) -> iced::widget::container::Style {
    if let Some(iced::Background::Color(c)) = &mut style.background {
        c.a = 1.0 - (key % 1000) as f32 * 1e-6;
    }
    style
}

/// A key for [`repaint_on_change`] from what a box shows.
pub fn key_of(shown: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(shown)
}

/// The selected photo card (the photo keys act on it): the box with the
/// accent colour round it.
pub fn selected_card(theme: &Theme) -> iced::widget::container::Style {
    let mut s = iced::widget::container::rounded_box(theme);
    s.border.color = theme.palette().primary;
    s.border.width = 2.0;
    s
}
