//! `verbatim convert`: each input is read, laid out once, exported to every chosen format in
//! memory and only then written, atomically and all formats or none; a failing input is
//! reported and the run goes on.
//! Inputs are converted in parallel (`--jobs`); messages and the summary come out in input
//! order, and the outputs do not depend on the number of jobs.

use super::output::{Out, error_text, load_error_text, report_error};
use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::export::{self, BuildInfo, Diagnostics, ExportOptions, Exporter, PdfStandard, Rendition};
use crate::layout::{self, DEFAULT_LAYOUT, Layout};
use crate::suggest::unknown_name_message;
use crate::write::{output_path, write_atomic, write_together};
use clap::Args;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Model files (.json, .yaml, .yml) or raw transcripts (.txt, .md, .vtt, .srt, .xml), as
    /// `verbatim import` reads them; `-` reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The input format: text, markdown, vtt, srt, tei, json or yaml; detected from the
    /// extension and the content when absent.
    #[arg(long, value_name = "FORMAT", value_parser = |s: &str| s.parse::<crate::import::Format>())]
    from: Option<crate::import::Format>,
    /// Formats to write, comma-separated (see `verbatim formats`); all of them when absent.
    #[arg(long, value_delimiter = ',')]
    to: Vec<String>,
    /// Folder for the outputs, created if missing; each is named after its input: DIR/<stem>.<ext>.
    #[arg(long, short = 'o', default_value = ".")]
    out_dir: PathBuf,
    /// A built-in layout name (see `verbatim layouts list`) or a layout directory.
    #[arg(long, default_value = DEFAULT_LAYOUT)]
    layout: String,
    /// Write archival PDF: `a-2b`, or `a-3b` with the source transcript attached as JSON.
    #[arg(long, value_name = "LEVEL")]
    pdf_standard: Option<PdfStandard>,
    /// Leave characters that no font covers out of the PDF with a warning, instead of failing.
    #[arg(long)]
    allow_missing_glyphs: bool,
    /// A font file or a folder of them, tried for characters the layout's fonts lack (repeatable).
    #[arg(long, value_name = "PATH")]
    font_path: Vec<PathBuf>,
    /// Never look among the system's fonts for missing characters (for output that does not
    /// depend on what a machine has installed).
    #[arg(long)]
    no_system_fonts: bool,
    /// Convert this many inputs at a time; all cores when 0.
    #[arg(long, short = 'j', default_value_t = 0)]
    jobs: usize,
    /// Write a JSON report of every input (status, outputs, pages, words, messages, time).
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: &ConvertArgs, out: &mut Out) -> u8 {
    let exporters = match chosen_formats(&args.to) {
        Ok(e) => e,
        Err(message) => {
            eprintln!("error: --to: {message}");
            return EXIT_USAGE;
        }
    };
    let mut layout = match Layout::load(&args.layout) {
        Ok(layout) => layout,
        Err(e) => {
            report_error(Path::new(&format!("layout {}", args.layout)), &e);
            return EXIT_USAGE;
        }
    };
    if let Err(e) = layout.add_fallback_fonts(&args.font_path) {
        eprintln!("error: --font-path: {e}");
        return EXIT_USAGE;
    }
    layout.system_fonts = !args.no_system_fonts;
    if let Err(e) = std::fs::create_dir_all(&args.out_dir) {
        eprintln!("error: {}: cannot create the output folder: {e}", args.out_dir.display());
        return EXIT_USAGE;
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let options = ExportOptions { pdf_standard: args.pdf_standard, allow_missing_glyphs: args.allow_missing_glyphs };
    // Which input writes which file is decided in input order, before anything runs: a later
    // input whose outputs an earlier one claimed fails, whatever the number of jobs.
    let mut claimed: HashMap<PathBuf, PathBuf> = HashMap::new();
    let plans: Vec<(PathBuf, Result<Vec<PathBuf>, String>)> = args
        .inputs
        .iter()
        .map(|input| {
            let targets: Vec<PathBuf> = exporters.iter().map(|e| output_path(&args.out_dir, input, e.extension())).collect();
            if let Some((target, first)) = targets.iter().find_map(|t| claimed.get(t).map(|first| (t, first))) {
                let message = format!(
                    "error: {}: would overwrite {} written for {}; convert inputs with the same name into different folders",
                    input.display(),
                    target.display(),
                    first.display()
                );
                return (input.clone(), Err(message));
            }
            for target in &targets {
                claimed.insert(target.clone(), input.clone());
            }
            (input.clone(), Ok(targets))
        })
        .collect();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(args.jobs).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: --jobs {}: {e}", args.jobs);
            return EXIT_USAGE;
        }
    };
    let job = Job { from: args.from, layout: &layout, exporters: &exporters, epoch: epoch.as_deref(), options: &options };
    let outcomes: Vec<Outcome> = pool.install(|| {
        plans
            .par_iter()
            .map(|(input, plan)| match plan {
                Ok(targets) => job.convert(input, targets),
                Err(message) => Outcome::failed(input, message.clone()),
            })
            .collect()
    });
    let mut failed = 0;
    for outcome in &outcomes {
        for message in &outcome.messages {
            eprintln!("{message}");
        }
        match outcome.pages {
            Some(pages) if !args.quiet => {
                let names: Vec<String> = outcome.outputs.iter().map(|t| t.display().to_string()).collect();
                let plural = if pages == 1 { "" } else { "s" };
                out.line(&format!("{} -> {} ({pages} page{plural})", outcome.input.display(), names.join(", ")));
            }
            Some(_) => {}
            None => failed += 1,
        }
    }
    if let Some(path) = &args.report
        && let Err(e) = write_report(path, &outcomes)
    {
        eprintln!("error: {}: cannot write the report: {e}", path.display());
        return EXIT_USAGE;
    }
    if failed > 0 {
        eprintln!("{failed} of {} inputs failed", args.inputs.len());
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}

/// What converting one input gave.
struct Outcome {
    input: PathBuf,
    /// The page count when every output was written.
    pages: Option<usize>,
    outputs: Vec<PathBuf>,
    words: usize,
    /// Errors and warnings, formatted for standard error.
    messages: Vec<String>,
    seconds: f64,
}

impl Outcome {
    fn failed(input: &Path, message: String) -> Outcome {
        Outcome { input: input.to_path_buf(), pages: None, outputs: Vec::new(), words: 0, messages: vec![message], seconds: 0.0 }
    }
}

/// The report: one entry per input, in input order.
fn write_report(path: &Path, outcomes: &[Outcome]) -> std::io::Result<()> {
    let inputs: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| {
            serde_json::json!({
                "input": o.input.display().to_string(),
                "status": if o.pages.is_some() { "written" } else { "failed" },
                "outputs": o.outputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
                "pages": o.pages,
                "words": o.words,
                "errors": o.messages.iter().filter(|m| m.starts_with("error")).collect::<Vec<_>>(),
                "warnings": o.messages.iter().filter(|m| m.starts_with("warning")).collect::<Vec<_>>(),
                "seconds": (o.seconds * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    let written = outcomes.iter().filter(|o| o.pages.is_some()).count();
    let report = serde_json::json!({
        "verbatim": env!("CARGO_PKG_VERSION"),
        "inputs": inputs,
        "written": written,
        "failed": outcomes.len() - written,
    });
    let mut text = serde_json::to_string_pretty(&report).expect("a report is JSON");
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// `--to` names to exporters, all of them when none is given.
fn chosen_formats(names: &[String]) -> Result<Vec<&'static dyn Exporter>, String> {
    if names.is_empty() {
        return Ok(export::registry().to_vec());
    }
    let known: Vec<&str> = export::registry().iter().map(|e| e.id()).collect();
    let mut chosen: Vec<&'static dyn Exporter> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let exporter = export::find(name).ok_or_else(|| unknown_name_message("format", name, &known))?;
        if !chosen.iter().any(|e| e.id() == exporter.id()) {
            chosen.push(exporter);
        }
    }
    if chosen.is_empty() {
        return Err("names no format".to_string());
    }
    Ok(chosen)
}

/// What every conversion of a run shares.
struct Job<'a> {
    from: Option<crate::import::Format>,
    layout: &'a Layout,
    exporters: &'a [&'static dyn Exporter],
    epoch: Option<&'a str>,
    options: &'a ExportOptions,
}

impl Job<'_> {
    /// Converts one input into every target; nothing is written unless every format was made.
    fn convert(&self, input: &Path, targets: &[PathBuf]) -> Outcome {
        let start = std::time::Instant::now();
        let mut outcome =
            Outcome { input: input.to_path_buf(), pages: None, outputs: Vec::new(), words: 0, messages: Vec::new(), seconds: 0.0 };
        if let Ok((pages, words)) = self.try_convert(input, targets, &mut outcome.messages) {
            outcome.pages = Some(pages);
            outcome.words = words;
            outcome.outputs = targets.to_vec();
        }
        outcome.seconds = start.elapsed().as_secs_f64();
        outcome
    }

    /// The page and word counts; errors and warnings go to `messages`.
    fn try_convert(&self, input: &Path, targets: &[PathBuf], messages: &mut Vec<String>) -> Result<(usize, usize), ()> {
        let import_options = crate::import::ImportOptions { from: self.from, ..Default::default() };
        let imported = crate::import::import_path(input, &import_options).map_err(|e| messages.push(load_error_text(input, &e)))?;
        messages.extend(imported.warnings.iter().map(|w| format!("warning: {}: {w}", input.display())));
        let mut transcript = imported.transcript;
        for change in crate::transform::normalize::normalize(&mut transcript) {
            messages.push(format!("warning: {}: {}: {}", input.display(), change.path, change.message));
        }
        let paged = layout::render(&transcript, self.layout).map_err(|e| messages.push(error_text(input, &e)))?;
        let build = BuildInfo::new(&transcript, self.epoch);
        let rendition = Rendition { transcript: &transcript, paged: &paged, layout: self.layout, build: &build, options: self.options };
        let mut outputs = Vec::new();
        for exporter in self.exporters {
            let mut diagnostics = Diagnostics::default();
            let bytes = exporter.export(&rendition, &mut diagnostics).map_err(|e| messages.push(error_text(input, &e)))?;
            messages.extend(diagnostics.warnings.into_iter().map(|w| format!("warning: {}: {w}", input.display())));
            outputs.push(bytes);
        }
        // All of the input's files or none of them.
        let files: Vec<(&Path, &[u8])> = targets.iter().map(PathBuf::as_path).zip(outputs.iter().map(Vec::as_slice)).collect();
        write_together(&files).map_err(|e| messages.push(format!("error: {}: {e}", input.display())))?;
        Ok((paged.pages.len(), word_count(&transcript)))
    }
}

/// Words of the transcript's body, as the report counts them.
fn word_count(t: &crate::model::Transcript) -> usize {
    use crate::model::Block;
    let count = |s: &str| s.split_whitespace().count();
    t.body
        .iter()
        .map(|b| match b {
            Block::Heading(h) => count(&h.text),
            Block::Turn(turn) => turn.paragraphs.iter().map(|p| count(p)).sum(),
            Block::Note(n) => count(&n.text),
            Block::PageBreak(_) => 0,
        })
        .sum()
}
