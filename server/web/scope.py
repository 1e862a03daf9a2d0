"""What an officer sees: the communes of its province and, for an officer of a department, the procedures of
that department's sector (lĩnh vực) in the catalogue in force (the newest published one, else the one shipped
with the program)."""

from __future__ import annotations

from functools import lru_cache

from dossiers.catalogue import Catalogue, parse_catalogue
from resources import resource_path
from server.catalogues import latest_catalogue
from server.storage.interface import ServerStorage
from server.storage.records import Commune
from server.web.pages import Officer


@lru_cache(maxsize=4)
def _parsed(body: str) -> Catalogue:
    return parse_catalogue(body)


def catalogue_in_force(storage: ServerStorage) -> Catalogue:
    published = latest_catalogue(storage)
    if published is not None:
        return _parsed(published.body)
    return _parsed(resource_path("catalogue", "procedures.json").read_text(encoding="utf-8"))


def communes_of(storage: ServerStorage, who: Officer) -> list[Commune]:
    return storage.list_communes(who.account.province_code)


def communes_filter(storage: ServerStorage, who: Officer) -> tuple[str, ...] | None:
    """The communes a queue query names: ``None`` when the server holds only the officer's province (the
    usual case: no commune list to check on every row)."""
    mine = [c.code for c in communes_of(storage, who)]
    return None if len(mine) == len(storage.list_communes()) else tuple(mine)


def procedures_of(storage: ServerStorage, who: Officer) -> tuple[str, ...] | None:
    """The procedure codes the officer's department handles; ``None``: every procedure."""
    department = who.account.department
    if not department:
        return None
    return tuple(p.code for p in catalogue_in_force(storage) if p.sector == department)


def may_see(storage: ServerStorage, who: Officer, commune: Commune | None, procedure_code: str) -> bool:
    if commune is None or commune.province_code != who.account.province_code or not who.handles_dossiers:
        return False
    wanted = procedures_of(storage, who)
    return wanted is None or procedure_code in wanted
