//! Rule `line-number`: the 1–25 line numbers that court and hearing transcripts carry in
//! their left margin survive PDF-to-text conversion as a leading number on every line. When
//! most lines start with a small number and those numbers mostly count up by one (restarting
//! at each page), the numbers are removed.

/// Whether the lines carry margin line numbers.
pub fn detect(lines: &[String]) -> bool {
    let nonblank: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if nonblank.len() < 8 {
        return false;
    }
    let numbers: Vec<u32> = nonblank.iter().filter_map(|l| leading_number(l).map(|(n, _)| n)).collect();
    if numbers.len() * 10 < nonblank.len() * 6 {
        return false;
    }
    let steps = numbers.windows(2).filter(|w| w[1] == w[0] + 1 || (w[1] == 1 && w[0] >= 10)).count();
    steps * 10 >= numbers.len().saturating_sub(1) * 8
}

/// The line number and the rest of the line, when the line starts with one.
pub fn strip(line: &str) -> (Option<u32>, &str) {
    match leading_number(line) {
        Some((n, rest)) => (Some(n), rest),
        None => (None, line),
    }
}

/// `  12   text` → (12, "  text"): 1 to 2 digits, 1–30, then whitespace or the line end.
fn leading_number(line: &str) -> Option<(u32, &str)> {
    let body = line.trim_start();
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = &body[digits..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let n: u32 = body[..digits].parse().ok()?;
    (1..=30).contains(&n).then_some((n, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("{i:>2}   line {i} of the page")).collect()
    }

    #[test]
    fn detects_numbered_pages() {
        let mut lines = page(25);
        lines.extend(page(25));
        assert!(detect(&lines));
        assert_eq!(strip(" 7   Q.  Where were you?"), (Some(7), "   Q.  Where were you?"));
        assert_eq!(strip("12"), (Some(12), ""));
        assert_eq!(strip("1:18 P.M."), (None, "1:18 P.M."));
        assert_eq!(strip("2021 was a year"), (None, "2021 was a year"));
    }

    #[test]
    fn ordinary_text_is_not_numbered() {
        let lines: Vec<String> = ["1 question first.", "Then 2 more.", "3 of them", "Some text", "More text", "x", "y", "z", "w"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(!detect(&lines));
    }
}
