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
const IMPORT_TYPES: &[&str] = &["txt", "md", "markdown"];

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
                .add_filter("Văn bản / Markdown", IMPORT_TYPES)
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
