#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tinxa::fuzzing::html_paste_bytes(data));
