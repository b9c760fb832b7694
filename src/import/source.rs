//! Bytes to text: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark,
//! as Word's "Unicode text" saves it. Invalid input is an error naming the byte offset and
//! the line and column (in characters, byte-order mark not counted) where it stops being text.

use super::LoadError;

/// Decodes `bytes`, dropping a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<String, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid up to here");
        not_utf8(valid, e.valid_up_to())
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string())
}

/// The error for bytes that stop being text at byte `offset`, after the text `before`.
fn not_utf8(before: &str, offset: usize) -> LoadError {
    let before = before.strip_prefix('\u{feff}').unwrap_or(before);
    let (line, column) = crate::suggest::line_column(before, before.len());
    LoadError::NotUtf8 { offset, line, column }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, LoadError> {
    // Offsets count from the start of the file, byte-order mark included.
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let mut out = String::with_capacity(units.len());
    let mut at = 0;
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => {
                out.push(c);
                at += c.len_utf16();
            }
            Err(_) => return Err(not_utf8(&out, 2 + at * 2)),
        }
    }
    if bytes.len() % 2 == 1 {
        // A last byte without its pair.
        return Err(not_utf8(&out, bytes.len() + 1));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset(bytes: &[u8]) -> usize {
        match decode(bytes) {
            Err(LoadError::NotUtf8 { offset, .. }) => offset,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("\u{feff}Hi".as_bytes()).unwrap(), "Hi");
        assert_eq!(decode("黄利斌：".as_bytes()).unwrap(), "黄利斌：");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        assert_eq!(offset(b"abc\xffdef"), 3);
        assert_eq!(offset(b"\xe9t\xe9"), 0);
        assert_eq!(offset("黄".as_bytes().split_at(2).0), 0);
    }

    #[test]
    fn invalid_utf8_names_the_line_and_column() {
        let place = |bytes: &[u8]| match decode(bytes) {
            Err(LoadError::NotUtf8 { line, column, .. }) => (line, column),
            other => panic!("{other:?}"),
        };
        assert_eq!(place(b"\xff"), (1, 1));
        assert_eq!(place(b"ab\ncaf\xc3\xa9 \xe9t\xe9"), (2, 6));
        assert_eq!(place(b"\xef\xbb\xbfab\xff"), (1, 3), "the byte-order mark is no column");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("a\nbc".encode_utf16().flat_map(u16::to_le_bytes)).chain([0x00, 0xD8]).collect();
        assert_eq!(place(&utf16), (2, 3));
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Q: hi".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le).unwrap(), "Q: hi");
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("黄".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&be).unwrap(), "黄");
        // A lone surrogate at the second unit.
        assert_eq!(offset(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8]), 4);
        assert_eq!(offset(&[0xFF, 0xFE, b'a']), 2);
    }
}
