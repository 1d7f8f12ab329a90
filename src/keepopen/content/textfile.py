"""Read contributors' files as UTF-8 text, or say which file, line and byte is wrong.

Pages, `.bib` files and YAML data are all read through `read_text` (or `decode` for bytes
already in hand), so a file saved in another encoding (Latin-1, Windows-1252, UTF-16) is
reported with its name and the place of its first bad byte instead of crashing a tool with a
bare `UnicodeDecodeError`.
"""

from __future__ import annotations

from pathlib import Path

from keepopen.diagnostics import Diagnostic
from keepopen.rules import make

__all__ = [
    "UTF8_FIX",
    "NotUtf8Error",
    "UnreadableFileError",
    "decode",
    "read_text",
    "text_of",
    "unreadable",
]

UTF8_FIX = (
    "save the file as UTF-8 (in most editors: Save As, or Save with Encoding, then choose UTF-8)"
)


class UnreadableFileError(Exception):
    """A file that cannot be read at all (missing, a folder, no permission)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class NotUtf8Error(ValueError):
    """Bytes that are not UTF-8; `line` and `col` (1-based) locate the first bad byte."""

    def __init__(self, byte: int, line: int, col: int, path: Path | None = None) -> None:
        self.byte, self.line, self.col, self.path = byte, line, col, path
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return (
            f"file is not UTF-8 text (bad byte 0x{self.byte:02X} at line {self.line}, "
            f"col {self.col})"
        )


def decode(data: bytes, path: Path | None = None) -> str:
    """`data` as text; a UTF-8 byte-order mark is dropped.

    Raises:
        NotUtf8Error: some byte sequence is not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        # Everything before the bad byte decoded, so the column counts characters, not bytes.
        col = len(data[line_start:start].decode("utf-8-sig", errors="replace")) + 1
        line = data.count(b"\n", 0, start) + 1
        raise NotUtf8Error(data[start], line, col, path) from None


def read_text(path: Path) -> str:
    """The UTF-8 text of `path`, line ends made `\\n` (as `Path.read_text` does).

    Raises:
        NotUtf8Error: the file is not UTF-8 (carries the line and column of the bad byte).
        UnreadableFileError: the file cannot be opened or read.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFileError(Path(path), exc.strerror or str(exc)) from None
    return text_of(data, Path(path))


def text_of(data: bytes, path: Path | None = None) -> str:
    """`data` as `read_text` gives a file's text: UTF-8, line ends made `\\n`.

    Raises:
        NotUtf8Error: some byte sequence is not UTF-8.
    """
    return decode(data, path).replace("\r\n", "\n").replace("\r", "\n")


def unreadable(exc: NotUtf8Error | UnreadableFileError, shown: str) -> Diagnostic:
    """ENC001 (not UTF-8) or ENC002 (cannot be read) for the file shown as `shown`."""
    if isinstance(exc, NotUtf8Error):
        return make("ENC001", shown, exc.line, exc.col, exc.message, UTF8_FIX)
    return make(
        "ENC002",
        shown,
        0,
        0,
        f"the file cannot be read: {exc.reason}",
        "check that it is a regular file you are allowed to read",
    )
