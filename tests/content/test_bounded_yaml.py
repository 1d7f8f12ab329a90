"""Hostile YAML is refused before it is expanded: alias bombs, recursive aliases, deep nesting,
oversized front matter, in pages and in every YAML data file contributors write."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from keepopen.citepage.permalinks import check_published, load_redirects
from keepopen.cli import main
from keepopen.content.frontmatter import FrontMatterError, parse
from keepopen.content.safe_yaml import YamlLimitError, load_yaml
from keepopen.content.vocab import load_vocabulary
from keepopen.forums import ProfileError, load_profile

LIBRARY = Path(__file__).resolve().parents[1] / "fixtures" / "check" / "_library"
FORUM = LIBRARY / "forums"

# The 421-byte "billion laughs" of the issue: 9**7 strings once expanded.
BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
)


def page(front: str) -> str:
    return f"---\ntype: argument\nid: x\n{front}---\n\nBody.\n"


def refused(text: str) -> FrontMatterError:
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    return info.value


def test_alias_bomb_is_refused_quickly_at_its_first_anchor() -> None:
    start = time.monotonic()
    error = refused(page(BOMB + "title: [*g]\n"))
    assert time.monotonic() - start < 2
    assert (error.code, error.line, error.col) == ("FM011", 4, 4)
    assert error.message == (
        "front matter uses a YAML anchor (`&a`); anchors and aliases are not allowed"
    )
    assert "write the value out in full" in error.fix


def test_recursive_alias_is_refused_not_a_recursion_error() -> None:
    error = refused(page("title: &t [*t]\n"))
    assert (error.code, error.line) == ("FM011", 4)


def test_a_lone_alias_is_named_with_its_place() -> None:
    error = refused(page("title: *nowhere\n"))
    assert (error.code, error.line, error.col) == ("FM011", 4, 8)
    assert "YAML alias (`*nowhere`)" in error.message


def test_merge_keys_are_aliases_too() -> None:
    assert refused(page("base: &b {x: 1}\nother:\n  <<: *b\n")).code == "FM011"


@pytest.mark.parametrize("levels", [25, 500, 5000])
def test_deep_flow_nesting_is_fm012(levels: int) -> None:
    error = refused(page("title: " + "[" * levels + "]" * levels + "\n"))
    assert (error.code, error.line) == ("FM012", 4)
    assert "more than 20 levels" in error.message


def test_deep_block_nesting_is_fm012() -> None:
    nested = "".join("  " * i + f"k{i}:\n" for i in range(25)) + "  " * 25 + "leaf\n"
    assert refused(page(nested)).code == "FM012"


def test_twenty_levels_are_still_fine() -> None:
    front, _ = parse(page("extra: " + "[" * 19 + "1" + "]" * 19 + "\n"))
    assert front is not None and front.data["id"] == "x"


def test_oversized_front_matter_is_fm013() -> None:
    error = refused(page("summary: " + "x" * (65 * 1024) + "\n"))
    assert (error.code, error.line) == ("FM013", 1)
    assert "at most 64 KB" in error.message


def test_an_asterisk_in_quoted_text_is_not_an_alias() -> None:
    front, _ = parse(page('title: "*Bold* claims & more"\n'))
    assert front is not None and front.data["title"] == "*Bold* claims & more"


def test_the_pure_python_loader_is_bounded_too() -> None:
    # Without libyaml the composer recurses in Python; the event scan must come first.
    for text, code in (("x: " + "[" * 5000 + "]" * 5000, "FM012"), (BOMB, "FM011")):
        with pytest.raises(YamlLimitError) as info:
            load_yaml(text, yaml.SafeLoader)
        assert info.value.code == code


def test_plain_yaml_still_loads() -> None:
    assert load_yaml("- id: a\n  label: A\n") == [{"id": "a", "label": "A"}]


# Every YAML data file contributors write goes through the same limits.


def test_taxonomy_with_an_alias_bomb_is_reported_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "taxonomies" / "themes.yml"
    path.parent.mkdir()
    path.write_text(BOMB + "entries: *g\n", encoding="utf-8")
    vocab = load_vocabulary(path, "themes", tmp_path)
    assert vocab.labels == {}
    [d] = vocab.diagnostics
    assert (d.path, d.line, d.code) == ("taxonomies/themes.yml", 1, "FM011")


def test_taxonomy_that_is_not_yaml_is_fm014(tmp_path: Path) -> None:
    path = tmp_path / "models.yml"
    path.write_text("- id: [\n", encoding="utf-8")
    [d] = load_vocabulary(path, "models", tmp_path).diagnostics
    assert d.code == "FM014" and d.path == "models.yml"


def test_forum_profile_with_a_recursive_alias_is_a_profile_error(tmp_path: Path) -> None:
    good = (FORUM / "un-dcp.yml").read_text(encoding="utf-8")
    path = tmp_path / "un-dcp.yml"
    path.write_text(good + "loop: &l [*l]\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    [d] = info.value.diagnostics
    assert d.code == "FM011" and d.line == good.count("\n") + 1


def test_forum_profile_that_is_not_utf8_is_enc001(tmp_path: Path) -> None:
    path = tmp_path / "un-dcp.yml"
    path.write_bytes(b"id: un-dcp\nlabel: Caf\xe9\n")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    [d] = info.value.diagnostics
    assert (d.code, d.line, d.col) == ("ENC001", 2, 11)


@pytest.mark.parametrize("name", ["redirects.yml", "published.yml"])
def test_redirects_and_ledger_refuse_aliases(tmp_path: Path, name: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / name).write_text(BOMB, encoding="utf-8")
    found = load_redirects(tmp_path)[1] if name == "redirects.yml" else check_published(tmp_path)
    assert [(d.path, d.line, d.code) for d in found] == [(name, 1, "FM011")]


def test_deeply_nested_redirects_are_fm012(tmp_path: Path) -> None:
    (tmp_path / "redirects.yml").write_text("a.md: " + "[" * 3000 + "]" * 3000, "utf-8")
    [d] = load_redirects(tmp_path)[1]
    assert d.code == "FM012"


def test_check_reports_a_bomb_page_and_finishes(tmp_path: Path, monkeypatch, capsys) -> None:
    root = tmp_path / "lib"
    shutil.copytree(LIBRARY, root)
    target = root / "docs" / "arguments" / "keep-it-open.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("---\n", "---\n" + BOMB + "more: [*g]\n", 1), "utf-8")
    monkeypatch.chdir(root)
    start = time.monotonic()
    assert main(["check"]) == 1
    assert time.monotonic() - start < 10
    assert capsys.readouterr().out.startswith("docs/arguments/keep-it-open.md:2:4: FM011 ")
