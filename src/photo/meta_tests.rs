use super::*;

/// A TIFF with IFD0 holding `entries` (tag, type, bytes), little- or big-endian.
fn tiff(little: bool, entries: &[(u16, u16, &[u8])]) -> Vec<u8> {
    let w16 = |v: u16| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let w32 = |v: u32| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let mut t = if little {
        b"II*\0".to_vec()
    } else {
        b"MM\0*".to_vec()
    };
    t.extend(w32(8));
    t.extend(w16(entries.len() as u16));
    let mut data_at = 8 + 2 + entries.len() * 12 + 4;
    let mut data = Vec::new();
    for (tag, kind, v) in entries {
        t.extend(w16(*tag));
        t.extend(w16(*kind));
        t.extend(w32(v.len() as u32));
        if v.len() <= 4 {
            let mut inline = v.to_vec();
            inline.resize(4, 0);
            t.extend(inline);
        } else {
            t.extend(w32(data_at as u32));
            data.extend_from_slice(v);
            data_at += v.len();
        }
    }
    t.extend(w32(0));
    t.extend(data);
    t
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect()
}

fn jpeg_with(segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    for (m, payload) in segments {
        j.extend([0xFF, *m]);
        j.extend(((payload.len() + 2) as u16).to_be_bytes());
        j.extend(payload);
    }
    j.extend([0xFF, 0xDA, 0, 2, 0xFF, 0xD9]);
    j
}

fn exif_segment(t: Vec<u8>) -> (u8, Vec<u8>) {
    let mut p = b"Exif\0\0".to_vec();
    p.extend(t);
    (0xE1, p)
}

fn iptc_segment(records: &[(u8, u8, &[u8])]) -> (u8, Vec<u8>) {
    let mut iim = Vec::new();
    for (r, d, v) in records {
        iim.extend([0x1C, *r, *d]);
        iim.extend((v.len() as u16).to_be_bytes());
        iim.extend(*v);
    }
    let mut p = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    p.extend((iim.len() as u32).to_be_bytes());
    p.extend(&iim);
    if iim.len() % 2 == 1 {
        p.push(0);
    }
    (0xED, p)
}

#[test]
fn exif_ifd0_in_both_byte_orders() {
    for little in [true, false] {
        let t = tiff(
            little,
            &[
                (0x010E, 2, "Lễ hội đua ghe ngo\0".as_bytes()),
                (0x013B, 2, b"Ly\0"),
                (0x9C9B, 1, &utf16("Đua ghe")),
            ],
        );
        let m = read_meta(&jpeg_with(&[exif_segment(t)]));
        assert_eq!(m.description.as_deref(), Some("Lễ hội đua ghe ngo"));
        assert_eq!(m.creator.as_deref(), Some("Ly"));
        assert_eq!(m.title.as_deref(), Some("Đua ghe"));
    }
}

#[test]
fn boilerplate_falls_through_to_the_next_source() {
    let t = tiff(
        true,
        &[
            (0x010E, 2, b"SAMSUNG CAMERA PICTURES\0"),
            (0x9C9C, 1, &utf16("Chợ phiên sáng chủ nhật")),
        ],
    );
    let m = read_meta(&jpeg_with(&[exif_segment(t)]));
    assert_eq!(m.description.as_deref(), Some("Chợ phiên sáng chủ nhật"));
    for b in [
        "OLYMPUS DIGITAL CAMERA",
        "  default ",
        "DCIM\\100MEDIA",
        "DCIM/Camera",
        "   ",
        "",
        "...",
    ] {
        assert!(is_boilerplate(b), "{b:?}");
    }
    assert!(!is_boilerplate("Đắk Lắk"));
    assert!(!is_boilerplate("Ảnh: UBND xã"));
}

#[test]
fn iptc_utf8_declared_and_latin1() {
    let utf8 = iptc_segment(&[
        (1, 90, b"\x1b%G"),
        (2, 120, "Nông dân thu hoạch lúa".as_bytes()),
        (2, 80, "Phạm Thị C".as_bytes()),
    ]);
    let m = read_meta(&jpeg_with(&[utf8]));
    assert_eq!(m.description.as_deref(), Some("Nông dân thu hoạch lúa"));
    assert_eq!(m.creator.as_deref(), Some("Phạm Thị C"));
    let latin = iptc_segment(&[(2, 120, b"Caf\xe9 du march\xe9"), (2, 80, b"Ren\xe9")]);
    let m = read_meta(&jpeg_with(&[latin]));
    assert_eq!(m.description.as_deref(), Some("Café du marché"));
    assert_eq!(m.creator.as_deref(), Some("René"));
}

#[test]
fn xmp_dublin_core_and_never_location() {
    let xmp = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description
 exif:GPSLatitude="21,1.5N" photoshop:City="Hà Nội">
 <dc:creator><rdf:Seq><rdf:li>Lê Văn D</rdf:li><rdf:li>Hoàng E</rdf:li></rdf:Seq></dc:creator>
 <dc:description><rdf:Alt><rdf:li xml:lang="en">Rice</rdf:li><rdf:li xml:lang="x-default">Gặt lúa &amp; phơi rơm</rdf:li></rdf:Alt></dc:description>
 <dc:creatorTool>Camera</dc:creatorTool>
 </rdf:Description></rdf:RDF></x:xmpmeta>"#;
    let mut seg = XMP_ID.to_vec();
    seg.extend(xmp.as_bytes());
    let m = read_meta(&jpeg_with(&[(0xE1, seg)]));
    assert_eq!(m.description.as_deref(), Some("Gặt lúa & phơi rơm"));
    assert_eq!(m.creator.as_deref(), Some("Lê Văn D, Hoàng E"));
    assert_eq!(m.title, None);
    let all = format!("{m:?}");
    assert!(!all.contains("21,1.5") && !all.contains("Hà Nội"), "{all}");
}

#[test]
fn xmp_wins_over_iptc_and_exif() {
    let mut x = XMP_ID.to_vec();
    x.extend(
        "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Từ XMP</rdf:li></rdf:Alt></dc:description>"
            .as_bytes(),
    );
    let t = tiff(true, &[(0x010E, 2, "Từ EXIF\0".as_bytes())]);
    let i = iptc_segment(&[(2, 120, "Từ IPTC".as_bytes())]);
    let m = read_meta(&jpeg_with(&[exif_segment(t.clone()), (0xE1, x), i.clone()]));
    assert_eq!(m.description.as_deref(), Some("Từ XMP"));
    let m = read_meta(&jpeg_with(&[exif_segment(t), i]));
    assert_eq!(m.description.as_deref(), Some("Từ IPTC"));
}

#[test]
fn garbage_never_panics() {
    let t = tiff(true, &[(0x010E, 2, b"0123456789")]);
    for cut in 0..t.len() {
        read_meta(&jpeg_with(&[exif_segment(t[..cut].to_vec())]));
    }
    let (_, i) = iptc_segment(&[(2, 120, b"abcdef")]);
    for cut in 0..i.len() {
        read_meta(&jpeg_with(&[(0xED, i[..cut].to_vec())]));
    }
    assert_eq!(read_meta(b""), PhotoMeta::default());
    assert_eq!(read_meta(b"\xFF\xD8\xFF\xE1\xFF\xFF"), PhotoMeta::default());
    assert_eq!(unescape("a &bogus; &#x1F600; &#65;"), "a &bogus; 😀 A");
}

#[test]
fn exiftool_tagged_seed_reads_as_tagged() {
    // Made by ImageMagick + exiftool (tests/fixtures/fuzz/photo_meta/README.md).
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz/photo_meta"
    );
    let m = read_meta_file(&Path::new(dir).join("seed-tagged.jpg")).unwrap();
    assert_eq!(m.description.as_deref(), Some("Chợ phiên"));
    assert_eq!(m.title.as_deref(), Some("Đồng Văn"));
    assert_eq!(m.creator.as_deref(), Some("Lò Văn Chiến"));
    let m = read_meta_file(&Path::new(dir).join("seed-latin1.jpg")).unwrap();
    assert_eq!(
        m.description.as_deref(),
        Some("Chợ phiên"),
        "XMP still first"
    );
    let data = std::fs::read(Path::new(dir).join("seed-latin1.jpg")).unwrap();
    let mut found = Found::default();
    let iptc = jpeg_segments(&data)
        .find(|(m, s)| *m == 0xED && s.starts_with(b"Photoshop 3.0\0"))
        .and_then(|(_, s)| photoshop_iptc(&s[14..]))
        .unwrap();
    read_iim(iptc, &mut found);
    assert_eq!(found.description, vec!["Café".to_owned()]);
}
