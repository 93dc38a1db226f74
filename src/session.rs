//! An open draft's editing life, without a window: its lock (one writer),
//! its keystroke journal, the autosave policy, saving, take-over, recovery
//! of an unfinished session and restoring kept versions.
//!
//! The window calls [`Session::edited`] on every change and, on each tick,
//! turns what [`Session::due`] answers into work for a worker thread
//! ([`Session::begin`]); the work's [`Done`] comes back through
//! [`Session::finish`]. Everything here is plain Rust, so the protocol is
//! tested without iced (tests/session.rs).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Local, Utc};

use crate::article::Article;
use crate::draft::{self, Draft};
use crate::error::Error;
use crate::history::{self, Kind};
use crate::journal::{self, Journal};
use crate::lock::{self, Acquired, Lock};

pub use crate::history::{Kind as VersionKind, Version};
pub use crate::journal::Pending;
pub use crate::lock::Holder;

/// The draft's lock, shared with the worker threads that save.
pub type SharedLock = Arc<Mutex<Lock>>;

/// Blocking work for a worker thread.
pub type Work<T> = Box<dyn FnOnce() -> T + Send>;

/// Typing goes to the journal at most this often.
pub const JOURNAL_EVERY: Duration = Duration::from_millis(500);
/// An autosave starts after typing pauses this long.
pub const SAVE_AFTER: Duration = Duration::from_millis(1000);
/// After a failed save, the next try waits for a change or this long.
pub const RETRY_AFTER: Duration = Duration::from_secs(10);

/// What the session wants done now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Write the typing since the last save to the journal.
    Journal,
    /// Mark the lock as alive (and learn whether someone took the draft).
    RefreshLock,
    /// Save the article.
    Save,
}

/// How a save or a lock refresh ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Done. `warning`: a side step failed (trimming the journal) that
    /// loses nothing but is worth saying.
    Done {
        warning: Option<Error>,
    },
    Failed(Error),
    /// Someone took the draft over; `kept`: the text unsaved here is in
    /// the version history.
    TakenOver {
        holder: Holder,
        kept: bool,
    },
}

/// Finished work, back from the worker thread.
#[derive(Debug, Clone)]
pub enum Done {
    Journaled(Result<(), Error>),
    LockChecked(Outcome),
    Saved(Outcome),
}

impl Done {
    /// The work for `due` stopped with `error` (its worker panicked).
    pub fn failed(due: Due, error: Error) -> Done {
        match due {
            Due::Journal => Done::Journaled(Err(error)),
            Due::RefreshLock => Done::LockChecked(Outcome::Failed(error)),
            Due::Save => Done::Saved(Outcome::Failed(error)),
        }
    }
}

/// What finished work has to tell the reporter.
#[derive(Debug, Clone)]
pub enum Report {
    /// A save went through: an earlier error line is out of date.
    Saved,
    /// Done, but a side step failed (the journal could not be trimmed).
    Warning(Error),
    /// The save failed; the text is kept here and saving is tried again.
    SaveFailed(Error),
    /// Anything else: the journal, the lock, a take-over.
    Error(Error),
}

/// Where the last save stands, for the status bar and the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saving,
    Unsaved,
    SavedAt(DateTime<Local>),
    Unchanged,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub draft: Draft,
    /// This session's write lock; None while read-only.
    lock: Option<SharedLock>,
    /// Who holds the draft when it is read-only because of them.
    busy: Option<Holder>,
    journal: Journal,
    /// An unfinished session found when the draft opened.
    pending: Option<Pending>,
    /// Changed since the last save started.
    dirty: bool,
    saving: bool,
    saved_at: Option<DateTime<Local>>,
    failed_at: Option<Instant>,
    last_edit: Option<Instant>,
    /// The last edit already in the journal.
    journaled: Option<Instant>,
    journaling: bool,
    lock_checked: Instant,
    /// What went wrong while opening that the reporter should hear.
    pub notices: Vec<Error>,
}

impl Session {
    /// Opens `draft` for editing: takes its lock (or finds who holds it,
    /// and then stays read-only) and looks for an unfinished session.
    /// Blocking file work: run it off the UI thread.
    pub fn open(mut draft: Draft) -> Session {
        let mut notices = Vec::new();
        // Before our own lock exists: a journal under a live lock is not ours.
        let pending = journal::pending(&draft.dir);
        if let Some(p) = &pending
            // Kept at once, so a second crash before the reporter decides
            // cannot lose it.
            && let Err(e) = history::keep_once(&draft.dir, &p.entry.article, Kind::Recovered)
        {
            notices.push(e);
        }
        let (lock, busy) = if draft.read_only {
            (None, None)
        } else {
            match Lock::acquire(&draft.dir, "window") {
                Ok(Acquired::Held(l)) => (Some(Arc::new(Mutex::new(l))), None),
                Ok(Acquired::Busy(h)) => {
                    draft.read_only = true;
                    (None, Some(h))
                }
                // No lock can be written (a read-only folder): saving will
                // fail there too; say it now.
                Err(e) => {
                    notices.push(e);
                    (None, None)
                }
            }
        };
        Session {
            lock,
            busy,
            pending,
            notices,
            ..Session::unlocked(draft)
        }
    }

    /// Takes the draft in `dir` over from whoever holds it ("Giành quyền
    /// sửa") and reloads it: the other writer may have saved since.
    /// Blocking.
    pub fn take_over(dir: &Path) -> Result<Session, Error> {
        let lock = Lock::take_over(dir, "window")?;
        let draft = Draft::load(dir)?;
        let read_only = draft.read_only;
        let mut s = Session::unlocked(draft);
        if !read_only {
            s.lock = Some(Arc::new(Mutex::new(lock)));
        }
        Ok(s)
    }

    /// A session on `draft` that holds no lock yet and found nothing to recover.
    fn unlocked(draft: Draft) -> Session {
        Session {
            journal: Journal::of(&draft.dir),
            draft,
            lock: None,
            busy: None,
            pending: None,
            dirty: false,
            saving: false,
            saved_at: None,
            failed_at: None,
            last_edit: None,
            journaled: None,
            journaling: false,
            lock_checked: Instant::now(),
            notices: Vec::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.draft.dir
    }

    pub fn article(&self) -> &Article {
        &self.draft.article
    }

    pub fn read_only(&self) -> bool {
        self.draft.read_only
    }

    /// Who holds the draft, when it is open read-only because of them.
    pub fn busy(&self) -> Option<&Holder> {
        self.busy.as_ref()
    }

    /// The unfinished session waiting for "Khôi phục" or "Bỏ qua".
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    pub fn save_state(&self) -> SaveState {
        if self.saving {
            SaveState::Saving
        } else if self.dirty {
            SaveState::Unsaved
        } else if let Some(t) = self.saved_at {
            SaveState::SavedAt(t)
        } else {
            SaveState::Unchanged
        }
    }

    /// The article changed at `now` (typed, pasted, a photo edited …).
    pub fn edited(&mut self, now: Instant) {
        self.dirty = true;
        self.last_edit = Some(now);
    }

    /// What is due at `now`, most urgent first. Each [`Session::begin`]
    /// marks its work as under way, so asking again gives the next one.
    pub fn due(&self, now: Instant) -> Option<Due> {
        let since = |t: Instant| now.saturating_duration_since(t);
        if !self.journaling
            && self.dirty
            && self.lock.is_some()
            && let Some(edit) = self.last_edit
            && self
                .journaled
                .is_none_or(|j| edit > j && since(j) >= JOURNAL_EVERY)
        {
            return Some(Due::Journal);
        }
        if self.lock.is_some() && since(self.lock_checked) >= lock::REFRESH_EVERY {
            return Some(Due::RefreshLock);
        }
        if !self.saving
            && self.dirty
            && !self.draft.read_only
            && self.last_edit.is_some_and(|t| since(t) >= SAVE_AFTER)
            && self
                .failed_at
                .is_none_or(|f| self.last_edit.is_some_and(|t| t > f) || since(f) >= RETRY_AFTER)
        {
            return Some(Due::Save);
        }
        None
    }

    /// Starts what is due: returns the work for a worker thread (None when
    /// a save is asked for that cannot start: one runs, or read-only).
    pub fn begin(&mut self, due: Due, now: Instant) -> Option<Work<Done>> {
        match due {
            Due::Journal => {
                self.journaling = true;
                self.journaled = self.last_edit;
                let entry = journal::Entry {
                    taken: Utc::now(),
                    base: self.draft.article.updated,
                    article: self.draft.article.clone(),
                };
                let journal = self.journal.clone();
                Some(Box::new(move || Done::Journaled(journal.append(&entry))))
            }
            Due::RefreshLock => {
                self.lock_checked = now;
                let lock = self.lock.clone();
                let dir = self.draft.dir.clone();
                let unsaved = self.dirty.then(|| self.draft.article.clone());
                Some(Box::new(move || {
                    Done::LockChecked(refresh_lock(lock, &dir, unsaved))
                }))
            }
            Due::Save => self.begin_save(),
        }
    }

    /// Starts a save now (Ctrl+S, or when due). None when one is running
    /// or the draft is read-only.
    pub fn begin_save(&mut self) -> Option<Work<Done>> {
        if self.saving || self.draft.read_only {
            return None;
        }
        self.dirty = false;
        self.saving = true;
        self.draft.article.updated = Utc::now();
        let dir = self.draft.dir.clone();
        let article = self.draft.article.clone();
        let lock = self.lock.clone();
        let journal = self.journal.clone();
        Some(Box::new(move || {
            Done::Saved(save_locked(&dir, &article, lock.as_ref(), &journal))
        }))
    }

    /// Takes back finished work; returns what to tell the reporter.
    pub fn finish(&mut self, done: Done, now: Instant) -> Option<Report> {
        match done {
            Done::Journaled(r) => {
                self.journaling = false;
                r.err().map(Report::Error)
            }
            Done::LockChecked(o) => self.outcome(o, now).map(Report::Error),
            Done::Saved(o) => {
                self.saving = false;
                match o {
                    Outcome::Done { warning } => {
                        self.failed_at = None;
                        self.saved_at = Some(Local::now());
                        Some(warning.map_or(Report::Saved, Report::Warning))
                    }
                    Outcome::Failed(e) => {
                        self.dirty = true; // still unsaved: try again later
                        self.failed_at = Some(now);
                        Some(Report::SaveFailed(e))
                    }
                    taken => self.outcome(taken, now).map(Report::Error),
                }
            }
        }
    }

    fn outcome(&mut self, o: Outcome, now: Instant) -> Option<Error> {
        match o {
            Outcome::Done { warning } => warning,
            Outcome::Failed(e) => {
                self.failed_at = Some(now);
                Some(e)
            }
            Outcome::TakenOver { holder, kept } => {
                let by = holder.who();
                self.lost_lock(holder);
                Some(Error::TakenOver { by, kept })
            }
        }
    }

    /// Someone took the draft over: stop writing, remember who.
    fn lost_lock(&mut self, holder: Holder) {
        self.lock = None;
        self.busy = Some(holder);
        self.draft.read_only = true;
        self.dirty = false;
    }

    /// Saves at once, here (closing the window, switching drafts): a small
    /// file written atomically; the reporter is leaving, so waiting is
    /// right. `Ok(Some(w))`: saved, but a clean-up step failed.
    pub fn save_now(&mut self) -> Result<Option<Error>, Error> {
        if !(self.dirty || self.saving) || self.draft.read_only {
            return Ok(None);
        }
        self.draft.article.updated = Utc::now();
        let outcome = save_locked(
            &self.draft.dir,
            &self.draft.article,
            self.lock.as_ref(),
            &self.journal,
        );
        let warning = match outcome {
            Outcome::Done { warning } => warning,
            Outcome::Failed(e) => return Err(e),
            Outcome::TakenOver { holder, kept } => {
                let by = holder.who();
                self.lost_lock(holder);
                return Err(Error::TakenOver { by, kept });
            }
        };
        self.dirty = false;
        self.saving = false;
        self.saved_at = Some(Local::now());
        Ok(warning.or_else(|| self.draft.remove_unused_photos().err()))
    }

    /// Lets go of the draft (the editor closes): removes the lock.
    pub fn release(&mut self) {
        self.lock = None;
    }

    /// "Khôi phục": the unfinished session's text replaces the article.
    /// Returns it, and the work that keeps the saved text in the history
    /// (so the recovery can be undone from there too).
    pub fn recover(&mut self, now: Instant) -> Option<(Article, Work<Result<(), Error>>)> {
        let p = self.pending.take()?;
        self.draft.article = p.entry.article.clone();
        self.edited(now);
        let dir = self.draft.dir.clone();
        let saved = p.saved;
        Some((
            p.entry.article,
            Box::new(move || match saved {
                Some(a) => history::keep(&dir, &a, Kind::BeforeRestore).map(|_| ()),
                None => Ok(()),
            }),
        ))
    }

    /// "Bỏ qua (giữ trong lịch sử)": opening already kept the text in the
    /// history; the journal goes.
    pub fn set_aside(&mut self) -> Work<Result<(), Error>> {
        self.pending = None;
        let journal = self.journal.clone();
        Box::new(move || journal.clear())
    }

    /// Restores kept version `file`: keeps the current text as a "before
    /// restore" version and saves the restored one (unless someone took
    /// the draft over). The work returns the restored article.
    pub fn restore_version(&self, file: String) -> Work<Result<Article, Error>> {
        let dir = self.draft.dir.clone();
        let current = self.draft.article.clone();
        let lock = self.lock.clone();
        Box::new(move || {
            check_lock(lock.as_ref(), &dir, None)?;
            let (a, _) = history::restore(&dir, &file, &current)?;
            draft::save_article_no_history(&dir, &a)?;
            Ok(a)
        })
    }

    /// The restored (already saved) article is now the one being edited.
    /// It is saved again soon, so no autosave that ran meanwhile stays.
    pub fn restored(&mut self, article: Article, now: Instant) {
        self.draft.article = article;
        self.edited(now);
    }

    /// Versions kept for this draft (blocking: reads the folder).
    pub fn versions_work(&self) -> Work<Vec<history::Version>> {
        let dir = self.draft.dir.clone();
        Box::new(move || history::list(&dir))
    }
}

/// Refuses to write when someone took the draft over: what was unsaved
/// (`unsaved`) then goes to the version history, and the error says so.
fn check_lock(
    lock: Option<&SharedLock>,
    dir: &Path,
    unsaved: Option<&Article>,
) -> Result<(), Error> {
    let Some(l) = lock else { return Ok(()) };
    let taken = l.lock().unwrap_or_else(|e| e.into_inner()).taken_by();
    match taken {
        None => Ok(()),
        Some(h) => Err(Error::TakenOver {
            by: h.who(),
            kept: unsaved.is_none_or(|a| history::keep(dir, a, Kind::Recovered).is_ok()),
        }),
    }
}

fn taken_over(lock: &SharedLock, dir: &Path, unsaved: Option<&Article>) -> Option<Outcome> {
    let holder = lock.lock().unwrap_or_else(|e| e.into_inner()).taken_by()?;
    let kept = unsaved.is_none_or(|a| history::keep(dir, a, Kind::Recovered).is_ok());
    Some(Outcome::TakenOver { holder, kept })
}

/// Saves `article` into the draft at `dir` unless someone took the draft
/// over, and drops the journal entries the save covers.
fn save_locked(
    dir: &Path,
    article: &Article,
    lock: Option<&SharedLock>,
    journal: &Journal,
) -> Outcome {
    if let Some(l) = lock
        && let Some(taken) = taken_over(l, dir, Some(article))
    {
        return taken;
    }
    if let Err(e) = draft::save_article(dir, article) {
        return Outcome::Failed(e);
    }
    // The journal is a safety net: failing to trim it loses nothing, but
    // the reporter hears of it.
    Outcome::Done {
        warning: journal.saved(article.updated).err(),
    }
}

fn refresh_lock(lock: Option<SharedLock>, dir: &Path, unsaved: Option<Article>) -> Outcome {
    let Some(lock) = lock else {
        return Outcome::Done { warning: None };
    };
    let refreshed = lock.lock().unwrap_or_else(|e| e.into_inner()).refresh();
    match refreshed {
        Ok(true) => Outcome::Done { warning: None },
        Ok(false) => {
            taken_over(&lock, dir, unsaved.as_ref()).unwrap_or(Outcome::Done { warning: None })
        }
        Err(e) => Outcome::Failed(e),
    }
}
