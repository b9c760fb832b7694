//! Rule `web-chrome`: the rest of a web page's furniture: share and print links, font-size
//! controls, `Back to top`, `For Immediate Release`, copyright and `Related` lines.

use super::rule::{Claim, Cx, Rule};

pub struct WebChrome;

const LINK_WORDS: &[&str] = &[
    "print",
    "email",
    "e-mail",
    "share",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "weibo",
    "wechat",
    "whatsapp",
    "reddit",
    "copy link",
    "save",
    "download",
    "pdf",
    "bookmark",
    "comment",
    "comments",
    "subscribe",
    "rss",
    "a",
    "a+",
    "a-",
    "font",
    "size",
    "font size",
    "text size",
    "large",
    "medium",
    "small",
    "back to top",
    "top",
    "share this",
    "share:",
    "print this page",
    "打印",
    "关闭",
    "分享",
    "收藏",
    "字号",
    "大",
    "中",
    "小",
    "分享到",
    "微信",
    "微博",
];

const WHOLE_LINES: &[&str] = &[
    "for immediate release",
    "back to top",
    "related news",
    "related stories",
    "related articles",
    "related links",
    "related",
    "share this article",
    "share this page",
    "share this:",
    "print this page",
    "print",
    "share",
    "skip to main content",
    "skip to content",
    "you may also like",
    "most read",
    "most popular",
    "advertisement",
    "sign in",
    "log in",
    "menu",
    "search",
    "【打印】",
    "【关闭】",
    "相关新闻",
    "返回顶部",
    "打印本页",
    "关闭窗口",
];

impl Rule for WebChrome {
    fn name(&self) -> &'static str {
        "web-chrome"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        is_web_chrome(cx.text(i)).then_some(Claim::Drop)
    }
}

pub fn is_web_chrome(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    if lower.is_empty() {
        return false;
    }
    if WHOLE_LINES.contains(&lower.as_str()) {
        return true;
    }
    // A transcription service's signature: `Transcribed by https://otter.ai`.
    if let Some(rest) = lower.strip_prefix("transcribed by ").or_else(|| lower.strip_prefix("transcription by "))
        && super::metadata_field::looks_like_url(rest)
    {
        return true;
    }
    if (lower.starts_with("copyright") || lower.starts_with('©') || lower.starts_with("(c) "))
        && (lower.contains("all rights reserved") || lower.chars().count() < 120)
    {
        return true;
    }
    let tokens: Vec<&str> = lower.split(['|', '·', '•', '/', '[', ']', '【', '】']).map(str::trim).filter(|t| !t.is_empty()).collect();
    tokens.len() >= 2 && tokens.iter().all(|t| LINK_WORDS.contains(t) || t.split_whitespace().all(|w| LINK_WORDS.contains(&w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome() {
        assert!(is_web_chrome("Print | Email | Share"));
        assert!(is_web_chrome("FOR IMMEDIATE RELEASE"));
        assert!(is_web_chrome("Font size | A | A+ | A-"));
        assert!(is_web_chrome("【打印】【关闭】"));
        assert!(is_web_chrome("Transcribed by https://otter.ai"));
        assert!(is_web_chrome("Copyright © 2021 China Internet Information Center. All rights reserved."));
    }

    #[test]
    fn not_chrome() {
        assert!(!is_web_chrome("Print the report, please."));
        assert!(!is_web_chrome("We will share the data."));
        assert!(!is_web_chrome(
            "Copyright law has changed a great deal in the last twenty years, and our committee has followed every step of that change, including the ruling."
        ));
    }
}
