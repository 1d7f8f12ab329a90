"""Every diagnostic code the tools can print is documented in the rule table."""

from __future__ import annotations

import re
from pathlib import Path

from keepopen.checks.codes import all_rules

SRC = Path(__file__).resolve().parents[2] / "src" / "keepopen"
CHECK_CODE = re.compile(r"\"((?:BIB|PUB|FM|ID|VOC|REF|CON|SEC|LNK|TPL)\d{3})\"")


def test_every_code_in_the_source_is_in_the_rule_table() -> None:
    used = {
        code
        for module in SRC.rglob("*.py")
        for code in CHECK_CODE.findall(module.read_text(encoding="utf-8"))
    }
    documented = {rule.code for rule in all_rules()}
    assert used, "no codes found: the pattern is stale"
    assert used <= documented, f"undocumented codes: {sorted(used - documented)}"


def test_codes_are_unique() -> None:
    codes = [rule.code for rule in all_rules()]
    assert len(codes) == len(set(codes))
