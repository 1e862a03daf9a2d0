"""Shared pieces of the workstation and desk tests: a settable clock, ids, a site (Hà Nội)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from workstation.settings import SiteSettings

PASSPHRASE = "mật khẩu của Lan"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 9, 15, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def ids(prefix: str = "replica") -> Iterator[str]:
    return (f"{prefix}-{n}" for n in itertools.count(1))


def hanoi_site(**changes: object) -> SiteSettings:
    values: dict[str, object] = {
        "province_code": 1,
        "province_name": "Thành phố Hà Nội",
        "commune_code": 70,
        "commune_name": "Phường Hoàn Kiếm",
        "agency_id": "000.00.01.H22",
    }
    values.update(changes)
    return SiteSettings(**values)  # type: ignore[arg-type]
