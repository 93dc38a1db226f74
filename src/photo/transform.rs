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

/// A part of the decoded pixels, in (sub)pixels of that buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CropBox {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) width: f64,
    pub(super) height: f64,
}

impl CropBox {
    fn is_whole(&self, px: &Pixels) -> bool {
        self.left == 0.0
            && self.top == 0.0
            && self.width == f64::from(px.width)
            && self.height == f64::from(px.height)
    }

    /// Whole pixels, as (x, y, w, h), when every side falls on a pixel edge.
    fn whole_pixels(&self) -> Option<(usize, usize, usize, usize)> {
        let v = [self.left, self.top, self.width, self.height];
        v.iter()
            .all(|x| x.fract() == 0.0 && *x >= 0.0)
            .then(|| (v[0] as usize, v[1] as usize, v[2] as usize, v[3] as usize))
    }
}

/// Resizes `px` (or the part `crop` of it) to `width`×`height`. Cropping here,
/// inside the resize, reads only the source pixels the result needs.
pub(super) fn resize(
    px: Pixels,
    width: u32,
    height: u32,
    crop: Option<CropBox>,
) -> Result<Pixels, PhotoError> {
    let crop = crop.filter(|c| !c.is_whole(&px));
    if crop.is_none() && (px.width, px.height) == (width, height) {
        return Ok(px);
    }
    if let Some((x, y, w, h)) = crop.and_then(|c| c.whole_pixels())
        && (w, h) == (width as usize, height as usize)
    {
        // A crop kept at full size: copy its rows, no resampling.
        let c = px.channels as usize;
        let stride = px.width as usize * c;
        let mut buf = Vec::with_capacity(w * h * c);
        for row in px.buf.chunks_exact(stride).skip(y).take(h) {
            buf.extend_from_slice(&row[x * c..(x + w) * c]);
        }
        return Ok(Pixels {
            buf,
            width,
            height,
            channels: px.channels,
        });
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
    let mut options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    if let Some(c) = crop {
        options = options.crop(c.left, c.top, c.width, c.height);
    }
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
///
/// The source position is affine in the output position, so each output row
/// walks the source with a fixed step; the work goes in 64×64 tiles so that
/// the quarter turns, which read the source down its columns, stay in cache.
pub(super) fn orient(px: Pixels, exif: u8) -> Pixels {
    if !(2..=8).contains(&exif) {
        return px;
    }
    let (w, h, c) = (px.width as isize, px.height as isize, px.channels as usize);
    let (ow, oh) = if exif >= 5 { (h, w) } else { (w, h) };
    // Source (x, y) = (x0 + xx·ox + xy·oy, y0 + yx·ox + yy·oy), as in the table
    // of `edit::stored_point`.
    let (x0, xx, xy, y0, yx, yy) = match exif {
        2 => (w - 1, -1, 0, 0, 0, 1),      // mirror
        3 => (w - 1, -1, 0, h - 1, 0, -1), // rotate 180
        4 => (0, 1, 0, h - 1, 0, -1),      // flip vertically
        5 => (0, 0, 1, 0, 1, 0),           // transpose
        6 => (0, 0, 1, h - 1, -1, 0),      // rotate 90 clockwise
        7 => (w - 1, 0, -1, h - 1, -1, 0), // transverse
        _ => (w - 1, 0, -1, 0, 1, 0),      // 8: rotate 90 anticlockwise
    };
    let base = y0 * w + x0;
    let (dx, dy) = (yx * w + xx, yy * w + xy);
    let mut buf = vec![0; px.buf.len()];
    let walk = Walk {
        ow,
        oh,
        base,
        dx,
        dy,
    };
    match c {
        1 => walk.run::<1>(&px.buf, &mut buf),
        3 => walk.run::<3>(&px.buf, &mut buf),
        _ => walk.run::<4>(&px.buf, &mut buf),
    }
    Pixels {
        buf,
        width: ow as u32,
        height: oh as u32,
        channels: px.channels,
    }
}

/// Output size and the source walk of `orient`, in pixels.
struct Walk {
    ow: isize,
    oh: isize,
    base: isize,
    dx: isize,
    dy: isize,
}

impl Walk {
    /// Copies whole `N`-byte pixels; tiles of 64×64 keep the quarter turns,
    /// which read the source down its columns, in cache.
    fn run<const N: usize>(&self, src: &[u8], dst: &mut [u8]) {
        const TILE: isize = 64;
        let (src, _) = src.as_chunks::<N>();
        let (dst, _) = dst.as_chunks_mut::<N>();
        for ty in (0..self.oh).step_by(TILE as usize) {
            for tx in (0..self.ow).step_by(TILE as usize) {
                let x_end = (tx + TILE).min(self.ow);
                for oy in ty..(ty + TILE).min(self.oh) {
                    let mut s = self.base + tx * self.dx + oy * self.dy;
                    let row = (oy * self.ow) as usize;
                    for d in &mut dst[row + tx as usize..row + x_end as usize] {
                        *d = src[s as usize];
                        s += self.dx;
                    }
                }
            }
        }
    }
}
