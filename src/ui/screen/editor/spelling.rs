//! Spelling in the editor: suspect words marked in the body and the sapo as
//! the reporter types (the editors' highlighter), the suggestions of the
//! word under the caret (a click or a right-click on it), a marker beside
//! the single-line fields that hold one, and the "Chính tả" list beside the
//! pre-publish check: each word, its field, its suggestions (one click
//! replaces, one undo step), "Bỏ qua" (kept in the draft) and "Thêm vào từ
//! điển" (the personal dictionary). Spelling problems are warnings only.

use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use iced::widget::text_editor::{self, Action as EditorAction, Edit};
use iced::widget::{Column, Row, button, column, container, row, text};
use iced::{Element, Fill, Point};

use super::{Action, Editor};
use crate::check::Problem;
use crate::lang::Lang;
use crate::text::spell::Checker;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::spell_highlight::{Marks, Popup};
use crate::undo::Change;

/// The multi-line fields that carry marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Body,
    Sapo,
}

impl Place {
    fn field(self) -> &'static str {
        match self {
            Place::Body => "body",
            Place::Sapo => "sapo",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The right button was pressed on the editor at this point (text coordinates).
    RightClick(Place, Point),
    /// Put `with` in place of `word`, found at byte `offset` of `field`.
    Replace {
        field: String,
        offset: usize,
        word: String,
        with: String,
    },
    /// Leave the word alone in this draft.
    Ignore(String),
    /// Never flag the word again (the personal dictionary).
    AddToDictionary(String),
    /// Hide the suggestions of the word under the caret.
    Dismiss,
}

/// The suspect word under the caret, with its suggestions.
#[derive(Debug, Clone)]
pub struct AtCaret {
    place: Place,
    /// Where the word was clicked (the editor's text coordinates).
    at: Point,
    /// Byte offset of the word in the field.
    offset: usize,
    word: String,
    suggestions: Vec<String>,
}

/// The editor's spell-check state.
#[derive(Debug)]
pub struct Spell {
    /// Settings, personal dictionary and word list (the app's).
    base: Arc<Checker>,
    /// `base` and the draft's ignore list: what the highlighter uses.
    checker: Arc<Checker>,
    enabled: bool,
    /// Bumped when the checker changes or an editor's text is replaced.
    generation: u64,
    at_caret: Option<AtCaret>,
    /// The field being typed in (its word at the caret is not marked yet).
    typing: Option<Place>,
}

impl Spell {
    pub fn new(base: Arc<Checker>, ignored: &[String], enabled: bool) -> Spell {
        Spell {
            checker: with_ignored(&base, ignored),
            base,
            enabled,
            generation: 0,
            at_caret: None,
            typing: None,
        }
    }

    /// The checker of the pre-publish check (it adds the draft's ignore list itself).
    pub fn base(&self) -> Arc<Checker> {
        self.base.clone()
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// An editor's whole text was replaced: mark it again from the top.
    pub fn reloaded(&mut self) {
        self.generation += 1;
        self.at_caret = None;
    }
}

fn with_ignored(base: &Arc<Checker>, ignored: &[String]) -> Arc<Checker> {
    if ignored.is_empty() {
        base.clone()
    } else {
        Arc::new((**base).clone().accept(ignored.iter().map(String::as_str)))
    }
}

/// Byte offset of (line, byte column) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    text.split('\n')
        .take(line)
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + column
}

/// The editor position of byte `offset` in `text`.
fn position_of(text: &str, offset: usize) -> text_editor::Position {
    let before = &text[..offset];
    text_editor::Position {
        line: before.matches('\n').count(),
        column: offset - before.rfind('\n').map_or(0, |i| i + 1),
    }
}

impl Editor {
    /// The app's checker changed (loaded, a dictionary word, the settings).
    pub fn set_speller(&mut self, base: Arc<Checker>, enabled: bool) {
        // The generation moves too, so a checker at a reused address is still new.
        let generation = self.spell.generation.wrapping_add(1);
        let ignored = &self.session.article().spelling_ignored;
        self.spell = Spell::new(base, ignored, enabled);
        self.spell.generation = generation;
        self.stale = true; // the list follows on the next tick
    }

    /// The highlighter's settings for `place`.
    pub(super) fn marks(&self, place: Place) -> Marks {
        let content = match place {
            Place::Body => &self.body,
            Place::Sapo => &self.sapo,
        };
        let caret = (self.spell.typing == Some(place)).then(|| {
            let p = content.cursor().position;
            (p.line, p.column)
        });
        Marks {
            checker: self.spell.enabled.then(|| self.spell.checker.clone()),
            generation: self.spell.generation,
            caret,
        }
    }

    /// The words the highlighter marks in `place` now: the same call over
    /// the same lines with the same settings (for tests and the status).
    pub fn marked_words(&self, place: Place) -> Vec<String> {
        let m = self.marks(place);
        let Some(checker) = m.checker else {
            return Vec::new();
        };
        let content = match place {
            Place::Body => &self.body,
            Place::Sapo => &self.sapo,
        };
        let mut out = Vec::new();
        for (n, line) in content.lines().enumerate() {
            let caret = m.caret.filter(|(l, _)| *l == n).map(|(_, c)| c);
            for r in crate::ui::widget::spell_highlight::marks(&checker, &line.text, caret) {
                out.push(line.text[r].to_owned());
            }
        }
        out
    }

    /// After an action in the body or the sapo: typing hides the
    /// suggestions; a click or a caret move shows those of the word there.
    pub(super) fn spell_follow(&mut self, place: Place, action: &EditorAction) {
        match action {
            EditorAction::Edit(_) => {
                self.spell.typing = Some(place);
                self.spell.at_caret = None;
            }
            EditorAction::Click(p) => {
                self.spell.typing = None;
                self.spell.at_caret = self.suspect_at_caret(place, *p);
            }
            EditorAction::Move(_) | EditorAction::Select(_) | EditorAction::Scroll { .. } => {
                self.spell.typing = None;
                self.spell.at_caret = None;
            }
            _ => {}
        }
    }

    /// The suspect word the caret of `place` is in.
    fn suspect_at_caret(&self, place: Place, at: Point) -> Option<AtCaret> {
        if !self.spell.enabled {
            return None;
        }
        let content = match place {
            Place::Body => &self.body,
            Place::Sapo => &self.sapo,
        };
        let pos = content.cursor().position;
        let line = content.line(pos.line)?.text.to_string();
        let col = pos.column.min(line.len());
        let s = self
            .spell
            .checker
            .check_line(&line)
            .into_iter()
            .find(|s| s.range.start <= col && col <= s.range.end)?;
        Some(AtCaret {
            place,
            at,
            offset: offset_of(&content.text(), pos.line, s.range.start),
            word: s.word,
            suggestions: s.suggestions,
        })
    }

    pub(super) fn spell_update(&mut self, m: Message) -> Action {
        match m {
            Message::RightClick(place, p) => {
                let action = EditorAction::Click(p);
                match place {
                    Place::Body => self.body.perform(action.clone()),
                    Place::Sapo => self.sapo.perform(action.clone()),
                }
                self.spell_follow(place, &action);
                Action::None
            }
            Message::Replace {
                field,
                offset,
                word,
                with,
            } => {
                if self.replace_word(&field, offset, &word, &with) {
                    self.spell.at_caret = None;
                    self.spell.typing = None;
                    self.changed();
                    // The list follows at once; later words in the field move.
                    let delta = with.len() as isize - word.len() as isize;
                    self.problems.retain_mut(|p| {
                        let Some(s) = &mut p.spelling else {
                            return true;
                        };
                        if p.field != field || s.offset < offset {
                            return true;
                        }
                        if s.offset == offset {
                            return false;
                        }
                        s.offset = (s.offset as isize + delta) as usize;
                        true
                    });
                }
                Action::None
            }
            Message::Ignore(word) => {
                let a = self.session.article();
                if !a.spelling_ignored.contains(&word) {
                    self.undo
                        .record(a, "spelling", Change::Command, Instant::now());
                    self.session
                        .draft
                        .article
                        .spelling_ignored
                        .push(word.clone());
                    self.changed();
                }
                self.forget_word(&word);
                let base = self.spell.base.clone();
                let enabled = self.spell.enabled;
                self.set_speller(base, enabled);
                Action::None
            }
            Message::AddToDictionary(word) => {
                self.forget_word(&word);
                Action::AddToDictionary(word)
            }
            Message::Dismiss => {
                self.spell.at_caret = None;
                Action::None
            }
        }
    }

    /// Drops the word's lines from the list and its suggestions under the caret.
    fn forget_word(&mut self, word: &str) {
        let key = crate::text::spell::key(word);
        self.problems.retain(|p| {
            p.spelling
                .as_ref()
                .is_none_or(|s| crate::text::spell::key(&s.word) != key)
        });
        if self
            .spell
            .at_caret
            .as_ref()
            .is_some_and(|c| crate::text::spell::key(&c.word) == key)
        {
            self.spell.at_caret = None;
        }
    }

    /// Replaces `word` at byte `offset` of `field` as one undo step; false
    /// when the text there changed since the word was found.
    fn replace_word(&mut self, field: &str, offset: usize, word: &str, with: &str) -> bool {
        let range: Range<usize> = offset..offset + word.len();
        let a = self.session.article();
        let current: Option<&str> = match field {
            "title" => Some(&a.title),
            "sapo" => Some(&a.sapo),
            "body" => Some(&a.body),
            "byline" => Some(&a.byline),
            _ => photo_field(field).and_then(|(id, part)| {
                let p = a.photo(id)?;
                Some(match part {
                    "caption" => p.caption.as_str(),
                    _ => p.alt.as_str(),
                })
            }),
        };
        if current.and_then(|t| t.get(range.clone())) != Some(word) {
            return false;
        }
        self.undo
            .record(a, "spelling", Change::Command, Instant::now());
        let editor = match field {
            "body" => Some(&mut self.body),
            "sapo" => Some(&mut self.sapo),
            _ => None,
        };
        if let Some(content) = editor {
            // Through the editor, so its scroll and caret stay where they are.
            let text = content.text();
            content.move_to(text_editor::Cursor {
                position: position_of(&text, range.end),
                selection: Some(position_of(&text, range.start)),
            });
            content.perform(EditorAction::Edit(Edit::Paste(Arc::new(with.to_owned()))));
            let new = content.text();
            let a = &mut self.session.draft.article;
            if field == "body" {
                a.body = new;
            } else {
                a.sapo = new.trim_end_matches('\n').to_owned();
            }
            return true;
        }
        let a = &mut self.session.draft.article;
        let target = match field {
            "title" => Some(&mut a.title),
            "byline" => Some(&mut a.byline),
            _ => photo_field(field).and_then(|(id, part)| {
                let p = a.photo_mut(id)?;
                Some(if part == "caption" {
                    &mut p.caption
                } else {
                    &mut p.alt
                })
            }),
        };
        match target {
            Some(t) => {
                t.replace_range(range, with);
                true
            }
            None => false,
        }
    }

    /// How many suspect words the check found in `field` (the marker beside it).
    pub(super) fn spell_count(&self, field: &str) -> usize {
        if !self.spell.enabled {
            return 0;
        }
        self.problems
            .iter()
            .filter(|p| p.spelling.is_some() && p.field == field)
            .count()
    }

    /// A small red "2 chữ nghi sai" beside a field's label, when it holds any.
    pub(super) fn spell_marker(&self, field: &str, lang: Lang) -> Element<'_, super::Message> {
        let n = self.spell_count(field);
        if n == 0 {
            return row![].into();
        }
        let text_of = if field.starts_with("photo:") {
            format!(
                "{}: {n} {}",
                field_name(field, lang),
                T::SpellSuspects.tr(lang)
            )
        } else {
            format!("{n} {}", T::SpellSuspects.tr(lang))
        };
        text(text_of).size(theme::SMALL).style(text::danger).into()
    }

    /// The suggestions of the clicked marked word, in a small menu under
    /// it, over the editor (`padding`: the editor's): a layer of the
    /// editor's stack, always there so the editor keeps its state.
    /// `editor` with, over it, the suggestions menu of `place` when one is
    /// open. The menu is a layer of its own only while it is open: an idle
    /// second layer over the editor kept a click on the title from taking
    /// the focus while an input method was in use (seen with ibus-unikey).
    pub(super) fn with_spell_menu<'a>(
        &'a self,
        editor: impl Into<Element<'a, super::Message>>,
        place: Place,
        padding: f32,
        lang: Lang,
    ) -> Element<'a, super::Message> {
        let layers = iced::widget::Stack::new().push(editor);
        if self
            .spell
            .at_caret
            .as_ref()
            .is_some_and(|c| c.place == place)
        {
            layers.push(self.spell_menu(place, padding, lang)).into()
        } else {
            layers.into()
        }
    }

    pub(super) fn spell_menu(
        &self,
        place: Place,
        padding: f32,
        lang: Lang,
    ) -> Element<'_, super::Message> {
        let Some(c) = self.spell.at_caret.as_ref().filter(|c| c.place == place) else {
            return iced::widget::space().into();
        };
        let m = super::Message::Spell;
        let item = |label: String, style: fn(&iced::Theme, button::Status) -> button::Style| {
            button(text(label).size(theme::SMALL))
                .style(style)
                .width(Fill)
                .padding(theme::SPELL_BUTTON_PAD)
        };
        let mut menu = Column::new().spacing(theme::TIGHT).push(
            text(format!("«{}»", c.word))
                .size(theme::SMALL)
                .style(text::danger),
        );
        if c.suggestions.is_empty() {
            menu = menu.push(
                text(T::NoSuggestions.tr(lang))
                    .size(theme::SMALL)
                    .style(text::secondary),
            );
        }
        for s in &c.suggestions {
            menu = menu.push(
                item(s.clone(), button::primary).on_press(m(Message::Replace {
                    field: place.field().to_owned(),
                    offset: c.offset,
                    word: c.word.clone(),
                    with: s.clone(),
                })),
            );
        }
        menu = menu
            .push(
                item(T::SpellIgnore.tr(lang).to_owned(), button::secondary)
                    .on_press(m(Message::Ignore(c.word.clone()))),
            )
            .push(
                item(T::SpellAddWord.tr(lang).to_owned(), button::secondary)
                    .on_press(m(Message::AddToDictionary(c.word.clone()))),
            )
            .push(item("×".to_owned(), button::text).on_press(m(Message::Dismiss)));
        let line = theme::EDITOR_LINE;
        // Under the clicked line, starting a little left of the pointer;
        // above the line when the window has no room below.
        let anchor = Point::new(
            padding + (c.at.x - theme::SPELL_MENU_INDENT).max(0.0),
            padding + ((c.at.y / line).floor() + 1.0) * line + 2.0,
        );
        let menu = container(menu)
            .padding(theme::ROW as u16)
            .width(theme::SPELL_MENU_WIDTH)
            .style(container::bordered_box);
        Popup::new(anchor, line + 4.0, menu).into()
    }

    /// "Bỏ qua" and "Thêm vào từ điển" for a word.
    fn word_buttons(&self, word: &str, lang: Lang) -> Row<'_, super::Message> {
        let m = super::Message::Spell;
        let small = |t: T| text(t.tr(lang)).size(theme::SMALL);
        row![
            button(small(T::SpellIgnore))
                .style(button::secondary)
                .padding(theme::SPELL_BUTTON_PAD)
                .on_press(m(Message::Ignore(word.to_owned()))),
            button(small(T::SpellAddWord))
                .style(button::secondary)
                .padding(theme::SPELL_BUTTON_PAD)
                .on_press(m(Message::AddToDictionary(word.to_owned()))),
        ]
        .spacing(theme::ROW)
    }

    /// The "Chính tả" list: each suspect word, its field, its suggestions.
    pub(super) fn spell_list(&self, lang: Lang) -> Column<'_, super::Message> {
        let list: Vec<&Problem> = if self.spell.enabled {
            self.problems
                .iter()
                .filter(|p| p.spelling.is_some())
                .collect()
        } else {
            Vec::new()
        };
        let mut col = Column::new().spacing(theme::ROW);
        if list.is_empty() {
            return col;
        }
        col = col
            .push(text(format!("{} ({})", T::Spelling.tr(lang), list.len())).size(theme::SECTION));
        let m = super::Message::Spell;
        for p in list {
            let Some(s) = &p.spelling else { continue };
            let mut fixes = Row::new().spacing(theme::ROW).align_y(iced::Center);
            for w in &s.suggestions {
                fixes = fixes.push(
                    button(text(w.clone()).size(theme::SMALL))
                        .padding(theme::SPELL_BUTTON_PAD)
                        .on_press(m(Message::Replace {
                            field: p.field.clone(),
                            offset: s.offset,
                            word: s.word.clone(),
                            with: w.clone(),
                        })),
                );
            }
            fixes = fixes.push(self.word_buttons(&s.word, lang));
            col = col.push(
                container(
                    column![
                        button(
                            row![
                                text(s.word.clone()).size(theme::NORMAL).style(text::danger),
                                text(format!("· {}", field_name(&p.field, lang)))
                                    .size(theme::SMALL)
                                    .style(text::secondary),
                            ]
                            .spacing(theme::ROW)
                            .align_y(iced::Center),
                        )
                        .style(button::text)
                        .padding(0)
                        .on_press(super::Message::Focus(p.field.clone())),
                        fixes.wrap(),
                    ]
                    .spacing(theme::TIGHT),
                )
                .padding(theme::TIGHT as u16)
                .width(Fill)
                .style(container::rounded_box),
            );
        }
        col
    }
}

/// `photo:3:caption` → (3, "caption").
fn photo_field(field: &str) -> Option<(u32, &str)> {
    let mut parts = field.split(':');
    let (Some("photo"), Some(id), Some(part), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some((id.parse().ok()?, part))
}

/// A field as the reporter knows it: "Nội dung", "Ảnh 2 — chú thích".
fn field_name(field: &str, lang: Lang) -> String {
    match field {
        "title" => T::Title.tr(lang).to_owned(),
        "sapo" => T::Sapo.tr(lang).to_owned(),
        "body" => T::Body.tr(lang).to_owned(),
        "byline" => T::Byline.tr(lang).to_owned(),
        _ => match photo_field(field) {
            Some((id, part)) => format!(
                "{} {id} — {}",
                T::PhotoN.tr(lang),
                if part == "caption" {
                    T::Caption.tr(lang)
                } else {
                    T::Alt.tr(lang)
                }
                .to_lowercase()
            ),
            None => field.to_owned(),
        },
    }
}
