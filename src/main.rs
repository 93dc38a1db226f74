// A GUI program on Windows: no console window. The command-line commands
// attach to the console of the terminal they were started from.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use tinxa::cli::{Cli, run};

fn main() {
    let console = console::attach();
    let mut cli = Cli::parse();
    let code = match cli.command.take() {
        Some(tinxa::cli::Command::Open { draft }) => match tinxa::cli::resolve(&draft) {
            Ok(dir) => open_window(&cli, console, Some(dir)),
            Err(msg) => {
                eprintln!("tinxa: {msg}");
                2
            }
        },
        Some(cmd) => run(cli, cmd),
        None => open_window(&cli, console, None),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_window(
    cli: &Cli,
    console: Option<console::Attached>,
    open: Option<std::path::PathBuf>,
) -> i32 {
    // The window must not stay tied to the terminal it was started from:
    // Ctrl+C there, or closing that terminal, would end the editor.
    console::detach(console);
    tinxa::ui::run(cli.lang.as_deref(), open)
}

#[cfg(not(feature = "gui"))]
fn open_window(
    _cli: &Cli,
    console: Option<console::Attached>,
    _open: Option<std::path::PathBuf>,
) -> i32 {
    console::detach(console);
    eprintln!("tinxa: bản này không có giao diện cửa sổ; dùng các lệnh, xem `tinxa --help`.");
    2
}

/// A release build on Windows is a GUI program: Windows gives it no console
/// and, unless the caller redirected them, no standard handles. When it was
/// started from a terminal (cmd.exe, PowerShell), `attach` joins that
/// terminal's console and points every standard handle the caller did not
/// set at it, so `tinxa list`, `--help` and error messages show there.
/// Handles the caller did set (`tinxa list > drafts.txt`, a pipe) are kept
/// as they were, whatever AttachConsole does to them. Started from Explorer
/// there is no console to join and nothing changes. In a console build
/// (debug) every handle is already set and nothing happens either.
#[cfg(windows)]
mod console {
    use std::ffi::c_void;
    type Handle = *mut c_void;
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn FreeConsole() -> i32;
        fn GetStdHandle(which: u32) -> Handle;
        fn SetStdHandle(which: u32, handle: Handle) -> i32;
        fn GetFileType(handle: Handle) -> u32;
        fn CloseHandle(handle: Handle) -> i32;
        fn CreateFileW(
            name: *const u16,
            access: u32,
            share: u32,
            security: *mut c_void,
            disposition: u32,
            flags: u32,
            template: Handle,
        ) -> Handle;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const STD_INPUT_HANDLE: u32 = -10i32 as u32;
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const STD_ERROR_HANDLE: u32 = -12i32 as u32;
    const GENERIC_READ: u32 = 0x8000_0000;
    const GENERIC_WRITE: u32 = 0x4000_0000;
    const FILE_SHARE_READ: u32 = 1;
    const FILE_SHARE_WRITE: u32 = 2;
    const OPEN_EXISTING: u32 = 3;
    const WHICH: [u32; 3] = [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];

    /// The parent's console, joined; the handles opened on it.
    pub struct Attached {
        opened: Vec<(u32, Handle)>,
    }

    /// A usable handle: not empty, and Windows knows what it is (a file, a
    /// pipe or a console); GetFileType answers 0 (unknown) for a stale value.
    fn is_set(h: Handle) -> bool {
        // SAFETY: GetFileType only inspects the handle value.
        !h.is_null() && h != usize::MAX as Handle && unsafe { GetFileType(h) } != 0
    }

    pub fn attach() -> Option<Attached> {
        // SAFETY: plain Win32 calls with constant arguments; the handles are
        // only inspected and handed back to SetStdHandle.
        let before = WHICH.map(|w| unsafe { GetStdHandle(w) });
        if before.iter().all(|&h| is_set(h)) {
            return None;
        }
        // SAFETY: as above; fails harmlessly when the parent has no console.
        if unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } == 0 {
            return None;
        }
        let mut opened = Vec::new();
        for (w, h) in WHICH.into_iter().zip(before) {
            let handle = if is_set(h) {
                h
            } else {
                let name = if w == STD_INPUT_HANDLE {
                    "CONIN$"
                } else {
                    "CONOUT$"
                };
                let name: Vec<u16> = name.encode_utf16().chain([0]).collect();
                // SAFETY: `name` is a NUL-terminated UTF-16 string that
                // outlives the call; the other arguments are constants.
                let new = unsafe {
                    CreateFileW(
                        name.as_ptr(),
                        GENERIC_READ | GENERIC_WRITE,
                        FILE_SHARE_READ | FILE_SHARE_WRITE,
                        std::ptr::null_mut(),
                        OPEN_EXISTING,
                        0,
                        std::ptr::null_mut(),
                    )
                };
                if !is_set(new) {
                    continue;
                }
                opened.push((w, new));
                new
            };
            // SAFETY: `handle` is the caller's or one just opened; std reads
            // the standard handles with GetStdHandle on every write.
            unsafe {
                SetStdHandle(w, handle);
            }
        }
        Some(Attached { opened })
    }

    /// Leaves the console again. The handles opened on it are cleared first,
    /// so later writes to stdout/stderr go nowhere instead of failing.
    pub fn detach(console: Option<Attached>) {
        let Some(console) = console else { return };
        for (w, h) in console.opened {
            // SAFETY: `h` was opened by `attach` and is closed once, after
            // it stopped being a standard handle.
            unsafe {
                SetStdHandle(w, std::ptr::null_mut());
                CloseHandle(h);
            }
        }
        // SAFETY: detaches from the console `attach` joined.
        unsafe {
            FreeConsole();
        }
    }
}

#[cfg(not(windows))]
mod console {
    pub enum Attached {}
    pub fn attach() -> Option<Attached> {
        None
    }
    pub fn detach(_: Option<Attached>) {}
}
