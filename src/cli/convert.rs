//! `verbatim convert`: each input is read, laid out once, exported to every chosen format in
//! memory and only then written, atomically; a failing input is reported and the run goes on.

use super::output::{Out, report_error, report_load_error};
use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::export::{self, BuildInfo, Diagnostics, ExportOptions, Exporter, PdfStandard, Rendition};
use crate::layout::{self, DEFAULT_LAYOUT, Layout};
use crate::suggest::unknown_name_message;
use crate::write::{output_path, write_atomic};
use clap::Args;
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
    let mut claimed: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut failed = 0;
    for input in &args.inputs {
        let targets: Vec<PathBuf> = exporters.iter().map(|e| output_path(&args.out_dir, input, e.extension())).collect();
        if let Some((target, first)) = targets.iter().find_map(|t| claimed.get(t).map(|first| (t, first))) {
            eprintln!(
                "error: {}: would overwrite {} written for {}; convert inputs with the same name into different folders",
                input.display(),
                target.display(),
                first.display()
            );
            failed += 1;
            continue;
        }
        match convert_one(input, args.from, &layout, &exporters, &targets, epoch.as_deref(), &options) {
            Ok(pages) => {
                for target in &targets {
                    claimed.insert(target.clone(), input.clone());
                }
                if !args.quiet {
                    let names: Vec<String> = targets.iter().map(|t| t.display().to_string()).collect();
                    let plural = if pages == 1 { "" } else { "s" };
                    out.line(&format!("{} -> {} ({pages} page{plural})", input.display(), names.join(", ")));
                }
            }
            Err(()) => failed += 1,
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} inputs failed", args.inputs.len());
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
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

/// Converts one input into every target, reporting its errors; the page count on success.
fn convert_one(
    input: &Path,
    from: Option<crate::import::Format>,
    layout: &Layout,
    exporters: &[&dyn Exporter],
    targets: &[PathBuf],
    epoch: Option<&str>,
    options: &ExportOptions,
) -> Result<usize, ()> {
    let import_options = crate::import::ImportOptions { from, ..Default::default() };
    let imported = crate::import::import_path(input, &import_options).map_err(|e| report_load_error(input, &e))?;
    for warning in &imported.warnings {
        eprintln!("warning: {}: {warning}", input.display());
    }
    let mut transcript = imported.transcript;
    for change in crate::transform::normalize::normalize(&mut transcript) {
        eprintln!("warning: {}: {}: {}", input.display(), change.path, change.message);
    }
    let paged = layout::render(&transcript, layout).map_err(|e| report_error(input, &e))?;
    let build = BuildInfo::new(&transcript, epoch);
    let rendition = Rendition { transcript: &transcript, paged: &paged, layout, build: &build, options };
    let mut outputs = Vec::new();
    for exporter in exporters {
        let mut diagnostics = Diagnostics::default();
        let bytes = exporter.export(&rendition, &mut diagnostics).map_err(|e| report_error(input, &e))?;
        for warning in diagnostics.warnings {
            eprintln!("warning: {}: {warning}", input.display());
        }
        outputs.push(bytes);
    }
    for (target, bytes) in targets.iter().zip(&outputs) {
        write_atomic(target, bytes).map_err(|e| eprintln!("error: {}: cannot write {}: {e}", input.display(), target.display()))?;
    }
    Ok(paged.pages.len())
}
