//! `verbatim layouts list | show | eject`.

use super::output::Out;
use super::{EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE};
use crate::layout::{Layout, builtin_names};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum LayoutsCommand {
    /// List the built-in layouts.
    List,
    /// Print a layout's effective settings and templates (a built-in name or a directory).
    Show { name: String },
    /// Copy a layout's files into DIR, to start a layout of your own.
    Eject {
        name: String,
        dir: PathBuf,
        /// Overwrite files that already exist in DIR.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(command: LayoutsCommand, out: &mut Out) -> u8 {
    match command {
        LayoutsCommand::List => {
            for name in builtin_names() {
                match Layout::builtin(name) {
                    Ok(layout) => out.line(&format!("{name:<10} {}", layout.settings.description)),
                    Err(e) => out.line(&format!("{name:<10} (broken: {e})")),
                }
            }
            EXIT_OK
        }
        LayoutsCommand::Show { name } => match Layout::load(&name) {
            Ok(layout) => {
                out.line(&format!("# layout `{}`: effective settings", layout.name));
                out.line(&layout.settings_toml());
                for file in layout.files.iter().filter(|f| f.path != "layout.toml") {
                    out.line(&format!("# {} (from {})", file.path, file.origin));
                    out.line(&file.contents);
                }
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_USAGE
            }
        },
        LayoutsCommand::Eject { name, dir, force } => {
            let layout = match Layout::load(&name) {
                Ok(layout) => layout,
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_USAGE;
                }
            };
            let mut files: Vec<(PathBuf, String)> = vec![(
                dir.join("layout.toml"),
                format!(
                    "# Ejected from layout `{}`. Every key is documented in layouts/README.md.\n# Delete keys you do not change: they fall back to `extends` (default `default`).\n{}",
                    layout.name,
                    layout.settings_toml()
                ),
            )];
            files.extend(layout.files.iter().filter(|f| f.path != "layout.toml").map(|f| (dir.join(&f.path), f.contents.clone())));
            if !force && let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
                eprintln!("error: {} already exists; pass --force to overwrite", existing.display());
                return EXIT_USAGE;
            }
            for (path, contents) in &files {
                let written = path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|_| crate::write::write_atomic(path, contents.as_bytes()));
                if let Err(e) = written {
                    eprintln!("error: {}: {e}", path.display());
                    return EXIT_SOME_FAILED;
                }
            }
            out.line(&format!("ejected layout `{}` into {} ({} files)", layout.name, dir.display(), files.len()));
            EXIT_OK
        }
    }
}
