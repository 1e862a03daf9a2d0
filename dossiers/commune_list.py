"""The list of provinces and communes, published by the province with the reference data.

Communes merge and get renamed (Vietnam's 2025 reorganisation); the province's server keeps its own list
(``server.communes``) and publishes it in ``communes/communes.json`` of a reference-data release::

    {"format": "motcua-communes", "version": 1,
     "provinces": [{"code": "01", "name": "Thành phố Hà Nội"}],
     "communes": [{"code": "00070", "province_code": "01", "name": "Phường Hoàn Kiếm"},
                  {"code": "00073", "province_code": "01", "name": "Phường Cũ", "merged_into": "00070"}]}

A commune that was merged into another stays listed with ``merged_into`` (desks enrolled for it keep their
code and say so); pickers list only the communes that are not merged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dossiers.errors import CommuneListError

FORMAT = "motcua-communes"
MAX_COMMUNES = 20_000
MAX_NAME_CHARS = 120
"""As long as a desk's own commune name may be (``workstation.settings``)."""


@dataclass(frozen=True, slots=True)
class ListedProvince:
    code: str
    """Two digits, e.g. ``"01"``."""
    name: str


@dataclass(frozen=True, slots=True)
class ListedCommune:
    code: str
    """Five digits, e.g. ``"00070"``."""
    province_code: str
    name: str
    merged_into: str | None = None
    """The commune this one was merged into, if it was."""


@dataclass(frozen=True)
class CommuneList:
    """Provinces and communes in code order, with lookups by code."""

    provinces: tuple[ListedProvince, ...]
    communes: tuple[ListedCommune, ...]
    _by_code: dict[str, ListedCommune] = field(init=False, repr=False, compare=False)
    _provinces: dict[str, ListedProvince] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {c.code: c for c in self.communes})
        object.__setattr__(self, "_provinces", {p.code: p for p in self.provinces})

    def commune(self, code: int | str) -> ListedCommune | None:
        return self._by_code.get(_code(code, 5))

    def province(self, code: int | str) -> ListedProvince | None:
        return self._provinces.get(_code(code, 2))

    def current_communes(self, province_code: int | str) -> tuple[ListedCommune, ...]:
        """The province's communes that are not merged into another (what a picker offers)."""
        wanted = _code(province_code, 2)
        return tuple(c for c in self.communes if c.province_code == wanted and c.merged_into is None)

    def to_json(self) -> str:
        """The document :func:`parse_commune_list` reads."""
        communes = []
        for c in self.communes:
            entry = {"code": c.code, "province_code": c.province_code, "name": c.name}
            if c.merged_into is not None:
                entry["merged_into"] = c.merged_into
            communes.append(entry)
        doc = {
            "format": FORMAT,
            "version": 1,
            "provinces": [{"code": p.code, "name": p.name} for p in self.provinces],
            "communes": communes,
        }
        return json.dumps(doc, ensure_ascii=False)


def _code(value: int | str, digits: int) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:0{digits}d}"
    return str(value)


def checked_name(value: Any, where: str) -> str:
    """A province's or commune's name, stripped; refuses an empty, over-long or multi-line one."""
    if not isinstance(value, str) or not value.strip():
        raise CommuneListError(f"{where}: the name is empty")
    name = value.strip()
    if len(name) > MAX_NAME_CHARS or not name.isprintable():
        raise CommuneListError(
            f"{where}: the name is longer than {MAX_NAME_CHARS} characters or not one line"
        )
    return name


def _digits(value: Any, digits: int, where: str) -> str:
    if not isinstance(value, str) or len(value) != digits or not value.isascii() or not value.isdigit():
        raise CommuneListError(
            f"{where}: the code is written as {digits} digits in quotes, e.g. " + "0" * digits
        )
    return value


def make_commune_list(provinces: Iterable[ListedProvince], communes: Iterable[ListedCommune]) -> CommuneList:
    """Check a list (codes unique, names not empty, every commune in a listed province, mergers into a
    listed, unmerged commune) and put it in code order; refuses in words."""
    seen_provinces: dict[str, ListedProvince] = {}
    for number, province in enumerate(provinces, 1):
        where = f"province entry {number}"
        code = _digits(province.code, 2, where)
        if code in seen_provinces:
            raise CommuneListError(f"{where}: the province code {code} is listed twice")
        seen_provinces[code] = ListedProvince(code, checked_name(province.name, f"{where} ({code})"))
    seen: dict[str, ListedCommune] = {}
    for number, commune in enumerate(communes, 1):
        if number > MAX_COMMUNES:
            raise CommuneListError(f"more than {MAX_COMMUNES} communes")
        where = f"commune entry {number}"
        code = _digits(commune.code, 5, where)
        where = f"{where} ({code})"
        if code in seen:
            raise CommuneListError(f"{where}: the commune code {code} is listed twice")
        province = _digits(commune.province_code, 2, where)
        if province not in seen_provinces:
            raise CommuneListError(f"{where}: its province {province} is not in the list")
        merged = commune.merged_into
        if merged is not None:
            merged = _digits(merged, 5, f"{where}, merged_into")
        seen[code] = ListedCommune(code, province, checked_name(commune.name, where), merged)
    for commune in seen.values():
        if commune.merged_into is None:
            continue
        into = seen.get(commune.merged_into)
        if into is None or into.code == commune.code or into.merged_into is not None:
            raise CommuneListError(
                f"commune {commune.code} is merged into {commune.merged_into}, "
                "which is not a listed commune that still exists"
            )
    if not seen:
        raise CommuneListError("the list holds no commune")
    return CommuneList(
        tuple(sorted(seen_provinces.values(), key=lambda p: p.code)),
        tuple(sorted(seen.values(), key=lambda c: c.code)),
    )


def parse_commune_list(data: bytes | str) -> CommuneList:
    """The list in ``data`` (the documented JSON); refuses anything else in words."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise CommuneListError("the communes list is not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != 1:
        raise CommuneListError(f'the file is not a "{FORMAT}" version 1 document')
    provinces, communes = doc.get("provinces"), doc.get("communes")
    if not isinstance(provinces, list) or not isinstance(communes, list):
        raise CommuneListError("provinces and communes are lists")
    if len(communes) > MAX_COMMUNES:
        raise CommuneListError(f"more than {MAX_COMMUNES} communes")
    for number, entry in enumerate(provinces, 1):
        if not isinstance(entry, dict):
            raise CommuneListError(f"province entry {number}: an entry has code and name")
    for number, entry in enumerate(communes, 1):
        if not isinstance(entry, dict):
            raise CommuneListError(f"commune entry {number}: an entry has code, province_code and name")
    return make_commune_list(
        (ListedProvince(p.get("code"), p.get("name")) for p in provinces),
        (
            ListedCommune(c.get("code"), c.get("province_code"), c.get("name"), c.get("merged_into"))
            for c in communes
        ),
    )
