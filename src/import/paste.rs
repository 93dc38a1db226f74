//! A paste into the body, prepared off the UI thread: what the clipboard
//! held ([`Clip`]) becomes Markdown with photo markers, and the pictures are
//! copied into the draft through the photo checks, before anything changes
//! in the window. The window then puts it in at the cursor as one undo step
//! (the text and the photos together).
//!
//! Rich text (`text/html`) goes through the HTML front end and the one
//! rich-text mapper; a picture alone (a screenshot) becomes a photo; copied
//! picture files too; otherwise the plain text, cleaned as a paste is
//! ([`text::clean_paste`]: no leading tabs that Markdown would make a code
//! block).

use std::path::Path;

use super::html::{self, Options};
use super::rich::{self, Note, Skip};
use crate::article::{Photo, marker};
use crate::clipboard::Clip;
use crate::draft;
use crate::error::{Error, Result};
use crate::text;

/// What a paste puts in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pasted {
    /// Markdown; photo markers numbered from the `first_id` asked for.
    pub markdown: String,
    /// The photos, their files already in the draft's folder.
    pub photos: Vec<Photo>,
    pub report: Vec<Note>,
    /// Made from rich text or a picture (its blocks start lines of their
    /// own), not plain text (which goes in at the cursor as it is).
    pub rich: bool,
}

impl Pasted {
    /// Web pictures that were left out.
    pub fn web_pictures(&self) -> usize {
        self.report
            .iter()
            .map(|n| match n {
                Note::Skipped {
                    what: Skip::WebPicture,
                    count,
                } => *count,
                _ => 0,
            })
            .sum()
    }

    /// Renumbers the photos (and their markers) from `first_id`.
    pub fn renumber(&mut self, first_id: u32) {
        let Some(old_first) = self.photos.iter().map(|p| p.id).min() else {
            return;
        };
        if old_first == first_id {
            return;
        }
        // Through placeholders, so that 1→2 and 2→3 do not meet.
        let hold = |id: u32| format!("\u{FFFC}{id}\u{FFFC}");
        for p in &self.photos {
            self.markdown = self.markdown.replace(&marker(p.id), &hold(p.id));
        }
        for p in &mut self.photos {
            let new = p.id - old_first + first_id;
            self.markdown = self.markdown.replace(&hold(p.id), &marker(new));
            p.id = new;
        }
    }
}

/// Prepares `clip` for the body of the draft in `dir`, photos numbered from
/// `first_id`. `plain`: the text only (Ctrl+Shift+V).
pub fn prepare(clip: &Clip, dir: &Path, first_id: u32, plain: bool) -> Result<Pasted> {
    let plain_text = || Pasted {
        markdown: text::clean_paste(clip.text.as_deref().unwrap_or_default()),
        ..Pasted::default()
    };
    if plain {
        return Ok(plain_text());
    }
    if let Some(h) = &clip.html {
        let opts = Options {
            base: None,
            read_files: true,
        };
        let piece = rich::body_markdown(html::read(h, &opts), first_id);
        let mut pasted = copy_in(piece, dir)?;
        if !pasted.markdown.trim().is_empty() {
            return Ok(pasted);
        }
        // A browser's "Copy image" offers <img src="https://…"> and the
        // picture itself: take the picture.
        if let Some(png) = &clip.image {
            let mut one = picture(png, dir, first_id)?;
            one.report.append(&mut pasted.report);
            return Ok(one);
        }
        if clip.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            let mut t = plain_text();
            t.report = pasted.report;
            return Ok(t);
        }
        return Ok(pasted);
    }
    if let Some(png) = &clip.image {
        return picture(png, dir, first_id);
    }
    let pictures: Vec<&Path> = clip
        .files
        .iter()
        .map(|p| p.as_path())
        .filter(|p| crate::photo::probe(p).is_ok())
        .collect();
    if !pictures.is_empty() {
        let mut out = Pasted {
            rich: true,
            ..Pasted::default()
        };
        let mut markers = Vec::new();
        for p in pictures {
            let id = first_id + out.photos.len() as u32;
            match draft::copy_photo_in(dir, p) {
                Ok(file) => {
                    out.photos.push(Photo {
                        id,
                        file,
                        ..Photo::default()
                    });
                    markers.push(marker(id));
                }
                Err(e) => out.report.push(Note::PhotoRejected(e)),
            }
        }
        out.markdown = markers.join("\n\n");
        return Ok(out);
    }
    Ok(plain_text())
}

/// Fills the pasted photos' empty caption, credit and alt text from their
/// own metadata (EXIF, IPTC, XMP), and the credit from `default_credit`
/// where the photo names nobody — as for a photo added with "Thêm ảnh".
pub fn prefill(pasted: &mut Pasted, dir: &Path, default_credit: &str) -> Result<()> {
    for p in &mut pasted.photos {
        let path = draft::photo_path(dir, &p.file)?;
        let meta = crate::photo::read_meta_file(&path).map_err(|error| Error::Photo {
            file: p.file.clone(),
            error,
        })?;
        crate::photo::fill_from_meta(p, &meta, default_credit);
    }
    Ok(())
}

/// A picture's bytes as photo `id` of the draft in `dir`.
fn picture(png: &[u8], dir: &Path, id: u32) -> Result<Pasted> {
    let piece = rich::Piece {
        markdown: marker(id),
        photos: vec![rich::NewPhoto {
            photo: Photo {
                id,
                ..Photo::default()
            },
            picture: rich::Picture {
                bytes: png.to_vec(),
                format: Some(crate::photo::PhotoFormat::Png),
                name: "anh-dan.png".into(),
                alt: String::new(),
            },
        }],
        report: Vec::new(),
    };
    copy_in(piece, dir)
}

/// Copies the piece's pictures into the draft through the photo checks; a
/// picture that fails them loses its marker and is reported.
fn copy_in(piece: rich::Piece, dir: &Path) -> Result<Pasted> {
    let mut out = Pasted {
        markdown: piece.markdown,
        photos: Vec::new(),
        report: piece.report,
        rich: true,
    };
    if piece.photos.is_empty() {
        return Ok(out);
    }
    let copier = super::PictureCopier::new()?;
    for np in piece.photos {
        match copier.copy_in(dir, &np.picture)? {
            Ok(file) => out.photos.push(Photo { file, ..np.photo }),
            Err(e) => {
                out.markdown = out
                    .markdown
                    .replace(&format!("\n\n{}", marker(np.photo.id)), "")
                    .replace(&marker(np.photo.id), "");
                out.report.push(Note::PhotoRejected(e));
            }
        }
    }
    Ok(out)
}
