"""`bench/run.py --instructions` reads each build's count from cachegrind and prints the ratio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Stands in for valgrind: writes the count cachegrind would, 100 for plain Material, else 103.
FAKE_VALGRIND = """#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    --cachegrind-out-file=*) out="${arg#*=}" ;;
    *mkdocs-plain.yml) count=100 ;;
  esac
done
printf 'events: Ir\\nsummary: %s\\n' "${count:-103}" > "$out"
"""


def _run(tmp_path: Path, path: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--pages", "2", "--refs", "40",
               "--skip", "keepopen-ext", "--skip", "mkdocs-bibtex", "--instructions",
               "--dir", str(tmp_path / "corpus")]  # fmt: skip
    env = {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def test_counts_are_read_from_cachegrind_and_compared_with_plain(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    fake = tools / "valgrind"
    fake.write_text(FAKE_VALGRIND)
    fake.chmod(0o755)
    done = _run(tmp_path, f"{tools}{os.pathsep}{os.environ['PATH']}")
    assert done.returncode == 0, done.stderr
    assert "plain             0.000 G instructions  1.000x" in done.stdout
    assert "keepopen          0.000 G instructions  1.030x" in done.stdout


def test_without_valgrind_it_says_what_to_install(tmp_path: Path) -> None:
    done = _run(tmp_path, str(Path(sys.executable).parent))
    assert done.returncode != 0
    assert "--instructions needs valgrind (Debian: apt install valgrind)" in done.stderr
