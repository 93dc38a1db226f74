//! Never lose a draft: kill -9 during saves, a full disk, a vanished folder,
//! and a matrix of bad input. `TINXA_LONG_TESTS=1` runs the long modes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use tinxa::article::{Article, Photo};
use tinxa::draft::{ARTICLE_FILE, BACKUP_FILE, Draft, Store};
use tinxa::error::Error;
use unicode_normalization::UnicodeNormalization;

const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

fn long_mode() -> bool {
    std::env::var_os("TINXA_LONG_TESTS").is_some()
}

/// Version `k` of the article: every field says which version it is, so a
/// torn or mixed file cannot pass for a real version.
fn version(k: u64) -> Article {
    let mut a = Article::new();
    a.title = format!("Phiên bản {k}");
    a.body = (0..200)
        .map(|i| format!("Đoạn {i} của bản {k}."))
        .collect::<Vec<_>>()
        .join("\n\n");
    a.byline = format!("Tác giả {k}");
    a
}

fn version_of(a: &Article) -> Option<u64> {
    let k: u64 = a.title.strip_prefix("Phiên bản ")?.parse().ok()?;
    let expected = version(k);
    (a.body == expected.body && a.byline == expected.byline).then_some(k)
}

/// The child side of the kill test: save versions 1, 2, 3 … forever.
#[test]
fn child_save_loop() {
    let Some(dir) = std::env::var_os("TINXA_SAVE_LOOP_DIR") else {
        return; // only does something when the kill test starts it
    };
    let dir = PathBuf::from(dir);
    let mut d = Draft::load(&dir).unwrap();
    let start = version_of(&d.article).unwrap();
    for k in start + 1.. {
        let created = d.article.created;
        d.article = version(k);
        d.article.created = created;
        d.save().unwrap();
    }
}

#[test]
fn kill_during_save_leaves_the_previous_or_the_new_version() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let d = store.create(version(1)).unwrap();
    let rounds = if long_mode() { 1000 } else { 200 };
    let exe = std::env::current_exe().unwrap();
    let mut last = 1;
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_save_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("TINXA_SAVE_LOOP_DIR", &d.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(5..40)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let bytes = fs::read(d.dir.join(ARTICLE_FILE)).unwrap();
        assert!(
            !bytes.contains(&0),
            "round {round}: NUL bytes in article.ron"
        );
        let loaded = Draft::load(&d.dir).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(
            loaded.notices.is_empty(),
            "round {round}: {:?}",
            loaded.notices
        );
        let k = version_of(&loaded.article)
            .unwrap_or_else(|| panic!("round {round}: not a whole version"));
        assert!(k >= last, "round {round}: went back from {last} to {k}");
        last = k;
    }
    assert!(last > 1, "the child saved at all");
    eprintln!("{rounds} kills survived; last version {last}");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"))
}

#[test]
fn full_disk_fails_clearly_and_keeps_the_previous_version() {
    let t = tempfile::tempdir().unwrap();
    let mnt = t.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = is_root()
        && Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(&mnt)
            .status()
            .is_ok_and(|s| s.success());
    let store = Store::new(&mnt);
    let mut d = store.create(version(1)).unwrap();
    let before = fs::read(d.dir.join(ARTICLE_FILE)).unwrap();
    let result = if mounted {
        // Fill the disk, then save a bigger version.
        let _ = fs::write(mnt.join("filler"), vec![7u8; 240 * 1024]);
        d.article.body = "Nội dung rất dài. ".repeat(20_000);
        d.save()
    } else {
        // No mount here: the same write path, with the write failing as a full disk does.
        eprintln!("tmpfs not available: injecting ENOSPC into the same write path");
        tinxa::fsio::atomic_write_with(&d.dir.join(ARTICLE_FILE), |_| {
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        })
    };
    let err = result.expect_err("the save must fail");
    assert!(err.to_string().contains("ổ đĩa đã đầy"), "{err}");
    assert_eq!(
        fs::read(d.dir.join(ARTICLE_FILE)).unwrap(),
        before,
        "previous version intact"
    );
    let leftovers = fs::read_dir(&d.dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0, "no temp file left behind");
    assert_eq!(version_of(&Draft::load(&d.dir).unwrap().article), Some(1));
    if mounted {
        let _ = Command::new("umount").arg(&mnt).status();
    }
}

#[test]
fn vanished_folder_fails_clearly_and_the_work_can_be_saved_elsewhere() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("home"));
    let mut d = store.create(version(1)).unwrap();
    fs::remove_dir_all(t.path().join("home")).unwrap();
    fs::write(t.path().join("home"), "not a folder").unwrap();
    d.article.title = "Còn trong bộ nhớ".into();
    let err = d.save().unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().starts_with("Không"), "{err}");
    // Still in memory, and saveable into another folder.
    let other = Store::new(t.path().join("khac"));
    let copy = other.create(d.article.clone()).unwrap();
    assert_eq!(
        Draft::load(&copy.dir).unwrap().article.title,
        "Còn trong bộ nhớ"
    );
}

fn draft_with(text: &str) -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let d = store.create(Article::new()).unwrap();
    fs::write(d.dir.join(ARTICLE_FILE), text).unwrap();
    let _ = fs::remove_file(d.dir.join(BACKUP_FILE));
    (t, d.dir)
}

#[test]
fn bad_input_corrupt_ron() {
    let (_t, dir) = draft_with("(title: \"không đóng");
    assert!(matches!(Draft::load(&dir), Err(Error::CorruptDraft { .. })));
}

#[test]
fn bad_input_wrong_type_in_a_field() {
    let (_t, dir) = draft_with("(version: 1, title: 42, photos: \"không phải danh sách\")");
    let err = Draft::load(&dir).unwrap_err();
    assert!(matches!(err, Error::CorruptDraft { .. }), "{err:?}");
    assert!(err.to_string().contains("article.ron"));
}

#[test]
fn bad_input_fifty_megabyte_article() {
    let body = "Nội dung. ".repeat(4_600_000);
    let text = format!("(version: 1, title: \"Bài rất dài\", body: \"{body}\")");
    assert!(text.len() > 50_000_000);
    let (_t, dir) = draft_with(&text);
    let d = Draft::load(&dir).expect("a big draft still opens");
    assert_eq!(d.article.title, "Bài rất dài");
}

#[test]
fn bad_input_newer_schema_version() {
    let (_t, dir) = draft_with("(version: 7, title: \"Từ tương lai\", new_thing: [1, 2])");
    let d = Draft::load(&dir).unwrap();
    assert!(d.read_only);
}

#[test]
fn bad_input_photo_paths_leaving_the_draft() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let mut d = store.create(Article::new()).unwrap();
    for file in ["../../etc/passwd", "/etc/passwd"] {
        d.article.photos = vec![Photo {
            id: 1,
            file: file.into(),
            caption: "x".into(),
            ..Default::default()
        }];
        d.article.place_photo(1, 0);
        let problems = tinxa::check::check(
            &d.article,
            Some(&d.dir),
            &Default::default(),
            tinxa::lang::Lang::Vi,
        );
        assert!(
            problems.iter().any(|p| p.rule == "photo-missing-file"),
            "{file}"
        );
        let err = tinxa::export::export(&d, t.path(), &Default::default(), &|_, _| {}).unwrap_err();
        assert!(
            matches!(err, Error::UnsafePhotoPath { .. }),
            "{file}: {err:?}"
        );
    }
}

#[test]
fn bad_input_every_broken_photo() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let mut d = store.create(Article::new()).unwrap();
    for f in [
        "empty_0byte.jpg",
        "not_an_image.jpg",
        "photo_Path.heic",
        "corrupt_truncated.jpg",
        "bomb_30000x30000.png",
    ] {
        let start = std::time::Instant::now();
        let err = d.add_photo(&Path::new(PHOTOS).join(f)).unwrap_err();
        assert!(matches!(err, Error::Photo { .. }), "{f}");
        assert!(start.elapsed() < Duration::from_secs(2), "{f} refused fast");
    }
}

#[test]
fn bad_input_nfd_text_everywhere() {
    let nfd: String = "Hội nghị Đảng bộ".nfd().collect();
    let (_t, dir) = draft_with(&format!(
        "(version: 1, title: \"{nfd}\", body: \"{nfd}\", byline: \"{nfd}\")"
    ));
    let d = Draft::load(&dir).unwrap();
    assert_eq!(d.article.title, "Hội nghị Đảng bộ");
    assert_eq!(d.article.body, "Hội nghị Đảng bộ");
}

#[test]
fn bad_input_one_megabyte_one_line_title() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let mut a = Article::new();
    a.title = "Tiêu đề ".repeat(130_000);
    let d = store.create(a).unwrap();
    let back = Draft::load(&d.dir).unwrap();
    assert_eq!(back.article.title.len(), d.article.title.len());
    let problems = tinxa::check::check(
        &back.article,
        None,
        &Default::default(),
        tinxa::lang::Lang::Vi,
    );
    assert!(problems.iter().any(|p| p.rule == "title-too-long"));
    let done = tinxa::export::export(&back, t.path(), &Default::default(), &|_, _| {}).unwrap();
    assert!(
        done.path.file_name().unwrap().len() < 100,
        "slug length-limited"
    );
}

#[test]
fn bad_input_control_characters_in_every_field() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path());
    let nasty = "a\u{0}b\u{1b}[31mc\u{7}\u{8}d\r\ne\u{202e}f";
    let mut a = Article::new();
    for s in [
        &mut a.title,
        &mut a.sapo,
        &mut a.body,
        &mut a.byline,
        &mut a.place,
        &mut a.category,
    ] {
        *s = nasty.into();
    }
    a.tags = vec![nasty.into()];
    a.photos.push(Photo {
        id: 1,
        file: "x.jpg".into(),
        caption: nasty.into(),
        credit: nasty.into(),
        alt: nasty.into(),
        ..Photo::default()
    });
    let d = store.create(a).unwrap();
    let back = Draft::load(&d.dir).unwrap();
    assert_eq!(back.article.title, nasty, "RON keeps every character");
    let html = tinxa::export::export(
        &back,
        t.path(),
        &tinxa::export::Options {
            skip_bad_photos: true,
            ..Default::default()
        },
        &|_, _| {},
    )
    .unwrap();
    let out = fs::read_to_string(html.path).unwrap();
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "no control characters exported"
    );
    assert!(!tinxa::text::clean_line(nasty).chars().any(char::is_control));
}

#[test]
fn bad_input_non_utf8_import() {
    let t = tempfile::tempdir().unwrap();
    let store = Store::new(t.path().join("h"));
    let f = t.path().join("cu.txt");
    // "Cộng hòa" in TCVN3 bytes: converted, not refused.
    fs::write(
        &f,
        tinxa::text::legacy::encode(
            "Cộng hòa xã hội chủ nghĩa Việt Nam\n\nĐộc lập",
            tinxa::text::legacy::Legacy::Tcvn3,
        ),
    )
    .unwrap();
    let (d, notices) = tinxa::import::import_file(&store, &f).unwrap();
    assert!(
        d.article.body.starts_with("Cộng hòa xã hội"),
        "{}",
        d.article.body
    );
    assert!(!notices.is_empty());
    // Random binary: refused with a clear message naming the file.
    let bin = t.path().join("rac.txt");
    fs::write(&bin, [0xffu8, 0xfe, 0, 0, 0x81, 0x8d, 0, 0xc3]).unwrap();
    let err = tinxa::import::import_file(&store, &bin).unwrap_err();
    assert!(err.to_string().contains("rac.txt"), "{err}");
}
