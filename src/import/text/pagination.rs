//! Rule `pagination`: a web page's page links, `<  1  2  3 … 11  >`, `« Prev 1 2 3 Next »`,
//! `上一页 1 2 下一页`: every token a page number, an arrow or a prev/next word, with at least
//! two page numbers or one number and a prev/next link.

use super::rule::{Claim, Cx, Rule};

pub struct Pagination;

const WORDS: &[&str] = &[
    "prev",
    "previous",
    "next",
    "first",
    "last",
    "page",
    "pages",
    "of",
    "more",
    "上一页",
    "下一页",
    "首页",
    "尾页",
    "末页",
    "页",
    "共",
    "next page",
    "previous page",
];

impl Rule for Pagination {
    fn name(&self) -> &'static str {
        "pagination"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        is_pagination(cx.text(i)).then_some(Claim::Drop)
    }
}

pub fn is_pagination(line: &str) -> bool {
    let (mut numbers, mut links) = (0, 0);
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 200 {
        return false;
    }
    for token in line.split(|c: char| c.is_whitespace() || c == '|').filter(|t| !t.is_empty()) {
        let bare = token.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ',' | '.'));
        if !bare.is_empty() && bare.len() <= 4 && bare.bytes().all(|b| b.is_ascii_digit()) {
            numbers += 1;
        } else if bare.chars().all(|c| matches!(c, '<' | '>' | '«' | '»' | '‹' | '›' | '…' | '.' | '←' | '→' | '|' | '-' | '–'))
        {
            links += usize::from(!bare.is_empty() && bare != "-" && bare != "–" && bare != ".");
        } else if WORDS.contains(&bare.to_lowercase().trim_matches(['<', '>', '«', '»', '‹', '›'])) {
            links += 1;
        } else {
            return false;
        }
    }
    numbers >= 2 || (numbers >= 1 && links >= 1) || (links >= 2 && line.chars().any(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links() {
        assert!(is_pagination("<  1  2  3  4  5  6  7  8  9  10  11  >"));
        assert!(is_pagination("« Prev  1  2  3  Next »"));
        assert!(is_pagination("上一页 1 2 3 下一页"));
        assert!(is_pagination("1 | 2 | 3 | Next >"));
        assert!(is_pagination("Previous page | Next page"));
    }

    #[test]
    fn not_page_links() {
        assert!(!is_pagination("2021"));
        assert!(!is_pagination("12"));
        assert!(!is_pagination("Next, we will"));
        assert!(!is_pagination("Thank you."));
        assert!(!is_pagination("10 20 percent"));
        assert!(!is_pagination(""));
    }
}
