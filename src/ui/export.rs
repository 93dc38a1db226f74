//! Exporting the open draft: the format, the file dialog's answer, the
//! export on its own thread with progress, and the in-memory page for the
//! browser.

use std::path::PathBuf;

use iced::Task;

use crate::draft::Draft;
use crate::error::Error;
use crate::export::{self, Format};
use crate::lang::Lang;
use crate::photo::PhotoOptions;
use crate::ui::chrome::Status;
use crate::ui::i18n::T;

#[derive(Debug, Clone)]
pub enum Message {
    Format(Format),
    /// Photos processed so far, of how many.
    Progress(usize, usize),
    Done(Result<PathBuf, Error>),
    HtmlReady(Result<String, Error>),
}

pub struct Exporter {
    pub format: Format,
    pub running: bool,
    /// Photos processed of the export under way: (done, of).
    pub progress: Option<(usize, usize)>,
    /// The folder of the last export, for "Mở thư mục".
    pub folder: Option<PathBuf>,
}

impl Default for Exporter {
    fn default() -> Exporter {
        Exporter {
            format: Format::Html,
            running: false,
            progress: None,
            folder: None,
        }
    }
}

impl Exporter {
    /// Exports `draft` to `path` on a thread of its own, sending progress
    /// ("ảnh 3/10") as each photo is done, then the result.
    pub fn start(&mut self, draft: Draft, path: PathBuf, photo: PhotoOptions) -> Task<Message> {
        let opts = export::Options {
            format: self.format,
            photo,
            skip_bad_photos: false,
        };
        self.running = true;
        self.progress = None;
        let (tx, rx) = iced::futures::channel::mpsc::unbounded();
        std::thread::spawn(move || {
            let run = std::panic::AssertUnwindSafe(|| {
                export::export(&draft, &path, &opts, &|done, total| {
                    // The window may be gone; the export goes on regardless.
                    tx.unbounded_send(Message::Progress(done, total)).ok();
                })
                .map(|e| e.path)
            });
            // Never leave the window "exporting" forever.
            let r = std::panic::catch_unwind(run).unwrap_or(Err(Error::Worker));
            tx.unbounded_send(Message::Done(r)).ok();
        });
        Task::run(rx, |m| m)
    }

    /// The whole page in memory, photos embedded (bad ones skipped).
    pub fn html(&mut self, draft: Draft, photo: PhotoOptions) -> Task<Message> {
        let opts = export::Options {
            format: Format::Html,
            photo,
            skip_bad_photos: true,
        };
        self.running = true;
        Task::perform(
            super::task::try_blocking(move || export::html_string(&draft, &opts).map(|(h, _)| h)),
            Message::HtmlReady,
        )
    }

    /// Takes an export message; returns what the status line should say
    /// and any work left.
    pub fn update(&mut self, message: Message, lang: Lang) -> (Option<Status>, Task<Message>) {
        let said = |e: &Error| (Some(Status::error(e, lang)), Task::none());
        match message {
            Message::Format(f) => self.format = f,
            Message::Progress(done, total) => self.progress = Some((done, total)),
            Message::Done(r) => {
                self.running = false;
                self.progress = None;
                match r {
                    Ok(p) => {
                        self.folder = p.parent().map(|p| p.to_path_buf());
                        let line = format!("{} {}", T::ExportedTo.tr(lang), p.display());
                        return (Some(Status::info(line)), Task::none());
                    }
                    Err(e) => return said(&e),
                }
            }
            Message::HtmlReady(r) => {
                self.running = false;
                match r {
                    Err(e) => return said(&e),
                    Ok(html) => {
                        let path = std::env::temp_dir()
                            .join(format!("tinxa-xem-truoc-{}.html", std::process::id()));
                        if let Err(e) = crate::fsio::atomic_write(&path, html.as_bytes())
                            .and_then(|()| super::task::open_in_system(&path))
                        {
                            return said(&e);
                        }
                    }
                }
            }
        }
        (None, Task::none())
    }
}
