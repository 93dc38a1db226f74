//! Helpers for the tests that drive the window headless.
#![allow(dead_code)]

use iced::{Font, Settings, Size};
use iced_test::Simulator;
use tinxa::ui::{App, Message};

pub fn sim(app: &App) -> Simulator<'_, Message> {
    sim_sized(app, Size::new(1366.0, 768.0))
}

/// A taller window: the form scrolls, and the simulator cannot scroll.
pub fn sim_sized(app: &App, size: Size) -> Simulator<'_, Message> {
    let s = Settings {
        fonts: App::fonts(),
        default_font: Font::with_name(tinxa::ui::FONT_NAME),
        ..Settings::default()
    };
    Simulator::with_size(s, size, app.view())
}

/// Sends `message` and runs the work it starts (file work on a worker
/// thread, as in the window) until nothing is left, feeding each result back.
pub fn run(app: &mut App, message: Message) {
    use iced::futures::StreamExt;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut queue = vec![app.update(message)];
    while let Some(task) = queue.pop() {
        let Some(mut stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        // Actions for the real window (focus, window size, clipboard) are
        // dropped as they come, which ends the tasks waiting on them.
        while let Some(action) = rt.block_on(stream.next()) {
            if let iced_runtime::Action::Output(m) = action {
                queue.push(app.update(m));
            }
        }
    }
}

/// Feeds what a simulator produced back to the app, running the work it starts.
pub fn apply(app: &mut App, messages: Vec<Message>) {
    for m in messages {
        run(app, m);
    }
}

/// Clicks the widget showing `label` and runs what it starts.
pub fn click(app: &mut App, label: &str) {
    let mut s = sim_sized(app, Size::new(1366.0, 1400.0));
    s.click(label)
        .unwrap_or_else(|_| panic!("no \"{label}\" on screen"));
    let msgs: Vec<Message> = s.into_messages().collect();
    apply(app, msgs);
}
