//! The ZIP container of the DOCX and the EPUB, written whole from parts held in memory.
//!
//! Guarantees: entries are written in the order they are added, each under its name, with a
//! fixed time (1980-01-01 00:00) and mode (`-rw-r--r--`), so equal parts give equal bytes; a
//! part smaller than [`STORE_BELOW`], or one that deflating would not shrink, is stored,
//! every other one is deflated; no entry has an extra field or a data descriptor, so a stored
//! first part (the EPUB's `mimetype`) sits at byte 38 as OCF requires; sizes and CRC-32 are
//! in each local header and in the central directory; a package that would need ZIP64 (an
//! entry or the whole reaching 4 GiB, more than 65,534 entries) is refused, never truncated,
//! and a part refused leaves the package as it was.
//!
//! Why not the `zip` crate, which wrote these packages before: it deflates through a new
//! zlib stream for every entry, and setting one up (allocating and clearing its tables) cost
//! as much as compressing the small parts. Here every part is deflated whole by one
//! libdeflate compressor per package (see [`DEFLATE_LEVEL`]); the container around the
//! deflated bytes is the few fixed-size records below.

use libdeflater::{CompressionLvl, Compressor};

/// libdeflate level of the deflated parts. Measured on the typical 15,000-word transcript
/// (callgrind, DOCX and EPUB): see the README's Performance section.
const DEFLATE_LEVEL: i32 = 1;

/// Parts smaller than this are stored: deflating them would save a few hundred bytes at most.
const STORE_BELOW: usize = 1024;

/// 1980-01-01 00:00:00, the earliest MS-DOS time, in its date and time fields.
const DOS_DATE: u16 = 1 << 5 | 1;
const DOS_TIME: u16 = 0;

/// Version 2.0 of the format (deflate), made on Unix (so the mode below is read).
const VERSION_NEEDED: u16 = 20;
const VERSION_MADE_BY: u16 = 3 << 8 | 20;

/// A regular file, `-rw-r--r--`, in the high half of the external attributes.
const EXTERNAL_ATTRIBUTES: u32 = 0o100644 << 16;

/// General purpose flag bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

const STORED: u16 = 0;
const DEFLATED: u16 = 8;

/// A ZIP package being written: add the parts in order, then [`Package::finish`].
pub(crate) struct Package {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    compressor: Compressor,
    deflated: Vec<u8>,
}

impl Package {
    pub(crate) fn new() -> Package {
        let level = CompressionLvl::new(DEFLATE_LEVEL).expect("a level libdeflate has");
        Package { out: Vec::new(), central: Vec::new(), entries: 0, compressor: Compressor::new(level), deflated: Vec::new() }
    }

    /// Adds the part `name` whose bytes are `pieces` one after the other.
    pub(crate) fn add(&mut self, name: &str, pieces: &[&[u8]]) -> Result<(), String> {
        let joined;
        let bytes: &[u8] = match pieces {
            [one] => one,
            _ => {
                joined = pieces.concat();
                &joined
            }
        };
        // 0xFFFF and 0xFFFF_FFFF would tell a reader to look for ZIP64 fields: refused, as is
        // anything larger, before anything is appended.
        let entries =
            self.entries.checked_add(1).filter(|&n| n < u16::MAX).ok_or("more than 65,534 parts need ZIP64, which is not written")?;
        let below_4_gib = |n: usize| below_4_gib(n).map_err(|e| format!("{name}: {e}"));
        let size = below_4_gib(bytes.len())?;
        let offset = below_4_gib(self.out.len())?;
        let name_len = u16::try_from(name.len()).map_err(|_| format!("{name}: the part's name is longer than 65,535 bytes"))?;
        let crc = libdeflater::crc32(bytes);
        let (method, data) =
            if bytes.len() < STORE_BELOW { (STORED, bytes) } else { deflate(&mut self.compressor, &mut self.deflated, bytes) };
        let compressed = below_4_gib(data.len())?;
        below_4_gib(self.out.len() + 30 + name.len() + data.len())?;
        self.entries = entries;
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };

        // Local file header.
        put32(&mut self.out, 0x0403_4b50);
        for field in [VERSION_NEEDED, flags, method, DOS_TIME, DOS_DATE] {
            put16(&mut self.out, field);
        }
        for field in [crc, compressed, size] {
            put32(&mut self.out, field);
        }
        put16(&mut self.out, name_len);
        put16(&mut self.out, 0); // no extra field
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        // Its central directory record.
        put32(&mut self.central, 0x0201_4b50);
        for field in [VERSION_MADE_BY, VERSION_NEEDED, flags, method, DOS_TIME, DOS_DATE] {
            put16(&mut self.central, field);
        }
        for field in [crc, compressed, size] {
            put32(&mut self.central, field);
        }
        put16(&mut self.central, name_len);
        for field in [0, 0, 0, 0] {
            put16(&mut self.central, field); // extra field and comment lengths, disk, internal attributes
        }
        put32(&mut self.central, EXTERNAL_ATTRIBUTES);
        put32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The package's bytes: the entries, the central directory and its end record.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, String> {
        let directory_offset = below_4_gib(self.out.len())?;
        let directory_size = below_4_gib(self.central.len())?;
        below_4_gib(self.out.len() + self.central.len() + 22)?;
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        for field in [0, 0, self.entries, self.entries] {
            put16(&mut self.out, field); // this disk, the directory's disk, entries here, entries in all
        }
        put32(&mut self.out, directory_size);
        put32(&mut self.out, directory_offset);
        put16(&mut self.out, 0); // no comment
        Ok(self.out)
    }
}

/// The method and bytes of a part: deflated into `buffer`, or stored when deflating does not
/// shrink it.
fn deflate<'a>(compressor: &mut Compressor, buffer: &'a mut Vec<u8>, bytes: &'a [u8]) -> (u16, &'a [u8]) {
    buffer.resize(compressor.deflate_compress_bound(bytes.len()), 0);
    match compressor.deflate_compress(bytes, buffer) {
        Ok(written) if written < bytes.len() => (DEFLATED, &buffer[..written]),
        _ => (STORED, bytes),
    }
}

/// `n` as a 32-bit size or offset, below 0xFFFF_FFFF (which would tell a reader to look for
/// ZIP64 fields).
fn below_4_gib(n: usize) -> Result<u32, String> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n < u32::MAX)
        .ok_or_else(|| "the package would reach 4 GiB, which needs ZIP64 (not written)".to_string())
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn package(parts: &[(&str, &[&[u8]])]) -> Vec<u8> {
        let mut package = Package::new();
        for (name, pieces) in parts {
            package.add(name, pieces).unwrap();
        }
        package.finish().unwrap()
    }

    #[test]
    fn a_zip_reader_gets_every_part_back_in_order_with_its_method_time_and_mode() {
        let text = "Speaker one said a thing. ".repeat(400);
        // xorshift64: bytes with nothing for deflate to find.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let noise: Vec<u8> = (0..5000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 32) as u8
            })
            .collect();
        let bytes = package(&[
            ("mimetype", &[b"application/epub+zip"]),
            ("EPUB/chapter-001.xhtml", &[&text.as_bytes()[..5000], &text.as_bytes()[5000..]]),
            ("noise.bin", &[&noise]),
            ("EPUB/Überschrift.xhtml", &[b"<p>x</p>"]),
        ]);
        // OCF: the stored mimetype's bytes start at offset 38.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], b"application/epub+zip");

        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let names: Vec<String> = (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
        assert_eq!(names, ["mimetype", "EPUB/chapter-001.xhtml", "noise.bin", "EPUB/Überschrift.xhtml"]);
        let expected: [(&[u8], zip::CompressionMethod); 4] = [
            (b"application/epub+zip", zip::CompressionMethod::Stored),
            (text.as_bytes(), zip::CompressionMethod::Deflated),
            // Pseudo-random bytes do not shrink: stored.
            (&noise, zip::CompressionMethod::Stored),
            (b"<p>x</p>", zip::CompressionMethod::Stored),
        ];
        for (i, (content, method)) in expected.iter().enumerate() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            assert_eq!(file.compression(), *method, "{name}");
            assert_eq!(file.unix_mode(), Some(0o100644), "{name}");
            let time = file.last_modified().unwrap();
            assert_eq!((time.year(), time.month(), time.day(), time.hour(), time.minute()), (1980, 1, 1, 0, 0));
            let mut read = Vec::new();
            // The reader checks each part's CRC-32 as it reaches the end.
            file.read_to_end(&mut read).unwrap();
            assert_eq!(&read, content, "{name}");
        }
        let deflated = archive.by_index(1).unwrap().compressed_size();
        assert!(deflated * 10 < text.len() as u64, "repetitive text shrinks: {deflated} of {}", text.len());
    }

    #[test]
    fn equal_parts_give_equal_bytes() {
        let text = "A transcript line.\n".repeat(200);
        let parts: [(&str, &[&[u8]]); 2] = [("a.txt", &[text.as_bytes()]), ("b/c.txt", &[b"short"])];
        assert_eq!(package(&parts), package(&parts));
    }

    #[test]
    fn a_part_beyond_what_a_zip_without_zip64_holds_is_refused_and_changes_nothing() {
        let mut package = Package::new();
        for n in 0..65_534 {
            package.add(&format!("{n}"), &[b""]).unwrap();
        }
        let before = (package.out.len(), package.central.len(), package.entries);
        let refused = package.add("one-too-many", &[b"x"]).unwrap_err();
        assert!(refused.contains("65,534"), "{refused}");
        assert_eq!((package.out.len(), package.central.len(), package.entries), before);
        let bytes = package.finish().unwrap();
        assert_eq!(zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap().len(), 65_534);
    }

    #[test]
    fn an_empty_package_is_only_its_end_record() {
        let bytes = Package::new().finish().unwrap();
        assert_eq!(bytes.len(), 22);
        assert_eq!(zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap().len(), 0);
    }
}
