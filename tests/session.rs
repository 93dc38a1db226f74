//! The editing session's protocol, without a window: autosave and journal
//! timing, one writer per draft, take-over, recovery, failed saves.

use std::time::{Duration, Instant};

use chrono::Utc;
use tinxa::article::Article;
use tinxa::draft::{Draft, Store};
use tinxa::history::{self, Kind};
use tinxa::journal::{Entry, Journal};
use tinxa::lock::REFRESH_EVERY;
use tinxa::session::{
    Done, Due, JOURNAL_EVERY, RETRY_AFTER, Report, SAVE_AFTER, SaveState, Session,
};

fn store() -> (tempfile::TempDir, Store) {
    let t = tempfile::tempdir().unwrap();
    let s = Store::new(t.path());
    (t, s)
}

fn new_draft(store: &Store, title: &str) -> Draft {
    let mut a = Article::new();
    a.title = title.into();
    store.create(a).unwrap()
}

/// Runs everything due at `now` and feeds the results back.
fn run_due(s: &mut Session, now: Instant) -> Vec<(Due, Option<Report>)> {
    let mut out = Vec::new();
    while let Some(due) = s.due(now) {
        let Some(work) = s.begin(due, now) else { break };
        let done: Done = work();
        out.push((due, s.finish(done, now)));
    }
    out
}

#[test]
fn autosave_and_journal_timing_at_the_boundaries() {
    let (_t, store) = store();
    let mut s = Session::open(new_draft(&store, "Bài một"));
    let t0 = Instant::now();
    assert_eq!(s.due(t0), None, "nothing typed, nothing due");

    s.draft.article.body = "Sáng nay".into();
    s.edited(t0);
    assert_eq!(
        s.due(t0),
        Some(Due::Journal),
        "the first keystroke goes to the journal"
    );
    assert!(matches!(
        run_due(&mut s, t0).as_slice(),
        [(Due::Journal, None)]
    ));
    assert!(Journal::of(s.dir()).last().is_some());

    // Typing goes on: the journal waits half a second after the last write.
    let t1 = t0 + Duration::from_millis(200);
    s.edited(t1);
    assert_eq!(s.due(t1), None);
    assert_eq!(s.due(t0 + JOURNAL_EVERY - Duration::from_millis(1)), None);
    assert_eq!(s.due(t0 + JOURNAL_EVERY), Some(Due::Journal));
    run_due(&mut s, t0 + JOURNAL_EVERY);

    // The save comes a second after the last keystroke, not before.
    assert_eq!(s.due(t1 + SAVE_AFTER - Duration::from_millis(1)), None);
    assert_eq!(s.due(t1 + SAVE_AFTER), Some(Due::Save));
    assert_eq!(s.save_state(), SaveState::Unsaved);
    let r = run_due(&mut s, t1 + SAVE_AFTER);
    assert!(
        matches!(r.as_slice(), [(Due::Save, Some(Report::Saved))]),
        "{r:?}"
    );
    assert!(matches!(s.save_state(), SaveState::SavedAt(_)));
    assert_eq!(Draft::load(s.dir()).unwrap().article.body, "Sáng nay");
    assert!(
        Journal::of(s.dir()).last().is_none(),
        "the save trims the journal"
    );

    // The lock is refreshed every REFRESH_EVERY, even with nothing typed.
    assert_eq!(s.due(t0 + REFRESH_EVERY), Some(Due::RefreshLock));
    assert!(matches!(
        run_due(&mut s, t0 + REFRESH_EVERY).as_slice(),
        [(Due::RefreshLock, None)]
    ));
}

#[test]
fn a_failed_save_keeps_the_text_and_retries() {
    let (_t, store) = store();
    let mut s = Session::open(new_draft(&store, "Bài hai"));
    let dir = s.dir().to_path_buf();
    // article.ron replaced by a folder with a file in it: no rename can
    // go over it, as on a disk that refuses writes.
    let article = dir.join(tinxa::draft::ARTICLE_FILE);
    std::fs::remove_file(&article).unwrap();
    std::fs::create_dir(&article).unwrap();
    std::fs::write(article.join("x"), "x").unwrap();

    let t0 = Instant::now();
    s.draft.article.body = "Chữ không được mất".into();
    s.edited(t0);
    let t1 = t0 + SAVE_AFTER;
    let r = run_due(&mut s, t1);
    assert!(
        r.iter()
            .any(|(d, r)| *d == Due::Save && matches!(r, Some(Report::SaveFailed(_)))),
        "{r:?}"
    );
    assert_eq!(s.article().body, "Chữ không được mất", "the text stays");
    assert_eq!(s.save_state(), SaveState::Unsaved);
    // No hammering: the next try waits for a change or RETRY_AFTER.
    assert_eq!(s.due(t1 + Duration::from_secs(1)), None);
    assert_eq!(s.due(t1 + RETRY_AFTER), Some(Due::Save));

    // The disk is fine again: the retry saves everything.
    std::fs::remove_dir_all(&article).unwrap();
    let r = run_due(&mut s, t1 + RETRY_AFTER);
    assert!(
        matches!(r.last(), Some((Due::Save, Some(Report::Saved)))),
        "{r:?}"
    );
    assert_eq!(
        Draft::load(&dir).unwrap().article.body,
        "Chữ không được mất"
    );
}

#[test]
fn a_second_session_stays_read_only_until_it_takes_over() {
    let (_t, store) = store();
    let d = new_draft(&store, "Bài ba");
    let dir = d.dir.clone();
    let mut a = Session::open(d);
    assert!(a.holds_lock() && !a.read_only());

    let b = Session::open(Draft::load(&dir).unwrap());
    assert!(b.read_only(), "the draft is open in another session");
    assert!(b.busy().is_some(), "it says who holds it");
    assert!(b.due(Instant::now() + Duration::from_secs(600)).is_none());

    // A has unsaved text when B takes over.
    a.draft.article.body = "Đoạn A gõ dở".into();
    let t = Instant::now();
    a.edited(t);
    let mut b = Session::take_over(&dir).unwrap();
    assert!(!b.read_only() && b.holds_lock());

    // A's next save is refused, and its text goes to the history.
    let r = run_due(&mut a, t + SAVE_AFTER);
    let said = r.iter().find_map(|(_, r)| r.clone());
    match said {
        Some(Report::Error(tinxa::Error::TakenOver { kept, .. })) => assert!(kept),
        other => panic!("expected a take-over, got {other:?}"),
    }
    assert!(a.read_only() && !a.holds_lock());
    let kept: Vec<_> = history::list(&dir)
        .into_iter()
        .filter(|v| v.kind == Kind::Recovered)
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        history::load(&dir, &kept[0].file).unwrap().body,
        "Đoạn A gõ dở"
    );
    assert_ne!(
        Draft::load(&dir).unwrap().article.body,
        "Đoạn A gõ dở",
        "A wrote nothing over B's draft"
    );

    // B writes as the only writer.
    b.draft.article.body = "Đoạn B".into();
    b.edited(t);
    assert!(matches!(
        run_due(&mut b, t + SAVE_AFTER).last(),
        Some((Due::Save, Some(Report::Saved)))
    ));
    b.release();
    assert!(
        tinxa::lock::read(&dir).is_none(),
        "closing lets go of the draft"
    );
}

#[test]
fn an_older_journal_never_overwrites_a_newer_save() {
    let (_t, store) = store();
    let d = new_draft(&store, "Bài bốn");
    let dir = d.dir.clone();
    let mut typed = d.article.clone();
    typed.body = "Bản gõ cũ".into();
    Journal::of(&dir)
        .append(&Entry {
            taken: Utc::now() - chrono::Duration::minutes(10),
            base: d.article.updated - chrono::Duration::minutes(20),
            article: typed,
        })
        .unwrap();
    // The command line saved later than that typing.
    let mut newer = d.article.clone();
    newer.body = "Bản lưu mới".into();
    newer.updated = Utc::now();
    tinxa::draft::save_article(&dir, &newer).unwrap();

    let s = Session::open(Draft::load(&dir).unwrap());
    assert!(s.pending().is_none(), "not offered");
    assert_eq!(s.article().body, "Bản lưu mới");
    assert!(!dir.join("journal.log").exists(), "journal removed");
    assert!(
        history::list(&dir)
            .iter()
            .any(|v| v.kind == Kind::Recovered),
        "set aside in the history"
    );
}

#[test]
fn recovery_brings_back_the_typing_and_keeps_the_saved_text() {
    let (_t, store) = store();
    let d = new_draft(&store, "Bài năm");
    let dir = d.dir.clone();
    let mut typed = d.article.clone();
    typed.body = "Gõ xong thì mất điện".into();
    Journal::of(&dir)
        .append(&Entry {
            taken: Utc::now(),
            base: d.article.updated,
            article: typed,
        })
        .unwrap();
    let mut s = Session::open(Draft::load(&dir).unwrap());
    let p = s.pending().expect("offered");
    assert_eq!(p.entry.article.body, "Gõ xong thì mất điện");
    // Kept in the history at once, before the reporter decides.
    assert!(
        history::list(&dir)
            .iter()
            .any(|v| v.kind == Kind::Recovered)
    );

    let t = Instant::now();
    let (article, keep_saved) = s.recover(t).unwrap();
    assert_eq!(article.body, "Gõ xong thì mất điện");
    keep_saved().unwrap();
    assert!(
        history::list(&dir)
            .iter()
            .any(|v| v.kind == Kind::BeforeRestore)
    );
    assert!(matches!(
        run_due(&mut s, t + SAVE_AFTER).last(),
        Some((Due::Save, Some(Report::Saved)))
    ));
    assert_eq!(
        Draft::load(&dir).unwrap().article.body,
        "Gõ xong thì mất điện"
    );
}

#[test]
fn restoring_a_version_saves_it_and_keeps_the_text_it_replaces() {
    let (_t, store) = store();
    let mut s = Session::open(new_draft(&store, "Bài sáu"));
    let dir = s.dir().to_path_buf();
    let mut old = s.article().clone();
    old.body = "Bản sáng nay".into();
    let file = history::keep(&dir, &old, Kind::Auto).unwrap();
    s.draft.article.body = "Bản chiều nay".into();
    let restored = s.restore_version(file)().unwrap();
    assert_eq!(restored.body, "Bản sáng nay");
    assert_eq!(Draft::load(&dir).unwrap().article.body, "Bản sáng nay");
    let before: Vec<_> = history::list(&dir)
        .into_iter()
        .filter(|v| v.kind == Kind::BeforeRestore)
        .collect();
    assert_eq!(before.len(), 1);
    assert_eq!(
        history::load(&dir, &before[0].file).unwrap().body,
        "Bản chiều nay"
    );
}
