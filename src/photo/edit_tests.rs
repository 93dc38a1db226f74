//! The pipeline with edits against a plain reference: `image`'s own orientation,
//! crop and rotation applied one after the other.

use super::edit::{compose, stored_rect};
use super::*;
use image::DynamicImage;
use image::metadata::Orientation;

/// A JPEG `w`×`h` with smooth gradients (little JPEG error) tagged with `exif`.
fn tagged_jpeg(w: u32, h: u32, exif: u8, rgb: &image::RgbImage) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, exif, 0, 0, 0, 0, 0, 0]);
    let mut bytes = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut bytes, 98);
    enc.add_exif_metadata(&tiff).unwrap();
    enc.encode(
        rgb.as_raw(),
        w as u16,
        h as u16,
        jpeg_encoder::ColorType::Rgb,
    )
    .unwrap();
    bytes
}

fn gradient(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    })
}

fn reference(rgb: &image::RgbImage, exif: u8, edit: &PhotoEdit) -> image::RgbImage {
    let mut img = DynamicImage::ImageRgb8(rgb.clone());
    img.apply_orientation(Orientation::from_exif(exif).unwrap());
    if let Some(c) = edit.crop {
        img = img.crop_imm(c.x, c.y, c.w, c.h);
    }
    for _ in 0..edit.quarter_turns() {
        img = img.rotate90();
    }
    img.into_rgb8()
}

fn mean_diff(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

#[test]
fn compose_is_orientation_then_rotation() {
    let (w, h) = (3u32, 2u32);
    let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(y * w + x) as u8, 0, 0])
    }));
    for exif in 1..=8u8 {
        for turns in 0..4u8 {
            let mut two_steps = img.clone();
            two_steps.apply_orientation(Orientation::from_exif(exif).unwrap());
            for _ in 0..turns {
                two_steps = two_steps.rotate90();
            }
            let mut one = img.clone();
            one.apply_orientation(Orientation::from_exif(compose(exif, turns)).unwrap());
            assert_eq!(one, two_steps, "exif {exif}, {turns} turns");
        }
    }
}

#[test]
fn every_orientation_rotation_and_crop_matches_the_reference() {
    let (w, h) = (48u32, 32u32);
    let rgb = gradient(w, h);
    let opts = PhotoOptions {
        max_side: 4000,
        quality: 98,
    };
    for exif in 1..=8u8 {
        let bytes = tagged_jpeg(w, h, exif, &rgb);
        let (uw, uh) = if exif >= 5 { (h, w) } else { (w, h) };
        for turns in 0..4u8 {
            for crop in [
                None,
                Some(CropRect {
                    x: 3,
                    y: 5,
                    w: uw - 11,
                    h: uh - 9,
                }),
            ] {
                let edit = PhotoEdit {
                    rotate: turns,
                    crop,
                };
                let out = process_bytes_edited(&bytes, &edit, &opts).unwrap();
                let got = image::load_from_memory(&out.bytes).unwrap().into_rgb8();
                let want = reference(&rgb, exif, &edit);
                assert_eq!(got.dimensions(), want.dimensions(), "{exif} {edit:?}");
                assert_eq!((out.width, out.height), edit.shown_size(uw, uh));
                let d = mean_diff(&got, &want);
                assert!(d < 4.0, "exif {exif} {edit:?}: mean difference {d}");
            }
        }
    }
}

#[test]
fn crop_at_reduced_scale_keeps_the_right_part() {
    // Four quadrants: red, green / blue, white (stored), shown turned by EXIF 6.
    let (w, h) = (1600u32, 1200u32);
    let colours = [[220, 20, 20], [20, 220, 20], [20, 20, 220], [235, 235, 235]];
    let rgb = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb(colours[usize::from(y >= h / 2) * 2 + usize::from(x >= w / 2)])
    });
    let bytes = tagged_jpeg(w, h, 6, &rgb);
    // Upright (1200×1600), the top-left quadrant is the stored bottom-left: blue.
    let edit = PhotoEdit {
        rotate: 0,
        crop: Some(CropRect {
            x: 0,
            y: 0,
            w: 600,
            h: 800,
        }),
    };
    let out = process_bytes_edited(
        &bytes,
        &edit,
        &PhotoOptions {
            max_side: 100,
            quality: 90,
        },
    )
    .unwrap();
    assert_eq!((out.width, out.height), (75, 100));
    let img = image::load_from_memory(&out.bytes).unwrap().into_rgb8();
    for p in img.pixels() {
        assert!(p[2] > 180 && p[0] < 70 && p[1] < 70, "{p:?}");
    }
    assert_eq!(
        stored_rect(6, w, h, edit.crop.unwrap()),
        CropRect {
            x: 0,
            y: 600,
            w: 800,
            h: 600
        }
    );
}

#[test]
fn four_turns_give_the_original_bytes() {
    let bytes = tagged_jpeg(40, 30, 1, &gradient(40, 30));
    let opts = PhotoOptions::default();
    let mut edit = PhotoEdit::default();
    let plain = process_bytes(&bytes, &opts).unwrap();
    for _ in 0..4 {
        edit.rotate_by(1);
    }
    assert!(edit.is_none());
    assert_eq!(
        process_bytes_edited(&bytes, &edit, &opts).unwrap().bytes,
        plain.bytes
    );
}

#[test]
fn a_crop_outside_the_photo_is_clamped_not_fatal() {
    let bytes = tagged_jpeg(40, 30, 1, &gradient(40, 30));
    let edit = PhotoEdit {
        rotate: 0,
        crop: Some(CropRect {
            x: 30,
            y: 20,
            w: 100,
            h: 100,
        }),
    };
    let out = process_bytes_edited(&bytes, &edit, &PhotoOptions::default()).unwrap();
    assert_eq!((out.width, out.height), (10, 10));
}
