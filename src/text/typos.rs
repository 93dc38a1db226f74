//! Telltale leftovers of a confused Vietnamese input method: doubled marks
//! ("Tieêếng"), raw Telex keys ("Vieejt", "ddaays", "tooi") and long paragraphs
//! typed with the input method off. Conservative on purpose: abbreviations,
//! numbers, names and foreign words are left alone, because a false alarm
//! annoys a reporter more than a miss.

use unicode_normalization::UnicodeNormalization;

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

/// Common English words: more than one word in ten from this list marks a paragraph as English.
const ENGLISH: [&str; 30] = [
    "the", "and", "of", "is", "are", "was", "were", "for", "with", "that", "this", "it", "we",
    "you", "they", "by", "at", "as", "from", "or", "have", "has", "not", "but", "will", "our",
    "your", "their", "what", "which",
];

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
    let english = words
        .iter()
        .filter(|w| ENGLISH.contains(&w.nfc.to_lowercase().as_str()))
        .count();
    let english_context = english * 10 > words.len();
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
    let word = w.nfc.as_str();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // ALL-CAPS (UBND, BCH) and inner capitals (iPhone, YouTube) are names or abbreviations.
    if letters >= 2 && !word.chars().any(char::is_lowercase) {
        return None;
    }
    if word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    // Foreign letters (Özil, Straße, ñ) mean a foreign word.
    if !word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || is_vn_marked(c))
    {
        return None;
    }
    if doubled_mark(word) {
        return Some(SuspectReason::DoubledMark);
    }
    let (typed, keys) = telex(word)?;
    if keys.count() == 0 || !syllable_ok(&typed.letters, Tone::Auto(typed.tone)) {
        return None;
    }
    let original = parse(word)?;
    if word.is_ascii() {
        if letters < 2 || english_context || keys.score(&typed.letters) < 3 {
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
        if syllable_ok(&original.letters, Tone::Auto(0)) && (!has_oo || oo_word) {
            return None;
        }
    } else if syllable_ok(&original.letters, Tone::At(original.tone, original.tone_at)) {
        return None;
    }
    Some(SuspectReason::TelexLeftover)
}

// ---------------------------------------------------------------------------
// Letters.

/// Lower-case vowels; columns: no tone, huyền, hỏi, ngã, sắc, nặng.
const VOWELS: [[char; 6]; 12] = [
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

/// (toneless lower-case vowel, tone column) of a vowel letter.
fn vowel_of(c: char) -> Option<(char, usize)> {
    if c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return None;
    }
    let mut lower = c.to_lowercase();
    let l = lower.next()?;
    if lower.next().is_some() {
        return None;
    }
    VOWELS
        .iter()
        .find_map(|row| row.iter().position(|&x| x == l).map(|t| (row[0], t)))
}

/// One of the 134 Vietnamese letters outside ASCII.
fn is_vn_marked(c: char) -> bool {
    c == 'đ' || c == 'Đ' || (!c.is_ascii() && vowel_of(c).is_some())
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn is_shaped(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// The plain vowel a vowel is a variant of (ă, â → a; ê → e; ô, ơ → o; ư → u).
fn family(c: char) -> char {
    match c {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        other => other,
    }
}

/// A syllable as lower-case toneless letters plus its tone and where it was written.
struct Syllable {
    letters: Vec<char>,
    tone: usize,
    tone_at: usize,
}

/// Splits a word of Vietnamese letters; None for other characters or two tones.
fn parse(word: &str) -> Option<Syllable> {
    let mut s = Syllable {
        letters: Vec::new(),
        tone: 0,
        tone_at: 0,
    };
    for c in word.chars() {
        if let Some((v, t)) = vowel_of(c) {
            if t != 0 {
                if s.tone != 0 {
                    return None;
                }
                s.tone = t;
                s.tone_at = s.letters.len();
            }
            s.letters.push(v);
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

// ---------------------------------------------------------------------------
// Doubled marks.

/// True for "Tieêếng", "Vieêệt": twins of one vowel side by side, one with a circumflex,
/// breve or horn, and the word a real syllable once the twins are merged ("ưu" is fine).
fn doubled_mark(word: &str) -> bool {
    let chars: Vec<(char, usize)> = word
        .chars()
        .map(|c| {
            vowel_of(c).unwrap_or((
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
        return false;
    }
    // Merge each run of twins into its most marked letter, then check the syllable.
    let mut letters: Vec<char> = Vec::new();
    let mut tone = 0;
    let mut prev: Option<(char, usize)> = None;
    for &(c, t) in &chars {
        if t != 0 {
            if tone != 0 && tone != t {
                return false;
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
    syllable_ok(&letters, Tone::Auto(tone))
}

// ---------------------------------------------------------------------------
// Telex.

/// The Telex keys a word seems to contain.
#[derive(Default)]
struct Keys {
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
    fn count(&self) -> usize {
        usize::from(self.dd)
            + self.doubles.len()
            + self.w.len()
            + usize::from(self.uw)
            + self.lone_w
            + usize::from(self.tone_key.is_some())
    }

    /// How typical of Vietnamese Telex (and how unlike English) the keys are:
    /// "dd", "uw", "aa" weigh most, an English-looking plural "s" or "oo" least.
    fn score(&self, letters: &[char]) -> usize {
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
fn telex(word: &str) -> Option<(Syllable, Keys)> {
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
            let (v, t) = vowel_of(c)?;
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

// ---------------------------------------------------------------------------
// Syllable structure.

/// How much is known about the tone when checking a syllable.
#[derive(Clone, Copy)]
enum Tone {
    /// Typed without marks: the tone is unknown.
    Unknown,
    /// This tone, placed wherever it belongs (a Telex replay).
    Auto(usize),
    /// This tone, written on letter `.1`.
    At(usize, usize),
}

const ONSETS: [&str; 26] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "r", "s", "t", "v", "x",
];
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Vowel clusters: (cluster, final consonant required: Some(true), forbidden: Some(false), either: None).
const NUCLEI: [(&str, Option<bool>); 54] = [
    ("a", None),
    ("ă", Some(true)),
    ("â", Some(true)),
    ("e", None),
    ("ê", None),
    ("i", None),
    ("o", None),
    ("ô", None),
    ("ơ", None),
    ("u", None),
    ("ư", None),
    ("y", None),
    ("ai", Some(false)),
    ("ao", Some(false)),
    ("au", Some(false)),
    ("ay", Some(false)),
    ("âu", Some(false)),
    ("ây", Some(false)),
    ("eo", Some(false)),
    ("êu", Some(false)),
    ("ia", Some(false)),
    ("iê", Some(true)),
    ("iu", Some(false)),
    ("oa", None),
    ("oă", Some(true)),
    ("oe", None),
    ("oi", Some(false)),
    ("oo", Some(true)),
    ("ôi", Some(false)),
    ("ơi", Some(false)),
    ("ua", Some(false)),
    ("uâ", Some(true)),
    ("uê", None),
    ("ui", Some(false)),
    ("uô", Some(true)),
    ("uơ", Some(false)),
    ("uy", None),
    ("ưa", Some(false)),
    ("ưi", Some(false)),
    ("ưu", Some(false)),
    ("ươ", Some(true)),
    ("yê", Some(true)),
    ("iêu", Some(false)),
    ("oai", Some(false)),
    ("oay", Some(false)),
    ("oeo", Some(false)),
    ("uây", Some(false)),
    ("uôi", Some(false)),
    ("uya", Some(false)),
    ("uyê", Some(true)),
    ("uyu", Some(false)),
    ("ươi", Some(false)),
    ("ươu", Some(false)),
    ("yêu", Some(false)),
];

/// True when toneless lower-case `letters` with `tone` form one Vietnamese syllable.
fn syllable_ok(letters: &[char], tone: Tone) -> bool {
    let onset_len = ONSETS
        .iter()
        .map(|o| o.chars().count())
        .filter(|&n| {
            let o: String = letters.iter().take(n).collect();
            letters.len() > n && ONSETS.contains(&o.as_str()) && is_vowel(letters[n])
        })
        .max()
        .unwrap_or(0);
    if onset_len == 0 && !letters.first().is_some_and(|&c| is_vowel(c)) {
        return false;
    }
    let onset: String = letters[..onset_len].iter().collect();
    let rest = &letters[onset_len..];
    let n_len = rest.iter().take_while(|&&c| is_vowel(c)).count();
    let nucleus: String = rest[..n_len].iter().collect();
    let coda: String = rest[n_len..].iter().collect();
    if !CODAS.contains(&coda.as_str()) {
        return false;
    }
    let Some(&(_, need)) = NUCLEI.iter().find(|(n, _)| *n == nucleus) else {
        return false;
    };
    if need.is_some_and(|n| n == coda.is_empty()) {
        return false;
    }
    let first = rest[0];
    let spelling_ok = match onset.as_str() {
        "c" => !matches!(first, 'e' | 'ê' | 'i' | 'y'),
        "k" => matches!(first, 'e' | 'ê' | 'i' | 'y'),
        "g" => !matches!(first, 'e' | 'ê'),
        "gh" | "ngh" => matches!(first, 'e' | 'ê' | 'i'),
        "ng" => !matches!(first, 'e' | 'ê' | 'i'),
        "qu" => first != 'u',
        _ => true,
    };
    let last = rest[n_len - 1];
    if !spelling_ok
        || ((coda == "ch" || coda == "nh") && !matches!(last, 'a' | 'ê' | 'i' | 'y'))
        || ((coda == "c" || coda == "ng") && last == 'i')
    {
        return false;
    }
    let (t, at) = match tone {
        Tone::Unknown => return true,
        Tone::Auto(t) => (t, None),
        Tone::At(t, at) => (t, Some(at)),
    };
    // A syllable closed by c, ch, p or t only takes the sắc or nặng tone.
    if matches!(coda.as_str(), "c" | "ch" | "p" | "t") && t != 4 && t != 5 {
        return false;
    }
    let Some(at) = at.filter(|_| t != 0) else {
        return true;
    };
    if at < onset_len || at >= onset_len + n_len {
        return false;
    }
    let pos = at - onset_len;
    if let Some(p) = rest[..n_len].iter().rposition(|&c| is_shaped(c)) {
        return pos == p;
    }
    match n_len {
        1 => pos == 0,
        3 => pos == 1,
        _ if !coda.is_empty() => pos == 1,
        _ if matches!(nucleus.as_str(), "oa" | "oe" | "uy") => true,
        _ => pos == 0,
    }
}

/// True when a word typed without marks could be a Vietnamese syllable ("duoc", "nguoi").
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
        if syllable_ok(&letters, Tone::Unknown) {
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
