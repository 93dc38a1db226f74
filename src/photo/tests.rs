use super::decode::{Pixels, decode_jpeg_scaled, decode_with_image};
use super::sniff::sniff;
use super::transform::orient;
use super::*;
use image::{DynamicImage, ImageFormat};
use std::io::Cursor;
use std::time::{Duration, Instant};

const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

fn photo(name: &str) -> PathBuf {
    Path::new(PHOTOS).join(name)
}

fn opts() -> PhotoOptions {
    PhotoOptions::default()
}

fn decode_back(p: &ProcessedPhoto) -> DynamicImage {
    let img = image::load_from_memory(&p.bytes).expect("output decodes");
    assert_eq!((img.width(), img.height()), (p.width, p.height));
    img
}

fn png_bytes(img: DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn broken_files_give_the_right_error_from_probe_and_process() {
    let cases = [
        ("empty_0byte.jpg", PhotoError::Empty),
        ("not_an_image.jpg", PhotoError::NotAnImage),
        ("photo_Path.heic", PhotoError::Heic),
        ("corrupt_truncated.jpg", PhotoError::Truncated),
        (
            "bomb_30000x30000.png",
            PhotoError::TooLarge {
                width: 30000,
                height: 30000,
            },
        ),
        ("no_such_file.jpg", PhotoError::Io(String::new())),
    ];
    for (name, want) in cases {
        for got in [
            probe(&photo(name)).map(|_| ()),
            process(&photo(name), &opts()).map(|_| ()),
        ] {
            let got = got.expect_err(name);
            match want {
                PhotoError::Io(_) => {
                    assert!(matches!(got, PhotoError::Io(_)), "{name}: {got:?}")
                }
                _ => assert_eq!(got, want, "{name}"),
            }
            assert!(!got.to_string().is_empty() && !got.message_en().is_empty());
        }
    }
    assert_eq!(
        thumbnail(&photo("corrupt_truncated.jpg"), 160).unwrap_err(),
        PhotoError::Truncated
    );
}

#[test]
fn heic_is_refused_even_with_a_jpg_name() {
    let head = std::fs::read(photo("photo_Path.heic")).unwrap();
    let tmp = std::env::temp_dir().join(format!("tinxa-photo-test-{}.jpg", std::process::id()));
    std::fs::write(&tmp, &head[..4096]).unwrap();
    let got = probe(&tmp);
    std::fs::remove_file(&tmp).unwrap();
    assert_eq!(got, Err(PhotoError::Heic));
    assert_eq!(process_bytes(&head, &opts()).unwrap_err(), PhotoError::Heic);
}

#[test]
fn bomb_is_refused_fast_on_every_path() {
    let data = std::fs::read(photo("bomb_30000x30000.png")).unwrap();
    let want = PhotoError::TooLarge {
        width: 30000,
        height: 30000,
    };
    let t = Instant::now();
    assert_eq!(probe_bytes(&data).unwrap_err(), want);
    assert_eq!(process_bytes(&data, &opts()).unwrap_err(), want);
    assert_eq!(
        thumbnail(&photo("bomb_30000x30000.png"), 160).unwrap_err(),
        want
    );
    assert_eq!(decode_with_image(&data, PhotoFormat::Png).err(), Some(want));
    // A full decode takes ~1 s and 900 MB; a header check takes microseconds.
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
}

#[test]
fn jpeg_bomb_is_refused_by_its_header() {
    // A tiny valid JPEG whose frame header is patched to claim 60000×60000.
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, 80)
        .encode(&[128; 16 * 16 * 3], 16, 16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    let want = PhotoError::TooLarge {
        width: 60000,
        height: 60000,
    };
    assert_eq!(probe_bytes(&bytes).unwrap_err(), want);
    assert_eq!(process_bytes(&bytes, &opts()).unwrap_err(), want);
}

#[test]
fn orientation6_comes_out_upright() {
    let info = probe(&photo("exif_orientation6_TwoWings.jpg")).unwrap();
    assert_eq!(
        info,
        PhotoInfo {
            width: 3000,
            height: 4000,
            format: PhotoFormat::Jpeg
        }
    );
    let out = process(&photo("exif_orientation6_TwoWings.jpg"), &opts()).unwrap();
    assert_eq!((out.width, out.height), (1200, 1600));
    decode_back(&out);
}

#[test]
fn orientation6_rotates_clockwise() {
    // Stored 32×16: left half red, right half blue, tagged "rotate 90° clockwise".
    // Shown upright it is 16×32 with red on top.
    let rgb: Vec<u8> = (0..16 * 32)
        .flat_map(|i| {
            if i % 32 < 16 {
                [255, 0, 0]
            } else {
                [0, 0, 255]
            }
        })
        .collect();
    let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    let mut bytes = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut bytes, 95);
    enc.add_exif_metadata(&exif).unwrap();
    enc.encode(&rgb, 32, 16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    let info = probe_bytes(&bytes).unwrap();
    assert_eq!((info.width, info.height), (16, 32));
    let out = process_bytes(&bytes, &opts()).unwrap();
    let img = decode_back(&out).into_rgb8();
    assert_eq!((img.width(), img.height()), (16, 32));
    assert!(
        img.get_pixel(8, 4)[0] > 200 && img.get_pixel(8, 4)[2] < 60,
        "top is red"
    );
    assert!(
        img.get_pixel(8, 28)[2] > 200 && img.get_pixel(8, 28)[0] < 60,
        "bottom is blue"
    );
}

#[test]
fn orient_matches_image_crate_for_all_eight() {
    let (w, h) = (5u32, 3u32);
    let buf: Vec<u8> = (0..w * h * 3).map(|i| i as u8).collect();
    for exif in 1..=8u8 {
        let ours = orient(
            Pixels {
                buf: buf.clone(),
                width: w,
                height: h,
                channels: 3,
            },
            exif,
        );
        let mut theirs =
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, buf.clone()).unwrap());
        theirs.apply_orientation(Orientation::from_exif(exif).unwrap());
        assert_eq!(
            (ours.width, ours.height),
            (theirs.width(), theirs.height()),
            "{exif}"
        );
        assert_eq!(ours.buf, theirs.into_bytes(), "orientation {exif}");
    }
}

#[test]
fn gps_and_exif_never_reach_the_output() {
    let original = std::fs::read(photo("exif_gps_LadyBird.jpg")).unwrap();
    assert!(
        original.windows(4).any(|w| w == b"Exif"),
        "fixture has EXIF"
    );
    let out = process(&photo("exif_gps_LadyBird.jpg"), &opts()).unwrap();
    for needle in [
        &b"Exif"[..],
        b"GPS",
        b"Samsung",
        b"Galaxy",
        b"II*\0",
        b"MM\0*",
        b"http://ns.adobe.com",
    ] {
        assert!(
            !out.bytes.windows(needle.len()).any(|w| w == needle),
            "{:?} leaked",
            String::from_utf8_lossy(needle)
        );
    }
    // No APP1 (EXIF/XMP) segment either.
    assert!(!out.bytes.windows(2).any(|w| w == [0xFF, 0xE1]));
    // The original is untouched.
    assert_eq!(
        std::fs::read(photo("exif_gps_LadyBird.jpg")).unwrap(),
        original
    );
}

#[test]
fn phone_photo_becomes_1600x1200_jpeg() {
    let info = probe(&photo("photo01_EveningGlow.jpg")).unwrap();
    assert_eq!(
        info,
        PhotoInfo {
            width: 4000,
            height: 3000,
            format: PhotoFormat::Jpeg
        }
    );
    let out = process(&photo("photo01_EveningGlow.jpg"), &opts()).unwrap();
    assert_eq!(
        (out.width, out.height, out.mime, out.ext),
        (1600, 1200, "image/jpeg", "jpg")
    );
    assert!(out.bytes.starts_with(&[0xFF, 0xD8]) && out.bytes.ends_with(&[0xFF, 0xD9]));
    let back = decode_back(&out).into_rgb8();
    // Not a grey or black picture.
    let mean =
        back.as_raw().iter().map(|&v| u64::from(v)).sum::<u64>() / back.as_raw().len() as u64;
    assert!((10..245).contains(&mean), "mean {mean}");
    assert!(out.bytes.len() < 1_000_000, "{} bytes", out.bytes.len());
}

#[test]
fn webp_is_processed() {
    let info = probe(&photo("photo_Path.webp")).unwrap();
    assert_eq!(
        info,
        PhotoInfo {
            width: 4000,
            height: 3000,
            format: PhotoFormat::Webp
        }
    );
    let out = process(&photo("photo_Path.webp"), &opts()).unwrap();
    assert_eq!(
        (out.width, out.height, out.mime),
        (1600, 1200, "image/jpeg")
    );
}

#[test]
fn trailer_after_eoi_is_not_truncation() {
    let mut data = std::fs::read(photo("photo02_BytheWater.jpg")).unwrap();
    data.extend_from_slice(b"SEFH\0\0\0\0 phone trailer data SEFT");
    assert_eq!(probe_bytes(&data).unwrap().width, 4000);
    // But cutting the file anywhere inside the scan is.
    assert_eq!(
        probe_bytes(&data[..data.len() / 2]).unwrap_err(),
        PhotoError::Truncated
    );
    assert_eq!(
        probe_bytes(&data[..1000]).unwrap_err(),
        PhotoError::Truncated
    );
}

#[test]
fn small_image_is_not_upscaled() {
    let img = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let out = process_bytes(&png_bytes(DynamicImage::ImageRgb8(img)), &opts()).unwrap();
    assert_eq!((out.width, out.height, out.mime), (300, 200, "image/jpeg"));
    decode_back(&out);
}

#[test]
fn grey_and_opaque_alpha_become_jpeg() {
    let grey = image::GrayImage::from_fn(2000, 500, |x, _| image::Luma([x as u8]));
    let out = process_bytes(&png_bytes(DynamicImage::ImageLuma8(grey)), &opts()).unwrap();
    assert_eq!((out.width, out.height, out.mime), (1600, 400, "image/jpeg"));
    let opaque = image::RgbaImage::from_pixel(40, 30, image::Rgba([1, 2, 3, 255]));
    let out = process_bytes(&png_bytes(DynamicImage::ImageRgba8(opaque)), &opts()).unwrap();
    assert_eq!(out.mime, "image/jpeg");
    // A grey picture stored as RGB (flat chroma) must decode back with the right colours.
    let rgb = image::RgbImage::from_fn(64, 64, |x, _| image::Rgb([x as u8 * 4; 3]));
    let out = process_bytes(&png_bytes(DynamicImage::ImageRgb8(rgb.clone())), &opts()).unwrap();
    let back = decode_back(&out).into_rgb8();
    let worst = rgb
        .as_raw()
        .iter()
        .zip(back.as_raw())
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    assert!(worst < 16, "worst channel error {worst}");
}

#[test]
fn cmyk_jpeg_falls_back_to_image_decoder() {
    // jpeg-decoder hands CMYK back unconverted; `image` converts it to RGB.
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, 90)
        .encode(&[40; 48 * 32 * 4], 48, 32, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    assert!(decode_jpeg_scaled(&bytes, 48).is_none());
    let out = process_bytes(&bytes, &opts()).unwrap();
    assert_eq!((out.width, out.height, out.mime), (48, 32, "image/jpeg"));
}

#[test]
fn png_with_transparency_stays_png() {
    let img = image::RgbaImage::from_fn(3200, 100, |x, _| {
        image::Rgba([200, 30, 30, if x < 1600 { 0 } else { 255 }])
    });
    let out = process_bytes(&png_bytes(DynamicImage::ImageRgba8(img)), &opts()).unwrap();
    assert_eq!(
        (out.width, out.height, out.mime, out.ext),
        (1600, 50, "image/png", "png")
    );
    let back = decode_back(&out).into_rgba8();
    assert_eq!(back.get_pixel(10, 25)[3], 0);
    assert_eq!(*back.get_pixel(1500, 25), image::Rgba([200, 30, 30, 255]));
}

#[test]
fn truncated_png_is_detected() {
    let img = image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8, y as u8, 0]));
    let data = png_bytes(DynamicImage::ImageRgb8(img));
    assert_eq!(
        probe_bytes(&data[..data.len() - 20]).unwrap_err(),
        PhotoError::Truncated
    );
    assert!(probe_bytes(&data).is_ok());
}

#[test]
fn sniffing_ignores_names_and_knows_other_formats() {
    assert_eq!(
        sniff(b"%PDF-1.7 ..."),
        Err(PhotoError::Unsupported("PDF".into()))
    );
    assert_eq!(
        sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"),
        Err(PhotoError::Unsupported("AVIF".into()))
    );
    assert_eq!(
        sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1heic"),
        Err(PhotoError::Heic)
    );
    assert_eq!(
        sniff(b"\0\0\0\x18ftypisom\0\0\0\0isommp41"),
        Err(PhotoError::NotAnImage)
    );
    assert_eq!(sniff(b"\xFF\xD8"), Err(PhotoError::NotAnImage));
    assert_eq!(sniff(b"\0\0\0\x0cftypheic"), Err(PhotoError::Heic));
    assert_eq!(
        probe_bytes(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
        Err(PhotoError::Truncated)
    );
}

#[test]
fn process_many_keeps_order_and_per_photo_errors() {
    let paths: Vec<PathBuf> = [
        "photo03_ColdRipple.jpg",
        "empty_0byte.jpg",
        "photo_Path.heic",
        "exif_orientation6_TwoWings.jpg",
        "corrupt_truncated.jpg",
    ]
    .iter()
    .map(|n| photo(n))
    .collect();
    let out = process_many(&paths, &opts());
    assert_eq!(out.len(), 5);
    assert_eq!(
        out[0].as_ref().map(|p| (p.width, p.height)),
        Ok((1600, 1200))
    );
    assert_eq!(out[1].as_ref().unwrap_err(), &PhotoError::Empty);
    assert_eq!(out[2].as_ref().unwrap_err(), &PhotoError::Heic);
    assert_eq!(
        out[3].as_ref().map(|p| (p.width, p.height)),
        Ok((1200, 1600))
    );
    assert_eq!(out[4].as_ref().unwrap_err(), &PhotoError::Truncated);
}

#[test]
fn thumbnails_respect_the_requested_side() {
    let t = thumbnail(&photo("photo04_ColorfulCups.jpg"), 160).unwrap();
    assert_eq!((t.width, t.height, t.mime), (160, 120, "image/jpeg"));
    decode_back(&t);
    let t = thumbnail(&photo("exif_orientation6_TwoWings.jpg"), 160).unwrap();
    assert_eq!((t.width, t.height), (120, 160));
    let t = thumbnail(&photo("photo_Path.webp"), 100).unwrap();
    assert!(t.width.max(t.height) <= 100);
}

#[test]
fn messages_exist_in_both_languages() {
    let all = [
        PhotoError::Empty,
        PhotoError::NotAnImage,
        PhotoError::Heic,
        PhotoError::Unsupported("AVIF".into()),
        PhotoError::Truncated,
        PhotoError::TooLarge {
            width: 30000,
            height: 30000,
        },
        PhotoError::Decode("x".into()),
        PhotoError::Io("x".into()),
    ];
    for e in all {
        assert_ne!(e.to_string(), e.message_en(), "{e:?}");
    }
    assert!(
        PhotoError::TooLarge {
            width: 30000,
            height: 30000
        }
        .to_string()
        .contains("30000×30000")
    );
}
