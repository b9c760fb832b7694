//! A temporary working folder in which the `verbatim` binary runs, for the command-line tests.

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use std::ffi::OsStr;
use std::path::PathBuf;
use tempfile::TempDir;

pub struct Work {
    pub dir: TempDir,
}

impl Work {
    pub fn new() -> Work {
        Work { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `rel` (creating its folders) and returns `rel`, for use as an argument.
    pub fn write<'a>(&self, rel: &'a str, contents: impl AsRef<[u8]>) -> &'a str {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        rel
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn text(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).unwrap()
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// The names in folder `rel`, hidden ones included, sorted.
    pub fn names(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(self.path(rel)).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

    /// `verbatim ARGS` in this folder, without `SOURCE_DATE_EPOCH` or `NO_COLOR` unless a test
    /// sets them.
    pub fn cmd<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Command {
        let mut cmd = Command::cargo_bin("verbatim").unwrap();
        cmd.current_dir(self.dir.path()).env_remove("SOURCE_DATE_EPOCH").env_remove("NO_COLOR").args(args);
        cmd
    }

    pub fn run<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Assert {
        self.cmd(args).assert()
    }
}

pub fn stdout(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

pub fn stderr(a: &Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}
