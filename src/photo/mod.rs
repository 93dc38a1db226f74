//! Photos for Tin Xã: a cheap check when a reporter adds a photo (`probe`) and a
//! small, upright, metadata-free copy for export (`process`).
//!
//! Design choices, briefly:
//! - The format is sniffed from the bytes, never from the file name: phones and
//!   chat apps hand out HEIC files named `.jpg`.
//! - The pixel count is checked from the header before any pixel buffer exists,
//!   on every decode path, so a decompression bomb costs nothing.
//! - JPEGs are decoded at reduced scale (1/2, 1/4, 1/8) by jpeg-decoder: a 12 MP
//!   photo that ends up at 1600 px never needs all of its pixels.
//! - The copy is encoded from pixels only, so EXIF (GPS, phone model, time) never
//!   leaves the laptop. The orientation tag is applied to the pixels instead.
//! - The reporter's rotation and crop (`edit`) are data on the article's photo;
//!   `process_edited` applies them on every export, preview copy and thumbnail,
//!   cropping inside the resize of the reduced-scale decode, so an edited
//!   export costs no more than a plain one. The photo file is never rewritten.
//! - Captions, credits and alt text come from the photo's own EXIF, IPTC and
//!   XMP text when a photo is added (`meta`, `prefill`), never from location.

pub mod command;
mod decode;
mod edit;
mod encode;
mod error;
mod limits;
pub mod meta;
mod prefill;
mod sniff;
mod transform;

use std::path::{Path, PathBuf};

use image::ImageDecoder;
use image::metadata::Orientation;
use rayon::prelude::*;

use decode::{decode_jpeg_scaled, decode_with_image, open_decoder, parse_jpeg};
pub use edit::{CropRect, PhotoEdit};
use encode::encode;
pub use error::PhotoError;
use limits::JPEG_MAX_SIDE;
pub use limits::MAX_PIXELS;
pub use meta::{PhotoMeta, read_meta, read_meta_file};
pub use prefill::{
    FROM_PHOTO_LABEL_EN, FROM_PHOTO_LABEL_VI, FromPhoto, FromPhotoMarks, fill_from_file,
    fill_from_meta, from_photo_marks, on_photo_added, use_credit_for_all,
};
use sniff::{check_complete, sniff};
use transform::{CropBox, fit, orient, resize};

/// How much a cropped photo may be enlarged from a reduced-scale decode (see
/// `process_bytes_edited`). Photos without a crop are never enlarged.
const CROP_UPSCALE_PERCENT: u64 = 10;

/// Thumbnails are small and viewed on screen only; a bit lower quality is fine.
const THUMB_QUALITY: u8 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoOptions {
    /// Longest side of the output in pixels; smaller photos are never upscaled.
    pub max_side: u32,
    /// JPEG quality, 1..=100.
    pub quality: u8,
}

impl Default for PhotoOptions {
    fn default() -> Self {
        Self {
            max_side: 1600,
            quality: 82,
        }
    }
}

/// What `probe` learns from the header. Width/height are as displayed, i.e. after
/// the EXIF orientation is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoInfo {
    pub width: u32,
    pub height: u32,
    pub format: PhotoFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    Webp,
    Gif,
    Bmp,
    Tiff,
}

#[derive(Debug, Clone)]
pub struct ProcessedPhoto {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Checks a photo when a reporter adds it: header and end-of-file only, no decode.
pub fn probe(path: &Path) -> Result<PhotoInfo, PhotoError> {
    probe_bytes(&read(path)?)
}

/// `probe` on bytes already in memory.
pub fn probe_bytes(data: &[u8]) -> Result<PhotoInfo, PhotoError> {
    let format = sniff(data)?;
    let (w, h, exif_orientation) = if format == PhotoFormat::Jpeg {
        let hdr = parse_jpeg(data)?;
        (hdr.width, hdr.height, hdr.orientation)
    } else {
        check_complete(format, data)?;
        let mut dec = open_decoder(data, format)?;
        let (w, h) = dec.dimensions();
        (w, h, dec.orientation().map_or(1, Orientation::to_exif))
    };
    let (width, height) = if exif_orientation >= 5 {
        (h, w)
    } else {
        (w, h)
    };
    Ok(PhotoInfo {
        width,
        height,
        format,
    })
}

/// Makes the export copy of the photo at `path`; the original is only read.
pub fn process(path: &Path, opts: &PhotoOptions) -> Result<ProcessedPhoto, PhotoError> {
    process_bytes(&read(path)?, opts)
}

/// Decode, orient upright, shrink to `opts.max_side`, re-encode without metadata.
/// The result is JPEG, or PNG when the source has pixels that are not fully opaque.
pub fn process_bytes(data: &[u8], opts: &PhotoOptions) -> Result<ProcessedPhoto, PhotoError> {
    process_bytes_edited(data, &PhotoEdit::default(), opts)
}

/// The one photo pipeline, with the reporter's edits: every export, preview copy
/// and thumbnail goes through here, so what the preview shows is what is exported.
pub fn process_edited(
    path: &Path,
    edit: &PhotoEdit,
    opts: &PhotoOptions,
) -> Result<ProcessedPhoto, PhotoError> {
    process_bytes_edited(&read(path)?, edit, opts)
}

/// `process_edited` on bytes in memory: decode at reduced scale → crop while
/// resizing → one orientation pass (EXIF and the rotation together) → encode.
/// Equivalent to decode → orient → crop → rotate → resize, for a fraction of the
/// work (see `edit` for the crop convention). A crop that does not fit the photo
/// is clamped to it.
pub fn process_bytes_edited(
    data: &[u8],
    edit: &PhotoEdit,
    opts: &PhotoOptions,
) -> Result<ProcessedPhoto, PhotoError> {
    let format = sniff(data)?;
    let max_side = opts.max_side.clamp(1, JPEG_MAX_SIDE);
    // Stored size and EXIF orientation, from the header where possible.
    let header = if format == PhotoFormat::Jpeg {
        let hdr = parse_jpeg(data)?;
        Some((hdr.width, hdr.height, hdr.orientation))
    } else {
        check_complete(format, data)?;
        None
    };
    let plan = |(w, h, exif): (u32, u32, u8)| {
        let (uw, uh) = if exif >= 5 { (h, w) } else { (w, h) };
        let crop = edit.crop.and_then(|c| c.clamped(uw, uh));
        let (tw, th) = fit_shown(edit, uw, uh, max_side);
        // How many stored pixels the long side of the result needs.
        let (cw, ch) = crop.map_or((uw, uh), |c| (c.w, c.h));
        let need = u64::from(w.max(h)) * u64::from(tw.max(th)) / u64::from(cw.max(ch)).max(1);
        // Reduced-scale JPEG decodes come in halvings only: a crop that needs a
        // little more than a half-size decode would cost a full one (twice the
        // time). Up to CROP_UPSCALE_PERCENT of upscaling from the smaller decode
        // is taken instead (a 16:9 cover cut from a turned 4000×3000 photo: 1500
        // px of crop for 1600 px out).
        let allowed = need * 100 / (100 + CROP_UPSCALE_PERCENT);
        (crop, (tw, th), allowed as u32 + 1)
    };
    let (px, (w0, h0, exif)) = match header {
        Some(hdr) => {
            let (_, (tw, th), need) = plan(hdr);
            let target = if edit.crop.is_none() {
                tw.max(th)
            } else {
                need
            };
            match decode_jpeg_scaled(data, target) {
                Some(px) => (px, hdr),
                // jpeg-decoder refuses some valid files (CMYK, 12-bit, odd streams): `image` is the fallback.
                None => (decode_with_image(data, format)?.0, hdr),
            }
        }
        None => {
            let (px, orientation) = decode_with_image(data, format)?;
            let size = (px.width, px.height, orientation);
            (px, size)
        }
    };
    let (crop, (tw, th), _) = plan((w0, h0, exif));
    let turn = edit::compose(exif, edit.quarter_turns());
    // The result's size before the orientation pass.
    let (rw, rh) = if turn >= 5 { (th, tw) } else { (tw, th) };
    let crop = crop.map(|c| {
        let s = edit::stored_rect(exif, w0, h0, c);
        let (sx, sy) = (
            f64::from(px.width) / f64::from(w0),
            f64::from(px.height) / f64::from(h0),
        );
        CropBox {
            left: f64::from(s.x) * sx,
            top: f64::from(s.y) * sy,
            width: f64::from(s.w) * sx,
            height: f64::from(s.h) * sy,
        }
    });
    // Crop and resize before rotating: turning the small image is much cheaper.
    let px = orient(resize(px, rw, rh, crop)?, turn);
    encode(px, opts.quality.clamp(1, 100))
}

/// The size of the result for an original shown `uw`×`uh` upright: edit, then fit.
fn fit_shown(edit: &PhotoEdit, uw: u32, uh: u32, max_side: u32) -> (u32, u32) {
    let (w, h) = edit.shown_size(uw, uh);
    fit(w, h, max_side)
}

/// The short, file-name-safe name of a photo's edit ("" when it has none). Preview
/// copies and thumbnails include it in their names, so an edit never shows a
/// stale copy.
pub fn edit_key(p: &crate::article::Photo) -> String {
    p.edit.key()
}

/// `process` for many photos in parallel on rayon's pool; results keep the input order.
pub fn process_many(
    paths: &[PathBuf],
    opts: &PhotoOptions,
) -> Vec<Result<ProcessedPhoto, PhotoError>> {
    paths.par_iter().map(|p| process(p, opts)).collect()
}

/// A small copy for the editor's photo strip (long side <= `max_side`). For JPEG
/// this decodes at 1/8 scale, so it costs a fraction of a full decode.
pub fn thumbnail(path: &Path, max_side: u32) -> Result<ProcessedPhoto, PhotoError> {
    thumbnail_edited(path, &PhotoEdit::default(), max_side)
}

/// `thumbnail` with the reporter's edits applied (name the file with `edit_key`).
pub fn thumbnail_edited(
    path: &Path,
    edit: &PhotoEdit,
    max_side: u32,
) -> Result<ProcessedPhoto, PhotoError> {
    process_edited(
        path,
        edit,
        &PhotoOptions {
            max_side,
            quality: THUMB_QUALITY,
        },
    )
}

fn read(path: &Path) -> Result<Vec<u8>, PhotoError> {
    std::fs::read(path).map_err(|e| PhotoError::Io(e.to_string()))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod edit_tests;
