//! The form, in the order the article reads: title, sapo, body, photos,
//! byline, place and date, category, tags; and the banner above it.

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, text, text_editor};
use iced::{Element, Fill, Length};

use super::spelling::Place;
use super::steps::normalize_action;
use super::{Editor, Message};
use crate::article::Article;
use crate::lang::Lang;
use crate::text as vt;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;
use crate::ui::widget::spell_highlight::{self, RightClick, SpellHighlighter};
use crate::ui::widget::{field, label};

/// The date as the reporter types it: 25/01/2024.
pub(super) fn date_text(a: &Article) -> String {
    a.date
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// An editor drawn inside its own box. iced 0.14's software renderer does
/// not clip a `text_editor`'s text to the editor (iced-rs/iced#2740): the
/// next, half-hidden line was drawn below the body's border, over the
/// "Ảnh" label, and left there. A clipping container bounds it.
fn clipped<'a>(editor: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(editor).clip(true).into()
}

impl Editor {
    /// Applies a field edit. Returns whether the article changed.
    pub(super) fn edit_field(&mut self, message: Message) -> bool {
        let a = &mut self.session.draft.article;
        match message {
            Message::Title(s) => a.title = vt::clean_input(&s),
            Message::Byline(s) => a.byline = vt::clean_input(&s),
            Message::Place(s) => a.place = vt::clean_input(&s),
            Message::Category(s) => a.category = vt::clean_input(&s),
            Message::Date(s) => {
                self.date = vt::clean_input(&s);
                a.date = NaiveDate::parse_from_str(self.date.trim(), "%d/%m/%Y").ok();
            }
            Message::Tags(s) => {
                self.tags = vt::nfc(&s);
                a.tags = self
                    .tags
                    .split(',')
                    .map(vt::clean_line)
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            Message::Sapo(action) => {
                let is_edit = action.is_edit();
                self.sapo.perform(normalize_action(action, true));
                if !is_edit {
                    return false;
                }
                a.sapo = self.sapo.text().trim_end_matches('\n').to_owned();
            }
            Message::Body(action) => {
                let is_edit = action.is_edit();
                self.body.perform(normalize_action(action, false));
                if !is_edit {
                    return false;
                }
                a.body = self.body.text();
            }
            Message::Format(before, after) => {
                let sel = self.body.selection().unwrap_or_default();
                let piece = format!("{before}{sel}{after}");
                self.body
                    .perform(text_editor::Action::Edit(text_editor::Edit::Paste(
                        std::sync::Arc::new(piece),
                    )));
                a.body = self.body.text();
            }
            _ => return false,
        }
        true
    }

    pub(super) fn form(&self, lang: Lang) -> Element<'_, Message> {
        let a = self.session.article();
        let tool =
            |t: T, before, after| button(text(t.tr(lang))).on_press(Message::Format(before, after));
        let toolbar = row![
            tool(T::Bold, "**", "**"),
            tool(T::Italic, "*", "*"),
            tool(T::Heading, "\n## ", ""),
            tool(T::List, "\n- ", ""),
            tool(T::Quote, "\n> ", ""),
        ]
        .spacing(theme::ROW);
        column![
            self.banner(lang),
            column![
                row![
                    label(T::Title.tr(lang)),
                    self.spell_marker("title", lang),
                    iced::widget::space::horizontal(),
                    button(text(T::History.tr(lang)).size(theme::SMALL))
                        .style(button::secondary)
                        .padding([2, 8])
                        .on_press(Message::ShowHistory),
                ]
                .spacing(theme::FIELD)
                .align_y(iced::Bottom),
                input(T::Title.tr(lang), &a.title)
                    .id("title")
                    .on_input(Message::Title)
                    .padding(theme::INPUT_PAD)
            ]
            .spacing(theme::TIGHT),
            row![label(T::Sapo.tr(lang)), self.spell_marker("sapo", lang)]
                .spacing(theme::FIELD)
                .align_y(iced::Bottom),
            clipped(
                self.with_spell_menu(
                    RightClick::new(
                        text_editor(&self.sapo)
                            .id("sapo")
                            .on_action(Message::Sapo)
                            .highlight_with::<SpellHighlighter>(
                                self.marks(Place::Sapo),
                                spell_highlight::format
                            )
                            .height(Length::Fixed(theme::SAPO_HEIGHT))
                            .padding(theme::INPUT_PAD),
                        theme::INPUT_PAD,
                        |p| Message::Spell(super::spelling::Message::RightClick(Place::Sapo, p)),
                    ),
                    Place::Sapo,
                    f32::from(theme::INPUT_PAD),
                    lang,
                )
            ),
            label(T::Body.tr(lang)),
            toolbar,
            self.find_bar(lang),
            clipped(
                self.with_spell_menu(
                    RightClick::new(
                        text_editor(&self.body)
                            .id("body")
                            .on_action(Message::Body)
                            .highlight_with::<SpellHighlighter>(
                                self.marks(Place::Body),
                                spell_highlight::format
                            )
                            .key_binding(super::paste::body_binding)
                            .height(Length::Fixed(theme::BODY_HEIGHT))
                            .padding(theme::BODY_PAD),
                        theme::BODY_PAD,
                        |p| Message::Spell(super::spelling::Message::RightClick(Place::Body, p)),
                    ),
                    Place::Body,
                    f32::from(theme::BODY_PAD),
                    lang,
                )
            ),
            row![
                label(T::Photos.tr(lang)),
                button(text(T::AddPhotos.tr(lang))).on_press(Message::AddPhotos)
            ]
            .spacing(theme::ITEM_PAD as u32)
            .align_y(iced::Center),
            self.photo_cards(lang),
            column![
                field(T::Byline.tr(lang), "byline", &a.byline, Message::Byline),
                self.spell_marker("byline", lang),
            ],
            row![
                field(T::Place.tr(lang), "place", &a.place, Message::Place),
                field(T::Date.tr(lang), "date", &self.date, Message::Date),
            ]
            .spacing(theme::FIELD),
            field(
                T::Category.tr(lang),
                "category",
                &a.category,
                Message::Category
            ),
            field(T::Tags.tr(lang), "tags", &self.tags, Message::Tags),
        ]
        .spacing(theme::FIELD)
        .padding(theme::SCREEN_PAD)
        .into()
    }

    /// What the reporter must know before typing: an unfinished session to
    /// recover, or that someone else is editing the draft.
    fn banner(&self, lang: Lang) -> Element<'_, Message> {
        if let Some(p) = self.session.pending() {
            let when = p
                .entry
                .taken
                .with_timezone(&chrono::Local)
                .format("%H:%M:%S %d/%m/%Y");
            let change = p.word_change();
            let mut info = column![
                text(T::RecoverTitle.tr(lang)).size(theme::SECTION),
                text(format!(
                    "{} {when} · {} {} ({}{change} {} {})",
                    T::RecoverTypedAt.tr(lang),
                    p.entry.article.body_words(),
                    T::Words.tr(lang),
                    if change >= 0 { "+" } else { "" },
                    T::Words.tr(lang),
                    T::ComparedToSaved.tr(lang),
                ))
                .size(theme::SMALL),
            ]
            .spacing(theme::ROW);
            if let Some(d) = p.first_difference() {
                info = info.push(
                    text(format!("«{d}»"))
                        .size(theme::SMALL)
                        .style(text::secondary),
                );
            }
            info = info.push(
                row![
                    button(text(T::Recover.tr(lang))).on_press(Message::Recover),
                    button(text(T::SetAside.tr(lang)))
                        .style(button::secondary)
                        .on_press(Message::SetAside),
                ]
                .spacing(theme::FIELD),
            );
            return container(info)
                .padding(theme::ITEM_PAD)
                .width(Fill)
                .style(container::warning)
                .into();
        }
        if let Some(h) = self.session.busy() {
            return container(
                row![
                    text(format!(
                        "{} {}.",
                        T::ReadOnlyBusy.tr(lang),
                        h.describe(lang)
                    ))
                    .size(theme::NORMAL)
                    .width(Fill),
                    button(text(T::TakeOver.tr(lang))).on_press(Message::TakeOver),
                ]
                .spacing(theme::FIELD)
                .align_y(iced::Center),
            )
            .padding(theme::ITEM_PAD)
            .width(Fill)
            .style(container::warning)
            .into();
        }
        row![].into()
    }
}
