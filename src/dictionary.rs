//! The reporter's personal dictionary: `dictionary.txt` under the home
//! folder, one word or name a line (UTF-8, NFC), words the spell checker
//! must never flag. Written atomically, sorted in Vietnamese order.

use std::path::{Path, PathBuf};

use crate::error::{Action, Error, Result};
use crate::fsio;
use crate::text;

pub const DICTIONARY_FILE: &str = "dictionary.txt";

/// The file of the personal dictionary in `home`.
pub fn path(home: &Path) -> PathBuf {
    home.join(DICTIONARY_FILE)
}

/// The words of the personal dictionary (none when the file does not exist yet).
pub fn list(home: &Path) -> Result<Vec<String>> {
    let p = path(home);
    let bytes = match std::fs::read(&p) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(Action::Read, &p, &e)),
    };
    let s = String::from_utf8_lossy(&bytes);
    Ok(parse(&s))
}

/// Entries of a dictionary file: trimmed NFC lines, no blanks or duplicates.
pub fn parse(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in s.lines() {
        let w = text::clean_line(line.trim_start_matches('\u{feff}'));
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Replaces the whole dictionary (the settings screen edits it as text).
pub fn save(home: &Path, words: &[String]) -> Result<()> {
    let mut words = parse(&words.join("\n"));
    words.sort_by_key(|w| text::sort_key(&w.to_lowercase()));
    fsio::create_dir_all(home)?;
    let mut body = words.join("\n");
    if !body.is_empty() {
        body.push('\n');
    }
    fsio::atomic_write(&path(home), body.as_bytes())
}

/// Adds a word; true when it was not there yet.
pub fn add(home: &Path, word: &str) -> Result<bool> {
    let word = text::clean_line(word);
    let mut words = list(home)?;
    if word.is_empty() || words.contains(&word) {
        return Ok(false);
    }
    words.push(word);
    save(home, &words)?;
    Ok(true)
}

/// Removes a word; true when it was there.
pub fn remove(home: &Path, word: &str) -> Result<bool> {
    let word = text::clean_line(word);
    let mut words = list(home)?;
    let before = words.len();
    words.retain(|w| *w != word);
    if words.len() == before {
        return Ok(false);
    }
    save(home, &words)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::spell::Checker;
    use crate::text::tone::ToneStyle;

    #[test]
    fn add_list_remove_round_trip() {
        let home = tempfile::tempdir().unwrap();
        assert_eq!(list(home.path()).unwrap(), Vec::<String>::new());
        assert!(add(home.path(), "Kroong").unwrap());
        assert!(add(home.path(), " Đắk Rve ").unwrap());
        assert!(add(home.path(), "ăngten").unwrap());
        assert!(!add(home.path(), "Kroong").unwrap());
        assert_eq!(
            list(home.path()).unwrap(),
            vec!["ăngten", "Đắk Rve", "Kroong"]
        );
        let c = Checker::new(ToneStyle::Old)
            .accept(list(home.path()).unwrap().iter().map(String::as_str));
        assert!(c.check_line("Ở Kroong có ăngten.").is_empty());
        assert!(remove(home.path(), "Kroong").unwrap());
        assert!(!remove(home.path(), "Kroong").unwrap());
        assert_eq!(
            std::fs::read_to_string(path(home.path())).unwrap(),
            "ăngten\nĐắk Rve\n"
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(home.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_hand_edited_file_is_cleaned() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Việt".nfd().collect();
        assert_eq!(
            parse(&format!("\u{feff}  {nfd}\r\n\n\tViệt\nabc  \n")),
            vec!["Việt", "abc"]
        );
    }
}
