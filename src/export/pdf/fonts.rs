//! The fonts of the default PDF writer: each face the pages draw with becomes a Type 0 font
//! over a CID-keyed subset of that face, with its widths and a ToUnicode map.
//!
//! Guarantees: a face's characters get CIDs in the order they are first drawn, from 1 up (0 is
//! `.notdef`), and those CIDs are the glyph ids of the embedded subset (subsetter numbers the
//! kept glyphs in the order it is given them); each CID's width is the hmtx advance the
//! paginator measured with, so the PDF viewer advances exactly as the layout did; each CID maps
//! back to the first character drawn with it; a character the face lacks gets no CID (the
//! exporter has already failed or warned about it). Equal pages give equal subsets, subset
//! tags and bytes.
//!
//! Character codes: a face that draws fewer than 256 different glyphs in the document (nearly
//! every face of a Latin-script transcript) gets one-byte codes, equal to its CIDs, through an
//! embedded CMap named `OneByteIdentityH` (the name pdfminer knows it by; the other readers
//! tried, poppler and MuPDF, read the embedded map); any other face gets Identity-H's two-byte
//! codes. One byte per character halves what the page streams hold and what has to be
//! compressed. The writer gives every character its CID before it writes a page
//! ([`UsedFonts::settle`]), so a face's code width holds for the whole document.

use super::fail;
use super::writer::{Deflater, Refs};
use crate::export::ExportError;
use crate::layout::fonts::{Face, FaceId, FontBook};
use fnv::FnvHashMap;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::hash::Hasher;

/// Marks an ASCII character the face has no glyph for, in [`UsedFace::ascii`].
const NO_GLYPH: u16 = u16::MAX;

/// The character collection of every CIDFont here: CIDs are the subsets' glyph ids.
const IDENTITY: SystemInfo<'static> = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// The character collection of the ToUnicode maps.
const UCS: SystemInfo<'static> = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 };

/// The one-byte code map: codes 0-255 are CIDs 0-255.
const ONE_BYTE_CMAP: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n\
/CMapName /OneByteIdentityH def\n/CMapType 1 def\n/WMode 0 def\n\
1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
1 begincidrange\n<00> <FF> 0\nendcidrange\n\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

/// Writes `byte` into a literal string: parentheses and backslashes escaped, and carriage
/// returns too (a reader would turn a raw one into a line feed).
fn push_string_byte(out: &mut Vec<u8>, byte: u8) {
    match byte {
        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => out.push(byte),
    }
}

/// The faces a document draws with, in order of first use; a face's index is its resource
/// name (`/F0`, `/F1`, …).
pub(super) struct UsedFonts<'a> {
    book: &'a FontBook,
    /// Index into `used` by `FaceId`, once the face is drawn with.
    index_of: Vec<Option<usize>>,
    used: Vec<UsedFace<'a>>,
}

/// One face's characters so far: their CIDs, glyphs, widths and text.
pub(super) struct UsedFace<'a> {
    face: &'a Face,
    /// The CID of each ASCII character: 0 not seen yet, [`NO_GLYPH`] when the face lacks it.
    ascii: [u16; 128],
    /// The CID of each other character seen (`None` when the face lacks it).
    other: FnvHashMap<char, Option<u16>>,
    /// The CID given to each glyph of the face.
    cid_of_glyph: FnvHashMap<u16, u16>,
    /// By CID from 1: the face's glyph id, the character it maps back to, its width in
    /// thousandths of the font size.
    glyphs: Vec<u16>,
    text: Vec<char>,
    widths: Vec<f32>,
    /// Whether the codes are one byte; fixed by [`UsedFonts::settle`].
    one_byte: bool,
}

impl<'a> UsedFonts<'a> {
    pub(super) fn new(book: &'a FontBook) -> Self {
        UsedFonts { book, index_of: Vec::new(), used: Vec::new() }
    }

    /// The resource index of `id`, and its table of CIDs.
    pub(super) fn face(&mut self, id: FaceId) -> (usize, &mut UsedFace<'a>) {
        let slot = id.0 as usize;
        if self.index_of.len() <= slot {
            self.index_of.resize(slot + 1, None);
        }
        let index = *self.index_of[slot].get_or_insert_with(|| {
            self.used.push(UsedFace::new(self.book.face(id)));
            self.used.len() - 1
        });
        (index, &mut self.used[index])
    }

    /// Fixes each face's code width: one byte when it has fewer than 256 CIDs. Call it once
    /// every character drawn has its CID, before writing codes.
    pub(super) fn settle(&mut self) {
        for used in &mut self.used {
            used.one_byte = used.glyphs.len() < 256;
        }
    }

    /// Writes every used face as a Type 0 font; the result holds their references by
    /// resource index.
    pub(super) fn embed(&self, pdf: &mut Pdf, refs: &mut Refs, deflater: &mut Deflater) -> Result<Vec<Ref>, ExportError> {
        let one_byte_cmap = self.used.iter().any(|u| u.one_byte).then(|| {
            let cmap_ref = refs.next();
            let program = deflater.deflate(ONE_BYTE_CMAP.as_bytes());
            let mut cmap = pdf.cmap(cmap_ref, &program);
            cmap.name(Name(b"OneByteIdentityH")).system_info(IDENTITY);
            cmap.filter(Filter::FlateDecode);
            cmap_ref
        });
        self.used.iter().map(|used| used.embed(pdf, refs, deflater, one_byte_cmap)).collect()
    }
}

impl<'a> UsedFace<'a> {
    fn new(face: &'a Face) -> Self {
        UsedFace {
            face,
            ascii: [0; 128],
            other: FnvHashMap::default(),
            cid_of_glyph: FnvHashMap::default(),
            glyphs: Vec::new(),
            text: Vec::new(),
            widths: Vec::new(),
            one_byte: false,
        }
    }

    /// The CID `ch` is drawn with, giving it one on first use; `None` if the face lacks it.
    #[inline]
    pub(super) fn cid(&mut self, ch: char) -> Option<u16> {
        if let Some(&known) = self.ascii.get(ch as usize) {
            return match known {
                0 => {
                    let cid = self.new_cid(ch);
                    self.ascii[ch as usize] = cid.unwrap_or(NO_GLYPH);
                    cid
                }
                NO_GLYPH => None,
                cid => Some(cid),
            };
        }
        if let Some(&known) = self.other.get(&ch) {
            return known;
        }
        let cid = self.new_cid(ch);
        self.other.insert(ch, cid);
        cid
    }

    /// Writes the code of `cid` into a literal string: one byte or two (see the module's notes).
    #[inline]
    pub(super) fn push_code(&self, out: &mut Vec<u8>, cid: u16) {
        let [high, low] = cid.to_be_bytes();
        if !self.one_byte {
            push_string_byte(out, high);
        }
        push_string_byte(out, low);
    }

    fn new_cid(&mut self, ch: char) -> Option<u16> {
        let glyph = self.face.glyph(ch)?;
        let advance = self.face.advance_em(ch)?;
        if let Some(&cid) = self.cid_of_glyph.get(&glyph) {
            return Some(cid);
        }
        let cid = u16::try_from(self.glyphs.len() + 1).ok().filter(|&cid| cid != NO_GLYPH)?;
        self.cid_of_glyph.insert(glyph, cid);
        self.glyphs.push(glyph);
        self.text.push(ch);
        self.widths.push(advance * 1000.0);
        Some(cid)
    }

    /// Writes the Type 0 font, its CID font, descriptor, ToUnicode map and subset program;
    /// returns the Type 0 font's reference.
    fn embed(&self, pdf: &mut Pdf, refs: &mut Refs, deflater: &mut Deflater, one_byte_cmap: Option<Ref>) -> Result<Ref, ExportError> {
        let name = &self.face.postscript_name;
        let font = ttf_parser::Face::parse(self.face.bytes(), self.face.index)
            .map_err(|e| fail(format!("font {name}: cannot read it again to embed it: {e}")))?;
        // Faces without either were refused when loaded; subsetter prefers glyf when a font has both.
        let is_cff = font.tables().glyf.is_none() && font.tables().cff.is_some();
        let remapper = subsetter::GlyphRemapper::new_from_glyphs(&self.glyphs);
        debug_assert!(self.glyphs.iter().enumerate().all(|(i, &g)| remapper.get(g) == Some(i as u16 + 1)));
        let subset = subsetter::subset(self.face.bytes(), self.face.index, &remapper)
            .map_err(|e| fail(format!("font {name}: cannot subset it for embedding: {e}")))?;
        let program: &[u8] = if is_cff {
            ttf_parser::RawFace::parse(&subset, 0)
                .ok()
                .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
                .ok_or_else(|| fail(format!("font {name}: its subset has no CFF table")))?
        } else {
            &subset
        };

        let [type0_ref, cid_ref, descriptor_ref, to_unicode_ref, program_ref] = [(); 5].map(|_| refs.next());
        let base_font = format!("{}+{name}", self.subset_tag());
        let one_byte_cmap = one_byte_cmap.filter(|_| self.one_byte);
        let encoding = if one_byte_cmap.is_some() { "OneByteIdentityH" } else { "Identity-H" };
        // A Type 0 font over CFF outlines is named after its CIDFont and its code map.
        let type0_name = if is_cff { format!("{base_font}-{encoding}") } else { base_font.clone() };
        let mut type0 = pdf.type0_font(type0_ref);
        type0.base_font(Name(type0_name.as_bytes())).descendant_font(cid_ref).to_unicode(to_unicode_ref);
        match one_byte_cmap {
            Some(cmap) => type0.encoding_cmap(cmap),
            None => type0.encoding_predefined(Name(b"Identity-H")),
        };
        type0.finish();

        let mut cid = pdf.cid_font(cid_ref);
        cid.subtype(if is_cff { CidFontType::Type0 } else { CidFontType::Type2 })
            .base_font(Name(base_font.as_bytes()))
            .system_info(IDENTITY)
            .font_descriptor(descriptor_ref)
            .default_width(0.0);
        if !is_cff {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        cid.widths().consecutive(1, self.widths.iter().copied());
        cid.finish();

        let per_unit = 1000.0 / font.units_per_em() as f32;
        // The kept glyphs' bounding box (the whole font's when none has an outline), from the
        // glyf table's glyph headers when there are, else by outlining each glyph.
        let glyph_box = |g: u16| match font.tables().glyf {
            Some(glyf) => glyf.bbox(ttf_parser::GlyphId(g)),
            None => font.glyph_bounding_box(ttf_parser::GlyphId(g)),
        };
        let bbox = self
            .glyphs
            .iter()
            .filter_map(|&g| glyph_box(g))
            .reduce(|a, b| ttf_parser::Rect {
                x_min: a.x_min.min(b.x_min),
                y_min: a.y_min.min(b.y_min),
                x_max: a.x_max.max(b.x_max),
                y_max: a.y_max.max(b.y_max),
            })
            .unwrap_or_else(|| font.global_bounding_box());
        let italic_angle = font.italic_angle();
        let ascent = font.ascender() as f32 * per_unit;
        let mut flags = FontFlags::SYMBOLIC;
        flags.set(FontFlags::SERIF, name.contains("Serif"));
        flags.set(FontFlags::FIXED_PITCH, font.is_monospaced());
        flags.set(FontFlags::ITALIC, italic_angle != 0.0);
        let mut descriptor = pdf.font_descriptor(descriptor_ref);
        descriptor
            .name(Name(base_font.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                bbox.x_min as f32 * per_unit,
                bbox.y_min as f32 * per_unit,
                bbox.x_max as f32 * per_unit,
                bbox.y_max as f32 * per_unit,
            ))
            .italic_angle(italic_angle)
            .ascent(ascent)
            .descent(font.descender() as f32 * per_unit)
            .cap_height(font.capital_height().map_or(ascent, |h| h as f32 * per_unit))
            .stem_v((10.0 + 0.244 * (font.weight().to_number() as f32 - 50.0)).max(0.0));
        if is_cff {
            descriptor.font_file3(program_ref);
        } else {
            descriptor.font_file2(program_ref);
        }
        descriptor.finish();

        let to_unicode = deflater.deflate(&self.to_unicode());
        let mut cmap = pdf.cmap(to_unicode_ref, &to_unicode);
        cmap.name(Name(b"Custom")).system_info(UCS);
        cmap.filter(Filter::FlateDecode);
        cmap.finish();

        let compressed = deflater.deflate(program);
        let mut stream = pdf.stream(program_ref, &compressed);
        stream.filter(Filter::FlateDecode);
        if is_cff {
            stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        } else {
            stream.pair(Name(b"Length1"), program.len() as i32);
        }
        Ok(type0_ref)
    }

    /// The ToUnicode map: each code back to the character first drawn with its glyph, in
    /// the face's code width.
    fn to_unicode(&self) -> Vec<u8> {
        // Inclusive ranges: `1u8..` would overflow computing the successor of CID 255.
        if self.one_byte {
            let mut map = UnicodeCmap::<u8>::new(Name(b"Custom"), UCS);
            for (cid, &ch) in (1..=u8::MAX).zip(&self.text) {
                map.pair(cid, ch);
            }
            map.finish().into_vec()
        } else {
            let mut map = UnicodeCmap::<u16>::new(Name(b"Custom"), UCS);
            for (cid, &ch) in (1..=u16::MAX).zip(&self.text) {
                map.pair(cid, ch);
            }
            map.finish().into_vec()
        }
    }

    /// Six capital letters naming this subset, from the face (name, file size, index in its
    /// file) and the glyphs kept: PDF asks that different subsets have different tags, and two
    /// fonts of the same name (a user's and a shipped one) must not share a name in one file.
    fn subset_tag(&self) -> String {
        let mut hash = fnv::FnvHasher::default();
        hash.write(self.face.postscript_name.as_bytes());
        hash.write(&(self.face.bytes().len() as u64).to_be_bytes());
        hash.write(&self.face.index.to_be_bytes());
        for glyph in &self.glyphs {
            hash.write(&glyph.to_be_bytes());
        }
        let mut value = Hasher::finish(&hash);
        (0..6)
            .map(|_| {
                let letter = b'A' + (value % 26) as u8;
                value /= 26;
                letter as char
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_one_byte_or_two_and_escape_what_a_literal_string_cannot_hold() {
        let book = FontBook::builtin();
        let mut used = UsedFace::new(book.face(FaceId(0)));
        let mut out = Vec::new();
        used.one_byte = true;
        for cid in [0x41, 0x28, 0x29, 0x5c, 0x0d, 0x0a] {
            used.push_code(&mut out, cid);
        }
        assert_eq!(out, b"A\\(\\)\\\\\\r\n");
        out.clear();
        used.one_byte = false;
        for cid in [0x0041, 0x2829, 0x5c0d, 0x0a00] {
            used.push_code(&mut out, cid);
        }
        assert_eq!(out, b"\x00A\\(\\)\\\\\\r\n\x00");
    }

    /// 255 different glyphs still fit one-byte codes, the 256th needs two; every code is
    /// mapped back to its character either way.
    #[test]
    fn the_code_width_follows_the_number_of_glyphs_and_every_code_maps_back() {
        let book = FontBook::builtin();
        let serif = book.faces().find(|(_, f)| f.postscript_name == "LiberationSerif").unwrap().0;
        let mut fonts = UsedFonts::new(&book);
        let covered: Vec<char> = ('!'..='\u{52F}').filter(|&c| book.face(serif).covers(c)).collect();
        assert!(covered.len() > 300, "Liberation Serif covers Latin, Greek and Cyrillic");
        for (glyphs, one_byte) in [(255, true), (256, false)] {
            let mut used = UsedFace::new(book.face(serif));
            covered.iter().take(glyphs).for_each(|&c| _ = used.cid(c));
            assert_eq!(used.glyphs.len(), glyphs);
            fonts.used = vec![used];
            fonts.settle();
            let used = &fonts.used[0];
            assert_eq!(used.one_byte, one_byte, "{glyphs} glyphs");
            let map = String::from_utf8(used.to_unicode()).unwrap();
            let mut in_pairs = false;
            let pairs = map
                .lines()
                .filter(|l| {
                    in_pairs = (in_pairs || l.ends_with("beginbfchar")) && !l.ends_with("endbfchar");
                    in_pairs && l.starts_with('<')
                })
                .count();
            assert_eq!(pairs, glyphs, "{map}");
            let last = if one_byte { format!("<{:02X}>", glyphs) } else { format!("<{:04X}>", glyphs) };
            assert!(map.to_uppercase().contains(&last), "the last code {last}: {map}");
        }
    }
}
