"""Dossier numbers offline: each workstation hands out numbers only from its own block (design §5).

The 4-digit sequence of a dossier code restarts every day for each agency. Two workstations of one commune may
be offline all day, so at enrolment the server gives each one a *reserved block* of that daily space, e.g.
0001–4999 and 5000–9999 (DHIS2's reserved-value pools are the model): a workstation numbers each day from the
start of its block upwards, never leaves it and never wraps around. Gaps are allowed, duplicates never.

Blocks rather than slots (workstation k of n takes the numbers ≡ k mod n), because:
- a clerk or IT officer reads "this PC prints 0001–4999" at a glance, and a number on a receipt tells which
  PC printed it;
- blocks need not be equal: the main desk can get more numbers than the spare PC (``weights``);
- a workstation enrolled later gets a block from a range kept spare (split 0001–8999 now, hand out blocks
  of 9000–9999 later) without renumbering the others; with slots, adding one changes n for everyone.
The server must never hand a number range of an agency to two workstations at once: ``check_no_overlap``
checks a set of assignments, and a changed split must only take effect from the next day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import TypeGuard

from dossiers.dossier_codes import DossierCode, is_agency_identifier
from dossiers.errors import SequenceExhausted, SequenceOverlap

MIN_SEQUENCE = 1
MAX_SEQUENCE = 9999
"""The daily sequence is 4 digits (Circular 01/2018 Art. 19); 0000 is never printed."""


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class SequenceSpace:
    """The block ``first``–``last`` of each day's dossier numbers that one workstation of one agency uses."""

    agency: str
    workstation: str
    first: int
    last: int

    def __post_init__(self) -> None:
        if not is_agency_identifier(self.agency):
            raise ValueError(f"{self.agency!r} is not an agency identifier (like 000.00.01.H22)")
        if not isinstance(self.workstation, str) or not self.workstation.strip():
            raise ValueError("a sequence space needs a workstation id")
        if not _is_int(self.first) or not _is_int(self.last):
            raise TypeError("the ends of a sequence block are ints")
        if not MIN_SEQUENCE <= self.first <= self.last <= MAX_SEQUENCE:
            raise ValueError(
                f"a sequence block must lie within {MIN_SEQUENCE:04d}–{MAX_SEQUENCE:04d} with first ≤ last, "
                f"not {self.first}–{self.last}"
            )

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        """The block as a clerk reads it, e.g. ``0001–4999``."""
        return f"{self.first:04d}–{self.last:04d}"

    def __contains__(self, number: object) -> bool:
        return _is_int(number) and self.first <= number <= self.last


UsedToday = int | Set[int] | None
"""What a workstation has used today: ``None``/``0`` (nothing), its last number, or the numbers known used."""


def next_sequence(space: SequenceSpace, used_today: UsedToday, day: dt.date) -> int:
    """The next number ``space``'s workstation may print on ``day``.

    ``used_today`` is ``None`` or ``0`` when nothing was handed out yet today; an int, the last number this
    workstation handed out today (it must lie in its block); or a set of numbers known used today (numbers
    outside the block, e.g. other workstations' seen through sync, are ignored). The answer follows the
    highest used number of the block: gaps (a voided receipt) are never filled; no printed number is reused.
    Raises ``SequenceExhausted`` when the block is used up; it never wraps around.
    """
    if not isinstance(space, SequenceSpace):
        raise TypeError(f"next_sequence takes a SequenceSpace, not {type(space).__name__}")
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise TypeError(f"the day is a date, not {type(day).__name__}")
    last_used: int
    if used_today is None or (_is_int(used_today) and used_today == 0):
        return space.first
    if _is_int(used_today):
        last_used = used_today
        if last_used not in space:
            raise ValueError(
                f"the last number handed out, {last_used}, is outside this workstation's block {space.label}"
            )
    elif isinstance(used_today, Set):
        if not all(_is_int(n) and MIN_SEQUENCE <= n <= MAX_SEQUENCE for n in used_today):
            raise ValueError(f"used numbers must be ints within {MIN_SEQUENCE:04d}–{MAX_SEQUENCE:04d}")
        mine = [n for n in used_today if n in space]
        if not mine:
            return space.first
        last_used = max(mine)
    else:
        raise TypeError(f"used_today is None, an int or a set of ints, not {type(used_today).__name__}")
    if last_used >= space.last:
        raise SequenceExhausted(day=day.isoformat(), first=f"{space.first:04d}", last=f"{space.last:04d}")
    return last_used + 1


def next_code(space: SequenceSpace, used_today: UsedToday, day: dt.date) -> DossierCode:
    """The next dossier code ``space``'s workstation may print for a dossier received on ``day``."""
    return DossierCode(space.agency, day, next_sequence(space, used_today, day))


def split_space(
    agency: str,
    workstations: Sequence[str],
    *,
    first: int = MIN_SEQUENCE,
    last: int = MAX_SEQUENCE,
    weights: Sequence[int] | None = None,
) -> tuple[SequenceSpace, ...]:
    """Split ``first``–``last`` of ``agency``'s daily numbers into one contiguous block per workstation.

    Blocks follow the order of ``workstations`` and cover the whole range; their sizes are proportional to
    ``weights`` (equal without), each at least one number. Keep part of the range out (a smaller ``last``)
    for workstations enrolled later.
    """
    if isinstance(workstations, str) or not isinstance(workstations, Sequence):
        raise TypeError("workstations is a sequence of workstation ids")
    if not workstations:
        raise ValueError("there is no workstation to give numbers to")
    if len(set(workstations)) != len(workstations):
        raise ValueError("a workstation is listed twice")
    if not _is_int(first) or not _is_int(last):
        raise TypeError("the ends of the range are ints")
    if not MIN_SEQUENCE <= first <= last <= MAX_SEQUENCE:
        raise ValueError(
            f"the range must lie within {MIN_SEQUENCE:04d}–{MAX_SEQUENCE:04d}, not {first}–{last}"
        )
    count = len(workstations)
    if weights is None:
        weights = [1] * count
    if isinstance(weights, str) or not isinstance(weights, Sequence) or len(weights) != count:
        raise ValueError("weights must give one positive int per workstation")
    if not all(_is_int(w) and w > 0 for w in weights):
        raise ValueError("weights must be positive ints")
    size = last - first + 1
    if size < count:
        raise ValueError(f"{count} workstations cannot share {size} numbers: each needs at least one")

    # One number each, then the rest by weight (largest remainder, ties to the earlier workstation).
    spare, total = size - count, sum(weights)
    shares = [1 + spare * w // total for w in weights]
    by_remainder = sorted(range(count), key=lambda i: (-(spare * weights[i] % total), i))
    for i in by_remainder[: size - sum(shares)]:
        shares[i] += 1

    blocks, start = [], first
    for workstation, share in zip(workstations, shares, strict=True):
        blocks.append(SequenceSpace(agency, workstation, start, start + share - 1))
        start += share
    return tuple(blocks)


def find_overlaps(spaces: Iterable[SequenceSpace]) -> list[tuple[SequenceSpace, SequenceSpace]]:
    """Every pair of blocks of the same agency that share a number (each pair once, in block order)."""
    given = list(spaces)
    if not all(isinstance(s, SequenceSpace) for s in given):
        raise TypeError("find_overlaps takes SequenceSpace values")
    ordered = sorted(given, key=lambda s: (s.agency, s.first, s.last, s.workstation))
    pairs = []
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1 :]:
            if later.agency != earlier.agency or later.first > earlier.last:
                break
            pairs.append((earlier, later))
    return pairs


def check_no_overlap(spaces: Iterable[SequenceSpace]) -> None:
    """Raise ``SequenceOverlap`` naming the first two blocks of one agency that share a number."""
    overlaps = find_overlaps(spaces)
    if overlaps:
        earlier, later = overlaps[0]
        raise SequenceOverlap(
            agency=earlier.agency,
            first_workstation=earlier.workstation,
            second_workstation=later.workstation,
            overlap_first=f"{later.first:04d}",
            overlap_last=f"{min(earlier.last, later.last):04d}",
        )
