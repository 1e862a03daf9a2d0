"""Provinces and communes from the official list (``vietnam-provinces``, after the 2025 merger)."""

from __future__ import annotations

from vietnam_provinces import Province as OfficialProvince
from vietnam_provinces import ProvinceCode, Ward, WardCode

from dossiers.commune_list import (
    CommuneList,
    ListedCommune,
    ListedProvince,
    checked_name,
    make_commune_list,
)
from dossiers.errors import CommuneListError
from server.errors import BadInput, UnknownCommune, UnknownProvince
from server.storage.interface import ServerStorage
from server.storage.records import Commune, Province

_MAX_CODE_DIGITS = 6


def _number(text: str | int) -> int | None:
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped or len(stripped) > _MAX_CODE_DIGITS or not stripped.isascii() or not stripped.isdigit():
        return None
    return int(stripped)


def province_code(text: str | int) -> str:
    """The official two-digit code of a province (``1``, ``"1"`` and ``"01"`` all give ``"01"``)."""
    number = _number(text)
    try:
        official = OfficialProvince.from_code(ProvinceCode(number))
    except ValueError as exc:
        raise UnknownProvince(f"{str(text)[:20]!r} is not an official province code") from exc
    return f"{int(official.code):02d}"


def commune_code(text: str | int) -> str:
    """The official five-digit code of a commune, ward or special zone (``"70"`` gives ``"00070"``)."""
    number = _number(text)
    try:
        official = Ward.from_code(WardCode(number))
    except ValueError as exc:
        raise UnknownCommune(f"{str(text)[:20]!r} is not an official commune code") from exc
    return f"{int(official.code):05d}"


def official_province(code: str | int) -> Province:
    """The province with this official code."""
    official = OfficialProvince.from_code(ProvinceCode(int(province_code(code))))
    return Province(province_code(code), official.name)


def official_communes(code: str | int) -> list[Commune]:
    """Every commune of the province, in code order; the agency identifier starts as the commune code."""
    province = province_code(code)
    wards = sorted(Ward.iter_by_province(ProvinceCode(int(province))), key=lambda w: int(w.code))
    return [
        Commune(
            code=f"{int(w.code):05d}",
            province_code=province,
            name=w.name,
            division_type=w.division_type.value,
            agency=f"{int(w.code):05d}",
        )
        for w in wards
    ]


def load_communes(storage: ServerStorage, code: str | int) -> int:
    """Store the province's communes (idempotent); return how many were new."""
    return storage.add_communes(official_province(code), official_communes(code))


def rename_commune(storage: ServerStorage, code: str | int, name: str) -> Commune:
    """Give a commune of this server its new name (checked as the desks check it)."""
    official = commune_code(code)
    try:
        checked = checked_name(name, f"commune {official}")
    except CommuneListError as exc:
        raise BadInput(f"the new name cannot be used: {exc}") from None
    return storage.rename_commune(official, checked)


def merge_commune(storage: ServerStorage, code: str | int, into: str | int | None) -> Commune:
    """Mark a commune as merged into another of this server (``None``: undo); desks learn it from the next
    reference-data release, and those enrolled for it keep its code and say so."""
    return storage.merge_commune(commune_code(code), None if into is None else commune_code(into))


def commune_list(storage: ServerStorage) -> CommuneList | None:
    """The communes this server serves, as a reference-data release carries them (``None``: none yet)."""
    communes = storage.list_communes()
    if not communes:
        return None
    provinces = []
    for code in sorted({c.province_code for c in communes}):
        province = storage.get_province(code)
        provinces.append(ListedProvince(code, province.name if province else official_province(code).name))
    try:
        return make_commune_list(
            provinces, (ListedCommune(c.code, c.province_code, c.name, c.merged_into) for c in communes)
        )
    except CommuneListError as exc:
        raise BadInput(f"the server's communes cannot be published: {exc}") from None
