//! Runs the built `tinxa` binary for the command-line tests.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `tinxa ARGS` with its home folder (and working folder) at `home`, in
/// the default language.
pub fn tinxa(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tinxa"))
        .args(args)
        .env("TINXA_HOME", home)
        .env_remove("TINXA_LANG")
        .current_dir(home)
        .output()
        .expect("binary runs")
}

/// What it printed on stdout.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What it printed on stderr.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
