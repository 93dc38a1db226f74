//! Preview-size copies and thumbnails of a draft's photos, kept in the
//! draft's `.cache/` folder: the editor's preview and photo cards and the
//! drafts list show them. Safe to delete; made again when missing.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use crate::article::Photo;
use crate::draft;
use crate::error::Error;
use crate::photo::{self, PhotoOptions};

/// Per-draft cache folder.
pub const CACHE_DIR: &str = ".cache";
/// Long side of the preview-size copies: the preview column is about
/// 560 px wide at 1366×768. iced decodes every copy to RGBA to lay the
/// preview out (even photos scrolled out of view) and keeps it, so each
/// pixel here costs four bytes of memory per photo: 600 px is ten photos in
/// 11 MB (720 px took 15.5 MB).
pub const PREVIEW_SIDE: u32 = 600;
/// Long side of the photo cards' and the drafts list's thumbnails.
pub const THUMB_SIDE: u32 = 160;

/// A photo's copies for the window: the preview-size one, the card's small
/// thumbnail, and the original's long side (for the check).
#[derive(Debug, Clone)]
pub struct PhotoCopies {
    pub preview: Vec<u8>,
    pub thumb: Option<Vec<u8>>,
    pub long_side: u32,
}

/// Where the preview-size copy of photo file `file` is cached.
pub fn preview_path(draft_dir: &Path, file: &str) -> PathBuf {
    draft_dir
        .join(CACHE_DIR)
        .join(format!("preview{PREVIEW_SIDE}-{file}.jpg"))
}

/// Where the thumbnail of photo file `file` is cached.
pub fn thumb_path(draft_dir: &Path, file: &str) -> PathBuf {
    draft_dir.join(CACHE_DIR).join(format!("thumb-{file}.jpg"))
}

/// The copies of `photo` of the draft in `draft_dir`: from the cache when
/// made before, else made now (upright, from a reduced-scale decode) and
/// left in the cache. Blocking: run it off the UI thread.
pub fn copies(draft_dir: &Path, photo: &Photo) -> Result<PhotoCopies, Error> {
    let path = draft::photo_path(draft_dir, &photo.file)?;
    let err = |error| Error::Photo {
        file: photo.file.clone(),
        error,
    };
    let info = photo::probe(&path).map_err(err)?;
    let preview_file = preview_path(draft_dir, &photo.file);
    let thumb_file = thumb_path(draft_dir, &photo.file);
    let (preview, thumb) = match std::fs::read(&preview_file) {
        Ok(b) => (b, std::fs::read(&thumb_file).ok()),
        Err(_) => {
            let (made, thumb) = {
                // A 12 MP decode holds tens of megabytes while it runs:
                // one at a time per core, not ten at once.
                let _slot = DecodeSlot::take();
                let made = photo::thumbnail(&path, PREVIEW_SIDE).map_err(err)?.bytes;
                let small = PhotoOptions {
                    max_side: THUMB_SIDE,
                    quality: 80,
                };
                // The card falls back to the preview copy without it.
                let thumb = photo::process_bytes(&made, &small).ok().map(|t| t.bytes);
                (made, thumb)
            };
            store(
                draft_dir,
                &preview_file,
                &made,
                &thumb_file,
                thumb.as_deref(),
            );
            (made, thumb)
        }
    };
    Ok(PhotoCopies {
        preview,
        thumb,
        long_side: info.width.max(info.height),
    })
}

/// The cache is a convenience: a copy that cannot be written is made
/// again next time, so a failure here is not the reporter's problem.
fn store(dir: &Path, preview_file: &Path, preview: &[u8], thumb_file: &Path, thumb: Option<&[u8]>) {
    if crate::fsio::create_dir_all(&dir.join(CACHE_DIR)).is_err() {
        return;
    }
    if crate::fsio::atomic_write(preview_file, preview).is_ok()
        && let Some(t) = thumb
    {
        // Without it, the card shows the preview copy.
        crate::fsio::atomic_write(thumb_file, t).ok();
    }
}

/// A place among the photo decodes allowed to run at once (one per core).
struct DecodeSlot;

static DECODES: Mutex<usize> = Mutex::new(0);
static DECODE_DONE: Condvar = Condvar::new();

impl DecodeSlot {
    fn take() -> DecodeSlot {
        let max = std::thread::available_parallelism().map_or(2, |n| n.get());
        let mut n = DECODES.lock().unwrap_or_else(|e| e.into_inner());
        while *n >= max {
            n = DECODE_DONE.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
        DecodeSlot
    }
}

impl Drop for DecodeSlot {
    fn drop(&mut self) {
        let mut n = DECODES.lock().unwrap_or_else(|e| e.into_inner());
        *n -= 1;
        DECODE_DONE.notify_one();
        // glibc keeps freed decode buffers in per-thread arenas; hand them
        // back once the last decode is done (≈ 60 MB after ten 12 MP photos).
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        if *n == 0 {
            // SAFETY: malloc_trim only releases free heap memory.
            unsafe {
                libc::malloc_trim(0);
            }
        }
    }
}
