//! The window, driven headless through iced_test: click, type Vietnamese,
//! then check the state, the disk and the view.
#![cfg(feature = "gui")]

mod common;

use std::path::Path;

use common::{apply, run, sim, sim_sized};

use iced::Size;
use iced::keyboard::key::Named;
use iced_test::selector::id;
use tinxa::draft::{self, Draft, Store};
use tinxa::lang::Lang;
use tinxa::session::Session;
use tinxa::settings;
use tinxa::ui::{App, Message, Shortcut};

const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

/// Types into a single-line field the way a person (or Unikey) does: the
/// window is redrawn after each key, as the real event loop would.
enum Key<'a> {
    Text(&'a str),
    Backspace,
}

fn type_into(app: &mut App, field: &str, keys: &[Key]) {
    for k in keys {
        let mut s = sim(app);
        s.click(id(field.to_owned())).expect("field on screen");
        match k {
            Key::Text(t) => {
                s.typewrite(t);
            }
            Key::Backspace => {
                s.tap_key(Named::Backspace);
            }
        }
        let msgs: Vec<Message> = s.into_messages().collect();
        apply(app, msgs);
    }
}

fn new_app() -> (tempfile::TempDir, Store, App) {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let app = App::new(store.clone(), settings::Settings::default(), Lang::Vi);
    (t, store, app)
}

#[test]
fn write_an_article_with_a_photo_and_find_it_again() {
    let (_t, store, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    assert!(app.article().is_some(), "a new draft opens in the editor");

    type_into(&mut app, "title", &[Key::Text("Hội nghị ở xã Cao Sơn")]);
    let mut s = sim(&app);
    s.click(id("body")).unwrap();
    s.typewrite("Đoạn một: ộ ế ữ Đ.");
    s.tap_key(Named::Enter);
    s.tap_key(Named::Enter);
    s.typewrite("Đoạn hai.");
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    assert_eq!(app.article().unwrap().title, "Hội nghị ở xã Cao Sơn");
    assert_eq!(
        app.article().unwrap().body,
        "Đoạn một: ộ ế ữ Đ.\n\nĐoạn hai."
    );

    // The message the file dialog or a drop leads to.
    let dir = app.draft_dir().unwrap().to_path_buf();
    let copied = draft::copy_photo_in(&dir, &Path::new(PHOTOS).join("photo02_BytheWater.jpg"));
    let _ = app.update(Message::Editor(
        tinxa::ui::screen::editor::Message::PhotoCopied(copied),
    ));
    let id_ = app.article().unwrap().photos[0].id;
    type_into(
        &mut app,
        &format!("photo:{id_}:caption"),
        &[Key::Text("Chú thích ảnh")],
    );

    // Put the cursor at the end of paragraph 1 and place the photo there.
    let mut s = sim(&app);
    s.click(id("body")).unwrap();
    s.tap_key(Named::ArrowUp);
    s.tap_key(Named::ArrowUp);
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    let mut s = sim_sized(&app, Size::new(1366.0, 1400.0));
    s.click("Chèn ảnh vào đây").expect("insert button");
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    let a = app.article().unwrap();
    assert!(a.is_placed(id_), "{}", a.body);
    assert_eq!(a.photos[0].caption, "Chú thích ảnh");

    app.save_now().unwrap();
    let saved = Draft::load(&dir).unwrap();
    assert_eq!(saved.article.title, "Hội nghị ở xã Cao Sơn");
    assert_eq!(saved.article.photos[0].caption, "Chú thích ảnh");
    assert!(saved.article.body.contains("[[Ảnh 1]]"));
    assert!(saved.article.body.contains("ộ ế ữ Đ"));

    // The drafts list shows it, and a search without diacritics finds it.
    let _ = app.update(Message::Shortcut(Shortcut::Drafts));
    let _ = app.update(Message::Listed(tinxa::ui::screen::drafts::Listing::read(
        &store,
    )));
    assert!(sim(&app).find("Hội nghị ở xã Cao Sơn").is_ok());
    type_into(&mut app, "search", &[Key::Text("hoi nghi")]);
    assert!(
        sim(&app).find("Hội nghị ở xã Cao Sơn").is_ok(),
        "found without diacritics"
    );
    type_into(&mut app, "search", &[Key::Text(" khong co")]);
    let mut s = sim(&app);
    assert!(s.find("Hội nghị ở xã Cao Sơn").is_err());
}

#[test]
fn unikey_backspace_and_retype_gives_duong() {
    // Unikey on Windows turns Telex "Duwowng" into edits: it deletes the
    // letter it changes and types the new one.
    let (_t, _store, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    type_into(
        &mut app,
        "byline",
        &[
            Key::Text("D"),
            Key::Text("u"),
            Key::Backspace,
            Key::Text("ư"),
            Key::Text("o"),
            Key::Backspace,
            Key::Text("ơ"),
            Key::Text("n"),
            Key::Text("g"),
        ],
    );
    assert_eq!(app.article().unwrap().byline, "Dương");
}

#[test]
fn switching_language_changes_the_labels() {
    let (_t, _store, mut app) = new_app();
    {
        let mut s = sim(&app);
        assert!(s.find("Danh sách bản nháp").is_ok());
    }
    let _ = app.update(Message::SwitchLang);
    assert_eq!(app.lang(), Lang::En);
    let mut s = sim(&app);
    assert!(s.find("Drafts").is_ok());
    assert!(s.find("Danh sách bản nháp").is_err());
}

#[test]
fn undo_and_redo_in_the_title() {
    let (_t, _store, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    type_into(&mut app, "title", &[Key::Text("Tin một")]);
    let _ = app.update(Message::Shortcut(Shortcut::Drafts));
    // Re-open is not needed: undo works on the open editor; make a second edit instead.
    run(&mut app, Message::Shortcut(Shortcut::New));
    type_into(&mut app, "title", &[Key::Text("Bản đầu")]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    type_into(&mut app, "title", &[Key::Text(" sửa")]);
    assert_eq!(app.article().unwrap().title, "Bản đầu sửa");
    let _ = app.update(Message::Shortcut(Shortcut::Undo));
    assert_eq!(app.article().unwrap().title, "Bản đầu");
    let _ = app.update(Message::Shortcut(Shortcut::Redo));
    assert_eq!(app.article().unwrap().title, "Bản đầu sửa");
    let mut s = sim(&app);
    assert!(
        s.find("Bản đầu sửa").is_ok(),
        "the field shows the redone text"
    );
}

#[test]
fn a_failed_save_is_shown_in_words() {
    let (_t, _store, mut app) = new_app();
    run(&mut app, Message::Shortcut(Shortcut::New));
    type_into(&mut app, "title", &[Key::Text("Sẽ không lưu được")]);
    let dir = app.draft_dir().unwrap().to_path_buf();
    // The draft folder vanishes and a file takes its place.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, "x").unwrap();
    let err = app.save_now().unwrap_err();
    let _ = app.update(Message::Editor(
        tinxa::ui::screen::editor::Message::Session(
            tinxa::session::Due::Save,
            Ok(tinxa::session::Done::Saved(
                tinxa::session::Outcome::Failed(err),
            )),
        ),
    ));
    let (msg, is_error) = app.status().expect("status shown");
    assert!(is_error);
    assert!(msg.starts_with("Không"), "{msg}");
    assert_eq!(
        app.article().unwrap().title,
        "Sẽ không lưu được",
        "the work stays in memory"
    );
    let mut s = sim(&app);
    assert!(s.find(msg).is_ok(), "the error is on screen");
}

#[test]
fn check_problem_click_focuses_the_caption_field() {
    let (_t, store, mut app) = new_app();
    let d = tinxa::sample::create(&store).unwrap();
    let _ = app.update(Message::Opened(Ok(Box::new(Session::open(d)))));
    type_into(&mut app, "photo:1:caption", &[Key::Text("")]);
    // Clear the caption: select all and delete.
    let mut s = sim(&app);
    s.click(id("photo:1:caption")).unwrap();
    for _ in 0..40 {
        s.tap_key(Named::Backspace);
    }
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    run(&mut app, Message::Tick);
    let p = app
        .problems()
        .iter()
        .find(|p| p.rule == "photo-no-caption")
        .expect("a lỗi for the caption")
        .clone();
    assert_eq!(p.field, "photo:1:caption");
    let mut s = sim(&app);
    s.click(format!("lỗi: {}", p.message).as_str())
        .expect("the problem is a button");
    let msgs: Vec<Message> = s.into_messages().collect();
    assert!(msgs.iter().any(|m| matches!(m, Message::Editor(tinxa::ui::screen::editor::Message::Focus(f)) if f == "photo:1:caption")));
}

#[test]
fn preview_shows_the_sample_like_the_export() {
    let (_t, store, mut app) = new_app();
    let d = tinxa::sample::create(&store).unwrap();
    let doc = tinxa::doc::Document::from_article(&d.article);
    let _ = app.update(Message::Opened(Ok(Box::new(Session::open(d)))));
    let mut s = sim_sized(&app, Size::new(1366.0, 3000.0));
    // Title, sapo, caption, credit and byline are single texts in the preview.
    for t in [
        doc.title.as_str(),
        doc.sapo.as_str(),
        "Hình ảnh tại điểm cầu xã Cao Sơn",
        "Ảnh: Risto Saukonpää (ảnh mẫu)",
        "Dương Tập",
    ] {
        assert!(s.find(t).is_ok(), "preview shows {t}");
    }
    // The HTML export is written from the same Document: same texts, same order.
    let photo = |_: &tinxa::doc::PhotoBlock| {
        Some(tinxa::export::html::PhotoRef {
            src: "a.jpg".into(),
            width: 4,
            height: 3,
        })
    };
    let html = tinxa::export::html::page(&doc, &photo, None);
    let mut at = 0;
    for t in doc.plain_texts() {
        let escaped = tinxa::export::html::escape(&t);
        let found = html[at..]
            .find(&escaped)
            .unwrap_or_else(|| panic!("export lacks, in order: {t}"));
        at += found + escaped.len();
    }
}

#[test]
fn window_check_agrees_with_the_command_line() {
    let (_t, store, mut app) = new_app();
    let mut d = tinxa::sample::create(&store).unwrap();
    d.article.photos[0].caption.clear();
    d.article.title =
        "Một tiêu đề rất dài có hơn mười hai chữ để thử quy tắc kiểm tra độ dài".into();
    d.save().unwrap();
    let dir = d.dir.clone();
    let _ = app.update(Message::Opened(Ok(Box::new(Session::open(d)))));
    let cli = tinxa::check::check(
        &Draft::load(&dir).unwrap().article,
        Some(&dir),
        &Default::default(),
        Lang::Vi,
    );
    let key = |p: &tinxa::check::Problem| (p.severity, p.rule, p.field.clone(), p.message.clone());
    assert_eq!(
        app.problems().iter().map(key).collect::<Vec<_>>(),
        cli.iter().map(key).collect::<Vec<_>>()
    );
    assert!(cli.iter().any(|p| p.rule == "photo-no-caption"));
    assert!(cli.iter().any(|p| p.rule == "title-too-long"));
}

#[test]
fn find_and_replace_in_the_body() {
    let (_t, store, mut app) = new_app();
    let d = tinxa::sample::create(&store).unwrap();
    let _ = app.update(Message::Opened(Ok(Box::new(Session::open(d)))));
    let _ = app.update(Message::Shortcut(Shortcut::Find));
    type_into(&mut app, "find", &[Key::Text("Tỉnh ủy")]);
    type_into(&mut app, "replace", &[Key::Text("Tỉnh uỷ")]);
    use tinxa::ui::screen::editor::Message as E;
    let before = app.article().unwrap().body.matches("Tỉnh ủy").count();
    assert!(before > 3);
    let _ = app.update(Message::Editor(E::Find(
        tinxa::ui::screen::editor::FindMessage::Next,
    )));
    let _ = app.update(Message::Editor(E::Find(
        tinxa::ui::screen::editor::FindMessage::ReplaceOne,
    )));
    assert_eq!(
        app.article().unwrap().body.matches("Tỉnh ủy").count(),
        before - 1,
        "one replaced"
    );
    let _ = app.update(Message::Editor(E::Find(
        tinxa::ui::screen::editor::FindMessage::ReplaceAll,
    )));
    assert_eq!(app.article().unwrap().body.matches("Tỉnh ủy").count(), 0);
    let _ = app.update(Message::Shortcut(Shortcut::Undo));
    assert_eq!(
        app.article().unwrap().body.matches("Tỉnh ủy").count(),
        before - 1,
        "replace all is one undo step"
    );
}

#[test]
fn export_shows_photo_progress_then_the_result() {
    use iced::futures::StreamExt;
    let (t, store, mut app) = new_app();
    let d = tinxa::sample::create(&store).unwrap();
    let _ = app.update(Message::Opened(Ok(Box::new(Session::open(d)))));
    let out = t.path().join("xuat");
    std::fs::create_dir(&out).unwrap();
    let task = app.update(Message::ExportTo(
        Some(out.join("bai.html")),
        std::time::Duration::from_secs(1),
    ));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut stream = iced_runtime::task::into_stream(task).expect("export runs");
    let mut seen = Vec::new();
    while let Some(action) = rt.block_on(stream.next()) {
        let iced_runtime::Action::Output(m) = action else {
            continue;
        };
        let progress = match m {
            Message::Export(tinxa::ui::export::Message::Progress(done, total)) => {
                Some(format!("Đang xử lý ảnh {done}/{total}…"))
            }
            _ => None,
        };
        seen.push(format!("{m:?}").chars().take(40).collect::<String>());
        let _ = app.update(m);
        if let Some(line) = progress {
            // While photos are processed the status bar counts them.
            assert!(sim(&app).find(line.as_str()).is_ok(), "{line} on screen");
        }
    }
    assert!(
        seen.iter().any(|m| m.starts_with("Export(Progress(1, 1))")),
        "{seen:?}"
    );
    let (msg, is_error) = app.status().unwrap();
    assert!(!is_error, "{msg}");
    assert!(msg.starts_with("Đã xuất"), "{msg}");
    assert!(out.join("bai.html").exists());
}
