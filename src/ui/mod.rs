//! The window: the app owns navigation, saving, dialogs and file work; the
//! screens own their state and say what they need through an `Action`.

pub mod i18n;
pub mod preview;
pub mod screen;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use iced::keyboard::{self, Key};
use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill, Font, Subscription, Task, Theme, event, window};

use crate::draft::{self, Draft, Store, Summary};
use crate::error::Error;
use crate::export;
use crate::lang::Lang;
use crate::photo::PhotoOptions;
use crate::settings::{Settings, ThemeChoice};
use i18n::T;
use screen::{drafts, editor, settings as settings_screen};

pub const FONT_NAME: &str = "Noto Sans";
/// Long side of the preview-size photo copies: the preview column is about
/// 560 px wide at 1366×768. iced decodes every copy to RGBA to lay the
/// preview out (even photos scrolled out of view) and keeps it, so each
/// pixel here costs four bytes of memory per photo: 600 px is ten photos in
/// 11 MB (720 px took 15.5 MB).
const PREVIEW_SIDE: u32 = 600;
/// From this logical width on, the preview sits beside the form.
const WIDE: f32 = 1000.0;
/// The window's size on a screen with room for it.
const DEFAULT_SIZE: (f32, f32) = (1280.0, 760.0);
/// Per-draft cache of preview-size photo copies and thumbnails.
pub const CACHE_DIR: &str = ".cache";

/// Opens the window; returns the process exit code.
pub fn run(lang_flag: Option<&str>, open: Option<PathBuf>) -> i32 {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "tinxa: không có màn hình (DISPLAY/WAYLAND_DISPLAY chưa đặt); dùng các lệnh, xem `tinxa --help` / no display: use the command line, see `tinxa --help`."
        );
        return 2;
    }
    let flag = lang_flag.map(str::to_owned);
    let result = iced::application(
        move || App::boot(flag.as_deref(), open.clone()),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .font(include_bytes!("../../assets/fonts/NotoSans-Regular.ttf").as_slice())
    .font(include_bytes!("../../assets/fonts/NotoSans-Bold.ttf").as_slice())
    .font(include_bytes!("../../assets/fonts/NotoSans-Italic.ttf").as_slice())
    .default_font(Font::with_name(FONT_NAME))
    .scale_factor(|app: &App| app.settings.zoom)
    .window(window_settings())
    .window_size(DEFAULT_SIZE)
    .exit_on_close_request(false)
    .run();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("tinxa: {e}");
            2
        }
    }
}

/// The window's icon (title bar and taskbar on Windows: winit registers its
/// window class with no icon, and the one embedded in the .exe is not used
/// for the window by itself; _NET_WM_ICON on X11) and,
/// on Linux, the application id `tinxa` (X11 WM_CLASS, Wayland app_id) that
/// ties the window to `tinxa.desktop`.
fn window_settings() -> window::Settings {
    window::Settings {
        icon: window::icon::from_file_data(
            include_bytes!("../../assets/icons/tinxa-256.png"),
            None,
        )
        .ok(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: "tinxa".to_owned(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Drafts(drafts::Message),
    Editor(editor::Message),
    Settings(settings_screen::Message),
    ShowSettings,
    TrashListed(Result<Vec<Summary>, Error>),
    ExportFormat(export::Format),
    CopyHtml,
    OpenInBrowser,
    HtmlReady(HtmlUse, Result<String, Error>),
    PathTyped(String),
    PathConfirmed,
    PathCancelled,
    Listed(Result<drafts::Listing, Error>),
    Opened(Result<Box<Opening>, Error>),
    Journaled(Result<(), Error>),
    SettingsSaved(Result<(), Error>),
    /// The lock refresh found someone else holding the draft.
    LockChecked(Result<Option<crate::lock::Holder>, Error>),
    Saved(Result<(), Error>),
    Tick,
    PhotosPicked(Option<Vec<PathBuf>>, Duration),
    PhotoCopied(Result<String, Error>),
    Preview(u32, Result<PhotoCopies, Error>),
    ExportTo(Option<PathBuf>, Duration),
    ExportProgress(usize, usize),
    Exported(Result<PathBuf, Error>),
    ImportPicked(Option<PathBuf>, Duration),
    Imported(Result<(String, Vec<crate::import::ImportNotice>), Error>),
    Shortcut(Shortcut),
    FileDropped(PathBuf),
    CloseRequested(window::Id),
    Resized(f32),
    /// The screen the window opened on (to fit a small laptop screen).
    Monitor(window::Id, Option<iced::Size>),
    WindowOpened(window::Id),
    SwitchLang,
    OpenFolder(PathBuf),
    Done(Result<(), Error>),
}

#[derive(Debug, Clone, Copy)]
pub enum Shortcut {
    Save,
    New,
    Drafts,
    Export,
    Preview,
    Undo,
    Redo,
    Bold,
    Italic,
    ZoomIn,
    ZoomOut,
    NextField,
    PreviousField,
    Find,
}

/// A photo's copies for the window: the preview-size one, the card's small
/// thumbnail, and the original's long side (for the check).
#[derive(Debug, Clone)]
pub struct PhotoCopies {
    pub preview: Vec<u8>,
    pub thumb: Option<Vec<u8>>,
    pub long_side: u32,
}

/// What an in-memory HTML page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlUse {
    Clipboard,
    Browser,
}

/// Why the reporter is typing a path (no native dialog could be shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Export,
    AddPhoto,
    Import,
}

pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub value: String,
    /// The export target exists: the next confirm overwrites it.
    pub confirm_overwrite: bool,
}

/// A draft ready for the editor: loaded, its lock taken (or who holds it),
/// and any unfinished session found in its journal.
#[derive(Debug, Clone)]
pub struct Opening {
    pub draft: Draft,
    pub lock: Option<editor::SharedLock>,
    pub busy: Option<crate::lock::Holder>,
    pub pending: Option<crate::journal::Pending>,
}

impl Opening {
    /// Takes the draft's lock for this window and looks for an unfinished
    /// session. Blocking file work: run it off the UI thread.
    pub fn claim(mut draft: Draft) -> Opening {
        use crate::lock::{Acquired, Lock};
        // Before our own lock exists: a journal under a live lock is not ours.
        let pending = crate::journal::pending(&draft.dir);
        if let Some(p) = &pending {
            // Kept at once, so a second crash before the reporter decides
            // cannot lose it.
            let _ = crate::history::keep_once(
                &draft.dir,
                &p.entry.article,
                crate::history::Kind::Recovered,
            );
        }
        let (lock, busy) = if draft.read_only {
            (None, None)
        } else {
            match Lock::acquire(&draft.dir, "window") {
                Ok(Acquired::Held(l)) => {
                    (Some(std::sync::Arc::new(std::sync::Mutex::new(l))), None)
                }
                Ok(Acquired::Busy(h)) => {
                    draft.read_only = true;
                    (None, Some(h))
                }
                // No lock can be written (a read-only folder): saving will
                // fail there too, with its own message.
                Err(_) => (None, None),
            }
        };
        Opening {
            draft,
            lock,
            busy,
            pending,
        }
    }
}

/// Refuses to write when someone took the draft over.
pub(crate) fn check_lock(lock: Option<&editor::SharedLock>) -> Result<(), Error> {
    if let Some(l) = lock {
        let l = l.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(holder) = l.taken_by() {
            return Err(Error::TakenOver {
                holder: Box::new(holder),
            });
        }
    }
    Ok(())
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
    saving: bool,
    saved_at: Option<chrono::DateTime<chrono::Local>>,
    /// The last message for the reporter, and whether it is an error.
    status: Option<(String, bool)>,
    exported: Option<PathBuf>,
    export_format: export::Format,
    exporting: bool,
    path_prompt: Option<PathPrompt>,
    /// When the last autosave failed (retries wait for a change or 10 s).
    save_failed: Option<Instant>,
    /// The window's width, to choose between preview beside the form and a full preview.
    width: f32,
    /// Where "Quay lại" from the settings goes.
    settings_return_to_editor: Option<Box<editor::Editor>>,
    /// A journal write is under way.
    journaling: bool,
    /// When the lock was last refreshed.
    lock_checked: Instant,
    /// Photos processed of the export under way: (done, of).
    export_progress: Option<(usize, usize)>,
    /// Settings saves asked for, and the last one written.
    settings_seq: u64,
    /// The window was fitted to a small screen (or found big enough).
    fitted: bool,
    settings_written: std::sync::Arc<std::sync::Mutex<u64>>,
}

/// Runs blocking file work on tokio's blocking pool, off the UI thread.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("worker thread")
}

impl App {
    /// A window over `store`, showing the drafts list (tests build it directly).
    pub fn new(store: Store, settings: Settings, lang: Lang) -> App {
        App {
            drafts: drafts::Drafts::default(),
            store,
            settings,
            lang,
            screen: Screen::Drafts,
            saving: false,
            saved_at: None,
            status: None,
            exported: None,
            export_format: export::Format::Html,
            exporting: false,
            path_prompt: None,
            settings_return_to_editor: None,
            width: 1280.0,
            save_failed: None,
            journaling: false,
            lock_checked: Instant::now(),
            export_progress: None,
            settings_seq: 0,
            fitted: false,
            settings_written: Default::default(),
        }
    }

    /// The open article, if the editor is showing.
    pub fn article(&self) -> Option<&crate::article::Article> {
        match &self.screen {
            Screen::Editor(ed) => Some(&ed.draft.article),
            _ => None,
        }
    }

    /// The open draft's folder, if the editor is showing.
    pub fn draft_dir(&self) -> Option<&std::path::Path> {
        match &self.screen {
            Screen::Editor(ed) => Some(&ed.draft.dir),
            _ => None,
        }
    }

    /// The problems the check lists beside the preview.
    pub fn problems(&self) -> &[crate::check::Problem] {
        match &self.screen {
            Screen::Editor(ed) => &ed.problems,
            _ => &[],
        }
    }

    /// The last message shown in the status bar, and whether it is an error.
    pub fn status(&self) -> Option<(&str, bool)> {
        self.status.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The fonts the window loads, for tests that draw it headless.
    pub fn fonts() -> Vec<std::borrow::Cow<'static, [u8]>> {
        vec![
            include_bytes!("../../assets/fonts/NotoSans-Regular.ttf")
                .as_slice()
                .into(),
            include_bytes!("../../assets/fonts/NotoSans-Bold.ttf")
                .as_slice()
                .into(),
            include_bytes!("../../assets/fonts/NotoSans-Italic.ttf")
                .as_slice()
                .into(),
        ]
    }

    fn boot(lang_flag: Option<&str>, open: Option<PathBuf>) -> (App, Task<Message>) {
        let store = Store::open_default()
            .unwrap_or_else(|_| Store::new(std::env::temp_dir().join("tinxa")));
        let settings = Settings::load(store.home());
        let lang = crate::cli::pick_lang(lang_flag, Some(&settings));
        let mut app = App::new(store.clone(), settings, lang);
        let first = match open {
            Some(dir) => Draft::load(&dir).map(Some),
            None => crate::sample::place_on_first_start(&store),
        };
        let task = match first {
            Ok(Some(d)) => app.open_editor(Opening::claim(d)),
            Ok(None) => Task::none(),
            Err(e) => {
                app.status = Some((e.message(lang), true));
                Task::none()
            }
        };
        let list = app.refresh_list();
        (app, Task::batch([task, list]))
    }

    fn refresh_list(&self) -> Task<Message> {
        let store = self.store.clone();
        Task::perform(
            blocking(move || drafts::Listing::read(&store)),
            Message::Listed,
        )
    }

    fn open_editor(&mut self, opening: Opening) -> Task<Message> {
        let Opening {
            draft,
            lock,
            busy,
            pending,
        } = opening;
        for n in &draft.notices {
            self.status = Some((n.message(self.lang), false));
        }
        let tasks: Vec<Task<Message>> = draft
            .article
            .photos
            .iter()
            .map(|p| preview_task(&draft, p.id))
            .collect();
        let mut ed = editor::Editor::new(draft, &self.settings, self.lang);
        ed.lock = lock;
        ed.busy = busy;
        ed.pending = pending;
        self.lock_checked = Instant::now();
        ed.wide = self.width >= WIDE;
        ed.show_preview = ed.wide;
        self.screen = Screen::Editor(Box::new(ed));
        self.saved_at = None;
        Task::batch(tasks)
    }

    /// Saves the open draft off the UI thread.
    fn start_save(&mut self) -> Task<Message> {
        let Screen::Editor(ed) = &mut self.screen else {
            return Task::none();
        };
        if self.saving || ed.draft.read_only {
            return Task::none();
        }
        ed.dirty = false;
        self.saving = true;
        ed.draft.article.updated = chrono::Utc::now();
        let dir = ed.draft.dir.clone();
        let article = ed.draft.article.clone();
        let lock = ed.lock_handle();
        let journal = ed.journal.clone();
        Task::perform(
            blocking(move || save_locked(&dir, &article, lock.as_ref(), &journal)),
            Message::Saved,
        )
    }

    /// Saves at once (closing, switching drafts): a small file, written
    /// atomically; the reporter is leaving, so waiting here is right.
    pub fn save_now(&mut self) -> Result<(), Error> {
        // Leaving from the settings screen: the editor waiting behind it
        // is the one to save (and to let go of its draft).
        if matches!(self.screen, Screen::Settings)
            && let Some(ed) = self.settings_return_to_editor.take()
        {
            self.screen = Screen::Editor(ed);
        }
        if let Screen::Editor(ed) = &mut self.screen
            && (ed.dirty || self.saving)
            && !ed.draft.read_only
        {
            ed.draft.article.updated = chrono::Utc::now();
            let lock = ed.lock_handle();
            if let Err(e) =
                save_locked(&ed.draft.dir, &ed.draft.article, lock.as_ref(), &ed.journal)
            {
                if let Error::TakenOver { holder } = &e {
                    ed.lost_lock((**holder).clone());
                }
                return Err(e);
            }
            ed.dirty = false;
            let _ = ed.draft.remove_unused_photos();
        }
        Ok(())
    }

    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Drafts | Screen::Settings => T::AppName.tr(self.lang).to_owned(),
            Screen::Editor(ed) => {
                let t = &ed.draft.article.title;
                let t = if t.is_empty() {
                    T::Untitled.tr(self.lang)
                } else {
                    t
                };
                let mark = if ed.dirty || self.saving { " •" } else { "" };
                format!("{t}{mark} — Tin Xã")
            }
        }
    }

    fn theme(&self) -> Theme {
        match self.settings.theme {
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::Dark => Theme::Dark,
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let keys = event::listen_with(|ev, status, _window| match ev {
            iced::Event::Keyboard(keyboard::Event::KeyPressed {
                key: Key::Character(c),
                modifiers,
                ..
            }) if modifiers.command() => {
                shortcut(c.as_str(), modifiers.shift()).map(Message::Shortcut)
            }
            // Tab moves between fields when no widget used it.
            iced::Event::Keyboard(keyboard::Event::KeyPressed {
                key: Key::Named(keyboard::key::Named::Tab),
                modifiers,
                ..
            }) if status == event::Status::Ignored => {
                Some(Message::Shortcut(if modifiers.shift() {
                    Shortcut::PreviousField
                } else {
                    Shortcut::NextField
                }))
            }
            iced::Event::Window(window::Event::FileDropped(p)) => Some(Message::FileDropped(p)),
            iced::Event::Window(window::Event::Resized(size)) => Some(Message::Resized(size.width)),
            _ => None,
        });
        Subscription::batch([
            keys,
            window::close_requests().map(Message::CloseRequested),
            iced::time::every(Duration::from_millis(300)).map(|_| Message::Tick),
        ])
    }

    fn photo_options(&self) -> PhotoOptions {
        PhotoOptions {
            max_side: self.settings.photo_max_side,
            quality: self.settings.photo_quality,
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Drafts(m) => match self.drafts.update(m) {
                drafts::Action::None => Task::none(),
                drafts::Action::Open(id) => open_task(&self.store, id),
                drafts::Action::New => self.new_draft(),
                drafts::Action::Duplicate(id) => {
                    let store = self.store.clone();
                    Task::perform(
                        blocking(move || store.duplicate(&id).map(|_| ())),
                        Message::Done,
                    )
                }
                drafts::Action::Delete(id) => {
                    self.status = Some((T::DeletedDraft.tr(self.lang).to_owned(), false));
                    let store = self.store.clone();
                    Task::perform(blocking(move || store.trash(&id)), Message::Done)
                }
                drafts::Action::Restore(id) => {
                    let store = self.store.clone();
                    Task::perform(blocking(move || store.restore(&id)), Message::Done)
                }
                drafts::Action::ShowTrash => {
                    let store = self.store.clone();
                    Task::perform(blocking(move || store.list_trash()), Message::TrashListed)
                }
                drafts::Action::EmptyTrash => {
                    let store = self.store.clone();
                    self.drafts.trash = Some(Vec::new());
                    Task::perform(
                        blocking(move || store.empty_trash().map(|_| ())),
                        Message::Done,
                    )
                }
                drafts::Action::Import => {
                    let start = Instant::now();
                    Task::perform(
                        async move {
                            let f = rfd::AsyncFileDialog::new()
                                .add_filter("Văn bản / Markdown", &["txt", "md", "markdown"])
                                .pick_file()
                                .await;
                            (f.map(|f| f.path().to_path_buf()), start.elapsed())
                        },
                        |(p, d)| Message::ImportPicked(p, d),
                    )
                }
            },
            Message::Done(r) => {
                if let Err(e) = r {
                    self.status = Some((e.message(self.lang), true));
                }
                if self.drafts.trash.is_some() {
                    let store = self.store.clone();
                    return Task::batch([
                        self.refresh_list(),
                        Task::perform(blocking(move || store.list_trash()), Message::TrashListed),
                    ]);
                }
                self.refresh_list()
            }
            Message::Editor(m) => {
                let Screen::Editor(ed) = &mut self.screen else {
                    return Task::none();
                };
                match ed.update(m, &self.settings, self.lang) {
                    editor::Action::None => Task::none(),
                    editor::Action::Run(t) => t.map(Message::Editor),
                    editor::Action::SaveNow => self.start_save(),
                    editor::Action::Back => self.go_to_drafts(),
                    editor::Action::Say(msg, is_error) => {
                        self.status = Some((msg, is_error));
                        Task::none()
                    }
                    editor::Action::AddPhotos => {
                        let start = Instant::now();
                        Task::perform(
                            async move {
                                let f = rfd::AsyncFileDialog::new()
                                    .add_filter(
                                        "Ảnh / Photos",
                                        &[
                                            "jpg", "jpeg", "png", "webp", "gif", "bmp", "tif",
                                            "tiff", "heic",
                                        ],
                                    )
                                    .pick_files()
                                    .await;
                                (
                                    f.map(|v| {
                                        v.into_iter().map(|f| f.path().to_path_buf()).collect()
                                    }),
                                    start.elapsed(),
                                )
                            },
                            |(p, d)| Message::PhotosPicked(p, d),
                        )
                    }
                    editor::Action::Export => {
                        let ext = self.export_format.ext();
                        let name = format!("{}.{ext}", crate::text::slug(&ed.draft.article.title));
                        let dir = self.settings.export_dir.clone();
                        let start = Instant::now();
                        Task::perform(
                            async move {
                                let mut d = rfd::AsyncFileDialog::new()
                                    .set_file_name(&name)
                                    .add_filter(ext, &[ext]);
                                if let Some(dir) = dir {
                                    d = d.set_directory(dir);
                                }
                                (
                                    d.save_file().await.map(|f| f.path().to_path_buf()),
                                    start.elapsed(),
                                )
                            },
                            |(p, d)| Message::ExportTo(p, d),
                        )
                    }
                }
            }
            Message::Listed(r) => {
                match r {
                    Ok(listing) => self.drafts.set_listing(listing),
                    Err(e) => self.status = Some((e.message(self.lang), true)),
                }
                Task::none()
            }
            Message::Opened(r) => match r {
                Ok(d) => {
                    if let Err(e) = self.save_now() {
                        self.status = Some((e.message(self.lang), true));
                    }
                    Task::batch([self.open_editor(*d), self.refresh_list()])
                }
                Err(e) => {
                    self.status = Some((e.message(self.lang), true));
                    Task::none()
                }
            },
            Message::Saved(r) => {
                self.saving = false;
                match r {
                    Ok(()) => {
                        self.save_failed = None;
                        self.saved_at = Some(chrono::Local::now());
                        if matches!(self.status, Some((_, true))) {
                            self.status = None;
                        }
                    }
                    Err(e) => {
                        if let Screen::Editor(ed) = &mut self.screen {
                            if let Error::TakenOver { holder } = &e {
                                ed.lost_lock((**holder).clone());
                            } else {
                                ed.dirty = true; // still unsaved: try again later
                            }
                        }
                        self.save_failed = Some(Instant::now());
                        let hint = match e {
                            Error::TakenOver { .. } => "",
                            _ => T::SaveFailedHint.tr(self.lang),
                        };
                        self.status = Some((format!("{} {hint}", e.message(self.lang)), true));
                    }
                }
                Task::none()
            }
            Message::SettingsSaved(r) => {
                if let Err(e) = r {
                    self.status = Some((e.message(self.lang), true));
                }
                Task::none()
            }
            Message::Journaled(r) => {
                self.journaling = false;
                if let Err(e) = r
                    && self.status.as_ref().is_none_or(|(_, err)| !err)
                {
                    self.status = Some((e.message(self.lang), true));
                }
                Task::none()
            }
            Message::LockChecked(r) => {
                match r {
                    Ok(Some(holder)) => {
                        if let Screen::Editor(ed) = &mut self.screen {
                            ed.lost_lock(holder.clone());
                            self.status = Some((
                                Error::TakenOver {
                                    holder: Box::new(holder),
                                }
                                .message(self.lang),
                                true,
                            ));
                        }
                    }
                    Ok(None) => {}
                    Err(e) => self.status = Some((e.message(self.lang), true)),
                }
                Task::none()
            }
            Message::Tick if !self.fitted => {
                // Once, when the window surely exists (the open event can
                // come before the subscriptions are listening).
                self.fitted = true;
                let fit = window::oldest().then(|id| match id {
                    Some(id) => Task::done(Message::WindowOpened(id)),
                    None => Task::none(),
                });
                Task::batch([fit, self.update(Message::Tick)])
            }
            Message::Tick => {
                let mut refresh = Task::none();
                if let Screen::Editor(ed) = &mut self.screen
                    && ed.stale
                    && !ed.refreshing
                {
                    refresh = ed
                        .refresh_task(&self.settings, self.lang)
                        .map(Message::Editor);
                }
                let mut side = Task::none();
                if let Screen::Editor(ed) = &mut self.screen {
                    // The journal: typing since the last save, on disk about
                    // every half second while it goes on.
                    if !self.journaling
                        && ed.dirty
                        && ed.lock.is_some()
                        && ed.last_edit.is_some_and(|t| {
                            ed.journaled.is_none_or(|j| t > j)
                                && ed
                                    .journaled
                                    .is_none_or(|j| j.elapsed() >= Duration::from_millis(500))
                        })
                    {
                        self.journaling = true;
                        ed.journaled = ed.last_edit;
                        let entry = crate::journal::Entry {
                            taken: chrono::Utc::now(),
                            base: ed.draft.article.updated,
                            article: ed.draft.article.clone(),
                        };
                        let journal = ed.journal.clone();
                        side = Task::perform(
                            blocking(move || journal.append(&entry)),
                            Message::Journaled,
                        );
                    } else if let Some(lock) = ed.lock_handle()
                        && self.lock_checked.elapsed() >= crate::lock::REFRESH_EVERY
                    {
                        self.lock_checked = Instant::now();
                        let dir = ed.draft.dir.clone();
                        let unsaved = ed.dirty.then(|| ed.draft.article.clone());
                        side = Task::perform(
                            blocking(move || {
                                let mut l = lock.lock().unwrap_or_else(|e| e.into_inner());
                                if l.refresh()? {
                                    return Ok(None);
                                }
                                if let Some(a) = unsaved {
                                    let _ = crate::history::keep(
                                        &dir,
                                        &a,
                                        crate::history::Kind::Recovered,
                                    );
                                }
                                Ok(l.taken_by())
                            }),
                            Message::LockChecked,
                        );
                    }
                }
                if let Screen::Editor(ed) = &self.screen
                    && ed.dirty
                    && ed
                        .last_edit
                        .is_some_and(|t| t.elapsed() >= Duration::from_millis(1000))
                    && self.save_failed.is_none_or(|f| {
                        // After a failure, try again on the next change or every 10 s.
                        ed.last_edit.is_some_and(|t| t > f)
                            || f.elapsed() >= Duration::from_secs(10)
                    })
                {
                    return Task::batch([refresh, side, self.start_save()]);
                }
                Task::batch([refresh, side])
            }
            Message::PhotosPicked(paths, took) => match paths {
                Some(paths) => self.add_photos(paths),
                None => self.dialog_failed(took, PathPurpose::AddPhoto),
            },
            Message::FileDropped(p) => self.add_photos(vec![p]),
            Message::PhotoCopied(r) => match (r, &mut self.screen) {
                (Ok(file), Screen::Editor(ed)) => {
                    let id = ed.draft.add_photo_file(file);
                    ed.update(
                        editor::Message::Caption(id, String::new()),
                        &self.settings,
                        self.lang,
                    );
                    preview_task(&ed.draft, id)
                }
                (Err(e), _) => {
                    self.status = Some((e.message(self.lang), true));
                    Task::none()
                }
                _ => Task::none(),
            },
            Message::Preview(id, r) => {
                if let Screen::Editor(ed) = &mut self.screen {
                    let file = match r {
                        Ok(c) => {
                            use iced::widget::image::Handle;
                            let preview = Handle::from_bytes(c.preview);
                            // The card shows the small copy: ten photos'
                            // cards then cost kilobytes, not megabytes.
                            let thumb = c.thumb.map_or_else(|| preview.clone(), Handle::from_bytes);
                            ed.images.insert(id, preview);
                            ed.thumbs.insert(id, thumb);
                            crate::check::PhotoFile::LongSide(c.long_side)
                        }
                        Err(Error::Photo { .. }) => crate::check::PhotoFile::Unknown,
                        Err(_) => crate::check::PhotoFile::Missing,
                    };
                    ed.files.insert(id, file);
                    ed.refresh(&self.settings, self.lang);
                }
                Task::none()
            }
            Message::ExportTo(path, took) => {
                let Some(path) = path else {
                    return self.dialog_failed(took, PathPurpose::Export);
                };
                if !matches!(self.screen, Screen::Editor(_)) {
                    return Task::none();
                }
                self.settings.export_dir = path.parent().map(|p| p.to_path_buf());
                let saved = self.save_settings();
                let Screen::Editor(ed) = &self.screen else {
                    return saved;
                };
                let draft = ed.draft.clone();
                let opts = export::Options {
                    format: self.export_format,
                    photo: self.photo_options(),
                    skip_bad_photos: false,
                };
                self.exporting = true;
                self.export_progress = None;
                // Progress "ảnh 3/10" as each photo is done, then the result.
                let (tx, rx) = iced::futures::channel::mpsc::unbounded();
                std::thread::spawn(move || {
                    let run = std::panic::AssertUnwindSafe(|| {
                        export::export(&draft, &path, &opts, &|done, total| {
                            let _ = tx.unbounded_send(Message::ExportProgress(done, total));
                        })
                        .map(|e| e.path)
                    });
                    // Never leave the window "exporting" forever.
                    let r = std::panic::catch_unwind(run).unwrap_or_else(|_| {
                        Err(Error::Invalid {
                            vi: "Xuất bài gặp lỗi ngoài dự kiến; bài viết không bị ảnh hưởng. Hãy thử lại.".into(),
                            en: "The export failed unexpectedly; the article is unaffected. Try again.".into(),
                        })
                    });
                    let _ = tx.unbounded_send(Message::Exported(r));
                });
                Task::batch([saved, Task::run(rx, |m| m)])
            }
            Message::ExportProgress(done, total) => {
                self.export_progress = Some((done, total));
                Task::none()
            }
            Message::Exported(r) => {
                self.exporting = false;
                self.export_progress = None;
                match r {
                    Ok(p) => {
                        self.status = Some((
                            format!("{} {}", T::ExportedTo.tr(self.lang), p.display()),
                            false,
                        ));
                        self.exported = p.parent().map(|p| p.to_path_buf());
                    }
                    Err(e) => self.status = Some((e.message(self.lang), true)),
                }
                Task::none()
            }
            Message::ImportPicked(p, took) => match p {
                Some(p) => {
                    let store = self.store.clone();
                    Task::perform(
                        blocking(move || {
                            crate::import::import_file(&store, &p)
                                .map(|(d, notices)| (d.id, notices))
                        }),
                        Message::Imported,
                    )
                }
                None => self.dialog_failed(took, PathPurpose::Import),
            },
            Message::Imported(r) => match r {
                Ok((id, notices)) => {
                    // "Đã chuyển mã…", "có vẻ là TCVN3…", a photo skipped: say it.
                    if let Some(n) = notices.last() {
                        let text: Vec<String> =
                            notices.iter().map(|n| n.message(self.lang)).collect();
                        let is_error = matches!(n, crate::import::ImportNotice::PhotoSkipped(_));
                        self.status = Some((text.join(" "), is_error));
                    }
                    Task::batch([self.refresh_list(), open_task(&self.store, id)])
                }
                Err(e) => {
                    self.status = Some((e.message(self.lang), true));
                    Task::none()
                }
            },
            Message::Shortcut(s) => match s {
                Shortcut::Save => self.start_save(),
                Shortcut::New => self.new_draft(),
                Shortcut::Drafts => self.go_to_drafts(),
                Shortcut::Export => self.update(Message::Editor(editor::Message::Export)),
                Shortcut::Preview => self.update(Message::Editor(editor::Message::TogglePreview)),
                Shortcut::Undo => self.update(Message::Editor(editor::Message::Undo)),
                Shortcut::Redo => self.update(Message::Editor(editor::Message::Redo)),
                Shortcut::Bold => self.update(Message::Editor(editor::Message::Format("**", "**"))),
                Shortcut::Italic => self.update(Message::Editor(editor::Message::Format("*", "*"))),
                Shortcut::ZoomIn => {
                    self.update(Message::Settings(settings_screen::Message::ZoomIn))
                }
                Shortcut::ZoomOut => {
                    self.update(Message::Settings(settings_screen::Message::ZoomOut))
                }
                Shortcut::Find => self.update(Message::Editor(editor::Message::ToggleFind)),
                Shortcut::NextField => iced::widget::operation::focus_next(),
                Shortcut::PreviousField => iced::widget::operation::focus_previous(),
            },
            Message::Settings(m) => match settings_screen::update(&mut self.settings, m) {
                settings_screen::Action::None => Task::none(),
                settings_screen::Action::Changed => {
                    self.lang = self.settings.lang;
                    self.save_settings()
                }
                settings_screen::Action::OpenDataFolder => {
                    let _ = open_in_system(self.store.home());
                    Task::none()
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
                Task::none()
            }
            Message::TrashListed(r) => {
                match r {
                    Ok(list) => self.drafts.trash = Some(list),
                    Err(e) => self.status = Some((e.message(self.lang), true)),
                }
                Task::none()
            }
            Message::ExportFormat(f) => {
                self.export_format = f;
                Task::none()
            }
            Message::CopyHtml | Message::OpenInBrowser => {
                let Screen::Editor(ed) = &self.screen else {
                    return Task::none();
                };
                let purpose = if matches!(message, Message::CopyHtml) {
                    HtmlUse::Clipboard
                } else {
                    HtmlUse::Browser
                };
                let draft = ed.draft.clone();
                let opts = export::Options {
                    format: export::Format::Html,
                    photo: self.photo_options(),
                    skip_bad_photos: true,
                };
                self.exporting = true;
                Task::perform(
                    blocking(move || export::html_string(&draft, &opts).map(|(html, _)| html)),
                    move |r| Message::HtmlReady(purpose, r),
                )
            }
            Message::HtmlReady(purpose, r) => {
                self.exporting = false;
                match (purpose, r) {
                    (_, Err(e)) => {
                        self.status = Some((e.message(self.lang), true));
                        Task::none()
                    }
                    (HtmlUse::Clipboard, Ok(html)) => {
                        self.status = Some((T::Copied.tr(self.lang).to_owned(), false));
                        iced::clipboard::write(html)
                    }
                    (HtmlUse::Browser, Ok(html)) => {
                        let path = std::env::temp_dir()
                            .join(format!("tinxa-xem-truoc-{}.html", std::process::id()));
                        match crate::fsio::atomic_write(&path, html.as_bytes()) {
                            Ok(()) => {
                                let _ = open_in_system(&path);
                            }
                            Err(e) => self.status = Some((e.message(self.lang), true)),
                        }
                        Task::none()
                    }
                }
            }
            Message::PathTyped(v) => {
                if let Some(p) = &mut self.path_prompt {
                    p.value = v;
                    p.confirm_overwrite = false;
                }
                Task::none()
            }
            Message::PathCancelled => {
                self.path_prompt = None;
                Task::none()
            }
            Message::PathConfirmed => {
                let title = self.editor_title().to_owned();
                let Some(prompt) = &mut self.path_prompt else {
                    return Task::none();
                };
                let path = PathBuf::from(prompt.value.trim());
                match prompt.purpose {
                    PathPurpose::Export => {
                        let target = export::target_path(&path, &title, self.export_format);
                        if target.exists() && !prompt.confirm_overwrite {
                            prompt.confirm_overwrite = true;
                            return Task::none();
                        }
                        self.path_prompt = None;
                        self.update(Message::ExportTo(Some(target), Duration::from_secs(1)))
                    }
                    PathPurpose::AddPhoto => {
                        self.path_prompt = None;
                        self.add_photos(vec![path])
                    }
                    PathPurpose::Import => {
                        self.path_prompt = None;
                        self.update(Message::ImportPicked(Some(path), Duration::from_secs(1)))
                    }
                }
            }
            Message::CloseRequested(id) => match self.save_now() {
                Ok(()) => {
                    // The process may end without dropping the app: free
                    // the draft now.
                    if let Screen::Editor(ed) = &mut self.screen {
                        ed.lock = None;
                    }
                    window::close(id)
                }
                Err(e) => {
                    // Do not close over unsaved work: say why and stay open.
                    self.status = Some((e.message(self.lang), true));
                    Task::none()
                }
            },
            // A 1366×768 or 1024×600 laptop screen is smaller than the
            // default window (plus title bar and taskbar): fit it, and let
            // the window manager maximise it.
            Message::WindowOpened(id) => {
                window::monitor_size(id).map(move |s| Message::Monitor(id, s))
            }
            Message::Monitor(id, Some(screen))
                if screen.width < DEFAULT_SIZE.0 + 80.0
                    || screen.height < DEFAULT_SIZE.1 + 80.0 =>
            {
                let size = iced::Size::new(
                    screen.width.min(DEFAULT_SIZE.0),
                    (screen.height - 48.0).clamp(400.0, DEFAULT_SIZE.1),
                );
                Task::batch([
                    window::move_to(id, iced::Point::ORIGIN),
                    window::resize(id, size),
                    window::maximize(id, true),
                ])
            }
            Message::Monitor(..) => Task::none(),
            Message::Resized(w) => {
                self.width = w;
                if let Screen::Editor(ed) = &mut self.screen {
                    let wide = w >= WIDE;
                    if ed.wide && !wide {
                        ed.show_preview = false; // the form first on a narrow window
                    }
                    ed.wide = wide;
                }
                Task::none()
            }
            Message::SwitchLang => {
                self.lang = match self.lang {
                    Lang::Vi => Lang::En,
                    Lang::En => Lang::Vi,
                };
                self.settings.lang = self.lang;
                if let Screen::Editor(ed) = &mut self.screen {
                    ed.refresh(&self.settings, self.lang);
                }
                self.save_settings()
            }
            Message::OpenFolder(p) => {
                let _ = open_in_system(&p);
                Task::none()
            }
        }
    }

    /// rfd answers None at once when no dialog can be shown at all (no
    /// portal, no zenity): say so and offer a path field instead.
    fn dialog_failed(&mut self, took: Duration, purpose: PathPurpose) -> Task<Message> {
        if took >= Duration::from_millis(150) {
            return Task::none(); // the reporter cancelled
        }
        self.status = Some((T::DialogUnavailable.tr(self.lang).to_owned(), true));
        let value = match purpose {
            PathPurpose::Export => {
                let dir = self.settings.export_dir.clone().unwrap_or_else(|| {
                    directories::UserDirs::new()
                        .map(|u| u.home_dir().to_path_buf())
                        .unwrap_or_default()
                });
                dir.join(format!(
                    "{}.{}",
                    crate::text::slug(self.editor_title()),
                    self.export_format.ext()
                ))
                .display()
                .to_string()
            }
            _ => String::new(),
        };
        self.path_prompt = Some(PathPrompt {
            purpose,
            value,
            confirm_overwrite: false,
        });
        // Ready to type (or to press Enter on the proposed export path).
        iced::widget::operation::focus("path")
    }

    fn editor_title(&self) -> &str {
        match &self.screen {
            Screen::Editor(ed) => &ed.draft.article.title,
            _ => "",
        }
    }

    fn add_photos(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        let Screen::Editor(ed) = &self.screen else {
            return Task::none();
        };
        let dir = ed.draft.dir.clone();
        Task::batch(paths.into_iter().map(|p| {
            let dir = dir.clone();
            Task::perform(
                blocking(move || draft::copy_photo_in(&dir, &p)),
                Message::PhotoCopied,
            )
        }))
    }

    fn new_draft(&mut self) -> Task<Message> {
        if let Err(e) = self.save_now() {
            self.status = Some((e.message(self.lang), true));
            return Task::none();
        }
        let mut a = crate::article::Article::new();
        a.byline = self.settings.default_byline.clone();
        a.place = self.settings.default_place.clone();
        let store = self.store.clone();
        Task::perform(
            blocking(move || store.create(a).map(|d| Box::new(Opening::claim(d)))),
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
            blocking(move || {
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
        if let Err(e) = self.save_now() {
            self.status = Some((e.message(self.lang), true));
            return Task::none();
        }
        self.screen = Screen::Drafts;
        self.refresh_list()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let mut bar = row![
            button(text(T::Drafts.tr(lang)))
                .style(button::secondary)
                .on_press(Message::Shortcut(Shortcut::Drafts)),
            button(text(T::NewDraft.tr(lang)))
                .style(button::secondary)
                .on_press(Message::Shortcut(Shortcut::New)),
        ]
        .spacing(6)
        .padding(6)
        .align_y(iced::Center);
        if let Screen::Editor(_) = self.screen {
            bar = bar
                .push(button(text(T::Save.tr(lang))).on_press(Message::Shortcut(Shortcut::Save)))
                .push(
                    button(text(T::Preview.tr(lang)))
                        .style(button::secondary)
                        .on_press(Message::Shortcut(Shortcut::Preview)),
                )
                .push(
                    iced::widget::pick_list(
                        export::Format::ALL,
                        Some(self.export_format),
                        Message::ExportFormat,
                    )
                    .text_size(14),
                )
                .push(button(text(T::Export.tr(lang))).on_press_maybe(
                    (!self.exporting).then_some(Message::Shortcut(Shortcut::Export)),
                ))
                .push(
                    button(text(T::CopyHtml.tr(lang)))
                        .style(button::secondary)
                        .on_press_maybe((!self.exporting).then_some(Message::CopyHtml)),
                )
                .push(
                    button(text(T::OpenInBrowser.tr(lang)))
                        .style(button::secondary)
                        .on_press_maybe((!self.exporting).then_some(Message::OpenInBrowser)),
                );
        }
        bar = bar.push(
            button(text(T::Settings.tr(lang)))
                .style(button::secondary)
                .on_press(Message::ShowSettings),
        );
        bar = bar.push(
            button(text(match lang {
                Lang::Vi => "English",
                Lang::En => "Tiếng Việt",
            }))
            .style(button::text)
            .on_press(Message::SwitchLang),
        );
        let body: Element<'_, Message> = match &self.screen {
            Screen::Drafts => self.drafts.view(lang).map(Message::Drafts),
            Screen::Editor(ed) => ed.view(lang).map(Message::Editor),
            Screen::Settings => settings_screen::view(&self.settings, lang).map(Message::Settings),
        };
        let body: Element<'_, Message> = match &self.path_prompt {
            None => body,
            Some(p) => {
                let confirm = if p.confirm_overwrite {
                    T::Overwrite
                } else {
                    T::ExportHere
                };
                let confirm = if p.purpose == PathPurpose::Export {
                    confirm.tr(lang)
                } else {
                    T::Open.tr(lang)
                };
                column![
                    row![
                        text(T::PathField.tr(lang)).size(14),
                        iced::widget::text_input(T::PathField.tr(lang), &p.value)
                            .id("path")
                            .on_input(Message::PathTyped)
                            .on_submit(Message::PathConfirmed)
                            .width(Fill),
                        button(text(confirm)).on_press(Message::PathConfirmed),
                        button(text(T::Cancel.tr(lang)))
                            .style(button::secondary)
                            .on_press(Message::PathCancelled),
                    ]
                    .spacing(8)
                    .padding(8)
                    .align_y(iced::Center),
                    body
                ]
                .into()
            }
        };
        let mut status = row![].spacing(12).padding([4, 10]).align_y(iced::Center);
        if let Screen::Editor(ed) = &self.screen {
            let save = if self.saving {
                T::Saving.tr(lang).to_owned()
            } else if ed.dirty {
                T::Unsaved.tr(lang).to_owned()
            } else if let Some(t) = self.saved_at {
                format!("{} {}", T::SavedAt.tr(lang), t.format("%H:%M"))
            } else {
                String::new()
            };
            status = status
                .push(text(save).size(13))
                .push(text(ed.counts()).size(13));
        }
        if self.exporting {
            status = status.push(
                text(match self.export_progress {
                    Some((done, total)) if total > 0 => {
                        format!("{} {done}/{total}…", T::ExportProgress.tr(lang))
                    }
                    _ => T::Exporting.tr(lang).to_owned(),
                })
                .size(13),
            );
        }
        if let Some((msg, is_error)) = &self.status {
            let t = text(msg.as_str()).size(13);
            status = status.push(if *is_error { t.style(text::danger) } else { t });
        }
        if let Some(dir) = &self.exported {
            status = status.push(
                button(text(T::OpenFolder.tr(lang)).size(13))
                    .style(button::text)
                    .on_press(Message::OpenFolder(dir.clone())),
            );
        }
        column![
            // Wraps onto a second line on a narrow (1024 px) screen
            // instead of pushing buttons off the edge.
            bar.wrap().vertical_spacing(6),
            container(body).height(Fill).width(Fill),
            container(status).width(Fill).style(container::bordered_box)
        ]
        .into()
    }
}

/// The command for Ctrl(+Shift)+key.
pub fn shortcut(key: &str, shift: bool) -> Option<Shortcut> {
    Some(match (key.to_lowercase().as_str(), shift) {
        ("s", _) => Shortcut::Save,
        ("n", _) => Shortcut::New,
        ("o", _) => Shortcut::Drafts,
        ("e", _) => Shortcut::Export,
        ("p", _) => Shortcut::Preview,
        ("f", _) => Shortcut::Find,
        ("z", false) => Shortcut::Undo,
        ("z", true) | ("y", _) => Shortcut::Redo,
        ("b", _) => Shortcut::Bold,
        ("i", _) => Shortcut::Italic,
        ("=" | "+", _) => Shortcut::ZoomIn,
        ("-", _) => Shortcut::ZoomOut,
        _ => return None,
    })
}

/// Gets the preview-size copy of a photo (upright, from a reduced-scale
/// decode) off the UI thread, from the draft's cache when it was made before;
/// also leaves a small thumbnail there for the drafts list.
fn preview_task(d: &Draft, id: u32) -> Task<Message> {
    let Some(photo) = d.article.photo(id).cloned() else {
        return Task::none();
    };
    let dir = d.dir.clone();
    Task::perform(
        blocking(move || {
            let path = draft::photo_path(&dir, &photo.file)?;
            let err = |error| Error::Photo {
                file: photo.file.clone(),
                error,
            };
            let info = crate::photo::probe(&path).map_err(err)?;
            let cache = dir.join(CACHE_DIR);
            let preview_file = cache.join(format!("preview{PREVIEW_SIDE}-{}.jpg", photo.file));
            let thumb_file = cache.join(format!("thumb-{}.jpg", photo.file));
            let (preview, thumb) = match std::fs::read(&preview_file) {
                Ok(b) => (b, std::fs::read(&thumb_file).ok()),
                Err(_) => {
                    let made = {
                        // A 12 MP decode holds tens of megabytes while it
                        // runs: one per core, not ten at once.
                        let _slot = DecodeSlot::take();
                        crate::photo::thumbnail(&path, PREVIEW_SIDE)
                            .map_err(err)?
                            .bytes
                    };
                    let small = PhotoOptions {
                        max_side: 160,
                        quality: 80,
                    };
                    let thumb = crate::photo::process_bytes(&made, &small)
                        .ok()
                        .map(|t| t.bytes);
                    // The cache is a convenience: failing to write it is not an error.
                    if crate::fsio::create_dir_all(&cache).is_ok() {
                        let _ = crate::fsio::atomic_write(&preview_file, &made);
                        if let Some(t) = &thumb {
                            let _ = crate::fsio::atomic_write(&thumb_file, t);
                        }
                    }
                    (made, thumb)
                }
            };
            Ok(PhotoCopies {
                preview,
                thumb,
                long_side: info.width.max(info.height),
            })
        }),
        move |r| Message::Preview(id, r),
    )
}

/// A place among the photo decodes allowed to run at once (one per core).
struct DecodeSlot;

static DECODES: std::sync::Mutex<usize> = std::sync::Mutex::new(0);
static DECODE_DONE: std::sync::Condvar = std::sync::Condvar::new();

impl DecodeSlot {
    fn take() -> DecodeSlot {
        let max = std::thread::available_parallelism().map_or(2, |n| n.get());
        let mut n = DECODES.lock().unwrap_or_else(|e| e.into_inner());
        while *n >= max {
            n = DECODE_DONE.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
        DecodeSlot
    }
}

impl Drop for DecodeSlot {
    fn drop(&mut self) {
        let mut n = DECODES.lock().unwrap_or_else(|e| e.into_inner());
        *n -= 1;
        DECODE_DONE.notify_one();
        // glibc keeps freed decode buffers in per-thread arenas; hand them
        // back once the last decode is done (≈ 60 MB after ten 12 MP photos).
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        if *n == 0 {
            // SAFETY: malloc_trim only releases free heap memory.
            unsafe {
                libc::malloc_trim(0);
            }
        }
    }
}

/// Saves `article` into the draft at `dir` unless someone took the draft
/// over (then what was unsaved here goes to the version history, and the
/// error says who has it), and drops the journal entries the save covers.
fn save_locked(
    dir: &std::path::Path,
    article: &crate::article::Article,
    lock: Option<&editor::SharedLock>,
    journal: &crate::journal::Journal,
) -> Result<(), Error> {
    if let Err(e) = check_lock(lock) {
        let _ = crate::history::keep(dir, article, crate::history::Kind::Recovered);
        return Err(e);
    }
    draft::save_article(dir, article)?;
    // The journal is a safety net: failing to trim it loses nothing.
    let _ = journal.saved(article.updated);
    Ok(())
}

/// Loads a draft and claims it for this window (off the UI thread).
fn open_task(store: &Store, id: String) -> Task<Message> {
    let store = store.clone();
    Task::perform(
        blocking(move || store.open(&id).map(|d| Box::new(Opening::claim(d)))),
        Message::Opened,
    )
}

fn open_in_system(p: &std::path::Path) -> std::io::Result<()> {
    #[cfg(target_os = "windows")]
    let cmd = "explorer";
    #[cfg(target_os = "macos")]
    let cmd = "open";
    #[cfg(all(unix, not(target_os = "macos")))]
    let cmd = "xdg-open";
    std::process::Command::new(cmd).arg(p).spawn().map(|_| ())
}
