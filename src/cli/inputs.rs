//! Which files `verbatim convert` converts: the inputs named on the command line and in
//! manifests, expanded and de-duplicated.
//!
//! Guarantees:
//! - The order is deterministic: the command line's inputs in the order given, then each
//!   manifest's lines in order; a folder's transcripts depth first in file-name order; a
//!   glob's matches sorted.
//! - A folder is searched recursively for the extensions `convert` reads (`.json .yaml .yml
//!   .txt .text .md .markdown .vtt .webvtt .srt .xml .tei`), skipping hidden files and folders
//!   (names starting with `.`) and the run's own output folder and report. A glob (`*`, `?`,
//!   `[…]`, `**`) that the shell left alone is expanded here, hidden names only matched by a
//!   literal dot, as a shell would; a folder it matches is searched like a named folder.
//! - A file reached more than once (by two spellings, through a folder, a glob or a symbolic
//!   link) is one input, at its first place.
//! - What names nothing (a missing file, a glob that matches nothing, a folder without
//!   transcripts) becomes an input with a problem, reported like a failed conversion; only a
//!   manifest that cannot be read, or standard input asked for twice, stops the run.
//!
//! A manifest (`--manifest FILE`) holds one input per line: a file, a folder or a glob, as on
//! the command line. Blank lines and lines starting with `#` are ignored, and so is the
//! whitespace around a line. Relative paths are relative to the manifest's folder (so a
//! manifest kept beside an archive works from anywhere); with `--manifest -` the list comes
//! from standard input and relative paths are relative to the current folder.

use crate::import::Format;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as named or found; `-` is a transcript on standard input.
    pub path: PathBuf,
    /// Why it cannot be converted, when gathering found that out already.
    pub problem: Option<String>,
}

impl Input {
    fn file(path: PathBuf) -> Input {
        Input { path, problem: None }
    }

    fn problem(path: impl Into<PathBuf>, problem: impl Into<String>) -> Input {
        Input { path: path.into(), problem: Some(problem.into()) }
    }
}

/// Every input of `args` and of the `manifests`, expanded, in order, each file once. Files
/// found by searching a folder or expanding a glob are left out when they are one of
/// `excluded` (the run's output folder and report). An error is a usage error.
pub fn gather(args: &[PathBuf], manifests: &[PathBuf], excluded: &[PathBuf]) -> Result<Vec<Input>, String> {
    let stdin = Path::new("-");
    if manifests.iter().any(|m| m == stdin) && args.iter().any(|a| a == stdin) {
        return Err("standard input holds either a transcript (`-`) or a list of inputs (`--manifest -`), not both".to_string());
    }
    let excluded: Vec<PathBuf> = excluded.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let mut gathered = Vec::new();
    for arg in args {
        expand(arg, &excluded, &mut gathered);
    }
    let mut read_manifests: Vec<&PathBuf> = Vec::new();
    for manifest in manifests {
        if read_manifests.contains(&manifest) {
            continue;
        }
        read_manifests.push(manifest);
        for line in read_manifest(manifest)? {
            if line == stdin {
                gathered.push(Input::problem(
                    &line,
                    format!("named in {}: standard input can only be named on the command line", shown(manifest)),
                ));
            } else {
                expand(&line, &excluded, &mut gathered);
            }
        }
    }
    Ok(without_repeats(gathered))
}

/// `-` for standard input, else the path.
fn shown(manifest: &Path) -> String {
    if manifest == Path::new("-") { "the list on standard input".to_string() } else { manifest.display().to_string() }
}

/// The inputs a manifest lists, relative ones joined to the manifest's folder.
fn read_manifest(manifest: &Path) -> Result<Vec<PathBuf>, String> {
    let from_stdin = manifest == Path::new("-");
    let bytes = if from_stdin {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(manifest)
    }
    .map_err(|e| format!("--manifest {}: cannot read it: {e}", manifest.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        format!("--manifest {}:{line}: not UTF-8 (byte offset {})", manifest.display(), valid.len())
    })?;
    let base = if from_stdin { Path::new("") } else { manifest.parent().unwrap_or(Path::new("")) };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| if line == "-" { PathBuf::from(line) } else { base.join(line) })
        .collect())
}

/// Adds what `spec` names: standard input, a file, a folder's transcripts or a glob's matches.
fn expand(spec: &Path, excluded: &[PathBuf], out: &mut Vec<Input>) {
    if spec == Path::new("-") {
        out.push(Input::file(spec.to_path_buf()));
        return;
    }
    match std::fs::metadata(spec) {
        Ok(meta) if meta.is_dir() => search_folder(spec, excluded, out),
        Ok(_) => out.push(Input::file(spec.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match spec.to_str().filter(|s| is_glob(s)) {
            Some(pattern) => expand_glob(pattern, excluded, out),
            None => out.push(Input::problem(spec, "no such file or folder")),
        },
        Err(e) => out.push(Input::problem(spec, format!("cannot read it: {e}"))),
    }
}

fn is_glob(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

/// Whether `path` is one of the excluded (canonical) paths.
fn is_excluded(path: &Path, excluded: &[PathBuf]) -> bool {
    excluded.iter().any(|x| x.file_name() == path.file_name() && std::fs::canonicalize(path).is_ok_and(|p| &p == x))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Adds the transcripts under `dir`, depth first in file-name order.
fn search_folder(dir: &Path, excluded: &[PathBuf], out: &mut Vec<Input>) {
    let before = out.len();
    let walk = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    for entry in walk.filter_entry(|e| e.depth() == 0 || !(is_hidden(e.file_name()) || is_excluded(e.path(), excluded))) {
        match entry {
            Ok(entry) if entry.file_type().is_file() && Format::from_extension(entry.path()).is_some() => {
                out.push(Input::file(entry.into_path()));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!("a symbolic link loops back to {}", ancestor.display()),
                    None => format!("cannot read it: {}", e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())),
                };
                out.push(Input::problem(path, message));
            }
        }
    }
    if out.len() == before {
        out.push(Input::problem(
            dir,
            "the folder holds no transcript (.json .yaml .yml .txt .text .md .markdown .vtt .webvtt .srt .xml .tei)",
        ));
    }
}

/// Adds the matches of `pattern`, sorted; a matched folder is searched.
fn expand_glob(pattern: &str, excluded: &[PathBuf], out: &mut Vec<Input>) {
    let options = glob::MatchOptions { case_sensitive: true, require_literal_separator: true, require_literal_leading_dot: true };
    let paths = match glob::glob_with(pattern, options) {
        Ok(paths) => paths,
        Err(e) => {
            out.push(Input::problem(pattern, format!("not a valid pattern: {} at character {}", e.msg, e.pos + 1)));
            return;
        }
    };
    let mut matches = Vec::new();
    for path in paths {
        match path {
            Ok(path) if !is_excluded(&path, excluded) => matches.push(path),
            Ok(_) => {}
            Err(e) => out.push(Input::problem(e.path(), format!("cannot read it: {}", e.error()))),
        }
    }
    if matches.is_empty() {
        out.push(Input::problem(pattern, "the pattern matches no file"));
        return;
    }
    matches.sort();
    for path in matches {
        if path.is_dir() {
            search_folder(&path, excluded, out);
        } else {
            out.push(Input::file(path));
        }
    }
}

/// `inputs` with every file after its first appearance left out (problems are kept once per
/// path too).
fn without_repeats(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = HashSet::new();
    inputs
        .into_iter()
        .filter(|input| {
            let identity = if input.problem.is_none() && input.path != Path::new("-") {
                std::fs::canonicalize(&input.path).unwrap_or_else(|_| input.path.clone())
            } else {
                input.path.clone()
            };
            seen.insert(identity)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with `files` (relative paths), and the current folder's view of it.
    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        dir
    }

    fn relative(dir: &Path, inputs: &[Input]) -> Vec<String> {
        inputs
            .iter()
            .map(|i| {
                let path = i.path.strip_prefix(dir).unwrap_or(&i.path).display().to_string();
                match &i.problem {
                    Some(problem) => format!("{path}: {problem}"),
                    None => path,
                }
            })
            .collect()
    }

    #[test]
    fn a_folder_gives_its_transcripts_sorted_depth_first_without_hidden_ones() {
        let dir = tree(&["b.json", "a/z.yaml", "a/notes.pdf", "c.txt", ".hidden.json", ".git/x.json", "a/.cache/y.md", "d/e/f.vtt"]);
        let inputs = gather(&[dir.path().to_path_buf()], &[], &[]).unwrap();
        assert_eq!(relative(dir.path(), &inputs), ["a/z.yaml", "b.json", "c.txt", "d/e/f.vtt"]);
    }

    #[test]
    fn a_folder_leaves_out_the_output_folder_and_the_report() {
        let dir = tree(&["a.json", "out/a.txt", "report.json"]);
        let excluded = [dir.path().join("out"), dir.path().join("report.json")];
        let inputs = gather(&[dir.path().to_path_buf()], &[], &excluded).unwrap();
        assert_eq!(relative(dir.path(), &inputs), ["a.json"]);
    }

    #[test]
    fn a_glob_is_expanded_sorted_and_a_folder_it_matches_is_searched() {
        let dir = tree(&["x/b.json", "x/a.json", "x/sub/c.json", "x/sub/d.txt", "x/.e.json", "x/f.yaml"]);
        let pattern = dir.path().join("x/**/*.json");
        let inputs = gather(&[pattern], &[], &[]).unwrap();
        assert_eq!(relative(dir.path(), &inputs), ["x/a.json", "x/b.json", "x/sub/c.json"]);
        let inputs = gather(&[dir.path().join("x/s*")], &[], &[]).unwrap();
        assert_eq!(relative(dir.path(), &inputs), ["x/sub/c.json", "x/sub/d.txt"]);
    }

    #[test]
    fn what_names_nothing_is_an_input_with_a_problem() {
        let dir = tree(&["empty/readme.pdf"]);
        let args = [dir.path().join("missing.json"), dir.path().join("*.yaml"), dir.path().join("empty"), dir.path().join("[x")];
        let inputs = gather(&args, &[], &[]).unwrap();
        let bracket = args[3].to_str().unwrap().rfind('[').unwrap() + 1;
        assert_eq!(
            relative(dir.path(), &inputs),
            [
                "missing.json: no such file or folder",
                "*.yaml: the pattern matches no file",
                "empty: the folder holds no transcript (.json .yaml .yml .txt .text .md .markdown .vtt .webvtt .srt .xml .tei)",
                &format!("[x: not a valid pattern: invalid range pattern at character {bracket}"),
            ]
        );
    }

    #[test]
    fn a_file_reached_twice_is_one_input_at_its_first_place() {
        let dir = tree(&["a.json", "b.json"]);
        let a = dir.path().join("a.json");
        let args = [dir.path().join("b.json"), a.clone(), dir.path().join("./a.json"), dir.path().to_path_buf(), "-".into(), "-".into()];
        let inputs = gather(&args, &[], &[]).unwrap();
        assert_eq!(relative(dir.path(), &inputs), ["b.json", "a.json", "-"]);
    }

    #[test]
    fn a_manifest_lists_inputs_relative_to_its_folder() {
        let dir = tree(&["archive/a.json", "archive/sub/b.json", "archive/sub/c.txt", "lists/d.json"]);
        let manifest = dir.path().join("lists/batch.txt");
        std::fs::write(&manifest, "# a comment\n\n  ../archive/a.json  \nd.json\r\n../archive/sub/*.txt\n../archive/missing.json\n-\n")
            .unwrap();
        let inputs = gather(&[], &[manifest], &[]).unwrap();
        assert_eq!(
            relative(dir.path(), &inputs),
            [
                "lists/../archive/a.json",
                "lists/d.json",
                "lists/../archive/sub/c.txt",
                "lists/../archive/missing.json: no such file or folder",
                "-: named in {}: standard input can only be named on the command line"
                    .replace("{}", &dir.path().join("lists/batch.txt").display().to_string())
                    .as_str(),
            ]
        );
    }

    #[test]
    fn an_unreadable_manifest_or_stdin_asked_for_twice_is_a_usage_error() {
        let dir = tree(&[]);
        let missing = dir.path().join("none.txt");
        let err = gather(&[], std::slice::from_ref(&missing), &[]).unwrap_err();
        assert!(err.starts_with(&format!("--manifest {}: cannot read it: ", missing.display())), "{err}");
        let latin1 = dir.path().join("latin1.txt");
        std::fs::write(&latin1, b"a.json\ncaf\xe9.json\n").unwrap();
        let err = gather(&[], std::slice::from_ref(&latin1), &[]).unwrap_err();
        assert_eq!(err, format!("--manifest {}:2: not UTF-8 (byte offset 10)", latin1.display()));
        let err = gather(&["-".into()], &["-".into()], &[]).unwrap_err();
        assert!(err.contains("not both"), "{err}");
    }
}
