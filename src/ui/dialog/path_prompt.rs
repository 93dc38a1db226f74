//! A path typed by hand, when no native file dialog can be shown (no
//! portal, no zenity): for an export, photos, or an import.

use std::path::PathBuf;

use iced::widget::{button, row, text};
use iced::{Element, Fill};

use crate::export::Format;
use crate::lang::Lang;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;

/// Why the reporter is typing a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Export,
    AddPhoto,
    Import,
}

#[derive(Debug, Clone)]
pub enum Message {
    Typed(String),
    Confirmed,
    Cancelled,
}

pub enum Action {
    None,
    Close,
    /// The path was confirmed; the dialog closes.
    Chosen(Purpose, PathBuf),
    /// The file to export to (confirmed again when it existed).
    Export(PathBuf),
}

pub struct PathPrompt {
    pub purpose: Purpose,
    pub value: String,
    /// The export target exists: the next confirm overwrites it.
    pub confirm_overwrite: bool,
}

/// The widget id of the path field (focused when the prompt opens).
pub const FIELD_ID: &str = "path";

impl PathPrompt {
    pub fn new(purpose: Purpose, value: String) -> PathPrompt {
        PathPrompt {
            purpose,
            value,
            confirm_overwrite: false,
        }
    }

    /// `title` and `format` name the export file when a folder is typed.
    pub fn update(&mut self, message: Message, title: &str, format: Format) -> Action {
        match message {
            Message::Typed(v) => {
                self.value = v;
                self.confirm_overwrite = false;
                Action::None
            }
            Message::Cancelled => Action::Close,
            Message::Confirmed => {
                let path = PathBuf::from(self.value.trim());
                if self.purpose != Purpose::Export {
                    return Action::Chosen(self.purpose, path);
                }
                let target = crate::export::target_path(&path, title, format);
                if target.exists() && !self.confirm_overwrite {
                    // The next Enter overwrites it.
                    self.confirm_overwrite = true;
                    return Action::None;
                }
                Action::Export(target)
            }
        }
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        let confirm = match (self.purpose, self.confirm_overwrite) {
            (Purpose::Export, true) => T::Overwrite,
            (Purpose::Export, false) => T::ExportHere,
            _ => T::Open,
        };
        row![
            text(T::PathField.tr(lang)).size(theme::NORMAL),
            input(T::PathField.tr(lang), &self.value)
                .id(FIELD_ID)
                .on_input(Message::Typed)
                .on_submit(Message::Confirmed)
                .width(Fill),
            button(text(confirm.tr(lang))).on_press(Message::Confirmed),
            button(text(T::Cancel.tr(lang)))
                .style(button::secondary)
                .on_press(Message::Cancelled),
        ]
        .spacing(theme::FIELD)
        .padding(theme::FIELD as u16)
        .align_y(iced::Center)
        .into()
    }
}
