//! The .docx export, read back by Tin Xã, LibreOffice, pandoc and python-docx.

use super::tools::need;
use super::*;

/// The shared sample with headings, lists, emphasis, a link, a line break
/// and three photos with captions, credits and alt texts.
pub(crate) fn rich_sample(store: &Store) -> Draft {
    let mut d = tinxa::sample::create(store).unwrap();
    for (n, file) in ["photo01_EveningGlow.jpg", "photo03_ColdRipple.jpg"]
        .iter()
        .enumerate()
    {
        let id = d.add_photo(&Path::new(PHOTOS).join(file)).unwrap();
        let p = d.article.photo_mut(id).unwrap();
        p.caption = format!("Quang cảnh hội nghị, góc {}", n + 1);
        p.credit = "Hoàng Thu".into();
        p.alt = format!("Hội trường nhìn từ phía sau, ảnh {}", n + 1);
        d.article.place_photo(id, 2 + 2 * n);
    }
    d.article.body.push_str(
        "\n\n## Các văn bản được quán triệt\n\n\
         Hội nghị nhấn mạnh **ba nội dung** và *hai yêu cầu*:\n\n\
         1. Nghị quyết số 46-NQ/TW;\n\
         2. Quy định số 131-QĐ/TW:\n    - về kiểm tra, giám sát;\n    - về thanh tra.\n\n\
         ### Ý kiến tại điểm cầu\n\n\
         Xem toàn văn tại [Cổng thông tin điện tử tỉnh](https://backan.gov.vn).\\\n\
         Dòng thứ hai của đoạn.",
    );
    d.article.byline = "Mai Lan".into();
    d.save().unwrap();
    d
}

fn export_docx(d: &Draft, dir: &Path) -> PathBuf {
    let opts = Options {
        format: Format::Docx,
        ..Default::default()
    };
    export::export(d, &dir.join("bai.docx"), &opts, &|_, _| {})
        .unwrap()
        .path
}

fn texts(a: &Article) -> Vec<String> {
    Document::from_article(a).plain_texts()
}

#[test]
fn export_then_import_gives_the_same_article() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let d = rich_sample(&store);
    let file = export_docx(&d, t.path());
    let (back, notices) = import::import_file(&store, &file).unwrap();
    let (a, b) = (&d.article, &back.article);
    assert_eq!(b.title, a.title);
    assert_eq!(b.sapo, a.sapo);
    assert_eq!(b.byline, a.byline);
    assert_eq!((b.place.as_str(), b.date), ("xã Cao Sơn", a.date));
    assert_eq!(texts(b), texts(a), "{}", b.body);
    let meta = |x: &Article| -> Vec<(String, String, String)> {
        x.placed_ids()
            .iter()
            .map(|id| {
                let p = x.photo(*id).unwrap();
                (p.caption.clone(), p.credit.clone(), p.alt.clone())
            })
            .collect()
    };
    assert_eq!(meta(b), meta(a));
    assert!(report(&notices).contains("Đã thêm 3 ảnh"));
    // The body keeps its structure, not only its words.
    for piece in [
        "## Các văn bản được quán triệt",
        "**ba nội dung** và *hai yêu cầu*",
        "1. Nghị quyết số 46-NQ/TW;\n2. Quy định số 131-QĐ/TW:\n    - về kiểm tra, giám sát;",
        "### Ý kiến tại điểm cầu",
        "[Cổng thông tin điện tử tỉnh](https://backan.gov.vn).\\\nDòng thứ hai",
    ] {
        assert!(b.body.contains(piece), "{piece:?} not in\n{}", b.body);
    }
}

#[test]
fn export_is_a4_times_vietnamese_with_the_html_exports_photos() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let d = rich_sample(&store);
    let file = export_docx(&d, t.path());
    let mut z = zip::ZipArchive::new(fs::File::open(&file).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        // Every part is well-formed XML.
        let mut x = quick_xml::Reader::from_str(&s);
        while !matches!(x.read_event().unwrap(), quick_xml::events::Event::Eof) {}
        s
    };
    let styles = part("word/styles.xml");
    assert!(styles.contains("w:ascii=\"Times New Roman\""));
    assert!(styles.contains("<w:sz w:val=\"28\"/>"));
    assert!(styles.contains("<w:lang w:val=\"vi-VN\""));
    for id in [
        "Title",
        "Sapo",
        "Dateline",
        "Heading2",
        "Caption",
        "Byline",
        "ListParagraph",
    ] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "{id}");
    }
    let doc = part("word/document.xml");
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(doc.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""));
    assert!(doc.contains("descr=\"Hội trường nhìn từ phía sau, ảnh 1\""));
    assert!(doc.contains("Quang cảnh hội nghị, góc 1 (Ảnh: Hoàng Thu)"));
    assert!(doc.contains("xã Cao Sơn, ngày 25 tháng 01 năm 2024"));
    let last = doc.rfind("<w:p>").unwrap();
    assert!(doc[last..].contains("Byline") && doc[last..].contains("Mai Lan"));
    part("word/numbering.xml");
    part("[Content_Types].xml");
    // Photos: the very bytes the HTML export's photo processing gives.
    let p = d.article.photo(2).unwrap();
    let expected = tinxa::photo::process(&d.photo_path(p).unwrap(), &Default::default()).unwrap();
    let mut found = false;
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().starts_with("word/media/") {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut v).unwrap();
            assert!(v.starts_with(&[0xFF, 0xD8, 0xFF]), "{} is JPEG", f.name());
            found |= v == expected.bytes;
        }
    }
    assert!(found, "the docx holds the processed copy of photo 2");
}

fn need_tool(name: &str, probe: &[&str]) -> bool {
    let found = Command::new(name)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    need(name, found)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every expected text appears in `got`, in order (spaces squashed).
fn in_order(got: &str, expected: &[String], tool: &str) {
    let got = squash(&got.replace('\u{00A0}', " "));
    let mut at = 0;
    for e in expected {
        let e = squash(e);
        match got[at..].find(&e) {
            Some(i) => at += i + e.len(),
            None => panic!("{tool}: {e:?} missing or out of order in\n{got}"),
        }
    }
}

/// What a reader of the export must show, in order: the fields and every
/// paragraph, each caption with its credit.
fn expected_texts(a: &Article) -> Vec<String> {
    let mut v = vec![a.title.clone(), a.sapo.clone()];
    let doc = Document::from_article(a);
    for block in &doc.blocks {
        if let tinxa::doc::Block::Photo(p) = block {
            v.push(format!("{} (Ảnh: {})", p.caption, p.credit));
        } else {
            let one = Document {
                title: String::new(),
                sapo: String::new(),
                blocks: vec![block.clone()],
                byline: String::new(),
                place: String::new(),
                date: None,
                category: String::new(),
                tags: Vec::new(),
            };
            v.extend(one.plain_texts());
        }
    }
    v.push(a.byline.clone());
    v
}

#[test]
fn libreoffice_prints_every_paragraph_and_the_photos() {
    if !need_tool("soffice", &["--version"]) || !need_tool("pdftotext", &["-v"]) {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let d = rich_sample(&store);
    let file = export_docx(&d, t.path());
    let out = t.path().join("pdf");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo",
            t.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    let pdf = out.join("bai.pdf");
    assert!(
        pdf.is_file(),
        "soffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    in_order(
        &String::from_utf8_lossy(&text.stdout),
        &expected_texts(&d.article),
        "LibreOffice PDF",
    );
    if need_tool("pdfimages", &["-v"]) {
        let list = Command::new("pdfimages")
            .arg("-list")
            .arg(&pdf)
            .output()
            .unwrap();
        let images = String::from_utf8_lossy(&list.stdout)
            .lines()
            .skip(2)
            .count();
        assert_eq!(images, 3, "{}", String::from_utf8_lossy(&list.stdout));
    }
}

#[test]
fn pandoc_reads_the_export_in_order() {
    if !need_tool("pandoc", &["--version"]) {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let d = rich_sample(&store);
    let file = export_docx(&d, t.path());
    let o = Command::new("pandoc")
        .args(["-f", "docx", "-t", "plain", "-s", "--wrap=none"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    in_order(
        &String::from_utf8_lossy(&o.stdout),
        &expected_texts(&d.article),
        "pandoc",
    );
}

#[test]
fn python_docx_reads_the_export_in_order() {
    if !need_tool("python3", &["-c", "import docx"]) {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let d = rich_sample(&store);
    let file = export_docx(&d, t.path());
    let o = Command::new("python3")
        .args([
            "-c",
            "import sys, docx\nd = docx.Document(sys.argv[1])\nprint(d.core_properties.title)\n\
             print('\\n'.join(p.text for p in d.paragraphs))\nprint(len(d.inline_shapes))",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with(&d.article.title));
    assert_eq!(
        out.trim_end().lines().last(),
        Some("3"),
        "three inline pictures"
    );
    in_order(&out, &expected_texts(&d.article), "python-docx");
}
