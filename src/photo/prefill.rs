//! Captions, credits and alt text filled in when a photo comes in, from the
//! photo's own metadata and the reporter's default credit.
//!
//! Text taken from the photo is remembered in `Photo::from_photo`; a field is
//! "lấy từ ảnh" (from the photo) while it still equals that text, so any edit
//! by the reporter, in the window or elsewhere, ends the mark by itself.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::meta::{PhotoMeta, read_meta_file};
use crate::article::{Article, Photo};
use crate::draft::Draft;
use crate::error::{Error, Result};

/// What a photo's caption, credit and alt text were filled with from its
/// metadata ("" for a field not filled from it).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FromPhoto {
    pub caption: String,
    pub credit: String,
    pub alt: String,
}

impl FromPhoto {
    pub fn is_empty(&self) -> bool {
        self.caption.is_empty() && self.credit.is_empty() && self.alt.is_empty()
    }
}

/// Which of a photo's fields still hold the text taken from the photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FromPhotoMarks {
    pub caption: bool,
    pub credit: bool,
    pub alt: bool,
}

/// The label the window shows next to such a field.
pub const FROM_PHOTO_LABEL_VI: &str = "lấy từ ảnh";
pub const FROM_PHOTO_LABEL_EN: &str = "from the photo";

/// Which fields of `p` are still unedited text from the photo's metadata.
pub fn from_photo_marks(p: &Photo) -> FromPhotoMarks {
    let same = |field: &str, taken: &str| !taken.is_empty() && field == taken;
    FromPhotoMarks {
        caption: same(&p.caption, &p.from_photo.caption),
        credit: same(&p.credit, &p.from_photo.credit),
        alt: same(&p.alt, &p.from_photo.alt),
    }
}

/// Fills the empty caption, credit and alt of `p`: the caption from the
/// photo's description (else its title), the alt text from its title when
/// that differs from the caption, the credit from its creator, else from
/// `default_credit` (the settings' default; not marked as from the photo).
/// Fields the reporter already filled are never touched.
pub fn fill_from_meta(p: &mut Photo, meta: &PhotoMeta, default_credit: &str) {
    if p.caption.trim().is_empty()
        && let Some(c) = meta.description.as_ref().or(meta.title.as_ref())
    {
        p.caption = c.clone();
        p.from_photo.caption = c.clone();
    }
    if p.alt.trim().is_empty()
        && let Some(t) = meta.title.as_ref().filter(|t| **t != p.caption)
    {
        p.alt = t.clone();
        p.from_photo.alt = t.clone();
    }
    if p.credit.trim().is_empty() {
        if let Some(c) = &meta.creator {
            p.credit = c.clone();
            p.from_photo.credit = c.clone();
        } else {
            p.credit = crate::text::clean_line(default_credit);
        }
    }
}

/// The one entry point for a photo just added to a draft (the window's add,
/// drop and paste, and `tinxa import`): fills photo `id`'s empty fields from
/// its file's metadata and the default credit. Reads the file's metadata:
/// a few milliseconds; `read_meta_file` + `fill_from_meta` split it for a
/// caller that reads off the UI thread.
pub fn on_photo_added(draft: &mut Draft, id: u32, default_credit: &str) -> Result<()> {
    let Some(p) = draft.article.photo(id) else {
        return Ok(());
    };
    let path = draft.photo_path(p)?;
    let file = p.file.clone();
    let meta = read_meta_file(&path).map_err(|error| Error::Photo { file, error })?;
    if let Some(p) = draft.article.photo_mut(id) {
        fill_from_meta(p, &meta, default_credit);
    }
    Ok(())
}

/// "Dùng tác giả ảnh này cho mọi ảnh": gives every photo the credit of photo
/// `id`. Returns how many photos changed (0 when `id` is not in the draft).
pub fn use_credit_for_all(a: &mut Article, id: u32) -> usize {
    let Some(credit) = a.photo(id).map(|p| p.credit.clone()) else {
        return 0;
    };
    let mut changed = 0;
    for p in &mut a.photos {
        if p.credit != credit {
            p.credit = credit.clone();
            changed += 1;
        }
    }
    changed
}

/// Convenience for callers holding a path rather than a draft.
pub fn fill_from_file(p: &mut Photo, path: &Path, default_credit: &str) {
    // Unreadable metadata only means nothing is filled from it.
    let meta = read_meta_file(path).unwrap_or_default();
    fill_from_meta(p, &meta, default_credit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(d: Option<&str>, t: Option<&str>, c: Option<&str>) -> PhotoMeta {
        PhotoMeta {
            description: d.map(Into::into),
            title: t.map(Into::into),
            creator: c.map(Into::into),
        }
    }

    #[test]
    fn empty_fields_are_filled_and_marked_until_edited() {
        let mut p = Photo::default();
        let m = meta(
            Some("Lúa chín ở Yên Thành"),
            Some("Mùa gặt"),
            Some("Trần Văn B"),
        );
        fill_from_meta(&mut p, &m, "Nguyễn Thị A");
        assert_eq!(
            (p.caption.as_str(), p.alt.as_str(), p.credit.as_str()),
            ("Lúa chín ở Yên Thành", "Mùa gặt", "Trần Văn B")
        );
        let marks = from_photo_marks(&p);
        assert!(marks.caption && marks.alt && marks.credit);
        p.caption.push_str(" sáng nay");
        assert!(!from_photo_marks(&p).caption);
        assert!(from_photo_marks(&p).credit);
    }

    #[test]
    fn reporters_text_is_kept_and_default_credit_fills_the_rest() {
        let mut p = Photo {
            caption: "Của phóng viên".into(),
            ..Photo::default()
        };
        fill_from_meta(&mut p, &meta(Some("Từ ảnh"), None, None), "  Nguyễn Thị A ");
        assert_eq!(p.caption, "Của phóng viên");
        assert_eq!(p.credit, "Nguyễn Thị A");
        assert_eq!(from_photo_marks(&p), FromPhotoMarks::default());
        assert!(p.from_photo.is_empty());
        // A title alone becomes the caption, not also the alt text.
        let mut q = Photo::default();
        fill_from_meta(&mut q, &meta(None, Some("Cầu mới"), None), "");
        assert_eq!((q.caption.as_str(), q.alt.as_str()), ("Cầu mới", ""));
    }

    #[test]
    fn one_credit_for_every_photo() {
        let mut a = Article::new();
        for (id, credit) in [(1, "A"), (2, "B"), (3, "")] {
            a.photos.push(Photo {
                id,
                credit: credit.into(),
                ..Photo::default()
            });
        }
        assert_eq!(use_credit_for_all(&mut a, 2), 2);
        assert!(a.photos.iter().all(|p| p.credit == "B"));
        assert_eq!(use_credit_for_all(&mut a, 9), 0);
    }
}
