"""Reading untrusted files: bounded, regular files only, and scanned as their parsers would read them."""

from __future__ import annotations

import json
import os
import tomllib
import tracemalloc
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.untrusted import Refused, check_toml_shape, loads_json, read_bounded

if TYPE_CHECKING:
    from pathlib import Path


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    """The bytes come back as they are, up to and including the limit."""
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert read_bounded(path, 10) == b"x" * 10
    with pytest.raises(Refused, match="is 10 bytes; files over 9 bytes are not read"):
        read_bounded(path, 9)


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    """Absence stays FileNotFoundError, so callers can treat a first run as no file."""
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "absent", 10)


@pytest.mark.parametrize(
    "text",
    [
        'a = "[[[[[[[[[[ ... 1.2.3.4.5.6.7.8.9.10 ]]]]]]]]]"',
        "a = '[[[[[[[[[[[[[[[[[['",
        'a = """\n[[[[[[[[[[[[\n\\"""\n"""',
        "a = '''[[[[[[[[[[[[[\n'''",
        'a = """x""""',
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ 1.2.3.4.5.6.7.8.9.10.11.12 12345678901234567890",
        'a = "12345678901234567890"',
        "a = [[1, 2], [3, [4]]]\nb.c.d = 1.5",
    ],
)
def test_brackets_dots_and_digits_in_strings_and_comments_do_not_count(text: str) -> None:
    """The scan skips strings and comments as TOML does, so valid text within the bounds passes."""
    tomllib.loads(text)
    check_toml_shape(text, max_depth=3, max_dots=3, max_string=100)


def test_the_line_of_a_refusal_is_named() -> None:
    """Depth beyond the bound is refused, naming the line, even after a multi-line string."""
    with pytest.raises(Refused, match="line 4: brackets are nested more than 3 deep"):
        check_toml_shape('a = """\n\n"""\nb = [[[[1]]]]', max_depth=3, max_dots=3, max_string=100)


def test_json_text_in_strings_does_not_count_towards_depth() -> None:
    """Brackets inside JSON strings, escaped quotes included, are not nesting."""
    text = json.dumps({"a": '\\"[[[[[[[[[[[[', "b": [[1]]})
    assert loads_json(text, max_depth=3) == json.loads(text)
    with pytest.raises(Refused, match="nested more than 2 deep"):
        loads_json(text, max_depth=2)


def test_lenient_numbers_read_over_long_integers_as_infinite() -> None:
    """For readers that check each field, a 400-digit integer is infinity, not an error."""
    value = loads_json('{"a": -1' + "0" * 400 + ', "b": NaN}', max_depth=2, lenient_numbers=True)
    assert value["a"] == float("-inf")
    assert value["b"] != value["b"]


def test_a_fifo_opens_at_once_and_is_refused(tmp_path: Path) -> None:
    """No writer is waited for: the FIFO is opened non-blocking, then refused."""
    path = tmp_path / "fifo"
    os.mkfifo(path)
    with pytest.raises(Refused, match=r"is not a regular file \(it is a FIFO\)"):
        read_bounded(path, 10)


def test_an_over_long_string_is_refused_before_parsing() -> None:
    """tomllib takes a millisecond a kilobyte of string: a string past the bound is refused first."""
    check_toml_shape('a = "' + "x" * 100 + '"', max_depth=3, max_dots=3, max_string=102)
    with pytest.raises(Refused, match="line 2: a text of more than 102 characters"):
        check_toml_shape('\na = """' + "x" * 100 + '"""', max_depth=3, max_dots=3, max_string=102)


def test_reading_a_small_file_under_a_large_limit_allocates_little(tmp_path: Path) -> None:
    """os.read allocates what it is asked for: a 10-byte file under a 64 MiB limit costs kilobytes."""
    path = tmp_path / "small"
    path.write_bytes(b"x" * 10)
    tracemalloc.start()
    try:
        assert read_bounded(path, 64 * 1024 * 1024) == b"x" * 10
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
