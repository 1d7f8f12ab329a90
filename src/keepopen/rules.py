"""Every diagnostic code the tools print: a stable code, its severity and what it means.

One registry for all of them, beside `keepopen.diagnostics` and importing nothing else, so any
module (the content model, the bibliography loader, the exports) can use it without an import
cycle. Codes never change meaning once published (contributors search for them). The rule
table in `docs/contribute/content-model.md` is generated from `RULES` and `FAMILIES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from keepopen.diagnostics import Diagnostic, Severity

__all__ = ["FAMILIES", "RULES", "Rule", "all_rules", "make", "severity_of"]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str

    @property
    def family(self) -> str:
        """The letters of the code: `REF` for `REF001`."""
        return self.code.rstrip("0123456789")


_E, _W = Severity.ERROR, Severity.WARNING

#: Each code family, in the order the rule table lists them, with one sentence on what it covers.
FAMILIES: dict[str, str] = {
    "FM": "Front matter: the YAML block at the top of each page, and YAML data files.",
    "ENC": "Files that cannot be read as UTF-8 text.",
    "ID": "Page ids.",
    "VOC": "Themes and models, which must come from `taxonomies/`.",
    "REF": "Links between pages and to references: citation keys, events, testimony, forums.",
    "CON": "Consent: what testimony may show about the people who gave it.",
    "SEC": "Raw HTML that could run code or load content in a reader's browser.",
    "LNK": "Links inside the library.",
    "CIT": "Where citations are written.",
    "TPL": "Leftovers from page templates.",
    "EXP": "The export boundary: text a forum receives that still mentions the library's "
    "own files or editorial process (put it in an `!!! editors` note instead).",
    "BIB": "The `.bib` files under `references/`.",
    "PUB": "Permanent addresses: a published id that disappeared or moved without a redirect, "
    "and `redirects.yml` itself.",
    "SUB": "Submission exports (`keepopen export submission` and `keepopen export brief`): "
    "fields against the forum profile (1xx), the pages exported (2xx), the forum's "
    "page, word and character limits (3xx).",
    "FRM": "Forum profiles in `forums/`.",
}

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
        Rule("CON005", _E, "A contributor's own words from an issue form are still in the page."),
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
        Rule("SEC011", _E, "A symbolic link under `docs/` that points outside the library."),
        Rule("SEC012", _E, "A page ending `.markdown`, `.mdown`, `.mkdn` or `.mkd` (not `.md`)."),
        Rule("SEC013", _E, "An HTML, SVG or XML file under `docs/`, published unchecked."),
        Rule("LNK001", _E, "An internal link to a page or file that does not exist."),
        Rule("LNK002", _E, "An internal link to an anchor that does not exist."),
        Rule(
            "CIT001",
            _W,
            "A citation inside a link's text or an image's alt text (shown there as plain text).",
        ),
        Rule(
            "CIT002",
            _E,
            "An argument's counter-argument `answer` that cites no reference (`[@key]`).",
        ),
        Rule("CIT003", _E, "A `key_evidence` sentence of an argument cites no reference."),
        Rule(
            "EXP001",
            _W,
            "Exportable text (outside `!!! editors` notes) names an internal file or reads like "
            "a note on the library's own work.",
        ),
        Rule("TPL001", _E, "A `TODO` placeholder left from a template."),
        Rule("BIB001", _E, "A block that cannot be read (unclosed brace, no key)."),
        Rule("BIB002", _E, "A key used twice, in the same file or another one."),
        Rule("BIB003", _E, "A field written twice in one entry."),
        Rule("BIB004", _E, "An undefined `@string` macro."),
        Rule("BIB005", _W, "An `@string` macro defined twice."),
        Rule("BIB006", _E, "A `.bib` source that is missing, unreadable or not UTF-8."),
        Rule("BIB007", _W, "Two keys that differ only in case."),
        Rule("BIB010", _E, "A field the entry type requires is missing."),
        Rule("BIB011", _E, "An entry with neither `url` nor `doi`."),
        Rule("BIB012", _E, "A `verification` value other than primary, secondary or unverified."),
        Rule("BIB013", _E, "An entry without a `verification` field."),
        Rule(
            "BIB014",
            _E,
            "An `@` outside any entry: a broken entry header or an `@` in a comment.",
        ),
        Rule("BIB015", _W, "A key that is not lower-case letters, digits and `_`."),
        Rule("BIB016", _W, "A `urldate` that is not `YYYY-MM-DD`."),
        Rule("BIB017", _W, "An entry type the reference style does not know."),
        Rule("BIB018", _E, "An author or editor list BibTeX cannot parse."),
        Rule("BIB019", _W, "A `url` that is not an `http(s)` address."),
        Rule("BIB020", _W, "A LaTeX command the formatter does not understand (its text is kept)."),
        Rule("BIB021", _W, "A LaTeX command that reads files or defines macros (left out)."),
        Rule("BIB022", _E, "Braces or LaTeX commands nested more than 50 levels deep."),
        Rule("BIB023", _E, "A `crossref` loop: entries that refer to each other in a circle."),
        Rule("BIB024", _W, "A `crossref` to a key that no `.bib` file defines."),
        Rule("BIB025", _W, "A `%` comment inside an entry (skipped, as biber does)."),
        Rule(
            "PUB001", _E, "A published id no longer exists and no redirect keeps its old address."
        ),
        Rule("PUB002", _E, "A published page moved and no redirect leads from its old address."),
        Rule("PUB100", _E, "`redirects.yml` or `published.yml` is not a valid YAML mapping."),
        Rule("PUB101", _E, "A redirect has no `to:` target."),
        Rule("PUB102", _E, "A redirect gives no `reason:`."),
        Rule("PUB103", _E, "A redirect points to a page that does not exist."),
        Rule("PUB104", _E, "A redirect starts from a page that still exists."),
        Rule("PUB105", _E, "A redirect leads to another site (`https://…`) instead of a page."),
        Rule(
            "SUB101",
            _E,
            "A field the forum requires is missing from `fields:` (a warning for `export brief`).",
        ),
        Rule("SUB102", _E, "A field the forum profile does not have."),
        Rule(
            "SUB103",
            _E,
            "A field value of the wrong kind: one text where a list is wanted, or the reverse.",
        ),
        Rule("SUB104", _E, "A list field with more items than the forum allows."),
        Rule("SUB105", _E, "A field value longer than the forum allows."),
        Rule("SUB106", _E, "A field value the forum does not allow."),
        Rule("SUB201", _E, "A page to export has no front matter."),
        Rule(
            "SUB204",
            _E,
            "A page to export has front matter that does not match the content model.",
        ),
        Rule(
            "SUB205",
            _E,
            "A page named in `draws_on` (or on the command line) that does not exist.",
        ),
        Rule(
            "SUB206",
            _E,
            "The page given to `keepopen export submission` is not a `type: submission` page.",
        ),
        Rule(
            "SUB207",
            _E,
            "Exported text still holds a placeholder (`TO BE CONFIRMED`, `example.org`, ...); "
            "export with `--draft` to mark the output DRAFT instead.",
        ),
        Rule(
            "SUB208",
            _W,
            "A condensed brief left parts out to stay within the forum's word budget.",
        ),
        Rule(
            "SUB305",
            _E,
            "A condensed brief's titles, claims and asks alone exceed the forum's word budget.",
        ),
        Rule("SUB301", _E, "The export is estimated at more pages than the forum allows."),
        Rule("SUB302", _E, "The printed PDF has more pages than the forum allows."),
        Rule("SUB303", _E, "The PDF could not be printed."),
        Rule("SUB304", _E, "The export has more words or characters than the forum allows."),
        Rule("FRM001", _E, "No forum profile of that name in `forums/`."),
        Rule("FRM002", _E, "A forum profile (`forums/*.yml`) is not valid YAML."),
        Rule(
            "FRM003",
            _E,
            "A forum profile does not match its schema (`schemas/forum-profile.schema.json`).",
        ),
        Rule("FRM004", _E, "A forum profile's `id` differs from its file name."),
    )
}


def all_rules() -> list[Rule]:
    """Every rule, grouped by family in the order of `FAMILIES`, each family in code order."""
    order = list(FAMILIES)
    return sorted(RULES.values(), key=lambda r: (order.index(r.family), r.code))


def severity_of(code: str) -> Severity:
    """The severity `code` is reported with."""
    return RULES[code].severity


def make(code: str, path: str, line: int, col: int, message: str, fix: str) -> Diagnostic:
    """A diagnostic whose severity comes from the rule table."""
    return Diagnostic(path, line, col, code, message, fix, RULES[code].severity)
