//! What each input of a `verbatim convert` run came to, the summary line, and the JSON report
//! (`--report FILE.json`), whose fields are a contract with scripts (see the README's "Batch
//! conversion").
//!
//! Guarantees: the report lists every input of the run (of the shard, with `--shard`) once,
//! in input order, and its counts add up to the number of inputs; it is written atomically.

use crate::write::write_atomic;
use std::path::{Path, PathBuf};

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every output was written.
    Written { pages: usize, words: usize },
    /// Every output was already newer than the input, its layout and the binary.
    Skipped,
    /// Nothing was written for it.
    Failed,
    /// `--fail-fast` stopped the run before it started.
    NotStarted,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Written { .. } => "written",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
            Status::NotStarted => "not_started",
        }
    }
}

/// One input's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub input: PathBuf,
    pub status: Status,
    /// The files written, or found up to date.
    pub outputs: Vec<PathBuf>,
    /// Errors and warnings, formatted for standard error.
    pub messages: Vec<String>,
    pub seconds: f64,
}

impl Outcome {
    pub fn new(input: &Path, status: Status) -> Outcome {
        Outcome { input: input.to_path_buf(), status, outputs: Vec::new(), messages: Vec::new(), seconds: 0.0 }
    }

    pub fn failed(input: &Path, message: String) -> Outcome {
        Outcome { messages: vec![message], ..Outcome::new(input, Status::Failed) }
    }
}

/// How many inputs came to each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub written: usize,
    pub skipped: usize,
    pub failed: usize,
    pub not_started: usize,
}

impl Counts {
    pub fn of(outcomes: &[Outcome]) -> Counts {
        let mut counts = Counts::default();
        for outcome in outcomes {
            match outcome.status {
                Status::Written { .. } => counts.written += 1,
                Status::Skipped => counts.skipped += 1,
                Status::Failed => counts.failed += 1,
                Status::NotStarted => counts.not_started += 1,
            }
        }
        counts
    }

    pub fn total(&self) -> usize {
        self.written + self.skipped + self.failed + self.not_started
    }

    /// `converted 499 of 500 inputs, 1 failed, 0 skipped, in 12.3 s`, with the inputs
    /// `--fail-fast` left unstarted when there are any.
    pub fn summary(&self, seconds: f64) -> String {
        let not_started = if self.not_started > 0 { format!(", {} not started (--fail-fast)", self.not_started) } else { String::new() };
        format!(
            "converted {} of {} inputs, {} failed, {} skipped{not_started}, in {seconds:.1} s",
            self.written,
            self.total(),
            self.failed,
            self.skipped
        )
    }
}

/// Writes the report of `outcomes` to `path`.
pub fn write_report(path: &Path, outcomes: &[Outcome], shard: Option<String>, seconds: f64) -> std::io::Result<()> {
    let round = |s: f64| (s * 1000.0).round() / 1000.0;
    let inputs: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            let (pages, words) = match o.status {
                Status::Written { pages, words } => (Some(pages), Some(words)),
                _ => (None, None),
            };
            serde_json::json!({
                "input": o.input.display().to_string(),
                "status": o.status.name(),
                "outputs": o.outputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                "pages": pages,
                "words": words,
                "errors": o.messages.iter().filter(|m| m.starts_with("error")).collect::<Vec<_>>(),
                "warnings": o.messages.iter().filter(|m| m.starts_with("warning")).collect::<Vec<_>>(),
                "seconds": round(o.seconds),
            })
        })
        .collect();
    let counts = Counts::of(outcomes);
    let report = serde_json::json!({
        "verbatim": env!("CARGO_PKG_VERSION"),
        "shard": shard,
        "total": counts.total(),
        "written": counts.written,
        "skipped": counts.skipped,
        "failed": counts.failed,
        "not_started": counts.not_started,
        "seconds": round(seconds),
        "inputs": inputs,
    });
    let mut text = serde_json::to_string_pretty(&report).expect("a report is JSON");
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_every_status() {
        let outcomes = [
            Outcome::new(Path::new("a"), Status::Written { pages: 1, words: 2 }),
            Outcome::new(Path::new("b"), Status::Skipped),
            Outcome::failed(Path::new("c"), "error: c: bad".into()),
            Outcome::new(Path::new("d"), Status::NotStarted),
            Outcome::new(Path::new("e"), Status::NotStarted),
        ];
        let counts = Counts::of(&outcomes);
        assert_eq!(counts.summary(2.04), "converted 1 of 5 inputs, 1 failed, 1 skipped, 2 not started (--fail-fast), in 2.0 s");
        assert_eq!(Counts::of(&outcomes[..2]).summary(0.0), "converted 1 of 2 inputs, 0 failed, 1 skipped, in 0.0 s");
    }
}
