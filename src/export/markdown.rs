//! Markdown export, as a page bundle other tools read (Hugo, pandoc,
//! Typora, git hosts): `<slug>/index.md` with the photos beside it.
//!
//! ```text
//! ---
//! title: "…"              every value a double-quoted YAML string or list
//! description: "sapo"     the standard keys: description, author, date,
//! author: "byline"        categories, tags, images (the cover)
//! …
//! place: "…"              Tin Xã's own key, where no standard one exists
//! ---
//!
//! **sapo**                also in the body, for renderers that ignore
//!                         front matter
//! body paragraphs…
//!
//! ![alt](file.jpg)\
//! *caption — Ảnh: credit*
//!
//! **byline**
//! ```
//!
//! `tinxa import` reads this back exactly (sapo and byline once), and the
//! older shape too (`sapo`, `byline`, `category`, `cover` keys, photos in
//! `<slug>-images/`): see [`crate::import::markdown`].

use std::collections::HashMap;

use crate::article::{Article, Segment, segments};
use crate::text;

/// A photo as the Markdown file references it.
#[derive(Debug, Clone)]
pub struct MdPhoto {
    /// Path relative to the .md file, e.g. `slug-images/file.jpg`.
    pub path: String,
}

pub const CREDIT_SEP: &str = " — Ảnh: ";

/// The page bundle's Markdown file.
pub const BUNDLE_INDEX: &str = "index.md";

/// The body paragraph that repeats the sapo or the byline: bold, escaped.
pub fn bold_paragraph(s: &str) -> Option<String> {
    let s = text::nfc(&text::clean_line(s));
    (!s.is_empty()).then(|| format!("**{}**", escape_inline(&s)))
}

/// Backslash-escapes what Markdown would read as markup in a caption or alt.
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '`'
                | '&'
                | '|'
                | '~'
                | '('
                | ')'
                | '!'
                | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Undoes [`escape_inline`] (and any CommonMark backslash escape).
pub fn unescape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\'
            && let Some(&n) = it.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            it.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// A double-quoted YAML (JSON) string. A combining mark right after an
/// ASCII character is written as `\uXXXX`: after an escape such as `\n`
/// it would otherwise compose with the `n` when the file is normalised to
/// NFC on reading, and the value would no longer parse.
pub(crate) fn q(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::with_capacity(json.len());
    let mut prev_ascii = false;
    for c in json.chars() {
        if prev_ascii && unicode_normalization::char::is_combining_mark(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
        // What was written last: an escape ends in an ASCII hex digit.
        prev_ascii = out.chars().next_back().is_some_and(|l| l.is_ascii());
    }
    out
}

/// Writes the article as Markdown. `photos` maps photo ids to their exported
/// path; photos without one (skipped) are left out.
pub fn write(a: &Article, photos: &HashMap<u32, MdPhoto>) -> String {
    let mut out = String::from("---\n");
    let cover = a
        .cover
        .and_then(|id| photos.get(&id))
        .map(|p| p.path.clone())
        .unwrap_or_default();
    let date = a
        .date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let list = |items: &[String]| {
        let items: Vec<String> = items.iter().map(|t| q(&text::nfc(t.trim()))).collect();
        format!("[{}]", items.join(", "))
    };
    out.push_str(&format!("title: {}\n", q(&text::nfc(a.title.trim()))));
    out.push_str(&format!("description: {}\n", q(&text::nfc(a.sapo.trim()))));
    out.push_str(&format!("author: {}\n", q(&text::nfc(a.byline.trim()))));
    if !date.is_empty() {
        out.push_str(&format!("date: {}\n", q(&date)));
    }
    let category: Vec<String> = [a.category.clone()]
        .into_iter()
        .filter(|c| !c.trim().is_empty())
        .collect();
    out.push_str(&format!("categories: {}\n", list(&category)));
    out.push_str(&format!("tags: {}\n", list(&a.tags)));
    let images: Vec<String> = [cover].into_iter().filter(|c| !c.is_empty()).collect();
    out.push_str(&format!("images: {}\n", list(&images)));
    out.push_str(&format!("place: {}\n", q(&text::nfc(a.place.trim()))));
    out.push_str("---\n\n");

    let mut parts: Vec<String> = bold_paragraph(&a.sapo).into_iter().collect();
    for seg in segments(&a.body) {
        match seg {
            Segment::Text(t) => parts.push(text::clean_multiline(t)),
            Segment::Photo(id) => {
                let (Some(p), Some(md)) = (a.photo(id), photos.get(&id)) else {
                    continue;
                };
                let caption =
                    caption_line(&text::clean_line(&p.caption), &text::clean_line(&p.credit));
                let img = format!(
                    "![{}]({})",
                    escape_inline(&text::clean_line(&p.alt)),
                    md.path
                );
                parts.push(match caption {
                    Some(c) => format!("{img}\\\n{c}"),
                    None => img,
                });
            }
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.extend(bold_paragraph(&a.byline));
    out.push_str(&parts.join("\n\n"));
    out.push('\n');
    out
}

fn caption_line(caption: &str, credit: &str) -> Option<String> {
    let inner = match (caption.is_empty(), credit.is_empty()) {
        (true, true) => return None,
        (false, true) => escape_inline(caption),
        (true, false) => format!("Ảnh: {}", escape_inline(credit)),
        (false, false) => format!(
            "{}{CREDIT_SEP}{}",
            escape_inline(caption),
            escape_inline(credit)
        ),
    };
    Some(format!("*{inner}*"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_escapes_round_trip() {
        let s = "a *b* [c] \\ <x> & — Ảnh: d";
        assert_eq!(unescape_inline(&escape_inline(s)), s);
    }

    #[test]
    fn quoted_values_stay_valid_after_nfc() {
        for s in [
            "a\n\u{300}b",
            "\u{30a}\u{30a}",
            "\u{1D165}x",
            "\"\u{301}",
            "Hội nghị",
        ] {
            let v = q(s);
            let after = text::nfc(&v);
            assert_eq!(after, v, "{v}");
            assert_eq!(serde_json::from_str::<String>(&after).unwrap(), s);
        }
    }
}
