//! Legacy Vietnamese 8-bit encodings: TCVN3 (ABC, fonts `.VnTime`) and
//! VNI-Windows (fonts `VNI-Times`), in both directions, and detection of text
//! that was such bytes but got decoded as Windows-1252 / Latin-1 (what a paste
//! from an old `.doc` gives: "Céng hßa x· héi" or "Coäng hoøa xaõ hoäi").
//!
//! Sources of the tables (facts re-typed by hand, no code copied):
//! - TCVN3 = VSCII-3 / TCVN 5712:1993 "VN3" (repertoire: 67 lower-case
//!   letters, the 7 toneless capitals Ă Â Ê Ô Ơ Ư Đ and NBSP, as described in
//!   the Wikipedia article "VSCII"). Byte positions read from the TCVN-5712
//!   table of GNU libiconv, `lib/tcvn.h` (VN1, whose A0–FF letters are those of
//!   VN3; its extra capitals at AF, B0–B4, BA, BF, C0–C5, CD, D9–DB, E0, F0, FF
//!   belong to VN1/VN2 only and are not decoded here), and cross-checked with
//!   the chart "Bảng đối chiếu encoding các bộ chữ hiện hành với Unicode"
//!   (Scribd document 23311958).
//! - VNI-Windows (VNI Software Company; base letter + mark byte): the
//!   character table `vni.h` of xvnkb by Đào Hải Lâm (2002, GPL; only the
//!   byte facts were used), cross-checked with the same chart.
//! - Windows-1252 0x80–0x9F: Microsoft's published code page 1252.

use unicode_normalization::UnicodeNormalization;

use super::syllable::{VOWELS, is_valid as is_valid_syllable, is_vn_marked, vowel_char, vowel_of};

/// A legacy Vietnamese 8-bit encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 (ABC, VSCII-3, fonts `.VnTime`/`.VnTimeH`): one byte per letter.
    Tcvn3,
    /// VNI-Windows (fonts `VNI-Times`): base letter byte + mark byte.
    Vni,
}

/// What a TCVN3 → Unicode conversion cannot restore (Vietnamese).
pub const UNRECOVERABLE_TCVN3: &str = "Bảng mã TCVN3 (ABC) không có chữ in hoa mang dấu thanh: các chữ hoa như Á, Ầ, Ể, Ồ, Ủ, Ỵ được lưu bằng mã của chữ thường (phông .VnTimeH chỉ vẽ chúng thành chữ hoa), nên khi chuyển sang Unicode chúng thành chữ thường, ví dụ “ẤP” thành “ấP”, “ỦY BAN” thành “ủY BAN”; chỉ các chữ hoa không dấu thanh Ă, Â, Ê, Ô, Ơ, Ư, Đ là giữ nguyên. Hãy sửa lại chữ hoa bằng tay.";

/// What a TCVN3 → Unicode conversion cannot restore (English).
pub const UNRECOVERABLE_TCVN3_EN: &str = "TCVN3 (ABC) has no upper-case letters with tone marks: capitals such as Á, Ầ, Ể, Ồ, Ủ, Ỵ are stored with the lower-case codes (the .VnTimeH capital font merely draws them as capitals), so they come back in lower case, e.g. “ẤP” becomes “ấP” and “ỦY BAN” becomes “ủY BAN”; only the toneless capitals Ă, Â, Ê, Ô, Ơ, Ư, Đ survive. Fix the capitals by hand.";

// Row indexes into VOWELS.
const V_A: usize = 0;
const V_AB: usize = 1; // ă
const V_AC: usize = 2; // â
const V_E: usize = 3;
const V_EC: usize = 4; // ê
const V_I: usize = 5;
const V_O: usize = 6;
const V_OC: usize = 7; // ô
const V_OH: usize = 8; // ơ
const V_U: usize = 9;
const V_UH: usize = 10; // ư
const V_Y: usize = 11;

/// TCVN3 (VN3) bytes of the lower-case vowels, same layout as `VOWELS`.
const TCVN3_VOWELS: [[u8; 6]; 12] = [
    [b'a', 0xB5, 0xB6, 0xB7, 0xB8, 0xB9],
    [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
    [b'e', 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6],
    [b'i', 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    [b'o', 0xDF, 0xE1, 0xE2, 0xE3, 0xE4],
    [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE],
    [b'u', 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9],
    [b'y', 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
];

/// The seven TCVN3 capitals (all without tone): Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7.
const TCVN3_CAPITALS: [(char, u8); 7] = [
    ('Ă', 0xA1),
    ('Â', 0xA2),
    ('Ê', 0xA3),
    ('Ô', 0xA4),
    ('Ơ', 0xA5),
    ('Ư', 0xA6),
    ('Đ', 0xA7),
];
const TCVN3_D_STROKE: u8 = 0xAE; // đ
const NBSP: u8 = 0xA0;

/// VNI-Windows tone-mark bytes after a vowel, by tone column 1..=5
/// (grave, hook, tilde, acute, dot): lower case `ø û õ ù ï`, upper `Ø Û Õ Ù Ï`.
const VNI_TONE: [[u8; 5]; 2] = [
    [0xF8, 0xFB, 0xF5, 0xF9, 0xEF],
    [0xD8, 0xDB, 0xD5, 0xD9, 0xCF],
];
/// Circumflex (â ê ô) with tone column 0..=5: `â à å ã á ä` / `Â À Å Ã Á Ä`.
const VNI_CIRC: [[u8; 6]; 2] = [
    [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4],
    [0xC2, 0xC0, 0xC5, 0xC3, 0xC1, 0xC4],
];
/// Breve (ă) with tone column 0..=5: `ê è ú ü é ë` / `Ê È Ú Ü É Ë`.
const VNI_BREVE: [[u8; 6]; 2] = [
    [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB],
    [0xCA, 0xC8, 0xDA, 0xDC, 0xC9, 0xCB],
];
/// i with tone column 0..=5 is one byte: `i ì æ ó í ò` / `I Ì Æ Ó Í Ò`.
const VNI_I: [[u8; 6]; 2] = [
    [b'i', 0xEC, 0xE6, 0xF3, 0xED, 0xF2],
    [b'I', 0xCC, 0xC6, 0xD3, 0xCD, 0xD2],
];
/// ỵ / Ỵ are one byte: `î` / `Î`.
const VNI_Y_DOT: [u8; 2] = [0xEE, 0xCE];
/// ơ / Ơ are one byte `ô` / `Ô`; ư / Ư are `ö` / `Ö`; đ / Đ are `ñ` / `Ñ`.
const VNI_O_HORN: [u8; 2] = [0xF4, 0xD4];
const VNI_U_HORN: [u8; 2] = [0xF6, 0xD6];
const VNI_D_STROKE: [u8; 2] = [0xF1, 0xD1];

/// Windows-1252 0x80–0x9F; the five unassigned codes stay C1 controls.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// One byte decoded as Windows-1252 (Latin-1 for 0xA0–0xFF).
fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// A character's Windows-1252 byte, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    let n = u32::from(c);
    if n < 0x80 || (0xA0..=0xFF).contains(&n) {
        return u8::try_from(n).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .and_then(|p| u8::try_from(p + 0x80).ok())
}

/// Upper half of a TCVN3 byte: the Vietnamese letter, or None for an unassigned code.
fn tcvn3_letter(b: u8) -> Option<char> {
    if b == TCVN3_D_STROKE {
        return Some('đ');
    }
    if let Some(&(c, _)) = TCVN3_CAPITALS.iter().find(|&&(_, x)| x == b) {
        return Some(c);
    }
    if b < 0x80 {
        return None;
    }
    for (v, row) in TCVN3_VOWELS.iter().enumerate() {
        if let Some(t) = row.iter().position(|&x| x == b) {
            return Some(VOWELS[v][t]);
        }
    }
    None
}

/// The character a misdecoded TCVN3 character stands for (itself if none).
fn tcvn3_unmangle(c: char) -> char {
    match cp1252_byte(c) {
        Some(b) if b >= 0x80 && b != NBSP => tcvn3_letter(b).unwrap_or(c),
        _ => c,
    }
}

/// What a VNI byte means after a base letter.
#[derive(Clone, Copy)]
enum VniMark {
    /// A tone, column 1..=5.
    Tone(usize),
    /// Circumflex with tone column 0..=5.
    Circ(usize),
    /// Breve with tone column 0..=5.
    Breve(usize),
}

fn vni_mark(b: u8) -> Option<VniMark> {
    for case in 0..2 {
        if let Some(t) = VNI_TONE[case].iter().position(|&x| x == b) {
            return Some(VniMark::Tone(t + 1));
        }
        if let Some(t) = VNI_CIRC[case].iter().position(|&x| x == b) {
            return Some(VniMark::Circ(t));
        }
        if let Some(t) = VNI_BREVE[case].iter().position(|&x| x == b) {
            return Some(VniMark::Breve(t));
        }
    }
    None
}

/// A VNI base that takes a mark byte: (row in `VOWELS`, upper case).
fn vni_base(c: char) -> Option<(usize, bool)> {
    let v = match c {
        'a' | 'A' => V_A,
        'e' | 'E' => V_E,
        'o' | 'O' => V_O,
        'u' | 'U' => V_U,
        'y' | 'Y' => V_Y,
        _ => match cp1252_byte(c)? {
            b if VNI_O_HORN.contains(&b) => V_OH,
            b if VNI_U_HORN.contains(&b) => V_UH,
            _ => return None,
        },
    };
    Some((v, c.is_uppercase()))
}

/// A VNI byte that is a whole letter on its own (ơ ư đ, i with tones, ỵ).
fn vni_single(b: u8) -> Option<char> {
    for (case, upper) in [(0, false), (1, true)] {
        if b == VNI_O_HORN[case] {
            return Some(vowel_char(V_OH, 0, upper));
        }
        if b == VNI_U_HORN[case] {
            return Some(vowel_char(V_UH, 0, upper));
        }
        if b == VNI_D_STROKE[case] {
            return Some(if upper { 'Đ' } else { 'đ' });
        }
        if b == VNI_Y_DOT[case] {
            return Some(vowel_char(V_Y, 5, upper));
        }
        if b >= 0x80
            && let Some(t) = VNI_I[case].iter().position(|&x| x == b)
        {
            return Some(vowel_char(V_I, t, upper));
        }
    }
    None
}

/// Base + VNI mark → the composed letter, if that combination exists.
fn vni_combine(v: usize, upper: bool, mark: VniMark) -> Option<char> {
    let (row, tone) = match mark {
        VniMark::Tone(t) => (v, t),
        VniMark::Circ(t) => (
            match v {
                V_A => V_AC,
                V_E => V_EC,
                V_O => V_OC,
                _ => return None,
            },
            t,
        ),
        VniMark::Breve(t) => (if v == V_A { V_AB } else { return None }, t),
    };
    Some(vowel_char(row, tone, upper))
}

/// Core of `from_misdecoded`, without the final NFC.
fn unmangle(text: &str, enc: Legacy) -> String {
    match enc {
        Legacy::Tcvn3 => text.chars().map(tcvn3_unmangle).collect(),
        Legacy::Vni => {
            let chars: Vec<char> = text.chars().collect();
            let mut out = String::with_capacity(text.len() + 8);
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                if let Some((v, upper)) = vni_base(c)
                    && let Some(&next) = chars.get(i + 1)
                    && let Some(mark) = cp1252_byte(next).and_then(vni_mark)
                    && let Some(composed) = vni_combine(v, upper, mark)
                {
                    out.push(composed);
                    i += 2;
                    continue;
                }
                let single = match cp1252_byte(c) {
                    Some(b) if b >= 0x80 => vni_single(b),
                    _ => None,
                };
                out.push(single.unwrap_or(c));
                i += 1;
            }
            out
        }
    }
}

/// C1 control characters (what a Latin-1 decoder makes of 0x80–0x9F) → their Windows-1252 characters.
fn c1_to_cp1252(c: char) -> char {
    match u8::try_from(u32::from(c)) {
        Ok(b) if (0x80..0xA0).contains(&b) => cp1252_char(b),
        _ => c,
    }
}

/// Decodes 8-bit file bytes in `enc` to NFC Unicode (bytes outside the table read as Windows-1252).
pub fn decode_bytes(bytes: &[u8], enc: Legacy) -> String {
    let s: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
    unmangle(&s, enc).nfc().collect()
}

/// Repairs text that was `enc` bytes decoded as Windows-1252/Latin-1 ("Céng hßa" → "Cộng hòa"); NFC.
pub fn from_misdecoded(text: &str, enc: Legacy) -> String {
    let s: String = text.nfc().map(c1_to_cp1252).collect();
    unmangle(&s, enc).nfc().collect()
}

/// Encodes Unicode to `enc` bytes; TCVN3 capitals with tones become lower case, anything unrepresentable `?`.
pub fn encode(text: &str, enc: Legacy) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 8);
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        match enc {
            Legacy::Tcvn3 => out.push(tcvn3_byte(c)),
            Legacy::Vni => vni_bytes(c, &mut out),
        }
    }
    out
}

fn tcvn3_byte(c: char) -> u8 {
    if c == 'đ' {
        return TCVN3_D_STROKE;
    }
    if let Some(&(_, b)) = TCVN3_CAPITALS.iter().find(|&&(x, _)| x == c) {
        return b;
    }
    if let Some((v, t, _)) = vowel_of(c) {
        // Capitals with a tone do not exist in TCVN3: the lower-case code is all there is.
        return TCVN3_VOWELS[v][t];
    }
    match cp1252_byte(c) {
        // Windows punctuation (– “ ” …) and NBSP: the .VnTime fonts keep them there.
        Some(b) if (0x80..=0xA0).contains(&b) => b,
        _ => b'?',
    }
}

fn vni_bytes(c: char, out: &mut Vec<u8>) {
    if c == 'đ' || c == 'Đ' {
        out.push(VNI_D_STROKE[usize::from(c == 'Đ')]);
        return;
    }
    let Some((v, t, upper)) = vowel_of(c) else {
        match cp1252_byte(c) {
            // Windows punctuation and the Latin-1 symbols A0–BF (© ° ½ …) are untouched by VNI.
            Some(b) if (0x80..0xC0).contains(&b) => out.push(b),
            _ => out.push(b'?'),
        }
        return;
    };
    let k = usize::from(upper);
    let base = |ch: u8| if upper { ch.to_ascii_uppercase() } else { ch };
    match v {
        V_I => out.push(VNI_I[k][t]),
        V_Y if t == 5 => out.push(VNI_Y_DOT[k]),
        V_OH | V_UH => {
            out.push(if v == V_OH {
                VNI_O_HORN[k]
            } else {
                VNI_U_HORN[k]
            });
            if t > 0 {
                out.push(VNI_TONE[k][t - 1]);
            }
        }
        V_AB => out.extend([base(b'a'), VNI_BREVE[k][t]]),
        V_AC | V_EC | V_OC => {
            let b =
                [b'a', b'e', b'o'][[V_AC, V_EC, V_OC].iter().position(|&x| x == v).unwrap_or(0)];
            out.extend([base(b), VNI_CIRC[k][t]]);
        }
        _ => {
            out.push(base(VOWELS[v][0] as u8));
            if t > 0 {
                out.push(VNI_TONE[k][t - 1]);
            }
        }
    }
}

/// Guesses the encoding of a file that is not valid UTF-8 (None for UTF-8, ASCII or no clear evidence).
pub fn detect_bytes(bytes: &[u8]) -> Option<Legacy> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let s: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
    detect_text(&s)
}

/// Guesses whether Unicode text is misdecoded TCVN3 or VNI, by scoring every word; None for good text.
pub fn detect_text(text: &str) -> Option<Legacy> {
    let text: String = text.nfc().map(c1_to_cp1252).collect();
    let mut hits = [0usize; 2];
    let mut nonascii = 0usize;
    let mut good = 0usize;
    for word in detection_tokens(&text) {
        if word.is_ascii() {
            continue;
        }
        nonascii += 1;
        let valid = is_valid_syllable(word);
        if valid && word.chars().any(is_vn_marked) {
            good += 1;
        }
        // A lone symbol ("«", "©", "â") is too weak a clue to count.
        if valid || word.chars().nth(1).is_none() {
            continue;
        }
        for (i, enc) in [Legacy::Tcvn3, Legacy::Vni].into_iter().enumerate() {
            let fixed = unmangle(word, enc);
            if fixed != word && fixed.chars().any(is_vn_marked) && is_valid_syllable(&fixed) {
                hits[i] += 1;
            }
        }
    }
    let passes = |h: usize| h >= 2 && h > good && h * 3 >= nonascii;
    let [t, v] = hits;
    match (passes(t), passes(v)) {
        (true, false) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (true, true) if t != v => Some(if t > v { Legacy::Tcvn3 } else { Legacy::Vni }),
        _ => None,
    }
}

/// Detects and converts in one step: Some((encoding, repaired text)) or None for good text.
pub fn convert_auto(text: &str) -> Option<(Legacy, String)> {
    detect_text(text).map(|enc| (enc, from_misdecoded(text, enc)))
}

/// Words for detection: runs of letters, combining marks and Latin-1 symbols
/// (TCVN3 uses `¸ · ¶ § ®`… for letters), split at spaces, NBSP, ASCII punctuation and digits.
fn detection_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        !(c.is_alphabetic()
            || ('\u{A1}'..='\u{FF}').contains(&c)
            || ('\u{300}'..='\u{36F}').contains(&c))
    })
    .filter(|w| !w.is_empty())
}

#[cfg(test)]
#[path = "legacy_tests.rs"]
mod tests;
