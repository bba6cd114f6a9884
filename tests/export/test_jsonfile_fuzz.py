"""A fuzzer for session imports: any file is a record that exports and saves, or one line naming it.

It starts from a real export and breaks it: a value anywhere swapped for a
huge or odd number, a deep array, a strange text (lone surrogates, escapes) or
another type; the text cut or doubled. What is accepted must then do what an
import promises: save in the store and export as Markdown without an error
(a planned_s of 1e308 once imported fine and then broke every export).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_timer.core.checked import MAX_SECONDS
from clinic_timer.core.record import SessionRecord
from clinic_timer.export import Audience, UnreadableExport, read_json, to_json
from clinic_timer.export.markdown import to_markdown
from clinic_timer.store import Store
from tests.fuzzing import FUZZ, HOSTILE_NUMBERS, HOSTILE_TEXT, NESTING, Timed, one_line, walk
from tests.store.records import full_record

# A failing input may be large; Hypothesis then warns of its repr, which must not hide the failure.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

DOCUMENTS = [json.loads(to_json(full_record())), json.loads(to_json(full_record(finished=False)))]
MARK = "\u2603fuzz\u2603"  # stands in the JSON for a raw value's text, replaced after dumping

raw_values = st.one_of(
    HOSTILE_NUMBERS, NESTING, st.sampled_from(["NaN", "-Infinity", '"\\ud800"', '"A\\udfff"'])
)
# Texts that are right in shape for some field and wrong in content: times out of range, short ids.
TIMES = st.sampled_from(
    [
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-14:00",
        "1899-12-31T23:59:59+00:00",
        "2026-03-03T19:00:00",
        "2026-03-03T19:00:00+01:00",
        "2026-13-03T19:00:00+01:00",
    ]
)
IDS = st.sampled_from(["1", "8cc45f66", "0" * 32, "0" * 31, "F" * 32, "f" * 32, ""])
FIELD_TEXTS = TIMES | IDS | st.sampled_from(["running", "closed-interrupted", "case", "coaches"])
ALIKE_TEXTS = {"started_at": TIMES, "ended_at": TIMES, "id": IDS}
NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 4e7, 1e12, 10**15, -(10**15), 0, -1]),
    st.integers(-(10**15), 10**15),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT | FIELD_TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def broken_exports(draw: st.DrawFn) -> str:
    """A real export with a few values replaced (some by raw hostile text), maybe then cut or doubled."""
    document: Any = json.loads(json.dumps(draw(st.sampled_from(DOCUMENTS))))
    raw: list[str] = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        places = [where for where, _ in walk(document) if where]
        if draw(st.booleans()):  # the record's own fields as often as the many deep in its timeline
            places = [where for where in places if len(where) <= 3]
        where = draw(st.sampled_from(places))
        target = document
        for step in where[:-1]:
            target = target[step]
        old = target[where[-1]]
        how = draw(st.sampled_from(["alike", "alike", "alike", "raw", "any"]))
        if how == "raw":
            raw.append(draw(raw_values))
            target[where[-1]] = MARK
        elif how == "alike" and isinstance(old, int | float) and not isinstance(old, bool):
            target[where[-1]] = draw(NUMBERS)  # a number for a number: only its size can be wrong
        elif how == "alike" and isinstance(old, str):
            target[where[-1]] = draw(ALIKE_TEXTS.get(str(where[-1]), HOSTILE_TEXT | FIELD_TEXTS))
        else:
            target[where[-1]] = draw(json_values)
    text = json.dumps(document, indent=draw(st.sampled_from([None, 2])))
    for value in raw:
        text = text.replace(json.dumps(MARK), value, 1)
    if draw(st.integers(0, 9)) == 0:
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] if draw(st.booleans()) else text[:cut] + text[cut // 2 :]
    return text


def test_an_altered_export_is_imported_whole_or_refused_in_one_line() -> None:
    """Whatever is done to an export, read_json gives a record that saves and exports, or one line."""
    timed = Timed()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.json"
        store = Store.open(Path(folder) / "notes.sqlite3")

        @settings(FUZZ, max_examples=FUZZ.max_examples * 3)  # quick per input, and found more with more
        @given(broken_exports())
        def check(text: str) -> None:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            try:
                record = timed(lambda: read_json(path))
            except UnreadableExport as error:
                one_line(str(error), str(path))
                return
            assert isinstance(record, SessionRecord)
            kept = {**record.to_dict(), "snapshot": None}
            assert all(
                abs(value) <= MAX_SECONDS
                for _, value in walk(kept)
                if isinstance(value, int | float) and not isinstance(value, bool)
            )
            store.save(record)  # no UnicodeEncodeError, no OverflowError in the UTC time
            assert store.load(record.id) == record
            for audience in Audience:
                to_markdown(record, audience)  # no OverflowError from an infinite plan
            store.delete(record.id)

        with store:
            check()
