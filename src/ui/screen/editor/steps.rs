//! What a message means beyond its own field: whether a read-only draft
//! refuses it, which undo step it makes, and how pasted or typed text is
//! cleaned before an editor takes it.

use std::sync::Arc;

use iced::Task;
use iced::widget::text_editor::{Action as EditorAction, Edit};

use super::{Message, find, photo_card, spelling};
use crate::article::Article;
use crate::text as vt;
use crate::undo::Change;

pub(super) fn refused_when_read_only(m: &Message) -> bool {
    matches!(
        m,
        Message::Title(_)
            | Message::Byline(_)
            | Message::Place(_)
            | Message::Date(_)
            | Message::Category(_)
            | Message::Tags(_)
            | Message::Photo(..)
            | Message::Format(..)
            | Message::ConvertLegacy
            | Message::NormalizeTone
            | Message::Undo
            | Message::Redo
            | Message::AddPhotos
            | Message::AddPhotoFiles(_)
            | Message::Recover
            | Message::RestoreVersion(_)
            | Message::Find(find::Message::ReplaceOne | find::Message::ReplaceAll)
            | Message::RotateSelected(_)
            | Message::Paste(_)
            | Message::Spell(spelling::Message::Replace { .. } | spelling::Message::Ignore(_))
    ) || matches!(m, Message::Sapo(a) | Message::Body(a) if a.is_edit())
}

/// A change as the undo stack sees it, owning what it needs.
pub(super) enum Step {
    Typed(String),
    Deleted,
    Command,
}

impl Step {
    pub(super) fn as_change(&self) -> Change<'_> {
        match self {
            Step::Typed(s) => Change::Insert(s),
            Step::Deleted => Change::Delete,
            Step::Command => Change::Command,
        }
    }
}

pub(super) fn step_of(action: &EditorAction) -> Step {
    match action {
        EditorAction::Edit(Edit::Insert(c)) => Step::Typed(c.to_string()),
        EditorAction::Edit(Edit::Paste(s)) => Step::Typed(s.to_string()),
        EditorAction::Edit(Edit::Enter) => Step::Typed("\n".to_owned()),
        EditorAction::Edit(Edit::Backspace | Edit::Delete) => Step::Deleted,
        _ => Step::Command,
    }
}

/// Which field an editing message changes, and how (for grouping undo steps).
pub(super) fn undo_step(m: &Message, a: &Article) -> Option<(&'static str, Step)> {
    let typed = |before: &str, after: &str| match Change::between(before, after) {
        Change::Insert(s) => Step::Typed(s.to_owned()),
        _ => Step::Deleted,
    };
    let caption = |id: u32, f: fn(&crate::article::Photo) -> &str, s: &str| {
        typed(a.photo(id).map_or("", f), s)
    };
    Some(match m {
        Message::Title(s) => ("title", typed(&a.title, s)),
        Message::Sapo(x) if x.is_edit() => ("sapo", step_of(x)),
        Message::Body(x) if x.is_edit() => ("body", step_of(x)),
        Message::Byline(s) => ("byline", typed(&a.byline, s)),
        Message::Place(s) => ("place", typed(&a.place, s)),
        Message::Date(s) => ("date", Step::Typed(s.clone())),
        Message::Category(s) => ("category", typed(&a.category, s)),
        Message::Tags(s) => ("tags", Step::Typed(s.clone())),
        Message::Photo(id, photo_card::Event::Caption(s)) => {
            ("caption", caption(*id, |p| &p.caption, s))
        }
        Message::Photo(id, photo_card::Event::Credit(s)) => {
            ("credit", caption(*id, |p| &p.credit, s))
        }
        Message::Photo(id, photo_card::Event::Alt(s)) => ("alt", caption(*id, |p| &p.alt, s)),
        // Opening the crop view or choosing a card changes nothing (the
        // crop itself is recorded when confirmed).
        Message::Photo(_, photo_card::Event::Crop | photo_card::Event::Select) => return None,
        Message::Photo(..) => ("photos", Step::Command),
        Message::Format(..) => ("format", Step::Command),
        Message::ConvertLegacy | Message::NormalizeTone => ("convert", Step::Command),
        _ => return None,
    })
}

/// Focuses the widget for a check problem's field (`photo:3` focuses its caption).
pub(super) fn focus_field<T: Send + 'static>(field: &str) -> Task<T> {
    let id = if field.starts_with("photo:") && field.matches(':').count() == 1 {
        format!("{field}:caption")
    } else {
        field.to_owned()
    };
    iced::widget::operation::focus(iced::widget::Id::from(id))
}

/// Normalises each inserted piece as it arrives (typed, committed by an
/// input method, pasted), never the whole field per keystroke. A single-line
/// field also refuses line breaks and control characters.
pub(super) fn normalize_action(action: EditorAction, single_line: bool) -> EditorAction {
    match action {
        EditorAction::Edit(Edit::Paste(s)) => {
            let clean = if single_line {
                vt::clean_input(&s)
            } else {
                vt::clean_paste(&s)
            };
            EditorAction::Edit(Edit::Paste(Arc::new(clean)))
        }
        EditorAction::Edit(Edit::Insert(c)) if c.is_control() && c != '\t' => {
            EditorAction::Edit(Edit::Paste(Arc::new(String::new())))
        }
        EditorAction::Edit(Edit::Enter) if single_line => {
            EditorAction::Edit(Edit::Paste(Arc::new(String::new())))
        }
        other => other,
    }
}
