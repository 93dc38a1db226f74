//! What can go wrong with a photo, in Vietnamese (Display) and English (`message_en`).

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("Tệp ảnh trống (0 byte). Hãy chọn lại ảnh gốc từ điện thoại hoặc máy ảnh.")]
    Empty,
    #[error("Tệp này không phải là ảnh. Hãy chọn một tệp ảnh JPEG, PNG hoặc WebP.")]
    NotAnImage,
    #[error(
        "Ảnh HEIC (định dạng của iPhone) chưa được hỗ trợ. Hãy chuyển ảnh sang JPEG, hoặc đặt iPhone \
         lưu JPEG: Cài đặt > Camera > Định dạng > Tương thích nhất."
    )]
    Heic,
    #[error("Định dạng {0} chưa được hỗ trợ. Hãy lưu ảnh sang JPEG hoặc PNG rồi thêm lại.")]
    Unsupported(String),
    #[error(
        "Ảnh bị hỏng: tệp bị cắt cụt, thiếu phần cuối (thường do chép hoặc tải về chưa xong). \
         Hãy chép lại ảnh từ máy gốc."
    )]
    Truncated,
    #[error(
        "Ảnh quá lớn ({width}×{height} điểm ảnh, tối đa 100 triệu điểm ảnh). \
         Hãy thu nhỏ ảnh rồi thêm lại."
    )]
    TooLarge { width: u32, height: u32 },
    #[error(
        "Không đọc được ảnh, tệp có thể bị hỏng ({0}). Hãy mở thử bằng trình xem ảnh hoặc chép lại ảnh."
    )]
    Decode(String),
    #[error("Không mở được tệp ảnh ({0}). Hãy kiểm tra tệp còn đó và bạn có quyền đọc nó.")]
    Io(String),
}

impl PhotoError {
    /// The same message in English.
    pub fn message_en(&self) -> String {
        match self {
            Self::Empty => "The photo file is empty (0 bytes). Choose the original photo again from \
                            the phone or camera."
                .into(),
            Self::NotAnImage => "This file is not a photo. Choose a JPEG, PNG or WebP photo.".into(),
            Self::Heic => "HEIC photos (the iPhone format) are not supported yet. Convert the photo to \
                           JPEG, or set the iPhone to save JPEG: Settings > Camera > Formats > Most \
                           Compatible."
                .into(),
            Self::Unsupported(f) => {
                format!("The {f} format is not supported. Save the photo as JPEG or PNG and add it again.")
            }
            Self::Truncated => "The photo is damaged: the file is cut short (usually an unfinished copy \
                                or download). Copy the photo again from the original device."
                .into(),
            Self::TooLarge { width, height } => format!(
                "The photo is too large ({width}×{height} pixels, at most 100 million pixels). \
                 Make it smaller and add it again."
            ),
            Self::Decode(e) => format!(
                "The photo cannot be read; the file may be damaged ({e}). Try opening it in a photo \
                 viewer, or copy it again."
            ),
            Self::Io(e) => format!(
                "The photo file cannot be opened ({e}). Check that the file still exists and that you \
                 may read it."
            ),
        }
    }
}
