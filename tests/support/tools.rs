//! Tests that need an outside program (pandoc, chromium, LibreOffice …):
//! skipped with a message where it is missing, required when `CI` is set.

/// Whether the test may go on: `found` says the program `what` is there.
/// Without it the test is skipped (false), and under `CI` it fails.
pub fn need(what: &str, found: bool) -> bool {
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is required in CI (.ci/run installs it)"
        );
        eprintln!("skipped: {what} is not installed (.ci/run installs it)");
    }
    found
}
