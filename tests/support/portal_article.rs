//! The article the portal tests paste, export and print: the shared Cao Sơn
//! text (../shared/samples) with a title, sapo, byline, two sub-headings, a
//! bold and an italic span, and two photos from ../shared/photos — a
//! landscape one and a portrait one stored sideways (EXIF orientation 6).

#![allow(dead_code)]

use std::path::Path;

use tinxa::draft::{Draft, Store};

pub const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");

pub const HEADING_2: &str = "Quán triệt các văn bản mới";
pub const HEADING_3: &str = "Chỉ đạo của đồng chí Bí thư Tỉnh ủy";
pub const BOLD: &str = "Đồng chí Bí thư Tỉnh ủy nhấn mạnh:";
pub const ITALIC: &str = "Tết cổ truyền Xuân Giáp Thìn 2024";

/// Creates the article as a draft in a store under `home`.
pub fn create(home: &Path) -> Draft {
    let text = std::fs::read_to_string(format!("{SHARED}/samples/cao-son-2024-01-25.txt"))
        .expect("../shared/samples/cao-son-2024-01-25.txt");
    let mut a = tinxa::import::article_from_text(&text);
    a.title = "Xã Cao Sơn dự hội nghị quán triệt văn bản mới".into();
    a.sapo = "Sáng 25/01/2024, cán bộ, đảng viên xã Cao Sơn dự Hội nghị thông tin thời sự và quán triệt, triển khai văn bản mới của Trung ương, của tỉnh.".into();
    a.place = "xã Cao Sơn".into();
    a.date = chrono::NaiveDate::from_ymd_opt(2024, 1, 25);
    a.category = "Tin hoạt động".into();
    a.tags = vec!["hội nghị".into(), "Cao Sơn".into()];
    let mut paras: Vec<String> = a.body.split("\n\n").map(str::to_owned).collect();
    // paras: 0, 1 text; 2 the caption line; 3, 4 text.
    assert_eq!(paras.len(), 5, "the shared sample changed");
    paras[4] = paras[4]
        .replace(BOLD, &format!("**{BOLD}**"))
        .replace(ITALIC, &format!("*{ITALIC}*"));
    a.body = String::new();
    let store = Store::new(home);
    let mut d = store.create(a).unwrap();
    let photos = Path::new(SHARED).join("photos");
    for (file, caption, credit, alt) in [
        (
            "photo02_BytheWater.jpg",
            "Hình ảnh tại điểm cầu xã Cao Sơn",
            "Dương Tập",
            "Cầu tàu gỗ bên mặt nước",
        ),
        (
            "exif_orientation6_TwoWings.jpg",
            "Đảng viên chi bộ thôn Nà Đán theo dõi hội nghị",
            "Hoàng Thị Thủy",
            "Ảnh dọc: đôi cánh",
        ),
    ] {
        let id = d.add_photo(&photos.join(file)).unwrap();
        let p = d.article.photos.iter_mut().find(|p| p.id == id).unwrap();
        p.caption = caption.into();
        p.credit = credit.into();
        p.alt = alt.into();
    }
    let ids: Vec<u32> = d.article.photos.iter().map(|p| p.id).collect();
    d.article.body = [
        paras[0].clone(),
        paras[1].clone(),
        tinxa::article::marker(ids[0]),
        format!("## {HEADING_2}"),
        paras[3].clone(),
        format!("### {HEADING_3}"),
        paras[4].clone(),
        tinxa::article::marker(ids[1]),
    ]
    .join("\n\n");
    d.article.cover = Some(ids[0]);
    d.article.byline = "Dương Tập".into();
    d.save().unwrap();
    d
}
