//! Properties the fuzz targets (in `fuzz/`) check on arbitrary input. They
//! live here so the regression test in `tests/` runs the very same checks
//! over the inputs the fuzzer kept. Each function panics when a property
//! fails.

use crate::article::{Article, Photo, marker};
use crate::doc::Document;
use crate::export::html::{self, PhotoRef};

/// Loading arbitrary bytes as a draft never panics, and a draft that loads
/// saves and loads back to the same article.
pub fn draft_bytes(data: &[u8]) {
    if let Ok(mut a) = crate::article::Article::from_ron(data) {
        a.normalize();
        let text = ron::ser::to_string(&a).expect("a loaded article serialises");
        let back =
            crate::article::Article::from_ron(text.as_bytes()).expect("what we write, we read");
        assert_eq!(back, a);
    }
}

/// Importing arbitrary text or Markdown never panics and gives NFC text.
pub fn import_bytes(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let a = crate::import::article_from_text(&s);
    assert!(crate::text::is_nfc(&a.body));
    let parsed = crate::import::markdown::read(&s);
    assert!(crate::text::is_nfc(&parsed.article.body));
    for (id, _) in &parsed.images {
        assert!(parsed.article.body.contains(&marker(*id)));
    }
}

/// Tags and attributes the HTML writer may produce; anything else in the
/// output came from the input.
const TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "strong",
    "em",
    "s",
    "code",
    "pre",
    "a",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "img",
    "figcaption",
    "span",
];
const ATTRS: &[&str] = &[
    "lang", "charset", "name", "content", "property", "class", "id", "src", "alt", "width",
    "height", "href", "start",
];

/// Builds an article from arbitrary text (fields separated by U+0001) and
/// checks its HTML: only our own tags and attributes, no `on…` handler, and
/// no link or image URL other than http(s), mailto or our photo.
pub fn export_bytes(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let mut f = s.split('\u{1}').map(str::to_owned);
    let mut a = Article::new();
    a.title = f.next().unwrap_or_default();
    a.sapo = f.next().unwrap_or_default();
    a.body = f.next().unwrap_or_default();
    a.byline = f.next().unwrap_or_default();
    a.photos.push(Photo {
        id: 1,
        file: "a.jpg".into(),
        caption: f.next().unwrap_or_default(),
        credit: f.next().unwrap_or_default(),
        alt: f.next().unwrap_or_default(),
        ..Photo::default()
    });
    a.body.push_str("\n\n[[Ảnh 1]]\n");
    let doc = Document::from_article(&a);
    let photo = |_: &crate::doc::PhotoBlock| {
        Some(PhotoRef {
            src: "anh.jpg".into(),
            width: 4,
            height: 3,
        })
    };
    let out = html::page(&doc, &photo, None);
    check_markup(&out);
    // The portal body, for every editor, with every field in the body.
    for editor in crate::settings::PortalEditor::ALL {
        let s = crate::settings::PortalSettings {
            editor,
            title_in_body: true,
            sapo_in_body: true,
            byline_in_body: true,
        };
        check_markup(&crate::export::portal::body_html(&doc, &s, &photo));
    }
}

/// Builds an article whose title, sapo, byline, place, category and tags
/// are arbitrary text (fields separated by U+0001), writes it as the
/// Markdown page bundle and reads it back: the same fields, and the body
/// without the sapo and byline the bundle repeats in it.
pub fn markdown_bytes(data: &[u8]) {
    use crate::text::nfc;
    // Drafts hold NFC text with clean lines; the export writes NFC.
    let clean_line = |s: &str| nfc(&crate::text::clean_line(s));
    let clean_multiline = |s: &str| nfc(&crate::text::clean_multiline(s));
    let s = String::from_utf8_lossy(data);
    let mut f = s.split('\u{1}').map(str::to_owned);
    let mut a = Article::new();
    a.title = clean_line(&f.next().unwrap_or_default());
    a.sapo = clean_multiline(&f.next().unwrap_or_default())
        .trim()
        .to_owned();
    a.byline = clean_line(&f.next().unwrap_or_default());
    a.place = clean_line(&f.next().unwrap_or_default());
    a.category = clean_line(&f.next().unwrap_or_default());
    a.tags = f
        .next()
        .unwrap_or_default()
        .split('\u{2}')
        .map(clean_line)
        .filter(|t| !t.is_empty())
        .collect();
    a.body = "Đoạn một.\n\n[[Ảnh 1]]\n\nĐoạn hai.".into();
    a.photos.push(Photo {
        id: 1,
        file: "a.jpg".into(),
        caption: "Chú thích".into(),
        credit: "Dương Tập".into(),
        alt: "Mô tả".into(),
        ..Photo::default()
    });
    let photos = std::collections::HashMap::from([(
        1,
        crate::export::markdown::MdPhoto {
            path: "a.jpg".into(),
        },
    )]);
    let md = crate::export::markdown::write(&a, &photos);
    let back = crate::import::markdown::read(&md).article;
    assert_eq!(
        (&back.title, &back.sapo, &back.byline, &back.place),
        (&a.title, &a.sapo, &a.byline, &a.place),
        "{md}"
    );
    assert_eq!((&back.category, &back.tags), (&a.category, &a.tags), "{md}");
    assert_eq!(back.body, a.body, "{md}");
    assert_eq!(back.photos[0].caption, a.photos[0].caption);
}

/// Scans HTML we wrote and panics on anything our writer never produces.
pub fn check_markup(out: &str) {
    let style_end = out.find("</style>").map_or(0, |i| i + 8);
    let body = &out[style_end..];
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let tag_src = &rest[lt + 1..];
        let end = tag_src.find('>').expect("every tag is closed");
        let tag = &tag_src[..end];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected tag <{name}> in output"
        );
        // Attributes: name="value" pairs; values never contain a raw quote.
        let mut attrs = &tag[name.len()..];
        while let Some(eq) = attrs.find("=\"") {
            let attr = attrs[..eq].trim().to_ascii_lowercase();
            assert!(
                ATTRS.contains(&attr.as_str()),
                "unexpected attribute {attr}"
            );
            let v_end = attrs[eq + 2..].find('"').expect("quoted value");
            let value = &attrs[eq + 2..eq + 2 + v_end];
            if attr == "href" || attr == "src" {
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    v.starts_with("http://")
                        || v.starts_with("https://")
                        || v.starts_with("mailto:")
                        || v == "anh.jpg",
                    "unsafe {attr}={value}"
                );
            }
            attrs = &attrs[eq + 2 + v_end + 1..];
        }
        rest = &tag_src[end + 1..];
    }
}

/// Reading arbitrary bytes as a keystroke journal never panics; what it
/// reads writes back the same; and a whole record appended after a torn one
/// (a crash in the middle of an append) is the one recovered.
pub fn journal_bytes(data: &[u8]) {
    use crate::journal::{Entry, decode, encode};
    for e in decode(data) {
        let again = decode(&encode(&e));
        assert_eq!(again.len(), 1);
        assert_eq!(again[0], e);
    }
    let (cut, rest) = data.split_first().map_or((0, data), |(c, r)| (*c, r));
    let entry = |text: &str| Entry {
        taken: chrono::DateTime::UNIX_EPOCH,
        base: chrono::DateTime::UNIX_EPOCH,
        article: Article {
            title: text.to_owned(),
            ..Article::default()
        },
    };
    let mut bytes = encode(&entry(&String::from_utf8_lossy(rest)));
    // Cut anywhere before the record's final newline: a torn record.
    let keep = (usize::from(cut) * bytes.len() / 256).min(bytes.len().saturating_sub(2));
    bytes.truncate(keep);
    let whole = entry("Bản ghi nguyên vẹn: Hội nghị ở xã Cao Sơn");
    bytes.extend(encode(&whole));
    assert_eq!(decode(&bytes).last(), Some(&whole));
}

/// Spell-checking arbitrary text never panics; every suspect's range is the
/// word on character boundaries at its column; every suggestion is an NFC
/// Vietnamese syllable; the line cache agrees with a full check.
pub fn spell_bytes(data: &[u8]) {
    use crate::text::spell::{Checker, LineCache};
    use crate::text::syllable;
    use crate::text::tone::ToneStyle;
    let s = String::from_utf8_lossy(data);
    let style = if data.first().is_some_and(|b| b % 2 == 1) {
        ToneStyle::New
    } else {
        ToneStyle::Old
    };
    let c = Checker::new(style).accept(s.split_whitespace().take(2));
    let found = c.check_text(&s);
    let lines: Vec<&str> = s.split('\n').collect();
    for (n, w) in &found {
        let line = lines[*n];
        assert_eq!(&line[w.range.clone()], w.word);
        assert_eq!(line[..w.range.start].chars().count(), w.column);
        for x in &w.suggestions {
            assert!(crate::text::is_nfc(x), "{x:?}");
            assert!(syllable::is_valid(x), "{x:?} for {:?}", w.word);
        }
    }
    let mut cache = LineCache::default();
    cache.update(&c, &s);
    let cached: Vec<(usize, String)> = cache.all().map(|(n, w)| (n, w.word.clone())).collect();
    let full: Vec<(usize, String)> = found.into_iter().map(|(n, w)| (n, w.word)).collect();
    assert_eq!(cached, full);
    for w in s.split(|c: char| !c.is_alphabetic()) {
        let _ = syllable::is_valid(w);
        let _ = c.suggest(w);
    }
}

/// Reading a photo's metadata from arbitrary bytes never panics, and what it
/// gives is one line of NFC text, never camera boilerplate.
pub fn photo_meta_bytes(data: &[u8]) {
    let m = crate::photo::read_meta(data);
    for s in [&m.description, &m.title, &m.creator].into_iter().flatten() {
        assert!(crate::text::is_nfc(s), "{s:?}");
        assert!(!s.contains(['\n', '\r', '\0']), "{s:?}");
        assert!(s.chars().count() <= 1000);
        assert!(!crate::photo::meta::is_boilerplate(s), "{s:?}");
    }
}

/// Reading arbitrary bytes as a .docx never panics: bytes starting with
/// "PK" are read as the zip itself, anything else as `word/document.xml`
/// inside a minimal package. What reads maps to an article whose every field
/// is NFC, whose photos all have their marker in the body, whose body has no
/// link but http(s)/mailto, and whose .docx export reads back.
pub fn docx_bytes(data: &[u8]) {
    use crate::import::{docx, rich};
    let package;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        package = docx_package(data);
        &package
    };
    let Ok(doc) = docx::read(bytes) else {
        return;
    };
    let paste = rich::body_markdown(doc.clone(), 1);
    assert!(crate::text::is_nfc(&paste.markdown));
    let mapped = rich::to_article(doc);
    let a = &mapped.article;
    for (_, s) in a.all_text() {
        assert!(crate::text::is_nfc(s), "not NFC: {s:?}");
    }
    for p in &mapped.photos {
        assert!(
            a.body.contains(&marker(p.photo.id)),
            "photo {} unplaced",
            p.photo.id
        );
    }
    // Every link the body's Markdown really makes is http(s) or mailto
    // (escaped text such as "\[x\](javascript:y)" is no link).
    for ev in
        pulldown_cmark::Parser::new_ext(&a.body, pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    {
        if let pulldown_cmark::Event::Start(
            pulldown_cmark::Tag::Link { dest_url, .. }
            | pulldown_cmark::Tag::Image { dest_url, .. },
        ) = ev
        {
            assert!(
                crate::doc::is_safe_url(&dest_url),
                "unsafe link {dest_url} in {}",
                a.body
            );
        }
    }
    // What was imported exports as a .docx that reads back.
    let out = crate::export::docx_bytes_for_fuzzing(a);
    docx::read(&out).expect("our own .docx reads back");
}

/// A package holding `document` as its main part (stored, no compression).
fn docx_package(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 2] = [
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document),
    ];
    for (name, bytes) in parts {
        z.start_file(name, o).expect("in memory");
        z.write_all(bytes).expect("in memory");
    }
    z.finish().expect("in memory");
    buf.into_inner()
}

/// Reading arbitrary text as pasted HTML never panics (nor reads a file),
/// and the paste is Markdown the exporter takes: NFC, every photo with its
/// marker, no link or image but http(s)/mailto (never `javascript:`), and
/// its HTML export holds only our own markup.
pub fn html_paste_bytes(data: &[u8]) {
    use crate::import::{html as html_in, rich};
    let s = String::from_utf8_lossy(data);
    let doc = html_in::read(&s, &html_in::Options::default());
    let piece = rich::body_markdown(doc.clone(), 1);
    assert!(crate::text::is_nfc(&piece.markdown), "not NFC");
    let mut a = Article::new();
    a.body = piece.markdown.clone();
    for p in &piece.photos {
        assert!(
            a.body.contains(&marker(p.photo.id)),
            "photo {} unplaced",
            p.photo.id
        );
        a.photos.push(Photo {
            file: "a.jpg".into(),
            ..p.photo.clone()
        });
    }
    for ev in
        pulldown_cmark::Parser::new_ext(&a.body, pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    {
        if let pulldown_cmark::Event::Start(
            pulldown_cmark::Tag::Link { dest_url, .. }
            | pulldown_cmark::Tag::Image { dest_url, .. },
        ) = ev
        {
            assert!(
                crate::doc::is_safe_url(&dest_url),
                "unsafe link {dest_url} in {}",
                a.body
            );
        }
    }
    let d = Document::from_article(&a);
    let photo = |_: &crate::doc::PhotoBlock| {
        Some(PhotoRef {
            src: "anh.jpg".into(),
            width: 4,
            height: 3,
        })
    };
    check_markup(&html::page(&d, &photo, None));
    // The whole-article mapping (the field rules) takes it too.
    let mapped = rich::to_article(doc);
    for (_, s) in mapped.article.all_text() {
        assert!(crate::text::is_nfc(s), "not NFC: {s:?}");
    }
}
