"""The real library grown to N testimonies, built by the project and by plain Material.

    make bench-scale                      # N=2000
    make bench-scale N=500
    .venv/bin/python bench/scale.py --n 2000 [--dir DIR] [--skip-plain] [--profile OUT.prof]

Copies the repository into a temporary folder, clones the real testimony entries under new ids
(`<id>-c0001`, same front matter and body) until `docs/testimony/` holds N entries, and in one
run:

1. builds it with the project's `mkdocs.yml` (`mkdocs build`, fresh process);
2. builds the same pages with plain Material: the `material` theme, the search plugin, the
   project's Markdown extensions without `keepopen.citations`, no project plugin or templates;
3. starts `mkdocs serve` as `make serve` does, edits one testimony entry, and times how long
   until the served page shows the edit;
4. prints both build times, their ratio, the rebuild time and the size of the search index.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: What a build reads; the rest of the repository (tests, bench, .git, .venv) is not copied.
COPIED = ("mkdocs.yml", "docs", "references", "taxonomies", "forums", "overrides", "src",
          "redirects.yml", "published.yml", "templates", "schemas")  # fmt: skip
ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), ENV.get("PYTHONPATH")]))

PLAIN = """\
site_name: Keep Open
site_url: https://keepopen.example.org/
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
{extensions}
"""
_ID = re.compile(r"^id: *(\S+) *$", re.MULTILINE)


def grow(root: Path, n: int) -> int:
    """Clone testimony entries of `root/docs/testimony` until it holds `n`; returns the count."""
    folder = root / "docs" / "testimony"
    originals = sorted(p for p in folder.glob("*.md") if p.name != "index.md")
    count, copy = len(originals), 0
    while count < n:
        source = originals[copy % len(originals)]
        copy += 1
        new_id = f"{source.stem}-c{copy:04d}"
        text = _ID.sub(f"id: {new_id}", source.read_text(encoding="utf-8"), count=1)
        (folder / f"{new_id}.md").write_text(text, encoding="utf-8")
        count += 1
    return count


def plain_config(root: Path) -> Path:
    """`mkdocs-plain.yml`: Material defaults on the project's pages and Markdown extensions."""
    import yaml

    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("\nmarkdown_extensions:\n", 1)[1]
    lines = [line for line in block.splitlines() if "keepopen" not in line]
    lines = [line for line in lines if not line.lstrip().startswith("#")]
    yaml.safe_load("\n".join(lines))  # fails here, not in the build, if the block changed shape
    path = root / "mkdocs-plain.yml"
    path.write_text(PLAIN.format(extensions="\n".join(lines)), encoding="utf-8")
    return path


def copy_library(root: Path) -> None:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, root / name)


def build(root: Path, config: str, site: str, profile: Path | None = None) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]
    if profile is not None:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{config} build failed:\n{result.stderr[-4000:]}")
    return elapsed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
            return response.read().decode("utf-8")
    except OSError:
        return None


def serve_edit(root: Path, timeout: float = 900.0) -> tuple[float, float]:
    """Start `mkdocs serve` as `make serve` does; edit one entry; seconds until it shows.

    Returns the first build's time (server up) and the edit-to-visible time.
    """
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict"]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    entry = sorted((root / "docs" / "testimony").glob("*-c0001.md"))[0]
    url = f"http://127.0.0.1:{port}/testimony/{entry.stem}/"
    start = time.perf_counter()
    log = open(root / "serve.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        while _get(url) is None:
            if server.poll() is not None or time.perf_counter() - start > timeout:
                raise SystemExit(f"mkdocs serve did not start; see {root / 'serve.log'}")
            time.sleep(0.2)
        first = time.perf_counter() - start
        time.sleep(1.5)  # let the watcher settle after the first build
        marker = f"Edited for the benchmark at {time.time_ns()}"
        text = entry.read_text(encoding="utf-8")
        edited = time.perf_counter()
        entry.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        while marker not in (_get(url) or ""):
            if time.perf_counter() - edited > timeout:
                raise SystemExit(f"the edit never showed; see {root / 'serve.log'}")
            time.sleep(0.05)
        return first, time.perf_counter() - edited
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def search_index(site: Path) -> tuple[int, int, int]:
    """Bytes, gzipped bytes (as a server sends it) and documents of the search index."""
    import gzip
    import json

    path = site / "search" / "search_index.json"
    raw = path.read_bytes()
    data = json.loads(raw.decode("utf-8"))
    return len(raw), len(gzip.compress(raw, 6)), len(data.get("docs", []))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="testimony entries (default 2000)")
    parser.add_argument("--dir", type=Path, help="where to grow the library (default: temporary)")
    parser.add_argument("--skip-plain", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--profile", type=Path, help="cProfile the project build into this file")
    args = parser.parse_args(argv)

    root = args.dir or Path(tempfile.mkdtemp(prefix="keepopen-scale-"))
    if root.exists() and any(root.iterdir()):
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    copy_library(root)
    entries = grow(root, args.n)
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    print(f"library: {entries} testimony entries, {pages} pages, in {root}", flush=True)

    project = build(root, "mkdocs.yml", "site-project", args.profile)
    print(f"project build (mkdocs.yml):        {project:8.2f} s", flush=True)
    size, packed, docs = search_index(root / "site-project")
    print(f"project search index:              {size / 1e6:8.2f} MB ({packed / 1e6:.2f} MB "
          f"gzipped), {docs} entries", flush=True)  # fmt: skip
    if not args.skip_plain:
        plain = build(root, str(plain_config(root)), "site-plain")
        print(f"plain Material (theme + search):   {plain:8.2f} s", flush=True)
        print(f"ratio project / plain:             {project / plain:8.2f}x", flush=True)
        size, packed, docs = search_index(root / "site-plain")
        print(f"plain search index:                {size / 1e6:8.2f} MB ({packed / 1e6:.2f} MB "
              f"gzipped), {docs} entries")  # fmt: skip
    if not args.skip_serve:
        first, edit = serve_edit(root)
        print(f"serve: first build {first:.2f} s; one entry edited, shown after {edit:.2f} s")


if __name__ == "__main__":
    main()
