//! The spell-check part of the settings: marking suspect words as you type,
//! the Hunspell word list (found by itself, or a `.dic` the reporter picks)
//! and the personal dictionary, edited as text (one word or name a line).

use std::path::PathBuf;

use iced::widget::{button, checkbox, column, row, text, text_editor};
use iced::{Element, Fill, Length};

use crate::error::Error;
use crate::lang::Lang;
use crate::settings::Settings;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;

#[derive(Debug, Clone)]
pub enum Message {
    Mark(bool),
    UseList(bool),
    /// The path typed in the word-list field.
    ListPath(String),
    /// Use the typed path.
    ApplyListPath,
    /// Show the file dialog for a `.dic`.
    PickList,
    ListPicked(Option<PathBuf>),
    /// Back to the usual places (hunspell-vi, LibreOffice).
    DefaultList,
    Dictionary(text_editor::Action),
    SaveDictionary,
    /// The personal dictionary, read off the UI thread.
    Loaded(Result<Vec<String>, Error>),
    Saved(Result<(), Error>),
}

pub enum Action {
    None,
    /// The spelling settings changed: save them and load the checker again.
    Changed,
    /// Show the `.dic` file dialog.
    PickList,
    /// Write these words as the personal dictionary.
    SaveDictionary(Vec<String>),
    /// The dictionary was written: load the checker again.
    DictionarySaved,
    Fail(Error),
}

/// What the spelling settings show beyond the settings themselves.
#[derive(Debug, Default)]
pub struct SpellSettings {
    dictionary: text_editor::Content,
    /// The personal dictionary was edited and not saved yet.
    dirty: bool,
    /// The word-list path as typed.
    path: String,
    /// The word list in use (shown to the reporter), found when the screen opens.
    pub found: Option<PathBuf>,
}

impl SpellSettings {
    /// The screen opens: the word list the settings point to.
    pub fn open(&mut self, s: &Settings) {
        self.path = s
            .spelling
            .word_list
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.found = crate::wordlist::find(s.spelling.word_list.as_deref()).map(|f| f.dic);
        self.dirty = false;
    }

    pub fn update(&mut self, s: &mut Settings, m: Message) -> Action {
        let sp = &mut s.spelling;
        match m {
            Message::Mark(on) => sp.enabled = on,
            Message::UseList(on) => sp.use_word_list = on,
            Message::ListPath(p) => {
                self.path = crate::text::clean_input(&p);
                return Action::None;
            }
            Message::ApplyListPath => {
                let p = self.path.trim();
                sp.word_list = (!p.is_empty()).then(|| PathBuf::from(p));
            }
            Message::PickList => return Action::PickList,
            Message::ListPicked(None) => return Action::None,
            Message::ListPicked(Some(p)) => {
                self.path = p.display().to_string();
                sp.word_list = Some(p);
            }
            Message::DefaultList => {
                self.path.clear();
                sp.word_list = None;
            }
            Message::Dictionary(action) => {
                self.dirty |= action.is_edit();
                self.dictionary.perform(action);
                return Action::None;
            }
            Message::SaveDictionary => {
                let words = crate::dictionary::parse(&self.dictionary.text());
                return Action::SaveDictionary(words);
            }
            Message::Loaded(Ok(words)) => {
                self.dictionary = text_editor::Content::with_text(&words.join("\n"));
                self.dirty = false;
                return Action::None;
            }
            Message::Saved(Ok(())) => {
                self.dirty = false;
                return Action::DictionarySaved;
            }
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => return Action::Fail(e),
        }
        self.found = crate::wordlist::find(sp.word_list.as_deref()).map(|f| f.dic);
        Action::Changed
    }

    pub fn view(&self, s: &Settings, lang: Lang) -> Element<'_, Message> {
        let sp = &s.spelling;
        let small = |t: T| text(t.tr(lang)).size(theme::SMALL);
        let in_use = match (&self.found, sp.use_word_list) {
            (Some(p), true) => text(format!("{} {}", T::SpellListFound.tr(lang), p.display()))
                .size(theme::SMALL)
                .style(text::secondary),
            _ if sp.use_word_list => small(T::SpellListNone).style(text::secondary),
            _ => text(""),
        };
        let list_row = row![
            input(T::SpellPickList.tr(lang), &self.path)
                .id("word-list")
                .on_input(Message::ListPath)
                .on_submit(Message::ApplyListPath)
                .width(Fill),
            button(small(T::SpellPickList)).on_press(Message::PickList),
            button(small(T::SpellListDefault))
                .style(button::secondary)
                .on_press(Message::DefaultList),
        ]
        .spacing(theme::ROW)
        .align_y(iced::Center);
        let save = button(small(T::SpellSaveDictionary))
            .on_press_maybe(self.dirty.then_some(Message::SaveDictionary));
        column![
            text(T::SpellSettings.tr(lang)).size(theme::SECTION),
            checkbox(sp.enabled)
                .label(T::SpellMark.tr(lang))
                .on_toggle(Message::Mark),
            checkbox(sp.use_word_list)
                .label(T::SpellUseList.tr(lang))
                .on_toggle(Message::UseList),
            list_row,
            in_use,
            text(T::SpellDictionary.tr(lang)).size(theme::NORMAL),
            small(T::SpellDictionaryHint).style(text::secondary),
            text_editor(&self.dictionary)
                .id("dictionary")
                .on_action(Message::Dictionary)
                .padding(theme::INPUT_PAD)
                .height(Length::Fixed(theme::DICTIONARY_HEIGHT)),
            save,
        ]
        .spacing(theme::ROW * 2)
        .into()
    }
}
