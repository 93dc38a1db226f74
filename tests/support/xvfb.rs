//! An Xvfb server on a free display for the clipboard tests, and reading
//! the clipboard with xclip. Needs xvfb and xclip.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Whether `name` runs (`name arg`), else the test is skipped (see `need`).
pub fn has_tool(name: &str, arg: &str) -> bool {
    Command::new(name)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// An Xvfb server on a free display, ended when dropped.
pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Xvfb {
        for n in 140..200 {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                || Path::new(&format!("/tmp/.X{n}-lock")).exists()
            {
                continue;
            }
            let display = format!(":{n}");
            let mut child = Command::new("Xvfb")
                .arg(&display)
                .args(["-screen", "0", "1024x768x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let t = Instant::now();
            while t.elapsed() < Duration::from_secs(10) {
                if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                    return Xvfb { child, display };
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
            panic!("Xvfb {display} did not start");
        }
        panic!("no free X display");
    }
}

impl Xvfb {
    /// Puts `data` on this display's clipboard as `target` (xclip keeps
    /// serving it in the background until another owner takes the
    /// clipboard), and waits until TARGETS lists it.
    pub fn offer(&self, target: &str, data: &[u8]) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), data).unwrap();
        let ok = Command::new("xclip")
            .args(["-selection", "clipboard", "-t", target, "-i"])
            .arg(file.path())
            .env("DISPLAY", &self.display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success());
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(5) {
            let targets = xclip_out(&self.display, "TARGETS");
            if String::from_utf8_lossy(&targets)
                .lines()
                .any(|l| l == target)
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("xclip did not serve {target}");
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // Asked to end (not killed) where that can be done, so it removes
        // its lock and socket; xclip exits when the display goes.
        #[cfg(unix)]
        // SAFETY: a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        #[cfg(not(unix))]
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The clipboard's content as `target` (TARGETS, UTF8_STRING, text/html …).
pub fn xclip_out(display: &str, target: &str) -> Vec<u8> {
    let o = Command::new("xclip")
        .args(["-o", "-selection", "clipboard", "-t", target])
        .env("DISPLAY", display)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "xclip -t {target}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}
