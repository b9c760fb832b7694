//! Readers that produce the model. Today: the model itself, as JSON or YAML.
//!
//! Heuristics for raw text, captions and archives will live here and nowhere else.

pub mod model_file;

pub use model_file::{InputFormat, LoadError, load_path, load_str};
