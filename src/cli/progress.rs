//! The progress bar of a `verbatim convert` run.
//!
//! Guarantees: a bar is drawn, on standard error, only when standard error is a terminal and
//! the run is not `--quiet`; it has no colour when `NO_COLOR` is set (to anything but the
//! empty string, as no-color.org says); lines printed through [`Progress::print`] never
//! interleave with it; it is cleared when the run ends, leaving the summary line. Elsewhere
//! (a pipe, a file, CI logs) nothing of it is printed.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar over `total` inputs when standard error is a terminal and `quiet` is off.
    pub fn new(total: usize, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let template = if colour {
            "{elapsed_precise} {bar:40.cyan/blue} {pos}/{len} inputs, {eta} left {msg:.red}"
        } else {
            "{elapsed_precise} {bar:40} {pos}/{len} inputs, {eta} left {msg}"
        };
        let style = ProgressStyle::with_template(template).expect("the template is valid").progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr()).with_style(style);
        bar.tick();
        Progress { bar: Some(bar) }
    }

    /// One more input done; `failed` so far.
    pub fn advance(&self, failed: usize) {
        if let Some(bar) = &self.bar {
            if failed > 0 {
                bar.set_message(format!("{failed} failed"));
            }
            bar.inc(1);
        }
    }

    /// Runs `print` with the bar out of the way.
    pub fn print<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
