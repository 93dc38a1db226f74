//! Crash-safe file writing shared by drafts, settings and exports.
//!
//! Every write goes to a temporary file in the destination folder, is flushed
//! to the disk, and then renamed over the final name, so a power cut leaves
//! either the old file or the new one, never a half-written or NUL-filled one.
//! `tempfile`'s `persist` replaces an existing file on Windows too.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Action, Error, Result};

/// Writes `bytes` to `path` atomically and durably.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    atomic_write_with(path, |f| f.write_all(bytes))
}

/// Like [`atomic_write`], with the content produced by `fill` into the temp file.
pub fn atomic_write_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tinxa-").suffix(".tmp");
    // tempfile makes 0600 files; a saved or exported file should have the
    // permissions of the file it replaces, or ordinary ones when new.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(Error::at(Action::Write, path))?;
    fill(tmp.as_file_mut()).map_err(Error::at(Action::Write, path))?;
    tmp.as_file_mut()
        .sync_all()
        .map_err(Error::at(Action::Write, path))?;
    tmp.persist(path)
        .map_err(|e| Error::io(Action::Write, path, &e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename durable: on Linux the folder entry must reach the disk too.
/// Windows has no folder fsync (and does not need one for `MoveFileEx`).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).map_err(Error::at(Action::CreateFolder, path))
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(Error::at(Action::Read, path))
}
