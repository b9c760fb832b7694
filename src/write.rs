//! Output files: names derived from input names only, and atomic writes.
//!
//! Guarantees: an output is written to a temporary file in the destination folder and renamed
//! into place, so a reader never sees a partial file and a failure leaves nothing behind. The
//! outputs of one input are written together ([`write_together`]): every one is first written
//! in full to its temporary file, and only then are they renamed into place, so a full disk or
//! an unwritable folder leaves none of them (and any older version of them untouched). With
//! [`remove_temporaries_on_interrupt`], SIGINT, SIGTERM or SIGHUP delete the temporary files
//! of writes in progress before the process exits.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tempfile::NamedTempFile;

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

/// An output that could not be written: which file, and why (`No space left on device`).
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {cause}", .path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub cause: std::io::Error,
}

/// How bytes reach a temporary file. [`write_together`] writes them whole; tests pass a
/// writer that fails part-way, as a full disk does.
pub type Fill = dyn Fn(&mut File, &[u8]) -> std::io::Result<()> + Sync;

/// Writes `bytes` to `path` atomically: temporary file in the same folder, `fdatasync`, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_together(&[(path, bytes)]).map_err(|e| e.cause)
}

/// Writes every `(path, bytes)` atomically, all or none: each is written in full to a
/// temporary file beside its path, and only when all of them are, renamed into place. On any
/// failure no temporary file remains, no path is changed by a failed staging, and the outputs
/// already renamed by a failed rename are removed again.
pub fn write_together(outputs: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    write_together_with(outputs, &|file, bytes| file.write_all(bytes))
}

/// [`write_together`], with the bytes written by `fill`.
pub fn write_together_with(outputs: &[(&Path, &[u8])], fill: &Fill) -> Result<(), WriteError> {
    let error = |path: &Path, cause| WriteError { path: path.to_path_buf(), cause };
    if let Some((path, _)) = outputs.iter().find(|(path, _)| path.is_dir()) {
        return Err(error(path, std::io::Error::new(std::io::ErrorKind::IsADirectory, "the output path is a folder")));
    }
    let mut staged = Staged(Vec::new());
    for &(path, bytes) in outputs {
        let temp = stage(path, bytes, fill).map_err(|cause| error(path, cause))?;
        staged.0.push((temp, path));
    }
    let mut renamed: Vec<&Path> = Vec::new();
    while !staged.0.is_empty() {
        let (temp, path) = staged.0.remove(0);
        let temp_path = temp.path().to_path_buf();
        let persisted = {
            // Under the lock, so that an interrupt sees either the temporary file or the output.
            let mut files = in_progress();
            let persisted = temp.persist(path).map(|_| ()).map_err(|e| e.error);
            files.remove(&temp_path);
            persisted
        };
        if let Err(cause) = persisted {
            for done in renamed {
                let _ = std::fs::remove_file(done);
            }
            return Err(error(path, cause));
        }
        renamed.push(path);
    }
    Ok(())
}

/// Temporary files written and not yet renamed; dropping it deletes them.
struct Staged<'a>(Vec<(NamedTempFile, &'a Path)>);

impl Drop for Staged<'_> {
    fn drop(&mut self) {
        let mut files = in_progress();
        // Dropping a NamedTempFile deletes it.
        for (temp, _) in self.0.drain(..) {
            files.remove(temp.path());
        }
    }
}

/// tempfile's error names its random file (`… at path "out/.verbatim-AWCePh.tmp"`), which
/// does not exist; the caller names the output instead.
fn without_temporary_path(error: std::io::Error) -> std::io::Error {
    let text = error.to_string();
    match text.rfind(" at path ") {
        Some(at) => std::io::Error::new(error.kind(), &text[..at]),
        None => error,
    }
}

/// Writes `bytes` to a new temporary file beside `path`, registered for removal on interrupt.
fn stage(path: &Path, bytes: &[u8], fill: &Fill) -> std::io::Result<NamedTempFile> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".verbatim-").suffix(".tmp");
    // Like any new file: readable by all unless the umask says otherwise (tempfile's 0600 default
    // would survive the rename).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = {
        let mut files = in_progress();
        let temp = builder.tempfile_in(dir).map_err(without_temporary_path)?;
        files.insert(temp.path().to_path_buf());
        temp
    };
    let written = fill(temp.as_file_mut(), bytes).and_then(|_| temp.as_file().sync_data());
    if let Err(e) = written {
        in_progress().remove(temp.path());
        return Err(e);
    }
    Ok(temp)
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

    /// A writer for a disk with `room` bytes free per file: it writes what fits, then fails
    /// with ENOSPC as a full disk does.
    fn disk_with_room(room: usize) -> impl Fn(&mut File, &[u8]) -> std::io::Result<()> + Sync {
        move |file, bytes| {
            let fits = bytes.len().min(room);
            file.write_all(&bytes[..fits])?;
            if fits < bytes.len() { Err(std::io::Error::from_raw_os_error(28)) } else { Ok(()) }
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_full_disk_fails_one_input_names_the_file_and_leaves_nothing_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        // An earlier run's output of the failing input survives untouched.
        std::fs::write(at("big.txt"), b"earlier run").unwrap();
        let disk = disk_with_room(100);
        let small = [0x61u8; 40];
        let large = [0x62u8; 1000];
        // Three inputs of a run, in order, each with a txt and a pdf.
        let runs = [
            write_together_with(&[(&at("first.txt"), &small), (&at("first.pdf"), &small)], &disk),
            write_together_with(&[(&at("big.txt"), &small), (&at("big.pdf"), &large)], &disk),
            write_together_with(&[(&at("last.txt"), &small), (&at("last.pdf"), &small)], &disk),
        ];
        assert!(runs[0].is_ok() && runs[2].is_ok(), "{runs:?}");
        let err = runs[1].as_ref().unwrap_err();
        assert_eq!(err.path, at("big.pdf"));
        let message = err.to_string();
        assert!(message.starts_with(&format!("cannot write {}: ", at("big.pdf").display())), "{message}");
        assert!(message.contains("No space left on device"), "{message}");
        assert_eq!(names(dir.path()), ["big.txt", "first.pdf", "first.txt", "last.pdf", "last.txt"]);
        assert_eq!(std::fs::read(at("big.txt")).unwrap(), b"earlier run");
        assert_eq!(std::fs::read(at("last.pdf")).unwrap(), small);
        assert!(in_progress().iter().all(|p| !p.starts_with(dir.path())), "no temporary file is still registered");
    }

    #[test]
    fn a_failed_rename_takes_back_the_outputs_already_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let (txt, pdf) = (dir.path().join("x.txt"), dir.path().join("x.pdf"));
        // The folder check has passed when the pdf path turns into a folder.
        let pdf_in_fill = pdf.clone();
        let fill = move |file: &mut File, bytes: &[u8]| {
            if bytes == b"pdf" {
                std::fs::create_dir(&pdf_in_fill)?;
            }
            file.write_all(bytes)
        };
        let err = write_together_with(&[(&txt, b"txt"), (&pdf, b"pdf")], &fill).unwrap_err();
        assert_eq!(err.path, pdf);
        assert_eq!(names(dir.path()), ["x.pdf"], "only the folder that was in the way remains");
    }
}
