"""A fuzzer of database damage: whatever happens to the files, opening works or refuses, and keeps them.

Bytes flipped anywhere (the database, its -wal, its -shm), files cut short
or emptied, on a closed database and on one a crash left with its sessions
in the -wal. Opening and reading either work or raise a ``StoreError`` that
names the file; a refusal leaves the database and its log byte for byte as
they were, with a copy kept; salvage never raises; and a database that opens
without a word lists every session salvage could find in its pages (so no
damage made SQLite drop committed changes silently).

``CLINIC_TIMER_FUZZ_EXAMPLES=5000 uv run pytest tests/store/test_damage_fuzz.py``
runs a longer search than the suite's few seconds.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clinic_timer.store import Store, StoreError, salvage
from clinic_timer.store.files import side_file
from tests.store.damage import FILES, contents, crashed, filled

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
EXAMPLES = int(os.environ.get("CLINIC_TIMER_FUZZ_EXAMPLES", "40"))
SCHEMA_NAME = 4062  # where a closed three-session database keeps "sqlite_autoindex_session_1"


@dataclass(frozen=True)
class Damage:
    """One thing done to one file: ``flip`` a byte, ``cut`` it short, or ``zero`` a run of bytes."""

    kind: str
    suffix: str  # "", "-wal" or "-shm"
    where: float | int  # how far into the file (0..1), or (an int) the byte, from the start
    value: int  # the xor mask for a flip; the length for zeroing

    def apply(self, path: Path) -> None:
        """Does it, if the file is there."""
        target = side_file(path, self.suffix)
        if not target.exists():
            return
        data = bytearray(target.read_bytes())
        if not data:
            return
        at = self.where if isinstance(self.where, int) else int(self.where * len(data))
        at = min(at, len(data) - 1)
        if self.kind == "flip":
            data[at] ^= self.value
        elif self.kind == "cut":
            del data[at:]
        else:
            data[at : at + self.value] = bytes(len(data[at : at + self.value]))
        target.write_bytes(bytes(data))


damages = st.builds(
    Damage,
    kind=st.sampled_from(["flip", "flip", "flip", "cut", "zero"]),
    suffix=st.sampled_from(FILES),
    # Anywhere, and often on the first page: the schema, the file and log headers, the first frame.
    where=st.one_of(st.floats(0, 1), st.integers(0, 4200), st.integers(3072, 4095)),
    value=st.integers(1, 255),
)


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """A closed database and a crashed one (sessions in the -wal), made once and copied for each example."""
    made = {}
    for name, make in (("closed", filled), ("crashed", crashed)):
        path = tmp_path_factory.mktemp(name) / "notes.sqlite3"
        made[name] = (path, make(path, 3))
    assert made["closed"][0].read_bytes().index(b"sqlite_autoindex_session_1") == SCHEMA_NAME
    return made


def use_everything(store: Store) -> None:
    """Every read the app and the command line make of an open store."""
    for summary in store.list():
        store.load(summary.id)
    store.list("city")
    store.last()
    store.interrupted()
    store.count()
    store.held_count()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(base=st.sampled_from(["closed", "crashed"]), damage=st.lists(damages, min_size=1, max_size=4))
@example(base="closed", damage=[Damage("flip", "", SCHEMA_NAME, 0x73 ^ 0x8C)])  # issue 13's first find
@example(base="crashed", damage=[Damage("cut", "-wal", 0.5, 0)])
@example(base="crashed", damage=[Damage("cut", "", 0, 0)])  # SQLite deletes the log of an empty file
def test_damage_is_used_or_refused_never_thrown_and_never_lost(
    originals: dict[str, tuple[Path, list[str]]], base: str, damage: list[Damage]
) -> None:
    """Open, read everything, salvage: only StoreErrors naming the file; a refusal changes no byte."""
    source, ids = originals[base]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data" / source.name
        path.parent.mkdir(mode=0o700)
        for suffix in FILES:
            if side_file(source, suffix).exists():
                shutil.copyfile(side_file(source, suffix), side_file(path, suffix))
        for step in damage:
            step.apply(path)
        before = contents(path)
        readable = {r.id for r in salvage(path).records}
        assert readable <= set(ids)
        opened = attempt(lambda: Store.open(path))
        if isinstance(opened, StoreError):
            assert str(opened).startswith(str(path))
            after = contents(path)
            assert after[""] == before[""]
            assert after["-wal"] == before["-wal"]
            if opened.copy is not None:
                assert opened.copy.read_bytes() == before[""]
                assert contents(opened.copy)["-wal"] == before["-wal"]
            return
        with opened:
            unreadable = attempt(lambda: use_everything(opened))
            if unreadable is not None:
                assert str(path) in str(unreadable)
            else:  # opened and read without a word: then nothing the pages still hold was dropped
                assert readable <= {s.id for s in opened.list()}


def attempt(action: Callable[[], T]) -> T | StoreError:
    """What ``action`` gives, or the StoreError it raised (any other exception fails the test)."""
    try:
        return action()
    except StoreError as error:
        return error
