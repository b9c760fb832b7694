//! The `verbatim` binary: everything happens in [`verbatim::cli`].

fn main() -> std::process::ExitCode {
    verbatim::cli::run()
}
