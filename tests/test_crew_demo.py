"""--demo's sample crew: sample names only, in a private temporary store removed afterwards."""

from __future__ import annotations

import stat
from datetime import date
from typing import TYPE_CHECKING

from clinic_timer.crew_demo import SAMPLE_FREE_ELECTRONS, SAMPLE_MEMBERS, SAMPLE_ORGANISER, sample_crew
from clinic_timer.store import default_path
from clinic_timer.store.crews import CrewBook

if TYPE_CHECKING:
    from pathlib import Path


def test_the_sample_crew_is_in_a_private_temporary_store_removed_on_close() -> None:
    """The sample is kept in an owner-only folder that is not the user's, and close removes it."""
    sample = sample_crew(date(2026, 12, 2))
    try:
        assert sample.folder != default_path().parent
        assert stat.S_IMODE(sample.folder.stat().st_mode) == 0o700
        book = CrewBook(sample.store)
        names = {p.name for p in book.people()}
        assert names == {SAMPLE_ORGANISER, *SAMPLE_MEMBERS, *(n for n, _i, _e in SAMPLE_FREE_ELECTRONS)}
        (kept,) = book.crews()
        assert kept.plan.meeting(1).held
        assert kept.plan.meeting(2).day == date(2026, 12, 2)  # this week's clinic is today
    finally:
        sample.close()
    assert not sample.folder.exists()
    assert not default_path().exists()  # the user's store was never made


def test_a_killed_rehearsals_sample_is_cleared_but_a_running_ones_is_not(tmp_path: Path) -> None:
    """A sample folder nobody holds is removed at the next rehearsal; one still open is left alone."""
    from clinic_timer.crew_demo import DATABASE, FOLDER_PREFIX, clear_stale
    from clinic_timer.store import Store

    stale, running = tmp_path / f"{FOLDER_PREFIX}old", tmp_path / f"{FOLDER_PREFIX}now"
    for folder in (stale, running):
        folder.mkdir(mode=0o700)
        Store.open(folder / DATABASE).close()
    held = Store.open(running / DATABASE)
    try:
        assert clear_stale(tmp_path) == [stale]
    finally:
        held.close()
    assert running.exists()
    assert not stale.exists()
