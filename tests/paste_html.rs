//! The HTML front end of the rich-text mapper: clipboard HTML from Word
//! (with Windows' CF_HTML framing), LibreOffice and Google Docs, a web page,
//! and HTML that LibreOffice writes from a Vietnamese document at test time.

#[path = "support/tools.rs"]
mod tools;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tinxa::import::html::{self, Options};
use tinxa::import::rich::{self, Note, Skip};
use tinxa::lang::Lang;

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name);
    std::fs::read_to_string(p).expect("fixture")
}

/// The paste as a reviewer reads it: the Markdown, the photos, the report.
fn summary(piece: &rich::Piece) -> String {
    let mut s = piece.markdown.clone();
    s.push_str("\n\n--- photos\n");
    for p in &piece.photos {
        writeln!(
            s,
            "{}: {} bytes {:?} alt={:?} caption={:?} credit={:?}",
            p.photo.id,
            p.picture.bytes.len(),
            p.picture.format,
            p.photo.alt,
            p.photo.caption,
            p.photo.credit
        )
        .unwrap();
    }
    s.push_str("--- report\n");
    for n in &piece.report {
        writeln!(s, "{}", n.message(Lang::Vi)).unwrap();
    }
    s
}

fn paste(html: &str, opts: &Options) -> rich::Piece {
    let piece = rich::body_markdown(html::read(html, opts), 1);
    assert!(tinxa::text::is_nfc(&piece.markdown));
    piece
}

fn web_skipped(piece: &rich::Piece) -> usize {
    piece
        .report
        .iter()
        .map(|n| match n {
            Note::Skipped {
                what: Skip::WebPicture,
                count,
            } => *count,
            _ => 0,
        })
        .sum()
}

fn png(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 90]))
        .save(&p)
        .unwrap();
    p
}

#[test]
fn cf_html_framing_is_cut_by_its_byte_offsets() {
    let framed = fixture("word_clipboard_cfhtml.txt");
    let inner = html::strip_cf_html(&framed);
    assert!(inner.starts_with("<html xmlns:v="), "{}", &inner[..40]);
    assert!(inner.trim_end().ends_with("</html>"));
    // Offsets past the end or inside a character: the header is cut off.
    let bad = "Version:0.9\r\nStartHTML:0000000999\r\nEndHTML:0000009999\r\n<p>Đông</p>";
    assert_eq!(html::strip_cf_html(bad), "<p>Đông</p>");
    let mid = "Version:0.9\r\nStartHTML:0000000047\r\nEndHTML:0000000050\r\n<p>Đ</p>";
    assert_eq!(html::strip_cf_html(mid), "<p>Đ</p>");
    assert_eq!(html::strip_cf_html("<b>x</b>"), "<b>x</b>");
}

#[test]
fn word_clipboard() {
    let framed = fixture("word_clipboard_cfhtml.txt");
    // Without the clip file (it lived in Word's temp folder): skipped, counted.
    let piece = paste(&framed, &Options::default());
    assert!(piece.photos.is_empty());
    assert!(piece.report.contains(&Note::Skipped {
        what: Skip::LinkedPicture,
        count: 1
    }));
    // With it readable (on the Windows machine that copied it).
    let dir = tempfile::tempdir().unwrap();
    let clip = png(dir.path(), "clip_image001.png");
    let url = format!("file://{}", clip.display());
    let framed = framed.replace(
        "file:///C:/Users/Lan/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png",
        &url,
    );
    // The header's offsets no longer fit: the framing is still dropped.
    let piece = paste(
        &framed,
        &Options {
            read_files: true,
            ..Options::default()
        },
    );
    assert_eq!(piece.photos.len(), 1);
    assert!(!piece.markdown.contains('·'), "{}", piece.markdown);
    insta::assert_snapshot!("word_clipboard", summary(&piece));
}

#[test]
fn libreoffice_clipboard() {
    let piece = paste(&fixture("libreoffice_clipboard.html"), &Options::default());
    assert_eq!(piece.photos.len(), 1);
    insta::assert_snapshot!("libreoffice_clipboard", summary(&piece));
}

#[test]
fn google_docs_clipboard() {
    let piece = paste(&fixture("gdocs_clipboard.html"), &Options::default());
    assert_eq!(web_skipped(&piece), 1);
    assert!(!piece.markdown.contains("javascript"));
    // The document-wide <b style="font-weight:normal"> wrapper is no bold.
    assert!(piece.markdown.contains("Chiều 25/11, **Hội Nông dân xã**"));
    insta::assert_snapshot!("google_docs_clipboard", summary(&piece));
}

#[test]
fn web_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("uploads/2026/11")).unwrap();
    png(dir.path(), "uploads/2026/11/tiem-phong.jpg");
    let html = fixture("web_page.html").replace("src=\"/uploads", "src=\"uploads");
    let piece = paste(
        &html,
        &Options {
            base: Some(dir.path().to_path_buf()),
            read_files: true,
        },
    );
    assert!(!piece.markdown.contains("javascript"));
    assert!(!piece.markdown.contains("dataLayer"));
    assert_eq!(web_skipped(&piece), 1);
    assert_eq!(piece.photos.len(), 1);
    insta::assert_snapshot!("web_page", summary(&piece));
}

#[test]
fn pasted_markdown_reads_back_as_what_was_copied() {
    // The body the paste makes parses to the same headings, list items and
    // emphasis with the preview's own Markdown reader.
    let piece = paste(&fixture("libreoffice_clipboard.html"), &Options::default());
    let mut a = tinxa::article::Article::new();
    a.body = piece.markdown.clone();
    let doc = tinxa::doc::Document::from_article(&a);
    let dbg = format!("{doc:?}");
    for needle in ["Kết quả", "Đoạn qua trường học", "450 ngày công"] {
        assert!(dbg.contains(needle), "{needle} missing in {dbg}");
    }
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A flat OpenDocument text: heading, bold, a nested list, a picture with
/// its caption, a table.
fn fodt(png_b64: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">Xã Tân Lập nghiệm thu đường liên thôn</text:h>
<text:p>Sáng 22/11, <text:span text:style-name="T1">Hội đồng nghiệm thu</text:span> đã kiểm tra tuyến đường dài 3 km.</text:p>
<text:h text:outline-level="2">Hạng mục</text:h>
<text:list>
 <text:list-item><text:p>Mặt đường bê tông</text:p>
  <text:list><text:list-item><text:p>Dày 18 cm</text:p></text:list-item></text:list>
 </text:list-item>
 <text:list-item><text:p>Rãnh thoát nước</text:p></text:list-item>
</text:list>
<text:p><draw:frame draw:name="Ảnh1" text:anchor-type="as-char" svg:width="4cm" svg:height="3cm"><draw:image><office:binary-data>{png_b64}</office:binary-data></draw:image></draw:frame></text:p>
<text:p><text:span text:style-name="T2">Tuyến đường mới (Ảnh: Minh Đức)</text:span></text:p>
<table:table table:name="B1"><table:table-column table:number-columns-repeated="2"/>
 <table:table-row><table:table-cell><text:p>Thôn</text:p></table:table-cell><table:table-cell><text:p>Chiều dài</text:p></table:table-cell></table:table-row>
 <table:table-row><table:table-cell><text:p>Đoài</text:p></table:table-cell><table:table-cell><text:p>1,5 km</text:p></table:table-cell></table:table-row>
</table:table>
<text:p>Nguyễn Thị Hoa</text:p>
</office:text></office:body></office:document>"#
    )
}

#[test]
fn libreoffice_saved_html_imports_with_its_photo() {
    let Some(cmd) = soffice() else {
        tools::need("LibreOffice (soffice)", false);
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pic = png(dir.path(), "src.png");
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&pic).unwrap());
    let src = dir.path().join("bai.fodt");
    std::fs::write(&src, fodt(&b64)).unwrap();
    let out = dir.path().join("out");
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let status = std::process::Command::new(cmd)
        .args([&profile, "--headless", "--convert-to", "html", "--outdir"])
        .arg(&out)
        .arg(&src)
        .output()
        .unwrap();
    let page = out.join("bai.html");
    assert!(page.exists(), "soffice made no HTML: {status:?}");
    let text = std::fs::read_to_string(&page).unwrap();
    let doc = html::read(
        &text,
        &Options {
            base: Some(out.clone()),
            read_files: true,
        },
    );
    let piece = rich::body_markdown(doc.clone(), 1);
    let md = &piece.markdown;
    for want in [
        "## Xã Tân Lập nghiệm thu đường liên thôn",
        "**Hội đồng nghiệm thu**",
        "- Mặt đường bê tông\n    - Dày 18 cm\n- Rãnh thoát nước",
        "[[Ảnh 1]]",
        "- Thôn; Chiều dài\n- Đoài; 1,5 km",
    ] {
        assert!(md.contains(want), "{want:?} missing in:\n{md}");
    }
    assert_eq!(piece.photos.len(), 1, "{md}");
    assert_eq!(piece.photos[0].photo.caption, "Tuyến đường mới");
    assert_eq!(piece.photos[0].photo.credit, "Minh Đức");
    // The field rules of a .docx import: the heading is the title.
    let mapped = rich::to_article(doc);
    assert_eq!(
        mapped.article.title,
        "Xã Tân Lập nghiệm thu đường liên thôn"
    );
}

#[path = "support/cli.rs"]
mod cli;

/// Files under `dir` whose parent folder is called `photos`.
fn photo_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if d.file_name().is_some_and(|n| n == "photos") {
                found.push(p);
            }
        }
    }
    found
}

#[test]
fn cli_imports_a_saved_page_with_the_pictures_beside_it() {
    let home = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("uploads/2026/11")).unwrap();
    png(site.path(), "uploads/2026/11/tiem-phong.jpg");
    let page = site.path().join("tiem-phong.htm");
    std::fs::write(
        &page,
        fixture("web_page.html").replace("src=\"/uploads", "src=\"uploads"),
    )
    .unwrap();
    let o = cli::tinxa(home.path(), &["import", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", cli::err(&o));
    let id = cli::out(&o).trim().to_owned();
    // The web picture is reported on stderr, in Vietnamese.
    assert!(cli::err(&o).contains("ảnh trên mạng"), "{}", cli::err(&o));
    let shown = cli::out(&cli::tinxa(home.path(), &["show", &id]));
    assert!(shown.contains("Tiêm phòng cho đàn gia súc"), "{shown}");
    assert!(shown.contains("Trâu, bò"), "{shown}");
    assert!(!shown.contains("dataLayer"), "{shown}");
    assert_eq!(photo_files(home.path()).len(), 1);
}

#[test]
fn single_line_fields_take_pasted_lines_as_one_line() {
    // What the title, byline, place and caption fields keep of a paste.
    assert_eq!(
        tinxa::text::clean_input("Hội nghị\r\ntổng kết\nnăm\t2026"),
        "Hội nghị tổng kết năm 2026"
    );
}

/// Real clipboard HTML from a LibreOffice Writer window (see
/// tests/fixtures/html/README.md): heading, bold, the bulleted list and the
/// picture where it stood, and no stray symbols.
#[test]
fn libreoffice_writer_window_clipboard() {
    let t = tempfile::tempdir().unwrap();
    let photo = t.path().join("anh.jpg");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cao-son-anh-mau.jpg"),
        &photo,
    )
    .unwrap();
    let html = fixture("libreoffice_7.4_writer_clipboard_real.html").replace(
        "file:///tmp/lu240959vdpw.tmp/lu240959vdq5_tmp_b62eb738e5538d69.jpg",
        &format!("file://{}", photo.display()),
    );
    let opts = Options {
        base: None,
        read_files: true,
    };
    let piece = paste(&html, &opts);
    let md = &piece.markdown;
    assert!(
        md.starts_with("## Xã Cao Sơn ra quân làm đường giao thông nông thôn\n\n"),
        "{md}"
    );
    assert!(
        md.contains("Sáng ngày 25/01/2024, **UBND xã Cao Sơn** tổ chức lễ ra quân"),
        "{md}"
    );
    assert!(
        md.contains("### Kết quả đạt được") || md.contains("## Kết quả đạt được"),
        "{md}"
    );
    assert!(md.contains(
        "- Hoàn thành 1,2 km đường bê tông liên thôn\n- Vận động nhân dân hiến 2.000 m² đất\n- Trồng 500 cây xanh hai bên đường"
    ), "{md}");
    let list = md.find("- Trồng 500 cây").unwrap();
    let marker = md.find("[[Ảnh 1]]").expect("the picture's marker");
    let after = md.find("Đoàn viên thanh niên").unwrap();
    assert!(list < marker && marker < after, "{md}");
    assert_eq!(piece.photos.len(), 1);
    for stray in ['·', '\u{f0b7}', '\u{0}', '\u{a0}'] {
        assert!(!md.contains(stray), "{stray:?} in {md}");
    }
    assert_eq!(md.matches("Dịp này, xã đã biểu dương").count(), 6);
}
