//! Spelling in the window, driven headless through iced_test: a Telex slip
//! typed into the body is marked, its first suggestion replaces it as one
//! undo step, "Bỏ qua" and "Thêm vào từ điển" make marks go away for good
//! (a new window on the same home folder agrees), and a single-line field
//! holding a slip gets its marker.
#![cfg(feature = "gui")]

mod common;

use common::{apply, run, sim, sim_sized};

use iced::keyboard::key::Named;
use iced::mouse::Button;
use iced::{Point, Size};
use iced_test::selector::id;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::session::Session;
use tinxa::settings::Settings;
use tinxa::ui::screen::editor::{Message as EditorMessage, SpellPlace};
use tinxa::ui::{App, Message, Shortcut};

const TALL: Size = Size::new(1366.0, 1400.0);

fn app_at(home: &std::path::Path) -> App {
    // Rules alone: the test does not depend on hunspell-vi being installed.
    let mut s = Settings::default();
    s.spelling.use_word_list = false;
    App::new(Store::new(home), s, Lang::Vi)
}

fn type_in_body(app: &mut App, text: &str) {
    let mut s = sim(app);
    s.click(id("body")).expect("body on screen");
    s.tap_key(Named::End);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            s.tap_key(Named::Enter);
        }
        s.typewrite(line);
    }
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(app, msgs);
}

/// Clicks the first widget showing exactly `label`.
fn click(app: &mut App, label: &str) {
    let mut s = sim_sized(app, TALL);
    s.click(label)
        .unwrap_or_else(|_| panic!("no \"{label}\" on screen"));
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(app, msgs);
}

fn on_screen(app: &App, label: &str) -> bool {
    sim_sized(app, TALL).find(label).is_ok()
}

/// The pause after typing: the check (and its "Chính tả" list) catches up.
fn pause(app: &mut App) {
    run(app, Message::Tick);
}

fn listed_words(app: &App) -> Vec<String> {
    app.problems()
        .iter()
        .filter_map(|p| p.spelling.as_ref().map(|s| s.word.clone()))
        .collect()
}

#[test]
fn a_telex_slip_is_marked_fixed_in_one_click_and_undone_in_one_step() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app_at(home.path());
    run(&mut app, Message::Shortcut(Shortcut::New));

    // While the word is being typed it is not marked yet ...
    type_in_body(&mut app, "Tiếng Vieejt");
    assert_eq!(app.article().unwrap().body, "Tiếng Vieejt");
    assert!(app.marked_words(SpellPlace::Body).is_empty());
    // ... and it is as soon as the reporter types on.
    type_in_body(&mut app, " hay.");
    assert_eq!(app.marked_words(SpellPlace::Body), vec!["Vieejt"]);
    assert!(
        !on_screen(&app, "Việt"),
        "no suggestion shown before a click"
    );

    // A right-click on the word (inside "Vieejt", after "Tiếng ") shows its
    // suggestions in a menu under it, the fix first.
    let msgs = press_in_body(&app, Point::new(75.0, 10.0), Button::Right);
    assert!(
        msgs.iter()
            .any(|m| matches!(m, Message::Editor(EditorMessage::Spell(_)))),
        "the right-click reached the spelling: {msgs:?}"
    );
    apply(&mut app, msgs);
    assert!(
        on_screen(&app, "«Vieejt»"),
        "the word's suggestions are shown"
    );
    click(&mut app, "Việt");
    assert_eq!(app.article().unwrap().body, "Tiếng Việt hay.");
    assert!(app.marked_words(SpellPlace::Body).is_empty());
    assert!(!on_screen(&app, "«Vieejt»"));

    // One undo step puts the slip back, one redo the fix.
    run(&mut app, Message::Editor(EditorMessage::Undo));
    assert_eq!(app.article().unwrap().body, "Tiếng Vieejt hay.");
    run(&mut app, Message::Editor(EditorMessage::Redo));
    assert_eq!(app.article().unwrap().body, "Tiếng Việt hay.");

    // A left click on a marked word (a doubled mark, on the next line) too;
    // typing on hides the menu.
    type_in_body(&mut app, "\nTieêếng.");
    let msgs = press_in_body(&app, Point::new(20.0, 31.0), Button::Left);
    apply(&mut app, msgs);
    assert!(on_screen(&app, "«Tieêếng»"));
    type_in_body(&mut app, " ");
    assert!(!on_screen(&app, "«Tieêếng»"));
    let msgs = press_in_body(&app, Point::new(20.0, 31.0), Button::Left);
    apply(&mut app, msgs);
    click(&mut app, "Tiếng");
    assert_eq!(app.article().unwrap().body, "Tiếng Việt hay.\nTiếng. ");
    assert!(!on_screen(&app, "«Tieêếng»"));
}

/// Presses a mouse button at `p` in the body's text (past its padding).
fn press_in_body(app: &App, p: Point, button: Button) -> Vec<Message> {
    let mut s = sim(app);
    let body = s.find(id("body")).unwrap().bounds();
    s.point_at(Point::new(body.x + 8.0 + p.x, body.y + 8.0 + p.y));
    s.simulate([
        iced::Event::Mouse(iced::mouse::Event::ButtonPressed(button)),
        iced::Event::Mouse(iced::mouse::Event::ButtonReleased(button)),
    ]);
    s.into_messages().collect()
}

#[test]
fn the_list_fixes_ignores_and_adds_to_the_dictionary_and_a_restart_agrees() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app_at(home.path());
    run(&mut app, Message::Shortcut(Shortcut::New));
    type_in_body(&mut app, "Xã Kđung có ddoongf bào Hmoong.");
    assert_eq!(
        app.marked_words(SpellPlace::Body),
        vec!["Kđung", "ddoongf", "Hmoong"]
    );
    // A slip in the title: the field gets its marker once the check catches up.
    let mut s = sim(&app);
    s.click(id("title")).unwrap();
    s.typewrite("Hooij nghị");
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    pause(&mut app);
    assert_eq!(
        listed_words(&app),
        vec!["Hooij", "Kđung", "ddoongf", "Hmoong"]
    );
    assert!(on_screen(&app, "Chính tả (4)"));
    assert!(
        on_screen(&app, "1 chữ nghi sai chính tả"),
        "the title's marker"
    );

    // The list's first suggestion for the title's slip.
    click(&mut app, "Hội");
    assert_eq!(app.article().unwrap().title, "Hội nghị");
    assert!(!on_screen(&app, "1 chữ nghi sai chính tả"));
    // From the list, in the body (the first "đồng" on screen is its button).
    click(&mut app, "đồng");
    assert_eq!(app.article().unwrap().body, "Xã Kđung có đồng bào Hmoong.");
    run(&mut app, Message::Editor(EditorMessage::Undo));
    assert_eq!(
        app.article().unwrap().body,
        "Xã Kđung có ddoongf bào Hmoong."
    );
    run(&mut app, Message::Editor(EditorMessage::Redo));
    pause(&mut app);
    assert_eq!(listed_words(&app), vec!["Kđung", "Hmoong"]);

    // "Thêm vào từ điển" on the first, "Bỏ qua" on the other.
    click(&mut app, "Thêm vào từ điển");
    assert_eq!(app.marked_words(SpellPlace::Body), vec!["Hmoong"]);
    assert_eq!(listed_words(&app), vec!["Hmoong"]);
    let dict = std::fs::read_to_string(home.path().join("dictionary.txt")).unwrap();
    assert_eq!(dict, "Kđung\n");
    click(&mut app, "Bỏ qua");
    assert!(app.marked_words(SpellPlace::Body).is_empty());
    assert_eq!(app.article().unwrap().spelling_ignored, vec!["Hmoong"]);
    pause(&mut app);
    assert!(listed_words(&app).is_empty());
    assert!(!on_screen(&app, "Chính tả (1)"));
    let id_ = app.draft_dir().unwrap().to_path_buf();
    // Closing the editor saves the draft and lets go of it.
    run(&mut app, Message::Shortcut(Shortcut::Drafts));
    assert!(app.article().is_none());
    drop(app);

    // A new window on the same home folder: no mark, nothing listed.
    let mut app = app_at(home.path());
    let d = tinxa::draft::Draft::load(&id_).unwrap();
    run(&mut app, Message::Opened(Ok(Box::new(Session::open(d)))));
    assert_eq!(app.article().unwrap().body, "Xã Kđung có đồng bào Hmoong.");
    assert!(app.marked_words(SpellPlace::Body).is_empty());
    pause(&mut app);
    assert!(listed_words(&app).is_empty(), "{:?}", listed_words(&app));
    // Another draft still marks the ignored word (ignoring is per draft),
    // not the dictionary's.
    run(&mut app, Message::Shortcut(Shortcut::New));
    type_in_body(&mut app, "Kđung và Hmoong.");
    assert_eq!(app.marked_words(SpellPlace::Body), vec!["Hmoong"]);
}
