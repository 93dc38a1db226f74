//! The keystroke journal: what the reporter typed since the last save.
//!
//! The window saves a draft about a second after typing stops. While typing
//! goes on, it appends the whole article to `journal.log` in the draft folder
//! at most twice a second, so a kill or a power cut loses at most about a
//! second of work, even in a new untitled draft. A save removes the entries
//! it covers; a journal left behind is an unfinished session, offered for
//! recovery on the next start ([`pending`]).
//!
//! Each entry is one record:
//!
//! ```text
//! TXJ1 <length> <fnv-1a 64 of the payload, hex>\n<payload: RON of Entry>\n
//! ```
//!
//! A record cut short by a crash, or damaged, fails its length or checksum
//! and is ignored; the last whole record wins. When the file passes
//! [`ROTATE_AT`] it is rewritten (atomically) with only its last record.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::error::{Action, Error, Result};
use crate::fsio;

pub const JOURNAL_FILE: &str = "journal.log";
const MAGIC: &str = "TXJ1";
/// Past this size the journal keeps only its last entry.
pub const ROTATE_AT: u64 = 1 << 20;

/// One journaled state of the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When the window took this state (after the keystroke).
    pub taken: DateTime<Utc>,
    /// `updated` of the saved version this state was typed over.
    pub base: DateTime<Utc>,
    pub article: Article,
}

/// The journal of one open draft. Clones share one mutex, so appends (from
/// worker threads) and the clean-up after a save never interleave.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
    guard: Arc<Mutex<()>>,
}

impl Journal {
    pub fn of(dir: &Path) -> Journal {
        Journal {
            path: dir.join(JOURNAL_FILE),
            guard: Arc::new(Mutex::new(())),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends an entry and flushes it to the disk.
    pub fn append(&self, entry: &Entry) -> Result<()> {
        let _g = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        let record = encode(entry);
        let size = fs::metadata(&self.path).map_or(0, |m| m.len());
        if size + record.len() as u64 > ROTATE_AT {
            return fsio::atomic_write(&self.path, &record);
        }
        let new = size == 0;
        let mut f = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(Error::at(Action::Write, &self.path))?;
        f.write_all(&record)
            .and_then(|()| f.sync_data())
            .map_err(Error::at(Action::Write, &self.path))?;
        if new && let Some(dir) = self.path.parent() {
            fsio::sync_dir(dir);
        }
        Ok(())
    }

    /// After a save of the state taken at `saved`: drops what that save
    /// covers. An entry newer than the save (typed while it ran) stays.
    pub fn saved(&self, saved: DateTime<Utc>) -> Result<()> {
        let _g = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        match last_entry(&self.path) {
            Some(e) if e.taken > saved => fsio::atomic_write(&self.path, &encode(&e)),
            _ => remove(&self.path),
        }
    }

    /// Forgets the journal (the reporter recovered it or set it aside).
    pub fn clear(&self) -> Result<()> {
        let _g = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        remove(&self.path)
    }

    /// The last whole entry, if any.
    pub fn last(&self) -> Option<Entry> {
        let _g = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        last_entry(&self.path)
    }
}

fn remove(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(Action::Remove, path, &e)),
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One record of the journal for `entry`.
pub fn encode(entry: &Entry) -> Vec<u8> {
    let payload = ron::to_string(entry).unwrap_or_default();
    let mut out = format!(
        "{MAGIC} {} {:016x}\n",
        payload.len(),
        fnv1a(payload.as_bytes())
    )
    .into_bytes();
    out.extend_from_slice(payload.as_bytes());
    out.push(b'\n');
    out
}

/// Every whole entry of a journal's bytes, oldest first; damaged or cut
/// records are skipped.
pub fn decode(bytes: &[u8]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Find the next header line.
        let Some(rel) = find(&bytes[i..], MAGIC.as_bytes()) else {
            break;
        };
        let start = i + rel;
        let Some(nl) = bytes[start..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&bytes[start..start + nl]).into_owned();
        let mut parts = header.split(' ').skip(1);
        let len = parts.next().and_then(|l| l.parse::<usize>().ok());
        let sum = parts.next().and_then(|s| u64::from_str_radix(s, 16).ok());
        let body = start + nl + 1;
        match (len, sum) {
            (Some(len), Some(sum))
                if body.checked_add(len).is_some_and(|end| end <= bytes.len())
                    && fnv1a(&bytes[body..body + len]) == sum =>
            {
                if let Some(e) = std::str::from_utf8(&bytes[body..body + len])
                    .ok()
                    .and_then(|s| ron::from_str::<Entry>(s).ok())
                {
                    out.push(e);
                }
                i = body + len;
            }
            _ => i = start + MAGIC.len(),
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn last_entry(path: &Path) -> Option<Entry> {
    let bytes = fs::read(path).ok()?;
    let mut e = decode(&bytes).pop()?;
    e.article.normalize();
    Some(e)
}

/// An unfinished session found in a draft: text the reporter typed that no
/// save holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub dir: PathBuf,
    pub entry: Entry,
    /// The saved article it would replace (None when that is unreadable).
    pub saved: Option<Article>,
}

impl Pending {
    /// Words in the recovered body minus words in the saved one.
    pub fn word_change(&self) -> i64 {
        let now = self.entry.article.body_words() as i64;
        now - self.saved.as_ref().map_or(0, |a| a.body_words() as i64)
    }

    /// The first paragraph (or field) that differs from the saved article,
    /// shortened: what the reporter will get back.
    pub fn first_difference(&self) -> Option<String> {
        let new = &self.entry.article;
        let empty = Article::default();
        let old = self.saved.as_ref().unwrap_or(&empty);
        let short = |s: &str| {
            let t: String = s.chars().take(140).collect();
            if t.len() < s.len() {
                format!("{t}…")
            } else {
                t
            }
        };
        for (a, b) in [
            (&new.title, &old.title),
            (&new.sapo, &old.sapo),
            (&new.byline, &old.byline),
        ] {
            if a != b && !a.is_empty() {
                return Some(short(a));
            }
        }
        let olds: Vec<&str> = old.body.split("\n\n").collect();
        for p in new.body.split("\n\n") {
            if !olds.contains(&p) && !p.trim().is_empty() {
                return Some(short(p.trim()));
            }
        }
        new.photos
            .iter()
            .find(|p| !old.photos.contains(p))
            .map(|p| short(&p.caption))
    }
}

/// True when the draft in `dir` has a journal that no live window is
/// writing: a session that did not end. Cheap (two file checks).
pub fn left_behind(dir: &Path) -> bool {
    dir.join(JOURNAL_FILE).exists() && crate::lock::live_holder(dir).is_none()
}

/// The unfinished session of the draft in `dir`, if its journal holds text
/// newer than the saved article and no live window is writing to it. A
/// journal older than the saved article is set aside (kept in the version
/// history, never put over newer work) and removed.
pub fn pending(dir: &Path) -> Option<Pending> {
    if !left_behind(dir) {
        return None;
    }
    let path = dir.join(JOURNAL_FILE);
    let entry = last_entry(&path)?;
    let saved = fs::read(dir.join(crate::draft::ARTICLE_FILE))
        .ok()
        .and_then(|b| crate::article::Article::from_ron(&b).ok())
        .map(|mut a| {
            a.normalize();
            a
        });
    match &saved {
        Some(s) if s.updated >= entry.taken || s.same_text(&entry.article) => {
            if !s.same_text(&entry.article) {
                let _ = crate::history::keep(dir, &entry.article, crate::history::Kind::Recovered);
            }
            let _ = remove(&path);
            None
        }
        _ => Some(Pending {
            dir: dir.to_path_buf(),
            entry,
            saved,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &str) -> Entry {
        let mut a = Article::new();
        a.body = body.into();
        Entry {
            taken: Utc::now(),
            base: Utc::now(),
            article: a,
        }
    }

    #[test]
    fn torn_and_damaged_records_are_skipped() {
        let mut bytes = encode(&entry("Hội nghị"));
        bytes.extend(encode(&entry("Hội nghị xã")));
        let whole = bytes.len();
        bytes.extend(encode(&entry("Hội nghị xã Cao Sơn")));
        // Cut the last record anywhere before its final newline: the second
        // one wins (only that newline may go and the record stay whole).
        for cut in whole..bytes.len() - 1 {
            let got = decode(&bytes[..cut]);
            assert_eq!(got.len(), 2, "cut at {cut}");
            assert_eq!(got[1].article.body, "Hội nghị xã");
        }
        // A flipped byte in a payload drops only that record.
        let mut bad = bytes.clone();
        bad[whole + 40] ^= 0x20;
        let got = decode(&bad);
        assert_eq!(got.last().unwrap().article.body, "Hội nghị xã");
        // NUL bytes (a power cut on some file systems) are not a record.
        let mut nul = bytes.clone();
        nul.extend([0u8; 4096]);
        assert_eq!(decode(&nul).len(), 3);
        assert!(decode(&[0u8; 100]).is_empty());
    }

    #[test]
    fn rotation_keeps_the_last_entry_small() {
        let d = tempfile::tempdir().unwrap();
        let j = Journal::of(d.path());
        let long = "Hội nghị thông tin thời sự. ".repeat(2000);
        for i in 0..40 {
            j.append(&entry(&format!("{long}{i}"))).unwrap();
        }
        let size = fs::metadata(j.path()).unwrap().len();
        assert!(size <= ROTATE_AT, "{size}");
        assert!(j.last().unwrap().article.body.ends_with("39"));
    }

    #[test]
    fn a_save_removes_what_it_covers() {
        let d = tempfile::tempdir().unwrap();
        let j = Journal::of(d.path());
        let e1 = entry("một");
        j.append(&e1).unwrap();
        j.saved(e1.taken).unwrap();
        assert!(!j.path().exists());
        let e2 = entry("hai");
        j.append(&e2).unwrap();
        // A save of an older state keeps the newer entry.
        j.saved(e2.taken - chrono::Duration::seconds(1)).unwrap();
        assert_eq!(j.last().unwrap().article.body, "hai");
    }
}
