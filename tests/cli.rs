//! Every command of the built `tinxa` binary, with its output and exit code.

use std::process::Command;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::{err, out, tinxa};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cao-son-2024-01-25.txt"
);

#[test]
fn import_list_show_check_as_the_table_says() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let o = tinxa(h, &["import", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let id = out(&o).trim().to_owned();
    assert!(!id.is_empty());

    let o = tinxa(h, &["list"]);
    assert_eq!(o.status.code(), Some(0));
    let line = out(&o);
    assert!(line.starts_with(&id), "{line}");
    assert!(line.contains("(chưa có tiêu đề)"), "{line}");

    let o = tinxa(h, &["show", &id[..12]]);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(text.starts_with("Sáng ngày 25/01/2024"));
    assert!(text.trim_end().ends_with("Dương Tập"));

    let o = tinxa(h, &["check", &id]);
    assert_eq!(o.status.code(), Some(1), "no title blocks");
    assert!(out(&o).contains("lỗi: Bài chưa có tiêu đề."), "{}", out(&o));

    let o = tinxa(h, &["check", &id, "--json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let first = &v[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["rule"], "empty-title");
    assert_eq!(first["field"], "title");
    assert_eq!(first["message"], "The article has no title.");
}

#[test]
fn new_with_title_then_check_and_export() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let o = tinxa(h, &["new", "--title", "Đại hội Đảng bộ xã Cao Sơn"]);
    assert_eq!(o.status.code(), Some(0));
    let id = out(&o).trim().to_owned();
    let o = tinxa(h, &["check", &id]);
    assert_eq!(o.status.code(), Some(1), "empty body and byline");
    let o = tinxa(h, &["export", &id]);
    assert_eq!(o.status.code(), Some(2), "blocked without --force");
    assert!(err(&o).contains("--force"), "{}", err(&o));
    let o = tinxa(h, &["export", &id, "--force", "-o", h.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).trim().ends_with("dai-hoi-dang-bo-xa-cao-son.html"));
}

#[test]
fn errors_are_one_clear_line_with_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    for args in [
        vec!["show", "khong-co-ban-nay"],
        vec!["check", "khong-co-ban-nay"],
        vec!["import", "/khong/co/tep.txt"],
    ] {
        let o = tinxa(h, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = err(&o);
        assert_eq!(e.trim().lines().count(), 1, "{e}");
        assert!(e.starts_with("tinxa: "), "{e}");
        assert!(!e.contains("panicked"), "{e}");
    }
    let o = tinxa(h, &["import", "/khong/co/tep.txt", "--lang", "en"]);
    assert!(
        err(&o).contains("Could not read /khong/co/tep.txt"),
        "{}",
        err(&o)
    );
}

#[test]
fn corrupt_draft_on_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = out(&tinxa(h, &["new"])).trim().to_owned();
    let dir = h.join("drafts").join(&id);
    std::fs::write(dir.join("article.ron"), "(((").unwrap();
    std::fs::remove_file(dir.join("article.bak.ron")).ok();
    let o = tinxa(h, &["show", &id]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("article.ron"), "{}", err(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("article.ron")).unwrap(),
        "((("
    );
}

#[test]
fn duplicate_delete_restore_empty_trash() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = out(&tinxa(h, &["new", "--title", "Tin một"]))
        .trim()
        .to_owned();
    let copy = out(&tinxa(h, &["duplicate", &id])).trim().to_owned();
    assert_ne!(copy, id);
    assert!(out(&tinxa(h, &["list"])).contains("Tin một (bản sao)"));
    assert_eq!(tinxa(h, &["delete", &copy]).status.code(), Some(0));
    assert!(out(&tinxa(h, &["list", "--trash"])).contains(&copy));
    assert_eq!(tinxa(h, &["restore", &copy]).status.code(), Some(0));
    assert_eq!(out(&tinxa(h, &["list"])).lines().count(), 2);
    tinxa(h, &["delete", &copy]);
    assert_eq!(out(&tinxa(h, &["empty-trash"])).trim(), "1");
}

#[test]
fn read_only_home_is_a_clear_error() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        let h = home.path().join("ro");
        std::fs::create_dir(&h).unwrap();
        std::fs::set_permissions(&h, std::fs::Permissions::from_mode(0o555)).unwrap();
        let o = tinxa(&h, &["new"]);
        // root ignores permissions; then the command simply succeeds.
        if o.status.code() == Some(2) {
            assert!(err(&o).contains("drafts"), "{}", err(&o));
        } else {
            assert_eq!(o.status.code(), Some(0));
        }
        std::fs::set_permissions(&h, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn version_and_help() {
    let home = tempfile::tempdir().unwrap();
    let o = tinxa(home.path(), &["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).starts_with("tinxa "));
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = out(&tinxa(h, &["import", SAMPLE])).trim().to_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tinxa"))
        .args(["show", &id])
        .env("TINXA_HOME", h)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `tinxa show ID | head -0`
    let o = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(!e.contains("panicked"), "{e}");
    assert_eq!(o.status.code(), Some(0));
}
