//! A Word file dropped on the window becomes a draft with its fields in
//! place, and the draft goes back out as .docx that LibreOffice prints.
#![cfg(feature = "gui")]

mod common;

use std::path::Path;
use std::process::Command;

use common::run;
use tinxa::draft::Store;
use tinxa::lang::Lang;
use tinxa::settings::Settings;
use tinxa::ui::{App, Message};

#[path = "support/tools.rs"]
mod tools;
use tools::need;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/docx/libreoffice.docx"
);

fn have(tool: &str) -> bool {
    let found = Command::new(tool).arg("--version").output().is_ok();
    need(tool, found)
}

#[test]
fn a_dropped_word_file_opens_as_a_draft_and_goes_back_out_as_word() {
    let t = tempfile::tempdir().unwrap();
    let mut app = App::new(Store::new(t.path()), Settings::default(), Lang::Vi);
    // What the window sends when a file is dropped on it.
    run(
        &mut app,
        Message::FileDropped(Path::new(FIXTURE).to_path_buf()),
    );
    let a = app.article().expect("the imported draft opens").clone();
    assert_eq!(
        a.title,
        "Xã Cao Sơn tổ chức hội nghị quán triệt văn bản mới"
    );
    assert!(a.sapo.starts_with("Sáng ngày 25/01/2024"), "{}", a.sapo);
    assert!(a.body.contains("## Nội dung chính"), "{}", a.body);
    assert!(a.body.contains("[[Ảnh 1]]"), "{}", a.body);
    assert_eq!(a.photos.len(), 1);
    assert!(!a.photos[0].caption.is_empty(), "{:?}", a.photos[0]);
    assert!(!a.byline.is_empty(), "the byline is in its field");
    let (said, _) = app.status().expect("the import report is shown");
    assert!(!said.is_empty());

    // Export it as Word through the window's format list and export.
    run(
        &mut app,
        Message::Export(tinxa::ui::export::Message::Format(
            tinxa::export::Format::Docx,
        )),
    );
    let out = t.path().join("xuat.docx");
    run(
        &mut app,
        Message::ExportTo(Some(out.clone()), std::time::Duration::from_secs(1)),
    );
    assert!(out.exists(), "{:?}", app.status());
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let pdf_dir = t.path().join("pdf");
    let ok = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .arg(&out)
        .env("HOME", t.path())
        .status()
        .unwrap();
    assert!(ok.success());
    let text = Command::new("pdftotext")
        .arg(pdf_dir.join("xuat.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    for piece in ["Xã Cao Sơn tổ chức hội nghị", "Nội dung chính", &a.byline] {
        assert!(text.contains(piece), "{piece:?} in the printed PDF: {text}");
    }
}
