//! The app's spell checker: built from the settings, the personal
//! dictionary and the Hunspell word list (loaded off the UI thread), handed
//! to the editor whenever it changes; and the spelling part of Cài đặt.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use iced::widget::{column, scrollable};
use iced::{Element, Task};

use super::screen::settings_spelling::{self, Action as SpellAction};
use super::{App, Message, Screen, settings_screen, task};
use crate::error::Error;
use crate::settings::Settings;
use crate::text::spell::Checker;
use crate::ui::i18n::T;

impl App {
    /// The checker to start with: the house style and the personal
    /// dictionary (a small file); the word list follows from [`App::load_speller`].
    pub(super) fn first_speller(settings: &Settings, home: &std::path::Path) -> Arc<Checker> {
        let words = crate::dictionary::list(home).unwrap_or_default();
        Arc::new(Checker::new(settings.tone_style).accept(words.iter().map(String::as_str)))
    }

    /// Loads the whole checker (word list included) off the UI thread.
    pub(super) fn load_speller(&self) -> Task<Message> {
        let settings = self.settings.clone();
        let home = self.store.home().to_path_buf();
        Task::perform(
            task::blocking(move || crate::wordlist::checker(&settings, &home)),
            |r| match r {
                Ok((c, errors)) => Message::SpellerLoaded(Arc::new(c), errors),
                Err(e) => Message::SpellerLoaded(Arc::new(Checker::default()), vec![e]),
            },
        )
    }

    /// A checker arrived: the editor (open, or behind the settings) uses it.
    pub(super) fn speller_loaded(&mut self, c: Arc<Checker>, errors: Vec<Error>) {
        self.speller = c;
        for e in &errors {
            self.fail(e);
        }
        self.give_speller();
    }

    pub(super) fn give_speller(&mut self) {
        let (c, on) = (self.speller.clone(), self.settings.spelling.enabled);
        if let Screen::Editor(ed) = &mut self.screen {
            ed.set_speller(c.clone(), on);
        }
        if let Some(ed) = &mut self.settings_return_to_editor {
            ed.set_speller(c, on);
        }
    }

    /// The words marked in red in the body or the sapo of the open draft.
    pub fn marked_words(&self, place: super::screen::editor::SpellPlace) -> Vec<String> {
        match &self.screen {
            Screen::Editor(ed) => ed.marked_words(place),
            _ => Vec::new(),
        }
    }

    /// "Thêm vào từ điển": the word is accepted at once, and written to
    /// `dictionary.txt` off the UI thread.
    pub(super) fn add_to_dictionary(&mut self, word: String) -> Task<Message> {
        self.speller = Arc::new((*self.speller).clone().accept([word.as_str()]));
        self.give_speller();
        let home = self.store.home().to_path_buf();
        Task::perform(
            task::try_blocking(move || crate::dictionary::add(&home, &word).map(|_| ())),
            Message::SettingsSaved,
        )
    }

    /// The settings screen opens: read the personal dictionary.
    pub(super) fn open_spell_settings(&mut self) -> Task<Message> {
        self.spell_settings.open(&self.settings);
        let home = self.store.home().to_path_buf();
        Task::perform(
            task::try_blocking(move || crate::dictionary::list(&home)),
            |r| Message::SpellSettings(settings_spelling::Message::Loaded(r)),
        )
    }

    /// The tone style was changed in the settings: suggestions follow it.
    pub(super) fn settings_changed(&mut self) -> Task<Message> {
        if self.speller.style() != self.settings.tone_style {
            return self.load_speller();
        }
        Task::none()
    }

    pub(super) fn spell_settings_update(&mut self, m: settings_spelling::Message) -> Task<Message> {
        match self.spell_settings.update(&mut self.settings, m) {
            SpellAction::None => Task::none(),
            SpellAction::Changed => Task::batch([self.save_settings(), self.load_speller()]),
            SpellAction::PickList => {
                let start = Instant::now();
                Task::perform(
                    async move {
                        let f = rfd::AsyncFileDialog::new()
                            .add_filter("Hunspell (.dic)", &["dic"])
                            .pick_file()
                            .await;
                        (f.map(|f| f.path().to_path_buf()), start.elapsed())
                    },
                    |(p, took): (Option<PathBuf>, _)| {
                        if p.is_none() && took < super::dialog::files::NO_DIALOG {
                            // No dialog could be shown: the path field is there to type in.
                            return Message::Done(Err(Error::Invalid {
                                vi: T::DialogUnavailable.tr(crate::lang::Lang::Vi).to_owned(),
                                en: T::DialogUnavailable.tr(crate::lang::Lang::En).to_owned(),
                            }));
                        }
                        Message::SpellSettings(settings_spelling::Message::ListPicked(p))
                    },
                )
            }
            SpellAction::SaveDictionary(words) => {
                let home = self.store.home().to_path_buf();
                Task::perform(
                    task::try_blocking(move || crate::dictionary::save(&home, &words)),
                    |r| Message::SpellSettings(settings_spelling::Message::Saved(r)),
                )
            }
            SpellAction::DictionarySaved => {
                self.say(T::SpellDictionarySaved.tr(self.lang));
                self.load_speller()
            }
            SpellAction::Fail(e) => {
                self.fail(&e);
                Task::none()
            }
        }
    }

    /// Cài đặt: the general settings, then spelling; scrolled on a small screen.
    pub(super) fn settings_view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        scrollable(
            column![
                settings_screen::view(&self.settings, lang).map(Message::Settings),
                iced::widget::container(
                    self.spell_settings
                        .view(&self.settings, lang)
                        .map(Message::SpellSettings)
                )
                .padding(super::theme::PAGE_PAD)
                .max_width(900),
            ]
            .padding(iced::Padding::ZERO.bottom(f32::from(super::theme::PAGE_PAD))),
        )
        .into()
    }
}
