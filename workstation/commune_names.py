"""The communes list a desk uses, and what it says of the desk's own commune.

The province's list comes with the reference data (``communes/communes.json`` of a reference-data release,
see :mod:`dossiers.commune_list`); without one the desk uses the official list it ships with (the
``vietnam-provinces`` package, after the 2025 reorganisation). The desk's own commune stays the code it was
set up and enrolled with: a new name is printed and shown, a merger is told to the clerk and IT (never a
silent change of commune).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from vietnam_provinces import Province, Ward

from dossiers.commune_list import (
    CommuneList,
    ListedCommune,
    ListedProvince,
    make_commune_list,
    parse_commune_list,
)
from dossiers.errors import CommuneListError
from resources import resource_path
from workstation.installed_versions import InstalledVersions
from workstation.settings import SETTINGS_FILE_NAME, SiteSettings, load_local_settings

log = logging.getLogger(__name__)

COMMUNES_FILE = ("communes", "communes.json")
"""Where a reference-data release puts the province's list (``resources.resource_path`` parts)."""


@cache
def official_commune_list() -> CommuneList:
    """The official list shipped with the program (34 provinces, 3,321 communes)."""
    return make_commune_list(
        (ListedProvince(f"{int(p.code):02d}", p.name) for p in Province.iter_all()),
        (ListedCommune(f"{int(w.code):05d}", f"{int(w.province_code):02d}", w.name) for w in Ward.iter_all()),
    )


@cache
def _read_list(path: Path, _mtime_ns: int) -> CommuneList:
    return parse_commune_list(path.read_bytes())


def desk_commune_list() -> CommuneList:
    """The list in use: the province's (from the active reference data) if it has one, else the official."""
    return _list_at(resource_path(*COMMUNES_FILE))


def _list_at(path: Path) -> CommuneList:
    try:
        return _read_list(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return official_commune_list()
    except (OSError, CommuneListError) as exc:  # checked when staged: only a damaged disk gets here
        log.warning("the province's communes list cannot be read (%s): the official one is used", exc)
        return official_commune_list()


@dataclass(frozen=True)
class CommuneStanding:
    """What the list says of this desk's commune: listed (``merged_into`` None), merged, or absent."""

    code: str
    listed: ListedCommune | None
    merged_into: ListedCommune | None = None

    @property
    def merged(self) -> bool:
        return self.merged_into is not None

    @property
    def missing(self) -> bool:
        return self.listed is None

    def words(self) -> str | None:
        """What to tell IT (English; the desk's screens word it in the clerk's language), or ``None``."""
        if self.missing:
            return f"commune {self.code} is not in the province's communes list; this desk keeps it"
        if self.merged_into is not None:
            return (
                f"the province's communes list says commune {self.code} was merged into "
                f"{self.merged_into.name} ({self.merged_into.code}); this desk still works as {self.code} "
                "until IT sets it up for the new commune"
            )
        return None


def standing_of(commune_code: int | str, communes: CommuneList) -> CommuneStanding:
    """What ``communes`` says of the commune with this code."""
    listed = communes.commune(commune_code)
    code = (
        listed.code if listed else (f"{commune_code:05d}" if isinstance(commune_code, int) else commune_code)
    )
    merged = communes.commune(listed.merged_into) if listed and listed.merged_into else None
    return CommuneStanding(code, listed, merged)


def site_as_listed(site: SiteSettings, communes: CommuneList) -> tuple[SiteSettings, CommuneStanding]:
    """The site with its commune's and province's names as the list has them (its codes never change: a
    merged commune keeps its own code and listed name, never its successor's); an absent commune keeps the
    name it was set up with."""
    standing = standing_of(site.commune_code, communes)
    if standing.listed is None:
        return site, standing
    province = communes.province(site.province_code)
    named = replace(
        site,
        commune_name=standing.listed.name,
        province_name=province.name if province else site.province_name,
    )
    return named, standing


def commune_status_lines(data_dir: Path) -> list[str]:
    """For ``motcua update status``: which communes list the desk uses and what it says of its commune."""
    folder = InstalledVersions(data_dir).active_dir("reference")
    path = folder.joinpath(*COMMUNES_FILE) if folder is not None else None
    if path is not None and path.is_file():
        communes, source = _list_at(path), "the province's list"
    else:
        communes, source = official_commune_list(), "the official list shipped with motcua"
    lines = [f"communes: {source} ({len(communes.communes)} communes)"]
    own = load_local_settings(Path(data_dir) / SETTINGS_FILE_NAME).commune
    if own is not None:
        standing = standing_of(own.commune_code, communes)
        words = standing.words()
        if words is None and standing.listed is not None:
            words = f"this desk's commune {standing.code}: {standing.listed.name}"
        lines.append(f"  {words}")
    return lines


def check_covers(communes: CommuneList, commune_code: int | None) -> None:
    """Refuse (``CommuneListError``) a list that lacks the desk's own commune (``None``: not set up yet)."""
    if commune_code is not None and communes.commune(commune_code) is None:
        raise CommuneListError(
            f"the communes list does not hold this desk's commune {commune_code:05d} "
            "(a commune merged into another stays listed, with merged_into)"
        )
