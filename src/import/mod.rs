//! Importing a file as a new draft: text or Markdown (here), Word .docx
//! ([`docx`]), both ending in the one rich-text mapper ([`rich`]) or the
//! plain-text rules below.

pub mod docx;
mod docx_body;
mod docx_parts;
mod fields;
pub mod html;
mod html_io;
pub mod paste;
pub mod rich;

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::draft::{Draft, Store};
use crate::error::{Error, Result};
pub mod markdown;
use crate::fsio;
use crate::lang::Lang;
use crate::text::{self, legacy};

/// Something worth telling the reporter about an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportNotice {
    /// The file was 8-bit TCVN3 or VNI text and was converted to Unicode.
    ConvertedLegacy(legacy::Legacy),
    /// The text looks like legacy text mis-decoded as Unicode ("Céng hßa").
    LooksLegacy(legacy::Legacy),
    /// A photo referenced by the Markdown could not be added.
    PhotoSkipped(Error),
    /// A line of a rich (Word) import's report.
    Rich(rich::Note),
}

impl ImportNotice {
    pub fn message(&self, lang: Lang) -> String {
        let name = |l: &legacy::Legacy| match l {
            legacy::Legacy::Tcvn3 => "TCVN3 (ABC)",
            legacy::Legacy::Vni => "VNI-Windows",
        };
        match self {
            ImportNotice::ConvertedLegacy(l) => lang.pick(
                format!("Tệp dùng bảng mã {}; đã chuyển mã sang Unicode.", name(l)),
                format!("The file was in {}; it was converted to Unicode.", name(l)),
            ),
            ImportNotice::LooksLegacy(l) => lang.pick(
                format!(
                    "Văn bản có vẻ gõ bằng bảng mã {} (chữ hiện sai dấu). Dùng \"Chuyển mã sang Unicode\" hoặc `tinxa convert`.",
                    name(l)
                ),
                format!(
                    "The text looks like {} shown as Unicode (garbled marks). Use \"Convert to Unicode\" or `tinxa convert`.",
                    name(l)
                ),
            ),
            ImportNotice::PhotoSkipped(e) => e.message(lang),
            ImportNotice::Rich(n) => n.message(lang),
        }
    }
}

/// Reads a file as Vietnamese text: UTF-8 (with or without BOM), else
/// TCVN3 or VNI 8-bit text.
pub fn read_text(path: &Path) -> Result<(String, Vec<ImportNotice>)> {
    let bytes = fsio::read(path)?;
    let mut notices = Vec::new();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let s = match std::str::from_utf8(body) {
        Ok(s) => s.to_owned(),
        Err(_) => match legacy::detect_bytes(body) {
            Some(enc) => {
                notices.push(ImportNotice::ConvertedLegacy(enc));
                legacy::decode_bytes(body, enc)
            }
            None => {
                return Err(Error::NotText {
                    path: path.to_path_buf(),
                });
            }
        },
    };
    if s.contains('\0') {
        return Err(Error::NotText {
            path: path.to_path_buf(),
        });
    }
    if let Some(enc) = legacy::detect_text(&s) {
        notices.push(ImportNotice::LooksLegacy(enc));
    }
    Ok((text::clean_multiline(&s), notices))
}

/// A plain-text article: paragraphs separated by blank lines; after the
/// `./.` end mark, a short last line is the byline.
pub fn article_from_text(s: &str) -> Article {
    let s = text::clean_multiline(s);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                paragraphs.push(cur.join("\n"));
                cur.clear();
            }
        } else {
            cur.push(line.trim_end());
        }
    }
    if !cur.is_empty() {
        paragraphs.push(cur.join("\n"));
    }
    let mut a = Article::new();
    if paragraphs.len() >= 2 {
        let last = paragraphs[paragraphs.len() - 1].trim();
        let before = paragraphs[paragraphs.len() - 2].trim_end();
        let short =
            !last.contains('\n') && last.chars().count() <= 60 && text::word_count(last) <= 8;
        if before.ends_with("./.") && short {
            a.byline = text::clean_line(last);
            paragraphs.pop();
        }
    }
    a.body = paragraphs.join("\n\n");
    a
}

/// Imports a `.docx`, `.html`, `.txt` or `.md` file (decided by extension;
/// `.markdown` too; `.doc`, `.docm`, `.dotx` and `.odt` go to the Word reader,
/// which says what to do with them) as a new draft in `store`. Images
/// referenced by relative path are copied in.
pub fn import_file(store: &Store, path: &Path) -> Result<(Draft, Vec<ImportNotice>)> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "docx" | "docm" | "dotx" | "doc" | "odt") {
        return docx::import_file(store, path);
    }
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        return html::import_file(store, path);
    }
    let (s, mut notices) = read_text(path)?;
    let is_md = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if !is_md {
        let draft = store.create(article_from_text(&s))?;
        return Ok((draft, notices));
    }
    let parsed = markdown::read(&s);
    let mut article = parsed.article;
    let photos = std::mem::take(&mut article.photos);
    let mut draft = store.create(article)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let default_credit = crate::settings::Settings::load(store.home()).default_credit;
    for (id, rel) in parsed.images {
        let meta = photos
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .unwrap_or_default();
        let src: PathBuf = base.join(&rel);
        let result = if Path::new(&rel).is_absolute() {
            Err(Error::UnsafePhotoPath { file: rel.clone() })
        } else {
            draft.add_photo(&src)
        };
        match result {
            Ok(new_id) => {
                // Keep the number the body's marker uses.
                if let Some(p) = draft.article.photos.iter_mut().find(|p| p.id == new_id) {
                    p.id = id;
                    p.caption = meta.caption;
                    p.credit = meta.credit;
                    p.alt = meta.alt;
                }
                // Empty fields from the photo's own metadata, as in the window. The
                // photo was just copied in, so a failure here only means no metadata.
                let _ = crate::photo::on_photo_added(&mut draft, id, &default_credit);
            }
            Err(e) => {
                notices.push(ImportNotice::PhotoSkipped(e));
                if draft.article.cover == Some(id) {
                    draft.article.cover = None;
                }
            }
        }
    }
    draft.save()?;
    Ok((draft, notices))
}

/// Copies the pictures of a document or a paste into a draft's folder
/// through the photo checks, which read a file: each goes through a
/// temporary one, under a safe name, in a folder that goes with the copier.
pub(crate) struct PictureCopier {
    tmp: tempfile::TempDir,
}

impl PictureCopier {
    pub(crate) fn new() -> Result<PictureCopier> {
        let tmp = tempfile::tempdir().map_err(|e| Error::Invalid {
            vi: format!("Không tạo được thư mục tạm: {e}"),
            en: format!("Could not create a temporary folder: {e}"),
        })?;
        Ok(PictureCopier { tmp })
    }

    /// `Ok(Ok(file))`: the photo's file name in the draft; `Ok(Err(e))`:
    /// the photo checks refused it; `Err`: the temporary file could not be
    /// written.
    pub(crate) fn copy_in(
        &self,
        dir: &Path,
        picture: &rich::Picture,
    ) -> Result<std::result::Result<String, Error>> {
        let safe: String = picture
            .name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .collect();
        let src = self
            .tmp
            .path()
            .join(if safe.is_empty() { "anh".into() } else { safe });
        fsio::atomic_write(&src, &picture.bytes)?;
        Ok(crate::draft::copy_photo_in(dir, &src))
    }
}
