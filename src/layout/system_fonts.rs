//! Fallback faces from the fonts installed on this system, for characters the layout's own
//! fonts lack (CJK names in a Latin layout, say).
//!
//! Guarantees: the system's fonts are listed once per process and a face is read once; only
//! faces with outlines a PDF can embed are chosen (no bitmap or colour-only fonts); the
//! choice is deterministic for a given set of installed fonts: the layout's preferred
//! families first, in their order, then every other face ordered by regular style, normal
//! weight, family name and file path.

use super::fonts::{Face, Variant};
use fontdb::{Database, ID, Style};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

fn database() -> &'static Database {
    static DATABASE: OnceLock<Database> = OnceLock::new();
    DATABASE.get_or_init(|| {
        let mut db = Database::new();
        db.load_system_fonts();
        db
    })
}

/// System faces in the order they are tried.
fn candidates(preferred: &[String]) -> Vec<ID> {
    let db = database();
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    let family = |f: &fontdb::FaceInfo| f.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
    let path = |f: &fontdb::FaceInfo| match &f.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.display().to_string(),
        fontdb::Source::Binary(_) => String::new(),
    };
    faces.sort_by_key(|f| {
        let rank =
            preferred.iter().position(|p| f.families.iter().any(|(name, _)| name.eq_ignore_ascii_case(p))).unwrap_or(preferred.len());
        (rank, f.style != Style::Normal, f.weight.0.abs_diff(400), family(f), path(f), f.index)
    });
    faces.into_iter().map(|f| f.id).collect()
}

/// Reads a system face into a [`Face`], once per process.
fn load(id: ID) -> Option<Arc<Face>> {
    static LOADED: OnceLock<Mutex<HashMap<ID, Arc<Face>>>> = OnceLock::new();
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(face) = loaded.get(&id) {
        return Some(face.clone());
    }
    let face = database()
        .with_face_data(id, |data, index| Face::parse(Arc::new(data.to_vec()), index, None, Variant { bold: false, italic: false }).ok())
        .flatten()?;
    let face = Arc::new(face);
    loaded.insert(id, face.clone());
    Some(face)
}

/// Faces that together cover as many of `chars` as the system can, trying the families in
/// `preferred` first. Characters no installed font covers are simply left uncovered.
pub fn faces_covering(chars: &[char], preferred: &[String]) -> Vec<Arc<Face>> {
    let db = database();
    let order = candidates(preferred);
    let mut chosen: Vec<Arc<Face>> = Vec::new();
    for &ch in chars {
        if chosen.iter().any(|f| f.covers(ch)) {
            continue;
        }
        let found = order.iter().copied().find(|&id| {
            db.with_face_data(id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .filter(super::fonts::has_drawable_outlines)
                    .and_then(|f| f.glyph_index(ch))
                    .is_some_and(|g| g.0 != 0)
            })
            .unwrap_or(false)
        });
        if let Some(face) = found.and_then(load) {
            chosen.push(face);
        }
    }
    chosen
}
