//! Non-destructive photo edits: a rotation and a crop kept as data on the
//! article's photo, applied by the one pipeline (`process_edited`) to every
//! export, preview copy and thumbnail. The photo file is never rewritten.
//!
//! Convention (one, everywhere):
//! - The photo is first made upright by its EXIF orientation. "Upright
//!   pixels" are the pixels of the full-size original after that step.
//! - The crop rectangle is in upright pixels, before the reporter's rotation.
//!   So a crop stays on the same part of the picture when the photo is
//!   rotated afterwards, and rotating four times gives back the original.
//! - The rotation is in clockwise quarter turns on top of the EXIF
//!   orientation: what is shown is `rotate(crop(upright))`.
//!
//! The pipeline does the same work in a cheaper order (crop while resizing
//! the reduced-scale decode, then one orientation pass on the small result),
//! which gives the same picture.

use serde::{Deserialize, Serialize};

/// A crop rectangle in the original's upright pixels (see the module notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CropRect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl CropRect {
    /// True when the rectangle is not empty and lies inside a `width`×`height` picture.
    pub fn fits(&self, width: u32, height: u32) -> bool {
        self.w > 0
            && self.h > 0
            && u64::from(self.x) + u64::from(self.w) <= u64::from(width)
            && u64::from(self.y) + u64::from(self.h) <= u64::from(height)
    }

    /// The part of the rectangle inside a `width`×`height` picture; `None` when
    /// nothing is left (a hand-edited draft, or a photo file replaced).
    pub fn clamped(&self, width: u32, height: u32) -> Option<CropRect> {
        let x = self.x.min(width);
        let y = self.y.min(height);
        let w = self.w.min(width - x);
        let h = self.h.min(height - y);
        (w > 0 && h > 0).then_some(CropRect { x, y, w, h })
    }
}

/// The reporter's edits of one photo. The default is "no edit".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoEdit {
    /// Clockwise quarter turns on top of the EXIF orientation, 0..=3.
    pub rotate: u8,
    /// The part of the upright original to keep; `None` keeps all of it.
    pub crop: Option<CropRect>,
}

impl PhotoEdit {
    pub fn is_none(&self) -> bool {
        self.quarter_turns() == 0 && self.crop.is_none()
    }

    /// Quarter turns, 0..=3.
    pub fn quarter_turns(&self) -> u8 {
        self.rotate % 4
    }

    /// Turns the photo by `quarter_turns` clockwise (negative: anticlockwise).
    pub fn rotate_by(&mut self, quarter_turns: i32) {
        self.rotate = (i32::from(self.rotate) + quarter_turns).rem_euclid(4) as u8;
    }

    /// The size shown after the edit, for an original whose upright size is
    /// `width`×`height`. A crop that does not fit is clamped, as the pipeline does.
    pub fn shown_size(&self, width: u32, height: u32) -> (u32, u32) {
        let (w, h) = self
            .crop
            .and_then(|c| c.clamped(width, height))
            .map_or((width, height), |c| (c.w, c.h));
        if self.quarter_turns() % 2 == 1 {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// The largest centred crop that is shown at `ratio_w`:`ratio_h` (after the
    /// rotation) in an original whose upright size is `width`×`height`.
    pub fn centered_crop(&self, width: u32, height: u32, ratio_w: u32, ratio_h: u32) -> CropRect {
        let (rw, rh) = if self.quarter_turns() % 2 == 1 {
            (u64::from(ratio_h.max(1)), u64::from(ratio_w.max(1)))
        } else {
            (u64::from(ratio_w.max(1)), u64::from(ratio_h.max(1)))
        };
        let (w64, h64) = (u64::from(width), u64::from(height));
        // As wide as possible; if that is too tall, as tall as possible.
        let (w, h) = if w64 * rh <= h64 * rw {
            (w64, ((w64 * rh + rw / 2) / rw).clamp(1, h64))
        } else {
            (((h64 * rw + rh / 2) / rh).clamp(1, w64), h64)
        };
        CropRect {
            x: ((w64 - w) / 2) as u32,
            y: ((h64 - h) / 2) as u32,
            w: w as u32,
            h: h as u32,
        }
    }

    /// The size of the whole photo as shown with this edit's rotation but no
    /// crop, for an original whose upright size is `width`×`height`.
    pub fn turned_size(&self, width: u32, height: u32) -> (u32, u32) {
        if self.quarter_turns() % 2 == 1 {
            (height, width)
        } else {
            (width, height)
        }
    }

    /// The crop as a rectangle of the whole photo shown turned (see
    /// [`PhotoEdit::turned_size`]): what a crop view draws. The whole photo
    /// when there is no crop.
    pub fn shown_crop(&self, width: u32, height: u32) -> CropRect {
        let c = self
            .crop
            .and_then(|c| c.clamped(width, height))
            .unwrap_or(CropRect {
                x: 0,
                y: 0,
                w: width,
                h: height,
            });
        match self.quarter_turns() {
            1 => CropRect {
                x: height - c.y - c.h,
                y: c.x,
                w: c.h,
                h: c.w,
            },
            2 => CropRect {
                x: width - c.x - c.w,
                y: height - c.y - c.h,
                ..c
            },
            3 => CropRect {
                x: c.y,
                y: width - c.x - c.w,
                w: c.h,
                h: c.w,
            },
            _ => c,
        }
    }

    /// The crop in upright pixels for rectangle `r` of the whole photo shown
    /// turned: the inverse of [`PhotoEdit::shown_crop`]. `r` is clamped to
    /// the photo first.
    pub fn crop_from_shown(&self, width: u32, height: u32, r: CropRect) -> CropRect {
        let (tw, th) = self.turned_size(width, height);
        let r = r.clamped(tw, th).unwrap_or(CropRect {
            x: 0,
            y: 0,
            w: tw,
            h: th,
        });
        match self.quarter_turns() {
            1 => CropRect {
                x: r.y,
                y: height - r.x - r.w,
                w: r.h,
                h: r.w,
            },
            2 => CropRect {
                x: width - r.x - r.w,
                y: height - r.y - r.h,
                ..r
            },
            3 => CropRect {
                x: width - r.y - r.h,
                y: r.x,
                w: r.h,
                h: r.w,
            },
            _ => r,
        }
    }

    /// A short, file-name-safe name of the edit ("" for no edit), for the
    /// names of preview copies and thumbnails: a new edit never shows a stale copy.
    pub fn key(&self) -> String {
        let mut k = String::new();
        if self.quarter_turns() != 0 {
            k.push_str(&format!("r{}", self.quarter_turns()));
        }
        if let Some(c) = self.crop {
            if !k.is_empty() {
                k.push('-');
            }
            k.push_str(&format!("c{}.{}.{}.{}", c.x, c.y, c.w, c.h));
        }
        k
    }
}

/// The EXIF orientation that does "EXIF orientation `exif`, then `quarter_turns`
/// clockwise" in one pass (the eight orientations form a group). Verified
/// against applying both in turn by a test.
pub(super) fn compose(exif: u8, quarter_turns: u8) -> u8 {
    const TABLE: [[u8; 4]; 8] = [
        [1, 6, 3, 8],
        [2, 7, 4, 5],
        [3, 8, 1, 6],
        [4, 5, 2, 7],
        [5, 2, 7, 4],
        [6, 3, 8, 1],
        [7, 4, 5, 2],
        [8, 1, 6, 3],
    ];
    let e = if (1..=8).contains(&exif) { exif } else { 1 };
    TABLE[usize::from(e - 1)][usize::from(quarter_turns % 4)]
}

/// Where upright pixel (`ox`, `oy`) is in the stored image (`w`×`h` as stored)
/// for EXIF orientation `exif`. The same mapping as `transform::orient`.
pub(super) fn stored_point(exif: u8, w: u32, h: u32, ox: u32, oy: u32) -> (u32, u32) {
    match exif {
        2 => (w - 1 - ox, oy),
        3 => (w - 1 - ox, h - 1 - oy),
        4 => (ox, h - 1 - oy),
        5 => (oy, ox),
        6 => (oy, h - 1 - ox),
        7 => (w - 1 - oy, h - 1 - ox),
        8 => (w - 1 - oy, ox),
        _ => (ox, oy),
    }
}

/// A crop in upright pixels as a rectangle of the stored image (`w`×`h` as
/// stored). The crop must fit the upright picture.
pub(super) fn stored_rect(exif: u8, w: u32, h: u32, c: CropRect) -> CropRect {
    let (ax, ay) = stored_point(exif, w, h, c.x, c.y);
    let (bx, by) = stored_point(exif, w, h, c.x + c.w - 1, c.y + c.h - 1);
    CropRect {
        x: ax.min(bx),
        y: ay.min(by),
        w: ax.abs_diff(bx) + 1,
        h: ay.abs_diff(by) + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_wraps_and_keys_are_short_and_safe() {
        let mut e = PhotoEdit::default();
        assert_eq!(e.key(), "");
        e.rotate_by(-1);
        assert_eq!(e.rotate, 3);
        e.rotate_by(2);
        assert_eq!((e.rotate, e.key().as_str()), (1, "r1"));
        e.crop = Some(CropRect {
            x: 0,
            y: 10,
            w: 400,
            h: 225,
        });
        assert_eq!(e.key(), "r1-c0.10.400.225");
        assert!(
            e.key()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        );
        for _ in 0..3 {
            e.rotate_by(1);
        }
        assert_eq!(e.rotate, 0);
        e.crop = None;
        assert!(e.is_none());
    }

    #[test]
    fn centred_crops_have_the_shown_ratio() {
        let e = PhotoEdit::default();
        let c = e.centered_crop(4000, 3000, 16, 9);
        assert_eq!((c.x, c.y, c.w, c.h), (0, 375, 4000, 2250));
        let c = e.centered_crop(3000, 4000, 1, 1);
        assert_eq!((c.x, c.y, c.w, c.h), (0, 500, 3000, 3000));
        // Turned a quarter, a 16:9 result is a 9:16 rectangle of the upright original.
        let turned = PhotoEdit {
            rotate: 1,
            crop: None,
        };
        let c = turned.centered_crop(4000, 3000, 16, 9);
        assert_eq!((c.w, c.h), (1688, 3000));
        let shown = PhotoEdit {
            crop: Some(c),
            ..turned
        }
        .shown_size(4000, 3000);
        assert_eq!(shown, (3000, 1688));
    }

    #[test]
    fn clamping_keeps_crops_inside() {
        let c = CropRect {
            x: 3900,
            y: 0,
            w: 500,
            h: 100,
        };
        assert!(!c.fits(4000, 3000));
        assert_eq!(
            c.clamped(4000, 3000),
            Some(CropRect {
                x: 3900,
                y: 0,
                w: 100,
                h: 100
            })
        );
        let outside = CropRect {
            x: 5000,
            y: 0,
            w: 10,
            h: 10,
        };
        assert_eq!(outside.clamped(4000, 3000), None);
    }

    #[test]
    fn shown_rectangles_map_back_to_the_same_upright_crop() {
        let c = CropRect {
            x: 100,
            y: 200,
            w: 1600,
            h: 900,
        };
        for turns in 0..4 {
            let e = PhotoEdit {
                rotate: turns,
                crop: Some(c),
            };
            let shown = e.shown_crop(4000, 3000);
            let (sw, sh) = e.shown_size(4000, 3000);
            assert_eq!((shown.w, shown.h), (sw, sh), "turns {turns}");
            assert!(shown.fits(e.turned_size(4000, 3000).0, e.turned_size(4000, 3000).1));
            assert_eq!(e.crop_from_shown(4000, 3000, shown), c, "turns {turns}");
        }
        // A quarter turn clockwise: the upright top-left corner is shown top right.
        let e = PhotoEdit {
            rotate: 1,
            crop: Some(CropRect {
                x: 0,
                y: 0,
                w: 10,
                h: 20,
            }),
        };
        assert_eq!(
            e.shown_crop(4000, 3000),
            CropRect {
                x: 2980,
                y: 0,
                w: 20,
                h: 10
            }
        );
        // No crop: the whole turned photo.
        let whole = PhotoEdit {
            rotate: 3,
            crop: None,
        }
        .shown_crop(4000, 3000);
        assert_eq!(
            whole,
            CropRect {
                x: 0,
                y: 0,
                w: 3000,
                h: 4000
            }
        );
    }
}
