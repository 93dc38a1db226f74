//! Word speed, on this machine's 2 cores:
//! - importing a 20-page .docx holding the ten 12 MP phone photos (target
//!   ≤ 1.5 s);
//! - exporting the sample + those ten photos as .docx next to the HTML
//!   export of the same draft, in one group (target: docx ≤ 1.2 × HTML).
//!
//! `cargo bench --bench docx` (needs ../shared/photos and ../shared/samples).

use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use tinxa::article::marker;
use tinxa::draft::{Draft, Store};
use tinxa::export::{self, Format, Options};
use tinxa::import::docx;

#[path = "support/photos.rs"]
mod photos;
use photos::phone_photos;
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cao-son-2024-01-25.txt"
);

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Word-shaped .docx: the sample's paragraphs repeated to about 20 A4
/// pages (≈ 11,000 words), a heading every page, and a 12 MP photo with a
/// Caption-style caption every two pages, each photo stored as it is.
fn twenty_pages(path: &Path, photos: &[PathBuf]) {
    let sample = std::fs::read_to_string(SAMPLE).expect("../shared/samples");
    let paras: Vec<&str> = sample
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
             xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
             xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
             xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
    let mut body = String::new();
    let mut rels = String::new();
    let mut words = 0;
    for page in 0..20 {
        body.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>Phần {}</w:t></w:r></w:p>",
            page + 1
        ));
        let mut on_page = 0;
        for p in paras.iter().cycle() {
            if on_page > 520 {
                break;
            }
            on_page += p.split_whitespace().count();
            body.push_str(&format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(p.trim())
            ));
        }
        words += on_page;
        if page % 2 == 1 {
            let n = page / 2 + 1;
            body.push_str(&format!(
                "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx=\"5760000\" cy=\"4320000\"/>\
<wp:docPr id=\"{n}\" name=\"Ảnh {n}\" descr=\"Ảnh hội nghị số {n}\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:blipFill><a:blip r:embed=\"rImg{n}\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>\
<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr><w:r><w:t>Quang cảnh hội nghị {n} (Ảnh: Hoàng Thu)</w:t></w:r></w:p>"
            ));
            rels.push_str(&format!(
                "<Relationship Id=\"rImg{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image{n}.jpg\"/>"
            ));
        }
    }
    eprintln!("20-page document: {words} words, 10 photos");
    let styles = format!(
        "<w:styles {w}><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style></w:styles>"
    );
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, bytes: &[u8], stored: bool| {
        let o = if stored {
            o.compression_method(zip::CompressionMethod::Stored)
        } else {
            o
        };
        z.start_file(name, o).unwrap();
        z.write_all(bytes).unwrap();
    };
    put(
        "[Content_Types].xml",
        b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        false,
    );
    put(
        "word/document.xml",
        format!("<w:document {w}><w:body>{body}</w:body></w:document>").as_bytes(),
        false,
    );
    put("word/styles.xml", styles.as_bytes(), false);
    put(
        "word/_rels/document.xml.rels",
        format!(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}\
<Relationship Id=\"rStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
        )
        .as_bytes(),
        false,
    );
    for (i, p) in photos.iter().enumerate() {
        put(
            &format!("word/media/image{}.jpg", i + 1),
            &std::fs::read(p).unwrap(),
            true,
        );
    }
    z.finish().unwrap();
}

fn sample_with_photos(store: &Store, photos: &[PathBuf]) -> Draft {
    let mut d = tinxa::sample::create(store).unwrap();
    let paragraphs = d.article.body.split("\n\n").count();
    for (i, p) in photos.iter().enumerate() {
        let id = d.add_photo(p).unwrap();
        let ph = d.article.photo_mut(id).unwrap();
        ph.caption = format!("Quang cảnh hội nghị {}", i + 1);
        ph.credit = "Hoàng Thu".into();
        ph.alt = format!("Ảnh số {}", i + 1);
        d.article
            .place_photo(id, (i + 1) * paragraphs / (photos.len() + 1));
    }
    d.save().unwrap();
    assert_eq!(d.article.placed_ids().len(), 11);
    d
}

fn bench(c: &mut Criterion) {
    let photos = phone_photos();
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("bao-cao-20-trang.docx");
    twenty_pages(&input, &photos);
    eprintln!(
        "input .docx: {:.1} MB",
        std::fs::metadata(&input).unwrap().len() as f64 / 1e6
    );
    let store = Store::new(work.path().join("home"));
    let (d, _) = docx::import_file(&store, &input).unwrap();
    assert_eq!(d.article.photos.len(), 10);
    assert!(d.article.body.contains(&marker(10)));

    let mut g = c.benchmark_group("docx_import");
    g.sample_size(10);
    g.bench_function("twenty_pages_ten_12mp_photos", |b| {
        b.iter(|| {
            let (d, _) = docx::import_file(&store, &input).unwrap();
            // Keep the disk from filling over the samples.
            std::fs::remove_dir_all(&d.dir).unwrap();
        })
    });
    g.finish();

    let draft = sample_with_photos(&store, &photos);
    let out = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("export_sample_ten_photos");
    g.sample_size(10);
    for format in [Format::Html, Format::Docx] {
        let opts = Options {
            format,
            ..Default::default()
        };
        let dest = out.path().join(format!("bai.{}", format.ext()));
        let done = export::export(&draft, &dest, &opts, &|_, _| {}).unwrap();
        eprintln!(
            "{format}: {:.2} MB",
            std::fs::metadata(&done.path).unwrap().len() as f64 / 1e6
        );
        g.bench_function(format.name(), |b| {
            b.iter(|| export::export(&draft, &dest, &opts, &|_, _| {}).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
