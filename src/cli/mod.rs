//! The command line: thin over the library. Exit codes are a contract: 0 when everything
//! was written (or checked valid), 1 when some input failed (the others are still written),
//! 2 on usage or configuration errors (bad flags, unknown format, broken layout).

mod convert;
mod docs;
mod fresh;
mod import;
mod inputs;
mod layouts;
mod output;
mod progress;
mod report;
mod shard;

use clap::{Parser, Subcommand};
use output::Out;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "verbatim",
    version,
    about = "Transcripts to print-ready PDF, DOCX, EPUB and plain text, with the same pages in every format"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert transcripts (model files, or raw ones as `import` reads them) into the chosen formats.
    Convert(convert::ConvertArgs),
    /// Import raw transcripts (text, Markdown, WebVTT, SRT, TEI) into the model.
    Import(import::ImportArgs),
    /// Validate transcripts and report every problem; writes nothing.
    Check {
        /// Model files (.json, .yaml, .yml); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the transcript model.
    Schema,
    /// List the output formats.
    Formats,
    /// List, show or eject the built-in layouts.
    Layouts {
        #[command(subcommand)]
        command: layouts::LayoutsCommand,
    },
    /// Print a shell completion script, e.g. `verbatim completions bash > /etc/bash_completion.d/verbatim`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of verbatim, or of one of its commands, e.g. `verbatim man convert | man -l -`.
    Man {
        /// A command (`convert`, `import`, …); the page of verbatim itself when absent.
        command: Option<String>,
    },
}

/// Exit status: everything succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit status: some inputs failed; the others were processed.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit status: usage or configuration error; nothing was processed.
pub const EXIT_USAGE: u8 = 2;

/// Parses the process's arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    crate::write::remove_temporaries_on_interrupt();
    let mut out = Out::new();
    let code = match cli.command {
        Command::Convert(args) => convert::run(&args, &mut out),
        Command::Import(args) => import::run(&args, &mut out),
        Command::Check { files } => check(&files, &mut out),
        Command::Schema => {
            out.line(&serde_json::to_string_pretty(&crate::model::json_schema()).expect("schema serializes"));
            EXIT_OK
        }
        Command::Formats => {
            for e in crate::export::registry() {
                out.line(&format!("{:<6} .{:<5} {:<28} {}", e.id(), e.extension(), e.media_type(), e.description()));
            }
            EXIT_OK
        }
        Command::Layouts { command } => layouts::run(command, &mut out),
        Command::Completions { shell } => docs::completions(shell, &mut out),
        Command::Man { command } => docs::man(command.as_deref(), &mut out),
    };
    ExitCode::from(code)
}

fn check(files: &[PathBuf], out: &mut Out) -> u8 {
    let mut failed = 0;
    for file in files {
        match crate::import::load_path(file) {
            Ok(t) => out.line(&format!("ok: {}: {} speakers, {} blocks", file.display(), t.speakers.len(), t.body.len())),
            Err(e) => {
                failed += 1;
                output::report_load_error(file, &e);
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} files have problems", files.len());
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}
