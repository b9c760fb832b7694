//! Integration tests of the `verbatim` command line: exit codes, and error messages that name
//! the file and the place. Each test works in its own temporary folder.

mod common;

use common::work::{Work, stderr, stdout};
use serde_json::{Value, json};
use std::path::Path;

const SCIO: &str = "scio-briefing-2021-07-16";
const SENATE: &str = "senate-hearing-2024-03-12";
const PODCAST: &str = "podcast-interview-2025-09-04";
const SAMPLES: [&str; 3] = [PODCAST, SCIO, SENATE];
const TEMPLATE_FILES: [&str; 5] = ["label.hbs", "note.hbs", "header.hbs", "footer.hbs", "title-block.hbs"];

/// Absolute path of `samples/<stem>.json`.
fn sample(stem: &str) -> String {
    format!("{}/samples/{stem}.json", env!("CARGO_MANIFEST_DIR"))
}

/// The smallest valid transcript: one speaker `a`, one turn.
fn minimal() -> Value {
    json!({
        "schema_version": 1,
        "metadata": {"title": "Minimal"},
        "speakers": [{"id": "a", "name": "Alice"}],
        "body": [{"type": "turn", "speaker": "a", "paragraphs": ["Hello."]}]
    })
}

/// 1-based line and column (in characters) of byte `index` of `text`.
fn line_col(text: &str, index: usize) -> (usize, usize) {
    let before = &text[..index];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// Panics unless one line of `text` contains every one of `parts`.
#[track_caller]
fn assert_line(text: &str, parts: &[&str]) {
    assert!(text.lines().any(|line| parts.iter().all(|p| line.contains(p))), "no line contains all of {parts:?} in:\n{text}");
}

/// What the command-line tests do in a [`Work`] folder beyond the shared helpers.
trait CliWork {
    fn write_json<'a>(&self, rel: &'a str, value: &Value) -> &'a str;

    /// Converts `input` to txt in `out` with `layout`, expecting success; the txt's bytes.
    fn convert_txt(&self, input: &str, layout: &str, out: &str) -> Vec<u8>;

    /// `verbatim check FILE`, expecting exit 1; its stderr.
    fn check_fails(&self, file: &str) -> String;

    /// A layout folder `name` holding `files` (paths inside the layout).
    fn layout<'a>(&self, name: &'a str, files: &[(&str, &str)]) -> &'a str;

    /// Converts the SCIO sample with `layout`, expecting a layout error (exit 2); its stderr.
    fn layout_fails(&self, layout: &str) -> String;
}

impl CliWork for Work {
    fn write_json<'a>(&self, rel: &'a str, value: &Value) -> &'a str {
        self.write(rel, serde_json::to_string_pretty(value).unwrap())
    }

    fn convert_txt(&self, input: &str, layout: &str, out: &str) -> Vec<u8> {
        self.run(["convert", input, "--to", "txt", "--layout", layout, "--out-dir", out]).code(0);
        let stem = Path::new(input).file_stem().unwrap().to_str().unwrap();
        self.read(&format!("{out}/{stem}.txt"))
    }

    fn check_fails(&self, file: &str) -> String {
        stderr(&self.run(["check", file]).code(1))
    }

    fn layout<'a>(&self, name: &'a str, files: &[(&str, &str)]) -> &'a str {
        std::fs::create_dir_all(self.path(name)).unwrap();
        for (rel, contents) in files {
            self.write(&format!("{name}/{rel}"), contents);
        }
        name
    }

    fn layout_fails(&self, layout: &str) -> String {
        let a = self.run(["convert", &sample(SCIO), "--to", "txt", "--layout", layout, "--out-dir", "out"]).code(2);
        assert!(!self.exists(&format!("out/{SCIO}.txt")), "nothing is written with a broken layout");
        stderr(&a)
    }
}

// ---------------------------------------------------------------------------------------------
// verbatim check

#[test]
fn check_accepts_every_sample() {
    let w = Work::new();
    let files: Vec<String> = SAMPLES.iter().map(|s| sample(s)).collect();
    let a = w.run(std::iter::once("check".to_string()).chain(files.iter().cloned())).code(0);
    let out = stdout(&a);
    for file in &files {
        assert_line(&out, &[&format!("ok: {file}")]);
    }
    assert_eq!(stderr(&a), "");
}

#[test]
fn check_fails_when_any_file_is_invalid() {
    let w = Work::new();
    let good = w.write_json("good.json", &minimal());
    let mut empty = minimal();
    empty["body"] = json!([]);
    let bad = w.write_json("bad.json", &empty);
    let a = w.run(["check", good, bad]).code(1);
    assert_line(&stdout(&a), &["ok: good.json"]);
    assert!(!stdout(&a).contains("bad.json"));
    assert_line(&stderr(&a), &["error: bad.json: "]);
    assert!(!stderr(&a).contains("good.json"));
}

#[test]
fn check_suggests_the_declared_speaker_for_a_misspelt_id() {
    let w = Work::new();
    let mut doc: Value = serde_json::from_slice(&std::fs::read(sample(SCIO)).unwrap()).unwrap();
    let index = doc["body"].as_array().unwrap().iter().position(|b| b["speaker"] == "huang_libin").unwrap();
    doc["body"][index]["speaker"] = json!("huang_libn");
    let file = w.write_json("typo.json", &doc);
    let err = w.check_fails(file);
    assert_line(&err, &["error: typo.json: ", &format!("body[{index}].speaker"), "did you mean `huang_libin`"]);
}

#[test]
fn check_reports_every_problem_of_a_file_at_once() {
    let w = Work::new();
    let doc = json!({
        "speakers": [{"id": "a", "name": "Alice"}, {"id": "a", "name": "Again"}],
        "body": [
            {"type": "turn", "speaker": "a", "paragraphs": ["Fine."]},
            {"type": "turn", "speakr": "a", "paragraphs": ["Misspelt field."]},
            {"type": "turn", "speaker": "a", "paragraphs": [""]}
        ]
    });
    let err = w.check_fails(w.write_json("many.json", &doc));
    assert_line(&err, &["error: many.json: body[1].speakr: ", "unknown field", "did you mean `speaker`"]);
    assert_line(&err, &["error: many.json: speakers[1].id: ", "duplicate"]);
    assert_line(&err, &["error: many.json: body[2].paragraphs[0]: ", "empty"]);
    assert_line(&err, &["error: many.json: metadata: ", "missing"]);
    assert_eq!(err.lines().filter(|l| l.starts_with("error: many.json: ")).count(), 4, "{err}");
}

#[test]
fn check_json_syntax_error_names_line_and_column() {
    let w = Work::new();
    let text = "{\n  \"metadata\": {\"title\": \"T\"},\n  \"body\": [@]\n}\n";
    let (line, column) = line_col(text, text.find('@').unwrap());
    assert_eq!((line, column), (3, 12), "the test input itself");
    let err = w.check_fails(w.write("syntax.json", text));
    assert_line(&err, &[&format!("error: syntax.json:{line}:{column}: ")]);
}

#[test]
fn check_json_syntax_error_column_counts_characters() {
    let w = Work::new();
    let text = "{\"metadata\": {\"title\": \"Hélène Wróbel\"} @}\n";
    let (line, column) = line_col(text, text.find('@').unwrap());
    let err = w.check_fails(w.write("accents.json", text));
    assert_line(&err, &[&format!("error: accents.json:{line}:{column}: ")]);
}

#[test]
fn check_reads_yaml() {
    let w = Work::new();
    let yaml =
        "metadata:\n  title: T\nspeakers:\n  - id: a\n    name: Alice\nbody:\n  - type: turn\n    speaker: a\n    paragraphs: [Hello.]\n";
    w.write("t.yml", yaml);
    let a = w.run(["check", w.write("t.yaml", yaml), "t.yml"]).code(0);
    assert_line(&stdout(&a), &["ok: t.yaml"]);
    assert_line(&stdout(&a), &["ok: t.yml"]);
}

#[test]
fn check_yaml_syntax_error_names_line_and_column() {
    let w = Work::new();
    let text = "metadata:\n  title: T\nbody:\n  - type: turn\n   oops: a\n";
    let (line, column) = line_col(text, text.find("oops").unwrap());
    assert_eq!((line, column), (5, 4), "the test input itself");
    let err = w.check_fails(w.write("syntax.yaml", text));
    assert_line(&err, &[&format!("error: syntax.yaml:{line}:{column}: ")]);
}

#[test]
fn check_suggests_turn_for_an_unknown_block_type() {
    let w = Work::new();
    let mut doc = minimal();
    doc["body"][0]["type"] = json!("turns");
    let err = w.check_fails(w.write_json("type.json", &doc));
    assert_line(&err, &["error: type.json: body[0].type: ", "`turns`", "did you mean `turn`"]);
}

#[test]
fn check_names_the_byte_offset_of_invalid_utf8() {
    let w = Work::new();
    let mut bytes = br#"{"metadata": {"title": "caf"#.to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xe9\"}}");
    let err = w.check_fails(w.write("latin1.json", &bytes));
    assert_line(&err, &["error: latin1.json: ", "UTF-8", &format!("byte offset {offset}")]);
}

#[test]
fn check_reads_json_from_stdin() {
    let w = Work::new();
    let a = w.cmd(["check", "-"]).write_stdin(minimal().to_string()).assert().code(0);
    assert_line(&stdout(&a), &["ok: -"]);
    let mut bad = minimal();
    bad["body"][0]["speaker"] = json!("b");
    let a = w.cmd(["check", "-"]).write_stdin(bad.to_string()).assert().code(1);
    assert_line(&stderr(&a), &["error: -: body[0].speaker: "]);
}

#[test]
fn check_accepts_a_byte_order_mark() {
    let w = Work::new();
    let with_bom = |text: String| [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
    w.write("bom.json", with_bom(serde_json::to_string_pretty(&minimal()).unwrap()));
    w.write(
        "bom.yaml",
        with_bom("metadata: {title: T}\nspeakers: [{id: a, name: A}]\nbody: [{type: turn, speaker: a, paragraphs: [Hi.]}]\n".into()),
    );
    let a = w.run(["check", "bom.json", "bom.yaml"]).code(0);
    assert_line(&stdout(&a), &["ok: bom.json"]);
    assert_line(&stdout(&a), &["ok: bom.yaml"]);
}

#[test]
fn check_rejects_an_unsupported_extension() {
    let w = Work::new();
    let err = w.check_fails(w.write("notes.txt", minimal().to_string()));
    assert_line(&err, &["error: notes.txt: ", ".json"]);
}

#[test]
fn check_rejects_an_empty_body() {
    let w = Work::new();
    let mut doc = minimal();
    doc["body"] = json!([]);
    let err = w.check_fails(w.write_json("empty.json", &doc));
    assert_line(&err, &["error: empty.json: body: ", "empty"]);
}

// ---------------------------------------------------------------------------------------------
// verbatim schema, formats

#[test]
fn schema_prints_the_model_as_json_schema() {
    let w = Work::new();
    let a = w.run(["schema"]).code(0);
    let schema: Value = serde_json::from_str(&stdout(&a)).expect("schema output is JSON");
    for key in ["metadata", "speakers", "body"] {
        assert!(schema["properties"].get(key).is_some(), "properties lack `{key}`: {schema}");
    }
}

#[test]
fn schema_into_a_closed_pipe_does_not_panic() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .arg("schema")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(output.status.code(), Some(0), "{err}");
}

#[test]
fn formats_lists_txt() {
    let a = Work::new().run(["formats"]).code(0);
    assert!(stdout(&a).lines().any(|l| l.split_whitespace().next() == Some("txt")), "{}", stdout(&a));
}

// ---------------------------------------------------------------------------------------------
// verbatim convert

#[test]
fn convert_writes_one_txt_per_input_with_form_feeds_between_pages() {
    let w = Work::new();
    let mut args = vec!["convert".to_string(), w.write_json("minimal.json", &minimal()).to_string()];
    args.extend(SAMPLES.iter().map(|s| sample(s)));
    args.extend(["--to", "txt", "--out-dir", "out"].map(String::from));
    let out = stdout(&w.run(&args).code(0));
    let mut page_counts = Vec::new();
    for stem in ["minimal"].into_iter().chain(SAMPLES) {
        let target = format!("out/{stem}.txt");
        let line = out.lines().find(|l| l.contains(&target)).unwrap_or_else(|| panic!("no report of {target}:\n{out}"));
        let pages: usize = line.rsplit_once('(').unwrap().1.split(' ').next().unwrap().parse().unwrap();
        let text = w.text(&target);
        assert_eq!(text.matches('\u{c}').count(), pages - 1, "{target}: {pages} pages");
        assert!(!text.starts_with('\u{c}') && !text.trim_end().ends_with('\u{c}'), "{target}: form feeds only between pages");
        page_counts.push(pages);
    }
    assert!(page_counts.contains(&1) && page_counts.iter().any(|&n| n > 1), "both cases are exercised: {page_counts:?}");
}

#[test]
fn convert_writes_the_valid_inputs_and_reports_the_invalid_one() {
    let w = Work::new();
    let good = w.write_json("good.json", &minimal());
    let mut doc = minimal();
    doc["body"][0]["speaker"] = json!("nobody");
    let bad = w.write_json("bad.json", &doc);
    let scio = sample(SCIO);
    let a = w.run(["convert", good, bad, &scio, "--to", "txt", "--out-dir", "out"]).code(1);
    assert!(w.exists("out/good.txt") && w.exists(&format!("out/{SCIO}.txt")), "the valid inputs are written");
    assert!(!w.exists("out/bad.txt"), "the invalid input has no output");
    assert_line(&stderr(&a), &["error: bad.json: ", "body[0].speaker"]);
    let names: Vec<String> = std::fs::read_dir(w.path("out")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.starts_with(".verbatim-")), "temporary files left: {names:?}");
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn convert_rejects_an_unknown_format() {
    let w = Work::new();
    let input = w.write_json("t.json", &minimal());
    let a = w.run(["convert", input, "--to", "txt,pfd", "--out-dir", "out"]).code(2);
    assert_line(&stderr(&a), &["error: ", "`pfd`", "`txt`"]);
    let a = w.run(["convert", input, "--to", "txtt", "--out-dir", "out"]).code(2);
    assert_line(&stderr(&a), &["error: ", "`txtt`", "did you mean `txt`"]);
    assert!(!w.exists("out"), "nothing is written on a usage error");
}

#[test]
fn convert_rejects_an_unknown_layout() {
    let w = Work::new();
    let input = w.write_json("t.json", &minimal());
    let a = w.run(["convert", input, "--to", "txt", "--layout", "lettre", "--out-dir", "out"]).code(2);
    assert_line(&stderr(&a), &["error: ", "`lettre`"]);
    assert!(!w.exists("out/t.txt"));
}

#[test]
fn convert_refuses_to_overwrite_an_output_of_the_same_run() {
    let w = Work::new();
    let mut first = minimal();
    first["metadata"]["title"] = json!("First Of Two");
    let mut second = minimal();
    second["metadata"]["title"] = json!("Second Of Two");
    let a = w.run(["convert", w.write_json("a/x.json", &first), w.write_json("b/x.json", &second), "--to", "txt", "--out-dir", "out"]);
    let a = a.code(1);
    assert_line(&stderr(&a), &["error: b/x.json: ", "overwrite", "out/x.txt"]);
    let text = w.text("out/x.txt");
    assert!(text.contains("First Of Two") && !text.contains("Second Of Two"), "{text}");
}

#[test]
fn convert_fails_when_the_output_folder_cannot_be_created() {
    let w = Work::new();
    let input = w.write_json("t.json", &minimal());
    w.write("plain-file", "not a folder");
    let a = w.run(["convert", input, "--to", "txt", "--out-dir", "plain-file/out"]).code(2);
    assert_line(&stderr(&a), &["error: plain-file/out"]);
}

#[test]
fn convert_letter_layout_upper_cases_speaker_labels() {
    let w = Work::new();
    let default = String::from_utf8(w.convert_txt(&sample(SCIO), "default", "default")).unwrap();
    let letter = String::from_utf8(w.convert_txt(&sample(SCIO), "letter", "letter")).unwrap();
    assert!(default.contains("Huang Libin:") && !default.contains("HUANG LIBIN:"), "{default}");
    assert!(letter.contains("HUANG LIBIN:") && !letter.contains("Huang Libin:"), "{letter}");
}

#[test]
fn convert_stdin_is_named_stdin() {
    let w = Work::new();
    w.cmd(["convert", "-", "--to", "txt", "--out-dir", "out"]).write_stdin(minimal().to_string()).assert().code(0);
    assert!(w.text("out/stdin.txt").contains("Alice: Hello."));
}

#[test]
fn convert_is_deterministic_and_ignores_source_date_epoch() {
    let w = Work::new();
    let input = sample(PODCAST);
    let plain = w.convert_txt(&input, "default", "one");
    assert_eq!(w.convert_txt(&input, "default", "two"), plain, "converting twice gives the same bytes");
    for epoch in ["0", "1700000000"] {
        w.cmd(["convert", &input, "--to", "txt", "--out-dir", epoch]).env("SOURCE_DATE_EPOCH", epoch).assert().code(0);
        assert_eq!(w.read(&format!("{epoch}/{PODCAST}.txt")), plain, "SOURCE_DATE_EPOCH={epoch}");
    }
}

// ---------------------------------------------------------------------------------------------
// layout errors

#[test]
fn layout_misspelt_key_suggests_the_right_one() {
    let w = Work::new();
    let err = w.layout_fails(w.layout("mine", &[("layout.toml", "[styles.turn]\nsise = 12\n")]));
    assert!(err.contains("mine/layout.toml") && err.contains("styles.turn") && err.contains("did you mean `size`"), "{err}");
}

#[test]
fn layout_negative_margin_names_the_key() {
    let w = Work::new();
    let err = w.layout_fails(w.layout("mine", &[("layout.toml", "[page.margins]\nleft = \"-5mm\"\n")]));
    assert_line(&err, &["error: ", "mine/layout.toml", "page.margins.left", "negative"]);
}

#[test]
fn layout_margins_wider_than_the_page_are_an_error() {
    let w = Work::new();
    let err = w.layout_fails(w.layout("mine", &[("layout.toml", "[page.margins]\nleft = \"150mm\"\nright = \"150mm\"\n")]));
    assert_line(&err, &["error: ", "mine/layout.toml", "page.margins"]);
}

#[test]
fn layout_template_syntax_error_names_the_template_and_line() {
    let w = Work::new();
    let err = w.layout_fails(w.layout("mine", &[("templates/label.hbs", "Speaker\n{{name}")]));
    assert_line(&err, &["error: ", "mine/templates/label.hbs", "line 2"]);
}

#[test]
fn layout_template_unknown_variable_is_a_layout_error() {
    let w = Work::new();
    let err = w.layout_fails(w.layout("mine", &[("templates/label.hbs", "{{nme}}:")]));
    assert_line(&err, &["error: ", "mine/templates/label.hbs", "nme"]);
}

#[test]
fn layout_stray_template_file_suggests_the_right_name() {
    let w = Work::new();
    let err = w.layout_fails(w.layout("mine", &[("templates/labl.hbs", "{{name}}:")]));
    assert_line(&err, &["error: ", "mine/templates/labl.hbs", "did you mean label.hbs"]);
}

#[test]
fn layout_directory_overrides_one_template_and_inherits_the_rest() {
    let w = Work::new();
    let layout = w.layout("mine", &[("templates/label.hbs", "[{{id}}]")]);
    let text = String::from_utf8(w.convert_txt(&sample(SCIO), layout, "out")).unwrap();
    assert!(text.contains("[huang_libin] ") && !text.contains("Huang Libin:"), "{text}");
    // The rest is the default layout's: its title block date format and its footer.
    assert!(text.contains("16 July 2021, Beijing") && text.contains("Page 1 of "), "{text}");
}

// ---------------------------------------------------------------------------------------------
// verbatim layouts

#[test]
fn layouts_list_names_the_builtins() {
    let out = stdout(&Work::new().run(["layouts", "list"]).code(0));
    for name in ["default", "letter"] {
        assert!(out.lines().any(|l| l.split_whitespace().next() == Some(name)), "{name} missing:\n{out}");
    }
}

#[test]
fn layouts_show_prints_the_effective_settings() {
    let w = Work::new();
    assert_line(&stdout(&w.run(["layouts", "show", "letter"]).code(0)), &["Letter"]);
    assert_line(&stderr(&w.run(["layouts", "show", "lettre"]).code(2)), &["error: ", "`lettre`"]);
}

#[test]
fn layouts_eject_writes_a_layout_that_converts_like_the_builtin() {
    let w = Work::new();
    w.run(["layouts", "eject", "default", "ejected"]).code(0);
    assert!(w.exists("ejected/layout.toml"));
    for file in TEMPLATE_FILES {
        assert!(w.exists(&format!("ejected/templates/{file}")), "{file} not ejected");
    }
    assert_line(&stderr(&w.run(["layouts", "eject", "default", "ejected"]).code(2)), &["error: ", "ejected/", "--force"]);
    w.run(["layouts", "eject", "default", "ejected", "--force"]).code(0);
    let input = sample(SENATE);
    assert_eq!(w.convert_txt(&input, "ejected", "mine"), w.convert_txt(&input, "default", "builtin"));
}

// ---------------------------------------------------------------------------------------------
// usage

#[test]
fn bad_usage_exits_2() {
    let w = Work::new();
    let cases: [&[&str]; 5] = [&[], &["--bogus"], &["check"], &["convert", "x.json", "--bogus"], &["frobnicate"]];
    for args in cases {
        let a = w.run(args).code(2);
        assert!(!stderr(&a).is_empty(), "{args:?}: usage errors explain themselves");
    }
}

// ---------------------------------------------------------------------------------------------
// verbatim convert: many inputs, jobs and the report

#[test]
fn convert_in_parallel_gives_the_bytes_of_one_job_and_a_report_of_every_input() {
    let w = Work::new();
    let mut broken = minimal();
    broken["body"][0]["speaker"] = "nobody".into();
    w.write_json("in/broken.json", &broken);
    let samples: Vec<String> = ["podcast-interview-2025-09-04", "scio-briefing-2021-07-16", "senate-hearing-2024-03-12"]
        .iter()
        .map(|s| {
            let rel = format!("in/{s}.json");
            w.write(&rel, std::fs::read(sample(s)).unwrap());
            rel
        })
        .collect();
    let mut args: Vec<String> = vec!["convert".into(), "in/broken.json".into()];
    args.extend(samples.iter().cloned());
    let parallel =
        w.run(args.iter().chain(&["-o".into(), "two".into(), "--jobs".into(), "2".into(), "--report".into(), "r.json".into()])).code(1);
    w.run(args.iter().chain(&["-o".into(), "one".into(), "--jobs".into(), "1".into()])).code(1);
    assert_line(&stderr(&parallel), &["error: ", "in/broken.json", "body[0].speaker"]);
    let mut written: Vec<String> =
        std::fs::read_dir(w.path("two")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    assert_eq!(written.len(), 12, "four formats of three samples: {written:?}");
    for name in &written {
        assert!(w.read(&format!("two/{name}")) == w.read(&format!("one/{name}")), "{name} depends on --jobs");
    }
    let report: Value = serde_json::from_str(&w.text("r.json")).unwrap();
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 4);
    assert_eq!(inputs[0]["input"], "in/broken.json");
    assert_eq!(inputs[0]["status"], "failed");
    assert!(inputs[0]["errors"][0].as_str().unwrap().contains("unknown speaker id `nobody`"));
    for entry in &inputs[1..] {
        assert_eq!(entry["status"], "written");
        assert_eq!(entry["outputs"].as_array().unwrap().len(), 4);
        assert!(entry["pages"].as_u64().unwrap() >= 2 && entry["words"].as_u64().unwrap() > 500, "{entry}");
    }
    assert_eq!((report["written"].as_u64(), report["failed"].as_u64()), (Some(3), Some(1)));
}

// ---------------------------------------------------------------------------------------------
// verbatim completions, verbatim man

#[test]
fn completions_for_bash_offer_the_commands_and_their_flags() {
    let w = Work::new();
    let script = stdout(&w.run(["completions", "bash"]).code(0));
    assert!(script.contains("complete ") && script.contains("verbatim"), "not a bash completion script:\n{script}");
    assert!(script.contains("convert") && script.contains("--to") && script.contains("--shard"), "{script}");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(stdout(&w.run(["completions", shell]).code(0)).contains("manifest"), "{shell}");
    }
    assert_line(&stderr(&w.run(["completions", "tcsh"]).code(2)), &["tcsh"]);
}

#[test]
fn man_prints_a_roff_page_naming_every_command() {
    let w = Work::new();
    let page = stdout(&w.run(["man"]).code(0));
    assert!(page.lines().any(|l| l.starts_with(".TH verbatim 1")), "no .TH line:\n{page}");
    for command in ["convert", "import", "check", "schema", "formats", "layouts", "completions", "man"] {
        assert!(page.contains(&format!("verbatim\\-{command}(1)")), "`{command}` missing from:\n{page}");
    }
    let convert = stdout(&w.run(["man", "convert"]).code(0));
    assert!(convert.lines().any(|l| l.starts_with(".TH verbatim-convert 1") && l.contains("verbatim 0.")), "{convert}");
    assert!(convert.contains("\\-\\-fail\\-fast") && convert.contains("\\-\\-manifest"), "{convert}");
    assert_line(&stderr(&w.run(["man", "convrt"]).code(2)), &["error: ", "`convrt`", "did you mean `convert`"]);
}
