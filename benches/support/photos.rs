//! The ten phone photos of ../shared/photos the benches export.

use std::path::PathBuf;

const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

/// photo01_….jpg … photo10_….jpg, in order.
pub fn phone_photos() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(PHOTOS)
        .expect("../shared/photos")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("photo") && n.ends_with(".jpg")
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 10);
    v
}
