//! The article model, drafts on disk and import, without a window.

use std::fs;
use std::path::Path;

use tinxa::article::{Article, Direction, Photo, marker};
use tinxa::draft::{ARTICLE_FILE, BACKUP_FILE, Draft, Notice, Store};
use tinxa::error::Error;
use tinxa::import::{article_from_text, import_file};
use unicode_normalization::UnicodeNormalization;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cao-son-2024-01-25.txt"
);
const PHOTOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos");

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    (dir, store)
}

fn three_paragraphs() -> Article {
    let mut a = Article::new();
    a.title = "Hội nghị".into();
    a.body = "Đoạn một.\n\nĐoạn hai.\n\nĐoạn ba.".into();
    a.photos.push(Photo {
        id: 1,
        file: "a.jpg".into(),
        caption: "Chú thích".into(),
        ..Default::default()
    });
    a
}

#[test]
fn article_round_trips_through_ron() {
    let (_t, store) = store();
    let mut a = three_paragraphs();
    a.sapo = "Sa-pô".into();
    a.tags = vec!["hội nghị".into()];
    a.date = chrono::NaiveDate::from_ymd_opt(2024, 1, 25);
    a.cover = Some(1);
    a.place_photo(1, 2);
    let d = store.create(a.clone()).unwrap();
    let back = Draft::load(&d.dir).unwrap();
    let mut expected = a;
    expected.updated = back.article.updated;
    assert_eq!(back.article, expected);
    assert!(back.notices.is_empty());
}

#[test]
fn marker_stays_with_its_paragraph_when_text_above_changes() {
    let mut a = three_paragraphs();
    a.place_photo(1, 2);
    assert_eq!(a.body, "Đoạn một.\n\nĐoạn hai.\n\n[[Ảnh 1]]\n\nĐoạn ba.");
    a.body = format!(
        "Một đoạn mới ở đầu bài.\n\n{}",
        a.body.replace("Đoạn một.", "Đoạn một, dài hơn nhiều.")
    );
    let segs = tinxa::article::segments(&a.body);
    let at = segs
        .iter()
        .position(|s| *s == tinxa::article::Segment::Photo(1))
        .unwrap();
    assert!(matches!(segs[at - 1], tinxa::article::Segment::Text(t) if t.ends_with("Đoạn hai.")));
}

#[test]
fn photo_can_sit_before_first_and_after_last_paragraph() {
    let mut a = three_paragraphs();
    a.place_photo(1, 0);
    assert!(a.body.starts_with(&marker(1)));
    a.place_photo(1, 3);
    assert!(a.body.ends_with(&marker(1)));
    assert_eq!(
        a.placed_ids(),
        vec![1],
        "placing again moves, never doubles"
    );
}

#[test]
fn deleting_the_marker_leaves_the_photo_not_placed() {
    let mut a = three_paragraphs();
    a.place_photo(1, 1);
    a.body = a.body.replace("[[Ảnh 1]]\n\n", "");
    assert!(!a.is_placed(1));
    assert_eq!(a.photos.len(), 1);
    let problems = tinxa::check::check(&a, None, &Default::default(), tinxa::lang::Lang::Vi);
    assert!(problems.iter().any(|p| p.rule == "photo-not-placed"));
}

#[test]
fn move_up_and_down_moves_one_paragraph() {
    let mut a = three_paragraphs();
    a.place_photo(1, 1);
    assert!(a.move_photo(1, Direction::Down));
    assert_eq!(a.body, "Đoạn một.\n\nĐoạn hai.\n\n[[Ảnh 1]]\n\nĐoạn ba.");
    assert!(a.move_photo(1, Direction::Up));
    assert!(a.move_photo(1, Direction::Up));
    assert_eq!(a.body, "[[Ảnh 1]]\n\nĐoạn một.\n\nĐoạn hai.\n\nĐoạn ba.");
    assert!(!a.move_photo(1, Direction::Up), "already first");
}

#[test]
fn insert_marker_at_cursor_splits_at_line_end() {
    let mut a = three_paragraphs();
    let at = a.body.find("hai").unwrap();
    a.insert_marker_at(1, at);
    assert_eq!(a.body, "Đoạn một.\n\nĐoạn hai.\n\n[[Ảnh 1]]\n\nĐoạn ba.");
}

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let (_t, store) = store();
    let mut d = store.create(three_paragraphs()).unwrap();
    d.article.title = "Tiêu đề mới".into();
    d.save().unwrap();
    let backup = fs::read_to_string(d.dir.join(BACKUP_FILE)).unwrap();
    assert!(
        backup.contains("Hội nghị"),
        "backup holds the previous version"
    );
    let leftovers: Vec<_> = fs::read_dir(&d.dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn corrupt_draft_recovers_from_backup_with_a_warning() {
    let (_t, store) = store();
    let mut d = store.create(three_paragraphs()).unwrap();
    d.article.title = "Bản thứ hai".into();
    d.save().unwrap();
    fs::write(d.dir.join(ARTICLE_FILE), b"(title: \"hong\0\0\0").unwrap();
    let back = Draft::load(&d.dir).unwrap();
    assert_eq!(back.article.title, "Hội nghị");
    assert!(matches!(
        back.notices[0],
        Notice::RecoveredFromBackup { .. }
    ));
}

#[test]
fn corrupt_draft_without_backup_is_a_clear_error_and_untouched() {
    let (_t, store) = store();
    let d = store.create(three_paragraphs()).unwrap();
    fs::write(d.dir.join(ARTICLE_FILE), b"not ron at all {").unwrap();
    let _ = fs::remove_file(d.dir.join(BACKUP_FILE));
    let err = Draft::load(&d.dir).unwrap_err();
    assert!(matches!(err, Error::CorruptDraft { .. }));
    assert!(err.to_string().contains("article.ron"), "{err}");
    assert_eq!(
        fs::read(d.dir.join(ARTICLE_FILE)).unwrap(),
        b"not ron at all {"
    );
}

#[test]
fn newer_version_opens_read_only_and_is_never_overwritten() {
    let (_t, store) = store();
    let d = store.create(three_paragraphs()).unwrap();
    let path = d.dir.join(ARTICLE_FILE);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen(
            &format!("version: {}", tinxa::article::SCHEMA_VERSION),
            "version: 99",
            1,
        )
        .replacen("title:", "future_field: \"giữ nguyên\",\n    title:", 1);
    fs::write(&path, &text).unwrap();
    let mut back = Draft::load(&d.dir).unwrap();
    assert!(back.read_only);
    assert!(matches!(
        back.notices[0],
        Notice::NewerVersion { found: 99 }
    ));
    assert!(matches!(back.save(), Err(Error::ReadOnly { .. })));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn missing_fields_take_defaults() {
    let (_t, store) = store();
    let d = store.create(Article::new()).unwrap();
    fs::write(
        d.dir.join(ARTICLE_FILE),
        "(version: 1, title: \"Chỉ có tiêu đề\")",
    )
    .unwrap();
    let back = Draft::load(&d.dir).unwrap();
    assert_eq!(back.article.title, "Chỉ có tiêu đề");
    assert!(back.article.photos.is_empty());
}

#[test]
fn nfd_draft_is_normalised_and_reported() {
    let (_t, store) = store();
    let d = store.create(Article::new()).unwrap();
    let nfd: String = "Việt Nam".nfd().collect();
    fs::write(
        d.dir.join(ARTICLE_FILE),
        format!("(version: 1, title: \"{nfd}\")"),
    )
    .unwrap();
    let back = Draft::load(&d.dir).unwrap();
    assert_eq!(back.article.title, "Việt Nam");
    assert!(back.notices.contains(&Notice::NormalizedToNfc));
}

#[test]
fn import_of_the_sample_text() {
    let a = article_from_text(&fs::read_to_string(SAMPLE).unwrap());
    assert_eq!(a.title, "");
    assert_eq!(a.byline, "Dương Tập");
    let paras: Vec<&str> = a.body.split("\n\n").collect();
    assert_eq!(paras.len(), 5);
    assert!(paras[0].starts_with("Sáng ngày 25/01/2024"));
    assert_eq!(paras[2], "Hình ảnh tại điểm cầu xã Cao Sơn");
    assert!(paras[4].ends_with("gây ra./."));
    assert!(a.photos.is_empty());
}

#[test]
fn import_file_creates_a_draft() {
    let (_t, store) = store();
    let (d, notices) = import_file(&store, Path::new(SAMPLE)).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(store.list().unwrap()[0].id, d.id);
    assert_eq!(Draft::load(&d.dir).unwrap().article.byline, "Dương Tập");
}

#[test]
fn non_text_import_is_refused_clearly() {
    let (t, store) = store();
    let bin = t.path().join("x.txt");
    fs::write(&bin, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let err = import_file(&store, &bin).unwrap_err();
    assert!(matches!(err, Error::NotText { .. }), "{err:?}");
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn trash_restore_and_empty() {
    let (_t, store) = store();
    let d = store.create(three_paragraphs()).unwrap();
    store.trash(&d.id).unwrap();
    assert!(store.list().unwrap().is_empty());
    assert_eq!(store.list_trash().unwrap()[0].id, d.id);
    assert!(store.list_trash().unwrap()[0].trashed.is_some());
    store.restore(&d.id).unwrap();
    assert_eq!(store.list().unwrap()[0].title, "Hội nghị");
    store.trash(&d.id).unwrap();
    assert_eq!(store.empty_trash().unwrap(), 1);
    assert!(store.list_trash().unwrap().is_empty());
}

#[test]
fn duplicate_copies_text_and_photos() {
    let (_t, store) = store();
    let mut d = store.create(three_paragraphs()).unwrap();
    d.article.photos.clear();
    let id = d
        .add_photo(&Path::new(PHOTOS).join("photo01_EveningGlow.jpg"))
        .unwrap();
    d.article.photo_mut(id).unwrap().caption = "Hoàng hôn".into();
    d.save().unwrap();
    let copy = store.duplicate(&d.id).unwrap();
    assert_eq!(copy.article.title, "Hội nghị (bản sao)");
    let p = &copy.article.photos[0];
    assert!(copy.photo_path(p).unwrap().exists());
}

#[test]
fn resolve_by_folder_file_id_and_prefix() {
    let (_t, store) = store();
    let d = store.create(three_paragraphs()).unwrap();
    assert_eq!(store.resolve(&d.id).unwrap(), d.dir);
    assert_eq!(store.resolve(&d.id[..d.id.len() - 2]).unwrap(), d.dir);
    assert_eq!(store.resolve(d.dir.to_str().unwrap()).unwrap(), d.dir);
    assert_eq!(
        store
            .resolve(d.dir.join(ARTICLE_FILE).to_str().unwrap())
            .unwrap(),
        d.dir
    );
    assert!(matches!(
        store.resolve("khong-co"),
        Err(Error::DraftNotFound { .. })
    ));
}

#[test]
fn photo_paths_never_leave_the_draft() {
    let (_t, store) = store();
    let d = store.create(Article::new()).unwrap();
    for bad in [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        "a/b.jpg",
        "C:\\x.jpg",
        "CON.jpg",
        "",
    ] {
        let p = Photo {
            file: bad.into(),
            ..Default::default()
        };
        assert!(
            matches!(d.photo_path(&p), Err(Error::UnsafePhotoPath { .. })),
            "{bad}"
        );
    }
    #[cfg(unix)]
    {
        fs::create_dir_all(d.dir.join("photos")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", d.dir.join("photos/link.jpg")).unwrap();
        let p = Photo {
            file: "link.jpg".into(),
            ..Default::default()
        };
        assert!(matches!(
            d.photo_path(&p),
            Err(Error::UnsafePhotoPath { .. })
        ));
    }
}

#[test]
fn broken_photos_are_refused_when_added() {
    let (_t, store) = store();
    let mut d = store.create(Article::new()).unwrap();
    for f in [
        "empty_0byte.jpg",
        "not_an_image.jpg",
        "photo_Path.heic",
        "corrupt_truncated.jpg",
        "bomb_30000x30000.png",
    ] {
        let err = d.add_photo(&Path::new(PHOTOS).join(f)).unwrap_err();
        assert!(matches!(err, Error::Photo { .. }), "{f}: {err:?}");
        assert!(err.to_string().contains(f), "names the photo: {err}");
    }
    assert!(d.article.photos.is_empty());
}

#[test]
fn unused_photo_files_are_removed_on_close() {
    let (_t, store) = store();
    let mut d = store.create(Article::new()).unwrap();
    let id = d
        .add_photo(&Path::new(PHOTOS).join("photo02_BytheWater.jpg"))
        .unwrap();
    let path = d.photo_path(d.article.photo(id).unwrap()).unwrap();
    d.article.remove_photo(id);
    assert_eq!(d.remove_unused_photos().unwrap(), 1);
    assert!(!path.exists());
}

#[test]
fn listing_a_thousand_drafts_uses_summaries() {
    let (_t, store) = store();
    let mut a = three_paragraphs();
    for i in 0..1000 {
        a.title = format!("Bài số {i}");
        store.create(a.clone()).unwrap();
    }
    let start = std::time::Instant::now();
    let list = store.list().unwrap();
    let took = start.elapsed();
    assert_eq!(list.len(), 1000);
    assert!(
        list.windows(2).all(|w| w[0].updated >= w[1].updated),
        "newest first"
    );
    assert_eq!(list[0].words, 6);
    // Generous: a sanity bound, the speed goal lives in the benchmark.
    assert!(took.as_secs() < 5, "{took:?}");
}

#[test]
fn sample_article_is_placed_once_and_checks_clean() {
    let (_t, store) = store();
    let d = tinxa::sample::place_on_first_start(&store)
        .unwrap()
        .expect("placed");
    assert!(
        tinxa::sample::place_on_first_start(&store)
            .unwrap()
            .is_none()
    );
    let problems = tinxa::check::check(
        &d.article,
        Some(&d.dir),
        &Default::default(),
        tinxa::lang::Lang::Vi,
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(d.article.placed_ids(), vec![1]);
}
