//! Word in, Word out: .docx files made by pandoc, LibreOffice, python-docx
//! and Word (tests/fixtures/docx/README.md names each producer) imported
//! into drafts; bad files refused with one line and exit 2; the .docx export
//! read back by Tin Xã, LibreOffice (to PDF), pandoc and python-docx.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tinxa::article::{Article, Photo, marker};
use tinxa::doc::Document;
use tinxa::draft::{Draft, Store};
use tinxa::export::{self, Format, Options};
use tinxa::import::{self, ImportNotice, docx, rich};
use tinxa::lang::Lang;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx");
const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIX).join(name)
}

fn import(name: &str) -> (tempfile::TempDir, Draft, Vec<ImportNotice>) {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let (d, notices) = import::import_file(&store, &fixture(name)).unwrap();
    (t, d, notices)
}

fn report(notices: &[ImportNotice]) -> String {
    notices
        .iter()
        .map(|n| n.message(Lang::Vi))
        .collect::<Vec<_>>()
        .join("\n")
}

fn one_photo(d: &Draft) -> &Photo {
    assert_eq!(d.article.photos.len(), 1, "{:?}", d.article.photos);
    let p = &d.article.photos[0];
    assert!(d.article.body.contains(&marker(p.id)), "{}", d.article.body);
    assert!(d.photo_path(p).unwrap().is_file());
    p
}

#[test]
fn pandoc_document_lands_in_its_fields() {
    let (_t, d, notices) = import("pandoc.docx");
    let a = &d.article;
    assert_eq!(
        a.title,
        "Xã Cao Sơn tổ chức hội nghị quán triệt văn bản mới"
    );
    assert!(
        a.sapo
            .starts_with("Sáng ngày 25/01/2024, Đảng ủy xã Cao Sơn")
    );
    assert_eq!(a.byline, "Mai Lan");
    let p = one_photo(&d);
    assert_eq!(p.caption, "Hội nghị tại điểm cầu xã Cao Sơn");
    assert_eq!(p.credit, "Mai Lan");
    let body = &a.body;
    assert!(body.contains("\n\n## Nội dung chính\n\n"), "{body}");
    assert!(body.contains("- Nghị quyết số 46-NQ/TW của Bộ Chính trị;\n"));
    assert!(body.contains("\n    - trong công tác kiểm tra, giám sát;\n"));
    assert!(body.contains("[Cổng thông tin tỉnh](https://backan.gov.vn)"));
    assert!(body.contains("*trong không khí phấn khởi*./."));
    assert!(!body.contains("Mai Lan"), "the byline left the body");
    assert!(report(&notices).contains("Đã thêm 1 ảnh"));
}

#[test]
fn libreoffice_document_lands_in_its_fields() {
    let (_t, d, _) = import("libreoffice.docx");
    let a = &d.article;
    assert_eq!(
        a.title,
        "Xã Cao Sơn tổ chức hội nghị quán triệt văn bản mới"
    );
    assert!(a.sapo.starts_with("Sáng ngày 25/01/2024"));
    assert_eq!(a.byline, "Mai Lan");
    let p = one_photo(&d);
    assert_eq!(
        (p.caption.as_str(), p.credit.as_str()),
        ("Hội nghị tại điểm cầu xã Cao Sơn", "Mai Lan")
    );
    assert!(a.body.contains("## Nội dung chính"));
    assert!(a.body.contains("    - trong hoạt động thanh tra."));
}

#[test]
fn python_docx_document_strict_and_bom_variants_read_the_same() {
    for name in ["python-docx.docx", "strict.docx", "bom.docx"] {
        let (_t, d, _) = import(name);
        let a = &d.article;
        assert_eq!(a.title, "Nông dân Cao Sơn thu hoạch lúa xuân", "{name}");
        assert!(a.sapo.starts_with("Những ngày này"), "{name}");
        assert_eq!(a.byline, "Hoàng Thu", "{name}");
        let p = one_photo(&d);
        assert_eq!(p.caption, "Cánh đồng thôn Nà Ngần vào vụ thu hoạch");
        assert_eq!(p.credit, "Hoàng Thu");
        assert_eq!(p.alt, "Ruộng lúa chín vàng bên bờ nước");
        assert!(
            a.body.contains("- Khang dân 18\n- Bắc thơm số 7"),
            "{name}: {}",
            a.body
        );
        assert!(a.body.trim_end().ends_with("tránh mưa đá./."), "{name}");
    }
}

#[test]
fn vntime_in_the_normal_style_only_becomes_unicode() {
    let (_t, d, notices) = import("vntime.docx");
    let a = &d.article;
    // .VnTimeH draws capitals: its text becomes upper case.
    assert_eq!(a.title, "HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM");
    assert_eq!(
        a.body,
        "Sáng nay, Uỷ ban nhân dân xã Cao Sơn tổ chức hội nghị tổng kết công tác năm 2023.\n\n\
         Đồng chí Chủ tịch phát biểu chỉ đạo, đề nghị các thôn tiếp tục đẩy mạnh phong trào thi đua."
    );
    assert!(report(&notices).contains("phông .VnTime (TCVN3)"));
}

#[test]
fn administrative_report_keeps_only_its_news() {
    let (_t, d, notices) = import("nd30-report.docx");
    let a = &d.article;
    assert_eq!(
        a.title,
        "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023"
    );
    assert_eq!(a.place, "Cao Sơn");
    assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2024, 1, 25));
    assert!(a.body.starts_with("Thực hiện Kế hoạch số 10/KH-UBND"));
    assert!(a.body.trim_end().ends_with("xã Cao Sơn./."));
    for gone in [
        "CỘNG HÒA",
        "Số: 15",
        "Nơi nhận",
        "CHỦ TỊCH",
        "Nguyễn Văn Bình",
        "BÁO CÁO",
    ] {
        assert!(!a.body.contains(gone), "{gone} in {}", a.body);
    }
    assert!(report(&notices).contains("Văn bản hành chính"));
}

#[test]
fn word_saved_documents() {
    let (_t, d, _) = import("word/par-hyperlinks.docx");
    assert!(d.article.body.contains(
        "Three hyperlinks: [the first one](http://google.com/) here, the [second one](http://python.org/), and the [third](http://yahoo.com/)."
    ));
    let (_t, d, notices) = import("word/shp-inline-shape-access.docx");
    assert_eq!(d.article.photos.len(), 2);
    let r = report(&notices);
    for line in [
        "1 ảnh liên kết",
        "1 biểu đồ",
        "1 đối tượng nhúng",
        "Đã thêm 2 ảnh",
    ] {
        assert!(r.contains(line), "{line} not in {r}");
    }
    let (_t, d, _) = import("word/having-images.docx");
    assert_eq!(d.article.photos.len(), 5);
    assert_eq!(d.article.placed_ids(), vec![1, 2, 3, 4, 5]);
    let (_t, d, notices) = import("word/blk-paras-and-tables.docx");
    assert!(
        d.article
            .body
            .contains("- Text before; Table; Between; Text after")
    );
    assert!(report(&notices).contains("1 bảng"));
}

fn tinxa(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tinxa"))
        .args(args)
        .env("TINXA_HOME", home)
        .env_remove("TINXA_LANG")
        .output()
        .expect("binary runs")
}

/// The largest resident size any waited-for child reached, in bytes.
#[cfg(unix)]
fn children_max_rss() -> u64 {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    u64::try_from(u.ru_maxrss).unwrap_or(0) * 1024
}

#[test]
fn bad_files_get_one_line_exit_2_and_leave_nothing() {
    let home = tempfile::tempdir().unwrap();
    let cases = [
        ("bad-old.doc", "lưu lại thành .docx"),
        ("bad-encrypted.docx", "mật khẩu"),
        ("bad-odt.odt", "LibreOffice"),
        ("bad-notzip.docx", "không phải tệp Word"),
        ("bad-truncated.docx", "bị cắt cụt"),
        ("bad-bomb.docx", "quá lớn"),
        ("bad-entities.docx", "DOCTYPE"),
        ("bad-oversized.docx", "quá lớn"),
    ];
    for (name, words) in cases {
        let started = Instant::now();
        let o = tinxa(home.path(), &["import", &fixture(name).to_string_lossy()]);
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(name) && err.contains(words), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}");
        assert!(took < Duration::from_secs(2), "{name} took {took:?}");
        let drafts = home.path().join("drafts");
        let left = fs::read_dir(&drafts).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 0, "{name} left a draft behind");
    }
    #[cfg(unix)]
    assert!(
        children_max_rss() < 200 << 20,
        "a bad file took {} MB",
        children_max_rss() >> 20
    );
}

#[test]
fn cli_import_reports_on_stderr_and_exits_0() {
    let home = tempfile::tempdir().unwrap();
    let o = tinxa(
        home.path(),
        &[
            "import",
            &fixture("word/shp-inline-shape-access.docx").to_string_lossy(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Bỏ qua 1 biểu đồ."), "{err}");
    let id = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    assert!(
        home.path()
            .join("drafts")
            .join(&id)
            .join("article.ron")
            .is_file()
    );
}

/// A minimal package around `document` (and extra parts), for the corners
/// the fixtures do not reach.
fn package(document: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default();
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.vn/a" TargetMode="External"/>"#,
    );
    for (name, _) in extra {
        let kind = name.trim_end_matches(".xml");
        rels.push_str(&format!(
            r#"<Relationship Id="r{kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
    let mut parts = vec![
        ("[Content_Types].xml".to_owned(), "<Types/>".to_owned()),
        (
            "word/document.xml".to_owned(),
            format!("<w:document {w}><w:body>{document}</w:body></w:document>"),
        ),
        ("word/_rels/document.xml.rels".to_owned(), rels),
    ];
    for (name, xml) in extra {
        let root = if name.starts_with("foot") {
            "footnotes"
        } else {
            "styles"
        };
        parts.push((
            format!("word/{name}"),
            format!("<w:{root} {w}>{xml}</w:{root}>"),
        ));
    }
    for (name, body) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

fn md(document: &str, extra: &[(&str, &str)]) -> String {
    let doc = docx::read(&package(document, extra)).unwrap();
    rich::body_markdown(doc, 1).markdown
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

#[test]
fn tracked_changes_comments_fields_text_boxes_and_notes() {
    let body = [
        p(&format!(
            "{}<w:del><w:r><w:delText>xóa </w:delText></w:r></w:del><w:ins>{}</w:ins>\
             <w:commentRangeStart w:id=\"0\"/>{}<w:r><w:commentReference w:id=\"0\"/></w:r>",
            r("Giữ "),
            r("thêm "),
            r("cuối.")
        )),
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"https://tinxa.vn/\" </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> và </w:t></w:r>\
             <w:hyperlink r:id=\"rLink\">{}</w:hyperlink>{}",
            r("trang chủ"),
            r("ví dụ"),
            "<w:r><w:br/></w:r>"
        )),
        p(&format!(
            "{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>\
             <w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
            r("Có chú thích"),
            p(&r("Chữ trong hộp")),
            p(&r("Chữ trong hộp"))
        )),
    ]
    .concat();
    let notes = format!(
        "<w:footnote w:type=\"separator\" w:id=\"-1\">{}</w:footnote><w:footnote w:id=\"2\">{}</w:footnote>",
        p(&r("---")),
        p(&r("Theo báo cáo của xã."))
    );
    let out = md(&body, &[("footnotes.xml", &notes)]);
    assert_eq!(
        out,
        "Giữ thêm cuối.\n\n[trang chủ](https://tinxa.vn/) và [ví dụ](https://example.vn/a)\n\n\
         Có chú thích\\[1\\]\n\nChữ trong hộp\n\n**Chú thích**\n\n1. Theo báo cáo của xã."
    );
}

#[test]
fn styles_give_headings_lists_and_fonts() {
    let styles = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Modern"><w:name w:val="Modern"/><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>"#;
    let body = [
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr>{}</w:p>",
            r("Môc tiªu")
        ),
        p(&r("Céng hßa")),
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Modern\"/></w:pPr>{}</w:p>",
            r("Cộng hòa &amp; “ngoặc”")
        ),
        p(&r("* không phải danh sách")),
    ]
    .concat();
    let out = md(&body, &[("styles.xml", styles)]);
    assert_eq!(
        out,
        "## Mục tiêu\n\nCộng hòa\n\nCộng hòa & “ngoặc”\n\n\\* không phải danh sách"
    );
}

#[test]
fn arbitrary_bytes_are_a_problem_not_a_panic() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    ] {
        assert!(docx::read(bytes).is_err());
    }
    let broken = package("<w:p><w:r><w:t>mở</w:r></w:p>", &[]);
    assert!(matches!(
        docx::read(&broken),
        Err(docx::Problem::Damaged(_))
    ));
}

mod roundtrip;
#[path = "../support/tools.rs"]
mod tools;
