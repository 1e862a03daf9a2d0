"""Search index on real SQLCipher: folding, prefixes, IDs, dossier codes, phones, hostile queries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.connection import Connection, open_connection
from sync.search_index import (
    MAX_LIMIT,
    MAX_PAIR_WORDS,
    SearchHit,
    count_matches,
    create_search_tables,
    index_record,
    indexed_text,
    match_expression,
    match_expressions,
    optimize_index,
    pair_expressions,
    pair_tokens,
    pair_words,
    remove,
    remove_record,
    search,
    search_hits,
)

KEY = bytes(range(32, 64))

PEOPLE = {
    "d1": ["Nguyễn Văn Đức", "079123456789", "000.00.01.H22-260213-0001", "0912 345 678"],
    "d2": ["Trần Thị Hoa", "001199000123", "H55.242-250101-0002", "+84 987.654.321"],
    "d3": ["Nguyễn Văn Đức Anh", "048099123456", "000.00.01.H22-260213-0002", "0243.823.4567"],
    "d4": ["Lê Thị Ngọc Ánh", "031302999888", "000.00.12.H22-250630-0117", "0868-111-222"],
}


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[Connection]:
    connection = open_connection(tmp_path / "search.db", KEY)
    create_search_tables(connection)
    for record_id, texts in PEOPLE.items():
        index_record(connection, "dossier", record_id, texts)
    yield connection
    connection.close()


def found(conn: Connection, query: str, **kwargs: object) -> set[str]:
    return set(search(conn, query, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguy van", {"d1", "d3"}),
        ("NGUYỄN VĂN ĐỨC", {"d1", "d3"}),
        ("nguyen van duc", {"d1", "d3"}),
        ("Nguyen   van   duc   anh", {"d3"}),
        ("đuc", {"d1", "d3"}),
        ("ngoc anh", {"d4"}),
        ("Ánh", {"d3", "d4"}),  # "Anh" and "Ánh" fold alike
        ("thi", {"d2", "d4"}),
        ("hoa tran", {"d2"}),
        ("nguyen hoa", set()),
    ],
)
def test_names_fold_case_and_diacritics(conn: Connection, query: str, expected: set[str]) -> None:
    assert found(conn, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("079123456789", {"d1"}),
        ("0791", {"d1"}),
        ("00119900", {"d2"}),
        ("0", {"d1", "d2", "d3", "d4"}),
        ("079123456780", set()),
    ],
)
def test_id_numbers_by_prefix(conn: Connection, query: str, expected: set[str]) -> None:
    assert found(conn, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("000.00.01.H22-260213-0001", {"d1"}),
        ("000.00.01.h22-260213-0001", {"d1"}),
        ("260213-0001", {"d1"}),
        ("260213-000", {"d1", "d3"}),
        ("260213", {"d1", "d3"}),
        ("H22-260213", {"d1", "d3"}),
        ("H55.242-250101-0002", {"d2"}),
        ("250630-0117", {"d4"}),
        ("2602130001", {"d1"}),
        ("260213-0003", set()),
    ],
)
def test_dossier_codes(conn: Connection, query: str, expected: set[str]) -> None:
    assert found(conn, query) == expected


@pytest.mark.parametrize(
    "query",
    ["0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84912345678", "+84 912 345 678",
     "84912345678", "912345678", "0912 345", "0912"],
)  # fmt: skip
def test_phone_typed_any_way_finds_phone_written_with_spaces(conn: Connection, query: str) -> None:
    assert found(conn, query) == {"d1"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0987654321", {"d2"}),  # stored as +84 987.654.321
        ("0987 654 321", {"d2"}),
        ("+84987654321", {"d2"}),
        ("987654", {"d2"}),
        ("02438234567", {"d3"}),  # a landline, stored as 0243.823.4567
        ("0868111222", {"d4"}),
        ("+84 868 111 222", {"d4"}),
    ],
)
def test_phone_stored_in_other_formats(conn: Connection, query: str, expected: set[str]) -> None:
    assert found(conn, query) == expected


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "nguyen*", "AND", "OR", "NOT", "NEAR(", "NEAR(a b, 3)", "a AND", "(", ")", "^nguyen",
     "{rtype body}: x", "rtype:x", "body : nguyen", '"nguyen" OR "tran"', "-", "+", "'; DROP TABLE x; --",
     "\x00", "\\", "nguyen\nvan", "", "   "],
)  # fmt: skip
def test_hostile_queries_never_raise(conn: Connection, query: str) -> None:
    search(conn, query)


def test_operators_are_plain_words(conn: Connection) -> None:
    assert found(conn, "nguyen OR tran") == set()  # "or" is a word, not an operator
    assert found(conn, "nguyen*") == {"d1", "d3"}
    assert found(conn, "body : nguyen") == set()
    assert match_expression('a"b') == 'body : "a b"*'
    assert match_expression("*") is None and match_expression("") is None


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])  # read-only use
@given(query=st.text(max_size=40))
def test_any_text_is_a_safe_query(conn: Connection, query: str) -> None:
    result = search(conn, query, limit=5)
    assert len(result) <= 5


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.lists(
        st.sampled_from(
            ['"', "*", "AND", "OR", "NOT", "NEAR(", ")", "(", ":", "^", "{", "}", "nguy", "0912", "-"]
        ),
        max_size=8,
    ).map(" ".join)
)
def test_operator_soup_never_raises(conn: Connection, query: str) -> None:
    search(conn, query)


def test_types_filter(conn: Connection) -> None:
    index_record(conn, "citizen", "c1", ["Nguyễn Văn Đức", "079123456789"])
    index_record(conn, "citizen.note", "n1", ["Nguyễn Văn Đức"])
    assert found(conn, "nguyen van duc") == {"d1", "d3", "c1", "n1"}
    assert found(conn, "nguyen van duc", types=["citizen"]) == {"c1"}
    assert found(conn, "nguyen van duc", types=["citizen.note", "citizen"]) == {"c1", "n1"}
    assert found(conn, "nguyen van duc", types=[]) == set()
    assert found(conn, "nguyen van duc", types=["nothing"]) == set()
    hits = search_hits(conn, "079123456789")
    assert set(hits) == {SearchHit("dossier", "d1"), SearchHit("citizen", "c1")}


def test_type_names_are_not_searchable_text(conn: Connection) -> None:
    assert found(conn, "dossier") == set()
    assert found(conn, "t646f") == set()


def test_same_id_in_two_types_are_two_records(conn: Connection) -> None:
    index_record(conn, "citizen", "d1", ["Phạm Minh Tuấn"])
    assert search_hits(conn, "tuan") == [SearchHit("citizen", "d1")]
    assert found(conn, "nguyen van duc") == {"d1", "d3"}


def test_reindexing_replaces_the_text(conn: Connection) -> None:
    index_record(conn, "dossier", "d1", ["Hoàng Văn Thụ"])
    assert found(conn, "nguyen van duc") == {"d3"}
    assert found(conn, "hoang thu") == {"d1"}
    assert conn.execute("SELECT count(*) FROM search_records").fetchone()[0] == 4


def test_indexing_no_text_removes_the_record(conn: Connection) -> None:
    index_record(conn, "dossier", "d2", ["", "   "])
    assert found(conn, "tran thi hoa") == set()
    assert conn.execute("SELECT count(*) FROM search_records").fetchone()[0] == 3
    index_record(conn, "dossier", "new", [])
    assert conn.execute("SELECT count(*) FROM search_records").fetchone()[0] == 3


def test_remove(conn: Connection) -> None:
    assert remove_record(conn, "dossier", "d1")
    assert not remove(conn, "dossier", "d1")
    assert not remove_record(conn, "citizen", "d3")
    assert found(conn, "nguyen van duc") == {"d3"}
    assert found(conn, "0912345678") == set()


def test_ranking_exact_words_first_then_newest(conn: Connection) -> None:
    index_record(conn, "rank", "exact-old", ["Lò Văn An"])
    index_record(conn, "rank", "all-prefix", ["Hoàng Vàng An"])
    index_record(conn, "rank", "last-prefix", ["Lò Văn Anh"])
    index_record(conn, "rank", "exact-new", ["Lò Văn An, bản Mường"])
    expected = ["exact-new", "exact-old", "last-prefix", "all-prefix"]
    assert search(conn, "van an", types=["rank"]) == expected
    assert search(conn, "van an", types=["rank"], limit=3) == expected[:3]
    assert search(conn, "van an")[:2] == expected[:2]


def test_limit(conn: Connection) -> None:
    for n in range(30):
        index_record(conn, "dossier", f"x{n}", [f"Bùi Thị Xuân {n}"])
    assert len(search(conn, "bui xuan", limit=7)) == 7
    assert len(search(conn, "bui xuan")) == 30
    for bad in [0, -1, MAX_LIMIT + 1]:
        with pytest.raises(ValueError):
            search(conn, "bui", limit=bad)


def test_bad_inputs(conn: Connection) -> None:
    with pytest.raises(ValueError):
        index_record(conn, "", "x", ["a"])
    with pytest.raises(ValueError):
        index_record(conn, "dossier", "", ["a"])
    with pytest.raises(TypeError):
        index_record(conn, "dossier", "x", [b"bytes"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        search(conn, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        search(conn, "a", types=[""])
    with pytest.raises(ValueError):
        remove_record(conn, "dossier", "")


def test_failed_indexing_leaves_the_old_entry(conn: Connection) -> None:
    def texts() -> Iterator[str]:
        yield "Phạm Minh Tuấn"
        raise RuntimeError("the caller's data source failed")

    with pytest.raises(RuntimeError):
        index_record(conn, "dossier", "d1", texts())
    assert found(conn, "nguyen van duc") == {"d1", "d3"}


def test_indexing_inside_a_callers_transaction_rolls_back_with_it(conn: Connection) -> None:
    conn.execute("BEGIN")
    index_record(conn, "dossier", "tx", ["Đỗ Mười"])
    assert found(conn, "do muoi") == {"tx"}
    conn.execute("ROLLBACK")
    assert found(conn, "do muoi") == set()


def test_index_survives_reopening_and_optimize(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "s.db", KEY)
    create_search_tables(conn)
    create_search_tables(conn)  # idempotent DDL
    index_record(conn, "dossier", "a", ["Vũ Trọng Phụng"])
    conn.close()
    conn = open_connection(tmp_path / "s.db", KEY)
    try:
        optimize_index(conn)
        assert search(conn, "vu trong phung") == ["a"]
    finally:
        conn.close()


def test_folded_text_is_stored_only_inside_the_encrypted_file(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "s.db", KEY)
    create_search_tables(conn)
    index_record(conn, "dossier", "a", ["Nguyễn Văn Đức", "079123456789"])
    conn.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"nguyen" not in raw and b"079123456789" not in raw


def test_indexed_text() -> None:
    text = indexed_text(["Nguyễn Văn Đức", "+84 912.345.678", "000.00.01.H22-260213-0001", "0912345678"])
    assert text.split("\n")[0] == "nguyen van duc"
    tokens = text.split()
    for expected in ["84912345678", "0912345678", "912345678", "0000001", "2602130001"]:
        assert expected in tokens
    assert indexed_text(["", " "]) == ""
    assert indexed_text(["079123456789"]) == "079123456789"  # an ID is not taken for a phone


# -- word pairs ------------------------------------------------------------------------------------------

WORDS = "nguyen nguyet ngu thi thinh thien hong hon nhung nhu van an anh h22 le lo tran".split()


def fts_only(conn: Connection, query: str, limit: int, types: list[str] | None = None) -> list[str]:
    """What ``search`` answered before the word pairs: the expressions on the main FTS5 table only."""
    docs: dict[int, None] = {}
    for expression in match_expressions(query, types):
        if len(docs) >= limit:
            break
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid LIMIT ?"
        for (doc,) in conn.execute(sql, (expression, limit)):
            docs.setdefault(doc)
    ids = dict(conn.execute("SELECT doc, record_id FROM search_records").fetchall())
    return [ids[doc] for doc in list(docs)[:limit]]


@pytest.fixture
def crowd(tmp_path: Path) -> Iterator[Connection]:
    """Records made of a few overlapping words; some too long for pairs, some not ASCII after folding."""
    import random

    rng = random.Random(5)
    connection = open_connection(tmp_path / "crowd.db", KEY)
    create_search_tables(connection)
    for n in range(400):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 5))]
        if n % 50 == 0:
            words += [f"w{i}x" for i in range(MAX_PAIR_WORDS)]
        if n % 37 == 0:
            words.append("Ωmega")
        texts = [" ".join(words).title(), f"0912 345 {n:03d}"]
        index_record(connection, "a" if n % 3 else "b", f"r{n}", texts)
    yield connection
    connection.close()


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])  # read-only use
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    cut=st.lists(st.integers(1, 6), min_size=4, max_size=4),
    limit=st.sampled_from([1, 3, 20, 1000]),
    types=st.sampled_from([None, ["a"], ["b", "a"]]),
)
def test_pairs_answer_exactly_as_the_fts_lists(
    crowd: Connection, words: list[str], cut: list[int], limit: int, types: list[str] | None
) -> None:
    query = " ".join(word[: max(1, len(word) - c + 1)] for word, c in zip(words, cut, strict=False))
    assert search(crowd, query, limit=limit, types=types) == fts_only(crowd, query, limit, types)


@pytest.mark.parametrize(
    "query",
    ["nguyen thi hong nhung", "thi nhung", "ngu thi", "nguy nguyen", "an anh", "hong hon", "nguyen omega",
     "Ωmega nguyen", "w1x w2x", "h22 an", "thinh thien van le", "nguyen NGUYEN", "le tr"],
)  # fmt: skip
def test_pairs_and_fts_agree_on_tricky_queries(crowd: Connection, query: str) -> None:
    assert search(crowd, query, limit=1000) == fts_only(crowd, query, 1000)
    assert search(crowd, query, limit=2) == fts_only(crowd, query, 2)


def test_which_queries_the_pairs_answer(conn: Connection) -> None:
    assert pair_expressions(conn, "nguyen van duc") == [
        '("3ducnguyen" AND "3ducvan")',
        '("3ducnguyen" AND "3ducvan")',
    ]
    exact = pair_expressions(conn, "nguyen duc", types=["dossier"])[0]
    assert exact == '("t646f7373696572") AND "3ducnguyen"'
    for query in ["nguyen", "nguyen 0912", "nguyen 260213-0001", "Ωmega nguyen", "van van", "", '"']:
        assert set(pair_expressions(conn, query)) <= {None}, query
    assert pair_expressions(conn, "nguyen duc", types=[]) == []
    # "ng" and "nguyen" can both match one word: only the exact tier is answered from the pairs.
    assert pair_expressions(conn, "ng nguyen")[1] is None
    assert pair_expressions(conn, "zzz nguyen")[1] == ""  # no word starts with zzz


def test_pair_words_and_tokens() -> None:
    assert pair_words("nguyen van duc\n079123456789\n000 00 01 h22 260213 0001") == [
        "duc", "h22", "nguyen", "van"
    ]  # fmt: skip
    tokens = pair_tokens(["ab", "abc", "b"])
    assert tokens == ["2ababc", "2abb", "3abcb"]
    assert len(set(pair_tokens([f"w{i}" for i in range(30)]))) == 435


def test_pairs_follow_reindexing_and_removal(conn: Connection) -> None:
    index_record(conn, "dossier", "d1", ["Hoàng Văn Thụ"])
    assert found(conn, "nguyen van duc") == {"d3"}
    assert found(conn, "hoang thu") == {"d1"}
    assert remove_record(conn, "dossier", "d3")
    assert found(conn, "nguyen van duc") == set()
    left = "SELECT count(*) FROM search_pairs WHERE search_pairs MATCH '\"3ducnguyen\"'"
    assert conn.execute(left).fetchone()[0] == 0


def test_records_without_pairs_are_still_found(conn: Connection) -> None:
    long_name = "Nguyễn " + " ".join(f"Tên{i}" for i in range(MAX_PAIR_WORDS)) + " Đức"
    index_record(conn, "dossier", "long", [long_name])
    index_record(conn, "dossier", "greek", ["Nguyễn Văn Đức Ωmega"])
    assert found(conn, "nguyen van duc") == {"d1", "d3", "greek"}
    assert found(conn, "nguyen duc ten3") == {"long"}
    assert found(conn, "nguy du") == {"d1", "d3", "long", "greek"}
    assert conn.execute("SELECT count(*) FROM search_pairs").fetchone()[0] == 4


def test_count_matches_counts_past_the_limit(conn: Connection) -> None:
    for n in range(30):
        index_record(conn, "dossier", f"many-{n}", [f"Phạm Minh Châu {n}"])
    index_record(conn, "note", "other", ["Phạm Minh Châu"])
    assert len(search_hits(conn, "pham minh", limit=10, types=["dossier"])) == 10
    assert count_matches(conn, "pham minh", types=["dossier"]) == 30
    assert count_matches(conn, "pham minh") == 31
    assert count_matches(conn, "nguyen van duc", types=["dossier"]) == len(found(conn, "nguyen van duc")) == 2
    assert count_matches(conn, "   ") == 0
