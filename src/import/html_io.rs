//! The edges of the HTML front end ([`super::html`]): Windows' CF_HTML
//! clipboard framing, a saved page's bytes and its import as a draft, and
//! the bytes of a picture (`data:` URLs, files beside the page).

use std::io::Read;
use std::path::Path;

use base64::Engine;

use super::ImportNotice;
use super::html::{MAX_FILE, MAX_PICTURE, Options, read};
use super::rich;
use crate::draft::{Draft, Store};
use crate::error::{Error, Result};
use crate::fsio;

/// The HTML inside a Windows "HTML Format" (CF_HTML) clipboard text: a
/// header of `Version:`, `StartHTML:`/`EndHTML:` and
/// `StartFragment:`/`EndFragment:` byte offsets, then the HTML. Text
/// without that header is returned as it is; offsets that do not fit are
/// ignored (the header is cut off instead).
pub fn strip_cf_html(s: &str) -> &str {
    if !s.starts_with("Version:") {
        return s;
    }
    let header_end = s.find('<').unwrap_or(s.len());
    let header = &s[..header_end];
    let offset = |key: &str| -> Option<usize> {
        let at = header.find(key)? + key.len();
        let digits: String = header[at..]
            .chars()
            .skip_while(|c| *c == ' ')
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let fits = |a: Option<usize>, b: Option<usize>| match (a, b) {
        (Some(a), Some(b)) if a >= header_end && a < b && b <= s.len() && s.is_char_boundary(a) => {
            s.is_char_boundary(b).then(|| &s[a..b])
        }
        _ => None,
    };
    fits(offset("StartHTML:"), offset("EndHTML:"))
        .or_else(|| fits(offset("StartFragment:"), offset("EndFragment:")))
        .unwrap_or(&s[header_end..])
}

/// The text of a saved page: UTF-8 (with or without BOM) or UTF-16 with
/// its BOM (Word's "Unicode" web page); anything else is read as UTF-8 with
/// the bytes that are not replaced.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(b) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(b).into_owned();
    }
    let utf16 = |b: &[u8], le: bool| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(b, true);
    }
    if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(b, false);
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports a saved page (Word's "Save as Web Page", a browser's saved page,
/// an HTML e-mail) as a new draft, with the field rules of a .docx import;
/// pictures from the files beside it. Nothing is left behind on an error.
pub fn import_file(store: &Store, path: &Path) -> Result<(Draft, Vec<ImportNotice>)> {
    let size = std::fs::metadata(path)
        .map_err(Error::at(crate::error::Action::Read, path))?
        .len();
    if size > MAX_FILE {
        return Err(Error::Invalid {
            vi: format!(
                "Tệp {} quá lớn ({} MB) để là một trang web; hãy mở bằng trình duyệt rồi sao chép phần bài viết.",
                path.display(),
                size >> 20
            ),
            en: format!(
                "{} is too large ({} MB) for a web page; open it in a browser and copy the article.",
                path.display(),
                size >> 20
            ),
        });
    }
    let text = decode(&fsio::read(path)?);
    let opts = Options {
        base: path.parent().map(Path::to_path_buf),
        read_files: true,
    };
    let mapped = rich::to_article(read(&text, &opts));
    let mut draft = store.create(mapped.article.clone())?;
    match super::docx::add_photos(&mut draft, mapped) {
        Ok(notices) => Ok((draft, notices)),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&draft.dir);
            Err(e)
        }
    }
}

/// A regular file's bytes, when at most [`MAX_PICTURE`].
pub(super) fn read_capped(p: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(p).ok()?;
    if !meta.is_file() || meta.len() > MAX_PICTURE {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(p)
        .ok()?
        .take(MAX_PICTURE)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// The bytes of a `data:` URL (base64 or percent-encoded).
pub(super) fn data_uri(src: &str) -> Option<Vec<u8>> {
    let (head, data) = src.split_once(',')?;
    if data.len() as u64 > MAX_PICTURE * 4 / 3 + 4 {
        return None;
    }
    if head.to_ascii_lowercase().ends_with(";base64") {
        let clean: Vec<u8> = data.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        let clean = percent_decode(&clean);
        base64::engine::general_purpose::STANDARD
            .decode(&clean)
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(&clean))
            .ok()
    } else {
        Some(percent_decode(data.as_bytes()))
    }
}

/// `%41` → `A`; a `%` not followed by two hex digits stays as it is.
pub(super) fn percent_decode(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%'
            && let (Some(h), Some(l)) = (
                s.get(i + 1).copied().and_then(hex),
                s.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    out
}
