//! The portal body through the real portal editors: TinyMCE and CKEditor 5
//! (npm, pinned in .ci/portal/package.json, installed by
//! .ci/portal-editors.sh) in headless Debian chromium, through their paste
//! path and setContent/setData → getContent/getData; and WordPress's own
//! `wp_kses_post` (Debian's wordpress package unpacked by
//! .ci/portal-wordpress.sh, php-cli). Each run prints the table of what
//! survived, for the markup before this change (the `<article>` the fragment
//! export wrote) and after.

#[path = "support/portal_article.rs"]
mod portal_article;

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Node, Selector};
use tinxa::doc::{Block, Document, Inline, inline_text};
use tinxa::export::{self, Format, Options, html::PhotoRef};
use tinxa::settings::{PortalEditor, PortalSettings};

#[path = "support/tools.rs"]
mod tools;
use tools::need;

const CI_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci");

fn tool(name: &str) -> bool {
    Command::new(name).arg("--version").output().is_ok()
}

/// What the article's body holds, to look for in an editor's output.
struct Expect {
    paragraphs: Vec<String>,
    headings: Vec<String>,
    spans: Vec<(&'static str, String)>,
    photos: Vec<(String, String)>,
    title: String,
    sapo: String,
}

fn expect(doc: &Document) -> Expect {
    let mut e = Expect {
        paragraphs: Vec::new(),
        headings: Vec::new(),
        spans: Vec::new(),
        photos: Vec::new(),
        title: doc.title.clone(),
        sapo: doc.sapo.clone(),
    };
    fn spans(c: &[Inline], out: &mut Vec<(&'static str, String)>) {
        for i in c {
            match i {
                Inline::Strong(x) => out.push(("strong, b", inline_text(x))),
                Inline::Emphasis(x) => out.push(("em, i", inline_text(x))),
                _ => {}
            }
        }
    }
    for b in &doc.blocks {
        match b {
            Block::Paragraph(c) => {
                e.paragraphs.push(inline_text(c));
                spans(c, &mut e.spans);
            }
            Block::Heading { content, .. } => e.headings.push(inline_text(content)),
            Block::Photo(p) => e.photos.push((p.caption.clone(), p.credit.clone())),
            _ => {}
        }
    }
    e
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees with no stylesheet: `<br>` and block ends are
/// line breaks.
fn readable(el: ElementRef) -> String {
    let mut s = String::new();
    for n in el.descendants() {
        match n.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if e.name() == "br" => s.push('\n'),
            _ => {}
        }
    }
    s
}

/// One row of the table: what survived of the body in one editor's output.
#[derive(Debug)]
struct Row {
    paragraphs: usize,
    headings: usize,
    spans: usize,
    photos_src: usize,
    photos_relative: usize,
    /// `data:` taken out of the src by kses: a broken image.
    photos_stripped: usize,
    captions: usize,
    credits_apart: usize,
    repeated: usize,
    nfc: bool,
}

fn survey(html: &str, e: &Expect) -> Row {
    let doc = Html::parse_fragment(html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let texts = |s: &str| -> Vec<String> {
        doc.select(&sel(s))
            .map(|x| squash(&x.text().collect::<String>()))
            .collect()
    };
    let ps = texts("p");
    let hs = texts("h2, h3");
    let imgs: Vec<String> = doc
        .select(&sel("img"))
        .map(|i| i.value().attr("src").unwrap_or("").to_owned())
        .collect();
    let caps: Vec<String> = doc.select(&sel("figcaption")).map(readable).collect();
    let all_text = doc.root_element().text().collect::<String>();
    Row {
        paragraphs: e
            .paragraphs
            .iter()
            .filter(|p| ps.contains(&squash(p)))
            .count(),
        headings: e.headings.iter().filter(|h| hs.contains(h)).count(),
        spans: e
            .spans
            .iter()
            .filter(|(s, t)| texts(s).contains(&squash(t)))
            .count(),
        photos_src: imgs
            .iter()
            .filter(|s| s.starts_with("data:image/") || s.starts_with("http"))
            .count(),
        photos_relative: imgs
            .iter()
            .filter(|s| !s.is_empty() && !s.contains(':') && !s.starts_with("image/"))
            .count(),
        photos_stripped: imgs.iter().filter(|s| s.starts_with("image/")).count(),
        captions: e
            .photos
            .iter()
            .filter(|(c, _)| caps.iter().any(|x| x.contains(c.as_str())))
            .count(),
        credits_apart: e
            .photos
            .iter()
            .filter(|(c, cr)| {
                let want = format!("{c}\nẢnh: {cr}");
                caps.iter().any(|x| x.trim() == want)
            })
            .count(),
        repeated: texts("h1, h2, h3, p")
            .iter()
            .filter(|t| **t == e.title || **t == e.sapo)
            .count(),
        nfc: tinxa::text::is_nfc(&all_text),
    }
}

fn table_line(who: &str, markup: &str, r: &Row, e: &Expect) -> String {
    format!(
        "| {who} | {markup} | {}/{} | {}/{} | {}/{} | {}/{} embedded{}{} | {}/{} | {}/{} | {} | {} |",
        r.paragraphs,
        e.paragraphs.len(),
        r.headings,
        e.headings.len(),
        r.spans,
        e.spans.len(),
        r.photos_src,
        e.photos.len(),
        if r.photos_relative > 0 {
            format!(", {} as relative paths", r.photos_relative)
        } else {
            String::new()
        },
        if r.photos_stripped > 0 {
            format!(", {} broken (data: stripped)", r.photos_stripped)
        } else {
            String::new()
        },
        r.captions,
        e.photos.len(),
        r.credits_apart,
        e.photos.len(),
        if r.repeated > 0 {
            format!("title/sapo {}×", r.repeated)
        } else {
            "no".into()
        },
        if r.nfc { "yes" } else { "NO" },
    )
}

const HEADER: &str = "| editor | markup | paragraphs | h2/h3 | bold/italic | photos | captions | credit on its own line | title/sapo repeated | NFC |\n|---|---|---|---|---|---|---|---|---|---|";

fn assert_all(who: &str, r: &Row, e: &Expect) {
    assert_eq!(r.paragraphs, e.paragraphs.len(), "{who}: paragraphs");
    assert_eq!(r.headings, e.headings.len(), "{who}: sub-headings");
    assert_eq!(r.spans, e.spans.len(), "{who}: bold/italic");
    assert_eq!(r.photos_src, e.photos.len(), "{who}: photos");
    assert_eq!(r.captions, e.photos.len(), "{who}: captions");
    assert_eq!(r.credits_apart, e.photos.len(), "{who}: credits");
    assert_eq!(r.repeated, 0, "{who}: title or sapo in the body");
    assert!(r.nfc, "{who}: NFC");
}

struct Bodies {
    e: Expect,
    /// (name, html, text): the old fragment, the new portal body.
    inputs: Vec<(String, String, String)>,
    /// The new fragment (photos in a folder), WordPress flavour, for kses.
    wordpress_fragment: String,
    _dir: tempfile::TempDir,
}

fn bodies() -> Bodies {
    let t = tempfile::tempdir().unwrap();
    let d = portal_article::create(&t.path().join("home"));
    let doc = Document::from_article(&d.article);
    let opts = Options {
        format: Format::Portal,
        ..Default::default()
    };
    let (after, text, skipped) =
        export::portal_body(&d, &opts, &PortalSettings::default()).unwrap();
    assert!(skipped.is_empty());
    // Before: the `<article>` markup the fragment export wrote until now
    // (the page still uses it), photos in `<slug>-images/`.
    let before = export::html::article_markup(&doc, &|p| {
        Some(PhotoRef {
            src: format!("tin-images/{}", p.file),
            width: 1600,
            height: 1200,
        })
    });
    let wp = PortalSettings {
        editor: PortalEditor::WordPress,
        ..Default::default()
    };
    let frag = export::export_with(
        &d,
        &t.path().join("tin.html"),
        &Options {
            format: Format::Fragment,
            ..Default::default()
        },
        &wp,
        &|_, _| {},
    )
    .unwrap();
    let e = expect(&doc);
    assert_eq!(
        (
            e.paragraphs.len(),
            e.headings.len(),
            e.spans.len(),
            e.photos.len()
        ),
        (4, 2, 2, 2),
        "the test article"
    );
    Bodies {
        e,
        inputs: vec![
            ("before".into(), before, tinxa::cli::plain_text(&d.article)),
            ("after".into(), after, text),
        ],
        wordpress_fragment: std::fs::read_to_string(frag.path).unwrap(),
        _dir: t,
    }
}

#[test]
fn tinymce_and_ckeditor5_keep_the_portal_body() {
    let modules = PathBuf::from(CI_DIR).join("node/portal/node_modules");
    if !need("chromium", tool("chromium"))
        || !need("node", tool("node"))
        || !need(
            "TinyMCE/CKEditor 5 (.ci/portal-editors.sh)",
            modules.join("tinymce").is_dir() && modules.join("ckeditor5").is_dir(),
        )
    {
        return;
    }
    let b = bodies();
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in.json");
    let json: Vec<serde_json::Value> = b
        .inputs
        .iter()
        .map(|(n, h, t)| serde_json::json!({"name": n, "html": h, "text": t}))
        .collect();
    std::fs::write(&input, serde_json::to_vec(&json).unwrap()).unwrap();
    let o = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/portal/editors.mjs"))
        .arg(&modules)
        .arg(which("chromium"))
        .arg(work.path())
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let mut lines = vec![HEADER.to_owned()];
    let mut checked = 0;
    for r in &results {
        assert!(r.get("errors").is_none(), "page errors: {r}");
        let editor = format!(
            "{} {}",
            r["editor"].as_str().unwrap(),
            r["version"].as_str().unwrap()
        );
        let input = r["input"].as_str().unwrap();
        for (how, key, text_key) in [("set", "set", "setText"), ("paste", "paste", "pasteText")] {
            let html = r[key].as_str().unwrap();
            let row = survey(html, &b.e);
            lines.push(table_line(&format!("{editor} ({how})"), input, &row, &b.e));
            if input == "after" {
                assert_all(&format!("{editor} {how}"), &row, &b.e);
                // The editor's own plain text shows each credit on its own line.
                let shown = r[text_key].as_str().unwrap();
                for (c, cr) in &b.e.photos {
                    assert!(
                        shown.contains(&format!("{c}\nẢnh: {cr}")),
                        "{editor} {how}: {shown}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 4, "two editors × paste and set");
    eprintln!("{}", lines.join("\n"));
}

fn which(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .find(|f| f.is_file())
        })
        .unwrap_or_else(|| PathBuf::from(name))
}

#[test]
fn wordpress_kses_keeps_the_portal_body() {
    let wp = PathBuf::from(CI_DIR).join("node/wordpress/usr/share/wordpress");
    if !need("php", tool("php"))
        || !need(
            "WordPress (.ci/portal-wordpress.sh)",
            wp.join("wp-includes/kses.php").is_file(),
        )
    {
        return;
    }
    let b = bodies();
    let kses = |html: &str| -> String {
        use std::io::Write;
        let mut child = Command::new("php")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/portal/kses.php"))
            .arg(&wp)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(html.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let mut lines = vec![HEADER.to_owned()];
    for (name, html, _) in &b.inputs {
        let row = survey(&kses(html), &b.e);
        lines.push(table_line("wp_kses_post", name, &row, &b.e));
        if name == "after" {
            // kses turns data: URIs into broken paths (WordPress's block
            // editor uploads pasted photos before saving): everything else
            // survives.
            assert_eq!(row.photos_stripped, b.e.photos.len(), "kses strips data:");
            assert_eq!(row.paragraphs, b.e.paragraphs.len());
            assert_eq!(row.credits_apart, b.e.photos.len());
        }
    }
    // The WordPress fragment, photos as uploaded files: all of it survives.
    let out = kses(&b.wordpress_fragment);
    assert_eq!(out, b.wordpress_fragment, "kses changes nothing");
    let row = survey(&out, &b.e);
    lines.push(table_line(
        "wp_kses_post",
        "after, WordPress fragment",
        &row,
        &b.e,
    ));
    assert_eq!(row.photos_relative, b.e.photos.len());
    assert_all(
        "wp_kses_post",
        &Row {
            // Relative here, as the uploaded files' URLs will be.
            photos_src: row.photos_relative,
            ..row
        },
        &b.e,
    );
    eprintln!("{}", lines.join("\n"));
}

#[test]
fn portal_text_holds_the_body_and_credits_on_their_own_lines() {
    let b = bodies();
    let (_, html, text) = &b.inputs[1];
    assert!(!html.contains("<h1") && !html.contains("<article"));
    for (c, cr) in &b.e.photos {
        assert!(text.contains(&format!("{c}\nẢnh: {cr}")), "{text}");
    }
    for p in &b.e.paragraphs {
        assert!(text.contains(p.as_str()));
    }
    assert!(!text.contains(&b.e.title) && !text.contains(&b.e.sapo));
}
