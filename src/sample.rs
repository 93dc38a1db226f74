//! The sample article placed on first start, so a new reporter opens a real
//! commune article: the shared Cao Sơn text with a title, a sapo and its
//! photo caption attached to a photo (see `examples/README.md` for sources
//! and licences).

use chrono::NaiveDate;

use crate::article::{Photo, marker};
use crate::draft::{Draft, PHOTOS_DIR, Store};
use crate::error::Result;
use crate::fsio;
use crate::import::article_from_text;

pub const TEXT: &str = include_str!("../examples/cao-son-2024-01-25.txt");
pub const PHOTO: &[u8] = include_bytes!("../examples/cao-son-anh-mau.jpg");
pub const PHOTO_FILE: &str = "cao-son-anh-mau.jpg";
pub const CAPTION: &str = "Hình ảnh tại điểm cầu xã Cao Sơn";
const PLACED_FLAG: &str = ".sample-placed";

/// The sample as an article (without its photo file).
pub fn article() -> crate::article::Article {
    let mut a = article_from_text(TEXT);
    a.title = "Xã Cao Sơn dự hội nghị quán triệt văn bản mới".into();
    a.sapo = "Sáng 25/01/2024, cán bộ, đảng viên xã Cao Sơn dự Hội nghị thông tin thời sự và quán triệt, triển khai văn bản mới của Trung ương, của tỉnh do Tỉnh ủy Bắc Kạn tổ chức theo hình thức trực tiếp kết hợp trực tuyến.".into();
    // The caption stands on its own line in the text file: the photo goes there.
    a.body = a.body.replace(CAPTION, &marker(1));
    a.photos.push(Photo {
        id: 1,
        file: PHOTO_FILE.into(),
        caption: CAPTION.into(),
        credit: "Risto Saukonpää (ảnh mẫu)".into(),
        alt: "Ảnh mẫu: cầu tàu gỗ xám vươn ra mặt hồ lặng".into(),
        // The cover, cropped to the portals' usual 16:9 (the photo is 2000×1500),
        // so the sample shows a crop and checks clean.
        edit: crate::photo::PhotoEdit {
            rotate: 0,
            crop: Some(crate::photo::PhotoEdit::default().centered_crop(2000, 1500, 16, 9)),
        },
        ..Photo::default()
    });
    a.cover = Some(1);
    a.place = "xã Cao Sơn".into();
    a.date = NaiveDate::from_ymd_opt(2024, 1, 25);
    a.category = "Tin hoạt động".into();
    a.tags = vec!["hội nghị".into(), "Cao Sơn".into()];
    a
}

/// Places the sample draft when the reporter has never had a draft.
/// Returns it when placed.
pub fn place_on_first_start(store: &Store) -> Result<Option<Draft>> {
    let flag = store.home().join(PLACED_FLAG);
    if flag.exists() || !store.list()?.is_empty() || !store.list_trash()?.is_empty() {
        return Ok(None);
    }
    let draft = create(store)?;
    fsio::atomic_write(&flag, b"1")?;
    Ok(Some(draft))
}

/// Creates a sample draft (photo included) in `store`.
pub fn create(store: &Store) -> Result<Draft> {
    let mut draft = store.create(article())?;
    let dir = draft.dir.join(PHOTOS_DIR);
    fsio::create_dir_all(&dir)?;
    fsio::atomic_write(&dir.join(PHOTO_FILE), PHOTO)?;
    draft.save()?;
    Ok(draft)
}
