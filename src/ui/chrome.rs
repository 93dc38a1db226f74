//! The window's frame around the screens: the toolbar on top and the
//! status bar at the bottom.

use iced::widget::{button, container, pick_list, row, text};
use iced::{Element, Fill};

use super::export::Exporter;
use super::i18n::T;
use super::screen::editor::Editor;
use super::shortcut::Shortcut;
use super::{Message, theme};
use crate::error::Error;
use crate::export::Format;
use crate::lang::Lang;
use crate::session::SaveState;

/// The last line for the reporter in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            is_error: false,
        }
    }

    pub fn error(e: &Error, lang: Lang) -> Status {
        Status {
            text: e.message(lang),
            is_error: true,
        }
    }

    /// The same line with `more` after it.
    pub fn with(self, more: &str) -> Status {
        Status {
            text: format!("{} {more}", self.text),
            ..self
        }
    }
}

/// The toolbar: wraps onto a second line on a narrow (1024 px) screen
/// instead of pushing buttons off the edge.
pub fn toolbar(lang: Lang, in_editor: bool, exporter: &Exporter) -> Element<'_, Message> {
    let secondary = |t: T, m: Message| {
        button(text(t.tr(lang)))
            .style(button::secondary)
            .on_press(m)
    };
    let mut bar = row![
        secondary(T::Drafts, Message::Shortcut(Shortcut::Drafts)),
        secondary(T::NewDraft, Message::Shortcut(Shortcut::New)),
    ]
    .spacing(theme::LIST)
    .padding(theme::INPUT_PAD)
    .align_y(iced::Center);
    if in_editor {
        let idle = !exporter.running;
        bar = bar
            .push(button(text(T::Save.tr(lang))).on_press(Message::Shortcut(Shortcut::Save)))
            .push(secondary(T::Preview, Message::Shortcut(Shortcut::Preview)))
            .push(
                pick_list(Format::ALL, Some(exporter.format), |f| {
                    Message::Export(super::export::Message::Format(f))
                })
                .text_size(theme::NORMAL),
            )
            .push(
                button(text(T::Export.tr(lang)))
                    .on_press_maybe(idle.then_some(Message::Shortcut(Shortcut::Export))),
            )
            .push(secondary(
                T::PortalPanel,
                Message::Editor(super::screen::editor::Message::ShowPortal),
            ))
            .push(
                button(text(T::OpenInBrowser.tr(lang)))
                    .style(button::secondary)
                    .on_press_maybe(idle.then_some(Message::OpenInBrowser)),
            );
    }
    bar = bar
        .push(secondary(T::Settings, Message::ShowSettings))
        .push(
            button(text(match lang {
                Lang::Vi => "English",
                Lang::En => "Tiếng Việt",
            }))
            .style(button::text)
            .on_press(Message::SwitchLang),
        );
    bar.wrap().vertical_spacing(6).into()
}

/// Save state and counts of the open article, export progress, the last
/// message, and "Mở thư mục" after an export.
pub fn status_bar<'a>(
    lang: Lang,
    editor: Option<&'a Editor>,
    exporter: &'a Exporter,
    status: Option<&'a Status>,
) -> Element<'a, Message> {
    let small = |s: String| text(s).size(theme::SMALL);
    // What the bar shows, for a repaint when it changes.
    let mut shown: Vec<&str> = Vec::new();
    let mut saved = String::new();
    let mut bar = row![]
        .spacing(theme::SECTION_GAP)
        .padding([4, 10])
        .align_y(iced::Center);
    if let Some(ed) = editor {
        let save = match ed.save_state() {
            SaveState::Saving => T::Saving.tr(lang).to_owned(),
            SaveState::Unsaved => T::Unsaved.tr(lang).to_owned(),
            SaveState::SavedAt(t) => format!("{} {}", T::SavedAt.tr(lang), t.format("%H:%M")),
            SaveState::Unchanged => String::new(),
        };
        shown.push(ed.counts());
        bar = bar
            .push(small(save.clone()))
            .push(text(ed.counts()).size(theme::SMALL));
        saved = save;
    }
    if exporter.running {
        bar = bar.push(small(match exporter.progress {
            Some((done, total)) if total > 0 => {
                format!("{} {done}/{total}…", T::ExportProgress.tr(lang))
            }
            _ => T::Exporting.tr(lang).to_owned(),
        }));
    }
    if let Some(s) = status {
        shown.push(&s.text);
        let t = text(s.text.as_str()).size(theme::SMALL);
        bar = bar.push(if s.is_error { t.style(text::danger) } else { t });
    }
    if let Some(dir) = &exporter.folder {
        bar = bar.push(
            button(text(T::OpenFolder.tr(lang)).size(theme::SMALL))
                .style(button::text)
                .on_press(Message::OpenFolder(dir.clone())),
        );
    }
    let progress = exporter.running.then_some(exporter.progress);
    let key = theme::key_of(&(shown, saved, progress));
    container(bar)
        .width(Fill)
        .style(move |t| theme::repaint_on_change(container::bordered_box(t), key))
        .into()
}
