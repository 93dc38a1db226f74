//! Ctrl+V and Ctrl+Shift+V in the body. iced's own paste reads only plain
//! text, so the body's key binding sends these two here instead: the
//! clipboard is read (HTML, a picture, copied files, text) and prepared
//! (converted, pictures checked and copied into the draft) off the UI
//! thread by [`crate::import::paste`]; then the Markdown goes in at the
//! cursor and the photos join the draft, as one undo step.

use std::sync::Arc;
use std::time::Instant;

use iced::Task;
use iced::keyboard::{self, key};
use iced::widget::text_editor::{Action as EditorAction, Binding, Edit, KeyPress, Status};

use super::{Action, Editor, Message as EditorMessage, photos};
use crate::clipboard;
use crate::error::Error;
use crate::import::paste::{self, Pasted};
use crate::lang::Lang;
use crate::settings::Settings;
use crate::ui::i18n::T;
use crate::ui::task;
use crate::undo::Change;

#[derive(Debug, Clone)]
pub enum Message {
    /// Ctrl+V (`plain` false) or Ctrl+Shift+V in the body.
    Request { plain: bool },
    /// Ctrl+V where no field took it (over the photos, the preview): only a
    /// picture or copied picture files, which become photos at the body's
    /// cursor, like dropped files.
    Pictures,
    /// The clipboard's content, prepared (photos already in the draft's folder).
    Ready(Result<Box<Pasted>, Error>),
    /// What the paste left out or added, for the status line.
    Said(String),
}

/// The body's key bindings: iced's, except Ctrl+V and Ctrl+Shift+V.
pub fn body_binding(press: KeyPress) -> Option<Binding<EditorMessage>> {
    if matches!(press.status, Status::Focused { .. })
        && press.modifiers.command()
        && !press.modifiers.alt()
        && press.key.to_latin(press.physical_key) == Some('v')
    {
        return Some(Binding::Custom(EditorMessage::Paste(Message::Request {
            plain: press.modifiers.shift(),
        })));
    }
    // Shift+Insert pastes too, on Linux and Windows.
    if matches!(press.status, Status::Focused { .. })
        && press.modifiers.shift()
        && press.key == keyboard::Key::Named(key::Named::Insert)
    {
        return Some(Binding::Custom(EditorMessage::Paste(Message::Request {
            plain: false,
        })));
    }
    Binding::from_key_press(press)
}

impl Editor {
    pub(super) fn paste_update(&mut self, m: Message, settings: &Settings, lang: Lang) -> Action {
        match m {
            Message::Request { .. } | Message::Pictures => {
                let plain = matches!(m, Message::Request { plain: true });
                let pictures_only = matches!(m, Message::Pictures);
                let dir = self.session.dir().to_path_buf();
                let first_id = self.session.article().next_photo_id();
                let credit = settings.default_credit.clone();
                Action::Run(Task::perform(
                    task::try_blocking(move || {
                        let mut clip = clipboard::read(plain)?;
                        if pictures_only {
                            clip.html = None;
                            clip.text = None;
                        }
                        let mut pasted = paste::prepare(&clip, &dir, first_id, plain)?;
                        paste::prefill(&mut pasted, &dir, &credit)?;
                        Ok(Box::new(pasted))
                    }),
                    |r| EditorMessage::Paste(Message::Ready(r)),
                ))
            }
            Message::Ready(Err(e)) => Action::Fail(e),
            Message::Ready(Ok(p)) => self.put_in(*p, lang),
            Message::Said(s) => Action::Say(s),
        }
    }

    /// Puts a prepared paste in at the cursor: one undo step.
    fn put_in(&mut self, mut p: Pasted, lang: Lang) -> Action {
        if self.session.read_only() {
            return Action::None;
        }
        let report = p
            .report
            .iter()
            .map(|n| n.message(lang))
            .collect::<Vec<_>>()
            .join(" ");
        if p.markdown.trim().is_empty() {
            return Action::Say(if report.is_empty() {
                T::PasteNothing.tr(lang).to_owned()
            } else {
                report
            });
        }
        // Photos added while this was prepared keep their numbers.
        p.renumber(self.session.article().next_photo_id());
        self.undo.record(
            self.session.article(),
            "body",
            Change::Command,
            Instant::now(),
        );
        let blocks = p.rich && (p.markdown.contains('\n') || !p.photos.is_empty());
        let piece = if blocks {
            self.on_own_lines(&p.markdown)
        } else {
            p.markdown.clone()
        };
        self.body
            .perform(EditorAction::Edit(Edit::Paste(Arc::new(piece))));
        let a = &mut self.session.draft.article;
        a.body = self.body.text();
        let ids: Vec<u32> = p.photos.iter().map(|ph| ph.id).collect();
        a.photos.append(&mut p.photos);
        self.changed();
        let previews = Task::batch(
            ids.iter()
                .map(|id| photos::preview_task(&self.session, *id)),
        );
        if ids.is_empty() && report.is_empty() {
            return Action::Run(previews);
        }
        let said = if ids.is_empty() {
            report
        } else {
            format!(
                "{} {report}",
                T::PastedPhotos
                    .tr(lang)
                    .replace("{n}", &ids.len().to_string())
            )
        };
        let said = said.trim().to_owned();
        Action::Run(Task::batch([
            previews,
            Task::done(EditorMessage::Paste(Message::Said(said))),
        ]))
    }

    /// `md` with blank lines around it where the cursor is inside a line,
    /// so its headings, lists and markers start lines of their own.
    fn on_own_lines(&self, md: &str) -> String {
        let text = self.body.text();
        let at = self.cursor_byte().min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let mut s = String::new();
        if !text[line_start..at].trim().is_empty() {
            s.push_str("\n\n");
        }
        s.push_str(md);
        if !text[at..line_end].trim().is_empty() {
            s.push_str("\n\n");
        }
        s
    }
}
