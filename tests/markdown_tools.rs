//! The Markdown page bundle read by other tools (pandoc to HTML and DOCX,
//! Hugo) and read back by `tinxa import`, in its new and its old shape.

#[path = "support/portal_article.rs"]
mod portal_article;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use tinxa::draft::{Draft, Store};
use tinxa::export::{self, Format, Options};

#[path = "support/tools.rs"]
mod tools;
use tools::need;

fn need_tool(name: &str) -> bool {
    let found = Command::new(name).arg("--version").output().is_ok()
        || Command::new(name).arg("version").output().is_ok();
    need(name, found)
}

fn bundle(t: &Path) -> (Draft, std::path::PathBuf) {
    let d = portal_article::create(&t.join("home"));
    let opts = Options {
        format: Format::Md,
        ..Default::default()
    };
    let done = export::export(&d, &t.join("out"), &opts, &|_, _| {}).unwrap();
    (d, done.path)
}

fn same_article(a: &tinxa::article::Article, b: &tinxa::article::Article) {
    assert_eq!(
        (
            &a.title,
            &a.sapo,
            &a.byline,
            &a.place,
            &a.date,
            &a.category,
            &a.tags
        ),
        (
            &b.title,
            &b.sapo,
            &b.byline,
            &b.place,
            &b.date,
            &b.category,
            &b.tags
        )
    );
    assert_eq!(a.body, b.body);
    assert_eq!(a.cover, b.cover);
    assert_eq!(a.photos.len(), b.photos.len());
    for (x, y) in a.photos.iter().zip(&b.photos) {
        assert_eq!(
            (x.id, &x.caption, &x.credit, &x.alt),
            (y.id, &y.caption, &y.credit, &y.alt)
        );
    }
}

#[test]
fn bundle_imports_back_exactly_with_sapo_and_byline_once() {
    let t = tempfile::tempdir().unwrap();
    let (d, index) = bundle(t.path());
    assert_eq!(index.file_name().unwrap(), "index.md");
    let md = fs::read_to_string(&index).unwrap();
    for key in [
        "title:",
        "description:",
        "author:",
        "date:",
        "categories:",
        "tags:",
        "images:",
    ] {
        assert!(md.contains(&format!("\n{key} ")), "{key}");
    }
    let body = md[4 + md[4..].find("\n---\n").unwrap() + 5..].trim_start();
    assert!(
        body.starts_with(&format!("**{}**", d.article.sapo)),
        "{body}"
    );
    assert!(body.trim_end().ends_with("**Dương Tập**"));
    let store = Store::new(t.path().join("home2"));
    let (back, notices) = tinxa::import::import_file(&store, &index).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    same_article(&d.article, &back.article);
    assert_eq!(back.article.body.matches(&d.article.sapo).count(), 0);
    assert!(!back.article.body.contains("**Dương Tập**"));
    // Importing and exporting again gives the same file.
    let again = export::export(
        &back,
        &t.path().join("again"),
        &Options {
            format: Format::Md,
            ..Default::default()
        },
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(fs::read_to_string(again.path).unwrap(), md);
}

#[test]
fn old_shape_still_imports() {
    let t = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let md = t.path().join("tin.md");
    fs::copy(fixtures.join("old-shape.md"), &md).unwrap();
    let images = t
        .path()
        .join("xa-cao-son-du-hoi-nghi-quan-triet-van-ban-moi-images");
    fs::create_dir(&images).unwrap();
    fs::write(images.join("cao-son-anh-mau.jpg"), tinxa::sample::PHOTO).unwrap();
    let store = Store::new(t.path().join("home"));
    let (back, notices) = tinxa::import::import_file(&store, &md).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let mut want = tinxa::sample::article();
    want.photos[0].file = back.article.photos[0].file.clone();
    same_article(&want, &back.article);
}

#[test]
fn pandoc_html_and_docx_show_the_sapo_and_byline() {
    if !need_tool("pandoc") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let (d, index) = bundle(t.path());
    let dir = index.parent().unwrap();
    let html = Command::new("pandoc")
        .args(["-s", "-f", "markdown", "-t", "html", "index.md"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(html.status.success());
    let html = String::from_utf8(html.stdout).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let ps: Vec<String> = doc
        .select(&scraper::Selector::parse("body > p").unwrap())
        .map(|p| {
            p.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(ps.first(), Some(&d.article.sapo), "sapo first");
    assert_eq!(ps.last(), Some(&d.article.byline), "byline last");
    assert!(html.contains("<strong>Sáng 25/01/2024"));
    let docx = dir.join("tin.docx");
    let o = Command::new("pandoc")
        .args(["-f", "markdown", "-o"])
        .arg(&docx)
        .arg("index.md")
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut z = zip::ZipArchive::new(fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let text: String = xml
        .split('<')
        .filter_map(|s| s.split_once('>').map(|(_, t)| t))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&d.article.sapo), "sapo in the DOCX");
    assert!(text.contains("Dương Tập"), "byline in the DOCX");
    assert!(text.contains("Ảnh: Hoàng Thị Thủy"), "credit in the DOCX");
    // Every photo is in the DOCX (pandoc found them beside index.md).
    let media = (0..z.len())
        .filter(|i| z.by_index(*i).unwrap().name().starts_with("word/media/"))
        .count();
    assert_eq!(media, 2);
}

#[test]
fn hugo_builds_the_bundle_with_every_image_resolving() {
    if !need_tool("hugo") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let (d, index) = bundle(t.path());
    let bundle_dir = index.parent().unwrap();
    let slug = bundle_dir.file_name().unwrap().to_str().unwrap().to_owned();
    let site = t.path().join("site");
    let posts = site.join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    fs::rename(bundle_dir, posts.join(&slug)).unwrap();
    fs::write(
        site.join("hugo.toml"),
        "baseURL = 'https://xa.example.vn/'\nlanguageCode = 'vi'\ntitle = 'Cổng xã'\n",
    )
    .unwrap();
    // The smallest theme: title, the description (sapo), the cover from
    // `images` as a page resource, the content.
    let layouts = site.join("layouts/_default");
    fs::create_dir_all(&layouts).unwrap();
    fs::write(
        layouts.join("single.html"),
        "<!doctype html><html lang=\"vi\"><head><meta name=\"description\" content=\"{{ .Description }}\"></head><body><h1>{{ .Title }}</h1>\
         {{ range .Params.images }}{{ with $.Resources.GetMatch . }}<img class=\"cover\" src=\"{{ .RelPermalink }}\">{{ end }}{{ end }}\
         {{ .Content }}<p class=\"author\">{{ .Params.author }}</p></body></html>",
    )
    .unwrap();
    fs::write(
        layouts.join("list.html"),
        "{{ range .Pages }}{{ .Title }}{{ end }}",
    )
    .unwrap();
    let o = Command::new("hugo")
        .arg("--quiet")
        .arg("-s")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let out_dir = site.join("public/posts").join(&slug);
    let page = fs::read_to_string(out_dir.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    let imgs: Vec<String> = doc
        .select(&scraper::Selector::parse("img").unwrap())
        .map(|i| i.value().attr("src").unwrap().to_owned())
        .collect();
    assert_eq!(imgs.len(), 3, "cover + two photos: {imgs:?}");
    for src in &imgs {
        let file = if let Some(abs) = src.strip_prefix('/') {
            site.join("public").join(abs)
        } else {
            out_dir.join(src)
        };
        assert!(file.is_file(), "{src} resolves to {}", file.display());
    }
    assert!(page.contains(&format!("content=\"{}\"", d.article.sapo)));
    assert!(page.contains("Dương Tập"));
}
