"""LaTeX in `.bib` fields to pybtex rich text: clean Unicode, `<em>`, links, no raw markup.

pybtex's own `Text.from_latex` only understands braces (and renders them as `bibtex-protected`
spans); it leaves `\\emph`, accents and `$...$` math raw. This small recursive reader covers what
reference managers actually export. Braces only group: our style never changes case, so what is
in braces (acronyms) keeps its case by construction.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pybtex.richtext import BaseText, HRef, String, Tag, Text

__all__ = ["latex_to_plain", "latex_to_text", "safe_link"]

_SAFE_SCHEMES = re.compile(r"^(https?|ftp)://", re.IGNORECASE)


def safe_link(url: str, text: BaseText) -> BaseText:
    """A link for web addresses only; anything else (`javascript:`, relative paths) is text."""
    url = url.strip()
    return HRef(url, text) if _SAFE_SCHEMES.match(url) else Text(text)


# Accent commands and the Unicode combining mark each adds to its base letter.
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
}
_SYMBOLS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "dots": "…",
    "ldots": "…",
    "textellipsis": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "guillemotleft": "«",
    "guillemotright": "»",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "euro": "€",
    "texteuro": "€",
    "pounds": "£",
    "textdollar": "$",
    "textasciitilde": "~",
    "textbackslash": "\\",
    "textunderscore": "_",
    "slash": "/",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textdegree": "°",
    "textperiodcentered": "·",
    "textbullet": "•",
    "newline": " ",
    "par": " ",
    "quad": " ",
    "qquad": " ",
    "relax": "",
    "protect": "",
    "noopsort": "",
}
_ESCAPES = {"&", "%", "$", "#", "_", "{", "}", " ", ",", ";", ":", "!", "/", "@"}
# One-argument commands that wrap their argument in an HTML tag ("" = plain text).
_WRAPPERS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "mkbibemph": "em",
    "mathit": "em",
    "textbf": "strong",
    "mkbibbold": "strong",
    "mathbf": "strong",
    "texttt": "code",
    "textsuperscript": "sup",
    "mkbibsuperscript": "sup",
    "textsubscript": "sub",
    "mkbibsubscript": "sub",
    "textsc": "",
    "textup": "",
    "textrm": "",
    "textnormal": "",
    "textsf": "",
    "textmd": "",
    "mbox": "",
    "hbox": "",
    "text": "",
    "mathrm": "",
    "mathsf": "",
    "mathtt": "",
    "operatorname": "",
    "NoCaseChange": "",
    "nocase": "",
    "MakeUppercase": "",
    "MakeLowercase": "",
    "ensuremath": "",
    "bibstring": "",
}
_QUOTERS = {"enquote", "mkbibquote", "textquote"}
# Declarations such as `{\em text}` switch style until the end of their group.
_DECLARATIONS = {
    "em": "em",
    "it": "em",
    "sl": "em",
    "itshape": "em",
    "bf": "strong",
    "bfseries": "strong",
    "tt": "code",
    "ttfamily": "code",
    "sc": "",
    "scshape": "",
    "rm": "",
    "normalfont": "",
    "upshape": "",
    "sf": "",
}
_TEXT_LIGATURES = [("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("`", "‘"), ("~", "\u00a0")]
_SPACES = re.compile(r"\s+")
# Characters that mean there is something to convert; text without them is used as it is.
_SPECIAL = re.compile(r"[\\{}$~`]|--|''")


class _Reader:
    """A recursive-descent reader over one LaTeX string."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0

    def parts(self, *, math: bool = False, stop: str = "") -> list[BaseText]:
        """Read until `stop` (consumed) or the end; return rich-text parts."""
        out: list[BaseText] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                literal = "".join(buf)
                out.append(String(literal if math else _ligatures(literal)))
                buf.clear()

        while self.i < len(self.s):
            c = self.s[self.i]
            if stop and self.s.startswith(stop, self.i):
                self.i += len(stop)
                break
            if c == "\\":
                self.i += 1
                piece = self.command(math=math)
                flush()
                if isinstance(piece, str):
                    if piece:
                        out.append(String(piece))
                elif piece is not None:
                    if isinstance(piece, _Declaration):
                        rest = Text(*self.parts(math=math, stop=stop))
                        out.append(Tag(piece.tag, rest) if piece.tag else rest)
                        return out
                    out.append(piece)
            elif c == "{":
                self.i += 1
                flush()
                out.append(Text(*self.parts(math=math, stop="}")))
            elif c == "}":
                self.i += 1  # unbalanced closing brace: drop it rather than print it
            elif c == "$" and not math:
                self.i += 1
                closing = "$$" if self.s.startswith("$", self.i) else "$"
                self.i += len(closing) - 1
                flush()
                out.append(Text(*self.parts(math=True, stop=closing)))
            elif math and c in "^_":
                self.i += 1
                flush()
                out.append(Tag("sup" if c == "^" else "sub", self.argument(math=True)))
            else:
                buf.append(c)
                self.i += 1
        flush()
        return out

    def argument(self, *, math: bool = False) -> Text:
        """The next `{group}` or single character, as rich text."""
        while self.i < len(self.s) and self.s[self.i] in " \t\n":
            self.i += 1
        if self.i >= len(self.s):
            return Text()
        if self.s[self.i] == "{":
            self.i += 1
            return Text(*self.parts(math=math, stop="}"))
        if self.s[self.i] == "\\":
            self.i += 1
            piece = self.command(math=math)
            return Text(piece) if piece and not isinstance(piece, _Declaration) else Text()
        self.i += 1
        return Text(self.s[self.i - 1])

    def raw_argument(self) -> str:
        """The next `{group}` as its literal text (for URLs)."""
        while self.i < len(self.s) and self.s[self.i] in " \t\n":
            self.i += 1
        if not self.s.startswith("{", self.i):
            return ""
        depth, start = 0, self.i
        while self.i < len(self.s):
            if self.s[self.i] == "{":
                depth += 1
            elif self.s[self.i] == "}":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.s[start + 1 : self.i - 1]
            self.i += 1
        return self.s[start + 1 :]

    def command(self, *, math: bool) -> str | BaseText | _Declaration | None:
        """Read the command after a backslash and return what it stands for."""
        if self.i >= len(self.s):
            return "\\"
        c = self.s[self.i]
        if not (c.isascii() and c.isalpha()):
            self.i += 1
            if c in _ACCENTS:
                return _accent(_ACCENTS[c], self.argument(math=math))
            if c == "\\":
                return " "
            if c in _ESCAPES:
                return {" ": " ", ",": "\u2009", ";": " ", ":": " ", "!": "", "/": ""}.get(c, c)
            return c
        m = re.compile(r"[A-Za-z]+\*?").match(self.s, self.i)
        assert m is not None
        name = m.group(0).rstrip("*")
        self.i = m.end()
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1  # as in TeX, spaces after a command word only end its name
        if name in _ACCENTS and len(name) == 1:
            return _accent(_ACCENTS[name], self.argument(math=math))
        if name in _SYMBOLS:
            if self.s.startswith("{}", self.i):
                self.i += 2  # `\LaTeX{}`: the empty group only ends the command name
            return _SYMBOLS[name]
        if name in _WRAPPERS:
            inner = self.argument(math=math)
            return Tag(_WRAPPERS[name], inner) if _WRAPPERS[name] else inner
        if name in _QUOTERS:
            return Text("“", self.argument(math=math), "”")
        if name == "url":
            url = self.raw_argument()
            return safe_link(url, Text(url))
        if name == "href":
            url = self.raw_argument()
            return safe_link(url, self.argument(math=math))
        if name in _DECLARATIONS:
            return _Declaration(_DECLARATIONS[name])
        if name == "frac":
            return Text(self.argument(math=True), "/", self.argument(math=True))
        symbol = _fallback_symbol(name)
        if symbol:
            return symbol
        # An unknown command: keep its arguments' text, drop the command name.
        if self.s.startswith("{", self.i):
            return self.argument(math=math)
        return None


class _Declaration:
    def __init__(self, tag: str) -> None:
        self.tag = tag


def _accent(mark: str, base: Text) -> str | BaseText:
    text = str(base)
    if not text:
        return unicodedata.normalize("NFC", " " + mark).strip() or mark
    base_char = {"ı": "i", "ȷ": "j"}.get(text[0], text[0])  # `\^{\i}` means î
    return unicodedata.normalize("NFC", base_char + mark + text[1:])


@functools.lru_cache(maxsize=512)
def _fallback_symbol(name: str) -> str:
    """Greek letters, relations and such, from pylatexenc's table (a bibtexparser dependency)."""
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text().latex_to_text("\\" + name).strip()


def _ligatures(text: str) -> str:
    for old, new in _TEXT_LIGATURES:
        text = text.replace(old, new)
    return text


def latex_to_text(source: str) -> Text:
    """Convert a field's LaTeX to pybtex rich text (Unicode strings, `em`/`strong`/... tags, links).

    Whitespace runs collapse to one space; `--` becomes an en dash, `---` an em dash, `~` a
    no-break space, TeX quotes become typographic quotes.
    """
    source = _SPACES.sub(" ", source.strip())
    if not _SPECIAL.search(source):
        return Text(source)  # the common case: nothing to convert
    return Text(*_Reader(source).parts())


@functools.lru_cache(maxsize=8192)
def latex_to_plain(source: str) -> str:
    """The plain Unicode text of a LaTeX field (no markup at all)."""
    return str(latex_to_text(source))
