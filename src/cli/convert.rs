//! `verbatim convert`: each input is read, laid out once, exported to every chosen format in
//! memory and only then written, atomically and all formats or none; a failing input is
//! reported and the run goes on (or, with `--fail-fast`, no other input starts).
//!
//! Inputs are gathered by [`super::inputs`], optionally narrowed to a [`super::shard`], and
//! converted in parallel (`--jobs`); messages come out in input order and the outputs do not
//! depend on the number of jobs. Which input writes which file is decided over the whole
//! input set, before sharding and before anything runs. Inputs whose outputs are all up to
//! date ([`super::fresh`]) are skipped unless `--force`; an input with one stale output is
//! converted into every requested format (the outputs are the same bytes either way).

use super::fresh::Freshness;
use super::inputs::{self, Input};
use super::output::{Out, error_text, load_error_text, report_error};
use super::progress::Progress;
use super::report::{Counts, Outcome, Status, write_report};
use super::shard::Shard;
use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::export::{self, BuildInfo, Diagnostics, ExportOptions, Exporter, PdfStandard, Rendition};
use crate::layout::{self, DEFAULT_LAYOUT, Layout, builtin_names, settings::FontSettings};
use crate::suggest::unknown_name_message;
use crate::write::{output_path, output_stem, write_together};
use clap::Args;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Model files (.json, .yaml, .yml) or raw transcripts (.txt, .md, .vtt, .srt, .xml), as
    /// `verbatim import` reads them; folders (searched recursively for those extensions,
    /// hidden files left out); globs such as 'archive/**/*.json' that the shell did not
    /// expand. `-` reads one transcript from standard input.
    #[arg(required_unless_present = "manifest")]
    inputs: Vec<PathBuf>,
    /// A file listing inputs, one per line (files, folders or globs; blank lines and `#`
    /// comments ignored; relative paths relative to the file's folder). `-` reads the list
    /// from standard input. Repeatable.
    #[arg(long, value_name = "FILE")]
    manifest: Vec<PathBuf>,
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
    /// Start no other input once one has failed (those running finish); exit 1.
    #[arg(long)]
    fail_fast: bool,
    /// Convert even the inputs whose outputs are newer than the input, the layout and the
    /// verbatim binary (those are skipped otherwise).
    #[arg(long)]
    force: bool,
    /// Convert only part K of N of the inputs (1 <= K <= N), chosen by a hash of each input's
    /// name: N runs with K = 1..N convert every input exactly once.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Print nothing but errors and warnings (no progress bar, no summary unless something failed).
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: &ConvertArgs, out: &mut Out) -> u8 {
    let started = Instant::now();
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
    let excluded: Vec<PathBuf> = std::iter::once(args.out_dir.clone()).chain(args.report.clone()).collect();
    let inputs = match inputs::gather(&args.inputs, &args.manifest, &excluded) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out_dir) {
        eprintln!("error: {}: cannot create the output folder: {e}", args.out_dir.display());
        return EXIT_USAGE;
    }
    let mut plans = plan(&inputs, &exporters, &args.out_dir);
    if let Some(shard) = args.shard {
        plans.retain(|plan| shard.holds(&output_stem(&plan.input)));
    }
    // A thread waiting for a nested parallel task runs other inputs' tasks on its own stack
    // meanwhile, so the stacks are given room beyond the 2 MiB default (address space only;
    // untouched pages cost no memory).
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(args.jobs).stack_size(CONVERT_STACK).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: --jobs {}: {e}", args.jobs);
            return EXIT_USAGE;
        }
    };
    let freshness = (!args.force).then(|| dependencies(args, &layout));
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let options = ExportOptions { pdf_standard: args.pdf_standard, allow_missing_glyphs: args.allow_missing_glyphs };
    // Formats are exported side by side only when there are fewer inputs than threads: with
    // more, the inputs already keep every thread busy, and nesting would only deepen stacks.
    let formats_in_parallel = plans.len() < pool.current_num_threads();
    let job =
        Job { from: args.from, layout: &layout, exporters: &exporters, epoch: epoch.as_deref(), options: &options, formats_in_parallel };
    let run = Run { job: &job, freshness: freshness.as_ref(), fail_fast: args.fail_fast };
    let progress = Progress::new(plans.len(), args.quiet);
    let outcomes = run.convert_all(&plans, &pool, &progress, |outcome| {
        progress.print(|| {
            for message in &outcome.messages {
                eprintln!("{message}");
            }
        });
        if args.quiet {
            return;
        }
        let names = || outcome.outputs.iter().map(|t| t.display().to_string()).collect::<Vec<_>>().join(", ");
        let line = match outcome.status {
            Status::Written { pages, .. } => {
                format!("{} -> {} ({pages} page{})", outcome.input.display(), names(), if pages == 1 { "" } else { "s" })
            }
            Status::Skipped => format!("{} -> {} (up to date)", outcome.input.display(), names()),
            Status::Failed | Status::NotStarted => return,
        };
        progress.print(|| out.line(&line));
    });
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    if let Some(path) = &args.report
        && let Err(e) = write_report(path, &outcomes, args.shard.map(|s| s.to_string()), seconds)
    {
        eprintln!("error: {}: cannot write the report: {e}", path.display());
        return EXIT_USAGE;
    }
    let counts = Counts::of(&outcomes);
    let unconverted = counts.failed + counts.not_started;
    if !args.quiet || unconverted > 0 {
        let shard = args.shard.map(|s| format!(" (shard {s})")).unwrap_or_default();
        eprintln!("{}{shard}", counts.summary(seconds));
    }
    if unconverted > 0 { EXIT_SOME_FAILED } else { EXIT_OK }
}

/// Which files one input is to write, or why it cannot be converted.
struct Plan {
    input: PathBuf,
    targets: Result<Vec<PathBuf>, String>,
}

/// Decides, in input order and over every input of the run (whatever the shard), which input
/// writes which file: an input whose output another input claimed first, or whose output
/// would replace one of the run's inputs, fails.
fn plan(inputs: &[Input], exporters: &[&'static dyn Exporter], out_dir: &Path) -> Vec<Plan> {
    let mut claimed: HashMap<PathBuf, &Path> = HashMap::new();
    let input_files: HashMap<PathBuf, &Path> =
        inputs.iter().filter(|i| i.problem.is_none() && i.path != Path::new("-")).map(|i| (canonical(&i.path), i.path.as_path())).collect();
    // Every target is a file name in `out_dir`: one canonical folder serves them all.
    let canonical_out_dir = canonical(out_dir);
    let mut plans = Vec::with_capacity(inputs.len());
    for input in inputs {
        let path = input.path.as_path();
        if let Some(problem) = &input.problem {
            plans.push(Plan { input: path.to_path_buf(), targets: Err(format!("error: {}: {problem}", path.display())) });
            continue;
        }
        let targets: Vec<PathBuf> = exporters.iter().map(|e| output_path(out_dir, path, e.extension())).collect();
        let identities: Vec<PathBuf> =
            targets.iter().map(|t| t.file_name().map_or_else(|| t.clone(), |name| canonical_out_dir.join(name))).collect();
        let conflict = targets.iter().zip(&identities).find_map(|(target, id)| {
            if let Some(overwritten) = input_files.get(id) {
                Some(format!(
                    "error: {}: would overwrite the input {} with {}; choose another --out-dir",
                    path.display(),
                    overwritten.display(),
                    target.display()
                ))
            } else {
                claimed.get(id).map(|first| {
                    format!(
                        "error: {}: would overwrite {} written for {}; convert inputs with the same name into different folders",
                        path.display(),
                        target.display(),
                        first.display()
                    )
                })
            }
        });
        if let Some(message) = conflict {
            plans.push(Plan { input: path.to_path_buf(), targets: Err(message) });
            continue;
        }
        for id in identities {
            claimed.insert(id, path);
        }
        plans.push(Plan { input: path.to_path_buf(), targets: Ok(targets) });
    }
    plans
}

/// The canonical path of `path`, or `path` when it cannot be resolved.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What the outputs of this run depend on besides their inputs.
fn dependencies(args: &ConvertArgs, layout: &Layout) -> Freshness {
    let layout_dir = (!builtin_names().contains(&args.layout.as_str())).then(|| Path::new(&args.layout));
    let mut fonts = args.font_path.clone();
    fonts.extend(
        layout
            .settings
            .fonts
            .fallback
            .iter()
            .filter(|f| FontSettings::is_file(f))
            .map(|f| layout_dir.map_or_else(|| PathBuf::from(f), |dir| dir.join(f))),
    );
    Freshness::new(layout_dir, &fonts)
}

/// How a run treats its inputs.
struct Run<'a> {
    job: &'a Job<'a>,
    /// `None` with `--force`.
    freshness: Option<&'a Freshness>,
    fail_fast: bool,
}

/// The first input (in input order) that failed under `--fail-fast`, if any.
struct Stop(AtomicUsize);

impl Default for Stop {
    fn default() -> Self {
        Stop(AtomicUsize::new(usize::MAX))
    }
}

impl Stop {
    fn failed(&self, index: usize) {
        self.0.fetch_min(index, Ordering::Relaxed);
    }

    /// Whether some input has failed: no input starts then.
    fn any(&self) -> bool {
        self.0.load(Ordering::Relaxed) != usize::MAX
    }

    /// Whether input `index` comes after one that failed: it is not written then.
    fn passed(&self, index: usize) -> bool {
        index > self.0.load(Ordering::Relaxed)
    }
}

impl Run<'_> {
    /// Converts every plan in `pool`, advancing `progress`; `done` sees each outcome in input order as soon as it
    /// and those before it are known. The outcomes, in input order.
    ///
    /// A converted input's files are written by one of as many writer threads as the pool has
    /// threads, while its conversion thread goes on to the next input: writing ends in an
    /// `fdatasync` per file, and a conversion thread waiting on the disk would leave its core
    /// idle. The hand-over waits for a free writer, so converted inputs do not pile up in
    /// memory. With `--fail-fast`, once an input has failed no input starts, and an input
    /// after it (in input order) that was converted meanwhile is not written: it is reported
    /// as not started, as it would have been had its writing not overlapped the failure.
    fn convert_all(&self, plans: &[Plan], pool: &rayon::ThreadPool, progress: &Progress, mut done: impl FnMut(&Outcome)) -> Vec<Outcome> {
        let stop = Stop::default();
        let (sender, receiver) = mpsc::channel::<(usize, Outcome)>();
        let (to_write, for_writers) = mpsc::sync_channel::<(usize, Converted)>(0);
        // Only the writers hold the hand-over's receiving end: were they all gone, a hand-over
        // would fail at once instead of waiting forever.
        let for_writers = Arc::new(Mutex::new(for_writers));
        let mut slots: Vec<Option<Outcome>> = (0..plans.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let stop = &stop;
            for _ in 0..pool.current_num_threads() {
                let (sender, for_writers) = (sender.clone(), Arc::clone(&for_writers));
                scope.spawn(move || {
                    loop {
                        // The lock is released once a conversion is taken (or none will come).
                        let next = for_writers.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok((index, converted)) = next else { break };
                        let outcome =
                            if stop.passed(index) { Outcome::new(&converted.outcome.input, Status::NotStarted) } else { converted.write() };
                        self.finished(index, outcome, &sender, stop);
                    }
                });
            }
            drop(for_writers);
            scope.spawn(move || {
                pool.install(|| {
                    plans.par_iter().enumerate().for_each_with((sender, to_write), |(sender, to_write), (index, plan)| {
                        if stop.any() {
                            self.finished(index, Outcome::new(&plan.input, Status::NotStarted), sender, stop);
                            return;
                        }
                        let outcome = match self.convert_one(plan) {
                            Ok(_) if stop.passed(index) => Outcome::new(&plan.input, Status::NotStarted),
                            Ok(converted) => match to_write.send((index, converted)) {
                                Ok(()) => return,
                                Err(_) => Outcome::failed(
                                    &plan.input,
                                    format!("error: {}: no writer thread is left to write its files", plan.input.display()),
                                ),
                            },
                            Err(outcome) => outcome,
                        };
                        self.finished(index, outcome, sender, stop);
                    })
                })
            });
            let (mut next, mut failed) = (0, 0);
            for (index, outcome) in receiver {
                failed += usize::from(outcome.status == Status::Failed);
                progress.advance(failed);
                slots[index] = Some(outcome);
                while let Some(Some(outcome)) = slots.get(next) {
                    done(outcome);
                    next += 1;
                }
            }
        });
        slots.into_iter().map(|o| o.expect("every plan sends its outcome")).collect()
    }

    /// Sends input `index`'s final outcome; with `--fail-fast`, a failure stops new inputs.
    fn finished(&self, index: usize, outcome: Outcome, sender: &mpsc::Sender<(usize, Outcome)>, stop: &Stop) {
        if self.fail_fast && outcome.status == Status::Failed {
            stop.failed(index);
        }
        // The receiver lives until every sender is gone.
        let _ = sender.send((index, outcome));
    }

    /// The input converted and ready to write, or its final outcome (failed or skipped).
    fn convert_one(&self, plan: &Plan) -> Result<Converted, Outcome> {
        match &plan.targets {
            Err(message) => Err(Outcome::failed(&plan.input, message.clone())),
            Ok(targets) if self.freshness.is_some_and(|f| f.up_to_date(&plan.input, targets)) => {
                Err(Outcome { outputs: targets.clone(), ..Outcome::new(&plan.input, Status::Skipped) })
            }
            Ok(targets) => self.job.convert(&plan.input, targets),
        }
    }
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
    /// Export the formats of one input in parallel.
    formats_in_parallel: bool,
}

/// Stack size of the conversion threads.
const CONVERT_STACK: usize = 64 << 20;

impl Job<'_> {
    /// Converts one input into every target, in memory: the files to write, or the failed
    /// outcome (with its messages).
    fn convert(&self, input: &Path, targets: &[PathBuf]) -> Result<Converted, Outcome> {
        let start = Instant::now();
        let mut outcome = Outcome::new(input, Status::Failed);
        match self.try_convert(input, &mut outcome.messages) {
            Ok((files, pages, words)) => Ok(Converted { outcome, targets: targets.to_vec(), files, pages, words, start }),
            Err(()) => {
                outcome.seconds = start.elapsed().as_secs_f64();
                Err(outcome)
            }
        }
    }

    /// Every format's bytes, in the order of the exporters, and the page and word counts;
    /// errors and warnings go to `messages`.
    fn try_convert(&self, input: &Path, messages: &mut Vec<String>) -> Result<(Vec<Vec<u8>>, usize, usize), ()> {
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
        // The formats' messages are taken in the order of --to, up to the first that failed.
        let export = |exporter: &&dyn Exporter| {
            let mut diagnostics = Diagnostics::default();
            (exporter.export(&rendition, &mut diagnostics), diagnostics)
        };
        let exported: Vec<_> = if self.formats_in_parallel {
            self.exporters.par_iter().map(export).collect()
        } else {
            self.exporters.iter().map(export).collect()
        };
        let mut files = Vec::new();
        for (result, diagnostics) in exported {
            messages.extend(diagnostics.warnings.into_iter().map(|w| format!("warning: {}: {w}", input.display())));
            files.push(result.map_err(|e| messages.push(error_text(input, &e)))?);
        }
        Ok((files, paged.pages.len(), word_count(&transcript)))
    }
}

/// An input converted in memory, waiting to be written.
struct Converted {
    /// Failed until written, with the conversion's warnings.
    outcome: Outcome,
    targets: Vec<PathBuf>,
    /// The bytes of each target.
    files: Vec<Vec<u8>>,
    pages: usize,
    words: usize,
    start: Instant,
}

impl Converted {
    /// Writes every file, all or none ([`write_together`]), and gives the input's outcome.
    fn write(self) -> Outcome {
        let Converted { mut outcome, targets, files, pages, words, start } = self;
        let pairs: Vec<(&Path, &[u8])> = targets.iter().map(PathBuf::as_path).zip(files.iter().map(Vec::as_slice)).collect();
        match write_together(&pairs) {
            Ok(()) => {
                outcome.status = Status::Written { pages, words };
                outcome.outputs = targets;
            }
            Err(e) => outcome.messages.push(format!("error: {}: {e}", outcome.input.display())),
        }
        outcome.seconds = start.elapsed().as_secs_f64();
        outcome
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
