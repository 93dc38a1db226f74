//! "Đăng lên cổng": the article's fields in the order a portal's web form
//! asks for them, each with its own copy button, then the photos (the cover
//! first), each to copy as an image or to find in a folder for uploading.
//!
//! The body goes on the clipboard as rich text (text/html and a readable
//! text/plain, photos resized by the export pipeline and embedded as data
//! URIs, so the portal's editor uploads them itself); the markup is the one
//! tests/portal.rs proves CKEditor 5, TinyMCE and WordPress keep. Resizing
//! and the clipboard run off the UI thread.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use iced::widget::{Column, button, column, container, image, row, scrollable, text};
use iced::{Element, Fill, Task};

use crate::article::Article;
use crate::clipboard::{self, Content};
use crate::doc::{Block, Document, inline_text};
use crate::draft::Draft;
use crate::error::Error;
use crate::export::{self, portal::Field};
use crate::lang::Lang;
use crate::photo::PhotoOptions;
use crate::settings::{PortalSettings, Settings};
use crate::ui::i18n::T;
use crate::ui::{task, theme};

/// The folder, inside the draft's `.cache/`, that "Mở thư mục" fills with
/// the export-ready copies of the photos.
pub const PHOTO_FOLDER: &str = "anh-dang-cong";

/// A copy button of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Field(Field),
    Photo(u32),
    Folder,
}

impl Target {
    /// The id of the container around the button, for tests and focus.
    pub fn id(self) -> String {
        match self {
            Target::Field(f) => format!("portal:{}", f.name()),
            Target::Photo(id) => format!("portal:photo:{id}"),
            Target::Folder => "portal:folder".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Copy(Target),
    Done(Target, Result<Done, Error>),
    Close,
}

/// What a copy finished with.
#[derive(Debug, Clone)]
pub enum Done {
    /// On the clipboard; the photos left out (a broken file), each with why.
    Copied(Vec<Error>),
    /// The export-ready photos written to this folder, and it opened.
    Folder(PathBuf, Vec<Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Say(String),
    Fail(Error),
    Close,
}

#[derive(Debug, Default)]
pub struct Panel {
    /// The portal's form (which fields go into the body), from the settings.
    pub portal: PortalSettings,
    /// Copies being prepared off the UI thread.
    working: HashSet<Target>,
    /// Copied since the panel opened: a checklist for the reporter.
    copied: HashSet<Target>,
}

impl Panel {
    pub fn new(portal: PortalSettings) -> Panel {
        Panel {
            portal,
            ..Panel::default()
        }
    }

    /// The form's fields this article fills, in the form's order: a field
    /// the settings put into the body has no box of its own.
    pub fn fields(&self) -> Vec<Field> {
        let s = &self.portal;
        Field::ALL
            .into_iter()
            .filter(|f| match f {
                Field::Title => !s.title_in_body,
                Field::Sapo => !s.sapo_in_body,
                Field::Byline => !s.byline_in_body,
                _ => true,
            })
            .collect()
    }

    pub fn update(
        &mut self,
        message: Message,
        draft: &Draft,
        settings: &Settings,
        lang: Lang,
    ) -> Action {
        self.portal = settings.portal;
        match message {
            Message::Close => Action::Close,
            Message::Copy(target) => {
                if !self.working.insert(target) {
                    return Action::None; // already under way
                }
                let photo = PhotoOptions {
                    max_side: settings.photo_max_side,
                    quality: settings.photo_quality,
                };
                Action::Run(copy(target, draft, photo, self.portal))
            }
            Message::Done(target, r) => {
                self.working.remove(&target);
                let (skipped, folder) = match r {
                    Err(e) => return Action::Fail(e),
                    Ok(Done::Copied(skipped)) => (skipped, None),
                    Ok(Done::Folder(dir, skipped)) => (skipped, Some(dir)),
                };
                self.copied.insert(target);
                if !skipped.is_empty() {
                    return Action::Fail(photos_missing(&skipped));
                }
                match folder {
                    Some(dir) => Action::Say(format!(
                        "{} {}",
                        T::PortalFolderOpened.tr(lang),
                        dir.display()
                    )),
                    None => Action::Say(copied_line(target).tr(lang).to_owned()),
                }
            }
        }
    }

    pub fn view<'a>(
        &'a self,
        a: &'a Article,
        doc: &'a Document,
        thumbs: &'a HashMap<u32, image::Handle>,
        lang: Lang,
    ) -> Element<'a, Message> {
        let small = |s: String| text(s).size(theme::SMALL);
        let mut list = Column::new().spacing(theme::FIELD);
        for (n, field) in self.fields().into_iter().enumerate() {
            let value = match field {
                Field::Title => short(&a.title),
                Field::Sapo => short(&a.sapo),
                Field::Byline => short(&a.byline),
                Field::Category => short(&a.category),
                Field::Tags => short(
                    &a.tags
                        .iter()
                        .map(|t| t.trim())
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Field::Body => body_summary(doc, lang),
            };
            let empty = value.is_empty();
            let target = Target::Field(field);
            list = list.push(
                row![
                    column![
                        text(format!(
                            "{}. {}{}",
                            n + 1,
                            field_label(field).tr(lang),
                            self.mark(target, lang)
                        ))
                        .size(theme::NORMAL),
                        small(if empty {
                            T::PortalEmpty.tr(lang).to_owned()
                        } else {
                            value
                        })
                        .style(text::secondary),
                    ]
                    .spacing(theme::TIGHT)
                    .width(Fill),
                    self.copy_button(target, T::PortalCopy, !empty, lang),
                ]
                .spacing(theme::FIELD)
                .align_y(iced::Center),
            );
        }
        list = list.push(text(T::PortalPhotos.tr(lang)).size(theme::SECTION));
        let order = export::portal::photo_order(a);
        if order.is_empty() {
            list = list.push(small(T::PortalNoPhotos.tr(lang).to_owned()));
        }
        for id in order {
            let Some(p) = a.photo(id) else { continue };
            let name = if a.cover == Some(id) {
                format!("{} {id} · {}", T::Photos.tr(lang), T::Cover.tr(lang))
            } else {
                format!("{} {id}", T::Photos.tr(lang))
            };
            let thumb: Element<'_, Message> = match thumbs.get(&id) {
                Some(h) => image(h.clone())
                    .width(theme::PORTAL_THUMB_WIDTH)
                    .height(theme::PORTAL_THUMB_HEIGHT)
                    .into(),
                None => iced::widget::space::horizontal()
                    .width(theme::PORTAL_THUMB_WIDTH)
                    .into(),
            };
            let target = Target::Photo(id);
            list = list.push(
                row![
                    thumb,
                    column![
                        text(format!("{name}{}", self.mark(target, lang))).size(theme::NORMAL),
                        small(short(&p.caption)).style(text::secondary),
                    ]
                    .spacing(theme::TIGHT)
                    .width(Fill),
                    column![
                        self.copy_button(target, T::PortalCopyPhoto, true, lang),
                        self.copy_button(Target::Folder, T::OpenFolder, true, lang),
                    ]
                    .spacing(theme::ROW),
                ]
                .spacing(theme::FIELD)
                .align_y(iced::Center),
            );
        }
        if !self.working.is_empty() {
            list = list.push(small(T::PortalPreparing.tr(lang).to_owned()));
        }
        list = list.push(
            container(small(T::PortalHint.tr(lang).to_owned()))
                .padding(theme::FIELD as u16)
                .width(Fill)
                .style(container::rounded_box),
        );
        column![
            row![
                text(T::PortalPanel.tr(lang)).size(theme::PANEL).width(Fill),
                button(text(T::Close.tr(lang)).size(theme::SMALL))
                    .style(button::secondary)
                    .on_press(Message::Close),
            ]
            .align_y(iced::Center),
            scrollable(list.padding(iced::Padding::ZERO.right(theme::SCROLL_GAP))).height(Fill),
        ]
        .spacing(theme::FIELD)
        .padding(theme::SCREEN_PAD)
        .into()
    }

    /// " (đã sao chép)" after a field copied since the panel opened.
    fn mark(&self, target: Target, lang: Lang) -> String {
        if self.copied.contains(&target) {
            format!(" ({})", T::PortalCopiedMark.tr(lang))
        } else {
            String::new()
        }
    }

    fn copy_button(
        &self,
        target: Target,
        label: T,
        enabled: bool,
        lang: Lang,
    ) -> Element<'_, Message> {
        let idle = !self.working.contains(&target);
        container(
            button(text(label.tr(lang)).size(theme::SMALL))
                .on_press_maybe((enabled && idle).then_some(Message::Copy(target))),
        )
        .id(target.id())
        .into()
    }
}

/// The work behind a copy button, off the UI thread.
fn copy(
    target: Target,
    draft: &Draft,
    photo: PhotoOptions,
    portal: PortalSettings,
) -> Task<Message> {
    let done = move |r| Message::Done(target, r);
    match target {
        Target::Field(Field::Body) => {
            let draft = draft.clone();
            let opts = export::Options {
                format: export::Format::Portal,
                photo,
                skip_bad_photos: true,
            };
            Task::perform(
                task::try_blocking(move || {
                    let (html, text, skipped) = export::portal_body(&draft, &opts, &portal)?;
                    clipboard::hold(&Content {
                        html: Some(html),
                        text,
                    })?;
                    Ok(Done::Copied(skipped))
                }),
                done,
            )
        }
        Target::Field(field) => {
            let doc = Document::from_article(&draft.article);
            let text = export::portal::field_text(&doc, field);
            Task::perform(
                task::try_blocking(move || {
                    clipboard::hold(&Content { html: None, text })?;
                    Ok(Done::Copied(Vec::new()))
                }),
                done,
            )
        }
        Target::Photo(id) => {
            let draft = draft.clone();
            Task::perform(
                task::try_blocking(move || {
                    let p = draft.article.photo(id).ok_or(Error::Worker)?;
                    let ready = export::process_photo(&draft, p, &photo)?;
                    clipboard::hold_image(&ready.bytes)?;
                    Ok(Done::Copied(Vec::new()))
                }),
                done,
            )
        }
        Target::Folder => {
            let draft = draft.clone();
            let dir = draft
                .dir
                .join(crate::photo_cache::CACHE_DIR)
                .join(PHOTO_FOLDER);
            Task::perform(
                task::try_blocking(move || {
                    let (_, skipped) = export::write_portal_photos(&draft, &photo, &dir)?;
                    task::open_in_system_checked(&dir)?;
                    Ok(Done::Folder(dir, skipped))
                }),
                done,
            )
        }
    }
}

fn field_label(f: Field) -> T {
    match f {
        Field::Title => T::Title,
        Field::Sapo => T::Sapo,
        Field::Body => T::Body,
        Field::Byline => T::Byline,
        Field::Category => T::Category,
        Field::Tags => T::PortalTags,
    }
}

fn copied_line(target: Target) -> T {
    match target {
        Target::Field(Field::Title) => T::PortalCopiedTitle,
        Target::Field(Field::Sapo) => T::PortalCopiedSapo,
        Target::Field(Field::Body) => T::PortalCopiedBody,
        Target::Field(Field::Byline) => T::PortalCopiedByline,
        Target::Field(Field::Category) => T::PortalCopiedCategory,
        Target::Field(Field::Tags) => T::PortalCopiedTags,
        Target::Photo(_) | Target::Folder => T::PortalCopiedPhoto,
    }
}

/// Copied, but some photos could not be made ready: which, and what to do.
fn photos_missing(skipped: &[Error]) -> Error {
    let say = |lang: Lang| {
        let why: Vec<String> = skipped.iter().map(|e| e.message(lang)).collect();
        format!("{} {}", T::PortalPhotosMissing.tr(lang), why.join(" "))
    };
    Error::Invalid {
        vi: say(Lang::Vi),
        en: say(Lang::En),
    }
}

/// One line of a field for the panel: the start of it, on one line.
fn short(s: &str) -> String {
    const MAX: usize = 90;
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", one_line[..at].trim_end()),
        None => one_line,
    }
}

/// The body's first paragraph and how many photos go with it.
fn body_summary(doc: &Document, lang: Lang) -> String {
    let mut first = None;
    let mut photos = 0;
    for b in &doc.blocks {
        match b {
            Block::Paragraph(c) if first.is_none() => first = Some(inline_text(c)),
            Block::Photo(_) => photos += 1,
            _ => {}
        }
    }
    match first {
        None if photos == 0 => String::new(),
        first => format!(
            "{} · {photos} {}",
            short(first.as_deref().unwrap_or("")),
            T::PortalEmbedded.tr(lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keeps_one_line_and_cuts_at_a_character() {
        assert_eq!(short("Một\nhai  ba"), "Một hai ba");
        let long = "Việt ".repeat(30);
        let s = short(&long);
        assert!(s.ends_with('…') && s.chars().count() <= 91, "{s}");
    }

    #[test]
    fn fields_the_settings_put_into_the_body_have_no_row() {
        let all = Panel::new(PortalSettings::default()).fields();
        assert_eq!(all, Field::ALL.to_vec());
        let p = Panel::new(PortalSettings {
            byline_in_body: true,
            ..Default::default()
        });
        assert!(!p.fields().contains(&Field::Byline));
    }
}
