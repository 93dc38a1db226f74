//! Export speed: an article with the ten 12 MP phone photos to one
//! self-contained HTML file, against the floor of processing those photos
//! alone (decode, resize, encode) spread over all cores.
//!
//! `cargo bench --bench export` (needs ../shared/photos).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use tinxa::article::{Article, Photo};
use tinxa::draft::{PHOTOS_DIR, Store};
use tinxa::export::{self, Format, Options};
use tinxa::photo::{self, PhotoOptions};

#[path = "support/photos.rs"]
mod photos;
use photos::phone_photos;

fn bench(c: &mut Criterion) {
    let photos = phone_photos();
    let opts = PhotoOptions::default();
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let mut a = Article::new();
    a.title = "Mười ảnh hội nghị".into();
    a.byline = "Dương Tập".into();
    let mut body = Vec::new();
    let mut draft = store.create(a).unwrap();
    std::fs::create_dir_all(draft.dir.join(PHOTOS_DIR)).unwrap();
    for (i, p) in photos.iter().enumerate() {
        let file = p.file_name().unwrap().to_string_lossy().replace('_', "-");
        std::fs::copy(p, draft.dir.join(PHOTOS_DIR).join(&file)).unwrap();
        let id = i as u32 + 1;
        draft.article.photos.push(Photo {
            id,
            file,
            caption: format!("Ảnh {id}"),
            alt: "Ảnh".into(),
            ..Default::default()
        });
        body.push(format!("Đoạn văn số {id} của bài viết."));
        body.push(tinxa::article::marker(id));
    }
    draft.article.body = body.join("\n\n");
    draft.save().unwrap();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("bai.html");
    let export_opts = Options {
        format: Format::Html,
        photo: opts,
        skip_bad_photos: false,
    };

    let done = export::export(&draft, &dest, &export_opts, &|_, _| {}).unwrap();
    let size = std::fs::metadata(&done.path).unwrap().len();
    eprintln!(
        "self-contained HTML with 10 photos: {size} bytes ({:.2} MB)",
        size as f64 / 1e6
    );

    let mut g = c.benchmark_group("ten_phone_photos");
    g.sample_size(10);
    g.bench_function("floor_process_many", |b| {
        b.iter(|| {
            let r = photo::process_many(&photos, &opts);
            assert!(r.iter().all(Result::is_ok));
        })
    });
    g.bench_function("export_html", |b| {
        b.iter(|| export::export(&draft, &dest, &export_opts, &|_, _| {}).unwrap())
    });
    g.bench_function("one_photo_process", |b| {
        b.iter(|| photo::process(Path::new(&photos[0]), &opts).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
