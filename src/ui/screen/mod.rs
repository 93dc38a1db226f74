pub mod drafts;
pub mod editor;
