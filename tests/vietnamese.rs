//! The shared sample article passes through paste, NFC, tone style, the
//! checks and export unchanged; a TCVN3 paste converts back.

use tinxa::text::{self, legacy, tone, typos};

const SAMPLE: &str = include_str!("../examples/cao-son-2024-01-25.txt");

#[test]
fn sample_passes_through_paste_nfc_tone_and_export_unchanged() {
    assert_eq!(text::clean_multiline(SAMPLE), SAMPLE, "paste");
    assert_eq!(text::nfc(SAMPLE), SAMPLE, "NFC");
    assert_eq!(
        tone::apply(SAMPLE, tone::ToneStyle::Old),
        SAMPLE,
        "house style"
    );
    assert!(!tone::is_mixed(SAMPLE));
    assert_eq!(
        legacy::detect_text(SAMPLE),
        None,
        "never taken for legacy text"
    );
    assert!(
        typos::find_suspects(SAMPLE).is_empty(),
        "no typing-mistake warning"
    );

    let t = tempfile::tempdir().unwrap();
    let store = tinxa::draft::Store::new(t.path());
    let d = tinxa::sample::create(&store).unwrap();
    let problems = tinxa::check::check(
        &d.article,
        Some(&d.dir),
        &Default::default(),
        tinxa::lang::Lang::Vi,
    );
    assert!(problems.is_empty(), "{problems:#?}");
    let out = tinxa::export::export(&d, t.path(), &Default::default(), &|_, _| {}).unwrap();
    let html = std::fs::read_to_string(out.path).unwrap();
    for para in SAMPLE
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        assert!(html.contains(para), "exported unchanged: {para}");
    }
}

#[test]
fn a_tcvn3_paste_converts_back_to_unicode() {
    let original = "Tham dự tại điểm cầu xã Cao Sơn có các đồng chí ủy viên BCH Đảng bộ xã";
    // What a reporter sees when pasting from a .VnTime document: the TCVN3
    // bytes shown as Windows-1252.
    let pasted: String = legacy::encode(original, legacy::Legacy::Tcvn3)
        .iter()
        .map(|&b| cp1252(b))
        .collect();
    assert_ne!(pasted, original);
    let (enc, converted) = legacy::convert_auto(&pasted).expect("detected");
    assert_eq!(enc, legacy::Legacy::Tcvn3);
    assert_eq!(converted, original);
    eprintln!("before: {pasted}\nafter:  {converted}");
}

/// Windows-1252 byte to char (the C1 range as Windows shows it).
fn cp1252(b: u8) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => C1[(b - 0x80) as usize],
        _ => b as char,
    }
}
