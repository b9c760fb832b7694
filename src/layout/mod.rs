//! Layouts: everything about pages, nothing about file formats.
//!
//! A layout is `layout.toml` (typed [`settings`]) plus handlebars [`templates`]. Built-in
//! layouts are embedded in the binary; a user layout directory overrides them file by file
//! (its `layout.toml` is merged key by key over the built-in it `extends`, `default` when
//! unsaid; its `templates/*.hbs` replace the built-in's). [`render`] runs [`compose`] and
//! [`paginate`] and is the only way to get a [`PagedDocument`].

pub mod compose;
pub mod fonts;
pub mod linebreak;
pub mod paged;
pub mod paginate;
pub mod settings;
pub mod system_fonts;
pub mod templates;

pub use paged::PagedDocument;
pub use settings::Settings;

use crate::model::Transcript;
use crate::suggest::{closest, improve_serde_message};
use fonts::FontBook;
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use templates::{TEMPLATE_NAMES, TemplateError, Templates};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts");

/// The layout a conversion uses when none is named.
pub const DEFAULT_LAYOUT: &str = "default";

/// A resolved, checked layout, ready to compose with.
pub struct Layout {
    /// The built-in name, or the directory it was read from.
    pub name: String,
    pub settings: Settings,
    pub templates: Templates,
    pub fonts: Arc<FontBook>,
    /// Whether characters no font of `fonts` covers are looked for among the system's fonts.
    pub system_fonts: bool,
    /// Every file of the layout after overrides, with where each came from.
    pub files: Vec<LayoutFile>,
}

/// One file of a resolved layout.
#[derive(Debug, Clone)]
pub struct LayoutFile {
    /// Path inside the layout, e.g. `templates/label.hbs`.
    pub path: String,
    /// Where it came from, e.g. `default/templates/label.hbs (built-in)` or a file path.
    pub origin: String,
    pub contents: String,
}

/// Why a layout could not be used. All of these are configuration errors.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("unknown layout `{name}`: not a built-in layout ({builtins}) and not a directory")]
    Unknown { name: String, builtins: String },
    #[error("cannot read {path}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax { file: String, line: usize, column: usize, message: String },
    #[error("{file}: {key}: {message}")]
    Setting { file: String, key: String, message: String },
    #[error("{file}: {}", .problems.join("; "))]
    Invalid { file: String, problems: Vec<String> },
    #[error("{file}: `extends = \"{extends}\"` names no built-in layout ({builtins})")]
    UnknownBase { file: String, extends: String, builtins: String },
    #[error("{path}: not a file this layout uses; templates are {}{}", TEMPLATE_NAMES.map(|n| format!("{n}.hbs")).join(", "), .suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    StrayFile { path: String, suggestion: Option<String> },
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// Names of the built-in layouts, sorted.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&str> =
        BUILTIN.dirs().filter(|d| d.get_file(d.path().join("layout.toml")).is_some()).filter_map(|d| d.path().to_str()).collect();
    names.sort();
    names
}

fn builtins_list() -> String {
    builtin_names().join(", ")
}

impl Layout {
    /// A built-in layout by name, or a layout directory. A bare built-in name (`default`)
    /// always means the built-in, even if the current folder has a directory of that name;
    /// write `./default` for the directory.
    pub fn load(spec: &str) -> Result<Layout, LayoutError> {
        if builtin_names().contains(&spec) {
            return Layout::builtin(spec);
        }
        let path = Path::new(spec);
        if path.is_dir() {
            return Layout::from_dir(path);
        }
        Err(LayoutError::Unknown { name: spec.to_string(), builtins: builtins_list() })
    }

    /// A built-in layout.
    pub fn builtin(name: &str) -> Result<Layout, LayoutError> {
        let (table, files) = builtin_files(name, 0)?;
        Layout::assemble(name.to_string(), &format!("{name}/layout.toml (built-in)"), table, files)
    }

    /// A user layout directory, overriding the built-in it extends.
    pub fn from_dir(dir: &Path) -> Result<Layout, LayoutError> {
        let toml_path = dir.join("layout.toml");
        let file_name = toml_path.display().to_string();
        let own = if toml_path.exists() {
            let text = std::fs::read_to_string(&toml_path).map_err(|source| LayoutError::Io { path: toml_path.clone(), source })?;
            Some(parse_table(&text, &file_name)?)
        } else {
            None
        };
        let extends = match own.as_ref().and_then(|t| t.get("extends")) {
            None => DEFAULT_LAYOUT.to_string(),
            Some(toml::Value::String(name)) => name.clone(),
            Some(_) => {
                return Err(LayoutError::Setting {
                    file: file_name,
                    key: "extends".into(),
                    message: "must be the name of a built-in layout".into(),
                });
            }
        };
        if !builtin_names().contains(&extends.as_str()) {
            return Err(LayoutError::UnknownBase { file: file_name, extends, builtins: builtins_list() });
        }
        let (mut table, mut files) = builtin_files(&extends, 0)?;
        if let Some(own) = own {
            merge(&mut table, own);
            replace_file(&mut files, LayoutFile { path: "layout.toml".into(), origin: file_name.clone(), contents: String::new() });
        }
        let templates_dir = dir.join("templates");
        if templates_dir.is_dir() {
            let entries = std::fs::read_dir(&templates_dir).map_err(|source| LayoutError::Io { path: templates_dir.clone(), source })?;
            let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
                let stem = name.strip_suffix(".hbs").unwrap_or(&name);
                if !TEMPLATE_NAMES.contains(&stem) || !name.ends_with(".hbs") {
                    let suggestion = closest(stem, &TEMPLATE_NAMES).map(|s| format!("{s}.hbs"));
                    return Err(LayoutError::StrayFile { path: path.display().to_string(), suggestion });
                }
                let contents = std::fs::read_to_string(&path).map_err(|source| LayoutError::Io { path: path.clone(), source })?;
                replace_file(&mut files, LayoutFile { path: format!("templates/{name}"), origin: path.display().to_string(), contents });
            }
        }
        Layout::assemble(dir.display().to_string(), &file_name, table, files)
    }

    fn assemble(name: String, settings_file: &str, mut table: toml::Table, files: Vec<LayoutFile>) -> Result<Layout, LayoutError> {
        table.remove("extends");
        let settings: Settings = serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| LayoutError::Setting {
            file: settings_file.to_string(),
            key: e.path().to_string(),
            // toml appends "in `table`" on lines of its own; the key path already says where.
            message: improve_serde_message(e.inner().to_string().split("\nin `").next().unwrap_or_default().trim_end()),
        })?;
        let fonts = FontBook::builtin();
        let problems = settings.check(&fonts);
        if !problems.is_empty() {
            return Err(LayoutError::Invalid { file: settings_file.to_string(), problems });
        }
        let sources: Vec<(String, String, String)> = files
            .iter()
            .filter_map(|f| {
                let name = f.path.strip_prefix("templates/")?.strip_suffix(".hbs")?;
                Some((name.to_string(), f.origin.clone(), f.contents.clone()))
            })
            .collect();
        let templates = Templates::compile(&sources)?;
        // The built-in templates are checked by the test suite; a user's are checked here.
        if !settings_file.ends_with("(built-in)") {
            templates.check_variables()?;
        }
        let layout_dir = Path::new(settings_file).parent().filter(|_| !settings_file.ends_with("(built-in)"));
        let mut fallback_faces = Vec::new();
        for entry in settings.fonts.fallback.iter().filter(|f| settings::FontSettings::is_file(f)) {
            let path = layout_dir.map(|d| d.join(entry)).unwrap_or_else(|| PathBuf::from(entry));
            fallback_faces.extend(fonts::load_font_file(&path).map_err(|e| LayoutError::Setting {
                file: settings_file.to_string(),
                key: "fonts.fallback".to_string(),
                message: e.to_string(),
            })?);
        }
        let fonts = if fallback_faces.is_empty() { fonts } else { Arc::new(fonts.with_fallbacks(fallback_faces)) };
        Ok(Layout { name, settings, templates, fonts, system_fonts: true, files })
    }

    /// Where template `name` came from, for messages.
    pub fn template_origin(&self, name: &str) -> String {
        let path = format!("templates/{name}.hbs");
        self.files.iter().find(|f| f.path == path).map(|f| f.origin.clone()).unwrap_or(path)
    }

    /// The effective settings as TOML, every key spelt out.
    pub fn settings_toml(&self) -> String {
        toml::to_string_pretty(&self.settings).expect("settings serialize")
    }
}

/// The merged `layout.toml` table and files of a built-in layout, following `extends`.
fn builtin_files(name: &str, depth: usize) -> Result<(toml::Table, Vec<LayoutFile>), LayoutError> {
    let dir = BUILTIN.get_dir(name).ok_or_else(|| LayoutError::Unknown { name: name.to_string(), builtins: builtins_list() })?;
    let toml_file = format!("{name}/layout.toml (built-in)");
    let text = dir.get_file(format!("{name}/layout.toml")).and_then(|f| f.contents_utf8()).unwrap_or_default();
    let own = parse_table(text, &toml_file)?;
    let (mut table, mut files) = match own.get("extends").and_then(|v| v.as_str()) {
        Some(base) if depth < 4 => builtin_files(base, depth + 1)?,
        _ => (toml::Table::new(), Vec::new()),
    };
    merge(&mut table, own);
    replace_file(&mut files, LayoutFile { path: "layout.toml".into(), origin: toml_file, contents: text.to_string() });
    if let Some(templates) = dir.get_dir(format!("{name}/templates")) {
        for file in templates.files() {
            let file_name = file.path().file_name().and_then(|n| n.to_str()).unwrap_or_default();
            replace_file(
                &mut files,
                LayoutFile {
                    path: format!("templates/{file_name}"),
                    origin: format!("{name}/templates/{file_name} (built-in)"),
                    contents: file.contents_utf8().unwrap_or_default().to_string(),
                },
            );
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((table, files))
}

fn parse_table(text: &str, file: &str) -> Result<toml::Table, LayoutError> {
    text.parse::<toml::Table>().map_err(|e| {
        // toml's own message draws the line with a caret; one line naming the place suffices.
        let (line, column) = e.span().map(|span| crate::suggest::line_column(text, span.start)).unwrap_or((1, 1));
        LayoutError::Syntax { file: file.to_string(), line, column, message: e.message().trim_end().replace('\n', "; ") }
    })
}

fn replace_file(files: &mut Vec<LayoutFile>, file: LayoutFile) {
    files.retain(|f| f.path != file.path);
    files.push(file);
}

/// Merges `over` into `base`: tables key by key, everything else replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Why a transcript could not be laid out.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Compose(#[from] compose::ComposeError),
    #[error(transparent)]
    Template(#[from] TemplateError),
}

impl Layout {
    /// Adds the faces of the font files at `paths` as fallbacks, before any system font.
    pub fn add_fallback_fonts(&mut self, paths: &[PathBuf]) -> Result<(), fonts::FontError> {
        let mut faces = Vec::new();
        for path in paths {
            if path.is_dir() {
                let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                    .map_err(|e| fonts::FontError::new(format!("{}: cannot read the folder: {e}", path.display())))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.to_str().is_some_and(settings::FontSettings::is_file))
                    .collect();
                files.sort();
                for file in files {
                    faces.extend(fonts::load_font_file(&file)?);
                }
            } else {
                faces.extend(fonts::load_font_file(path)?);
            }
        }
        self.fonts = Arc::new(self.fonts.with_fallbacks(faces));
        Ok(())
    }

    /// The layout's fonts, plus system faces for characters of `t` that they lack.
    fn fonts_for(&self, t: &Transcript) -> Arc<FontBook> {
        if !self.system_fonts {
            return self.fonts.clone();
        }
        let mut missing = std::collections::BTreeSet::new();
        let mut note = |text: &str| {
            if text.is_ascii() {
                return; // ASCII is never looked up in system fonts (see the filter below)
            }
            for ch in text.chars().filter(|c| !c.is_ascii() && !fonts::is_invisible(*c)) {
                if !missing.contains(&ch) && !self.fonts.covers(ch) {
                    missing.insert(ch);
                }
            }
        };
        visit_text(t, &mut note);
        if missing.is_empty() {
            return self.fonts.clone();
        }
        let chars: Vec<char> = missing.into_iter().collect();
        let preferred: Vec<String> = self.settings.fonts.fallback.iter().filter(|f| !settings::FontSettings::is_file(f)).cloned().collect();
        Arc::new(self.fonts.with_fallbacks(system_fonts::faces_covering(&chars, &preferred)))
    }
}

/// Calls `visit` with every piece of text of the transcript that may be printed.
fn visit_text(t: &Transcript, visit: &mut dyn FnMut(&str)) {
    let m = &t.metadata;
    visit(&m.title);
    for text in [&m.subtitle, &m.location, &m.organizer, &m.description, &m.kind].into_iter().flatten() {
        visit(text);
    }
    m.tags.iter().for_each(|tag| visit(tag));
    for s in &t.speakers {
        visit(&s.name);
        for text in [&s.role, &s.affiliation, &s.native_name].into_iter().flatten() {
            visit(text);
        }
    }
    for block in &t.body {
        match block {
            crate::model::Block::Heading(h) => visit(&h.text),
            crate::model::Block::Turn(turn) => turn.paragraphs.iter().for_each(|p| visit(p)),
            crate::model::Block::Note(n) => visit(&n.text),
            crate::model::Block::PageBreak(_) => {}
        }
    }
}

/// Composes and paginates `t`: the one paged document every exporter serializes.
pub fn render(t: &Transcript, layout: &Layout) -> Result<PagedDocument, RenderError> {
    let fonts = layout.fonts_for(t);
    let composition = compose::compose(t, layout, &fonts)?;
    let mut pages = paginate::paginate(&composition.blocks, layout);
    let mut missing_glyphs = composition.missing_glyphs;
    missing_glyphs.extend(paginate::add_running_heads(&mut pages, t, layout, &fonts)?);
    let (width, height) = layout.settings.page_dimensions();
    Ok(PagedDocument { fonts, width, height, blocks: composition.blocks, pages, missing_glyphs })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in layouts skip the template check when they load; it runs here instead.
    #[test]
    fn builtin_templates_use_only_documented_variables() {
        for name in builtin_names() {
            let layout = Layout::builtin(name).unwrap();
            layout.templates.check_variables().unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
