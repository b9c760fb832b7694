//! The layout's handlebars templates: speaker label, note, running header and footer, title
//! block, and the EPUB's chapter, block and style sheet.
//!
//! Guarantees: templates compile in strict mode, so a misspelt variable is an error naming the
//! template, line and column, not an empty string; the text templates' output is plain text
//! (each exporter escapes it for its format), the markup templates ([`MARKUP_TEMPLATES`], the
//! EPUB chapter and block) escape every `{{value}}` for XML, and only `{{{value}}}` inserts markup the
//! exporter prepared; every variable the model can supply is always present, `null` when the
//! transcript leaves it out, so `{{#if role}}` works in strict mode. Templates cannot reach
//! outside themselves: no partials (so no file and no other template is included), no
//! decorators, only handlebars' built-in helpers and ours (none reads files or runs commands),
//! and blocks nested at most [`MAX_BLOCK_DEPTH`] deep.

use crate::model::{Speaker, Transcript, Turn};
use handlebars::template::{Template, TemplateElement};
use handlebars::{Context, Handlebars, RenderError, handlebars_helper};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The template files a layout provides, by name (file `templates/<name>.hbs`).
pub const TEMPLATE_NAMES: [&str; 8] = ["label", "note", "header", "footer", "title-block", "epub-chapter", "epub-block", "epub-css"];

/// Templates whose output is XML: their `{{values}}` are escaped.
pub const MARKUP_TEMPLATES: [&str; 2] = ["epub-chapter", "epub-block"];

/// A template that failed to compile or render, with where.
#[derive(Debug, Clone, thiserror::Error)]
#[error("template {origin}{place}: {message}")]
pub struct TemplateError {
    /// The file the template came from, e.g. `default/templates/label.hbs (built-in)`.
    pub origin: String,
    /// `, line L, column C` when known.
    pub place: String,
    pub message: String,
}

/// The compiled templates of one layout.
pub struct Templates {
    /// Text templates, unescaped.
    text: Handlebars<'static>,
    /// Markup templates, XML-escaped. Only the EPUB needs them, so they are compiled on first
    /// use; a user's layout renders them when it loads ([`Templates::check_variables`]), so
    /// their errors still surface before any input is converted.
    markup: OnceLock<Result<Handlebars<'static>, TemplateError>>,
    markup_sources: Vec<(String, String, String)>,
    origins: Vec<(String, String)>,
}

/// Compiles one template, refusing what would let it reach outside itself (see the module
/// docs), and registers it under its name.
fn register(registry: &mut Handlebars<'static>, (name, origin, source): &(String, String, String)) -> Result<(), TemplateError> {
    let failure = |(line, column): (usize, usize), message: String| TemplateError {
        origin: origin.clone(),
        place: format!(", line {line}, column {column}"),
        message,
    };
    check_block_depth(source).map_err(|(place, message)| failure(place, message))?;
    let mut template = Template::compile(source).map_err(|e| TemplateError {
        origin: origin.clone(),
        place: e.pos().map(|(l, c)| format!(", line {l}, column {c}")).unwrap_or_default(),
        message: e.reason().to_string(),
    })?;
    check_no_partials(&template).map_err(|(place, message)| failure(place, message))?;
    template.name = Some(name.clone());
    registry.register_template(name, template);
    Ok(())
}

fn registry(escape: fn(&str) -> String) -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    registry.register_escape_fn(escape);
    registry.register_helper("upper", Box::new(upper));
    registry.register_helper("lower", Box::new(lower));
    registry.register_helper("format_date", Box::new(format_date_helper));
    registry
}

handlebars_helper!(upper: |s: str| s.to_uppercase());
handlebars_helper!(lower: |s: str| s.to_lowercase());
handlebars_helper!(format_date_helper: |date: Value, pattern: str| {
    date.as_str().map(|d| format_date(d, pattern)).unwrap_or_default()
});

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// Formats an ISO date with the tokens `YYYY`, `MMMM` (July), `MMM` (Jul), `MM` (07), `M` (7),
/// `DD` (06) and `D` (6); anything else is copied. An unparsable date is returned unchanged.
pub fn format_date(iso: &str, pattern: &str) -> String {
    let Ok(date) = crate::model::IsoDate::parse(iso) else {
        return iso.to_string();
    };
    let (y, m, d) = date.ymd();
    let month = MONTHS[(m - 1) as usize];
    let mut out = String::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        let tokens: [(&str, String); 7] = [
            ("YYYY", format!("{y:04}")),
            ("MMMM", month.to_string()),
            ("MMM", month[..3].to_string()),
            ("MM", format!("{m:02}")),
            ("M", m.to_string()),
            ("DD", format!("{d:02}")),
            ("D", d.to_string()),
        ];
        if let Some((token, value)) = tokens.iter().find(|(t, _)| rest.starts_with(t)) {
            out.push_str(value);
            rest = &rest[token.len()..];
        } else {
            let ch = rest.chars().next().expect("rest is not empty");
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    out
}

/// The deepest nesting of `{{#…}}` blocks a template may have: far more than a layout needs,
/// far less than what would exhaust the stack while compiling or rendering.
pub const MAX_BLOCK_DEPTH: usize = 64;

/// Refuses templates whose blocks nest deeper than [`MAX_BLOCK_DEPTH`], before the parser
/// (which recurses) sees them. Counts `{{#…}}` and `{{^…}}` openings against `{{/…}}`
/// closings, skipping comments; an error names the line and column of the opening too deep.
fn check_block_depth(source: &str) -> Result<(), ((usize, usize), String)> {
    let mut depth = 0usize;
    let mut rest = source;
    while let Some(start) = rest.find("{{") {
        let tag = rest[start..].trim_start_matches('{').trim_start_matches('~');
        let skip_to = |end: &str| tag.find(end).map(|i| i + end.len()).unwrap_or(tag.len());
        let consumed = if tag.starts_with("!--") {
            skip_to("--}}")
        } else if tag.starts_with('!') {
            skip_to("}}")
        } else {
            if tag.starts_with('#') || (tag.starts_with('^') && !tag[1..].trim_start_matches('~').starts_with("}}")) {
                depth += 1;
                if depth > MAX_BLOCK_DEPTH {
                    let place = crate::suggest::line_column(source, source.len() - rest.len() + start);
                    return Err((place, format!("blocks are nested more than {MAX_BLOCK_DEPTH} deep")));
                }
            } else if tag.starts_with('/') {
                depth = depth.saturating_sub(1);
            }
            0
        };
        rest = &tag[consumed..];
    }
    Ok(())
}

/// Refuses partials (`{{> name}}`, `{{#> name}}`) and decorators (`{{#*inline}}`, `{{* …}}`):
/// a layout's templates render only their own text and variables, so they can neither name a
/// file nor include one another (which could recurse without end).
fn check_no_partials(template: &Template) -> Result<(), ((usize, usize), String)> {
    for (i, element) in template.elements.iter().enumerate() {
        let place = template.mapping.get(i).map(|m| (m.0, m.1)).unwrap_or((1, 1));
        let refused = match element {
            TemplateElement::PartialExpression(_) | TemplateElement::PartialBlock(_) => Some("partials (`{{> name}}`)"),
            TemplateElement::DecoratorExpression(_) | TemplateElement::DecoratorBlock(_) => Some("decorators (`{{* …}}`, `{{#*inline}}`)"),
            _ => None,
        };
        if let Some(what) = refused {
            return Err((
                place,
                format!("{what} are not available in layout templates; a template uses only its own text, variables and helpers"),
            ));
        }
        if let TemplateElement::HelperBlock(block) = element {
            for inner in [&block.template, &block.inverse].into_iter().flatten() {
                check_no_partials(inner)?;
            }
        }
    }
    Ok(())
}

impl Templates {
    /// Compiles `(name, origin, source)` triples; `name` is one of [`TEMPLATE_NAMES`].
    pub fn compile(sources: &[(String, String, String)]) -> Result<Templates, TemplateError> {
        let mut text = registry(handlebars::no_escape);
        let mut markup_sources = Vec::new();
        let mut origins = Vec::new();
        for template in sources {
            let (name, origin, _) = template;
            if MARKUP_TEMPLATES.contains(&name.as_str()) {
                markup_sources.push(template.clone());
            } else {
                register(&mut text, template)?;
            }
            origins.push((name.clone(), origin.clone()));
        }
        for name in TEMPLATE_NAMES {
            if !origins.iter().any(|(n, _)| n == name) {
                return Err(TemplateError {
                    origin: format!("templates/{name}.hbs"),
                    place: String::new(),
                    message: "is missing from the layout".to_string(),
                });
            }
        }
        Ok(Templates { text, markup: OnceLock::new(), markup_sources, origins })
    }

    fn registry_of(&self, name: &str) -> Result<&Handlebars<'static>, TemplateError> {
        if !MARKUP_TEMPLATES.contains(&name) {
            return Ok(&self.text);
        }
        let markup = self.markup.get_or_init(|| {
            let mut markup = registry(handlebars::html_escape);
            self.markup_sources.iter().try_for_each(|template| register(&mut markup, template))?;
            Ok(markup)
        });
        markup.as_ref().map_err(Clone::clone)
    }

    fn origin(&self, name: &str) -> String {
        self.origins.iter().find(|(n, _)| n == name).map(|(_, o)| o.clone()).unwrap_or_else(|| name.to_string())
    }

    /// Renders template `name` with `data`; `context` says for what, e.g. "speaker `huang`".
    pub fn render(&self, name: &str, data: &Value, context: &str) -> Result<String, TemplateError> {
        self.render_owned(name, data.clone(), context)
    }

    /// As [`Templates::render`], taking the data by value (handlebars would otherwise copy it).
    pub fn render_owned(&self, name: &str, data: Value, context: &str) -> Result<String, TemplateError> {
        let registry = self.registry_of(name)?;
        let mut rendered = registry.render_with_context(name, &Context::from(data)).map_err(|e: RenderError| TemplateError {
            origin: self.origin(name),
            place: match (e.line_no, e.column_no) {
                (Some(l), Some(c)) => format!(", line {l}, column {c}"),
                _ => String::new(),
            },
            message: format!("{} (rendering {context})", e.reason()),
        })?;
        // handlebars starts every output with 8 KiB of room; an EPUB keeps one output per
        // block until its chapter is joined, which for a 1.5M-word transcript was 280 MB.
        rendered.shrink_to_fit();
        Ok(rendered)
    }
}

impl Templates {
    /// Renders every template with its documented variables, once all absent (`null`) and
    /// once all present, so that a misspelt variable is a layout error before any input is
    /// converted, not a failure of every input.
    pub fn check_variables(&self) -> Result<(), TemplateError> {
        for filled in [false, true] {
            let text = |s: &str| if filled { json!(s) } else { Value::Null };
            let speaker = json!({
                "id": "speaker_id", "name": "Speaker Name", "role": text("role"), "affiliation": text("affiliation"),
                "native_name": text("native name"), "time": text("00:12:31"), "lang": text("fr"),
            });
            let mut document = json!({
                "title": "Title", "subtitle": text("subtitle"), "date": text("2021-07-16"),
                "publication_date": text("2021-07-22"), "location": text("location"), "organizer": text("organizer"),
                "language": "en", "source_url": text("https://example.org/"), "identifier": text("id"),
                "rights": text("rights"), "description": text("description"), "tags": ["tag"], "kind": text("kind"),
                "speakers": [speaker.clone()],
            });
            let when = if filled { "every variable set" } else { "every optional variable null" };
            self.render("label", &speaker, &format!("the layout check, {when}"))?;
            self.render("note", &json!({"text": "[Applause]", "kind": text("applause")}), &format!("the layout check, {when}"))?;
            self.render("title-block", &document, &format!("the layout check, {when}"))?;
            document["page"] = json!(1);
            document["pages"] = json!(2);
            self.render("header", &document, &format!("the layout check, {when}"))?;
            self.render("footer", &document, &format!("the layout check, {when}"))?;
            self.render("epub-css", &document, &format!("the layout check, {when}"))?;
            let blocks = [
                json!({"title_block": true, "heading": false, "turn": false, "note": false, "level": null,
                       "paragraphs": [{"style": "title", "html": "Title"}]}),
                json!({"title_block": false, "heading": true, "turn": false, "note": false, "level": 2, "id": "b1", "html": "Heading"}),
                json!({"title_block": false, "heading": false, "turn": true, "note": false, "level": null, "speaker": "speaker_id",
                       "lang": text("fr"), "time": text("00:12:31"),
                       "paragraphs": [{"label": text("Speaker Name:"), "own_line": false, "html": "Text"},
                                      {"label": "Speaker Name:", "own_line": true, "html": ""}]}),
                json!({"title_block": false, "heading": false, "turn": false, "note": true, "level": null, "kind": text("laughter"), "html": "[Laughter]"}),
            ];
            for block in blocks {
                self.render_owned("epub-block", block, &format!("the layout check, {when}"))?;
            }
            let chapter = json!({"lang": "en", "title": "Title", "css": "style.css", "chapter": 1, "body": "<p>Text</p>"});
            self.render_owned("epub-chapter", chapter, &format!("the layout check, {when}"))?;
        }
        Ok(())
    }
}

/// Variables about the whole transcript, available to every template.
pub fn document_data(t: &Transcript) -> Value {
    let m = &t.metadata;
    json!({
        "title": m.title,
        "subtitle": m.subtitle,
        "date": m.date.as_ref().map(|d| d.as_str()),
        "publication_date": m.publication_date.as_ref().map(|d| d.as_str()),
        "location": m.location,
        "organizer": m.organizer,
        "language": m.language,
        "source_url": m.source_url,
        "identifier": m.identifier,
        "rights": m.rights,
        "description": m.description,
        "tags": m.tags,
        "kind": m.kind,
        "speakers": t.speakers.iter().map(speaker_data).collect::<Vec<_>>(),
    })
}

/// Variables of one speaker.
pub fn speaker_data(s: &Speaker) -> Value {
    json!({
        "id": s.id,
        "name": s.name,
        "role": s.role,
        "affiliation": s.affiliation,
        "native_name": s.native_name,
    })
}

/// Variables of the label template: the speaker's, plus the turn's `time` and `lang`.
pub fn label_data(speaker: &Speaker, turn: &Turn) -> Value {
    let mut data = speaker_data(speaker);
    data["time"] = json!(turn.time);
    data["lang"] = json!(turn.lang);
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_with_tokens() {
        assert_eq!(format_date("2021-07-06", "D MMMM YYYY"), "6 July 2021");
        assert_eq!(format_date("2021-07-06", "MMMM D, YYYY"), "July 6, 2021");
        assert_eq!(format_date("2021-07-06", "DD/MM/YYYY"), "06/07/2021");
        assert_eq!(format_date("2021-07-06", "MMM D"), "Jul 6");
    }

    #[test]
    fn strict_mode_names_template_line_and_column() {
        let sources = TEMPLATE_NAMES
            .iter()
            .map(|n| (n.to_string(), format!("t/{n}.hbs"), if *n == "label" { "{{nme}}:".to_string() } else { String::new() }))
            .collect::<Vec<_>>();
        let templates = Templates::compile(&sources).unwrap();
        let err = templates.render("label", &json!({"name": "A"}), "speaker `a`").unwrap_err().to_string();
        assert!(err.contains("t/label.hbs, line 1, column 1"), "{err}");
        assert!(err.contains("nme") && err.contains("speaker `a`"), "{err}");
    }

    #[test]
    fn syntax_errors_name_the_template() {
        let sources = vec![("label".to_string(), "x/label.hbs".to_string(), "a\n{{name}".to_string())];
        let err = Templates::compile(&sources).err().unwrap().to_string();
        assert!(err.contains("x/label.hbs, line 2"), "{err}");
    }

    /// Compiles a layout whose label template is `label`, the others empty; the error, if any.
    fn label_error(label: &str) -> Option<String> {
        let sources = TEMPLATE_NAMES
            .iter()
            .map(|n| (n.to_string(), format!("t/{n}.hbs"), if *n == "label" { label.to_string() } else { String::new() }))
            .collect::<Vec<_>>();
        Templates::compile(&sources).err().map(|e| e.to_string())
    }

    #[test]
    fn partials_and_decorators_are_refused_with_the_template_and_place() {
        for (source, place, what) in [
            ("{{> /etc/passwd}}", "line 1, column 1", "partials"),
            ("{{name}}\n  {{> ../x}}", "line 2, column 3", "partials"),
            ("{{#if name}}{{> note}}{{/if}}", "line 1, column 13", "partials"),
            ("{{#> note}}x{{/note}}", "line 1, column 1", "partials"),
            ("{{#*inline \"x\"}}{{name}}{{/inline}}", "line 1, column 1", "decorators"),
        ] {
            let err = label_error(source).unwrap_or_else(|| panic!("{source} compiled"));
            assert!(err.starts_with(&format!("template t/label.hbs, {place}: {what} ")), "{source}: {err}");
        }
        assert_eq!(label_error("{{#if role}}{{upper role}}{{else}}{{name}}{{/if}}:"), None);
    }

    #[test]
    fn blocks_nest_at_most_the_limit() {
        let nested = |n: usize| format!("{}x{}", "{{#if name}}".repeat(n), "{{/if}}".repeat(n));
        assert_eq!(label_error(&nested(MAX_BLOCK_DEPTH)), None);
        let err = label_error(&format!("{{{{!-- {} --}}}}\n{}", "{{#if a}}".repeat(100), nested(10_000))).unwrap();
        let column = 12 * MAX_BLOCK_DEPTH + 1;
        assert_eq!(err, format!("template t/label.hbs, line 2, column {column}: blocks are nested more than {MAX_BLOCK_DEPTH} deep"));
    }
}
