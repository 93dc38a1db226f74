//! Typing in a 10,000-word body: one keystroke's update, then view and
//! layout of the whole window, driven through iced_test (software renderer).
//! Also the debounced preview + check refresh that follows a pause.
//!
//! `cargo bench --bench typing`

use criterion::{Criterion, criterion_group, criterion_main};
use iced::{Font, Settings, Size};
use iced_test::Simulator;
use iced_test::selector::id;
use tinxa::article::Article;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::ui::{App, Message};

fn bench(c: &mut Criterion) {
    // SAFETY: set before any thread is started.
    unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let mut a = Article::new();
    a.title = "Bài dài".into();
    let para = "Hội nghị thông tin thời sự và quán triệt văn bản mới của Trung ương, của tỉnh đến các xã. ";
    a.body = (0..500)
        .map(|_| para.to_owned())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(tinxa::text::word_count(&a.body) >= 10_000);
    let d = store.create(a).unwrap();
    let mut app = App::new(store.clone(), Default::default(), Lang::Vi);
    let _ = app.update(Message::Opened(Ok(Box::new(d))));
    let settings = || Settings {
        fonts: App::fonts(),
        default_font: Font::with_name(tinxa::ui::FONT_NAME),
        ..Settings::default()
    };

    // Put the focus in the body once; keystrokes then go to its editor.
    let mut g = c.benchmark_group("typing_10000_words");
    g.sample_size(30);
    g.bench_function("keystroke_update_view_layout", |b| {
        b.iter(|| {
            let msgs: Vec<Message> = {
                let mut s = Simulator::with_size(settings(), Size::new(1366.0, 768.0), app.view());
                s.click(id("body")).unwrap();
                s.typewrite("ệ");
                s.into_messages().collect()
            };
            for m in msgs {
                let _ = app.update(m);
            }
        })
    });
    g.bench_function("view_layout_only", |b| {
        b.iter(|| Simulator::with_size(settings(), Size::new(1366.0, 768.0), app.view()))
    });
    g.bench_function("debounced_preview_and_check", |b| {
        b.iter(|| {
            let _ = app.update(Message::Editor(tinxa::ui::screen::editor::Message::Title(
                "Bài dài ".into(),
            )));
            let _ = app.update(Message::Tick);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
