//! `tinxa copy` under Xvfb: the body goes on the clipboard as text/html and
//! plain text, served by a detached tinxa after the command returned, until
//! another program (xclip) takes the clipboard. Needs xvfb and xclip.

#[path = "support/portal_article.rs"]
mod portal_article;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tinxa::export::{self, Format, Options};
use tinxa::settings::PortalSettings;

#[path = "support/tools.rs"]
mod tools;
use tools::need;

#[path = "support/xvfb.rs"]
mod xvfb;
use xvfb::{Xvfb, xclip_out};

fn need_tool(name: &str, arg: &str) -> bool {
    need(name, xvfb::has_tool(name, arg))
}

fn tinxa(home: &Path, display: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tinxa"))
        .args(args)
        .env("TINXA_HOME", home)
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

/// The detached clipboard servers running on this display.
fn servers(display: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmd = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let env = std::fs::read(e.path().join("environ")).unwrap_or_default();
        let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        if has(&cmd, b"serve-clipboard") && has(&env, format!("DISPLAY={display}\0").as_bytes()) {
            out.push(pid);
        }
    }
    out
}

#[test]
fn copy_puts_html_and_plain_text_on_the_clipboard_until_another_program_takes_it() {
    if !need_tool("Xvfb", "-help") || !need_tool("xclip", "-version") {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home");
    let d = portal_article::create(&home);
    let x = Xvfb::start();
    let id = d.id.clone();
    let o = tinxa(&home, &x.display, &["copy", &id, "--field", "body"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The command has returned; the clipboard is still served.
    let targets = String::from_utf8(xclip_out(&x.display, "TARGETS")).unwrap();
    assert!(targets.lines().any(|l| l == "text/html"), "{targets}");
    assert!(
        targets
            .lines()
            .any(|l| l == "UTF8_STRING" || l == "text/plain;charset=utf-8"),
        "{targets}"
    );
    let (html, text, _) = export::portal_body(
        &d,
        &Options {
            format: Format::Portal,
            ..Default::default()
        },
        &PortalSettings::default(),
    )
    .unwrap();
    let got = String::from_utf8(xclip_out(&x.display, "text/html")).unwrap();
    assert_eq!(got, html, "the body-only markup, photos embedded");
    assert!(got.contains("<figure class=\"image\"><img src=\"data:image/jpeg;base64,"));
    assert!(!got.contains("<h1") && !got.contains(&d.article.sapo));
    let plain = String::from_utf8(xclip_out(&x.display, "UTF8_STRING")).unwrap();
    assert_eq!(plain, text);
    assert!(plain.contains("Hình ảnh tại điểm cầu xã Cao Sơn\nẢnh: Dương Tập"));
    assert_eq!(servers(&x.display).len(), 1, "one detached server");

    // A field as plain text replaces it (the first server exits).
    let o = tinxa(&home, &x.display, &["copy", &id, "--field", "title"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8(xclip_out(&x.display, "UTF8_STRING")).unwrap(),
        d.article.title
    );
    let targets = String::from_utf8(xclip_out(&x.display, "TARGETS")).unwrap();
    assert!(!targets.lines().any(|l| l == "text/html"), "{targets}");

    // Another program takes the clipboard: the server exits.
    let mut xclip = Command::new("xclip")
        .args(["-i", "-selection", "clipboard"])
        .env("DISPLAY", &x.display)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        xclip.stdin.take().unwrap().write_all(b"khac").unwrap();
    }
    let _ = xclip.wait();
    let t0 = Instant::now();
    while !servers(&x.display).is_empty() && t0.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        servers(&x.display).is_empty(),
        "the server left when xclip took the clipboard"
    );
    assert_eq!(xclip_out(&x.display, "UTF8_STRING"), b"khac");
}

#[test]
fn copy_print_writes_each_field() {
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home");
    let d = portal_article::create(&home);
    let print = |field: &str| {
        let o = tinxa(&home, "", &["copy", &d.id, "--field", field, "--print"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(print("title"), format!("{}\n", d.article.title));
    assert_eq!(print("sapo"), format!("{}\n", d.article.sapo));
    assert_eq!(print("byline"), "Dương Tập\n");
    assert_eq!(print("tags"), "hội nghị, Cao Sơn\n");
    assert_eq!(print("category"), "Tin hoạt động\n");
    let body = print("body");
    assert!(
        body.starts_with("<p>Sáng ngày 25/01/2024"),
        "{}",
        &body[..80]
    );
    assert_eq!(body.matches("<figure class=\"image\">").count(), 2);
    let o = tinxa(&home, "", &["copy", &d.id, "--field", "nothing", "--print"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_portal_embeds_the_photos_and_fragment_puts_them_beside_it() {
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home");
    let d = portal_article::create(&home);
    let out = t.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let export = |format: &str| {
        let o = tinxa(
            &home,
            "",
            &[
                "export",
                &d.id,
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::path::PathBuf::from(String::from_utf8(o.stdout).unwrap().trim())
    };
    let portal = std::fs::read_to_string(export("portal")).unwrap();
    assert_eq!(
        portal.matches("<img src=\"data:image/jpeg;base64,").count(),
        2
    );
    assert!(!portal.contains("<h1") && !portal.contains(&d.article.sapo));
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::create_dir(&out).unwrap();
    let frag = export("fragment");
    let html = std::fs::read_to_string(&frag).unwrap();
    let stem = frag.file_stem().unwrap().to_str().unwrap().to_owned();
    // The same markup, photos in the images folder beside it.
    let srcs: Vec<&str> = html
        .split("<img src=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(srcs.len(), 2);
    for s in srcs {
        assert!(s.starts_with(&format!("{stem}-images/")), "{s}");
        assert!(out.join(s).is_file(), "{s}");
    }
    let strip = |h: &str| -> String {
        let mut out = String::new();
        let mut rest = h;
        while let Some(at) = rest.find("<img src=\"") {
            out.push_str(&rest[..at + 10]);
            rest = &rest[at + 10..];
            rest = &rest[rest.find('"').unwrap()..];
        }
        out.push_str(rest);
        out
    };
    assert_eq!(strip(&html), strip(&portal));
}

#[test]
fn copy_without_a_display_is_one_clear_line() {
    let t = tempfile::tempdir().unwrap();
    let home = t.path().join("home");
    let d = portal_article::create(&home);
    let o = Command::new(env!("CARGO_BIN_EXE_tinxa"))
        .args(["--lang", "en", "copy", &d.id, "--field", "title"])
        .env("TINXA_HOME", &home)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("clipboard") && err.contains("--print"),
        "{err}"
    );
}
