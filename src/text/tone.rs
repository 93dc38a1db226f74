//! Tone-mark placement style in open syllables with oa, oe, uy: the old
//! ("cũ", traditional) style puts the mark on the first vowel (hòa, khỏe, thủy),
//! the new style on the second (hoà, khoẻ, thuỷ). Only these syllables differ
//! between the styles: with a final consonant (hoàn, thuyền), after qu- (quý,
//! quà: "qu" is the initial) or gi- (già), both styles agree, and they are never
//! touched.

use unicode_normalization::UnicodeNormalization;

use super::syllable::ONSETS;

/// Where to put the tone mark in open oa/oe/uy syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ToneStyle {
    /// Traditional: hòa, khỏe, thủy, Ủy (the style of the sample articles).
    #[default]
    Old,
    /// Reformed: hoà, khoẻ, thuỷ, Uỷ.
    New,
}

/// Combining tone marks: grave, acute, tilde, hook above, dot below.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
/// Combining shape marks: circumflex, breve, horn.
const SHAPE_MARKS: [char; 3] = ['\u{302}', '\u{306}', '\u{31B}'];
/// One letter of an NFD word: its base character and the combining marks after it.
struct Letter {
    base: char,
    marks: Vec<char>,
}

/// An open oa/oe/uy syllable with a tone: its letters and where the tone is.
struct OpenSyllable {
    letters: Vec<Letter>,
    /// Index in `letters` of the first vowel of the nucleus.
    first: usize,
    /// True when the tone sits on the first vowel (old style).
    on_first: bool,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Recognises an open oa/oe/uy syllable carrying a tone; None for anything else.
fn analyse(word: &str) -> Option<OpenSyllable> {
    let mut letters: Vec<Letter> = Vec::new();
    for c in word.nfd() {
        if TONE_MARKS.contains(&c) || SHAPE_MARKS.contains(&c) {
            letters.last_mut()?.marks.push(c);
        } else if c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' {
            letters.push(Letter {
                base: c,
                marks: Vec::new(),
            });
        } else {
            return None;
        }
    }
    let lower: Vec<char> = letters
        .iter()
        .map(|l| l.base.to_lowercase().next().unwrap_or(l.base))
        .collect();
    let mut onset = lower.iter().take_while(|&&c| !is_vowel(c)).count();
    // "qu" and "gi" (before another vowel) are initials: quý, quà, già, gìa.
    if onset > 0 && lower[onset - 1] == 'q' && lower.get(onset) == Some(&'u') {
        onset += 1;
    } else if onset == 1
        && lower[0] == 'g'
        && lower.get(1) == Some(&'i')
        && lower.get(2).is_some_and(|&c| is_vowel(c))
    {
        onset = 2;
    }
    let onset_str: String = lower[..onset].iter().collect();
    // No Vietnamese syllable has gi + oa/oe/uy ("gióa" is left alone).
    let known = onset_str.is_empty() || (onset_str != "gi" && ONSETS.contains(&onset_str.as_str()));
    if !known || lower.len() != onset + 2 {
        return None;
    }
    if !matches!(
        (lower[onset], lower[onset + 1]),
        ('o', 'a') | ('o', 'e') | ('u', 'y')
    ) {
        return None;
    }
    let tones = |l: &Letter| l.marks.iter().filter(|m| TONE_MARKS.contains(m)).count();
    let shaped = letters
        .iter()
        .any(|l| l.marks.iter().any(|m| SHAPE_MARKS.contains(m)));
    let total: usize = letters.iter().map(tones).sum();
    if shaped || total != 1 {
        return None;
    }
    let on_first = tones(&letters[onset]) == 1;
    if !on_first && tones(&letters[onset + 1]) != 1 {
        return None; // the tone is on the initial (e.g. a stray mark): leave it alone
    }
    Some(OpenSyllable {
        letters,
        first: onset,
        on_first,
    })
}

/// The word rewritten in `style`, or None when it is not concerned or already right.
fn restyle(word: &str, style: ToneStyle) -> Option<String> {
    let mut s = analyse(word)?;
    let want_first = style == ToneStyle::Old;
    if s.on_first == want_first {
        return None;
    }
    let (from, to) = if s.on_first {
        (s.first, s.first + 1)
    } else {
        (s.first + 1, s.first)
    };
    let mark = s.letters[from].marks.pop()?;
    s.letters[to].marks.push(mark);
    let out: String = s
        .letters
        .iter()
        .flat_map(|l| std::iter::once(l.base).chain(l.marks.iter().copied()))
        .collect();
    Some(out.nfc().collect())
}

/// Splits text into word and non-word runs (letters with their combining marks are words).
fn runs(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let is_word = |c: char| c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c);
        let kind = is_word(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_word(c) != kind)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((kind, run))
    })
}

/// Rewrites open oa/oe/uy syllables (hòa/hoà, khỏe/khoẻ, thủy/thuỷ) to `style`; returns NFC text.
pub fn apply(text: &str, style: ToneStyle) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (is_word, run) in runs(text) {
        match is_word.then(|| restyle(run, style)).flatten() {
            Some(new) => out.push_str(&new),
            None => out.push_str(run),
        }
    }
    out.nfc().collect()
}

/// Counts the (old-style, new-style) oa/oe/uy syllables in `text`.
pub fn detect(text: &str) -> (usize, usize) {
    let mut counts = (0, 0);
    for (_, run) in runs(text).filter(|(w, _)| *w) {
        match analyse(run) {
            Some(s) if s.on_first => counts.0 += 1,
            Some(_) => counts.1 += 1,
            None => {}
        }
    }
    counts
}

/// True when `text` uses both styles.
pub fn is_mixed(text: &str) -> bool {
    let (old, new) = detect(text);
    old > 0 && new > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/cao-son-2024-01-25.txt"
    ));

    const PAIRS: [(&str, &str); 16] = [
        ("hòa", "hoà"),
        ("khỏe", "khoẻ"),
        ("thủy", "thuỷ"),
        ("Hòa", "Hoà"),
        ("HÒA", "HOÀ"),
        ("KHỎE", "KHOẺ"),
        ("Thủy", "Thuỷ"),
        ("Ủy", "Uỷ"),
        ("ủy", "uỷ"),
        ("hóa", "hoá"),
        ("tòa", "toà"),
        ("xõa", "xoã"),
        ("lòe", "loè"),
        ("họa", "hoạ"),
        ("lũy", "luỹ"),
        ("tụy", "tuỵ"),
    ];

    #[test]
    fn examples_both_directions() {
        for (old, new) in PAIRS {
            assert_eq!(apply(old, ToneStyle::New), new, "{old}");
            assert_eq!(apply(new, ToneStyle::Old), old, "{new}");
            assert_eq!(apply(old, ToneStyle::Old), old);
            assert_eq!(apply(new, ToneStyle::New), new);
            assert_eq!(detect(old), (1, 0), "{old}");
            assert_eq!(detect(new), (0, 1), "{new}");
        }
    }

    #[test]
    fn syllables_that_never_change() {
        let keep = [
            "hoàn", "Hoàng", "thuyền", "quý", "Quý", "quỳnh", "qua", "quà", "quá", "gìa", "già",
            "khuya", "khuỷu", "ngoẻo", "hoài", "toán", "tuấn", "huỳnh", "thuở", "của", "mía",
            "hoa", "thuy", "Nguyễn", "oai", "QUÝ", "GÌA", "thủyy", "gióa",
        ];
        for w in keep {
            for style in [ToneStyle::Old, ToneStyle::New] {
                assert_eq!(apply(w, style), w, "{w} {style:?}");
            }
            assert_eq!(detect(w), (0, 0), "{w}");
        }
    }

    #[test]
    fn mixed_paragraph() {
        let text = "Hòa bình và thuỷ lợi giúp bà con khỏe mạnh; Uỷ ban xã và Tòa án huyện.";
        assert_eq!(detect(text), (3, 2));
        assert!(is_mixed(text));
        assert_eq!(
            apply(text, ToneStyle::Old),
            "Hòa bình và thủy lợi giúp bà con khỏe mạnh; Ủy ban xã và Tòa án huyện."
        );
        assert_eq!(
            apply(text, ToneStyle::New),
            "Hoà bình và thuỷ lợi giúp bà con khoẻ mạnh; Uỷ ban xã và Toà án huyện."
        );
        assert!(!is_mixed(&apply(text, ToneStyle::New)));
        assert!(!is_mixed("hoa hồng, quý vị"));
    }

    #[test]
    fn capitals() {
        assert_eq!(
            apply("HÒA BÌNH, THỦY LỢI, SỨC KHỎE", ToneStyle::New),
            "HOÀ BÌNH, THUỶ LỢI, SỨC KHOẺ"
        );
        assert_eq!(apply("ỦY BAN", ToneStyle::New), "UỶ BAN");
        assert_eq!(apply("UỶ BAN", ToneStyle::Old), "ỦY BAN");
        // Each letter keeps its own case; only the mark moves.
        assert_eq!(apply("HoÀ", ToneStyle::Old), "HòA");
    }

    #[test]
    fn word_boundaries_and_punctuation() {
        assert_eq!(
            apply(
                "(hòa), “khỏe”, thủy; hòa-bình hòa/thủy hòa.Thủy\nHòa\thòa…",
                ToneStyle::New
            ),
            "(hoà), “khoẻ”, thuỷ; hoà-bình hoà/thuỷ hoà.Thuỷ\nHoà\thoà…"
        );
        assert_eq!(apply("Thủy2024 hòa_", ToneStyle::New), "Thuỷ2024 hoà_");
        assert_eq!(apply("", ToneStyle::New), "");
        assert_eq!(apply("khỏeđ hoàx", ToneStyle::New), "khỏeđ hoàx");
    }

    #[test]
    fn decomposed_input_gives_nfc() {
        let nfd: String = "Hòa bình, sức khỏe".nfd().collect();
        assert_eq!(apply(&nfd, ToneStyle::New), "Hoà bình, sức khoẻ");
        assert_eq!(apply(&nfd, ToneStyle::Old), "Hòa bình, sức khỏe");
        assert_eq!(detect(&nfd), (2, 0));
    }

    #[test]
    fn sample_is_old_style_and_unchanged() {
        assert_eq!(apply(SAMPLE, ToneStyle::Old), SAMPLE);
        let (old, new) = detect(SAMPLE);
        assert_eq!(new, 0, "the sample has no new-style syllable");
        // 5 "Ủy", 12 "ủy", "hóa", "khỏe".
        assert_eq!(old, 19);
        assert!(!is_mixed(SAMPLE));
        let modern = apply(SAMPLE, ToneStyle::New);
        assert!(
            modern.contains("Uỷ viên")
                && modern.contains("cụ thể hoá")
                && modern.contains("sức khoẻ")
        );
        assert_eq!(detect(&modern), (0, 19));
        assert_eq!(apply(&modern, ToneStyle::Old), SAMPLE);
    }
}
