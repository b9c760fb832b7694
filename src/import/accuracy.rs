//! How well the importers read a labelled corpus: each raw transcript `NAME.EXT` has a
//! `NAME.expected.toml`, written by a person reading the transcript, that lists its speakers,
//! the speaker of every turn in order, and labels that must not become speakers (traps):
//!
//! ```toml
//! speakers = ["The Paper", "Tian Yulong"]
//! turns = ["The Paper", "Tian Yulong"]
//! traps = ["Date", "Source"]          # optional
//! title = "SCIO briefing on …"         # optional: checked when given
//! date = "2021-07-16"                  # optional
//! ```
//!
//! A turn is a run of consecutive turn blocks of one speaker (notes and headings between them
//! do not end it). Turns are matched in order (longest common subsequence), so a missed or an
//! extra turn costs one; accuracy is the matched turns over the larger of expected and found.
//! Names compare case- and punctuation-blind (`MS. PSAKI` = `Ms Psaki`).

use super::text::label::name_key;
use super::{ImportOptions, import_path};
use crate::model::{Block, Transcript};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The share of turns that must be attributed correctly over a corpus.
pub const TARGET: f64 = 0.98;

/// What a person wrote down about one transcript.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub speakers: Vec<String>,
    pub turns: Vec<String>,
    #[serde(default)]
    pub traps: Vec<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub publication_date: Option<String>,
    /// `--from` for this file, when the extension does not say.
    #[serde(default)]
    pub from: Option<String>,
}

/// The score of one transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub expected_turns: usize,
    pub found_turns: usize,
    /// Turns matched in order with the right speaker.
    pub correct: usize,
    pub speaker_precision: f64,
    pub speaker_recall: f64,
    /// Found speakers that are not expected, and expected ones not found.
    pub extra_speakers: Vec<String>,
    pub missed_speakers: Vec<String>,
    /// Trap labels that became speakers.
    pub traps_hit: Vec<String>,
    /// Metadata that differs from what was expected: `title: "…" (expected "…")`.
    pub metadata: Vec<String>,
}

impl Score {
    pub fn accuracy(&self) -> f64 {
        let n = self.expected_turns.max(self.found_turns);
        if n == 0 { 1.0 } else { self.correct as f64 / n as f64 }
    }
}

/// The speaker of each turn, runs of one speaker counted once.
pub fn turn_names(t: &Transcript) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<&str> = None;
    for block in &t.body {
        if let Block::Turn(turn) = block {
            if last != Some(turn.speaker.as_str()) {
                out.push(t.speaker(&turn.speaker).map_or(turn.speaker.clone(), |s| s.name.clone()));
            }
            last = Some(&turn.speaker);
        }
    }
    out
}

/// Scores a transcript against what was expected.
pub fn score(t: &Transcript, e: &Expected) -> Score {
    let found = turn_names(t);
    let fk: Vec<String> = found.iter().map(|n| name_key(n)).collect();
    let ek: Vec<String> = e.turns.iter().map(|n| name_key(n)).collect();
    let correct = lcs(&ek, &fk);
    let found_set: BTreeSet<String> = t.speakers.iter().map(|s| name_key(&s.name)).collect();
    let expected_set: BTreeSet<String> = e.speakers.iter().map(|s| name_key(s)).collect();
    let both = found_set.intersection(&expected_set).count();
    let ratio = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    let extra_speakers = t.speakers.iter().filter(|s| !expected_set.contains(&name_key(&s.name))).map(|s| s.name.clone()).collect();
    let missed_speakers = e.speakers.iter().filter(|s| !found_set.contains(&name_key(s))).cloned().collect();
    let traps_hit = e.traps.iter().filter(|trap| found_set.contains(&name_key(trap))).cloned().collect();
    let mut metadata = Vec::new();
    let mut check = |field: &str, want: &Option<String>, got: Option<String>| {
        if let Some(want) = want
            && got.as_deref() != Some(want.as_str())
        {
            metadata.push(format!("{field}: {:?} (expected {want:?})", got.unwrap_or_default()));
        }
    };
    let m = &t.metadata;
    check("title", &e.title, Some(m.title.clone()));
    check("date", &e.date, m.date.as_ref().map(|d| d.to_string()));
    check("publication_date", &e.publication_date, m.publication_date.as_ref().map(|d| d.to_string()));
    Score {
        expected_turns: ek.len(),
        found_turns: fk.len(),
        correct,
        speaker_precision: ratio(both, found_set.len()),
        speaker_recall: ratio(both, expected_set.len()),
        extra_speakers,
        missed_speakers,
        traps_hit,
        metadata,
    }
}

/// Length of the longest common subsequence.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut prev = 0;
        for (j, y) in b.iter().enumerate() {
            let keep = row[j + 1];
            row[j + 1] = if x == y { prev + 1 } else { row[j + 1].max(row[j]) };
            prev = keep;
        }
    }
    row[b.len()]
}

/// One corpus file's result: its score, or why it could not be scored.
pub type FileResult = (PathBuf, Result<Score, String>);

/// Every transcript of the corpus folder `dir`, scored, in name order.
pub fn run(dir: &Path) -> std::io::Result<Vec<FileResult>> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && !p.to_string_lossy().ends_with(".expected.toml")
                && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    inputs.sort();
    Ok(inputs
        .into_iter()
        .map(|input| {
            let result = score_file(&input);
            (input, result)
        })
        .collect())
}

fn expected_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    input.with_file_name(format!("{stem}.expected.toml"))
}

fn score_file(input: &Path) -> Result<Score, String> {
    let path = expected_path(input);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected: Expected = toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
    let from = expected.from.as_deref().map(str::parse).transpose().map_err(|e: String| format!("{}: from: {e}", path.display()))?;
    let imported = import_path(input, &ImportOptions { from, ..ImportOptions::default() }).map_err(|e| match e {
        super::LoadError::Invalid(problems) => problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    })?;
    Ok(score(&imported.transcript, &expected))
}

/// Corpus totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    pub files: usize,
    pub failed: usize,
    pub expected_turns: usize,
    pub correct: usize,
    pub denominator: usize,
    pub traps_hit: usize,
}

impl Totals {
    pub fn accuracy(&self) -> f64 {
        if self.denominator == 0 { 1.0 } else { self.correct as f64 / self.denominator as f64 }
    }

    /// The corpus meets the target: every file read, no trap a speaker, accuracy ≥ 98 %.
    pub fn passes(&self) -> bool {
        self.failed == 0 && self.traps_hit == 0 && self.accuracy() >= TARGET && self.files > 0
    }
}

pub fn totals(results: &[FileResult]) -> Totals {
    let mut t = Totals { files: results.len(), failed: 0, expected_turns: 0, correct: 0, denominator: 0, traps_hit: 0 };
    for (_, r) in results {
        match r {
            Ok(s) => {
                t.expected_turns += s.expected_turns;
                t.correct += s.correct;
                t.denominator += s.expected_turns.max(s.found_turns);
                t.traps_hit += s.traps_hit.len();
            }
            Err(_) => t.failed += 1,
        }
    }
    t
}

/// The per-file table and the totals, as `verbatim import --accuracy` prints them.
pub fn render(results: &[FileResult]) -> String {
    let mut out = String::new();
    let width = results.iter().map(|(p, _)| p.file_name().map_or(0, |n| n.to_string_lossy().chars().count())).max().unwrap_or(4).max(4);
    let _ = writeln!(out, "{:<width$}  {:>9}  {:>6}  {:>6}  {:>7}  {:>8}", "FILE", "TURNS", "OK", "ACC", "SPK-P", "SPK-R");
    for (path, result) in results {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match result {
            Ok(s) => {
                let _ = writeln!(
                    out,
                    "{name:<width$}  {:>9}  {:>6}  {:>5.1}%  {:>6.1}%  {:>7.1}%",
                    format!("{}/{}", s.found_turns, s.expected_turns),
                    s.correct,
                    s.accuracy() * 100.0,
                    s.speaker_precision * 100.0,
                    s.speaker_recall * 100.0
                );
                for (what, list) in [
                    ("extra speakers", &s.extra_speakers),
                    ("missed speakers", &s.missed_speakers),
                    ("TRAPS that became speakers", &s.traps_hit),
                ] {
                    if !list.is_empty() {
                        let _ = writeln!(out, "  {what}: {}", list.join(", "));
                    }
                }
                for m in &s.metadata {
                    let _ = writeln!(out, "  metadata {m}");
                }
            }
            Err(e) => {
                let _ = writeln!(out, "{name:<width$}  error: {e}");
            }
        }
    }
    let t = totals(results);
    let _ = writeln!(
        out,
        "total: {} files, {} of {} turns attributed correctly ({:.1}%; target {:.0}%), {} trap{} became speakers, {} file{} failed: {}",
        t.files,
        t.correct,
        t.denominator,
        t.accuracy() * 100.0,
        TARGET * 100.0,
        t.traps_hit,
        if t.traps_hit == 1 { "" } else { "s" },
        t.failed,
        if t.failed == 1 { "" } else { "s" },
        if t.passes() { "PASS" } else { "FAIL" }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcs_counts_turns_in_order() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(lcs(&v(&["a", "b", "a"]), &v(&["a", "b", "a"])), 3);
        assert_eq!(lcs(&v(&["a", "b", "a"]), &v(&["a", "a"])), 2);
        assert_eq!(lcs(&v(&["a", "b"]), &v(&["b", "c", "a"])), 1);
    }
}
