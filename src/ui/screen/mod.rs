pub mod drafts;
pub mod editor;
pub mod settings;
pub mod settings_spelling;
