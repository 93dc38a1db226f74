//! Recognising a photo's format from its bytes (never from the file name), and
//! cheap end-of-file checks.

use super::{PhotoError, PhotoFormat};

/// Recognises the format from the first bytes.
pub(super) fn sniff(data: &[u8]) -> Result<PhotoFormat, PhotoError> {
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
pub(super) fn sniff_ftyp(data: &[u8]) -> Result<PhotoFormat, PhotoError> {
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

/// Cheap end-of-file checks: a cut-off copy of these still decodes partly, or fails
/// with an unhelpful message.
pub(super) fn check_complete(format: PhotoFormat, data: &[u8]) -> Result<(), PhotoError> {
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
