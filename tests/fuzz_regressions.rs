//! The inputs the fuzzers kept (crashes found and fixed, and a small seed
//! corpus), run through the same properties as `fuzz/` — CI runs these, not
//! the fuzzer.

use std::fs;
use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut v: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no inputs for {target}");
    v
}

#[test]
fn draft_load_regressions() {
    for (name, data) in inputs("draft_load") {
        eprintln!("draft_load/{name}");
        tinxa::fuzzing::draft_bytes(&data);
    }
}

#[test]
fn import_regressions() {
    for (name, data) in inputs("import") {
        eprintln!("import/{name}");
        tinxa::fuzzing::import_bytes(&data);
    }
}

#[test]
fn export_html_regressions() {
    for (name, data) in inputs("export_html") {
        eprintln!("export_html/{name}");
        tinxa::fuzzing::export_bytes(&data);
    }
}

#[test]
fn journal_regressions() {
    for (name, data) in inputs("journal") {
        eprintln!("journal/{name}");
        tinxa::fuzzing::journal_bytes(&data);
    }
}

#[test]
fn markdown_regressions() {
    for (name, data) in inputs("markdown") {
        eprintln!("markdown/{name}");
        tinxa::fuzzing::markdown_bytes(&data);
    }
}

#[test]
fn spell_regressions() {
    for (name, data) in inputs("spell") {
        eprintln!("spell/{name}");
        tinxa::fuzzing::spell_bytes(&data);
    }
}

#[test]
fn photo_meta_regressions() {
    for (name, data) in inputs("photo_meta") {
        eprintln!("photo_meta/{name}");
        tinxa::fuzzing::photo_meta_bytes(&data);
    }
}

#[test]
fn docx_import_regressions() {
    for (name, data) in inputs("docx_import") {
        eprintln!("docx_import/{name}");
        tinxa::fuzzing::docx_bytes(&data);
    }
}

#[test]
fn html_paste_regressions() {
    for (name, data) in inputs("html_paste") {
        eprintln!("html_paste/{name}");
        tinxa::fuzzing::html_paste_bytes(&data);
    }
}
