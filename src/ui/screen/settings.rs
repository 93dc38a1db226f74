//! Settings: language, theme, zoom, defaults for new drafts, photo export
//! size and quality, house tone-mark style, the portal's form.

use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text};
use iced::{Element, Fill};

use crate::lang::Lang;
use crate::settings::{PortalEditor, Settings, ThemeChoice};
use crate::text::tone::ToneStyle;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;

#[derive(Debug, Clone)]
pub enum Message {
    Lang(Lang),
    Theme(ThemeChoice),
    ZoomIn,
    ZoomOut,
    Byline(String),
    Place(String),
    Side(String),
    Quality(String),
    Tone(ToneStyle),
    OpenDataFolder,
    Back,
    /// "Trình soạn thảo của cổng".
    PortalEditor(PortalEditor),
    /// The portal's form has no box for the title, sapo or byline: put it
    /// into the body.
    TitleInBody(bool),
    SapoInBody(bool),
    BylineInBody(bool),
}

pub enum Action {
    None,
    /// The settings changed: apply and save them.
    Changed,
    OpenDataFolder,
    Back,
}

/// Changes `s` as the message says.
pub fn update(s: &mut Settings, m: Message) -> Action {
    match m {
        Message::Lang(l) => s.lang = l,
        Message::Theme(t) => s.theme = t,
        Message::ZoomIn => s.zoom = (s.zoom + 0.1).min(3.0),
        Message::ZoomOut => s.zoom = (s.zoom - 0.1).max(0.5),
        Message::Byline(v) => s.default_byline = crate::text::clean_input(&v),
        Message::Place(v) => s.default_place = crate::text::clean_input(&v),
        Message::Side(v) => match v.trim().parse::<u32>() {
            Ok(n) => s.photo_max_side = n.clamp(320, 8000),
            Err(_) => return Action::None,
        },
        Message::Quality(v) => match v.trim().parse::<u8>() {
            Ok(n) => s.photo_quality = n.clamp(30, 100),
            Err(_) => return Action::None,
        },
        Message::Tone(t) => s.tone_style = t,
        Message::OpenDataFolder => return Action::OpenDataFolder,
        Message::Back => return Action::Back,
        Message::PortalEditor(e) => s.portal.editor = e,
        Message::TitleInBody(b) => s.portal.title_in_body = b,
        Message::SapoInBody(b) => s.portal.sapo_in_body = b,
        Message::BylineInBody(b) => s.portal.byline_in_body = b,
    }
    Action::Changed
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice<V>(V, &'static str);

impl<V> std::fmt::Display for Choice<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.1)
    }
}

pub fn view(s: &Settings, lang: Lang) -> Element<'_, Message> {
    let label = |t: T| text(t.tr(lang)).size(theme::NORMAL).width(320);
    let langs: Vec<Choice<Lang>> = Lang::ALL.iter().map(|l| Choice(*l, l.name())).collect();
    let themes = vec![
        Choice(ThemeChoice::Light, T::Light.tr(lang)),
        Choice(ThemeChoice::Dark, T::Dark.tr(lang)),
    ];
    let tones = vec![
        Choice(ToneStyle::Old, T::ToneOld.tr(lang)),
        Choice(ToneStyle::New, T::ToneNew.tr(lang)),
    ];
    let find = |v: &[Choice<Lang>]| v.iter().copied().find(|c| c.0 == s.lang);
    let editors: Vec<Choice<PortalEditor>> = PortalEditor::ALL
        .iter()
        .map(|e| Choice(*e, e.label(lang)))
        .collect();
    let in_body = |t: T, on: bool, m: fn(bool) -> Message| {
        checkbox(on)
            .label(t.tr(lang))
            .text_size(theme::NORMAL)
            .on_toggle(m)
    };
    let page = column![
        row![
            button(text(T::Back.tr(lang)))
                .style(button::secondary)
                .on_press(Message::Back),
            text(T::Settings.tr(lang)).size(theme::SCREEN_TITLE)
        ]
        .spacing(theme::SECTION_GAP),
        row![
            label(T::Language),
            pick_list(langs.clone(), find(&langs), |c| Message::Lang(c.0))
        ],
        row![
            label(T::Theme),
            pick_list(
                themes.clone(),
                themes.iter().copied().find(|c| c.0 == s.theme),
                |c| Message::Theme(c.0)
            )
        ],
        row![
            label(T::Zoom),
            button(text("−")).on_press(Message::ZoomOut),
            text(format!("{:.0} %", s.zoom * 100.0))
                .width(70)
                .align_x(iced::Center),
            button(text("+")).on_press(Message::ZoomIn)
        ]
        .align_y(iced::Center),
        row![
            label(T::DefaultByline),
            input("", &s.default_byline)
                .id("default-byline")
                .on_input(Message::Byline)
                .width(Fill)
        ],
        row![
            label(T::DefaultPlace),
            input("", &s.default_place)
                .id("default-place")
                .on_input(Message::Place)
                .width(Fill)
        ],
        row![
            label(T::PhotoSide),
            input("1600", &s.photo_max_side.to_string())
                .on_input(Message::Side)
                .width(120)
        ],
        row![
            label(T::PhotoQuality),
            input("82", &s.photo_quality.to_string())
                .on_input(Message::Quality)
                .width(120)
        ],
        row![
            label(T::ToneStyle),
            pick_list(
                tones.clone(),
                tones.iter().copied().find(|c| c.0 == s.tone_style),
                |c| Message::Tone(c.0)
            )
        ],
        row![
            label(T::PortalEditorSetting),
            pick_list(
                editors.clone(),
                editors.iter().copied().find(|c| c.0 == s.portal.editor),
                |c| Message::PortalEditor(c.0)
            )
        ],
        row![
            label(T::PortalInBody),
            column![
                in_body(T::Title, s.portal.title_in_body, Message::TitleInBody),
                in_body(T::SapoWords, s.portal.sapo_in_body, Message::SapoInBody),
                in_body(T::Byline, s.portal.byline_in_body, Message::BylineInBody),
            ]
            .spacing(theme::ROW)
        ],
        button(text(T::OpenDataFolder.tr(lang)))
            .style(button::secondary)
            .on_press(Message::OpenDataFolder),
    ]
    .spacing(theme::SECTION_GAP)
    .padding(theme::PAGE_PAD)
    .max_width(900);
    // On a 1024×600 screen the page is taller than the window.
    scrollable(page).into()
}
