//! The `verbatim` binary: everything happens in [`verbatim::cli`].

/// mimalloc instead of the system allocator: composing and exporting allocate many small
/// strings from several threads, where glibc's per-thread arenas cost both instructions and
/// system calls (measured in the README's Performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    verbatim::cli::run()
}
