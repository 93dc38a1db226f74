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
    spawn_opener(p).map(|_| ())
}

/// [`open_in_system`] for a worker thread: also waits up to two seconds for
/// the opener to give up (xdg-open with nothing to open the folder with
/// exits with an error), so the reporter hears of it.
pub fn open_in_system_checked(p: &Path) -> Result<(), Error> {
    let mut child = spawn_opener(p)?;
    for _ in 0..40 {
        match child.try_wait() {
            Ok(Some(status)) if !status.success() => {
                return Err(cannot_open(p, &format!("{OPENER}: {status}")));
            }
            Ok(Some(_)) => return Ok(()),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => return Err(cannot_open(p, &format!("{OPENER}: {e}"))),
        }
    }
    Ok(()) // still running: it is showing the folder
}

#[cfg(target_os = "windows")]
const OPENER: &str = "explorer";
#[cfg(target_os = "macos")]
const OPENER: &str = "open";
#[cfg(all(unix, not(target_os = "macos")))]
const OPENER: &str = "xdg-open";

fn spawn_opener(p: &Path) -> Result<std::process::Child, Error> {
    std::process::Command::new(OPENER)
        .arg(p)
        .stdin(std::process::Stdio::null())
        .spawn()
        .map_err(|e| cannot_open(p, &format!("{OPENER}: {e}")))
}

fn cannot_open(p: &Path, why: &str) -> Error {
    Error::Invalid {
        vi: format!(
            "Không mở được {} ({why}). Mở bằng trình quản lý tệp.",
            p.display()
        ),
        en: format!(
            "Could not open {} ({why}). Open it from the file manager.",
            p.display()
        ),
    }
}
