//! The catalogue of bad inputs: every input in the README's "Errors and exit codes" table, with
//! the exit code, every line it prints on standard error (file, place and cause), and the files
//! it leaves. A failing input leaves nothing in the output folder (no output, no temporary
//! file); an input that converts with a warning leaves all four formats.
//!
//! Small, readable inputs are fixtures in `tests/bad_inputs/` (copied into a fresh folder for
//! every case, where `verbatim` runs); big or unprintable ones are made by the test. Inputs
//! that need the machine's help (a read-only folder, a full disk, system fonts) have tests of
//! their own after the table, which say why when they cannot run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_inputs");

/// A file the test writes: its path in the work folder and how its bytes are made.
type Made = (&'static str, fn() -> Vec<u8>);

/// One catalogued input.
struct Case {
    /// The input as the README's table names it.
    name: &'static str,
    /// Files the test writes into the work folder before the run (big or unprintable inputs);
    /// the fixtures are always there.
    made: &'static [Made],
    /// Anything else the work folder needs (a folder where an output goes…).
    prepare: Option<fn(&Path)>,
    /// The arguments of `verbatim`; outputs go to `out`.
    args: &'static [&'static str],
    exit: i32,
    /// Every line of standard error, as fragments the line contains, in any order; besides
    /// these only the summary line may appear.
    stderr: &'static [&'static [&'static str]],
    /// The files the run writes in `out`; nothing else may appear there.
    written: &'static [&'static str],
    /// Further checks of the work folder after the run.
    verify: Option<fn(&Path)>,
    /// Limit of the run's address space, in MiB, for inputs made to exhaust memory.
    memory_limit_mib: Option<u64>,
    /// Run by a test of its own (a big input), not by [`catalogue`].
    slow: bool,
}

const CASE: Case = Case {
    name: "",
    made: &[],
    prepare: None,
    args: &[],
    exit: 0,
    stderr: &[],
    written: &[],
    verify: None,
    memory_limit_mib: None,
    slow: false,
};

/// The four outputs of `out/<stem>`.
macro_rules! four {
    ($stem:literal) => {
        &[concat!($stem, ".txt"), concat!($stem, ".pdf"), concat!($stem, ".docx"), concat!($stem, ".epub")]
    };
}

const CASES: &[Case] = &[
    // --- the model file
    Case {
        name: "truncated JSON",
        args: &["convert", "truncated.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: truncated.json:5:78: EOF while parsing a string"]],
        ..CASE
    },
    Case {
        name: "invalid UTF-8",
        made: &[("latin1.json", latin1_json)],
        args: &["convert", "latin1.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: latin1.json: not UTF-8: invalid byte sequence at byte offset 30 (line 2, column 29)"]],
        ..CASE
    },
    Case {
        name: "a UTF-8 byte-order mark",
        made: &[("bom.json", || with_bom("good.json")), ("bom-yaml.yaml", || with_bom_text(GOOD_YAML))],
        args: &["convert", "bom.json", "bom-yaml.yaml", "--out-dir", "out", "--quiet"],
        exit: 0,
        written: &["bom.txt", "bom.pdf", "bom.docx", "bom.epub", "bom-yaml.txt", "bom-yaml.pdf", "bom-yaml.docx", "bom-yaml.epub"],
        verify: Some(|dir| assert!(read_text(&dir.join("out/bom.txt")).starts_with("A good transcript"), "no mark before the title")),
        ..CASE
    },
    Case {
        name: "NUL and other control characters in text",
        args: &["convert", "control-characters.json", "--out-dir", "out", "--quiet"],
        exit: 0,
        stderr: &[
            &["warning: control-characters.json: metadata.title: removed control characters U+0007 (no format can carry them)"],
            &["warning: control-characters.json: metadata.identifier: removed control characters U+0001"],
            &["warning: control-characters.json: speakers[0].name: removed control characters U+0000"],
            &["warning: control-characters.json: body[0].paragraphs[0]: removed control characters U+0000, U+001B, U+007F, U+0085"],
            &["warning: control-characters.json: body[1].text: removed control characters U+000C"],
        ],
        written: four!("control-characters"),
        verify: Some(control_characters_leave_valid_files),
        ..CASE
    },
    Case {
        name: "a control character in a speaker id",
        args: &["convert", "control-character-id.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: control-character-id.json: speakers[0].id: contains the control character U+0000"]],
        ..CASE
    },
    Case {
        name: "a raw control character in a JSON string",
        made: &[("raw-control.json", || b"{\n  \"metadata\": {\"title\": \"Bell\x07\"}\n}\n".to_vec())],
        args: &["convert", "raw-control.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: raw-control.json:2:30: control character (\\u0000-\\u001F) found while parsing a string"]],
        ..CASE
    },
    Case {
        name: "a raw control character in YAML",
        made: &[("raw-control.yaml", || b"metadata:\n  title: \"Bell\x07\"\n".to_vec())],
        args: &["convert", "raw-control.yaml", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: raw-control.yaml:2:15: control characters are not allowed"]],
        ..CASE
    },
    Case {
        name: "unknown speaker ids",
        args: &["convert", "unknown-speaker.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[
            &["error: unknown-speaker.json: body[2].speaker: unknown speaker id `an` (did you mean `ann`?)"],
            &["error: unknown-speaker.json: body[3].speaker: unknown speaker id `zed`"],
        ],
        ..CASE
    },
    Case {
        name: "duplicate speaker ids",
        args: &["convert", "duplicate-speaker.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: duplicate-speaker.json: speakers[1].id: duplicate speaker id `ann` (first declared at speakers[0])"]],
        ..CASE
    },
    Case {
        name: "an empty body",
        args: &["convert", "empty-body.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: empty-body.json: body: is empty: there is nothing to convert"]],
        ..CASE
    },
    Case {
        name: "an empty file",
        made: &[("empty.json", Vec::new), ("blank.yaml", || b" \n\n".to_vec())],
        args: &["convert", "empty.json", "blank.yaml", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: empty.json: the file is empty"], &["error: blank.yaml: the file is empty"]],
        ..CASE
    },
    Case {
        name: "a 10 MB paragraph",
        made: &[("paragraph-10mb.json", paragraph_10_mb)],
        args: &["convert", "paragraph-10mb.json", "--out-dir", "out", "--quiet"],
        exit: 0,
        written: four!("paragraph-10mb"),
        verify: Some(ten_mb_paragraph_keeps_every_word),
        slow: true,
        ..CASE
    },
    Case {
        name: "100,000 turns",
        made: &[("turns-100k.json", turns_100k)],
        args: &["convert", "turns-100k.json", "--out-dir", "out", "--quiet"],
        exit: 0,
        written: four!("turns-100k"),
        verify: Some(every_turn_of_100k_is_there),
        slow: true,
        ..CASE
    },
    Case {
        name: "deeply nested YAML",
        made: &[("nested.yaml", || "[".repeat(100_000).into_bytes())],
        args: &["convert", "nested.yaml", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: nested.yaml:1:129: lists and objects are nested more than 128 deep"]],
        memory_limit_mib: Some(1024),
        ..CASE
    },
    Case {
        name: "deeply nested JSON",
        made: &[("nested.json", || "[".repeat(100_000).into_bytes())],
        args: &["convert", "nested.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: nested.json:1:128: lists and objects are nested more than 127 deep"]],
        memory_limit_mib: Some(1024),
        ..CASE
    },
    Case {
        name: "a YAML alias bomb",
        args: &["convert", "alias-bomb.yaml", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: alias-bomb.yaml: YAML aliases expand the document more than 100-fold (an alias bomb?)"]],
        memory_limit_mib: Some(1024),
        ..CASE
    },
    // --- what the fonts cover
    Case {
        name: "emoji and right-to-left text, shipped fonts only",
        args: &["convert", "emoji-rtl.json", "--out-dir", "out", "--no-system-fonts"],
        exit: 1,
        stderr: &[&[
            "error: emoji-rtl.json: pdf: no font covers these characters: the title block: 😀 (U+1F600), ✓ (U+2713); ",
            "body[0]: أ (U+0623), ح (U+062D), م (U+0645), د (U+062F), ر (U+0631), ب (U+0628), ا (U+0627), ل (U+0644), ع (U+0639), 😀 (U+1F600); body[1]: ✓ (U+2713). ",
            "Give a font that has them with --font-path, or pass --allow-missing-glyphs to leave them out",
        ]],
        ..CASE
    },
    Case {
        name: "emoji and right-to-left text, missing glyphs allowed",
        args: &["convert", "emoji-rtl.json", "--out-dir", "out", "--no-system-fonts", "--allow-missing-glyphs", "--quiet"],
        exit: 0,
        stderr: &[
            &[
                "warning: emoji-rtl.json: pdf: no font covers these characters: the title block: 😀 (U+1F600), ✓ (U+2713); ",
                "; they are left out of the PDF",
            ],
            &["warning: emoji-rtl.json: pdf: right-to-left text is drawn left to right, its letters unjoined: body[0], body[1]"],
        ],
        written: four!("emoji-rtl"),
        verify: Some(|dir| {
            let text = pdftotext(&dir.join("out/emoji-rtl.pdf"));
            assert!(text.contains("Emoji") && text.contains("end"), "{text}");
            let txt = read_text(&dir.join("out/emoji-rtl.txt"));
            assert!(txt.contains("مرحبا بالعالم 😀 end") && txt.contains("שלום עולם ✓ end"), "the TXT keeps every character:\n{txt}");
        }),
        ..CASE
    },
    Case {
        name: "a character no font covers",
        args: &["convert", "uncovered.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: uncovered.json: pdf: no font covers these characters: body[1]: \u{10FFFD} (U+10FFFD). Give a font"]],
        ..CASE
    },
    // --- the layout
    Case {
        name: "a missing layout folder",
        args: &["convert", "good.json", "--layout", "layouts/missing", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/missing: unknown layout `layouts/missing`: not a built-in layout (default, letter) and not a directory",
        ]],
        ..CASE
    },
    Case {
        name: "a broken layout.toml",
        args: &["convert", "good.json", "--layout", "layouts/broken-toml", "--out-dir", "out"],
        exit: 2,
        stderr: &[&["error: layout layouts/broken-toml: layouts/broken-toml/layout.toml:2:6: unclosed table, expected `]`"]],
        ..CASE
    },
    Case {
        name: "a handlebars syntax error",
        args: &["convert", "good.json", "--layout", "layouts/hbs-syntax", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/hbs-syntax: template layouts/hbs-syntax/templates/label.hbs, line 2, column ",
            "invalid handlebars syntax",
        ]],
        ..CASE
    },
    Case {
        name: "an unknown template variable",
        args: &["convert", "good.json", "--layout", "layouts/unknown-variable", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/unknown-variable: template layouts/unknown-variable/templates/label.hbs, line 1, column 1: ",
            "Failed to access variable in strict mode Some(\"nmae\")",
        ]],
        ..CASE
    },
    Case {
        name: "a negative margin",
        args: &["convert", "good.json", "--layout", "layouts/negative-margin", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/negative-margin: layouts/negative-margin/layout.toml: page.margins.left: is negative (-14.2pt)",
        ]],
        ..CASE
    },
    Case {
        name: "a page smaller than its margins",
        args: &["convert", "good.json", "--layout", "layouts/page-smaller-than-margins", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/page-smaller-than-margins: layouts/page-smaller-than-margins/layout.toml: ",
            "page.margins: left and right margins (144.0pt + 144.0pt) leave 0.0pt of a 216.0pt page; at least 72pt (1 in) is needed",
            "page.margins: top and bottom margins leave 0.0pt of text height",
        ]],
        ..CASE
    },
    Case {
        name: "a zero font size",
        args: &["convert", "good.json", "--layout", "layouts/zero-font-size", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/zero-font-size: layouts/zero-font-size/layout.toml: styles.turn.size: 0 is outside 2 to 200 points",
        ]],
        ..CASE
    },
    Case {
        name: "no room for a line on a page",
        args: &["convert", "good.json", "--layout", "layouts/no-lines-per-page", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/no-lines-per-page: layouts/no-lines-per-page/layout.toml: ",
            "page.margins: top and bottom margins leave 10.0pt of text height, fewer than 3 lines of the tallest style (21.6pt each)",
        ]],
        ..CASE
    },
    Case {
        name: "a template that includes a file",
        args: &["convert", "good.json", "--layout", "layouts/include-file", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "error: layout layouts/include-file: template layouts/include-file/templates/label.hbs, line 1, column 1: ",
            "partials (`{{> name}}`) are not available in layout templates",
        ]],
        ..CASE
    },
    Case {
        name: "a template that includes a path outside the layout",
        args: &["convert", "good.json", "--layout", "layouts/include-parent", "--out-dir", "out"],
        exit: 2,
        stderr: &[&["template layouts/include-parent/templates/note.hbs, line 1, column 9: partials (`{{> name}}`) are not available"]],
        ..CASE
    },
    Case {
        name: "templates that include each other",
        args: &["convert", "good.json", "--layout", "layouts/include-each-other", "--out-dir", "out"],
        exit: 2,
        stderr: &[&[
            "template layouts/include-each-other/templates/footer.hbs, line 1, column 14: partials (`{{> name}}`) are not available",
        ]],
        ..CASE
    },
    // --- where the outputs go
    Case {
        name: "an output path that is a folder",
        prepare: Some(|dir| std::fs::create_dir_all(dir.join("out/good.pdf")).unwrap()),
        args: &["convert", "good.json", "--out-dir", "out"],
        exit: 1,
        stderr: &[&["error: good.json: cannot write out/good.pdf: the output path is a folder"]],
        ..CASE
    },
    Case {
        name: "an output folder inside a file",
        prepare: Some(|dir| std::fs::write(dir.join("plain"), "a file, not a folder").unwrap()),
        args: &["convert", "good.json", "--out-dir", "plain/out"],
        exit: 2,
        stderr: &[&["error: plain/out: cannot create the output folder: Not a directory"]],
        ..CASE
    },
    Case {
        name: "two inputs with the same stem",
        made: &[("a/x.json", || titled("First of two")), ("b/x.json", || titled("Second of two"))],
        args: &["convert", "a/x.json", "b/x.json", "--out-dir", "out", "--quiet"],
        exit: 1,
        stderr: &[&[
            "error: b/x.json: would overwrite out/x.txt written for a/x.json; convert inputs with the same name into different folders",
        ]],
        written: four!("x"),
        verify: Some(|dir| {
            let text = read_text(&dir.join("out/x.txt"));
            assert!(text.contains("First of two") && !text.contains("Second of two"), "{text}");
        }),
        ..CASE
    },
    Case {
        name: "a title that is a path",
        made: &[("plain-name.json", || titled("../../etc/passwd"))],
        args: &["convert", "plain-name.json", "--out-dir", "out/deeper", "--quiet"],
        exit: 0,
        written: &["deeper"],
        verify: Some(|dir| {
            assert_eq!(names(&dir.join("out/deeper")), ["plain-name.docx", "plain-name.epub", "plain-name.pdf", "plain-name.txt"]);
            assert!(read_text(&dir.join("out/deeper/plain-name.txt")).starts_with("../../etc/passwd\n"));
            assert!(!dir.join("etc").exists() && !dir.join("passwd.txt").exists());
        }),
        ..CASE
    },
    Case {
        name: "a missing input file",
        args: &["convert", "missing.json", "good.json", "--out-dir", "out", "--quiet"],
        exit: 1,
        stderr: &[&["error: missing.json: no such file or folder"]],
        written: four!("good"),
        ..CASE
    },
    Case {
        name: "a bad input among good ones",
        args: &["convert", "good.json", "truncated.json", "unknown-speaker.json", "--out-dir", "out", "--quiet"],
        exit: 1,
        stderr: &[
            &["error: truncated.json:5:78: "],
            &["error: unknown-speaker.json: body[2].speaker: "],
            &["error: unknown-speaker.json: body[3].speaker: "],
        ],
        written: four!("good"),
        ..CASE
    },
    // --- check and import
    Case {
        name: "check: invalid files among valid ones",
        args: &["check", "good.json", "truncated.json", "duplicate-speaker.json", "latin1.json"],
        made: &[("latin1.json", latin1_json)],
        exit: 1,
        stderr: &[
            &["error: truncated.json:5:78: EOF while parsing a string"],
            &["error: duplicate-speaker.json: speakers[1].id: duplicate speaker id `ann`"],
            &["error: latin1.json: not UTF-8: invalid byte sequence at byte offset 30 (line 2, column 29)"],
        ],
        ..CASE
    },
    Case {
        name: "import: raw text that is not UTF-8",
        made: &[("latin1.txt", || b"Ann Lee:\n\nCaf\xe9 au lait.\n".to_vec())],
        args: &["import", "latin1.txt", "-o", "out/latin1.json"],
        exit: 1,
        stderr: &[&["error: latin1.txt: not UTF-8: invalid byte sequence at byte offset 13 (line 3, column 4)"]],
        prepare: Some(|dir| std::fs::create_dir(dir.join("out")).unwrap()),
        ..CASE
    },
    Case {
        name: "import: truncated TEI",
        made: &[("cut.xml", || b"<TEI>\n  <text><body>\n    <sp who=\"#ann\"><p>The file ends he".to_vec())],
        args: &["import", "cut.xml", "-o", "out/cut.json"],
        exit: 1,
        stderr: &[&["error: cut.xml:1:1: the root node was opened but never closed"]],
        prepare: Some(|dir| std::fs::create_dir(dir.join("out")).unwrap()),
        ..CASE
    },
];

// ---------------------------------------------------------------------------------------------
// Running a case

/// A fresh work folder holding the fixtures.
fn work_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(FIXTURES), dir.path());
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `verbatim ARGS` in `dir`, without `SOURCE_DATE_EPOCH`, within `memory_limit_mib` if given.
fn verbatim(dir: &Path, args: &[&str], memory_limit_mib: Option<u64>) -> (Output, Duration) {
    let bin = env!("CARGO_BIN_EXE_verbatim");
    let mut command = match memory_limit_mib {
        Some(mib) => {
            let mut sh = Command::new("sh");
            sh.args(["-c", &format!("ulimit -v {} && exec \"$0\" \"$@\"", mib * 1024), bin]);
            sh
        }
        None => Command::new(bin),
    };
    command.current_dir(dir).env_remove("SOURCE_DATE_EPOCH").args(args);
    let start = Instant::now();
    let output = command.output().unwrap();
    (output, start.elapsed())
}

/// Sorted names in `dir` (none when it does not exist).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().into_string().unwrap()).collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

/// Temporary files of atomic writes anywhere under `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with(".verbatim-") {
            found.push(path.clone());
        }
        if path.is_dir() {
            found.extend(temporaries(&path));
        }
    }
    found
}

/// `convert`'s summary (`converted 0 of 1 inputs, 1 failed, 0 skipped, in 0.0 s`),
/// `check`'s (`1 of 2 files have problems`) or `import`'s (`1 of 2 inputs failed`).
fn is_summary(line: &str) -> bool {
    let words: Vec<&str> = line.split(' ').collect();
    let number = |w: &str| w.trim_end_matches(',').parse::<f64>().is_ok();
    match words.as_slice() {
        ["converted", n, "of", m, "inputs,", f, "failed,", s, "skipped,", "in", t, "s"] => [n, m, f, s, t].iter().all(|w| number(w)),
        [n, "of", m, "files", "have", "problems"] | [n, "of", m, "inputs", "failed"] => number(n) && number(m),
        _ => false,
    }
}

/// Runs `case`; every difference from what the catalogue says, as text.
fn run(case: &Case) -> Vec<String> {
    let work = work_folder();
    let dir = work.path();
    for (name, make) in case.made {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, make()).unwrap();
    }
    if let Some(prepare) = case.prepare {
        prepare(dir);
    }
    let before = names(&dir.join("out"));
    let (output, elapsed) = verbatim(dir, case.args, case.memory_limit_mib);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut problems = Vec::new();
    if output.status.code() != Some(case.exit) {
        problems.push(format!("exit {:?}, expected {}", output.status.code(), case.exit));
    }
    for expected in case.stderr {
        if !stderr.lines().any(|line| expected.iter().all(|fragment| line.contains(fragment))) {
            problems.push(format!("no line of standard error contains all of {expected:?}"));
        }
    }
    for line in stderr.lines() {
        let expected = case.stderr.iter().any(|fragments| fragments.iter().all(|f| line.contains(f)));
        if !expected && !is_summary(line) {
            problems.push(format!("unexpected line on standard error: {line}"));
        }
    }
    let mut written: Vec<String> = names(&dir.join("out")).into_iter().filter(|n| !before.contains(n)).collect();
    written.sort();
    let mut expected: Vec<String> = case.written.iter().map(|s| s.to_string()).collect();
    expected.sort();
    if written != expected {
        problems.push(format!("wrote {written:?} in out/, expected {expected:?}"));
    }
    let temporaries = temporaries(dir);
    if !temporaries.is_empty() {
        problems.push(format!("temporary files left: {temporaries:?}"));
    }
    if elapsed > Duration::from_secs(if case.slow { 600 } else { 60 }) {
        problems.push(format!("took {elapsed:?}"));
    }
    if problems.is_empty()
        && let Some(verify) = case.verify
        && let Err(panic) = std::panic::catch_unwind(|| verify(dir))
    {
        let message = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
        problems.push(format!("verify: {}", message.unwrap_or_default()));
    }
    eprintln!("{}: exit {:?} in {:.2} s", case.name, output.status.code(), elapsed.as_secs_f64());
    if !problems.is_empty() {
        problems.push(format!("standard error was:\n{stderr}"));
    }
    problems.into_iter().map(|p| format!("{}: {p}", case.name)).collect()
}

fn case(name: &str) -> &'static Case {
    CASES.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case `{name}`"))
}

#[test]
fn catalogue() {
    let failures: Vec<String> = CASES.iter().filter(|c| !c.slow).flat_map(run).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_10_mb_paragraph_converts() {
    let failures = run(case("a 10 MB paragraph"));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_100k_turn_transcript_converts() {
    let failures = run(case("100,000 turns"));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The README's table and this catalogue list the same inputs with the same exit codes.
#[test]
fn the_readme_documents_every_case() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## Errors and exit codes").nth(1).expect("the README has the section");
    let section = section.split("\n## ").next().unwrap();
    let rows: Vec<(String, String)> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells.len() == 3).then(|| (cells[0].to_string(), cells[2].to_string()))
        })
        .filter(|(input, _)| input != "input")
        .collect();
    for case in CASES {
        let exit = case.exit.to_string();
        assert!(
            rows.iter().any(|(input, code)| *input == case.name && *code == exit),
            "README lacks the row `| {} | … | {exit} |`",
            case.name
        );
    }
    for (input, _) in &rows {
        assert!(CASES.iter().any(|c| c.name == input), "the README's row `{input}` has no case here");
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs made by the test

const GOOD_YAML: &str = "metadata: {title: A good transcript}\nspeakers: [{id: ann, name: Ann Lee}]\n\
                         body: [{type: turn, speaker: ann, paragraphs: [Good morning.]}]\n";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

fn with_bom(fixture_name: &str) -> Vec<u8> {
    [b"\xef\xbb\xbf".as_slice(), &fixture(fixture_name)].concat()
}

fn with_bom_text(text: &str) -> Vec<u8> {
    [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat()
}

/// A model file saved as Latin-1 by mistake: `é` is the single byte 0xE9.
fn latin1_json() -> Vec<u8> {
    let mut bytes = b"{\n  \"metadata\": {\"title\": \"Caf".to_vec();
    assert_eq!(bytes.len(), 30);
    bytes.extend_from_slice(b"\xe9 notes\"},\n  \"speakers\": [], \"body\": []\n}\n");
    bytes
}

/// The good transcript under another title.
fn titled(title: &str) -> Vec<u8> {
    let mut doc: serde_json::Value = serde_json::from_slice(&fixture("good.json")).unwrap();
    doc["metadata"]["title"] = title.into();
    serde_json::to_vec_pretty(&doc).unwrap()
}

/// One turn whose single paragraph is 10 MB of words (deterministic).
fn paragraph_10_mb() -> Vec<u8> {
    let words = ["the", "minister", "said", "industry", "and", "information", "technology", "grew", "in", "first", "half"];
    let mut paragraph = String::with_capacity(10_000_100);
    let mut state: u32 = 7;
    while paragraph.len() < 10_000_000 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        paragraph.push_str(words[(state >> 16) as usize % words.len()]);
        paragraph.push(' ');
    }
    let doc = serde_json::json!({
        "metadata": {"title": "One long paragraph"},
        "speakers": [{"id": "ann", "name": "Ann Lee"}],
        "body": [{"type": "turn", "speaker": "ann", "paragraphs": [paragraph.trim_end()]}]
    });
    serde_json::to_vec(&doc).unwrap()
}

/// 100,000 short turns, two speakers taking turns.
fn turns_100k() -> Vec<u8> {
    let body: Vec<serde_json::Value> = (0..100_000)
        .map(|i| {
            serde_json::json!({"type": "turn", "speaker": if i % 2 == 0 { "ann" } else { "bo" }, "paragraphs": [format!("Turn {i} says a few words.")]})
        })
        .collect();
    let doc = serde_json::json!({
        "metadata": {"title": "A hundred thousand turns"},
        "speakers": [{"id": "ann", "name": "Ann Lee"}, {"id": "bo", "name": "Bo Chen"}],
        "body": body
    });
    serde_json::to_vec(&doc).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Checks of outputs

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The entries of a zip (DOCX, EPUB) as (name, bytes).
fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// Every XML part of a zip parses as XML 1.0 (roxmltree rejects the control characters it forbids).
fn assert_xml_parts_parse(path: &Path) -> usize {
    let mut parsed = 0;
    for (name, bytes) in zip_entries(path) {
        if [".xml", ".xhtml", ".opf", ".rels"].iter().any(|ext| name.ends_with(ext)) {
            let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
            let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
            roxmltree::Document::parse_with_options(&text, options)
                .unwrap_or_else(|e| panic!("{}: {name} is not XML: {e}", path.display()));
            parsed += 1;
        }
    }
    parsed
}

fn control_characters_leave_valid_files(dir: &Path) {
    let out = dir.join("out");
    let docx = out.join("control-characters.docx");
    assert!(assert_xml_parts_parse(&docx) >= 5);
    let document = zip_entries(&docx).into_iter().find(|(n, _)| n == "word/document.xml").expect("word/document.xml").1;
    let document = String::from_utf8(document).unwrap();
    for kept in ["NUL here, escape[31m there, DEL and C1 too.", "Clean words stay.", "Ann Lee"] {
        assert!(document.contains(kept), "document.xml lacks `{kept}`");
    }
    let epub = out.join("control-characters.epub");
    assert!(assert_xml_parts_parse(&epub) >= 4);
    if let Ok(jar) = std::env::var("EPUBCHECK_JAR") {
        let check = Command::new("java").args(["-jar", &jar, "--failonwarnings"]).arg(&epub).output().expect("java runs EPUBCheck");
        let report = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
        assert!(check.status.success() && report.contains("0 errors / 0 warnings"), "EPUBCheck:\n{report}");
    } else {
        eprintln!("EPUBCHECK_JAR is not set (tests/run sets it): the EPUB was parsed as XML but not run through EPUBCheck");
    }
    let txt = read_text(&out.join("control-characters.txt"));
    assert!(
        !txt.chars().any(|c| c.is_control() && c != '\n'),
        "the TXT holds a control character (a form feed would be a false page break)"
    );
    assert!(txt.contains("Ann Lee: NUL here, escape[31m there, DEL and C1 too.") && txt.contains("[Formfeed]"), "{txt}");
    let pdf = pdftotext(&out.join("control-characters.pdf"));
    assert_eq!(pdf.matches('\u{c}').count(), 1, "one page, ended by pdftotext's form feed");
}

fn ten_mb_paragraph_keeps_every_word(dir: &Path) {
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("paragraph-10mb.json")).unwrap()).unwrap();
    let paragraph = model["body"][0]["paragraphs"][0].as_str().unwrap();
    let txt = read_text(&dir.join("out/paragraph-10mb.txt"));
    let model_words = common::words(paragraph);
    common::assert_in_order(&model_words, &common::words(&txt), "the TXT of the 10 MB paragraph");
    let pages = txt.matches('\u{c}').count() + 1;
    let info = Command::new("pdfinfo").arg(dir.join("out/paragraph-10mb.pdf")).output().expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(&format!(" {pages}"))),
        "the PDF has the TXT's {pages} pages:\n{info}"
    );
}

fn every_turn_of_100k_is_there(dir: &Path) {
    let txt = read_text(&dir.join("out/turns-100k.txt"));
    assert_eq!(txt.matches("Ann Lee: Turn ").count(), 50_000);
    assert_eq!(txt.matches("Bo Chen: Turn ").count(), 50_000);
    assert!(txt.contains("Bo Chen: Turn 99999 says a few words."));
    let epub = zip_entries(&dir.join("out/turns-100k.epub"));
    let chapters: String =
        epub.iter().filter(|(n, _)| n.ends_with(".xhtml")).map(|(_, b)| String::from_utf8_lossy(b).into_owned()).collect();
    assert_eq!(chapters.matches("Turn ").count(), 100_000, "every turn is in the EPUB");
}

// ---------------------------------------------------------------------------------------------
// Inputs that need the machine's help

/// Runs `script` with `sh` in a private mount namespace (so its mounts vanish with it), with
/// `$BIN` the verbatim binary and `$DIR` the work folder; `None` when this machine does not
/// allow it (not root, or in a container without the capability).
fn in_mount_namespace(dir: &Path, script: &str) -> Option<Output> {
    let probe = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\""])
        .arg(dir)
        .output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            eprintln!("skipped: cannot mount a tmpfs in a private mount namespace: {}", String::from_utf8_lossy(&out.stderr).trim());
            return None;
        }
        Err(e) => {
            eprintln!("skipped: cannot run unshare: {e}");
            return None;
        }
    }
    let output = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", script])
        .current_dir(dir)
        .env("BIN", env!("CARGO_BIN_EXE_verbatim"))
        .env("DIR", dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    Some(output)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn an_unwritable_output_folder_fails_each_input_and_leaves_nothing() {
    let work = work_folder();
    let dir = work.path();
    std::fs::copy(dir.join("good.json"), dir.join("second.json")).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let expect = |code: Option<i32>, stderr: &str, listing: &[String]| {
        assert_eq!(code, Some(1), "{stderr}");
        let denied = |l: &str| l.ends_with("Permission denied (os error 13)") || l.ends_with("Read-only file system (os error 30)");
        for input in ["good", "second"] {
            let prefix = format!("error: {input}.json: cannot write out/{input}.txt: ");
            assert!(stderr.lines().any(|l| l.starts_with(&prefix) && denied(l)), "{stderr}");
        }
        assert!(stderr.contains("converted 0 of 2 inputs, 2 failed"), "{stderr}");
        assert!(listing.is_empty(), "left in the folder: {listing:?}");
    };
    if !is_root() {
        let set_mode = |mode: u32| {
            let mut permissions = std::fs::metadata(dir.join("out")).unwrap().permissions();
            std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, mode);
            std::fs::set_permissions(dir.join("out"), permissions).unwrap();
        };
        set_mode(0o555);
        let (output, _) = verbatim(dir, &["convert", "good.json", "second.json", "--out-dir", "out"], None);
        set_mode(0o755);
        expect(output.status.code(), &String::from_utf8_lossy(&output.stderr), &names(&dir.join("out")));
        return;
    }
    // Root writes into a folder whatever its mode says; a read-only mount stops it.
    let script = "mount -t tmpfs -o ro,size=64k tmpfs out || exit 99\n\
                  \"$BIN\" convert good.json second.json --out-dir out; code=$?\n\
                  echo '--- listing'; ls -A out; exit $code";
    let Some(output) = in_mount_namespace(dir, script) else { return };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let listing: Vec<String> = stdout.split("--- listing\n").nth(1).unwrap_or_default().lines().map(str::to_string).collect();
    expect(output.status.code(), &String::from_utf8_lossy(&output.stderr), &listing);
}

#[test]
fn a_full_disk_fails_the_input_that_does_not_fit_names_the_file_and_the_others_are_written() {
    let work = work_folder();
    let dir = work.path();
    // A transcript whose PDF alone is far bigger than the disk.
    let body: Vec<serde_json::Value> = (0..3000)
        .map(|i| serde_json::json!({"type": "turn", "speaker": "ann", "paragraphs": [format!("Paragraph {i} is long enough to fill a line or two of the page.")]}))
        .collect();
    let big = serde_json::json!({"metadata": {"title": "Too big"}, "speakers": [{"id": "ann", "name": "Ann Lee"}], "body": body});
    std::fs::write(dir.join("big.json"), serde_json::to_vec(&big).unwrap()).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let script = "mount -t tmpfs -o size=128k tmpfs out || exit 99\n\
                  \"$BIN\" convert big.json good.json --to txt,pdf --jobs 1 --out-dir out; code=$?\n\
                  echo '--- listing'; ls -A out; exit $code";
    let Some(output) = in_mount_namespace(dir, script) else { return };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("error: big.json: cannot write out/big.") && l.ends_with("No space left on device (os error 28)")),
        "{stderr}"
    );
    assert!(stderr.contains("converted 1 of 2 inputs, 1 failed"), "{stderr}");
    let listing: Vec<&str> = stdout.split("--- listing\n").nth(1).unwrap_or_default().lines().collect();
    assert_eq!(listing, ["good.pdf", "good.txt"], "only the input that fits is written, and no temporary file is left");
}

#[test]
fn emoji_and_right_to_left_text_come_from_fallback_fonts_when_the_system_has_them() {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if !dejavu.exists() {
        eprintln!("skipped: {} is not installed (Debian's fonts-dejavu-core)", dejavu.display());
        return;
    }
    let work = work_folder();
    let dir = work.path();
    let (output, _) = verbatim(
        dir,
        &["convert", "emoji-rtl.json", "--out-dir", "out", "--no-system-fonts", "--font-path", dejavu.to_str().unwrap(), "--quiet"],
        None,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "warning: emoji-rtl.json: pdf: right-to-left text is drawn left to right, its letters unjoined: body[0], body[1]"
    );
    let fonts = Command::new("pdffonts").arg(dir.join("out/emoji-rtl.pdf")).output().unwrap();
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("DejaVuSans"), "the fallback font is embedded");
    let text = pdftotext(&dir.join("out/emoji-rtl.pdf"));
    for emoji in ["😀", "✓"] {
        assert!(text.contains(emoji), "{emoji} is drawn: {text}");
    }
}
