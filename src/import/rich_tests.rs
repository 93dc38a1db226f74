//! Unit tests of the rich-text mapper.

use super::*;

fn run(text: &str) -> Inline {
    Inline::Run(Run {
        text: text.into(),
        ..Run::default()
    })
}

fn styled(text: &str, bold: bool, italic: bool, link: Option<&str>) -> Inline {
    Inline::Run(Run {
        text: text.into(),
        bold,
        italic,
        link: link.map(str::to_owned),
        font: None,
    })
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph {
        style: "normal".into(),
        inlines,
        ..Paragraph::default()
    })
}

fn md(inlines: &[Inline]) -> String {
    inline_markdown(inlines, &mut Converted::default())
}

#[test]
fn credits_split_off_captions() {
    assert_eq!(
        split_credit("Hội nghị tại xã (Ảnh: Mai Lan)"),
        ("Hội nghị tại xã".into(), "Mai Lan".into())
    );
    assert_eq!(
        split_credit("Hội nghị tại xã. Ảnh: Mai Lan"),
        ("Hội nghị tại xã.".into(), "Mai Lan".into())
    );
    assert_eq!(
        split_credit("Cầu tàu (Ảnh: Risto (ảnh mẫu))"),
        ("Cầu tàu".into(), "Risto (ảnh mẫu)".into())
    );
    assert_eq!(
        split_credit("Ảnh: Hoàng Thu"),
        (String::new(), "Hoàng Thu".into())
    );
    assert_eq!(
        split_credit("Bức tranh: đẹp"),
        ("Bức tranh: đẹp".into(), String::new())
    );
    assert_eq!(
        split_credit("Chụp ảnh: xong"),
        ("Chụp ảnh: xong".into(), String::new())
    );
}

#[test]
fn fonts_say_which_legacy_table() {
    assert_eq!(legacy_font(".VnTime"), Some((Legacy::Tcvn3, false)));
    assert_eq!(legacy_font(".VnTimeH"), Some((Legacy::Tcvn3, true)));
    assert_eq!(legacy_font(".VnArialH"), Some((Legacy::Tcvn3, true)));
    assert_eq!(legacy_font("VNI-Times"), Some((Legacy::Vni, false)));
    assert_eq!(legacy_font("Times New Roman"), None);
    assert_eq!(legacy_font("+theme"), None);
    let vni = Run {
        text: "Coäng hoøa".into(),
        font: Some("VNI-Times".into()),
        ..Run::default()
    };
    assert_eq!(run_text(&vni), ("Cộng hòa".into(), Some(Legacy::Vni)));
    // Unicode Vietnamese in an old font stays as it is.
    let uni = Run {
        text: "Cộng hòa".into(),
        font: Some(".VnTime".into()),
        ..Run::default()
    };
    assert_eq!(run_text(&uni), ("Cộng hòa".into(), None));
}

#[test]
fn runs_merge_and_emphasis_keeps_spaces_outside() {
    let inl = [
        styled("Hội nghị ", true, false, None),
        styled("toàn tỉnh ", true, false, None),
        run("diễn ra "),
        styled("trực tuyến", false, true, None),
        run(" tại "),
        styled("cổng", false, false, Some("https://backan.gov.vn")),
        styled(" tỉnh", true, false, Some("https://backan.gov.vn")),
        run(" và "),
        styled("đây", false, false, Some("javascript:alert(1)")),
    ];
    assert_eq!(
        md(&inl),
        "**Hội nghị toàn tỉnh** diễn ra *trực tuyến* tại [cổng **tỉnh**](https://backan.gov.vn) và đây"
    );
}

#[test]
fn markdown_punctuation_and_line_starts_are_escaped() {
    assert_eq!(
        md(&[run("a*b_c [x](y) <b> `c`")]),
        "a\\*b\\_c \\[x\\](y) \\<b\\> \\`c\\`"
    );
    assert_eq!(md(&[run("# không phải tiêu đề")]), "\\# không phải tiêu đề");
    assert_eq!(
        md(&[run("1. không phải danh sách")]),
        "1\\. không phải danh sách"
    );
    assert_eq!(md(&[run("- gạch")]), "\\- gạch");
    assert_eq!(md(&[run("Q&A &amp;")]), "Q&A \\&amp;");
    assert_eq!(
        md(&[run("dòng một"), Inline::Break, run("---")]),
        "dòng một\\\n\\---"
    );
    assert_eq!(md(&[Inline::Break, run("x"), Inline::Break]), "x");
}

#[test]
fn lists_number_per_level_and_nest() {
    let item = |level, ordered, t: &str| Block::ListItem {
        level,
        ordered,
        inlines: vec![run(t)],
    };
    let doc = RichDoc {
        blocks: vec![
            para(vec![run("Trước:")]),
            item(0, true, "một"),
            item(1, false, "a"),
            item(1, false, "b"),
            item(0, true, "hai"),
            item(1, true, "hai.một"),
            para(vec![run("Sau.")]),
            item(0, true, "lại từ đầu"),
        ],
        ..RichDoc::default()
    };
    assert_eq!(
        body_markdown(doc, 1).markdown,
        "Trước:\n\n1. một\n    - a\n    - b\n2. hai\n    1. hai.một\n\nSau.\n\n1. lại từ đầu"
    );
}

#[test]
fn pictures_take_the_caption_after_them() {
    let pic = |alt: &str| {
        Block::Picture(Picture {
            bytes: vec![1],
            name: "a.png".into(),
            alt: alt.into(),
            ..Picture::default()
        })
    };
    let cap = Block::Paragraph(Paragraph {
        style: "normal".into(),
        align: Align::Center,
        inlines: vec![run("Toàn cảnh (Ảnh: Mai Lan)")],
        ..Paragraph::default()
    });
    let doc = RichDoc {
        blocks: vec![
            pic("Hội trường"),
            cap,
            pic(""),
            para(vec![run(
                "Đoạn thường, không phải chú thích vì không căn giữa.",
            )]),
        ],
        ..RichDoc::default()
    };
    let piece = body_markdown(doc, 7);
    assert_eq!(
        piece.markdown,
        "[[Ảnh 7]]\n\n[[Ảnh 8]]\n\nĐoạn thường, không phải chú thích vì không căn giữa."
    );
    let p = &piece.photos[0].photo;
    assert_eq!(
        (p.id, p.caption.as_str(), p.credit.as_str(), p.alt.as_str()),
        (7, "Toàn cảnh", "Mai Lan", "Hội trường")
    );
    assert_eq!(piece.photos[1].photo.caption, "");
}

#[test]
fn tables_become_one_bullet_per_row() {
    let doc = RichDoc {
        blocks: vec![Block::Table(vec![
            vec![vec![run("Thôn")], vec![run("Sản lượng")]],
            vec![
                vec![run("Nà Ngần")],
                vec![run("120"), Inline::Break, run("tấn")],
            ],
            vec![vec![], vec![]],
        ])],
        ..RichDoc::default()
    };
    let piece = body_markdown(doc, 1);
    assert_eq!(piece.markdown, "- Thôn; Sản lượng\n- Nà Ngần; 120; tấn");
    assert_eq!(piece.report, vec![Note::Tables(1)]);
}

fn item(level: u8, ordered: bool, text: &str) -> Block {
    Block::ListItem {
        level,
        ordered,
        inlines: vec![run(text)],
    }
}

#[test]
fn numbers_after_bullets_are_a_list_of_their_own() {
    let doc = RichDoc {
        blocks: vec![
            item(0, false, "Một"),
            item(1, true, "Con a"),
            item(1, true, "Con b"),
            item(0, false, "Hai"),
            item(0, true, "Bước một"),
            item(0, true, "Bước hai"),
        ],
        ..RichDoc::default()
    };
    assert_eq!(
        body_markdown(doc, 1).markdown,
        "- Một\n    1. Con a\n    2. Con b\n- Hai\n\n1. Bước một\n2. Bước hai"
    );
}

#[test]
fn quoted_paragraphs_in_a_row_are_one_quote() {
    let quote = |t: &str| {
        Block::Paragraph(Paragraph {
            quote: true,
            inlines: vec![run(t)],
            ..Paragraph::default()
        })
    };
    let doc = RichDoc {
        blocks: vec![
            quote("Câu một."),
            quote("# Câu hai"),
            para(vec![run("Sau.")]),
        ],
        ..RichDoc::default()
    };
    assert_eq!(
        body_markdown(doc, 1).markdown,
        "> Câu một.\n>\n> \\# Câu hai\n\nSau."
    );
}
