//! Turns the claims into the transcript: labels open turns, text lines make paragraphs
//! (hard-wrapped lines re-joined, a blank line or an indent starting a new one), notes and
//! headings stand between turns, text after a note continues the last speaker, text before
//! any speaker stays as a note. Every line gets an entry in the explanation.

use super::facts::Facts;
use super::line::Line;
use super::rule::{Claim, Cx, Field};
use super::speakers;
use crate::import::build::Builder;
use crate::import::explain::{Explanation, Fate};
use crate::model::{IsoDate, NoteKind};

pub fn assemble(lines: &[Line], facts: &Facts, claims: &[(&'static str, Claim)], b: &mut Builder, ex: &mut Explanation) {
    let cx = Cx { lines, facts };
    let labels: Vec<&super::label::Label> =
        claims.iter().filter_map(|(_, c)| if let Claim::Label(l) = c { Some(l) } else { None }).collect();
    let (identities, of_label) = speakers::resolve(&labels, facts);
    let ids: Vec<String> = identities.iter().map(|id| b.add_speaker(&id.name, id.role.clone(), id.affiliation.clone())).collect();
    let mut label_n = 0;
    let mut pending_time: Option<String> = None;
    // Whether the last text line may be continued by the next (no blank line between).
    let mut open_paragraph = false;
    for (i, (rule, claim)) in claims.iter().enumerate() {
        let line = &lines[i];
        let raw = line.trimmed();
        let mut explain = |fate: Fate, action: String| ex.push(line.no, rule, fate, action, raw);
        match claim {
            Claim::Blank => open_paragraph = false,
            Claim::Drop => explain(Fate::Dropped, "dropped".into()),
            Claim::Meta(fields) => {
                if fields.is_empty() {
                    explain(Fate::Metadata, "metadata (continued)".into());
                }
                for (field, value) in fields {
                    let action = apply(b, *field, value);
                    explain(Fate::Metadata, action);
                }
            }
            Claim::Label(l) => {
                let identity = of_label[label_n];
                label_n += 1;
                for q in l.qualifiers.iter().filter(|q| speakers::is_interpretation(q)) {
                    b.note(&format!("({q})"), Some(NoteKind::Interpretation));
                }
                b.turn(&ids[identity], l.time.clone().or(pending_time.take()));
                if !l.rest.is_empty() {
                    b.paragraph(&l.rest);
                }
                open_paragraph = !l.rest.is_empty();
                let time = l.time.as_ref().map(|t| format!(" at {t}")).unwrap_or_default();
                explain(Fate::Kept, format!("turn: {}{time}", identities[identity].name));
            }
            Claim::Timestamp(t) => {
                let next_is_label = cx.next_nonblank(i).is_some_and(|n| matches!(claims[n].1, Claim::Label(_)));
                if next_is_label {
                    pending_time = Some(t.clone());
                    explain(Fate::Metadata, format!("time of the next turn {t}"));
                } else {
                    explain(Fate::Dropped, "dropped: no label follows".into());
                }
            }
            Claim::Note(text, kind) => {
                b.note(text, *kind);
                // A wrapped note continues on the next line when that line does not start a paragraph.
                open_paragraph = true;
                let kind = kind.map(|k| {
                    format!(" ({})", serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
                });
                explain(Fate::Kept, format!("note{}", kind.unwrap_or_default()));
            }
            Claim::NoteMore(text) => {
                if !b.append_to_note(text) {
                    b.note(text, None);
                }
                explain(Fate::Kept, "note (continued)".into());
            }
            Claim::Heading(text, level) => {
                b.heading(text, *level);
                open_paragraph = false;
                explain(Fate::Kept, format!("heading {level}"));
            }
            Claim::Text(text) => {
                let continues =
                    open_paragraph && !cx.starts_paragraph(i) && i.checked_sub(1).is_some_and(|p| line.indent <= lines[p].indent + 2);
                let action = if b.open_speaker().is_some() {
                    if continues && b.has_paragraph() {
                        b.append(text);
                        "paragraph (continued)".to_string()
                    } else {
                        b.paragraph(text);
                        "paragraph".to_string()
                    }
                } else if continues && b.append_to_note(text) {
                    "note (continued)".to_string()
                } else if let Some(last) = b.last_speaker() {
                    b.turn(&last, None);
                    b.paragraph(text);
                    let name = b.speaker_mut(&last).map_or(last.clone(), |s| s.name.clone());
                    format!("paragraph, continuing {name}")
                } else {
                    b.note(text, None);
                    "note: text before any speaker".to_string()
                };
                open_paragraph = true;
                explain(Fate::Kept, action);
            }
        }
    }
}

/// Puts one metadata field into the transcript (the first value wins; tags add up);
/// returns what `--explain` says about it.
fn apply(b: &mut Builder, field: Field, value: &str) -> String {
    let m = &mut b.metadata;
    // A field stated twice keeps its first value; a different second one stays as a note.
    let mut taken = false;
    let mut set = |slot: &mut Option<String>| match slot {
        None => *slot = Some(value.to_string()),
        Some(old) => taken = old != value,
    };
    match field {
        Field::Title if m.title.is_empty() => m.title = value.to_string(),
        Field::Title => taken = m.title != value,
        Field::Subtitle => set(&mut m.subtitle),
        Field::Date | Field::PublicationDate => {
            let Some(date) = IsoDate::parse(value).ok().or_else(|| super::dates::parse(value)) else {
                return format!("{}: not a complete date", field.name());
            };
            let slot = if field == Field::Date { &mut m.date } else { &mut m.publication_date };
            if slot.is_none() {
                *slot = Some(date.clone());
            }
            return format!("metadata.{} {date}", field.name());
        }
        Field::Location => set(&mut m.location),
        Field::Organizer => set(&mut m.organizer),
        Field::Language => {
            if let Some(tag) = language_tag(value) {
                m.language = tag;
                b.language_stated = true;
            }
        }
        Field::SourceUrl => set(&mut m.source_url),
        Field::Identifier => set(&mut m.identifier),
        Field::Rights => set(&mut m.rights),
        Field::Description => set(&mut m.description),
        Field::Tags => {
            for tag in value.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()) {
                m.tags.push(tag.to_string());
            }
        }
        Field::Kind => set(&mut m.kind),
        Field::Participants => {
            // Kept in the body too: the names and roles are the text's own words.
            b.note(value, None);
            return "note: speakers declared (their roles are used)".to_string();
        }
    }
    if taken {
        b.note(value, None);
        return format!("note: metadata.{} was already set", field.name());
    }
    let shown: String = value.chars().take(40).collect();
    format!("metadata.{} {shown}", field.name())
}

/// A BCP 47 tag from a tag or a language's name.
pub fn language_tag(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let named = [
        ("english", "en"),
        ("chinese", "zh"),
        ("中文", "zh"),
        ("french", "fr"),
        ("français", "fr"),
        ("spanish", "es"),
        ("español", "es"),
        ("german", "de"),
        ("deutsch", "de"),
        ("russian", "ru"),
        ("arabic", "ar"),
        ("japanese", "ja"),
        ("portuguese", "pt"),
        ("korean", "ko"),
        ("italian", "it"),
    ];
    if let Some((_, tag)) = named.iter().find(|(n, _)| *n == v) {
        return Some(tag.to_string());
    }
    let ok = v.split('-').enumerate().all(|(i, s)| {
        if i == 0 {
            (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
        } else {
            (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric())
        }
    });
    ok.then(|| value.trim().to_string())
}
