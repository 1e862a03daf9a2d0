"""Child program of the crash test: writes records through the Store in a loop until it is killed.

Usage: ``python crash_writer_child.py FOLDER KEY_HEX START``. Each operation saves record ``r<n>`` and moves
the record ``counter/last`` to ``n`` in one transaction; ``n`` is printed (and flushed) only after the commit,
so every printed number is an acknowledged write.
"""

from __future__ import annotations

import itertools
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.connection import Connection  # noqa: E402
from sync.store import Store, put_record  # noqa: E402


def clock() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


def main(argv: list[str]) -> int:
    folder, key_hex, start = Path(argv[1]), argv[2], int(argv[3])
    store = Store.open(folder, bytes.fromhex(key_hex), now=clock, new_id=new_id, create=True)
    out = sys.stdout
    for n in itertools.count(start):

        def save(conn: Connection, n: int = n) -> None:
            put_record(
                conn, "crash", f"r{n:07d}", {"n": n, "pad": "ghi chép " * (n % 40)}, updated_at=clock()
            )
            put_record(conn, "counter", "last", {"n": n}, updated_at=clock())

        store.write(save).result()
        out.write(f"{n}\n")
        out.flush()
    return 0  # never reached: the parent kills us


if __name__ == "__main__":
    sys.exit(main(sys.argv))
