//! The draft's photos: adding them (copied into the draft off the UI
//! thread), their preview copies, and the cards under the body.

use std::path::PathBuf;

use iced::widget::{Column, image};
use iced::{Element, Task};

use super::{Action, Editor, Message};
use crate::check::PhotoFile;
use crate::draft;
use crate::error::Error;
use crate::lang::Lang;
use crate::photo_cache::{self, PhotoCopies};
use crate::session::Session;
use crate::settings::Settings;
use crate::text as vt;
use crate::ui::task;
use crate::ui::widget::photo_card::{self, Event};

/// Gets the preview-size copy and thumbnail of photo `id` off the UI thread.
pub(super) fn preview_task(session: &Session, id: u32) -> Task<Message> {
    let Some(photo) = session.article().photo(id).cloned() else {
        return Task::none();
    };
    let dir = session.dir().to_path_buf();
    Task::perform(
        task::try_blocking(move || photo_cache::copies(&dir, &photo)),
        move |r| Message::Preview(id, r),
    )
}

impl Editor {
    pub(super) fn add_photo_files(&self, paths: Vec<PathBuf>) -> Task<Message> {
        let dir = self.session.dir().to_path_buf();
        Task::batch(paths.into_iter().map(|p| {
            let dir = dir.clone();
            Task::perform(
                task::try_blocking(move || draft::copy_photo_in(&dir, &p)),
                Message::PhotoCopied,
            )
        }))
    }

    pub(super) fn photo_copied(&mut self, r: Result<String, Error>) -> Action {
        match r {
            Ok(file) => {
                if self.session.read_only() {
                    return Action::None;
                }
                self.undo.record(
                    self.session.article(),
                    "photos",
                    crate::undo::Change::Command,
                    std::time::Instant::now(),
                );
                let id = self.session.draft.add_photo_file(file);
                self.changed();
                Action::Run(preview_task(&self.session, id))
            }
            Err(e) => Action::Fail(e),
        }
    }

    pub(super) fn preview_loaded(&mut self, id: u32, r: Result<PhotoCopies, Error>) {
        let file = match r {
            Ok(c) => {
                let preview = image::Handle::from_bytes(c.preview);
                // The card shows the small copy: ten photos' cards then
                // cost kilobytes, not megabytes.
                let thumb = c
                    .thumb
                    .map_or_else(|| preview.clone(), image::Handle::from_bytes);
                self.images.insert(id, preview);
                self.thumbs.insert(id, thumb);
                PhotoFile::LongSide(c.long_side)
            }
            Err(Error::Photo { .. }) => PhotoFile::Unknown,
            Err(_) => PhotoFile::Missing,
        };
        self.files.insert(id, file);
    }

    pub(super) fn photo_event(
        &mut self,
        id: u32,
        event: Event,
        settings: &Settings,
        lang: Lang,
    ) -> Action {
        let at = if matches!(event, Event::InsertHere) {
            self.cursor_byte()
        } else {
            0
        };
        let a = &mut self.session.draft.article;
        let moved = match event {
            Event::Caption(s) => set(a, id, |p| p.caption = vt::clean_input(&s)),
            Event::Credit(s) => set(a, id, |p| p.credit = vt::clean_input(&s)),
            Event::Alt(s) => set(a, id, |p| p.alt = vt::clean_input(&s)),
            Event::Cover(on) => {
                a.cover = if on { Some(id) } else { None };
                false
            }
            Event::Up => {
                a.move_photo(id, crate::article::Direction::Up);
                true
            }
            Event::Down => {
                a.move_photo(id, crate::article::Direction::Down);
                true
            }
            Event::Remove => {
                a.remove_photo(id);
                true
            }
            Event::InsertHere => {
                a.insert_marker_at(id, at);
                true
            }
        };
        self.changed();
        if moved {
            self.reload_body();
            // The card's "placed" mark and the preview follow at once.
            self.refresh(settings, lang);
        }
        Action::None
    }

    pub(super) fn photo_cards(&self, lang: Lang) -> Element<'_, Message> {
        let a = self.session.article();
        let mut cards = Column::new().spacing(crate::ui::theme::FIELD);
        for p in &a.photos {
            let id = p.id;
            cards = cards.push(
                photo_card::view(
                    p,
                    self.thumbs.get(&id),
                    self.placed.contains(&id),
                    a.cover == Some(id),
                    lang,
                )
                .map(move |e| Message::Photo(id, e)),
            );
            for part in ["caption", "alt"] {
                cards = cards.push(self.spell_marker(&format!("photo:{id}:{part}"), lang));
            }
        }
        cards.into()
    }
}

/// Changes photo `id` (false: it does not move in the body).
fn set(
    a: &mut crate::article::Article,
    id: u32,
    f: impl FnOnce(&mut crate::article::Photo),
) -> bool {
    if let Some(p) = a.photo_mut(id) {
        f(p);
    }
    false
}
