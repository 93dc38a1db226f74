//! The system's file dialogs (rfd): photos to add, a file to import, where
//! to export. Each answer comes back with how long the dialog took: an
//! answer within 150 ms means no dialog could be shown at all (no portal,
//! no zenity), and the app offers a path field instead.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use iced::Task;

use crate::ui::Message;

/// Answers faster than this came from no dialog at all.
pub const NO_DIALOG: Duration = Duration::from_millis(150);

const PHOTO_TYPES: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff", "heic",
];
/// What "Nhập tệp" offers (and what a file dropped on the window imports):
/// Word documents, text and Markdown. `.doc` and `.odt` are listed so the
/// reader can say what to do with them.
pub const IMPORT_TYPES: &[&str] = &["docx", "doc", "odt", "txt", "md", "markdown"];

/// True when `path` is a document to import rather than a photo to add.
pub fn is_import(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMPORT_TYPES.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

pub fn pick_photos() -> Task<Message> {
    let start = Instant::now();
    Task::perform(
        async move {
            let f = rfd::AsyncFileDialog::new()
                .add_filter("Ảnh / Photos", PHOTO_TYPES)
                .pick_files()
                .await;
            let picked = f.map(|v| v.into_iter().map(|f| f.path().to_path_buf()).collect());
            (picked, start.elapsed())
        },
        |(p, d)| Message::PhotosPicked(p, d),
    )
}

pub fn pick_import() -> Task<Message> {
    let start = Instant::now();
    Task::perform(
        async move {
            let f = rfd::AsyncFileDialog::new()
                .add_filter("Word / Văn bản / Markdown", IMPORT_TYPES)
                .pick_file()
                .await;
            (f.map(|f| f.path().to_path_buf()), start.elapsed())
        },
        |(p, d)| Message::ImportPicked(p, d),
    )
}

/// "Save as" for an export named `name` (extension `ext`), starting in `dir`.
pub fn save_export(name: String, ext: &'static str, dir: Option<PathBuf>) -> Task<Message> {
    let start = Instant::now();
    Task::perform(
        async move {
            let mut d = rfd::AsyncFileDialog::new()
                .set_file_name(&name)
                .add_filter(ext, &[ext]);
            if let Some(dir) = dir {
                d = d.set_directory(dir);
            }
            let picked = d.save_file().await.map(|f| f.path().to_path_buf());
            (picked, start.elapsed())
        },
        |(p, d)| Message::ExportTo(p, d),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_text_and_markdown_are_imported_photos_are_not() {
        for f in ["bao-cao.docx", "CU.DOC", "a.odt", "tin.txt", "bai.md"] {
            assert!(is_import(std::path::Path::new(f)), "{f}");
        }
        for f in ["anh.jpg", "anh.HEIC", "khong-duoi"] {
            assert!(!is_import(std::path::Path::new(f)), "{f}");
        }
    }
}
