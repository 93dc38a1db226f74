//! Pixel transforms: output size, resize, orientation.

use fast_image_resize as fr;

use super::PhotoError;
use super::decode::Pixels;

/// Output size: the long side is at most `max_side`, never upscaled.
pub(super) fn fit(w: u32, h: u32, max_side: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max_side {
        return (w, h);
    }
    let scale = |v: u32| {
        ((u64::from(v) * u64::from(max_side) + u64::from(long) / 2) / u64::from(long)).max(1)
    };
    (scale(w) as u32, scale(h) as u32)
}

pub(super) fn resize(px: Pixels, width: u32, height: u32) -> Result<Pixels, PhotoError> {
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
pub(super) fn orient(px: Pixels, exif: u8) -> Pixels {
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
