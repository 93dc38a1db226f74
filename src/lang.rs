//! The reporter's language. Vietnamese first; English selectable.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// Parses "vi"/"en" (also "vi_VN.UTF-8"-like values); anything else is None.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the Vietnamese or the English text.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The language to speak: `--lang`, else TINXA_LANG, else the saved
    /// settings' choice, else Vietnamese.
    pub fn choose(flag: Option<&str>, saved: Option<Lang>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| {
                std::env::var("TINXA_LANG")
                    .ok()
                    .as_deref()
                    .and_then(Lang::parse)
            })
            .or(saved)
            .unwrap_or_default()
    }

    /// The language's own name, as shown in the language menu.
    pub fn name(self) -> &'static str {
        self.pick("Tiếng Việt", "English")
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
