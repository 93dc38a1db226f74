use super::*;

const SAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cao-son-2024-01-25.txt"
));

/// The capitals TCVN3 cannot hold: every upper-case vowel with a tone mark.
const TCVN3_LOST_CAPITALS: &str = "ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ";

/// The 134 Vietnamese letters outside ASCII, lower and upper case.
fn all_marked_letters() -> Vec<char> {
    let mut v = Vec::new();
    for row in VOWELS {
        for c in row {
            if !c.is_ascii() {
                v.push(c);
                v.push(c.to_uppercase().next().unwrap());
            }
        }
    }
    v.push('đ');
    v.push('Đ');
    v
}

/// Simulates a paste: legacy bytes shown through Windows-1252.
fn as_cp1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

fn paragraphs(s: &str) -> Vec<&str> {
    s.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// What TCVN3 gives back for `s`: its toned capitals in lower case.
fn tcvn3_expected(s: &str) -> String {
    s.chars()
        .map(|c| {
            if TCVN3_LOST_CAPITALS.contains(c) {
                c.to_lowercase().next().unwrap()
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn there_are_134_letters_and_they_are_nfc() {
    let all = all_marked_letters();
    assert_eq!(all.len(), 134);
    let s: String = all.iter().collect();
    assert_eq!(s.nfc().collect::<String>(), s);
    assert_eq!(TCVN3_LOST_CAPITALS.chars().count(), 60);
}

#[test]
fn tcvn3_every_letter_both_directions() {
    let mut lost = String::new();
    for c in all_marked_letters() {
        let s = c.to_string();
        let bytes = encode(&s, Legacy::Tcvn3);
        assert_eq!(bytes.len(), 1, "{c} is one byte in TCVN3");
        assert!(bytes[0] >= 0xA1, "{c} -> {:#X}", bytes[0]);
        let back = decode_bytes(&bytes, Legacy::Tcvn3);
        assert_eq!(from_misdecoded(&as_cp1252(&bytes), Legacy::Tcvn3), back);
        if back != s {
            assert_eq!(
                back,
                c.to_lowercase().to_string(),
                "{c} must come back in lower case"
            );
            lost.push(c);
        }
    }
    assert_eq!(lost, TCVN3_LOST_CAPITALS);
    // Spot checks against the published table.
    assert_eq!(encode("ộ", Legacy::Tcvn3), [0xE9]);
    assert_eq!(encode("đ", Legacy::Tcvn3), [0xAE]);
    assert_eq!(encode("Đ", Legacy::Tcvn3), [0xA7]);
    assert_eq!(encode("ư", Legacy::Tcvn3), [0xAD]);
    assert_eq!(encode("á", Legacy::Tcvn3), [0xB8]);
    assert_eq!(encode("ỵ", Legacy::Tcvn3), [0xFE]);
    assert_eq!(encode("Ấ", Legacy::Tcvn3), encode("ấ", Legacy::Tcvn3));
    assert_eq!(
        decode_bytes(&[0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7], Legacy::Tcvn3),
        "ĂÂÊÔƠƯĐ"
    );
}

#[test]
fn vni_every_letter_both_directions() {
    for c in all_marked_letters() {
        let s = c.to_string();
        let bytes = encode(&s, Legacy::Vni);
        assert!(!bytes.contains(&b'?'), "{c}");
        assert_eq!(
            decode_bytes(&bytes, Legacy::Vni),
            s,
            "{c} via bytes {bytes:X?}"
        );
        assert_eq!(
            from_misdecoded(&as_cp1252(&bytes), Legacy::Vni),
            s,
            "{c} via paste"
        );
    }
    assert_eq!(encode("à", Legacy::Vni), [b'a', 0xF8]);
    assert_eq!(encode("Ầ", Legacy::Vni), [b'A', 0xC0]);
    assert_eq!(encode("ợ", Legacy::Vni), [0xF4, 0xEF]);
    assert_eq!(encode("Ư", Legacy::Vni), [0xD6]);
    assert_eq!(encode("ĩ", Legacy::Vni), [0xF3]);
    assert_eq!(encode("ỵ", Legacy::Vni), [0xEE]);
    assert_eq!(encode("ặ", Legacy::Vni), [b'a', 0xEB]);
}

#[test]
fn every_letter_in_one_run_round_trips() {
    let mut run: String = all_marked_letters().into_iter().collect();
    run.push_str("aeiouyAEIOUY");
    assert_eq!(decode_bytes(&encode(&run, Legacy::Vni), Legacy::Vni), run);
    assert_eq!(
        decode_bytes(&encode(&run, Legacy::Tcvn3), Legacy::Tcvn3),
        tcvn3_expected(&run)
    );
}

#[test]
fn decomposed_input_is_encoded_like_nfc() {
    let nfd: String = "Việt Nam".nfd().collect();
    assert_eq!(encode(&nfd, Legacy::Vni), encode("Việt Nam", Legacy::Vni));
    assert_eq!(
        encode(&nfd, Legacy::Tcvn3),
        encode("Việt Nam", Legacy::Tcvn3)
    );
}

#[test]
fn the_two_example_pastes() {
    assert_eq!(
        from_misdecoded("Céng hßa x· héi chñ nghÜa ViÖt Nam", Legacy::Tcvn3),
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    );
    assert_eq!(
        from_misdecoded("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", Legacy::Vni),
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    );
    assert_eq!(
        detect_text("Céng hßa x· héi chñ nghÜa ViÖt Nam"),
        Some(Legacy::Tcvn3)
    );
    assert_eq!(
        detect_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
        Some(Legacy::Vni)
    );
    assert_eq!(
        convert_auto("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
        Some((Legacy::Vni, "Cộng hòa xã hội chủ nghĩa Việt Nam".to_owned()))
    );
}

#[test]
fn unrepresentable_characters_become_question_marks() {
    assert_eq!(encode("x → y", Legacy::Tcvn3), b"x ? y");
    assert_eq!(encode("Straße", Legacy::Vni), b"Stra?e");
    assert_eq!(encode("©", Legacy::Tcvn3), b"?");
    // Windows punctuation survives in both; Latin-1 symbols survive in VNI.
    assert_eq!(encode("a – b “c”", Legacy::Tcvn3), b"a \x96 b \x93c\x94");
    assert_eq!(decode_bytes(b"a \x96 b", Legacy::Tcvn3), "a – b");
    assert_eq!(
        decode_bytes(&encode("© 25 °C, ½", Legacy::Vni), Legacy::Vni),
        "© 25 °C, ½"
    );
}

#[test]
fn latin1_decoded_c1_controls_are_understood() {
    // A Latin-1 (not Windows-1252) decoder turns 0x96 into U+0096.
    assert_eq!(from_misdecoded("H\u{96}i", Legacy::Tcvn3), "H–i");
}

#[test]
fn sample_paragraphs_encoded_are_detected_and_restored() {
    for p in paragraphs(SAMPLE) {
        for enc in [Legacy::Tcvn3, Legacy::Vni] {
            let bytes = encode(p, enc);
            let pasted = as_cp1252(&bytes);
            assert_eq!(detect_text(&pasted), Some(enc), "{enc:?}: {pasted}");
            assert_eq!(detect_bytes(&bytes), Some(enc), "{enc:?} bytes: {p}");
            let expected = if enc == Legacy::Tcvn3 {
                tcvn3_expected(p)
            } else {
                p.to_owned()
            };
            assert_eq!(convert_auto(&pasted), Some((enc, expected.clone())));
            assert_eq!(decode_bytes(&bytes, enc), expected);
        }
    }
}

#[test]
fn more_legacy_paragraphs_are_detected() {
    let texts = [
        "Ủy ban nhân dân xã tổ chức lễ ra quân làm đường giao thông nông thôn, mọi người đều hưởng ứng.",
        "Sáng nay, đoàn viên thanh niên đã thăm hỏi, tặng quà các gia đình chính sách trên địa bàn.",
        "Đường về bản còn khó khăn nhưng bà con vẫn chăm lo sức khỏe, giữ gìn vệ sinh môi trường.",
        "THÔNG BÁO: Lịch tiếp công dân của Chủ tịch UBND xã trong tháng Hai.",
    ];
    for t in texts {
        for enc in [Legacy::Tcvn3, Legacy::Vni] {
            let pasted = as_cp1252(&encode(t, enc));
            assert_eq!(detect_text(&pasted), Some(enc), "{enc:?}: {pasted}");
        }
    }
}

#[test]
fn good_text_is_never_detected() {
    assert_eq!(detect_text(SAMPLE), None);
    for p in paragraphs(SAMPLE) {
        assert_eq!(detect_text(p), None, "{p}");
        for line in p.split(['.', ';', ',']) {
            assert_eq!(detect_text(line), None, "{line}");
        }
    }
    let letters: String = all_marked_letters().into_iter().collect();
    assert_eq!(detect_text(&letters), None);
    let spaced: Vec<String> = all_marked_letters().iter().map(char::to_string).collect();
    assert_eq!(detect_text(&spaced.join(" ")), None);
    for c in all_marked_letters() {
        assert_eq!(detect_text(&c.to_string()), None, "{c}");
        assert_eq!(detect_text(&format!("{c} {c} {c} {c}{c}")), None, "{c}");
    }
    let others = [
        "The quick brown fox jumps over the lazy dog.",
        "© 2024 UBND xã Cao Sơn. Nhiệt độ 25 °C, ½ số hộ đã nhận quà.",
        "Die Straße in Düsseldorf ist groß; Mesut Özil spielte für Schalke. Größe, Fußball, weiß, heiß.",
        "Özil, Ödegaard, Öcalan, Müller, Böhm, Löw, Gößmann, Straße, Maß.",
        "Où est la gare? Voilà, c'est très près d'ici, à côté du café.",
        "Sân vận động Mỹ Đình, cầu thủ Özil, nhà hàng Müller, phố Straße.",
        "Covid-19, Facebook, Zoom, Google, email, wifi, 46-NQ/TW, BCH, Hà Nội.",
        "°C ½ © ß Ö ü ä ø æ ñ µ « » ¡ ¿ ¶ § ® ¸ ·",
    ];
    for t in others {
        assert_eq!(detect_text(t), None, "{t}");
    }
    let nfd: String = SAMPLE.nfd().collect();
    assert_eq!(detect_text(&nfd), None);
    assert_eq!(detect_text(&SAMPLE.to_uppercase()), None);
    assert_eq!(detect_text(&SAMPLE.to_lowercase()), None);
    assert_eq!(detect_bytes(SAMPLE.as_bytes()), None);
    assert_eq!(detect_bytes(b"plain ascii"), None);
}

#[test]
fn syllable_check() {
    for ok in [
        "Cộng", "hòa", "hoà", "khỏe", "khoẻ", "thủy", "thuỷ", "quý", "già", "gì", "Nguyễn",
        "người", "xoong", "khuya", "Ủy", "được", "thuở", "ĐẢNG",
    ] {
        assert!(is_valid_syllable(ok), "{ok}");
    }
    for bad in [
        "Céng", "héi", "xaõ", "caùc", "hàt", "ngêi", "Kạn", "ăn̂", "bă", "Nam1", "Özil", "gìa",
    ] {
        assert!(!is_valid_syllable(bad), "{bad}");
    }
}
