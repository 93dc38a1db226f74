//! Typing defects a reporter meets in a normal day, through the window
//! headless: pasted paragraphs that start with a tab, and undo steps.
#![cfg(feature = "gui")]

mod common;

use std::sync::Arc;

use common::{apply, run, sim};
use iced::widget::text_editor::{Action, Edit};
use iced_test::selector::id;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::settings::Settings;
use tinxa::ui::screen::editor::Message as E;
use tinxa::ui::{App, Message, Shortcut};

fn new_draft() -> (tempfile::TempDir, App) {
    let t = tempfile::tempdir().unwrap();
    let mut app = App::new(Store::new(t.path()), Settings::default(), Lang::Vi);
    run(&mut app, Message::Shortcut(Shortcut::New));
    assert!(app.article().is_some());
    (t, app)
}

#[test]
fn a_pasted_paragraph_starting_with_a_tab_is_a_paragraph_not_code() {
    let (_t, mut app) = new_draft();
    let pasted = "Tham dự hội nghị có:\r\n\tBí thư, phó Bí thư các chi bộ trực thuộc Đảng ủy.";
    run(
        &mut app,
        Message::Editor(E::Body(Action::Edit(Edit::Paste(Arc::new(pasted.into()))))),
    );
    let body = &app.article().unwrap().body;
    assert_eq!(
        body,
        "Tham dự hội nghị có:\n\nBí thư, phó Bí thư các chi bộ trực thuộc Đảng ủy."
    );
    let doc = tinxa::doc::Document::from_article(app.article().unwrap());
    let html = tinxa::export::html::article_markup(&doc, &|_| None);
    assert!(!html.contains("<pre"), "{html}");
    assert!(!html.contains("<code"), "{html}");
    // Two lines copied from Word are two paragraphs, not one.
    assert_eq!(html.matches("<p>").count(), 2, "{html}");
}

#[test]
fn one_undo_takes_back_a_few_words_not_the_whole_sentence() {
    let (_t, mut app) = new_draft();
    let sentence = "Sáng ngày 25/01/2024 Đảng ủy xã Cao Sơn tổ chức hội nghị quán triệt các văn bản mới của Trung ương";
    // Typed briskly, as one run of keys with no pause.
    let mut s = sim(&app);
    s.click(id("body")).unwrap();
    s.typewrite(sentence);
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    assert_eq!(app.article().unwrap().body, sentence);

    run(&mut app, Message::Shortcut(Shortcut::Undo));
    let after = app.article().unwrap().body.clone();
    let words = |s: &str| s.split_whitespace().count();
    assert!(
        words(&after) >= words(sentence) - 5 && words(&after) < words(sentence),
        "one undo took back a few words: {after:?}"
    );
    assert!(sentence.starts_with(after.trim_end()), "{after:?}");
    run(&mut app, Message::Shortcut(Shortcut::Redo));
    assert_eq!(app.article().unwrap().body, sentence, "redo brings it back");

    // A paste is a step of its own, whatever came before it.
    run(
        &mut app,
        Message::Editor(E::Body(Action::Edit(Edit::Paste(Arc::new(
            " Đoạn văn dán từ Word vào.".into(),
        ))))),
    );
    run(&mut app, Message::Shortcut(Shortcut::Undo));
    assert_eq!(app.article().unwrap().body, sentence);
}

/// A new draft with "Việt " typed in the title and "Nam" shown underlined
/// after it by the input method (ibus-unikey): not committed yet.
fn composing_nam_in_the_title() -> (tempfile::TempDir, App) {
    let (t, mut app) = new_draft();
    let mut s = sim(&app);
    s.click(id("title")).unwrap();
    s.typewrite("Việt ");
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(&mut app, msgs);
    run(&mut app, Message::Preedit("Nam".into()));
    // What the focus query started by the preedit answers.
    run(
        &mut app,
        Message::Editor(E::ComposingIn(iced::widget::Id::new("title"))),
    );
    (t, app)
}

/// The input method commits `word` and iced hands it to the body.
fn commit_to_body(app: &mut App, word: &str) {
    run(
        app,
        Message::Editor(E::Body(Action::Edit(Edit::Paste(Arc::new(word.into()))))),
    );
}

#[test]
fn a_word_still_being_composed_stays_in_the_field_it_was_typed_in() {
    let (_t, mut app) = composing_nam_in_the_title();
    // The reporter clicks the body; the input method ends the word and
    // commits it, and iced hands the commit to the body, now focused.
    run(&mut app, Message::Preedit(String::new()));
    commit_to_body(&mut app, "Nam");
    let a = app.article().unwrap();
    assert_eq!(a.title, "Việt Nam");
    assert_eq!(a.body, "", "nothing moved to the body");

    // Typing in the body afterwards goes to the body.
    commit_to_body(&mut app, "Nam");
    assert_eq!(app.article().unwrap().body, "Nam");
}

#[test]
fn a_click_ends_the_word_being_composed_in_its_own_field() {
    let (_t, mut app) = composing_nam_in_the_title();

    // The reporter clicks the body while "Nam" is still underlined: the
    // click itself first ends the word in the title, at its caret, as GTK
    // and Qt fields do, then the body takes the click.
    let mut s = sim(&app);
    // A new simulator forgets which field had the focus: click the title
    // again first (what that click says is an artefact of the simulator).
    s.click(id("title")).unwrap();
    let skip = s.into_messages().count();
    let mut s = sim(&app);
    s.click(id("title")).unwrap();
    s.click(id("body")).unwrap();
    let msgs: Vec<Message> = s.into_messages().skip(skip).collect();
    let end = msgs
        .iter()
        .position(|m| matches!(m, Message::Editor(E::EndComposing)))
        .expect("the word is ended");
    assert!(
        matches!(&msgs[..end], [Message::Editor(E::Title(t))] if t == "Việt Nam"),
        "the word goes to the title, at its caret, before the body takes the click: {msgs:?}"
    );
    apply(&mut app, msgs);
    assert_eq!(app.article().unwrap().title, "Việt Nam");

    // The next frame closes the input method (so it forgets "Nam"), the
    // one after reopens it for the body.
    let mut s = sim(&app);
    let redraw = || {
        iced::Event::Window(iced::window::Event::RedrawRequested(
            std::time::Instant::now(),
        ))
    };
    s.simulate([redraw()]);
    s.simulate([redraw()]);
    let msgs: Vec<Message> = s.into_messages().collect();
    assert!(
        msgs.iter()
            .any(|m| matches!(m, Message::Editor(E::ImeReset))),
        "{msgs:?}"
    );
    apply(&mut app, msgs);

    // An input method that commits its copy anyway: it is not typed twice.
    run(&mut app, Message::Preedit(String::new()));
    commit_to_body(&mut app, "Nam");
    let a = app.article().unwrap();
    assert_eq!(a.title, "Việt Nam");
    assert_eq!(a.body, "", "nothing moved to the body");
    // What is typed in the body afterwards stays there.
    commit_to_body(&mut app, "Dương");
    assert_eq!(app.article().unwrap().body, "Dương");
}
