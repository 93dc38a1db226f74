//! What a photo says about itself: a description, a title and who took it,
//! read from EXIF (IFD0 only), IPTC (IIM in Photoshop's APP13) and XMP (Dublin
//! Core). Only these fields are read; location (the GPS IFD, IPTC city or
//! country, XMP exif:GPS…) is never looked at, so it cannot end up in a caption.
//!
//! A small reader of our own rather than a crate: the EXIF we need is four tags
//! of IFD0 (never following the GPS or Exif sub-IFD pointers), and no EXIF crate
//! reads IPTC or XMP, which still need code here. Every read is bounds-checked,
//! and a fuzz target (`photo_meta`) runs it on arbitrary bytes.

use std::path::Path;

use super::PhotoError;
use crate::text;

/// Text that cameras and phones write into description fields by themselves,
/// which is never a caption (compared without case, after trimming). Names
/// starting with "DCIM" (a camera's folder) are boilerplate too.
pub const CAMERA_BOILERPLATE: &[&str] = &[
    "SAMSUNG CAMERA PICTURES",
    "OLYMPUS DIGITAL CAMERA",
    "SONY DSC",
    "KONICA MINOLTA DIGITAL CAMERA",
    "MINOLTA DIGITAL CAMERA",
    "EXIF_JPEG_PICTURE",
    "DIGITAL CAMERA",
    "LG Electronics",
    "Picture",
    "Image",
    "Photo",
    "default",
    "untitled",
];

/// True for text that is no caption or credit: empty, blank, punctuation only,
/// or camera boilerplate (`CAMERA_BOILERPLATE`, "DCIM…").
pub fn is_boilerplate(s: &str) -> bool {
    let t = s.trim();
    t.chars().all(|c| !c.is_alphanumeric())
        || t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("DCIM"))
        || CAMERA_BOILERPLATE.iter().any(|b| b.eq_ignore_ascii_case(t))
}

/// The photo's own text, cleaned (NFC, one line), boilerplate left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoMeta {
    /// What the photo shows: XMP dc:description, IPTC caption, EXIF
    /// ImageDescription or XPComment (the first one present).
    pub description: Option<String>,
    /// A short title: XMP dc:title, IPTC headline or object name, EXIF XPTitle.
    pub title: Option<String>,
    /// Who took it: XMP dc:creator, IPTC by-line, EXIF Artist or XPAuthor.
    pub creator: Option<String>,
}

/// Candidates per field, best source first.
#[derive(Default)]
struct Found {
    description: Vec<String>,
    title: Vec<String>,
    creator: Vec<String>,
}

impl Found {
    fn finish(self) -> PhotoMeta {
        let first = |v: Vec<String>| {
            v.into_iter()
                .map(|s| clean(&s))
                .find(|s| !is_boilerplate(s))
        };
        PhotoMeta {
            description: first(self.description),
            title: first(self.title),
            creator: first(self.creator),
        }
    }
}

/// One line of NFC text, at most 1,000 characters. Normalised again at the
/// end: dropping a control character that stood between combining marks can
/// leave them out of canonical order (found by the fuzzer).
fn clean(s: &str) -> String {
    let line = text::clean_line(s);
    let cut = match line.char_indices().nth(1000) {
        Some((i, _)) => line[..i].trim_end(),
        None => &line,
    };
    text::nfc(cut)
}

/// Reads the metadata of the photo file at `path` (its header only matters).
pub fn read_meta_file(path: &Path) -> Result<PhotoMeta, PhotoError> {
    let data = std::fs::read(path).map_err(|e| PhotoError::Io(e.to_string()))?;
    Ok(read_meta(&data))
}

/// Reads the metadata of a photo in memory. Anything unreadable is skipped:
/// metadata is a convenience, never a reason to refuse a photo.
pub fn read_meta(data: &[u8]) -> PhotoMeta {
    let (mut exif, mut xmp, mut iptc) = (None, None, None);
    if data.starts_with(&[0xFF, 0xD8]) {
        for (marker, seg) in jpeg_segments(data) {
            match marker {
                0xE1 if seg.starts_with(b"Exif\0\0") => {
                    exif.get_or_insert(&seg[6..]);
                }
                0xE1 if seg.starts_with(XMP_ID) => {
                    xmp.get_or_insert(&seg[XMP_ID.len()..]);
                }
                0xED if seg.starts_with(b"Photoshop 3.0\0") => {
                    iptc = iptc.or_else(|| photoshop_iptc(&seg[14..]));
                }
                _ => {}
            }
        }
    } else if let Ok(format) = super::sniff::sniff(data)
        && let Ok(mut dec) = super::decode::open_decoder(data, format)
    {
        use image::ImageDecoder;
        let owned_exif = dec.exif_metadata().ok().flatten();
        let owned_xmp = dec.xmp_metadata().ok().flatten();
        let owned_iptc = dec.iptc_metadata().ok().flatten();
        let mut found = Found::default();
        collect(
            &mut found,
            owned_exif
                .as_deref()
                .map(|e| e.strip_prefix(b"Exif\0\0").unwrap_or(e)),
            owned_xmp.as_deref(),
            owned_iptc.as_deref(),
        );
        return found.finish();
    }
    let mut found = Found::default();
    collect(&mut found, exif, xmp, iptc);
    found.finish()
}

const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

fn collect(found: &mut Found, exif: Option<&[u8]>, xmp: Option<&[u8]>, iptc: Option<&[u8]>) {
    // XMP is always Unicode and the newest, so it goes first; then IPTC, then EXIF.
    if let Some(x) = xmp {
        let x = String::from_utf8_lossy(x);
        found.description.extend(xmp_field(&x, "dc:description"));
        found.title.extend(xmp_field(&x, "dc:title"));
        found.creator.extend(xmp_field(&x, "dc:creator"));
    }
    if let Some(i) = iptc {
        read_iim(i, found);
    }
    if let Some(e) = exif {
        read_ifd0(e, found);
    }
}

/// The segments of a JPEG before its first scan: (marker, payload).
fn jpeg_segments(data: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut pos = 2;
    std::iter::from_fn(move || {
        loop {
            while data.get(pos) == Some(&0xFF) {
                pos += 1;
            }
            let marker = *data.get(pos)?;
            pos += 1;
            if matches!(marker, 0x01 | 0xD0..=0xD8) {
                continue;
            }
            if matches!(marker, 0xD9 | 0xDA) || data.get(pos - 2) != Some(&0xFF) {
                return None; // the scan starts (or the stream is not what it says)
            }
            let b = data.get(pos..pos + 2)?;
            let len = usize::from(u16::from_be_bytes([b[0], b[1]]));
            let seg = data.get(pos + 2..pos + len.max(2))?;
            pos += len.max(2);
            return Some((marker, seg));
        }
    })
}

/// The IPTC-NAA record (resource 0x0404) among Photoshop's image resources.
fn photoshop_iptc(mut r: &[u8]) -> Option<&[u8]> {
    while r.len() >= 12 && r.starts_with(b"8BIM") {
        let id = u16::from_be_bytes([r[4], r[5]]);
        // A Pascal string name, padded to an even length.
        let name_len = usize::from(r[6]);
        let after_name = 6 + ((name_len + 2) & !1);
        let size_bytes = r.get(after_name..after_name + 4)?;
        let size = u32::from_be_bytes(size_bytes.try_into().ok()?) as usize;
        let start = after_name + 4;
        let data = r.get(start..start.checked_add(size)?)?;
        if id == 0x0404 {
            return Some(data);
        }
        r = r.get(start + ((size + 1) & !1)..)?;
    }
    None
}

/// IPTC IIM datasets: 1:90 (coded character set), 2:05 object name, 2:80
/// by-line, 2:105 headline, 2:120 caption. Text is UTF-8 when 1:90 says so
/// (ESC % G); otherwise UTF-8 if it is valid UTF-8, else ISO 8859-1.
fn read_iim(mut d: &[u8], found: &mut Found) {
    let mut utf8 = false;
    let (mut caption, mut byline, mut headline, mut name) = (None, None, None, None);
    while d.len() >= 5 && d[0] == 0x1C {
        let (record, dataset) = (d[1], d[2]);
        let len = usize::from(u16::from_be_bytes([d[3], d[4]]));
        if len & 0x8000 != 0 {
            break; // extended lengths are for binary data, never for text fields
        }
        let Some(value) = d.get(5..5 + len) else {
            break;
        };
        match (record, dataset) {
            (1, 90) => utf8 = value.windows(3).any(|w| w == b"\x1b%G"),
            (2, 120) => caption = caption.or(Some(value)),
            (2, 80) => byline = byline.or(Some(value)),
            (2, 105) => headline = headline.or(Some(value)),
            (2, 5) => name = name.or(Some(value)),
            _ => {}
        }
        d = &d[5 + len..];
    }
    let decode = |v: &[u8]| match std::str::from_utf8(v) {
        Ok(s) => s.to_owned(),
        Err(_) if utf8 => String::from_utf8_lossy(v).into_owned(),
        Err(_) => latin1(v),
    };
    found.description.extend(caption.map(decode));
    found.creator.extend(byline.map(decode));
    found.title.extend(headline.map(decode));
    found.title.extend(name.map(decode));
}

fn latin1(v: &[u8]) -> String {
    v.iter().map(|&b| char::from(b)).collect()
}

/// IFD0 tags ImageDescription (0x010E), Artist (0x013B), XPTitle (0x9C9B),
/// XPComment (0x9C9C), XPAuthor (0x9C9D). Sub-IFDs (Exif, GPS) are not followed.
fn read_ifd0(t: &[u8], found: &mut Found) {
    let little = match t.get(..4) {
        Some(b"II*\0") => true,
        Some(b"MM\0*") => false,
        _ => return,
    };
    let u16_at = |p: usize| {
        t.get(p..p + 2).map(|b| {
            let b = [b[0], b[1]];
            if little {
                u16::from_le_bytes(b)
            } else {
                u16::from_be_bytes(b)
            }
        })
    };
    let u32_at = |p: usize| {
        t.get(p..p + 4).map(|b| {
            let b = [b[0], b[1], b[2], b[3]];
            if little {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            }
        })
    };
    let Some(ifd) = u32_at(4).map(|o| o as usize) else {
        return;
    };
    let Some(count) = u16_at(ifd) else { return };
    let (mut desc, mut artist, mut xp_title, mut xp_comment, mut xp_author) =
        (None, None, None, None, None);
    for i in 0..usize::from(count) {
        let e = ifd + 2 + i * 12;
        let (Some(tag), Some(kind), Some(n)) = (u16_at(e), u16_at(e + 2), u32_at(e + 4)) else {
            return;
        };
        // Only 1-byte types (BYTE, ASCII, UNDEFINED) hold these tags.
        if !matches!(kind, 1 | 2 | 7) {
            continue;
        }
        let n = n as usize;
        let value = if n <= 4 {
            t.get(e + 8..e + 8 + n)
        } else {
            u32_at(e + 8).and_then(|o| t.get(o as usize..(o as usize).checked_add(n)?))
        };
        let Some(v) = value else { continue };
        match tag {
            0x010E => desc = Some(v),
            0x013B => artist = Some(v),
            0x9C9B => xp_title = Some(v),
            0x9C9C => xp_comment = Some(v),
            0x9C9D => xp_author = Some(v),
            _ => {}
        }
    }
    // ASCII by the standard; phones write UTF-8 there, old software Latin-1.
    let ascii = |v: &[u8]| {
        let v = trim_nul(v);
        std::str::from_utf8(v).map_or_else(|_| latin1(v), str::to_owned)
    };
    // Windows' XP tags: UTF-16LE whatever the file's byte order, NUL-terminated.
    let utf16 = |v: &[u8]| {
        let units: Vec<u16> = v
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        String::from_utf16_lossy(&units)
    };
    found.description.extend(desc.map(ascii));
    found.description.extend(xp_comment.map(utf16));
    found.title.extend(xp_title.map(utf16));
    found.creator.extend(artist.map(ascii));
    found.creator.extend(xp_author.map(utf16));
}

fn trim_nul(v: &[u8]) -> &[u8] {
    let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
    &v[..end]
}

/// The text of an XMP property holding an `rdf:Alt` (the `x-default` item, else
/// the first) or an `rdf:Seq`/`rdf:Bag` (items joined with ", "); also the
/// simple `<dc:x>text</dc:x>` and attribute `dc:x="text"` forms.
fn xmp_field(x: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let Some(start) = x.find(&open) else {
        return xmp_attribute(x, name);
    };
    let rest = &x[start + open.len()..];
    // Not a longer name that starts the same (dc:creatorTool).
    if !rest.starts_with(['>', ' ', '\t', '\r', '\n', '/']) {
        return None;
    }
    let body_start = rest.find('>')? + 1;
    if rest[..body_start].ends_with("/>") {
        return None;
    }
    let close = format!("</{name}>");
    let body = &rest[body_start..body_start + rest[body_start..].find(&close)?];
    let mut items = Vec::new();
    let mut default = None;
    let mut r = body;
    while let Some(i) = r.find("<rdf:li") {
        let after = &r[i + 7..];
        let Some(gt) = after.find('>') else { break };
        let attrs = &after[..gt];
        let Some(end) = after[gt + 1..].find("</rdf:li>") else {
            break;
        };
        let value = unescape(&after[gt + 1..gt + 1 + end]);
        if default.is_none() && attrs.contains("x-default") {
            default = Some(value.clone());
        }
        items.push(value);
        r = &after[gt + 1 + end..];
    }
    if let Some(d) = default {
        return Some(d);
    }
    if body.contains("<rdf:Alt") {
        return items.into_iter().next();
    }
    if items.is_empty() {
        return (!body.contains('<')).then(|| unescape(body));
    }
    Some(items.join(", "))
}

fn xmp_attribute(x: &str, name: &str) -> Option<String> {
    let key = format!("{name}=");
    let at = x.find(&key)? + key.len();
    let quote = x[at..].chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &x[at + 1..];
    Some(unescape(&value[..value.find(quote)?]))
}

/// XML character references and the five named entities.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(semi) = after.find(';').filter(|&n| n <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let ent = &after[..semi];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "meta_tests.rs"]
mod tests;
