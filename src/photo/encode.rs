//! Encoding pixels only: no EXIF, XMP or ICC is ever written.

use image::ImageEncoder;

use super::decode::Pixels;
use super::{PhotoError, ProcessedPhoto};

/// Encodes pixels only: no EXIF, XMP or ICC is written.
pub(super) fn encode(px: Pixels, quality: u8) -> Result<ProcessedPhoto, PhotoError> {
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
