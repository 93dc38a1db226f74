//! Tin Xã: a desktop editor for Vietnamese commune reporters.
//!
//! The core (everything but `ui`) never imports iced and is tested without a
//! window; the GUI lives under `ui` behind the default `gui` feature.

pub mod article;
pub mod check;
pub mod cli;
pub mod doc;
pub mod draft;
pub mod error;
pub mod export;
pub mod fsio;
pub mod history;
pub mod import;
pub mod journal;
pub mod lang;
pub mod listing;
pub mod lock;
pub mod photo;
pub mod photo_cache;
pub mod sample;
pub mod session;
pub mod settings;
pub mod text;
pub mod undo;

#[doc(hidden)]
pub mod fuzzing;

#[cfg(feature = "gui")]
pub mod ui;

pub use error::{Error, Result};
