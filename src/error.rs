//! One error type for the whole program. It is `Clone` so it can travel in
//! GUI messages, and it speaks to the reporter in Vietnamese (or English).

use std::io;
use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::photo::PhotoError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What we were doing with a file when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
    CreateFolder,
    Remove,
    Move,
    List,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("{}", self.message(Lang::Vi))]
    Io {
        action: Action,
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
    #[error("{}", self.message(Lang::Vi))]
    CorruptDraft { path: PathBuf, detail: String },
    #[error("{}", self.message(Lang::Vi))]
    DraftNotFound { spec: String },
    #[error("{}", self.message(Lang::Vi))]
    AmbiguousDraft {
        spec: String,
        candidates: Vec<String>,
    },
    #[error("{}", self.message(Lang::Vi))]
    UnsafePhotoPath { file: String },
    #[error("{}", self.message(Lang::Vi))]
    Photo { file: String, error: PhotoError },
    #[error("{}", self.message(Lang::Vi))]
    NotText { path: PathBuf },
    #[error("{}", self.message(Lang::Vi))]
    ReadOnly { path: PathBuf },
    #[error("{}", self.message(Lang::Vi))]
    Blocked { problems: Vec<String> },
    #[error("{}", self.message(Lang::Vi))]
    NoHome,
    #[error("{}", self.message(Lang::Vi))]
    Invalid { vi: String, en: String },
    /// Another window or command is writing to this draft.
    #[error("{}", self.message(Lang::Vi))]
    Busy { path: PathBuf, by: Who },
    /// Someone took this draft over while it was open here. `kept`: the
    /// text unsaved here went into the version history.
    #[error("{}", self.message(Lang::Vi))]
    TakenOver { by: Who, kept: bool },
    /// A worker thread stopped unexpectedly (a bug, not the reporter's doing).
    #[error("{}", self.message(Lang::Vi))]
    Worker,
    /// A Hunspell word list that could not be read.
    #[error("{}", self.message(Lang::Vi))]
    BadWordList { path: PathBuf, detail: String },
    /// `tinxa photo DRAFT N` with no photo number N in the draft.
    #[error("{}", self.message(Lang::Vi))]
    NoSuchPhoto { id: u32, numbers: Vec<u32> },
    /// A crop rectangle that does not lie inside the (upright) photo.
    #[error("{}", self.message(Lang::Vi))]
    CropOutside {
        crop: String,
        width: u32,
        height: u32,
    },
    /// A file given as Word that cannot be read as a .docx.
    #[error("{}", self.message(Lang::Vi))]
    Docx {
        file: String,
        problem: crate::import::docx::Problem,
    },
}

/// Who holds a draft ("cửa sổ Tin Xã khác (tiến trình 1234) trên máy
/// này, từ 14:32"), as told to the reporter in each language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub vi: String,
    pub en: String,
}

impl Error {
    pub fn io(action: Action, path: &Path, err: &io::Error) -> Error {
        Error::Io {
            action,
            path: path.to_path_buf(),
            kind: err.kind(),
            detail: err.to_string(),
        }
    }

    /// Closure for `map_err`: `fs::read(p).map_err(Error::at(Action::Read, p))`.
    pub fn at(action: Action, path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
        move |e| Error::io(action, path, &e)
    }

    /// The sentence shown to the reporter: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Error::Io {
                action,
                path,
                kind,
                detail,
            } => {
                let p = path.display();
                let what = match (action, vi) {
                    (Action::Read, true) => format!("Không đọc được {p}"),
                    (Action::Read, false) => format!("Could not read {p}"),
                    (Action::Write, true) => format!("Không ghi được {p}"),
                    (Action::Write, false) => format!("Could not write {p}"),
                    (Action::CreateFolder, true) => format!("Không tạo được thư mục {p}"),
                    (Action::CreateFolder, false) => format!("Could not create the folder {p}"),
                    (Action::Remove, true) => format!("Không xóa được {p}"),
                    (Action::Remove, false) => format!("Could not delete {p}"),
                    (Action::Move, true) => format!("Không chuyển được {p}"),
                    (Action::Move, false) => format!("Could not move {p}"),
                    (Action::List, true) => format!("Không mở được thư mục {p}"),
                    (Action::List, false) => format!("Could not open the folder {p}"),
                };
                let why = match (kind, vi) {
                    (io::ErrorKind::NotFound, true) => {
                        "tệp hoặc thư mục không còn ở đó. Kiểm tra lại đường dẫn.".to_owned()
                    }
                    (io::ErrorKind::NotFound, false) => {
                        "the file or folder is not there. Check the path.".to_owned()
                    }
                    (io::ErrorKind::PermissionDenied, true) => {
                        "không có quyền. Chọn thư mục khác hoặc kiểm tra quyền truy cập.".to_owned()
                    }
                    (io::ErrorKind::PermissionDenied, false) => {
                        "permission denied. Choose another folder or check its permissions."
                            .to_owned()
                    }
                    (io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded, true) => {
                        "ổ đĩa đã đầy. Hãy xóa bớt tệp rồi lưu lại; bài viết vẫn còn nguyên."
                            .to_owned()
                    }
                    (io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded, false) => {
                        "the disk is full. Free some space and save again; your work is intact."
                            .to_owned()
                    }
                    (io::ErrorKind::ReadOnlyFilesystem, true) => {
                        "ổ đĩa chỉ cho phép đọc. Hãy lưu vào thư mục khác.".to_owned()
                    }
                    (io::ErrorKind::ReadOnlyFilesystem, false) => {
                        "the disk is read-only. Save somewhere else.".to_owned()
                    }
                    (_, true) => format!("lỗi hệ thống: {detail}."),
                    (_, false) => format!("system error: {detail}."),
                };
                format!("{what}: {why}")
            }
            Error::CorruptDraft { path, detail } => lang.pick(
                format!(
                    "Tệp bản nháp {} bị hỏng và không có bản sao lưu dùng được ({detail}). Tệp được giữ nguyên để khôi phục bằng tay.",
                    path.display()
                ),
                format!(
                    "The draft file {} is damaged and has no usable backup ({detail}). It was left untouched for manual recovery.",
                    path.display()
                ),
            ),
            Error::DraftNotFound { spec } => lang.pick(
                format!(
                    "Không tìm thấy bản nháp \"{spec}\". Dùng `tinxa list` để xem mã các bản nháp."
                ),
                format!("No draft \"{spec}\". Run `tinxa list` to see the draft ids."),
            ),
            Error::AmbiguousDraft { spec, candidates } => lang.pick(
                format!(
                    "\"{spec}\" khớp với nhiều bản nháp ({}). Gõ thêm vài ký tự của mã.",
                    candidates.join(", ")
                ),
                format!(
                    "\"{spec}\" matches several drafts ({}). Type more of the id.",
                    candidates.join(", ")
                ),
            ),
            Error::UnsafePhotoPath { file } => lang.pick(
                format!(
                    "Ảnh \"{file}\" trỏ ra ngoài thư mục bản nháp nên bị bỏ qua. Hãy thêm lại ảnh từ máy."
                ),
                format!(
                    "The photo \"{file}\" points outside the draft folder and was ignored. Add the photo again."
                ),
            ),
            Error::Photo { file, error } => lang.pick(
                format!("Ảnh \"{file}\": {error}"),
                format!("Photo \"{file}\": {}", error.message_en()),
            ),
            Error::NotText { path } => lang.pick(
                format!(
                    "Tệp {} không phải văn bản tiếng Việt đọc được (không phải UTF-8, TCVN3 hay VNI). Hãy lưu lại tệp dưới dạng văn bản UTF-8 rồi nhập lại.",
                    path.display()
                ),
                format!(
                    "{} is not readable Vietnamese text (not UTF-8, TCVN3 or VNI). Save it as UTF-8 text and import again.",
                    path.display()
                ),
            ),
            Error::ReadOnly { path } => lang.pick(
                format!(
                    "Bản nháp {} được mở chỉ để đọc (tạo bởi phiên bản Tin Xã mới hơn) nên không được ghi đè. Hãy cập nhật Tin Xã.",
                    path.display()
                ),
                format!(
                    "The draft {} is open read-only (written by a newer Tin Xã), so it is not overwritten. Update Tin Xã.",
                    path.display()
                ),
            ),
            Error::Blocked { problems } => lang.pick(
                format!(
                    "Bài còn lỗi cần sửa trước khi xuất:\n{}\n(Dùng --force để vẫn xuất.)",
                    problems.join("\n")
                ),
                format!(
                    "The article has blocking problems:\n{}\n(Use --force to export anyway.)",
                    problems.join("\n")
                ),
            ),
            Error::NoHome => lang.pick(
                "Không tìm được thư mục dữ liệu của người dùng. Đặt biến TINXA_HOME trỏ tới một thư mục ghi được.".to_owned(),
                "Could not find the user's data folder. Set TINXA_HOME to a writable folder.".to_owned(),
            ),
            Error::Invalid { vi, en } => lang.pick(vi, en).clone(),
            Error::Busy { path, by } => lang.pick(
                format!(
                    "Bản nháp {} đang được sửa ở {}. Đóng bài ở đó trước, hoặc mở chỉ để đọc.",
                    path.display(),
                    by.vi
                ),
                format!(
                    "The draft {} is being edited in {}. Close it there first, or open it read-only.",
                    path.display(),
                    by.en
                ),
            ),
            Error::TakenOver { by, kept: true } => lang.pick(
                format!(
                    "Bài này vừa được mở để sửa ở {}; cửa sổ này không ghi vào nữa. Những gì chưa lưu ở đây đã được giữ trong Lịch sử phiên bản.",
                    by.vi
                ),
                format!(
                    "This article was just opened for editing in {}; this window no longer writes to it. What was unsaved here is kept in the version history.",
                    by.en
                ),
            ),
            Error::TakenOver { by, kept: false } => lang.pick(
                format!(
                    "Bài này vừa được mở để sửa ở {}; cửa sổ này không ghi vào nữa. Những gì chưa lưu ở đây KHÔNG ghi được vào Lịch sử phiên bản: hãy chép lại phần đó trước khi đóng cửa sổ.",
                    by.vi
                ),
                format!(
                    "This article was just opened for editing in {}; this window no longer writes to it. What was unsaved here could NOT be written to the version history: copy it before closing the window.",
                    by.en
                ),
            ),
            Error::Worker => lang.pick(
                "Một việc chạy nền gặp lỗi ngoài dự kiến; bài viết không bị ảnh hưởng. Hãy thử lại.".to_owned(),
                "A background task failed unexpectedly; the article is unaffected. Try again.".to_owned(),
            ),
            Error::BadWordList { path, detail } => lang.pick(
                format!(
                    "Không đọc được từ điển chính tả {} ({detail}). Hãy chọn tệp .dic và .aff khác trong Cài đặt, hoặc bỏ chọn từ điển: Tin Xã vẫn kiểm tra chính tả bằng quy tắc.",
                    path.display()
                ),
                format!(
                    "Could not read the spelling word list {} ({detail}). Pick other .dic and .aff files in Settings, or none: Tin Xã still checks spelling by rule.",
                    path.display()
                ),
            ),
            Error::NoSuchPhoto { id, numbers } => {
                let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
                let (vi, en) = if list.is_empty() {
                    ("bài chưa có ảnh nào".to_owned(), "the article has no photo".to_owned())
                } else {
                    (format!("các số ảnh có: {}", list.join(", ")), format!("its photos are numbered {}", list.join(", ")))
                };
                lang.pick(
                    format!("Bản nháp không có ảnh số {id} ({vi}). Số ảnh là số trong dấu [[Ảnh N]]."),
                    format!("The draft has no photo number {id} ({en}). The number is the one in its [[Ảnh N]] marker."),
                )
            }
            Error::CropOutside { crop, width, height } => lang.pick(
                format!("Vùng cắt {crop} nằm ngoài ảnh ({width}×{height} điểm ảnh, đã dựng thẳng). Hãy chọn X,Y,R,C trong ảnh."),
                format!("The crop {crop} is outside the photo ({width}×{height} pixels, upright). Choose X,Y,W,H inside the photo."),
            ),
            Error::Docx { file, problem } => problem.message(lang, file),
        }
    }
}
