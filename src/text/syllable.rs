//! The Vietnamese syllable: onset, (glide +) nucleus, coda and tone, and the
//! one validity check every text tool uses (legacy-encoding detection, the
//! input-method leftovers, tone styles and the spell checker).
//!
//! A syllable is written as an onset (b, ch, gh, gi, ngh, qu …), a vowel
//! cluster (the glide o/u of "hoa"/"tuy" is part of the cluster here), an
//! optional coda (c ch m n ng nh p t) and one tone mark on a vowel of the
//! cluster. Both tone-mark styles are accepted in open oa/oe/uy syllables
//! (hòa and hoà, thủy and thuỷ); everything else has one right place.

use super::tone::ToneStyle;

/// Lower-case vowels; columns: no tone, huyền (grave), hỏi (hook), ngã
/// (tilde), sắc (acute), nặng (dot below). Tone numbers below index these columns.
pub const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'ả', 'ã', 'á', 'ạ'],
    ['ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'],
    ['â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'],
    ['e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'],
    ['ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'],
    ['i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'],
    ['o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'],
    ['ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'],
    ['ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'],
    ['u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'],
    ['ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'],
    ['y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'],
];

/// Tone numbers (columns of `VOWELS`).
pub const HUYEN: usize = 1;
pub const HOI: usize = 2;
pub const NGA: usize = 3;
pub const SAC: usize = 4;
pub const NANG: usize = 5;

/// Onsets, longest first (p for loans and names: pin, Pác Bó).
pub const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Codas (the empty one first).
pub const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Whether a vowel cluster takes a coda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coda {
    Optional,
    Required,
    Forbidden,
}

/// The vowel clusters of Vietnamese (glide included) and whether a coda must follow.
pub const NUCLEI: [(&str, Coda); 54] = {
    use Coda::{Forbidden as F, Optional as O, Required as R};
    [
        ("a", O),
        ("ă", R),
        ("â", R),
        ("e", O),
        ("ê", O),
        ("i", O),
        ("o", O),
        ("ô", O),
        ("ơ", O),
        ("u", O),
        ("ư", O),
        ("y", O),
        ("ai", F),
        ("ao", F),
        ("au", F),
        ("ay", F),
        ("âu", F),
        ("ây", F),
        ("eo", F),
        ("êu", F),
        ("ia", F),
        ("iê", R),
        ("iu", F),
        ("oa", O),
        ("oă", R),
        ("oe", O),
        ("oi", F),
        ("oo", R),
        ("ôi", F),
        ("ơi", F),
        ("ua", F),
        ("uâ", R),
        ("uê", O),
        ("ui", F),
        ("uô", R),
        ("uơ", F),
        ("uy", O),
        ("ưa", F),
        ("ưi", F),
        ("ưu", F),
        ("ươ", R),
        ("yê", R),
        ("iêu", F),
        ("oai", F),
        ("oay", F),
        ("oeo", F),
        ("uây", F),
        ("uôi", F),
        ("uya", F),
        ("uyê", R),
        ("uyu", F),
        ("ươi", F),
        ("ươu", F),
        ("yêu", F),
    ]
};

/// (row in `VOWELS`, tone, upper case) of a vowel letter.
pub fn vowel_of(c: char) -> Option<(usize, usize, bool)> {
    if c.is_ascii() {
        let row = match c.to_ascii_lowercase() {
            'a' => 0,
            'e' => 3,
            'i' => 5,
            'o' => 6,
            'u' => 9,
            'y' => 11,
            _ => return None,
        };
        return Some((row, 0, c.is_ascii_uppercase()));
    }
    // Every marked vowel in both cases, sorted, built once: a binary search
    // instead of a scan (this runs for every letter the spell checker reads).
    static TABLE: std::sync::OnceLock<Vec<(char, u8, u8, bool)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Vec::new();
        for (v, row) in VOWELS.iter().enumerate() {
            for (tone, &l) in row.iter().enumerate() {
                let u = l.to_uppercase().next().unwrap_or(l);
                for (ch, upper) in [(l, false), (u, true)] {
                    if !ch.is_ascii() {
                        t.push((ch, v as u8, tone as u8, upper));
                    }
                }
            }
        }
        t.sort_unstable_by_key(|e| e.0);
        t
    });
    let i = table.binary_search_by_key(&c, |e| e.0).ok()?;
    let (_, v, t, upper) = table[i];
    Some((usize::from(v), usize::from(t), upper))
}

/// A vowel letter from its row, tone and case.
pub fn vowel_char(v: usize, tone: usize, upper: bool) -> char {
    let c = VOWELS[v][tone];
    if upper {
        c.to_uppercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// One of the 134 Vietnamese letters outside ASCII (marked vowels, đ, Đ).
pub fn is_vn_marked(c: char) -> bool {
    c == 'đ' || c == 'Đ' || (!c.is_ascii() && vowel_of(c).is_some())
}

/// A letter of the Vietnamese alphabet (with or without marks), either case,
/// or f, j, w, z (which Vietnamese does not use, but Telex does).
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || is_vn_marked(c)
}

/// A toneless lower-case vowel.
pub fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// A vowel with a circumflex, breve or horn.
pub fn is_shaped(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// The plain vowel a vowel is a variant of (ă, â → a; ê → e; ô, ơ → o; ư → u).
pub fn family(c: char) -> char {
    match c {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        other => other,
    }
}

/// A word as lower-case toneless letters plus its tone and the letter it was written on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Syllable {
    pub letters: Vec<char>,
    pub tone: usize,
    pub tone_at: usize,
}

/// Splits a word of Vietnamese letters; None for other characters or two tone marks.
pub fn parse(word: &str) -> Option<Syllable> {
    let mut s = Syllable {
        letters: Vec::with_capacity(8),
        ..Syllable::default()
    };
    for c in word.chars() {
        if let Some((v, t, _)) = vowel_of(c) {
            if t != 0 {
                if s.tone != 0 {
                    return None;
                }
                s.tone = t;
                s.tone_at = s.letters.len();
            }
            s.letters.push(VOWELS[v][0]);
        } else if c == 'đ' || c == 'Đ' {
            s.letters.push('đ');
        } else if c.is_ascii_alphabetic() {
            s.letters.push(c.to_ascii_lowercase());
        } else {
            return None;
        }
    }
    Some(s)
}

/// How much is known about the tone when checking letters.
#[derive(Debug, Clone, Copy)]
pub enum Tone {
    /// Typed without marks: the tone is unknown.
    Unknown,
    /// This tone, placed wherever it belongs.
    Auto(usize),
    /// This tone, written on letter `.1`.
    At(usize, usize),
}

fn same(s: &str, letters: &[char]) -> bool {
    s.chars().eq(letters.iter().copied())
}

/// The parts of a well-spelled syllable: onset length and vowel-cluster length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub onset: usize,
    pub nucleus: usize,
}

/// Splits toneless lower-case letters into onset, cluster and coda, checking
/// the clusters, codas and spelling rules (k/c/q, g/gh, ng/ngh, ch/nh after
/// front vowels); tones are not looked at.
pub fn parts(letters: &[char]) -> Option<Parts> {
    if letters.len() > 8 {
        return None;
    }
    let onset = ONSETS
        .iter()
        .find_map(|o| {
            let n = o.chars().count();
            (letters.len() > n && same(o, &letters[..n]) && is_vowel(letters[n])).then_some(n)
        })
        .unwrap_or(0);
    if !letters.get(onset).is_some_and(|&c| is_vowel(c)) {
        return None;
    }
    let rest = &letters[onset..];
    let n_len = rest.iter().take_while(|&&c| is_vowel(c)).count();
    let coda = &rest[n_len..];
    if !CODAS.iter().any(|c| same(c, coda)) {
        return None;
    }
    let &(_, need) = NUCLEI.iter().find(|(n, _)| same(n, &rest[..n_len]))?;
    if (need == Coda::Required && coda.is_empty()) || (need == Coda::Forbidden && !coda.is_empty())
    {
        return None;
    }
    let first = rest[0];
    let front = matches!(first, 'e' | 'ê' | 'i' | 'y');
    let spelling_ok = match &letters[..onset] {
        ['c'] => !front,
        ['k'] => front,
        ['g'] => !matches!(first, 'e' | 'ê'),
        ['g', 'h'] | ['n', 'g', 'h'] => matches!(first, 'e' | 'ê' | 'i'),
        ['n', 'g'] => !matches!(first, 'e' | 'ê' | 'i'),
        ['q', 'u'] => first != 'u',
        _ => true,
    };
    // /kw/ is spelled qu: "quyết", "quân", "qua", never "cuyết", "cuân", "coa".
    let glide = matches!(
        &rest[..n_len],
        ['u', 'y', ..] | ['u', 'â', ..] | ['u', 'ê'] | ['o', 'a' | 'ă' | 'e', ..]
    );
    if glide && letters[..onset] == ['c'] {
        return None;
    }
    let last = rest[n_len - 1];
    if !spelling_ok
        || (matches!(coda, ['c', 'h'] | ['n', 'h']) && !matches!(last, 'a' | 'ê' | 'i' | 'y'))
        || (matches!(coda, ['c'] | ['n', 'g']) && last == 'i')
    {
        return None;
    }
    Some(Parts {
        onset,
        nucleus: n_len,
    })
}

/// The letter the tone mark belongs on, in `style` (which only matters for open oa, oe, uy).
pub fn tone_index(letters: &[char], p: Parts, style: ToneStyle) -> usize {
    let nuc = &letters[p.onset..p.onset + p.nucleus];
    let closed = p.onset + p.nucleus < letters.len();
    let pos = if let Some(s) = nuc.iter().rposition(|&c| is_shaped(c)) {
        s
    } else if p.nucleus == 1 {
        0
    } else if p.nucleus == 3 || closed {
        1
    } else if matches!(nuc, ['o', 'a'] | ['o', 'e'] | ['u', 'y']) {
        usize::from(style == ToneStyle::New)
    } else {
        0
    };
    p.onset + pos
}

/// True when toneless lower-case `letters` with `tone` form one Vietnamese syllable.
pub fn letters_ok(letters: &[char], tone: Tone) -> bool {
    let Some(p) = parts(letters) else {
        return false;
    };
    let (t, at) = match tone {
        Tone::Unknown => return true,
        Tone::Auto(t) => (t, None),
        Tone::At(t, at) => (t, Some(at)),
    };
    // A syllable closed by c, ch, p or t only takes the sắc or nặng tone.
    let coda = &letters[p.onset + p.nucleus..];
    if matches!(coda, ['c'] | ['c', 'h'] | ['p'] | ['t']) && t != SAC && t != NANG {
        return false;
    }
    let Some(at) = at.filter(|_| t != 0) else {
        return true;
    };
    at == tone_index(letters, p, ToneStyle::Old) || at == tone_index(letters, p, ToneStyle::New)
}

/// True when `word` is one well-formed Vietnamese syllable (any case, either tone style).
pub fn is_valid(word: &str) -> bool {
    parse(word).is_some_and(|s| letters_ok(&s.letters, Tone::At(s.tone, s.tone_at)))
}

/// How a word was capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Title,
    Upper,
}

/// The capitalisation of `word`: all capitals (two letters or more), a first capital, or lower case.
pub fn case_of(word: &str) -> Case {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let mut rest = chars.peekable();
    if first_upper && rest.peek().is_some() && rest.all(|c| !c.is_lowercase()) {
        Case::Upper
    } else if first_upper {
        Case::Title
    } else {
        Case::Lower
    }
}

/// Writes toneless letters with `tone` in `style` and `case`; None when they are no syllable.
pub fn compose(letters: &[char], tone: usize, style: ToneStyle, case: Case) -> Option<String> {
    let p = parts(letters)?;
    if !letters_ok(letters, Tone::Auto(tone)) {
        return None;
    }
    let at = tone_index(letters, p, style);
    let mut out = String::with_capacity(letters.len() * 3);
    for (i, &c) in letters.iter().enumerate() {
        let upper = case == Case::Upper || (case == Case::Title && i == 0);
        let row = VOWELS.iter().position(|r| r[0] == c);
        let ch = match row {
            Some(v) => vowel_char(v, if i == at { tone } else { 0 }, upper),
            None if c == 'đ' && upper => 'Đ',
            None if upper => c.to_ascii_uppercase(),
            None => c,
        };
        out.push(ch);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_words() {
        for ok in [
            "Cộng", "hòa", "hoà", "khỏe", "khoẻ", "thủy", "thuỷ", "quý", "già", "gì", "Nguyễn",
            "người", "xoong", "khuya", "Ủy", "được", "thuở", "ĐẢNG", "gìn", "giữ", "quốc",
            "nghiêng", "khuỷu", "pin", "yêu", "ý",
        ] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in [
            "Céng", "héi", "xaõ", "caùc", "hàt", "ngêi", "Kạn", "ăn̂", "bă", "Nam1", "Özil", "gìa",
            "mừơi", "ngừơi", "kan", "ci", "ghà", "nge", "ngi", "qa", "quu", "ic", "ich1", "",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn compose_places_the_tone_in_the_house_style() {
        let l: Vec<char> = "hoa".chars().collect();
        assert_eq!(
            compose(&l, HUYEN, ToneStyle::Old, Case::Lower).as_deref(),
            Some("hòa")
        );
        assert_eq!(
            compose(&l, HUYEN, ToneStyle::New, Case::Title).as_deref(),
            Some("Hoà")
        );
        let l: Vec<char> = "đươc".chars().collect();
        assert_eq!(
            compose(&l, NANG, ToneStyle::Old, Case::Upper).as_deref(),
            Some("ĐƯỢC")
        );
        assert_eq!(compose(&l, HUYEN, ToneStyle::Old, Case::Lower), None);
        assert_eq!(case_of("UBND"), Case::Upper);
        assert_eq!(case_of("Việt"), Case::Title);
        assert_eq!(case_of("A"), Case::Title);
        assert_eq!(case_of("việt"), Case::Lower);
    }
}
