//! Spell check speed: a full check of a 10,000-word body (target ≤ 10 ms),
//! the highlighter's per-line call and a re-check after one edit.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tinxa::text::spell::{Checker, LineCache};
use tinxa::text::tone::ToneStyle;
use tinxa::text::word_count;

/// 10,000 words of real Vietnamese (the quality corpus) with a slip every ~200 words.
fn body() -> String {
    let mut out = String::new();
    let mut words = 0;
    for (i, line) in include_str!("../tests/fixtures/spell/corpus.txt")
        .lines()
        .enumerate()
    {
        if words >= 10_000 {
            break;
        }
        let line = if i % 10 == 0 {
            line.replacen("các", "cacs", 1)
                .replacen("người", "nguwowfi", 1)
        } else {
            line.to_owned()
        };
        words += word_count(&line);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = body();
    let words = word_count(&text);
    assert!(words >= 10_000, "{words}");
    let checker = Checker::new(ToneStyle::Old);
    let found = checker.check_text(&text).len();
    println!("{words} words, {found} suspects");
    c.bench_function("spell: full check of 10,000 words", |b| {
        b.iter(|| black_box(checker.check_text(black_box(&text))))
    });
    c.bench_function("spell: highlighter ranges of 10,000 words", |b| {
        b.iter(|| {
            for line in text.lines() {
                black_box(checker.ranges(black_box(line)));
            }
        })
    });
    c.bench_function(
        "spell: first check of 10,000 words into the line cache",
        |b| {
            b.iter(|| {
                let mut cache = LineCache::default();
                black_box(cache.update(&checker, black_box(&text)))
            })
        },
    );
    let mut cache = LineCache::default();
    cache.update(&checker, &text);
    let edited = text.replacen("gói", "gioó", 1);
    c.bench_function("spell: re-check after one edit (10,000 words)", |b| {
        b.iter(|| {
            cache.update(&checker, black_box(&edited));
            cache.update(&checker, black_box(&text));
        })
    });
    if let Some(f) = tinxa::wordlist::find(None)
        && let Ok(list) = tinxa::wordlist::load(&f)
    {
        let with_list = Checker::new(ToneStyle::Old).with_list(Some(list));
        c.bench_function("spell: full check of 10,000 words with hunspell-vi", |b| {
            b.iter(|| black_box(with_list.check_text(black_box(&text))))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
