//! Rich paste in the window, through the real clipboard: xclip serves
//! text/html (LibreOffice's, with its picture), a web page's HTML, a
//! screenshot (image/png) or plain text on an Xvfb display; Ctrl+V (and
//! Ctrl+Shift+V) pressed in the body through iced_test reads it with
//! arboard off the UI thread. Needs Xvfb and xclip.
#![cfg(feature = "gui")]

mod common;

use std::path::Path;

use common::{apply, run, sim};
use iced::keyboard::{self, Modifiers};
use iced_test::selector::id;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::settings::Settings;
use tinxa::ui::{App, Message, Shortcut};

#[path = "support/tools.rs"]
mod tools;
use tools::need;

#[path = "support/xvfb.rs"]
mod xvfb;
use xvfb::{Xvfb, has_tool};

/// Ctrl(+Shift)+V pressed in the body, and what it starts run to the end.
fn ctrl_v(app: &mut App, shift: bool) {
    let mut s = sim(app);
    s.click(id("body")).expect("body on screen");
    let mut modifiers = Modifiers::CTRL;
    if shift {
        modifiers |= Modifiers::SHIFT;
    }
    let v = keyboard::Key::Character("v".into());
    s.simulate([iced::Event::Keyboard(keyboard::Event::KeyPressed {
        key: v.clone(),
        modified_key: v,
        physical_key: keyboard::key::Physical::Code(keyboard::key::Code::KeyV),
        location: keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    })]);
    let msgs: Vec<Message> = s.into_messages().collect();
    assert!(!msgs.is_empty(), "Ctrl+V sent nothing");
    apply(app, msgs);
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/html")
            .join(name),
    )
    .unwrap()
}

#[test]
fn ctrl_v_pastes_html_with_its_picture_and_one_ctrl_z_takes_it_back() {
    if !need("Xvfb", has_tool("Xvfb", "-help")) || !need("xclip", has_tool("xclip", "-version")) {
        return;
    }
    let x = Xvfb::start();
    // This test is alone in its file: no other thread reads the variables.
    unsafe {
        std::env::set_var("DISPLAY", &x.display);
        std::env::remove_var("WAYLAND_DISPLAY");
    }
    let t = tempfile::tempdir().unwrap();
    let mut app = App::new(Store::new(t.path()), Settings::default(), Lang::Vi);
    run(&mut app, Message::Shortcut(Shortcut::New));
    let mut s = sim(&app);
    s.click(id("body")).unwrap();
    s.typewrite("Mở đầu.");
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    let before = app.article().unwrap().clone();
    assert_eq!(before.body, "Mở đầu.");

    // LibreOffice's clipboard HTML, its picture inline as data:.
    x.offer("text/html", &fixture("libreoffice_clipboard.html"));
    ctrl_v(&mut app, false);
    let a = app.article().unwrap().clone();
    assert!(
        a.body.starts_with(
            "Mở đầu.\n\n## Thôn Đông ra quân làm đường giao thông nông thôn\n\n**Ngày 20/11**"
        ),
        "{}",
        a.body
    );
    assert!(
        a.body
            .contains("- Đổ bê tông 1,2 km\n    - Đoạn qua trường học")
    );
    assert!(a.body.contains("\n\n[[Ảnh 1]]\n\n"), "{}", a.body);
    assert!(a.body.contains("Đoàn viên thôn Đông"), "VNI text converted");
    assert_eq!(a.photos.len(), 1);
    assert_eq!(a.photos[0].credit, "Văn Hùng");
    let file = app
        .draft_dir()
        .unwrap()
        .join("photos")
        .join(&a.photos[0].file);
    assert!(file.exists(), "{}", file.display());
    let (said, error) = app.status().expect("the paste is reported");
    assert!(!error && said.contains("1 ảnh"), "{said}");

    // One Ctrl+Z: the body as it was, and no photo.
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    let a = app.article().unwrap();
    assert_eq!(a.body, before.body);
    assert!(a.photos.is_empty());

    // A screenshot: a photo at the cursor.
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 200]))
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    };
    x.offer("image/png", &png);
    ctrl_v(&mut app, false);
    let a = app.article().unwrap().clone();
    assert_eq!(a.body, "Mở đầu.\n\n[[Ảnh 1]]", "{}", a.body);
    assert_eq!(a.photos.len(), 1);
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert!(app.article().unwrap().photos.is_empty());

    // The same screenshot pasted where no field has the focus (over the
    // photos): a photo, like a dropped file; text on the clipboard is not
    // pasted there.
    run(&mut app, Message::Shortcut(Shortcut::PastePictures));
    let a = app.article().unwrap().clone();
    assert_eq!(a.photos.len(), 1, "{}", a.body);
    assert!(a.body.contains("[[Ảnh 1]]"), "{}", a.body);
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert!(app.article().unwrap().photos.is_empty());
    x.offer("UTF8_STRING", "chữ thường".as_bytes());
    run(&mut app, Message::Shortcut(Shortcut::PastePictures));
    assert_eq!(app.article().unwrap().body, before.body);

    // Google Docs' HTML with a web picture: the text, and the picture counted.
    x.offer("text/html", &fixture("gdocs_clipboard.html"));
    ctrl_v(&mut app, false);
    let a = app.article().unwrap().clone();
    assert!(a.body.contains("- Khen thưởng 12 hội viên\n    - Nông dân"));
    assert!(!a.body.contains("javascript"));
    let (said, _) = app.status().unwrap();
    assert!(said.contains("1 ảnh trên mạng"), "{said}");
    run(&mut app, Message::Shortcut(Shortcut::Undo));

    // Ctrl+Shift+V: the text only, its leading tabs gone.
    x.offer("UTF8_STRING", "\tDòng một\n\tDòng hai".as_bytes());
    ctrl_v(&mut app, true);
    assert_eq!(
        app.article().unwrap().body,
        "Mở đầu.Dòng một\n\nDòng hai",
        "plain text goes in at the cursor, each line a paragraph"
    );
}
