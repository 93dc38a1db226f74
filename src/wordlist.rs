//! The optional Hunspell word list of the spell checker, read at run time
//! through the `spellbook` crate (the list itself, GPL, is never compiled in):
//! the files picked in the settings, else Debian's `hunspell-vi`, else the
//! Vietnamese dictionary LibreOffice bundles on Windows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::dictionary;
use crate::error::{Action, Error, Result};
use crate::settings::Settings;
use crate::text::spell::{Checker, Lexicon};

/// A Hunspell dictionary's two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub aff: PathBuf,
    pub dic: PathBuf,
}

impl Found {
    /// The pair for a `.dic` or `.aff` file (the other one beside it, same name).
    pub fn from_file(path: &Path) -> Found {
        Found {
            aff: path.with_extension("aff"),
            dic: path.with_extension("dic"),
        }
    }

    fn exists(&self) -> bool {
        self.aff.is_file() && self.dic.is_file()
    }
}

/// Where Debian and LibreOffice keep a Vietnamese dictionary.
pub fn standard_places() -> Vec<Found> {
    let mut out = Vec::new();
    for dir in [
        "/usr/share/hunspell",
        "/usr/share/myspell",
        "/usr/share/myspell/dicts",
    ] {
        out.push(Found::from_file(&Path::new(dir).join("vi_VN.dic")));
    }
    for var in ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"] {
        if let Some(root) = std::env::var_os(var) {
            out.extend(libreoffice_dicts(&PathBuf::from(root)));
        }
    }
    out
}

/// LibreOffice's bundled Vietnamese dictionary under a Program Files folder:
/// `LibreOffice*/share/extensions/dict-vi/vi_VN.dic`.
pub fn libreoffice_dicts(program_files: &Path) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(program_files) else {
        return Vec::new();
    };
    let mut out: Vec<Found> = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .to_lowercase()
                .starts_with("libreoffice")
        })
        .map(|e| {
            Found::from_file(
                &e.path()
                    .join("share")
                    .join("extensions")
                    .join("dict-vi")
                    .join("vi_VN.dic"),
            )
        })
        .filter(Found::exists)
        .collect();
    out.sort_by(|a, b| a.dic.cmp(&b.dic));
    out
}

/// The word list to use: `chosen` (a `.dic` picked in the settings) when it
/// exists, else the first standard place that has one.
pub fn find(chosen: Option<&Path>) -> Option<Found> {
    if let Some(c) = chosen {
        let f = Found::from_file(c);
        return f.exists().then_some(f);
    }
    standard_places().into_iter().find(Found::exists)
}

struct Hunspell(spellbook::Dictionary);

impl Lexicon for Hunspell {
    fn knows(&self, word: &str) -> bool {
        self.0.check(word)
    }
}

/// Reads and parses a dictionary.
pub fn load(f: &Found) -> Result<Arc<dyn Lexicon>> {
    let read = |p: &Path| -> Result<String> {
        let bytes = std::fs::read(p).map_err(Error::at(Action::Read, p))?;
        String::from_utf8(bytes).map_err(|_| Error::BadWordList {
            path: p.to_path_buf(),
            detail: "not UTF-8".into(),
        })
    };
    let aff = read(&f.aff)?;
    let dic = read(&f.dic)?;
    let dict = spellbook::Dictionary::new(&aff, &dic).map_err(|e| Error::BadWordList {
        path: f.dic.clone(),
        detail: e.to_string(),
    })?;
    Ok(Arc::new(Hunspell(dict)))
}

/// The spell checker the settings ask for: house tone style, personal
/// dictionary from `home`, and the word list when one is wanted and found.
/// A dictionary that cannot be read is reported and left out, never fatal.
pub fn checker(settings: &Settings, home: &Path) -> (Checker, Vec<Error>) {
    let mut problems = Vec::new();
    let personal = dictionary::list(home).unwrap_or_else(|e| {
        problems.push(e);
        Vec::new()
    });
    let mut list = None;
    if settings.spelling.use_word_list {
        let chosen = settings.spelling.word_list.as_deref();
        match (find(chosen), chosen) {
            (Some(f), _) => match load(&f) {
                Ok(l) => list = Some(l),
                Err(e) => problems.push(e),
            },
            (None, Some(c)) => problems.push(Error::BadWordList {
                path: c.to_path_buf(),
                detail: "not found".into(),
            }),
            (None, None) => {}
        }
    }
    let c = Checker::new(settings.tone_style)
        .accept(personal.iter().map(String::as_str))
        .with_list(list);
    (c, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_dictionary_is_loaded_and_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(dir.path().join("mine.dic"), "3\nviệt\nnam\nhoà\n").unwrap();
        let found = find(Some(&dir.path().join("mine.dic"))).unwrap();
        let list = load(&found).unwrap();
        assert!(list.knows("việt") && list.knows("hoà"));
        assert!(!list.knows("hòa") && !list.knows("tiếng"));
        let c = crate::text::spell::Checker::new(crate::text::tone::ToneStyle::Old)
            .with_list(Some(list));
        // Both styles are accepted whatever the list uses; unknown words are flagged.
        assert!(c.check_line("việt nam hòa").is_empty());
        assert_eq!(c.check_line("việt tiếng")[0].word, "tiếng");
        assert_eq!(find(Some(&dir.path().join("none.dic"))), None);
    }

    #[test]
    fn libreoffice_on_windows_is_found_under_program_files() {
        let dir = tempfile::tempdir().unwrap();
        let ext = dir.path().join("LibreOffice/share/extensions/dict-vi");
        std::fs::create_dir_all(&ext).unwrap();
        std::fs::write(ext.join("vi_VN.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(ext.join("vi_VN.dic"), "1\nviệt\n").unwrap();
        std::fs::create_dir_all(dir.path().join("Other")).unwrap();
        let found = libreoffice_dicts(dir.path());
        assert_eq!(found, vec![Found::from_file(&ext.join("vi_VN.dic"))]);
    }

    #[test]
    fn a_broken_dictionary_is_an_error_that_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.aff"), b"SET UTF-8\n").unwrap();
        std::fs::write(dir.path().join("x.dic"), b"\xff\xfe").unwrap();
        let e = load(&Found::from_file(&dir.path().join("x.dic")))
            .err()
            .unwrap();
        assert!(e.message(crate::lang::Lang::En).contains("Settings"));
    }
}
