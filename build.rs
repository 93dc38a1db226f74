// Embeds the application icon and the version information in tinxa.exe.
// Acts only when building for Windows; on other targets it does nothing.
// Cross builds from Linux use x86_64-w64-mingw32-windres (Debian package
// binutils-mingw-w64-x86-64, pulled in by gcc-mingw-w64-x86-64).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/tinxa.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icons/tinxa.ico")
        .set("FileDescription", "Tin Xã")
        .set("ProductName", "Tin Xã")
        .set("OriginalFilename", "tinxa.exe")
        .set("InternalName", "tinxa")
        .set("LegalCopyright", "MIT")
        // 0x042a: Vietnamese.
        .set_language(0x042a);
    if let Err(e) = res.compile_for("tinxa") {
        panic!("could not embed the Windows resources (icon, version): {e}");
    }
}
