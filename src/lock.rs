//! One writer per draft.
//!
//! The window (or a command that changes a draft) holds `lock.ron` in the
//! draft folder while it writes there. The file records who holds it: the
//! host, the process, when it was taken and when it was last refreshed, and a
//! random token that tells two holders on one machine apart. The window
//! refreshes it every few seconds; a lock whose process is gone (same host),
//! or that nobody refreshed for [`STALE_AFTER`] (any host: a crashed laptop,
//! a draft folder on a shared drive), never blocks: it is taken over.
//!
//! A second writer is told who holds the draft and may open it read-only or
//! take it over; the holder notices at its next save ([`Lock::still_ours`])
//! and stops writing.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Action, Error, Result};
use crate::fsio;
use crate::lang::Lang;

pub const LOCK_FILE: &str = "lock.ron";
/// How often the window refreshes its lock.
pub const REFRESH_EVERY: Duration = Duration::from_secs(20);
/// A lock nobody refreshed for this long is stale, wherever it came from.
pub const STALE_AFTER: Duration = Duration::from_secs(120);

/// Who holds a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    /// "window" or "command".
    pub program: String,
    pub since: DateTime<Utc>,
    pub refreshed: DateTime<Utc>,
    pub token: u64,
}

impl Holder {
    fn me(program: &str) -> Holder {
        let now = Utc::now();
        Holder {
            host: this_host(),
            pid: std::process::id(),
            program: program.to_owned(),
            since: now,
            refreshed: now,
            token: fastrand::u64(1..),
        }
    }

    /// True when this lock should no longer stop anyone.
    pub fn is_stale(&self) -> bool {
        let age = Utc::now().signed_duration_since(self.refreshed);
        if age.to_std().is_ok_and(|a| a >= STALE_AFTER) {
            return true;
        }
        self.host == this_host() && !process_alive(self.pid)
    }

    /// Who this is, in both languages, for an error message.
    pub fn who(&self) -> crate::error::Who {
        crate::error::Who {
            vi: self.describe(Lang::Vi),
            en: self.describe(Lang::En),
        }
    }

    /// "cửa sổ Tin Xã (tiến trình 1234) trên máy may-tinh-xa, từ 14:32".
    pub fn describe(&self, lang: Lang) -> String {
        let since = self
            .since
            .with_timezone(&chrono::Local)
            .format("%H:%M %d/%m/%Y");
        let (vi_prog, en_prog) = if self.program == "window" {
            ("cửa sổ Tin Xã", "a Tin Xã window")
        } else {
            ("lệnh tinxa", "a tinxa command")
        };
        let here = self.host == this_host();
        match (lang, here) {
            (Lang::Vi, true) => format!(
                "{vi_prog} khác (tiến trình {}) trên máy này, từ {since}",
                self.pid
            ),
            (Lang::Vi, false) => format!(
                "{vi_prog} (tiến trình {}) trên máy {}, từ {since}",
                self.pid, self.host
            ),
            (Lang::En, true) => format!(
                "another {en_prog} (process {}) on this computer, since {since}",
                self.pid
            ),
            (Lang::En, false) => format!(
                "{en_prog} (process {}) on computer {}, since {since}",
                self.pid, self.host
            ),
        }
    }
}

/// A held lock. Dropping it releases the lock if it is still ours.
#[derive(Debug)]
pub struct Lock {
    dir: PathBuf,
    holder: Holder,
    released: bool,
}

/// What [`Lock::acquire`] found.
#[derive(Debug)]
pub enum Acquired {
    Held(Lock),
    /// Someone else is writing to this draft.
    Busy(Holder),
}

impl Lock {
    /// Takes the lock of the draft in `dir` unless a live writer holds it.
    /// `program` is "window" or "command".
    pub fn acquire(dir: &Path, program: &str) -> Result<Acquired> {
        let path = dir.join(LOCK_FILE);
        let me = Holder::me(program);
        match create_new(&path, &me) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match read(dir) {
                Some(h) if !h.is_stale() => return Ok(Acquired::Busy(h)),
                // Stale, or unreadable (a crash while it was written): replace it.
                _ => write(&path, &me)?,
            },
            Err(e) => return Err(Error::io(Action::Write, &path, &e)),
        }
        // Two takers of one stale lock: the last rename wins; the other sees it here.
        match read(dir) {
            Some(h) if h.token == me.token => Ok(Acquired::Held(Lock {
                dir: dir.to_path_buf(),
                holder: me,
                released: false,
            })),
            Some(h) => Ok(Acquired::Busy(h)),
            None => Err(Error::io(
                Action::Read,
                &path,
                &std::io::Error::from(std::io::ErrorKind::NotFound),
            )),
        }
    }

    /// Takes the lock whoever holds it (the reporter chose "Giành quyền sửa").
    pub fn take_over(dir: &Path, program: &str) -> Result<Lock> {
        let me = Holder::me(program);
        write(&dir.join(LOCK_FILE), &me)?;
        Ok(Lock {
            dir: dir.to_path_buf(),
            holder: me,
            released: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True while nobody took the draft over.
    pub fn still_ours(&self) -> bool {
        read(&self.dir).is_some_and(|h| h.token == self.holder.token)
    }

    /// Who took the draft over, if someone did.
    pub fn taken_by(&self) -> Option<Holder> {
        read(&self.dir).filter(|h| h.token != self.holder.token)
    }

    /// Marks the lock as alive. Returns false (and writes nothing) when
    /// someone else holds it now.
    pub fn refresh(&mut self) -> Result<bool> {
        match read(&self.dir) {
            Some(h) if h.token != self.holder.token => return Ok(false),
            _ => {}
        }
        self.holder.refreshed = Utc::now();
        write(&self.dir.join(LOCK_FILE), &self.holder)?;
        Ok(true)
    }

    /// Removes the lock file if it is still ours.
    pub fn release(mut self) {
        self.release_inner();
    }

    fn release_inner(&mut self) {
        if !self.released {
            self.released = true;
            if self.still_ours() {
                let _ = fs::remove_file(self.dir.join(LOCK_FILE));
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        self.release_inner();
    }
}

/// The current holder of the draft in `dir`, if a readable lock is there.
pub fn read(dir: &Path) -> Option<Holder> {
    let text = fs::read_to_string(dir.join(LOCK_FILE)).ok()?;
    ron::from_str(&text).ok()
}

/// The live holder of the draft in `dir`, if someone is writing to it now.
pub fn live_holder(dir: &Path) -> Option<Holder> {
    read(dir).filter(|h| !h.is_stale())
}

fn encode(h: &Holder) -> String {
    ron::to_string(h).unwrap_or_default()
}

fn write(path: &Path, h: &Holder) -> Result<()> {
    fsio::atomic_write(path, encode(h).as_bytes())
}

/// Creates the lock file with its content in one step: the content goes to a
/// temporary file that is then hard-linked under the lock's name, which
/// fails if the name exists. Folders that cannot hard-link (FAT on a USB
/// stick) fall back to an exclusive create.
fn create_new(path: &Path, h: &Holder) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tinxa-lock-")
        .tempfile_in(dir)?;
    tmp.write_all(encode(h).as_bytes())?;
    tmp.as_file().sync_all()?;
    match fs::hard_link(tmp.path(), path) {
        Ok(()) => {
            fsio::sync_dir(dir);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(encode(h).as_bytes())?;
            f.sync_all()
        }
    }
}

/// This computer's name.
pub fn this_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// Whether process `pid` runs on this computer.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return false;
        };
        // Signal 0 checks that the process exists without touching it.
        // SAFETY: kill with signal 0 has no effect on the target.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{CloseHandle, STILL_ACTIVE};
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        // SAFETY: plain Win32 calls on a handle we open and close here.
        unsafe {
            let h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if h.is_null() {
                // Gone, or not ours to query: only "gone" frees the lock, and
                // the refresh time still frees it after STALE_AFTER.
                return std::io::Error::last_os_error().raw_os_error() == Some(5);
            }
            let mut code = 0u32;
            let ok = GetExitCodeProcess(h, &mut code);
            CloseHandle(h);
            ok == 0 || code == STILL_ACTIVE as u32
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_writer_is_told_then_takes_over() {
        let d = tempfile::tempdir().unwrap();
        let Acquired::Held(first) = Lock::acquire(d.path(), "window").unwrap() else {
            panic!("first acquire")
        };
        let Acquired::Busy(h) = Lock::acquire(d.path(), "command").unwrap() else {
            panic!("second must be busy")
        };
        assert_eq!(h.pid, std::process::id());
        assert_eq!(h.program, "window");
        assert!(h.describe(Lang::Vi).contains("trên máy này"));
        let second = Lock::take_over(d.path(), "window").unwrap();
        assert!(!first.still_ours());
        assert!(second.still_ours());
        assert!(first.taken_by().is_some());
        // The loser's release leaves the winner's lock alone.
        first.release();
        assert!(second.still_ours());
        second.release();
        assert!(!d.path().join(LOCK_FILE).exists());
    }

    #[test]
    fn stale_locks_do_not_block() {
        let d = tempfile::tempdir().unwrap();
        let old = Utc::now() - chrono::Duration::minutes(10);
        let other_host = Holder {
            host: "may-khac".into(),
            pid: 1,
            program: "window".into(),
            since: old,
            refreshed: old,
            token: 7,
        };
        write(&d.path().join(LOCK_FILE), &other_host).unwrap();
        assert!(matches!(
            Lock::acquire(d.path(), "window").unwrap(),
            Acquired::Held(_)
        ));

        // A fresh lock from a process of this machine that is gone.
        let mut child = std::process::Command::new("true")
            .spawn()
            .or_else(|_| std::process::Command::new("cmd").arg("/C").spawn())
            .unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let gone = Holder {
            host: this_host(),
            pid: dead,
            program: "window".into(),
            since: Utc::now(),
            refreshed: Utc::now(),
            token: 9,
        };
        write(&d.path().join(LOCK_FILE), &gone).unwrap();
        assert!(gone.is_stale());
        assert!(matches!(
            Lock::acquire(d.path(), "command").unwrap(),
            Acquired::Held(_)
        ));

        // A fresh lock from another computer blocks until it goes stale.
        let live = Holder {
            refreshed: Utc::now(),
            ..other_host
        };
        write(&d.path().join(LOCK_FILE), &live).unwrap();
        assert!(matches!(
            Lock::acquire(d.path(), "command").unwrap(),
            Acquired::Busy(_)
        ));
        // Garbage in the lock file (a crash while writing it) does not block.
        fs::write(d.path().join(LOCK_FILE), b"\0\0\0").unwrap();
        assert!(matches!(
            Lock::acquire(d.path(), "command").unwrap(),
            Acquired::Held(_)
        ));
    }
}
