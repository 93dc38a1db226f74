//! `tinxa photo DRAFT N [--rotate …] [--crop …] [--reset]`: a photo's edits from
//! the command line (scripts, tests), and what the photo carries.

use crate::draft::Draft;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::lock::{Acquired, Lock};

use super::{CropRect, PhotoEdit, from_photo_marks};

/// What `tinxa photo` was asked to change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoChange {
    /// "90", "-90", "180" (also "270", "-180", "-270", "0").
    pub rotate: Option<String>,
    /// "16:9", "3:2", "4:3", "1:1" (any W:H) or "X,Y,W,H" in upright pixels.
    pub crop: Option<String>,
    /// Drop rotation and crop first.
    pub reset: bool,
}

impl PhotoChange {
    pub fn is_empty(&self) -> bool {
        self.rotate.is_none() && self.crop.is_none() && !self.reset
    }
}

/// Quarter turns for a `--rotate` value.
pub fn parse_rotate(s: &str) -> Result<i32> {
    let quarter = match s.trim() {
        "0" => 0,
        "90" | "+90" | "-270" => 1,
        "180" | "+180" | "-180" => 2,
        "-90" | "270" | "+270" => 3,
        _ => {
            return Err(Error::Invalid {
                vi: format!("Góc xoay \"{s}\" không hợp lệ. Dùng 90, -90 hoặc 180."),
                en: format!("The rotation \"{s}\" is not valid. Use 90, -90 or 180."),
            });
        }
    };
    Ok(quarter)
}

/// A parsed `--crop` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CropSpec {
    /// The largest centred crop shown at this width:height.
    Ratio(u32, u32),
    Rect(CropRect),
}

pub fn parse_crop(s: &str) -> Result<CropSpec> {
    let bad = || Error::Invalid {
        vi: format!(
            "Vùng cắt \"{s}\" không hợp lệ. Dùng một tỉ lệ (16:9, 3:2, 4:3, 1:1) hoặc X,Y,R,C \
             (điểm ảnh của ảnh gốc đã dựng thẳng)."
        ),
        en: format!(
            "The crop \"{s}\" is not valid. Use a ratio (16:9, 3:2, 4:3, 1:1) or X,Y,W,H \
             (pixels of the upright original)."
        ),
    };
    let nums = |sep: char| -> Option<Vec<u32>> {
        s.split(sep).map(|n| n.trim().parse::<u32>().ok()).collect()
    };
    if s.contains(':') {
        match nums(':').as_deref() {
            Some([w, h]) if *w > 0 && *h > 0 && *w <= 100 && *h <= 100 => {
                Ok(CropSpec::Ratio(*w, *h))
            }
            _ => Err(bad()),
        }
    } else {
        match nums(',').as_deref() {
            Some([x, y, w, h]) if *w > 0 && *h > 0 => Ok(CropSpec::Rect(CropRect {
                x: *x,
                y: *y,
                w: *w,
                h: *h,
            })),
            _ => Err(bad()),
        }
    }
}

/// Applies `change` to photo number `id` of the draft (saved through the
/// draft's own save, under the draft's lock) and describes the photo.
pub fn run(d: &mut Draft, id: u32, change: &PhotoChange, lang: Lang) -> Result<String> {
    let Some(p) = d.article.photo(id) else {
        return Err(Error::NoSuchPhoto {
            id,
            numbers: d.article.photos.iter().map(|p| p.id).collect(),
        });
    };
    let path = d.photo_path(p)?;
    let file = p.file.clone();
    let info = super::probe(&path).map_err(|error| Error::Photo {
        file: file.clone(),
        error,
    })?;
    let (uw, uh) = (info.width, info.height);
    if !change.is_empty() {
        let turns = change.rotate.as_deref().map(parse_rotate).transpose()?;
        let crop = change.crop.as_deref().map(parse_crop).transpose()?;
        let mut edit = if change.reset {
            PhotoEdit::default()
        } else {
            p.edit
        };
        if let Some(t) = turns {
            edit.rotate_by(t);
        }
        match crop {
            Some(CropSpec::Ratio(w, h)) => edit.crop = Some(edit.centered_crop(uw, uh, w, h)),
            Some(CropSpec::Rect(r)) if r.fits(uw, uh) => edit.crop = Some(r),
            Some(CropSpec::Rect(r)) => {
                return Err(Error::CropOutside {
                    crop: format!("{},{},{},{}", r.x, r.y, r.w, r.h),
                    width: uw,
                    height: uh,
                });
            }
            None => {}
        }
        let _lock = match Lock::acquire(&d.dir, "command")? {
            Acquired::Held(l) => l,
            Acquired::Busy(holder) => {
                return Err(Error::Busy {
                    path: d.dir.clone(),
                    by: holder.who(),
                });
            }
        };
        if let Some(p) = d.article.photo_mut(id) {
            p.edit = edit;
        }
        d.save()?;
    }
    Ok(describe(d, id, uw, uh, lang))
}

/// The photo's file, size, edits, caption, credit and alt text, one per line.
pub fn describe(d: &Draft, id: u32, uw: u32, uh: u32, lang: Lang) -> String {
    let Some(p) = d.article.photo(id) else {
        return String::new();
    };
    let marks = from_photo_marks(p);
    let e = p.edit;
    let (sw, sh) = e.shown_size(uw, uh);
    let mark = |m: bool| {
        if m {
            lang.pick(" (lấy từ ảnh)", " (from the photo)")
        } else {
            ""
        }
    };
    let none = lang.pick("không", "none");
    let rotate = match e.quarter_turns() {
        0 => none.to_owned(),
        q => format!("{}°", u32::from(q) * 90),
    };
    let crop = e.crop.map_or(none.to_owned(), |c| {
        format!("{},{},{},{}", c.x, c.y, c.w, c.h)
    });
    let mut out = String::new();
    let mut line = |vi: &str, en: &str, value: String| {
        out.push_str(&format!("{}: {value}\n", lang.pick(vi, en)));
    };
    line("Ảnh", "Photo", format!("{id} ({})", p.file));
    line("Cỡ gốc", "Original size", format!("{uw}×{uh}"));
    line("Xoay", "Rotation", rotate);
    line("Cắt", "Crop", crop);
    line("Cỡ sau khi sửa", "Edited size", format!("{sw}×{sh}"));
    let cover = d.article.cover == Some(id);
    line(
        "Ảnh đại diện",
        "Cover",
        lang.pick(
            if cover { "có" } else { "không" },
            if cover { "yes" } else { "no" },
        )
        .to_owned(),
    );
    line(
        "Chú thích",
        "Caption",
        format!("{}{}", p.caption, mark(marks.caption)),
    );
    line(
        "Tác giả ảnh",
        "Credit",
        format!("{}{}", p.credit, mark(marks.credit)),
    );
    line(
        "Mô tả ảnh",
        "Alt text",
        format!("{}{}", p.alt, mark(marks.alt)),
    );
    out
}
