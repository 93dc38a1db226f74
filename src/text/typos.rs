//! Telltale leftovers of a confused Vietnamese input method: doubled marks
//! ("Tieêếng"), raw Telex keys ("Vieejt", "ddaays", "tooi") and long paragraphs
//! typed with the input method off. Conservative on purpose: abbreviations,
//! numbers, names and foreign words are left alone, because a false alarm
//! annoys a reporter more than a miss.

use unicode_normalization::UnicodeNormalization;

use super::syllable::{Tone, is_vn_marked, letters_ok, parse};
use super::telex::{self, Slip};

/// A word that looks mistyped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    /// The word as it appears in the text (for `NoDiacritics`, the paragraph's first word).
    pub word: String,
    /// Byte offset of `word` in the text given to `find_suspects`.
    pub byte_offset: usize,
    /// Why it is suspect.
    pub reason: SuspectReason,
}

/// Why a word is suspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspectReason {
    /// A vowel with a circumflex, breve or horn next to its plain or marked twin: "Tieêếng", "Vieêệt".
    DoubledMark,
    /// Raw Telex keys left in a word: "Vieejt", "ddaays", "tooi", "Dduwowngf", "tiếngs".
    TelexLeftover,
    /// A long paragraph (40 words or more) of Vietnamese without any diacritics.
    NoDiacritics,
}

/// Finds doubled marks, Telex leftovers and diacritic-free Vietnamese paragraphs, in text order.
pub fn find_suspects(text: &str) -> Vec<Suspect> {
    let mut out = Vec::new();
    for (start, para) in paragraphs(text) {
        check_paragraph(para, start, &mut out);
    }
    out
}

/// Paragraphs: runs of non-blank lines, with their byte offsets.
fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..end]));
            }
        } else {
            start.get_or_insert(pos);
            end = pos + line.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, &text[s..end]));
    }
    out
}

/// A word of a paragraph: its offset, original text and NFC form.
struct Word<'a> {
    offset: usize,
    text: &'a str,
    nfc: String,
}

/// Words: whitespace-separated tokens without outer punctuation, cut at inner
/// punctuation ("hòa-bình"); tokens with a digit or "/" ("46-NQ/TW", "COVID-19") are dropped.
fn words(para: &str, base: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes_len = para.len();
    while i < bytes_len {
        let rest = &para[i..];
        let Some(skip) = rest.find(|c: char| !c.is_whitespace()) else {
            break;
        };
        let tok_start = i + skip;
        let tok_len = para[tok_start..]
            .find(char::is_whitespace)
            .unwrap_or(bytes_len - tok_start);
        let token = &para[tok_start..tok_start + tok_len];
        i = tok_start + tok_len;
        if token.chars().any(|c| c.is_numeric() || c == '/') {
            continue;
        }
        let in_word = |c: char| c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c);
        let mut j = 0;
        while j < token.len() {
            let Some(s) = token[j..].find(in_word) else {
                break;
            };
            let s = j + s;
            let e = token[s..]
                .find(|c: char| !in_word(c))
                .map_or(token.len(), |e| s + e);
            let text = &token[s..e];
            out.push(Word {
                offset: base + tok_start + s,
                text,
                nfc: text.nfc().collect(),
            });
            j = e;
        }
    }
    out
}

/// Very common Vietnamese words as typed without diacritics.
const VIETNAMESE_PLAIN: [&str; 40] = [
    "cua", "va", "cac", "nhung", "trong", "la", "duoc", "nguoi", "voi", "cho", "mot", "khong",
    "nay", "cung", "da", "se", "tai", "theo", "nhu", "ve", "de", "tu", "nam", "ngay", "den", "co",
    "thi", "khi", "nhieu", "dong", "chi", "xa", "tinh", "huyen", "dan", "hoi", "nghi", "thuc",
    "hien", "viec",
];

fn check_paragraph(para: &str, base: usize, out: &mut Vec<Suspect>) {
    let words = words(para, base);
    if words.is_empty() {
        return;
    }
    let english_context = telex::is_english(words.iter().map(|w| w.nfc.as_str()));
    let any_marks = para.nfc().any(is_vn_marked);
    for w in &words {
        if let Some(reason) = check_word(w, english_context) {
            out.push(Suspect {
                word: w.text.to_owned(),
                byte_offset: w.offset,
                reason,
            });
        }
    }
    if words.len() >= 40 && !any_marks && !english_context {
        let plain_ok = words.iter().filter(|w| plain_syllable_ok(&w.nfc)).count();
        let mut common: Vec<String> = words
            .iter()
            .map(|w| w.nfc.to_lowercase())
            .filter(|w| VIETNAMESE_PLAIN.contains(&w.as_str()))
            .collect();
        common.sort();
        common.dedup();
        if plain_ok * 4 >= words.len() * 3 && common.len() >= 3 {
            out.push(Suspect {
                word: words[0].text.to_owned(),
                byte_offset: words[0].offset,
                reason: SuspectReason::NoDiacritics,
            });
        }
    }
}

/// The reason a single word is suspect, if any.
fn check_word(w: &Word, english_context: bool) -> Option<SuspectReason> {
    telex::slip(&w.nfc, english_context).map(|(s, _, _)| match s {
        Slip::DoubledMark => SuspectReason::DoubledMark,
        Slip::Leftover => SuspectReason::TelexLeftover,
    })
}

fn plain_syllable_ok(word: &str) -> bool {
    let Some(s) = parse(word) else { return false };
    if s.tone != 0 || s.letters.len() > 7 {
        return false;
    }
    // Try every way of adding shapes to a, e, o, u and d.
    let options: Vec<&[char]> = s
        .letters
        .iter()
        .map(|c| -> &[char] {
            match c {
                'a' => &['a', 'ă', 'â'],
                'e' => &['e', 'ê'],
                'o' => &['o', 'ô', 'ơ'],
                'u' => &['u', 'ư'],
                'd' => &['d', 'đ'],
                'i' => &['i'],
                'y' => &['y'],
                _ => std::slice::from_ref(c),
            }
        })
        .collect();
    let mut pick = vec![0usize; options.len()];
    loop {
        let letters: Vec<char> = pick.iter().zip(&options).map(|(&i, o)| o[i]).collect();
        if letters_ok(&letters, Tone::Unknown) {
            return true;
        }
        let mut k = 0;
        loop {
            if k == pick.len() {
                return false;
            }
            pick[k] += 1;
            if pick[k] < options[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/cao-son-2024-01-25.txt"
    ));

    fn reasons(text: &str) -> Vec<(String, SuspectReason)> {
        find_suspects(text)
            .into_iter()
            .map(|s| (s.word, s.reason))
            .collect()
    }

    #[test]
    fn sample_has_no_suspects() {
        assert_eq!(find_suspects(SAMPLE), vec![]);
        for p in SAMPLE.split("\n\n") {
            assert_eq!(find_suspects(p), vec![], "{p}");
        }
    }

    #[test]
    fn doubled_marks() {
        use SuspectReason::DoubledMark;
        assert_eq!(
            reasons("Tieêếng Vieêệt rất hay"),
            vec![
                ("Tieêếng".to_owned(), DoubledMark),
                ("Vieêệt".to_owned(), DoubledMark)
            ]
        );
        assert_eq!(
            reasons("Nguyêễn Văn A, đaăng ký"),
            vec![
                ("Nguyêễn".to_owned(), DoubledMark),
                ("đaăng".to_owned(), DoubledMark)
            ]
        );
        // ưu, ươ, uô, oo are real clusters.
        assert_eq!(reasons("cứu hưu rượu người muốn xoong thuở"), vec![]);
    }

    #[test]
    fn telex_leftovers() {
        use SuspectReason::TelexLeftover;
        for w in [
            "Vieejt",
            "ddaays",
            "tooi",
            "Dduwowngf",
            "khoong",
            "nguwowfi",
            "ddi",
            "tiếngs",
            "Viêjt",
            "ddược",
            "ngườif",
            "đươngf",
            "caau",
        ] {
            let text = format!("Hôm nay {w} đi họp ở xã.");
            assert_eq!(reasons(&text), vec![(w.to_owned(), TelexLeftover)], "{w}");
        }
    }

    #[test]
    fn offsets_point_at_the_word() {
        let text = "Ủy ban\n\nNgười dân Vieejt Nam, “tooi”.";
        let found = find_suspects(text);
        assert_eq!(found.len(), 2);
        for s in &found {
            assert_eq!(&text[s.byte_offset..s.byte_offset + s.word.len()], s.word);
        }
        assert_eq!(found[0].word, "Vieejt");
        assert_eq!(found[1].word, "tooi");
    }

    #[test]
    fn abbreviations_names_and_foreign_words_are_fine() {
        let text = "Theo NQ/TW, UBND xã, BCH Đoàn, COVID-19, Nghị quyết 46-NQ/TW, Facebook, Google, \
                    email, Zoom, wifi, Hà Nội, Nam, iPhone, YouTube, TikTok, Zalo, online, video, \
                    taxi, test, post, show, game, livestream, Özil, Straße, café, José, Pelé, xoong, \
                    boong tàu, VIEEJT, DDAAYS, Đắk Lắk, Kon Tum, Bắc Kạn, H'Mông, Ê-đê, pin, ok, OK, \
                    fanpage, website, internet, startup, marketing, check-in, e-mail, Wi-Fi, moon, \
                    soon, room, keen, queen, been, seen, town, law, box, max, mix, six, bus, gas, \
                    w, s, x, COVID, SARS-CoV-2, Tweet, Twitter, Windows, Microsoft, Viettel, Vinamilk";
        assert_eq!(find_suspects(text), vec![]);
    }

    #[test]
    fn english_paragraphs_are_left_alone() {
        let text = "We need to see the trees and the moon. Trees grow, towns grow, the owls are \
                    seen at noon. This is what our teens will see from the coffee shop.";
        assert_eq!(find_suspects(text), vec![]);
    }

    #[test]
    fn long_paragraph_without_diacritics() {
        let plain = "Sang ngay 25 thang 1, Tinh uy Bac Kan to chuc hoi nghi thong tin thoi su va \
                     quan triet, trien khai mot so van ban moi cua Trung uong, cua tinh theo hinh \
                     thuc truc tiep ket hop truc tuyen den cac so, nganh, huyen, thanh pho, xa, \
                     phuong, thi tran tren toan tinh, voi hon sau nghin can bo, dang vien tham du.";
        let found = find_suspects(plain);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].reason, SuspectReason::NoDiacritics);
        assert_eq!(found[0].byte_offset, 0);
        assert_eq!(found[0].word, "Sang");
        // Short, or English, or with diacritics: nothing.
        assert_eq!(find_suspects("Cao Son, Bac Kan"), vec![]);
        let english = "The commune held a meeting on Thursday with more than six thousand officials \
                       and party members taking part, both in person and online, from the offices of \
                       the province, the districts and the towns, to hear the news of the year and \
                       the plans of the central committee for the year ahead of them all.";
        assert_eq!(find_suspects(english), vec![]);
        let with_second = format!("Ủy ban.\n\n{plain}");
        let found = find_suspects(&with_second);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].byte_offset, with_second.find("Sang").unwrap());
    }

    /// The sample with every diacritic removed, as if typed with the input method off.
    fn strip_marks(s: &str) -> String {
        s.nfd()
            .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect()
    }

    #[test]
    fn sample_typed_without_diacritics() {
        let plain = strip_marks(SAMPLE);
        let found = find_suspects(&plain);
        let long: Vec<usize> = paragraphs(&plain)
            .into_iter()
            .filter(|(_, p)| words(p, 0).len() >= 40)
            .map(|(start, _)| start)
            .collect();
        assert_eq!(long.len(), 3);
        assert!(
            found
                .iter()
                .all(|s| s.reason == SuspectReason::NoDiacritics),
            "{found:?}"
        );
        assert_eq!(
            found.iter().map(|s| s.byte_offset).collect::<Vec<_>>(),
            long
        );
    }

    #[test]
    fn plain_syllables() {
        for w in ["duoc", "nguoi", "Trung", "uong", "khuyen", "thuong", "Nam"] {
            assert!(plain_syllable_ok(w), "{w}");
        }
        for w in ["the", "and", "Facebook", "email", "Straße"] {
            assert!(w == "the" || !plain_syllable_ok(w), "{w}");
        }
    }
}
