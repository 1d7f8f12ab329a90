"""CSL-JSON names are read by pybtex's `Person`, the same reader as the site's references."""

from __future__ import annotations

import pytest

from keepopen.citepage.bib_to_csl import csl_names, entry_to_csl


@pytest.mark.parametrize(
    ("value", "names"),
    [
        # A particle is not part of the given name.
        ("Ludwig van Beethoven", [{"given": "Ludwig", "non-dropping-particle": "van",
                                   "family": "Beethoven"}]),
        ("van der Berg, Jan", [{"given": "Jan", "non-dropping-particle": "van der",
                                "family": "Berg"}]),
        # `Jr.` is the suffix, not part of the given name.
        ("King, Jr., Martin Luther", [{"family": "King", "given": "Martin Luther",
                                       "suffix": "Jr."}]),
        # `AND` separates as `and` does, and so does a line break around it.
        ("Smith, John AND Doe, Jane", [{"family": "Smith", "given": "John"},
                                       {"family": "Doe", "given": "Jane"}]),
        ("Smith, John and\nDoe, Jane", [{"family": "Smith", "given": "John"},
                                        {"family": "Doe", "given": "Jane"}]),
        # `and others` means "et al.": no person named "others".
        ("Smith, John and others", [{"family": "Smith", "given": "John"}]),
        # A name in braces is an organisation, kept whole.
        ("{United Nations} and {Food and Agriculture Organization}",
         [{"literal": "United Nations"}, {"literal": "Food and Agriculture Organization"}]),
        # LaTeX accents become Unicode.
        ('M{\\"u}ller, J{\\"o}rg', [{"family": "Müller", "given": "Jörg"}]),
    ],
)  # fmt: skip
def test_names(value: str, names: list[dict[str, str]]) -> None:
    assert csl_names(value) == names


def test_item_carries_the_unique_label_and_translators() -> None:
    item = entry_to_csl(
        "osei2020b",
        "book",
        {"author": "Osei, Kwame", "translator": "Ives, Clara", "title": "T", "year": "2020"},
        label="Osei 2020b",
    )
    assert item["citation-label"] == "Osei 2020b"
    assert item["translator"] == [{"family": "Ives", "given": "Clara"}]
