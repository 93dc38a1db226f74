//! Exports: a self-contained HTML page, the body for a portal's editor (an
//! HTML fragment with an images folder, or `portal`: the same with photos
//! embedded), Markdown as a page bundle (`<slug>/index.md` with its photos
//! beside it), or a zip of the page and the bundle. Every file is written to a temporary name and renamed when
//! complete, so a failed export never leaves a half-written file behind.

pub mod docx;
mod docx_parts;
pub mod html;
pub mod markdown;
pub mod portal;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;
use rayon::prelude::*;

use crate::article::{Article, Photo};
use crate::doc::Document;
use crate::draft::Draft;
use crate::error::{Error, Result};
use crate::fsio;
use crate::photo::{self, PhotoOptions, ProcessedPhoto};
use crate::settings::PortalSettings;
use crate::text;

use html::PhotoRef;
use markdown::MdPhoto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Html,
    Fragment,
    Md,
    Zip,
    /// The portal body with its photos embedded as data URIs.
    Portal,
    /// A Word document (see [`docx`]).
    Docx,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::Fragment,
        Format::Portal,
        Format::Md,
        Format::Zip,
        Format::Docx,
    ];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Html | Format::Fragment | Format::Portal => "html",
            Format::Md => "md",
            Format::Zip => "zip",
            Format::Docx => "docx",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Fragment => "fragment",
            Format::Md => "md",
            Format::Zip => "zip",
            Format::Portal => "portal",
            Format::Docx => "docx",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s.trim().to_ascii_lowercase())
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub format: Format,
    pub photo: PhotoOptions,
    /// Leave broken photos out (and list them) instead of stopping.
    pub skip_bad_photos: bool,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    pub path: PathBuf,
    /// Photos left out with `skip_bad_photos`, each with its reason.
    pub skipped: Vec<Error>,
}

/// A photo ready to be written: processed bytes and the file name it gets.
#[derive(Debug, Clone)]
pub(crate) struct Ready {
    name: String,
    photo: ProcessedPhoto,
}

/// The export copy of one photo of the draft, with the reporter's rotation and
/// crop applied and no metadata. Every format goes through here (through
/// `prepare_photos`), so all exports show the photo as the preview does.
pub fn process_photo(draft: &Draft, p: &Photo, opts: &PhotoOptions) -> Result<ProcessedPhoto> {
    let path = draft.photo_path(p)?;
    photo::process_edited(&path, &p.edit, opts).map_err(|error| Error::Photo {
        file: p.file.clone(),
        error,
    })
}

/// Processes the photos the export needs (placed ones and the cover), in
/// parallel. `progress(done, total)` is called as each finishes.
fn prepare_photos(
    draft: &Draft,
    opts: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(HashMap<u32, Ready>, Vec<Error>)> {
    let a = &draft.article;
    let mut ids = a.placed_ids();
    if let Some(c) = a.cover_photo() {
        ids.push(c.id);
    }
    let mut seen = HashSet::new();
    ids.retain(|id| seen.insert(*id) && a.photo(*id).is_some());
    let total = ids.len();
    let done = AtomicUsize::new(0);
    progress(0, total);
    let results: Vec<(u32, Result<ProcessedPhoto>)> = ids
        .par_iter()
        .map(|&id| {
            let p = a.photo(id).expect("retained above");
            let r = process_photo(draft, p, &opts.photo);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            (id, r)
        })
        .collect();
    let mut ready = HashMap::new();
    let mut skipped = Vec::new();
    let mut names = HashSet::new();
    for (id, r) in results {
        match r {
            Ok(photo) => {
                let file = &a.photo(id).expect("retained above").file;
                let stem = Path::new(file)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| format!("anh-{id}"));
                let mut name = format!("{stem}.{}", photo.ext);
                let mut n = 2;
                while !names.insert(name.clone()) {
                    name = format!("{stem}-{n}.{}", photo.ext);
                    n += 1;
                }
                ready.insert(id, Ready { name, photo });
            }
            Err(e) if opts.skip_bad_photos => skipped.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok((ready, skipped))
}

fn data_uri(p: &ProcessedPhoto) -> String {
    format!(
        "data:{};base64,{}",
        p.mime,
        base64::engine::general_purpose::STANDARD.encode(&p.bytes)
    )
}

/// The self-contained page for an article whose photos are ready.
fn page_html(a: &Article, ready: &HashMap<u32, Ready>) -> String {
    let doc = Document::from_article(a);
    let refs: HashMap<u32, PhotoRef> = ready.iter().map(|(id, r)| (*id, embedded(r))).collect();
    let cover = a.cover.and_then(|id| refs.get(&id));
    html::page(&doc, &|p| refs.get(&p.id).cloned(), cover)
}

/// The article as one self-contained HTML page in memory (for "Sao chép
/// HTML" and "Xem trong trình duyệt").
pub fn html_string(draft: &Draft, opts: &Options) -> Result<(String, Vec<Error>)> {
    let (ready, skipped) = prepare_photos(draft, opts, &|_, _| {})?;
    Ok((page_html(&draft.article, &ready), skipped))
}

/// Where the export goes: a folder gets `<slug>.<ext>`, anything else is the
/// file name itself. Markdown is a page bundle: `<slug>/index.md` in a
/// folder, `name/index.md` for a file name `name.md`.
pub fn target_path(dest: &Path, title: &str, format: Format) -> PathBuf {
    let to_folder = dest.is_dir() || dest.as_os_str().is_empty();
    if format == Format::Md {
        if to_folder {
            return dest.join(text::slug(title)).join(markdown::BUNDLE_INDEX);
        }
        if dest
            .file_name()
            .is_some_and(|n| n == markdown::BUNDLE_INDEX)
        {
            return dest.to_path_buf();
        }
        return dest.with_extension("").join(markdown::BUNDLE_INDEX);
    }
    if to_folder {
        dest.join(format!("{}.{}", text::slug(title), format.ext()))
    } else {
        dest.to_path_buf()
    }
}

/// The body for the portal's editor in memory, for the clipboard: the HTML
/// with photos embedded as data URIs, the same as readable plain text, and
/// the photos left out with `skip_bad_photos`.
pub fn portal_body(
    draft: &Draft,
    opts: &Options,
    portal: &PortalSettings,
) -> Result<(String, String, Vec<Error>)> {
    let (ready, skipped) = prepare_photos(draft, opts, &|_, _| {})?;
    let doc = Document::from_article(&draft.article);
    let html = portal::body_html(&doc, portal, &|p| ready.get(&p.id).map(embedded));
    Ok((html, portal::body_text(&doc, portal), skipped))
}

/// Writes the export-ready copies of the portal's photos into `dir` (for a
/// portal whose editor does not take pasted photos: the reporter uploads
/// them from there), named in the order of [`portal::photo_order`] — the
/// cover first — so the file list reads in that order. Earlier copies in
/// `dir` are removed first (the photos may have been edited since). Returns
/// the files written and the photos left out, each with its reason.
pub fn write_portal_photos(
    draft: &Draft,
    photo: &PhotoOptions,
    dir: &Path,
) -> Result<(Vec<PathBuf>, Vec<Error>)> {
    let opts = Options {
        format: Format::Portal,
        photo: *photo,
        skip_bad_photos: true,
    };
    let (ready, skipped) = prepare_photos(draft, &opts, &|_, _| {})?;
    if dir.is_dir() {
        use crate::error::Action as Io;
        for e in std::fs::read_dir(dir).map_err(|e| Error::io(Io::List, dir, &e))? {
            let p = e.map_err(|e| Error::io(Io::List, dir, &e))?.path();
            if p.is_file() {
                std::fs::remove_file(&p).map_err(|e| Error::io(Io::Remove, &p, &e))?;
            }
        }
    }
    fsio::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (n, id) in portal::photo_order(&draft.article).iter().enumerate() {
        if let Some(r) = ready.get(id) {
            let path = dir.join(format!("{:02}-{}", n + 1, r.name));
            fsio::atomic_write(&path, &r.photo.bytes)?;
            written.push(path);
        }
    }
    Ok((written, skipped))
}

fn embedded(r: &Ready) -> PhotoRef {
    PhotoRef {
        src: data_uri(&r.photo),
        width: r.photo.width,
        height: r.photo.height,
    }
}

/// Exports the draft to `dest` (a folder or a file name), the portal body
/// as the default settings shape it.
pub fn export(
    draft: &Draft,
    dest: &Path,
    opts: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Exported> {
    export_with(draft, dest, opts, &PortalSettings::default(), progress)
}

/// Exports the draft, the `fragment` and `portal` bodies shaped by the
/// portal settings.
pub fn export_with(
    draft: &Draft,
    dest: &Path,
    opts: &Options,
    portal: &PortalSettings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Exported> {
    let a = &draft.article;
    let path = target_path(dest, &a.title, opts.format);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fsio::create_dir_all(parent)?;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bai-viet".into());
    let images_dir_name = format!("{stem}-images");
    let (ready, skipped) = prepare_photos(draft, opts, progress)?;
    let rel = |r: &Ready| format!("{images_dir_name}/{}", r.name);

    match opts.format {
        Format::Html => fsio::atomic_write(&path, page_html(a, &ready).as_bytes())?,
        Format::Fragment => {
            write_images(&path, &images_dir_name, &ready)?;
            let doc = Document::from_article(a);
            let markup = portal::body_html(&doc, portal, &|p| {
                ready.get(&p.id).map(|r| PhotoRef {
                    src: rel(r),
                    width: r.photo.width,
                    height: r.photo.height,
                })
            });
            fsio::atomic_write(&path, markup.as_bytes())?;
        }
        Format::Portal => {
            let doc = Document::from_article(a);
            let markup = portal::body_html(&doc, portal, &|p| ready.get(&p.id).map(embedded));
            fsio::atomic_write(&path, markup.as_bytes())?;
        }
        Format::Md => {
            // A page bundle: index.md with its photos beside it.
            write_images(&path, "", &ready)?;
            let md = markdown::write(a, &md_photos(&ready, &|r| r.name.clone()));
            fsio::atomic_write(&path, md.as_bytes())?;
        }
        Format::Docx => fsio::atomic_write_with(&path, |f| docx::write(a, &ready, f))?,
        Format::Zip => {
            let page = page_html(a, &ready);
            // The page, and the Markdown page bundle in a folder beside it.
            let in_bundle = |r: &Ready| format!("{stem}/{}", r.name);
            let md = markdown::write(a, &md_photos(&ready, &|r| r.name.clone()));
            fsio::atomic_write_with(&path, |f| {
                let mut z = zip::ZipWriter::new(f);
                let o = zip::write::SimpleFileOptions::default()
                    .last_modified_time(zip::DateTime::default());
                z.start_file(format!("{stem}.html"), o)
                    .map_err(std::io::Error::other)?;
                z.write_all(page.as_bytes())?;
                z.start_file(format!("{stem}/{}", markdown::BUNDLE_INDEX), o)
                    .map_err(std::io::Error::other)?;
                z.write_all(md.as_bytes())?;
                let mut photos: Vec<&Ready> = ready.values().collect();
                photos.sort_by(|x, y| x.name.cmp(&y.name));
                for r in photos {
                    // JPEG is already compressed: store it as it is.
                    let stored = o.compression_method(zip::CompressionMethod::Stored);
                    z.start_file(in_bundle(r), stored)
                        .map_err(std::io::Error::other)?;
                    z.write_all(&r.photo.bytes)?;
                }
                z.finish().map_err(std::io::Error::other)?;
                Ok(())
            })?;
        }
    }
    Ok(Exported { path, skipped })
}

/// The .docx of an article without photos, in memory (for the fuzz target).
#[doc(hidden)]
pub fn docx_bytes_for_fuzzing(a: &Article) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    docx::write(a, &HashMap::new(), &mut out).expect("writing to memory");
    out.into_inner()
}

fn md_photos(ready: &HashMap<u32, Ready>, rel: &dyn Fn(&Ready) -> String) -> HashMap<u32, MdPhoto> {
    ready
        .iter()
        .map(|(id, r)| (*id, MdPhoto { path: rel(r) }))
        .collect()
}

fn write_images(main: &Path, dir_name: &str, ready: &HashMap<u32, Ready>) -> Result<()> {
    if ready.is_empty() {
        return Ok(());
    }
    // An empty `dir_name` puts the photos beside the main file.
    let dir = main.parent().unwrap_or(Path::new(".")).join(dir_name);
    fsio::create_dir_all(&dir)?;
    for r in ready.values() {
        fsio::atomic_write(&dir.join(&r.name), &r.photo.bytes)?;
    }
    Ok(())
}
