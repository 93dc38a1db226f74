//! Vietnamese text tools: NFC, slugs, counts, diacritic-free search keys.
//! Nothing here knows about iced; the window and the command line both call it.

pub mod legacy;
pub mod spell;
pub mod syllable;
pub mod telex;
pub mod tone;
pub mod typos;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Returns `s` in Unicode NFC, borrowing nothing when it already is.
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Normalises `s` in place to NFC; returns true when something changed.
pub fn nfc_in_place(s: &mut String) -> bool {
    if is_nfc(s) {
        return false;
    }
    *s = s.nfc().collect();
    true
}

/// True when `s` is already NFC.
pub fn is_nfc(s: &str) -> bool {
    match is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => true,
        _ => s.nfc().eq(s.chars()),
    }
}

/// A single-line field: NFC, control characters (a Tab or newline committed by
/// an input method, a pasted NUL) become nothing or a space, no outer spaces.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in nfc(s).chars() {
        if c == '\t' || c == '\n' || c == '\r' {
            out.push(' ');
        } else if !c.is_control() {
            out.push(c);
        }
    }
    // A control character removed from between a letter and its mark
    // leaves a pair that composes: normalise again.
    nfc(out.trim())
}

/// What a single-line field keeps while the reporter types: NFC, a Tab or
/// newline committed by an input method becomes a space, other control
/// characters go. Spaces are kept (trimming here would eat the space typed
/// between two words); outer spaces are trimmed on export.
pub fn clean_input(s: &str) -> String {
    // A pasted Windows line break (CR LF) is one space, not two.
    let kept: String = nfc(s)
        .replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    // Removing a control character can leave a letter and mark to compose.
    nfc(&kept)
}

/// Multi-line text: NFC, CRLF → LF, other control characters removed (Tab kept).
pub fn clean_multiline(s: &str) -> String {
    let s = nfc(s).replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Pasted text for the body: [`clean_multiline`], and the leading tabs and
/// spaces of each line go (paragraphs copied from Word, web pages and chat
/// often start with a tab, which Markdown would turn into a code block).
/// List items keep the indentation they have beyond the first item's (a
/// nested list); quotes (`>`) need none. Each line of plain text is a
/// paragraph: Word, web pages and chat end a paragraph with one line break,
/// which Markdown would read as a space inside one paragraph.
pub fn clean_paste(s: &str) -> String {
    let s = clean_multiline(s);
    let mut out = String::with_capacity(s.len());
    // Indentation of the first item of the list being pasted: nested
    // items keep what they have beyond it.
    let mut list_base: Option<usize> = None;
    let mut after_text = false;
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let plain = |l: &str| !l.is_empty() && !is_list_item(l) && !l.starts_with(['>', '#', '|']);
        let bare = line.trim_start_matches([' ', '\t', '\u{a0}', '\u{3000}']);
        if after_text && plain(bare) {
            out.push('\n'); // a paragraph of its own
        }
        after_text = plain(bare);
        let indent: usize = line[..line.len() - bare.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        if is_list_item(bare) {
            let base = *list_base.get_or_insert(indent);
            out.extend(std::iter::repeat_n(' ', indent.saturating_sub(base)));
        } else if !bare.is_empty() {
            list_base = None;
        }
        out.push_str(bare);
    }
    out
}

/// `- x`, `* x`, `+ x`, `1. x` or `1) x`.
fn is_list_item(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ');
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits < 10
        && line[digits..].starts_with(['.', ')'])
        && line[digits + 1..].starts_with(' ')
}

/// Base letter of a Vietnamese letter with its marks removed (đ → d).
fn strip_marks(s: &str) -> impl Iterator<Item = char> + '_ {
    s.nfd().filter(|c| !is_combining_mark(*c)).map(|c| match c {
        'đ' => 'd',
        'Đ' => 'D',
        other => other,
    })
}

/// A search key: no diacritics, lower case ("Hội nghị" → "hoi nghi", đ → d).
pub fn fold(s: &str) -> String {
    strip_marks(s).flat_map(char::to_lowercase).collect()
}

/// True when `query` (any diacritics) is found in `text` ignoring diacritics and case.
pub fn matches_search(text: &str, query: &str) -> bool {
    let q = fold(query.trim());
    q.is_empty() || fold(text).contains(&q)
}

/// Words as a reporter counts them: runs of letters or digits; a Vietnamese
/// syllable is a word ("Hội nghị ở xã" is 4).
pub fn word_count(s: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in s.chars() {
        let part = c.is_alphanumeric() || (in_word && is_combining_mark(c));
        if part && !in_word {
            count += 1;
        }
        in_word = part;
    }
    count
}

/// Characters as a person sees them (grapheme clusters, not bytes).
pub fn char_count(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Longest slug, in bytes, before it is cut at a word boundary.
pub const SLUG_MAX: usize = 80;

/// One slug function for every file name: "Đại hội Đảng bộ xã Cao Sơn" →
/// "dai-hoi-dang-bo-xa-cao-son". ASCII letters, digits and single dashes only,
/// never a name Windows reserves, never empty.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in strip_marks(&nfc(s)) {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.len() > SLUG_MAX {
        let cut = out[..=SLUG_MAX].rfind('-').unwrap_or(SLUG_MAX);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str("bai-viet");
    }
    if is_reserved_windows_name(&out) {
        out.push_str("-bai");
    }
    out
}

/// Device names Windows refuses as file names, whatever the extension.
pub fn is_reserved_windows_name(stem: &str) -> bool {
    const NAMES: [&str; 4] = ["con", "prn", "aux", "nul"];
    let lower = stem.to_ascii_lowercase();
    if NAMES.contains(&lower.as_str()) {
        return true;
    }
    (lower.starts_with("com") || lower.starts_with("lpt"))
        && lower.len() == 4
        && lower.as_bytes()[3].is_ascii_digit()
}

/// Vietnamese alphabetical order key: a ă â b c d đ e ê … then tones
/// (none, huyền, sắc, hỏi, ngã, nặng). Compare keys with `Ord`.
pub fn sort_key(s: &str) -> Vec<(u32, u8)> {
    const ORDER: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
    let mut key = Vec::new();
    for c in nfc(s).chars() {
        let lower: String = c.to_lowercase().collect();
        let mut base = None;
        let mut tone = 0u8;
        for d in lower.nfd() {
            match d {
                '\u{300}' => tone = 1,
                '\u{301}' => tone = 2,
                '\u{309}' => tone = 3,
                '\u{303}' => tone = 4,
                '\u{323}' => tone = 5,
                _ => {
                    let ch = match (base, d) {
                        (Some('a'), '\u{306}') => Some('ă'),
                        (Some('a'), '\u{302}') => Some('â'),
                        (Some('e'), '\u{302}') => Some('ê'),
                        (Some('o'), '\u{302}') => Some('ô'),
                        (Some('o'), '\u{31B}') => Some('ơ'),
                        (Some('u'), '\u{31B}') => Some('ư'),
                        (None, d) => Some(d),
                        (b, _) => b,
                    };
                    base = ch;
                }
            }
        }
        let b = base.unwrap_or(c);
        let rank = ORDER
            .chars()
            .position(|o| o == b)
            .map(|p| 0x10_0000 + p as u32)
            .unwrap_or(b as u32);
        key.push((rank, tone));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_never_leaves_text_that_is_not_nfc() {
        // "e", a NUL the cleaning drops, then a combining circumflex.
        let raw = "Vie\u{0}\u{302}t";
        for cleaned in [clean_line(raw), clean_input(raw)] {
            assert!(is_nfc(&cleaned), "{cleaned:?}");
            assert_eq!(cleaned, "Viêt");
        }
    }

    #[test]
    fn pasted_paragraphs_never_become_code_blocks() {
        let pasted = "Tham dự có:\r\n\tBí thư, phó Bí thư các chi bộ trực thuộc Đảng ủy.\r\n    Cán bộ, công chức xã.";
        let clean = clean_paste(pasted);
        assert_eq!(
            clean,
            "Tham dự có:\n\nBí thư, phó Bí thư các chi bộ trực thuộc Đảng ủy.\n\nCán bộ, công chức xã."
        );
        // One paragraph per pasted line, as in Word: three in the preview.
        let paras = crate::doc::parse_markdown(&clean);
        assert_eq!(paras.len(), 3, "{paras:?}");
        // Paragraphs already apart stay as they are.
        assert_eq!(clean_paste("Một.\n\nHai."), "Một.\n\nHai.");
        let blocks = crate::doc::parse_markdown(&clean);
        assert!(!format!("{blocks:?}").contains("Code"), "{blocks:?}");
        // Lists keep their nesting relative to their first item.
        assert_eq!(
            clean_paste("- một\n\t- hai\n\n- ba"),
            "- một\n    - hai\n\n- ba"
        );
        assert_eq!(
            clean_paste("\t1. Mục một\n\t2) Mục hai"),
            "1. Mục một\n2) Mục hai"
        );
        assert_eq!(clean_paste("  > trích dẫn"), "> trích dẫn");
    }

    #[test]
    fn slug_drops_marks_keeps_base_letters() {
        assert_eq!(
            slug("Đại hội Đảng bộ xã Cao Sơn"),
            "dai-hoi-dang-bo-xa-cao-son"
        );
        assert_eq!(slug("căn hộ"), "can-ho");
        assert_eq!(slug("  --Hội   nghị!!  "), "hoi-nghi");
        assert_eq!(slug(""), "bai-viet");
        assert_eq!(slug("CON"), "con-bai");
        assert_eq!(
            slug("Hội nghị".nfd().collect::<String>().as_str()),
            "hoi-nghi"
        );
    }

    #[test]
    fn slug_is_cut_at_a_word_boundary() {
        let long = "Hội nghị thông tin thời sự và quán triệt triển khai một số văn bản mới của Trung ương của tỉnh";
        let s = slug(long);
        assert!(s.len() <= SLUG_MAX, "{s}");
        assert!(!s.ends_with('-'));
        assert!(long_slug_words_are_whole(&s), "{s}");
    }

    fn long_slug_words_are_whole(s: &str) -> bool {
        let full = "hoi-nghi-thong-tin-thoi-su-va-quan-triet-trien-khai-mot-so-van-ban-moi-cua-trung-uong-cua-tinh";
        full.starts_with(s) && full[s.len()..].starts_with('-')
    }

    #[test]
    fn words_are_syllables() {
        assert_eq!(word_count("Hội nghị ở xã"), 4);
        assert_eq!(word_count("  6.500 cán bộ, đảng viên "), 6);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count(&"Hội nghị".nfd().collect::<String>()), 2);
    }

    #[test]
    fn chars_are_graphemes() {
        assert_eq!(char_count("Việt"), 4);
        assert_eq!(char_count(&"Việt".nfd().collect::<String>()), 4);
    }

    #[test]
    fn search_ignores_diacritics() {
        assert!(matches_search("Hội nghị thông tin", "hoi nghi"));
        assert!(matches_search("Đảng bộ", "dang"));
        assert!(matches_search("Hội nghị", "HỘI"));
        assert!(!matches_search("Hội nghị", "hoa"));
    }

    #[test]
    fn nfc_and_clean_lines() {
        let nfd: String = "Việt".nfd().collect();
        assert!(!is_nfc(&nfd));
        assert_eq!(nfc(&nfd), "Việt");
        assert_eq!(clean_line("Việt\tNam\u{0}\n"), "Việt Nam");
        assert_eq!(clean_multiline("a\r\nb\u{7}"), "a\nb");
    }

    #[test]
    fn vietnamese_alphabetical_order() {
        let mut words = vec!["đá", "da", "dà", "ăn", "an", "ân", "bò", "á"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, vec!["an", "á", "ăn", "ân", "bò", "da", "dà", "đá"]);
    }
}
