//! The reporter's settings, in `<home>/settings.ron`. Every field has a
//! default, so an old or partly damaged file still loads; values are
//! clamped to sane ranges after loading.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::fsio;
use crate::lang::Lang;
use crate::text::tone::ToneStyle;

pub const SETTINGS_FILE: &str = "settings.ron";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

/// Thresholds of the pre-publish check (portals differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckLimits {
    pub title_max_words: usize,
    pub sapo_max_words: usize,
    pub photo_min_side: u32,
    /// The portal's cover shape, width:height (16:9 unless changed): the cover's
    /// crop preset, and the check warns when the cover is not at it.
    pub cover_ratio: (u32, u32),
    /// The smallest cover the portal takes, in pixels after cropping.
    pub cover_min_width: u32,
    pub cover_min_height: u32,
}

impl Default for CheckLimits {
    fn default() -> Self {
        CheckLimits {
            title_max_words: 12,
            sapo_max_words: 50,
            photo_min_side: 800,
            cover_ratio: (16, 9),
            cover_min_width: 1200,
            cover_min_height: 675,
        }
    }
}

/// "Trình soạn thảo của cổng": the rich-text editor of the portal's form.
/// Tested against the real editors (tests/portal.rs): CKEditor 5, TinyMCE
/// and WordPress's kses all keep the same `<figure class="image">` markup,
/// so only WordPress differs, in its caption form (see
/// [`crate::export::portal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PortalEditor {
    #[default]
    CKEditor,
    TinyMce,
    WordPress,
    Other,
}

impl PortalEditor {
    pub const ALL: [PortalEditor; 4] = [
        PortalEditor::CKEditor,
        PortalEditor::TinyMce,
        PortalEditor::WordPress,
        PortalEditor::Other,
    ];

    /// The name shown in the settings ("khác" is Vietnamese for other).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PortalEditor::CKEditor => "CKEditor",
            PortalEditor::TinyMce => "TinyMCE",
            PortalEditor::WordPress => "WordPress",
            PortalEditor::Other => lang.pick("khác", "other"),
        }
    }
}

/// The portal's form: which editor it uses and which fields it has no box
/// for (those go into the body instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PortalSettings {
    pub editor: PortalEditor,
    /// The form has no title box: the body starts with the title, as a
    /// bold paragraph (an `<h1>` becomes `<h2>` in CKEditor 5).
    pub title_in_body: bool,
    /// The form has no summary box: the sapo opens the body, in bold.
    pub sapo_in_body: bool,
    /// The form has no author box: the byline closes the body, in bold.
    pub byline_in_body: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: ThemeChoice,
    /// Interface zoom, 1.0 = 100 %.
    pub zoom: f32,
    pub default_byline: String,
    pub default_place: String,
    pub export_dir: Option<PathBuf>,
    pub photo_max_side: u32,
    pub photo_quality: u8,
    /// House tone-mark style: old (hòa) or new (hoà).
    pub tone_style: ToneStyle,
    pub check: CheckLimits,
    /// What the portal's web form wants (copy-to-portal and the `fragment`
    /// and `portal` exports).
    pub portal: PortalSettings,
    pub spelling: SpellSettings,
    /// Fills the credit of every new photo that does not name its author
    /// (usually the reporter's own name).
    pub default_credit: String,
}

/// Spell-check settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpellSettings {
    /// Mark suspect words while typing and list them in the check.
    pub enabled: bool,
    /// Also flag well-formed syllables a Hunspell word list does not know.
    pub use_word_list: bool,
    /// A `.dic` file picked by the reporter (its `.aff` beside it); None: look in the usual places.
    pub word_list: Option<PathBuf>,
}

impl Default for SpellSettings {
    fn default() -> Self {
        SpellSettings {
            enabled: true,
            use_word_list: true,
            word_list: None,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Vi,
            theme: ThemeChoice::Light,
            zoom: 1.0,
            default_byline: String::new(),
            default_place: String::new(),
            export_dir: None,
            photo_max_side: 1600,
            photo_quality: 82,
            tone_style: ToneStyle::Old,
            check: CheckLimits::default(),
            portal: PortalSettings::default(),
            spelling: SpellSettings::default(),
            default_credit: String::new(),
        }
    }
}

impl Settings {
    /// Loads the settings from `home`; a missing or damaged file gives the
    /// defaults (settings are never worth refusing to start over).
    pub fn load(home: &Path) -> Settings {
        std::fs::read_to_string(home.join(SETTINGS_FILE))
            .ok()
            .and_then(|t| ron::from_str::<Settings>(&t).ok())
            .unwrap_or_default()
            .sanitized()
    }

    pub fn save(&self, home: &Path) -> Result<()> {
        fsio::create_dir_all(home)?;
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default();
        fsio::atomic_write(&home.join(SETTINGS_FILE), text.as_bytes())
    }

    /// Clamps values a hand-edited file may have put out of range.
    pub fn sanitized(mut self) -> Settings {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(0.5, 3.0);
        self.photo_max_side = self.photo_max_side.clamp(320, 8000);
        self.photo_quality = self.photo_quality.clamp(30, 100);
        self.check.title_max_words = self.check.title_max_words.max(1);
        self.check.sapo_max_words = self.check.sapo_max_words.max(1);
        let (rw, rh) = self.check.cover_ratio;
        self.check.cover_ratio = (rw.clamp(1, 100), rh.clamp(1, 100));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_settings_round_trip_and_old_files_get_the_default() {
        let t = tempfile::tempdir().unwrap();
        let s = Settings {
            portal: PortalSettings {
                editor: PortalEditor::WordPress,
                sapo_in_body: true,
                ..Default::default()
            },
            ..Default::default()
        };
        s.save(t.path()).unwrap();
        assert_eq!(Settings::load(t.path()), s);
        // A settings file from before the portal setting existed.
        std::fs::write(
            t.path().join(SETTINGS_FILE),
            "(lang: En, photo_max_side: 1200)",
        )
        .unwrap();
        let old = Settings::load(t.path());
        assert_eq!(old.portal, PortalSettings::default());
        assert_eq!(old.portal.editor, PortalEditor::CKEditor);
        assert_eq!((old.lang, old.photo_max_side), (Lang::En, 1200));
        assert_eq!(PortalEditor::Other.label(Lang::Vi), "khác");
    }
}
