//! Rule `front-matter`: a Markdown transcript's YAML front matter (`---` … `---`) gives the
//! metadata: `title`, `date`, `location`, `organizer`, `tags`, `speakers`… Keys the model has
//! no field for are listed by `--explain` as dropped.

use super::line::Line;
use super::rule::{Claim, Cx, Field, Rule};

pub struct FrontMatter;

impl Rule for FrontMatter {
    fn name(&self) -> &'static str {
        "front-matter"
    }

    fn claim(&self, cx: &Cx, i: usize) -> Option<Claim> {
        let (start, end) = cx.facts.front_matter?;
        if i < start || i > end {
            return None;
        }
        if i == start || i == end {
            return Some(Claim::Meta(vec![]));
        }
        let text = cx.text(i);
        // Continuation lines of a list or a folded value belong to the key above.
        if text.starts_with("- ") || cx.lines[i].indent > 0 {
            let key = (start + 1..i).rev().map(|j| cx.text(j)).find(|t| !t.starts_with("- ") && t.contains(':'))?;
            let key = key.split(':').next().unwrap_or("").trim().to_lowercase();
            let value = text.trim_start_matches("- ").trim().trim_matches(['"', '\'']).to_string();
            return Some(match field(&key) {
                Some(Field::Tags) => Claim::Meta(vec![(Field::Tags, value)]),
                Some(Field::Participants) => Claim::Meta(vec![(Field::Participants, format!("{key}: {value}"))]),
                Some(f) if !value.is_empty() => Claim::Meta(vec![(f, value)]),
                _ => Claim::Drop,
            });
        }
        let (key, value) = text.split_once(':')?;
        let key = key.trim().to_lowercase();
        let value = value.trim().trim_matches(['"', '\'']).trim();
        let Some(f) = field(&key) else { return Some(Claim::Drop) };
        if value.is_empty() {
            return Some(Claim::Meta(vec![]));
        }
        Some(match f {
            Field::Tags => Claim::Meta(list(value).into_iter().map(|v| (Field::Tags, v)).collect()),
            Field::Participants => Claim::Meta(vec![(Field::Participants, format!("{key}: {}", list(value).join("; ")))]),
            _ => Claim::Meta(vec![(f, value.to_string())]),
        })
    }
}

fn field(key: &str) -> Option<Field> {
    Some(match key {
        "title" => Field::Title,
        "subtitle" => Field::Subtitle,
        "date" | "recorded" | "event_date" => Field::Date,
        "published" | "publication_date" | "updated" => Field::PublicationDate,
        "location" | "place" | "venue" => Field::Location,
        "organizer" | "organiser" | "publisher" | "show" | "podcast" => Field::Organizer,
        "language" | "lang" => Field::Language,
        "source" | "source_url" | "url" | "link" => Field::SourceUrl,
        "identifier" | "id" => Field::Identifier,
        "rights" | "license" | "licence" | "copyright" => Field::Rights,
        "description" | "summary" | "abstract" => Field::Description,
        "tags" | "keywords" | "categories" | "category" => Field::Tags,
        "kind" | "type" => Field::Kind,
        "speakers" | "participants" | "guests" | "guest" | "host" | "hosts" | "moderator" | "interviewer" => Field::Participants,
        _ => return None,
    })
}

/// `[a, b]` or `a, b` as items.
fn list(value: &str) -> Vec<String> {
    value
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The front matter's first and last line, when the text opens with one.
pub fn find(lines: &[Line]) -> Option<(usize, usize)> {
    if lines.first()?.trimmed() != "---" {
        return None;
    }
    let end = lines.iter().enumerate().skip(1).take(200).find(|(_, l)| matches!(l.trimmed(), "---" | "..."))?.0;
    Some((0, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::{facts::Facts, line::split};

    #[test]
    fn front_matter_fields() {
        let lines = split(
            "---\ntitle: \"Every Word Counts\"\ndate: 2025-09-04\ntags: [courts, captioning]\nlayout: post\nguests:\n  - Theo Papadakis\n---\n**Sam:** Hi.\n",
        );
        let facts = Facts::gather(&lines, true);
        let cx = Cx { lines: &lines, facts: &facts };
        let c: Vec<Option<Claim>> = (0..lines.len()).map(|i| FrontMatter.claim(&cx, i)).collect();
        assert_eq!(c[1], Some(Claim::Meta(vec![(Field::Title, "Every Word Counts".into())])));
        assert_eq!(c[3], Some(Claim::Meta(vec![(Field::Tags, "courts".into()), (Field::Tags, "captioning".into())])));
        assert_eq!(c[4], Some(Claim::Drop));
        assert_eq!(c[6], Some(Claim::Meta(vec![(Field::Participants, "guests: Theo Papadakis".into())])));
        assert_eq!(c[8], None);
    }
}
