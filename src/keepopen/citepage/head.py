"""What goes in a page's `<head>`: Highwire Press tags, Dublin Core, one schema.org JSON-LD.

Zotero's Embedded Metadata translator and Google Scholar read the Highwire `citation_*` tags;
`citation_technical_report_institution` makes Zotero import a report rather than a journal
article. Dublin Core is the fallback other tools read. No COinS: Zotero would prefer it over
the page's own tags.
"""

from __future__ import annotations

import json

from keepopen.citepage.record import CitationRecord

__all__ = ["dublin_core_tags", "highwire_tags", "json_ld", "meta_tags"]

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def highwire_tags(record: CitationRecord) -> list[tuple[str, str]]:
    """`(name, content)` pairs of the Highwire Press tags, in the order they are written."""
    slash_date = record.changed.strftime("%Y/%m/%d")
    tags = [("citation_title", record.title)]
    tags += [("citation_author", c.inverted) for c in record.creators]
    tags += [
        ("citation_publication_date", slash_date),
        ("citation_date", slash_date),
        ("citation_publisher", record.site.name),
        ("citation_technical_report_institution", record.site.name),
        ("citation_public_url", record.url),
        ("citation_language", record.site.language),
    ]
    if record.keywords:
        tags.append(("citation_keywords", "; ".join(record.keywords)))
    return tags


def dublin_core_tags(record: CitationRecord) -> list[tuple[str, str]]:
    """`(name, content)` pairs of Dublin Core elements (`DC.title`, `DC.creator`, ...)."""
    tags = [("DC.title", record.title)]
    tags += [("DC.creator", c.inverted) for c in record.creators]
    tags += [
        ("DC.date", record.changed.isoformat()),
        ("DC.publisher", record.site.name),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.identifier", record.url),
        ("DC.language", record.site.language),
        ("DC.rights", record.site.licence_url),
    ]
    tags += [("DC.subject", kw) for kw in record.keywords]
    if record.description:
        tags.append(("DC.description", record.description))
    return tags


def meta_tags(record: CitationRecord) -> list[tuple[str, str]]:
    """All `<meta name=... content=...>` pairs: Highwire first, then Dublin Core."""
    return highwire_tags(record) + dublin_core_tags(record)


def json_ld(record: CitationRecord) -> str:
    """The page's one schema.org block, safe to place inside `<script>` as is."""
    authors = [
        {"@type": "Organization", "name": c.literal}
        if c.is_organisation
        else {"@type": "Person", "name": c.display}
        for c in record.creators
    ]
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": record.url,
        "identifier": record.id,
        "name": record.title,
        "headline": record.title,
        "url": record.url,
        "author": authors,
        "publisher": {"@type": "Organization", "name": record.site.name, "url": record.site.url},
        "dateModified": record.changed.isoformat(),
        "inLanguage": record.site.language,
        "license": record.site.licence_url,
        "genre": record.genre,
        "isPartOf": {"@type": "WebSite", "name": record.site.name, "url": record.site.url},
    }
    if record.keywords:
        data["keywords"] = list(record.keywords)
    if record.description:
        data["description"] = record.description
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    # Inside `<script>`, `</script` ends the element and `<!--` changes how the browser finds
    # its end. JSON may write any character as `\uXXXX`, so `<`, `>` and `&` never appear raw.
    return text.translate(_SCRIPT_SAFE)
