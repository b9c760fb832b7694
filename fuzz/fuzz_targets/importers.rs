//! Bytes into every raw importer (text, Markdown, WebVTT, SRT, TEI) and into format detection,
//! as `verbatim import` and `convert` read a file: no panic, no hang, bounded memory, and the
//! rules of `import` in `tests/common/checks.rs` (every transcript an importer returns passes
//! validation; invalid UTF-8 is reported at the first bad byte).
#![no_main]

#[allow(dead_code)] // each target uses some of the checks
#[path = "../../tests/common/checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;
use verbatim::import::{Format, ImportOptions, import_bytes};

const FROM: [Option<Format>; 6] =
    [Some(Format::Text), Some(Format::Markdown), Some(Format::Vtt), Some(Format::Srt), Some(Format::Tei), None];

fuzz_target!(|data: &[u8]| {
    for from in FROM {
        let options = ImportOptions { from, ..ImportOptions::default() };
        checks::import(data, &import_bytes(data, None, &options)).unwrap_or_else(|e| panic!("{from:?}: {e}"));
    }
});
