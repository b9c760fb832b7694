//! The paginator: a transcript composed and paginated with the built-in `default` or `letter`
//! layout, as `convert --no-system-fonts` does it (so the run does not depend on the machine's
//! fonts). The input is read or built as `transcript_input.rs` says.
//!
//! No panic, no hang, bounded memory, no error, and the paged document keeps the invariants of
//! `tests/common/invariants.rs` (every line inside the page box, in order, nothing lost). The
//! `export` target takes the same inputs on through every exporter.
#![no_main]

#[allow(dead_code)] // each target uses some of the checks
#[path = "../../tests/common/checks.rs"]
mod checks;
mod transcript_input;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((transcript, letter)) = transcript_input::transcript(data) else { return };
    transcript_input::with_layout(letter, |layout| checks::paged(&transcript, layout).map(drop).unwrap_or_else(|e| panic!("{e}")));
});
