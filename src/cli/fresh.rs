//! Incremental conversion: whether an input's outputs are already up to date.
//!
//! Guarantees: an input counts as up to date only when every one of its outputs exists as a
//! non-empty regular file (a folder in an output's place, or an empty file such as a crash
//! can leave, is not an output) and was modified strictly after the input, after every file and folder of a layout directory
//! (the built-in layouts, and so whatever a layout `extends`, are part of the binary), after
//! the font files that `--font-path` or the layout's `fonts.fallback` name, and after the
//! running `verbatim` binary. When any of these times cannot be read (standard input, a
//! file system without modification times), the input is converted. Flags are not part of the
//! check: after changing `--pdf-standard`, `--from`, font options or `SOURCE_DATE_EPOCH`,
//! convert with `--force`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walkdir::WalkDir;

/// The newest modification among what every output of a run depends on.
pub struct Freshness {
    /// `None` when some time could not be read: nothing is up to date then.
    newest_dependency: Option<SystemTime>,
}

impl Freshness {
    /// What the outputs depend on: the binary, the files under `layout_dir` (a layout
    /// directory, `None` for a built-in layout) and `font_paths` (files or folders).
    pub fn new(layout_dir: Option<&Path>, font_paths: &[PathBuf]) -> Freshness {
        let binary = std::env::current_exe().ok().and_then(|exe| modified(&exe));
        let mut newest = binary;
        for path in layout_dir.into_iter().chain(font_paths.iter().map(PathBuf::as_path)) {
            newest = match (newest, newest_under(path)) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
        }
        Freshness { newest_dependency: newest }
    }

    /// Whether every one of `targets` is a non-empty file newer than `input` and the run's
    /// dependencies.
    pub fn up_to_date(&self, input: &Path, targets: &[PathBuf]) -> bool {
        if input == Path::new("-") {
            return false;
        }
        let (Some(dependency), Some(input)) = (self.newest_dependency, modified(input)) else {
            return false;
        };
        let newest_source = dependency.max(input);
        targets.iter().all(|target| output_modified(target).is_some_and(|t| t > newest_source))
    }
}

/// When the output at `path` was written; `None` unless it is a non-empty regular file.
fn output_modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok().filter(|m| m.is_file() && m.len() > 0).and_then(|m| m.modified().ok())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The newest modification time of `path` and everything under it; `None` when one cannot
/// be read.
fn newest_under(path: &Path) -> Option<SystemTime> {
    let mut newest = SystemTime::UNIX_EPOCH;
    for entry in WalkDir::new(path).follow_links(true) {
        let time = entry.ok()?.metadata().ok()?.modified().ok()?;
        newest = newest.max(time);
    }
    Some(newest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::time::Duration;

    fn set_time(path: &Path, seconds_after_2020: u64) {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800 + seconds_after_2020);
        File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
    }

    #[test]
    fn outputs_are_up_to_date_only_when_all_exist_and_are_newer_than_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        for name in ["in.json", "a.txt", "b.pdf", "layout.toml"] {
            std::fs::write(path(name), "x").unwrap();
        }
        let layout = path("layout");
        std::fs::create_dir(&layout).unwrap();
        std::fs::rename(path("layout.toml"), layout.join("layout.toml")).unwrap();
        let targets = [path("a.txt"), path("b.pdf")];
        // The binary of this test was built before now, so times in the future are newer.
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() - 1_577_836_800;
        set_time(&path("in.json"), now + 100);
        set_time(&targets[0], now + 200);
        set_time(&targets[1], now + 200);
        set_time(&layout.join("layout.toml"), now + 50);
        let builtin = Freshness::new(None, &[]);
        assert!(builtin.up_to_date(&path("in.json"), &targets));
        assert!(!builtin.up_to_date(&path("in.json"), &[path("a.txt"), path("missing.epub")]), "an output is missing");
        assert!(!builtin.up_to_date(Path::new("-"), &targets), "standard input is always converted");
        set_time(&targets[1], now + 100);
        assert!(!builtin.up_to_date(&path("in.json"), &targets), "an output as old as its input is stale");
        set_time(&targets[1], now + 200);
        let with_layout = Freshness::new(Some(&layout), &[]);
        assert!(with_layout.up_to_date(&path("in.json"), &targets));
        set_time(&layout.join("layout.toml"), now + 300);
        assert!(!Freshness::new(Some(&layout), &[]).up_to_date(&path("in.json"), &targets), "the layout changed");
        assert!(!Freshness::new(None, &[path("no-such-font.ttf")]).up_to_date(&path("in.json"), &targets), "unknown time");
    }
}
