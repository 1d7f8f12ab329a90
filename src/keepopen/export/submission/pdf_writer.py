"""`submission.pdf`: the document as print-styled HTML, printed by headless Chromium.

Chromium is found through `KEEPOPEN_CHROMIUM`, then `chromium`, `chromium-browser`,
`google-chrome` on the PATH. Nothing is downloaded.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from keepopen.content.choices import VERIFIED_LEVELS
from keepopen.export.submission.assemble import Document
from keepopen.export.submission.layout import LABEL_COLUMN_CM, NUMBER_INDENT_CM
from keepopen.export.submission.text_writers import flat_items
from keepopen.forums.profile import ForumProfile

__all__ = ["PdfError", "count_pdf_pages", "find_chromium", "render_html", "write_pdf"]

PRINT_CSS = """
@page {{ size: {size}; margin: {margin}cm; }}
{first}
@page {{ @bottom-center {{ content: counter(page); font: {fs}pt "{font}", serif; }} }}
html {{ font-family: "{font}", "Liberation Serif", "DejaVu Serif", serif; font-size: {fs}pt;
       line-height: {lh}; color: #000; }}
body {{ margin: 0; }}
.title-page {{ break-after: page; }}
.title-block {{ margin-bottom: 1.5em; }}
section h1 {{ font-size: 2em; margin: 0 0 1em; }}
section dl {{ display: grid; grid-template-columns: {label}cm 1fr; gap: .3em 1em; }}
section dt {{ font-weight: bold; }} section dd {{ margin: 0; }}
h2, h3, h4 {{ break-after: avoid; margin: 1em 0 .4em; }}
h2 {{ font-size: 1.4em; }} h3 {{ font-size: 1.2em; }} h4 {{ font-size: 1.1em; }}
p {{ margin: 0 0 .5em; {align} orphans: 2; widows: 2; }}
p.num {{ padding-left: {indent}cm; text-indent: -{indent}cm; }}
p.num .n {{ display: inline-block; width: {indent}cm; text-indent: 0; }}
blockquote {{ margin: 0 0 .5em {quote}cm; font-style: italic; }}
.unverified {{ font-weight: bold; }}
ol.refs {{ list-style: none; padding: 0; }}
ol.refs li {{ padding-left: {indent}cm; text-indent: -{indent}cm; margin-bottom: .4em;
              overflow-wrap: anywhere; }}
"""


class PdfError(Exception):
    """The PDF could not be produced; the message says why and what to do."""


def render_html(doc: Document, profile: ForumProfile) -> str:
    """A standalone HTML page with the print stylesheet for `profile`'s layout."""
    lay = profile.layout
    css = PRINT_CSS.format(
        size=lay.page_size,
        margin=lay.margin_cm,
        font=lay.font,
        fs=lay.font_size_pt,
        lh=round(1.2 * lay.line_spacing, 3),
        indent=NUMBER_INDENT_CM,
        quote=NUMBER_INDENT_CM + 1.0,
        label=LABEL_COLUMN_CM,
        # No page number on a title page of its own.
        first="@page :first { @bottom-center { content: none; } }" if lay.title_page else "",
        align="text-align: justify;" if lay.justified else "",
    )
    e = html.escape
    out = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(doc.title)}'
        f"</title><style>{css}</style></head><body>"
    ]
    fields = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in doc.fields)
    block = "title-page" if lay.title_page else "title-block"
    out.append(
        f'<section class="{block}"><h1>{e(doc.title)}</h1>'
        f"<p>Submission to: {e(doc.forum_label)}</p><p>Date: {e(doc.date)}</p>"
        f"<dl>{fields}</dl></section>"
    )
    texts, notes = flat_items(doc)
    for item, flat in zip(doc.items, texts, strict=True):
        text = e(flat).replace("[Unverified]", '<span class="unverified">[Unverified]</span>')
        if item.kind == "heading":
            level = min(item.level + 1, 4)
            out.append(f"<h{level}>{text}</h{level}>")
        elif item.kind == "quote":
            out.append(f"<blockquote>{text}</blockquote>")
        elif lay.numbered_paragraphs.value:
            out.append(f'<p class="num"><span class="n">{item.number}.</span>{text}</p>')
        else:
            out.append(f"<p>{text}</p>")
    if notes:
        out.append('<h2>Notes</h2><ol class="refs">')
        out += [f"<li>{e(f'[{n}] {note}')}</li>" for n, note in enumerate(notes, 1)]
        out.append("</ol>")
    elif doc.references:
        out.append('<h2>References</h2><ol class="refs">')
        for row in doc.references:
            flag = (
                ' <span class="unverified">[unverified]</span>'
                if row.verification not in VERIFIED_LEVELS
                else ""
            )
            out.append(f"<li>{e(f'{row.label} {row.entry.text}'.strip())}{flag}</li>")
        out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out)


def find_chromium() -> str | None:
    """The Chromium executable to print with, or None."""
    explicit = os.environ.get("KEEPOPEN_CHROMIUM")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def count_pdf_pages(path: Path) -> int:
    """Pages of a PDF Chromium wrote (it lists `/Type /Page` objects uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def write_pdf(doc: Document, profile: ForumProfile, path: Path, timeout: float = 120) -> Path:
    """Print the HTML rendering to `path` with headless Chromium."""
    chromium = find_chromium()
    if chromium is None:
        raise PdfError(
            "Chromium not found; install it or set KEEPOPEN_CHROMIUM to its path "
            f"(forum '{profile.id}' asks for PDF)"
        )
    with tempfile.TemporaryDirectory(prefix="keepopen-pdf-") as tmp:
        page = Path(tmp) / "submission.html"
        page.write_text(render_html(doc, profile), encoding="utf-8")
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={path.resolve()}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not finish printing within {timeout:.0f} s") from exc
    if result.returncode != 0 or not path.is_file() or path.stat().st_size == 0:
        raise PdfError(
            f"Chromium failed to print the PDF (exit {result.returncode}): "
            f"{result.stderr.strip()[-500:]}"
        )
    return path
