//! Rule `metadata-field`: `Key: value` lines that state a fact about the transcript rather
//! than start a turn: `Date: July 16, 2021`, `Location: Beijing`, `Source: https://…`,
//! `Speakers: Huang Libin, vice minister…`, `Note: …`. Fields that describe the whole
//! transcript (title, speakers, kind…) count only before the first speaker; dates, places,
//! sources and notes count anywhere. A field the model has no place for stays as a note.

use super::dates;
use super::rule::{Claim, Cx, Field, Rule};
use crate::model::NoteKind;

pub struct MetadataField;

/// Where a key's value goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Goes {
    Field(Field),
    /// Kept in the body as a note.
    Note,
    /// A note, but only in the preamble.
    HeaderNote,
    /// A source: a URL becomes `source_url`, anything else a note.
    Source,
}

const KEYS: &[(&str, Goes, bool)] = {
    use Field::*;
    use Goes::{Field as F, HeaderNote, Note, Source};
    // (key, where it goes, anywhere rather than only before the first speaker)
    &[
        ("date", F(Date), true),
        ("dated", F(Date), true),
        ("date of hearing", F(Date), true),
        ("hearing date", F(Date), true),
        ("event date", F(Date), true),
        ("recorded", F(Date), true),
        ("recorded on", F(Date), true),
        ("recording date", F(Date), true),
        ("air date", F(Date), true),
        ("aired", F(Date), true),
        ("日期", F(Date), true),
        ("published", F(PublicationDate), true),
        ("posted", F(PublicationDate), true),
        ("updated", F(PublicationDate), true),
        ("publication date", F(PublicationDate), true),
        ("release date", F(PublicationDate), true),
        ("released", F(PublicationDate), true),
        ("last updated", F(PublicationDate), true),
        ("发布时间", F(PublicationDate), true),
        ("location", F(Location), true),
        ("place", F(Location), true),
        ("venue", F(Location), true),
        ("where", F(Location), false),
        ("setting", F(Location), false),
        ("地点", F(Location), true),
        ("source", Source, true),
        ("source url", Source, true),
        ("url", Source, true),
        ("link", Source, true),
        ("permalink", Source, true),
        ("来源", Source, true),
        ("title", F(Title), false),
        ("headline", F(Title), false),
        ("event", F(Title), false),
        ("标题", F(Title), false),
        ("subject", F(Subtitle), false),
        ("re", F(Subtitle), false),
        ("organizer", F(Organizer), false),
        ("organiser", F(Organizer), false),
        ("organized by", F(Organizer), false),
        ("committee", F(Organizer), false),
        ("court", F(Organizer), false),
        ("language", F(Language), false),
        ("lang", F(Language), false),
        ("identifier", F(Identifier), false),
        ("case", F(Identifier), false),
        ("case no", F(Identifier), false),
        ("case number", F(Identifier), false),
        ("docket", F(Identifier), false),
        ("docket no", F(Identifier), false),
        ("docket number", F(Identifier), false),
        ("file no", F(Identifier), false),
        ("doi", F(Identifier), false),
        ("rights", F(Rights), true),
        ("copyright", F(Rights), true),
        ("license", F(Rights), true),
        ("licence", F(Rights), true),
        ("description", F(Description), false),
        ("summary", F(Description), false),
        ("abstract", F(Description), false),
        ("tags", F(Tags), false),
        ("keywords", F(Tags), false),
        ("category", F(Tags), false),
        ("categories", F(Tags), false),
        ("topics", F(Tags), false),
        ("section", F(Tags), false),
        ("kind", F(Kind), false),
        ("genre", F(Kind), false),
        ("speaker", F(Participants), false),
        ("speakers", F(Participants), false),
        ("participants", F(Participants), false),
        ("present", F(Participants), false),
        ("attendees", F(Participants), false),
        ("panelists", F(Participants), false),
        ("panellists", F(Participants), false),
        ("panel", F(Participants), false),
        ("guests", F(Participants), false),
        ("guest", F(Participants), false),
        ("moderator", F(Participants), false),
        ("host", F(Participants), false),
        ("hosts", F(Participants), false),
        ("interviewer", F(Participants), false),
        ("interviewee", F(Participants), false),
        ("respondent", F(Participants), false),
        ("witness", F(Participants), false),
        ("witnesses", F(Participants), false),
        ("chair", F(Participants), false),
        ("moderated by", F(Participants), false),
        ("hosted by", F(Participants), false),
        ("presiding", F(Participants), false),
        ("featuring", F(Participants), false),
        ("主持人", F(Participants), false),
        ("发言人", F(Participants), false),
        ("note", Note, true),
        ("notes", Note, true),
        ("editor's note", Note, true),
        ("editors' note", Note, true),
        ("ed. note", Note, true),
        ("nb", Note, true),
        ("n.b.", Note, true),
        ("disclaimer", Note, true),
        ("correction", Note, true),
        ("update", Note, true),
        ("transcriber's note", Note, true),
        ("translator's note", Note, true),
        ("editor", Note, true),
        ("editors", Note, true),
        ("author", Note, true),
        ("authors", Note, true),
        ("byline", Note, true),
        ("transcript by", Note, true),
        ("transcribed by", Note, true),
        ("transcriber", Note, true),
        ("translated by", Note, true),
        ("photo", Note, true),
        ("photographer", Note, true),
        ("credit", Note, true),
        ("credits", Note, true),
        ("注", Note, true),
        ("备注", Note, true),
        ("编辑", Note, true),
        ("责任编辑", Note, true),
        ("作者", Note, true),
        ("time", HeaderNote, false),
        ("start time", HeaderNote, false),
        ("end time", HeaderNote, false),
        ("duration", HeaderNote, false),
        ("length", HeaderNote, false),
        ("runtime", HeaderNote, false),
        ("episode", HeaderNote, false),
        ("season", HeaderNote, false),
        ("show", HeaderNote, false),
        ("program", HeaderNote, false),
        ("programme", HeaderNote, false),
        ("format", HeaderNote, false),
        ("时间", HeaderNote, false),
    ]
};

impl Rule for MetadataField {
    fn name(&self) -> &'static str {
        "metadata-field"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let text = cx.text(i);
        let (key, value) = split(text)?;
        let (_, goes, anywhere) = KEYS.iter().find(|(k, _, _)| *k == key)?;
        if !anywhere && !cx.in_preamble(i) {
            return None;
        }
        let note = || Claim::Note(text.to_string(), Some(NoteKind::Other));
        match goes {
            Goes::Note => Some(note()),
            Goes::HeaderNote => Some(note()),
            Goes::Source if looks_like_url(value) => Some(Claim::Meta(vec![(Field::SourceUrl, value.to_string())])),
            Goes::Source => Some(note()),
            Goes::Field(Field::Date | Field::PublicationDate) if dates::parse(value).is_none() => {
                // `Date:` with no date in it; still a header line, never a speaker.
                cx.in_preamble(i).then(note)
            }
            Goes::Field(Field::Participants) if !lists_people(value) => None,
            // Who takes part: the whole line, so that the key (`Moderator`) gives the role.
            Goes::Field(Field::Participants) => Some(Claim::Meta(vec![(Field::Participants, text.to_string())])),
            Goes::Field(field) => Some(Claim::Meta(vec![(*field, value.to_string())])),
        }
    }
}

/// `Key: value` with a lower-cased key of at most four words and a non-empty value.
fn split(text: &str) -> Option<(String, &str)> {
    let at = text.find([':', '：'])?;
    let key = text[..at].trim().trim_matches('*').trim();
    let sep = text[at..].chars().next()?;
    let value = text[at + sep.len_utf8()..].trim().trim_start_matches("**").trim();
    if key.is_empty() || key.split_whitespace().count() > 4 || value.is_empty() || value.starts_with("//") {
        return None;
    }
    Some((key.to_lowercase(), value))
}

pub fn looks_like_url(value: &str) -> bool {
    let v = value.trim();
    (v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.")) && !v.contains(char::is_whitespace)
}

/// Whether a participants value names people (`Huang Libin, vice minister…; Tian Yulong`)
/// rather than being something said (`Good morning, everyone.`).
fn lists_people(value: &str) -> bool {
    let first = value.split([';', ',', '，', '、', '(']).next().unwrap_or("").trim();
    let first = first.split(" and ").next().unwrap_or(first).trim();
    super::name::judge(first).is_some() && !value.ends_with(['?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split as split_lines};

    fn claim(text: &str, preamble: bool) -> Option<Claim> {
        let lines = split_lines(text);
        let facts = Facts { first_label: if preamble { usize::MAX } else { 0 }, ..Facts::default() };
        MetadataField.claim(&Cx { lines: &lines, facts: &facts }, 0)
    }

    #[test]
    fn header_fields() {
        assert_eq!(claim("Date: July 16, 2021", true), Some(Claim::Meta(vec![(Field::Date, "July 16, 2021".into())])));
        assert_eq!(
            claim("Source: https://example.org/x", false),
            Some(Claim::Meta(vec![(Field::SourceUrl, "https://example.org/x".into())]))
        );
        assert!(matches!(claim("Source: Xinhua", false), Some(Claim::Note(..))));
        assert!(matches!(claim("Note: edited for clarity.", false), Some(Claim::Note(..))));
        assert_eq!(
            claim("Speaker: Huang Libin, vice minister", true),
            Some(Claim::Meta(vec![(Field::Participants, "Speaker: Huang Libin, vice minister".into())]))
        );
        assert!(matches!(claim("Date: to be announced", true), Some(Claim::Note(..))));
        assert_eq!(claim("日期：2021年7月16日", true), Some(Claim::Meta(vec![(Field::Date, "2021年7月16日".into())])));
    }

    #[test]
    fn not_fields() {
        assert_eq!(claim("Moderator: Good morning, everyone.", true), None);
        assert_eq!(claim("Speaker: Order, order!", false), None);
        assert_eq!(claim("Title: a sentence", false), None);
        assert_eq!(claim("The Paper: Thank you.", true), None);
    }
}
