"""Published catalogues of procedures: checked with ``parse_catalogue``, stored by version, newest served."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from dossiers.catalogue import Catalogue, catalogue_to_json, parse_catalogue
from dossiers.errors import DossierError
from server.errors import BadInput, Conflict
from server.storage.interface import ServerStorage, Tx


class BadCatalogue(BadInput):
    code = "bad_catalogue"


class CatalogueVersionTaken(Conflict):
    code = "catalogue_version_taken"


@dataclass(frozen=True, slots=True)
class PublishedCatalogue:
    version: int
    body: str
    sha256: str
    published_at: dt.datetime

    @property
    def etag(self) -> str:
        return f'"{self.version}-{self.sha256[:24]}"'


def publish_catalogue(storage: ServerStorage, text: str | bytes, now: dt.datetime) -> PublishedCatalogue:
    """Check and store a catalogue; publishing the same one again is a no-op, another one under a used
    version is refused."""
    try:
        catalogue = parse_catalogue(text)
    except DossierError as exc:
        raise BadCatalogue(f"the catalogue is not valid: {exc}") from None
    with storage.transaction() as tx:
        store_catalogue(storage, tx, catalogue, now)
    found = latest_catalogue(storage, version=catalogue.version)
    assert found is not None
    return found


def store_catalogue(storage: ServerStorage, tx: Tx, catalogue: Catalogue, now: dt.datetime) -> None:
    """Inside ``tx``: store a checked catalogue (the same one again: nothing; another under a used version:
    :class:`CatalogueVersionTaken`)."""
    body = catalogue_to_json(catalogue)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    rows = tx.query("SELECT sha256 FROM catalogues WHERE version = ?", (catalogue.version,))
    if rows and rows[0][0] != digest:
        raise CatalogueVersionTaken(
            f"catalogue version {catalogue.version} was published with other content: raise the version"
        )
    if not rows:
        tx.run(
            "INSERT INTO catalogues (version, body, sha256, published_at) VALUES (?, ?, ?, ?)",
            (catalogue.version, body, digest, storage.time_in(now)),
        )


def newest_catalogue_version(storage: ServerStorage) -> int:
    """The newest published catalogue's version (0 before any)."""
    with storage.transaction() as tx:
        rows = tx.query("SELECT max(version) FROM catalogues")
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def latest_catalogue(storage: ServerStorage, *, version: int | None = None) -> PublishedCatalogue | None:
    """The newest published catalogue (or the one of ``version``), or ``None``."""
    with storage.transaction() as tx:
        if version is None:
            rows = tx.query(
                "SELECT version, body, sha256, published_at FROM catalogues ORDER BY version DESC LIMIT 1"
            )
        else:
            rows = tx.query(
                "SELECT version, body, sha256, published_at FROM catalogues WHERE version = ?", (version,)
            )
    if not rows:
        return None
    version_, body, digest, at = rows[0]
    published = storage.time_out(at)
    assert published is not None
    return PublishedCatalogue(int(version_), str(body), str(digest), published)
