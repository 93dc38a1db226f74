//! Putting a field of the article on the system clipboard, as the
//! "Đăng lên cổng" panel and `tinxa copy` do.
//!
//! The body goes on as rich text: `text/html` (on Windows the CF_HTML format
//! with its header) and a readable `text/plain` together, so a portal's
//! editor takes the formatting and photos and a plain box takes the text.
//! The other fields go on as plain text.
//!
//! On X11 and Wayland the clipboard lives in the program that set it: when
//! that program exits, the clipboard is empty. So, like `xclip`, a copy made
//! from the command line starts a detached copy of `tinxa` that keeps
//! serving the clipboard until another program takes it, then exits. The
//! window can hold the clipboard itself and calls [`set`] directly.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fsio;

/// What goes on the clipboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    /// Rich text, with `text` as its plain alternative; None for plain text.
    pub html: Option<String>,
    pub text: String,
}

fn failed(detail: impl std::fmt::Display) -> Error {
    Error::Invalid {
        vi: format!(
            "Không đặt được nội dung vào bộ nhớ tạm ({detail}). Thử lại, hoặc dùng `tinxa copy … --print` rồi tự sao chép."
        ),
        en: format!(
            "Could not put it on the clipboard ({detail}). Try again, or use `tinxa copy … --print` and copy it yourself."
        ),
    }
}

/// Sets the clipboard and returns at once. On X11 and Wayland the content
/// stays available only while `clipboard` lives (keep it in the window).
pub fn set(clipboard: &mut arboard::Clipboard, c: &Content) -> Result<()> {
    match &c.html {
        Some(h) => clipboard.set_html(h.as_str(), Some(c.text.as_str())),
        None => clipboard.set_text(c.text.as_str()),
    }
    .map_err(failed)
}

/// The window's clipboard: one for the whole process, so what it set stays
/// served (X11, Wayland) after the panel that set it closes, until another
/// program takes the clipboard or the window exits.
static HELD: std::sync::Mutex<Option<arboard::Clipboard>> = std::sync::Mutex::new(None);

fn with_held(f: impl FnOnce(&mut arboard::Clipboard) -> Result<()>) -> Result<()> {
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    let cb = match held.as_mut() {
        Some(cb) => cb,
        None => held.insert(arboard::Clipboard::new().map_err(failed)?),
    };
    f(cb)
}

/// Sets the clipboard from the window (blocking for a moment: call it off
/// the UI thread); it stays served while the window runs.
pub fn hold(c: &Content) -> Result<()> {
    with_held(|cb| set(cb, c))
}

/// Puts an export-ready photo (JPEG) on the clipboard as an image, for
/// "Sao chép ảnh" (image/png on X11 and Wayland, a bitmap on Windows).
/// Decodes and re-encodes it: call it off the UI thread.
pub fn hold_image(jpeg: &[u8]) -> Result<()> {
    let rgba = image::load_from_memory(jpeg).map_err(failed)?.to_rgba8();
    let data = arboard::ImageData {
        width: rgba.width() as usize,
        height: rgba.height() as usize,
        bytes: std::borrow::Cow::Owned(rgba.into_raw()),
    };
    with_held(|cb| cb.set_image(data).map_err(failed))
}

/// Sets the clipboard from a program about to exit (the command line). On
/// Windows and macOS the system keeps the content; on X11 and Wayland a
/// detached `tinxa` keeps serving it (see the module notes), and this
/// returns once the clipboard offers it.
pub fn set_and_leave(c: &Content) -> Result<()> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        let mut cb = arboard::Clipboard::new().map_err(failed)?;
        return set(&mut cb, c);
    }
    serve_detached(c)
}

/// Writes the content to a file the server reads (and removes), starts
/// `tinxa serve-clipboard FILE` detached from this terminal, and waits until
/// the clipboard holds the text.
fn serve_detached(c: &Content) -> Result<()> {
    let exe = std::env::current_exe().map_err(failed)?;
    let dir = std::env::temp_dir();
    let file: PathBuf = dir.join(format!(
        "tinxa-clipboard-{}-{}.json",
        std::process::id(),
        fastrand::u64(..)
    ));
    let json = serde_json::to_vec(c).map_err(failed)?;
    fsio::atomic_write(&file, &json)?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("serve-clipboard")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group: Ctrl+C or closing the terminal does not end it.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().map_err(failed)?;
    // Wait (at most 5 s) until the clipboard offers our text.
    let mut cb = arboard::Clipboard::new().map_err(failed)?;
    for _ in 0..100 {
        if let Ok(Some(status)) = child.try_wait() {
            let _ = std::fs::remove_file(&file);
            return Err(failed(format!("the clipboard server ended: {status}")));
        }
        if cb.get_text().is_ok_and(|t| t == c.text) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Err(failed("the clipboard did not take the text within 5 s"))
}

/// The detached server: reads and removes `file`, sets the clipboard and
/// serves it until another program takes it.
pub fn serve(file: &Path) -> Result<()> {
    let bytes = fsio::read(file)?;
    let _ = std::fs::remove_file(file);
    let c: Content = serde_json::from_slice(&bytes).map_err(failed)?;
    let mut cb = arboard::Clipboard::new().map_err(failed)?;
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use arboard::SetExtLinux;
        match &c.html {
            Some(h) => cb.set().wait().html(h.as_str(), Some(c.text.as_str())),
            None => cb.set().wait().text(c.text.as_str()),
        }
        .map_err(failed)
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        set(&mut cb, &c)
    }
}

/// What the clipboard holds, for a paste: each kind when it is there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clip {
    /// `text/html` (Windows' CF_HTML header included, the HTML reader drops it).
    pub html: Option<String>,
    pub text: Option<String>,
    /// A picture (a screenshot, "Copy image"), as PNG.
    pub image: Option<Vec<u8>>,
    /// Files copied in a file manager.
    pub files: Vec<PathBuf>,
}

impl Clip {
    pub fn is_empty(&self) -> bool {
        self.html.is_none() && self.text.is_none() && self.image.is_none() && self.files.is_empty()
    }
}

/// Reads the clipboard for a paste (call it off the UI thread: the program
/// that owns the clipboard may be slow to answer). `plain`: only the text.
/// A kind that is not there is None; only failing to reach the clipboard
/// at all is an error.
pub fn read(plain: bool) -> Result<Clip> {
    let reading = |detail: &dyn std::fmt::Display| Error::Invalid {
        vi: format!(
            "Không đọc được bộ nhớ tạm ({detail}). Hãy sao chép lại rồi dán, hoặc lưu thành tệp và dùng \"Nhập tệp\"."
        ),
        en: format!(
            "Could not read the clipboard ({detail}). Copy again and paste, or save it as a file and import it."
        ),
    };
    let mut cb = arboard::Clipboard::new().map_err(|e| reading(&e))?;
    let text = cb.get_text().ok().filter(|t| !t.is_empty());
    if plain {
        return Ok(Clip {
            text,
            ..Clip::default()
        });
    }
    let html = cb.get().html().ok().filter(|h| !h.trim().is_empty());
    let files = if html.is_none() {
        cb.get().file_list().unwrap_or_default()
    } else {
        Vec::new()
    };
    let image = match cb.get_image() {
        Ok(img) => {
            Some(png(img.width, img.height, img.bytes.into_owned()).map_err(|e| reading(&e))?)
        }
        Err(_) => None,
    };
    Ok(Clip {
        html,
        text,
        image,
        files,
    })
}

/// RGBA pixels as a PNG file's bytes.
pub fn png(width: usize, height: usize, rgba: Vec<u8>) -> std::result::Result<Vec<u8>, String> {
    let (w, h) = (
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
    );
    let img = image::RgbaImage::from_raw(w, h, rgba).ok_or("the picture's size does not match")?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
