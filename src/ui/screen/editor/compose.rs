//! A word an input method is composing (ibus-unikey, Windows' Vietnamese
//! Telex, fcitx5 show it underlined before committing it) belongs to the
//! field it was typed in. iced delivers the commit to whichever field has
//! the focus when it comes, so a click into the next field before the word
//! was finished used to move the word there ("Việt " in the title, "Nam"
//! in the body). The editor remembers where composing started and sends a
//! commit that lands elsewhere back to that field, as GTK and Qt do.

use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::Task;
use iced::widget::Id;
use iced::widget::text_editor::{Action as EditorAction, Edit};

use super::{Editor, Message};
use crate::ui::widget::photo_card::Event;
use crate::undo::Change;

/// How long after the preedit ended a commit may still belong to it (the
/// input method clears the preedit just before it commits).
const LATE_COMMIT: Duration = Duration::from_millis(800);
/// A text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Sapo,
    Body,
    Byline,
    Place,
    Date,
    Category,
    Tags,
    Caption(u32),
    Credit(u32),
    Alt(u32),
}

/// The word being composed and where.
#[derive(Debug, Clone, Default)]
pub(super) struct Composing {
    text: String,
    field: Option<Field>,
    /// When the preedit ended (committed, or the focus moved).
    ended: Option<Instant>,
}

impl Editor {
    /// The input method's preedit changed (empty: it ended). Returns the
    /// work that finds the focused field when a word starts.
    pub fn preedit(&mut self, content: String) -> Task<Message> {
        if content.is_empty() {
            if let Some(c) = &mut self.composing {
                c.ended = Some(Instant::now());
            }
            return Task::none();
        }
        let starts = self.composing.as_ref().is_none_or(|c| c.ended.is_some());
        if starts {
            if self.committed.as_ref().is_some_and(|(t, _)| *t != content) {
                self.committed = None; // a new word: no late copy of the old one to expect
            }
            self.composing = Some(Composing {
                text: content,
                field: None,
                ended: None,
            });
            iced::advanced::widget::operate(
                iced::advanced::widget::operation::focusable::find_focused(),
            )
            .map(Message::ComposingIn)
        } else {
            if let Some(c) = &mut self.composing {
                c.text = content;
            }
            Task::none()
        }
    }

    /// The word being composed (shown by the input method, not yet
    /// committed), if any.
    pub(super) fn composing_word(&self) -> Option<&str> {
        self.composing
            .as_ref()
            .filter(|c| c.ended.is_none() && !c.text.trim().is_empty())
            .map(|c| c.text.as_str())
    }

    /// The pointer was pressed while a word was being composed — about to
    /// move the focus, as a click into another field does — and the guard
    /// has just committed the word to the field it was typed in (at its
    /// caret). Ends the word the way GTK and Qt do on focus loss: the input
    /// method is closed for a frame so that it forgets its copy, and a late
    /// commit of the same word is dropped.
    pub(super) fn end_composing(&mut self) {
        if let Some(c) = self.composing.take() {
            self.ime_reset = true;
            self.committed = Some((c.text, Instant::now()));
        }
    }

    /// `message` is the input method delivering, late, a word already
    /// committed when the pointer was pressed: drop it.
    pub(super) fn already_committed(&mut self, message: &Message) -> bool {
        let Some((word, at)) = &self.committed else {
            return false;
        };
        if at.elapsed() > LATE_COMMIT {
            self.committed = None;
            return false;
        }
        let again = self
            .inserted_by(message)
            .is_some_and(|(_, t)| !t.trim().is_empty() && t.trim() == word.trim());
        if again {
            self.committed = None;
        }
        again
    }

    /// The field holding the focus when composing started.
    pub(super) fn composing_in(&mut self, id: Id) {
        let field = self.field_of(&id);
        if let Some(c) = &mut self.composing {
            c.field = field;
        }
    }

    fn field_of(&self, id: &Id) -> Option<Field> {
        let fixed = [
            ("title", Field::Title),
            ("sapo", Field::Sapo),
            ("body", Field::Body),
            ("byline", Field::Byline),
            ("place", Field::Place),
            ("date", Field::Date),
            ("category", Field::Category),
            ("tags", Field::Tags),
        ];
        if let Some((_, f)) = fixed.iter().find(|(name, _)| Id::new(name) == *id) {
            return Some(*f);
        }
        self.session.article().photos.iter().find_map(|p| {
            let n = p.id;
            [
                ("caption", Field::Caption(n)),
                ("credit", Field::Credit(n)),
                ("alt", Field::Alt(n)),
            ]
            .into_iter()
            .find(|(part, _)| Id::from(format!("photo:{n}:{part}")) == *id)
            .map(|(_, f)| f)
        })
    }

    /// When `message` delivers the composed word to another field than the
    /// one it was typed in: the message that puts it where it belongs.
    pub(super) fn misrouted_commit(&mut self, message: &Message) -> Option<Message> {
        let c = self.composing.as_ref()?;
        let home = c.field?;
        let (field, inserted) = self.inserted_by(message)?;
        if field == home {
            // Committed where it was typed: composing is over.
            if c.ended.is_some() {
                self.composing = None;
            }
            return None;
        }
        let late = c.ended.is_some_and(|t| t.elapsed() > LATE_COMMIT);
        if late || inserted.trim() != c.text.trim() || inserted.trim().is_empty() {
            return None;
        }
        self.composing = None;
        Some(self.insert_into(home, &inserted))
    }

    /// The field a message edits and the text it inserts.
    fn inserted_by(&self, m: &Message) -> Option<(Field, String)> {
        let a = self.session.article();
        let photo = |id: u32, f: fn(&crate::article::Photo) -> &str| {
            a.photo(id).map_or(String::new(), |p| f(p).to_owned())
        };
        let (field, before, after): (Field, String, &str) = match m {
            Message::Body(EditorAction::Edit(Edit::Paste(s))) => {
                return Some((Field::Body, s.to_string()));
            }
            Message::Sapo(EditorAction::Edit(Edit::Paste(s))) => {
                return Some((Field::Sapo, s.to_string()));
            }
            Message::Title(s) => (Field::Title, a.title.clone(), s),
            Message::Byline(s) => (Field::Byline, a.byline.clone(), s),
            Message::Place(s) => (Field::Place, a.place.clone(), s),
            Message::Category(s) => (Field::Category, a.category.clone(), s),
            Message::Date(s) => (Field::Date, self.date.clone(), s),
            Message::Tags(s) => (Field::Tags, self.tags.clone(), s),
            Message::Photo(id, Event::Caption(s)) => {
                (Field::Caption(*id), photo(*id, |p| &p.caption), s)
            }
            Message::Photo(id, Event::Credit(s)) => {
                (Field::Credit(*id), photo(*id, |p| &p.credit), s)
            }
            Message::Photo(id, Event::Alt(s)) => (Field::Alt(*id), photo(*id, |p| &p.alt), s),
            _ => return None,
        };
        match Change::between(&before, after) {
            Change::Insert(t) => Some((field, t.to_owned())),
            _ => None,
        }
    }

    /// The message that appends `text` to `field` (at the cursor, in the
    /// sapo and the body).
    fn insert_into(&self, field: Field, text: &str) -> Message {
        let a = self.session.article();
        let paste = || EditorAction::Edit(Edit::Paste(Arc::new(text.to_owned())));
        let photo = |id: u32, f: fn(&crate::article::Photo) -> &str| {
            format!("{}{text}", a.photo(id).map_or("", f))
        };
        match field {
            Field::Body => Message::Body(paste()),
            Field::Sapo => Message::Sapo(paste()),
            Field::Title => Message::Title(format!("{}{text}", a.title)),
            Field::Byline => Message::Byline(format!("{}{text}", a.byline)),
            Field::Place => Message::Place(format!("{}{text}", a.place)),
            Field::Category => Message::Category(format!("{}{text}", a.category)),
            Field::Date => Message::Date(format!("{}{text}", self.date)),
            Field::Tags => Message::Tags(format!("{}{text}", self.tags)),
            Field::Caption(id) => Message::Photo(id, Event::Caption(photo(id, |p| &p.caption))),
            Field::Credit(id) => Message::Photo(id, Event::Credit(photo(id, |p| &p.credit))),
            Field::Alt(id) => Message::Photo(id, Event::Alt(photo(id, |p| &p.alt))),
        }
    }
}
