"""The per-file cache: parsed and formatted entries, keyed by the file's and the code's hash.

One cache file per `.bib` file (named after its path, so stale versions are overwritten rather
than piling up). A cache file is used only when its stored digest equals
sha256(code version, path, file bytes); anything unreadable counts as a miss.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

__all__ = ["CACHE_DIR", "code_version", "digest", "load", "source_hash", "store"]

#: Where every tool keeps the cache by default, relative to the repository root (git-ignored);
#: a library may move it with the `cache_dir` setting (`LibrarySettings.cache_dir`).
#: The default cache folder, relative to the library; `keepopen.settings` can move it.
CACHE_DIR = Path(".cache/keepopen")


@functools.lru_cache(maxsize=32)
def source_hash(*modules: str) -> str:
    """A hash of the named modules' source files, for caches of results they compute."""
    import importlib.util

    h = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        h.update(name.encode() + b"\0" + (Path(origin).read_bytes() if origin else b""))
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of this package's source and of the parser/formatter versions it relies on."""
    package = __name__.rpartition(".")[0]
    modules = sorted(f"{package}.{p.stem}" for p in Path(__file__).parent.glob("*.py"))
    h = hashlib.sha256(source_hash(*modules).encode())
    for dist in ("bibtexparser", "pybtex", "pylatexenc"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{dist}={metadata.version(dist)}".encode())
    return h.hexdigest()


def digest(path: str, data: bytes) -> str:
    """The cache key of one file's content."""
    h = hashlib.sha256(code_version().encode())
    h.update(path.encode() + b"\0")
    h.update(data)
    return h.hexdigest()


def _slot(cache_dir: Path, path: str) -> Path:
    return cache_dir / f"bib-{hashlib.sha256(path.encode()).hexdigest()[:20]}.pickle"


def load(cache_dir: Path, path: str, data: bytes) -> object | None:
    """The cached result for this file content, or None on a miss."""
    try:
        with _slot(cache_dir, path).open("rb") as fh:
            stored_digest, result = pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or from old code: a miss
        return None
    return result if stored_digest == digest(path, data) else None


def store(cache_dir: Path, path: str, data: bytes, result: object) -> None:
    """Save a result atomically (a crash never leaves a half-written cache file)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((digest(path, data), result), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _slot(cache_dir, path))
    except OSError:
        pass  # a read-only cache folder only costs speed
