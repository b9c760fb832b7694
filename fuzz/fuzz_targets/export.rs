//! Every exporter: a transcript laid out with the built-in `default` or `letter` layout and
//! exported to all four formats in memory, as `convert --no-system-fonts
//! --allow-missing-glyphs` does it (so the run does not depend on the machine's fonts and a
//! character no font covers is not an error). The input is read or built as
//! `transcript_input.rs` says, as for the `paginate` target.
//!
//! No panic, no hang, bounded memory, and the rules of `conversion` in
//! `tests/common/checks.rs`: no error; the paged document keeps its invariants; the TXT has a
//! form feed between pages and every non-space character of the body, in order; the PDF is a
//! whole PDF; the DOCX and EPUB are zips whose XML parts are well-formed.
#![no_main]

#[allow(dead_code)] // each target uses some of the checks
#[path = "../../tests/common/checks.rs"]
mod checks;
mod transcript_input;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((transcript, letter)) = transcript_input::transcript(data) else { return };
    transcript_input::with_layout(letter, |layout| checks::conversion(&transcript, layout).unwrap_or_else(|e| panic!("{e}")));
});
