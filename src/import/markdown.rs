//! Reading Markdown: Tin Xã's page bundle (`index.md`, photos beside it),
//! the older export shape (`<slug>.md` with `sapo`/`byline`/`category`/
//! `cover` keys and photos in `<slug>-images/`), and plain Markdown.
//!
//! The bundle repeats the sapo as the body's first (bold) paragraph and the
//! byline as its last, for renderers that ignore front matter; reading takes
//! them out again, so importing an export gives back exactly the article.

use chrono::NaiveDate;

use crate::article::{Article, Photo, marker};
use crate::export::markdown::{CREDIT_SEP, bold_paragraph, unescape_inline};
use crate::text;

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

/// The first item of a list, or the value itself.
fn first(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Array(items) => items.first().map(fm_string).unwrap_or_default(),
        other => fm_string(other),
    }
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
                "sapo" | "description" => a.sapo = text::clean_multiline(&fm_string(&v)),
                "byline" | "author" => a.byline = text::clean_line(&fm_string(&v)),
                "place" => a.place = text::clean_line(&fm_string(&v)),
                "category" => a.category = text::clean_line(&fm_string(&v)),
                "categories" => a.category = text::clean_line(&first(&v)),
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
                "cover" | "images" => cover_path = first(&v),
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
    // The sapo and byline the bundle repeats in the body, for renderers
    // that ignore front matter: once is enough.
    if let Some(sapo) = bold_paragraph(&a.sapo)
        && let Some(rest) = body.strip_prefix(&sapo)
        && (rest.is_empty() || rest.starts_with("\n\n"))
    {
        body = rest.trim_start_matches('\n').to_owned();
    }
    if let Some(byline) = bold_paragraph(&a.byline)
        && let Some(rest) = body.strip_suffix(&byline)
        && (rest.is_empty() || rest.ends_with("\n\n"))
    {
        body = rest.trim_end_matches('\n').to_owned();
    }
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
