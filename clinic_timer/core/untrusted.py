"""Reading files a person, another program or a prankster may have made: bounded before parsing.

Format files, the settings file and session imports come from outside the
app. Python's own parsers fail on such files in ways that are not their
documented errors: ``tomllib`` and ``json`` recurse once per nesting level
(a ``RecursionError`` a few hundred levels down), convert integers of more
than 4,300 digits only to raise ``ValueError``, and ``tomllib`` spends time
quadratic in the parts of a dotted key (20,000 parts: 16 s and 2.3 GB).
Opening a FIFO waits for a writer forever and reading ``/dev/zero`` never
ends. So every such file is read here first: only a regular file, at most a
set number of bytes, and its text is scanned for nesting depth, dotted-key
length and number length before a parser sees it. What is refused raises
:class:`Refused` with a facilitator-readable problem (no file name: the
caller adds it, in its own error type).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

MAX_NUMBER_DIGITS = 15  # a float's worth; every real number in our files is far shorter


class Refused(ValueError):
    """A file refused before or while parsing; ``problem`` says why, without the file's name.

    Args:
        problem: what is wrong, phrased to follow the file's name ("is not a regular file").
    """

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO opens at once, and is then
    refused), checked with ``fstat`` on the open descriptor (so a symlink
    swapped in between cannot slip past), and read to at most ``limit + 1``
    bytes (so a file that grows while read is still refused, not read whole).

    Raises:
        Refused: not a regular file (a FIFO, a device, a folder), or too big.
        OSError: it cannot be opened or read (FileNotFoundError when absent).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is not a regular file (it is {_kind(info.st_mode)}); only plain files are read")
        if info.st_size > limit:
            raise Refused(f"is {info.st_size:,} bytes; files over {limit:,} bytes are not read")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            # os.read allocates what it is asked for: ask for what the file holds (and one byte
            # more, to see it grow), not for the limit, which is 64 MiB for an import.
            chunk = os.read(handle, min(limit + 1 - size, max(info.st_size - size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise Refused(f"is over {limit:,} bytes; files that big are not read")
        return b"".join(chunks)
    finally:
        os.close(handle)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


# -- TOML ------------------------------------------------------------------------

_TOML_QUOTED = re.compile(
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"{3,5}'  # multi-line basic (it may end in 2 more quotes)
    r"|'''[^']*(?:'(?!'')[^']*)*'{3,5}"  # multi-line literal string
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # basic string (each loop unrolled: no branch per character)
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
)
_TOML_BRACKET = re.compile(r"[\[\]{}]")
_TOML_LONG_NUMBER = re.compile(rf"[0-9_]{{{MAX_NUMBER_DIGITS + 1},}}")


def check_toml_shape(text: str, *, max_depth: int, max_dots: int, max_string: int) -> None:
    """Refuses TOML text nested deeper than ``max_depth``, with a line of more than ``max_dots``
    dots outside quotes (a dotted key of that many parts), a string of more than ``max_string``
    characters (``tomllib`` takes a millisecond a kilobyte), or an over-long number.

    Strings and comments are blanked out first, as TOML's lexer skips them
    (their line breaks kept, so lines keep their numbers); what is left is
    counted in time linear in its length, so the parser after it never
    recurses deep nor meets a key that costs it quadratic time. It runs for
    every format at start-up, so the counting is left to ``re`` and ``str``.

    Raises:
        Refused: the text is beyond a bound; the problem names the line.
    """
    too_long: list[int] = []  # where the first over-long string starts, once found

    def blank(quoted: re.Match[str]) -> str:
        if not too_long and len(quoted.group()) > max_string and quoted.group()[0] != "#":
            too_long.append(quoted.start())
        return " " + "\n" * quoted.group().count("\n")

    bare = _TOML_QUOTED.sub(blank, text)

    def line_of(position: int) -> int:
        return bare.count("\n", 0, position) + 1

    if too_long:
        raise Refused(
            f"line {text.count(chr(10), 0, too_long[0]) + 1}: a text of more than {max_string:,} "
            "characters; longer ones are not read"
        )

    long_number = _TOML_LONG_NUMBER.search(bare)
    if long_number:
        raise Refused(
            f"line {line_of(long_number.start())}: a number of {len(long_number.group())} digits; "
            f"numbers over {MAX_NUMBER_DIGITS} digits are not read"
        )
    if bare.count(".") > max_dots:  # only then is it worth looking line by line
        for number, line in enumerate(bare.split("\n"), 1):
            if line.count(".") > max_dots:
                raise Refused(
                    f"line {number}: a dotted key of more than {max_dots} parts; longer ones are not read"
                )
    depth = 0
    for bracket in _TOML_BRACKET.finditer(bare):
        if bracket.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise Refused(
                    f"line {line_of(bracket.start())}: brackets are nested more than {max_depth} deep; "
                    "deeper files are not read"
                )
        else:
            depth = max(depth - 1, 0)


# -- JSON ------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"|[\[{]|[\]}]')


def loads_json(text: str, *, max_depth: int, lenient_numbers: bool = False) -> Any:
    """Parses JSON that must be nested at most ``max_depth`` deep, with sane numbers and text.

    Before parsing, the nesting depth is counted (``json`` recurses once per
    level). While parsing, integers longer than :data:`MAX_NUMBER_DIGITS`
    digits (which ``int`` refuses past 4,300 digits and ``math.isfinite``
    past 309), floats that overflow to infinity, and ``NaN``/``Infinity`` are
    refused. After it, every text is checked to be encodable Unicode: JSON's
    ``"\\ud800"`` escape gives a lone surrogate that no UTF-8 file or SQLite
    database can hold.

    Args:
        text: the JSON.
        max_depth: how deeply arrays and objects may nest.
        lenient_numbers: instead of refusing the whole text, read an over-long
            integer as an infinite float and keep ``NaN``/``Infinity``, for a
            reader that checks each number itself and resets only that field.

    Raises:
        Refused: not JSON, or beyond a bound; the problem says which.
    """
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        first = match.group()[0]
        if first in "[{":
            depth += 1
            if depth > max_depth:
                raise Refused(f"is nested more than {max_depth} deep; deeper files are not read")
        elif first in "]}":
            depth = max(depth - 1, 0)
    try:
        if lenient_numbers:
            value = json.loads(text, parse_int=_lenient_int)
        else:
            value = json.loads(
                text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
            )
    except json.JSONDecodeError as error:
        raise Refused(f"is not valid JSON ({error})") from None
    except RecursionError:  # the scan above should make this unreachable; never a traceback
        raise Refused(f"is nested more than {max_depth} deep; deeper files are not read") from None
    _check_texts(value)
    return value


def _json_int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise Refused(
            f"holds a number of {len(token)} digits; numbers over {MAX_NUMBER_DIGITS} digits are not read"
        )
    return int(token)


def _lenient_int(token: str) -> int | float:
    if len(token.lstrip("-")) > MAX_NUMBER_DIGITS:
        return -math.inf if token.startswith("-") else math.inf
    return int(token)


def _json_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise Refused(f"holds the number {token[:20]}, too big to use")
    return value


def _json_constant(token: str) -> float:
    raise Refused(f"holds {token}, which is not a number that can be used")


def _check_texts(value: object) -> None:
    """Refuses a lone surrogate in any string or key, naming where it is."""
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            _check_text(item, where)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_text(key, where)
                stack.append((child, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{index}]") for index, child in enumerate(item))


def _check_text(text: str, where: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = ascii(text[error.start])
        place = f" at {ascii(where)[1:-1]}" if where else ""
        raise Refused(f"holds text that is not valid Unicode (a lone surrogate, {bad}){place}") from None
