//! What the preview, the check and the status bar show of an article,
//! computed together (on a worker while typing).

use std::collections::{HashMap, HashSet};

use crate::article::Article;
use crate::check::{self, PhotoFile, Problem};
use crate::doc::Document;
use crate::lang::Lang;
use crate::settings::CheckLimits;
use crate::text as vt;
use crate::text::spell::Checker;
use crate::ui::i18n::T;

#[derive(Debug, Clone)]
pub struct Refresh {
    pub doc: Document,
    pub problems: Vec<Problem>,
    pub counts: String,
    pub placed: HashSet<u32>,
}

impl Refresh {
    pub fn compute(
        a: &Article,
        files: &HashMap<u32, PhotoFile>,
        limits: &CheckLimits,
        speller: &Checker,
        lang: Lang,
    ) -> Refresh {
        Refresh {
            doc: Document::from_article(a),
            problems: check::check_all(
                a,
                &|p| files.get(&p.id).copied().unwrap_or(PhotoFile::Unknown),
                limits,
                speller,
                lang,
            ),
            counts: count_line(a, lang),
            placed: a
                .photos
                .iter()
                .map(|p| p.id)
                .filter(|&id| a.is_placed(id))
                .collect(),
        }
    }
}

/// Status bar counts: body words and characters, sapo and title words.
fn count_line(a: &Article, lang: Lang) -> String {
    format!(
        "{}: {} {} · {} {} | {}: {} {} | {}: {} {}",
        T::BodyWords.tr(lang),
        a.body_words(),
        T::Words.tr(lang),
        vt::char_count(&a.body),
        T::Chars.tr(lang),
        T::SapoWords.tr(lang),
        vt::word_count(&a.sapo),
        T::Words.tr(lang),
        T::TitleWords.tr(lang),
        vt::word_count(&a.title),
        T::Words.tr(lang),
    )
}
