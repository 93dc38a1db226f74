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

mod decode;
mod encode;
mod error;
mod limits;
mod sniff;
mod transform;

use std::path::{Path, PathBuf};

use image::ImageDecoder;
use image::metadata::Orientation;
use rayon::prelude::*;

use decode::{decode_jpeg_scaled, decode_with_image, open_decoder, parse_jpeg};
use encode::encode;
pub use error::PhotoError;
use limits::JPEG_MAX_SIDE;
pub use limits::MAX_PIXELS;
use sniff::{check_complete, sniff};
use transform::{fit, orient, resize};

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
    let format = sniff(data)?;
    let max_side = opts.max_side.clamp(1, JPEG_MAX_SIDE);
    let (px, orientation, (w0, h0)) = if format == PhotoFormat::Jpeg {
        let hdr = parse_jpeg(data)?;
        let (tw, th) = fit(hdr.width, hdr.height, max_side);
        let px = match decode_jpeg_scaled(data, tw.max(th)) {
            Some(px) => px,
            // jpeg-decoder refuses some valid files (CMYK, 12-bit, odd streams): `image` is the fallback.
            None => decode_with_image(data, format)?.0,
        };
        (px, hdr.orientation, (hdr.width, hdr.height))
    } else {
        check_complete(format, data)?;
        let (px, orientation) = decode_with_image(data, format)?;
        let size = (px.width, px.height);
        (px, orientation, size)
    };
    let (tw, th) = fit(w0, h0, max_side);
    // Resize before rotating: rotating the small image is much cheaper.
    let px = orient(resize(px, tw, th)?, orientation);
    encode(px, opts.quality.clamp(1, 100))
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
    process(
        path,
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
