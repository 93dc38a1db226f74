//! Vietnamese spell check: every word that cannot be a Vietnamese syllable,
//! every input-method leftover ("Vieejt", "Tieêếng", "Vie65t") and, when a
//! word list is loaded, every well-formed syllable the list does not know.
//!
//! Never flagged: ALL-CAPS abbreviations without vowel marks (UBND, HĐND),
//! tokens with digits or "/" (46-NQ/TW, COVID-19) unless they are VNI keys,
//! addresses and file names (tokens with "@" or a dot before a letter: a.vn,
//! bai.txt, .dic), the loanwords of `assets/spell/tu-muon.txt` (email,
//! internet, video), words with letters Vietnamese does not use (f j w z:
//! Facebook, Zalo; unless they are Telex keys or carry a circumflex, breve,
//! horn or đ), words with other letters (Özil), inner capitals (iPhone),
//! single letters and words without a vowel (km, kg, tp), the personal
//! dictionary and the draft's ignore list, the capitalised words of the
//! ethnic-minority names of `assets/spell/ten-rieng.txt` (Krông, Lắk, M'gar),
//! and ASCII words in an English line (one word in ten a common English word). A capitalised word in mid-sentence is
//! a name: only an invalid syllable is flagged, never a word the list lacks.
//!
//! The check works line by line (a body line is a paragraph), so the
//! window's highlighter re-checks only the lines that changed ([`LineCache`]).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use unicode_normalization::UnicodeNormalization;

use super::syllable::{self, Case, Tone, case_of, compose, is_letter, parse};
use super::telex::{self, Slip};
use super::tone::{self, ToneStyle};

/// Why a word is suspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Not a Vietnamese syllable.
    Invalid,
    /// Raw Telex or VNI keys left in the word.
    Leftover,
    /// A vowel mark typed twice.
    DoubledMark,
    /// A well-formed syllable the word list does not know.
    NotInList,
}

/// A suspect word of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    /// The word as written.
    pub word: String,
    /// Byte range of the word in the line (or text) checked.
    pub range: Range<usize>,
    /// Column of the word's first character in its line, 0-based, in characters.
    pub column: usize,
    pub reason: Reason,
    /// Best first; may be empty.
    pub suggestions: Vec<String>,
}

/// A word list (a Hunspell dictionary): does it know this NFC word (asked in
/// lower case, and as written when that differs)?
pub trait Lexicon: Send + Sync {
    fn knows(&self, word: &str) -> bool;
}

/// The names shipped in `assets/spell/ten-rieng.txt`.
pub const NAMES: &str = include_str!("../../assets/spell/ten-rieng.txt");

/// The loanwords shipped in `assets/spell/tu-muon.txt`.
pub const LOANWORDS: &str = include_str!("../../assets/spell/tu-muon.txt");

/// Lower-case loanwords, never flagged.
fn loanwords() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        LOANWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Lower-case words of the shipped names (Nhoong, Krông, Lắk).
fn name_words() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        NAMES
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| l.split(|c: char| !c.is_alphabetic()))
            .filter(|w| !w.is_empty())
            .map(|w| w.nfc().collect::<String>().to_lowercase())
            .collect()
    })
}

/// The key words are looked up by: NFC, lower case, old tone style.
pub fn key(word: &str) -> String {
    tone::apply(
        &word.nfc().collect::<String>().to_lowercase(),
        ToneStyle::Old,
    )
}

/// The spell checker: settings, the personal dictionary, the draft's ignore
/// list and an optional word list.
#[derive(Clone, Default)]
pub struct Checker {
    style: ToneStyle,
    known: HashSet<String>,
    list: Option<Arc<dyn Lexicon>>,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("style", &self.style)
            .field("known", &self.known.len())
            .field("list", &self.list.is_some())
            .finish()
    }
}

impl Checker {
    /// A checker whose suggestions follow the house tone style.
    pub fn new(style: ToneStyle) -> Checker {
        Checker {
            style,
            ..Checker::default()
        }
    }

    /// Words never flagged (the personal dictionary, the draft's ignore list);
    /// an entry of several words accepts each of them.
    pub fn accept<'a>(mut self, words: impl IntoIterator<Item = &'a str>) -> Checker {
        for entry in words {
            for w in entry.split(|c: char| !c.is_alphabetic() && !is_mark(c)) {
                if !w.is_empty() {
                    self.known.insert(key(w));
                }
            }
        }
        self
    }

    /// Also flags well-formed syllables that `list` does not know.
    pub fn with_list(mut self, list: Option<Arc<dyn Lexicon>>) -> Checker {
        self.list = list;
        self
    }

    pub fn has_list(&self) -> bool {
        self.list.is_some()
    }

    /// The house tone style of the suggestions.
    pub fn style(&self) -> ToneStyle {
        self.style
    }

    /// Checks one line (a line starts a sentence).
    pub fn check_line(&self, line: &str) -> Vec<Suspect> {
        self.scan(line, true, &mut Memo::default())
    }

    /// Byte ranges of the suspect words of a line, without suggestions (the highlighter's call).
    pub fn ranges(&self, line: &str) -> Vec<Range<usize>> {
        self.scan(line, false, &mut Memo::default())
            .into_iter()
            .map(|s| s.range)
            .collect()
    }

    /// Checks a whole text: (0-based line number, suspect with its range in that line).
    /// A word seen again in the text is judged once (a body repeats its words).
    pub fn check_text(&self, text: &str) -> Vec<(usize, Suspect)> {
        let mut memo = Memo::default();
        let mut out = Vec::new();
        for (n, line) in text.split('\n').enumerate() {
            out.extend(self.scan(line, true, &mut memo).into_iter().map(|s| (n, s)));
        }
        out
    }

    fn scan<'a>(&self, line: &'a str, suggest: bool, memo: &mut Memo<'a>) -> Vec<Suspect> {
        let tokens = tokens(line);
        let english = telex::is_english(
            tokens
                .iter()
                .flat_map(|t| t.words.iter().map(|w| &line[w.clone()])),
        );
        let mut out = Vec::new();
        let mut sentence_start = true;
        for t in &tokens {
            let text = &line[t.range.clone()];
            if t.has_digit_or_slash {
                if let Some((letters, tone)) = telex::vni(&nfc(text)) {
                    let fix = compose(&letters, tone, self.style, case_of(text));
                    out.push(self.suspect(
                        line,
                        t.range.clone(),
                        Reason::Leftover,
                        fix,
                        suggest,
                        memo,
                    ));
                }
            } else {
                for (i, w) in t.words.iter().enumerate() {
                    let after_apostrophe =
                        i > 0 && line[t.range.start..w.start].contains(['\'', '’']);
                    let mid = !(sentence_start && i == 0);
                    let word = &line[w.clone()];
                    let flags =
                        u8::from(mid) | u8::from(english) << 1 | u8::from(after_apostrophe) << 2;
                    let verdict = memo
                        .verdicts
                        .entry((word, flags))
                        .or_insert_with(|| self.judge(word, mid, english, after_apostrophe))
                        .clone();
                    if let Some((reason, fix)) = verdict {
                        out.push(self.suspect(line, w.clone(), reason, fix, suggest, memo));
                    }
                }
            }
            if !t.words.is_empty() || t.has_digit_or_slash {
                sentence_start = ends_sentence(text);
            }
        }
        out
    }

    fn suspect<'a>(
        &self,
        line: &'a str,
        range: Range<usize>,
        reason: Reason,
        fix: Option<String>,
        suggest: bool,
        memo: &mut Memo<'a>,
    ) -> Suspect {
        let word = line[range.clone()].to_owned();
        let suggestions = if suggest {
            let mut s: Vec<String> = fix.into_iter().collect();
            let more = memo
                .suggestions
                .entry(&line[range.clone()])
                .or_insert_with(|| self.suggest(&word));
            for x in more.iter().cloned() {
                if !s.contains(&x) {
                    s.push(x);
                }
            }
            s.truncate(MAX_SUGGESTIONS);
            s
        } else {
            Vec::new()
        };
        Suspect {
            column: line[..range.start].chars().count(),
            word,
            range,
            reason,
            suggestions,
        }
    }

    /// Whether one word is suspect, and the fix an input-method slip points to.
    fn judge(
        &self,
        raw: &str,
        mid_sentence: bool,
        english: bool,
        after_apostrophe: bool,
    ) -> Option<(Reason, Option<String>)> {
        let word = nfc(raw);
        let case = case_of(&word);
        if !word.chars().all(|c| is_letter(c) || is_mark(c))
            || (!self.known.is_empty() && self.known.contains(&key(&word)))
            || (word.is_ascii() && loanwords().contains(&word.to_ascii_lowercase()))
            || ((case != Case::Lower || after_apostrophe)
                && name_words().contains(&word.to_lowercase()))
        {
            return None;
        }
        if let Some((slip, letters, tone)) = telex::slip(&word, english) {
            let reason = match slip {
                Slip::DoubledMark => Reason::DoubledMark,
                Slip::Leftover => Reason::Leftover,
            };
            return Some((reason, compose(&letters, tone, self.style, case)));
        }
        let marked = word.chars().any(|c| {
            is_mark(c)
                || syllable::vowel_of(c)
                    .is_some_and(|(v, t, _)| t != 0 || syllable::is_shaped(syllable::VOWELS[v][0]))
        });
        let foreign = word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'f' | 'j' | 'w' | 'z'));
        // A circumflex, breve, horn or đ is Vietnamese; a tone alone is also French or Spanish (José).
        let shaped = word.chars().any(|c| {
            matches!(c, 'đ' | 'Đ' | '\u{302}' | '\u{306}' | '\u{31B}')
                || syllable::vowel_of(c)
                    .is_some_and(|(v, _, _)| syllable::is_shaped(syllable::VOWELS[v][0]))
        });
        let skip = (foreign && !shaped)
            || (case == Case::Upper && !marked)
            || word.chars().skip(1).any(char::is_uppercase) && case != Case::Upper
            || !word.chars().any(|c| syllable::vowel_of(c).is_some())
            || word.chars().count() == 1
            || (english && word.is_ascii());
        if skip {
            return None;
        }
        if !syllable::is_valid(&word) {
            return Some((Reason::Invalid, None));
        }
        let name = mid_sentence && case != Case::Lower;
        match &self.list {
            Some(list) if !name && !knows(list.as_ref(), &word) => Some((Reason::NotInList, None)),
            _ => None,
        }
    }

    /// Suggestions for a word, best first: a misplaced mark moved, a broken
    /// spelling rule fixed (c/k, g/gh, ng/ngh), then syllables one edit away
    /// (a tone or shape mark, two letters swapped, a letter dropped, changed or
    /// added), in the house tone style; with a word list, known words first.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let word = nfc(word);
        let case = case_of(&word);
        let Some(s) = parse(&word) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        let push = |letters: &[char], tone: usize, out: &mut Vec<String>| {
            if let Some(w) = compose(letters, tone, self.style, case)
                && w != word
                && !out.contains(&w)
            {
                out.push(w);
            }
        };
        // Telex keys read as keys, then marks that are right but on the wrong letter.
        if let Some((typed, _)) = telex::replay(&word) {
            push(&typed.letters, typed.tone, &mut out);
        }
        push(&s.letters, s.tone, &mut out);
        for fixed in spelling_fixes(&s.letters) {
            push(&fixed, s.tone, &mut out);
        }
        for (letters, tone) in edits(&s.letters, s.tone) {
            push(&letters, tone, &mut out);
            if out.len() > 60 {
                break;
            }
        }
        if let Some(list) = &self.list {
            let (known, unknown): (Vec<String>, Vec<String>) =
                out.into_iter().partition(|w| knows(list.as_ref(), w));
            out = if known.is_empty() { unknown } else { known };
        }
        out.truncate(MAX_SUGGESTIONS);
        out
    }
}

const MAX_SUGGESTIONS: usize = 5;

/// What is known of the words of one check: (word, context bits) → verdict, word → suggestions.
type Verdict = Option<(Reason, Option<String>)>;

#[derive(Default)]
struct Memo<'a> {
    verdicts: HashMap<(&'a str, u8), Verdict>,
    suggestions: HashMap<&'a str, Vec<String>>,
}

fn knows(list: &dyn Lexicon, word: &str) -> bool {
    let lower = word.to_lowercase();
    (lower != word && list.knows(word))
        || list.knows(&lower)
        || list.knows(&tone::apply(&lower, ToneStyle::Old))
        || list.knows(&tone::apply(&lower, ToneStyle::New))
}

fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// True when a token ends a sentence (. ! ? … : before closing quotes or brackets).
fn ends_sentence(token: &str) -> bool {
    token
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// A whitespace-separated token and the words (letter runs) in it.
struct Token {
    range: Range<usize>,
    words: Vec<Range<usize>>,
    has_digit_or_slash: bool,
}

fn tokens(line: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut cur: Option<Token> = None;
    let mut word_start: Option<usize> = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        let in_word = c.is_alphabetic() || (word_start.is_some() && is_mark(c));
        if !in_word
            && let Some(s) = word_start.take()
            && let Some(t) = cur.as_mut()
        {
            t.words.push(s..i);
        }
        if c.is_whitespace() {
            if let Some(mut t) = cur.take() {
                t.range.end = i;
                out.push(t);
            }
            continue;
        }
        let t = cur.get_or_insert(Token {
            range: i..i,
            words: Vec::new(),
            has_digit_or_slash: false,
        });
        if c.is_numeric() || c == '/' || c == '@' {
            t.has_digit_or_slash = true;
        }
        // A dot right before a letter: a file name, a domain or an extension (bai.txt, a.vn, .dic).
        if c == '.' && line[i + 1..].starts_with(char::is_alphabetic) {
            t.has_digit_or_slash = true;
        }
        if in_word && word_start.is_none() {
            word_start = Some(i);
        }
    }
    out
}

/// The onset spelled by the other rule: c/k/q, g/gh, ng/ngh.
fn spelling_fixes(letters: &[char]) -> Vec<Vec<char>> {
    let swaps: [(&[char], &[char]); 8] = [
        (&['k'], &['c']),
        (&['c'], &['k']),
        (&['n', 'g', 'h'], &['n', 'g']),
        (&['n', 'g'], &['n', 'g', 'h']),
        (&['g', 'h'], &['g']),
        (&['g'], &['g', 'h']),
        (&['q'], &['q', 'u']),
        (&['c', 'u'], &['q', 'u']),
    ];
    swaps
        .iter()
        .filter(|(from, _)| letters.starts_with(from))
        .map(|(from, to)| to.iter().chain(&letters[from.len()..]).copied().collect())
        .collect()
}

/// Letters that may be changed or added in an edit.
const ALPHABET: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";

/// Candidates one edit away, in order of likelihood: a tone, a shape mark,
/// two letters swapped, a letter dropped, changed, added.
fn edits(letters: &[char], tone: usize) -> Vec<(Vec<char>, usize)> {
    let mut out = Vec::new();
    for t in 0..6 {
        if t != tone {
            out.push((letters.to_vec(), t));
        }
    }
    for (i, &c) in letters.iter().enumerate() {
        for v in ALPHABET.chars() {
            let twin = v != c
                && (syllable::family(v) == syllable::family(c)
                    || (c == 'd' && v == 'đ')
                    || (c == 'đ' && v == 'd'));
            if twin {
                let mut l = letters.to_vec();
                l[i] = v;
                out.push((l, tone));
            }
        }
    }
    for i in 1..letters.len() {
        let mut l = letters.to_vec();
        l.swap(i - 1, i);
        out.push((l, tone));
    }
    for i in 0..letters.len() {
        let mut l = letters.to_vec();
        l.remove(i);
        out.push((l, tone));
    }
    for i in 0..letters.len() {
        for v in ALPHABET.chars() {
            if v != letters[i] {
                let mut l = letters.to_vec();
                l[i] = v;
                out.push((l, tone));
            }
        }
    }
    for i in 0..=letters.len() {
        for v in ALPHABET.chars() {
            let mut l = letters.to_vec();
            l.insert(i, v);
            out.push((l, tone));
        }
    }
    out.retain(|(l, t)| syllable::letters_ok(l, Tone::Auto(*t)));
    out
}

/// Spell state of a multi-line text kept line by line, so only edited lines are re-checked.
#[derive(Debug, Default)]
pub struct LineCache {
    lines: Vec<(String, Vec<Suspect>)>,
    memo: HashMap<String, Vec<Suspect>>,
}

impl LineCache {
    /// Brings the cache up to `text`; returns how many lines were checked.
    pub fn update(&mut self, checker: &Checker, text: &str) -> usize {
        let mut checked = 0;
        let mut memo = Memo::default();
        let old = std::mem::take(&mut self.lines);
        for (line, found) in old {
            self.memo.insert(line, found);
        }
        for line in text.split('\n') {
            let found = match self.memo.get(line) {
                Some(f) => f.clone(),
                None => {
                    checked += 1;
                    checker.scan(line, true, &mut memo)
                }
            };
            self.lines.push((line.to_owned(), found));
        }
        self.memo.clear();
        checked
    }

    /// The suspects of line `n` (0-based).
    pub fn line(&self, n: usize) -> &[Suspect] {
        self.lines.get(n).map_or(&[], |(_, s)| s.as_slice())
    }

    /// Every suspect: (line, suspect).
    pub fn all(&self) -> impl Iterator<Item = (usize, &Suspect)> {
        self.lines
            .iter()
            .enumerate()
            .flat_map(|(n, (_, s))| s.iter().map(move |x| (n, x)))
    }

    /// Forgets everything (after the dictionary or the settings changed).
    pub fn clear(&mut self) {
        self.lines.clear();
    }
}

#[cfg(test)]
#[path = "spell_tests.rs"]
mod tests;
