//! Undo and redo over whole-article snapshots, grouped the way a word
//! processor groups them: typing in one field is one step until a pause, a
//! line break, a few words, a move to another field, or a command (paste,
//! formatting, a photo edit, a conversion) — each command is a step of its
//! own. A step only ever ends between words, so a letter that an input
//! method rewrites (Unikey's backspace-and-retype, a composed syllable) is
//! never split from its word.
//!
//! (Not to be confused with `history`, the versions saved on disk.)

use std::time::{Duration, Instant};

use crate::article::Article;

/// Typing pauses longer than this end a step.
pub const PAUSE: Duration = Duration::from_millis(1000);
/// A typing step ends at the word boundary after this many words.
pub const WORDS_PER_STEP: usize = 4;
/// An insertion longer than this (in characters) is a paste, not typing:
/// an input method commits at most one syllable and a space at a time.
const TYPED_AT_MOST: usize = 12;
/// Snapshots kept.
const LIMIT: usize = 200;

/// What one change did to a field's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    /// Text typed or committed by an input method (or pasted, when long).
    Insert(&'a str),
    /// Characters removed (Backspace, Delete, an input method's rewrite).
    Delete,
    /// A command: paste, formatting, photo edits, conversions, replace.
    Command,
}

impl<'a> Change<'a> {
    /// The change that turned `before` into `after` (a single-line field
    /// reports its whole new value).
    pub fn between(before: &str, after: &'a str) -> Change<'a> {
        let prefix = before
            .char_indices()
            .zip(after.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        let suffix = before[prefix..]
            .chars()
            .rev()
            .zip(after[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum::<usize>();
        let inserted = &after[prefix..after.len() - suffix];
        if inserted.is_empty() {
            Change::Delete
        } else {
            Change::Insert(inserted)
        }
    }

    fn is_paste(self) -> bool {
        match self {
            Change::Insert(s) => {
                s.chars().count() > TYPED_AT_MOST || (s.contains('\n') && s.trim() != "")
            }
            Change::Command => true,
            Change::Delete => false,
        }
    }
}

/// The open typing step.
#[derive(Debug, Clone, Copy)]
struct Run {
    field: &'static str,
    at: Instant,
    words: usize,
    /// The last character typed was a space: the next letter starts a word.
    after_space: bool,
}

#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Article>,
    redo: Vec<Article>,
    run: Option<Run>,
}

impl UndoStack {
    /// Called before `change` is made to `field` of `current`: starts a new
    /// step (keeps `current`) unless the change continues the open one.
    pub fn record(&mut self, current: &Article, field: &'static str, change: Change, now: Instant) {
        let joins = !change.is_paste() && self.run.is_some_and(|r| {
            r.field == field
                && now.saturating_duration_since(r.at) < PAUSE
                && !matches!(change, Change::Insert(s) if s.contains('\n'))
                && !(r.after_space
                    && r.words >= WORDS_PER_STEP
                    && matches!(change, Change::Insert(s) if !s.starts_with(char::is_whitespace)))
        });
        if !joins {
            self.push(current);
        }
        self.run = if change.is_paste() {
            None // a command is a step of its own
        } else {
            let mut r = match self.run {
                Some(r) if joins => r,
                _ => Run {
                    field,
                    at: now,
                    words: 0,
                    after_space: false,
                },
            };
            r.at = now;
            if let Change::Insert(s) = change {
                let ends_in_space = s.ends_with(char::is_whitespace);
                if ends_in_space && !r.after_space {
                    r.words += 1;
                }
                r.after_space = ends_in_space;
            }
            Some(r)
        };
    }

    fn push(&mut self, current: &Article) {
        self.undo.push(current.clone());
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The article before the last step, or None when there is none.
    pub fn undo(&mut self, current: &Article) -> Option<Article> {
        let prev = self.undo.pop()?;
        self.redo.push(current.clone());
        self.run = None;
        Some(prev)
    }

    pub fn redo(&mut self, current: &Article) -> Option<Article> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.run = None;
        Some(next)
    }

    /// Steps that Ctrl+Z can undo.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }
}

/// Where the caret goes after an undo or redo turned `old` into `new`:
/// the end of what changed in `new`, as (line, byte column) — where a
/// word processor leaves it, so the reporter sees what came back or went.
pub fn caret_after(old: &str, new: &str) -> (usize, usize) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let room = old.len().min(new.len()) - prefix;
    let suffix = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |n, l| {
            *n += l;
            Some(*n)
        })
        .take_while(|n| *n <= room)
        .last()
        .unwrap_or(0);
    let end = new.len() - suffix;
    let line_start = new[..end].rfind('\n').map_or(0, |i| i + 1);
    (new[..end].matches('\n').count(), end - line_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `text` into the body one character at a time, `gap` apart.
    fn type_body(u: &mut UndoStack, a: &mut Article, text: &str, t: &mut Instant, gap: Duration) {
        for c in text.chars() {
            let s = c.to_string();
            u.record(a, "body", Change::Insert(&s), *t);
            a.body.push(c);
            *t += gap;
        }
    }

    #[test]
    fn change_between_finds_the_inserted_piece() {
        assert_eq!(Change::between("Việt", "Việt Nam"), Change::Insert(" Nam"));
        assert_eq!(Change::between("Viet", "Việt"), Change::Insert("ệ"));
        assert_eq!(Change::between("Việt Nam", "Việt"), Change::Delete);
        assert_eq!(Change::between("aXb", "aYZb"), Change::Insert("YZ"));
    }

    #[test]
    fn a_brisk_sentence_is_undone_a_few_words_at_a_time() {
        let mut u = UndoStack::default();
        let mut a = Article::default();
        let mut t = Instant::now();
        let sentence = "Sáng ngày 25/01/2024 Đảng ủy xã Cao Sơn tổ chức hội nghị quán triệt các văn bản mới của Trung ương";
        type_body(&mut u, &mut a, sentence, &mut t, Duration::from_millis(60));
        let steps = u.len();
        assert!(
            (4..=7).contains(&steps),
            "{steps} steps for {} words",
            sentence.split(' ').count()
        );
        // Each undo removes whole words only.
        let back = u.undo(&a).unwrap();
        assert!(sentence.starts_with(&back.body));
        assert!(
            back.body.is_empty() || back.body.ends_with(' '),
            "{:?}",
            back.body
        );
        assert!(back.body.len() < a.body.len());
    }

    #[test]
    fn a_line_break_pause_or_field_change_ends_a_step() {
        let mut u = UndoStack::default();
        let mut a = Article::default();
        let mut t = Instant::now();
        let fast = Duration::from_millis(50);
        type_body(&mut u, &mut a, "Một", &mut t, fast);
        type_body(&mut u, &mut a, "\nHai", &mut t, fast);
        assert_eq!(u.len(), 2, "line break");
        t += PAUSE;
        type_body(&mut u, &mut a, " ba", &mut t, fast);
        assert_eq!(u.len(), 3, "pause");
        u.record(&a, "title", Change::Insert("T"), t);
        assert_eq!(u.len(), 4, "another field");
    }

    #[test]
    fn paste_and_commands_are_steps_of_their_own() {
        let mut u = UndoStack::default();
        let mut a = Article::default();
        let mut t = Instant::now();
        let fast = Duration::from_millis(50);
        type_body(&mut u, &mut a, "Một", &mut t, fast);
        u.record(
            &a,
            "body",
            Change::Insert("đoạn văn dán vào từ Word dài"),
            t,
        );
        a.body.push_str("đoạn văn dán vào từ Word dài");
        type_body(&mut u, &mut a, "x", &mut t, fast);
        assert_eq!(u.len(), 3);
        u.record(&a, "format", Change::Command, t);
        u.record(&a, "format", Change::Command, t);
        assert_eq!(u.len(), 5);
    }

    #[test]
    fn an_input_method_rewrite_stays_with_its_word() {
        // Unikey: "Vieej" → backspaces and "Việ" retyped, all inside a word
        // that crosses the word limit's boundary.
        let mut u = UndoStack::default();
        let mut a = Article::default();
        let mut t = Instant::now();
        let fast = Duration::from_millis(20);
        type_body(&mut u, &mut a, "một hai ba bốn ", &mut t, fast);
        let before = u.len();
        type_body(&mut u, &mut a, "Vie", &mut t, fast);
        assert_eq!(u.len(), before + 1, "the fifth word starts a step");
        u.record(&a, "body", Change::Delete, t);
        u.record(&a, "body", Change::Insert("ệ"), t);
        type_body(&mut u, &mut a, "t", &mut t, fast);
        assert_eq!(u.len(), before + 1, "the rewrite joins its word");
    }

    #[test]
    fn redo_brings_back_what_undo_took() {
        let mut u = UndoStack::default();
        let mut a = Article::default();
        u.record(&a, "title", Change::Insert("A"), Instant::now());
        a.title = "A".into();
        let before = u.undo(&a).unwrap();
        assert_eq!(before.title, "");
        assert_eq!(u.redo(&before).unwrap().title, "A");
    }

    #[test]
    fn the_caret_goes_to_the_end_of_what_changed() {
        // Undo of typed words: the caret where they were.
        assert_eq!(caret_after("Một hai ba", "Một hai"), (0, "Một hai".len()));
        // Redo brings them back: the caret after them.
        assert_eq!(
            caret_after("Một hai", "Một hai ba"),
            (0, "Một hai ba".len())
        );
        // A change on the second line, in the middle.
        let old = "Dòng một\nXã Cao Sơn dự hội nghị";
        let new = "Dòng một\nXã Cao Sơn tổ chức dự hội nghị";
        assert_eq!(caret_after(old, new), (1, "Xã Cao Sơn tổ chức ".len()));
        // Repeated letters: never past the start of the change.
        assert_eq!(caret_after("aaa", "aaaa"), (0, 4));
        assert_eq!(caret_after("same", "same"), (0, 4));
        assert_eq!(caret_after("", "Việt"), (0, "Việt".len()));
    }
}
