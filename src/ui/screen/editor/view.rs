//! The editor's view: the form, and beside it the preview and the
//! pre-publish check (or the version history, or the "Đăng lên cổng"
//! panel), all inside the input-method guard.

use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Fill, Length};

use super::{Editor, FORM, Message, history_panel};
use crate::check::Severity;
use crate::lang::Lang;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::ime_guard::ime_guard;
use crate::ui::widget::preview;

impl Editor {
    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        ime_guard(
            self.screen(lang),
            self.composing_word()
                .map(|w| (w.to_owned(), Message::EndComposing)),
            self.ime_reset.then_some(Message::ImeReset),
        )
        .into()
    }

    fn screen(&self, lang: Lang) -> Element<'_, Message> {
        if let Some(c) = &self.crop {
            return c.view(lang).map(Message::Crop);
        }
        let form = scrollable(self.form(lang))
            .id(FORM)
            .on_scroll(Message::FormScrolled)
            .height(Fill)
            .width(Fill);
        if !self.show_preview {
            return form.into();
        }
        let form: Element<'_, Message> = if self.wide {
            form.into()
        } else {
            iced::widget::space::horizontal().width(0).into()
        };
        let side = match (&self.portal, &self.versions) {
            (Some(p), _) => p
                .view(self.session.article(), &self.doc, &self.thumbs, lang)
                .map(Message::Portal),
            (None, Some(v)) => history_panel::view(v, lang),
            (None, None) => column![
                scrollable(preview::view(&self.doc, &self.images, self.doc_parity))
                    .height(Length::FillPortion(3)),
                scrollable(self.checks(lang)).height(Length::FillPortion(1)),
            ]
            .into(),
        };
        row![
            form,
            container(side).width(Fill).style(container::bordered_box)
        ]
        .into()
    }

    /// The pre-publish check: each problem focuses its field when clicked.
    fn checks(&self, lang: Lang) -> Column<'_, Message> {
        let small = |t: T| text(t.tr(lang)).size(theme::SMALL);
        let mut checks = Column::new()
            .spacing(theme::ROW)
            .padding([theme::FIELD as u16, theme::SCREEN_PAD]);
        checks = checks.push(text(T::Check.tr(lang)).size(theme::SECTION));
        let mut fixes = row![].spacing(theme::LIST);
        if self.problems.iter().any(|p| p.rule == "legacy-encoding") {
            fixes = fixes.push(button(small(T::ConvertUnicode)).on_press(Message::ConvertLegacy));
        }
        if self.problems.iter().any(|p| p.rule == "mixed-tone-style") {
            fixes = fixes.push(button(small(T::NormalizeTone)).on_press(Message::NormalizeTone));
        }
        checks = checks.push(fixes);
        if self.problems.is_empty() {
            checks = checks.push(small(T::NoProblems));
        }
        // Spelling problems have their own list below, with their fixes.
        for p in self.problems.iter().filter(|p| p.spelling.is_none()) {
            let style = if p.severity == Severity::Error {
                button::danger
            } else {
                button::secondary
            };
            checks = checks.push(
                button(text(p.line(lang)).size(theme::SMALL))
                    .style(style)
                    .width(Fill)
                    .on_press(Message::Focus(p.field.clone())),
            );
        }
        checks = checks.push(self.spell_list(lang));
        if self.confirm_export {
            checks = checks.push(
                button(text(T::ExportAnyway.tr(lang)))
                    .style(button::danger)
                    .on_press(Message::ExportAnyway),
            );
        }
        checks
    }
}
