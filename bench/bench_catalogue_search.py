"""Catalogue search: the prefix index against a naive linear scan, per query, as a ratio.

Run: ``.venv/bin/python bench/bench_catalogue_search.py [sizes...]`` (default 1065 2000 10000 procedures).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossiers.catalogue import (  # noqa: E402
    ApplicantField,
    DocumentForm,
    Procedure,
    ProcedureLevel,
    RequiredDocument,
)
from dossiers.catalogue_search import build_index, linear_search  # noqa: E402
from dossiers.fees import Free  # noqa: E402
from dossiers.processing_time import ProcessingTime  # noqa: E402

SYLLABLES = (
    "đăng ký khai sinh kết hôn tử giám hộ nhận cha mẹ con thay đổi cải chính bổ sung thông tin hộ tịch "
    "xác nhận tình trạng cấp bản sao trích lục chứng thực chữ ký hợp đồng giao dịch tài sản động sản "
    "cư trú thường tạm vắng đất đai quyền sử dụng nhà ở xây dựng giấy phép kinh doanh hộ gia đình "
    "người có công trợ cấp xã hội bảo trợ nghèo cận học bổng giáo dục y tế bảo hiểm nông nghiệp thủy lợi"
).split()
SECTORS = (
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Bảo trợ xã hội",
    "Giáo dục",
    "Văn hóa",
    "Nông nghiệp",
    "Cư trú",
)
QUERIES = [
    "khai sinh",
    "dang ky ket hon",
    "CHỨNG THỰC",
    "ho tich",
    "1.00",
    "2.0001",
    "bảo trợ xã",
    "giay phep",
    "x",
    "tai san dong san",
    "khong co",
]


def generated(count: int, seed: int = 1) -> list[Procedure]:
    rng = random.Random(seed)
    result = []
    for number in rng.sample(range(1_000_000), count):
        name = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 9))).capitalize()
        result.append(
            Procedure(
                code=f"{rng.choice('12')}.{number:06d}",
                name=name,
                sector=rng.choice(SECTORS),
                level=ProcedureLevel.COMMUNE,
                processing_time=ProcessingTime.same_day(),
                documents=(RequiredDocument("Tờ khai", DocumentForm.ORIGINAL),),
                fee=Free(),
                any_residence=False,
                applicant_fields=(ApplicantField.FULL_NAME,),
                confirmed=False,
                source="generated",
            )
        )
    return result


def per_query(run: Callable[[str], object], rounds: int) -> float:
    """Median seconds per query over ``rounds`` passes of all queries."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for query in QUERIES:
            run(query)
        samples.append((time.perf_counter() - start) / len(QUERIES))
    return statistics.median(samples)


def main(sizes: list[int]) -> None:
    print(
        f"{'procedures':>10} {'build ms':>9} {'index µs/query':>15} {'scan µs/query':>14} {'scan/index':>11}"
    )
    for size in sizes:
        procedures = generated(size)
        start = time.perf_counter()
        index = build_index(procedures)
        build = time.perf_counter() - start
        for query in QUERIES:
            assert index.search(query) == linear_search(procedures, query), query
        indexed = per_query(index.search, rounds=30)
        scanned = per_query(lambda query, procs=procedures: linear_search(procs, query), rounds=3)
        times = f"{build * 1e3:>9.1f} {indexed * 1e6:>15.1f} {scanned * 1e6:>14.1f}"
        print(f"{size:>10} {times} {scanned / indexed:>10.0f}x")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1065, 2000, 10000])
