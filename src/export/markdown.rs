//! Markdown export and import, in one shape so a round trip is exact:
//!
//! ```text
//! ---
//! title: "…"            (every value a double-quoted YAML string or list)
//! ---
//! body paragraphs…
//!
//! ![alt](slug-images/file.jpg)\
//! *caption — Ảnh: credit*
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::article::{Article, Photo, Segment, marker, segments};
use crate::text;

/// A photo as the Markdown file references it.
#[derive(Debug, Clone)]
pub struct MdPhoto {
    /// Path relative to the .md file, e.g. `slug-images/file.jpg`.
    pub path: String,
}

const CREDIT_SEP: &str = " — Ảnh: ";

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

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
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
    for (k, v) in [
        ("title", &a.title),
        ("sapo", &a.sapo),
        ("byline", &a.byline),
        ("place", &a.place),
        ("date", &date),
        ("category", &a.category),
    ] {
        out.push_str(&format!("{k}: {}\n", q(&text::nfc(v.trim()))));
    }
    let tags: Vec<String> = a.tags.iter().map(|t| q(&text::nfc(t))).collect();
    out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    out.push_str(&format!("cover: {}\n", q(&cover)));
    out.push_str("---\n\n");

    let mut parts = Vec::new();
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

/// What reading a Markdown file gives: the article and, per photo id, the
/// relative path of the image to copy in.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub article: Article,
    pub images: Vec<(u32, String)>,
}

fn parse_image_line(line: &str) -> Option<(String, String)> {
    let l = line.trim_end();
    let l = l.strip_suffix('\\').unwrap_or(l);
    let rest = l.strip_prefix("![")?;
    // The alt ends at the first unescaped "](".
    let mut i = 0;
    let b = rest.as_bytes();
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b']' && b[i + 1] == b'(' {
            let alt = &rest[..i];
            let path = rest[i + 2..].strip_suffix(')')?;
            if path.contains(char::is_whitespace) || path.is_empty() {
                return None;
            }
            return Some((unescape_inline(alt), path.to_owned()));
        }
        i += 1;
    }
    None
}

fn parse_caption_line(line: &str) -> Option<(String, String)> {
    let l = line.trim();
    let inner = l.strip_prefix('*')?.strip_suffix('*')?;
    if inner.is_empty() || inner.starts_with('*') {
        return None;
    }
    if let Some(credit) = inner.strip_prefix("Ảnh: ") {
        return Some((String::new(), unescape_inline(credit)));
    }
    match inner.rfind(CREDIT_SEP) {
        Some(at) => Some((
            unescape_inline(&inner[..at]),
            unescape_inline(&inner[at + CREDIT_SEP.len()..]),
        )),
        None => Some((unescape_inline(inner), String::new())),
    }
}

fn fm_value(v: &str) -> serde_json::Value {
    let v = v.trim();
    serde_json::from_str(v).unwrap_or_else(|_| {
        let s = v.trim_matches('\'');
        serde_json::Value::String(s.to_owned())
    })
}

fn fm_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Reads Markdown in the export's shape (and plain Markdown too: a first
/// `# heading` becomes the title when there is no front matter title).
pub fn read(src: &str) -> Parsed {
    let src = text::clean_multiline(src);
    let mut a = Article::new();
    let mut body_src = src.as_str();
    let mut cover_path = String::new();
    if let Some(rest) = src.strip_prefix("---\n")
        && let Some(end) = rest
            .find("\n---\n")
            .or_else(|| rest.ends_with("\n---").then(|| rest.len() - 4))
    {
        for line in rest[..end].lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let v = fm_value(v);
            match k.trim() {
                "title" => a.title = text::clean_line(&fm_string(&v)),
                "sapo" => a.sapo = text::clean_multiline(&fm_string(&v)),
                "byline" => a.byline = text::clean_line(&fm_string(&v)),
                "place" => a.place = text::clean_line(&fm_string(&v)),
                "category" => a.category = text::clean_line(&fm_string(&v)),
                "date" => a.date = NaiveDate::parse_from_str(fm_string(&v).trim(), "%Y-%m-%d").ok(),
                "tags" => {
                    a.tags = match v {
                        serde_json::Value::Array(items) => {
                            items.iter().map(fm_string).collect::<Vec<String>>()
                        }
                        other => fm_string(&other)
                            .split(',')
                            .map(str::to_owned)
                            .collect::<Vec<String>>(),
                    }
                    .into_iter()
                    .map(|t| text::clean_line(&t))
                    .filter(|t| !t.is_empty())
                    .collect()
                }
                "cover" => cover_path = fm_string(&v),
                _ => {}
            }
        }
        body_src = rest.get(end + 5..).unwrap_or("");
    }

    let mut images = Vec::new();
    let mut body = Vec::new();
    let mut lines = body_src.lines().peekable();
    let mut next_id = 1;
    while let Some(line) = lines.next() {
        if let Some((alt, path)) = parse_image_line(line)
            && !path.contains("://")
        {
            let id = next_id;
            next_id += 1;
            let (caption, credit) = match lines.peek().and_then(|l| parse_caption_line(l)) {
                Some(c) => {
                    lines.next();
                    c
                }
                None => (String::new(), String::new()),
            };
            if path == cover_path {
                a.cover = Some(id);
            }
            a.photos.push(Photo {
                id,
                file: String::new(),
                caption,
                credit,
                alt,
                ..Photo::default()
            });
            images.push((id, path));
            body.push(marker(id));
        } else {
            body.push(line.to_owned());
        }
    }
    let mut body = body.join("\n").trim_matches('\n').to_owned();
    if a.title.is_empty()
        && let Some(first) = body.lines().next()
        && let Some(h) = first.strip_prefix("# ")
    {
        a.title = text::clean_line(h);
        body = body[first.len()..].trim_start_matches('\n').to_owned();
    }
    a.body = body;
    Parsed { article: a, images }
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
    fn reads_image_and_caption_lines() {
        let p = read(
            "---\ntitle: \"Hội nghị\"\ncover: \"x-images/a.jpg\"\n---\n\nĐoạn 1\n\n![mô tả](x-images/a.jpg)\\\n*Chú thích — Ảnh: Dương Tập*\n\nĐoạn 2\n",
        );
        assert_eq!(p.article.title, "Hội nghị");
        assert_eq!(p.article.body, "Đoạn 1\n\n[[Ảnh 1]]\n\nĐoạn 2");
        let ph = &p.article.photos[0];
        assert_eq!(
            (ph.caption.as_str(), ph.credit.as_str(), ph.alt.as_str()),
            ("Chú thích", "Dương Tập", "mô tả")
        );
        assert_eq!(p.article.cover, Some(1));
        assert_eq!(p.images, vec![(1, "x-images/a.jpg".to_owned())]);
    }
}
