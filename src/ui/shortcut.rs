//! Keyboard shortcuts, and the window events the app listens to.

use std::time::Duration;

use iced::keyboard::{self, Key};
use iced::{Subscription, event, window};

use super::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Save,
    New,
    Drafts,
    Export,
    Preview,
    Undo,
    Redo,
    Bold,
    Italic,
    ZoomIn,
    ZoomOut,
    NextField,
    PreviousField,
    Find,
    /// Turn the selected photo.
    RotateLeft,
    RotateRight,
    /// Ctrl+V that no field took: a picture on the clipboard becomes a photo.
    PastePictures,
}

/// The command for Ctrl(+Shift)+key.
pub fn shortcut(key: &str, shift: bool) -> Option<Shortcut> {
    Some(match (key.to_lowercase().as_str(), shift) {
        ("s", _) => Shortcut::Save,
        ("n", _) => Shortcut::New,
        ("o", _) => Shortcut::Drafts,
        ("e", _) => Shortcut::Export,
        ("p", _) => Shortcut::Preview,
        ("f", _) => Shortcut::Find,
        ("z", false) => Shortcut::Undo,
        ("z", true) | ("y", _) => Shortcut::Redo,
        ("b", _) => Shortcut::Bold,
        ("i", _) => Shortcut::Italic,
        ("=" | "+", _) => Shortcut::ZoomIn,
        ("-", _) => Shortcut::ZoomOut,
        ("l", _) => Shortcut::RotateLeft,
        ("r", _) => Shortcut::RotateRight,
        _ => return None,
    })
}

/// The message a shortcut sends to a screen (None for those the app
/// handles itself: new draft, drafts list, moving between fields).
pub fn message(s: Shortcut) -> Option<Message> {
    use super::screen::editor::{FindMessage, Message as E};
    use super::screen::settings::Message as S;
    Some(match s {
        Shortcut::Save => Message::Editor(E::Save),
        Shortcut::Export => Message::Editor(E::Export),
        Shortcut::Preview => Message::Editor(E::TogglePreview),
        Shortcut::Undo => Message::Editor(E::Undo),
        Shortcut::Redo => Message::Editor(E::Redo),
        Shortcut::Bold => Message::Editor(E::Format("**", "**")),
        Shortcut::Italic => Message::Editor(E::Format("*", "*")),
        Shortcut::Find => Message::Editor(E::Find(FindMessage::Toggle)),
        Shortcut::ZoomIn => Message::Settings(S::ZoomIn),
        Shortcut::ZoomOut => Message::Settings(S::ZoomOut),
        Shortcut::RotateLeft => Message::Editor(E::RotateSelected(-1)),
        Shortcut::RotateRight => Message::Editor(E::RotateSelected(1)),
        Shortcut::PastePictures => {
            Message::Editor(E::Paste(super::screen::editor::paste::Message::Pictures))
        }
        Shortcut::New | Shortcut::Drafts | Shortcut::NextField | Shortcut::PreviousField => {
            return None;
        }
    })
}

/// Shortcuts, Tab between fields, dropped files, resizes, close requests
/// and the 300 ms tick that drives autosave.
pub fn subscription() -> Subscription<Message> {
    let keys = event::listen_with(|ev, status, _window| match ev {
        // Ctrl+V over the photos or the preview (no text field has the focus).
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Character(c),
            modifiers,
            ..
        }) if modifiers.command()
            && !modifiers.shift()
            && c.as_str() == "v"
            && status == event::Status::Ignored =>
        {
            Some(Message::Shortcut(Shortcut::PastePictures))
        }
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Character(c),
            modifiers,
            ..
        }) if modifiers.command() => shortcut(c.as_str(), modifiers.shift()).map(Message::Shortcut),
        // Tab moves between fields when no widget used it.
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Named(keyboard::key::Named::Tab),
            modifiers,
            ..
        }) if status == event::Status::Ignored => Some(Message::Shortcut(if modifiers.shift() {
            Shortcut::PreviousField
        } else {
            Shortcut::NextField
        })),
        // Where an input method's word belongs (see editor::compose).
        iced::Event::InputMethod(iced::advanced::input_method::Event::Preedit(content, _)) => {
            Some(Message::Preedit(content))
        }
        iced::Event::Window(window::Event::FileDropped(p)) => Some(Message::FileDropped(p)),
        iced::Event::Window(window::Event::Resized(size)) => Some(Message::Resized(size.width)),
        _ => None,
    });
    Subscription::batch([
        keys,
        window::close_requests().map(Message::CloseRequested),
        iced::time::every(Duration::from_millis(300)).map(|_| Message::Tick),
    ])
}
