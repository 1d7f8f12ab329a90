"""How long `keepopen check` takes on a 500-page, 2,000-reference library (target: < 2 s).

Builds a synthetic library in a temporary folder (testimony, arguments, events, citations,
links, anchors), then times `run_checks` end to end: front matter, model validation, every
rule, and the bibliography load (cold, then warm from the helper's cache). Prints the figures;
it is a benchmark, not a test.

    .venv/bin/python bench/check_speed.py [--pages 500] [--refs 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from keepopen.checks.runner import run_checks
from keepopen.citepage.permalinks import check_published
from keepopen.context import LibraryContext
from keepopen.settings import LibrarySettings

ROOT = Path(__file__).resolve().parents[1]


def _bib(n: int) -> str:
    return "".join(
        f"@online{{ref{i:04d},\n  author = {{Author {i}}},\n  title = {{Source number {i}}},\n"
        f"  date = {{2025-01-{i % 28 + 1:02d}}},\n  url = {{https://example.org/{i}}},\n"
        f"  urldate = {{2026-11-20}},\n  verification = {{secondary}},\n"
        f"  note = {{Checked on the publisher's site.}},\n}}\n\n"
        for i in range(n)
    )


def _testimony(i: int, refs: int) -> str:
    return f"""---
type: testimony
id: t{i:04d}
title: Testimony {i}
summary: Someone describes how a model change affected their work, in the editors' words.
collected: 2026-11-25
period: {{start: 2024-05, end: 2026-02}}
language: en
models: [gpt-4o]
themes: [continuity, relational-value]
source_type: public-post
provenance: {{where: a public forum, collected_on: 2026-11-25, collected_by: Keep Open editors}}
consent: {{scope: publish, attribution: anonymous, method: public post, withdraw: write to us}}
---

# Testimony {i}

## What changed

The person says the release [@ref{i % refs:04d}] changed their routine, and later
[see @ref{(i * 7) % refs:04d}, p. 3; @ref{(i * 13) % refs:04d}].

See [an argument](../arguments/a{i % 100:04d}.md#why-it-matters) and [above](#what-changed).
"""


def _argument(i: int, refs: int) -> str:
    return f"""---
type: argument
id: a{i:04d}
title: Argument {i}
claim: Models people depend on should stay available.
themes: [openness]
made_by: [ref{(i * 3) % refs:04d}]
evidence:
  references: [ref{(i * 5) % refs:04d}]
  events: [2024-01-{i % 28 + 1:02d}-e{i:04d}]
  testimony: [t{i:04d}]
counter_arguments:
  - objection: It costs money.
    answer: Less than the harm.
---

# Argument {i}

## Why it matters

@ref{(i * 11) % refs:04d} argues this [@ref{(i * 17) % refs:04d}].
"""


def _event(i: int, refs: int) -> str:
    return f"""---
type: event
id: 2024-01-{i % 28 + 1:02d}-e{i:04d}
title: Event {i}
date: 2024-01-{i % 28 + 1:02d}
actor: A provider
kind: release
happened: Something was released.
sources: [ref{(i * 19) % refs:04d}]
verification: primary
---

# Event {i}

It happened [@ref{(i * 23) % refs:04d}].
"""


def build(root: Path, pages: int, refs: int) -> None:
    """Write a synthetic library of `pages` pages citing `refs` references."""
    shutil.copytree(ROOT / "taxonomies", root / "taxonomies")
    (root / "references").mkdir(parents=True)
    per_file = 500
    bib = _bib(refs)
    chunks = bib.split("\n\n")
    for n in range(0, refs, per_file):
        (root / "references" / f"part{n // per_file}.bib").write_text(
            "\n\n".join(chunks[n : n + per_file]) + "\n", encoding="utf-8"
        )
    n_args = n_events = min(100, pages // 5)
    kinds = {
        "arguments": (n_args, _argument),
        "evidence/events": (n_events, _event),
        "testimony": (pages - n_args - n_events, _testimony),
    }
    for folder, (count, make) in kinds.items():
        (root / "docs" / folder).mkdir(parents=True)
        for i in range(count):
            text = make(i, refs)
            page_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
            (root / "docs" / folder / f"{page_id}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--refs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "library"
        build(root, args.pages, args.refs)
        cache = Path(tmp) / "cache"
        times, cold = [], None
        result = None
        for run in range(args.repeat + 1):
            start = time.perf_counter()
            settings = replace(LibrarySettings.from_mkdocs_yml(root), cache=str(cache))
            result = run_checks(context=LibraryContext(settings, formatted=False))
            elapsed = time.perf_counter() - start
            if run == 0:
                cold = elapsed
            else:
                times.append(elapsed)
        assert result is not None
        pages = len(result.library.pages)
        entries = len(result.references.bibliography or [])
        print(
            f"keepopen check: {pages} pages, {entries} references, "
            f"{len(result.errors)} errors, {len(result.warnings)} warnings"
        )
        print(f"  cold (no bibliography cache): {cold:.2f} s")
        print(
            f"  warm (median of {len(times)}):          {statistics.median(times):.2f} s "
            f"(target < 2 s)"
        )
        start = time.perf_counter()
        check_published(root)
        print(f"  of which published-id check:  {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
