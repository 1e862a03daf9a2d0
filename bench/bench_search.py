"""Search over many generated records in a real SQLCipher store: build time and query times (p50/p95).

Run: ``.venv/bin/python bench/bench_search.py [--records 1000000] [--queries 2000]`` (a few minutes at 1M).
Goal (docs/design.md §9): p95 under 30 ms at 1,000,000 records. Also prints each kind of query's p95 as a
ratio to an indexed primary-key lookup in the same store, so runs on different machines compare, and the
same queries answered the way ``search`` did before the word pairs (FTS5 lists only), on the same database,
as a ratio old/new.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.connection import Connection, open_connection  # noqa: E402
from sync.folding import fold  # noqa: E402
from sync.search_index import (  # noqa: E402
    create_search_tables,
    index_record,
    match_expressions,
    optimize_index,
    search,
)

# Rough shares (%) of Vietnamese surnames; middle and given names a plausible spread.
SURNAME_SHARES = (
    "Nguyễn:38 Trần:11 Lê:9.5 Phạm:7 Hoàng:5 Huỳnh:5 Phan:4.5 Vũ:3.9 Võ:3.9 Đặng:2.1 Bùi:2 Đỗ:1.4 Hồ:1.3 "
    "Ngô:1.3 Dương:1 Lý:0.5 Đinh:0.5 Trịnh:0.5 Trương:0.5 Lương:0.4 Mai:0.3"
)
SURNAMES = [(name, float(share)) for name, share in (item.split(":") for item in SURNAME_SHARES.split())]
MIDDLE = "Văn Thị Văn Thị Đức Minh Ngọc Hữu Quang Thanh Xuân Công Thu Hồng Kim Bảo Gia Đình Trọng Anh".split()
GIVEN = (
    "An Anh Bình Châu Chi Cường Dũng Duy Dương Đạt Đức Giang Hà Hải Hạnh Hiếu Hòa Hoa Hùng Hương Huy Khánh "
    "Khoa Lan Linh Long Mai Minh Nam Nga Ngọc Nhung Phong Phúc Phương Quân Quỳnh Sơn Tâm Thảo Thắng Thành "
    "Thủy Tiến Trang Trung Tú Tuấn Việt Yến"
).split()
AGENCIES = ["000.00.01.H22", "000.00.12.H22", "H55.242", "000.31.27.H56", "000.05.19.H38"]
PROVINCES = "001 031 048 079 022 024 034 036 038 040 042 044".split()
PREFIXES = "090 091 093 094 096 097 098 086 088 070 077 081 083 085".split()


def phone_text(rng: random.Random) -> tuple[str, str]:
    """A phone as someone might type it, and its national digits."""
    national = rng.choice(PREFIXES) + f"{rng.randrange(10**7):07d}"
    style = rng.randrange(4)
    if style == 0:
        return national, national
    if style == 1:
        return f"{national[:4]} {national[4:7]} {national[7:]}", national
    if style == 2:
        return f"{national[:4]}.{national[4:7]}.{national[7:]}", national
    return f"+84 {national[1:4]} {national[4:7]} {national[7:]}", national


def make_record(rng: random.Random, n: int, surnames: list[str], weights: list[float]) -> dict[str, str]:
    name = f"{rng.choices(surnames, weights)[0]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    if rng.random() < 0.3:
        name = name.replace(" ", f" {rng.choice(MIDDLE)} ", 1)
    id_number = (
        rng.choice(PROVINCES) + str(rng.randrange(4)) + f"{rng.randrange(100):02d}{rng.randrange(10**6):06d}"
    )
    phone, national = phone_text(rng)
    day = 250101 + (n // 400) % 28 + 100 * ((n // 12000) % 12)
    code = f"{rng.choice(AGENCIES)}-{day}-{n % 400 + 1:04d}"
    return {"name": name, "id": id_number, "phone": phone, "national": national, "code": code}


def build(conn: Connection, count: int, rng: random.Random) -> list[dict[str, str]]:
    """Index ``count`` generated dossiers; returns about 3,000 of them as query samples."""
    surnames, weights = zip(*SURNAMES, strict=True)
    samples: list[dict[str, str]] = []
    conn.execute("BEGIN")
    for n in range(count):
        record = make_record(rng, n, list(surnames), list(weights))
        record_id = f"d{n:07d}"
        index_record(
            conn, "dossier", record_id, [record["name"], record["id"], record["phone"], record["code"]]
        )
        if n % max(1, count // 3000) == 0:
            samples.append({**record, "record_id": record_id})
        if n % 50_000 == 49_999:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            print(f"  indexed {n + 1:,}", flush=True)
    conn.execute("COMMIT")
    return samples


KINDS = (
    "typing,full name,4-word name,partial name,id prefix,full id,code,code tail,phone,phone spaced,phone +84,"
    "hostile"
)
HOSTILE = ['"', "*", "AND", "NEAR(", 'nguyen" OR "', "tran*)", "{body}:x", "-0", "(", "^"]


def queries(samples: list[dict[str, str]], rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Queries of each kind, each with the record id it was made from."""
    out: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS.split(",")}
    for r in samples:
        words, n, rid = r["name"].split(), r["national"], r["record_id"]
        out["typing"].append((fold(r["name"])[: rng.randint(1, 3)], rid))
        out["full name"].append((rng.choice([r["name"], fold(r["name"]), r["name"].upper()]), rid))
        if len(words) == 4:
            out["4-word name"].append((rng.choice([r["name"], fold(r["name"])]), rid))
        partial = " ".join(fold(w)[: rng.randint(2, 4)] for w in words[:2]) + " " + fold(words[-1])
        out["partial name"].append((partial, rid))
        out["id prefix"].append((r["id"][: rng.randint(6, 9)], rid))
        out["full id"].append((r["id"], rid))
        out["code"].append((r["code"], rid))
        out["code tail"].append((r["code"].split("-", 1)[1], rid))
        out["phone"].append((n, rid))
        out["phone spaced"].append((f"{n[:4]} {n[4:7]} {n[7:]}", rid))
        out["phone +84"].append(("+84" + n[1:], rid))
        out["hostile"].append((rng.choice(HOSTILE), rid))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def search_without_pairs(conn: Connection, query: str, limit: int) -> list[str]:
    """What ``search`` did before the word pairs: the main FTS5 table only, then the record ids."""
    docs: dict[int, None] = {}
    for expression in match_expressions(query):
        if len(docs) >= limit:
            break
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid LIMIT ?"
        for (doc,) in conn.execute(sql, (expression, limit)):
            docs.setdefault(doc)
    ranked = list(docs)[:limit]
    marks = ",".join("?" * len(ranked))
    sql = f"SELECT doc, record_id FROM search_records WHERE doc IN ({marks})"
    ids = dict(conn.execute(sql, ranked).fetchall()) if ranked else {}
    return [ids[doc] for doc in ranked]


def measure(conn: Connection, records: int, samples: list[dict[str, str]], per_kind: int) -> None:
    rng = random.Random(7)
    lookup = "SELECT doc FROM search_records WHERE record_type = 'dossier' AND record_id = ?"
    baseline = [
        timed(lambda i=i: conn.execute(lookup, (f"d{i:07d}",)).fetchone())
        for i in rng.sample(range(records), min(2000, records))
    ]
    base_p95 = percentile(baseline, 0.95)
    print(f"baseline: primary-key lookup p95 {base_p95:.3f} ms")
    heading = ("query kind", "p50 ms", "p95 ms", "max ms", "p95/lookup", "found", "own", "old p95", "old/new")
    print("{:<13} {:>7} {:>7} {:>7} {:>10} {:>7} {:>7} {:>8} {:>7}".format(*heading))
    everything: list[float] = []
    for kind, items in queries(samples, rng).items():
        chosen = rng.sample(items, min(per_kind, len(items)))
        times: list[float] = []
        old_times: list[float] = []
        found = own = 0
        for n, (text, record_id) in enumerate(chosen):
            result: list[str] = []
            old: list[str] = []
            # Alternate which goes first, so neither always finds the other's pages in the cache.
            runs = [
                lambda text=text, result=result: result.extend(search(conn, text, limit=20)),
                lambda text=text, old=old: old.extend(search_without_pairs(conn, text, 20)),
            ]
            for which in runs if n % 2 else runs[::-1]:
                (times if which is runs[0] else old_times).append(timed(which))
            found += bool(result)
            own += record_id in result
            if result != old:
                raise AssertionError(f"the old and new ways disagree on a {kind!r} query")
        everything.extend(times)
        p95, old_p95 = percentile(times, 0.95), percentile(old_times, 0.95)
        print(
            f"{kind:<13} {statistics.median(times):7.2f} {p95:7.2f} {max(times):7.2f} {p95 / base_p95:10.0f}"
            f" {found:>3}/{len(chosen):<3} {own:>3}/{len(chosen):<3} {old_p95:8.2f} {old_p95 / p95:7.1f}"
        )
    p95 = percentile(everything, 0.95)
    p50, slowest = statistics.median(everything), max(everything)
    print(f"{'all':<13} {p50:7.2f} {p95:7.2f} {slowest:7.2f} {p95 / base_p95:10.0f}")
    print(f"goal p95 < 30 ms: {'met' if p95 < 30 else 'NOT met'}")
    print("(found: queries with any result; own: the record the query was made from is among the first 20)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it; reuse it if built")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db, samples_file = folder / "bench.db", folder / "samples.json"
        reuse = samples_file.exists()
        conn = open_connection(db, bytes(range(32)))
        if reuse:
            samples = json.loads(samples_file.read_text(encoding="utf-8"))
            records = conn.execute("SELECT count(*) FROM search_records").fetchone()[0]
            print(f"reusing the index of {records:,} records in {folder}")
        else:
            records = args.records
            create_search_tables(conn)
            print(f"building an index of {records:,} records…", flush=True)
            start = time.perf_counter()
            samples = build(conn, records, random.Random(20250301))
            built = time.perf_counter() - start
            start = time.perf_counter()
            optimize_index(conn)
            optimized = time.perf_counter() - start
            samples_file.write_text(json.dumps(samples), encoding="utf-8")
            print(
                f"build {built:.1f} s ({records / built:,.0f} records/s), optimize {optimized:.1f} s, "
                f"database {db.stat().st_size / 1e6:.0f} MB"
            )
            (pair_bytes,) = conn.execute(
                "SELECT (SELECT sum(length(block)) FROM search_pairs_data)"
                " + (SELECT coalesce(sum(length(term)), 0) FROM search_terms)"
            ).fetchone()
            print(f"of which word pairs and vocabulary: about {pair_bytes / 1e6:.1f} MB of data")
        measure(conn, records, samples, args.queries)
        conn.close()


if __name__ == "__main__":
    main()
