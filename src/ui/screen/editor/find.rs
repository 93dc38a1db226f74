//! Find and replace in the body (Ctrl+F).

use std::sync::Arc;

use iced::Element;
use iced::widget::text_editor::{self, Action as EditorAction, Edit};
use iced::widget::{button, row, text};

use super::{Action, Editor};
use crate::lang::Lang;
use crate::text as vt;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;
use crate::undo::Change;

#[derive(Debug, Clone)]
pub enum Message {
    Toggle,
    Find(String),
    Replace(String),
    Next,
    ReplaceOne,
    ReplaceAll,
}

/// What to find, and what to put instead.
#[derive(Debug, Clone, Default)]
pub struct Find {
    find: String,
    replace: String,
}

impl Editor {
    pub(super) fn find_update(&mut self, message: Message) -> Action {
        match message {
            Message::Toggle => {
                self.find = match self.find.take() {
                    Some(_) => None,
                    None => Some(Find {
                        find: self.body.selection().unwrap_or_default(),
                        replace: String::new(),
                    }),
                };
                if self.find.is_some() {
                    return Action::Run(iced::widget::operation::focus("find"));
                }
            }
            Message::Find(s) => {
                if let Some(f) = &mut self.find {
                    f.find = vt::clean_input(&s);
                }
            }
            Message::Replace(s) => {
                if let Some(f) = &mut self.find {
                    f.replace = vt::clean_input(&s);
                }
            }
            Message::Next => self.find_next(),
            Message::ReplaceOne => {
                let Some(Find { find, replace }) = self.find.clone() else {
                    return Action::None;
                };
                if !find.is_empty() && self.body.selection().as_deref() == Some(find.as_str()) {
                    self.undo.record(
                        self.session.article(),
                        "replace",
                        Change::Command,
                        std::time::Instant::now(),
                    );
                    self.body
                        .perform(EditorAction::Edit(Edit::Paste(Arc::new(replace))));
                    self.session.draft.article.body = self.body.text();
                    self.changed();
                }
                self.find_next();
            }
            Message::ReplaceAll => {
                let Some(Find { find, replace }) = self.find.clone() else {
                    return Action::None;
                };
                if find.is_empty() || !self.session.article().body.contains(&find) {
                    return Action::None;
                }
                self.undo.record(
                    self.session.article(),
                    "replace",
                    Change::Command,
                    std::time::Instant::now(),
                );
                let a = &mut self.session.draft.article;
                a.body = a.body.replace(&find, &replace);
                self.reload_body();
                self.changed();
            }
        }
        Action::None
    }

    /// Selects the next occurrence of the find text after the cursor,
    /// wrapping around to the start.
    fn find_next(&mut self) {
        let Some(Find { find, .. }) = &self.find else {
            return;
        };
        if find.is_empty() {
            return;
        }
        let body = self.body.text();
        let from = self.cursor_byte();
        let at = body[from..]
            .find(find.as_str())
            .map(|i| i + from)
            .or_else(|| body.find(find.as_str()));
        let Some(start) = at else { return };
        let end = start + find.len();
        let pos = |byte: usize| {
            let line = body[..byte].matches('\n').count();
            let line_start = body[..byte].rfind('\n').map_or(0, |i| i + 1);
            text_editor::Position {
                line,
                column: byte - line_start,
            }
        };
        self.body.move_to(text_editor::Cursor {
            position: pos(end),
            selection: Some(pos(start)),
        });
    }

    pub(super) fn find_bar(&self, lang: Lang) -> Element<'_, super::Message> {
        let Some(Find { find, replace }) = &self.find else {
            return row![].into();
        };
        let small = |t: T| text(t.tr(lang)).size(theme::SMALL);
        let m = super::Message::Find;
        row![
            input(T::Find.tr(lang), find)
                .id("find")
                .on_input(move |s| m(Message::Find(s)))
                .on_submit(m(Message::Next))
                .padding(theme::SMALL_INPUT_PAD),
            input(T::ReplaceWith.tr(lang), replace)
                .id("replace")
                .on_input(move |s| m(Message::Replace(s)))
                .on_submit(m(Message::ReplaceOne))
                .padding(theme::SMALL_INPUT_PAD),
            button(small(T::FindNext)).on_press(m(Message::Next)),
            button(small(T::Replace)).on_press(m(Message::ReplaceOne)),
            button(small(T::ReplaceAll)).on_press(m(Message::ReplaceAll)),
            button(text("×").size(theme::SMALL))
                .style(button::secondary)
                .on_press(m(Message::Toggle)),
        ]
        .spacing(theme::ROW)
        .align_y(iced::Center)
        .into()
    }
}
