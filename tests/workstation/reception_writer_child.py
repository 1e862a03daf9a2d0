"""Child program of the reception crash test: receives dossiers with scans through the desk until killed.

Usage: ``python reception_writer_child.py FOLDER KEY_HEX START``. For each ``n`` from START it stores two
scans (encrypted, as the desk's scan screen does), then receives dossier ``dossier_id(n)`` with them (every
third one is recorded as waiting for a supplement instead); the id is printed (and flushed) only after the
desk call returned, so every printed id is an acknowledged reception.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dossiers.catalogue import DocumentForm, parse_catalogue  # noqa: E402
from dossiers.code_allocation import SequenceSpace  # noqa: E402
from dossiers.dossier import Applicant, Office, ReceivedDocument  # noqa: E402
from dossiers.official_forms import MissingDocument  # noqa: E402
from dossiers.vietnam_time import VIETNAM_TIME  # noqa: E402
from dossiers.working_calendar import WorkingCalendar  # noqa: E402
from resources import resource_path  # noqa: E402
from sync.store import Store  # noqa: E402
from tests.helpers.scans import add_scan  # noqa: E402
from workstation.dossier_desk import DESK_MIGRATIONS, DossierDesk, DossierDraft  # noqa: E402
from workstation.supplement_requests import record_supplement_request  # noqa: E402

OFFICE = Office("000.00.01.H22", "Trung tâm Phục vụ hành chính công xã Tân Hòa", "UBND xã Tân Hòa", "Tân Hòa")
START = dt.datetime(2026, 2, 13, 8, 0, tzinfo=VIETNAM_TIME)
SCANS = 2


def dossier_id(n: int) -> str:
    return f"dossier-{n:07d}"


def scan_bytes(n: int, index: int) -> bytes:
    return f"%PDF scan {index} of dossier {n}\n".encode() * 2000


def waits_for_supplement(n: int) -> bool:
    return n % 3 == 2


class Counter:
    """The reception being made: the desk's clock (a minute a dossier) and its dossier id follow it."""

    def __init__(self) -> None:
        self.n = 0

    def now(self) -> dt.datetime:
        return START + dt.timedelta(minutes=self.n)

    def new_id(self) -> str:
        return dossier_id(self.n)


def open_desk(
    folder: Path, key: bytes, now: Callable[[], dt.datetime], new_id: Callable[[], str]
) -> DossierDesk:
    """The desk on the store in ``folder`` (made if there is none)."""
    store = Store.open(
        folder, key, now=now, new_id=lambda: uuid.uuid4().hex, create=True, migrations=DESK_MIGRATIONS
    )
    return DossierDesk(
        store,
        catalogue=parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes()),
        calendar=WorkingCalendar.vietnam(2025, 2027),
        office=OFFICE,
        commune="00004",
        sequence_space=SequenceSpace(OFFICE.agency_identifier, "ws-1", 1, 9999),
        province_fees={"1.001193": 0},
        clerk="clerk-1",
        now=now,
        new_id=new_id,
    )


def main(argv: list[str]) -> int:
    folder, key_hex, start = Path(argv[1]), argv[2], int(argv[3])
    counter = Counter()
    desk = open_desk(folder, bytes.fromhex(key_hex), counter.now, counter.new_id)
    out = sys.stdout
    for n in itertools.count(start):
        counter.n = n
        scans = tuple(add_scan(desk, scan_bytes(n, i), f"scan-{i}.pdf") for i in range(SCANS))
        draft = DossierDraft(
            "1.001193",
            Applicant(f"Người nộp {n}"),
            (ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL),),
            attachments=scans,
        )
        if waits_for_supplement(n):
            missing = [MissingDocument("Tờ khai đăng ký khai sinh", "Chưa nộp")]
            dossier = record_supplement_request(desk, draft, missing, counter.new_id)
        else:
            dossier = desk.receive(draft)
        out.write(f"{dossier.dossier_id}\n")
        out.flush()
    return 0  # never reached: the parent kills us


if __name__ == "__main__":
    sys.exit(main(sys.argv))
