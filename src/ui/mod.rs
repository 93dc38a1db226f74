//! The window. `App` routes: it owns navigation between the screens, the
//! dialogs, the settings, the export and the status line; each screen owns
//! its state and its work and says what it needs through an `Action`.

pub mod chrome;
pub mod dialog;
pub mod export;
pub mod i18n;
pub mod screen;
pub mod shortcut;
mod spelling;
pub mod task;
pub mod theme;
pub mod widget;
pub mod window;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use iced::widget::column;
use iced::{Element, Fill, Subscription, Task, Theme, window as iced_window};

use crate::draft::{Draft, Store, Summary};
use crate::error::Error;
use crate::lang::Lang;
use crate::photo::PhotoOptions;
use crate::session::Session;
use crate::settings::Settings;
use chrome::Status;
use dialog::path_prompt::{self, PathPrompt, Purpose};
use i18n::T;
use screen::{drafts, editor, settings as settings_screen};

pub use shortcut::{Shortcut, shortcut};
pub use window::{FONT_NAME, run};

#[derive(Debug, Clone)]
pub enum Message {
    Drafts(drafts::Message),
    Editor(editor::Message),
    Settings(settings_screen::Message),
    Path(path_prompt::Message),
    Export(export::Message),
    ShowSettings,
    TrashListed(Result<Vec<Summary>, Error>),
    OpenInBrowser,
    Listed(Result<drafts::Listing, Error>),
    /// A draft opened for editing (off the UI thread), or why not.
    Opened(Result<Box<Session>, Error>),
    SettingsSaved(Result<(), Error>),
    Tick,
    /// The file dialog's answer, and how long it took to come (an answer
    /// within 150 ms means no dialog could be shown).
    PhotosPicked(Option<Vec<PathBuf>>, Duration),
    ExportTo(Option<PathBuf>, Duration),
    ImportPicked(Option<PathBuf>, Duration),
    Imported(Result<(String, Vec<crate::import::ImportNotice>), Error>),
    Shortcut(Shortcut),
    /// An input method's word in progress (empty: it ended).
    Preedit(String),
    FileDropped(PathBuf),
    CloseRequested(iced_window::Id),
    Resized(f32),
    /// The screen the window opened on (to fit a small laptop screen).
    Monitor(iced_window::Id, Option<iced::Size>),
    SwitchLang,
    OpenFolder(PathBuf),
    Done(Result<(), Error>),
    /// The spell checker (word list included), loaded off the UI thread.
    SpellerLoaded(Arc<crate::text::spell::Checker>, Vec<Error>),
    SpellSettings(screen::settings_spelling::Message),
}

enum Screen {
    Drafts,
    Editor(Box<editor::Editor>),
    Settings,
}

pub struct App {
    store: Store,
    settings: Settings,
    lang: Lang,
    drafts: drafts::Drafts,
    screen: Screen,
    status: Option<Status>,
    exporter: export::Exporter,
    path_prompt: Option<PathPrompt>,
    /// The window's width, to choose between preview beside the form and a full preview.
    width: f32,
    /// Where "Quay lại" from the settings goes.
    settings_return_to_editor: Option<Box<editor::Editor>>,
    /// Settings saves asked for, and the last one written.
    settings_seq: u64,
    settings_written: Arc<Mutex<u64>>,
    /// The window was fitted to a small screen (or found big enough).
    fitted: bool,
    speller: Arc<crate::text::spell::Checker>,
    spell_settings: screen::settings_spelling::SpellSettings,
}

impl App {
    /// A window over `store`, showing the drafts list (tests build it directly).
    pub fn new(store: Store, settings: Settings, lang: Lang) -> App {
        App {
            speller: App::first_speller(&settings, store.home()),
            spell_settings: Default::default(),
            drafts: drafts::Drafts::default(),
            store,
            settings,
            lang,
            screen: Screen::Drafts,
            status: None,
            exporter: export::Exporter::default(),
            path_prompt: None,
            settings_return_to_editor: None,
            width: 1280.0,
            settings_seq: 0,
            settings_written: Default::default(),
            fitted: false,
        }
    }

    fn editor(&self) -> Option<&editor::Editor> {
        match &self.screen {
            Screen::Editor(ed) => Some(ed),
            _ => None,
        }
    }

    fn editor_mut(&mut self) -> Option<&mut editor::Editor> {
        match &mut self.screen {
            Screen::Editor(ed) => Some(ed),
            _ => None,
        }
    }

    /// The open article, if the editor is showing.
    pub fn article(&self) -> Option<&crate::article::Article> {
        self.editor().map(|ed| ed.article())
    }

    /// The open draft's folder, if the editor is showing.
    pub fn draft_dir(&self) -> Option<&std::path::Path> {
        self.editor().map(|ed| ed.session.dir())
    }

    /// The problems the check lists beside the preview.
    pub fn problems(&self) -> &[crate::check::Problem] {
        self.editor().map_or(&[], |ed| &ed.problems)
    }

    /// The last message shown in the status bar, and whether it is an error.
    pub fn status(&self) -> Option<(&str, bool)> {
        self.status.as_ref().map(|s| (s.text.as_str(), s.is_error))
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The picture the preview shows for photo `id` (its preview copy).
    pub fn preview_image(&self, id: u32) -> Option<&iced::widget::image::Handle> {
        self.editor().and_then(|ed| ed.images.get(&id))
    }

    /// The fonts the window loads, for tests that draw it headless.
    pub fn fonts() -> Vec<std::borrow::Cow<'static, [u8]>> {
        window::fonts()
    }

    fn zoom(&self) -> f32 {
        self.settings.zoom
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status::info(text));
    }

    /// Shows a failure in the status bar.
    fn report(&mut self, r: Result<(), Error>) -> Task<Message> {
        if let Err(e) = r {
            self.fail(&e);
        }
        Task::none()
    }

    /// Shows `e` in the status bar.
    fn fail(&mut self, e: &Error) {
        self.status = Some(Status::error(e, self.lang));
    }

    fn boot(lang_flag: Option<&str>, open: Option<PathBuf>) -> (App, Task<Message>) {
        let store = Store::open_default()
            .unwrap_or_else(|_| Store::new(std::env::temp_dir().join("tinxa")));
        let settings = crate::settings::Settings::load(store.home());
        let lang = Lang::choose(lang_flag, Some(settings.lang));
        let mut app = App::new(store.clone(), settings, lang);
        let first = match open {
            Some(dir) => Draft::load(&dir).map(Some),
            None => crate::sample::place_on_first_start(&store),
        };
        let task = match first {
            Ok(Some(d)) => app.open_editor(Session::open(d)),
            Ok(None) => Task::none(),
            Err(e) => {
                app.fail(&e);
                Task::none()
            }
        };
        let list = app.refresh_list();
        let speller = app.load_speller();
        (app, Task::batch([task, list, speller]))
    }

    fn refresh_list(&self) -> Task<Message> {
        let store = self.store.clone();
        Task::perform(
            task::try_blocking(move || drafts::Listing::read(&store)),
            Message::Listed,
        )
    }

    fn open_editor(&mut self, session: Session) -> Task<Message> {
        for n in &session.draft.notices {
            self.say(n.message(self.lang));
        }
        for e in &session.notices {
            self.fail(e);
        }
        let (ed, previews) = editor::Editor::new(
            session,
            &self.settings,
            self.lang,
            self.width >= theme::WIDE,
        );
        self.screen = Screen::Editor(Box::new(ed));
        self.give_speller();
        previews.map(Message::Editor)
    }

    /// Saves at once (closing, switching drafts): the reporter is leaving,
    /// so waiting here is right.
    pub fn save_now(&mut self) -> Result<(), Error> {
        // Leaving from the settings screen: the editor waiting behind it
        // is the one to save (and to let go of its draft).
        if matches!(self.screen, Screen::Settings)
            && let Some(ed) = self.settings_return_to_editor.take()
        {
            self.screen = Screen::Editor(ed);
        }
        let Some(ed) = self.editor_mut() else {
            return Ok(());
        };
        if let Some(warning) = ed.save_now()? {
            self.fail(&warning);
        }
        Ok(())
    }

    /// Saves and closes the editor (if one is open), then shows `next`.
    fn leave_editor(&mut self) -> bool {
        if let Err(e) = self.save_now() {
            self.fail(&e);
            return false;
        }
        if let Some(ed) = self.editor_mut() {
            ed.close();
        }
        true
    }

    pub fn title(&self) -> String {
        match self.editor() {
            None => T::AppName.tr(self.lang).to_owned(),
            Some(ed) => {
                let t = &ed.article().title;
                let t = if t.is_empty() {
                    T::Untitled.tr(self.lang)
                } else {
                    t
                };
                let mark = match ed.save_state() {
                    crate::session::SaveState::Saving | crate::session::SaveState::Unsaved => " •",
                    _ => "",
                };
                format!("{t}{mark} — Tin Xã")
            }
        }
    }

    fn theme(&self) -> Theme {
        theme::of(self.settings.theme)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        shortcut::subscription()
    }

    fn photo_options(&self) -> PhotoOptions {
        PhotoOptions {
            max_side: self.settings.photo_max_side,
            quality: self.settings.photo_quality,
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Drafts(m) => self.drafts_action(m),
            Message::Done(r) => {
                if let Err(e) = r {
                    self.fail(&e);
                }
                if self.drafts.trash.is_some() {
                    return Task::batch([self.refresh_list(), self.list_trash()]);
                }
                self.refresh_list()
            }
            Message::Editor(m) => {
                let Screen::Editor(ed) = &mut self.screen else {
                    return Task::none();
                };
                let action = ed.update(m, &self.settings, self.lang);
                self.editor_action(action)
            }
            Message::Listed(r) => {
                let r = r.map(|l| self.drafts.set_listing(l));
                self.report(r)
            }
            Message::Opened(r) => match r {
                Ok(session) => {
                    if !self.leave_editor() {
                        return Task::none();
                    }
                    Task::batch([self.open_editor(*session), self.refresh_list()])
                }
                Err(e) => {
                    self.fail(&e);
                    Task::none()
                }
            },
            Message::SettingsSaved(r) => self.report(r),
            Message::Tick => {
                let mut tasks = Vec::new();
                if !self.fitted {
                    // Once, when the window surely exists (the open event
                    // can come before the subscriptions are listening).
                    self.fitted = true;
                    tasks.push(window::find_screen());
                }
                let (settings, lang) = (&self.settings, self.lang);
                if let Screen::Editor(ed) = &mut self.screen {
                    tasks.push(ed.tick(settings, lang).map(Message::Editor));
                }
                Task::batch(tasks)
            }
            Message::PhotosPicked(paths, took) => match paths {
                Some(paths) => self.add_photos(paths),
                None => self.dialog_failed(took, Purpose::AddPhoto),
            },
            // A Word, text or Markdown file dropped on the window is imported
            // as a new draft; anything else is offered as a photo.
            Message::FileDropped(p) if dialog::files::is_import(&p) => self.import(p),
            Message::FileDropped(p) => self.add_photos(vec![p]),
            Message::ExportTo(path, took) => {
                let Some(path) = path else {
                    return self.dialog_failed(took, Purpose::Export);
                };
                let Some(draft) = self.editor().map(|ed| ed.session.draft.clone()) else {
                    return Task::none();
                };
                self.settings.export_dir = path.parent().map(|p| p.to_path_buf());
                let saved = self.save_settings();
                let photo = self.photo_options();
                let run = self.exporter.start(draft, path, photo).map(Message::Export);
                Task::batch([saved, run])
            }
            Message::Export(m) => {
                let (said, work) = self.exporter.update(m, self.lang);
                if said.is_some() {
                    self.status = said;
                }
                work.map(Message::Export)
            }
            Message::OpenInBrowser => {
                let Some(draft) = self.editor().map(|ed| ed.session.draft.clone()) else {
                    return Task::none();
                };
                let photo = self.photo_options();
                self.exporter.html(draft, photo).map(Message::Export)
            }
            Message::ImportPicked(p, took) => match p {
                Some(p) => self.import(p),
                None => self.dialog_failed(took, Purpose::Import),
            },
            Message::Imported(r) => match r {
                Ok((id, notices)) => {
                    // "Đã chuyển mã…", "có vẻ là TCVN3…", a photo skipped: say it.
                    if let Some(n) = notices.last() {
                        let text: Vec<String> =
                            notices.iter().map(|n| n.message(self.lang)).collect();
                        self.status = Some(Status {
                            text: text.join(" "),
                            is_error: matches!(
                                n,
                                crate::import::ImportNotice::PhotoSkipped(_)
                                    | crate::import::ImportNotice::Rich(
                                        crate::import::rich::Note::PhotoRejected(_)
                                    )
                            ),
                        });
                    }
                    Task::batch([self.refresh_list(), self.open_task(id)])
                }
                Err(e) => {
                    self.fail(&e);
                    Task::none()
                }
            },
            Message::Shortcut(s) => self.shortcut(s),
            Message::Preedit(content) => match &mut self.screen {
                Screen::Editor(ed) => ed.preedit(content).map(Message::Editor),
                _ => Task::none(),
            },
            Message::Settings(m) => match settings_screen::update(&mut self.settings, m) {
                settings_screen::Action::None => Task::none(),
                settings_screen::Action::Changed => {
                    self.lang = self.settings.lang;
                    Task::batch([self.save_settings(), self.settings_changed()])
                }
                settings_screen::Action::OpenDataFolder => {
                    let home = self.store.home().to_path_buf();
                    self.open_folder(&home)
                }
                settings_screen::Action::Back => {
                    self.screen = match self.settings_return_to_editor.take() {
                        Some(mut ed) => {
                            ed.refresh(&self.settings, self.lang);
                            Screen::Editor(ed)
                        }
                        None => Screen::Drafts,
                    };
                    Task::none()
                }
            },
            Message::ShowSettings => {
                let previous = std::mem::replace(&mut self.screen, Screen::Settings);
                if let Screen::Editor(ed) = previous {
                    self.settings_return_to_editor = Some(ed);
                }
                self.open_spell_settings()
            }
            Message::TrashListed(r) => {
                let r = r.map(|l| self.drafts.trash = Some(l));
                self.report(r)
            }
            Message::Path(m) => {
                let title = self.article().map(|a| a.title.clone()).unwrap_or_default();
                let format = self.exporter.format;
                let Some(prompt) = &mut self.path_prompt else {
                    return Task::none();
                };
                let action = prompt.update(m, &title, format);
                if !matches!(action, path_prompt::Action::None) {
                    self.path_prompt = None;
                }
                match action {
                    path_prompt::Action::None | path_prompt::Action::Close => Task::none(),
                    path_prompt::Action::Export(target) => {
                        self.update(Message::ExportTo(Some(target), Duration::from_secs(1)))
                    }
                    path_prompt::Action::Chosen(Purpose::Import, path) => {
                        self.update(Message::ImportPicked(Some(path), Duration::from_secs(1)))
                    }
                    path_prompt::Action::Chosen(_, path) => self.add_photos(vec![path]),
                }
            }
            Message::CloseRequested(id) => {
                if self.leave_editor() {
                    iced_window::close(id)
                } else {
                    // Do not close over unsaved work: the status says why.
                    Task::none()
                }
            }
            Message::Monitor(id, screen) => window::fit(id, screen),
            Message::Resized(w) => {
                self.width = w;
                if let Screen::Editor(ed) = &mut self.screen {
                    ed.set_wide(w >= theme::WIDE);
                }
                Task::none()
            }
            Message::SwitchLang => {
                self.lang = match self.lang {
                    Lang::Vi => Lang::En,
                    Lang::En => Lang::Vi,
                };
                self.settings.lang = self.lang;
                let (settings, lang) = (&self.settings, self.lang);
                if let Screen::Editor(ed) = &mut self.screen {
                    ed.refresh(settings, lang);
                }
                self.save_settings()
            }
            Message::OpenFolder(p) => self.open_folder(&p),
            Message::SpellerLoaded(c, errors) => {
                self.speller_loaded(c, errors);
                Task::none()
            }
            Message::SpellSettings(m) => self.spell_settings_update(m),
        }
    }

    fn open_folder(&mut self, p: &std::path::Path) -> Task<Message> {
        if let Err(e) = task::open_in_system(p) {
            self.fail(&e);
        }
        Task::none()
    }

    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::New => self.new_draft(),
            Shortcut::Drafts => self.go_to_drafts(),
            Shortcut::NextField => iced::widget::operation::focus_next(),
            Shortcut::PreviousField => iced::widget::operation::focus_previous(),
            other => shortcut::message(other).map_or(Task::none(), |m| self.update(m)),
        }
    }

    fn drafts_action(&mut self, m: drafts::Message) -> Task<Message> {
        let store = self.store.clone();
        let done = |f: Box<dyn FnOnce() -> Result<(), Error> + Send>| {
            Task::perform(task::try_blocking(f), Message::Done)
        };
        match self.drafts.update(m) {
            drafts::Action::None => Task::none(),
            drafts::Action::Open(id) => self.open_task(id),
            drafts::Action::New => self.new_draft(),
            drafts::Action::Duplicate(id) => {
                done(Box::new(move || store.duplicate(&id).map(|_| ())))
            }
            drafts::Action::Delete(id) => {
                self.say(T::DeletedDraft.tr(self.lang));
                done(Box::new(move || store.trash(&id)))
            }
            drafts::Action::Restore(id) => done(Box::new(move || store.restore(&id))),
            drafts::Action::ShowTrash => self.list_trash(),
            drafts::Action::EmptyTrash => {
                self.drafts.trash = Some(Vec::new());
                done(Box::new(move || store.empty_trash().map(|_| ())))
            }
            drafts::Action::Import => dialog::files::pick_import(),
        }
    }

    fn list_trash(&self) -> Task<Message> {
        let store = self.store.clone();
        Task::perform(
            task::try_blocking(move || store.list_trash()),
            Message::TrashListed,
        )
    }

    fn editor_action(&mut self, action: editor::Action) -> Task<Message> {
        match action {
            editor::Action::None => Task::none(),
            editor::Action::Run(t) => t.map(Message::Editor),
            editor::Action::Back => self.go_to_drafts(),
            editor::Action::Say(msg) => {
                self.say(msg);
                Task::none()
            }
            editor::Action::Fail(e) => {
                self.fail(&e);
                Task::none()
            }
            editor::Action::SaveFailed(e) => {
                let hint = T::SaveFailedHint.tr(self.lang);
                self.status = Some(Status::error(&e, self.lang).with(hint));
                Task::none()
            }
            editor::Action::Saved => {
                if self.status.as_ref().is_some_and(|s| s.is_error) {
                    self.status = None;
                }
                Task::none()
            }
            editor::Action::AddPhotos => dialog::files::pick_photos(),
            editor::Action::AddToDictionary(word) => self.add_to_dictionary(word),
            editor::Action::Export => {
                let ext = self.exporter.format.ext();
                let title = self.article().map(|a| a.title.as_str()).unwrap_or("");
                let name = format!("{}.{ext}", crate::text::slug(title));
                dialog::files::save_export(name, ext, self.settings.export_dir.clone())
            }
        }
    }

    /// rfd answers None at once when no dialog can be shown at all (no
    /// portal, no zenity): say so and offer a path field instead.
    fn dialog_failed(&mut self, took: Duration, purpose: Purpose) -> Task<Message> {
        if took >= dialog::files::NO_DIALOG {
            return Task::none(); // the reporter cancelled
        }
        self.fail(&Error::Invalid {
            vi: T::DialogUnavailable.tr(Lang::Vi).to_owned(),
            en: T::DialogUnavailable.tr(Lang::En).to_owned(),
        });
        let value = match purpose {
            Purpose::Export => {
                let dir = self.settings.export_dir.clone().unwrap_or_else(|| {
                    directories::UserDirs::new()
                        .map(|u| u.home_dir().to_path_buf())
                        .unwrap_or_default()
                });
                let title = self.article().map(|a| a.title.as_str()).unwrap_or("");
                dir.join(format!(
                    "{}.{}",
                    crate::text::slug(title),
                    self.exporter.format.ext()
                ))
                .display()
                .to_string()
            }
            _ => String::new(),
        };
        self.path_prompt = Some(PathPrompt::new(purpose, value));
        // Ready to type (or to press Enter on the proposed export path).
        iced::widget::operation::focus(path_prompt::FIELD_ID)
    }

    /// Imports `p` (Word, text or Markdown) as a new draft off the UI thread;
    /// `Message::Imported` opens it and shows the import report.
    fn import(&mut self, p: PathBuf) -> Task<Message> {
        let store = self.store.clone();
        Task::perform(
            task::try_blocking(move || {
                crate::import::import_file(&store, &p).map(|(d, notices)| (d.id, notices))
            }),
            Message::Imported,
        )
    }

    fn add_photos(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        self.update(Message::Editor(editor::Message::AddPhotoFiles(paths)))
    }

    /// Loads a draft and opens a session on it (off the UI thread).
    fn open_task(&self, id: String) -> Task<Message> {
        let store = self.store.clone();
        Task::perform(
            task::try_blocking(move || store.open(&id).map(|d| Box::new(Session::open(d)))),
            Message::Opened,
        )
    }

    fn new_draft(&mut self) -> Task<Message> {
        if let Err(e) = self.save_now() {
            self.fail(&e);
            return Task::none();
        }
        let mut a = crate::article::Article::new();
        a.byline = self.settings.default_byline.clone();
        a.place = self.settings.default_place.clone();
        let store = self.store.clone();
        Task::perform(
            task::try_blocking(move || store.create(a).map(|d| Box::new(Session::open(d)))),
            Message::Opened,
        )
    }

    /// Writes the settings off the UI thread. Saves run in the order they
    /// were asked for: an older one that comes late does not overwrite.
    fn save_settings(&mut self) -> Task<Message> {
        self.settings_seq += 1;
        let seq = self.settings_seq;
        let written = self.settings_written.clone();
        let settings = self.settings.clone();
        let home = self.store.home().to_path_buf();
        Task::perform(
            task::try_blocking(move || {
                let mut last = written.lock().unwrap_or_else(|e| e.into_inner());
                if *last > seq {
                    return Ok(());
                }
                *last = seq;
                settings.save(&home)
            }),
            Message::SettingsSaved,
        )
    }

    fn go_to_drafts(&mut self) -> Task<Message> {
        if !self.leave_editor() {
            return Task::none();
        }
        self.screen = Screen::Drafts;
        self.refresh_list()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let body: Element<'_, Message> = match &self.screen {
            Screen::Drafts => self.drafts.view(lang).map(Message::Drafts),
            Screen::Editor(ed) => ed.view(lang).map(Message::Editor),
            Screen::Settings => self.settings_view(),
        };
        let body: Element<'_, Message> = match &self.path_prompt {
            None => body,
            Some(p) => column![p.view(lang).map(Message::Path), body].into(),
        };
        column![
            chrome::toolbar(lang, self.editor().is_some(), &self.exporter),
            iced::widget::container(body).height(Fill).width(Fill),
            chrome::status_bar(lang, self.editor(), &self.exporter, self.status.as_ref()),
        ]
        .into()
    }
}
