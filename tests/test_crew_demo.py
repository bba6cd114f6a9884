"""--demo's sample crew: sample names only, in a private temporary store removed afterwards."""

from __future__ import annotations

import stat
from datetime import date

from clinic_timer.crew_demo import SAMPLE_FREE_ELECTRONS, SAMPLE_MEMBERS, SAMPLE_ORGANISER, sample_crew
from clinic_timer.store import default_path
from clinic_timer.store.crews import CrewBook


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
