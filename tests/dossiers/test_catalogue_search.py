"""Catalogue search: codes by prefix, words with or without diacritics, ranking, a 2,000-entry catalogue."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.catalogue import (
    ApplicantField,
    Catalogue,
    DocumentForm,
    Procedure,
    ProcedureLevel,
    RequiredDocument,
    parse_catalogue,
)
from dossiers.catalogue_search import CatalogueIndex, MatchKind, SearchHit, build_index, linear_search
from dossiers.fees import Free
from dossiers.processing_time import ProcessingTime
from resources import resource_path
from sync.folding import fold, fold_words


@pytest.fixture(scope="module")
def seed() -> Catalogue:
    return parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes())


@pytest.fixture(scope="module")
def seed_index(seed: Catalogue) -> CatalogueIndex:
    return build_index(seed)


def codes(hits: list[SearchHit]) -> list[str]:
    return [hit.procedure.code for hit in hits]


def make(code: str, name: str, sector: str = "Hộ tịch") -> Procedure:
    return Procedure(
        code=code,
        name=name,
        sector=sector,
        level=ProcedureLevel.COMMUNE,
        processing_time=ProcessingTime.same_day(),
        documents=(RequiredDocument("Tờ khai", DocumentForm.ORIGINAL),),
        fee=Free(),
        any_residence=False,
        applicant_fields=(ApplicantField.FULL_NAME,),
        confirmed=True,
        source="test",
    )


# --- the seed ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "khai sinh",
        "KHAI SINH",
        "Khai Sinh",
        "khai  sinh ",
        "đăng ký khai sinh",
        "dang ky khai sinh",
        "ĐĂNG KÝ KHAI SINH",
        "kha sin",
        "sinh khai",
        "Đăng ký khai",
        "dang ky khai",
        "đk khai",
        "1.0011",
        "1.001193",
    ],
)
def test_birth_registration_is_found_however_it_is_typed(seed_index: CatalogueIndex, query: str) -> None:
    found = codes(seed_index.search(query))
    if query != "đk khai":
        assert "1.001193" in found
    else:
        assert found == []  # "đk" is an abbreviation, not the start of a word


def test_words_must_all_start_words_of_the_procedure(seed_index: CatalogueIndex) -> None:
    assert codes(seed_index.search("khai sinhx")) == []
    assert codes(seed_index.search("ai sinh")) == []  # inside a word does not count
    assert codes(seed_index.search("khai tu")) == ["1.000656"]
    assert codes(seed_index.search("đăng ký khai")) == ["1.000656", "1.001193"]


def test_exact_code_and_code_prefix(seed_index: CatalogueIndex, seed: Catalogue) -> None:
    assert seed_index.search("1.001193") == [SearchHit(seed.get("1.001193"), MatchKind.CODE_EXACT)]
    prefix = seed_index.search("2.")
    assert codes(prefix) == sorted(p.code for p in seed if p.code.startswith("2."))
    assert {hit.match for hit in prefix} == {MatchKind.CODE_PREFIX}
    assert seed_index.search("  1.000894 ")[0].match is MatchKind.CODE_EXACT
    assert seed_index.search("3.") == []


def test_name_matches_rank_before_sector_matches(seed_index: CatalogueIndex, seed: Catalogue) -> None:
    hits = seed_index.search("ho tich")
    kinds = [hit.match for hit in hits]
    assert kinds == sorted(kinds)
    name_hits = [hit.procedure.code for hit in hits if hit.match is MatchKind.NAME]
    assert "2.000635" in name_hits  # "Cấp bản sao trích lục hộ tịch"
    sector_hits = [hit.procedure.code for hit in hits if hit.match is MatchKind.SECTOR]
    assert "1.001193" in sector_hits  # "Đăng ký khai sinh", sector "Hộ tịch"
    assert sector_hits == sorted(sector_hits)
    every_civil_status = {p.code for p in seed if p.sector == "Hộ tịch"}
    assert every_civil_status <= set(codes(hits))


def test_a_word_from_the_name_and_one_from_the_sector(seed_index: CatalogueIndex) -> None:
    hits = seed_index.search("hộ tịch kết hôn")
    assert codes(hits) == ["1.000593", "1.000894"]
    assert {hit.match for hit in hits} == {MatchKind.SECTOR}


@pytest.mark.parametrize("query", ["", "   ", "\t", ".,;"])
def test_empty_query_finds_nothing(seed_index: CatalogueIndex, query: str) -> None:
    assert seed_index.search(query) == []


def test_limit(seed_index: CatalogueIndex) -> None:
    everything = seed_index.search("ho tich")
    assert seed_index.search("ho tich", limit=3) == everything[:3]
    assert seed_index.search("ho tich", limit=0) == []
    assert linear_search(seed_index_procedures(everything), "ho tich", limit=2) == everything[:2]


def seed_index_procedures(hits: list[SearchHit]) -> list[Procedure]:
    return [hit.procedure for hit in hits]


def test_index_size_and_input_order_do_not_matter(seed: Catalogue) -> None:
    shuffled = list(seed)
    random.Random(4).shuffle(shuffled)
    index = CatalogueIndex(shuffled)
    assert len(index) == len(seed)
    for query in ("khai", "chứng thực", "2.0", "cu tru"):
        assert index.search(query) == build_index(seed).search(query)


# --- ranking on a hand-made catalogue ------------------------------------------------------------------


def test_exact_code_then_code_prefix_then_name_then_sector() -> None:
    procedures = [
        make("2.000815.000.00.00.H38", "Chứng thực bản sao (địa phương)", "Chứng thực"),
        make("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực"),
        make("1.000001", "Cấp bản sao mẫu 2", "Chứng thực"),
        make("1.000002", "Thủ tục khác", "Lĩnh vực 2"),
    ]
    index = build_index(procedures)
    hits = index.search("2.000815")
    assert [(hit.procedure.code, hit.match) for hit in hits] == [
        ("2.000815", MatchKind.CODE_EXACT),
        ("2.000815.000.00.00.H38", MatchKind.CODE_PREFIX),
    ]
    assert codes(index.search("2.000815.000.00.00.h38")) == ["2.000815.000.00.00.H38"]
    # a bare number is both a code prefix and a word: codes first, then names, then sectors
    assert [(hit.procedure.code, hit.match) for hit in index.search("2")] == [
        ("2.000815", MatchKind.CODE_PREFIX),
        ("2.000815.000.00.00.H38", MatchKind.CODE_PREFIX),
        ("1.000001", MatchKind.NAME),
        ("1.000002", MatchKind.SECTOR),
    ]
    assert index.search("2") == linear_search(procedures, "2")


# --- a generated catalogue of 2,000 procedures ---------------------------------------------------------

SYLLABLES = (
    "đăng ký khai sinh kết hôn tử giám hộ nhận cha mẹ con thay đổi cải chính bổ sung thông tin hộ tịch "
    "xác nhận tình trạng cấp bản sao trích lục chứng thực chữ ký hợp đồng giao dịch tài sản động sản "
    "cư trú thường tạm vắng đất đai quyền sử dụng nhà ở xây dựng giấy phép kinh doanh hộ gia đình "
    "người có công trợ cấp xã hội bảo trợ nghèo cận học bổng giáo dục y tế bảo hiểm nông nghiệp thủy lợi "
    "rừng môi trường văn hóa thể thao lễ hội tôn giáo tín ngưỡng dân tộc miền núi biên giới hải đảo"
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


def generated_procedures(count: int, seed: int = 2025) -> list[Procedure]:
    rng = random.Random(seed)
    numbers = rng.sample(range(1_000_000), count)
    result = []
    for position, number in enumerate(numbers):
        code = f"{rng.choice('123')}.{number:06d}"
        if position % 10 == 0:
            code += f".000.00.00.H{rng.randint(10, 99)}"
        name = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 9))).capitalize()
        result.append(make(code, name, rng.choice(SECTORS)))
    return result


@pytest.fixture(scope="module")
def big() -> list[Procedure]:
    return generated_procedures(2_000)


@pytest.fixture(scope="module")
def big_index(big: list[Procedure]) -> CatalogueIndex:
    return build_index(big)


def test_generated_catalogue_is_a_valid_catalogue(big: list[Procedure]) -> None:
    catalogue = Catalogue(1, dt.date(2025, 7, 1), "test", tuple(big))
    assert len(build_index(catalogue)) == 2_000


@pytest.mark.parametrize(
    "query",
    [
        "khai sinh",
        "đăng ký",
        "dang ky ket hon",
        "CHỨNG THỰC",
        "ho tich",
        "bao tro xa hoi",
        "1.0",
        "2.00",
        "3",
        "giay phep kinh doanh",
        "x",
        "đ",
        "tai san dong san",
        "khong co tu nay",
    ],
)
def test_index_agrees_with_a_linear_scan(big: list[Procedure], big_index: CatalogueIndex, query: str) -> None:
    assert big_index.search(query) == linear_search(big, query)


def test_every_word_prefix_query_finds_its_procedure(big: list[Procedure], big_index: CatalogueIndex) -> None:
    rng = random.Random(7)
    for target in rng.sample(big, 50):
        words = target.name.split()
        typed = " ".join(word[: rng.randint(1, len(word))] for word in rng.sample(words, min(3, len(words))))
        hits = big_index.search(typed)
        assert target in [hit.procedure for hit in hits], typed
        assert target in [hit.procedure for hit in big_index.search(target.code)][:1]


def test_code_prefix_finds_exactly_the_codes_with_that_prefix(
    big: list[Procedure], big_index: CatalogueIndex
) -> None:
    for prefix in ("1.00", "2.5", "3.99", "1.000"):
        expected = sorted(p.code for p in big if p.code.startswith(prefix))
        found = [hit.procedure.code for hit in big_index.search(prefix) if hit.match <= MatchKind.CODE_PREFIX]
        assert found == expected


def test_hits_are_ranked_then_ordered_by_code(big_index: CatalogueIndex) -> None:
    hits = big_index.search("ho")
    assert len(hits) > 100
    keys = [(hit.match, hit.procedure.code) for hit in hits]
    assert keys == sorted(keys)


vocabulary = st.sampled_from(SYLLABLES + list(SECTORS))


@st.composite
def typed_queries(draw: st.DrawFn) -> str:
    words = draw(st.lists(vocabulary, min_size=1, max_size=3))
    typed = []
    for word in words:
        word = word.split()[0][: draw(st.integers(1, 8))]
        style = draw(st.sampled_from(["as is", "upper", "no marks"]))
        if style == "upper":
            word = word.upper()
        elif style == "no marks":
            word = fold(word)
        typed.append(word)
    return " ".join(typed)


class PrefoldedScan:
    """An independent oracle for the properties: the catalogue folded once, then scanned per query."""

    def __init__(self, procedures: list[Procedure]) -> None:
        self.rows = [
            (fold(p.code), fold_words(p.name), fold_words(p.name) + fold_words(p.sector), p)
            for p in sorted(procedures, key=lambda p: p.code)
        ]

    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        folded = fold(query)
        words = fold_words(folded)
        as_code = folded if folded[:1].isdigit() and " " not in folded else None
        hits = []
        for code, name_words, all_words, procedure in self.rows:

            def starts(pool: list[str]) -> bool:
                return bool(words) and all(any(w.startswith(q) for w in pool) for q in words)

            if as_code is not None and code == as_code:
                hits.append(SearchHit(procedure, MatchKind.CODE_EXACT))
            elif as_code is not None and code.startswith(as_code):
                hits.append(SearchHit(procedure, MatchKind.CODE_PREFIX))
            elif starts(name_words):
                hits.append(SearchHit(procedure, MatchKind.NAME))
            elif starts(all_words):
                hits.append(SearchHit(procedure, MatchKind.SECTOR))
        hits.sort(key=lambda hit: hit.match)  # stable: code order within a kind
        return hits if limit is None else hits[:limit]


@pytest.fixture(scope="module")
def oracle(big: list[Procedure]) -> PrefoldedScan:
    return PrefoldedScan(big)


@given(typed_queries())
def test_index_agrees_with_the_oracle_on_typed_queries(
    big_index: CatalogueIndex, oracle: PrefoldedScan, query: str
) -> None:
    assert big_index.search(query) == oracle.search(query)


@given(st.text(max_size=12))
def test_index_agrees_with_the_oracle_on_any_text(
    big_index: CatalogueIndex, oracle: PrefoldedScan, query: str
) -> None:
    assert big_index.search(query, limit=20) == oracle.search(query, limit=20)
