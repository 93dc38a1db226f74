pub mod drafts;
pub mod editor;
pub mod settings;
