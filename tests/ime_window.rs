//! A real input method in the real window: tests/ime-typing.sh types Telex
//! through ibus-unikey under Xvfb, leaving each field's last word still
//! being composed when the next field is clicked, and checks the saved
//! draft (#13). Skipped with a message where the programs are missing,
//! required when `CI` is set (.ci/run installs them).
#![cfg(feature = "gui")]

#[path = "support/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command;

use tools::need;

fn on_path(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn words_composed_through_ibus_unikey_stay_in_the_field_they_were_typed_in() {
    for program in ["Xvfb", "xdotool", "ibus-daemon", "dbus-launch", "import"] {
        if !need(program, on_path(program)) {
            return;
        }
    }
    if !need(
        "ibus-unikey",
        Path::new("/usr/share/ibus/component/unikey.xml").exists(),
    ) {
        return;
    }
    let out = Command::new("bash")
        .arg("tests/ime-typing.sh")
        .arg(env!("CARGO_BIN_EXE_tinxa"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success() && stdout.contains("PASS"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
