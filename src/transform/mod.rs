//! Transforms from a valid transcript to the transcript that is laid out.

pub mod normalize;
