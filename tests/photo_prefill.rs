//! Captions, credits and alt text prefilled from photos tagged with exiftool
//! (Debian `libimage-exiftool-perl`) at test time, through `tinxa import`; GPS
//! and place names never reach any field, and exported photos carry no metadata.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::{err, out, tinxa};

#[path = "support/tools.rs"]
mod tools;
use tools::need;

fn need_exiftool() -> bool {
    let found = Command::new("exiftool").arg("-ver").output().is_ok();
    need("exiftool", found)
}

/// Tags `file` with exiftool; `args` are tag assignments.
fn exiftool(file: &Path, args: &[&str]) {
    let o = Command::new("exiftool")
        .arg("-q")
        .arg("-overwrite_original")
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "exiftool {args:?}: {}", err(&o));
}

/// Where the photo stands (Hà Nội): tagged into every photo, and never allowed
/// into a caption, credit or alt text.
const GPS_AND_PLACE: &[&str] = &[
    "-GPSLatitude=21.028511",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=105.854167",
    "-GPSLongitudeRef=E",
    "-XMP-exif:GPSLatitude=21.028511 N",
    "-XMP-photoshop:City=Hà Nội",
    "-IPTC:City=Ha Noi",
    "-IPTC:Country-PrimaryLocationName=Viet Nam",
];

#[test]
fn captions_and_credits_come_from_photos_tagged_by_exiftool() {
    if !need_exiftool() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home");
    fs::create_dir_all(&home).unwrap();
    fs::write(
        home.join("settings.ron"),
        "(default_credit: \"Phóng viên Hà Giang\")",
    )
    .unwrap();
    let src = t.path().join("src");
    fs::create_dir_all(&src).unwrap();
    // A small photo made here; exiftool adds the metadata below.
    let mut base = Vec::new();
    jpeg_encoder::Encoder::new(&mut base, 90)
        .encode(&[120; 64 * 48 * 3], 64, 48, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    let tagged: Vec<(&str, Vec<&str>)> = vec![
        (
            "exif.jpg",
            vec![
                "-EXIF:ImageDescription=Lễ hội đua thuyền trên sông Lam",
                "-EXIF:Artist=Nguyễn Văn Anh",
                "-EXIF:XPTitle=Đua thuyền truyền thống",
            ],
        ),
        ("xp.jpg", vec!["-EXIF:XPTitle=Nhà văn hoá thôn Bản Phố"]),
        (
            "iptc-utf8.jpg",
            vec![
                "-IPTC:CodedCharacterSet=UTF8",
                "-IPTC:Caption-Abstract=Nông dân thu hoạch lúa",
                "-IPTC:By-line=Trần Thị Bích",
            ],
        ),
        (
            "iptc-latin1.jpg",
            vec![
                "-charset",
                "iptc=Latin",
                "-IPTC:Caption-Abstract=Café au marché",
                "-IPTC:By-line=René Lefèvre",
            ],
        ),
        (
            "xmp.jpg",
            vec![
                "-XMP-dc:Description=Chợ phiên vùng cao Đồng Văn",
                "-XMP-dc:Creator=Lò Văn Chiến",
            ],
        ),
        (
            "boilerplate.jpg",
            vec![
                "-EXIF:ImageDescription=SAMSUNG CAMERA PICTURES",
                "-EXIF:Artist=   ",
                "-XMP-dc:Description=OLYMPUS DIGITAL CAMERA",
                "-IPTC:Caption-Abstract=DCIM\\100MEDIA",
            ],
        ),
    ];
    let mut md = String::from("# Ảnh có thông tin\n\nMở đầu bài.\n");
    for (name, args) in &tagged {
        let path = src.join(name);
        fs::write(&path, &base).unwrap();
        let mut all = args.clone();
        all.extend_from_slice(GPS_AND_PLACE);
        exiftool(&path, &all);
        md.push_str(&format!("\n![]({name})\n"));
    }
    // The reporter's own caption is kept: a photo with one already set.
    md.push_str("\n![](exif.jpg)\n*Chú thích của phóng viên*\n");
    fs::write(src.join("bai.md"), &md).unwrap();

    let o = tinxa(&home, &["import", src.join("bai.md").to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let id = out(&o).trim().to_owned();
    let show = |n: &str| {
        let o = tinxa(&home, &["photo", &id, n]);
        assert!(o.status.success(), "{}", err(&o));
        out(&o)
    };
    let want = [
        (
            "1",
            "Chú thích: Lễ hội đua thuyền trên sông Lam (lấy từ ảnh)",
            "Tác giả ảnh: Nguyễn Văn Anh (lấy từ ảnh)",
            "Mô tả ảnh: Đua thuyền truyền thống (lấy từ ảnh)",
        ),
        (
            "2",
            "Chú thích: Nhà văn hoá thôn Bản Phố (lấy từ ảnh)",
            "Tác giả ảnh: Phóng viên Hà Giang\n",
            "Mô tả ảnh: \n",
        ),
        (
            "3",
            "Chú thích: Nông dân thu hoạch lúa (lấy từ ảnh)",
            "Tác giả ảnh: Trần Thị Bích (lấy từ ảnh)",
            "Mô tả ảnh: \n",
        ),
        (
            "4",
            "Chú thích: Café au marché (lấy từ ảnh)",
            "Tác giả ảnh: René Lefèvre (lấy từ ảnh)",
            "Mô tả ảnh: \n",
        ),
        (
            "5",
            "Chú thích: Chợ phiên vùng cao Đồng Văn (lấy từ ảnh)",
            "Tác giả ảnh: Lò Văn Chiến (lấy từ ảnh)",
            "Mô tả ảnh: \n",
        ),
        (
            "6",
            "Chú thích: \n",
            "Tác giả ảnh: Phóng viên Hà Giang\n",
            "Mô tả ảnh: \n",
        ),
        (
            "7",
            "Chú thích: Chú thích của phóng viên\n",
            "Tác giả ảnh: Nguyễn Văn Anh (lấy từ ảnh)",
            "Mô tả ảnh: Đua thuyền truyền thống (lấy từ ảnh)",
        ),
    ];
    let mut everything = String::new();
    for (n, caption, credit, alt) in want {
        let s = show(n);
        for line in [caption, credit, alt] {
            assert!(s.contains(line), "photo {n}: want {line:?} in\n{s}");
        }
        everything.push_str(&s);
    }
    for place in [
        "21",
        "105",
        "Hà Nội",
        "Ha Noi",
        "Viet Nam",
        "SAMSUNG",
        "DCIM",
        "OLYMPUS",
    ] {
        assert!(!everything.contains(place), "{place} leaked:\n{everything}");
    }
    // The check asks for the unedited captions to be read over.
    let o = tinxa(&home, &["check", &id]);
    let c = out(&o);
    assert_eq!(c.matches("lấy từ ảnh, chưa được sửa").count(), 5, "{c}");
    // Metadata never leaves in an exported photo.
    let dest = t.path().join("xuat");
    fs::create_dir_all(&dest).unwrap();
    let o = tinxa(
        &home,
        &[
            "export",
            &id,
            "--format",
            "md",
            "--force",
            "-o",
            dest.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let mut images = 0;
    for e in walk(&dest) {
        if e.extension().is_some_and(|x| x == "jpg") {
            images += 1;
            let bytes = fs::read(&e).unwrap();
            for needle in [
                &b"Exif"[..],
                b"http://ns.adobe.com",
                b"Photoshop",
                b"8BIM",
                "Lễ hội".as_bytes(),
                "Nguyễn".as_bytes(),
                b"Lam",
            ] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{} carries {:?}",
                    e.display(),
                    String::from_utf8_lossy(needle)
                );
            }
            let o = Command::new("exiftool")
                .args(["-s", "-EXIF:all", "-IPTC:all", "-XMP:all"])
                .arg(&e)
                .output()
                .unwrap();
            assert!(out(&o).trim().is_empty(), "{}: {}", e.display(), out(&o));
        }
    }
    assert_eq!(images, 7);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v
}

/// A pasted photo that carries a description arrives captioned too (#17:
/// "added in the window, dropped, pasted, or brought by tinxa import"): as
/// copied picture files, and as a `data:` picture in pasted HTML.
#[test]
fn pasted_photos_are_prefilled_from_their_metadata() {
    use base64::Engine as _;
    use tinxa::clipboard::Clip;
    use tinxa::import::paste;
    if !need_exiftool() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let draft = t.path().join("draft");
    fs::create_dir_all(draft.join("photos")).unwrap();
    let photo = t.path().join("dieu.jpg");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cao-son-anh-mau.jpg"),
        &photo,
    )
    .unwrap();
    let mut tags = vec![
        "-EXIF:ImageDescription=Thiếu nhi thả diều trên đê xã Cao Sơn",
        "-EXIF:Artist=Nguyễn Thị Hoa",
    ];
    tags.extend_from_slice(GPS_AND_PLACE);
    exiftool(&photo, &tags);

    let files = Clip {
        files: vec![photo.clone()],
        ..Clip::default()
    };
    let data = base64::engine::general_purpose::STANDARD.encode(fs::read(&photo).unwrap());
    let html = Clip {
        html: Some(format!(
            "<p>Buổi chiều ở đê.</p><p><img src=\"data:image/jpeg;base64,{data}\"></p>"
        )),
        ..Clip::default()
    };
    for (n, clip) in [files, html].iter().enumerate() {
        let mut pasted = paste::prepare(clip, &draft, 1 + n as u32 * 10, false).unwrap();
        paste::prefill(&mut pasted, &draft, "Phóng viên Hà Giang").unwrap();
        assert_eq!(pasted.photos.len(), 1, "paste {n}");
        let p = &pasted.photos[0];
        assert_eq!(
            p.caption, "Thiếu nhi thả diều trên đê xã Cao Sơn",
            "paste {n}"
        );
        assert_eq!(p.credit, "Nguyễn Thị Hoa", "paste {n}");
        assert_eq!(p.from_photo.caption, p.caption, "marked lấy từ ảnh");
        let all = format!("{} {} {}", p.caption, p.credit, p.alt);
        assert!(!all.contains("Hà Nội") && !all.contains("21.0"), "{all}");
    }
}
