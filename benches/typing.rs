//! Typing in a 10,000-word body: what one keystroke costs per frame, driven
//! the way iced's runtime drives the app (see `iced_winit::run_instance`):
//!
//! 1. the key events go to the live `UserInterface` (focused body editor),
//! 2. the resulting messages go to `App::update`,
//! 3. the view is rebuilt and laid out at 1366×768 with the widget cache
//!    carried over from the previous frame (`UserInterface::build`),
//! 4. `RedrawRequested` is delivered and the interface is drawn into the
//!    renderer's layers (`UserInterface::draw`).
//!
//! One headless renderer (tiny-skia, fonts loaded once) lives for the whole
//! run, as the window's renderer does in the real app; nothing of the
//! `iced_test::Simulator` setup (font loading, renderer creation) is timed.
//!
//! Also: view + layout alone, a full frame including software rasterization
//! (informative), and the debounced preview + check refresh after a pause
//! (run on a worker thread by the window).
//!
//! `cargo bench --bench typing`

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use iced::{Font, Settings, Size, Theme};
use iced_test::core::clipboard;
use iced_test::core::keyboard::{Key, key::Named};
use iced_test::core::mouse;
use iced_test::core::renderer::{Headless, Style};
use iced_test::core::theme::Base;
use iced_test::core::widget::{Operation, operation};
use iced_test::core::{Event, window};
use iced_test::runtime::user_interface::{Cache, UserInterface};
use iced_test::selector::{Selector, id};
use iced_test::simulator::{click, tap_key, typewrite};
use tinxa::article::Article;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::session::Session;
use tinxa::ui::{App, Message};

const SIZE: Size = Size::new(1366.0, 768.0);
/// What the measured keystrokes type, one character per iteration. After
/// each full sentence an untimed Enter starts a new paragraph, so the
/// paragraph being edited stays as long as a real one.
const SENTENCE: &str = "Người dân xã Ea Tiêu phấn khởi đón nhận tiện ích mới.";

/// The app's window as the runtime keeps it between frames.
struct Window {
    renderer: iced::Renderer,
    cache: Option<Cache>,
    cursor: mouse::Cursor,
    theme: Theme,
}

impl Window {
    fn new() -> Self {
        let settings = Settings {
            fonts: App::fonts(),
            default_font: Font::with_name(tinxa::ui::FONT_NAME),
            ..Settings::default()
        };
        for font in settings.fonts {
            iced_test::renderer::graphics::text::font_system()
                .write()
                .expect("font system")
                .load_font(font);
        }
        let backend = std::env::var("ICED_TEST_BACKEND").ok();
        let renderer =
            iced_test::futures::futures::executor::block_on(<iced::Renderer as Headless>::new(
                settings.default_font,
                settings.default_text_size,
                backend.as_deref(),
            ))
            .expect("headless renderer");
        Window {
            renderer,
            cache: Some(Cache::default()),
            cursor: mouse::Cursor::Unavailable,
            // The app's default theme (Settings::default() → Light).
            theme: Theme::Light,
        }
    }

    fn build<'a>(
        &mut self,
        app: &'a App,
        cache: Cache,
    ) -> UserInterface<'a, Message, Theme, iced::Renderer> {
        UserInterface::build(app.view(), SIZE, cache, &mut self.renderer)
    }

    fn redraw(&mut self, ui: &mut UserInterface<'_, Message, Theme, iced::Renderer>) {
        let mut msgs = Vec::new();
        let redraw = Event::Window(window::Event::RedrawRequested(Instant::now()));
        let _ = ui.update(
            std::slice::from_ref(&redraw),
            self.cursor,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut msgs,
        );
        assert!(msgs.is_empty(), "redraw produced messages");
        let base = self.theme.base();
        ui.draw(
            &mut self.renderer,
            &self.theme,
            &Style {
                text_color: base.text_color,
            },
            self.cursor,
        );
    }
}

/// One frame as the runtime runs it: deliver `$events` to the live interface
/// `$ui`, update `$app` with the produced messages, rebuild + lay out the
/// view with the carried-over cache, then redraw. (A macro, not a function:
/// `$ui` borrows `$app`, and only inline code lets the borrow checker see
/// that the borrow ends at `into_cache` before `App::update`.)
macro_rules! frame {
    ($w:expr, $app:expr, $ui:ident, $events:expr) => {{
        let mut msgs = Vec::new();
        let _ = $ui.update(
            $events,
            $w.cursor,
            &mut $w.renderer,
            &mut clipboard::Null,
            &mut msgs,
        );
        if !msgs.is_empty() {
            let cache = $ui.into_cache();
            for m in msgs {
                let _ = $app.update(m);
            }
            $ui = $w.build(&*$app, cache);
        }
        $w.redraw(&mut $ui);
    }};
}

fn bench(c: &mut Criterion) {
    // SAFETY: set before any thread is started.
    unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    typing(c, true);
    typing(c, false);
}

/// The keystroke benchmarks with the spelling marks on (the default, with
/// the Hunspell word list when one is installed) or off (`_spelling_off`;
/// only the keystroke itself is measured then).
fn typing(c: &mut Criterion, spelling: bool) {
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
    let mut settings = tinxa::settings::Settings::default();
    settings.spelling.enabled = spelling;
    let mut app = App::new(store.clone(), settings.clone(), Lang::Vi);
    let _ = app.update(Message::Opened(Ok(Box::new(Session::open(d)))));
    assert!(app.article().is_some(), "editor did not open");
    // The checker the window loads at start-up (off the UI thread).
    let (speller, problems) = tinxa::wordlist::checker(&settings, home.path());
    assert!(problems.is_empty(), "{problems:?}");
    eprintln!(
        "typing: spelling marks {}, word list {}",
        if spelling { "on" } else { "off" },
        if speller.has_list() {
            "loaded"
        } else {
            "not installed"
        }
    );
    let speller = std::sync::Arc::new(speller);
    let _ = app.update(Message::SpellerLoaded(speller.clone(), Vec::new()));

    let mut w = Window::new();

    // Click into the middle of the body editor once, through the interface,
    // so it has the focus and a caret; the mouse then stays there.
    {
        let cache = w.cache.take().unwrap();
        let mut ui = w.build(&app, cache);
        let mut find = id("body").find();
        ui.operate(&w.renderer, &mut operation::black_box(&mut find));
        let body = match find.finish() {
            operation::Outcome::Some(Some(t)) => t,
            _ => panic!("no widget with id \"body\""),
        };
        let bounds = body.visible_bounds().expect("body editor not visible");
        w.cursor = mouse::Cursor::Available(bounds.center());
        let clicks: Vec<Event> = click().collect();
        frame!(w, &mut app, ui, &clicks);
        w.cache = Some(ui.into_cache());
    }

    let sentence: Vec<Vec<Event>> = SENTENCE
        .chars()
        .map(|ch| typewrite(&ch.to_string()).collect())
        .collect();
    let enter: Vec<Event> = tap_key(Key::Named(Named::Enter), None).collect();
    let body_chars = |app: &App| app.article().unwrap().body.chars().count();
    let start_chars = body_chars(&app);
    // Keystrokes delivered (timed) and Enters (untimed) over the whole run.
    let mut typed = 0usize;
    let mut enters = 0usize;

    // Sanity: one keystroke through the interface reaches the body.
    {
        let cache = w.cache.take().unwrap();
        let mut ui = w.build(&app, cache);
        frame!(w, &mut app, ui, &typewrite("ệ").collect::<Vec<_>>());
        w.cache = Some(ui.into_cache());
        typed += 1;
        assert_eq!(
            body_chars(&app),
            start_chars + 1,
            "keystroke did not reach the body"
        );
    }

    let mut g = c.benchmark_group(if spelling {
        "typing_10000_words"
    } else {
        "typing_10000_words_spelling_off"
    });
    g.sample_size(30);

    // Types SENTENCE one char per iteration; returns the time of the timed
    // frames only (the untimed Enter frames between sentences are excluded).
    let mut run = |w: &mut Window, app: &mut App, iters: u64, raster: bool| -> Duration {
        let bg = w.theme.base().background_color;
        let cache = w.cache.take().unwrap();
        let mut ui = w.build(app, cache);
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let i = typed % sentence.len();
            if i == 0 && typed > 1 {
                frame!(w, app, ui, &enter);
                enters += 1;
            }
            let t = Instant::now();
            frame!(w, app, ui, &sentence[i]);
            if raster {
                let _ = w.renderer.screenshot(iced::Size::new(1366, 768), 1.0, bg);
            }
            total += t.elapsed();
            typed += 1;
        }
        w.cache = Some(ui.into_cache());
        total
    };

    g.bench_function("keystroke_update_view_layout_draw", |b| {
        b.iter_custom(|iters| run(&mut w, &mut app, iters, false))
    });
    if spelling {
        g.bench_function("keystroke_frame_with_full_raster", |b| {
            b.iter_custom(|iters| run(&mut w, &mut app, iters, true))
        });
    }

    // The body really received every measured keystroke (+ the Enters).
    let end_chars = body_chars(&app);
    assert_eq!(
        end_chars,
        start_chars + typed + enters,
        "typed {typed} chars + {enters} Enters, body grew by {}",
        end_chars - start_chars
    );
    if typed > 2 * sentence.len() {
        assert!(app.article().unwrap().body.contains(SENTENCE));
    }
    eprintln!(
        "typing: {typed} keystrokes (+{enters} Enters) reached the body ({start_chars} → {end_chars} chars)"
    );

    if !spelling {
        g.finish();
        return;
    }
    g.bench_function("view_layout_only", |b| {
        b.iter(|| {
            let cache = w.cache.take().unwrap();
            let ui = w.build(&app, cache);
            w.cache = Some(ui.into_cache());
        })
    });
    // The preview model, the check and the counts after a pause in typing:
    // computed on a worker thread (the window's tick only starts it), timed
    // here directly.
    let article = app.article().unwrap().clone();
    let limits = tinxa::settings::Settings::default().check;
    let files = std::collections::HashMap::new();
    g.bench_function("debounced_preview_and_check_on_worker", |b| {
        b.iter(|| {
            tinxa::ui::screen::editor::Refresh::compute(
                &article,
                &files,
                &limits,
                &speller,
                Lang::Vi,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
