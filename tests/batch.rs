//! Batch conversion from the command line: inputs from folders, globs and manifests, the
//! report, `--fail-fast`, incremental runs, `--shard`, the progress bar, and the README's
//! recipes for xargs and GNU parallel. Each test works in its own temporary folder.

mod common;

use common::work::{Work, stderr, stdout};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, SystemTime};

const FORMATS: [&str; 4] = ["txt", "pdf", "docx", "epub"];

/// What the batch tests do in a [`Work`] folder beyond the shared helpers.
trait BatchWork {
    /// Writes generated transcript `n` as `rel`.
    fn transcript(&self, rel: &str, n: usize);
    fn report(&self, rel: &str) -> Value;
    fn modified(&self, rel: &str) -> SystemTime;
    /// Sets the modification time of `rel` to `seconds` from now.
    fn touch(&self, rel: &str, seconds: u64);
}

impl BatchWork for Work {
    fn transcript(&self, rel: &str, n: usize) {
        self.write(rel, transcript(n, 20 + n % 40));
    }

    fn report(&self, rel: &str) -> Value {
        serde_json::from_slice(&self.read(rel)).unwrap()
    }

    fn modified(&self, rel: &str) -> SystemTime {
        std::fs::metadata(self.path(rel)).unwrap().modified().unwrap()
    }

    fn touch(&self, rel: &str, seconds: u64) {
        let file = std::fs::File::options().write(true).open(self.path(rel)).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(seconds)).unwrap();
    }
}

/// A small transcript of about `words` words, the same for the same `n`: two or three
/// speakers taking turns, paragraphs of 5 to 30 words drawn from a fixed vocabulary.
fn transcript(n: usize, words: usize) -> String {
    const VOCABULARY: [&str; 48] = [
        "the",
        "committee",
        "will",
        "come",
        "to",
        "order",
        "witness",
        "answer",
        "question",
        "minister",
        "budget",
        "report",
        "water",
        "schools",
        "roads",
        "we",
        "have",
        "not",
        "seen",
        "any",
        "figures",
        "yet",
        "thank",
        "you",
        "chair",
        "I",
        "would",
        "like",
        "ask",
        "about",
        "housing",
        "plan",
        "for",
        "next",
        "year",
        "and",
        "how",
        "many",
        "families",
        "are",
        "waiting",
        "on",
        "list",
        "today",
        "in",
        "district",
        "council",
        "meeting",
    ];
    let mut state = (n as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = |bound: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) % bound as u64) as usize
    };
    let speakers = 2 + n % 2;
    let mut body = Vec::new();
    let mut written = 0;
    let mut turn = 0;
    while written < words {
        let paragraphs: Vec<String> = (0..1 + next(2))
            .map(|_| {
                let length = 5 + next(26);
                written += length;
                let text: Vec<&str> = (0..length).map(|_| VOCABULARY[next(VOCABULARY.len())]).collect();
                format!("{}.", text.join(" "))
            })
            .collect();
        body.push(json!({"type": "turn", "speaker": format!("s{}", turn % speakers), "paragraphs": paragraphs}));
        turn += 1;
    }
    let doc = json!({
        "schema_version": 1,
        "metadata": {"title": format!("Council meeting {n}"), "date": "2024-03-12"},
        "speakers": (0..speakers).map(|s| json!({"id": format!("s{s}"), "name": format!("Speaker {s}")})).collect::<Vec<_>>(),
        "body": body,
    });
    serde_json::to_string_pretty(&doc).unwrap()
}

/// 1-based line and column (in characters) of byte `index` of `text`.
fn line_col(text: &str, index: usize) -> (usize, usize) {
    let before = &text[..index];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// The report's inputs as `input: status`.
fn statuses(report: &Value) -> Vec<String> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{}: {}", i["input"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The "done when"

#[test]
fn five_hundred_transcripts_with_one_corrupt_convert_the_same_with_any_jobs_and_skip_when_up_to_date() {
    let w = Work::new();
    const COUNT: usize = 500;
    const CORRUPT: usize = 250;
    let mut corrupt_place = (0, 0);
    for n in 0..COUNT {
        let mut text = transcript(n, 40 + (n * 37) % 81);
        if n == CORRUPT {
            text = text.replacen("\"speakers\"", "@\"speakers\"", 1);
            corrupt_place = line_col(&text, text.find('@').unwrap());
        }
        w.write(&format!("in/t{n:03}.json"), text);
    }
    let corrupt = format!("in/t{CORRUPT:03}.json");
    let started = std::time::Instant::now();
    let first = w.run(["convert", "in", "-o", "out", "--jobs", "2", "--report", "first.json"]).code(1);
    let first_seconds = started.elapsed().as_secs_f64();
    let place = format!("error: {corrupt}:{}:{}: ", corrupt_place.0, corrupt_place.1);
    assert!(stderr(&first).lines().any(|l| l.starts_with(&place)), "{place} missing from:\n{}", stderr(&first));
    assert!(stderr(&first).contains("converted 499 of 500 inputs, 1 failed, 0 skipped, in "), "{}", stderr(&first));

    let report = w.report("first.json");
    let expected: Vec<String> =
        (0..COUNT).map(|n| format!("in/t{n:03}.json: {}", if n == CORRUPT { "failed" } else { "written" })).collect();
    assert_eq!(statuses(&report), expected, "every input once, in order");
    assert_eq!((report["total"].as_u64(), report["written"].as_u64(), report["failed"].as_u64()), (Some(500), Some(499), Some(1)));
    let bad = &report["inputs"][CORRUPT];
    assert!(bad["errors"][0].as_str().unwrap().starts_with(&place), "{bad}");
    assert_eq!((bad["outputs"].as_array().unwrap().len(), &bad["pages"]), (0, &Value::Null));
    for entry in report["inputs"].as_array().unwrap().iter().filter(|e| e["status"] == "written") {
        assert_eq!(entry["outputs"].as_array().unwrap().len(), 4, "{entry}");
        assert!(entry["pages"].as_u64().unwrap() >= 1 && entry["words"].as_u64().unwrap() >= 40, "{entry}");
    }

    let expected_names: Vec<String> = {
        let mut names: Vec<String> = (0..COUNT).filter(|&n| n != CORRUPT).flat_map(|n| FORMATS.map(|f| format!("t{n:03}.{f}"))).collect();
        names.sort();
        names
    };
    assert_eq!(w.names("out"), expected_names, "499 × 4 outputs and nothing else (no temporary files)");

    let started = std::time::Instant::now();
    w.run(["convert", "in", "-o", "one", "--jobs", "1"]).code(1);
    let second_seconds = started.elapsed().as_secs_f64();
    assert_eq!(w.names("one"), expected_names);
    for name in &expected_names {
        assert!(w.read(&format!("out/{name}")) == w.read(&format!("one/{name}")), "{name} differs between --jobs 2 and --jobs 1");
    }

    let before: Vec<SystemTime> = expected_names.iter().map(|n| w.modified(&format!("out/{n}"))).collect();
    let third = w.run(["convert", "in", "-o", "out", "--report", "third.json"]).code(1);
    let report = w.report("third.json");
    let expected: Vec<String> =
        (0..COUNT).map(|n| format!("in/t{n:03}.json: {}", if n == CORRUPT { "failed" } else { "skipped" })).collect();
    assert_eq!(statuses(&report), expected);
    assert_eq!((report["skipped"].as_u64(), report["failed"].as_u64()), (Some(499), Some(1)));
    assert!(report["inputs"][0]["outputs"].as_array().unwrap().len() == 4, "a skipped input lists its outputs");
    assert!(stderr(&third).contains(&place) && stderr(&third).contains("converted 0 of 500 inputs, 1 failed, 499 skipped"));
    assert_eq!(stdout(&third).lines().filter(|l| l.ends_with("(up to date)")).count(), 499);
    let after: Vec<SystemTime> = expected_names.iter().map(|n| w.modified(&format!("out/{n}"))).collect();
    assert!(before == after, "skipped outputs are not rewritten");
    eprintln!("500 transcripts, four formats: --jobs 2 {first_seconds:.1} s, --jobs 1 {second_seconds:.1} s");
}

// ---------------------------------------------------------------------------------------------
// Gathering inputs

#[test]
fn folders_globs_and_manifests_give_each_file_once_in_a_fixed_order() {
    let w = Work::new();
    for (n, rel) in
        ["archive/b.json", "archive/a/z.yaml", "archive/.hidden.json", "archive/.git/x.json", "archive/c/d.json", "lists/e.json"]
            .iter()
            .enumerate()
    {
        w.transcript(rel, n);
    }
    w.write("archive/notes.pdf", "not a transcript");
    w.write("lists/batch.txt", "# relative to this file's folder\n\ne.json\n../archive/b.json\n");
    let args = ["convert", "archive/c/d.json", "archive/**/*.json", "archive", "--manifest", "lists/batch.txt", "--manifest", "-"];
    let a = w
        .cmd(args.iter().chain(&["--to", "txt", "-o", "out", "--report", "r.json"]))
        .write_stdin("archive/b.json\nlists/e.json\n")
        .assert();
    a.code(0);
    let report = w.report("r.json");
    assert_eq!(
        statuses(&report),
        [
            "archive/c/d.json: written",
            "archive/b.json: written",
            "archive/a/z.yaml: written",
            "lists/e.json: written",
            // `lists/../archive/b.json` is `archive/b.json` again; `lists/e.json` from stdin too.
        ]
    );
    assert_eq!(w.names("out"), ["b.txt", "d.txt", "e.txt", "z.txt"]);
}

#[test]
fn what_names_nothing_is_a_failed_input_and_the_rest_is_converted() {
    let w = Work::new();
    w.transcript("in/a.json", 1);
    std::fs::create_dir_all(w.path("empty")).unwrap();
    let a = w.run(["convert", "in/a.json", "missing.json", "nothing/*.json", "empty", "--to", "txt", "-o", "out", "--report", "r.json"]);
    let a = a.code(1);
    let err = stderr(&a);
    for line in [
        "error: missing.json: no such file or folder",
        "error: nothing/*.json: the pattern matches no file",
        "error: empty: the folder holds no transcript",
    ] {
        assert!(err.lines().any(|l| l.starts_with(line)), "{line} missing from:\n{err}");
    }
    assert_eq!(w.names("out"), ["a.txt"]);
    let report = w.report("r.json");
    assert_eq!(statuses(&report), ["in/a.json: written", "missing.json: failed", "nothing/*.json: failed", "empty: failed"]);
}

#[test]
fn manifests_that_cannot_be_read_and_stdin_asked_for_twice_are_usage_errors() {
    let w = Work::new();
    w.transcript("a.json", 1);
    let a = w.run(["convert", "a.json", "--manifest", "none.txt", "-o", "out"]).code(2);
    assert!(stderr(&a).starts_with("error: --manifest none.txt: cannot read it: "), "{}", stderr(&a));
    let a = w.cmd(["convert", "-", "--manifest", "-", "-o", "out"]).write_stdin("a.json\n").assert().code(2);
    assert!(stderr(&a).contains("not both"), "{}", stderr(&a));
    assert!(!w.path("out").exists(), "nothing is written on a usage error");
}

#[test]
fn an_output_never_replaces_an_input() {
    let w = Work::new();
    let raw = "Alice: Hello there.\nBob: Hello Alice.\n";
    w.write("notes.txt", raw);
    let a = w.run(["convert", "notes.txt", "--to", "txt,pdf"]).code(1);
    assert!(stderr(&a).contains("error: notes.txt: would overwrite the input notes.txt with ./notes.txt"), "{}", stderr(&a));
    assert_eq!(w.read("notes.txt"), raw.as_bytes());
    assert!(!w.path("notes.pdf").exists(), "nothing of the input is written");
}

// ---------------------------------------------------------------------------------------------
// --fail-fast

#[test]
fn fail_fast_starts_nothing_after_the_first_failure() {
    let w = Work::new();
    for n in 0..4 {
        w.transcript(&format!("in/{n}.json"), n);
    }
    w.write("in/1.json", "{ broken");
    let a = w.run(["convert", "in", "--to", "txt", "-o", "out", "--jobs", "1", "--fail-fast", "--report", "r.json"]).code(1);
    let report = w.report("r.json");
    assert_eq!(statuses(&report), ["in/0.json: written", "in/1.json: failed", "in/2.json: not_started", "in/3.json: not_started"]);
    assert_eq!(report["not_started"], 2);
    assert_eq!(w.names("out"), ["0.txt"], "the finished output stays, nothing else is written");
    assert!(stderr(&a).contains("converted 1 of 4 inputs, 1 failed, 0 skipped, 2 not started (--fail-fast)"), "{}", stderr(&a));
    // Without it, the run goes on.
    w.run(["convert", "in", "--to", "txt", "-o", "all", "--jobs", "1"]).code(1);
    assert_eq!(w.names("all"), ["0.txt", "2.txt", "3.txt"]);
}

/// Writing happens on writer threads while the next input is already being converted: a
/// failure found only when writing (here a folder where an output goes) still stops every
/// later input from being written.
#[test]
fn fail_fast_writes_nothing_after_an_input_whose_files_could_not_be_written() {
    let w = Work::new();
    for n in 0..4 {
        w.transcript(&format!("in/{n}.json"), n);
    }
    std::fs::create_dir_all(w.path("out/1.txt")).unwrap();
    w.run(["convert", "in", "--to", "txt", "-o", "out", "--jobs", "1", "--fail-fast", "--report", "r.json"]).code(1);
    let report = w.report("r.json");
    assert_eq!(statuses(&report), ["in/0.json: written", "in/1.json: failed", "in/2.json: not_started", "in/3.json: not_started"]);
    assert_eq!(w.names("out"), ["0.txt", "1.txt"], "only the first output and the folder in the way");
}

// ---------------------------------------------------------------------------------------------
// Incremental runs

#[test]
fn an_empty_output_or_a_folder_in_its_place_is_not_up_to_date() {
    let w = Work::new();
    for name in ["a", "b", "c"] {
        w.transcript(&format!("in/{name}.json"), 1);
    }
    assert_eq!(
        run_statuses(&w, &["convert", "in", "--to", "txt", "-o", "out"]),
        ["in/a.json: written", "in/b.json: written", "in/c.json: written"]
    );
    // What a crash before the data reached the disk can leave: the name, no bytes.
    std::fs::File::create(w.path("out/a.txt")).unwrap();
    assert_eq!(
        run_statuses(&w, &["convert", "in", "--to", "txt", "-o", "out"]),
        ["in/a.json: written", "in/b.json: skipped", "in/c.json: skipped"]
    );
    assert!(std::fs::metadata(w.path("out/a.txt")).unwrap().len() > 0);
    std::fs::remove_file(w.path("out/c.txt")).unwrap();
    std::fs::create_dir(w.path("out/c.txt")).unwrap();
    assert_eq!(
        run_statuses(&w, &["convert", "in", "--to", "txt", "-o", "out"]),
        ["in/a.json: skipped", "in/b.json: skipped", "in/c.json: failed"]
    );
}

/// The statuses of `verbatim convert ARGS --report r.json` (any exit code).
fn run_statuses(w: &Work, args: &[&str]) -> Vec<String> {
    w.run(args.iter().chain(&["--report", "r.json"])).get_output();
    statuses(&w.report("r.json"))
}

#[test]
fn outputs_newer_than_input_layout_and_binary_are_skipped_unless_forced() {
    let w = Work::new();
    w.transcript("in/a.json", 1);
    w.transcript("in/b.json", 2);
    // A copy of the binary, whose time the test can change.
    let binary = w.path("bin/verbatim");
    std::fs::create_dir_all(binary.parent().unwrap()).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_verbatim"), &binary).unwrap();
    let run = |extra: &[&str]| -> Vec<String> {
        let mut cmd = std::process::Command::new(&binary);
        cmd.current_dir(w.dir.path()).args(["convert", "in", "--to", "txt,pdf", "-o", "out", "--report", "r.json"]).args(extra);
        let status = cmd.output().unwrap().status;
        assert_eq!(status.code(), Some(0));
        statuses(&w.report("r.json"))
    };
    assert_eq!(run(&[]), ["in/a.json: written", "in/b.json: written"]);
    let first = (w.read("out/a.txt"), w.read("out/a.pdf"));
    assert_eq!(run(&[]), ["in/a.json: skipped", "in/b.json: skipped"]);
    assert_eq!(run(&["--force"]), ["in/a.json: written", "in/b.json: written"]);

    // A newer input.
    w.touch("in/a.json", 5);
    assert_eq!(run(&[]), ["in/a.json: written", "in/b.json: skipped"]);
    // One missing output: every requested format is written again, to the same bytes.
    std::fs::remove_file(w.path("out/a.pdf")).unwrap();
    w.touch("out/a.txt", 3600);
    let txt_time = w.modified("out/a.txt");
    assert_eq!(run(&[]), ["in/a.json: written", "in/b.json: skipped"]);
    assert!(w.modified("out/a.txt") != txt_time, "the up-to-date format is rewritten too");
    assert_eq!((w.read("out/a.txt"), w.read("out/a.pdf")), first);
    // A newer binary.
    let file = std::fs::File::options().write(true).open(&binary).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(7200)).unwrap();
    drop(file);
    assert_eq!(run(&[]), ["in/a.json: written", "in/b.json: written"]);
}

#[test]
fn a_changed_layout_directory_makes_every_output_stale() {
    let w = Work::new();
    w.transcript("in/a.json", 1);
    w.run(["layouts", "eject", "default", "mine"]).code(0);
    let args = ["convert", "in", "--to", "txt", "-o", "out", "--layout", "mine"];
    assert_eq!(run_statuses(&w, &args), ["in/a.json: written"]);
    assert_eq!(run_statuses(&w, &args), ["in/a.json: skipped"]);
    // A template newer than the output (a minute ahead of the clock, so that the output
    // written now stays older than it).
    w.touch("mine/templates/footer.hbs", 60);
    assert_eq!(run_statuses(&w, &args), ["in/a.json: written"]);
    assert_eq!(run_statuses(&w, &args), ["in/a.json: written"]);
    w.touch("out/a.txt", 120);
    assert_eq!(run_statuses(&w, &args), ["in/a.json: skipped"]);
    // Another layout (here the built-in) is not a newer file: flags are not part of the
    // check, `--force` is for that.
    assert_eq!(run_statuses(&w, &args[..6]), ["in/a.json: skipped"]);
    assert_eq!(run_statuses(&w, &[&args[..6], &["--force"]].concat()), ["in/a.json: written"]);
}

// ---------------------------------------------------------------------------------------------
// --shard

/// For each of the `count` shards, the inputs it converted (from its report).
fn shard_inputs(w: &Work, count: usize, out: &str) -> Vec<BTreeSet<String>> {
    (1..=count)
        .map(|k| {
            let report_name = format!("{out}-{k}.json");
            let shard = format!("{k}/{count}");
            w.run(["convert", "in", "--to", "txt", "-o", out, "--shard", &shard, "--report", &report_name]).get_output();
            let report = w.report(&report_name);
            assert_eq!(report["shard"], shard.as_str());
            report["inputs"].as_array().unwrap().iter().map(|i| i["input"].as_str().unwrap().to_string()).collect()
        })
        .collect()
}

#[test]
fn shards_split_the_inputs_into_disjoint_parts_that_stay_put_when_files_are_added() {
    let w = Work::new();
    for n in 0..60 {
        w.transcript(&format!("in/t{n:02}.json"), n);
    }
    let all: BTreeSet<String> = (0..60).map(|n| format!("in/t{n:02}.json")).collect();
    let shards = shard_inputs(&w, 3, "out");
    let union: BTreeSet<String> = shards.iter().flatten().cloned().collect();
    assert_eq!(union, all, "every input is in some shard");
    assert_eq!(shards.iter().map(BTreeSet::len).sum::<usize>(), 60, "and in one only");
    assert!(shards.iter().all(|s| s.len() >= 10), "the shards share the work: {:?}", shards.iter().map(BTreeSet::len).collect::<Vec<_>>());
    assert_eq!(w.names("out").len(), 60);

    for n in 60..90 {
        w.transcript(&format!("in/t{n:02}.json"), n);
    }
    let grown = shard_inputs(&w, 3, "grown");
    for (before, after) in shards.iter().zip(&grown) {
        assert!(before.is_subset(after), "adding files moved none of the others");
    }
    assert_eq!(grown.iter().map(BTreeSet::len).sum::<usize>(), 90);
}

#[test]
fn a_name_collision_is_reported_once_whatever_the_shards() {
    let w = Work::new();
    for n in 0..6 {
        w.transcript(&format!("in/a/t{n}.json"), n);
    }
    w.transcript("in/b/t3.json", 99);
    let mut reports = BTreeMap::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let a = w.run(["convert", "in", "--to", "txt", "-o", "out", "--shard", &shard]).get_output().clone();
        reports.insert(k, (a.status.code(), String::from_utf8_lossy(&a.stderr).into_owned()));
    }
    let failing: Vec<_> = reports.values().filter(|(code, _)| *code == Some(1)).collect();
    assert_eq!(failing.len(), 1, "exactly one shard holds both `t3` inputs: {reports:?}");
    assert!(failing[0].1.contains("error: in/b/t3.json: would overwrite out/t3.txt written for in/a/t3.json"), "{}", failing[0].1);
    assert_eq!(w.names("out").len(), 6);
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    let w = Work::new();
    w.transcript("a.json", 1);
    for bad in ["0/2", "3/2", "2", "1/0", "x/y"] {
        let a = w.run(["convert", "a.json", "--shard", bad, "-o", "out"]).code(2);
        assert!(stderr(&a).contains("--shard") && stderr(&a).contains("K/N"), "{bad}: {}", stderr(&a));
    }
}

// ---------------------------------------------------------------------------------------------
// Progress and summary

#[test]
fn off_a_terminal_only_the_summary_is_printed_to_stderr() {
    let w = Work::new();
    w.transcript("in/a.json", 1);
    w.transcript("in/b.json", 2);
    let a = w.run(["convert", "in", "--to", "txt", "-o", "out"]).code(0);
    let err = stderr(&a);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("converted 2 of 2 inputs, 0 failed, 0 skipped, in ") && err.ends_with(" s\n"), "{err:?}");
    assert!(!err.contains('\u{1b}') && !err.contains('\r'), "{err:?}");
    let quiet = w.run(["convert", "in", "--to", "txt", "-o", "out2", "-q"]).code(0);
    assert_eq!((stdout(&quiet), stderr(&quiet)), (String::new(), String::new()));
}

/// What `verbatim ARGS` prints on a terminal (through `script`), or `None` without `script`.
fn on_a_terminal(w: &Work, args: &str, no_color: bool) -> Option<String> {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed, so no terminal can be made");
        return None;
    }
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_verbatim"));
    let mut script = std::process::Command::new("script");
    script.current_dir(w.dir.path()).args(["-qec", &command, "/dev/null"]).env("TERM", "xterm-256color").env_remove("NO_COLOR");
    if no_color {
        script.env("NO_COLOR", "1");
    }
    let output = script.stdin(std::process::Stdio::null()).output().unwrap();
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn on_a_terminal_a_progress_bar_is_drawn_in_colour_unless_no_color() {
    let w = Work::new();
    w.transcript("in/a.json", 1);
    w.transcript("in/b.json", 2);
    let Some(colour) = on_a_terminal(&w, "convert in --to txt -o out", false) else { return };
    assert!(colour.contains("2/2 inputs"), "no progress bar: {colour:?}");
    assert!(colour.contains("\u{1b}[36m"), "no colour: {colour:?}");
    assert!(colour.contains("converted 2 of 2 inputs"), "{colour:?}");
    let plain = on_a_terminal(&w, "convert in --to txt -o out2", true).unwrap();
    assert!(plain.contains("2/2 inputs"), "no progress bar: {plain:?}");
    assert!(!plain.contains("\u{1b}[3"), "colour despite NO_COLOR: {plain:?}");
    let quiet = on_a_terminal(&w, "convert in --to txt -o out3 -q", false).unwrap();
    assert_eq!(quiet, "", "--quiet draws nothing");
}

// ---------------------------------------------------------------------------------------------
// The README's recipes

/// The line of the README that starts with `prefix`.
fn readme_line(prefix: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    readme.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("the README has no line starting with `{prefix}`")).to_string()
}

/// Runs the README's recipe starting with `prefix` over an archive of 12 transcripts (if
/// `tool` is installed), and checks that its four parts converted every input once, to the
/// bytes of one unsharded run.
fn check_recipe(tool: &str, prefix: &str) {
    if std::process::Command::new(tool).arg("--version").output().is_err() {
        eprintln!("skipped: `{tool}` is not installed (tests/run installs it)");
        return;
    }
    let w = Work::new();
    for n in 0..12 {
        w.transcript(&format!("archive/t{n:02}.json"), n);
    }
    let recipe = readme_line(prefix);
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_verbatim")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let output = std::process::Command::new("bash")
        .args(["-c", &recipe])
        .current_dir(w.dir.path())
        .env("PATH", path)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "{recipe}\n{}", String::from_utf8_lossy(&output.stderr));
    let mut converted = Vec::new();
    for k in 1..=4 {
        let report = w.report(&format!("report-{k}.json"));
        assert_eq!(report["shard"], format!("{k}/4").as_str());
        converted.extend(report["inputs"].as_array().unwrap().iter().map(|i| i["input"].as_str().unwrap().to_string()));
    }
    converted.sort();
    let all: Vec<String> = (0..12).map(|n| format!("archive/t{n:02}.json")).collect();
    assert_eq!(converted, all, "every input converted by exactly one part");
    w.run(["convert", "archive", "--jobs", "2", "-o", "whole", "-q"]).code(0);
    assert_eq!(w.names("out"), w.names("whole"));
    for name in w.names("whole") {
        assert!(w.read(&format!("out/{name}")) == w.read(&format!("whole/{name}")), "{name} differs from an unsharded run");
    }
}

#[test]
fn the_readme_recipe_for_xargs_converts_every_input_once() {
    check_recipe("xargs", "seq 4 | xargs -P 2");
}

#[test]
fn the_readme_recipe_for_gnu_parallel_converts_every_input_once() {
    check_recipe("parallel", "parallel -j 2 verbatim convert");
}
