//! The editor: one form in the order the article reads, the preview beside
//! it, and the pre-publish check under the preview.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDate;
use iced::widget::text_editor::{Action as EditorAction, Edit};
use iced::widget::{
    Column, button, checkbox, column, container, image, row, scrollable, text, text_editor,
    text_input,
};
use iced::{Element, Fill, Length, Task};

use crate::article::Article;
use crate::article::Direction;
use crate::check::{self, PhotoFile, Problem, Severity};
use crate::doc::Document;
use crate::draft::Draft;
use crate::error::Error;
use crate::history::{self, Version};
use crate::journal::{Journal, Pending};
use crate::lang::Lang;
use crate::lock::{Holder, Lock};
use crate::settings::Settings;
use crate::text as vt;
use crate::ui::i18n::T;

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
    Caption(u32, String),
    Credit(u32, String),
    Alt(u32, String),
    Cover(u32, bool),
    Move(u32, Direction),
    Remove(u32),
    InsertHere(u32),
    Format(&'static str, &'static str),
    AddPhotos,
    TogglePreview,
    Export,
    ExportAnyway,
    Save,
    Back,
    Focus(String),
    Undo,
    Redo,
    ToggleFind,
    FindText(String),
    ReplaceText(String),
    FindNext,
    ReplaceOne,
    ReplaceAll,
    ConvertLegacy,
    NormalizeTone,
    /// Put the unfinished session's text back.
    Recover,
    /// Leave it in the history.
    SetAside,
    /// Edit a draft another window or command holds.
    TakeOver,
    TookOver(Result<(SharedLock, Box<Draft>), Error>),
    ShowHistory,
    CloseHistory,
    VersionsListed(Vec<Version>),
    RestoreVersion(String),
    VersionRestored(Result<Box<Article>, Error>),
    /// File work done for the editor: what to tell the reporter.
    Done(Result<(), Error>, T),
    Refreshed(Box<Refresh>),
}

/// The draft's lock, shared with the worker threads that save.
pub type SharedLock = Arc<Mutex<Lock>>;

/// What the app must do for the editor.
pub enum Action {
    None,
    Run(Task<Message>),
    AddPhotos,
    Export,
    SaveNow,
    Back,
    /// A line for the status bar (and whether it is an error).
    Say(String, bool),
}

pub struct Editor {
    pub draft: Draft,
    body: text_editor::Content,
    sapo: text_editor::Content,
    history: History,
    date: String,
    tags: String,
    /// Changed since the last save started.
    pub dirty: bool,
    pub last_edit: Option<Instant>,
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
    /// The find-and-replace bar (Ctrl+F), when open: what to find, what to put instead.
    pub find: Option<(String, String)>,
    /// This window's write lock on the draft; None while read-only.
    pub lock: Option<SharedLock>,
    /// Who holds the draft, when it is open read-only because of them.
    pub busy: Option<Holder>,
    pub journal: Journal,
    /// The last edit already written to the journal.
    pub journaled: Option<Instant>,
    /// An unfinished session found when the draft opened.
    pub pending: Option<Pending>,
    /// The version history, while it is shown.
    pub versions: Option<Vec<Version>>,
    /// A refresh is running on a worker thread.
    pub refreshing: bool,
    /// The status bar's counts and which photos have a marker, kept from
    /// the last refresh: counting a 10,000-word body on every frame would
    /// slow typing down.
    counts: String,
    placed: std::collections::HashSet<u32>,
}

impl Editor {
    pub fn new(draft: Draft, settings: &Settings, lang: Lang) -> Editor {
        let body = text_editor::Content::with_text(&draft.article.body);
        let sapo = text_editor::Content::with_text(&draft.article.sapo);
        let date = draft
            .article
            .date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let tags = draft.article.tags.join(", ");
        let mut e = Editor {
            body,
            sapo,
            history: History::default(),
            date,
            tags,
            dirty: false,
            last_edit: None,
            problems: Vec::new(),
            doc: Document::from_article(&draft.article),
            images: HashMap::new(),
            thumbs: HashMap::new(),
            files: HashMap::new(),
            stale: false,
            show_preview: true,
            wide: true,
            confirm_export: false,
            find: None,
            lock: None,
            busy: None,
            journal: Journal::of(&draft.dir),
            journaled: None,
            pending: None,
            versions: None,
            refreshing: false,
            counts: String::new(),
            placed: Default::default(),
            draft,
        };
        e.refresh(settings, lang);
        e
    }

    /// Recomputes the preview model and the check after a change, here and
    /// now (after a click; typing uses [`Editor::refresh_task`]).
    pub fn refresh(&mut self, settings: &Settings, lang: Lang) {
        let r = Refresh::compute(&self.draft.article, &self.files, &settings.check, lang);
        self.apply(r);
    }

    /// The same work on a worker thread: on a 10,000-word article it takes
    /// tens of milliseconds, too long for the UI thread while typing.
    pub fn refresh_task(&mut self, settings: &Settings, lang: Lang) -> Task<Message> {
        self.stale = false;
        self.refreshing = true;
        let article = self.draft.article.clone();
        let files = self.files.clone();
        let limits = settings.check;
        Task::perform(
            crate::ui::blocking(move || Refresh::compute(&article, &files, &limits, lang)),
            |r| Message::Refreshed(Box::new(r)),
        )
    }

    fn apply(&mut self, r: Refresh) {
        self.doc = r.doc;
        self.problems = r.problems;
        self.counts = r.counts;
        self.placed = r.placed;
        self.stale = false;
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.last_edit = Some(Instant::now());
    }

    /// The lock still held by this window, for a worker thread.
    pub fn lock_handle(&self) -> Option<SharedLock> {
        self.lock.clone()
    }

    /// Someone took the draft over: stop writing, say who.
    pub fn lost_lock(&mut self, holder: Holder) {
        self.lock = None;
        self.busy = Some(holder);
        self.draft.read_only = true;
        self.dirty = false;
    }

    pub fn update(&mut self, message: Message, settings: &Settings, lang: Lang) -> Action {
        if self.draft.read_only
            && (edit_field(&message).is_some()
                || matches!(
                    message,
                    Message::Undo
                        | Message::Redo
                        | Message::ReplaceOne
                        | Message::ReplaceAll
                        | Message::AddPhotos
                        | Message::Recover
                        | Message::RestoreVersion(_)
                ))
        {
            return Action::None; // read-only: nothing typed here could be saved
        }
        if let Some(field) = edit_field(&message) {
            self.history.record(&self.draft.article, field);
        }
        let a = &mut self.draft.article;
        match message {
            Message::Title(s) => a.title = vt::clean_input(&s),
            Message::Sapo(action) => {
                let is_edit = action.is_edit();
                self.sapo.perform(normalize_action(action, true));
                if !is_edit {
                    return Action::None;
                }
                a.sapo = self.sapo.text().trim_end_matches('\n').to_owned();
            }
            Message::ToggleFind => {
                self.find = match self.find.take() {
                    Some(_) => None,
                    None => Some((self.body.selection().unwrap_or_default(), String::new())),
                };
                return match self.find {
                    Some(_) => Action::Run(iced::widget::operation::focus("find")),
                    None => Action::None,
                };
            }
            Message::FindText(s) => {
                if let Some(f) = &mut self.find {
                    f.0 = vt::clean_input(&s);
                }
                return Action::None;
            }
            Message::ReplaceText(s) => {
                if let Some(f) = &mut self.find {
                    f.1 = vt::clean_input(&s);
                }
                return Action::None;
            }
            Message::FindNext => {
                self.find_next();
                return Action::None;
            }
            Message::ReplaceOne => {
                let Some((find, replace)) = self.find.clone() else {
                    return Action::None;
                };
                if find.is_empty() {
                    return Action::None;
                }
                if self.body.selection().as_deref() == Some(find.as_str()) {
                    self.history.record(&self.draft.article, "replace");
                    self.body
                        .perform(EditorAction::Edit(Edit::Paste(Arc::new(replace))));
                    self.draft.article.body = self.body.text();
                    self.find_next();
                } else {
                    self.find_next();
                    return Action::None;
                }
            }
            Message::ReplaceAll => {
                let Some((find, replace)) = self.find.clone() else {
                    return Action::None;
                };
                if find.is_empty() || !self.draft.article.body.contains(&find) {
                    return Action::None;
                }
                self.history.record(&self.draft.article, "replace");
                self.draft.article.body = self.draft.article.body.replace(&find, &replace);
                self.reload_body();
            }
            Message::Undo | Message::Redo => {
                let restored = if matches!(message, Message::Undo) {
                    self.history.undo(&self.draft.article)
                } else {
                    self.history.redo(&self.draft.article)
                };
                let Some(previous) = restored else {
                    return Action::None;
                };
                self.draft.article = previous;
                self.reload_fields();
            }
            Message::ConvertLegacy => {
                self.draft.article.each_text_mut(|s| {
                    if let Some((_, converted)) = vt::legacy::convert_auto(s) {
                        *s = converted;
                    }
                });
                self.reload_fields();
            }
            Message::NormalizeTone => {
                let style = settings.tone_style;
                self.draft
                    .article
                    .each_text_mut(|s| *s = vt::tone::apply(s, style));
                self.reload_fields();
            }
            Message::Byline(s) => a.byline = vt::clean_input(&s),
            Message::Place(s) => a.place = vt::clean_input(&s),
            Message::Category(s) => a.category = vt::clean_input(&s),
            Message::Date(s) => {
                self.date = vt::clean_input(&s);
                a.date = NaiveDate::parse_from_str(self.date.trim(), "%d/%m/%Y").ok();
            }
            Message::Tags(s) => {
                self.tags = vt::nfc(&s);
                a.tags = self
                    .tags
                    .split(',')
                    .map(vt::clean_line)
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            Message::Body(action) => {
                let is_edit = action.is_edit();
                self.body.perform(normalize_action(action, false));
                if !is_edit {
                    return Action::None;
                }
                a.body = self.body.text();
            }
            Message::Caption(id, s) => set(a, id, |p| p.caption = vt::clean_input(&s)),
            Message::Credit(id, s) => set(a, id, |p| p.credit = vt::clean_input(&s)),
            Message::Alt(id, s) => set(a, id, |p| p.alt = vt::clean_input(&s)),
            Message::Cover(id, on) => a.cover = if on { Some(id) } else { None },
            Message::Move(id, dir) => {
                a.move_photo(id, dir);
                self.reload_body();
                self.changed();
                self.refresh(settings, lang);
                return Action::None;
            }
            Message::Remove(id) => {
                a.remove_photo(id);
                self.reload_body();
                self.changed();
                self.refresh(settings, lang);
                return Action::None;
            }
            Message::InsertHere(id) => {
                let at = self.cursor_byte();
                self.draft.article.insert_marker_at(id, at);
                self.reload_body();
                self.changed();
                self.refresh(settings, lang);
                return Action::None;
            }
            Message::Format(before, after) => {
                let sel = self.body.selection().unwrap_or_default();
                let piece = format!("{before}{sel}{after}");
                self.body
                    .perform(EditorAction::Edit(Edit::Paste(Arc::new(piece))));
                self.draft.article.body = self.body.text();
            }
            Message::AddPhotos => return Action::AddPhotos,
            Message::TogglePreview => {
                self.show_preview = !self.show_preview;
                return Action::None;
            }
            Message::Export => {
                if check::blocks(&self.problems) {
                    self.confirm_export = true;
                    return Action::None;
                }
                return Action::Export;
            }
            Message::ExportAnyway => {
                self.confirm_export = false;
                return Action::Export;
            }
            Message::Save => return Action::SaveNow,
            Message::Back => return Action::Back,
            Message::Recover => {
                let Some(p) = self.pending.take() else {
                    return Action::None;
                };
                self.history.record(&self.draft.article, "convert");
                // What was saved goes to the history; the typed text comes back.
                let dir = self.draft.dir.clone();
                let saved = p.saved.clone();
                self.draft.article = p.entry.article;
                self.reload_fields();
                self.changed();
                self.stale = true;
                return Action::Run(Task::perform(
                    crate::ui::blocking(move || match saved {
                        Some(a) => {
                            history::keep(&dir, &a, history::Kind::BeforeRestore).map(|_| ())
                        }
                        None => Ok(()),
                    }),
                    |r| Message::Done(r, T::RecoveredText),
                ));
            }
            Message::SetAside => {
                // Opening the draft already kept the text in the history.
                self.pending = None;
                let journal = self.journal.clone();
                return Action::Run(Task::perform(
                    crate::ui::blocking(move || journal.clear()),
                    |r| Message::Done(r, T::SetAsideDone),
                ));
            }
            Message::TakeOver => {
                let dir = self.draft.dir.clone();
                return Action::Run(Task::perform(
                    crate::ui::blocking(move || {
                        let lock = Lock::take_over(&dir, "window")?;
                        // The other writer may have saved since this opened.
                        let d = Draft::load(&dir)?;
                        Ok((Arc::new(Mutex::new(lock)), Box::new(d)))
                    }),
                    Message::TookOver,
                ));
            }
            Message::TookOver(r) => {
                return match r {
                    Ok((lock, d)) => {
                        if d.read_only {
                            return Action::None; // a newer format: stays read-only
                        }
                        self.draft = *d;
                        self.lock = Some(lock);
                        self.busy = None;
                        self.reload_fields();
                        self.refresh(settings, lang);
                        Action::None
                    }
                    Err(e) => Action::Say(e.message(lang), true),
                };
            }
            Message::ShowHistory => {
                let dir = self.draft.dir.clone();
                return Action::Run(Task::perform(
                    crate::ui::blocking(move || history::list(&dir)),
                    Message::VersionsListed,
                ));
            }
            Message::VersionsListed(v) => {
                self.versions = Some(v);
                self.show_preview = true;
                return Action::None;
            }
            Message::CloseHistory => {
                self.versions = None;
                self.show_preview = self.wide;
                return Action::None;
            }
            Message::RestoreVersion(file) => {
                let dir = self.draft.dir.clone();
                let current = self.draft.article.clone();
                let lock = self.lock.clone();
                return Action::Run(Task::perform(
                    crate::ui::blocking(move || {
                        crate::ui::check_lock(lock.as_ref())?;
                        history::restore(&dir, &file, &current).map(|(a, _)| Box::new(a))
                    }),
                    Message::VersionRestored,
                ));
            }
            Message::VersionRestored(r) => {
                return match r {
                    Ok(a) => {
                        self.history.record(&self.draft.article, "convert");
                        self.draft.article = *a;
                        self.reload_fields();
                        // Saved already; saving again makes sure no autosave
                        // that was under way when it ran stays on disk.
                        self.changed();
                        self.refresh(settings, lang);
                        self.versions = None;
                        self.show_preview = self.wide;
                        Action::Say(T::RestoredVersion.tr(lang).to_owned(), false)
                    }
                    Err(e) => Action::Say(e.message(lang), true),
                };
            }
            Message::Refreshed(r) => {
                self.refreshing = false;
                let stale = self.stale; // edits since it started: next tick redoes it
                self.apply(*r);
                self.stale = stale;
                return Action::None;
            }
            Message::Done(r, said) => {
                return match r {
                    Ok(()) => Action::Say(said.tr(lang).to_owned(), false),
                    Err(e) => Action::Say(e.message(lang), true),
                };
            }
            Message::Focus(field) => {
                if !self.wide {
                    self.show_preview = false;
                }
                return Action::Run(focus_field(&field));
            }
        }
        self.changed();
        self.stale = true;
        let _ = (settings, lang);
        Action::None
    }

    /// Selects the next occurrence of the find text after the cursor,
    /// wrapping around to the start.
    fn find_next(&mut self) {
        let Some((find, _)) = &self.find else { return };
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

    fn reload_body(&mut self) {
        self.body = text_editor::Content::with_text(&self.draft.article.body);
    }

    /// After an undo, a conversion or a style change: every editor shows the model.
    fn reload_fields(&mut self) {
        let a = &self.draft.article;
        self.body = text_editor::Content::with_text(&a.body);
        self.sapo = text_editor::Content::with_text(&a.sapo);
        self.date = a
            .date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        self.tags = a.tags.join(", ");
    }

    /// Byte offset of the cursor in the body.
    fn cursor_byte(&self) -> usize {
        let c = self.body.cursor();
        let pos = c.position;
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

    pub fn view<'a>(&'a self, lang: Lang) -> Element<'a, Message> {
        let a = &self.draft.article;
        let label = |t: T| text(t.tr(lang)).size(13);
        let field = |t: T, id: &'static str, value: &'a str, on: fn(String) -> Message| {
            column![
                label(t),
                text_input(t.tr(lang), value).id(id).on_input(on).padding(6)
            ]
            .spacing(3)
        };
        let toolbar = row![
            button(text(T::Bold.tr(lang))).on_press(Message::Format("**", "**")),
            button(text(T::Italic.tr(lang))).on_press(Message::Format("*", "*")),
            button(text(T::Heading.tr(lang))).on_press(Message::Format("\n## ", "")),
            button(text(T::List.tr(lang))).on_press(Message::Format("\n- ", "")),
            button(text(T::Quote.tr(lang))).on_press(Message::Format("\n> ", "")),
        ]
        .spacing(4);

        let mut photos = Column::new().spacing(8);
        for p in &a.photos {
            let placed = self.placed.contains(&p.id);
            let thumb: Element<'a, Message> = match self.thumbs.get(&p.id) {
                Some(h) => image(h.clone()).width(120).into(),
                None => container(text("…"))
                    .width(120)
                    .height(90)
                    .center_x(120)
                    .center_y(90)
                    .into(),
            };
            let id = p.id;
            let card = row![
                thumb,
                column![
                    text_input(T::Caption.tr(lang), &p.caption)
                        .id(format!("photo:{id}:caption"))
                        .on_input(move |s| Message::Caption(id, s))
                        .padding(5),
                    text_input(T::Credit.tr(lang), &p.credit)
                        .on_input(move |s| Message::Credit(id, s))
                        .padding(5),
                    text_input(T::Alt.tr(lang), &p.alt)
                        .id(format!("photo:{id}:alt"))
                        .on_input(move |s| Message::Alt(id, s))
                        .padding(5),
                    row![
                        checkbox(a.cover == Some(id))
                            .label(T::Cover.tr(lang))
                            .on_toggle(move |on| Message::Cover(id, on)),
                        text(if placed {
                            T::Placed.tr(lang)
                        } else {
                            T::NotPlaced.tr(lang)
                        })
                        .size(13),
                    ]
                    .spacing(10),
                    row![
                        button(text(T::InsertHere.tr(lang)).size(13))
                            .on_press(Message::InsertHere(id)),
                        button(text(T::Up.tr(lang)).size(13))
                            .on_press_maybe(placed.then_some(Message::Move(id, Direction::Up))),
                        button(text(T::Down.tr(lang)).size(13))
                            .on_press_maybe(placed.then_some(Message::Move(id, Direction::Down))),
                        button(text(T::RemovePhoto.tr(lang)).size(13))
                            .on_press(Message::Remove(id))
                            .style(button::danger),
                    ]
                    .spacing(4),
                ]
                .spacing(4)
                .width(Fill),
            ]
            .spacing(10);
            photos = photos.push(container(card).padding(8).style(container::rounded_box));
        }

        let form = column![
            self.banner(lang),
            column![
                row![
                    label(T::Title).width(Fill),
                    button(text(T::History.tr(lang)).size(13))
                        .style(button::secondary)
                        .padding([2, 8])
                        .on_press(Message::ShowHistory),
                ]
                .align_y(iced::Bottom),
                text_input(T::Title.tr(lang), &a.title)
                    .id("title")
                    .on_input(Message::Title)
                    .padding(6)
            ]
            .spacing(3),
            label(T::Sapo),
            text_editor(&self.sapo)
                .id("sapo")
                .on_action(Message::Sapo)
                .height(Length::Fixed(4.0 * 20.8 + 12.0))
                .padding(6),
            label(T::Body),
            toolbar,
            self.find_bar(lang),
            text_editor(&self.body)
                .id("body")
                .on_action(Message::Body)
                // A whole number of 20.8 px lines (16 px text × 1.3) plus
                // padding: a half-visible last line is drawn past the
                // editor's edge by the software renderer and left behind.
                .height(Length::Fixed(15.0 * 20.8 + 16.0))
                .padding(8),
            row![
                label(T::Photos),
                button(text(T::AddPhotos.tr(lang))).on_press(Message::AddPhotos)
            ]
            .spacing(10)
            .align_y(iced::Center),
            photos,
            field(T::Byline, "byline", &a.byline, Message::Byline),
            row![
                field(T::Place, "place", &a.place, Message::Place),
                field(T::Date, "date", &self.date, Message::Date),
            ]
            .spacing(8),
            field(T::Category, "category", &a.category, Message::Category),
            field(T::Tags, "tags", &self.tags, Message::Tags),
        ]
        .spacing(8)
        .padding(12);
        let form = scrollable(form).height(Fill).width(Fill);

        if !self.show_preview {
            return form.into();
        }
        let form: Element<'a, Message> = if self.wide {
            form.into()
        } else {
            iced::widget::space::horizontal().width(0).into()
        };
        let mut checks = Column::new().spacing(4).padding([8, 12]);
        checks = checks.push(text(T::Check.tr(lang)).size(15));
        let mut fixes = row![].spacing(6);
        if self.problems.iter().any(|p| p.rule == "legacy-encoding") {
            fixes = fixes.push(
                button(text(T::ConvertUnicode.tr(lang)).size(13)).on_press(Message::ConvertLegacy),
            );
        }
        if self.problems.iter().any(|p| p.rule == "mixed-tone-style") {
            fixes = fixes.push(
                button(text(T::NormalizeTone.tr(lang)).size(13)).on_press(Message::NormalizeTone),
            );
        }
        checks = checks.push(fixes);
        if self.problems.is_empty() {
            checks = checks.push(text(T::NoProblems.tr(lang)).size(13));
        }
        for p in &self.problems {
            let style = if p.severity == Severity::Error {
                button::danger
            } else {
                button::secondary
            };
            checks = checks.push(
                button(text(p.line(lang)).size(13))
                    .style(style)
                    .width(Fill)
                    .on_press(Message::Focus(p.field.clone())),
            );
        }
        if self.confirm_export {
            checks = checks.push(
                button(text(T::ExportAnyway.tr(lang)))
                    .style(button::danger)
                    .on_press(Message::ExportAnyway),
            );
        }
        let preview = match &self.versions {
            Some(v) => self.history_view(v, lang),
            None => column![
                scrollable(crate::ui::preview::view(&self.doc, &self.images))
                    .height(Length::FillPortion(3)),
                scrollable(checks).height(Length::FillPortion(1)),
            ]
            .into(),
        };
        row![
            form,
            container(preview)
                .width(Fill)
                .style(container::bordered_box)
        ]
        .into()
    }

    /// What the reporter must know before typing: an unfinished session to
    /// recover, or that someone else is editing the draft.
    fn banner<'a>(&'a self, lang: Lang) -> Element<'a, Message> {
        if let Some(p) = &self.pending {
            let when = p
                .entry
                .taken
                .with_timezone(&chrono::Local)
                .format("%H:%M:%S %d/%m/%Y");
            let change = p.word_change();
            let mut info = column![
                text(T::RecoverTitle.tr(lang)).size(15),
                text(format!(
                    "{} {when} · {} {} ({}{change} {} {})",
                    T::RecoverTypedAt.tr(lang),
                    p.entry.article.body_words(),
                    T::Words.tr(lang),
                    if change >= 0 { "+" } else { "" },
                    T::Words.tr(lang),
                    T::ComparedToSaved.tr(lang),
                ))
                .size(13),
            ]
            .spacing(4);
            if let Some(d) = p.first_difference() {
                info = info.push(text(format!("«{d}»")).size(13).style(text::secondary));
            }
            info = info.push(
                row![
                    button(text(T::Recover.tr(lang))).on_press(Message::Recover),
                    button(text(T::SetAside.tr(lang)))
                        .style(button::secondary)
                        .on_press(Message::SetAside),
                ]
                .spacing(8),
            );
            return container(info)
                .padding(10)
                .width(Fill)
                .style(container::warning)
                .into();
        }
        if let Some(h) = &self.busy {
            return container(
                row![
                    text(format!(
                        "{} {}.",
                        T::ReadOnlyBusy.tr(lang),
                        h.describe(lang)
                    ))
                    .size(14)
                    .width(Fill),
                    button(text(T::TakeOver.tr(lang))).on_press(Message::TakeOver),
                ]
                .spacing(8)
                .align_y(iced::Center),
            )
            .padding(10)
            .width(Fill)
            .style(container::warning)
            .into();
        }
        row![].into()
    }

    fn history_view<'a>(&'a self, versions: &'a [Version], lang: Lang) -> Element<'a, Message> {
        let mut list = Column::new().spacing(6);
        if versions.is_empty() {
            list = list.push(text(T::HistoryEmpty.tr(lang)).size(13));
        }
        for v in versions {
            let kind = match v.kind {
                history::Kind::Auto => T::VersionAuto,
                history::Kind::BeforeRestore => T::VersionBeforeRestore,
                history::Kind::Recovered => T::VersionRecovered,
            };
            let when = v
                .updated
                .with_timezone(&chrono::Local)
                .format("%H:%M %d/%m/%Y");
            let title = if v.title.is_empty() {
                T::Untitled.tr(lang)
            } else {
                &v.title
            };
            list = list.push(
                container(
                    row![
                        column![
                            text(format!("{when} · {} {}", v.words, T::Words.tr(lang))).size(14),
                            text(format!("{} · {title}", kind.tr(lang)))
                                .size(12)
                                .style(text::secondary),
                        ]
                        .spacing(2)
                        .width(Fill),
                        button(text(T::RestoreVersion.tr(lang)).size(13))
                            .on_press(Message::RestoreVersion(v.file.clone())),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                )
                .padding(8)
                .style(container::rounded_box),
            );
        }
        column![
            row![
                text(T::History.tr(lang)).size(16).width(Fill),
                button(text(T::Close.tr(lang)).size(13))
                    .style(button::secondary)
                    .on_press(Message::CloseHistory),
            ]
            .align_y(iced::Center),
            scrollable(list).height(Fill),
        ]
        .spacing(8)
        .padding(12)
        .into()
    }

    fn find_bar<'a>(&'a self, lang: Lang) -> Element<'a, Message> {
        let Some((find, replace)) = &self.find else {
            return row![].into();
        };
        row![
            text_input(T::Find.tr(lang), find)
                .id("find")
                .on_input(Message::FindText)
                .on_submit(Message::FindNext)
                .padding(5),
            text_input(T::ReplaceWith.tr(lang), replace)
                .id("replace")
                .on_input(Message::ReplaceText)
                .on_submit(Message::ReplaceOne)
                .padding(5),
            button(text(T::FindNext.tr(lang)).size(13)).on_press(Message::FindNext),
            button(text(T::Replace.tr(lang)).size(13)).on_press(Message::ReplaceOne),
            button(text(T::ReplaceAll.tr(lang)).size(13)).on_press(Message::ReplaceAll),
            button(text("×").size(13))
                .style(button::secondary)
                .on_press(Message::ToggleFind),
        ]
        .spacing(4)
        .align_y(iced::Center)
        .into()
    }

    /// Status bar counts: body words and characters, sapo and title words.
    pub fn counts(&self) -> &str {
        &self.counts
    }
}

/// What the preview, the check and the status bar show of an article.
#[derive(Debug, Clone)]
pub struct Refresh {
    pub doc: Document,
    pub problems: Vec<Problem>,
    pub counts: String,
    pub placed: std::collections::HashSet<u32>,
}

impl Refresh {
    pub fn compute(
        a: &Article,
        files: &HashMap<u32, PhotoFile>,
        limits: &crate::settings::CheckLimits,
        lang: Lang,
    ) -> Refresh {
        Refresh {
            doc: Document::from_article(a),
            problems: check::check_with(
                a,
                &|p| files.get(&p.id).copied().unwrap_or(PhotoFile::Unknown),
                limits,
                lang,
            ),
            counts: count_line(a, lang),
            placed: a
                .photos
                .iter()
                .map(|p| p.id)
                .filter(|&id| a.is_placed(id))
                .collect(),
        }
    }
}

/// Status bar counts: body words and characters, sapo and title words.
fn count_line(a: &Article, lang: Lang) -> String {
    format!(
        "{}: {} {} · {} {} | {}: {} {} | {}: {} {}",
        T::BodyWords.tr(lang),
        a.body_words(),
        T::Words.tr(lang),
        vt::char_count(&a.body),
        T::Chars.tr(lang),
        T::SapoWords.tr(lang),
        vt::word_count(&a.sapo),
        T::Words.tr(lang),
        T::TitleWords.tr(lang),
        vt::word_count(&a.title),
        T::Words.tr(lang),
    )
}

/// Normalises each inserted piece as it arrives (typed, committed by an
/// input method, pasted), never the whole field per keystroke. A single-line
/// field also refuses line breaks and control characters.
fn normalize_action(action: EditorAction, single_line: bool) -> EditorAction {
    match action {
        EditorAction::Edit(Edit::Paste(s)) => {
            let clean = if single_line {
                vt::clean_input(&s)
            } else {
                vt::clean_multiline(&s)
            };
            EditorAction::Edit(Edit::Paste(Arc::new(clean)))
        }
        EditorAction::Edit(Edit::Insert(c)) if c.is_control() && c != '\t' => {
            EditorAction::Edit(Edit::Paste(Arc::new(String::new())))
        }
        EditorAction::Edit(Edit::Enter) if single_line => {
            EditorAction::Edit(Edit::Paste(Arc::new(String::new())))
        }
        other => other,
    }
}

/// Which field an editing message changes (for grouping undo steps).
fn edit_field(m: &Message) -> Option<&'static str> {
    Some(match m {
        Message::Title(_) => "title",
        Message::Sapo(a) if a.is_edit() => "sapo",
        Message::Body(a) if a.is_edit() => "body",
        Message::Byline(_) => "byline",
        Message::Place(_) => "place",
        Message::Date(_) => "date",
        Message::Category(_) => "category",
        Message::Tags(_) => "tags",
        Message::Caption(..) => "caption",
        Message::Credit(..) => "credit",
        Message::Alt(..) => "alt",
        Message::Cover(..) | Message::Move(..) | Message::Remove(_) | Message::InsertHere(_) => {
            "photos"
        }
        Message::Format(..) => "format",
        Message::ConvertLegacy | Message::NormalizeTone => "convert",
        _ => return None,
    })
}

/// Undo and redo over whole-article snapshots. Typing in one field is one
/// step until a pause of a second or a move to another field.
#[derive(Default)]
pub struct History {
    undo: Vec<crate::article::Article>,
    redo: Vec<crate::article::Article>,
    last: Option<(&'static str, Instant)>,
}

impl History {
    const LIMIT: usize = 200;

    pub fn record(&mut self, current: &crate::article::Article, field: &'static str) {
        let now = Instant::now();
        let same_run = self.last.is_some_and(|(f, t)| {
            f == field
                && now.duration_since(t).as_millis() < 1000
                && !matches!(field, "photos" | "format" | "convert" | "replace")
        });
        self.last = Some((field, now));
        if same_run {
            return;
        }
        self.undo.push(current.clone());
        if self.undo.len() > Self::LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn undo(&mut self, current: &crate::article::Article) -> Option<crate::article::Article> {
        let prev = self.undo.pop()?;
        self.redo.push(current.clone());
        self.last = None;
        Some(prev)
    }

    pub fn redo(&mut self, current: &crate::article::Article) -> Option<crate::article::Article> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.last = None;
        Some(next)
    }
}

fn set(a: &mut crate::article::Article, id: u32, f: impl FnOnce(&mut crate::article::Photo)) {
    if let Some(p) = a.photo_mut(id) {
        f(p);
    }
}

/// Focuses the widget for a check problem's field (`photo:3` focuses its caption).
fn focus_field<T: Send + 'static>(field: &str) -> Task<T> {
    let id = if field.starts_with("photo:") && field.matches(':').count() == 1 {
        format!("{field}:caption")
    } else {
        field.to_owned()
    };
    iced::widget::operation::focus(iced::widget::Id::from(id))
}
