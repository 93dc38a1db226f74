//! Photo edits in the window, driven headless through iced_test: the crop
//! view cuts a photo to 16:9 and the preview and the export show the same
//! shape; the rotate button and key turn a photo and Ctrl+Z turns it back;
//! a photo carrying a description arrives with its caption filled.
#![cfg(feature = "gui")]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{click, run, sim_sized};
use iced::Size;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::settings::Settings;
use tinxa::ui::screen::editor::Message as E;
use tinxa::ui::widget::photo_card::Event;
use tinxa::ui::{App, Message, Shortcut};

#[path = "support/tools.rs"]
mod tools;

const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

fn new_app() -> (tempfile::TempDir, App) {
    let t = tempfile::tempdir().unwrap();
    let app = App::new(Store::new(t.path()), Settings::default(), Lang::Vi);
    (t, app)
}

fn add_photo(app: &mut App, path: PathBuf) -> u32 {
    run(app, Message::Editor(E::AddPhotoFiles(vec![path])));
    app.article()
        .unwrap()
        .photos
        .last()
        .expect("the photo is in")
        .id
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

/// The size of the picture the preview pane shows for photo `id`.
fn preview_size(app: &App, id: u32) -> (u32, u32) {
    match app.preview_image(id).expect("the preview has the photo") {
        iced::widget::image::Handle::Bytes(_, bytes) => size_of(bytes),
        other => panic!("preview image not from bytes: {other:?}"),
    }
}

/// The sizes of the photos embedded in an exported page.
fn exported_sizes(html: &Path) -> Vec<(u32, u32)> {
    use base64::Engine;
    let html = fs::read_to_string(html).unwrap();
    html.match_indices("base64,")
        .map(|(at, _)| {
            let rest = &html[at + 7..];
            let b64 = &rest[..rest.find('"').unwrap()];
            size_of(
                &base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap(),
            )
        })
        .collect()
}

fn ratio((w, h): (u32, u32)) -> f64 {
    f64::from(w) / f64::from(h)
}

#[test]
fn the_crop_view_cuts_the_cover_to_16_9_and_the_export_shows_what_the_preview_did() {
    let (t, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    let id = add_photo(&mut app, Path::new(PHOTOS).join("photo02_BytheWater.jpg"));
    assert!((ratio(preview_size(&app, id)) - 4.0 / 3.0).abs() < 0.01);

    click(&mut app, "Cắt ảnh");
    // The crop view fits a small screen: its buttons are on a 1024×600 window.
    let mut s = sim_sized(&app, Size::new(1024.0, 600.0));
    for label in [
        "Tự do",
        "16:9",
        "3:2",
        "4:3",
        "1:1",
        "Đặt lại",
        "Hủy",
        "Cắt",
    ] {
        assert!(s.find(label).is_ok(), "no \"{label}\" in the crop view");
    }
    drop(s);
    click(&mut app, "16:9");
    click(&mut app, "Cắt");
    let p = app.article().unwrap().photo(id).unwrap().clone();
    let c = p.edit.crop.expect("the photo has a crop");
    assert_eq!((c.x, c.y, c.w, c.h), (0, 375, 4000, 2250), "{c:?}");
    // The crop is one undo step, and the preview copy follows it.
    let preview = preview_size(&app, id);
    assert!((ratio(preview) - 16.0 / 9.0).abs() < 0.01, "{preview:?}");

    run(&mut app, Message::Editor(E::Photo(id, Event::InsertHere)));
    let out = t.path().join("bai.html");
    run(
        &mut app,
        Message::ExportTo(Some(out.clone()), std::time::Duration::from_secs(1)),
    );
    let exported = exported_sizes(&out);
    assert_eq!(exported.len(), 1, "{:?}", app.status());
    assert!(
        (ratio(exported[0]) - ratio(preview)).abs() < 0.01,
        "export {:?} vs preview {preview:?}",
        exported[0]
    );
    assert_eq!(exported[0], (1600, 900));

    // "Đặt lại" in the crop view gives the whole photo back, as one undo step.
    click(&mut app, "Cắt ảnh");
    click(&mut app, "Đặt lại");
    click(&mut app, "Cắt");
    assert_eq!(app.article().unwrap().photo(id).unwrap().edit.crop, None);
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert_eq!(app.article().unwrap().photo(id).unwrap().edit.crop, Some(c));

    run(&mut app, Message::Shortcut(Shortcut::Undo)); // the placing
    run(&mut app, Message::Shortcut(Shortcut::Undo)); // the crop
    assert_eq!(app.article().unwrap().photo(id).unwrap().edit.crop, None);
    assert!((ratio(preview_size(&app, id)) - 4.0 / 3.0).abs() < 0.01);
}

#[test]
fn rotating_is_one_undo_step_from_the_button_or_the_key() {
    let (_t, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    let id = add_photo(
        &mut app,
        Path::new(PHOTOS).join("exif_orientation6_TwoWings.jpg"),
    );
    // EXIF orientation 6 is applied: the preview is upright (portrait).
    let (w, h) = preview_size(&app, id);
    assert!(h > w, "{w}×{h}");
    let rotate = |app: &App| app.article().unwrap().photo(id).unwrap().edit.rotate;

    click(&mut app, "Xoay phải");
    assert_eq!(rotate(&app), 1);
    let (w, h) = preview_size(&app, id);
    assert!(w > h, "turned a quarter: landscape, {w}×{h}");
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert_eq!(rotate(&app), 0);
    let (w, h) = preview_size(&app, id);
    assert!(h > w, "undone: portrait again, {w}×{h}");

    // Ctrl+L turns the selected card (the one last used) left; Ctrl+Shift+Z redoes.
    run(&mut app, Message::Shortcut(Shortcut::RotateLeft));
    assert_eq!(rotate(&app), 3);
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert_eq!(rotate(&app), 0);
    run(&mut app, Message::Shortcut(Shortcut::Redo));
    assert_eq!(rotate(&app), 3);
}

#[test]
fn a_photo_with_a_description_arrives_captioned_and_its_credit_goes_to_all() {
    let found = Command::new("exiftool").arg("-ver").output().is_ok();
    if !tools::need("exiftool", found) {
        return;
    }
    let (t, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    let tagged = t.path().join("tagged.jpg");
    fs::copy(Path::new(PHOTOS).join("photo07_Kite.jpg"), &tagged).unwrap();
    let ok = Command::new("exiftool")
        .args([
            "-q",
            "-overwrite_original",
            "-charset",
            "exif=utf8",
            "-ImageDescription=Thả diều trên đê xã Cao Sơn",
            "-Artist=Nguyễn Thị Hoa",
        ])
        .arg(&tagged)
        .status()
        .unwrap();
    assert!(ok.success());
    let plain = add_photo(&mut app, Path::new(PHOTOS).join("photo02_BytheWater.jpg"));
    let id = add_photo(&mut app, tagged);
    let p = app.article().unwrap().photo(id).unwrap().clone();
    assert_eq!(p.caption, "Thả diều trên đê xã Cao Sơn");
    assert_eq!(p.credit, "Nguyễn Thị Hoa");
    // The card says where the text came from.
    let mut s = sim_sized(&app, Size::new(1366.0, 1600.0));
    assert!(
        s.find("lấy từ ảnh").is_ok(),
        "no \"lấy từ ảnh\" on the card"
    );
    drop(s);

    let before = app.article().unwrap().photo(plain).unwrap().credit.clone();
    assert_ne!(before, "Nguyễn Thị Hoa");
    run(&mut app, Message::Editor(E::Photo(id, Event::CreditForAll)));
    let a = app.article().unwrap();
    assert_eq!(a.photo(plain).unwrap().credit, "Nguyễn Thị Hoa");
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert_eq!(app.article().unwrap().photo(plain).unwrap().credit, before);
}
