"""The province's fee table: the amounts of province-set fees (by fee key), per commune where they differ.

A published table is numbered (1, 2, …); publishing the same content as the newest again is a no-op. A desk
asks for its commune's table (:func:`commune_fees`): the province-wide amounts with its commune's own
amounts over them, under an ETag that changes with the table and the commune.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from server.errors import BadInput
from server.storage.interface import ServerStorage, Tx


class BadFeeTable(BadInput):
    code = "bad_fee_table"


@dataclass(frozen=True, slots=True)
class FeeTable:
    """Amounts in whole đồng: ``amounts`` for the whole province, ``communes`` for communes that differ."""

    amounts: Mapping[str, int]
    communes: Mapping[str, Mapping[str, int]]

    def __post_init__(self) -> None:
        for key, amount in [*self.amounts.items(), *(p for c in self.communes.values() for p in c.items())]:
            if not isinstance(key, str) or not key.strip():
                raise BadFeeTable("a fee key must be non-empty text")
            if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
                raise BadFeeTable(f"the amount for '{key}' must be a whole, non-negative number of đồng")
        for commune in self.communes:
            if not (isinstance(commune, str) and len(commune) == 5 and commune.isdigit()):
                raise BadFeeTable(f"'{commune}' is not a commune code of five digits")

    def for_commune(self, commune: str) -> dict[str, int]:
        return {**self.amounts, **self.communes.get(commune, {})}

    def to_json(self) -> str:
        doc = {
            "amounts": dict(sorted(self.amounts.items())),
            "communes": {c: dict(sorted(a.items())) for c, a in sorted(self.communes.items()) if a},
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FeeTable:
        try:
            doc = json.loads(text)
            return cls(
                {str(k): v for k, v in doc["amounts"].items()},
                {str(c): {str(k): v for k, v in a.items()} for c, a in doc["communes"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BadFeeTable(f"the fee table is not valid ({type(exc).__name__})") from None


@dataclass(frozen=True, slots=True)
class PublishedFeeTable:
    version: int
    table: FeeTable
    sha256: str
    published_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CommuneFees:
    """One commune's amounts under the table's version, with the ETag a desk sends back."""

    version: int
    commune: str
    amounts: dict[str, int]
    etag: str

    def to_json(self) -> str:
        return json.dumps(
            {"version": self.version, "commune": self.commune, "amounts": self.amounts},
            ensure_ascii=False,
            sort_keys=True,
        )


def store_fee_table(storage: ServerStorage, tx: Tx, table: FeeTable, now: dt.datetime) -> int:
    """Inside ``tx``: the new table's version, or the newest one's if it holds the same amounts."""
    body = table.to_json()
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    rows = tx.query("SELECT version, sha256 FROM fee_tables ORDER BY version DESC LIMIT 1")
    if rows and rows[0][1] == digest:
        return int(rows[0][0])
    version = int(rows[0][0]) + 1 if rows else 1
    tx.run(
        "INSERT INTO fee_tables (version, body, sha256, published_at) VALUES (?, ?, ?, ?)",
        (version, body, digest, storage.time_in(now)),
    )
    return version


def publish_fee_table(storage: ServerStorage, table: FeeTable, now: dt.datetime) -> PublishedFeeTable:
    """Publish ``table`` (a no-op when the newest holds the same amounts)."""
    with storage.transaction() as tx:
        version = store_fee_table(storage, tx, table, now)
    found = latest_fee_table(storage)
    assert found is not None and found.version == version
    return found


def latest_fee_table(storage: ServerStorage) -> PublishedFeeTable | None:
    with storage.transaction() as tx:
        rows = tx.query(
            "SELECT version, body, sha256, published_at FROM fee_tables ORDER BY version DESC LIMIT 1"
        )
    if not rows:
        return None
    version, body, digest, at = rows[0]
    published = storage.time_out(at)
    assert published is not None
    return PublishedFeeTable(int(version), FeeTable.from_json(str(body)), str(digest), published)


def commune_fees(storage: ServerStorage, commune: str) -> CommuneFees | None:
    """The newest table as ``commune`` sees it, or ``None`` before any is published."""
    published = latest_fee_table(storage)
    if published is None:
        return None
    amounts = published.table.for_commune(commune)
    return CommuneFees(
        published.version, commune, amounts, f'"{published.version}-{commune}-{published.sha256[:16]}"'
    )
