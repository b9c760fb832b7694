//! Fonts and their metrics: the one source of glyph advances for composing and drawing.
//!
//! Guarantees: every advance comes from the font file's `hmtx` table through its `cmap`
//! (no kerning, as Word and LibreOffice measure by default); the built-in Liberation fonts
//! are embedded in the binary and parsed once per process; a character no face covers is
//! reported by [`FontBook::face_for`] returning `None`, never silently measured as a guess.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Index of a face in a [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub u16);

/// Bold and italic variants of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Variant {
    pub bold: bool,
    pub italic: bool,
}

/// A font file's bytes, shared; the shipped fonts are borrowed from the binary, not copied.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Glyph id and advance (font units) per character, read from the font the first time a
/// character is asked for and then remembered; glyph id 0 means "not covered". Characters
/// below [`CharTable::DIRECT`] sit in an array of atomics that the composing threads share
/// without locks (a text uses a few hundred of them, so the rest of the font's map is never
/// read); the rest are read all at once, into a map, the first time one of them is asked for.
struct CharTable {
    /// 0 when not looked up yet, else [`CharTable::KNOWN`] | glyph id << 16 | advance;
    /// allocated on first use, as many faces are loaded and never used.
    direct: OnceLock<Box<[AtomicU64]>>,
    other: OnceLock<HashMap<char, (u16, u16)>>,
}

impl CharTable {
    const DIRECT: u32 = 0x2500;
    const KNOWN: u64 = 1 << 32;

    fn new() -> CharTable {
        CharTable { direct: OnceLock::new(), other: OnceLock::new() }
    }

    /// The entry of `ch`, reading `font` (parsed on demand) when `ch` was not looked up yet.
    fn get<'f>(&self, ch: char, font: impl Fn() -> ttf_parser::Face<'f>) -> Option<(u16, u16)> {
        let entry = if (ch as u32) < Self::DIRECT {
            let direct = self.direct.get_or_init(|| (0..Self::DIRECT).map(|_| AtomicU64::new(0)).collect());
            let slot = &direct[ch as usize];
            match slot.load(Ordering::Relaxed) {
                0 => {
                    let (gid, advance) = Self::read(&font(), ch);
                    // Every thread reads the same entry from the same font, so a race only
                    // stores the same value twice.
                    slot.store(Self::KNOWN | (gid as u64) << 16 | advance as u64, Ordering::Relaxed);
                    (gid, advance)
                }
                packed => ((packed >> 16) as u16, packed as u16),
            }
        } else {
            let other = self.other.get_or_init(|| {
                let face = font();
                let mut other = HashMap::new();
                if let Some(cmap) = face.tables().cmap {
                    for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                        subtable.codepoints(|cp| {
                            if cp >= Self::DIRECT
                                && let Some(ch) = char::from_u32(cp)
                            {
                                other.entry(ch).or_insert_with(|| Self::read(&face, ch));
                            }
                        });
                    }
                }
                other
            });
            other.get(&ch).copied().unwrap_or((0, 0))
        };
        Some(entry).filter(|(gid, _)| *gid != 0)
    }

    /// Glyph id (0 when not covered) and advance of `ch`, from the font's Unicode cmaps.
    fn read(face: &ttf_parser::Face<'_>, ch: char) -> (u16, u16) {
        match face.glyph_index(ch) {
            Some(gid) if gid.0 != 0 => (gid.0, face.glyph_hor_advance(gid).unwrap_or(0)),
            _ => (0, 0),
        }
    }
}

/// One parsed font face; its character table is built on first use.
pub struct Face {
    /// PostScript name, e.g. `LiberationSerif-Bold`.
    pub postscript_name: String,
    /// Family name as layouts spell it, e.g. `Liberation Serif`.
    pub family: String,
    pub variant: Variant,
    /// The font file, for exporters that embed it.
    pub data: FontData,
    /// Index of the face in a font collection (`.ttc`), 0 for a single font.
    pub index: u32,
    units_per_em: f32,
    /// Ascender and descender in em (descender positive, below the baseline).
    pub ascender: f32,
    pub descender: f32,
    table: CharTable,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("postscript_name", &self.postscript_name).finish_non_exhaustive()
    }
}

/// Why a font file could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FontError(String);

impl FontError {
    pub fn new(message: String) -> FontError {
        FontError(message)
    }
}

impl Face {
    /// Parses face `index` of a TrueType/OpenType file (or collection). `family` of `None`
    /// takes the family name from the font.
    pub fn parse(data: FontData, index: u32, family: Option<&str>, variant: Variant) -> Result<Face, FontError> {
        let face = ttf_parser::Face::parse((*data).as_ref(), index).map_err(|e| FontError(format!("not a usable font file: {e}")))?;
        if !has_drawable_outlines(&face) {
            return Err(FontError(
                "has no TrueType (glyf) or CFF outlines (a bitmap or colour-only font, or a CFF2 variable font): \
                 it cannot be embedded in a PDF; give a static TrueType or OpenType font"
                    .to_string(),
            ));
        }
        // The English (US) name when the font has one: other tools know the font by it.
        let name = |id: u16| {
            let names = || face.names().into_iter().filter(move |n| n.name_id == id && n.is_unicode());
            names().find(|n| n.language_id == 0x0409).or_else(|| names().next()).and_then(|n| n.to_string())
        };
        let family = family
            .map(str::to_string)
            .or_else(|| name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY))
            .or_else(|| name(ttf_parser::name_id::FAMILY));
        let family = family.unwrap_or_else(|| "unnamed font".to_string());
        let units_per_em = face.units_per_em() as f32;
        let postscript_name = name(ttf_parser::name_id::POST_SCRIPT_NAME).unwrap_or_else(|| family.replace(' ', ""));
        Ok(Face {
            postscript_name,
            family,
            variant,
            index,
            ascender: face.ascender() as f32 / units_per_em,
            descender: -(face.descender() as f32) / units_per_em,
            data,
            units_per_em,
            table: CharTable::new(),
        })
    }

    /// The font file's bytes.
    pub fn bytes(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    fn entry(&self, ch: char) -> Option<(u16, u16)> {
        self.table.get(ch, || ttf_parser::Face::parse(self.bytes(), self.index).expect("parsed when the face was loaded"))
    }

    /// Whether the face has a glyph for `ch`.
    pub fn covers(&self, ch: char) -> bool {
        self.entry(ch).is_some()
    }

    /// The glyph id of `ch`, if covered.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        self.entry(ch).map(|(gid, _)| gid)
    }

    /// Advance of `ch` in em (font units over units per em); `None` if the face lacks it.
    pub fn advance_em(&self, ch: char) -> Option<f32> {
        self.entry(ch).map(|(_, units)| units as f32 / self.units_per_em)
    }

    /// Advance of `ch` at `size` points; `None` if the face lacks it.
    pub fn advance(&self, ch: char, size: f32) -> Option<f32> {
        self.entry(ch).map(|(_, units)| units as f32 * size / self.units_per_em)
    }
}

/// A family known to verbatim, with the name a word processor knows its metrics by.
#[derive(Debug, Clone)]
pub struct Family {
    pub name: String,
    /// A metric-compatible family that Word and LibreOffice have, e.g. `Times New Roman`.
    pub office_name: String,
    faces: HashMap<(bool, bool), FaceId>,
}

/// All faces available to a conversion: the families layouts name, and fallbacks for
/// characters those lack.
#[derive(Debug)]
pub struct FontBook {
    faces: Vec<Arc<Face>>,
    families: Vec<Family>,
    fallbacks: Vec<FaceId>,
}

macro_rules! builtin_face {
    ($file:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $file)) as &'static [u8]
    };
}

/// The shipped families: (family, office name, [(bold, italic, file bytes)]).
type BuiltinFamily = (&'static str, &'static str, [(bool, bool, &'static [u8]); 4]);

const BUILTIN: [BuiltinFamily; 3] = [
    (
        "Liberation Serif",
        "Times New Roman",
        [
            (false, false, builtin_face!("LiberationSerif-Regular.ttf")),
            (true, false, builtin_face!("LiberationSerif-Bold.ttf")),
            (false, true, builtin_face!("LiberationSerif-Italic.ttf")),
            (true, true, builtin_face!("LiberationSerif-BoldItalic.ttf")),
        ],
    ),
    (
        "Liberation Sans",
        "Arial",
        [
            (false, false, builtin_face!("LiberationSans-Regular.ttf")),
            (true, false, builtin_face!("LiberationSans-Bold.ttf")),
            (false, true, builtin_face!("LiberationSans-Italic.ttf")),
            (true, true, builtin_face!("LiberationSans-BoldItalic.ttf")),
        ],
    ),
    (
        "Liberation Mono",
        "Courier New",
        [
            (false, false, builtin_face!("LiberationMono-Regular.ttf")),
            (true, false, builtin_face!("LiberationMono-Bold.ttf")),
            (false, true, builtin_face!("LiberationMono-Italic.ttf")),
            (true, true, builtin_face!("LiberationMono-BoldItalic.ttf")),
        ],
    ),
];

impl FontBook {
    /// The shipped Liberation families, parsed once per process.
    pub fn builtin() -> Arc<FontBook> {
        static BOOK: OnceLock<Arc<FontBook>> = OnceLock::new();
        BOOK.get_or_init(|| {
            let mut book = FontBook { faces: Vec::new(), families: Vec::new(), fallbacks: Vec::new() };
            for (name, office_name, faces) in BUILTIN {
                let mut family = Family { name: name.to_string(), office_name: office_name.to_string(), faces: HashMap::new() };
                for (bold, italic, bytes) in faces {
                    let face = Face::parse(Arc::new(bytes), 0, Some(name), Variant { bold, italic })
                        .expect("the shipped fonts are valid (checked by tests)");
                    family.faces.insert((bold, italic), FaceId(book.faces.len() as u16));
                    book.faces.push(Arc::new(face));
                }
                book.families.push(family);
            }
            Arc::new(book)
        })
        .clone()
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.0 as usize]
    }

    pub fn faces(&self) -> impl Iterator<Item = (FaceId, &Face)> {
        self.faces.iter().enumerate().map(|(i, f)| (FaceId(i as u16), f.as_ref()))
    }

    pub fn family(&self, name: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn family_names(&self) -> impl Iterator<Item = &str> {
        self.families.iter().map(|f| f.name.as_str())
    }

    /// This book with `faces` added as fallbacks, tried in order after the existing ones for
    /// characters a style's own face lacks. Faces already in the book are not added twice.
    pub fn with_fallbacks(&self, faces: impl IntoIterator<Item = Arc<Face>>) -> FontBook {
        let mut book = FontBook { faces: self.faces.clone(), families: self.families.clone(), fallbacks: self.fallbacks.clone() };
        for face in faces {
            let known = book.faces.iter().any(|f| std::ptr::eq(f.bytes().as_ptr(), face.bytes().as_ptr()) && f.index == face.index);
            if !known {
                book.fallbacks.push(FaceId(book.faces.len() as u16));
                book.faces.push(face);
            }
        }
        book
    }

    /// Whether some face of the book (a family's or a fallback) covers `ch`.
    pub fn covers(&self, ch: char) -> bool {
        self.faces.iter().any(|f| f.covers(ch))
    }

    /// The face of `family` in `variant`; families without that variant give their regular face.
    pub fn select(&self, family: &str, variant: Variant) -> Option<FaceId> {
        let family = self.family(family)?;
        family.faces.get(&(variant.bold, variant.italic)).or_else(|| family.faces.get(&(false, false))).copied()
    }

    /// How `ch`, set in `preferred` at `size` points, is measured and drawn. Tabs take a
    /// space's width, invisible characters none; neither is drawn. A character no face covers
    /// is marked `missing` and reserves half an em per display cell, so lines do not overfill.
    pub fn resolve(&self, preferred: FaceId, ch: char, size: f32) -> Resolved {
        let face = self.face(preferred);
        if let Some(advance) = face.advance(ch, size) {
            return Resolved { face: preferred, advance, drawn: true, missing: false };
        }
        if ch == '\t' {
            let advance = face.advance(' ', size).unwrap_or(size / 4.0);
            return Resolved { face: preferred, advance, drawn: false, missing: false };
        }
        if is_invisible(ch) {
            return Resolved { face: preferred, advance: 0.0, drawn: false, missing: false };
        }
        let fallback = self.fallbacks.iter().find_map(|&id| self.face(id).advance(ch, size).map(|advance| (id, advance)));
        match fallback {
            Some((id, advance)) => Resolved { face: id, advance, drawn: true, missing: false },
            None => {
                let cells = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1).max(1) as f32;
                Resolved { face: preferred, advance: size * 0.5 * cells, drawn: false, missing: true }
            }
        }
    }

    /// The face that draws `ch` for text set in `preferred`: the preferred face when it covers
    /// the character, else the first fallback that does; `None` when no face does.
    pub fn face_for(&self, preferred: FaceId, ch: char) -> Option<FaceId> {
        if self.face(preferred).covers(ch) {
            return Some(preferred);
        }
        self.fallbacks.iter().copied().find(|&id| self.face(id).covers(ch))
    }
}

/// Whether the face has outlines a PDF can embed: TrueType (`glyf`) or CFF.
pub fn has_drawable_outlines(face: &ttf_parser::Face<'_>) -> bool {
    face.tables().glyf.is_some() || face.tables().cff.is_some()
}

/// Every face of the font file at `path` (all faces of a `.ttc` collection).
pub fn load_font_file(path: &std::path::Path) -> Result<Vec<Arc<Face>>, FontError> {
    let data: FontData = Arc::new(std::fs::read(path).map_err(|e| FontError(format!("{}: cannot read: {e}", path.display())))?);
    let count = ttf_parser::fonts_in_collection((*data).as_ref()).unwrap_or(1);
    (0..count)
        .map(|index| {
            Face::parse(data.clone(), index, None, Variant { bold: false, italic: false })
                .map(Arc::new)
                .map_err(|e| FontError(format!("{}: {e}", path.display())))
        })
        .collect()
}

/// How one character is measured and drawn; see [`FontBook::resolve`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    pub face: FaceId,
    /// Advance in points.
    pub advance: f32,
    /// Whether a glyph is drawn for it.
    pub drawn: bool,
    /// Whether no available face covers it.
    pub missing: bool,
}

/// Characters that take no room and need no glyph, which fonts commonly lack: controls and
/// Unicode's default-ignorable code points (soft hyphen, zero-width spaces and joiners,
/// direction marks, embeddings and isolates, variation selectors, tags…), which "should be
/// ignored in rendering, not shown with a missing glyph" when a font lacks them.
pub fn is_invisible(ch: char) -> bool {
    ch.is_control()
        || matches!(ch,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}' | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_faces_parse_with_their_real_names_and_metrics() {
        let book = FontBook::builtin();
        let serif = book.select("Liberation Serif", Variant { bold: false, italic: false }).unwrap();
        let face = book.face(serif);
        assert_eq!(face.postscript_name, "LiberationSerif");
        // Times New Roman's advance for `a` is 0.444 em; Liberation Serif matches it.
        let a = face.advance('a', 1000.0).unwrap();
        assert!((a - 443.8).abs() < 1.0, "advance of a = {a}");
        assert!(face.covers('é') && face.covers('“') && !face.covers('黄'));
        let bold = book.select("liberation serif", Variant { bold: true, italic: false }).unwrap();
        assert_eq!(book.face(bold).postscript_name, "LiberationSerif-Bold");
        assert!(book.family("Liberation Mono").unwrap().office_name == "Courier New");
    }
}
