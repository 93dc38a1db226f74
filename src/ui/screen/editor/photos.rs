//! The draft's photos: adding them (copied into the draft off the UI
//! thread), their preview copies, and the cards under the body.

use std::path::PathBuf;

use iced::widget::{Column, image};
use iced::{Element, Task};

use super::{Action, Editor, Message, crop};
use crate::check::PhotoFile;
use crate::draft;
use crate::error::Error;
use crate::lang::Lang;
use crate::photo::{self, PhotoEdit, PhotoMeta};
use crate::photo_cache::{self, PhotoCopies};
use crate::session::Session;
use crate::settings::Settings;
use crate::text as vt;
use crate::ui::i18n::T;
use crate::ui::task;
use crate::ui::widget::photo_card::{self, Event};

/// Gets the preview-size copy and thumbnail of photo `id`, as edited now,
/// off the UI thread. The result names the edit it was made for: a copy
/// that comes back after a newer rotation or crop is not shown.
pub(super) fn preview_task(session: &Session, id: u32) -> Task<Message> {
    let Some(photo) = session.article().photo(id).cloned() else {
        return Task::none();
    };
    let dir = session.dir().to_path_buf();
    let edit = photo.edit;
    Task::perform(
        task::try_blocking(move || photo_cache::copies(&dir, &photo)),
        move |r| Message::Edited(id, edit, r),
    )
}

impl Editor {
    /// Copies the files into the draft and reads their captions and
    /// credits (EXIF, IPTC, XMP) on a worker.
    pub(super) fn add_photo_files(&self, paths: Vec<PathBuf>) -> Task<Message> {
        let dir = self.session.dir().to_path_buf();
        Task::batch(paths.into_iter().map(|p| {
            let dir = dir.clone();
            Task::perform(
                task::try_blocking(move || {
                    let file = draft::copy_photo_in(&dir, &p)?;
                    // Metadata is a convenience: unreadable, nothing is filled.
                    let meta = draft::photo_path(&dir, &file)
                        .ok()
                        .and_then(|path| photo::read_meta_file(&path).ok())
                        .unwrap_or_default();
                    Ok((file, Box::new(meta)))
                }),
                Message::PhotoArrived,
            )
        }))
    }

    /// A photo file is in the draft: add it, its empty caption, credit and
    /// alt text filled from `meta` and the default credit (one undo step).
    pub(super) fn photo_copied(
        &mut self,
        r: Result<(String, Box<PhotoMeta>), Error>,
        settings: &Settings,
    ) -> Action {
        match r {
            Ok((file, meta)) => {
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
                if let Some(p) = self.session.draft.article.photo_mut(id) {
                    photo::fill_from_meta(p, &meta, &settings.default_credit);
                }
                self.changed();
                Action::Run(preview_task(&self.session, id))
            }
            Err(e) => Action::Fail(e),
        }
    }

    /// A preview copy came back for photo `id` as edited by `edit`.
    pub(super) fn edited_loaded(
        &mut self,
        id: u32,
        edit: PhotoEdit,
        r: Result<PhotoCopies, Error>,
    ) -> bool {
        let current = self.session.article().photo(id).map(|p| p.edit);
        if current != Some(edit) {
            return false; // a newer edit's copy is on its way
        }
        self.preview_loaded(id, r);
        self.shown.insert(id, edit);
        true
    }

    /// The copies of photos whose edit changed under them (undo, redo, a
    /// restored version): made again for the edit they have now.
    pub(super) fn stale_previews(&self) -> Task<Message> {
        Task::batch(
            self.session
                .article()
                .photos
                .iter()
                .filter(|p| self.shown.get(&p.id).is_some_and(|e| *e != p.edit))
                .map(|p| preview_task(&self.session, p.id))
                .collect::<Vec<_>>(),
        )
    }

    /// The crop view's answer.
    pub(super) fn crop_update(
        &mut self,
        m: crop::Message,
        settings: &Settings,
        lang: Lang,
    ) -> Action {
        let Some(view) = &mut self.crop else {
            return Action::None;
        };
        match view.update(m) {
            crop::Action::None => Action::None,
            crop::Action::Close => {
                self.crop = None;
                Action::Run(super::scroll_form(self.form_offset))
            }
            crop::Action::Fail(e) => {
                self.crop = None;
                Action::Fail(e)
            }
            crop::Action::Apply(id, rect) => {
                self.crop = None;
                if self.session.read_only()
                    || self
                        .session
                        .article()
                        .photo(id)
                        .is_none_or(|p| p.edit.crop == rect)
                {
                    return Action::Run(super::scroll_form(self.form_offset));
                }
                self.undo.record(
                    self.session.article(),
                    "photos",
                    crate::undo::Change::Command,
                    std::time::Instant::now(),
                );
                set(&mut self.session.draft.article, id, |p| p.edit.crop = rect);
                self.changed();
                self.refresh(settings, lang);
                Action::Run(Task::batch([
                    preview_task(&self.session, id),
                    super::scroll_form(self.form_offset),
                ]))
            }
        }
    }

    /// Ctrl+L / Ctrl+R: turns the selected photo.
    pub(super) fn rotate_selected(
        &mut self,
        turns: i32,
        settings: &Settings,
        lang: Lang,
    ) -> Action {
        let event = if turns < 0 {
            Event::RotateLeft
        } else {
            Event::RotateRight
        };
        match self.selected {
            Some(id) if self.session.article().photo(id).is_some() => {
                self.update(Message::Photo(id, event), settings, lang)
            }
            _ => Action::None,
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
        self.selected = Some(id);
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
            Event::RotateLeft | Event::RotateRight => {
                let turns = if matches!(event, Event::RotateLeft) {
                    -1
                } else {
                    1
                };
                set(a, id, |p| p.edit.rotate_by(turns));
                self.changed();
                self.refresh(settings, lang);
                return Action::Run(preview_task(&self.session, id));
            }
            Event::CreditForAll => {
                let n = crate::photo::use_credit_for_all(a, id);
                self.changed();
                self.refresh(settings, lang);
                return Action::Say(T::CreditForAllDone.tr(lang).replace("{n}", &n.to_string()));
            }
            Event::Crop => {
                let Some(p) = a.photo(id).cloned() else {
                    return Action::None;
                };
                // The cover starts at the portal's cover shape.
                let ratio = (a.cover == Some(id)).then_some(settings.check.cover_ratio);
                let (view, load) = crop::Crop::open(self.session.dir(), &p, ratio);
                self.crop = Some(view);
                return Action::Run(load.map(Message::Crop));
            }
            Event::Select => return Action::None,
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
            let shown = self.shown.get(&id).map_or(0, |e| e.quarter_turns());
            let look = photo_card::Look {
                placed: self.placed.contains(&id),
                is_cover: a.cover == Some(id),
                selected: self.selected == Some(id),
                pending_turns: (p.edit.quarter_turns() + 4 - shown) % 4,
            };
            cards = cards.push(
                photo_card::view(p, self.thumbs.get(&id), look, lang)
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
