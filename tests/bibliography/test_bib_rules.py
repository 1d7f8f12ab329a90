"""`check_bibliography`: the project's rules for `.bib` entries, each with its exact line."""

from __future__ import annotations

from pathlib import Path

from keepopen.bibliography import check_bibliography, load_bibliography

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "tests" / "fixtures" / "bib"


def check(*names: str) -> list[str]:
    bib = load_bibliography([BIB / name for name in names], root=ROOT)
    return [d.format() for d in check_bibliography(bib)]


def test_project_file_is_clean() -> None:
    assert check("good/project.bib") == []


def test_every_entry_rule_with_its_line() -> None:
    p = "tests/fixtures/bib/broken/rules.bib"
    assert check("broken/rules.bib") == [
        f"{p}:3:1: BIB011 `no_link` has neither `url` nor `doi` (fix: add `url = {{https://...}}`"
        " (the page you read) or `doi = {10...}`)",
        f"{p}:11:1: BIB012 `verification = {{primery}}` is not one of primary, secondary, "
        "unverified (fix: did you mean `primary`? primary: the original was read; secondary: a "
        "report about it was read; unverified: neither)",
        f"{p}:14:1: BIB013 `no_verification` has no `verification` field (fix: add "
        "`verification = {primary}`, `{secondary}` or `{unverified}`)",
        f"{p}:19:1: BIB010 `@article` entry `article_missing_fields` has no `author` (fix: add "
        "`author = {...}`)",
        f"{p}:19:1: BIB010 `@article` entry `article_missing_fields` has no `date` or `year` "
        "(fix: add `date = {...}`)",
        f"{p}:19:1: BIB010 `@article` entry `article_missing_fields` has no `journaltitle` or "
        "`journal` (fix: add `journaltitle = {...}`)",
        f"{p}:25:1: BIB015 key `Bad-Key2020` should use only lower-case letters, digits and `_` "
        "(fix: rename it, e.g. to `bad_key2020` (and update citations))",
        f"{p}:29:1: BIB016 `urldate = {{23/11/2026}}` is not a YYYY-MM-DD date (fix: write the "
        "day you saw the page as e.g. `2026-11-23`)",
        f"{p}:32:1: BIB017 `@softwarez` is not an entry type the style knows; it prints as a "
        "generic reference (fix: use one of: article, book, booklet, collection, conference, "
        "dataset, inbook, incollection, inproceedings, manual, mastersthesis, misc, online, "
        "phdthesis, proceedings, report, software, techreport, thesis, unpublished)",
        f"{p}:36:1: BIB004 `undefinedmacro` is not a defined @string macro (fix: put the value "
        "in braces (`{undefinedmacro}`) or define `@string{undefinedmacro = {...}}` above)",
        f"{p}:40:1: BIB018 `author` name `Smith, John, Jones, Ann` has too many commas (fix: "
        "separate people with `and` (`Smith, John and Doe, Jane`); put a corporate name in "
        "double braces (`{{Example Institute, Inc.}}`))",
        f"{p}:48:1: BIB019 `url = {{javascript:alert(1)}}` is not a web address (http:// or "
        "https://) (fix: give the full address of the page, starting with https://)",
    ]


def test_at_sign_outside_entries() -> None:
    p = "tests/fixtures/bib/broken/comment_at.bib"
    assert check("broken/comment_at.bib") == [
        f"{p}:1:19: BIB014 `@` outside an entry: BibTeX reads it as the start of an entry (fix: "
        "remove the `@` from the comment, or wrap the comment in `@comment{...}`)",
        f"{p}:8:1: BIB014 `@misc broken_header,` looks like an entry header that could not be "
        "read, so this entry is missing (fix: write the header as `@type{key,` (an opening "
        "brace, then the key and a comma))",
    ]


def test_load_problems_are_included_unless_asked_not_to() -> None:
    bib = load_bibliography([BIB / "broken" / "dup_field.bib"], root=ROOT)
    assert [d.code for d in check_bibliography(bib)] == ["BIB003"]
    assert check_bibliography(bib, include_load=False) == []


def test_severities() -> None:
    bib = load_bibliography([BIB / "broken" / "rules.bib"], root=ROOT)
    warnings = {d.code for d in check_bibliography(bib) if d.severity.value == "warning"}
    assert warnings == {"BIB015", "BIB016", "BIB017", "BIB019"}
