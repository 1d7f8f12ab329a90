"""LaTeX in `.bib` fields to pybtex rich text: clean Unicode, `<em>`, links, no raw markup.

pybtex's own `Text.from_latex` only understands braces (and renders them as `bibtex-protected`
spans); it leaves `\\emph`, accents and `$...$` math raw. This small recursive reader covers what
reference managers actually export. Braces only group: our style never changes case, so what is
in braces (acronyms) keeps its case by construction.

The reader never raises and never recurses without bound. A command it does not know keeps the
text of its arguments (`\\underline{x}` -> `x`); commands that would read files or define
macros (`\\input`, `\\def`, ...) are dropped; braces nested deeper than `MAX_NESTING` make the
field plain flat text. Each of these is recorded, and `latex_problems` hands the notes to
`keepopen check` as BIB020-BIB022 warnings, so the check reports what the build works around.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pybtex.richtext import BaseText, HRef, String, Tag, Text

__all__ = ["MAX_NESTING", "latex_problems", "latex_to_plain", "latex_to_text", "safe_link"]

#: Deepest nesting of groups and command arguments read; deeper fields become flat text.
MAX_NESTING = 50

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
    "hyphen": "-",
    "nobreakdash": "",
    "textnobreakhyphen": "\u2011",
    "newline": " ",
    "par": " ",
    "quad": " ",
    "qquad": " ",
    "relax": "",
    "protect": "",
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
    "underline": "",
    "uline": "",
    "nolinkurl": "",
    "hl": "",
}
# Commands whose first arguments are settings, not text: how many to skip
# (`\\textcolor{red}{x}` -> `x`).
_SETTING_ARGS = {
    "textcolor": 1,
    "colorbox": 1,
    "fcolorbox": 2,
    "foreignlanguage": 1,
    "textlang": 1,
}
# Commands that carry no text at all: dropped with their arguments, silently.
_NO_TEXT = {
    "label": 1,
    "hspace": 1,
    "vspace": 1,
    "hyphenation": 1,
    "color": 1,
    "pagecolor": 1,
    "index": 1,
    "linebreak": 0,
    "pagebreak": 0,
    "nobreak": 0,
    "allowbreak": 0,
    "break": 0,
    "smallskip": 0,
    "medskip": 0,
    "bigskip": 0,
    "noindent": 0,
    "hfill": 0,
    "vfill": 0,
    "centering": 0,
    "selectlanguage": 1,
    # Sort-only macros that bibliographies define for BibTeX (`{\\noopsort{1973b}}1981`):
    # their argument only orders the list and is never printed.
    "noopsort": 1,
    "SortNoop": 1,
    "sortnoop": 1,
    "noop": 1,
}
# Commands followed by a TeX dimension (`\\kern-.03em`): the command and the dimension are
# spacing only, dropped.
_SPACING = {"kern", "mkern", "hskip", "mskip", "vskip", "raise", "lower", "moveleft", "moveright"}
_DIMENSION = re.compile(
    r"\s*[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+)\s*(?:em|ex|pt|pc|mu|mm|cm|in|bp|dd|cc|sp)"
    r"(?:\s*(?:plus|minus)\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*(?:em|ex|pt|mu|fil+))*\s?"
)
# Commands that read files or change what later commands mean: never followed, dropped and
# reported (BIB021). `1` = one `{argument}` to drop (after any `[options]`); `"def"` = a definition.
_REFUSED: dict[str, int | str] = {
    "input": 1,
    "include": 1,
    "includeonly": 1,
    "InputIfFileExists": 1,
    "usepackage": 1,
    "RequirePackage": 1,
    "documentclass": 1,
    "bibliography": 1,
    "bibliographystyle": 1,
    "includegraphics": 1,
    "openin": 0,
    "openout": 0,
    "read": 0,
    "write": 1,
    "immediate": 0,
    "special": 1,
    "catcode": 0,
    "csname": 0,
    "endcsname": 0,
    "expandafter": 0,
    "newcommand": "def",
    "renewcommand": "def",
    "providecommand": "def",
    "DeclareRobustCommand": "def",
    "newenvironment": "def",
    "renewenvironment": "def",
    "def": "def",
    "gdef": "def",
    "edef": "def",
    "xdef": "def",
    "let": "def",
}
# Footnote-like commands: their text follows in parentheses.
_ASIDES = {"footnote", "footnotetext", "thanks", "marginpar", "endnote"}
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
_COMMAND_NAME = re.compile(r"[A-Za-z]+\*?")
_COMMAND_TOKEN = re.compile(r"\\(?:[A-Za-z@]+|.)")
_DEFINITION_HEAD = re.compile(r"\{?\\(?:[A-Za-z@]+|.)\}?\s*(?:#\d|=|\s)*")
_FLAT_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s?")
_FLAT_ESCAPE = re.compile(r"\\(.)")


class _TooDeep(Exception):
    """Nesting beyond `MAX_NESTING`: the field is read again as flat text."""


class _Reader:
    """A recursive-descent reader over one LaTeX string; `notes` collects what it worked around."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0
        self.depth = 0
        #: `(code, message)` for each command not understood (BIB020) or refused (BIB021).
        self.notes: list[tuple[str, str]] = []

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _TooDeep

    def parts(self, *, math: bool = False, stop: str = "") -> list[BaseText]:
        """Read until `stop` (consumed) or the end; return rich-text parts."""
        self._enter()
        try:
            return self._parts(math=math, stop=stop)
        finally:
            self.depth -= 1

    def _parts(self, *, math: bool, stop: str) -> list[BaseText]:
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

    def _skip_spaces(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t\n":
            self.i += 1

    def argument(self, *, math: bool = False) -> Text:
        """The next `{group}` or single character, as rich text."""
        self._enter()
        try:
            return self._argument(math=math)
        finally:
            self.depth -= 1

    def _argument(self, *, math: bool) -> Text:
        self._skip_spaces()
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
        """The next `{group}` as its literal text (for URLs); counting braces, not recursing."""
        self._skip_spaces()
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

    def skip_options(self) -> None:
        """Skip `[options]` (any number), as LaTeX reads optional arguments."""
        self._skip_spaces()
        while self.s.startswith("[", self.i):
            end = self.s.find("]", self.i)
            self.i = len(self.s) if end < 0 else end + 1
            self._skip_spaces()

    def skip_arguments(self, count: int) -> None:
        """Skip `[options]` and `count` arguments (a `{group}`, a command or one character)."""
        for _ in range(count):
            self.skip_options()
            if self.s.startswith("{", self.i):
                self.raw_argument()
            elif self.s.startswith("\\", self.i):
                match = _COMMAND_TOKEN.match(self.s, self.i)
                self.i = match.end() if match else self.i + 1
            elif self.i < len(self.s):
                self.i += 1
        self.skip_options()

    def skip_definition(self, bodies: int) -> None:
        """Skip what `\\def`, `\\let` or `\\newcommand` defines: name, parameters, body."""
        self._skip_spaces()
        match = _DEFINITION_HEAD.match(self.s, self.i)
        self.i = match.end() if match else self.i
        for _ in range(bodies):
            self.skip_options()
            if self.s.startswith("{", self.i):
                self.raw_argument()

    def verbatim(self) -> BaseText:
        """`\\verb|text|`: the text up to the next copy of the delimiter, as code."""
        if self.i >= len(self.s):
            return Text()
        delimiter = self.s[self.i]
        end = self.s.find(delimiter, self.i + 1)
        end = len(self.s) if end < 0 else end
        text = self.s[self.i + 1 : end]
        self.i = min(end + 1, len(self.s))
        return Tag("code", text)

    def command(self, *, math: bool) -> str | BaseText | _Declaration | None:
        """Read the command after a backslash and return what it stands for."""
        self._enter()
        try:
            return self._command(math=math)
        finally:
            self.depth -= 1

    def _command(self, *, math: bool) -> str | BaseText | _Declaration | None:
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
        m = _COMMAND_NAME.match(self.s, self.i)
        assert m is not None
        name = m.group(0).rstrip("*")
        self.i = m.end()
        if name == "verb":
            return self.verbatim()  # the delimiter may be a space: read it before skipping any
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
        if name == "sqrt":
            self.skip_options()
            inner = self.argument(math=True)
            return Text("√", inner) if len(str(inner)) <= 1 else Text("√(", inner, ")")
        if name in _SETTING_ARGS:
            self.skip_arguments(_SETTING_ARGS[name])
            return self.argument(math=math)
        if name in _NO_TEXT:
            self.skip_arguments(_NO_TEXT[name])
            return None
        if name in _SPACING:
            dimension = _DIMENSION.match(self.s, self.i)
            self.i = dimension.end() if dimension else self.i
            return None
        if name == "switchargs":  # `\\switchargs{a}{b}` prints `b` then `a` (a sort trick)
            first = self.argument(math=math)
            return Text(self.argument(math=math), first)
        if name in _ASIDES:
            self.skip_options()
            return Text(" (", self.argument(math=math), ")")
        if name in _REFUSED:
            rule = _REFUSED[name]
            if rule == "def":  # `\\newenvironment{x}{begin}{end}`
                self.skip_definition(3 if name.endswith("environment") else 1)
            else:
                self.skip_arguments(int(rule))
            self.notes.append(
                ("BIB021", f"`\\{name}` cannot be used in a reference; it was left out")
            )
            return None
        if name in ("begin", "end"):
            environment = self.raw_argument()  # `\begin{quote}...\end{quote}`: keep the inside
            message = f"`\\{name}{{{environment}}}` is not understood; the text inside is kept"
            self.notes.append(("BIB020", message))
            return None
        symbol = _fallback_symbol(name)
        if symbol:
            return symbol
        # An unknown command: keep its arguments' text, drop the command name.
        self.notes.append(("BIB020", f"`\\{name}` is not understood; its text is kept"))
        self.skip_options()
        abbreviation = any(ch.isupper() for ch in name)
        if abbreviation and self.s.startswith("{}", self.i):
            self.i += 2  # `\\TUB{}`: an abbreviation macro; its name is the best text there is
            return name
        if self.s.startswith("{", self.i):
            return self.argument(math=math)
        # An undefined abbreviation (`\\TUB`, `\\AMS`) mostly stands for a name: keep the
        # name rather than print nothing (an author would vanish).
        return name if abbreviation else None


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
    """Greek letters, relations and such, from pylatexenc's tables (a bibtexparser dependency).

    Only commands that take no argument and stand for fixed text are used: pylatexenc's
    replacements for commands with arguments are format strings (`%s`) or functions that raise.
    """
    from pylatexenc import latex2text, latexwalker

    walker_spec = latexwalker.get_default_latex_context_db().get_macro_spec(name)
    if walker_spec is not None and getattr(walker_spec.args_parser, "argspec", None):
        return ""
    spec = latex2text.get_default_latex_context_db().get_macro_spec(name)
    replacement = getattr(spec, "simplify_repl", None)
    if not isinstance(replacement, str) or "%" in replacement:
        return ""
    return replacement.strip()


def _ligatures(text: str) -> str:
    for old, new in _TEXT_LIGATURES:
        text = text.replace(old, new)
    return text


def _flat(source: str) -> str:
    """The text of `source` with every command name, brace and `$` removed (no recursion)."""
    text = _FLAT_COMMAND.sub("", source)
    text = _FLAT_ESCAPE.sub(lambda m: "" if m.group(1) in _ACCENTS else m.group(1), text)
    return _SPACES.sub(" ", _ligatures(text.replace("{", "").replace("}", "").replace("$", "")))


def _read(source: str) -> tuple[Text, tuple[tuple[str, str], ...]]:
    source = _SPACES.sub(" ", source.strip())
    if not _SPECIAL.search(source):
        return Text(source), ()  # the common case: nothing to convert
    reader = _Reader(source)
    try:
        return Text(*reader.parts()), tuple(reader.notes)
    except _TooDeep:
        message = f"braces or commands are nested more than {MAX_NESTING} levels deep"
        return Text(_flat(source).strip()), (*reader.notes, ("BIB022", message))
    except Exception:  # noqa: BLE001 - a field must never stop a build; it is reported instead
        message = "this LaTeX could not be read; it is shown as plain text"
        return Text(_flat(source).strip()), (*reader.notes, ("BIB020", message))


def latex_to_text(source: str) -> Text:
    """Convert a field's LaTeX to pybtex rich text (Unicode strings, `em`/`strong`/... tags, links).

    Whitespace runs collapse to one space; `--` becomes an en dash, `---` an em dash, `~` a
    no-break space, TeX quotes become typographic quotes. Never raises (see the module notes).
    """
    return _read(source)[0]


@functools.lru_cache(maxsize=8192)
def latex_problems(source: str) -> tuple[tuple[str, str], ...]:
    """What converting `source` had to work around: `(code, message)` pairs, BIB020-BIB022."""
    return _read(source)[1]


@functools.lru_cache(maxsize=8192)
def latex_to_plain(source: str) -> str:
    """The plain Unicode text of a LaTeX field (no markup at all)."""
    return str(latex_to_text(source))
