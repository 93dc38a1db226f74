//! Version history ("Lịch sử phiên bản").
//!
//! ```text
//! <draft>/versions/20261126-143200-123-auto.ron      the text as saved before 14:32
//! <draft>/versions/20261126-150501-004-restore.ron   the text just before a restore
//! <draft>/versions/20261126-151000-870-recovered.ron typed text set aside at recovery
//! ```
//!
//! A save keeps the version it replaces when the newest kept "auto" version
//! is at least [`EVERY`] old: at most one per 5 minutes of editing, the last
//! [`KEEP`] of them. The version before every restore, and journal text set
//! aside instead of recovered, are kept as well and never pruned. Each file
//! is a whole `article.ron`, written atomically.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::article::Article;
use crate::error::{Action, Error, Result};
use crate::fsio;

pub const VERSIONS_DIR: &str = "versions";
/// At most one automatic version per this much editing.
pub const EVERY: Duration = Duration::from_secs(5 * 60);
/// Automatic versions kept.
pub const KEEP: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Kept by a save, at most one per 5 minutes.
    Auto,
    /// The article just before a version was restored.
    BeforeRestore,
    /// Journal text the reporter chose not to recover, or older than the save.
    Recovered,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::Auto => "auto",
            Kind::BeforeRestore => "restore",
            Kind::Recovered => "recovered",
        }
    }

    fn from_tag(t: &str) -> Option<Kind> {
        Some(match t {
            "auto" => Kind::Auto,
            "restore" => Kind::BeforeRestore,
            "recovered" => Kind::Recovered,
            _ => return None,
        })
    }
}

/// One kept version, as the history list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub file: String,
    pub kind: Kind,
    /// When it was kept.
    pub kept: DateTime<Utc>,
    /// When its text was last changed.
    pub updated: DateTime<Utc>,
    pub title: String,
    pub words: usize,
}

fn dir_of(draft: &Path) -> PathBuf {
    draft.join(VERSIONS_DIR)
}

fn parse_name(name: &str) -> Option<(DateTime<Utc>, Kind)> {
    let stem = name.strip_suffix(".ron")?;
    let (stamp, tag) = stem.rsplit_once('-')?;
    let t = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok()?;
    Some((t.and_utc(), Kind::from_tag(tag)?))
}

/// Kept versions' file names with their times and kinds, newest first.
fn entries(draft: &Path) -> Vec<(String, DateTime<Utc>, Kind)> {
    let Ok(rd) = fs::read_dir(dir_of(draft)) else {
        return Vec::new();
    };
    let mut v: Vec<_> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (t, k) = parse_name(&name)?;
            Some((name, t, k))
        })
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    v
}

/// Keeps `article` as a version of `kind`; returns its file name.
pub fn keep(draft: &Path, article: &Article, kind: Kind) -> Result<String> {
    let dir = dir_of(draft);
    fsio::create_dir_all(&dir)?;
    let mut now = Utc::now();
    let name = loop {
        let name = format!("{}-{}.ron", now.format("%Y%m%d-%H%M%S-%3f"), kind.tag());
        if !dir.join(&name).exists() {
            break name;
        }
        now += chrono::Duration::milliseconds(1);
    };
    let text =
        ron::ser::to_string_pretty(article, ron::ser::PrettyConfig::default()).unwrap_or_default();
    fsio::atomic_write(&dir.join(&name), text.as_bytes())?;
    if kind == Kind::Auto {
        prune(draft)?;
    }
    Ok(name)
}

/// Keeps `article` unless the newest version of `kind` already holds the
/// same text (a draft opened twice with the same unfinished session).
pub fn keep_once(draft: &Path, article: &Article, kind: Kind) -> Result<()> {
    let newest = entries(draft).into_iter().find(|e| e.2 == kind);
    if let Some((file, _, _)) = newest
        && load(draft, &file).is_ok_and(|a| a.same_text(article))
    {
        return Ok(());
    }
    keep(draft, article, kind).map(|_| ())
}

/// Called by a save about to replace `old`: keeps it when the newest
/// automatic version is older than [`EVERY`] and differs from it.
pub fn on_save(draft: &Path, old: &Article) -> Result<()> {
    let newest = entries(draft).into_iter().find(|e| e.2 == Kind::Auto);
    if let Some((_, t, _)) = &newest
        && Utc::now()
            .signed_duration_since(*t)
            .to_std()
            .is_ok_and(|age| age < EVERY)
    {
        return Ok(());
    }
    keep(draft, old, Kind::Auto).map(|_| ())
}

/// Removes automatic versions past the newest [`KEEP`].
fn prune(draft: &Path) -> Result<()> {
    let dir = dir_of(draft);
    for (name, _, _) in entries(draft)
        .into_iter()
        .filter(|e| e.2 == Kind::Auto)
        .skip(KEEP)
    {
        let p = dir.join(name);
        fs::remove_file(&p).map_err(Error::at(Action::Remove, &p))?;
    }
    Ok(())
}

/// Every kept version, newest first (unreadable files are skipped).
pub fn list(draft: &Path) -> Vec<Version> {
    entries(draft)
        .into_iter()
        .filter_map(|(file, kept, kind)| {
            let a = load(draft, &file).ok()?;
            Some(Version {
                file,
                kind,
                kept,
                updated: a.updated,
                title: a.title.clone(),
                words: a.body_words(),
            })
        })
        .collect()
}

/// The article of a kept version.
pub fn load(draft: &Path, file: &str) -> Result<Article> {
    if parse_name(file).is_none() || file.contains(['/', '\\']) {
        return Err(Error::Invalid {
            vi: format!("Không có phiên bản \"{file}\"."),
            en: format!("No version \"{file}\"."),
        });
    }
    let p = dir_of(draft).join(file);
    let bytes = fsio::read(&p)?;
    let mut a =
        crate::article::Article::from_ron(&bytes).map_err(|detail| Error::CorruptDraft {
            path: p.clone(),
            detail,
        })?;
    a.normalize();
    Ok(a)
}

/// Prepares restoring version `file`: keeps `current` (what the reporter
/// has now) as a "before restore" version, so the restore itself can be
/// undone, and returns the version's article (dated now) and the name of
/// the kept "before" version. The caller saves the article (photos deleted
/// since that version are gone from the draft: the text stays, and the
/// check reports their markers).
pub fn restore(draft: &Path, file: &str, current: &Article) -> Result<(Article, String)> {
    let mut a = load(draft, file)?;
    let before = keep(draft, current, Kind::BeforeRestore)?;
    a.updated = Utc::now();
    Ok((a, before))
}

/// Photo files some kept version still uses (not to be deleted as unused).
pub fn photo_files(draft: &Path) -> Vec<String> {
    let mut v: Vec<String> = entries(draft)
        .into_iter()
        .filter_map(|(f, _, _)| load(draft, &f).ok())
        .flat_map(|a| a.photos.into_iter().map(|p| p.file))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(body: &str) -> Article {
        let mut a = Article::new();
        a.body = body.into();
        a
    }

    #[test]
    fn names_round_trip() {
        let (t, k) = parse_name("20261126-143200-123-restore.ron").unwrap();
        assert_eq!(k, Kind::BeforeRestore);
        assert_eq!(t.format("%H:%M:%S%.3f").to_string(), "14:32:00.123");
        assert!(parse_name("../x-auto.ron").is_none());
        assert!(parse_name("20261126-143200-123-evil.ron").is_none());
    }

    #[test]
    fn at_most_one_auto_per_five_minutes_and_twenty_kept() {
        let d = tempfile::tempdir().unwrap();
        on_save(d.path(), &art("một")).unwrap();
        on_save(d.path(), &art("hai")).unwrap();
        assert_eq!(list(d.path()).len(), 1, "second save within 5 minutes");
        for i in 0..30 {
            keep(d.path(), &art(&format!("bản {i}")), Kind::Auto).unwrap();
        }
        keep(d.path(), &art("trước khi khôi phục"), Kind::BeforeRestore).unwrap();
        let v = list(d.path());
        assert_eq!(v.iter().filter(|v| v.kind == Kind::Auto).count(), KEEP);
        assert_eq!(
            v.iter().filter(|v| v.kind == Kind::BeforeRestore).count(),
            1
        );
        assert!(load(d.path(), "../article.ron").is_err());
    }

    #[test]
    fn the_same_recovered_text_is_kept_once() {
        let d = tempfile::tempdir().unwrap();
        keep_once(d.path(), &art("gõ dở"), Kind::Recovered).unwrap();
        keep_once(d.path(), &art("gõ dở"), Kind::Recovered).unwrap();
        assert_eq!(list(d.path()).len(), 1);
        keep_once(d.path(), &art("gõ dở thêm"), Kind::Recovered).unwrap();
        assert_eq!(list(d.path()).len(), 2);
    }
}
