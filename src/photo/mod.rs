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

use std::io::Cursor;
use std::path::{Path, PathBuf};

use fast_image_resize as fr;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};
use rayon::prelude::*;

/// Refuse anything with more pixels than this (checked from the header).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Memory ceiling for one decode by `image`: RGBA8 at `MAX_PIXELS` plus slack.
const MAX_ALLOC: u64 = MAX_PIXELS * 4 + (64 << 20);
/// JPEG sizes are 16-bit, so no output side may exceed this.
const JPEG_MAX_SIDE: u32 = 65_535;
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("Tệp ảnh trống (0 byte). Hãy chọn lại ảnh gốc từ điện thoại hoặc máy ảnh.")]
    Empty,
    #[error("Tệp này không phải là ảnh. Hãy chọn một tệp ảnh JPEG, PNG hoặc WebP.")]
    NotAnImage,
    #[error(
        "Ảnh HEIC (định dạng của iPhone) chưa được hỗ trợ. Hãy chuyển ảnh sang JPEG, hoặc đặt iPhone \
         lưu JPEG: Cài đặt > Camera > Định dạng > Tương thích nhất."
    )]
    Heic,
    #[error("Định dạng {0} chưa được hỗ trợ. Hãy lưu ảnh sang JPEG hoặc PNG rồi thêm lại.")]
    Unsupported(String),
    #[error(
        "Ảnh bị hỏng: tệp bị cắt cụt, thiếu phần cuối (thường do chép hoặc tải về chưa xong). \
         Hãy chép lại ảnh từ máy gốc."
    )]
    Truncated,
    #[error(
        "Ảnh quá lớn ({width}×{height} điểm ảnh, tối đa 100 triệu điểm ảnh). \
         Hãy thu nhỏ ảnh rồi thêm lại."
    )]
    TooLarge { width: u32, height: u32 },
    #[error(
        "Không đọc được ảnh, tệp có thể bị hỏng ({0}). Hãy mở thử bằng trình xem ảnh hoặc chép lại ảnh."
    )]
    Decode(String),
    #[error("Không mở được tệp ảnh ({0}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc nó.")]
    Io(String),
}

impl PhotoError {
    /// The same message in English.
    pub fn message_en(&self) -> String {
        match self {
            Self::Empty => "The photo file is empty (0 bytes). Choose the original photo again from \
                            the phone or camera."
                .into(),
            Self::NotAnImage => "This file is not a photo. Choose a JPEG, PNG or WebP photo.".into(),
            Self::Heic => "HEIC photos (the iPhone format) are not supported yet. Convert the photo to \
                           JPEG, or set the iPhone to save JPEG: Settings > Camera > Formats > Most \
                           Compatible."
                .into(),
            Self::Unsupported(f) => {
                format!("The {f} format is not supported. Save the photo as JPEG or PNG and add it again.")
            }
            Self::Truncated => "The photo is damaged: the file is cut short (usually an unfinished copy \
                                or download). Copy the photo again from the original device."
                .into(),
            Self::TooLarge { width, height } => format!(
                "The photo is too large ({width}×{height} pixels, at most 100 million pixels). \
                 Make it smaller and add it again."
            ),
            Self::Decode(e) => format!(
                "The photo cannot be read; the file may be damaged ({e}). Try opening it in a photo \
                 viewer, or copy it again."
            ),
            Self::Io(e) => format!(
                "The photo file cannot be opened ({e}). Check that the file still exists and that you \
                 may read it."
            ),
        }
    }
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

/// Recognises the format from the first bytes.
fn sniff(data: &[u8]) -> Result<PhotoFormat, PhotoError> {
    let starts = |magic: &[u8]| data.starts_with(magic);
    if data.is_empty() {
        Err(PhotoError::Empty)
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Ok(PhotoFormat::Jpeg)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Ok(PhotoFormat::Png)
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Ok(PhotoFormat::Gif)
    } else if data.len() >= 16 && starts(b"RIFF") && &data[8..12] == b"WEBP" {
        Ok(PhotoFormat::Webp)
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Ok(PhotoFormat::Tiff)
    } else if data.len() >= 26 && starts(b"BM") {
        Ok(PhotoFormat::Bmp)
    } else if data.len() >= 12 && &data[4..8] == b"ftyp" {
        sniff_ftyp(data)
    } else if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0cJXL ") {
        Err(PhotoError::Unsupported("JPEG XL".into()))
    } else if starts(b"%PDF") {
        Err(PhotoError::Unsupported("PDF".into()))
    } else if starts(b"8BPS") {
        Err(PhotoError::Unsupported("PSD (Photoshop)".into()))
    } else if starts(b"<")
        && data[..data.len().min(1024)]
            .windows(4)
            .any(|w| w == b"<svg")
    {
        Err(PhotoError::Unsupported("SVG".into()))
    } else {
        Err(PhotoError::NotAnImage)
    }
}

/// ISO-BMFF files (HEIC, AVIF, MP4) name their brands in the first `ftyp` box.
fn sniff_ftyp(data: &[u8]) -> Result<PhotoFormat, PhotoError> {
    const HEIF: [&[u8]; 10] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1",
    ];
    let box_len = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    let major = &data[8..12];
    // Compatible brands follow the major brand and a 4-byte minor version.
    let compat = data.get(16..box_len.min(data.len())).unwrap_or_default();
    let mut brands = std::iter::once(major).chain(compat.chunks_exact(4));
    if major == b"avif" || major == b"avis" {
        Err(PhotoError::Unsupported("AVIF".into()))
    } else if brands.any(|b| HEIF.contains(&b)) {
        Err(PhotoError::Heic)
    } else {
        Err(PhotoError::NotAnImage) // e.g. an MP4/MOV video
    }
}

fn check_size(width: u32, height: u32) -> Result<(), PhotoError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        Err(PhotoError::TooLarge { width, height })
    } else if width == 0 || height == 0 {
        Err(PhotoError::Decode("image has zero size".into()))
    } else {
        Ok(())
    }
}

/// Cheap end-of-file checks: a cut-off copy of these still decodes partly, or fails
/// with an unhelpful message.
fn check_complete(format: PhotoFormat, data: &[u8]) -> Result<(), PhotoError> {
    let complete = match format {
        // Every PNG ends with an IEND chunk.
        PhotoFormat::Png => data[data.len().saturating_sub(1024)..]
            .windows(4)
            .any(|w| w == b"IEND"),
        // The RIFF header states the file length.
        PhotoFormat::Webp => {
            u32::from_le_bytes([data[4], data[5], data[6], data[7]]) as usize + 8 <= data.len()
        }
        _ => true,
    };
    if complete {
        Ok(())
    } else {
        Err(PhotoError::Truncated)
    }
}

struct JpegHeader {
    width: u32,
    height: u32,
    /// EXIF orientation, 1..=8 (1 when absent).
    orientation: u8,
}

/// Walks the JPEG markers up to the first scan: frame size, EXIF orientation, and
/// whether the file is complete. `image` decodes a cut-off JPEG without an error
/// (grey lower half), so completeness is checked here by looking for the EOI marker.
fn parse_jpeg(data: &[u8]) -> Result<JpegHeader, PhotoError> {
    let bad = |what: &str| PhotoError::Decode(format!("JPEG: {what}"));
    let mut pos = 2; // after SOI
    let mut size = None;
    let mut orientation = 1;
    loop {
        // Find the next marker; tolerate stray bytes and 0xFF fill bytes like libjpeg does.
        while pos < data.len() && data[pos] != 0xFF {
            pos += 1;
        }
        while pos < data.len() && data[pos] == 0xFF {
            pos += 1;
        }
        let Some(&marker) = data.get(pos) else {
            return Err(PhotoError::Truncated);
        };
        pos += 1;
        match marker {
            0x01 | 0xD0..=0xD8 => continue, // markers without a length
            0xD9 => return Err(bad("no image data")),
            _ => {}
        }
        let Some(len) = data
            .get(pos..pos + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return Err(PhotoError::Truncated);
        };
        if len < 2 {
            return Err(bad("bad segment length"));
        }
        let seg = data.get(pos + 2..pos + len).ok_or(PhotoError::Truncated)?;
        match marker {
            // Arithmetic coding: neither jpeg-decoder nor `image` can decode it.
            0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(PhotoError::Unsupported("JPEG (arithmetic coding)".into()));
            }
            // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if seg.len() < 6 {
                    return Err(bad("bad frame header"));
                }
                let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
                let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
                check_size(width, height)?; // before anything else: bombs stop here
                size = Some((width, height));
            }
            0xE1 if orientation == 1 && seg.starts_with(b"Exif\0\0") => {
                orientation =
                    Orientation::from_exif_chunk(&seg[6..]).map_or(1, Orientation::to_exif);
            }
            0xDA => {
                let (width, height) = size.ok_or_else(|| bad("no frame header"))?;
                // Scan data never contains FF D9 (a data 0xFF is always followed by 00 or a
                // restart marker), so any FF D9 after here is the end of the image. Search
                // from the end: phones often append trailers after it.
                if !data[pos + len..]
                    .windows(2)
                    .rev()
                    .any(|w| w == [0xFF, 0xD9])
                {
                    return Err(PhotoError::Truncated);
                }
                return Ok(JpegHeader {
                    width,
                    height,
                    orientation,
                });
            }
            _ => {}
        }
        pos += len;
    }
}

/// Decoded pixels, 8-bit, 1 (grey), 3 (RGB) or 4 (RGBA) channels.
struct Pixels {
    buf: Vec<u8>,
    width: u32,
    height: u32,
    channels: u8,
}

/// Output size: the long side is at most `max_side`, never upscaled.
fn fit(w: u32, h: u32, max_side: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max_side {
        return (w, h);
    }
    let scale = |v: u32| {
        ((u64::from(v) * u64::from(max_side) + u64::from(long) / 2) / u64::from(long)).max(1)
    };
    (scale(w) as u32, scale(h) as u32)
}

/// Decodes at the smallest 1/8-step scale whose long side is still >= `target_long`.
/// `None` means "let `image` try".
fn decode_jpeg_scaled(data: &[u8], target_long: u32) -> Option<Pixels> {
    let mut dec = jpeg_decoder::Decoder::new(data);
    dec.set_max_decoding_buffer_size(usize::try_from(MAX_ALLOC).unwrap_or(usize::MAX));
    let t = u16::try_from(target_long).unwrap_or(u16::MAX);
    let (w, h) = dec.scale(t, t).ok()?;
    let buf = dec.decode().ok()?;
    let channels = match dec.info()?.pixel_format {
        jpeg_decoder::PixelFormat::L8 => 1,
        jpeg_decoder::PixelFormat::RGB24 => 3,
        _ => return None, // CMYK and 16-bit: `image` converts those properly
    };
    let (width, height) = (u32::from(w), u32::from(h));
    (buf.len() == width as usize * height as usize * channels as usize).then_some(Pixels {
        buf,
        width,
        height,
        channels,
    })
}

/// Opens an `image` decoder with the size checked and limits set. `into_decoder()`
/// followed by `DynamicImage::from_decoder()` skips the allocation check that
/// `ImageReader::decode()` does, so it is done here explicitly.
fn open_decoder(data: &[u8], format: PhotoFormat) -> Result<impl ImageDecoder + '_, PhotoError> {
    let image_format = match format {
        PhotoFormat::Jpeg => ImageFormat::Jpeg,
        PhotoFormat::Png => ImageFormat::Png,
        PhotoFormat::Webp => ImageFormat::WebP,
        PhotoFormat::Gif => ImageFormat::Gif,
        PhotoFormat::Bmp => ImageFormat::Bmp,
        PhotoFormat::Tiff => ImageFormat::Tiff,
    };
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(data), image_format);
    reader.limits(limits.clone());
    let dec = reader.into_decoder().map_err(|e| image_error(e, None))?;
    let (w, h) = dec.dimensions();
    check_size(w, h)?;
    limits
        .reserve(dec.total_bytes())
        .map_err(|_| PhotoError::TooLarge {
            width: w,
            height: h,
        })?;
    Ok(dec)
}

fn image_error(e: image::ImageError, size: Option<(u32, u32)>) -> PhotoError {
    match (e, size) {
        (image::ImageError::Limits(_), Some((width, height))) => {
            PhotoError::TooLarge { width, height }
        }
        (image::ImageError::Unsupported(u), _) => PhotoError::Unsupported(u.to_string()),
        (image::ImageError::IoError(io), _) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Truncated
        }
        (e, _) => PhotoError::Decode(e.to_string()),
    }
}

fn decode_with_image(data: &[u8], format: PhotoFormat) -> Result<(Pixels, u8), PhotoError> {
    let mut dec = open_decoder(data, format)?;
    let size = dec.dimensions();
    let orientation = dec.orientation().map_or(1, Orientation::to_exif);
    let img = DynamicImage::from_decoder(dec).map_err(|e| image_error(e, Some(size)))?;
    let (width, height) = (img.width(), img.height());
    let color = img.color();
    let (buf, channels) = if color.has_alpha() {
        let rgba = img.into_rgba8().into_raw();
        if rgba.chunks_exact(4).any(|p| p[3] != 255) {
            (rgba, 4)
        } else {
            // An alpha channel that is opaque everywhere: drop it, JPEG is far smaller.
            (
                rgba.chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect(),
                3,
            )
        }
    } else if color.has_color() {
        (img.into_rgb8().into_raw(), 3)
    } else {
        (img.into_luma8().into_raw(), 1)
    };
    Ok((
        Pixels {
            buf,
            width,
            height,
            channels,
        },
        orientation,
    ))
}

fn resize(px: Pixels, width: u32, height: u32) -> Result<Pixels, PhotoError> {
    if (px.width, px.height) == (width, height) {
        return Ok(px);
    }
    let pixel_type = match px.channels {
        1 => fr::PixelType::U8,
        3 => fr::PixelType::U8x3,
        _ => fr::PixelType::U8x4,
    };
    let fail = |e: String| PhotoError::Decode(format!("resize: {e}"));
    let src = fr::images::Image::from_vec_u8(px.width, px.height, px.buf, pixel_type)
        .map_err(|e| fail(e.to_string()))?;
    let mut dst = fr::images::Image::new(width, height, pixel_type);
    // Lanczos3 keeps news photos sharp; fast_image_resize makes it ~20x faster than `image`.
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| fail(e.to_string()))?;
    Ok(Pixels {
        buf: dst.into_vec(),
        width,
        height,
        channels: px.channels,
    })
}

/// Applies an EXIF orientation (1..=8) so the pixels are upright.
fn orient(px: Pixels, exif: u8) -> Pixels {
    if !(2..=8).contains(&exif) {
        return px;
    }
    let (w, h, c) = (px.width as usize, px.height as usize, px.channels as usize);
    let (ow, oh) = if exif >= 5 { (h, w) } else { (w, h) };
    let mut buf = vec![0; px.buf.len()];
    for oy in 0..oh {
        for ox in 0..ow {
            // Where output pixel (ox, oy) comes from in the stored image.
            let (sx, sy) = match exif {
                2 => (w - 1 - ox, oy),         // mirror
                3 => (w - 1 - ox, h - 1 - oy), // rotate 180
                4 => (ox, h - 1 - oy),         // flip vertically
                5 => (oy, ox),                 // transpose
                6 => (oy, h - 1 - ox),         // rotate 90 clockwise
                7 => (w - 1 - oy, h - 1 - ox), // transverse
                _ => (w - 1 - oy, ox),         // 8: rotate 90 anticlockwise
            };
            let (s, d) = ((sy * w + sx) * c, (oy * ow + ox) * c);
            buf[d..d + c].copy_from_slice(&px.buf[s..s + c]);
        }
    }
    Pixels {
        buf,
        width: ow as u32,
        height: oh as u32,
        channels: px.channels,
    }
}

/// Encodes pixels only: no EXIF, XMP or ICC is written.
fn encode(px: Pixels, quality: u8) -> Result<ProcessedPhoto, PhotoError> {
    let fail = |e: String| PhotoError::Decode(format!("encode: {e}"));
    let (width, height) = (px.width, px.height);
    let mut bytes = Vec::new();
    if px.channels == 4 {
        image::codecs::png::PngEncoder::new(&mut bytes)
            .write_image(&px.buf, width, height, image::ExtendedColorType::Rgba8)
            .map_err(|e| fail(e.to_string()))?;
        return Ok(ProcessedPhoto {
            bytes,
            mime: "image/png",
            ext: "png",
            width,
            height,
        });
    }
    let (Ok(w), Ok(h)) = (u16::try_from(width), u16::try_from(height)) else {
        return Err(fail("too large for JPEG".into()));
    };
    let mut enc = jpeg_encoder::Encoder::new(&mut bytes, quality);
    // Averaged chroma (like libjpeg) avoids colour fringes. Optimised Huffman tables stay
    // off: for flat colour (or grey photos stored as RGB) they yield one-code tables that
    // libjpeg reads fine but zune-jpeg (`image`, so our own preview) decodes to wrong colours.
    enc.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
    let color = if px.channels == 1 {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    enc.encode(&px.buf, w, h, color)
        .map_err(|e| fail(e.to_string()))?;
    Ok(ProcessedPhoto {
        bytes,
        mime: "image/jpeg",
        ext: "jpg",
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

    fn photo(name: &str) -> PathBuf {
        Path::new(PHOTOS).join(name)
    }

    fn opts() -> PhotoOptions {
        PhotoOptions::default()
    }

    fn decode_back(p: &ProcessedPhoto) -> DynamicImage {
        let img = image::load_from_memory(&p.bytes).expect("output decodes");
        assert_eq!((img.width(), img.height()), (p.width, p.height));
        img
    }

    fn png_bytes(img: DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn broken_files_give_the_right_error_from_probe_and_process() {
        let cases = [
            ("empty_0byte.jpg", PhotoError::Empty),
            ("not_an_image.jpg", PhotoError::NotAnImage),
            ("photo_Path.heic", PhotoError::Heic),
            ("corrupt_truncated.jpg", PhotoError::Truncated),
            (
                "bomb_30000x30000.png",
                PhotoError::TooLarge {
                    width: 30000,
                    height: 30000,
                },
            ),
            ("no_such_file.jpg", PhotoError::Io(String::new())),
        ];
        for (name, want) in cases {
            for got in [
                probe(&photo(name)).map(|_| ()),
                process(&photo(name), &opts()).map(|_| ()),
            ] {
                let got = got.expect_err(name);
                match want {
                    PhotoError::Io(_) => {
                        assert!(matches!(got, PhotoError::Io(_)), "{name}: {got:?}")
                    }
                    _ => assert_eq!(got, want, "{name}"),
                }
                assert!(!got.to_string().is_empty() && !got.message_en().is_empty());
            }
        }
        assert_eq!(
            thumbnail(&photo("corrupt_truncated.jpg"), 160).unwrap_err(),
            PhotoError::Truncated
        );
    }

    #[test]
    fn heic_is_refused_even_with_a_jpg_name() {
        let head = std::fs::read(photo("photo_Path.heic")).unwrap();
        let tmp = std::env::temp_dir().join(format!("tinxa-photo-test-{}.jpg", std::process::id()));
        std::fs::write(&tmp, &head[..4096]).unwrap();
        let got = probe(&tmp);
        std::fs::remove_file(&tmp).unwrap();
        assert_eq!(got, Err(PhotoError::Heic));
        assert_eq!(process_bytes(&head, &opts()).unwrap_err(), PhotoError::Heic);
    }

    #[test]
    fn bomb_is_refused_fast_on_every_path() {
        let data = std::fs::read(photo("bomb_30000x30000.png")).unwrap();
        let want = PhotoError::TooLarge {
            width: 30000,
            height: 30000,
        };
        let t = Instant::now();
        assert_eq!(probe_bytes(&data).unwrap_err(), want);
        assert_eq!(process_bytes(&data, &opts()).unwrap_err(), want);
        assert_eq!(
            thumbnail(&photo("bomb_30000x30000.png"), 160).unwrap_err(),
            want
        );
        assert_eq!(decode_with_image(&data, PhotoFormat::Png).err(), Some(want));
        // A full decode takes ~1 s and 900 MB; a header check takes microseconds.
        assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    }

    #[test]
    fn jpeg_bomb_is_refused_by_its_header() {
        // A tiny valid JPEG whose frame header is patched to claim 60000×60000.
        let mut bytes = Vec::new();
        jpeg_encoder::Encoder::new(&mut bytes, 80)
            .encode(&[128; 16 * 16 * 3], 16, 16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bytes[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
        let want = PhotoError::TooLarge {
            width: 60000,
            height: 60000,
        };
        assert_eq!(probe_bytes(&bytes).unwrap_err(), want);
        assert_eq!(process_bytes(&bytes, &opts()).unwrap_err(), want);
    }

    #[test]
    fn orientation6_comes_out_upright() {
        let info = probe(&photo("exif_orientation6_TwoWings.jpg")).unwrap();
        assert_eq!(
            info,
            PhotoInfo {
                width: 3000,
                height: 4000,
                format: PhotoFormat::Jpeg
            }
        );
        let out = process(&photo("exif_orientation6_TwoWings.jpg"), &opts()).unwrap();
        assert_eq!((out.width, out.height), (1200, 1600));
        decode_back(&out);
    }

    #[test]
    fn orientation6_rotates_clockwise() {
        // Stored 32×16: left half red, right half blue, tagged "rotate 90° clockwise".
        // Shown upright it is 16×32 with red on top.
        let rgb: Vec<u8> = (0..16 * 32)
            .flat_map(|i| {
                if i % 32 < 16 {
                    [255, 0, 0]
                } else {
                    [0, 0, 255]
                }
            })
            .collect();
        let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        let mut bytes = Vec::new();
        let mut enc = jpeg_encoder::Encoder::new(&mut bytes, 95);
        enc.add_exif_metadata(&exif).unwrap();
        enc.encode(&rgb, 32, 16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let info = probe_bytes(&bytes).unwrap();
        assert_eq!((info.width, info.height), (16, 32));
        let out = process_bytes(&bytes, &opts()).unwrap();
        let img = decode_back(&out).into_rgb8();
        assert_eq!((img.width(), img.height()), (16, 32));
        assert!(
            img.get_pixel(8, 4)[0] > 200 && img.get_pixel(8, 4)[2] < 60,
            "top is red"
        );
        assert!(
            img.get_pixel(8, 28)[2] > 200 && img.get_pixel(8, 28)[0] < 60,
            "bottom is blue"
        );
    }

    #[test]
    fn orient_matches_image_crate_for_all_eight() {
        let (w, h) = (5u32, 3u32);
        let buf: Vec<u8> = (0..w * h * 3).map(|i| i as u8).collect();
        for exif in 1..=8u8 {
            let ours = orient(
                Pixels {
                    buf: buf.clone(),
                    width: w,
                    height: h,
                    channels: 3,
                },
                exif,
            );
            let mut theirs =
                DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, buf.clone()).unwrap());
            theirs.apply_orientation(Orientation::from_exif(exif).unwrap());
            assert_eq!(
                (ours.width, ours.height),
                (theirs.width(), theirs.height()),
                "{exif}"
            );
            assert_eq!(ours.buf, theirs.into_bytes(), "orientation {exif}");
        }
    }

    #[test]
    fn gps_and_exif_never_reach_the_output() {
        let original = std::fs::read(photo("exif_gps_LadyBird.jpg")).unwrap();
        assert!(
            original.windows(4).any(|w| w == b"Exif"),
            "fixture has EXIF"
        );
        let out = process(&photo("exif_gps_LadyBird.jpg"), &opts()).unwrap();
        for needle in [
            &b"Exif"[..],
            b"GPS",
            b"Samsung",
            b"Galaxy",
            b"II*\0",
            b"MM\0*",
            b"http://ns.adobe.com",
        ] {
            assert!(
                !out.bytes.windows(needle.len()).any(|w| w == needle),
                "{:?} leaked",
                String::from_utf8_lossy(needle)
            );
        }
        // No APP1 (EXIF/XMP) segment either.
        assert!(!out.bytes.windows(2).any(|w| w == [0xFF, 0xE1]));
        // The original is untouched.
        assert_eq!(
            std::fs::read(photo("exif_gps_LadyBird.jpg")).unwrap(),
            original
        );
    }

    #[test]
    fn phone_photo_becomes_1600x1200_jpeg() {
        let info = probe(&photo("photo01_EveningGlow.jpg")).unwrap();
        assert_eq!(
            info,
            PhotoInfo {
                width: 4000,
                height: 3000,
                format: PhotoFormat::Jpeg
            }
        );
        let out = process(&photo("photo01_EveningGlow.jpg"), &opts()).unwrap();
        assert_eq!(
            (out.width, out.height, out.mime, out.ext),
            (1600, 1200, "image/jpeg", "jpg")
        );
        assert!(out.bytes.starts_with(&[0xFF, 0xD8]) && out.bytes.ends_with(&[0xFF, 0xD9]));
        let back = decode_back(&out).into_rgb8();
        // Not a grey or black picture.
        let mean =
            back.as_raw().iter().map(|&v| u64::from(v)).sum::<u64>() / back.as_raw().len() as u64;
        assert!((10..245).contains(&mean), "mean {mean}");
        assert!(out.bytes.len() < 1_000_000, "{} bytes", out.bytes.len());
    }

    #[test]
    fn webp_is_processed() {
        let info = probe(&photo("photo_Path.webp")).unwrap();
        assert_eq!(
            info,
            PhotoInfo {
                width: 4000,
                height: 3000,
                format: PhotoFormat::Webp
            }
        );
        let out = process(&photo("photo_Path.webp"), &opts()).unwrap();
        assert_eq!(
            (out.width, out.height, out.mime),
            (1600, 1200, "image/jpeg")
        );
    }

    #[test]
    fn trailer_after_eoi_is_not_truncation() {
        let mut data = std::fs::read(photo("photo02_BytheWater.jpg")).unwrap();
        data.extend_from_slice(b"SEFH\0\0\0\0 phone trailer data SEFT");
        assert_eq!(probe_bytes(&data).unwrap().width, 4000);
        // But cutting the file anywhere inside the scan is.
        assert_eq!(
            probe_bytes(&data[..data.len() / 2]).unwrap_err(),
            PhotoError::Truncated
        );
        assert_eq!(
            probe_bytes(&data[..1000]).unwrap_err(),
            PhotoError::Truncated
        );
    }

    #[test]
    fn small_image_is_not_upscaled() {
        let img = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let out = process_bytes(&png_bytes(DynamicImage::ImageRgb8(img)), &opts()).unwrap();
        assert_eq!((out.width, out.height, out.mime), (300, 200, "image/jpeg"));
        decode_back(&out);
    }

    #[test]
    fn grey_and_opaque_alpha_become_jpeg() {
        let grey = image::GrayImage::from_fn(2000, 500, |x, _| image::Luma([x as u8]));
        let out = process_bytes(&png_bytes(DynamicImage::ImageLuma8(grey)), &opts()).unwrap();
        assert_eq!((out.width, out.height, out.mime), (1600, 400, "image/jpeg"));
        let opaque = image::RgbaImage::from_pixel(40, 30, image::Rgba([1, 2, 3, 255]));
        let out = process_bytes(&png_bytes(DynamicImage::ImageRgba8(opaque)), &opts()).unwrap();
        assert_eq!(out.mime, "image/jpeg");
        // A grey picture stored as RGB (flat chroma) must decode back with the right colours.
        let rgb = image::RgbImage::from_fn(64, 64, |x, _| image::Rgb([x as u8 * 4; 3]));
        let out = process_bytes(&png_bytes(DynamicImage::ImageRgb8(rgb.clone())), &opts()).unwrap();
        let back = decode_back(&out).into_rgb8();
        let worst = rgb
            .as_raw()
            .iter()
            .zip(back.as_raw())
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap();
        assert!(worst < 16, "worst channel error {worst}");
    }

    #[test]
    fn cmyk_jpeg_falls_back_to_image_decoder() {
        // jpeg-decoder hands CMYK back unconverted; `image` converts it to RGB.
        let mut bytes = Vec::new();
        jpeg_encoder::Encoder::new(&mut bytes, 90)
            .encode(&[40; 48 * 32 * 4], 48, 32, jpeg_encoder::ColorType::Cmyk)
            .unwrap();
        assert!(decode_jpeg_scaled(&bytes, 48).is_none());
        let out = process_bytes(&bytes, &opts()).unwrap();
        assert_eq!((out.width, out.height, out.mime), (48, 32, "image/jpeg"));
    }

    #[test]
    fn png_with_transparency_stays_png() {
        let img = image::RgbaImage::from_fn(3200, 100, |x, _| {
            image::Rgba([200, 30, 30, if x < 1600 { 0 } else { 255 }])
        });
        let out = process_bytes(&png_bytes(DynamicImage::ImageRgba8(img)), &opts()).unwrap();
        assert_eq!(
            (out.width, out.height, out.mime, out.ext),
            (1600, 50, "image/png", "png")
        );
        let back = decode_back(&out).into_rgba8();
        assert_eq!(back.get_pixel(10, 25)[3], 0);
        assert_eq!(*back.get_pixel(1500, 25), image::Rgba([200, 30, 30, 255]));
    }

    #[test]
    fn truncated_png_is_detected() {
        let img = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8, y as u8, 0]));
        let data = png_bytes(DynamicImage::ImageRgb8(img));
        assert_eq!(
            probe_bytes(&data[..data.len() - 20]).unwrap_err(),
            PhotoError::Truncated
        );
        assert!(probe_bytes(&data).is_ok());
    }

    #[test]
    fn sniffing_ignores_names_and_knows_other_formats() {
        assert_eq!(
            sniff(b"%PDF-1.7 ..."),
            Err(PhotoError::Unsupported("PDF".into()))
        );
        assert_eq!(
            sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"),
            Err(PhotoError::Unsupported("AVIF".into()))
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1heic"),
            Err(PhotoError::Heic)
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypisom\0\0\0\0isommp41"),
            Err(PhotoError::NotAnImage)
        );
        assert_eq!(sniff(b"\xFF\xD8"), Err(PhotoError::NotAnImage));
        assert_eq!(sniff(b"\0\0\0\x0cftypheic"), Err(PhotoError::Heic));
        assert_eq!(
            probe_bytes(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Err(PhotoError::Truncated)
        );
    }

    #[test]
    fn process_many_keeps_order_and_per_photo_errors() {
        let paths: Vec<PathBuf> = [
            "photo03_ColdRipple.jpg",
            "empty_0byte.jpg",
            "photo_Path.heic",
            "exif_orientation6_TwoWings.jpg",
            "corrupt_truncated.jpg",
        ]
        .iter()
        .map(|n| photo(n))
        .collect();
        let out = process_many(&paths, &opts());
        assert_eq!(out.len(), 5);
        assert_eq!(
            out[0].as_ref().map(|p| (p.width, p.height)),
            Ok((1600, 1200))
        );
        assert_eq!(out[1].as_ref().unwrap_err(), &PhotoError::Empty);
        assert_eq!(out[2].as_ref().unwrap_err(), &PhotoError::Heic);
        assert_eq!(
            out[3].as_ref().map(|p| (p.width, p.height)),
            Ok((1200, 1600))
        );
        assert_eq!(out[4].as_ref().unwrap_err(), &PhotoError::Truncated);
    }

    #[test]
    fn thumbnails_respect_the_requested_side() {
        let t = thumbnail(&photo("photo04_ColorfulCups.jpg"), 160).unwrap();
        assert_eq!((t.width, t.height, t.mime), (160, 120, "image/jpeg"));
        decode_back(&t);
        let t = thumbnail(&photo("exif_orientation6_TwoWings.jpg"), 160).unwrap();
        assert_eq!((t.width, t.height), (120, 160));
        let t = thumbnail(&photo("photo_Path.webp"), 100).unwrap();
        assert!(t.width.max(t.height) <= 100);
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let all = [
            PhotoError::Empty,
            PhotoError::NotAnImage,
            PhotoError::Heic,
            PhotoError::Unsupported("AVIF".into()),
            PhotoError::Truncated,
            PhotoError::TooLarge {
                width: 30000,
                height: 30000,
            },
            PhotoError::Decode("x".into()),
            PhotoError::Io("x".into()),
        ];
        for e in all {
            assert_ne!(e.to_string(), e.message_en(), "{e:?}");
        }
        assert!(
            PhotoError::TooLarge {
                width: 30000,
                height: 30000
            }
            .to_string()
            .contains("30000×30000")
        );
    }
}
