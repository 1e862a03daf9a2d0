"""Find procedures by code prefix or by words typed with or without diacritics.

``khai sinh``, ``KHAI SINH``, ``Khai sinh`` and ``đăng ký khai`` all find "Đăng ký khai sinh";
``1.0011`` finds the codes starting with it. Every typed word must be the start of a word of the procedure.
Results rank the exact code first, then code prefixes, then name matches, then matches that need the sector,
then by code.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from dossiers.catalogue import Procedure
from sync.folding import fold, fold_words


class MatchKind(IntEnum):
    """Why a procedure matched; lower values rank first."""

    CODE_EXACT = 0
    CODE_PREFIX = 1
    NAME = 2
    """Every word is the start of a word of the name."""
    SECTOR = 3
    """Every word is the start of a word of the name or the sector, and some word needs the sector."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    procedure: Procedure
    match: MatchKind


def _code_query(folded: str) -> str | None:
    """The folded query as a code prefix, if it could be one (no spaces, starts with a digit)."""
    if folded and folded[0].isdigit() and " " not in folded:
        return folded
    return None


def _ranked(hits: dict[int, MatchKind], ordered: list[Procedure], limit: int | None) -> list[SearchHit]:
    keys = sorted(hits, key=lambda position: (hits[position], position))
    if limit is not None:
        keys = keys[: max(limit, 0)]
    return [SearchHit(ordered[position], hits[position]) for position in keys]


def _sorted_by_code(procedures: Iterable[Procedure]) -> list[Procedure]:
    return sorted(procedures, key=lambda procedure: procedure.code)


class CatalogueIndex:
    """A search index built once over a catalogue's procedures: folded word prefixes and sorted codes."""

    def __init__(self, procedures: Iterable[Procedure]) -> None:
        self._procedures = _sorted_by_code(procedures)
        self._codes = [fold(procedure.code) for procedure in self._procedures]
        self._name_prefixes: dict[str, set[int]] = {}
        self._any_prefixes: dict[str, set[int]] = {}
        for position, procedure in enumerate(self._procedures):
            name_words = set(fold_words(procedure.name))
            sector_words = set(fold_words(procedure.sector))
            for word in name_words:
                for end in range(1, len(word) + 1):
                    self._name_prefixes.setdefault(word[:end], set()).add(position)
            for word in name_words | sector_words:
                for end in range(1, len(word) + 1):
                    self._any_prefixes.setdefault(word[:end], set()).add(position)

    def __len__(self) -> int:
        return len(self._procedures)

    def _all_words(self, table: dict[str, set[int]], words: list[str]) -> set[int]:
        postings = sorted((table.get(word, set()) for word in set(words)), key=len)
        if not postings or not postings[0]:
            return set()
        return set(postings[0]).intersection(*postings[1:])

    def search(self, query: str, *, limit: int | None = None) -> list[SearchHit]:
        """The procedures matching ``query``, best first; an empty query finds nothing."""
        folded = fold(query)
        hits: dict[int, MatchKind] = {}
        code = _code_query(folded)
        if code is not None:
            start = bisect.bisect_left(self._codes, code)
            for position in range(start, len(self._codes)):
                if not self._codes[position].startswith(code):
                    break
                hits[position] = (
                    MatchKind.CODE_EXACT if self._codes[position] == code else MatchKind.CODE_PREFIX
                )
        words = fold_words(folded)
        if words:
            in_name = self._all_words(self._name_prefixes, words)
            for position in in_name:
                hits.setdefault(position, MatchKind.NAME)
            for position in self._all_words(self._any_prefixes, words) - in_name:
                hits.setdefault(position, MatchKind.SECTOR)
        return _ranked(hits, self._procedures, limit)


def build_index(procedures: Iterable[Procedure]) -> CatalogueIndex:
    """Build the search index once (pass a ``Catalogue`` or any iterable of procedures)."""
    return CatalogueIndex(procedures)


def _starts_every(words: list[str], candidates: list[str]) -> bool:
    return all(any(candidate.startswith(word) for candidate in candidates) for word in words)


def linear_search(
    procedures: Iterable[Procedure], query: str, *, limit: int | None = None
) -> list[SearchHit]:
    """The same search as :meth:`CatalogueIndex.search`, scanning every procedure (reference, baseline)."""
    ordered = _sorted_by_code(procedures)
    folded = fold(query)
    code = _code_query(folded)
    words = fold_words(folded)
    hits: dict[int, MatchKind] = {}
    for position, procedure in enumerate(ordered):
        procedure_code = fold(procedure.code)
        name_words = fold_words(procedure.name)
        if code is not None and procedure_code == code:
            hits[position] = MatchKind.CODE_EXACT
        elif code is not None and procedure_code.startswith(code):
            hits[position] = MatchKind.CODE_PREFIX
        elif words and _starts_every(words, name_words):
            hits[position] = MatchKind.NAME
        elif words and _starts_every(words, name_words + fold_words(procedure.sector)):
            hits[position] = MatchKind.SECTOR
    return _ranked(hits, ordered, limit)
