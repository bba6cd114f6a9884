"""Who is in the clinic: one case bringer and the coaches who listen and reflect."""

from __future__ import annotations

from dataclasses import dataclass

from clinic_timer.core.formats import MAX_COACHES, Format


class RosterError(ValueError):
    """A roster the clinic cannot run with; the message says what to change."""


@dataclass(frozen=True)
class Roster:
    """The people of one clinic, coaches in their speaking order.

    Attributes:
        bringer: the case bringer (for an intro or landing session: the host).
        coaches: 1 to 8 distinct names.
    """

    bringer: str
    coaches: tuple[str, ...]

    def __post_init__(self) -> None:
        bringer = self.bringer.strip()
        coaches = tuple(c.strip() for c in self.coaches)
        if not bringer:
            raise RosterError("the case bringer needs a name")
        if any(not c for c in coaches):
            raise RosterError("every coach needs a name")
        if len(coaches) > MAX_COACHES:
            raise RosterError(f"at most {MAX_COACHES} coaches can take part ({len(coaches)} given)")
        lowered = [c.casefold() for c in (bringer, *coaches)]
        for name in lowered:
            if lowered.count(name) > 1:
                raise RosterError(f"{name!r} is on the roster twice; names must differ")
        object.__setattr__(self, "bringer", bringer)
        object.__setattr__(self, "coaches", coaches)

    def check_fits(self, fmt: Format) -> None:
        """Raises :class:`RosterError` when ``fmt`` cannot run with this many coaches."""
        count = len(self.coaches)
        if count < fmt.min_coaches:
            raise RosterError(f"{fmt.title} needs at least {fmt.min_coaches} coaches ({count} given)")
        if count > fmt.max_coaches:
            raise RosterError(f"{fmt.title} takes at most {fmt.max_coaches} coaches ({count} given)")

    def to_dict(self) -> dict[str, object]:
        """A JSON-friendly form."""
        return {"bringer": self.bringer, "coaches": list(self.coaches)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Roster:
        """The inverse of :meth:`to_dict`."""
        coaches = data.get("coaches", [])
        bringer = data.get("bringer", "")
        if not isinstance(coaches, list) or not all(isinstance(c, str) for c in coaches):
            raise RosterError("coaches must be a list of names")
        if not isinstance(bringer, str):
            raise RosterError("the bringer must be a name")
        return cls(bringer=bringer, coaches=tuple(coaches))
