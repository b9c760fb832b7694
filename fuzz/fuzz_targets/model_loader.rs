//! Bytes into the model's JSON and YAML readers, as `verbatim check` and `convert` read a
//! file (with and without the byte-order-mark and UTF-16 decoding of `import_bytes`): no
//! panic, no hang, bounded memory, and the rules of `model_load` in `tests/common/checks.rs`
//! (what loads is valid and round-trips through JSON and YAML; errors name a real place).
#![no_main]

#[allow(dead_code)] // each target uses some of the checks
#[path = "../../tests/common/checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;
use verbatim::import::{Format, ImportOptions, InputFormat, import_bytes, load_str};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Json, Format::Yaml] {
        let options = ImportOptions { from: Some(format), ..ImportOptions::default() };
        let result = import_bytes(data, None, &options).map(|imported| imported.transcript);
        checks::model_load(data, &result).unwrap_or_else(|e| panic!("{format:?}: {e}"));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for format in [InputFormat::Json, InputFormat::Yaml] {
            checks::model_load(data, &load_str(text, format)).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        }
    }
});
