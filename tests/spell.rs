//! Spell-check quality over real Vietnamese text (tests/fixtures/spell, see its
//! README): false alarms per 1,000 words, and how many typos injected by rule
//! are flagged and fixed by the first suggestion. Both figures are printed
//! (`cargo test --test spell -- --nocapture`).

use std::sync::Arc;

use tinxa::text::spell::{Checker, Lexicon};
use tinxa::text::syllable::{self, Tone, VOWELS, is_shaped, parse, vowel_of};
use tinxa::text::tone::{self, ToneStyle};
use tinxa::text::word_count;
use tinxa::wordlist;

const CORPUS: &str = include_str!("fixtures/spell/corpus.txt");

/// The corpus with every other sentence in the other tone style.
fn corpus() -> Vec<String> {
    let (old, new) = tone::detect(CORPUS);
    let other = if old >= new {
        ToneStyle::New
    } else {
        ToneStyle::Old
    };
    CORPUS
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i % 2 == 1 {
                tone::apply(l, other)
            } else {
                l.to_owned()
            }
        })
        .collect()
}

fn hunspell() -> Option<Arc<dyn Lexicon>> {
    let found = wordlist::find(None);
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("hunspell-vi is required in CI (.ci/run installs it)");
        }
        println!("skipped (word list part): hunspell-vi is not installed (.ci/run installs it)");
    }
    found.and_then(|f| wordlist::load(&f).ok())
}

#[test]
fn corpus_is_big_enough_and_in_both_styles() {
    let lines = corpus();
    let words: usize = lines.iter().map(|l| word_count(l)).sum();
    assert!(words >= 20_000, "{words}");
    let (old, new) = lines
        .iter()
        .map(|l| tone::detect(l))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert!(old > 50 && new > 50, "{old} old-style, {new} new-style");
}

fn false_alarms(c: &Checker, label: &str) {
    let lines = corpus();
    let words: usize = lines.iter().map(|l| word_count(l)).sum();
    let mut found = Vec::new();
    for l in &lines {
        for s in c.check_line(l) {
            found.push(format!("{} ({l})", s.word));
        }
    }
    let per_1000 = found.len() as f64 * 1000.0 / words as f64;
    println!(
        "spell quality [{label}]: {} false alarms in {words} words = {per_1000:.2} per 1,000",
        found.len()
    );
    for f in found.iter().take(20) {
        println!("  false alarm: {f}");
    }
    assert!(per_1000 <= 1.0, "{found:#?}");
}

#[test]
fn false_alarms_are_rare() {
    false_alarms(&Checker::new(ToneStyle::Old), "rules");
    if let Some(list) = hunspell() {
        false_alarms(
            &Checker::new(ToneStyle::Old).with_list(Some(list)),
            "rules + hunspell-vi",
        );
    }
}

// ---------------------------------------------------------------------------
// Injected typos.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rule {
    Telex,
    Swap,
    Doubled,
    Misplaced,
    Onset,
}

const RULES: [Rule; 5] = [
    Rule::Telex,
    Rule::Swap,
    Rule::Doubled,
    Rule::Misplaced,
    Rule::Onset,
];

/// The word typed with Telex keys the input method did not convert: "Việt" → "Vieetj".
fn telex(word: &str) -> Option<String> {
    let s = parse(word)?;
    if s.tone == 0 && !s.letters.iter().any(|&c| is_shaped(c) || c == 'đ') {
        return None;
    }
    let upper_first = word.chars().next()?.is_uppercase();
    let mut out = String::new();
    let letters: String = s.letters.iter().collect();
    let letters = letters.replace("ươ", "uow");
    for c in letters.chars() {
        out.push_str(match c {
            'đ' => "dd",
            'â' => "aa",
            'ê' => "ee",
            'ô' => "oo",
            'ă' => "aw",
            'ơ' => "ow",
            'ư' => "uw",
            _ => {
                out.push(c);
                continue;
            }
        });
    }
    out.push_str(["", "f", "r", "x", "s", "j"][s.tone]);
    if upper_first {
        let mut ch = out.chars();
        let f = ch.next()?.to_uppercase().collect::<String>();
        out = f + ch.as_str();
    }
    Some(out)
}

/// Two neighbouring letters swapped, in the middle of the word; each
/// position keeps its case ("Tái" → "Tiá", not "áTi").
fn swap(word: &str) -> Option<String> {
    let mut c: Vec<char> = word.chars().collect();
    if c.len() < 2 {
        return None;
    }
    let i = c.len() / 2;
    let (a, b) = (c[i - 1], c[i]);
    let like = |x: char, model: char| {
        if model.is_uppercase() {
            x.to_uppercase().next().unwrap_or(x)
        } else {
            x.to_lowercase().next().unwrap_or(x)
        }
    };
    c[i - 1] = like(b, a);
    c[i] = like(a, b);
    let out: String = c.into_iter().collect();
    (out != word).then_some(out)
}

/// The first shaped vowel typed twice, as a confused input method does: "tiếng" → "tieêếng".
fn doubled(word: &str) -> Option<String> {
    let mut out = String::new();
    let mut done = false;
    for ch in word.chars() {
        if !done
            && let Some((v, _, upper)) = vowel_of(ch)
            && is_shaped(VOWELS[v][0])
        {
            let plain = syllable::family(VOWELS[v][0]);
            let base = if upper {
                plain.to_ascii_uppercase()
            } else {
                plain
            };
            out.push(base);
            out.push(syllable::vowel_char(v, 0, upper));
            done = true;
        }
        out.push(ch);
    }
    done.then_some(out)
}

/// The tone mark moved to a vowel where neither style puts it: "hoàng" → "hòang".
fn misplaced(word: &str) -> Option<String> {
    let s = parse(word)?;
    if s.tone == 0 {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let to = (0..chars.len()).find(|&i| {
        i != s.tone_at
            && vowel_of(chars[i]).is_some()
            && !syllable::letters_ok(&s.letters, Tone::At(s.tone, i))
    })?;
    let mut out = chars.clone();
    let (v, _, up) = vowel_of(chars[s.tone_at])?;
    out[s.tone_at] = syllable::vowel_char(v, 0, up);
    let (v, _, up) = vowel_of(chars[to])?;
    out[to] = syllable::vowel_char(v, s.tone, up);
    Some(out.into_iter().collect())
}

/// The onset spelled against its rule: k/c, g/gh, ng/ngh ("không" → "không" is
/// not one: kh is another onset).
fn onset(word: &str) -> Option<String> {
    if !word.chars().next()?.is_lowercase() {
        return None;
    }
    let s = parse(word)?;
    let l: String = s.letters.iter().collect();
    let front = |rest: &str| rest.starts_with(['e', 'ê', 'i', 'y']);
    let (from, to) = if l.starts_with("ngh") {
        ("ngh", "ng")
    } else if l.starts_with("ng") {
        ("ng", "ngh")
    } else if l.starts_with("gh") && l[2..].starts_with(['e', 'ê']) {
        ("gh", "g")
    } else if l.starts_with('g') && !l.starts_with("gi") && !l.starts_with("gh") {
        ("g", "gh")
    } else if l.starts_with('k') && !l.starts_with("kh") && front(&l[1..]) {
        ("k", "c")
    } else if l.starts_with('c') && !l.starts_with("ch") && !front(&l[1..]) {
        ("c", "k")
    } else {
        return None;
    };
    Some(format!("{to}{}", &word[from.len()..]))
}

/// The hunspell-vi words, lower case (the list is written in the new tone
/// style), to tell a real-word error from a typo.
fn dictionary_words() -> Option<std::collections::HashSet<String>> {
    let text = std::fs::read_to_string("/usr/share/hunspell/vi_VN.dic").ok()?;
    Some(
        text.lines()
            .skip(1)
            .map(|l| l.split('/').next().unwrap_or("").to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
    )
}

fn is_listed(words: &std::collections::HashSet<String>, typo: &str) -> bool {
    let lower = typo.to_lowercase();
    words.contains(&tone::apply(&lower, ToneStyle::New)) || words.contains(&lower)
}

/// True when the word at `pos` is in a token the checker never looks at (a digit or "/").
fn in_skipped_token(line: &str, pos: usize) -> bool {
    let start = line[..pos].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = line[pos..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| pos + i);
    line[start..end].contains(|c: char| c.is_numeric() || c == '/')
}

fn inject(rule: Rule, word: &str) -> Option<String> {
    match rule {
        Rule::Telex => telex(word),
        Rule::Swap => swap(word),
        Rule::Doubled => doubled(word),
        Rule::Misplaced => misplaced(word),
        Rule::Onset => onset(word),
    }
}

/// (byte offset, word) of each run of letters.
fn letter_runs(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[derive(Default, Debug)]
struct Tally {
    injected: usize,
    flagged: usize,
    first_right: usize,
}

#[test]
fn injected_typos_are_caught() {
    let Some(dictionary) = dictionary_words() else {
        if std::env::var_os("CI").is_some() {
            panic!("hunspell-vi is required in CI (.ci/run installs it)");
        }
        println!("skipped: hunspell-vi is not installed (.ci/run installs it)");
        return;
    };
    let style = ToneStyle::Old;
    let c = Checker::new(style);
    let mut real_words = 0;
    let mut tally: Vec<Tally> = RULES.iter().map(|_| Tally::default()).collect();
    let mut missed = Vec::new();
    for (i, line) in corpus().iter().enumerate() {
        let rule_i = i % RULES.len();
        let rule = RULES[rule_i];
        let words: Vec<(usize, &str)> = letter_runs(line)
            .into_iter()
            .filter(|&(pos, w)| syllable::is_valid(w) && !in_skipped_token(line, pos))
            .filter(|(_, w)| {
                let lower = w.chars().skip(1).all(char::is_lowercase);
                lower && w.chars().count() >= 2
            })
            .collect();
        if words.is_empty() {
            continue;
        }
        let start_at = (i * 7) % words.len();
        let pick = (0..words.len())
            .map(|k| words[(start_at + k) % words.len()])
            .find_map(|(pos, w)| inject(rule, w).map(|typo| (pos, w, typo)));
        let Some((pos, original, typo)) = pick else {
            continue;
        };
        // A typo that spells another word of the list is a real-word error,
        // which no checker without context can see: not counted.
        if is_listed(&dictionary, &typo) {
            real_words += 1;
            continue;
        }
        let typed = format!("{}{}{}", &line[..pos], typo, &line[pos + original.len()..]);
        let t = &mut tally[rule_i];
        t.injected += 1;
        let found = c.check_line(&typed);
        match found.iter().find(|s| s.range.start == pos) {
            Some(s) => {
                t.flagged += 1;
                if s.suggestions.first() == Some(&tone::apply(original, style)) {
                    t.first_right += 1;
                }
            }
            None => missed.push(format!(
                "{rule:?}: {typo} ({original}) in: {typed} {:?}",
                found.iter().map(|s| &s.word).collect::<Vec<_>>()
            )),
        }
    }
    let injected: usize = tally.iter().map(|t| t.injected).sum();
    let flagged: usize = tally.iter().map(|t| t.flagged).sum();
    let pct = |a: usize, b: usize| a as f64 * 100.0 / b.max(1) as f64;
    for (rule, t) in RULES.iter().zip(&tally) {
        println!(
            "spell quality: {rule:?}: {} injected, {} flagged ({:.1} %), right word first {:.1} %",
            t.injected,
            t.flagged,
            pct(t.flagged, t.injected),
            pct(t.first_right, t.injected)
        );
    }
    println!(
        "spell quality: {flagged} of {injected} injected typos flagged = {:.1} % \
         ({real_words} more spelled another real word and were not counted)",
        pct(flagged, injected)
    );
    for m in missed.iter().take(30) {
        println!("  missed: {m}");
    }
    assert!(pct(flagged, injected) >= 95.0);
    for (rule, t) in RULES.iter().zip(&tally) {
        assert!(t.injected >= 100, "{rule:?}: {t:?}");
        if matches!(rule, Rule::Telex | Rule::Doubled) {
            let right = pct(t.first_right, t.injected);
            println!("spell quality: {rule:?}: right word first for {right:.1} %");
            assert!(right >= 80.0, "{rule:?}: {t:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Texts the project ships.

/// The Vietnamese messages of the program: string literals of its sources
/// outside `text/` (whose tables and tests hold deliberate slips) and outside
/// test modules and comments, with `{placeholders}` and `code` spans taken out,
/// cut at " / " where a message gives both languages (the English half of a
/// ("vi", "en") pair or of "vi / en" is not Vietnamese).
fn source_strings() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() && !p.ends_with("text") {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    fn strip(s: &str, open: char, close: char) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for c in s.chars() {
            if c == open && (open != close || depth == 0) {
                depth += 1;
            } else if c == close && depth > 0 {
                depth -= 1;
            } else if depth == 0 {
                out.push(c);
            }
        }
        out
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if f.ends_with("sample.rs") {
            continue; // the sample article is checked as an article
        }
        // Test modules in files of their own hold test data, not shipped text.
        if f.file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with("_tests.rs"))
        {
            continue;
        }
        let chunks: Vec<&str> = code.split('"').collect();
        for (i, lit) in chunks.iter().enumerate() {
            // The second of a ("vi", "en") pair is English.
            let english = i > 0 && chunks[i - 1].trim() == ",";
            if i % 2 == 0
                || english
                || !lit.chars().any(syllable::is_vn_marked)
                || lit.contains('\\')
            {
                continue;
            }
            let clean = strip(&strip(lit, '{', '}'), '`', '`');
            // "vi / en" messages: the Vietnamese half.
            let vi = clean.split(" / ").next().unwrap_or("");
            out.push((format!("{}: {lit}", f.display()), vi.to_owned()));
        }
    }
    out
}

#[test]
fn the_texts_the_project_ships_have_no_suspect_word() {
    let c = Checker::new(ToneStyle::Old);
    let mut texts: Vec<(String, String)> = vec![
        (
            "examples/cao-son-2024-01-25.txt".into(),
            include_str!("../examples/cao-son-2024-01-25.txt").into(),
        ),
        (
            "../shared/samples/cao-son-2024-01-25.txt".into(),
            include_str!("../../shared/samples/cao-son-2024-01-25.txt").into(),
        ),
        (
            "assets/spell/ten-rieng.txt".into(),
            tinxa::text::spell::NAMES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ];
    let a = tinxa::sample::article();
    for (field, t) in tinxa::check::spelling_fields(&a) {
        texts.push((format!("sample article: {field}"), t.to_owned()));
    }
    let strings = source_strings();
    assert!(strings.len() > 100, "{}", strings.len());
    texts.extend(strings);
    let mut found = Vec::new();
    for (name, t) in &texts {
        for (_, s) in c.check_text(t) {
            found.push(format!("{name}: {}", s.word));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
