//! Rule `moderator-phrases`: a speaker without a stated role who runs the event (`The last
//! two questions, please.`, `Next question.`, `This concludes today's press conference.`)
//! is the moderator.

/// Phrases only a moderator says.
const PHRASES: &[&str] = &[
    "next question",
    "last question",
    "last two questions",
    "the last two questions",
    "one more question",
    "final question",
    "the press conference is over",
    "the press conference is concluded",
    "concludes today's",
    "concludes the press conference",
    "this concludes",
    "that concludes",
    "please identify your",
    "please state your",
    "introduce your outlet",
    "the floor is open",
    "give the floor",
    "the briefing is over",
    "end of the press conference",
    "下一个问题",
    "最后一个问题",
    "最后两个问题",
    "发布会到此结束",
    "今天的发布会就到这里",
    "请提问",
    "请举手",
];

/// Whether the paragraphs of one speaker show that they moderate.
pub fn moderates<'a>(paragraphs: impl IntoIterator<Item = &'a String>) -> bool {
    paragraphs.into_iter().any(|p| {
        let lower = p.to_lowercase();
        PHRASES.iter().any(|phrase| lower.contains(phrase))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moderator_phrases() {
        assert!(moderates(&["The last two questions, please.".to_string()]));
        assert!(moderates(&["好，下一个问题。".to_string()]));
        assert!(!moderates(&["Thank you for your questions.".to_string()]));
    }
}
