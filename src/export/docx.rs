//! DOCX: editable Word documents with named styles and the paged document's page breaks.
//!
//! Guarantees: one Word paragraph per paragraph of the model (a speaker label is a run in the
//! character style "Speaker Label" inside it, exactly the label template's text); every page
//! of the paged document ends where it ends in the PDF, with an explicit page break before the
//! same word; styles name the fonts Word and LibreOffice know with the same metrics as the
//! shipped ones (Times New Roman, Arial, Courier New), with the layout's sizes, exact line
//! heights, spacing and indents, widow control off (the paginator decided); header and footer
//! carry live PAGE and NUMPAGES fields; core properties come from the transcript and
//! [`super::BuildInfo`]; the package is zipped with fixed times, so equal inputs give equal
//! bytes.

use super::{Diagnostics, ExportError, Exporter, Rendition, iso_timestamp, push_xml_text, xml_escape};
use crate::layout::paged::{PagedDocument, Paragraph, Role};
use crate::layout::settings::{Align, ParagraphStyle, Settings};
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, InstrNUMPAGES, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph as DocxParagraph, Run, RunFonts, SpecialIndentType, Style, StyleType, Tab, TabValueType,
};
use rayon::prelude::*;

pub struct DocxExporter;

impl Exporter for DocxExporter {
    fn id(&self) -> &'static str {
        "docx"
    }

    fn extension(&self) -> &'static str {
        "docx"
    }

    fn media_type(&self) -> &'static str {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    }

    fn description(&self) -> &'static str {
        "Word document with named styles and the PDF's page breaks"
    }

    fn export(&self, r: &Rendition<'_>, _: &mut Diagnostics) -> Result<Vec<u8>, ExportError> {
        let mut ids = ParagraphIds::default();
        let body = body_xml(r.paged);
        // A placeholder paragraph stands for the body, spliced in after docx-rs has built the package.
        let mut docx = page_setup(Docx::new().add_paragraph(DocxParagraph::new().id(BODY_PLACEHOLDER)), &r.layout.settings);
        docx = styles(docx, r);
        docx = running_heads(docx, r, &mut ids)?;
        let mut xml = docx.build();
        xml.doc_props.core = core_properties(r).into_bytes();
        xml.settings = settings_xml(&r.transcript.metadata.language).into_bytes();
        xml.styles = patch_defaults(&xml.styles, &r.transcript.metadata.language)?;
        package(xml, &body)
    }
}

fn fail(message: String) -> ExportError {
    ExportError { format: "docx", message }
}

fn twips(points: f32) -> i32 {
    (points * 20.0).round() as i32
}

/// Explicit paragraph ids (docx-rs otherwise numbers paragraphs from a per-thread counter, so
/// two documents built on one thread would differ).
#[derive(Default)]
struct ParagraphIds(u32);

impl ParagraphIds {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("{:08X}", 0x7000_0000 + self.0)
    }
}

fn page_setup(docx: Docx, s: &Settings) -> Docx {
    let (width, height) = s.page_dimensions();
    let m = &s.page.margins;
    // Word measures the header from the paper's edge to the top of its text, and the footer to
    // the bottom of its text; the layout gives baselines.
    let header_top = m.header.pt() - s.styles.header.size * 0.9;
    let footer_bottom = m.footer.pt() - s.styles.footer.size * 0.25;
    docx.page_size(twips(width) as u32, twips(height) as u32).page_margin(
        PageMargin::new()
            .top(twips(m.top.pt()))
            .bottom(twips(m.bottom.pt()))
            .left(twips(m.left.pt()))
            .right(twips(m.right.pt()))
            .header(twips(header_top.max(0.0)))
            .footer(twips(footer_bottom.max(0.0)))
            .gutter(0),
    )
}

/// Word's style id and name for each layout style.
const STYLE_NAMES: [(&str, &str, &str); 10] = [
    ("title", "Title", "Title"),
    ("subtitle", "Subtitle", "Subtitle"),
    ("meta", "TranscriptMeta", "Transcript Meta"),
    ("heading1", "Heading1", "heading 1"),
    ("heading2", "Heading2", "heading 2"),
    ("heading3", "Heading3", "heading 3"),
    ("turn", "Turn", "Turn"),
    ("note", "Note", "Note"),
    ("header", "Header", "header"),
    ("footer", "Footer", "footer"),
];

fn style_id(layout_style: &str) -> &'static str {
    STYLE_NAMES.iter().find(|(s, _, _)| *s == layout_style).map_or("Turn", |(_, id, _)| id)
}

/// The name Word knows the family's metrics by (`Times New Roman` for Liberation Serif).
fn office_font(r: &Rendition<'_>, family: &str) -> String {
    r.paged.fonts.family(family).map_or_else(|| family.to_string(), |f| f.office_name.clone())
}

/// The family of the first fallback face the document uses (a CJK font, say), for the
/// east-Asian font slot.
fn east_asian_family(doc: &PagedDocument) -> Option<String> {
    let shipped: Vec<&str> = doc.fonts.family_names().collect();
    doc.blocks
        .iter()
        .flat_map(|b| &b.paragraphs)
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.spans)
        .map(|span| &doc.fonts.face(span.face).family)
        .find(|family| !shipped.contains(&family.as_str()))
        .cloned()
}

fn run_fonts(latin: &str, east_asian: &Option<String>) -> RunFonts {
    RunFonts::new().ascii(latin).hi_ansi(latin).cs(latin).east_asia(east_asian.as_deref().unwrap_or(latin))
}

fn paragraph_style(r: &Rendition<'_>, id: &str, name: &str, style: &ParagraphStyle, east_asian: &Option<String>) -> Style {
    let mut word = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .fonts(run_fonts(&office_font(r, &style.family), east_asian))
        .size((style.size * 2.0).round() as usize)
        .align(match style.align {
            Align::Left => AlignmentType::Left,
            Align::Center => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
        })
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(twips(style.leading()))
                .before(twips(style.space_before.pt()) as u32)
                .after(twips(style.space_after.pt()) as u32),
        );
    if style.bold {
        word = word.bold();
    }
    if style.italic {
        word = word.italic();
    }
    let first = style.first_line_indent.pt();
    let special = if first > 0.0 {
        Some(SpecialIndentType::FirstLine(twips(first)))
    } else if first < 0.0 {
        Some(SpecialIndentType::Hanging(twips(-first)))
    } else {
        None
    };
    if style.indent.pt() > 0.0 || special.is_some() {
        word = word.indent(Some(twips(style.indent.pt())), special, None, None);
    }
    let heading = id.starts_with("Heading") || id == "Title" || id == "Subtitle";
    word.paragraph_property = word.paragraph_property.widow_control(false).keep_next(heading).keep_lines(heading);
    if let Some(level) = id.strip_prefix("Heading").and_then(|n| n.parse::<usize>().ok()) {
        word = word.outline_lvl(level - 1);
    }
    word
}

fn styles(mut docx: Docx, r: &Rendition<'_>) -> Docx {
    let s = &r.layout.settings;
    let east_asian = east_asian_family(r.paged);
    docx = docx
        .default_fonts(run_fonts(&office_font(r, &s.styles.turn.family), &east_asian))
        .default_size((s.styles.turn.size * 2.0).round() as usize);
    for (layout_name, id, name) in STYLE_NAMES {
        let style = s.style(layout_name).expect("every layout style has a Word style");
        let mut word = paragraph_style(r, id, name, style, &east_asian);
        if layout_name == "header" || layout_name == "footer" {
            // Parts are placed with tab stops set on the paragraph (see `running_paragraph`).
            word = word.align(AlignmentType::Left);
        }
        docx = docx.add_style(word);
    }
    let label = &s.styles.label;
    let mut speaker = Style::new("SpeakerLabel", StyleType::Character).name("Speaker Label");
    if let Some(family) = &label.family {
        speaker = speaker.fonts(run_fonts(&office_font(r, family), &east_asian));
    }
    if label.bold {
        speaker = speaker.bold();
    }
    if label.italic {
        speaker = speaker.italic();
    }
    docx.add_style(speaker)
}

/// Adds `text` to `run`: newlines become line breaks and tabs tab characters (docx-rs would
/// drop newlines and join the words), characters XML cannot carry are left out.
fn add_text(mut run: Run, text: &str) -> Run {
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (k, piece) in line.split('\t').enumerate() {
            if k > 0 {
                run = run.add_tab();
            }
            let clean: String = piece.chars().filter(|c| !c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}')).collect();
            if !clean.is_empty() {
                run = run.add_text(clean);
            }
        }
    }
    run
}

/// The body's paragraphs as WordprocessingML, one `w:p` per composed paragraph, with the page
/// breaks of the paged document. Written here rather than through docx-rs's element builders,
/// which spent most of the export's time on the body; blocks are serialized in parallel.
fn body_xml(doc: &PagedDocument) -> String {
    let starts = doc.page_starts();
    // Paragraph ids count paragraphs from 0x10000000 (the running heads use 0x70000000 up).
    let first_ids: Vec<usize> = doc
        .blocks
        .iter()
        .scan(0x1000_0000, |next, block| {
            let first = *next;
            *next += block.paragraphs.len();
            Some(first)
        })
        .collect();
    let paragraphs: Vec<String> = doc
        .blocks
        .par_iter()
        .enumerate()
        .map(|(b, block)| {
            let mut xml = String::new();
            for (p, paragraph) in block.paragraphs.iter().enumerate() {
                let pages = starts.get(&(b, p)).map(Vec::as_slice).unwrap_or_default();
                paragraph_xml(&mut xml, paragraph, pages, format!("{:08X}", first_ids[b] + p));
            }
            xml
        })
        .collect();
    paragraphs.concat()
}

fn paragraph_xml(xml: &mut String, paragraph: &Paragraph, pages: &[(usize, usize)], id: String) {
    let starts_page = pages.iter().any(|&(offset, page)| offset == 0 && page > 1);
    let breaks: Vec<(usize, usize)> = pages.iter().copied().filter(|&(offset, _)| offset > 0).collect();
    xml.push_str(&format!(r#"<w:p w14:paraId="{id}"><w:pPr><w:pStyle w:val="{}"/>"#, style_id(paragraph.role.style_name())));
    if paragraph.role == Role::Label {
        xml.push_str("<w:keepNext/>");
    }
    if starts_page {
        // LibreOffice and Word keep space-before after a forced break; the paginator does not.
        xml.push_str(r#"<w:pageBreakBefore/><w:spacing w:before="0"/>"#);
    }
    xml.push_str("</w:pPr>");
    let (in_label, in_text) = paragraph.split_at_label(&breaks);
    let offsets = |pairs: Vec<(usize, usize)>| pairs.into_iter().map(|(offset, _)| offset).collect::<Vec<_>>();
    match (&paragraph.label, paragraph.role) {
        (Some(label), Role::Label) => runs_xml(xml, label, Some("SpeakerLabel"), &offsets(in_label)),
        (Some(label), _) => {
            runs_xml(xml, label, Some("SpeakerLabel"), &offsets(in_label));
            // The text's run starts with the space after the label.
            let in_text: Vec<usize> = offsets(in_text).into_iter().map(|o| o + 1).collect();
            runs_xml(xml, &format!(" {}", paragraph.text), None, &in_text);
        }
        (None, _) => runs_xml(xml, &paragraph.text, None, &offsets(in_text)),
    }
    xml.push_str("</w:p>");
}

/// One run of `text` (in character style `style`, if any), with a page break before each of
/// the byte offsets in `breaks`; newlines become line breaks, tabs tab characters, and
/// characters XML cannot carry are left out.
fn runs_xml(xml: &mut String, text: &str, style: Option<&str>, breaks: &[usize]) {
    xml.push_str("<w:r>");
    if let Some(style) = style {
        xml.push_str(&format!(r#"<w:rPr><w:rStyle w:val="{style}"/></w:rPr>"#));
    }
    let mut at = 0;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    for &offset in breaks {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset >= at {
            pieces.push((&text[at..offset], true));
            at = offset;
        }
    }
    pieces.push((&text[at..], false));
    for (piece, page_break_after) in pieces {
        for (n, line) in piece.split('\n').enumerate() {
            if n > 0 {
                xml.push_str("<w:br/>");
            }
            for (k, cell) in line.split('\t').enumerate() {
                if k > 0 {
                    xml.push_str("<w:tab/>");
                }
                let opening = xml.len();
                xml.push_str(r#"<w:t xml:space="preserve">"#);
                let text_start = xml.len();
                push_xml_text(xml, cell);
                if xml.len() == text_start {
                    xml.truncate(opening); // nothing XML can carry: no empty text element
                } else {
                    xml.push_str("</w:t>");
                }
            }
        }
        if page_break_after {
            xml.push_str(r#"<w:br w:type="page"/>"#);
        }
    }
    xml.push_str("</w:r>");
}

/// The id of the paragraph that stands for the body until [`package`] writes the body in its place.
const BODY_PLACEHOLDER: &str = "7FFFFFFF";

/// Splits the document part docx-rs wrote around its placeholder paragraph, where the body
/// goes; fails loudly if docx-rs changes how it writes paragraph ids.
fn around_placeholder(document: &[u8]) -> Result<(&[u8], &[u8]), ExportError> {
    let opening = format!(r#"<w:p w14:paraId="{BODY_PLACEHOLDER}""#);
    let find = |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).position(|w| w == needle);
    let start = find(document, opening.as_bytes()).ok_or_else(|| fail("docx-rs wrote no body placeholder".into()))?;
    let end = find(&document[start..], b"</w:p>")
        .map(|e| start + e + "</w:p>".len())
        .ok_or_else(|| fail("unterminated body placeholder".into()))?;
    Ok((&document[..start], &document[end..]))
}

const PAGE_FIELD: &str = "\u{E000}";
const PAGES_FIELD: &str = "\u{E001}";

fn field(instr: InstrText) -> Run {
    Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(instr)
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
}

/// One header or footer paragraph from the layout's template: parts separated by tabs go to
/// the style's centre and right tab stops, like the paginator places them; `page` and `pages`
/// become live fields. A part without fields takes the text the paginator set (shortened with
/// an ellipsis if it had to be) on the first page that has it.
fn running_paragraph(r: &Rendition<'_>, template: &str, style: &str, ids: &mut ParagraphIds) -> Result<Option<DocxParagraph>, ExportError> {
    let mut data = crate::layout::templates::document_data(r.transcript);
    data["page"] = PAGE_FIELD.into();
    data["pages"] = PAGES_FIELD.into();
    let text = r.layout.templates.render(template, &data, "the DOCX running head").map_err(|e| fail(e.to_string()))?;
    let parts: Vec<&str> = text.trim_end_matches(['\n', '\r']).splitn(3, '\t').collect();
    let aligns: &[Align] = match parts.len() {
        1 => &[Align::Center],
        2 => &[Align::Left, Align::Right],
        _ => &[Align::Left, Align::Center, Align::Right],
    };
    let placed = r.paged.pages.iter().map(|p| if template == "header" { &p.header } else { &p.footer }).find(|parts| !parts.is_empty());
    let present: Vec<(&str, Align)> = parts.iter().map(|p| p.trim()).zip(aligns.iter().copied()).filter(|(p, _)| !p.is_empty()).collect();
    if present.is_empty() {
        return Ok(None);
    }
    // Only the stops this head uses, so that a long left part cannot land on an unused centre stop.
    let measure = twips(r.layout.settings.measure()) as usize;
    let has_center = present.iter().any(|(_, a)| *a == Align::Center);
    let mut paragraph = DocxParagraph::new().id(ids.next()).style(style);
    if has_center {
        paragraph = paragraph.add_tab(Tab::new().val(TabValueType::Center).pos(measure / 2));
    }
    if present.iter().any(|(_, a)| *a == Align::Right) {
        paragraph = paragraph.add_tab(Tab::new().val(TabValueType::Right).pos(measure));
    }
    for (part, align) in present {
        let tabs = match align {
            Align::Left => 0,
            Align::Center => 1,
            Align::Right => 1 + usize::from(has_center),
        };
        if tabs > 0 {
            let mut run = Run::new();
            for _ in 0..tabs {
                run = run.add_tab();
            }
            paragraph = paragraph.add_run(run);
        }
        if part.contains(PAGE_FIELD) || part.contains(PAGES_FIELD) {
            for (n, piece) in part.split(PAGE_FIELD).enumerate() {
                if n > 0 {
                    paragraph = paragraph.add_run(field(InstrText::PAGE(InstrPAGE::new())));
                }
                for (k, piece) in piece.split(PAGES_FIELD).enumerate() {
                    if k > 0 {
                        paragraph = paragraph.add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new())));
                    }
                    if !piece.is_empty() {
                        paragraph = paragraph.add_run(add_text(Run::new(), piece));
                    }
                }
            }
        } else {
            let set = placed.and_then(|parts| parts.iter().find(|p| p.align == align)).map_or(part.to_string(), |p| p.line.text.clone());
            paragraph = paragraph.add_run(add_text(Run::new(), &set));
        }
    }
    Ok(Some(paragraph))
}

fn running_heads(mut docx: Docx, r: &Rendition<'_>, ids: &mut ParagraphIds) -> Result<Docx, ExportError> {
    let s = &r.layout.settings;
    let header = running_paragraph(r, "header", "Header", ids)?;
    let footer = running_paragraph(r, "footer", "Footer", ids)?;
    let header_doc = |p: &Option<DocxParagraph>| p.clone().map_or_else(Header::new, |p| Header::new().add_paragraph(p));
    let footer_doc = |p: &Option<DocxParagraph>| p.clone().map_or_else(Footer::new, |p| Footer::new().add_paragraph(p));
    docx = docx.header(header_doc(&header)).footer(footer_doc(&footer));
    if !s.header.first_page || !s.footer.first_page {
        let first_header = if s.header.first_page { header_doc(&header) } else { Header::new() };
        let mut first_footer_paragraph = footer.clone();
        if let Some(p) = &mut first_footer_paragraph {
            *p = p.clone().id(ids.next());
        }
        let first_footer = if s.footer.first_page { footer_doc(&first_footer_paragraph) } else { Footer::new() };
        docx = docx.first_header(first_header).first_footer(first_footer);
    }
    Ok(docx)
}

fn core_properties(r: &Rendition<'_>) -> String {
    let m = &r.transcript.metadata;
    let date = r.build.created.map(iso_timestamp).unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let creator = m.organizer.clone().unwrap_or_default();
    let subject = m.description.clone().or_else(|| m.subtitle.clone()).unwrap_or_default();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{creator}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords><dc:description>{description}</dc:description><dc:language>{language}</dc:language>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = xml_escape(&m.title),
        subject = xml_escape(&subject),
        creator = xml_escape(&creator),
        keywords = xml_escape(&m.tags.join(", ")),
        description = xml_escape(m.description.as_deref().unwrap_or_default()),
        language = xml_escape(&m.language),
        date = date,
    )
}

fn settings_xml(language: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>"#,
            r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            r#"<w:themeFontLang w:val="{}"/>"#,
            "</w:settings>"
        ),
        xml_escape(language)
    )
}

/// Puts the document language and "no widow control" into the style defaults, which docx-rs
/// has no setter for. Fails loudly if docx-rs changes the markup this relies on.
fn patch_defaults(styles: &[u8], language: &str) -> Result<Vec<u8>, ExportError> {
    let text = String::from_utf8_lossy(styles).into_owned();
    let patches = [
        (
            "<w:rPrDefault><w:rPr>",
            format!(r#"<w:rPrDefault><w:rPr><w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="{0}" />"#, xml_escape(language)),
        ),
        ("<w:pPrDefault><w:pPr>", r#"<w:pPrDefault><w:pPr><w:widowControl w:val="0" />"#.to_string()),
    ];
    let mut text = text;
    for (from, to) in patches {
        if !text.contains(from) {
            return Err(fail(format!("docx-rs wrote styles without `{from}`; cannot set the defaults")));
        }
        text = text.replacen(from, &to, 1);
    }
    Ok(text.into_bytes())
}

/// Zips docx-rs's parts, in the order and under the names its own `pack` uses, with the body
/// written into `word/document.xml` in place of the placeholder paragraph (no copy of the
/// document): parts deflated (all but the smallest) with fixed times, no directory entries.
/// Fails on parts verbatim never asks docx-rs for (images, add-ins, custom XML), so that a
/// docx-rs change cannot drop them silently.
fn package(xml: docx_rs::XMLDocx, body: &str) -> Result<Vec<u8>, ExportError> {
    if !xml.media.is_empty() || xml.taskpanes.is_some() || !xml.custom_items.is_empty() {
        return Err(fail("docx-rs wrote parts verbatim does not package (media, task panes or custom XML)".into()));
    }
    let (before_body, after_body) = around_placeholder(&xml.document)?;
    let document: [&[u8]; 3] = [before_body, body.as_bytes(), after_body];
    let mut parts: Vec<(String, Vec<&[u8]>)> = vec![
        ("[Content_Types].xml".into(), vec![&xml.content_type]),
        ("_rels/.rels".into(), vec![&xml.rels]),
        ("docProps/app.xml".into(), vec![&xml.doc_props.app]),
        ("docProps/core.xml".into(), vec![&xml.doc_props.core]),
        ("docProps/custom.xml".into(), vec![&xml.doc_props.custom]),
        ("word/_rels/document.xml.rels".into(), vec![&xml.document_rels]),
        ("word/document.xml".into(), document.to_vec()),
        ("word/styles.xml".into(), vec![&xml.styles]),
        ("word/settings.xml".into(), vec![&xml.settings]),
        ("word/fontTable.xml".into(), vec![&xml.font_table]),
        ("word/comments.xml".into(), vec![&xml.comments]),
        ("word/numbering.xml".into(), vec![&xml.numberings]),
        ("word/commentsExtended.xml".into(), vec![&xml.comments_extended]),
        ("word/footnotes.xml".into(), vec![&xml.footnotes]),
    ];
    for (kind, running, rels) in [("header", &xml.headers, &xml.header_rels), ("footer", &xml.footers, &xml.footer_rels)] {
        for (i, part) in running.iter().enumerate() {
            parts.push((format!("word/{kind}{}.xml", i + 1), vec![part]));
            if let Some(rels) = rels.get(i) {
                parts.push((format!("word/_rels/{kind}{}.xml.rels", i + 1), vec![rels]));
            }
        }
    }
    let mut package = super::package::Package::new();
    for (name, pieces) in &parts {
        package.add(name, pieces).map_err(|e| fail(format!("cannot zip the document: {e}")))?;
    }
    package.finish().map_err(|e| fail(format!("cannot zip the document: {e}")))
}
