//! `verbatim completions SHELL` and `verbatim man [COMMAND]`: shell completion scripts and
//! manual pages generated from the command line's own definition, so they never disagree with
//! what `verbatim` accepts.

use super::output::Out;
use super::{Cli, EXIT_OK, EXIT_USAGE};
use crate::suggest::unknown_name_message;
use clap::CommandFactory;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut Out) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "verbatim", &mut script);
    out.text(&String::from_utf8_lossy(&script));
    EXIT_OK
}

/// Prints the manual page of `verbatim`, or of its subcommand `name`, as roff.
pub fn man(name: Option<&str>, out: &mut Out) -> u8 {
    let mut command = Cli::command();
    command.build();
    let page = match name {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let known: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                eprintln!("error: verbatim man: {}", unknown_name_message("command", name, &known));
                return EXIT_USAGE;
            }
        },
    };
    let mut roff = Vec::new();
    let source = format!("verbatim {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(page).source(source).render(&mut roff).expect("writing to memory cannot fail");
    out.text(&String::from_utf8_lossy(&roff));
    EXIT_OK
}
