//! The version history panel ("Lịch sử phiên bản"), and the editor's
//! other session turns: recovering an unfinished session, setting it
//! aside, taking the draft over.

use std::time::Instant;

use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Fill, Task};

use super::{Action, Editor, Message};
use crate::lang::Lang;
use crate::session::{Session, Version, VersionKind};
use crate::settings::Settings;
use crate::ui::i18n::T;
use crate::ui::{task, theme};
use crate::undo::Change;

impl Editor {
    pub(super) fn history_update(
        &mut self,
        message: Message,
        settings: &Settings,
        lang: Lang,
    ) -> Action {
        match message {
            Message::Recover => {
                let before = self.session.article().clone();
                let Some((_, keep_saved)) = self.session.recover(Instant::now()) else {
                    return Action::None;
                };
                self.undo
                    .record(&before, "convert", Change::Command, Instant::now());
                self.reload_fields();
                self.stale = true;
                Action::Run(Task::perform(task::try_blocking(keep_saved), |r| {
                    Message::Done(r, T::RecoveredText)
                }))
            }
            Message::SetAside => {
                let clear = self.session.set_aside();
                Action::Run(Task::perform(task::try_blocking(clear), |r| {
                    Message::Done(r, T::SetAsideDone)
                }))
            }
            Message::TakeOver => {
                let dir = self.session.dir().to_path_buf();
                Action::Run(Task::perform(
                    task::try_blocking(move || Session::take_over(&dir).map(Box::new)),
                    Message::TookOver,
                ))
            }
            Message::TookOver(r) => match r {
                Ok(s) => {
                    self.session = *s;
                    self.reload_fields();
                    self.refresh(settings, lang);
                    Action::None
                }
                Err(e) => Action::Fail(e),
            },
            Message::ShowHistory => Action::Run(Task::perform(
                task::blocking(self.session.versions_work()),
                Message::VersionsListed,
            )),
            Message::VersionsListed(r) => match r {
                Ok(v) => {
                    self.versions = Some(v);
                    self.show_preview = true;
                    Action::None
                }
                Err(e) => Action::Fail(e),
            },
            Message::CloseHistory => {
                self.versions = None;
                self.show_preview = self.wide;
                Action::None
            }
            Message::RestoreVersion(file) => Action::Run(Task::perform(
                task::try_blocking(self.session.restore_version(file)),
                |r| Message::VersionRestored(r.map(Box::new)),
            )),
            Message::VersionRestored(r) => match r {
                Ok(a) => {
                    self.undo.record(
                        self.session.article(),
                        "convert",
                        Change::Command,
                        Instant::now(),
                    );
                    self.session.restored(*a, Instant::now());
                    self.reload_fields();
                    self.refresh(settings, lang);
                    self.versions = None;
                    self.show_preview = self.wide;
                    Action::Say(T::RestoredVersion.tr(lang).to_owned())
                }
                Err(e) => Action::Fail(e),
            },
            _ => Action::None,
        }
    }
}

/// The kept versions, newest first, each with "Khôi phục bản này".
pub(super) fn view(versions: &[Version], lang: Lang) -> Element<'_, Message> {
    let mut list = Column::new().spacing(theme::LIST);
    if versions.is_empty() {
        list = list.push(text(T::HistoryEmpty.tr(lang)).size(theme::SMALL));
    }
    for v in versions {
        let kind = match v.kind {
            VersionKind::Auto => T::VersionAuto,
            VersionKind::BeforeRestore => T::VersionBeforeRestore,
            VersionKind::Recovered => T::VersionRecovered,
        };
        let when = v
            .updated
            .with_timezone(&chrono::Local)
            .format("%H:%M %d/%m/%Y");
        let title = if v.title.is_empty() {
            T::Untitled.tr(lang)
        } else {
            &v.title
        };
        list = list.push(
            container(
                row![
                    column![
                        text(format!("{when} · {} {}", v.words, T::Words.tr(lang)))
                            .size(theme::NORMAL),
                        text(format!("{} · {title}", kind.tr(lang)))
                            .size(theme::TINY)
                            .style(text::secondary),
                    ]
                    .spacing(theme::TIGHT - 1)
                    .width(Fill),
                    button(text(T::RestoreVersion.tr(lang)).size(theme::SMALL))
                        .on_press(Message::RestoreVersion(v.file.clone())),
                ]
                .spacing(theme::FIELD)
                .align_y(iced::Center),
            )
            .padding(theme::FIELD as u16)
            .style(container::rounded_box),
        );
    }
    column![
        row![
            text(T::History.tr(lang)).size(theme::PANEL).width(Fill),
            button(text(T::Close.tr(lang)).size(theme::SMALL))
                .style(button::secondary)
                .on_press(Message::CloseHistory),
        ]
        .align_y(iced::Center),
        scrollable(list).height(Fill),
    ]
    .spacing(theme::FIELD)
    .padding(theme::SCREEN_PAD)
    .into()
}
