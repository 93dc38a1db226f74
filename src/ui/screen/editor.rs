//! The editor: one form in the order the article reads, the preview beside
//! it, and the pre-publish check under the preview.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use iced::widget::text_editor::{Action as EditorAction, Edit};
use iced::widget::{
    Column, button, checkbox, column, container, image, row, scrollable, text, text_editor,
    text_input,
};
use iced::{Element, Fill, Length, Task};

use crate::article::Direction;
use crate::check::{self, PhotoFile, Problem, Severity};
use crate::doc::Document;
use crate::draft::Draft;
use crate::lang::Lang;
use crate::settings::Settings;
use crate::text as vt;
use crate::ui::i18n::T;

#[derive(Debug, Clone)]
pub enum Message {
    Title(String),
    Sapo(String),
    Body(EditorAction),
    Byline(String),
    Place(String),
    Date(String),
    Category(String),
    Tags(String),
    Caption(u32, String),
    Credit(u32, String),
    Alt(u32, String),
    Cover(u32, bool),
    Move(u32, Direction),
    Remove(u32),
    InsertHere(u32),
    Format(&'static str, &'static str),
    AddPhotos,
    TogglePreview,
    Export,
    ExportAnyway,
    Save,
    Back,
    Focus(String),
}

/// What the app must do for the editor.
pub enum Action {
    None,
    Run(Task<Message>),
    AddPhotos,
    Export,
    SaveNow,
    Back,
}

pub struct Editor {
    pub draft: Draft,
    body: text_editor::Content,
    date: String,
    tags: String,
    /// Changed since the last save started.
    pub dirty: bool,
    pub last_edit: Option<Instant>,
    pub problems: Vec<Problem>,
    pub doc: Document,
    pub images: HashMap<u32, image::Handle>,
    /// What is known of each photo's file (filled off the UI thread).
    pub files: HashMap<u32, PhotoFile>,
    /// The preview and the check lag the last edit (refreshed on a tick).
    pub stale: bool,
    pub show_preview: bool,
    pub confirm_export: bool,
}

impl Editor {
    pub fn new(draft: Draft, settings: &Settings, lang: Lang) -> Editor {
        let body = text_editor::Content::with_text(&draft.article.body);
        let date = draft
            .article
            .date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let tags = draft.article.tags.join(", ");
        let mut e = Editor {
            body,
            date,
            tags,
            dirty: false,
            last_edit: None,
            problems: Vec::new(),
            doc: Document::from_article(&draft.article),
            images: HashMap::new(),
            files: HashMap::new(),
            stale: false,
            show_preview: true,
            confirm_export: false,
            draft,
        };
        e.refresh(settings, lang);
        e
    }

    /// Recomputes the preview model and the check after a change.
    pub fn refresh(&mut self, settings: &Settings, lang: Lang) {
        self.doc = Document::from_article(&self.draft.article);
        let files = &self.files;
        self.problems = check::check_with(
            &self.draft.article,
            &|p| files.get(&p.id).copied().unwrap_or(PhotoFile::Unknown),
            &settings.check,
            lang,
        );
        self.stale = false;
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.last_edit = Some(Instant::now());
    }

    pub fn update(&mut self, message: Message, settings: &Settings, lang: Lang) -> Action {
        let a = &mut self.draft.article;
        match message {
            Message::Title(s) => a.title = vt::clean_line(&s),
            Message::Sapo(s) => a.sapo = vt::clean_line(&s),
            Message::Byline(s) => a.byline = vt::clean_line(&s),
            Message::Place(s) => a.place = vt::clean_line(&s),
            Message::Category(s) => a.category = vt::clean_line(&s),
            Message::Date(s) => {
                self.date = vt::clean_line(&s);
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
            Message::Body(action) => {
                let is_edit = action.is_edit();
                // Normalise each inserted piece as it arrives (an IME commit
                // or a paste), never the whole body per keystroke.
                let action = match action {
                    EditorAction::Edit(Edit::Paste(s)) => {
                        EditorAction::Edit(Edit::Paste(Arc::new(vt::clean_multiline(&s))))
                    }
                    other => other,
                };
                self.body.perform(action);
                if !is_edit {
                    return Action::None;
                }
                a.body = self.body.text();
                if a.body.ends_with('\n') && !self.body.text().is_empty() {
                    // text_editor keeps a final newline; the model does not care.
                }
            }
            Message::Caption(id, s) => set(a, id, |p| p.caption = vt::clean_line(&s)),
            Message::Credit(id, s) => set(a, id, |p| p.credit = vt::clean_line(&s)),
            Message::Alt(id, s) => set(a, id, |p| p.alt = vt::clean_line(&s)),
            Message::Cover(id, on) => a.cover = if on { Some(id) } else { None },
            Message::Move(id, dir) => {
                a.move_photo(id, dir);
                self.reload_body();
            }
            Message::Remove(id) => {
                a.remove_photo(id);
                self.reload_body();
            }
            Message::InsertHere(id) => {
                let at = self.cursor_byte();
                self.draft.article.insert_marker_at(id, at);
                self.reload_body();
            }
            Message::Format(before, after) => {
                let sel = self.body.selection().unwrap_or_default();
                let piece = format!("{before}{sel}{after}");
                self.body
                    .perform(EditorAction::Edit(Edit::Paste(Arc::new(piece))));
                self.draft.article.body = self.body.text();
            }
            Message::AddPhotos => return Action::AddPhotos,
            Message::TogglePreview => {
                self.show_preview = !self.show_preview;
                return Action::None;
            }
            Message::Export => {
                if check::blocks(&self.problems) {
                    self.confirm_export = true;
                    return Action::None;
                }
                return Action::Export;
            }
            Message::ExportAnyway => {
                self.confirm_export = false;
                return Action::Export;
            }
            Message::Save => return Action::SaveNow,
            Message::Back => return Action::Back,
            Message::Focus(field) => return Action::Run(focus_field(&field)),
        }
        self.changed();
        self.stale = true;
        let _ = (settings, lang);
        Action::None
    }

    fn reload_body(&mut self) {
        self.body = text_editor::Content::with_text(&self.draft.article.body);
    }

    /// Byte offset of the cursor in the body.
    fn cursor_byte(&self) -> usize {
        let c = self.body.cursor();
        let pos = c.position;
        let text = self.body.text();
        let mut offset = 0;
        for (i, line) in text.split('\n').enumerate() {
            if i == pos.line {
                return offset
                    + line
                        .char_indices()
                        .nth(pos.column)
                        .map_or(line.len(), |(b, _)| b);
            }
            offset += line.len() + 1;
        }
        text.len()
    }

    pub fn view<'a>(&'a self, lang: Lang) -> Element<'a, Message> {
        let a = &self.draft.article;
        let label = |t: T| text(t.tr(lang)).size(13);
        let field = |t: T, id: &'static str, value: &'a str, on: fn(String) -> Message| {
            column![
                label(t),
                text_input(t.tr(lang), value).id(id).on_input(on).padding(6)
            ]
            .spacing(3)
        };
        let toolbar = row![
            button(text(T::Bold.tr(lang))).on_press(Message::Format("**", "**")),
            button(text(T::Italic.tr(lang))).on_press(Message::Format("*", "*")),
            button(text(T::Heading.tr(lang))).on_press(Message::Format("\n## ", "")),
            button(text(T::List.tr(lang))).on_press(Message::Format("\n- ", "")),
            button(text(T::Quote.tr(lang))).on_press(Message::Format("\n> ", "")),
        ]
        .spacing(4);

        let mut photos = Column::new().spacing(8);
        for p in &a.photos {
            let placed = a.is_placed(p.id);
            let thumb: Element<'a, Message> = match self.images.get(&p.id) {
                Some(h) => image(h.clone()).width(120).into(),
                None => container(text("…"))
                    .width(120)
                    .height(90)
                    .center_x(120)
                    .center_y(90)
                    .into(),
            };
            let id = p.id;
            let card = row![
                thumb,
                column![
                    text_input(T::Caption.tr(lang), &p.caption)
                        .id(format!("photo:{id}:caption"))
                        .on_input(move |s| Message::Caption(id, s))
                        .padding(5),
                    text_input(T::Credit.tr(lang), &p.credit)
                        .on_input(move |s| Message::Credit(id, s))
                        .padding(5),
                    text_input(T::Alt.tr(lang), &p.alt)
                        .id(format!("photo:{id}:alt"))
                        .on_input(move |s| Message::Alt(id, s))
                        .padding(5),
                    row![
                        checkbox(a.cover == Some(id))
                            .label(T::Cover.tr(lang))
                            .on_toggle(move |on| Message::Cover(id, on)),
                        text(if placed {
                            T::Placed.tr(lang)
                        } else {
                            T::NotPlaced.tr(lang)
                        })
                        .size(13),
                    ]
                    .spacing(10),
                    row![
                        button(text(T::InsertHere.tr(lang)).size(13))
                            .on_press(Message::InsertHere(id)),
                        button(text(T::Up.tr(lang)).size(13))
                            .on_press_maybe(placed.then_some(Message::Move(id, Direction::Up))),
                        button(text(T::Down.tr(lang)).size(13))
                            .on_press_maybe(placed.then_some(Message::Move(id, Direction::Down))),
                        button(text(T::RemovePhoto.tr(lang)).size(13))
                            .on_press(Message::Remove(id))
                            .style(button::danger),
                    ]
                    .spacing(4),
                ]
                .spacing(4)
                .width(Fill),
            ]
            .spacing(10);
            photos = photos.push(container(card).padding(8).style(container::rounded_box));
        }

        let form = column![
            field(T::Title, "title", &a.title, Message::Title),
            field(T::Sapo, "sapo", &a.sapo, Message::Sapo),
            label(T::Body),
            toolbar,
            text_editor(&self.body)
                .id("body")
                .on_action(Message::Body)
                .height(Length::Fixed(320.0))
                .padding(8),
            row![
                label(T::Photos),
                button(text(T::AddPhotos.tr(lang))).on_press(Message::AddPhotos)
            ]
            .spacing(10)
            .align_y(iced::Center),
            photos,
            field(T::Byline, "byline", &a.byline, Message::Byline),
            row![
                field(T::Place, "place", &a.place, Message::Place),
                field(T::Date, "date", &self.date, Message::Date),
            ]
            .spacing(8),
            field(T::Category, "category", &a.category, Message::Category),
            field(T::Tags, "tags", &self.tags, Message::Tags),
        ]
        .spacing(8)
        .padding(12);
        let form = scrollable(form).height(Fill).width(Fill);

        if !self.show_preview {
            return form.into();
        }
        let mut checks = Column::new().spacing(4).padding([8, 12]);
        checks = checks.push(text(T::Check.tr(lang)).size(15));
        if self.problems.is_empty() {
            checks = checks.push(text(T::NoProblems.tr(lang)).size(13));
        }
        for p in &self.problems {
            let style = if p.severity == Severity::Error {
                button::danger
            } else {
                button::secondary
            };
            checks = checks.push(
                button(text(p.line(lang)).size(13))
                    .style(style)
                    .width(Fill)
                    .on_press(Message::Focus(p.field.clone())),
            );
        }
        if self.confirm_export {
            checks = checks.push(
                button(text(T::ExportAnyway.tr(lang)))
                    .style(button::danger)
                    .on_press(Message::ExportAnyway),
            );
        }
        let preview = column![
            scrollable(crate::ui::preview::view(&self.doc, &self.images))
                .height(Length::FillPortion(3)),
            scrollable(checks).height(Length::FillPortion(1)),
        ];
        row![
            form,
            container(preview)
                .width(Fill)
                .style(container::bordered_box)
        ]
        .into()
    }

    /// Status bar counts: body words and characters, sapo and title words.
    pub fn counts(&self, lang: Lang) -> String {
        let a = &self.draft.article;
        format!(
            "{}: {} {} · {} {} | {}: {} {} | {}: {} {}",
            T::BodyWords.tr(lang),
            a.body_words(),
            T::Words.tr(lang),
            vt::char_count(&a.body),
            T::Chars.tr(lang),
            T::SapoWords.tr(lang),
            vt::word_count(&a.sapo),
            T::Words.tr(lang),
            T::TitleWords.tr(lang),
            vt::word_count(&a.title),
            T::Words.tr(lang),
        )
    }
}

fn set(a: &mut crate::article::Article, id: u32, f: impl FnOnce(&mut crate::article::Photo)) {
    if let Some(p) = a.photo_mut(id) {
        f(p);
    }
}

/// Focuses the widget for a check problem's field (`photo:3` focuses its caption).
fn focus_field<T: Send + 'static>(field: &str) -> Task<T> {
    let id = if field.starts_with("photo:") && field.matches(':').count() == 1 {
        format!("{field}:caption")
    } else {
        field.to_owned()
    };
    iced::widget::operation::focus(iced::widget::Id::from(id))
}
