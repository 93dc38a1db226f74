//! Starting the window: fonts, icon, application id, and fitting a small
//! laptop screen.

use std::path::PathBuf;

use iced::{Font, Size, Task, window};

use super::{App, Message};

pub const FONT_NAME: &str = "Noto Sans";
/// The window's size on a screen with room for it.
pub const DEFAULT_SIZE: (f32, f32) = (1280.0, 760.0);

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

/// Opens the window; returns the process exit code.
pub fn run(lang_flag: Option<&str>, open: Option<PathBuf>) -> i32 {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "tinxa: không có màn hình (DISPLAY/WAYLAND_DISPLAY chưa đặt); dùng các lệnh, xem `tinxa --help` / no display: use the command line, see `tinxa --help`."
        );
        return 2;
    }
    let flag = lang_flag.map(str::to_owned);
    let result = iced::application(
        move || App::boot(flag.as_deref(), open.clone()),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .font(REGULAR)
    .font(BOLD)
    .font(ITALIC)
    .default_font(Font::with_name(FONT_NAME))
    .scale_factor(App::zoom)
    .window(settings())
    .window_size(DEFAULT_SIZE)
    .exit_on_close_request(false)
    .run();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("tinxa: {e}");
            2
        }
    }
}

/// The fonts the window loads, for tests that draw it headless.
pub fn fonts() -> Vec<std::borrow::Cow<'static, [u8]>> {
    vec![REGULAR.into(), BOLD.into(), ITALIC.into()]
}

/// The window's icon (title bar and taskbar on Windows: winit registers its
/// window class with no icon, and the one embedded in the .exe is not used
/// for the window by itself; _NET_WM_ICON on X11) and, on Linux, the
/// application id `tinxa` (X11 WM_CLASS, Wayland app_id) that ties the
/// window to `tinxa.desktop`.
fn settings() -> window::Settings {
    window::Settings {
        icon: window::icon::from_file_data(
            include_bytes!("../../assets/icons/tinxa-256.png"),
            None,
        )
        .ok(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: "tinxa".to_owned(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Once the window exists: asks for the screen it opened on.
pub fn find_screen() -> Task<Message> {
    window::oldest().then(|id| match id {
        Some(id) => window::monitor_size(id).map(move |s| Message::Monitor(id, s)),
        None => Task::none(),
    })
}

/// A 1366×768 or 1024×600 laptop screen is smaller than the default
/// window (plus title bar and taskbar): fit it, and let the window manager
/// maximise it.
pub fn fit(id: window::Id, screen: Option<Size>) -> Task<Message> {
    let Some(screen) = screen else {
        return Task::none();
    };
    if screen.width >= DEFAULT_SIZE.0 + 80.0 && screen.height >= DEFAULT_SIZE.1 + 80.0 {
        return Task::none();
    }
    let size = Size::new(
        screen.width.min(DEFAULT_SIZE.0),
        (screen.height - 48.0).clamp(400.0, DEFAULT_SIZE.1),
    );
    Task::batch([
        window::move_to(id, iced::Point::ORIGIN),
        window::resize(id, size),
        window::maximize(id, true),
    ])
}
