//! Photo edits cost nothing extra: the ten 12 MP phone photos exported to one
//! self-contained HTML page, with every photo cropped to 16:9 and turned a
//! quarter, against the same export without edits, side by side.
//!
//! `cargo bench --no-default-features --bench photo_edit` (needs ../shared/photos).
//! After criterion's figures it prints the edited/plain ratio from interleaved
//! runs (target: at most 1.05).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use tinxa::article::{Article, Photo};
use tinxa::draft::{Draft, PHOTOS_DIR, Store};
use tinxa::export::{self, Format, Options};
use tinxa::photo::{PhotoEdit, PhotoOptions};

#[path = "support/photos.rs"]
mod photos;
use photos::phone_photos;

/// A draft with the ten photos placed; `edit` gives each photo its edit.
fn draft(store: &Store, edit: impl Fn(u32, u32) -> PhotoEdit) -> Draft {
    let mut a = Article::new();
    a.title = "Mười ảnh hội nghị".into();
    a.byline = "Dương Tập".into();
    let mut d = store.create(a).unwrap();
    std::fs::create_dir_all(d.dir.join(PHOTOS_DIR)).unwrap();
    let mut body = Vec::new();
    for (i, p) in phone_photos().iter().enumerate() {
        let file = p.file_name().unwrap().to_string_lossy().replace('_', "-");
        std::fs::copy(p, d.dir.join(PHOTOS_DIR).join(&file)).unwrap();
        let info = tinxa::photo::probe(p).unwrap();
        let id = i as u32 + 1;
        d.article.photos.push(Photo {
            id,
            file,
            caption: format!("Ảnh {id}"),
            alt: "Ảnh".into(),
            edit: edit(info.width, info.height),
            ..Default::default()
        });
        body.push(format!("Đoạn văn số {id} của bài viết."));
        body.push(tinxa::article::marker(id));
    }
    d.article.body = body.join("\n\n");
    d.save().unwrap();
    d
}

fn bench(c: &mut Criterion) {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let plain = draft(&store, |_, _| PhotoEdit::default());
    let edited = draft(&store, |w, h| {
        let mut e = PhotoEdit::default();
        e.rotate_by(1);
        e.crop = Some(e.centered_crop(w, h, 16, 9));
        e
    });
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("bai.html");
    let opts = Options {
        format: Format::Html,
        photo: PhotoOptions::default(),
        skip_bad_photos: false,
    };
    let run = |d: &Draft| export::export(d, &dest, &opts, &|_, _| {}).unwrap();

    let mut g = c.benchmark_group("ten_photos_edits");
    g.sample_size(10);
    g.bench_function("export_html_no_edits", |b| b.iter(|| run(&plain)));
    g.bench_function("export_html_cropped_and_rotated", |b| {
        b.iter(|| run(&edited))
    });
    g.finish();

    // Interleaved, so load from other programs hits both alike.
    let mut ratios = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        run(&plain);
        let p = t.elapsed().as_secs_f64();
        let t = Instant::now();
        run(&edited);
        ratios.push(t.elapsed().as_secs_f64() / p);
    }
    ratios.sort_by(f64::total_cmp);
    eprintln!(
        "cropped+rotated / no edits, median of 7 interleaved pairs: {:.3} (min {:.3}, max {:.3})",
        ratios[3], ratios[0], ratios[6]
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
