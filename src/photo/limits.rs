//! Size limits, checked from headers before any pixel buffer exists.

use super::PhotoError;

/// Refuse anything with more pixels than this (checked from the header).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Memory ceiling for one decode by `image`: RGBA8 at `MAX_PIXELS` plus slack.
pub(super) const MAX_ALLOC: u64 = MAX_PIXELS * 4 + (64 << 20);
/// JPEG sizes are 16-bit, so no output side may exceed this.
pub(super) const JPEG_MAX_SIDE: u32 = 65_535;

pub(super) fn check_size(width: u32, height: u32) -> Result<(), PhotoError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        Err(PhotoError::TooLarge { width, height })
    } else if width == 0 || height == 0 {
        Err(PhotoError::Decode("image has zero size".into()))
    } else {
        Ok(())
    }
}
