//! The window (placeholder while the core lands).
pub fn run(_lang: Option<&str>) -> i32 {
    2
}
