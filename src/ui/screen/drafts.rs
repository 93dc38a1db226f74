//! The start screen: every draft, searchable without diacritics.

use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Element, Fill};

use crate::draft::Summary;
use crate::lang::Lang;
use crate::text as vt;
use crate::ui::i18n::T;
use crate::ui::theme;
use crate::ui::widget::input;

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Open(String),
    New,
    Duplicate(String),
    Delete(String),
    UndoDelete,
    Import,
    ShowTrash(bool),
    Order(Order),
    Restore(String),
    EmptyTrash,
}

pub enum Action {
    None,
    Open(String),
    New,
    Duplicate(String),
    Delete(String),
    Restore(String),
    Import,
    ShowTrash,
    EmptyTrash,
}

/// The drafts list as read off the UI thread: summaries plus the thumbnails
/// that exist (so the view never touches the disk).
pub use crate::listing::Listing;

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Newest,
    /// Vietnamese alphabetical order (a ă â b c d đ e ê …, then tones).
    Title,
}

#[derive(Default)]
pub struct Drafts {
    pub order: Order,
    pub thumbs: std::collections::HashMap<String, std::path::PathBuf>,
    pub list: Vec<Summary>,
    pub search: String,
    /// The last deleted draft, for "Hoàn tác".
    pub deleted: Option<String>,
    /// The trash, while it is shown.
    pub trash: Option<Vec<Summary>>,
    /// Drafts with an unfinished session to recover.
    pub unfinished: Vec<(String, String)>,
}

impl Drafts {
    pub fn set_listing(&mut self, listing: Listing) {
        self.list = listing.list;
        self.thumbs = listing.thumbs;
        self.unfinished = listing.unfinished;
        self.sort();
    }

    fn sort(&mut self) {
        match self.order {
            Order::Newest => self.list.sort_by_key(|s| std::cmp::Reverse(s.updated)),
            Order::Title => self
                .list
                .sort_by_cached_key(|s| crate::text::sort_key(&s.title)),
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Search(s) => {
                self.search = vt::nfc(&s);
                Action::None
            }
            Message::Open(id) => Action::Open(id),
            Message::New => Action::New,
            Message::Duplicate(id) => Action::Duplicate(id),
            Message::Delete(id) => {
                self.deleted = Some(id.clone());
                Action::Delete(id)
            }
            Message::UndoDelete => match self.deleted.take() {
                Some(id) => Action::Restore(id),
                None => Action::None,
            },
            Message::Import => Action::Import,
            Message::Order(o) => {
                self.order = o;
                self.sort();
                Action::None
            }
            Message::ShowTrash(true) => Action::ShowTrash,
            Message::ShowTrash(false) => {
                self.trash = None;
                Action::None
            }
            Message::Restore(id) => Action::Restore(id),
            Message::EmptyTrash => Action::EmptyTrash,
        }
    }

    /// Drafts whose title matches the search, ignoring diacritics.
    pub fn visible(&self) -> impl Iterator<Item = &Summary> {
        self.list
            .iter()
            .filter(|s| vt::matches_search(&s.title, &self.search))
    }

    fn trash_view(&self, trash: &[Summary], lang: Lang) -> Element<'_, Message> {
        let mut list = Column::new().spacing(theme::LIST);
        for s in trash {
            let title = if s.title.is_empty() {
                T::Untitled.tr(lang).to_owned()
            } else {
                s.title.clone()
            };
            list = list.push(
                container(
                    row![
                        text(title).size(theme::EDITOR_TEXT).width(Fill),
                        button(text(T::Restore.tr(lang))).on_press(Message::Restore(s.id.clone())),
                    ]
                    .spacing(theme::LIST)
                    .align_y(iced::Center),
                )
                .padding(theme::ITEM_PAD)
                .style(container::rounded_box),
            );
        }
        if trash.is_empty() {
            list = list.push(text(T::TrashEmpty.tr(lang)));
        }
        column![
            row![
                button(text(T::Back.tr(lang)))
                    .style(button::secondary)
                    .on_press(Message::ShowTrash(false)),
                text(T::Trash.tr(lang))
                    .size(theme::SCREEN_TITLE)
                    .width(Fill),
                button(text(T::EmptyTrash.tr(lang)))
                    .style(button::danger)
                    .on_press_maybe((!trash.is_empty()).then_some(Message::EmptyTrash)),
            ]
            .spacing(theme::SECTION_GAP)
            .align_y(iced::Center),
            scrollable(list).height(Fill)
        ]
        .spacing(theme::SECTION_GAP)
        .padding(theme::PAGE_PAD)
        .into()
    }

    pub fn view(&self, lang: Lang) -> Element<'_, Message> {
        if let Some(trash) = &self.trash {
            return self.trash_view(trash, lang);
        }
        let now = chrono::Utc::now();
        let mut list = Column::new().spacing(theme::LIST);
        let mut any = false;
        for s in self.visible().take(500) {
            any = true;
            let title = if s.title.is_empty() {
                T::Untitled.tr(lang).to_owned()
            } else {
                s.title.clone()
            };
            let line = format!(
                "{} · {} · {} {}",
                s.place,
                ago(now - s.updated, lang),
                s.words,
                T::Words.tr(lang)
            );
            list = list.push(
                container(
                    row![
                        thumb(self.thumbs.get(&s.id)),
                        column![
                            text(title).size(theme::LIST_TITLE),
                            text(line).size(theme::SMALL)
                        ]
                        .spacing(theme::TIGHT - 1)
                        .width(Fill),
                        button(text(T::Open.tr(lang))).on_press(Message::Open(s.id.clone())),
                        button(text(T::Duplicate.tr(lang)))
                            .style(button::secondary)
                            .on_press(Message::Duplicate(s.id.clone())),
                        button(text(T::Delete.tr(lang)))
                            .style(button::danger)
                            .on_press(Message::Delete(s.id.clone())),
                    ]
                    .spacing(theme::LIST)
                    .align_y(iced::Center),
                )
                .padding(theme::ITEM_PAD)
                .style(container::rounded_box),
            );
        }
        if !any {
            list = list.push(text(T::NoDrafts.tr(lang)));
        }
        let mut top = row![
            input(T::Search.tr(lang), &self.search)
                .id("search")
                .on_input(Message::Search)
                .padding(theme::FIELD as u16)
                .width(Fill),
            button(text(T::NewDraft.tr(lang))).on_press(Message::New),
            button(text(T::Import.tr(lang)))
                .style(button::secondary)
                .on_press(Message::Import),
            button(text(match self.order {
                Order::Newest => T::SortTitle.tr(lang),
                Order::Title => T::SortNewest.tr(lang),
            }))
            .style(button::secondary)
            .on_press(Message::Order(match self.order {
                Order::Newest => Order::Title,
                Order::Title => Order::Newest,
            })),
            button(text(T::Trash.tr(lang)))
                .style(button::secondary)
                .on_press(Message::ShowTrash(true)),
        ]
        .spacing(theme::FIELD);
        if self.deleted.is_some() {
            top = top.push(
                button(text(T::Undo.tr(lang)))
                    .style(button::secondary)
                    .on_press(Message::UndoDelete),
            );
        }
        let mut unfinished = Column::new().spacing(theme::ROW);
        if !self.unfinished.is_empty() {
            unfinished = unfinished.push(text(T::UnfinishedSession.tr(lang)).size(theme::NORMAL));
            for (id, title) in &self.unfinished {
                let title = if title.is_empty() {
                    T::Untitled.tr(lang)
                } else {
                    title
                };
                unfinished = unfinished.push(
                    row![
                        text(format!("«{title}»")).size(theme::SECTION).width(Fill),
                        button(text(T::RecoverOpen.tr(lang))).on_press(Message::Open(id.clone())),
                    ]
                    .spacing(theme::FIELD)
                    .align_y(iced::Center),
                );
            }
        }
        let unfinished = container(unfinished)
            .padding(if self.unfinished.is_empty() { 0 } else { 10 })
            .style(if self.unfinished.is_empty() {
                container::transparent
            } else {
                container::warning
            });
        column![
            text(T::Drafts.tr(lang)).size(theme::SCREEN_TITLE),
            unfinished,
            top,
            scrollable(list).height(Fill)
        ]
        .spacing(theme::SECTION_GAP)
        .padding(theme::PAGE_PAD)
        .into()
    }
}

/// The draft's cover (or first photo) thumbnail, when one has been made.
fn thumb<'a>(path: Option<&std::path::PathBuf>) -> Element<'a, Message> {
    match path {
        Some(p) => iced::widget::image(iced::widget::image::Handle::from_path(p))
            .width(64)
            .height(48)
            .into(),
        None => container(text("")).width(64).height(48).into(),
    }
}

/// "2 phút trước" / "2 minutes ago".
pub fn ago(d: chrono::TimeDelta, lang: Lang) -> String {
    let m = d.num_minutes().max(0);
    match (m, lang) {
        (0, _) => lang.pick("vừa xong", "just now").to_owned(),
        (1..=59, Lang::Vi) => format!("{m} phút trước"),
        (1..=59, Lang::En) => format!("{m} min ago"),
        (60..=1439, Lang::Vi) => format!("{} giờ trước", m / 60),
        (60..=1439, Lang::En) => format!("{} h ago", m / 60),
        (_, Lang::Vi) => format!("{} ngày trước", m / 1440),
        (_, Lang::En) => format!("{} days ago", m / 1440),
    }
}
