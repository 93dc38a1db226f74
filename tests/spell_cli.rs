//! `tinxa spell` and the `spelling` rule of `tinxa check`, through the built binary.

use std::path::Path;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::{out, tinxa};

/// A home whose settings use rules only (the same output with or without hunspell-vi).
fn rules_only_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("settings.ron"),
        "(spelling: (use_word_list: false))",
    )
    .unwrap();
    home
}

const TEXT: &str = "Hội nghị ở xã Ea Kly, huyện Krông Pắc.\n\
                    Người dân “Vieejt” Nam đọc Tieêếng Việt\n\
                    UBND xã, Nghị quyết 46-NQ/TW, Zalo và mừơi người.\n";

#[test]
fn spell_lists_line_column_word_and_suggestions() {
    let home = rules_only_home();
    let f = home.path().join("bai.txt");
    std::fs::write(&f, TEXT).unwrap();
    let o = tinxa(home.path(), &["spell", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "suspects are not an error");
    assert_eq!(
        out(&o),
        "2:12: Vieejt → Việt\n2:28: Tieêếng → Tiếng\n3:39: mừơi → mười, mươi, mưởi, mưỡi, mưới\n"
    );

    let o = tinxa(home.path(), &["spell", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[0]["line"], 2);
    assert_eq!(v[0]["column"], 12);
    assert_eq!(v[0]["word"], "Vieejt");
    assert_eq!(v[0]["suggestions"][0], "Việt");

    // A clean file: nothing printed, exit 0; JSON: an empty array.
    std::fs::write(&f, "Hội nghị ở xã Cao Sơn.\n").unwrap();
    let o = tinxa(home.path(), &["spell", f.to_str().unwrap()]);
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), ""));
    let o = tinxa(home.path(), &["spell", f.to_str().unwrap(), "--json"]);
    assert_eq!(out(&o).trim(), "[]");
}

#[test]
fn the_personal_dictionary_is_respected() {
    let home = rules_only_home();
    std::fs::write(home.path().join("dictionary.txt"), "mừơi\nVieejt\n").unwrap();
    let f = home.path().join("bai.txt");
    std::fs::write(&f, TEXT).unwrap();
    let o = tinxa(home.path(), &["spell", f.to_str().unwrap()]);
    assert_eq!(out(&o), "2:28: Tieêếng → Tiếng\n");
}

#[test]
fn an_unreadable_file_exits_2_with_one_line() {
    let home = rules_only_home();
    let o = tinxa(home.path(), &["spell", "khong-co.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("khong-co.txt"), "{e}");
    let f = home.path().join("latin1.txt");
    std::fs::write(&f, b"caf\xe9\n").unwrap();
    let o = tinxa(home.path(), &["spell", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_reports_spelling_warnings_in_json() {
    let home = rules_only_home();
    let h = home.path();
    let o = tinxa(h, &["new", "--title", "Hội nghị ở xã Cao Sơn"]);
    let id = out(&o).trim().to_owned();
    let draft = std::fs::read_dir(h.join("drafts"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(&id))
        .unwrap()
        .path();
    let ron_path = draft.join("article.ron");
    let text = std::fs::read_to_string(&ron_path).unwrap();
    let text = text.replacen(
        "body: \"\"",
        "body: \"Đoạn một.\\n\\nNgười dân ddoongf ý.\"",
        1,
    );
    std::fs::write(&ron_path, text).unwrap();
    let o = tinxa(h, &["check", &id, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let s = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["rule"] == "spelling")
        .expect("a spelling warning");
    assert_eq!(s["severity"], "warning");
    assert_eq!(s["field"], "body");
    assert_eq!(s["word"], "ddoongf");
    assert_eq!(
        (s["line"].as_u64(), s["column"].as_u64()),
        (Some(3), Some(11))
    );
    assert_eq!(s["suggestions"][0], "đồng");
    let o = tinxa(h, &["check", &id]);
    assert!(
        out(&o).contains("cảnh báo: Chữ \"ddoongf\" (dòng 3, cột 11)"),
        "{}",
        out(&o)
    );
}

#[test]
fn the_word_list_flags_valid_syllables_it_does_not_know() {
    if !Path::new("/usr/share/hunspell/vi_VN.dic").exists() {
        if std::env::var_os("CI").is_some() {
            panic!("hunspell-vi is required in CI (.ci/run installs it)");
        }
        println!("skipped: hunspell-vi is not installed (.ci/run installs it)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let f = home.path().join("bai.txt");
    // "khuếnh" and "nghoẻo" are well-formed syllables but not Vietnamese words.
    std::fs::write(
        &f,
        "Hội nghị khuếnh nghoẻo ở xã Cao Sơn, hoà bình và hòa bình.\n",
    )
    .unwrap();
    let o = tinxa(home.path(), &["spell", f.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let words: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["word"].as_str().unwrap())
        .collect();
    assert_eq!(words, vec!["khuếnh", "nghoẻo"]);
}
