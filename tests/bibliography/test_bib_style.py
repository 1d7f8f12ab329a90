"""The project style: every entry type formats, LaTeX becomes clean Unicode/HTML, labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keepopen.bibliography import Bibliography, Entry, format_entry, load_bibliography
from keepopen.bibliography.latex import latex_to_text

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "tests" / "fixtures" / "bib"


@pytest.fixture(scope="module")
def good() -> Bibliography:
    return load_bibliography([BIB / "good"], root=ROOT)


def entry(type_: str, **fields: str) -> Entry:
    return Entry("k", type_, fields, "x.bib", 1)


def test_article_html_and_text(good: Bibliography) -> None:
    f = good.formatted("rivera2021_open_weights")
    assert f.text == (
        "Rivera, Ana, Jörg Müller, and Chidi Okafor. 2021. “Open Weights and the NASA Problem: "
        "continuity in α-tests.” Journal of Example Policy 12 (3): 45–67. Accessed 23 November "
        "2026. https://doi.org/10.5555/example.2021.12 https://example.org/articles/open-weights"
    )
    assert f.html == (
        "Rivera, Ana, Jörg Müller, and Chidi Okafor. 2021. “Open Weights and the NASA Problem: "
        "<em>continuity</em> in α-tests.” <em>Journal of Example Policy</em> 12 (3): 45–67. "
        "Accessed 23 November 2026. "
        '<a href="https://doi.org/10.5555/example.2021.12">https://doi.org/10.5555/example.2021.12'
        '</a> <a href="https://example.org/articles/open-weights">'
        "https://example.org/articles/open-weights</a>"
    )
    assert (f.author, f.year) == ("Rivera et al.", "2021")
    # Sorted by the full author list (two "Rivera et al." lists do not interleave).
    title = "open weights and the nasa problem continuity in α tests"  # words only
    # then, for works alike in all that, citeproc's description (none) and source, then the day
    source = "journal of example policy 45 67"
    assert f.sort_key == (
        "rivera, ana; muller, jorg; okafor, chidi",
        "2021",
        f"{title}\0\0{source}\0-05-03",
    )


def test_url_is_escaped_in_the_link(good: Bibliography) -> None:
    html = good.formatted("oecd_example_2024").html
    assert '<a href="https://example.org/oecd/retirement?lang=en&amp;v=2">' in html


@pytest.mark.parametrize(
    ("key", "author", "year", "text"),
    [
        ("oecd_example_2024", "OECD", "n.d.", "OECD. n.d. “Example Principles for Model "
         "Retirement.” OECD. Accessed 23 November 2026. "
         "https://example.org/oecd/retirement?lang=en&v=2"),
        ("lee_jones_2019", "Lee and Jones", "2019", "Lee, Min, and Pat Jones. 2019. Keeping "
         "Models Open. 2nd ed. Geneva: Keep Open Press. "
         "https://example.org/books/keeping-models-open"),
        ("dubois_chapitre_2018", "Dubois", "2018", "Dubois, Claire. 2018. “Les modèles ouverts "
         "et l'État.” In Politiques du numérique, edited by Paul Martin and Anne Petit, 33–52. "
         "Paris: Éditions Exemple."),
        ("nakamura_retirement_2020", "Nakamura", "2020", "Nakamura, Ken. 2020. Retirement "
         "schedules for hosted models. Working paper 2020-14. Example Institute of Technology. "
         "https://example.org/wp/2020-14"),
        ("noauthor_model_nodate", "Model release notes", "n.d.", "“Model release notes.” n.d. "
         "Accessed 22 November 2026. https://example.org/release-notes"),
        ("smith_continuity_2017", "Smith", "2017", "Smith, Jordan. 2017. “Continuity of service "
         "in machine learning platforms.” PhD Thesis, University of Example."),
        ("chenEvaluatingRetiredModels2023", "Chen et al.", "2023", "Chen, Wei, Selin Öztürk, et "
         "al. 2023. “Evaluating Retired Models on LLM Benchmarks.” In Proceedings of the 1st "
         "Example Workshop on Model Continuity, July, 12–19. Online: Example Association for "
         "Computational Linguistics. Accessed 21 November 2026. https://doi.org/10.5555/ewmc.2023.2"),
        ("unescoOpenModels2022", "UNESCO", "2022", "United Nations Educational, Scientific and "
         "Cultural Organization. 2022. Open Models for Open Science — A Survey. UNESCO. "
         "https://example.org/unesco/open-models"),
        ("vanDerBergArXivPreprint2024", "van der Berg and Li", "2024", "van der Berg, Jan, and Na "
         "Li. 2024. “A β-Divergence View of Model Drift.” arXiv preprint, February 29. "
         "arXiv:2402.01234"),
        ("muellerMasterarbeit2021", "Müller", "2021", "Müller, Lena. 2021. “Nachvollziehbarkeit "
         "von Modellwechseln.” Master’s thesis, Universität Beispiel."),
        ("okaforDraft2025", "Okafor", "2025", "Okafor, Chidi. 2025. “Why Users Grieve Retired "
         "Models.” Draft manuscript."),
        ("silvaCapitulo2016", "Silva", "2016", "Silva, Rui. 2016. “Open access to trained "
         "weights.” In Handbook of Example Governance, edited by Ines Costa, 1–20. Example "
         "University Press."),
        ("exampleDataset2024", "Keep Open Editors", "2024", "Keep Open Editors. 2024. Retirement "
         "Dates of Hosted Models. Version 1.2. https://example.org/data/retirements"),
    ],
)  # fmt: skip
def test_each_type(good: Bibliography, key: str, author: str, year: str, text: str) -> None:
    f = good.formatted(key)
    assert (f.author, f.year, f.text) == (author, year, text)


def test_arxiv_eprint_is_a_link(good: Bibliography) -> None:
    html = good.formatted("vanDerBergArXivPreprint2024").html
    assert '<a href="https://arxiv.org/abs/2402.01234">arXiv:2402.01234</a>' in html


def test_no_raw_latex_in_any_formatted_fixture(good: Bibliography) -> None:
    for key in good.entries:
        f = good.formatted(key)
        for out in (f.html, f.text, f.author):
            assert not re.search(r"\\[a-zA-Z]|\$|bibtex-protected|[{}]", out), (key, out)


@pytest.mark.parametrize(
    ("latex", "html"),
    [
        (r"M{\"u}ller and \"Ozg\"ur {\c C}a\v{s}", "Müller and Özgür Çaš"),
        (r"\emph{open} and {\em closed} and \textbf{bold}",
         "<em>open</em> and <em>closed</em> and <strong>bold</strong>"),
        (r"pp. 3--5 --- and ``quoted''", "pp. 3–5 — and “quoted”"),
        (r"$\alpha$-test of $x^{2}_i$", "α-test of x<sup>2</sup><sub>i</sub>"),
        (r"The {NASA} and {{OECD}} report", "The NASA and OECD report"),
        (r"5\,\% \& \$3 \textregistered", "5\u2009% &amp; $3 ®"),
        (r"\href{https://example.org/?a=1&b=2}{site}",
         '<a href="https://example.org/?a=1&amp;b=2">site</a>'),
        (r"{\ss}e, {\o}re, \aa{}ngstr\"om, na\"{\i}ve", "ße, øre, ångström, naïve"),
        (r"\LaTeX{} and \unknowncommand{kept} text", "LaTeX and kept text"),
        ("10~km", "10\u00a0km"),
    ],
)  # fmt: skip
def test_latex_to_html(latex: str, html: str) -> None:
    from keepopen.bibliography.render import HtmlBackend

    assert latex_to_text(latex).render(HtmlBackend()) == html


@pytest.mark.parametrize(
    ("author", "label"),
    [
        ("{{OECD}}", "OECD"),
        ("{OECD}", "OECD"),
        ("Smith, John and Jones, Ann", "Smith and Jones"),
        ("Smith, John and Jones, Ann and Lee, B.", "Smith et al."),
        ("Smith, John and others", "Smith et al."),
        ("John Smith", "Smith"),
        ("{European Commission} and Smith, A.", "European Commission and Smith"),
    ],
)
def test_author_labels(author: str, label: str) -> None:
    assert format_entry(entry("misc", author=author, title="T")).author == label


def test_label_falls_back_to_editor_then_title() -> None:
    assert format_entry(entry("book", editor="Doe, Jane", title="T")).author == "Doe"
    assert format_entry(entry("misc", title="Only a {T}itle")).author == "Only a Title"


@pytest.mark.parametrize(
    ("fields", "year"),
    [
        ({"date": "2021-05-03"}, "2021"),
        ({"date": "2021/2022"}, "2021–2022"),  # a range, as citeproc prints it
        ({"year": "2019"}, "2019"),
        ({"year": "forthcoming"}, "forthcoming"),
        ({}, "n.d."),
    ],
)
def test_year(fields: dict[str, str], year: str) -> None:
    assert format_entry(entry("misc", title="T", **fields)).year == year


def test_unknown_type_and_odd_entries_never_raise() -> None:
    f = format_entry(entry("podcast", title="Episode 4", author="Host, A.", year="2020",
                           howpublished="Podcast", url="https://example.org/p"))  # fmt: skip
    assert f.text == "Host, A. 2020. “Episode 4.” Podcast. https://example.org/p"
    empty = format_entry(entry("article"))
    assert (empty.text, empty.author, empty.year) == ("n.d.", "k", "n.d.")
    broken = format_entry(entry("article", title="{Unbalanced", author="}{", pages="--"))
    assert "Unbalanced" in broken.text


def test_only_web_addresses_become_links() -> None:
    f = format_entry(entry("misc", title="T", url="javascript:alert(1)"))
    assert f.html == "“T.” n.d. javascript:alert(1)"
    assert latex_to_text(r"\href{javascript:x()}{click}").render_as("html") == "click"
