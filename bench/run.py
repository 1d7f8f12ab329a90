"""Citation benchmark: one synthetic site built three ways, medians and ratios printed.

    make bench                                   # 100 pages, 400 references, 3 runs
    .venv/bin/python bench/run.py --pages 500 --refs 2000 --runs 3     # the issue's size
    .venv/bin/python bench/run.py --pages 2000 --refs 10000 --runs 3   # the large size
    .venv/bin/python bench/run.py --pages 300 --refs 2000 --instructions  # counted, not timed

Variants, on the same corpus (`bench/corpus.py`): plain Material; Material with the `keepopen`
plugin (citations plus its other hooks: cite-this-page, data package, ...); Material with only
the `keepopen.citations` Markdown extension (the citation engine alone); and Material with
mkdocs-bibtex 4.4.0 (the `bench` extra). Builds run in subprocesses,
interleaved round by round. The first keepopen build starts with an empty cache (it parses and
formats every `.bib` file); later ones are rebuilds with unchanged `.bib` files, which must
parse nothing (checked in-process below and printed).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402

COMMON = """\
site_name: Citation benchmark
site_url: https://example.org/
theme:
  name: material
  font: false
"""
MARKDOWN = "markdown_extensions:\n  - footnotes\n  - toc:\n      permalink: true\n"
VARIANTS = {
    "plain": "plugins:\n  - search\n",
    "keepopen": "plugins:\n  - search\n  - keepopen:\n      bibliography: [references/]\n",
    # The citation engine alone: the Markdown extension, without the plugin's other hooks.
    "keepopen-ext": "plugins:\n  - search\nmarkdown_extensions:\n  - footnotes\n"
    "  - toc:\n      permalink: true\n  - keepopen.citations:\n"
    "      bibliography: [references/]\n      cache_dir: .cache/keepopen-ext\n",
    "mkdocs-bibtex": "plugins:\n  - search\n  - bibtex:\n      bib_dir: references-bibtex\n",
}
# mkdocs-bibtex on the biblatex files themselves: expected to crash (pybtex's styles).
BIBTEX_ON_BIBLATEX = "plugins:\n  - search\n  - bibtex:\n      bib_dir: references\n"
ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
# Let Python cache bytecode, as it does by default: Material and MkDocs come with theirs from
# the installer, and without a cache every build would recompile keepopen alone.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
SRC = Path(__file__).resolve().parents[1] / "src"


def freeze_source(root: Path) -> None:
    """Build from a copy of `src/keepopen` taken now.

    The `.bib` cache is keyed by a hash of the bibliography code, so an edit to the working
    tree during a long benchmark would turn timed rebuilds into cold parses.
    """
    snapshot = root / "src-snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(SRC / "keepopen", snapshot / "keepopen")
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snapshot), ENV.get("PYTHONPATH")]))


def _mkdocs(root: Path, variant: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / f"mkdocs-{variant}.yml"),
         "-d", f"site-{variant}"],
        cwd=root, capture_output=True, text=True, env=ENV,
    )  # fmt: skip


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(root: Path, variant: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one `mkdocs build` in a fresh process.

    CPU time is printed too because other work on a shared machine inflates wall time.
    """
    cpu, start = _child_cpu(), time.perf_counter()
    result = _mkdocs(root, variant)
    elapsed, cpu = time.perf_counter() - start, _child_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"{variant} build failed:\n{result.stderr[-3000:]}")
    return elapsed, cpu


def build_pair(root: Path, variant: str, cpus: tuple[int, int]) -> dict[str, tuple[float, float]]:
    """Plain Material and `variant` built at the same time, each held to one CPU (`cpus`).

    Whatever slows this shared machine during the pair slows both builds, so their ratio
    holds where sequential builds moved by a quarter from one minute to the next. Returns
    wall and CPU time (the process and the children it waited for) of each."""
    started: dict[str, tuple[subprocess.Popen[bytes], float]] = {}
    for name, cpu in zip(("plain", variant), cpus, strict=True):
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                   str(root / f"mkdocs-{name}.yml"), "-d", f"site-{name}"]  # fmt: skip
        process = subprocess.Popen(
            command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=lambda cpu=cpu: os.sched_setaffinity(0, {cpu}),
        )  # fmt: skip
        started[name] = (process, time.perf_counter())
    times: dict[str, tuple[float, float]] = {}
    pending = {process.pid: name for name, (process, _) in started.items()}
    while pending:
        pid, status, usage = os.wait4(-1, 0)
        name = pending.pop(pid, None)
        if name is None:
            continue
        process, start = started[name]
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{name} build failed:\n{process.stderr.read().decode()[-3000:]}")
        times[name] = (time.perf_counter() - start, usage.ru_utime + usage.ru_stime)
    for process, _ in started.values():
        process.stderr.close()
    return times


def paired(root: Path, variants: list[str], runs: int) -> None:
    """`--paired`: each variant against plain Material, built concurrently, cores swapped
    every round; the median of the per-pair ratios."""
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("--paired needs two CPUs")
    cpus = sorted(os.sched_getaffinity(0))[:2]
    for variant in (v for v in variants if v != "plain"):
        build(root, variant)  # the first build fills its .bib cache: not timed
        walls, cpu_ratios = [], []
        for run in range(1, runs + 1):
            order = (cpus[0], cpus[1]) if run % 2 else (cpus[1], cpus[0])
            pair = build_pair(root, variant, order)
            (plain_wall, plain_cpu), (wall, cpu) = pair["plain"], pair[variant]
            walls.append(wall / plain_wall)
            cpu_ratios.append(cpu / plain_cpu)
            print(f"  pair {run} plain {plain_wall:6.2f} s ({plain_cpu:6.2f} cpu)  {variant} "
                  f"{wall:6.2f} s ({cpu:6.2f} cpu)  {walls[-1]:5.2f}x", flush=True)  # fmt: skip
        print(f"  {variant}: median of paired ratios {statistics.median(walls):.2f}x wall, "
              f"{statistics.median(cpu_ratios):.2f}x cpu ({runs} pairs)")  # fmt: skip


def instructions(root: Path, variants: list[str]) -> None:
    """`--instructions`: each variant's machine instructions in one build, counted by
    cachegrind, against plain Material's. The count does not move with the machine's load
    (wall time here moves by a quarter from one build to the next); each build takes about
    fifty times as long, so the variants run side by side, one per CPU."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind (Debian: apt install valgrind)")
    for variant in variants:  # bytecode compiled and `.bib` cache filled, as in a rebuild
        build(root, variant)
    counts: dict[str, int] = {}
    pending = list(variants)
    while pending:
        batch, pending = pending[: os.cpu_count() or 1], pending[os.cpu_count() or 1 :]
        running = {}
        for variant in batch:
            out = root / f"cachegrind-{variant}.out"
            command = [
                *(valgrind, "--tool=cachegrind", "--cache-sim=no"),
                f"--cachegrind-out-file={out}",
                *(sys.executable, "-m", "mkdocs", "build", "-q"),
                *("-f", str(root / f"mkdocs-{variant}.yml"), "-d", f"site-{variant}"),
            ]
            process = subprocess.Popen(
                command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            running[variant] = (process, out)
        for variant, (process, out) in running.items():
            _, stderr = process.communicate()
            if process.returncode != 0:
                raise SystemExit(f"{variant} under cachegrind failed:\n{stderr.decode()[-3000:]}")
            summary = [line for line in out.read_text().splitlines() if line.startswith("summary:")]
            counts[variant] = int(summary[0].split()[1])
    plain = counts.get("plain")
    for variant, count in counts.items():
        ratio = f"  {count / plain:.3f}x" if plain else ""
        print(f"  {variant:14s} {count / 1e9:8.3f} G instructions{ratio}")


def bibtex_on_biblatex(root: Path) -> str:
    """What mkdocs-bibtex 4.4.0 does with the biblatex files (the last line of its error)."""
    (root / "mkdocs-bibtex-biblatex.yml").write_text(COMMON + BIBTEX_ON_BIBLATEX + MARKDOWN)
    result = _mkdocs(root, "bibtex-biblatex")
    if result.returncode == 0:
        return "builds"
    return "fails: " + result.stderr.strip().splitlines()[-1]


def check_cache(root: Path) -> tuple[float, float, int, int]:
    """Load the bibliography cold and again from the cache, counting files actually parsed."""
    from keepopen.bibliography import loader

    parsed = {"n": 0}
    original = loader.parse_bib_text

    def counting(*args, **kwargs):
        parsed["n"] += 1
        return original(*args, **kwargs)

    loader.parse_bib_text = counting
    cache = Path(tempfile.mkdtemp(prefix="keepopen-bench-cache-"))
    try:
        times, counts = [], []
        for _ in range(2):
            parsed["n"] = 0
            start = time.perf_counter()
            bib = loader.load_bibliography([root / "references"], root=root, cache_dir=cache)
            times.append(time.perf_counter() - start)
            counts.append(parsed["n"])
            assert bib.entries, "the corpus has references"
    finally:
        loader.parse_bib_text = original
        shutil.rmtree(cache, ignore_errors=True)
    return times[0], times[1], counts[0], counts[1]


def sanity(root: Path) -> None:
    """The keepopen build rendered every citation and nothing stayed unresolved."""
    page = (root / "site-keepopen" / "pages" / "page-00001" / "index.html").read_text()
    resolved = page.count('<span class="citation" ')
    unresolved = page.count("citation unresolved")
    print(f"sanity: page 1 has {resolved} citation groups, {unresolved} unresolved")
    if unresolved or resolved < 10:
        raise SystemExit("keepopen output is not what the corpus cites")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--refs", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="corpus folder (default: a temporary one)")
    parser.add_argument("--skip", action="append", default=[], choices=sorted(VARIANTS))
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count each build's instructions under cachegrind (slow, load-independent)",
    )
    parser.add_argument(
        "--paired",
        action="store_true",
        help="build each variant at the same time as plain Material, one CPU each",
    )
    args = parser.parse_args(argv)

    root = args.dir or Path(tempfile.mkdtemp(prefix="keepopen-bench-"))
    shutil.rmtree(root / "docs", ignore_errors=True)
    shutil.rmtree(root / "references", ignore_errors=True)
    shutil.rmtree(root / "references-bibtex", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    write_corpus(root, args.pages, args.refs)
    freeze_source(root)
    variants = [v for v in VARIANTS if v not in args.skip]
    for variant in variants:
        extensions = "" if "markdown_extensions" in VARIANTS[variant] else MARKDOWN
        (root / f"mkdocs-{variant}.yml").write_text(COMMON + VARIANTS[variant] + extensions)
    print(f"corpus: {args.pages} pages, {args.refs} references, ~10 citations a page, in {root}")
    if "mkdocs-bibtex" in variants:
        print(f"mkdocs-bibtex on the biblatex .bib files {bibtex_on_biblatex(root)}")
        print("  so it is timed on references-bibtex/: the same entries as classic BibTeX")

    if args.paired:
        paired(root, variants, args.runs)
        return
    if args.instructions:
        instructions(root, variants)
        return
    times: dict[str, list[float]] = {v: [] for v in variants}
    cpus: dict[str, list[float]] = {v: [] for v in variants}
    cold = None
    for run in range(args.runs + 1):  # run 0 warms the OS file cache (keepopen: empty cache)
        # Each round starts with the next variant: a machine that slows down under sustained
        # load would otherwise always favour the variant built first.
        shift = run % len(variants)
        for variant in variants[shift:] + variants[:shift]:
            elapsed, cpu = build(root, variant)
            if run == 0 and variant == "keepopen":
                cold = elapsed  # the first keepopen build fills the .bib cache
            if run:
                times[variant].append(elapsed)
                cpus[variant].append(cpu)
            print(f"  run {run} {variant:14s} {elapsed:7.2f} s wall {cpu:7.2f} s cpu", flush=True)
    if "keepopen" in variants:
        sanity(root)

    medians = {v: statistics.median(t) for v, t in times.items()}
    cpu_medians = {v: statistics.median(t) for v, t in cpus.items()}
    bests = {v: min(t) for v, t in times.items()}
    print(f"\n{args.runs} runs after one warm-up round:  median wall        median cpu"
          "         best wall")  # fmt: skip
    plain, plain_cpu, plain_best = (
        medians.get("plain"), cpu_medians.get("plain"), bests.get("plain")
    )  # fmt: skip
    for variant, median in medians.items():
        cpu, best = cpu_medians[variant], bests[variant]
        ratio = f" {median / plain:5.2f}x" if plain else ""
        cpu_ratio = f" {cpu / plain_cpu:5.2f}x" if plain_cpu else ""
        best_ratio = f" {best / plain_best:5.2f}x" if plain_best else ""
        print(f"  {variant:14s} {median:7.2f} s{ratio}   {cpu:7.2f} s{cpu_ratio}"
              f"   {best:7.2f} s{best_ratio}")  # fmt: skip
    if plain:  # each round's builds ran back to back: their ratio cancels slow spells
        for variant in (v for v in variants if v != "plain"):
            rounds = [t / p for t, p in zip(times[variant], times["plain"], strict=True)]
            print(f"  {variant}: median of per-round ratios {statistics.median(rounds):.2f}x")
    if cold is not None:
        ratio = f" ({cold / plain:.2f}x plain median)" if plain else ""
        print(f"  keepopen first build, empty .bib cache: {cold:.2f} s{ratio}")
        print("  keepopen rebuilds above reuse the cache (.bib unchanged)")
    cold_load, warm_load, cold_parsed, warm_parsed = check_cache(root)
    print(
        f"bibliography load: {cold_load:.3f} s parsing {cold_parsed} files; "
        f"unchanged rebuild {warm_load:.3f} s parsing {warm_parsed} files"
    )
    if warm_parsed:
        raise SystemExit("a rebuild with unchanged .bib files parsed something")


if __name__ == "__main__":
    main()
