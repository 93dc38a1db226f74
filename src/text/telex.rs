//! Keys an input method left behind: raw Telex keys ("Vieejt", "ddaays",
//! "tooi"), VNI keys ("Vie65t") and doubled marks ("Tieêếng"), recognised
//! by replaying the word as keystrokes. Conservative on purpose: English
//! words (Facebook, moon, box) must not look like Telex.

use super::syllable::{
    Syllable, Tone, VOWELS, family, is_shaped, is_vn_marked, is_vowel, letters_ok, parse, vowel_of,
};

/// What an input method did to a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slip {
    /// A vowel with a circumflex, breve or horn next to its plain or marked twin: "Tieêếng".
    DoubledMark,
    /// Raw Telex (or VNI) keys left in a word: "Vieejt", "ddaays", "tooi", "Vie65t".
    Leftover,
}

/// (toneless lower-case vowel, tone) of a vowel letter.
fn vowel(c: char) -> Option<(char, usize)> {
    vowel_of(c).map(|(v, t, _)| (VOWELS[v][0], t))
}

/// Common English words: more than one word in ten from this list marks a paragraph as English.
const ENGLISH: [&str; 30] = [
    "the", "and", "of", "is", "are", "was", "were", "for", "with", "that", "this", "it", "we",
    "you", "they", "by", "at", "as", "from", "or", "have", "has", "not", "but", "will", "our",
    "your", "their", "what", "which",
];

/// True when more than one word in ten is a common English word.
pub fn is_english<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut english, mut all) = (0, 0);
    for w in words {
        all += 1;
        if ENGLISH.iter().any(|e| e.eq_ignore_ascii_case(w)) {
            english += 1;
        }
    }
    english * 10 > all
}

/// "Tieêếng", "Vieêệt": twins of one vowel side by side, one with a circumflex,
/// breve or horn, and the word a real syllable once the twins are merged ("ưu" is fine).
/// Gives the merged letters and tone ("tiêng", sắc).
pub fn doubled_mark(word: &str) -> Option<(Vec<char>, usize)> {
    let chars: Vec<(char, usize)> = word
        .chars()
        .map(|c| {
            vowel(c).unwrap_or((
                if c == 'Đ' {
                    'đ'
                } else {
                    c.to_ascii_lowercase()
                },
                0,
            ))
        })
        .collect();
    let twins = |a: (char, usize), b: (char, usize)| {
        is_vowel(a.0)
            && is_vowel(b.0)
            && family(a.0) == family(b.0)
            && (is_shaped(a.0) || is_shaped(b.0))
            && !(a.0 == 'ư' && b.0 == 'u')
    };
    if !chars.windows(2).any(|p| twins(p[0], p[1])) {
        return None;
    }
    // Merge each run of twins into its most marked letter, then check the syllable.
    let mut letters: Vec<char> = Vec::new();
    let mut tone = 0;
    let mut prev: Option<(char, usize)> = None;
    for &(c, t) in &chars {
        if t != 0 {
            if tone != 0 && tone != t {
                return None;
            }
            tone = t;
        }
        if let Some(p) = prev
            && twins(p, (c, t))
        {
            if is_shaped(c)
                && let Some(last) = letters.last_mut()
            {
                *last = c;
            }
        } else {
            letters.push(c);
        }
        prev = Some((c, t));
    }
    letters_ok(&letters, Tone::Auto(tone)).then_some((letters, tone))
}

// ---------------------------------------------------------------------------
// Telex.

/// The Telex keys a word seems to contain.
#[derive(Default)]
pub struct Keys {
    /// "dd" at the start (đ).
    dd: bool,
    /// The vowels doubled for a circumflex (aa → â, ee → ê, oo → ô), by index in the letters.
    doubles: Vec<usize>,
    /// The vowels given a breve or horn by w after a or o (ă, ơ), by index.
    w: Vec<usize>,
    /// w that made ư ("uw", "uow").
    uw: bool,
    /// A w typed before any vowel (ư): counted, but English starts words with w.
    lone_w: usize,
    /// The tone key (s f r x j z), whether it came right after a final consonant
    /// ("Hoangf") and whether a final consonant was typed after it ("Vieejt").
    tone_key: Option<ToneKey>,
}

#[derive(Clone, Copy)]
struct ToneKey {
    key: char,
    /// The key came right after a final consonant other than a bare n.
    after_coda: bool,
    /// The key came right after a bare final n: telling for f and r ("banf"),
    /// not for x or j ("lynx", "Manx", "conj").
    after_n: bool,
    /// A final consonant was typed after the key.
    coda_after: bool,
}

impl Keys {
    /// How many keys were replayed.
    pub fn count(&self) -> usize {
        usize::from(self.dd)
            + self.doubles.len()
            + self.w.len()
            + usize::from(self.uw)
            + self.lone_w
            + usize::from(self.tone_key.is_some())
    }

    /// How typical of Vietnamese Telex (and how unlike English) the keys are:
    /// "dd", "uw", "aa" weigh most, an English-looking plural "s" or "oo" least.
    pub fn score(&self, letters: &[char]) -> usize {
        let mut score = 0;
        if self.dd {
            score += 3;
        }
        if self.uw {
            score += 3;
        }
        let qu = letters.starts_with(&['q', 'u']);
        for &i in &self.doubles {
            score += if letters[i] == 'â' { 3 } else { 1 };
            if i > 0 && is_vowel(letters[i - 1]) && !(qu && i == 2) {
                score += 1; // "Tieens", "Xuaan", "quyeets"
            }
        }
        score += self.w.len();
        for &i in self.doubles.iter().chain(&self.w) {
            if letters.get(i + 1).is_some_and(|&c| is_vowel(c)) {
                score += 2; // "tooi", "caau", "mowis": no English word does that
            }
        }
        if let Some(t) = self.tone_key {
            score += match t.key {
                'j' => 2,
                'z' => 0,
                _ => 1,
            };
            if t.coda_after && matches!(t.key, 'j' | 'f' | 'x') {
                score += 1; // "Vieejt", "moojt"
            }
            if (t.after_coda && matches!(t.key, 'f' | 'j' | 'r' | 'x'))
                || (t.after_n && matches!(t.key, 'f' | 'r'))
            {
                score += 2; // "Hoangf", "nhungx", "Kanj": English puts no f, j, r after ng, n, t…
            }
        }
        let s: String = letters.iter().collect();
        if self.count() > 0 && ["kh", "ng", "nh"].iter().any(|o| s.starts_with(o)) {
            score += 1;
        }
        let modified = letters.iter().rposition(|&c| is_vowel(c)).is_some_and(|v| {
            self.doubles.contains(&v) || self.w.contains(&v) || (self.uw && is_shaped(letters[v]))
        });
        if modified && ["ng", "nh", "ch"].iter().any(|c| s.ends_with(c)) {
            score += 2; // "tieengs", "khoong"
        }
        score
    }
}

/// Replays `word` as Telex keystrokes (keeping letters that already have marks).
/// None when the keys cannot be Telex: a second tone key, a tone then two
/// different marks, or a vowel or initial consonant typed after the tone key.
pub fn replay(word: &str) -> Option<(Syllable, Keys)> {
    let mut letters: Vec<char> = Vec::new();
    let mut tone = 0;
    let mut keys = Keys::default();
    let mut last_toned = false;
    for c in word.chars() {
        let has_vowel = letters.iter().any(|&l| is_vowel(l));
        let l = if c == 'Đ' {
            'đ'
        } else {
            c.to_ascii_lowercase()
        };
        if let Some(t) = keys.tone_key.as_mut() {
            // After the tone key only a final consonant, a glide or w may follow.
            match l {
                'c' | 'h' | 'g' | 'm' | 'n' | 'p' | 't' => t.coda_after = true,
                // A glide may follow ("nguwowfi"), but not a doubled vowel ("Tojo").
                'i' | 'y' | 'u' | 'o' | 'w' if !t.coda_after && letters.last() != Some(&l) => {}
                _ => return None,
            }
        }
        if !c.is_ascii() {
            if l == 'đ' {
                letters.push('đ');
                continue;
            }
            let (v, t) = vowel(c)?;
            if t != 0 {
                if tone != 0 && tone != t {
                    return None;
                }
                tone = t;
            }
            letters.push(v);
            last_toned = t != 0;
            continue;
        }
        let prev_toned = std::mem::replace(&mut last_toned, false);
        match l {
            'd' if letters == ['d'] => {
                letters[0] = 'đ';
                keys.dd = true;
            }
            // "ée" (née) is not Telex: the doubled vowel would carry no tone yet.
            'a' | 'e' | 'o' if letters.last() == Some(&l) && !prev_toned => {
                let shaped = match l {
                    'a' => 'â',
                    'e' => 'ê',
                    _ => 'ô',
                };
                if let Some(last) = letters.last_mut() {
                    *last = shaped;
                }
                keys.doubles.push(letters.len() - 1);
            }
            'w' => match letters.iter().rposition(|&x| is_vowel(x)) {
                // A lone w is ư, but "Wi" (Wi-Fi) or "wa" are too often English.
                None => {
                    letters.push('ư');
                    keys.lone_w += 1;
                }
                Some(i) => match letters[i] {
                    'o' | 'ơ' if i > 0 && matches!(letters[i - 1], 'u' | 'ư') => {
                        letters[i - 1] = 'ư';
                        letters[i] = 'ơ';
                        keys.uw = true;
                    }
                    'u' => {
                        letters[i] = 'ư';
                        keys.uw = true;
                    }
                    'a' => {
                        letters[i] = 'ă';
                        keys.w.push(i);
                    }
                    'o' => {
                        letters[i] = 'ơ';
                        keys.w.push(i);
                    }
                    _ => return None,
                },
            },
            's' | 'f' | 'r' | 'x' | 'j' | 'z' if has_vowel => {
                if keys.tone_key.is_some() {
                    return None;
                }
                let n = letters.len();
                let after_n = n >= 2 && letters[n - 1] == 'n' && is_vowel(letters[n - 2]);
                let after_coda = !after_n && letters.last().is_some_and(|c| "chgmnpt".contains(*c));
                keys.tone_key = Some(ToneKey {
                    key: l,
                    after_coda,
                    after_n,
                    coda_after: false,
                });
                tone = match l {
                    'f' => 1,
                    'r' => 2,
                    'x' => 3,
                    's' => 4,
                    'j' => 5,
                    _ => 0,
                };
            }
            _ => letters.push(l),
        }
    }
    Some((
        Syllable {
            letters,
            tone,
            tone_at: 0,
        },
        keys,
    ))
}

/// The slip in one NFC word, if any, with the letters and tone it was meant to have.
/// ALL-CAPS words (UBND, VIEEJT), inner capitals (iPhone) and foreign letters
/// (Özil) are left alone; in an English paragraph ASCII words are too.
pub fn slip(word: &str, english_context: bool) -> Option<(Slip, Vec<char>, usize)> {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !word.chars().any(char::is_lowercase) {
        return None;
    }
    if word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    if !word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || is_vn_marked(c))
    {
        return None;
    }
    if let Some((l, t)) = doubled_mark(word) {
        return Some((Slip::DoubledMark, l, t));
    }
    let (typed, keys) = replay(word)?;
    if keys.count() == 0 || !letters_ok(&typed.letters, Tone::Auto(typed.tone)) {
        return None;
    }
    let original = parse(word)?;
    if word.is_ascii() {
        // A final f or j is a tone key English hardly ever ends a word with ("laf", "hoaf", "ddeenj").
        let tail = matches!(word.chars().last(), Some('f' | 'j'))
            && !["of", "if"].contains(&word.to_ascii_lowercase().as_str());
        // "aw"/"ow" (ă, ơ) before m, t, p, c or with a tone key other than s: not English
        // ("nawm", "bawts", "Mowr"; but "town", "laws").
        let lower = word.to_ascii_lowercase();
        let breve = ["awm", "awt", "awp", "awc", "owm", "owt", "owp", "owc"]
            .iter()
            .any(|k| lower.contains(k))
            || (lower.contains(['w'])
                && keys
                    .tone_key
                    .is_some_and(|t| matches!(t.key, 'f' | 'r' | 'x' | 'j')));
        let score = keys.score(&typed.letters) + if tail || breve { 2 } else { 0 };
        if letters < 2 || english_context || score < 3 {
            return None;
        }
        // "xoong", "boong" are words; "khoong" is "không" half typed.
        let has_oo = original.letters.windows(2).any(|p| p == ['o', 'o']);
        let oo_word = has_oo
            && original.letters.get(1) == Some(&'o')
            && matches!(
                original.letters[0],
                'b' | 'c' | 'g' | 'l' | 'm' | 's' | 't' | 'v' | 'x'
            );
        if letters_ok(&original.letters, Tone::Auto(0)) && (!has_oo || oo_word) {
            return None;
        }
    } else if letters_ok(&original.letters, Tone::At(original.tone, original.tone_at)) {
        return None;
    }
    Some((Slip::Leftover, typed.letters, typed.tone))
}

/// Replays a token with VNI keys between its letters ("Vie65t", "d9o6ng2"):
/// the letters and tone it was meant to have, when they make a syllable and
/// a key digit sits between two letters (so "H5N1", "F16", "A4" are left alone).
pub fn vni(token: &str) -> Option<(Vec<char>, usize)> {
    let chars: Vec<char> = token.chars().collect();
    let inner_digit = chars.windows(3).any(|w| {
        w[0].is_alphabetic()
            && w[1].is_ascii_digit()
            && (w[2].is_alphabetic() || w[2].is_ascii_digit())
    });
    if !inner_digit || chars.contains(&'0') {
        return None;
    }
    let mut letters: Vec<char> = Vec::new();
    let mut tone = 0;
    for &c in &chars {
        let Some(d) = c.to_digit(10) else {
            let (v, t) = vowel(c).unwrap_or((
                if c == 'Đ' {
                    'đ'
                } else {
                    c.to_ascii_lowercase()
                },
                0,
            ));
            if !(v.is_ascii_alphabetic() || is_vowel(v) || v == 'đ') {
                return None;
            }
            if t != 0 {
                if tone != 0 {
                    return None;
                }
                tone = t;
            }
            letters.push(v);
            continue;
        };
        let last_of = |set: &[char], l: &[char]| l.iter().rposition(|c| set.contains(c));
        match d {
            1..=5 if tone == 0 && letters.iter().any(|&c| is_vowel(c)) => {
                tone = [0, 4, 1, 2, 3, 5][d as usize];
            }
            6 => {
                let i = last_of(&['a', 'e', 'o'], &letters)?;
                letters[i] = match letters[i] {
                    'a' => 'â',
                    'e' => 'ê',
                    _ => 'ô',
                };
            }
            7 => {
                let i = last_of(&['u', 'o'], &letters)?;
                if letters[i] == 'o' && i > 0 && letters[i - 1] == 'u' {
                    letters[i - 1] = 'ư';
                }
                letters[i] = if letters[i] == 'u' { 'ư' } else { 'ơ' };
            }
            8 => {
                let i = last_of(&['a'], &letters)?;
                letters[i] = 'ă';
            }
            9 if letters.first() == Some(&'d') => letters[0] = 'đ',
            _ => return None,
        }
    }
    letters_ok(&letters, Tone::Auto(tone)).then_some((letters, tone))
}
