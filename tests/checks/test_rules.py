"""Every rule fires on its fixture with exactly the expected line; the clean library is clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keepopen.cli import main
from keepopen.rules import RULES

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "cases"

CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _expected(case: str) -> list[str]:
    return (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_clean_library_has_no_problems(library, capsys):
    library()
    assert main(["check"]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert "no problems in 5 pages" in out.err


@pytest.mark.parametrize("case", CASE_NAMES)
def test_rule_fixture_prints_exact_lines(case, library, capsys):
    library(case)
    expected = _expected(case)
    assert expected, f"{case} has no expected.txt lines"
    code = main(["check"])
    assert capsys.readouterr().out.splitlines() == expected
    failing = any(
        RULES.get(line.split()[1]) is None or RULES[line.split()[1]].severity.value == "error"
        for line in expected
    )
    assert code == (1 if failing else 0)


#: Families with their own tests elsewhere: `.bib` files (tests/bibliography), permanent
#: addresses (tests/citepage), submission exports and forum profiles (tests/submission).
_TESTED_ELSEWHERE = {"BIB", "PUB", "SUB", "FRM"}


def test_every_rule_has_a_failing_fixture():
    codes = {line.split()[1] for case in CASE_NAMES for line in _expected(case)}
    checked = {code for code, rule in RULES.items() if rule.family not in _TESTED_ELSEWHERE}
    assert checked - codes == set()


def test_warnings_fail_only_with_strict(library, capsys):
    library("ref005-never-cited")
    assert main(["check"]) == 0
    assert main(["check", "--strict"]) == 1
    assert "REF005" in capsys.readouterr().out


def test_paths_limit_the_report(library, capsys):
    library("lnk002-missing-anchor")
    assert main(["check", "docs/testimony"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "docs/notes.md"]) == 1
    assert capsys.readouterr().out.splitlines() == _expected("lnk002-missing-anchor")


def test_json_format(library, capsys):
    library("voc001-unknown-theme")
    assert main(["check", "--format", "json"]) == 1
    [item] = json.loads(capsys.readouterr().out)
    assert item == {
        "path": "docs/testimony/quiet-loss.md",
        "line": 10,
        "col": 28,
        "code": "VOC001",
        "severity": "error",
        "message": "unknown theme `continuty`",
        "fix": "did you mean `continuity`?",
    }


def test_json_format_when_clean_is_an_empty_list(library, capsys):
    library()
    assert main(["check", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_github_format(library, capsys):
    library("ref005-never-cited")
    assert main(["check", "--format", "github"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "::warning file=references/extra.bib,line=1,col=1,title=REF005::REF005 reference "
        "`spare2025` is never cited (fix: cite it from a page (`[@key]`) or remove it)"
    ]


def test_missing_path_is_a_usage_error(library, capsys):
    library()
    assert main(["check", "docs/nope.md"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(library):
    library()
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--format", "xml"])
    assert exit_info.value.code == 2
