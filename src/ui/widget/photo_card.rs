//! One photo of the draft as a card: its thumbnail, caption, credit, alt
//! text, cover choice, and where it sits in the body.

use iced::widget::{button, checkbox, column, container, image, mouse_area, row, text};
use iced::{Element, Fill, Radians, Rotation};

use crate::article::Photo;
use crate::lang::Lang;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;

/// What the reporter did on a card.
#[derive(Debug, Clone)]
pub enum Event {
    Caption(String),
    Credit(String),
    Alt(String),
    Cover(bool),
    InsertHere,
    Up,
    Down,
    Remove,
    /// Turn the photo a quarter anticlockwise / clockwise.
    RotateLeft,
    RotateRight,
    /// Open the crop view.
    Crop,
    /// "Dùng tác giả ảnh này cho mọi ảnh".
    CreditForAll,
    /// The card was clicked: the photo keys act on it.
    Select,
}

/// How the card looks besides its photo.
#[derive(Debug, Clone, Copy, Default)]
pub struct Look {
    /// Its marker is in the body.
    pub placed: bool,
    pub is_cover: bool,
    /// The photo keys act on it.
    pub selected: bool,
    /// Quarter turns the thumbnail still lacks (a new one is being made):
    /// the old one is shown turned meanwhile, so a rotation shows at once.
    pub pending_turns: u8,
}

/// The card of `photo`.
pub fn view<'a>(
    photo: &'a Photo,
    thumb: Option<&image::Handle>,
    look: Look,
    lang: Lang,
) -> Element<'a, Event> {
    let Look {
        placed, is_cover, ..
    } = look;
    let id = photo.id;
    let turn = Radians(f32::from(look.pending_turns % 4) * std::f32::consts::FRAC_PI_2);
    let thumb: Element<'a, Event> = match thumb {
        Some(h) => image(h.clone())
            .width(theme::THUMB_WIDTH)
            .rotation(Rotation::Solid(turn))
            .into(),
        None => container(text("…"))
            .width(theme::THUMB_WIDTH)
            .height(theme::THUMB_HEIGHT)
            .center_x(theme::THUMB_WIDTH)
            .center_y(theme::THUMB_HEIGHT)
            .into(),
    };
    let small = |t: T| text(t.tr(lang)).size(theme::SMALL);
    let marks = crate::photo::from_photo_marks(photo);
    // A field still as the photo's metadata had it says so beside it.
    let field = |label: T, value: &'a str, field: &str, on: fn(String) -> Event, marked: bool| {
        let input = input(label.tr(lang), value)
            .id(format!("photo:{id}:{field}"))
            .on_input(on)
            .padding(theme::SMALL_INPUT_PAD);
        let mut line = row![input].spacing(theme::ROW).align_y(iced::Center);
        if marked {
            line = line.push(
                text(T::FromPhoto.tr(lang))
                    .size(theme::TINY)
                    .style(text::secondary),
            );
        }
        line
    };
    let card = row![
        thumb,
        column![
            field(
                T::Caption,
                &photo.caption,
                "caption",
                Event::Caption,
                marks.caption
            ),
            field(
                T::Credit,
                &photo.credit,
                "credit",
                Event::Credit,
                marks.credit
            ),
            field(T::Alt, &photo.alt, "alt", Event::Alt, marks.alt),
            row![
                checkbox(is_cover)
                    .label(T::Cover.tr(lang))
                    .on_toggle(Event::Cover),
                small(if placed { T::Placed } else { T::NotPlaced }),
            ]
            .spacing(theme::ITEM_PAD as u32),
            row![
                button(small(T::InsertHere)).on_press(Event::InsertHere),
                button(small(T::Up)).on_press_maybe(placed.then_some(Event::Up)),
                button(small(T::Down)).on_press_maybe(placed.then_some(Event::Down)),
                button(small(T::RemovePhoto))
                    .on_press(Event::Remove)
                    .style(button::danger),
            ]
            .spacing(theme::ROW),
            row![
                button(small(T::RotateLeft)).on_press(Event::RotateLeft),
                button(small(T::RotateRight)).on_press(Event::RotateRight),
                button(small(T::CropPhoto)).on_press(Event::Crop),
                button(small(T::CreditForAll))
                    .style(button::secondary)
                    .on_press_maybe((!photo.credit.is_empty()).then_some(Event::CreditForAll)),
            ]
            .spacing(theme::ROW)
            .wrap(),
        ]
        .spacing(theme::ROW)
        .width(Fill),
    ]
    .spacing(theme::ITEM_PAD as u32);
    let style = if look.selected {
        theme::selected_card
    } else {
        container::rounded_box
    };
    mouse_area(container(card).padding(theme::FIELD as u16).style(style))
        .on_press(Event::Select)
        .into()
}
