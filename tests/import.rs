//! `verbatim import` and raw inputs to `verbatim convert`: the seed page, the labelled
//! corpus (accuracy target, traps, every line accounted for), `--explain`, `--from`,
//! outputs and exit codes, invalid UTF-8.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use verbatim::import::{Fate, Format, ImportOptions, accuracy, import_path, import_str};
use verbatim::model::{Block, Transcript, validate};

const SEED: &str = "tests/import/corpus/scio-seed.txt";
const CORPUS: &str = "tests/import/corpus";

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn verbatim(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("verbatim").unwrap();
    cmd.current_dir(dir).env_remove("SOURCE_DATE_EPOCH");
    cmd
}

fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn err(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn turns(t: &Transcript) -> Vec<&verbatim::model::Turn> {
    t.body.iter().filter_map(|b| if let Block::Turn(t) = b { Some(t) } else { None }).collect()
}

/// Every word of the body, the speakers and their times, lower-cased.
fn output_words(t: &Transcript) -> HashSet<String> {
    let mut text = String::new();
    for s in &t.speakers {
        for part in [Some(&s.name), s.role.as_ref(), s.affiliation.as_ref()].into_iter().flatten() {
            text.push_str(part);
            text.push(' ');
        }
    }
    for b in &t.body {
        match b {
            Block::Turn(turn) => {
                text.push_str(&turn.paragraphs.join(" "));
                text.push(' ');
                text.push_str(turn.time.as_deref().unwrap_or(""));
            }
            Block::Note(n) => text.push_str(&n.text),
            Block::Heading(h) => text.push_str(&h.text),
            Block::PageBreak(_) => {}
        }
        text.push(' ');
    }
    words(&text)
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn the_seed_page_gives_four_speakers_four_turns_title_and_dates() {
    let imported = import_path(&root(SEED), &ImportOptions::default()).unwrap();
    let t = &imported.transcript;
    let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["The Paper", "Tian Yulong", "Huang Libin", "Shou Xiaoli"]);
    let speakers: Vec<&str> = turns(t).iter().map(|t| t.speaker.as_str()).collect();
    assert_eq!(speakers, ["the_paper", "tian_yulong", "huang_libin", "shou_xiaoli"]);
    assert_eq!(t.metadata.title, "SCIO briefing on China's development of industry and information technology in H1 2021");
    assert_eq!(t.metadata.date.as_ref().unwrap().as_str(), "2021-07-16");
    assert_eq!(t.metadata.publication_date.as_ref().unwrap().as_str(), "2021-07-22");
    assert_eq!(t.metadata.location.as_deref(), Some("Beijing"));
    assert_eq!(t.speaker("the_paper").unwrap().role.as_deref(), Some("reporter"));
    let body = serde_json::to_string(&t.body).unwrap();
    for chrome in ["Press Room", "ㄑ", "Press Conference Transcripts", "<  1", "11  >", "  10  "] {
        assert!(!body.contains(chrome), "`{chrome}` is in the body");
    }
    let huang = turns(t)[2];
    assert_eq!(huang.paragraphs.len(), 9, "every paragraph of Huang Libin's answer");
    assert!(validate(t).is_empty());
}

#[test]
fn the_seed_on_the_command_line_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let a = verbatim(dir.path()).args(["import", root(SEED).to_str().unwrap()]).assert().code(0);
    let json: Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(json["speakers"].as_array().unwrap().len(), 4);
    assert_eq!(json["metadata"]["date"], "2021-07-16");
    let a = verbatim(dir.path()).args(["import", "--explain", root(SEED).to_str().unwrap()]).assert().code(0);
    let text = out(&a);
    assert!(text.lines().any(|l| l.contains("breadcrumb") && l.contains("dropped") && l.contains("Press Room")), "{text}");
    assert!(text.lines().any(|l| l.contains("pagination") && l.contains("dropped")), "{text}");
    assert!(text.lines().any(|l| l.contains("name-label") && l.contains("turn: The Paper")), "{text}");
    assert!(text.contains("dropped: 2 lines"), "{text}");
    assert!(!text.contains("\"schema_version\""), "--explain alone prints no JSON");
}

#[test]
fn outputs_json_or_yaml_one_file_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root(SEED);
    let seed = seed.to_str().unwrap();
    verbatim(dir.path()).args(["import", seed, "-o", "seed.yaml"]).assert().code(0);
    verbatim(dir.path()).args(["check", "seed.yaml"]).assert().code(0);
    let vtt = root("tests/import/corpus/captions-voices.vtt");
    let a = verbatim(dir.path()).args(["import", seed, vtt.to_str().unwrap()]).assert().code(2);
    assert!(err(&a).contains("--out-dir"), "{}", err(&a));
    let a = verbatim(dir.path()).args(["import", seed, vtt.to_str().unwrap(), "--out-dir", "out"]).assert().code(0);
    assert!(out(&a).contains("4 speakers, 4 turns, 2 lines dropped"), "{}", out(&a));
    for name in ["out/scio-seed.json", "out/captions-voices.json"] {
        verbatim(dir.path()).args(["check", name]).assert().code(0);
    }
}

#[test]
fn from_overrides_detection_and_unknown_formats_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("captions.txt"), "1\n00:00:01,000 --> 00:00:02,000\nJOHN: Hello there.\n").unwrap();
    let a = verbatim(dir.path()).args(["import", "captions.txt"]).assert().code(0);
    assert!(out(&a).contains("\"time\": \"00:00:01\""), "captions in a .txt are detected: {}", out(&a));
    let a = verbatim(dir.path()).args(["import", "captions.txt", "--from", "text"]).assert().code(0);
    assert!(!out(&a).contains("\"time\""), "read as text, the timing is text: {}", out(&a));
    let a = verbatim(dir.path()).args(["import", "captions.txt", "--from", "vtx"]).assert().code(2);
    assert!(err(&a).contains("did you mean `vtt`"), "{}", err(&a));
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"Tian Yulong:\n\nThank y\xffou.\n").unwrap();
    std::fs::write(dir.path().join("good.txt"), "Tian Yulong:\n\nThank you.\n").unwrap();
    let a = verbatim(dir.path()).args(["import", "bad.txt", "good.txt", "--out-dir", "out"]).assert().code(1);
    assert!(err(&a).contains("error: bad.txt: not UTF-8: invalid byte sequence at byte offset 21"), "{}", err(&a));
    assert!(dir.path().join("out/good.json").exists());
    assert!(!dir.path().join("out/bad.json").exists());
}

#[test]
fn convert_writes_every_format_from_a_vtt_file_and_from_raw_text() {
    let dir = tempfile::tempdir().unwrap();
    let formats = out(&verbatim(dir.path()).arg("formats").assert().code(0));
    let extensions: Vec<String> =
        formats.lines().filter_map(|l| l.split_whitespace().nth(1)).map(|e| e.trim_start_matches('.').to_string()).collect();
    assert!(extensions.len() >= 2, "{formats}");
    for input in ["tests/import/corpus/captions-voices.vtt", SEED] {
        let path = root(input);
        verbatim(dir.path())
            .args(["convert", path.to_str().unwrap(), "--out-dir", "out", "--no-system-fonts", "--allow-missing-glyphs"])
            .assert()
            .code(0);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        for ext in &extensions {
            let file = dir.path().join(format!("out/{stem}.{ext}"));
            assert!(std::fs::metadata(&file).map(|m| m.len() > 0).unwrap_or(false), "{} is missing", file.display());
        }
    }
    let txt = std::fs::read_to_string(dir.path().join("out/captions-voices.txt")).unwrap();
    assert!(txt.contains("Mayor Lin") && txt.contains("Item one & item two"), "{txt}");
}

#[test]
fn the_corpus_meets_the_accuracy_target_with_no_trap_a_speaker() {
    let results = accuracy::run(&root(CORPUS)).unwrap();
    assert!(results.len() >= 15, "at least 15 labelled transcripts");
    let report = accuracy::render(&results);
    let totals = accuracy::totals(&results);
    assert_eq!(totals.failed, 0, "{report}");
    assert_eq!(totals.traps_hit, 0, "{report}");
    assert!(totals.accuracy() >= accuracy::TARGET, "{report}");
    // The command prints the same and exits 0.
    let dir = tempfile::tempdir().unwrap();
    let a = verbatim(dir.path()).args(["import", "--accuracy", root(CORPUS).to_str().unwrap()]).assert().code(0);
    assert!(out(&a).contains("PASS") && out(&a).contains("scio-seed.txt"), "{}", out(&a));
}

#[test]
fn every_corpus_transcript_is_valid_and_keeps_every_word_it_does_not_drop() {
    for (path, _) in accuracy::run(&root(CORPUS)).unwrap() {
        let imported = import_path(&path, &ImportOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(validate(&imported.transcript).is_empty(), "{}", path.display());
        if !matches!(imported.format, Format::Text | Format::Markdown) {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).replace('\u{c}', "\n");
        let lines: Vec<&str> = text.lines().collect();
        let have = output_words(&imported.transcript);
        let kept: HashSet<usize> = imported.explanation.entries.iter().filter(|e| e.fate == Fate::Kept).map(|e| e.line).collect();
        for n in kept {
            let line = lines[n - 1];
            for w in words(line) {
                // Margin line numbers and the words of a label's time are not body words.
                let number = w.chars().all(|c| c.is_ascii_digit());
                assert!(number || have.contains(&w), "{}:{n}: `{w}` of `{line}` is not in the transcript", path.display());
            }
        }
    }
}

#[test]
fn trap_lines_never_become_speakers() {
    let text = "Daily briefing\n\nDate: July 16, 2021\nNote: Edited for length.\nSource: https://example.org/briefing\nSpeaker: Huang Libin, vice minister\nSpeakers: Huang Libin; Tian Yulong\n\n\
Huang Libin: Good morning.\n\nMs. Amos called the meeting to order at 10:30: nobody objected.\n10:30\n10:30: the second session began.\nhttps://example.org/a:b\nExample: the first case.\nNote: this part was inaudible.\nSource: Xinhua\nIn conclusion: we will act.\n\nTian Yulong: Thank you.\n";
    let t = import_str(text, Format::Text, &ImportOptions::default()).unwrap().transcript;
    let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Huang Libin", "Tian Yulong"]);
    assert_eq!(t.speakers[0].role.as_deref(), Some("vice minister"));
    let body = serde_json::to_string(&t.body).unwrap();
    for kept in ["Ms. Amos called the meeting", "10:30: the second session", "Example: the first case", "In conclusion: we will act"] {
        assert!(body.contains(kept), "`{kept}` is kept: {body}");
    }
    assert_eq!(t.metadata.source_url.as_deref(), Some("https://example.org/briefing"));
}

#[test]
fn aliases_merge_where_the_text_says_so() {
    let text = "The Leader of the House of Commons (Mr Andrew Lansley): The business is as follows.\n\nAngela Eagle (Wallasey) (Lab): Thank you.\n\nMr Lansley: Indeed.\n\nCHIEF WHITE: Yes.\n\nMAYOR GRAY: And?\n\nMR. WHITE: No.\n";
    let t = import_str(text, Format::Text, &ImportOptions::default()).unwrap().transcript;
    let names: Vec<(&str, Option<&str>, Option<&str>)> =
        t.speakers.iter().map(|s| (s.name.as_str(), s.role.as_deref(), s.affiliation.as_deref())).collect();
    assert_eq!(
        names,
        [
            ("Mr Andrew Lansley", Some("The Leader of the House of Commons"), None),
            ("Angela Eagle", None, Some("Wallasey, Lab")),
            ("CHIEF WHITE", None, None),
            ("MAYOR GRAY", None, None),
        ]
    );
    let speakers: Vec<&str> = turns(&t).iter().map(|t| t.speaker.as_str()).collect();
    assert_eq!(speakers, ["mr_andrew_lansley", "angela_eagle", "mr_andrew_lansley", "chief_white", "mayor_gray", "chief_white"]);
}
