//! verbatim: transcripts to print-ready PDF, DOCX, EPUB and plain text with the same pages
//! in every format.
//!
//! The pipeline: [`import`] reads a file into the [`model`]; [`layout`] composes it into
//! lines with real font metrics and paginates it, once, into a [`layout::PagedDocument`];
//! each exporter in [`export`] serializes those pages; [`write`] puts the bytes on disk
//! atomically. The [`cli`] drives it.

pub mod cli;
pub mod export;
pub mod import;
pub mod layout;
pub mod model;
pub mod suggest;
pub mod transform;
pub mod write;
