"""Every `keepopen` command given hostile arguments answers with a message, never a traceback.

Runs in-process against a copy of the real library. Each case asserts: a non-zero exit, no
traceback, the offending value named in the message, and nothing written anywhere (the
library, the scratch files, the file-system root).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import keepopen.cli.check
from keepopen.cli import main
from keepopen.export import outdir

ROOT = Path(__file__).resolve().parents[2]
LIBRARY_PARTS = ("docs", "references", "taxonomies", "forums", "templates")
LIBRARY_FILES = ("mkdocs.yml", "redirects.yml", "published.yml")
LONG = "a" * 300


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`base/lib`: a copy of the real library; `base/...`: the hostile files the cases use."""
    base = tmp_path_factory.mktemp("hostile")
    lib = base / "lib"
    for name in LIBRARY_PARTS:
        shutil.copytree(ROOT / name, lib / name)
    for name in LIBRARY_FILES:
        shutil.copy2(ROOT / name, lib / name)
    (base / "afile").write_text("not a folder\n", encoding="utf-8")
    (base / "bin.md").write_bytes(bytes(range(256)))
    (base / "latin1.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    (base / "nonempty").mkdir()
    (base / "nonempty" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (base / "home").mkdir()
    (base / "locked").mkdir()
    (base / "not-a-library").mkdir()
    return base


def _snapshot(base: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `base` (but the tools' cache) with its size and time."""
    seen = {}
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d != ".cache"]
        for name in [*dirs, *files]:
            path = Path(folder, name)
            info = path.lstat()
            seen[path.relative_to(base).as_posix()] = (info.st_size, info.st_mtime_ns)
    return seen


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit status and everything printed (argparse's own usage errors included)."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses some values itself, with a usage message
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def in_library(world: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(world / "lib")
    monkeypatch.setenv("HOME", str(world / "home"))
    yield world


@pytest.fixture
def no_export_writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Fail loudly if an export starts writing: every hostile `--out` must be refused first."""
    started: list[Path] = []

    def refuse(self: outdir.OutputFolder) -> None:
        started.append(self.resolved)
        raise AssertionError(f"export started writing into {self.resolved}")

    monkeypatch.setattr(outdir.OutputFolder, "_start", refuse)
    return started


EXPORTS = {
    "data": ["export", "data"],
    "submission": ["export", "submission", "un-dcp-keep-open"],
    "brief": ["export", "brief", "control-means-continuity", "--forum", "un-dcp"],
}

# (case, --out relative to the world's base unless absolute, words the message must contain)
BAD_OUT = [
    ("existing-file", "afile", ["afile", "is a file"]),
    ("parent-is-file", "afile/sub", ["afile", "is a file"]),
    ("file-system-root", "/", ["--out /", "root of the file system"]),
    ("home-folder", "home", ["home", "home folder"]),
    ("non-empty", "nonempty", ["nonempty", "not empty", "--force"]),
    ("library-root", "lib", ["lib", "library's own folder"]),
    ("references", "lib/references", ["references", "references/ folder"]),
    ("inside-docs", "lib/docs/export", ["docs/export", "docs/ folder"]),
    ("unwritable", "locked/out", ["locked", "no permission"]),
    ("name-too-long", LONG, [LONG[:20], "longer than 255 bytes"]),
    ("contains-library", ".", ["library's own folder"]),
]


@pytest.mark.parametrize("export", sorted(EXPORTS))
@pytest.mark.parametrize(("case", "out", "words"), BAD_OUT, ids=[c[0] for c in BAD_OUT])
def test_bad_out_is_refused_before_anything_is_written(
    export: str,
    case: str,
    out: str,
    words: list[str],
    in_library: Path,
    no_export_writes: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = in_library
    target = out if out.startswith("/") else str(base / out)
    if case == "unwritable":
        # Root may write anywhere, so the permission check is told `locked/` is read-only.
        locked = str(base / "locked")
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if str(p) == locked else real_access(p, mode)
        )
    before, top = _snapshot(base), sorted(os.listdir("/"))
    code, printed = run([*EXPORTS[export], "--out", target], capsys)
    assert code == 2, printed
    assert "Traceback" not in printed
    for word in words:
        assert word in printed, printed
    assert not no_export_writes
    assert _snapshot(base) == before
    assert sorted(os.listdir("/")) == top


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_force_does_not_open_protected_places(
    export: str, in_library: Path, no_export_writes: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for out in ("/", str(in_library / "lib" / "references"), str(in_library / "home")):
        code, printed = run([*EXPORTS[export], "--out", out, "--force"], capsys)
        assert code == 2 and "Traceback" not in printed, printed
    assert not no_export_writes


def brief(*pages: str, forum: str = "un-dcp", extra: tuple[str, ...] = ()) -> list[str]:
    return ["export", "brief", *pages, "--forum", forum, *extra]


# (case, argv (`{base}` is the world's folder), expected exit, words the message must contain)
BAD_ARGS = [
    # export submission: the page argument
    ("sub-missing", ["export", "submission", "docs/nope.md"], 2, ["docs/nope.md"]),
    ("sub-unknown-id", ["export", "submission", "un-dcp-keep-opn"], 2, ["un-dcp-keep-open"]),
    ("sub-long-id", ["export", "submission", LONG], 2, [LONG]),
    ("sub-long-name", ["export", "submission", LONG + ".md"], 2, [LONG]),
    ("sub-folder", ["export", "submission", "docs"], 2, ["docs", "folder"]),
    ("sub-binary", ["export", "submission", "{base}/bin.md"], 2, ["bin.md", "UTF-8"]),
    ("sub-latin1", ["export", "submission", "{base}/latin1.md"], 2, ["latin1.md", "UTF-8"]),
    ("sub-not-md", ["export", "submission", "{base}/afile"], 2, ["afile", ".md"]),
    ("sub-not-submission", ["export", "submission", "docs/index.md"], 1, ["SUB206"]),
    ("sub-root", ["export", "submission", "x", "--root", "{base}/not-a-library"], 2, ["docs/"]),
    # export brief: pages, forum, fields
    (
        "brief-twice",
        brief("control-means-continuity", "control-means-continuity"),
        2,
        ["control-means-continuity is given twice"],
    ),
    (
        "brief-same-page",
        brief("control-means-continuity", "docs/arguments/control-means-continuity.md"),
        2,
        ["same page"],
    ),
    ("brief-missing", brief("no-such-page"), 2, ["no-such-page"]),
    ("brief-binary", brief("{base}/bin.md"), 2, ["bin.md"]),
    ("brief-folder", brief("docs/arguments"), 2, ["docs/arguments"]),
    ("brief-field", brief("control-means-continuity", extra=("--field", "=x")), 2, ["=x"]),
    # forum names are ids of files in forums/, never paths
    ("forum-traversal", brief("control-means-continuity", forum="../../x"), 2, ["../../x"]),
    ("forum-absolute", brief("control-means-continuity", forum="/etc/passwd"), 2, ["/etc/pas"]),
    ("forum-unknown", brief("control-means-continuity", forum="nope"), 2, ["nope", "un-dcp"]),
    ("forum-long", brief("control-means-continuity", forum=LONG), 2, [LONG]),
    ("forum-newline", brief("control-means-continuity", forum="un-dcp\nx"), 2, ["un-dcp\\nx"]),
    # the other exports' --root
    ("data-root", ["export", "data", "--root", "{base}/not-a-library"], 2, ["not-a-library"]),
    ("data-root-file", ["export", "data", "--root", "{base}/afile"], 2, ["afile"]),
    ("published-root", ["export", "published", "--root", "{base}/not-a-library"], 2, ["docs/"]),
    # keepopen new
    *[
        (f"new-{kind}-long-id", ["new", kind, "--title", "T", "--id", LONG, *extra], 2, ["300"])
        for kind, extra in (
            ("testimony", []),
            ("argument", []),
            ("event", ["--date", "2024-05-13"]),
        )
    ],
    ("new-id-path", ["new", "testimony", "--title", "T", "--id", "../../x"], 2, ["../../x"]),
    ("new-id-spaces", ["new", "testimony", "--title", "T", "--id", "Bad Id"], 2, ["Bad Id"]),
    (
        "new-event-date-path",
        ["new", "event", "--title", "T", "--date", "../../x"],
        2,
        ["date"],
    ),
    (
        "new-root",
        ["new", "testimony", "--title", "T", "--root", "{base}/not-a-library"],
        2,
        ["not-a-library"],
    ),
    # keepopen refs fmt
    ("refs-missing", ["refs", "fmt", "nope.bib"], 2, ["nope.bib"]),
    ("refs-folder", ["refs", "fmt", "references"], 2, ["references", "folder"]),
    ("refs-binary", ["refs", "fmt", "{base}/bin.md"], 1, ["bin.md", "BIB006"]),
    # keepopen check
    ("check-missing", ["check", "docs/nope.md"], 2, ["docs/nope.md"]),
    ("check-root", ["check", "--root", "{base}/not-a-library"], 2, ["not-a-library"]),
    # keepopen schema
    ("schema-root", ["schema", "--check", "--root", "{base}/not-a-library"], 2, ["not-a-library"]),
    ("schema-root-file", ["schema", "--root", "{base}/afile"], 2, ["afile"]),
]


@pytest.mark.parametrize(("case", "argv", "code", "words"), BAD_ARGS, ids=[c[0] for c in BAD_ARGS])
def test_bad_arguments_get_a_message(
    case: str,
    argv: list[str],
    code: int,
    words: list[str],
    in_library: Path,
    no_export_writes: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = in_library
    argv = [a.replace("{base}", str(base)) for a in argv]
    if argv[0] == "export" and argv[1] != "published":
        argv += ["--out", str(base / "fresh-out")]
    before = _snapshot(base)
    got, printed = run(argv, capsys)
    assert got == code, printed
    assert "Traceback" not in printed
    for word in words:
        assert word in printed, printed
    assert not no_export_writes
    assert _snapshot(base) == before


def test_force_replaces_only_what_an_export_wrote(
    in_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "data"
    assert run(["export", "data", "--out", str(out)], capsys)[0] == 0
    code, printed = run(["export", "data", "--out", str(out)], capsys)
    assert code == 2 and "holds a previous export" in printed and "--force" in printed
    # A file the person added, a stale file the manifest lists, a doctored manifest entry.
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / "old.csv").write_text("stale\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("keep\n", encoding="utf-8")
    manifest = out / outdir.MANIFEST
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            '"files": [', '"files": [\n    "old.csv",\n    "../outside.txt",'
        ),
        encoding="utf-8",
    )
    (out / "testimony.csv").write_text("edited\n", encoding="utf-8")
    assert run(["export", "data", "--out", str(out), "--force"], capsys)[0] == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "outside.txt").is_file()
    assert not (out / "old.csv").exists()
    assert (out / "testimony.csv").read_text(encoding="utf-8").startswith("id,")


def test_force_never_replaces_a_file_it_did_not_write(
    in_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "datapackage.json").write_text("{}\n", encoding="utf-8")
    code, printed = run(["export", "data", "--out", str(tmp_path), "--force"], capsys)
    assert code == 2 and "datapackage.json was not written by keepopen" in printed
    assert (tmp_path / "datapackage.json").read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage.json"]


def test_a_submission_can_be_given_by_id(
    in_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub"
    # `--draft`: the library's draft entry still holds placeholders (its address and contact).
    code, printed = run(
        ["export", "submission", "un-dcp-keep-open", "--out", str(out), "--draft"], capsys
    )
    assert code == 0, printed
    assert (out / "submission.json").is_file() and (out / "submission.docx").is_file()


# --- the safety net in `main` ------------------------------------------------------------------


def _failing(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def boom(_args: object) -> int:
        raise error

    monkeypatch.setattr(keepopen.cli.check, "run", boom)


def test_an_unexpected_error_is_an_internal_error_message(
    in_library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KEEPOPEN_DEBUG", raising=False)
    _failing(monkeypatch, ZeroDivisionError("division by zero"))
    code, printed = run(["check"], capsys)
    assert code == 3
    assert "keepopen: internal error: ZeroDivisionError" in printed and "report" in printed
    assert "Traceback" not in printed


def test_keepopen_debug_shows_the_traceback(
    in_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEEPOPEN_DEBUG", "1")
    _failing(monkeypatch, ZeroDivisionError("division by zero"))
    with pytest.raises(ZeroDivisionError):
        main(["check"])


def test_a_file_error_names_the_file(
    in_library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KEEPOPEN_DEBUG", raising=False)
    _failing(monkeypatch, PermissionError(13, "Permission denied", "docs/locked.md"))
    code, printed = run(["check"], capsys)
    assert code == 2
    assert "keepopen: error: Permission denied: docs/locked.md" in printed


def test_an_undecodable_file_is_named_from_the_failing_frame(
    in_library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KEEPOPEN_DEBUG", raising=False)
    binary = in_library / "bin.md"

    def read(_args: object) -> int:
        path = binary
        return len(path.read_text(encoding="utf-8"))

    monkeypatch.setattr(keepopen.cli.check, "run", read)
    code, printed = run(["check"], capsys)
    assert code == 2
    assert f"{binary.as_posix()} is not UTF-8 text" in printed


def test_ctrl_c_exits_130(
    in_library: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _failing(monkeypatch, KeyboardInterrupt())
    code, printed = run(["check"], capsys)
    assert code == 130 and "interrupted" in printed


def test_a_page_that_is_not_utf8_is_named_by_every_command(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(world / "lib", lib, ignore=shutil.ignore_patterns(".cache"))
    page = lib / "docs" / "arguments" / "zz-latin1.md"
    page.write_bytes("---\ntype: argument\ntitle: caf\xe9\n---\n".encode("latin-1"))
    monkeypatch.chdir(lib)
    for argv, failed in (
        (["check"], True),
        (["check", "docs/arguments/zz-latin1.md"], True),
        (["export", "brief", "zz-latin1", "--forum", "un-dcp", "--out", str(tmp_path / "b")], True),
        (["export", "data", "--out", str(tmp_path / "d")], False),
    ):
        code, printed = run(argv, capsys)
        assert "Traceback" not in printed, argv
        if failed:
            assert code != 0 and "zz-latin1.md" in printed, (argv, printed)
