"""The GitHub workflows: actionlint finds nothing, actions are pinned, permissions are least
privilege, and every `run:` step calls only `make` targets and `keepopen` commands that exist.

Workflows cannot run here; these checks are what can fail before they run on the forge.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from keepopen.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
#: Programs a step may call besides `make` and `keepopen`: installing system packages.
SYSTEM_TOOLS = {"apt-get"}
#: Jobs allowed to write, and what: everything else reads only.
WRITERS = {
    ("publish.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("issue-to-draft.yml", "draft"): {"contents": "write", "pull-requests": "write"},
}


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict[str, Any]):
    for job_name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def _commands(script: str) -> list[list[str]]:
    """Each simple command of a `run:` script as words (variables and redirections removed)."""
    script = re.sub(r"\\\n", " ", script)
    out = []
    for part in re.split(r"&&|\|\||;|\n|\|", script):
        words = shlex.split(part, comments=True)
        cleaned, skip = [], False
        for word in words:
            if skip:
                skip = False
                continue
            if word in (">", ">>", "<", "2>"):
                skip = True  # the redirection's target
                continue
            cleaned.append(re.sub(r"\$\{?\w+\}?", "VALUE", word))
        if cleaned:
            out.append(cleaned)
    return out


def test_there_are_workflows_for_pull_requests_and_publishing() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "publish.yml"} <= names


def _actionlint() -> str | None:
    return shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )


def test_actionlint_finds_nothing() -> None:
    actionlint = _actionlint()
    if actionlint is None:
        message = "actionlint not found: install the test extra (pip install -e '.[test]')"
        if IN_CI:
            pytest.fail(f"CI=true and {message}")
        pytest.skip(message)
    result = subprocess.run(
        [actionlint, "-no-color", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_version(path: Path) -> None:
    for job, step in _steps(_load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+(\.\d+){0,2}", step["uses"]), (
                f"{path.name} job {job}: pin {step['uses']} to a version tag"
            )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_least_privilege(path: Path) -> None:
    workflow = _load(path)
    assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: top permissions"
    for job_name, job in workflow["jobs"].items():
        expected = WRITERS.get((path.name, job_name))
        assert job.get("permissions") == expected, f"{path.name} job {job_name}: permissions"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_run_steps_call_only_make_targets_and_keepopen_commands(path: Path) -> None:
    targets = _make_targets()
    parser = build_parser()
    for job, step in _steps(_load(path)):
        for words in _commands(step.get("run", "")):
            program = words[0]
            where = f"{path.name} job {job}: `{' '.join(words)}`"
            if program == "make":
                assert words[1:] and set(words[1:]) <= targets, f"{where}: no such make target"
            elif program in (".venv/bin/keepopen", "keepopen"):
                try:
                    parser.parse_args(words[1:])
                except SystemExit:
                    pytest.fail(f"{where}: not a keepopen command")
            else:
                assert program in SYSTEM_TOOLS, f"{where}: call a make target or keepopen"


def test_the_command_reader_sees_through_redirections_and_folds() -> None:
    script = 'apt-get update -qq &&\napt-get install -y x\nkeepopen changes --base "o/$B" >> "$F"'
    assert _commands(script) == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "x"],
        ["keepopen", "changes", "--base", "o/VALUE"],
    ]
