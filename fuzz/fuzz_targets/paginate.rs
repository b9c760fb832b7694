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
    LAYOUTS.with(|layouts| checks::paged(&transcript, &layouts[usize::from(letter)]).map(drop).unwrap_or_else(|e| panic!("{e}")));
});
