//! Drafts on disk.
//!
//! ```text
//! <home>/drafts/<id>/article.ron       the article (RON, versioned)
//! <home>/drafts/<id>/article.bak.ron   the previous saved version
//! <home>/drafts/<id>/summary.ron       title, place, time, words: for fast listing
//! <home>/drafts/<id>/photos/           copies of the photos, safe ASCII names
//! <home>/drafts/<id>/versions/         earlier versions (see `history`)
//! <home>/drafts/<id>/journal.log       typing not yet saved (see `journal`)
//! <home>/drafts/<id>/lock.ron          who is writing to the draft (see `lock`)
//! <home>/drafts/<id>/.cache/           preview copies and thumbnails
//! <home>/trash/<id>/                   a deleted draft, restorable
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::article::{Article, Photo, SCHEMA_VERSION};
use crate::error::{Action, Error, Result};
use crate::fsio;
use crate::lang::Lang;
use crate::photo;
use crate::text;

pub const ARTICLE_FILE: &str = "article.ron";
pub const BACKUP_FILE: &str = "article.bak.ron";
pub const SUMMARY_FILE: &str = "summary.ron";
pub const PHOTOS_DIR: &str = "photos";
pub const TRASHED_FILE: &str = "trashed.ron";

/// What the drafts list shows of a draft without parsing the whole article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub place: String,
    pub updated: DateTime<Utc>,
    pub words: usize,
    /// File in `photos/` to show as the thumbnail: the cover, else the first photo.
    pub thumbnail: Option<String>,
    /// Set in the trash listing: when the draft was deleted.
    pub trashed: Option<DateTime<Utc>>,
}

impl Summary {
    pub fn of(id: &str, a: &Article) -> Summary {
        Summary {
            id: id.to_owned(),
            title: a.title.clone(),
            place: a.place.clone(),
            updated: a.updated,
            words: a.body_words(),
            thumbnail: a.cover_photo().or(a.photos.first()).map(|p| p.file.clone()),
            trashed: None,
        }
    }
}

/// Something the reporter should be told once when a draft opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    RecoveredFromBackup { detail: String },
    NewerVersion { found: u32 },
    NormalizedToNfc,
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::RecoveredFromBackup { detail } => lang.pick(
                format!("Tệp bài viết bị hỏng ({detail}); đã mở bản lưu trước đó. Kiểm tra lại những thay đổi gần nhất."),
                format!("The article file was damaged ({detail}); the previous saved version was opened. Check your latest changes."),
            ),
            Notice::NewerVersion { found } => lang.pick(
                format!("Bản nháp này do Tin Xã mới hơn tạo (định dạng {found}); mở chỉ để đọc để không mất dữ liệu."),
                format!("This draft was written by a newer Tin Xã (format {found}); it is open read-only so nothing is lost."),
            ),
            Notice::NormalizedToNfc => lang.pick(
                "Văn bản có dấu dạng tổ hợp (NFD) đã được chuẩn hóa về Unicode dựng sẵn (NFC).".to_owned(),
                "Decomposed (NFD) text was normalised to precomposed Unicode (NFC).".to_owned(),
            ),
        }
    }
}

/// An open draft.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: String,
    pub dir: PathBuf,
    pub article: Article,
    /// Written by a newer version: never saved over.
    pub read_only: bool,
    pub notices: Vec<Notice>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VersionProbe {
    version: u32,
}

fn parse(bytes: &[u8]) -> std::result::Result<Article, String> {
    Article::from_ron(bytes)
}

impl Draft {
    /// Opens the draft in folder `dir`, falling back to the backup when the
    /// article file is damaged.
    pub fn load(dir: &Path) -> Result<Draft> {
        let main = dir.join(ARTICLE_FILE);
        let backup = dir.join(BACKUP_FILE);
        let mut notices = Vec::new();
        let bytes = match fs::read(&main) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && backup.exists() => None,
            Err(e) => return Err(Error::io(Action::Read, &main, &e)),
        };
        let mut read_only = false;
        let newer = bytes.as_deref().and_then(|b| {
            let s = std::str::from_utf8(b).ok()?;
            let v = ron::from_str::<VersionProbe>(s).ok()?.version;
            (v > SCHEMA_VERSION).then_some(v)
        });
        let parsed = match bytes.as_deref().map(parse) {
            Some(Ok(a)) => Ok(a),
            Some(Err(e)) => Err(e),
            None => Err("article.ron is missing".to_owned()),
        };
        let mut article = match (parsed, newer) {
            (Ok(a), None) => a,
            (Ok(a), Some(found)) => {
                read_only = true;
                notices.push(Notice::NewerVersion { found });
                a
            }
            (Err(detail), Some(_)) => {
                return Err(Error::CorruptDraft {
                    path: main,
                    detail: format!("made by a newer Tin Xã: {detail}"),
                });
            }
            (Err(detail), None) => match fs::read(&backup).ok().map(|b| parse(&b)) {
                Some(Ok(a)) => {
                    notices.push(Notice::RecoveredFromBackup {
                        detail: first_line(&detail),
                    });
                    a
                }
                _ => {
                    return Err(Error::CorruptDraft {
                        path: main,
                        detail: first_line(&detail),
                    });
                }
            },
        };
        if article.normalize() {
            notices.push(Notice::NormalizedToNfc);
        }
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Draft {
            id,
            dir: dir.to_path_buf(),
            article,
            read_only,
            notices,
        })
    }

    /// Saves the article atomically, keeping the previous version as a backup.
    pub fn save(&mut self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.dir.clone(),
            });
        }
        self.article.updated = Utc::now();
        save_article(&self.dir, &self.article)
    }

    /// The path of a photo's file, refusing names that would leave the draft
    /// folder (`..`, absolute paths, folders) and symlinks.
    pub fn photo_path(&self, photo: &Photo) -> Result<PathBuf> {
        photo_path(&self.dir, &photo.file)
    }

    /// Copies the photo at `src` into the draft (after checking it is a photo
    /// we can export) and adds it to the article. Returns its number.
    pub fn add_photo(&mut self, src: &Path) -> Result<u32> {
        let file = copy_photo_in(&self.dir, src)?;
        Ok(self.add_photo_file(file))
    }

    /// Adds a photo already copied in by [`copy_photo_in`]; returns its number.
    pub fn add_photo_file(&mut self, file: String) -> u32 {
        let id = self.article.next_photo_id();
        self.article.photos.push(Photo {
            id,
            file,
            ..Photo::default()
        });
        id
    }

    /// Deletes photo files no longer used by the article. Call when the draft
    /// is closed, never while an undo could still bring a photo back.
    pub fn remove_unused_photos(&self) -> Result<usize> {
        let dir = self.dir.join(PHOTOS_DIR);
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(0);
        };
        // Photos an earlier version uses stay, so restoring it brings them back.
        let kept = crate::history::photo_files(&self.dir);
        let mut removed = 0;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.')
                || self.article.photos.iter().any(|p| p.file == name)
                || kept.contains(&name)
            {
                continue;
            }
            let p = e.path();
            fs::remove_file(&p).map_err(Error::at(Action::Remove, &p))?;
            removed += 1;
        }
        Ok(removed)
    }
}

/// Checks the photo at `src` and copies it into the draft at `dir` under a
/// safe unused name, which it returns. Slow (reads the file): run it off the
/// UI thread.
pub fn copy_photo_in(dir: &Path, src: &Path) -> Result<String> {
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let info = photo::probe(src).map_err(|error| Error::Photo {
        file: name.clone(),
        error,
    })?;
    let photos = dir.join(PHOTOS_DIR);
    fsio::create_dir_all(&photos)?;
    let file = unique_photo_name(&photos, &name, format_ext(info.format));
    let dest = photos.join(&file);
    let mut input = fs::File::open(src).map_err(Error::at(Action::Read, src))?;
    fsio::atomic_write_with(&dest, |out| std::io::copy(&mut input, out).map(|_| ()))?;
    Ok(file)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_owned()
}

/// Writes `article.ron` (after backing up the current one when it is valid)
/// and the summary.
pub fn save_article(dir: &Path, article: &Article) -> Result<()> {
    save_inner(dir, article, true)
}

/// Like [`save_article`], without keeping the replaced version in the
/// history (a restore keeps its own "before restore" version).
pub fn save_article_no_history(dir: &Path, article: &Article) -> Result<()> {
    save_inner(dir, article, false)
}

fn save_inner(dir: &Path, article: &Article, history: bool) -> Result<()> {
    let mut a = article.clone();
    a.normalize();
    a.version = SCHEMA_VERSION.max(a.version);
    let text = ron::ser::to_string_pretty(&a, ron::ser::PrettyConfig::default()).map_err(|e| {
        Error::Invalid {
            vi: format!("Không ghi được bài viết: {e}"),
            en: format!("Could not write the article: {e}"),
        }
    })?;
    fsio::create_dir_all(dir)?;
    let main = dir.join(ARTICLE_FILE);
    if let Ok(old) = fs::read(&main)
        && let Ok(old_article) = parse(&old)
        && old != text.as_bytes()
    {
        fsio::atomic_write(&dir.join(BACKUP_FILE), &old)?;
        if history && !old_article.same_text(&a) {
            // A failure to keep history must not stop the save itself.
            let _ = crate::history::on_save(dir, &old_article);
        }
    }
    fsio::atomic_write(&main, text.as_bytes())?;
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_summary(dir, &Summary::of(&id, &a))
}

fn write_summary(dir: &Path, s: &Summary) -> Result<()> {
    let text = ron::ser::to_string(s).unwrap_or_default();
    fsio::atomic_write(&dir.join(SUMMARY_FILE), text.as_bytes())
}

/// True for a file name that stays inside `photos/` on every system.
pub fn is_safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 120
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && !text::is_reserved_windows_name(name.split('.').next().unwrap_or(""))
}

/// Resolves a photo file name inside the draft at `dir`.
pub fn photo_path(dir: &Path, file: &str) -> Result<PathBuf> {
    if !is_safe_file_name(file) {
        return Err(Error::UnsafePhotoPath {
            file: file.to_owned(),
        });
    }
    let p = dir.join(PHOTOS_DIR).join(file);
    match fs::symlink_metadata(&p) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::UnsafePhotoPath {
            file: file.to_owned(),
        }),
        Ok(_) => Ok(p),
        Err(e) => Err(Error::io(Action::Read, &p, &e)),
    }
}

/// The file extension a photo of `format` is stored under.
fn format_ext(format: photo::PhotoFormat) -> &'static str {
    use photo::PhotoFormat::*;
    match format {
        Jpeg => "jpg",
        Png => "png",
        Webp => "webp",
        Gif => "gif",
        Bmp => "bmp",
        Tiff => "tif",
    }
}

/// A safe, unused name in `photos/` for a photo called `original`.
fn unique_photo_name(dir: &Path, original: &str, ext: &str) -> String {
    let stem = Path::new(original)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut base = text::slug(&stem);
    base.truncate(60);
    let base = base.trim_end_matches('-').to_owned();
    let mut name = format!("{base}.{ext}");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{base}-{n}.{ext}");
        n += 1;
    }
    name
}

/// The folder that holds everything: drafts, trash and settings.
#[derive(Debug, Clone)]
pub struct Store {
    home: PathBuf,
}

impl Store {
    /// `TINXA_HOME` when set, else the platform's data folder
    /// (~/.local/share/tinxa, %APPDATA%\TinXa\data, ~/Library/Application Support/vn.TinXa).
    pub fn open_default() -> Result<Store> {
        Ok(Store::new(home_dir()?))
    }

    pub fn new(home: impl Into<PathBuf>) -> Store {
        Store { home: home.into() }
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.home.join("drafts")
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.home.join("trash")
    }

    pub fn draft_dir(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(id)
    }

    /// Creates a new draft holding `article` and returns it, saved.
    pub fn create(&self, article: Article) -> Result<Draft> {
        fsio::create_dir_all(&self.drafts_dir())?;
        let id = loop {
            let id = format!(
                "{}-{:04x}",
                Utc::now().format("%Y%m%d-%H%M%S"),
                fastrand::u16(..)
            );
            if !self.draft_dir(&id).exists() && !self.trash_dir().join(&id).exists() {
                break id;
            }
        };
        let dir = self.draft_dir(&id);
        fsio::create_dir_all(&dir)?;
        let mut draft = Draft {
            id,
            dir,
            article,
            read_only: false,
            notices: Vec::new(),
        };
        draft.save()?;
        Ok(draft)
    }

    pub fn open(&self, id: &str) -> Result<Draft> {
        Draft::load(&self.draft_dir(id))
    }

    /// Every draft, newest change first.
    pub fn list(&self) -> Result<Vec<Summary>> {
        self.summaries(&self.drafts_dir())
    }

    /// Every draft in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<Summary>> {
        let mut v = self.summaries(&self.trash_dir())?;
        for s in &mut v {
            let f = self.trash_dir().join(&s.id).join(TRASHED_FILE);
            s.trashed = fs::read_to_string(f)
                .ok()
                .and_then(|t| ron::from_str::<DateTime<Utc>>(&t).ok());
        }
        v.sort_by_key(|s| std::cmp::Reverse(s.trashed));
        Ok(v)
    }

    fn summaries(&self, root: &Path) -> Result<Vec<Summary>> {
        let entries = match fs::read_dir(root) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(Action::List, root, &e)),
        };
        let mut out = Vec::new();
        for e in entries.flatten() {
            let dir = e.path();
            if !dir.is_dir() {
                continue;
            }
            let id = e.file_name().to_string_lossy().into_owned();
            let cached = fs::read_to_string(dir.join(SUMMARY_FILE))
                .ok()
                .and_then(|t| ron::from_str::<Summary>(&t).ok());
            let summary = match cached {
                Some(mut s) => {
                    s.id = id;
                    s
                }
                // No summary yet (or damaged): read the article once and keep one.
                None => match Draft::load(&dir) {
                    Ok(d) => {
                        let s = Summary::of(&id, &d.article);
                        let _ = write_summary(&dir, &s);
                        s
                    }
                    Err(_) => continue,
                },
            };
            out.push(summary);
        }
        out.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Finds a draft from a folder, its `article.ron`, an id or a unique id prefix.
    pub fn resolve(&self, spec: &str) -> Result<PathBuf> {
        let p = Path::new(spec);
        if p.is_dir() && (p.join(ARTICLE_FILE).exists() || p.join(BACKUP_FILE).exists()) {
            return Ok(p.to_path_buf());
        }
        if p.is_file() && p.file_name().is_some_and(|n| n == ARTICLE_FILE) {
            let parent = p.parent().unwrap_or(Path::new("."));
            return Ok(if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            });
        }
        let not_found = || Error::DraftNotFound {
            spec: spec.to_owned(),
        };
        if spec.is_empty() || spec.contains(['/', '\\']) {
            return Err(not_found());
        }
        let mut found: Vec<String> = match fs::read_dir(self.drafts_dir()) {
            Ok(entries) => entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(spec))
                .collect(),
            Err(_) => Vec::new(),
        };
        if found.iter().any(|n| n == spec) {
            return Ok(self.draft_dir(spec));
        }
        match found.len() {
            0 => Err(not_found()),
            1 => Ok(self.draft_dir(&found.remove(0))),
            _ => {
                found.sort();
                Err(Error::AmbiguousDraft {
                    spec: spec.to_owned(),
                    candidates: found,
                })
            }
        }
    }

    /// Copies a draft (text and photos) into a new one titled "… (bản sao)".
    pub fn duplicate(&self, id: &str) -> Result<Draft> {
        let src = self.open(id)?;
        let mut article = src.article.clone();
        article.title = if article.title.is_empty() {
            String::new()
        } else {
            format!("{} (bản sao)", article.title)
        };
        let now = Utc::now();
        article.created = now;
        article.updated = now;
        let mut copy = self.create(article)?;
        let from = src.dir.join(PHOTOS_DIR);
        if from.is_dir() {
            let to = copy.dir.join(PHOTOS_DIR);
            fsio::create_dir_all(&to)?;
            for p in &src.article.photos {
                if let Ok(path) = src.photo_path(p) {
                    let bytes = fsio::read(&path)?;
                    fsio::atomic_write(&to.join(&p.file), &bytes)?;
                }
            }
        }
        copy.save()?;
        Ok(copy)
    }

    /// Changes a draft's title.
    pub fn rename(&self, id: &str, title: &str) -> Result<()> {
        let mut d = self.open(id)?;
        d.article.title = text::clean_line(title);
        d.save()
    }

    /// Moves a draft into the trash (restorable).
    pub fn trash(&self, id: &str) -> Result<()> {
        let from = self.draft_dir(id);
        if !from.join(ARTICLE_FILE).exists() && !from.join(BACKUP_FILE).exists() {
            return Err(Error::DraftNotFound {
                spec: id.to_owned(),
            });
        }
        if let Some(holder) = crate::lock::live_holder(&from) {
            return Err(Error::Busy {
                path: from,
                by: holder.who(),
            });
        }
        fsio::create_dir_all(&self.trash_dir())?;
        let to = self.trash_dir().join(id);
        fs::rename(&from, &to).map_err(Error::at(Action::Move, &from))?;
        let stamp = ron::to_string(&Utc::now()).unwrap_or_default();
        fsio::atomic_write(&to.join(TRASHED_FILE), stamp.as_bytes())?;
        fsio::sync_dir(&self.drafts_dir());
        Ok(())
    }

    /// Brings a draft back from the trash.
    pub fn restore(&self, id: &str) -> Result<()> {
        let from = self.trash_dir().join(id);
        if !from.is_dir() || id.is_empty() || id.contains(['/', '\\', '.']) {
            return Err(Error::DraftNotFound {
                spec: id.to_owned(),
            });
        }
        fsio::create_dir_all(&self.drafts_dir())?;
        let to = self.draft_dir(id);
        if to.exists() {
            return Err(Error::Invalid {
                vi: format!("Đã có bản nháp mang mã {id}; không khôi phục đè lên."),
                en: format!("A draft with id {id} already exists; not restoring over it."),
            });
        }
        let _ = fs::remove_file(from.join(TRASHED_FILE));
        fs::rename(&from, &to).map_err(Error::at(Action::Move, &from))?;
        fsio::sync_dir(&self.trash_dir());
        Ok(())
    }

    /// Deletes everything in the trash for good. Returns how many drafts went.
    pub fn empty_trash(&self) -> Result<usize> {
        let root = self.trash_dir();
        let Ok(entries) = fs::read_dir(&root) else {
            return Ok(0);
        };
        let mut n = 0;
        for e in entries.flatten() {
            let p = e.path();
            fs::remove_dir_all(&p).map_err(Error::at(Action::Remove, &p))?;
            n += 1;
        }
        Ok(n)
    }
}

/// The home folder: `TINXA_HOME`, else the platform data folder.
pub fn home_dir() -> Result<PathBuf> {
    if let Some(h) = std::env::var_os("TINXA_HOME").filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(h));
    }
    directories::ProjectDirs::from("vn", "TinXa", "tinxa")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(Error::NoHome)
}
