//! Photo edits (rotation, crop) through every export, old drafts, the cover
//! checks, captions prefilled from photos tagged by exiftool, and `tinxa photo`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use image::metadata::Orientation;
use sha2::{Digest, Sha256};
use tinxa::article::{Article, Photo, marker};
use tinxa::check::{self, PhotoFile};
use tinxa::draft::{Draft, Store};
use tinxa::export::{self, Format, Options};
use tinxa::lang::Lang;
use tinxa::photo::{self, CropRect, PhotoEdit, PhotoOptions};
use tinxa::settings::CheckLimits;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::{err, out, tinxa};

const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

fn shared(name: &str) -> PathBuf {
    Path::new(PHOTOS).join(name)
}

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(fs::read(path).unwrap()))
}

/// A draft with photo01 (4000×3000) as photo 1 and the EXIF-6 portrait
/// (shown 3000×4000) as photo 2, both placed; photo 1 is the cover.
fn two_photo_draft(t: &Path) -> Draft {
    let store = Store::new(t.join("home"));
    let mut a = Article::new();
    a.title = "Ảnh đã sửa".into();
    a.byline = "Phóng viên".into();
    let mut d = store.create(a).unwrap();
    let one = d.add_photo(&shared("photo01_EveningGlow.jpg")).unwrap();
    let two = d
        .add_photo(&shared("exif_orientation6_TwoWings.jpg"))
        .unwrap();
    for id in [one, two] {
        let p = d.article.photo_mut(id).unwrap();
        p.caption = format!("Ảnh {id}");
        p.alt = format!("Mô tả {id}");
    }
    d.article.body = format!(
        "Đoạn một.\n\n{}\n\nĐoạn hai.\n\n{}",
        marker(one),
        marker(two)
    );
    d.article.cover = Some(one);
    d.save().unwrap();
    d
}

fn export_to(d: &Draft, dir: &Path, format: Format) -> PathBuf {
    let opts = Options {
        format,
        ..Default::default()
    };
    export::export(d, dir, &opts, &|_, _| {}).unwrap().path
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

/// The pixel sizes of the images an export wrote, in document order.
fn exported_sizes(path: &Path, format: Format) -> Vec<(u32, u32)> {
    let images_dir = |p: &Path| {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        p.parent().unwrap().join(format!("{stem}-images"))
    };
    let from_refs = |text: &str, dir: &Path, prefix: &str| -> Vec<(u32, u32)> {
        text.match_indices(prefix)
            .map(|(at, _)| {
                let rest = &text[at + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| !matches!(c, '"' | ')'))
                    .collect();
                size_of(&fs::read(dir.join(name)).unwrap())
            })
            .collect()
    };
    let images_in_zip = |path: &Path| {
        let mut z = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
        let mut names: Vec<String> = z.file_names().map(str::to_owned).collect();
        names.sort();
        let mut v = Vec::new();
        for n in names
            .iter()
            .filter(|n| n.ends_with(".jpg") || n.ends_with(".png"))
        {
            let mut bytes = Vec::new();
            z.by_name(n).unwrap().read_to_end(&mut bytes).unwrap();
            v.push(size_of(&bytes));
        }
        v
    };
    match format {
        Format::Html | Format::Portal => {
            let html = fs::read_to_string(path).unwrap();
            html.match_indices("base64,")
                .map(|(at, _)| {
                    let rest = &html[at + 7..];
                    let b64 = &rest[..rest.find('"').unwrap()];
                    use base64::Engine;
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .unwrap();
                    size_of(&bytes)
                })
                .collect()
        }
        Format::Fragment => {
            let text = fs::read_to_string(path).unwrap();
            let dir = images_dir(path);
            let prefix = format!("{}/", dir.file_name().unwrap().to_string_lossy());
            let mut v = from_refs(&text, &dir, &prefix);
            v.dedup();
            v
        }
        // A page bundle: index.md with its photos beside it.
        Format::Md => {
            let dir = if path.is_dir() {
                path
            } else {
                path.parent().unwrap()
            };
            let mut files: Vec<_> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "jpg" || e == "png"))
                .collect();
            files.sort();
            files
                .iter()
                .map(|p| size_of(&fs::read(p).unwrap()))
                .collect()
        }
        Format::Zip | Format::Docx => images_in_zip(path),
    }
}

#[test]
fn crop_and_rotation_reach_every_export_format() {
    let t = tempfile::tempdir().unwrap();
    let mut d = two_photo_draft(t.path());
    let before: Vec<String> = d
        .article
        .photos
        .iter()
        .map(|p| sha(&d.photo_path(p).unwrap()))
        .collect();
    // Photo 1: 16:9 crop, 4000×2250 → 1600×900. Photo 2: a quarter turn on top
    // of EXIF 6 shows it 4000×3000 → 1600×1200.
    d.article.photo_mut(1).unwrap().edit.crop = Some(CropRect {
        x: 0,
        y: 375,
        w: 4000,
        h: 2250,
    });
    d.article.photo_mut(2).unwrap().edit.rotate_by(1);
    d.save().unwrap();
    let d = Draft::load(&d.dir).unwrap();
    for format in Format::ALL {
        let out = t.path().join(format!("out-{format}"));
        fs::create_dir_all(&out).unwrap();
        let path = export_to(&d, &out, format);
        let mut sizes = exported_sizes(&path, format);
        // The page shows the cover twice (og:image and the figure).
        sizes.sort();
        sizes.dedup();
        assert_eq!(sizes, vec![(1600, 900), (1600, 1200)], "{format}");
    }
    let html = fs::read_to_string(
        t.path()
            .join("out-fragment")
            .read_dir()
            .unwrap()
            .find_map(|e| {
                let p = e.unwrap().path();
                (p.extension()? == "html").then_some(p)
            })
            .unwrap(),
    )
    .unwrap();
    assert!(html.contains("width=\"1600\" height=\"900\""), "{html}");
    // The originals are never rewritten.
    let after: Vec<String> = d
        .article
        .photos
        .iter()
        .map(|p| sha(&d.photo_path(p).unwrap()))
        .collect();
    assert_eq!(before, after);
    assert_eq!(before[0], sha(&shared("photo01_EveningGlow.jpg")));
}

/// `image`'s own decode, orientation, rotation and resize, as the reference.
fn reference(path: &Path, exif: u8, turns: u8, w: u32, h: u32) -> image::RgbImage {
    let mut img = image::open(path).unwrap();
    img.apply_orientation(Orientation::from_exif(exif).unwrap());
    for _ in 0..turns {
        img = img.rotate90();
    }
    img.resize_exact(w, h, image::imageops::FilterType::Triangle)
        .into_rgb8()
}

fn mean_diff(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    let s: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    s as f64 / a.as_raw().len() as f64
}

#[test]
fn exif_orientation_6_and_a_user_rotation_compose() {
    let src = shared("exif_orientation6_TwoWings.jpg");
    for turns in 0..4u8 {
        let edit = PhotoEdit {
            rotate: turns,
            crop: None,
        };
        let out = photo::process_edited(&src, &edit, &PhotoOptions::default()).unwrap();
        let want_size = if turns % 2 == 0 {
            (1200, 1600)
        } else {
            (1600, 1200)
        };
        assert_eq!((out.width, out.height), want_size, "{turns} turns");
        let got = image::load_from_memory(&out.bytes)
            .unwrap()
            .resize_exact(60, 60, image::imageops::FilterType::Triangle)
            .into_rgb8();
        let want = reference(&src, 6, turns, 60, 60);
        let d = mean_diff(&got, &want);
        assert!(d < 6.0, "{turns} turns: mean difference {d}");
        // A wrong turn would look very different.
        let wrong = reference(&src, 6, (turns + 2) % 4, 60, 60);
        assert!(mean_diff(&got, &wrong) > d * 2.0, "{turns} turns");
    }
}

#[test]
fn four_rotations_are_the_original_on_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let d = two_photo_draft(t.path());
    let home = t.path().join("home");
    let plain = fs::read(export_to(&d, &t.path().join("a.html"), Format::Html)).unwrap();
    for _ in 0..4 {
        let o = tinxa(&home, &["photo", &d.id, "1", "--rotate", "90"]);
        assert!(o.status.success(), "{}", err(&o));
    }
    let o = tinxa(&home, &["photo", &d.id, "1"]);
    assert!(out(&o).contains("Xoay: không"), "{}", out(&o));
    let d = Draft::load(&d.dir).unwrap();
    assert!(d.article.photo(1).unwrap().edit.is_none());
    let again = fs::read(export_to(&d, &t.path().join("b.html"), Format::Html)).unwrap();
    assert_eq!(plain, again);
}

#[test]
fn the_command_line_crops_rotates_resets_and_refuses_bad_input() {
    let t = tempfile::tempdir().unwrap();
    let d = two_photo_draft(t.path());
    let home = t.path().join("home");
    let o = tinxa(
        &home,
        &["photo", &d.id, "1", "--crop", "16:9", "--rotate", "-90"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let s = out(&o);
    assert!(s.contains("Xoay: 270°"), "{s}");
    // Turned, a 16:9 result is a 9:16 part of the upright original.
    assert!(s.contains("Cắt: 1156,0,1688,3000"), "{s}");
    assert!(s.contains("Cỡ sau khi sửa: 3000×1688"), "{s}");
    let o = tinxa(
        &home,
        &["photo", &d.id, "1", "--reset", "--crop", "10,20,300,200"],
    );
    assert!(
        out(&o).contains("Xoay: không\nCắt: 10,20,300,200"),
        "{}",
        out(&o)
    );
    let e = Draft::load(&d.dir).unwrap().article.photo(1).unwrap().edit;
    assert_eq!(
        e,
        PhotoEdit {
            rotate: 0,
            crop: Some(CropRect {
                x: 10,
                y: 20,
                w: 300,
                h: 200
            })
        }
    );
    let saved = fs::read_to_string(d.dir.join("article.ron")).unwrap();
    for (args, needle) in [
        (vec!["photo", &d.id, "x"], "Số ảnh \"x\" không hợp lệ"),
        (
            vec!["photo", &d.id, "9"],
            "không có ảnh số 9 (các số ảnh có: 1, 2)",
        ),
        (
            vec!["photo", &d.id, "1", "--crop", "3900,0,200,100"],
            "nằm ngoài ảnh (4000×3000",
        ),
        // Photo 2 is upright 3000×4000: a crop fitting 4000×3000 does not fit it.
        (
            vec!["photo", &d.id, "2", "--crop", "0,0,4000,3000"],
            "nằm ngoài ảnh (3000×4000",
        ),
        (
            vec!["photo", &d.id, "1", "--rotate", "45"],
            "Góc xoay \"45\" không hợp lệ",
        ),
        (
            vec!["photo", &d.id, "1", "--crop", "16/9"],
            "Vùng cắt \"16/9\" không hợp lệ",
        ),
    ] {
        let o = tinxa(&home, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(e.contains(needle), "{args:?}: {e}");
    }
    // Nothing was saved by the refused commands.
    assert_eq!(
        saved,
        fs::read_to_string(d.dir.join("article.ron")).unwrap()
    );
}

#[test]
fn a_version_1_draft_loads_saves_and_exports_as_before() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v1");
    fs::create_dir_all(dir.join("photos")).unwrap();
    fs::copy(shared("photo03_ColdRipple.jpg"), dir.join("photos/a.jpg")).unwrap();
    let v1 = "(version: 1, title: \"Bài cũ\", body: \"Mở đầu.\\n\\n[[Ảnh 1]]\", \
              photos: [(id: 1, file: \"a.jpg\", caption: \"Cầu\", credit: \"B\", alt: \"C\")], \
              cover: Some(1), byline: \"A\")";
    fs::write(dir.join("article.ron"), v1).unwrap();
    let mut d = Draft::load(&dir).unwrap();
    assert!(!d.read_only);
    let p = d.article.photo(1).unwrap().clone();
    assert!(p.edit.is_none() && p.from_photo.is_empty());
    // The export is the unedited pipeline's copy, byte for byte.
    let opts = Options::default();
    let (html, _) = export::html_string(&d, &opts).unwrap();
    let plain = photo::process(&dir.join("photos/a.jpg"), &opts.photo).unwrap();
    use base64::Engine;
    let uri = base64::engine::general_purpose::STANDARD.encode(&plain.bytes);
    assert!(html.contains(&uri));
    assert!(html.contains("width=\"1600\" height=\"1200\""));
    // Saved again: version 2, and no new field appears.
    let before = d.article.clone();
    d.save().unwrap();
    let text = fs::read_to_string(dir.join("article.ron")).unwrap();
    assert!(text.contains("version: 2"), "{text}");
    assert!(
        !text.contains(" edit:") && !text.contains("from_photo"),
        "{text}"
    );
    let back = Draft::load(&dir).unwrap().article;
    assert!(back.same_text(&Article {
        version: back.version,
        ..before
    }));
}

#[test]
fn edits_round_trip_through_the_draft_file() {
    let t = tempfile::tempdir().unwrap();
    let mut d = two_photo_draft(t.path());
    {
        let p = d.article.photo_mut(2).unwrap();
        p.edit = PhotoEdit {
            rotate: 3,
            crop: Some(CropRect {
                x: 1,
                y: 2,
                w: 3,
                h: 4,
            }),
        };
        p.from_photo.caption = "Ảnh 2".into();
    }
    d.save().unwrap();
    let text = fs::read_to_string(d.dir.join("article.ron")).unwrap();
    assert!(text.contains("version: 2"));
    let back = Draft::load(&d.dir).unwrap();
    assert_eq!(back.article.photos, d.article.photos);
    assert!(photo::from_photo_marks(back.article.photo(2).unwrap()).caption);
    assert_eq!(
        photo::edit_key(back.article.photo(2).unwrap()),
        "r3-c1.2.3.4"
    );
    assert_eq!(photo::edit_key(back.article.photo(1).unwrap()), "");
}

#[test]
fn the_cover_is_checked_for_the_portals_shape_and_size() {
    let mut a = Article::new();
    a.photos.push(Photo {
        id: 1,
        caption: "x".into(),
        ..Photo::default()
    });
    a.cover = Some(1);
    let limits = CheckLimits::default();
    let file = PhotoFile::Size {
        width: 4000,
        height: 3000,
    };
    let rules = |a: &Article| -> Vec<&'static str> {
        check::check_with(a, &|_| file, &limits, Lang::Vi)
            .iter()
            .map(|p| p.rule)
            .filter(|r| r.starts_with("cover"))
            .collect()
    };
    assert_eq!(rules(&a), vec!["cover-ratio"]);
    let e = &mut a.photos[0].edit;
    e.crop = Some(e.centered_crop(4000, 3000, 16, 9));
    assert!(rules(&a).is_empty());
    a.photos[0].edit.crop = Some(CropRect {
        x: 0,
        y: 0,
        w: 800,
        h: 450,
    });
    assert_eq!(rules(&a), vec!["cover-too-small"]);
    // A 16:9 crop turned a quarter is 9:16: the wrong shape for the cover.
    a.photos[0].edit.crop = Some(CropRect {
        x: 0,
        y: 0,
        w: 1600,
        h: 900,
    });
    a.photos[0].edit.rotate_by(1);
    assert_eq!(rules(&a), vec!["cover-ratio", "cover-too-small"]);
    let msg = check::check_with(&a, &|_| file, &limits, Lang::Vi)
        .into_iter()
        .find(|p| p.rule == "cover-ratio")
        .unwrap()
        .message;
    assert!(msg.contains("900×1600") && msg.contains("16:9"), "{msg}");
}

#[test]
fn settings_without_the_new_fields_get_the_portal_defaults() {
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("settings.ron"), "(zoom: 1.25)").unwrap();
    let s = tinxa::settings::Settings::load(t.path());
    assert_eq!(s.check.cover_ratio, (16, 9));
    assert_eq!(
        (s.check.cover_min_width, s.check.cover_min_height),
        (1200, 675)
    );
    assert_eq!(s.default_credit, "");
    fs::write(
        t.path().join("settings.ron"),
        "(default_credit: \"Lê Thị Hoa\", check: (cover_ratio: (0, 2)))",
    )
    .unwrap();
    let s = tinxa::settings::Settings::load(t.path());
    assert_eq!(s.check.cover_ratio, (1, 2));
    assert_eq!(s.default_credit, "Lê Thị Hoa");
    s.save(t.path()).unwrap();
    assert_eq!(tinxa::settings::Settings::load(t.path()), s);
}

#[test]
fn a_cover_cut_from_a_turned_photo_matches_a_full_size_reference() {
    // A 16:9 cover from a landscape phone photo turned upright: 1688×3000 of the
    // original for 1600×900 out, made from the half-size decode (see
    // CROP_UPSCALE_PERCENT). The reference decodes all 12 MP.
    let src = shared("photo02_BytheWater.jpg");
    let mut e = PhotoEdit::default();
    e.rotate_by(1);
    let c = e.centered_crop(4000, 3000, 16, 9);
    e.crop = Some(c);
    let out = photo::process_edited(&src, &e, &PhotoOptions::default()).unwrap();
    assert_eq!((out.width, out.height), (1600, 900));
    let got = image::load_from_memory(&out.bytes).unwrap().into_rgb8();
    let want = image::open(&src)
        .unwrap()
        .crop_imm(c.x, c.y, c.w, c.h)
        .rotate90()
        .resize_exact(1600, 900, image::imageops::FilterType::Lanczos3)
        .into_rgb8();
    let mse: f64 = got
        .as_raw()
        .iter()
        .zip(want.as_raw())
        .map(|(a, b)| (f64::from(*a) - f64::from(*b)).powi(2))
        .sum::<f64>()
        / got.as_raw().len() as f64;
    let psnr = 10.0 * (255.0f64 * 255.0 / mse).log10();
    // The fixtures carry sensor-like noise, so even two full-size paths differ a little.
    assert!(psnr > 30.0, "PSNR {psnr:.1} dB");
    eprintln!("cover from a turned photo: PSNR {psnr:.1} dB against the full-size reference");
}
