"""Benchmark: suggesting crews for 200 interested people with 20 interests (target: under 200 ms).

Each person has two to four of the 20 interests, about a third are at ease
talking about feelings and one in eight is someone the organiser knows in
real life; the organiser takes a seat. The whole :func:`suggest` call is
timed, all interests at once, the median of ``--runs`` runs reported.

Run: ``uv run python benchmarks/crew_suggestions.py [--people 200] [--interests 20]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.suggest import suggest

TARGET_MS = 200.0


def people(count: int, interests: int, seed: int = 1) -> list[Person]:
    """``count`` interested people with a realistic spread of interests and traits."""
    pick = random.Random(seed)
    tags = [f"interest {i}" for i in range(interests)]
    return [
        Person(
            id=f"{i:08x}",
            name=f"Person {i}",
            interests=tuple(pick.sample(tags, pick.randint(2, 4))),
            at_ease=Ease.YES if pick.random() < 0.33 else Ease.NOT_YET_KNOWN,
            knows_in_person=pick.random() < 0.125,
            standing=Standing.INTERESTED,
        )
        for i in range(1, count + 1)
    ]


def main() -> None:
    """Times the suggestions and prints the median against the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--interests", type=int, default=20)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    everyone = people(args.people, args.interests)
    organiser = Person(id="ffffffff", name="Organiser", at_ease=Ease.YES)
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        result = suggest(everyone, organiser=organiser)
        times.append((time.perf_counter() - began) * 1000)
    median = statistics.median(times)
    print(f"{args.people} people, {args.interests} interests: {len(result.crews)} crews suggested")
    print(
        f"suggest: median {median:.1f} ms, max {max(times):.1f} ms over {args.runs} runs (target < {TARGET_MS:g} ms)"
    )
    print("PASS" if median < TARGET_MS else "FAIL")


if __name__ == "__main__":
    main()
