# ruff: noqa: E501
"""The officers' queue over the province's dossier index, on SQLite or PostgreSQL: first and deep pages by
keyset, filters, diacritics-free search, the counts per quick filter; optionally through the real web route
(``GET``/``POST /web/queue`` of a live server process, an officer signed in).

The index rows (``dossier_index``) and search phrases (``dossier_words``) are inserted directly in big
transactions (``Tx.insert_rows``: COPY on PostgreSQL, ``executemany`` on SQLite) with what
``server.dossier_index.refresh`` writes when events are applied; the queries are the ones the web page runs
(``queue_page``, ``queue_counts``). On PostgreSQL the secondary indexes are dropped during the load and made
again after (the same definitions), then ``VACUUM ANALYZE`` (what autovacuum does after a bulk of inserts).

    .venv/bin/python bench/bench_officer_queue.py [dossiers] [--backend sqlite|postgresql]
        [--one-commune] [--runs 20] [--web]

Defaults: 1,000,000 dossiers over Hà Nội's 126 communes, SQLite, 20 runs per query. ``--one-commune`` puts
every dossier in Phường Hoàn Kiếm (a commune's 100,000 dossiers received over ~2 years). Prints p50, p95
and max in ms per query (one unmeasured run first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from dossiers.catalogue import parse_catalogue  # noqa: E402
from dossiers.lifecycle import Status  # noqa: E402
from dossiers.vietnam_time import VIETNAM_TIME  # noqa: E402
from resources import resource_path  # noqa: E402
from server.communes import load_communes  # noqa: E402
from server.dossier_index import QueueFilter, offset_page, queue_counts, queue_page, search_phrases  # noqa: E402
from server.storage.interface import ServerStorage  # noqa: E402
from server.storage.postgres_storage import PostgresStorage  # noqa: E402
from server.storage.sqlite_storage import SqliteStorage  # noqa: E402
from sync.folding import fold  # noqa: E402

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"]  # fmt: skip
CATALOGUE = parse_catalogue(resource_path("catalogue", "procedures.json").read_text(encoding="utf-8"))
PROCEDURES = [p.code for p in CATALOGUE]
HO_TICH = tuple(p.code for p in CATALOGUE if p.sector == "Hộ tịch")
HOAN_KIEM = "00070"
ID_PROBE = "001012345678"
INDEX_COLUMNS = (
    "record_id", "commune_code", "procedure_code", "procedure_name", "status", "code", "applicant_name",
    "search_text", "received_at", "appointment", "finished_on", "open_conflicts",
)  # fmt: skip
CHUNK = 50_000
PASSWORD = "mật khẩu đủ dài 2026"


def spacing(one_commune: bool) -> dt.timedelta:
    """Between two dossiers received: a province's 1,000,000 over a year; one commune's 100,000 over ~2."""
    return dt.timedelta(seconds=600 if one_commune else 31)


def rows_of(
    count: int, communes: list[str], today: dt.date, gap: dt.timedelta
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[str, str]]]]:
    """Index rows and search phrases by chunks; the newest dossier received yesterday afternoon."""
    rng = random.Random(7)
    statuses = [s.value for s in Status]
    newest = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(16, 0))
    start = newest - gap * (count - 1)
    rows: list[tuple[Any, ...]] = []
    words: list[tuple[str, str]] = []
    for number in range(count):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        received = start + gap * number
        code = f"{communes[number % len(communes)]}-{received:%y%m%d}-{number % 10000:04d}"
        id_number = f"0010{rng.randrange(10**8):08d}"
        commune = communes[number % len(communes)]
        record_id = f"d{number:08d}"
        recent = number > count - count // 50  # the last 2%: still being worked on; older ones finished
        status = rng.choice(statuses) if recent else ("10" if rng.random() < 0.97 else rng.choice(statuses))
        rows.append((
            record_id, commune, rng.choice(PROCEDURES), "Thủ tục", status, code, name,
            fold(f"{record_id} {name} {id_number} {code}"), received.isoformat() + "+07:00",
            (received.date() + dt.timedelta(days=rng.randrange(1, 20))).isoformat(), "", int(rng.random() < 0.001),
        ))  # fmt: skip
        words += [(phrase, record_id) for phrase in search_phrases([record_id, name, code, id_number])]
        if len(rows) == CHUNK:
            yield rows, words
            rows, words = [], []
    if rows:
        yield rows, words


def fill(
    storage: ServerStorage,
    count: int,
    communes: list[str],
    today: dt.date,
    gap: dt.timedelta,
    url: str | None,
) -> None:
    with postgres_secondary_indexes_dropped(url) if url else _nothing():
        for rows, words in rows_of(count, communes, today, gap):
            with storage.transaction() as tx:
                tx.insert_rows("dossier_index", INDEX_COLUMNS, rows)
                tx.insert_rows("dossier_words", ("word", "record_id"), words)
    if url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE dossier_index")
            conn.execute("VACUUM ANALYZE dossier_words")
    else:
        with storage.transaction() as tx:
            tx.run("ANALYZE")


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def postgres_secondary_indexes_dropped(url: str) -> Iterator[None]:
    """Drop the index tables' indexes and primary keys for the load; make them again (same definitions)."""
    tables = ("dossier_index", "dossier_words")
    with psycopg.connect(url, autocommit=True) as conn:
        keys = conn.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'p' AND conrelid::regclass::text = ANY(%s)",
            (list(tables),),
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'p')",
            (list(tables),),
        ).fetchall()
        for table, name, _ in keys:
            conn.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
    yield
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        for table, name, definition in keys:
            conn.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        for _, definition in indexes:
            conn.execute(definition)


def percentiles(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    return ordered[len(ordered) // 2], ordered[math.ceil(len(ordered) * 0.95) - 1], ordered[-1]


def timed(what: Callable[[], object], runs: int) -> tuple[float, float, float]:
    what()  # warm: the first run after the load reads pages from disk
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        what()
        times.append((time.perf_counter() - began) * 1000)
    return percentiles(times)


def cases(
    storage: ServerStorage, count: int, communes: list[str], today: dt.date
) -> list[tuple[str, Callable[[], object]]]:
    everyone = QueueFilter(None)
    department = QueueFilter(None, procedures=HO_TICH)
    commune = communes[5 % len(communes)]
    deep = queue_page(storage, everyone, today, limit=200)
    for _ in range(20):  # 4,000 rows in: a cursor as the web page's "next page" carries it
        deep = queue_page(storage, everyone, today, after=deep.next_after, limit=200)
    with storage.transaction() as tx:
        far = tx.query(
            "SELECT received_at, record_id FROM dossier_index ORDER BY received_at DESC, record_id DESC LIMIT 1 OFFSET ?",
            (count * 9 // 10,),
        )[0]
    far_cursor = f"{far[0]}|{far[1]}"
    far_label = f"{count * 9 // 10:,}"

    def web(wanted: QueueFilter, after: str | None = None) -> Callable[[], object]:
        """What one web request runs: the page and the counts."""
        return lambda: (
            queue_page(storage, wanted, today, after=after, limit=25),
            queue_counts(storage, wanted, today),
        )

    return [
        ("first page, every dossier", lambda: queue_page(storage, everyone, today, limit=25)),
        ("first page, one department (9 of 14 procedures)", lambda: queue_page(storage, department, today, limit=25)),
        ("page after 4,000 rows (keyset)", lambda: queue_page(storage, everyone, today, after=deep.next_after, limit=25)),
        (f"page after {far_label} rows (keyset)", lambda: queue_page(storage, everyone, today, after=far_cursor, limit=25)),
        ("one commune", lambda: queue_page(storage, QueueFilter(None, commune=commune), today, limit=25)),
        ("one procedure, one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, procedure=HO_TICH[1]), today, limit=25)),
        ("one status (supplement requested)", lambda: queue_page(storage, QueueFilter(None, status=Status.SUPPLEMENT_REQUESTED), today, limit=25)),
        ("due today, one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, due="today"), today, limit=25)),
        ("due soon, one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, due="soon"), today, limit=25)),
        ("overdue, one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, due="overdue"), today, limit=25)),
        ("with conflicts", lambda: queue_page(storage, QueueFilter(None, conflicts=True), today, limit=25)),
        ("search 'nguyen van lan' (typed without diacritics)", lambda: queue_page(storage, QueueFilter(None, search="nguyen van lan"), today, limit=25)),
        ("search an ID number (no match)", lambda: queue_page(storage, QueueFilter(None, search=ID_PROBE), today, limit=25)),
        ("search a rare name 'ngo xuan yen', one department", lambda: queue_page(storage, QueueFilter(None, procedures=HO_TICH, search="ngo xuan yen"), today, limit=25)),
        ("search 'nguyen' (a family name alone) + counts", web(QueueFilter(None, search="nguyen"))),
        ("search 'nguyen' + supplement requested + counts", web(QueueFilter(None, search="nguyen", supplement=True))),
        ("counts of the 6 quick filters, every dossier", lambda: queue_counts(storage, everyone, today)),
        ("counts of the 6 quick filters, one department", lambda: queue_counts(storage, department, today)),
        ("counts of the 6 quick filters, one commune", lambda: queue_counts(storage, QueueFilter(None, commune=commune), today)),
        ("web request: first page + counts, one department", web(department)),
        ("web request: overdue + counts, one department, one commune", web(QueueFilter(None, procedures=HO_TICH, commune=commune, due="overdue"))),
        ("JSON API: one commune, offset 0 + total (`offset_page`)", lambda: offset_page(storage, QueueFilter((commune,), commune=commune), limit=50, offset=0)),
        ("JSON API: one commune, offset 5,000 + total", lambda: offset_page(storage, QueueFilter((commune,), commune=commune), limit=50, offset=5000)),
    ]  # fmt: skip


# ---- the web route ------------------------------------------------------------------------------------------


def free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def web_cases(
    database: str, folder: Path, commune: str, runs: int
) -> list[tuple[str, tuple[float, float, float]]]:
    """Through a live ``python -m server`` on 127.0.0.1: an officer of Hộ tịch signs in and loads the queue."""
    import io  # noqa: PLC0415

    from server.cli import main as server_cli  # noqa: PLC0415
    from tests.helpers.server_processes import start_server, stop_server  # noqa: PLC0415
    from tests.helpers.web_clients import WebClient  # noqa: PLC0415

    port = free_port()
    config = folder / "server.toml"
    config.write_text(
        f'[server]\ndatabase = "{database}"\nport = {port}\nhost = "127.0.0.1"\nlog_dir = "{folder / "logs"}"\n'
        "[accounts]\nargon2_memory_kib = 8192\nargon2_iterations = 1\nargon2_lanes = 1\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    status = server_cli(
        ["--config", str(config), "create-account", "--username", "ho.tich", "--role", "officer", "--province", "01", "--department", "Hộ tịch"],
        stdin=io.StringIO(PASSWORD + "\n"), stdout=io.StringIO(), stderr=err,
    )  # fmt: skip
    if status != 0:
        raise RuntimeError(err.getvalue())
    process = start_server(config, port, wait=120)
    try:
        client = WebClient(f"http://127.0.0.1:{port}")
        client.sign_in("ho.tich", PASSWORD)
        first = client.get("/web/queue")
        assert first.status_code == 200, first.status_code
        page = first.text
        deep = page
        for _ in range(40):  # 1,000 rows in, as "next page" 40 times
            after = _next_after(deep)
            deep = client.get("/web/queue", params={"after": after}).text
        deep_after = _next_after(deep)

        def get(params: dict[str, str]) -> Callable[[], object]:
            def run() -> None:
                answer = client.get("/web/queue", params=params)
                assert answer.status_code == 200, answer.status_code

            return run

        def post(data: dict[str, str]) -> Callable[[], object]:
            def run() -> None:
                client.get("/web/queue")  # the form's CSRF token, as the browser has it from the page
                began = time.perf_counter()
                answer = client.post("/web/queue", data)
                assert answer.status_code == 200, answer.status_code
                run.elapsed = time.perf_counter() - began  # type: ignore[attr-defined]

            return run

        measured: list[tuple[str, tuple[float, float, float]]] = []
        for name, run in [
            ("GET /web/queue (first page + counts, officer of Hộ tịch)", get({})),
            ("GET /web/queue?after=… (page after 1,000 rows)", get({"after": deep_after})),
            (f"GET /web/queue?commune={commune}", get({"commune": commune})),
            ("GET /web/queue?quick=overdue", get({"quick": "overdue"})),
            ("GET /web/queue?quick=today", get({"quick": "today"})),
            ("GET /web/queue?quick=supplement", get({"quick": "supplement"})),
            ("GET /web/queue?quick=conflicts", get({"quick": "conflicts"})),
            (
                f"GET /web/queue?procedure={HO_TICH[0]}&status=5",
                get({"procedure": HO_TICH[0], "status": "5"}),
            ),
        ]:
            measured.append((name, timed(run, runs)))
        for name, data in [
            ("POST /web/queue q='nguyen van lan'", {"q": "nguyen van lan"}),
            ("POST /web/queue q='nguyen' (a family name alone)", {"q": "nguyen"}),
            ("POST /web/queue q=an ID number (no match)", {"q": ID_PROBE}),
        ]:
            run = post(data)
            run()
            times = []
            for _ in range(runs):
                run()
                times.append(run.elapsed * 1000)  # type: ignore[attr-defined]
            measured.append((name, percentiles(times)))
        return measured
    finally:
        stop_server(process)


def _next_after(page: str) -> str:
    import html  # noqa: PLC0415
    import re  # noqa: PLC0415

    found = re.search(r'name="after" value="([^"]+)"', page) or re.search(r'after=([^"&]+)', page)
    if not found:
        raise RuntimeError("no next-page link in the queue page")
    from urllib.parse import unquote  # noqa: PLC0415

    return unquote(html.unescape(found[1]))


# ---- main ---------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--one-commune", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--web", action="store_true", help="also through GET/POST /web/queue of a live server"
    )
    args = parser.parse_args(argv)
    today = dt.datetime.now(VIETNAM_TIME).date()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="motcua-queue-")))
        url: str | None = None
        if args.backend == "postgresql":
            from tests.helpers.postgres_cluster import postgres_cluster  # noqa: PLC0415

            url = stack.enter_context(postgres_cluster())
            storage: ServerStorage = PostgresStorage(url)
            database = url
        else:
            storage = SqliteStorage(folder / "server.db")
            database = f"sqlite:///{folder / 'server.db'}"
        storage.migrate()
        load_communes(storage, "01")
        communes = [HOAN_KIEM] if args.one_commune else [c.code for c in storage.list_communes("01")]
        began = time.perf_counter()
        fill(storage, args.count, communes, today, spacing(args.one_commune), url)
        print(
            f"{args.count:,} dossiers in {len(communes)} commune(s) on {args.backend}, loaded in"
            f" {time.perf_counter() - began:.0f} s; {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f};"
            f" {args.runs} runs per query",
            flush=True,
        )
        print("| query (25 rows a page) | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|", flush=True)
        for name, run in cases(storage, args.count, communes, today):
            p50, p95, worst = timed(run, args.runs)
            print(f"| {name} | {p50:.1f} | {p95:.1f} | {worst:.1f} |", flush=True)
        storage.close()
        if args.web:
            print(f"\nthrough the web route (load {os.getloadavg()[0]:.2f}):", flush=True)
            print("| request | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|", flush=True)
            for name, (p50, p95, worst) in web_cases(
                database, folder, communes[0 if args.one_commune else 5], args.runs
            ):
                print(f"| {name} | {p50:.1f} | {p95:.1f} | {worst:.1f} |", flush=True)
        print(f"load after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
