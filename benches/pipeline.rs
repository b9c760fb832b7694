//! Criterion benchmarks of the pipeline's stages, in process, on a typical transcript (about
//! 15,000 words cycled from the bundled samples, as `bench/generate.py` makes them): reading
//! the model, rendering (compose and paginate), and each exporter on the rendered pages.
//! Whole-command figures against pandoc come from `bench/run`; these tell which stage moved.
//! Run: `cargo bench --bench pipeline` (results in target/criterion).

use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeSet;
use std::hint::black_box;
use verbatim::export::{self, BuildInfo, Diagnostics, ExportOptions, Rendition};
use verbatim::import::model_file::{InputFormat, load_str};
use verbatim::layout::{self, Layout};
use verbatim::model::{Block, Transcript};

const WORDS: usize = 15_000;

fn words(block: &Block) -> usize {
    match block {
        Block::Turn(turn) => turn.paragraphs.iter().map(|p| p.split_whitespace().count()).sum(),
        Block::Heading(heading) => heading.text.split_whitespace().count(),
        Block::Note(note) => note.text.split_whitespace().count(),
        Block::PageBreak(_) => 0,
    }
}

/// The bundled samples' blocks cycled until `WORDS` words, with the speakers they use.
fn typical() -> Transcript {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("samples").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let samples: Vec<Transcript> = paths.iter().map(|p| verbatim::import::model_file::load_path(p).expect("sample loads")).collect();
    let blocks: Vec<&Block> = samples.iter().flat_map(|t| &t.body).filter(|b| !matches!(b, Block::PageBreak(_))).collect();
    let mut t = samples[0].clone();
    t.metadata.title = format!("Benchmark transcript of {WORDS} words");
    t.body.clear();
    let mut count = 0;
    for block in blocks.iter().cycle() {
        if count >= WORDS {
            break;
        }
        count += words(block);
        t.body.push((*block).clone());
    }
    let used: BTreeSet<&str> =
        t.body.iter().filter_map(|b| if let Block::Turn(turn) = b { Some(turn.speaker.as_str()) } else { None }).collect();
    t.speakers = samples.iter().flat_map(|s| &s.speakers).filter(|s| used.contains(s.id.as_str())).cloned().collect();
    t.speakers.dedup_by(|a, b| a.id == b.id);
    t
}

fn pipeline(c: &mut Criterion) {
    let transcript = typical();
    let json = serde_json::to_string(&transcript).expect("serializes");
    let layout = Layout::builtin("default").expect("built-in layout");
    c.bench_function("load typical (JSON)", |b| b.iter(|| load_str(black_box(&json), InputFormat::Json).expect("loads")));
    c.bench_function("render typical (compose + paginate)", |b| {
        b.iter(|| layout::render(black_box(&transcript), &layout).expect("renders"))
    });
    let paged = layout::render(&transcript, &layout).expect("renders");
    let build = BuildInfo::new(&transcript, Some("1700000000"));
    let options = ExportOptions::default();
    let rendition = Rendition { transcript: &transcript, paged: &paged, layout: &layout, build: &build, options: &options };
    for exporter in export::registry() {
        c.bench_function(&format!("export typical to {}", exporter.id()), |b| {
            b.iter(|| exporter.export(black_box(&rendition), &mut Diagnostics::default()).expect("exports"))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pipeline
}
criterion_main!(benches);
