//! `verbatim import`: raw transcripts (scraped or pasted text, Markdown, WebVTT, SRT, TEI)
//! into the model, as JSON (or YAML for a `.yaml`/`.yml` output). One input goes to `-o FILE`
//! or standard output, several to `--out-dir DIR` as `DIR/<stem>.json`. `--explain` prints,
//! for every line, the rule that claimed it and what it became, then the web chrome that was
//! dropped. `--accuracy DIR` scores a labelled corpus (see [`crate::import::accuracy`]).

use super::output::{Out, report_load_error};
use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::import::{self, Format, ImportOptions, Imported, accuracy};
use crate::model::Block;
use crate::write::{output_path, write_atomic};
use clap::Args;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Raw transcripts (.txt, .md, .vtt, .srt, .xml; .json/.yaml model files pass through);
    /// `-` reads standard input.
    #[arg(required_unless_present = "accuracy")]
    inputs: Vec<PathBuf>,
    /// Write the transcript to FILE (.json, or .yaml/.yml); one input only. Standard output
    /// when neither this nor --out-dir is given.
    #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Folder for the transcripts of several inputs, each DIR/<input stem>.json.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// The input format: text, markdown, vtt, srt, tei, json or yaml. When absent it is
    /// detected from the extension and the content.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    from: Option<Format>,
    /// Print which rule claimed each line and what it became, and the web chrome dropped.
    /// Without -o or --out-dir nothing else is printed.
    #[arg(long)]
    explain: bool,
    /// Captions: cues of one speaker at most this many seconds apart join one paragraph.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    cue_gap: f64,
    /// Score the labelled corpus in DIR (each NAME.EXT with its NAME.expected.toml) and print
    /// per-file accuracy; exits 1 when under the target or a trap became a speaker.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["inputs", "output", "out_dir", "explain"])]
    accuracy: Option<PathBuf>,
    /// Print nothing but errors, warnings and requested output.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

pub fn run(args: &ImportArgs, out: &mut Out) -> u8 {
    if let Some(dir) = &args.accuracy {
        return run_accuracy(dir, out);
    }
    if !(args.cue_gap.is_finite() && args.cue_gap >= 0.0) {
        eprintln!("error: --cue-gap: must be a number of seconds, 0 or more");
        return EXIT_USAGE;
    }
    if args.inputs.len() > 1 && args.out_dir.is_none() && !(args.explain && args.output.is_none()) {
        eprintln!("error: {} inputs need --out-dir DIR (-o names one output file)", args.inputs.len());
        return EXIT_USAGE;
    }
    if let Some(dir) = &args.out_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: {}: cannot create the output folder: {e}", dir.display());
        return EXIT_USAGE;
    }
    let options = ImportOptions { from: args.from, cue_gap: args.cue_gap };
    let mut claimed: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut failed = 0;
    for input in &args.inputs {
        let target = match (&args.output, &args.out_dir) {
            (Some(file), _) => Some(file.clone()),
            (None, Some(dir)) => Some(output_path(dir, input, "json")),
            (None, None) => None,
        };
        if let Some(t) = &target
            && let Some(first) = claimed.get(t)
        {
            eprintln!("error: {}: would overwrite {} written for {}", input.display(), t.display(), first.display());
            failed += 1;
            continue;
        }
        let imported = match import::import_path(input, &options) {
            Ok(i) => i,
            Err(e) => {
                report_load_error(input, &e);
                failed += 1;
                continue;
            }
        };
        for w in &imported.warnings {
            eprintln!("warning: {}: {w}", input.display());
        }
        if args.explain {
            out.line(&format!("== {} ({})", input.display(), imported.format));
            out.line(imported.explanation.render().trim_end());
            out.line(&summary(&imported));
        }
        match &target {
            Some(t) => {
                if let Err(e) = write_atomic(t, serialize(&imported, t).as_bytes()) {
                    eprintln!("error: {}: cannot write {}: {e}", input.display(), t.display());
                    failed += 1;
                    continue;
                }
                claimed.insert(t.clone(), input.clone());
                if !args.quiet && !args.explain {
                    out.line(&format!("{} -> {} ({})", input.display(), t.display(), summary(&imported)));
                }
            }
            None if !args.explain => out.line(serialize(&imported, Path::new("-")).trim_end()),
            None => {}
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} inputs failed", args.inputs.len());
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

/// JSON, or YAML for a `.yaml`/`.yml` target.
fn serialize(imported: &Imported, target: &Path) -> String {
    let yaml = target.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if yaml {
        serde_norway::to_string(&imported.transcript).expect("the model serializes")
    } else {
        let mut json = serde_json::to_string_pretty(&imported.transcript).expect("the model serializes");
        json.push('\n');
        json
    }
}

/// `text: 4 speakers, 4 turns, 2 lines dropped`.
fn summary(imported: &Imported) -> String {
    let t = &imported.transcript;
    let turns = t.body.iter().filter(|b| matches!(b, Block::Turn(_))).count();
    let dropped = imported.explanation.dropped().count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}: {}, {}, {} dropped", imported.format, plural(t.speakers.len(), "speaker"), plural(turns, "turn"), plural(dropped, "line"))
}

fn run_accuracy(dir: &Path, out: &mut Out) -> u8 {
    let results = match accuracy::run(dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: cannot read the corpus folder: {e}", dir.display());
            return EXIT_USAGE;
        }
    };
    out.line(accuracy::render(&results).trim_end());
    if accuracy::totals(&results).passes() { EXIT_OK } else { EXIT_SOME_FAILED }
}
