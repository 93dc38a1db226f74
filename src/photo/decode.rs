//! Decoding: the JPEG header walk, reduced-scale JPEG decode, and `image` for the rest.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::limits::{MAX_ALLOC, check_size};
use super::{PhotoError, PhotoFormat};

pub(super) struct JpegHeader {
    pub(super) width: u32,
    pub(super) height: u32,
    /// EXIF orientation, 1..=8 (1 when absent).
    pub(super) orientation: u8,
}

/// Walks the JPEG markers up to the first scan: frame size, EXIF orientation, and
/// whether the file is complete. `image` decodes a cut-off JPEG without an error
/// (grey lower half), so completeness is checked here by looking for the EOI marker.
pub(super) fn parse_jpeg(data: &[u8]) -> Result<JpegHeader, PhotoError> {
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
pub(super) struct Pixels {
    pub(super) buf: Vec<u8>,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) channels: u8,
}

/// `None` means "let `image` try".
pub(super) fn decode_jpeg_scaled(data: &[u8], target_long: u32) -> Option<Pixels> {
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
pub(super) fn open_decoder(
    data: &[u8],
    format: PhotoFormat,
) -> Result<impl ImageDecoder + '_, PhotoError> {
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

pub(super) fn image_error(e: image::ImageError, size: Option<(u32, u32)>) -> PhotoError {
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

pub(super) fn decode_with_image(
    data: &[u8],
    format: PhotoFormat,
) -> Result<(Pixels, u8), PhotoError> {
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
