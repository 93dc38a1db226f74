//! Reading a Word `.docx` into a [`RichDoc`], and importing it as a draft.
//!
//! The package is opened with the `zip` crate and every XML part is read as
//! a stream (quick-xml), never as a tree. Before anything is inflated the
//! central directory is checked: at most [`MAX_ENTRIES`] entries, declared
//! sizes at most [`MAX_TOTAL`] together and [`MAX_XML`] for an XML part; the
//! reads themselves are capped too, so a zip that lies about its sizes stops
//! at the cap. A DOCTYPE (entity expansion) is refused. Old binary `.doc`,
//! encrypted `.docx` (both OLE files), `.odt`, files that are no zip and
//! damaged zips each get their own one-line message saying what to do.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use super::ImportNotice;
use super::docx_body::{self, Ctx};
use super::docx_parts::{self, Numbering, Styles};
use super::rich::{self, Block, Note, RichDoc, Skip};
use crate::article::marker;
use crate::draft::{Draft, Store};
use crate::error::{Error, Result};
use crate::fsio;
use crate::lang::Lang;

/// At most this many entries in the zip.
pub const MAX_ENTRIES: usize = 5_000;
/// The declared sizes of all entries together (inflated) at most this.
pub const MAX_TOTAL: u64 = 400 << 20;
/// An XML part (document.xml …) at most this many bytes inflated.
pub const MAX_XML: u64 = 48 << 20;
/// One picture at most this many bytes.
pub const MAX_PICTURE: u64 = 64 << 20;
/// Pictures read together at most this many bytes.
pub const MAX_PICTURES: u64 = 160 << 20;
/// The .docx file itself at most this many bytes.
pub const MAX_FILE: u64 = 200 << 20;

/// Why a file is not a .docx we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An old binary Word file (OLE).
    OldDoc,
    /// An encrypted (password-protected) .docx: an OLE file too.
    Encrypted,
    /// An OpenDocument text file.
    Odt,
    /// Not a zip at all.
    NotZip,
    /// A zip, but not a Word document.
    NotWord,
    /// Truncated or otherwise damaged.
    Damaged(String),
    /// Inflates to far more than any document (a zip bomb), or too many entries.
    Bomb,
    /// XML with a DOCTYPE (entity expansion).
    Entities,
    /// A part over the size limit.
    TooLarge,
}

impl Problem {
    pub fn message(&self, lang: Lang, file: &str) -> String {
        let (vi, en) = match self {
            Problem::OldDoc => (
                format!(
                    "Tệp {file} là tệp .doc kiểu cũ: mở bằng Word và lưu lại thành .docx (Tệp > Lưu thành > Tài liệu Word), rồi nhập lại."
                ),
                format!(
                    "{file} is an old binary .doc: open it in Word and save it as .docx (File > Save As > Word Document), then import again."
                ),
            ),
            Problem::Encrypted => (
                format!(
                    "Tệp {file} có đặt mật khẩu: mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu) và lưu lại, rồi nhập lại."
                ),
                format!(
                    "{file} is password-protected: open it in Word, remove the password (File > Info > Protect Document), save, and import again."
                ),
            ),
            Problem::Odt => (
                format!(
                    "Tệp {file} là tệp .odt (LibreOffice): mở bằng LibreOffice và lưu lại thành Word (.docx), rồi nhập lại."
                ),
                format!(
                    "{file} is an .odt (LibreOffice) file: open it in LibreOffice and save it as Word (.docx), then import again."
                ),
            ),
            Problem::NotZip => (
                format!(
                    "Tệp {file} không phải tệp Word .docx (có thể chỉ bị đặt tên .docx). Hãy mở bằng Word và lưu lại thành .docx."
                ),
                format!(
                    "{file} is not a Word .docx file (it may only be named .docx). Open it in Word and save it as .docx."
                ),
            ),
            Problem::NotWord => (
                format!(
                    "Tệp {file} là tệp nén nhưng không chứa văn bản Word. Hãy chọn đúng tệp .docx."
                ),
                format!("{file} is a zip but holds no Word document. Choose the right .docx file."),
            ),
            Problem::Damaged(detail) => (
                format!(
                    "Tệp {file} bị hỏng hoặc bị cắt cụt. Hãy chép lại tệp từ nơi gửi, hoặc mở bằng Word để sửa rồi lưu lại."
                ),
                format!(
                    "{file} is damaged or cut short ({detail}). Copy it again from the sender, or let Word repair it and save it again."
                ),
            ),
            Problem::Bomb => (
                format!(
                    "Tệp {file} giải nén ra quá lớn hoặc quá nhiều phần (có thể là tệp độc hại) nên không được mở. Hãy hỏi lại người gửi."
                ),
                format!(
                    "{file} inflates to far too much data or too many parts (possibly malicious), so it was not opened. Ask the sender."
                ),
            ),
            Problem::Entities => (
                format!(
                    "Tệp {file} chứa khai báo XML không được phép (DOCTYPE, có thể là tệp độc hại) nên không được mở. Hãy mở bằng Word và lưu lại."
                ),
                format!(
                    "{file} holds a forbidden XML declaration (DOCTYPE, possibly malicious), so it was not opened. Open it in Word and save it again."
                ),
            ),
            Problem::TooLarge => (
                format!(
                    "Tệp {file} có phần văn bản quá lớn (trên 48 MB). Hãy chia văn bản thành nhiều tệp nhỏ hơn."
                ),
                format!(
                    "{file} has a text part over the limit (48 MB). Split the document into smaller files."
                ),
            ),
        };
        lang.pick(vi, en)
    }
}

pub(crate) fn xml_error(e: quick_xml::Error) -> Problem {
    if let quick_xml::Error::Io(io) = &e
        && io.kind() == io::ErrorKind::FileTooLarge
    {
        return Problem::TooLarge;
    }
    Problem::Damaged(e.to_string())
}

/// A reader that fails once more than `left` bytes come out of it.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self
            .left
            .checked_sub(n as u64)
            .ok_or_else(|| io::Error::new(io::ErrorKind::FileTooLarge, "part too large"))?;
        Ok(n)
    }
}

const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The encrypted-package stream name of an OLE file, as UTF-16LE.
fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn zip_problem(e: zip::result::ZipError) -> Problem {
    Problem::Damaged(e.to_string())
}

/// Opens the package after the checks that need no inflating.
fn open(bytes: &[u8]) -> Result<Zip<'_>, Problem> {
    if bytes.starts_with(OLE) {
        return Err(if is_encrypted_ole(bytes) {
            Problem::Encrypted
        } else {
            Problem::OldDoc
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(if bytes.starts_with(b"PK\x05\x06") {
            Problem::NotWord
        } else {
            Problem::NotZip
        });
    }
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_problem)?;
    if z.len() > MAX_ENTRIES {
        return Err(Problem::Bomb);
    }
    let mut total: u64 = 0;
    for i in 0..z.len() {
        let f = z.by_index_raw(i).map_err(zip_problem)?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_TOTAL {
        return Err(Problem::Bomb);
    }
    Ok(z)
}

/// Finds a part by name, ignoring case (part names are case-insensitive).
fn find(z: &Zip, name: &str) -> Option<String> {
    if z.index_for_name(name).is_some() {
        return Some(name.to_owned());
    }
    z.file_names()
        .find(|n| n.eq_ignore_ascii_case(name))
        .map(str::to_owned)
}

/// Runs `f` over part `name` as a buffered stream, without a BOM, capped.
fn with_part<T>(
    z: &mut Zip,
    name: &str,
    f: impl FnOnce(&mut dyn BufRead) -> Result<T, Problem>,
) -> Result<Option<T>, Problem> {
    let Some(real) = find(z, name) else {
        return Ok(None);
    };
    let file = z.by_name(&real).map_err(zip_problem)?;
    if file.size() > MAX_XML {
        return Err(Problem::TooLarge);
    }
    let mut r = BufReader::with_capacity(
        64 << 10,
        Capped {
            inner: file,
            left: MAX_XML,
        },
    );
    let head = r.fill_buf().map_err(|e| Problem::Damaged(e.to_string()))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        r.consume(3);
    }
    f(&mut r).map(Some)
}

fn read_bytes(z: &mut Zip, name: &str, cap: u64) -> Result<Option<Vec<u8>>, Problem> {
    let Some(real) = find(z, name) else {
        return Ok(None);
    };
    let file = z.by_name(&real).map_err(zip_problem)?;
    if file.size() > cap {
        return Err(Problem::Bomb);
    }
    let mut v = Vec::with_capacity(file.size() as usize);
    Capped {
        inner: file,
        left: cap,
    }
    .read_to_end(&mut v)
    .map_err(|e| match e.kind() {
        io::ErrorKind::FileTooLarge => Problem::Bomb,
        _ => Problem::Damaged(e.to_string()),
    })?;
    Ok(Some(v))
}

/// Reads a .docx held in memory.
pub fn read(bytes: &[u8]) -> Result<RichDoc, Problem> {
    let mut z = open(bytes)?;
    if find(&z, "mimetype").is_some() && find(&z, "[Content_Types].xml").is_none() {
        let m = read_bytes(&mut z, "mimetype", 200)?.unwrap_or_default();
        if m.starts_with(b"application/vnd.oasis.opendocument") {
            return Err(Problem::Odt);
        }
    }
    let root = with_part(&mut z, "_rels/.rels", |r| docx_parts::read_rels(r, ""))?;
    let main = root
        .unwrap_or_default()
        .into_values()
        .find(|r| r.kind == "officeDocument" && !r.external)
        .map(|r| r.target)
        .unwrap_or_else(|| "word/document.xml".to_owned());
    if find(&z, &main).is_none() {
        return Err(Problem::NotWord);
    }
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let base = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let rels_name = format!("{base}_rels/{file}.rels");
    let rels =
        with_part(&mut z, &rels_name, |r| docx_parts::read_rels(r, &base))?.unwrap_or_default();
    let part_of = |kind: &str| {
        rels.values()
            .find(|r| r.kind == kind && !r.external)
            .map(|r| r.target.clone())
    };
    let styles = match part_of("styles") {
        Some(p) => with_part(&mut z, &p, |r| docx_parts::read_styles(r))?.unwrap_or_default(),
        None => Styles::default(),
    };
    let numbering = match part_of("numbering") {
        Some(p) => with_part(&mut z, &p, |r| docx_parts::read_numbering(r))?.unwrap_or_default(),
        None => Numbering::default(),
    };
    let ctx = Ctx {
        styles: &styles,
        numbering: &numbering,
        rels: &rels,
    };
    let body =
        with_part(&mut z, &main, |r| docx_body::parse(r, &ctx, false))?.ok_or(Problem::NotWord)?;
    let mut doc = RichDoc {
        blocks: body.blocks,
        ..RichDoc::default()
    };
    let mut skipped = body.skipped;
    // Footnotes and endnotes, in the order their references appear.
    if !body.note_refs.is_empty() {
        let mut parts = [None, None];
        for (i, kind) in ["footnotes", "endnotes"].iter().enumerate() {
            if body.note_refs.iter().any(|(end, _)| *end == (i == 1))
                && let Some(p) = part_of(kind)
            {
                let note_rels_name = match p.rsplit_once('/') {
                    Some((d, f)) => format!("{d}/_rels/{f}.rels"),
                    None => format!("_rels/{p}.rels"),
                };
                let note_rels =
                    with_part(&mut z, &note_rels_name, |r| docx_parts::read_rels(r, &base))?
                        .unwrap_or_default();
                let nctx = Ctx {
                    styles: &styles,
                    numbering: &numbering,
                    rels: &note_rels,
                };
                parts[i] = with_part(&mut z, &p, |r| docx_body::parse(r, &nctx, true))?;
            }
        }
        for (end, id) in &body.note_refs {
            let text = parts[usize::from(*end)]
                .as_mut()
                .and_then(|p| p.notes.remove(id))
                .unwrap_or_default();
            doc.notes.push(text);
        }
    }
    // The pictures' bytes.
    let mut total = 0u64;
    let mut other = 0;
    let mut kept = Vec::with_capacity(doc.blocks.len());
    for b in std::mem::take(&mut doc.blocks) {
        let Block::Picture(mut pic) = b else {
            kept.push(b);
            continue;
        };
        let Some(bytes) = read_bytes(&mut z, &pic.name, MAX_PICTURE)? else {
            other += 1;
            continue;
        };
        total += bytes.len() as u64;
        if total > MAX_PICTURES {
            return Err(Problem::Bomb);
        }
        match crate::photo::probe_bytes(&bytes) {
            Ok(info) => {
                pic.format = Some(info.format);
                pic.name = pic.name.rsplit('/').next().unwrap_or("anh").to_owned();
                pic.bytes = bytes;
                kept.push(Block::Picture(pic));
            }
            Err(_) => other += 1,
        }
    }
    doc.blocks = kept;
    if other > 0 {
        skipped.push((Skip::OtherPicture, other));
    }
    doc.report = skipped
        .into_iter()
        .map(|(what, count)| Note::Skipped { what, count })
        .collect();
    Ok(doc)
}

/// Imports the .docx at `path` as a new draft: every field in place, the
/// pictures copied in as photos. Nothing is left behind on an error.
pub fn import_file(store: &Store, path: &Path) -> Result<(Draft, Vec<ImportNotice>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = std::fs::metadata(path)
        .map_err(crate::error::Error::at(crate::error::Action::Read, path))?
        .len();
    if size > MAX_FILE {
        return Err(Error::Docx {
            file: name,
            problem: Problem::Bomb,
        });
    }
    let bytes = fsio::read(path)?;
    let doc = read(&bytes).map_err(|problem| Error::Docx {
        file: name.clone(),
        problem,
    })?;
    drop(bytes);
    let mapped = rich::to_article(doc);
    let mut draft = store.create(mapped.article.clone())?;
    match add_photos(&mut draft, mapped) {
        Ok(notices) => Ok((draft, notices)),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&draft.dir);
            Err(e)
        }
    }
}

pub(crate) fn add_photos(draft: &mut Draft, mapped: rich::Mapped) -> Result<Vec<ImportNotice>> {
    let mut report = mapped.report;
    let copier = super::PictureCopier::new()?;
    let mut added = 0;
    for np in mapped.photos {
        match copier.copy_in(&draft.dir, &np.picture)? {
            Ok(file) => {
                if let Some(p) = draft.article.photo_mut(np.photo.id) {
                    p.file = file;
                }
                added += 1;
            }
            Err(e) => {
                // The marker goes with the photo that could not be added.
                let id = np.photo.id;
                draft.article.remove_photo(id);
                debug_assert!(!draft.article.body.contains(&marker(id)));
                report.push(Note::PhotoRejected(e));
            }
        }
    }
    if added > 0 {
        report.push(Note::Photos(added));
    }
    draft.save()?;
    Ok(report.into_iter().map(ImportNotice::Rich).collect())
}
