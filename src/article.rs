//! The article a reporter writes, and the photo markers that place photos in
//! its body.
//!
//! A photo sits in the body as a line of its own holding only `[[Ảnh 3]]`
//! (3 is the photo's number in this draft, never reused). The marker is plain
//! Vietnamese text, so it travels with the paragraphs around it when text is
//! edited, and square double brackets never occur in news prose.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::text;

/// Schema version written into every `article.ron`.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    pub version: u32,
    pub title: String,
    /// The bold lead under the title (sa-pô).
    pub sapo: String,
    /// Markdown, with photo markers on lines of their own.
    pub body: String,
    pub photos: Vec<Photo>,
    /// The photo portals show in article lists (ảnh đại diện).
    pub cover: Option<u32>,
    pub byline: String,
    pub place: String,
    pub date: Option<NaiveDate>,
    pub category: String,
    pub tags: Vec<String>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Article {
    /// Parses `article.ron` bytes (no normalisation, no backup fallback).
    pub fn from_ron(bytes: &[u8]) -> std::result::Result<Article, String> {
        let s = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        ron::from_str::<Article>(s).map_err(|e| e.to_string())
    }
}

impl Default for Article {
    fn default() -> Self {
        let now = Utc::now();
        Article {
            version: SCHEMA_VERSION,
            title: String::new(),
            sapo: String::new(),
            body: String::new(),
            photos: Vec::new(),
            cover: None,
            byline: String::new(),
            place: String::new(),
            date: None,
            category: String::new(),
            tags: Vec::new(),
            created: now,
            updated: now,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Photo {
    /// Number used by the body marker; unique within the draft.
    pub id: u32,
    /// File name inside the draft's `photos/` folder (ASCII, no folders).
    pub file: String,
    pub caption: String,
    /// Who took it: shown as "Ảnh: credit".
    pub credit: String,
    /// Description for readers who cannot see the photo.
    pub alt: String,
}

/// Which way "move up/down" moves a photo's marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// The marker line for photo `id`.
pub fn marker(id: u32) -> String {
    format!("[[Ảnh {id}]]")
}

/// The photo number if `line` is a marker line (spaces around it allowed;
/// "Ảnh", "ảnh", "Anh" and "anh" all accepted, so a marker typed without
/// diacritics still works).
pub fn parse_marker(line: &str) -> Option<u32> {
    let inner = line.trim().strip_prefix("[[")?.strip_suffix("]]")?.trim();
    let normalised = text::nfc(inner);
    let rest = ["Ảnh", "ảnh", "Anh", "anh", "ẢNH", "ANH"]
        .iter()
        .find_map(|w| normalised.strip_prefix(w))?;
    let digits = rest.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 9 {
        return None;
    }
    digits.parse().ok()
}

/// A piece of the body: text (one or more paragraphs) or a photo marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Photo(u32),
}

/// Splits the body at marker lines. Text segments keep their inner blank
/// lines; leading and trailing blank lines are trimmed off.
pub fn segments(body: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        if let Some(id) = parse_marker(line) {
            push_text(&mut out, &body[start..pos]);
            out.push(Segment::Photo(id));
            start = pos + line.len();
        }
        pos += line.len();
    }
    push_text(&mut out, &body[start..]);
    out
}

fn push_text<'a>(out: &mut Vec<Segment<'a>>, s: &'a str) {
    let t = s.trim_matches(|c| c == '\n' || c == '\r');
    if !t.trim().is_empty() {
        out.push(Segment::Text(t));
    }
}

/// The body's blocks as "move up/down" sees them: paragraphs (separated by
/// blank lines) and marker lines.
fn blocks(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for seg in segments(body) {
        match seg {
            Segment::Photo(id) => out.push(marker(id)),
            Segment::Text(t) => {
                let mut cur = String::new();
                for line in t.lines() {
                    if line.trim().is_empty() {
                        if !cur.is_empty() {
                            out.push(std::mem::take(&mut cur));
                        }
                    } else {
                        if !cur.is_empty() {
                            cur.push('\n');
                        }
                        cur.push_str(line);
                    }
                }
                if !cur.is_empty() {
                    out.push(cur);
                }
            }
        }
    }
    out
}

impl Article {
    /// Equal for the reporter: every field but the save times.
    pub fn same_text(&self, other: &Article) -> bool {
        let mut other = other.clone();
        other.updated = self.updated;
        other.created = self.created;
        *self == other
    }

    pub fn new() -> Article {
        Article::default()
    }

    pub fn photo(&self, id: u32) -> Option<&Photo> {
        self.photos.iter().find(|p| p.id == id)
    }

    pub fn photo_mut(&mut self, id: u32) -> Option<&mut Photo> {
        self.photos.iter_mut().find(|p| p.id == id)
    }

    /// The number the next added photo gets (never reuses a number, even of a
    /// removed photo still named by a marker).
    pub fn next_photo_id(&self) -> u32 {
        let in_body = segments(&self.body).into_iter().filter_map(|s| match s {
            Segment::Photo(id) => Some(id),
            Segment::Text(_) => None,
        });
        self.photos
            .iter()
            .map(|p| p.id)
            .chain(in_body)
            .max()
            .map_or(1, |m| m + 1)
    }

    /// Photo numbers in the order their markers appear in the body.
    pub fn placed_ids(&self) -> Vec<u32> {
        segments(&self.body)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Photo(id) => Some(id),
                Segment::Text(_) => None,
            })
            .collect()
    }

    pub fn is_placed(&self, id: u32) -> bool {
        self.placed_ids().contains(&id)
    }

    /// The cover photo, if one is marked and still in the draft.
    pub fn cover_photo(&self) -> Option<&Photo> {
        self.cover.and_then(|id| self.photo(id))
    }

    /// Body words, markers not counted.
    pub fn body_words(&self) -> usize {
        segments(&self.body)
            .into_iter()
            .map(|s| match s {
                Segment::Text(t) => text::word_count(t),
                Segment::Photo(_) => 0,
            })
            .sum()
    }

    /// Places photo `id`'s marker after paragraph `after` (0 = before the first).
    /// A marker already in the body is moved, not doubled.
    pub fn place_photo(&mut self, id: u32, after: usize) {
        let mut b: Vec<String> = blocks(&self.body);
        let m = marker(id);
        b.retain(|x| parse_marker(x) != Some(id));
        let mut paragraphs = 0;
        let mut at = if after == 0 { 0 } else { b.len() };
        for (i, blk) in b.iter().enumerate() {
            if parse_marker(blk).is_none() {
                paragraphs += 1;
                if paragraphs == after {
                    at = i + 1;
                    break;
                }
            }
        }
        b.insert(at, m);
        self.body = b.join("\n\n");
    }

    /// Moves photo `id`'s marker one paragraph up or down. Returns false when
    /// it is not placed or already at that end.
    pub fn move_photo(&mut self, id: u32, dir: Direction) -> bool {
        let mut b = blocks(&self.body);
        let Some(i) = b.iter().position(|x| parse_marker(x) == Some(id)) else {
            return false;
        };
        let j = match dir {
            Direction::Up if i > 0 => i - 1,
            Direction::Down if i + 1 < b.len() => i + 1,
            _ => return false,
        };
        b.swap(i, j);
        self.body = b.join("\n\n");
        true
    }

    /// Removes photo `id` from the draft and its marker from the body.
    pub fn remove_photo(&mut self, id: u32) {
        self.photos.retain(|p| p.id != id);
        if self.cover == Some(id) {
            self.cover = None;
        }
        if self.is_placed(id) {
            let b: Vec<String> = blocks(&self.body)
                .into_iter()
                .filter(|x| parse_marker(x) != Some(id))
                .collect();
            self.body = b.join("\n\n");
        }
    }

    /// Inserts photo `id`'s marker as its own line at byte offset `at` of the
    /// body (the editor's cursor), splitting a line there if needed.
    pub fn insert_marker_at(&mut self, id: u32, at: usize) {
        let mut at = at.min(self.body.len());
        while !self.body.is_char_boundary(at) {
            at -= 1;
        }
        // Keep paragraphs whole: go to the end of the line the cursor is in.
        let line_end = self.body[at..]
            .find('\n')
            .map_or(self.body.len(), |n| at + n);
        let (before, after) = self.body.split_at(line_end);
        let before = before.trim_end_matches('\n');
        let after = after.trim_start_matches('\n');
        let mut body = String::new();
        body.push_str(before);
        if !before.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&marker(id));
        if !after.is_empty() {
            body.push_str("\n\n");
            body.push_str(after);
        }
        self.body = body;
    }

    /// Normalises every text field to NFC; returns true when something changed.
    pub fn normalize(&mut self) -> bool {
        let mut changed = false;
        self.each_text_mut(|s| changed |= text::nfc_in_place(s));
        changed
    }

    /// Calls `f` on every piece of the reporter's text: fields, tags, and
    /// each photo's caption, credit and alt text.
    pub fn each_text_mut(&mut self, mut f: impl FnMut(&mut String)) {
        for s in [
            &mut self.title,
            &mut self.sapo,
            &mut self.body,
            &mut self.byline,
            &mut self.place,
            &mut self.category,
        ] {
            f(s);
        }
        self.tags.iter_mut().for_each(&mut f);
        for p in &mut self.photos {
            for s in [&mut p.caption, &mut p.credit, &mut p.alt] {
                f(s);
            }
        }
    }

    /// All the reporter's text, for whole-article checks.
    pub fn all_text(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![
            ("title", self.title.as_str()),
            ("sapo", self.sapo.as_str()),
            ("body", self.body.as_str()),
            ("byline", self.byline.as_str()),
            ("place", self.place.as_str()),
            ("category", self.category.as_str()),
        ];
        for t in &self.tags {
            v.push(("tags", t));
        }
        for p in &self.photos {
            v.push(("caption", &p.caption));
            v.push(("credit", &p.credit));
            v.push(("alt", &p.alt));
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_parse_in_any_spelling() {
        assert_eq!(parse_marker("[[Ảnh 3]]"), Some(3));
        assert_eq!(parse_marker("  [[anh 12]] "), Some(12));
        assert_eq!(parse_marker("[[Ảnh]]"), None);
        assert_eq!(parse_marker("Xem [[Ảnh 3]]"), None);
        assert_eq!(parse_marker("[[Ảnh 3a]]"), None);
    }
}
