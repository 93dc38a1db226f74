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
    /// Fills the credit of every new photo that does not name its author
    /// (usually the reporter's own name).
    pub default_credit: String,
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
