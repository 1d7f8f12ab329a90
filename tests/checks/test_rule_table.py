"""Every diagnostic code the tools can print is registered in `keepopen.rules` and documented.

The source is searched for code literals (`"REF001"`), so a module that reports a new code
without registering it fails here, whatever its family.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from keepopen.diagnostics import Severity
from keepopen.rules import FAMILIES, RULES, all_rules

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "keepopen"
CODE = re.compile(r"""["']([A-Z]{2,4}\d{3})["']""")


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_code_in_the_source_is_registered() -> None:
    used = {code for module in _sources() for code in CODE.findall(module.read_text("utf-8"))}
    assert len(used) > 50, "few codes found: the pattern is stale"
    assert used - set(RULES) == set(), (
        f"codes missing from keepopen.rules: {sorted(used - set(RULES))}"
    )


def test_every_registered_code_is_in_the_rule_table() -> None:
    page = (ROOT / "docs" / "contribute" / "content-model.md").read_text("utf-8")
    in_table = set(re.findall(r"^\| `([A-Z]{2,4}\d{3})` \|", page, re.MULTILINE))
    assert set(RULES) == in_table


def test_every_code_belongs_to_a_described_family() -> None:
    assert {rule.family for rule in all_rules()} == set(FAMILIES)
    assert len(all_rules()) == len(RULES)


def _severity_given(call: ast.Call) -> Severity | None:
    """The severity a `Diagnostic(path, line, col, code, message, fix, severity)` call states."""
    given = call.args[6] if len(call.args) > 6 else None
    given = next((k.value for k in call.keywords if k.arg == "severity"), given)
    if given is None:
        return Severity.ERROR  # the dataclass default
    text = ast.unparse(given)
    if "WARNING" in text:
        return Severity.WARNING
    if "ERROR" in text:
        return Severity.ERROR
    return None  # computed (e.g. `severity_of(code)`): nothing to compare


def test_severities_written_in_the_source_agree_with_the_registry() -> None:
    # Modules that build a `Diagnostic` directly (not through `make`) must not contradict it.
    wrong = []
    for module in _sources():
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "Diagnostic"):
                continue
            if len(node.args) < 4 or not isinstance(node.args[3], ast.Constant):
                continue
            code, given = node.args[3].value, _severity_given(node)
            if code in RULES and given is not None and given is not RULES[code].severity:
                wrong.append(f"{module.relative_to(SRC)}:{node.lineno}: {code} as {given}")
    assert wrong == []
