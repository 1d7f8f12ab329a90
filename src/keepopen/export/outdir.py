"""The one place every export decides where it may write (`--out`), and writes there.

`prepare_output` checks the folder before any work is done and writes nothing:

- refused always: a file, a folder that cannot be created or written, the root of the file
  system, the home folder, a library's own folder or anything inside the folders a library reads
  (`docs/`, `references/`, ...), and any folder that contains a library;
- refused unless `force`: a folder that is not empty;
- with `force`: only files a previous export recorded in its manifest (`.keepopen-export.json`)
  are replaced or removed. A file the tool did not write stops the export instead, so nothing
  a person put there is ever lost.

`OutputFolder.write` then writes each file (through a temporary file, so a file is either the
old one or the new one), or an export makes its whole package in `staging()`, a temporary folder
next to `--out`, and `move`s each file into place; `finish` removes what the previous export
wrote and this one did not (a stale `submission.pdf`), and records what this one wrote.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from keepopen.errors import UserError

__all__ = ["MANIFEST", "PROTECTED_FOLDERS", "OutputFolder", "prepare_output"]

#: Lists the files an export wrote, so a later `--force` replaces only those.
MANIFEST = ".keepopen-export.json"
#: Folders of a library that the tools read: exporting into them would corrupt the library
#: (e.g. `export data --out references` adds a second copy of every reference).
PROTECTED_FOLDERS = (
    "docs",
    "references",
    "taxonomies",
    "forums",
    "templates",
    "schemas",
    "overrides",
    "src",
    ".git",
)
_EMPTY_OR_FORCE = "choose an empty folder, or add --force to replace a previous export there"
_ELSEWHERE = "choose a new folder outside the library, e.g. --out ../keepopen-export"


@dataclass
class OutputFolder:
    """A checked `--out` folder: where it is and which files this export may write there."""

    path: Path  # as given, for messages and for the paths reported back
    resolved: Path
    names: frozenset[str]
    kind: str
    previous: frozenset[str] = frozenset()  # files the previous export's manifest lists
    _started: bool = field(default=False, repr=False)

    def write(self, name: str, data: bytes) -> Path:
        """Write `data` as `name` in the folder; return its path as the caller named the folder."""
        if name not in self.names:
            raise ValueError(f"{name} is not among the files this export declared")
        if not self._started:
            self._start()
        target = self.resolved / name
        self._guard(lambda: _replace(target, data), self.path / name)
        return self.path / name

    def copy(self, name: str, source: Path) -> Path:
        """Write the file at `source` (e.g. printed in a temporary folder) as `name`."""
        return self.write(name, source.read_bytes())

    def staging(self) -> tempfile.TemporaryDirectory[str]:
        """A temporary folder next to `--out` (same disk), where the whole package is made.

        Nothing appears in `--out` until every file is made; `move` then puts each in place.
        """
        near = self.resolved if self.resolved.is_dir() else self.resolved.parent
        while not near.is_dir():  # `--out` and its parents may not exist yet
            near = near.parent
        return tempfile.TemporaryDirectory(prefix=".keepopen-staging-", dir=near)

    def move(self, name: str, source: Path) -> Path:
        """Move the file made at `source` (in `staging()`) into the folder as `name`."""
        if name not in self.names:
            raise ValueError(f"{name} is not among the files this export declared")
        if not self._started:
            self._start()
        os.chmod(source, 0o666 & ~_umask())
        self._guard(lambda: os.replace(source, self.resolved / name), self.path / name)
        return self.path / name

    def finish(self, written: Iterable[str]) -> None:
        """Remove files only the previous export wrote; record what this export wrote."""
        if not self._started:
            self._start()
        kept = set(written)
        for name in sorted(self.previous - kept):
            stale = self.resolved / name
            # Only a regular file the manifest names; a folder or link there is left alone.
            if stale.is_file() and not stale.is_symlink():
                self._guard(stale.unlink, self.path / name)
        self._write_manifest(kept)

    def _start(self) -> None:
        self._guard(lambda: self.resolved.mkdir(parents=True, exist_ok=True), self.path)
        # Written first, listing old and new files: an interrupted export leaves files that a
        # later `--force` still recognises as its own.
        self._write_manifest(self.previous | self.names)
        self._started = True

    def _write_manifest(self, names: Iterable[str]) -> None:
        manifest = {"written_by": "keepopen", "export": self.kind, "files": sorted(names)}
        data = (json.dumps(manifest, indent=2) + "\n").encode()
        self._guard(lambda: _replace(self.resolved / MANIFEST, data), self.path / MANIFEST)

    @staticmethod
    def _guard(action, shown: Path) -> None:
        try:
            action()
        except OSError as exc:
            raise UserError(
                f"cannot write {shown.as_posix()}: {exc.strerror or exc}",
                "choose another --out folder that you can write to",
            ) from exc


def prepare_output(
    out: Path,
    names: Iterable[str],
    *,
    kind: str,
    root: Path | None = None,
    force: bool = False,
) -> OutputFolder:
    """Check `out` for an export of `kind` that writes `names`; raise `UserError` if unsafe.

    `root` is the library being exported; folders inside any library found above `out` are
    refused as well. Nothing is written or created here.
    """
    shown = out.as_posix()
    resolved = Path(os.path.abspath(out)).resolve()
    _refuse_special(shown, resolved, root)
    names = frozenset(names)
    if not os.path.lexists(resolved):
        _check_creatable(shown, resolved)
        return OutputFolder(out, resolved, names, kind)
    if not resolved.is_dir():
        raise UserError(
            f"--out {shown} is a file, not a folder",
            "give a folder name that does not exist yet, or an empty folder",
        )
    if not os.access(resolved, os.W_OK | os.X_OK):
        raise UserError(f"no permission to write in {shown}", "choose a folder you can write to")
    present = sorted(p.name for p in resolved.iterdir())
    if not present:
        return OutputFolder(out, resolved, names, kind)
    previous = _manifest(resolved)
    if not force:
        what = "holds a previous export" if previous else f"is not empty ({_some(present)})"
        raise UserError(f"--out {shown} {what}", _EMPTY_OR_FORCE)
    for name in sorted(names | {MANIFEST}):
        target = resolved / name
        ours = name == MANIFEST or name in previous
        if os.path.lexists(target) and (not ours or target.is_symlink() or not target.is_file()):
            raise UserError(
                f"{(out / name).as_posix()} was not written by keepopen, so --force "
                "will not replace it",
                "move that file elsewhere, or choose an empty folder",
            )
    return OutputFolder(out, resolved, names, kind, previous)


def _refuse_special(shown: str, resolved: Path, root: Path | None) -> None:
    """Places no export may write into, even with --force."""
    if resolved == Path(resolved.anchor):
        raise UserError(f"--out {shown} is the root of the file system", _ELSEWHERE)
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder: nothing to protect
        if resolved == Path.home().resolve():
            raise UserError(f"--out {shown} is your home folder", _ELSEWHERE)
    # `os.path.isfile`, not `Path.is_file`: it answers False for an over-long name.
    libraries = {p for p in (resolved, *resolved.parents) if os.path.isfile(p / "mkdocs.yml")}
    if root is not None:
        libraries.add(Path(os.path.abspath(root)).resolve())
    for library in sorted(libraries):
        if resolved == library or library.is_relative_to(resolved):
            raise UserError(f"--out {shown} is the library's own folder", _ELSEWHERE)
        for name in PROTECTED_FOLDERS:
            if resolved.is_relative_to(library / name):
                raise UserError(
                    f"--out {shown} is inside the library's {name}/ folder, which the "
                    "tools read; exported files there would corrupt the library",
                    _ELSEWHERE,
                )


def _check_creatable(shown: str, resolved: Path) -> None:
    """The nearest existing folder above `resolved` must be a folder we may write in."""
    parent = resolved
    while not os.path.lexists(parent):
        # File systems cap one name at 255 bytes; say so rather than fail half-way.
        if len(os.fsencode(parent.name)) > 255:
            raise UserError(
                f"cannot create --out {shown}: the name {parent.name[:20]}... is longer "
                "than 255 bytes",
                "choose a shorter folder name",
            )
        parent = parent.parent
    if not parent.is_dir():
        raise UserError(
            f"cannot create --out {shown}: {parent.as_posix()} is a file",
            "choose a folder whose parent is a folder",
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(
            f"cannot create --out {shown}: no permission to write in {parent.as_posix()}",
            "choose a folder you can write to",
        )


def _manifest(folder: Path) -> frozenset[str]:
    """Plain file names a previous export recorded (empty when there is no readable manifest)."""
    path = folder / MANIFEST
    if path.is_symlink() or not path.is_file():
        return frozenset()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return frozenset()
    # Only bare names in this folder: a doctored manifest must not point elsewhere.
    return frozenset(
        n
        for n in files
        if isinstance(n, str)
        and n not in ("", ".", "..", MANIFEST)
        and Path(n).name == n
        and "\\" not in n
    )


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return f"{len(names)} item(s): {shown}{', ...' if len(names) > 3 else ''}"


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file in the same folder.

    `os.replace` swaps the name, so a link at `target` is replaced, never followed.
    """
    fd, tmp = tempfile.mkstemp(prefix=".keepopen-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a file's usual mode
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
