use super::*;
use crate::text::syllable::{HOI, HUYEN, NANG, NGA, SAC};

const SAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cao-son-2024-01-25.txt"
));

fn words(c: &Checker, text: &str) -> Vec<String> {
    c.check_text(text)
        .into_iter()
        .map(|(_, s)| s.word)
        .collect()
}

fn first(c: &Checker, word: &str) -> Option<String> {
    let found = c.check_line(word);
    assert_eq!(found.len(), 1, "{word}: {found:?}");
    found[0].suggestions.first().cloned()
}

/// Every rhyme (vần) of Vietnamese, written without a tone.
const RHYMES: &str = "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy \
    ưa ưi ưu iêu yêu oai oay oeo uây uôi uya uyu ươi ươu \
    ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât ec em en eng ep et \
    êch êm ên ênh êp êt ich im in inh ip it oc om on ong op ot ôc ôm ôn ông ôp ôt ơm ơn ơp ơt \
    uc um un ung up ut ưc ưm ưn ưng ưt iêc iêm iên iêng iêp iêt yêm yên yêt \
    oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt oen oet ooc oong \
    uân uâng uât uêch uênh uôc uôm uôn uông uôt uych uynh uyt uyên uyêt \
    ươc ươm ươn ương ươp ươt";

/// Onsets each rhyme can take (k before front vowels, c elsewhere; none before yê).
fn onset_for(rhyme: &str) -> &'static str {
    match rhyme.chars().next() {
        Some('y') => "",
        Some('e' | 'ê' | 'i') => "k",
        Some('u') if rhyme.starts_with("uy") => "h",
        _ => "t",
    }
}

#[test]
fn every_rhyme_with_every_tone_in_both_styles_is_valid() {
    let mut checked = 0;
    for rhyme in RHYMES.split_whitespace() {
        let base = format!("{}{}", onset_for(rhyme), rhyme);
        let letters: Vec<char> = base.chars().collect();
        let closed_stop = ["c", "ch", "p", "t"].iter().any(|c| rhyme.ends_with(c));
        let tones: &[usize] = if closed_stop {
            &[SAC, NANG]
        } else {
            &[0, HUYEN, HOI, NGA, SAC, NANG]
        };
        for &t in tones {
            for style in [ToneStyle::Old, ToneStyle::New] {
                let w = compose(&letters, t, style, Case::Lower)
                    .unwrap_or_else(|| panic!("{base} tone {t} does not compose"));
                assert!(syllable::is_valid(&w), "{w}");
                assert!(Checker::new(style).check_line(&w).is_empty(), "{w}");
                let cap = compose(&letters, t, style, Case::Title).unwrap();
                assert!(syllable::is_valid(&cap), "{cap}");
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    // The two styles of the same words.
    for w in [
        "hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "Ủy", "Uỷ", "lũy", "luỹ",
    ] {
        assert!(syllable::is_valid(w), "{w}");
    }
}

#[test]
fn invalid_forms_per_rule() {
    let table: [(&str, &[&str]); 8] = [
        (
            "mark on an impossible vowel",
            &["mừơi", "ngừơi", "Việtj", "hóà", "tìên", "muốí"],
        ),
        ("k/c/q", &["ká", "cinh", "kông", "cuyết", "qá", "quu"]),
        ("g/gh", &["gế", "ghà", "ghô"]),
        ("ng/ngh", &["ngê", "nghà", "ngĩa", "nghung"]),
        (
            "coda",
            &["bàt", "hòc", "lăn̂", "tiêngn", "nhaa", "ăng̃", "hàp"],
        ),
        ("vowel cluster", &["bă", "tiê", "uơn", "hoio", "quyê"]),
        ("ch/nh after a back vowel", &["ốch", "unh", "ơnh"]),
        ("letters", &["Vieejt", "Tieêếng", "ddaays"]),
    ];
    let c = Checker::new(ToneStyle::Old);
    for (rule, forms) in table {
        for w in forms {
            let nfc_w: String = w.nfc().collect();
            assert!(!syllable::is_valid(&nfc_w), "{rule}: {w}");
            assert_eq!(
                words(&c, &format!("Chúng tôi {w} về.")),
                vec![nfc_w.clone()],
                "{rule}: {w}"
            );
        }
    }
}

#[test]
fn the_sample_has_no_suspect_word() {
    for style in [ToneStyle::Old, ToneStyle::New] {
        let c = Checker::new(style);
        assert_eq!(words(&c, SAMPLE), Vec::<String>::new());
        let other = tone::apply(SAMPLE, ToneStyle::New);
        assert_eq!(words(&c, &other), Vec::<String>::new());
    }
}

#[test]
fn exceptions_are_never_flagged() {
    let c = Checker::new(ToneStyle::Old);
    let text = "Theo Nghị quyết 46-NQ/TW, UBND, HĐND, BCH, MTTQ và COVID-19, SARS-CoV-2 trên Facebook, \
                Zalo, YouTube, TikTok, iPhone, Wi-Fi. Đường 5 km, 20 kg, 3 m, 2 ha; tp. Hà Nội. \
                Bà con Ê Đê, M'Nông, Gia Rai ở Đắk Lắk, Krông Búk, Kơ Nia, Chư Prông, Ia Grai, Đăk Glei, \
                Cư M'gar, Bắc Kạn, Kon Tum, Đakrông; ông Y Ngông Niê Kdăm, bà H'Hen Niê, anh Ksor Phước. \
                Cầu thủ Özil, phố Straße, José. Hòa và hoà, thủy và thuỷ, khỏe và khoẻ. Ăn xoong, boong tàu.";
    assert_eq!(words(&c, text), Vec::<String>::new());
    // The same names in lower case are flagged: they are names, not words.
    assert_eq!(words(&c, "xã krông búk"), vec!["krông", "búk"]);
    // An English line is left alone; an English word in a Vietnamese line is not.
    assert_eq!(
        words(&c, "The report is about the trees and the river."),
        Vec::<String>::new()
    );
    assert_eq!(words(&c, "Chúng tôi bàn về river hôm nay."), vec!["river"]);
}

#[test]
fn a_capitalised_word_mid_sentence_is_a_name() {
    struct Few;
    impl Lexicon for Few {
        fn knows(&self, w: &str) -> bool {
            ["chúng", "tôi", "gặp", "ông", "ở", "xã", "hòa", "bình"].contains(&w)
        }
    }
    let c = Checker::new(ToneStyle::Old).with_list(Some(Arc::new(Few)));
    // "Lừng" is valid but unknown: a name in mid-sentence, a word at the start.
    assert_eq!(
        words(&c, "Chúng tôi gặp ông Lừng ở xã."),
        Vec::<String>::new()
    );
    assert_eq!(words(&c, "Lừng tôi gặp ông."), vec!["Lừng"]);
    assert_eq!(words(&c, "Chúng tôi gặp lừng."), vec!["lừng"]);
    // An invalid one is flagged wherever it stands.
    assert_eq!(words(&c, "Chúng tôi gặp ông Lừngg ở xã."), vec!["Lừngg"]);
    // Either tone style is looked up.
    assert_eq!(words(&c, "Chúng tôi hoà bình."), Vec::<String>::new());
    // Suggestions from the list come first.
    assert_eq!(c.suggest("bìnk"), vec!["bình"]);
}

#[test]
fn personal_dictionary_and_ignore_list() {
    let c = Checker::new(ToneStyle::Old).accept(["Kroong", "bla bla"]);
    assert_eq!(words(&c, "đi kroong, bla Bla nhé"), Vec::<String>::new());
    assert_eq!(words(&c, "đi kroongg"), vec!["kroongg"]);
}

#[test]
fn suggestions_best_first() {
    let c = Checker::new(ToneStyle::Old);
    assert_eq!(first(&c, "Vieejt").as_deref(), Some("Việt"));
    assert_eq!(first(&c, "ddoongf").as_deref(), Some("đồng"));
    assert_eq!(first(&c, "Tieêếng").as_deref(), Some("Tiếng"));
    assert_eq!(first(&c, "Vie65t").as_deref(), Some("Việt"));
    assert_eq!(first(&c, "d9o6ng2").as_deref(), Some("đồng"));
    assert_eq!(first(&c, "mừơi").as_deref(), Some("mười"));
    assert_eq!(first(&c, "ngừơi").as_deref(), Some("người"));
    assert_eq!(first(&c, "kông").as_deref(), Some("công"));
    assert_eq!(first(&c, "ngê").as_deref(), Some("nghê"));
    assert_eq!(first(&c, "gế").as_deref(), Some("ghế"));
    assert!(c.suggest("nhữgn").contains(&"những".to_owned()));
    // The house style decides where the mark goes.
    assert_eq!(first(&c, "hoaf").as_deref(), Some("hòa"));
    let new = Checker::new(ToneStyle::New);
    assert_eq!(first(&new, "hoaf").as_deref(), Some("hoà"));
    assert_eq!(first(&new, "Thuyr").as_deref(), Some("Thuỷ"));
    // Capitals are kept.
    assert_eq!(first(&c, "VIỆTJ").as_deref(), Some("VIỆT"));
}

#[test]
fn positions_are_bytes_and_characters() {
    let c = Checker::new(ToneStyle::Old);
    let line = "Người dân “Vieejt” đi";
    let s = &c.check_line(line)[0];
    assert_eq!(&line[s.range.clone()], "Vieejt");
    assert_eq!(s.column, 11);
    assert_eq!(s.reason, Reason::Leftover);
    assert_eq!(c.ranges(line), vec![s.range.clone()]);
}

#[test]
fn only_edited_lines_are_checked_again() {
    let c = Checker::new(ToneStyle::Old);
    let mut cache = LineCache::default();
    let text = "Dòng một.\nDòng hai có Vieejt.\n\nDòng bốn.";
    assert_eq!(cache.update(&c, text), 4);
    assert_eq!(cache.all().count(), 1);
    assert_eq!(cache.line(1)[0].word, "Vieejt");
    let edited = text.replace("Vieejt", "Việt");
    assert_eq!(cache.update(&c, &edited), 1);
    assert_eq!(cache.all().count(), 0);
    let more = format!("Mới tooi.\n{edited}");
    assert_eq!(cache.update(&c, &more), 1);
    assert_eq!(cache.line(0)[0].word, "tooi");
}
