"""Every rule `keepopen check` applies: a stable code, its severity and what it means.

Codes never change meaning once published (contributors search for them). The table in
`docs/contribute/content-model.md` is generated from `RULES`. BibTeX codes (`BIB...`) come from
`keepopen.bibliography` and are listed there.
"""

from __future__ import annotations

from dataclasses import dataclass

from keepopen.diagnostics import Diagnostic, Severity

__all__ = ["RULES", "Rule", "all_rules", "make"]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("FM001", _E, "Front matter is not valid YAML (or its closing `---` is missing)."),
        Rule("FM002", _E, "The page has no front matter, or it is not `key: value` lines."),
        Rule("FM003", _E, "A required field is missing."),
        Rule(
            "FM004",
            _E,
            "A field the model does not know (usually a typo; the closest field is suggested).",
        ),
        Rule("FM005", _E, "A field has the wrong type or a value outside its allowed values."),
        Rule("FM006", _E, "A date is not a real date in the expected form."),
        Rule("FM007", _E, "`type` is not one of the page types."),
        Rule("FM008", _E, "A field is written twice (YAML would silently keep the last)."),
        Rule("FM009", _E, "Markup (an HTML tag or comment) in a plain-text field."),
        Rule(
            "FM010",
            _E,
            "A control character (or a line break in a one-line field like `title`) in a "
            "plain-text field.",
        ),
        Rule(
            "FM011",
            _E,
            "Front matter or a YAML data file uses an anchor (`&name`) or alias (`*name`).",
        ),
        Rule("FM012", _E, "Front matter or a YAML data file nests more than 20 levels deep."),
        Rule("FM013", _E, "Front matter over 64 KB, or a YAML data file over 1 MB."),
        Rule("FM014", _E, "A taxonomy file (`taxonomies/*.yml`) is not YAML or not a list."),
        Rule("ENC001", _E, "A page or YAML data file that is not UTF-8 text (`.bib`: BIB006)."),
        Rule("ENC002", _E, "A file that cannot be read (permissions, or not a regular file)."),
        Rule("ID001", _E, "`id` does not match the file name."),
        Rule("ID002", _E, "Two pages share one `id`."),
        Rule("VOC001", _E, "A theme that is not in `taxonomies/themes.yml`."),
        Rule("VOC002", _E, "A model that is not in `taxonomies/models.yml`."),
        Rule("REF001", _E, "A citation key that is not in `references/`."),
        Rule("REF002", _E, "An event id that resolves to no event page."),
        Rule("REF003", _E, "A testimony id that resolves to no testimony page."),
        Rule("REF004", _E, "A `draws_on` id that resolves to no page."),
        Rule("REF005", _W, "A reference that no page cites."),
        Rule("REF006", _E, "A submission `forum` with no profile in `forums/`."),
        Rule("CON001", _E, "`named` attribution without a consent record."),
        Rule("CON002", _E, "Testimony shows an e-mail address without consent to be named."),
        Rule("CON003", _E, "Testimony shows a phone number without consent to be named."),
        Rule("CON004", _E, "Testimony shows an `@handle` without consent to be named."),
        Rule("SEC001", _E, "A `<script>` element."),
        Rule("SEC002", _E, "An `<iframe>` element."),
        Rule("SEC003", _E, "An `on...=` event-handler attribute."),
        Rule("SEC004", _E, "A `javascript:`, `vbscript:` or `data:` address, however encoded."),
        Rule("SEC005", _E, "A `<base>` element (it moves where the page loads scripts from)."),
        Rule("SEC006", _E, "A `<meta>` or `<link>` element in a page body."),
        Rule("SEC007", _E, "A form, form control or `formaction` attribute."),
        Rule("SEC008", _E, "An `<object>`, `<embed>` or `<applet>` element."),
        Rule(
            "SEC009", _E, "A `<style>` element, or a `style` attribute that loads or runs content."
        ),
        Rule("SEC010", _E, "A raw HTML element that is not on the allowed list."),
        Rule("LNK001", _E, "An internal link to a page or file that does not exist."),
        Rule("LNK002", _E, "An internal link to an anchor that does not exist."),
        Rule(
            "CIT001",
            _W,
            "A citation inside a link's text or an image's alt text (shown there as plain text).",
        ),
        Rule("TPL001", _E, "A `TODO` placeholder left from a template."),
    )
}


def all_rules() -> list[Rule]:
    """Every code `keepopen check` can print: its own, then `.bib` and permanent-address codes."""
    from keepopen.bibliography.rules import RULE_SUMMARIES as BIB
    from keepopen.citepage.permalinks import RULE_SUMMARIES as PUB

    bib = [Rule(code, severity, summary) for code, (severity, summary) in BIB.items()]
    pub = [Rule(code, Severity.ERROR, summary) for code, summary in PUB.items()]
    return [*RULES.values(), *bib, *pub]


def make(code: str, path: str, line: int, col: int, message: str, fix: str) -> Diagnostic:
    """A diagnostic whose severity comes from the rule table."""
    return Diagnostic(path, line, col, code, message, fix, RULES[code].severity)
