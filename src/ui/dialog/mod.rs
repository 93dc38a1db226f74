//! Dialogs the app shows over a screen, one module each.

pub mod files;
pub mod path_prompt;
