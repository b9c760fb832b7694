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
use verbatim::layout::Layout;

thread_local! {
    /// `default` and `letter`, without the system's fonts.
    static LAYOUTS: Vec<Layout> = ["default", "letter"]
        .into_iter()
        .map(|name| {
            let mut layout = Layout::builtin(name).expect("built-in layout");
            layout.system_fonts = false;
            layout
        })
        .collect();
}

fuzz_target!(|data: &[u8]| {
    let Some((transcript, letter)) = transcript_input::transcript(data) else { return };
    LAYOUTS.with(|layouts| checks::conversion(&transcript, &layouts[usize::from(letter)]).unwrap_or_else(|e| panic!("{e}")));
});
