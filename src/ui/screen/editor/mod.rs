//! The editor: one form in the order the article reads, the preview beside
//! it, and the pre-publish check under the preview. It owns its draft's
//! editing [`Session`]: saving, the journal and the lock run as its own
//! tasks.

mod compose;
mod crop;
mod find;
mod form;
mod history_panel;
pub mod paste;
mod photos;
pub mod portal_panel;
mod refresh;
mod spelling;
mod steps;
mod view;

use steps::{focus_field, refused_when_read_only, undo_step};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use iced::Task;
use iced::widget::image;
use iced::widget::text_editor::{self, Action as EditorAction};

use crate::article::Article;
use crate::check::{self, PhotoFile, Problem};
use crate::doc::Document;
use crate::error::Error;
use crate::lang::Lang;
use crate::photo_cache::PhotoCopies;
use crate::session::{Done, Due, Report, SaveState, Session, Version};
use crate::settings::Settings;
use crate::text as vt;
use crate::ui::i18n::T;
use crate::ui::task;
use crate::ui::widget::photo_card;
use crate::undo::UndoStack;

pub use find::Message as FindMessage;
pub use refresh::Refresh;
pub use spelling::{Message as SpellMessage, Place as SpellPlace};

#[derive(Debug, Clone)]
pub enum Message {
    Title(String),
    Sapo(EditorAction),
    Body(EditorAction),
    Byline(String),
    Place(String),
    Date(String),
    Category(String),
    Tags(String),
    Photo(u32, photo_card::Event),
    Format(&'static str, &'static str),
    /// "Thêm ảnh": the app shows the file dialog.
    AddPhotos,
    /// Photo files chosen, dropped or typed: copy them into the draft.
    AddPhotoFiles(Vec<PathBuf>),
    PhotoCopied(Result<String, Error>),
    Preview(u32, Result<PhotoCopies, Error>),
    TogglePreview,
    Export,
    ExportAnyway,
    Save,
    Back,
    Focus(String),
    Undo,
    Redo,
    Find(find::Message),
    ConvertLegacy,
    NormalizeTone,
    /// Put the unfinished session's text back.
    Recover,
    /// Leave it in the history.
    SetAside,
    /// Edit a draft another window or command holds.
    TakeOver,
    TookOver(Result<Box<Session>, Error>),
    ShowHistory,
    CloseHistory,
    VersionsListed(Result<Vec<Version>, Error>),
    RestoreVersion(String),
    VersionRestored(Result<Box<Article>, Error>),
    /// File work done for the editor: what to tell the reporter.
    Done(Result<(), Error>, T),
    /// Session work (journal, lock refresh, save) back from a worker.
    Session(Due, Result<Done, Error>),
    Refreshed(Result<Box<Refresh>, Error>),
    /// The field that had the focus when an input method began a word.
    ComposingIn(iced::widget::Id),
    /// A mouse press while a word was being composed: the word was
    /// committed to its field; make the input method forget it.
    EndComposing,
    /// The input method was closed for a frame (its copy of the word dropped).
    ImeReset,
    /// A photo file copied into the draft, with its metadata.
    PhotoArrived(Result<(String, Box<crate::photo::PhotoMeta>), Error>),
    /// Photo `id`'s preview copy and thumbnail, made for this edit.
    Edited(u32, crate::photo::PhotoEdit, Result<PhotoCopies, Error>),
    Crop(crop::Message),
    /// Ctrl+L / Ctrl+R: turn the selected photo (-1 left, 1 right).
    RotateSelected(i32),
    /// The form was scrolled (kept so the form comes back where it was
    /// after the crop view).
    FormScrolled(iced::widget::scrollable::Viewport),
    /// "Đăng lên cổng" in the toolbar: the panel beside the form.
    ShowPortal,
    Portal(portal_panel::Message),
    /// Ctrl+V / Ctrl+Shift+V in the body, and the paste it prepares.
    Paste(paste::Message),
    /// Spelling: suggestions, replacing, ignoring, the personal dictionary.
    Spell(spelling::Message),
}

/// What the app must do for the editor.
pub enum Action {
    None,
    Run(Task<Message>),
    /// Show the photo file dialog.
    AddPhotos,
    /// Show the export dialog.
    Export,
    Back,
    /// A line for the status bar.
    Say(String),
    /// An error for the status bar.
    Fail(Error),
    /// A save failed (the text stays here; saving is tried again).
    SaveFailed(Error),
    /// A save succeeded: an earlier error line is out of date.
    Saved,
    /// Add the word to the personal dictionary.
    AddToDictionary(String),
}

pub struct Editor {
    pub session: Session,
    body: text_editor::Content,
    sapo: text_editor::Content,
    undo: UndoStack,
    date: String,
    tags: String,
    pub problems: Vec<Problem>,
    pub doc: Document,
    pub images: HashMap<u32, image::Handle>,
    /// Small copies for the photo cards.
    pub thumbs: HashMap<u32, image::Handle>,
    /// What is known of each photo's file (filled off the UI thread).
    pub files: HashMap<u32, PhotoFile>,
    /// The preview and the check lag the last edit (refreshed on a tick).
    pub stale: bool,
    pub show_preview: bool,
    /// The window is wide enough for the preview beside the form; on a
    /// narrow one the preview is a full view instead.
    pub wide: bool,
    pub confirm_export: bool,
    find: Option<find::Find>,
    /// The version history, while it is shown.
    pub versions: Option<Vec<Version>>,
    /// A refresh is running on a worker thread.
    pub refreshing: bool,
    /// The status bar's counts and which photos have a marker, kept from
    /// the last refresh: counting a 10,000-word body on every frame would
    /// slow typing down.
    counts: String,
    placed: std::collections::HashSet<u32>,
    /// A word an input method is composing, and its field.
    composing: Option<compose::Composing>,
    /// A composed word this editor committed itself, and when: the input
    /// method may still deliver it.
    committed: Option<(String, Instant)>,
    /// Close the input method for one frame.
    ime_reset: bool,
    /// Flips with each new `doc`: the preview is repainted whole.
    doc_parity: bool,
    /// The crop view, while it is open (it covers the form).
    crop: Option<crop::Crop>,
    /// The photo card last used: the photo keys act on it.
    selected: Option<u32>,
    /// The edit each photo's shown copies were made for.
    shown: HashMap<u32, crate::photo::PhotoEdit>,
    form_offset: iced::widget::scrollable::AbsoluteOffset,
    /// The "Đăng lên cổng" panel, while it is shown.
    pub portal: Option<portal_panel::Panel>,
    spell: spelling::Spell,
}

impl Editor {
    /// The editor over an opened session; also returns the work that makes
    /// the photos' preview copies.
    pub fn new(
        session: Session,
        settings: &Settings,
        lang: Lang,
        wide: bool,
    ) -> (Editor, Task<Message>) {
        let a = &session.draft.article;
        let mut e = Editor {
            body: text_editor::Content::with_text(&a.body),
            sapo: text_editor::Content::with_text(&a.sapo),
            undo: UndoStack::default(),
            date: form::date_text(a),
            tags: a.tags.join(", "),
            problems: Vec::new(),
            doc: Document::from_article(a),
            images: HashMap::new(),
            thumbs: HashMap::new(),
            files: HashMap::new(),
            stale: false,
            show_preview: wide,
            wide,
            confirm_export: false,
            find: None,
            versions: None,
            refreshing: false,
            counts: String::new(),
            placed: Default::default(),
            composing: None,
            committed: None,
            ime_reset: false,
            doc_parity: false,
            crop: None,
            selected: None,
            shown: HashMap::new(),
            form_offset: Default::default(),
            portal: None,
            spell: spelling::Spell::new(
                Arc::new(crate::text::spell::Checker::new(settings.tone_style)),
                &[],
                settings.spelling.enabled,
            ),
            session,
        };
        e.refresh(settings, lang);
        let previews = Task::batch(
            e.session
                .article()
                .photos
                .iter()
                .map(|p| photos::preview_task(&e.session, p.id))
                .collect::<Vec<_>>(),
        );
        (e, previews)
    }

    pub fn article(&self) -> &Article {
        self.session.article()
    }

    /// Recomputes the preview model and the check after a change, here and
    /// now (after a click; typing uses [`Editor::tick`]).
    pub fn refresh(&mut self, settings: &Settings, lang: Lang) {
        let speller = self.spell.base();
        let r = Refresh::compute(
            self.session.article(),
            &self.files,
            &settings.check,
            &speller,
            lang,
        );
        self.apply(r);
        if let Some(p) = &mut self.portal {
            p.portal = settings.portal; // back from the settings
        }
    }

    fn apply(&mut self, r: Refresh) {
        self.doc = r.doc;
        self.doc_parity = !self.doc_parity;
        self.problems = r.problems;
        if !self.spell.enabled() {
            self.problems.retain(|p| p.spelling.is_none());
        }
        self.counts = r.counts;
        self.placed = r.placed;
        self.stale = false;
    }

    /// Status bar counts: body words and characters, sapo and title words.
    pub fn counts(&self) -> &str {
        &self.counts
    }

    pub fn save_state(&self) -> SaveState {
        self.session.save_state()
    }

    /// The window's width class changed.
    pub fn set_wide(&mut self, wide: bool) {
        if self.wide && !wide {
            self.show_preview = false; // the form first on a narrow window
        }
        self.wide = wide;
    }

    fn changed(&mut self) {
        self.session.edited(Instant::now());
        self.stale = true;
    }

    /// The 300 ms tick: the preview and check after typing pauses (on a
    /// worker: tens of milliseconds on a 10,000-word article), and whatever
    /// the session has due (journal, lock refresh, autosave).
    pub fn tick(&mut self, settings: &Settings, lang: Lang) -> Task<Message> {
        let mut tasks = Vec::new();
        if self.stale && !self.refreshing {
            self.stale = false;
            self.refreshing = true;
            let article = self.session.article().clone();
            let files = self.files.clone();
            let limits = settings.check;
            let speller = self.spell.base();
            tasks.push(Task::perform(
                task::blocking(move || {
                    Box::new(Refresh::compute(&article, &files, &limits, &speller, lang))
                }),
                Message::Refreshed,
            ));
        }
        let now = Instant::now();
        while let Some(due) = self.session.due(now) {
            match self.session.begin(due, now) {
                Some(work) => tasks.push(run_session(due, work)),
                None => break,
            }
        }
        Task::batch(tasks)
    }

    /// Saves at once (closing, switching drafts). `Ok(Some(w))`: saved, but
    /// a clean-up step failed and the reporter should hear of it.
    pub fn save_now(&mut self) -> Result<Option<Error>, Error> {
        self.session.save_now()
    }

    /// The editor closes: let go of the draft.
    pub fn close(&mut self) {
        self.session.release();
    }

    pub fn update(&mut self, message: Message, settings: &Settings, lang: Lang) -> Action {
        let read_only = self.session.read_only();
        if read_only && refused_when_read_only(&message) {
            return Action::None; // nothing typed here could be saved
        }
        if self.already_committed(&message) {
            return Action::None; // the input method's late copy of a word ended here
        }
        if self.crop.is_some()
            && matches!(
                message,
                Message::Undo | Message::Redo | Message::RotateSelected(_) | Message::Photo(..)
            )
        {
            return Action::None; // the crop view covers the photo being cut
        }
        if let Some(home) = self.misrouted_commit(&message) {
            // The composed word goes back to the field it was typed in.
            return self.update(home, settings, lang);
        }
        if let Some((field, change)) = undo_step(&message, self.session.article()) {
            let change = change.as_change();
            self.undo
                .record(self.session.article(), field, change, Instant::now());
        }
        match message {
            Message::Title(_)
            | Message::Sapo(_)
            | Message::Body(_)
            | Message::Byline(_)
            | Message::Place(_)
            | Message::Date(_)
            | Message::Category(_)
            | Message::Tags(_)
            | Message::Format(..) => {
                let place = match &message {
                    Message::Body(a) => Some((spelling::Place::Body, a.clone())),
                    Message::Sapo(a) => Some((spelling::Place::Sapo, a.clone())),
                    _ => None,
                };
                if self.edit_field(message) {
                    self.changed();
                }
                if let Some((place, action)) = place {
                    self.spell_follow(place, &action);
                }
                Action::None
            }
            Message::Photo(id, event) => self.photo_event(id, event, settings, lang),
            Message::AddPhotos => Action::AddPhotos,
            Message::AddPhotoFiles(paths) => Action::Run(self.add_photo_files(paths)),
            Message::PhotoCopied(r) => {
                self.photo_copied(r.map(|file| (file, Box::default())), settings)
            }
            Message::Preview(id, r) => {
                self.preview_loaded(id, r);
                self.refresh(settings, lang);
                Action::None
            }
            Message::Find(m) => self.find_update(m),
            Message::Undo | Message::Redo => {
                let a = self.session.article();
                let restored = if matches!(message, Message::Undo) {
                    self.undo.undo(a)
                } else {
                    self.undo.redo(a)
                };
                if let Some(previous) = restored {
                    let before = std::mem::replace(&mut self.session.draft.article, previous);
                    self.reload_fields();
                    let a = self.session.article();
                    for (content, old, new) in [
                        (&mut self.body, &before.body, &a.body),
                        (&mut self.sapo, &before.sapo, &a.sapo),
                    ] {
                        if old != new {
                            let (line, column) = crate::undo::caret_after(old, new);
                            content.move_to(text_editor::Cursor {
                                position: text_editor::Position { line, column },
                                selection: None,
                            });
                        }
                    }
                    self.changed();
                }
                // A photo edit undone: its copies follow.
                Action::Run(self.stale_previews())
            }
            Message::ConvertLegacy => {
                self.session.draft.article.each_text_mut(|s| {
                    if let Some((_, converted)) = vt::legacy::convert_auto(s) {
                        *s = converted;
                    }
                });
                self.reload_fields();
                self.changed();
                Action::None
            }
            Message::NormalizeTone => {
                let style = settings.tone_style;
                self.session
                    .draft
                    .article
                    .each_text_mut(|s| *s = vt::tone::apply(s, style));
                self.reload_fields();
                self.changed();
                Action::None
            }
            Message::TogglePreview => {
                self.show_preview = !self.show_preview;
                Action::None
            }
            Message::Export => {
                if check::blocks(&self.problems) {
                    self.confirm_export = true;
                    return Action::None;
                }
                Action::Export
            }
            Message::ExportAnyway => {
                self.confirm_export = false;
                Action::Export
            }
            Message::Save => match self.session.begin_save() {
                Some(work) => Action::Run(run_session(Due::Save, work)),
                None => Action::None,
            },
            Message::Back => Action::Back,
            Message::Focus(field) => {
                if !self.wide {
                    self.show_preview = false;
                }
                Action::Run(focus_field(&field))
            }
            Message::Session(due, r) => {
                let done = r.unwrap_or_else(|e| Done::failed(due, e));
                match self.session.finish(done, Instant::now()) {
                    None => Action::None,
                    Some(Report::Saved) => Action::Saved,
                    Some(Report::SaveFailed(e)) => Action::SaveFailed(e),
                    Some(Report::Warning(e) | Report::Error(e)) => Action::Fail(e),
                }
            }
            Message::Refreshed(r) => {
                self.refreshing = false;
                let stale = self.stale; // edits since it started: next tick redoes it
                match r {
                    Ok(r) => self.apply(*r),
                    Err(e) => return Action::Fail(e),
                }
                self.stale = stale;
                Action::None
            }
            Message::EndComposing => {
                self.end_composing();
                Action::None
            }
            Message::ImeReset => {
                self.ime_reset = false;
                Action::None
            }
            Message::ComposingIn(id) => {
                self.composing_in(id);
                Action::None
            }
            Message::PhotoArrived(r) => self.photo_copied(r, settings),
            Message::Edited(id, edit, r) => {
                if self.edited_loaded(id, edit, r) {
                    self.refresh(settings, lang);
                }
                Action::None
            }
            Message::Crop(m) => self.crop_update(m, settings, lang),
            Message::RotateSelected(turns) => self.rotate_selected(turns, settings, lang),
            Message::FormScrolled(v) => {
                self.form_offset = v.absolute_offset();
                Action::None
            }
            Message::Spell(m) => self.spell_update(m),

            Message::Done(r, said) => match r {
                Ok(()) => Action::Say(said.tr(lang).to_owned()),
                Err(e) => Action::Fail(e),
            },
            Message::ShowPortal => {
                self.versions = None;
                self.portal = Some(portal_panel::Panel::new(settings.portal));
                self.show_preview = true;
                Action::None
            }
            Message::Portal(m) => self.portal_update(m, settings, lang),
            Message::ShowHistory => {
                self.portal = None;
                self.history_update(message, settings, lang)
            }
            Message::Recover
            | Message::SetAside
            | Message::TakeOver
            | Message::TookOver(_)
            | Message::CloseHistory
            | Message::VersionsListed(_)
            | Message::RestoreVersion(_)
            | Message::VersionRestored(_) => {
                let action = self.history_update(message, settings, lang);
                // A restored version or recovered text may carry other photo edits.
                match action {
                    Action::None => Action::Run(self.stale_previews()),
                    Action::Run(t) => Action::Run(Task::batch([t, self.stale_previews()])),
                    other => other,
                }
            }
            Message::Paste(m) => self.paste_update(m, settings, lang),
        }
    }

    fn reload_body(&mut self) {
        self.body = text_editor::Content::with_text(&self.session.article().body);
        self.spell.reloaded();
    }

    /// After an undo, a conversion or a style change: every editor shows the model.
    fn reload_fields(&mut self) {
        let a = self.session.article();
        self.body = text_editor::Content::with_text(&a.body);
        self.sapo = text_editor::Content::with_text(&a.sapo);
        self.date = form::date_text(a);
        self.tags = a.tags.join(", ");
        self.spell.reloaded();
    }

    /// Byte offset of the cursor in the body.
    fn cursor_byte(&self) -> usize {
        let pos = self.body.cursor().position;
        let text = self.body.text();
        let mut offset = 0;
        for (i, line) in text.split('\n').enumerate() {
            if i == pos.line {
                // iced's column is a byte index into the line (cosmic-text's).
                return offset + pos.column.min(line.len());
            }
            offset += line.len() + 1;
        }
        text.len()
    }

    fn portal_update(
        &mut self,
        m: portal_panel::Message,
        settings: &Settings,
        lang: Lang,
    ) -> Action {
        // A copy that finishes after the panel closed still reports.
        let mut closed = portal_panel::Panel::new(settings.portal);
        let panel = self.portal.as_mut().unwrap_or(&mut closed);
        match panel.update(m, &self.session.draft, settings, lang) {
            portal_panel::Action::None => Action::None,
            portal_panel::Action::Run(t) => Action::Run(t.map(Message::Portal)),
            portal_panel::Action::Say(s) => Action::Say(s),
            portal_panel::Action::Fail(e) => Action::Fail(e),
            portal_panel::Action::Close => {
                self.portal = None;
                self.show_preview = self.wide;
                Action::None
            }
        }
    }
}

/// The form's scrollable.
const FORM: &str = "form";

/// Scrolls the form back to `offset` (it starts at the top when it comes back
/// after the crop view, which replaces it).
fn scroll_form(offset: iced::widget::scrollable::AbsoluteOffset) -> Task<Message> {
    iced::widget::operation::scroll_to(FORM, offset)
}

/// Session work on a worker thread; its result comes back to the session.
fn run_session(due: Due, work: crate::session::Work<Done>) -> Task<Message> {
    Task::perform(task::blocking(work), move |r| Message::Session(due, r))
}
