"""`keepopen new`: schema-valid files from templates, by flags or by answers; never overwrites."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from keepopen.checks.runner import run_checks
from keepopen.cli import main
from keepopen.content.frontmatter import parse
from keepopen.content.schema import generate_schemas
from keepopen.content.validate import validate_front_matter

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "check" / "_library"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(ROOT / "templates", root / "templates")
    monkeypatch.chdir(root)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    return root


def _valid(path: Path, root: Path) -> None:
    fm, _ = parse(path.read_text(encoding="utf-8"))
    assert fm is not None
    model, problems = validate_front_matter(fm, path.name)
    assert problems == [] and model is not None
    schema = generate_schemas(root)[f"{fm.data['type']}.schema.json"]
    data = dict(fm.data)
    # `[todo]` placeholders are not vocabulary ids: the schema flags them, as `check` does.
    for name in ("themes", "models"):
        if name in data:
            data[name] = [v for v in data[name] if v != "todo"]
    errors = [
        e.message
        for e in jsonschema.Draft202012Validator(schema).iter_errors(data)
        if not e.message.startswith("[] should be non-empty")
    ]
    assert errors == []


def test_new_testimony_from_flags(repo, capsys):
    code = main(
        [
            "new",
            "testimony",
            "--title",
            "A quiet evening",
            "--themes",
            "continuity",
            "--models",
            "gpt-4o",
            "--period-start",
            "2024-05",
            "--source-type",
            "public-post",
        ]
    )
    assert code == 0
    path = repo / "docs" / "testimony" / "a-quiet-evening.md"
    assert "wrote docs/testimony/a-quiet-evening.md" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n# yaml-language-server: $schema=../../schemas/testimony.schema.json\n"
    )
    assert "themes: [continuity]\n" in text and 'start: "2024-05"' in text
    _valid(path, repo)
    # Everything not given is a TODO placeholder that `keepopen check` reports, and only that.
    result = run_checks(repo)
    codes = {d.code for d in result.diagnostics if d.path.endswith("a-quiet-evening.md")}
    assert codes == {"TPL001"}
    lines = [d.line for d in result.diagnostics if d.path.endswith("a-quiet-evening.md")]
    assert len(lines) == 7  # summary, where, scope, attribution, method, withdraw, body


@pytest.mark.parametrize(
    ("kind", "flags", "path"),
    [
        (
            "argument",
            ["--title", "Open weights keep models alive"],
            "docs/arguments/open-weights-keep-models-alive.md",
        ),
        (
            "event",
            ["--title", "GPT-4o retired", "--date", "2026-02-13", "--kind", "retirement"],
            "docs/evidence/events/2026-02-13-gpt-4o-retired.md",
        ),
    ],
)
def test_new_argument_and_event(repo, kind, flags, path):
    assert main(["new", kind, *flags]) == 0
    _valid(repo / path, repo)


def test_refuses_to_overwrite(repo, capsys):
    target = repo / "docs" / "testimony" / "quiet-loss.md"
    before = target.read_text(encoding="utf-8")
    assert main(["new", "testimony", "--title", "Quiet loss"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == before


def test_missing_required_flag_is_a_usage_error(repo, capsys):
    assert main(["new", "event", "--title", "Something happened"]) == 2
    assert "missing --date" in capsys.readouterr().err
    assert not (repo / "docs" / "evidence" / "events" / "something-happened.md").exists()


def test_bad_value_writes_nothing(repo, capsys):
    assert main(["new", "event", "--title", "X", "--date", "2024-13-40"]) == 2
    assert "FM006 `date` is not a valid date" in capsys.readouterr().err
    assert sorted(p.name for p in (repo / "docs" / "evidence" / "events").iterdir()) == [
        "2024-05-13-gpt-4o-release.md"
    ]


def test_interactive_answers_from_a_pipe(repo, monkeypatch, capsys):
    answers = (
        "\n".join(
            [
                "Moving my notes",
                "",
                "A person describes moving their notes to another tool.",
                "2026-11-20",
                "2025-01",
                "2026-02",
                "fr",
                "gpt-4o, gpt-4.1",
                "continuity",
                "nonsense",
                "interview",
                "an interview by the editors",
                "",
                "quote",
                "pseudonym",
                "consent form",
                "write to the editors",
                "They paraphrased the experience.",
            ]
        )
        + "\n"
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    assert main(["new", "testimony", "--interactive"]) == 0
    err = capsys.readouterr().err
    assert "please answer one of: submitted, public-post, interview" in err
    path = repo / "docs" / "testimony" / "moving-my-notes.md"
    _valid(path, repo)
    fm, body = parse(path.read_text(encoding="utf-8"))
    assert fm.data["models"] == ["gpt-4o", "gpt-4.1"]
    assert fm.data["period"] == {"start": "2025-01", "end": "2026-02"}
    assert fm.data["source_type"] == "interview" and fm.data["language"] == "fr"
    assert fm.data["consent"]["attribution"] == "pseudonym"
    assert "They paraphrased the experience." in body
    assert [d.code for d in run_checks(repo).diagnostics] == []


def test_cli_entry_point_with_piped_stdin(repo):
    # A real process whose stdin is a pipe (not a terminal) takes flags and asks nothing.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from keepopen.cli import main; sys.exit(main())",
            "new",
            "argument",
            "--title",
            "Piped",
        ],
        cwd=repo,
        input="",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (repo / "docs" / "arguments" / "piped.md").exists()
