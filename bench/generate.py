#!/usr/bin/env python3
"""Generates realistic transcripts of a given size for benchmarks, as verbatim's JSON model
and as the equivalent Markdown (what a pandoc user would feed pandoc).

The text is drawn from the bundled samples: their speakers, turns, headings and notes are
cycled until the word count is reached, starting at a given block so that files differ.
Usage:
  generate.py WORDS OUT_STEM            ->  OUT_STEM.json and OUT_STEM.md
  generate.py --batch COUNT OUT_DIR     ->  COUNT transcripts of 1,000-20,000 words (sizes
                                            spread evenly, in a fixed shuffled order):
                                            OUT_DIR/json/t0001.json ... and OUT_DIR/md/t0001.md ...
"""
import json
from math import gcd
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def blocks():
    samples = sorted((ROOT / "samples").glob("*.json"))
    loaded = [json.loads(p.read_text(encoding="utf-8")) for p in samples]
    speakers = {s["id"]: s for t in loaded for s in t["speakers"]}
    body = [b for t in loaded for b in t["body"] if b["type"] != "page_break"]
    return speakers, body


def words_of(block):
    if block["type"] == "turn":
        return sum(len(p.split()) for p in block["paragraphs"])
    return len(block["text"].split())


def generate(target, start=0):
    speakers, body = blocks()
    out, count, i = [], 0, start
    while count < target:
        block = body[i % len(body)]
        out.append(block)
        count += words_of(block)
        i += 1
    used = {b["speaker"] for b in out if b["type"] == "turn"}
    transcript = {
        "schema_version": 1,
        "metadata": {
            "title": f"Benchmark transcript of {target:,} words",
            "date": "2024-03-12",
            "organizer": "verbatim benchmarks",
            "language": "en",
        },
        "speakers": [speakers[s] for s in sorted(used)],
        "body": out,
    }
    return transcript, count


def markdown(t):
    names = {s["id"]: s["name"] for s in t["speakers"]}
    lines = [f"% {t['metadata']['title']}", f"% {t['metadata']['organizer']}", f"% {t['metadata']['date']}", ""]
    for b in t["body"]:
        if b["type"] == "heading":
            lines += ["#" * min(b.get("level", 1), 3) + " " + b["text"], ""]
        elif b["type"] == "note":
            lines += [f"*{b['text']}*", ""]
        else:
            first, *rest = b["paragraphs"]
            lines += [f"**{names[b['speaker']]}:** {first}", ""]
            for p in rest:
                lines += [p, ""]
    return "\n".join(lines)


def write(stem, target, start=0, md_stem=None):
    transcript, count = generate(target, start)
    stem.with_suffix(".json").write_text(json.dumps(transcript, ensure_ascii=False), encoding="utf-8")
    (md_stem or stem).with_suffix(".md").write_text(markdown(transcript), encoding="utf-8")
    return count, len(transcript["body"])


def batch_sizes(n):
    """n sizes from 1,000 to 20,000 words, evenly spread, in an order fixed by a multiplier
    coprime with n (no random source, so every run makes the same files)."""
    spread = [1000 + (19000 * k) // max(n - 1, 1) for k in range(n)]
    step = next(m for m in range(max(n // 3, 2), 2 * n + 3) if gcd(m, n) == 1)
    return [spread[(k * step) % n] for k in range(n)]


if __name__ == "__main__":
    if sys.argv[1] == "--batch":
        n, folder = int(sys.argv[2]), pathlib.Path(sys.argv[3])
        (folder / "json").mkdir(parents=True, exist_ok=True)
        (folder / "md").mkdir(parents=True, exist_ok=True)
        total = 0
        for k, words in enumerate(batch_sizes(n)):
            name = f"t{k + 1:04d}"
            total += write(folder / "json" / name, words, start=k * 7, md_stem=folder / "md" / name)[0]
        print(f"{folder}: {n} transcripts, {total} words")
    else:
        target, stem = int(sys.argv[1]), pathlib.Path(sys.argv[2])
        count, blocks_ = write(stem, target)
        print(f"{stem}: {count} words, {blocks_} blocks")
