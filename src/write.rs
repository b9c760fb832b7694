//! Output files: names derived from input names only, and atomic writes.
//!
//! Guarantees: an output is written to a temporary file in the destination folder and renamed
//! into place, so a reader never sees a partial file and a failure leaves nothing behind. With
//! [`remove_temporaries_on_interrupt`], SIGINT, SIGTERM or SIGHUP delete the temporary files
//! of writes in progress before the process exits.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Temporary files of writes in progress.
fn in_progress() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    static FILES: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    FILES.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs a handler for SIGINT, SIGTERM and SIGHUP that deletes the temporary files of
/// writes in progress and exits with status 130, so an interrupted run leaves no partial file.
pub fn remove_temporaries_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // Keep the lock: no write may start or finish after this point.
        let files = in_progress();
        for file in files.iter() {
            let _ = std::fs::remove_file(file);
        }
        eprintln!("interrupted: {} partial file(s) removed", files.len());
        std::process::exit(130);
    });
}

/// `out_dir/<stem of input>.<extension>`; the transcript's content never chooses the name.
pub fn output_path(out_dir: &Path, input: &Path, extension: &str) -> PathBuf {
    out_dir.join(format!("{}.{extension}", output_stem(input)))
}

/// The file name of `input` without its extension (`stdin` for `-`).
pub fn output_stem(input: &Path) -> String {
    if input.as_os_str() == "-" {
        return "stdin".to_string();
    }
    input.file_stem().map(|s| s.to_string_lossy().into_owned()).filter(|s| !s.is_empty()).unwrap_or_else(|| "transcript".to_string())
}

/// Writes `bytes` to `path` atomically: temporary file in the same folder, flush, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "the output path is a folder"));
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".verbatim-").suffix(".tmp");
    // Like any new file: readable by all unless the umask says otherwise (tempfile's 0600 default
    // would survive the rename).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir)?;
    let temp_path = temp.path().to_path_buf();
    in_progress().insert(temp_path.clone());
    let written = temp.write_all(bytes).and_then(|_| temp.as_file().sync_data());
    let result = written.and_then(|_| {
        let mut files = in_progress();
        let persisted = temp.persist(path).map(|_| ()).map_err(|e| e.error);
        files.remove(&temp_path);
        persisted
    });
    in_progress().remove(&temp_path);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_input_file_name() {
        assert_eq!(output_path(Path::new("out"), Path::new("a/b/brief.json"), "txt"), Path::new("out/brief.txt"));
        assert_eq!(output_path(Path::new("out"), Path::new("-"), "pdf"), Path::new("out/stdin.pdf"));
        assert_eq!(output_path(Path::new("out"), Path::new("../../etc/passwd.yaml"), "txt"), Path::new("out/passwd.txt"));
    }

    #[test]
    fn atomic_write_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        write_atomic(&path, b"hello").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::IsADirectory);
    }
}
