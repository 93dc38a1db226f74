//! The "Đăng lên cổng" panel, driven headless through iced_test: it lists
//! the portal form's fields in the form's order and the photos with the
//! cover first, and each copy button puts what the portal wants on the
//! system clipboard (read back with xclip under Xvfb): plain text for the
//! one-line fields, text/html + text/plain with the body-only markup for the
//! body, an image for a photo, and the export-ready photos in a folder.
#![cfg(feature = "gui")]

mod common;

#[path = "support/portal_article.rs"]
mod portal_article;
#[path = "support/tools.rs"]
mod tools;
#[path = "support/xvfb.rs"]
mod xvfb;

use std::process::Command;

use common::{apply, run, sim_sized};
use iced::Size;
use iced_test::selector::id;
use tinxa::draft::{Draft, Store};
use tinxa::export::{self, Format, Options};
use tinxa::lang::Lang;
use tinxa::photo::PhotoOptions;
use tinxa::session::Session;
use tinxa::settings::{PortalSettings, Settings};
use tinxa::ui::i18n::T;
use tinxa::ui::screen::editor::portal_panel::PHOTO_FOLDER;
use tinxa::ui::{App, Message};
use tools::need;
use xvfb::{Xvfb, xclip_out};

/// Tall enough that the whole panel is on screen (the simulator cannot scroll).
const TALL: Size = Size::new(1366.0, 1400.0);

/// The sample portal article (two photos, the first the cover) open in
/// the editor with the panel shown.
fn open_panel(settings: Settings) -> (tempfile::TempDir, Draft, App) {
    open_panel_with(settings, |_| {})
}

fn open_panel_with(
    settings: Settings,
    change: impl FnOnce(&mut Draft),
) -> (tempfile::TempDir, Draft, App) {
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home");
    let mut d = portal_article::create(&home);
    change(&mut d);
    d.save().unwrap();
    let mut app = App::new(Store::new(&home), settings, Lang::Vi);
    run(
        &mut app,
        Message::Opened(Ok(Box::new(Session::open(d.clone())))),
    );
    press(&mut app, "Đăng lên cổng");
    (t, d, app)
}

/// Clicks the button showing `label` and runs the work it starts.
fn press(app: &mut App, label: &str) {
    let mut s = sim_sized(app, TALL);
    s.click(label)
        .unwrap_or_else(|_| panic!("{label} not on screen"));
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(app, msgs);
}

/// Clicks the widget with id `widget` and runs the work it starts.
fn press_id(app: &mut App, widget: &str) {
    let mut s = sim_sized(app, TALL);
    s.click(id(widget.to_owned()))
        .unwrap_or_else(|_| panic!("{widget} not on screen"));
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(app, msgs);
}

fn top(app: &App, widget: &str) -> f32 {
    let mut s = sim_sized(app, TALL);
    let t = s
        .find(id(widget.to_owned()))
        .unwrap_or_else(|_| panic!("{widget} not on screen"));
    t.bounds().y
}

#[test]
fn the_panel_lists_the_form_fields_in_order_and_the_cover_photo_first() {
    let (_t, d, mut app) = open_panel(Settings::default());
    let mut s = sim_sized(&app, TALL);
    for label in [
        "1. Tiêu đề",
        "2. Sa-pô (tóm tắt)",
        "3. Nội dung",
        "4. Tác giả",
        "5. Chuyên mục",
        "6. Từ khóa",
        "Ảnh 1 · Ảnh đại diện",
        "Ảnh 2",
        "Hình ảnh tại điểm cầu xã Cao Sơn",
        T::PortalHint.tr(Lang::Vi),
    ] {
        assert!(s.find(label).is_ok(), "{label} not on screen");
    }
    assert!(s.find(d.article.title.as_str()).is_ok(), "the title's text");
    drop(s);
    let fields: Vec<f32> = ["title", "sapo", "body", "byline", "category", "tags"]
        .iter()
        .map(|f| top(&app, &format!("portal:{f}")))
        .collect();
    assert!(fields.is_sorted(), "{fields:?}");
    assert!(top(&app, "portal:photo:1") < top(&app, "portal:photo:2"));

    // "Đóng" gives the preview back.
    press(&mut app, "Đóng");
    assert!(sim_sized(&app, TALL).find("6. Từ khóa").is_err());
}

#[test]
fn a_cover_placed_last_in_the_body_still_comes_first() {
    let (_t, _d, app) = open_panel_with(Settings::default(), |d| d.article.cover = Some(2));
    assert!(top(&app, "portal:photo:2") < top(&app, "portal:photo:1"));
    assert!(sim_sized(&app, TALL).find("Ảnh 2 · Ảnh đại diện").is_ok());
}

#[test]
fn a_byline_the_portal_wants_in_the_body_has_no_row_of_its_own() {
    let settings = Settings {
        portal: PortalSettings {
            byline_in_body: true,
            ..Default::default()
        },
        ..Settings::default()
    };
    let (_t, _d, app) = open_panel(settings);
    let mut s = sim_sized(&app, TALL);
    assert!(s.find("3. Nội dung").is_ok());
    assert!(s.find("4. Chuyên mục").is_ok(), "category moves up");
    assert!(s.find("5. Từ khóa").is_ok());
    assert!(s.find("4. Tác giả").is_err() && s.find(id("portal:byline")).is_err());
}

#[test]
fn the_settings_say_which_fields_the_portal_wants_in_the_body() {
    use tinxa::ui::screen::settings::Message as S;
    let (t, _d, mut app) = open_panel(Settings::default());
    run(&mut app, Message::ShowSettings);
    let mut s = sim_sized(&app, TALL);
    assert!(s.find("Trình soạn thảo của cổng").is_ok());
    assert!(
        s.find("Cổng không có ô riêng cho (đưa vào nội dung):")
            .is_ok()
    );
    drop(s);
    run(&mut app, Message::Settings(S::BylineInBody(true)));
    run(&mut app, Message::Settings(S::Back));
    // Back in the editor, the open panel follows the setting.
    let mut s = sim_sized(&app, TALL);
    assert!(s.find("4. Chuyên mục").is_ok());
    assert!(s.find(id("portal:byline")).is_err());
    drop(s);
    let saved = Settings::load(&t.path().join("home"));
    assert!(saved.portal.byline_in_body);
}

/// Set in the copy of this test binary that runs under Xvfb: its display.
const CHILD: &str = "TINXA_PORTAL_WINDOW_DISPLAY";

/// The window's clipboard lives in its own process and reads DISPLAY when
/// it starts; so the test runs itself again with DISPLAY set to an Xvfb
/// server of its own (changing the environment of this multi-threaded test
/// process is not safe).
#[test]
fn copy_buttons_put_each_field_on_the_clipboard() {
    if let Ok(display) = std::env::var(CHILD) {
        return copy_each_field(&display);
    }
    if !need("Xvfb", xvfb::has_tool("Xvfb", "-help"))
        || !need("xclip", xvfb::has_tool("xclip", "-version"))
    {
        return;
    }
    let x = Xvfb::start();
    let o = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "copy_buttons_put_each_field_on_the_clipboard",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, &x.display)
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("1 passed"), "{out}\n{err}");
}

fn copy_each_field(display: &str) {
    let settings = Settings::default();
    let (_t, d, mut app) = open_panel(settings.clone());
    let text = |target: &str| String::from_utf8(xclip_out(display, target)).unwrap();
    let said = |app: &App, t: T| {
        assert_eq!(app.status(), Some((t.tr(Lang::Vi), false)));
    };

    for (field, want, line) in [
        ("title", d.article.title.clone(), T::PortalCopiedTitle),
        ("sapo", d.article.sapo.clone(), T::PortalCopiedSapo),
        ("byline", "Dương Tập".to_owned(), T::PortalCopiedByline),
        (
            "category",
            "Tin hoạt động".to_owned(),
            T::PortalCopiedCategory,
        ),
        ("tags", "hội nghị, Cao Sơn".to_owned(), T::PortalCopiedTags),
    ] {
        press_id(&mut app, &format!("portal:{field}"));
        assert_eq!(text("UTF8_STRING"), want, "{field}");
        assert!(
            !text("TARGETS").lines().any(|l| l == "text/html"),
            "{field}"
        );
        said(&app, line);
    }

    // The body: rich text and its plain alternative, photos embedded.
    press_id(&mut app, "portal:body");
    said(&app, T::PortalCopiedBody);
    let targets = text("TARGETS");
    assert!(targets.lines().any(|l| l == "text/html"), "{targets}");
    assert!(targets.lines().any(|l| l == "UTF8_STRING"), "{targets}");
    let photo = PhotoOptions {
        max_side: settings.photo_max_side,
        quality: settings.photo_quality,
    };
    let opts = Options {
        format: Format::Portal,
        photo,
        skip_bad_photos: false,
    };
    let (html, plain, _) = export::portal_body(&d, &opts, &PortalSettings::default()).unwrap();
    let got = text("text/html");
    assert_eq!(got, html, "the body-only markup");
    assert_eq!(
        got.matches("<figure class=\"image\"><img src=\"data:image/jpeg;base64,")
            .count(),
        2
    );
    assert!(!got.contains("<h1") && !got.contains(&d.article.sapo) && !got.contains("<html"));
    assert!(got.contains("<figcaption>Hình ảnh tại điểm cầu xã Cao Sơn<br>Ảnh: Dương Tập"));
    assert_eq!(text("UTF8_STRING"), plain);
    assert!(plain.contains("Hình ảnh tại điểm cầu xã Cao Sơn\nẢnh: Dương Tập"));

    // A photo as an image: the export-ready copy (resized, turned upright).
    let ready: Vec<_> = [1, 2]
        .map(|pid| export::process_photo(&d, d.article.photo(pid).unwrap(), &photo).unwrap())
        .into();
    for pid in [1, 2] {
        press_id(&mut app, &format!("portal:photo:{pid}"));
        said(&app, T::PortalCopiedPhoto);
        assert!(text("TARGETS").lines().any(|l| l == "image/png"));
        let png = image::load_from_memory(&xclip_out(display, "image/png")).unwrap();
        let r = &ready[pid as usize - 1];
        assert_eq!((png.width(), png.height()), (r.width, r.height));
        assert!(r.width.max(r.height) <= settings.photo_max_side);
    }
    // The second photo is portrait (stored sideways, EXIF orientation 6).
    assert!(ready[1].height > ready[1].width);

    // "Mở thư mục": the export-ready copies, the cover first.
    press_id(&mut app, "portal:folder");
    let folder = d.dir.join(".cache").join(PHOTO_FOLDER);
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    for (n, (file, r)) in files.iter().zip(&ready).enumerate() {
        assert!(file.starts_with(&format!("0{}-", n + 1)), "{files:?}");
        assert_eq!(std::fs::read(folder.join(file)).unwrap(), r.bytes);
    }
    let (line, _) = app.status().unwrap();
    // Opened, or (no file manager here) why not, naming the folder.
    assert!(line.contains(&folder.display().to_string()), "{line}");
}
