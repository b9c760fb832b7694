//! Rebuilds when a built-in layout or a shipped font changes: they are embedded in the binary
//! (`include_dir!`, `include_bytes!`), and a new file would otherwise go unnoticed.

fn main() {
    println!("cargo:rerun-if-changed=layouts");
    println!("cargo:rerun-if-changed=fonts");
}
