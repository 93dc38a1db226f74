//! Makes a home folder holding the sample article plus ten phone photos,
//! for measuring the window with real photos:
//!
//! `cargo run --release --example ten_photos -- /tmp/tinxa-home ../shared/photos`
//! then `TINXA_HOME=/tmp/tinxa-home cargo run --release`.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let home = PathBuf::from(args.next().expect("home folder"));
    let photos = PathBuf::from(args.next().unwrap_or_else(|| "../shared/photos".into()));
    let store = tinxa::draft::Store::new(&home);
    let mut d = tinxa::sample::create(&store).expect("sample draft");
    for i in 1..=10 {
        let name = std::fs::read_dir(&photos)
            .expect("photos folder")
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("photo{i:02}_"))
            })
            .expect("photoNN_*.jpg");
        let id = d.add_photo(&name).expect("photo added");
        let p = d.article.photo_mut(id).unwrap();
        p.caption = format!("Ảnh {i} tại hội nghị");
        p.alt = format!("Ảnh mẫu số {i}");
        d.article.place_photo(id, 4);
    }
    d.save().expect("saved");
    std::fs::write(home.join(".sample-placed"), "1").unwrap();
    println!("{}", d.id);
}
