"""Benchmark the bibliography core: cold load (parse + format), warm load (cache), rules.

    .venv/bin/python bench/bench_bibliography.py [N ...]   (default: 2000 10000)

Generates N deterministic synthetic references (biblatex types, LaTeX accents, math, corporate
authors) in files of 500 entries, then times one cold load, the median of three warm loads from
the file-hash cache, and `check_bibliography`. Figures go to stdout; nothing here is a test.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from keepopen.bibliography import check_bibliography, load_bibliography

TYPES = ["article", "online", "book", "report", "misc", "inproceedings", "thesis", "incollection"]
AUTHORS = [
    r"M{\"u}ller, J{\"o}rg and Smith, Ann",
    r"{{OECD}}",
    r"Garc{\'\i}a, Luc{\'\i}a and Nguyen, Thanh and Kowalski, Piotr",
    r"{van der} Berg, Jan",
]


def write_corpus(folder: Path, n: int, per_file: int = 500) -> None:
    rnd = random.Random(n)
    for start in range(0, n, per_file):
        chunk = []
        for i in range(start, min(n, start + per_file)):
            chunk.append(
                f"@{rnd.choice(TYPES)}{{ref{i:06d},\n"
                f"  author       = {{{rnd.choice(AUTHORS)}}},\n"
                f"  title        = {{Open \\emph{{models}} and {{NASA}} $\\alpha$-tests {i}}},\n"
                f"  journaltitle = {{Journal {i % 50}}},\n"
                f"  booktitle    = {{Proceedings {i % 30}}},\n"
                f"  institution  = {{Institute {i % 7}}},\n"
                f"  type         = {{phdthesis}},\n"
                f"  date         = {{{2000 + i % 26}-05-03}},\n"
                f"  pages        = {{1--{i % 90 + 2}}},\n"
                f"  doi          = {{10.5555/bench.{i}}},\n"
                f"  url          = {{https://example.org/{i}}},\n"
                f"  urldate      = {{2026-11-23}},\n"
                f"  verification = {{primary}}\n"
                "}\n"
            )
        (folder / f"refs{start:06d}.bib").write_text("\n".join(chunk), encoding="utf-8")


def bench(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "references", Path(tmp) / "cache"
        folder.mkdir()
        write_corpus(folder, n)
        t0 = time.perf_counter()
        bib = load_bibliography([folder], cache_dir=cache)
        cold = time.perf_counter() - t0
        warm_runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            load_bibliography([folder], cache_dir=cache)
            warm_runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        problems = check_bibliography(bib)
        rules = time.perf_counter() - t0
        assert len(bib) == n and not problems, problems[:3]  # the corpus is valid
        print(
            f"{n:>6} references: cold load {cold:6.2f} s ({cold / n * 1000:.2f} ms/entry), "
            f"warm load {statistics.median(warm_runs):5.2f} s, check rules {rules:5.2f} s"
        )


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [2000, 10000]:
        bench(size)
