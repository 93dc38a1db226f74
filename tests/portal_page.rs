//! The exported page on a 1366×768 laptop screen and the body on the
//! clipboard, with the real programs: Debian's chromium (headless) and, for
//! the clipboard, Xvfb and xclip.

#[path = "support/portal_article.rs"]
mod portal_article;

use std::path::{Path, PathBuf};
use std::process::Command;

use tinxa::export::{self, Options};

#[path = "support/tools.rs"]
mod tools;
use tools::need;

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|f| f.is_file())
}

const CHROMIUM_FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Runs headless chromium on `page` at 1366×768 with `extra` arguments
/// and a fresh profile; returns stdout.
fn chromium(page: &Path, extra: &[&str]) -> String {
    chromium_url(&format!("file://{}", page.display()), extra)
}

fn chromium_url(url: &str, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new("chromium")
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--window-size=1366,768")
        .arg("--hide-scrollbars")
        .args(extra)
        .arg(url)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Measures, after the page loaded and the portrait photo was scrolled to
/// the top of the window, where the photo and its caption are.
const MEASURE: &str = r#"<script>
addEventListener('load', () => {
  const fig = document.querySelectorAll('figure')[1];
  fig.scrollIntoView();
  const img = fig.querySelector('img').getBoundingClientRect();
  const cap = fig.querySelector('figcaption').getBoundingClientRect();
  const out = document.createElement('pre');
  out.id = 'geometry';
  out.textContent = JSON.stringify({vh: innerHeight, vw: innerWidth,
    img_top: img.top, img_h: img.height, img_w: img.width,
    cap_top: cap.top, cap_bottom: cap.bottom,
    natural_w: fig.querySelector('img').naturalWidth, natural_h: fig.querySelector('img').naturalHeight});
  document.body.appendChild(out);
});
</script>"#;

#[test]
fn portrait_photo_and_caption_fit_one_laptop_screen() {
    if !need("chromium", on_path("chromium").is_some()) {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let d = portal_article::create(&t.path().join("home"));
    let page = export::export(
        &d,
        &t.path().join("tin.html"),
        &Options::default(),
        &|_, _| {},
    )
    .unwrap()
    .path;
    let html = std::fs::read_to_string(&page).unwrap();
    let measured = t.path().join("measured.html");
    std::fs::write(
        &measured,
        html.replace("</body>", &format!("{MEASURE}</body>")),
    )
    .unwrap();
    let dom = chromium(&measured, &["--dump-dom", "--virtual-time-budget=5000"]);
    let at = dom.find("<pre id=\"geometry\">").expect("the script ran") + 19;
    let json = &dom[at..at + dom[at..].find("</pre>").unwrap()];
    let g: serde_json::Value = serde_json::from_str(&json.replace("&quot;", "\"")).unwrap();
    let f = |k: &str| g[k].as_f64().unwrap();
    eprintln!("geometry at 1366×768: {g}");
    // A 1366×768 browser window: its page area is shorter than the screen
    // by the browser's own bars (625 px in chromium here).
    assert!(
        f("vw") == 1366.0 && f("vh") > 560.0 && f("vh") <= 768.0,
        "{g}"
    );
    // The portrait photo (1200×1600 after export) is scaled, not cropped:
    // its shown shape is its real shape, at most 80 % of the window tall.
    assert!(f("natural_h") > f("natural_w"), "portrait: {g}");
    assert!(f("img_h") <= 0.8 * f("vh") + 1.0, "{g}");
    let shown = f("img_w") / f("img_h");
    let real = f("natural_w") / f("natural_h");
    assert!((shown - real).abs() < 0.01, "aspect kept: {g}");
    // Its caption is right under it, and both are on one screen.
    assert!(f("cap_top") - (f("img_top") + f("img_h")) < 24.0, "{g}");
    assert!(f("cap_bottom") <= f("vh"), "{g}");
    // A screenshot of that screen, to look at: the page from the portrait
    // photo on (headless chromium's --screenshot does not follow scrolling,
    // so what comes before it is hidden).
    let anchor = html[html.rfind("<figure id=\"").unwrap() + 12..]
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let png = std::env::temp_dir().join("tinxa-portrait-1366x768.png");
    let kept = std::env::temp_dir().join("tinxa-portrait-1366x768.html");
    std::fs::write(
        &kept,
        html.replace(
            "</style>",
            &format!("article>*:has(~#{anchor}){{display:none}}</style>"),
        ),
    )
    .unwrap();
    chromium(
        &kept,
        &[
            &format!("--screenshot={}", png.display()),
            "--virtual-time-budget=5000",
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn print_stylesheet_is_a4_on_white_and_keeps_photos_whole() {
    let t = tempfile::tempdir().unwrap();
    let d = portal_article::create(&t.path().join("home"));
    let (html, _) = export::html_string(&d, &Options::default()).unwrap();
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    assert!(style.contains("@page{size:A4"));
    let print = &style[style.find("@media print").unwrap()..];
    assert!(print.contains("body{background:#fff"));
    assert!(print.contains("figure{break-inside:avoid"));
    assert!(print.contains("figcaption{break-before:avoid"));
    if !need("chromium", on_path("chromium").is_some()) {
        return;
    }
    // Chromium prints it: two A4 pages or more, no error.
    let page = t.path().join("tin.html");
    std::fs::write(&page, &html).unwrap();
    let pdf = t.path().join("tin.pdf");
    chromium(
        &page,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    if !need("pdfinfo (poppler-utils)", on_path("pdfinfo").is_some()) {
        return;
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
}
