//! Slow work off the UI thread, and the system's file manager or browser.

use std::path::Path;

use crate::error::Error;

/// Runs blocking work on tokio's blocking pool, off the UI thread. A
/// worker that panics becomes an error for the reporter instead of taking
/// the window down.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| Error::Worker)
}

/// [`blocking`] for work that can fail itself.
pub async fn try_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    blocking(f).await.and_then(|r| r)
}

/// Opens a folder in the file manager, or a page in the browser.
pub fn open_in_system(p: &Path) -> Result<(), Error> {
    #[cfg(target_os = "windows")]
    let cmd = "explorer";
    #[cfg(target_os = "macos")]
    let cmd = "open";
    #[cfg(all(unix, not(target_os = "macos")))]
    let cmd = "xdg-open";
    std::process::Command::new(cmd)
        .arg(p)
        .spawn()
        .map(|_| ())
        .map_err(|e| Error::Invalid {
            vi: format!(
                "Không mở được {} ({cmd}: {e}). Mở bằng trình quản lý tệp.",
                p.display()
            ),
            en: format!(
                "Could not open {} ({cmd}: {e}). Open it from the file manager.",
                p.display()
            ),
        })
}
