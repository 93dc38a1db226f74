// A GUI program on Windows: no console window. The command-line commands
// attach to the console of the terminal they were started from.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use tinxa::cli::{Cli, run};

fn main() {
    attach_console();
    let mut cli = Cli::parse();
    let code = match cli.command.take() {
        Some(tinxa::cli::Command::Open { draft }) => match tinxa::cli::resolve(&draft) {
            Ok(dir) => open_window(&cli, Some(dir)),
            Err(msg) => {
                eprintln!("tinxa: {msg}");
                2
            }
        },
        Some(cmd) => run(cli, cmd),
        None => open_window(&cli, None),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_window(cli: &Cli, open: Option<std::path::PathBuf>) -> i32 {
    tinxa::ui::run(cli.lang.as_deref(), open)
}

#[cfg(not(feature = "gui"))]
fn open_window(_cli: &Cli, _open: Option<std::path::PathBuf>) -> i32 {
    eprintln!("tinxa: bản này không có giao diện cửa sổ; dùng các lệnh, xem `tinxa --help`.");
    2
}

#[cfg(windows)]
fn attach_console() {
    // SAFETY: AttachConsole is called once at start with a constant argument.
    unsafe extern "system" {
        fn AttachConsole(pid: u32) -> i32;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
