//! One photo of the draft as a card: its thumbnail, caption, credit, alt
//! text, cover choice, and where it sits in the body.

use iced::widget::{button, checkbox, column, container, image, row, text};
use iced::{Element, Fill};

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
}

/// The card of `photo`. `placed`: its marker is in the body.
pub fn view<'a>(
    photo: &'a Photo,
    thumb: Option<&image::Handle>,
    placed: bool,
    is_cover: bool,
    lang: Lang,
) -> Element<'a, Event> {
    let id = photo.id;
    let thumb: Element<'a, Event> = match thumb {
        Some(h) => image(h.clone()).width(theme::THUMB_WIDTH).into(),
        None => container(text("…"))
            .width(theme::THUMB_WIDTH)
            .height(theme::THUMB_HEIGHT)
            .center_x(theme::THUMB_WIDTH)
            .center_y(theme::THUMB_HEIGHT)
            .into(),
    };
    let small = |t: T| text(t.tr(lang)).size(theme::SMALL);
    let card = row![
        thumb,
        column![
            input(T::Caption.tr(lang), &photo.caption)
                .id(format!("photo:{id}:caption"))
                .on_input(Event::Caption)
                .padding(theme::SMALL_INPUT_PAD),
            input(T::Credit.tr(lang), &photo.credit)
                .id(format!("photo:{id}:credit"))
                .on_input(Event::Credit)
                .padding(theme::SMALL_INPUT_PAD),
            input(T::Alt.tr(lang), &photo.alt)
                .id(format!("photo:{id}:alt"))
                .on_input(Event::Alt)
                .padding(theme::SMALL_INPUT_PAD),
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
        ]
        .spacing(theme::ROW)
        .width(Fill),
    ]
    .spacing(theme::ITEM_PAD as u32);
    container(card)
        .padding(theme::FIELD as u16)
        .style(container::rounded_box)
        .into()
}
