"""Full-text search (FTS5) over a folded copy of the texts a caller hands over for a record.

Domain-agnostic: the index holds (record type, record id) and the folded text of whatever fields the caller
chose (names, ID numbers, dossier codes, phone numbers…). Folding (``sync.folding.fold``) makes search case-
and diacritics-insensitive with đ→d, for the indexed text and for queries alike.

Table choice: a *contentless* FTS5 table (``content=''``, ``contentless_delete=1``) keyed by the rowid of a
small ``search_records`` table. The folded text is only needed to match, never to show, so it is not stored
twice; rows can still be deleted and replaced.

Tokens: FTS5's ``unicode61`` tokenizer splits at anything that is not a letter or digit, so a dossier code
``000.00.01.H22-260213-0001`` becomes ``000 00 01 h22 260213 0001``. A query word is the same: its tokens form
a phrase with a prefix on the last one, so ``260213-0001``, ``H22-260213`` and the full code all match. Digit
groups written with separators (``0912 345 678``, ``0912.345.678``) are also indexed joined, and phone-looking
numbers in their national (``0912345678``) and subscriber (``912345678``) forms, so a phone is found whether
typed with or without spaces, with ``0``, ``+84`` or ``84`` in front.

Speed: FTS5 prefix indexes for 1–7 characters (every Vietnamese syllable fits) make a prefix query read one
stored list instead of merging all the terms it covers, and results are taken newest first with a ``LIMIT``,
so a common word (``nguyen``, ``van``) among a million records stays within milliseconds (see bench/).

Word pairs: a query of several common words (``nguyen thi hong nhung``) with few matches made FTS5 read the
whole long lists of ``nguyen`` and ``thi``. So every record also gets, in a small second FTS5 table
(``search_pairs``, no positions, no prefix indexes), one token per pair of its distinct words that start with
a letter, and every such word goes into a vocabulary (``search_terms``). A query made only of such words is
then answered from the pairs alone, with the same results: exactly ("hong" with each other word), or as
prefixes (each word expanded to the vocabulary words it begins, when they are few and the words' expansions
do not overlap). A record with more than ``MAX_PAIR_WORDS`` such words, or with any non-ASCII letter left
after folding (where Python's and FTS5's idea of a word could differ), gets a marker instead and is searched
the old way.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import NamedTuple

from sync.connection import Connection
from sync.folding import fold

MAX_QUERY_WORDS = 12
# Documents are numbered downwards, newest smallest: FTS5 reads its lists fastest in ascending rowid order,
# so "newest first" is the cheap direction.
_FIRST_DOC = 2**62
MAX_LIMIT = 1000

# Word pairs: records with more distinct letter-led words than this are marked and searched without pairs.
MAX_PAIR_WORDS = 24
# A prefix query word is expanded to at most this many vocabulary words, and a pair query to this many pairs.
_MAX_EXPANSION = 16
_MAX_PAIR_TERMS = 64
# In the rtype column, where type tokens start with "t": a record indexed without pairs.
_NO_PAIRS = "pnopairs"

_TOKEN = re.compile(r"[^\W_]+")
_NON_DIGIT = re.compile(r"\D")
_ANY_DIGIT = re.compile(r"\d")
# Digit groups joined by single separators, not glued to letters or digits on either side.
_DIGIT_RUN = re.compile(r"(?<![^\W_])(\+?)(\d+(?:[ .\-/]\d+)*)(?![^\W_])")


class SearchHit(NamedTuple):
    record_type: str
    record_id: str


def create_search_tables(conn: Connection) -> None:
    """Create the search index tables (plain DDL, no transaction handling)."""
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS search_records (
            doc INTEGER PRIMARY KEY,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            UNIQUE (record_type, record_id)
        )
        """
    )
    conn.execute(
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
            rtype, body,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 0',
            prefix = '1 2 3 4 5 6 7'
        )
        """
    )
    create_pair_tables(conn)


def create_pair_tables(conn: Connection) -> None:
    """Create the word-pair table and the vocabulary (part of :func:`create_search_tables`)."""
    conn.execute(
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS search_pairs USING fts5(
            pairs,
            content = '', contentless_delete = 1, detail = none,
            tokenize = 'unicode61 remove_diacritics 0'
        )
        """
    )
    conn.execute("CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")


def _type_token(record_type: str) -> str:
    """One opaque token per record type, so a type filter is an exact match."""
    return "t" + record_type.encode("utf-8").hex()


def _phone_forms(digits: str) -> list[str]:
    """National and subscriber forms of a Vietnamese phone number, or nothing if it does not look like one."""
    if len(digits) == 12 and digits.startswith("840"):
        national = digits[2:]
    elif len(digits) == 11 and digits.startswith("84"):
        national = "0" + digits[2:]
    elif len(digits) in (10, 11) and digits.startswith("0") and digits[1] != "0":
        national = digits
    else:
        return []
    return [national, national[1:]]


def indexed_text(texts: Iterable[str]) -> str:
    """The folded text stored in the index for a record's texts, with the extra digit forms."""
    parts: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            raise TypeError("the texts of a record are strings")
        folded = fold(text)
        if not folded:
            continue
        parts.append(folded)
        if not _ANY_DIGIT.search(folded):
            continue
        extra: list[str] = []
        for match in _DIGIT_RUN.finditer(folded):
            plus, run = match.groups()
            digits = _NON_DIGIT.sub("", run)
            if plus or digits != run:
                extra.append(digits)
            extra.extend(_phone_forms(digits))
        if extra:
            present = set(_TOKEN.findall(folded))
            extra = [e for e in dict.fromkeys(extra) if e not in present]
        if extra:
            parts.append(" ".join(extra))
    return "\n".join(parts)


def _pair_token(a: str, b: str) -> str:
    """One token for two distinct words, whichever order: the shorter-sorting one's length, then both."""
    first, second = (a, b) if a < b else (b, a)
    return f"{len(first)}{first}{second}"


def pair_words(body: str) -> list[str]:
    """The distinct words of an indexed text that start with a letter (those that get pairs), sorted."""
    return sorted({token for token in _TOKEN.findall(body) if token[0].isalpha()})


def pair_tokens(words: list[str]) -> list[str]:
    """The pair tokens of a record's pair words (every two distinct words, once)."""
    return [_pair_token(a, b) for a, b in itertools.combinations(words, 2)]


def _check_key(record_type: str, record_id: str) -> None:
    if not isinstance(record_type, str) or not record_type:
        raise ValueError("a record type is a non-empty string")
    if not isinstance(record_id, str) or not record_id:
        raise ValueError("a record id is a non-empty string")


def index_record(conn: Connection, record_type: str, record_id: str, texts: Iterable[str]) -> None:
    """Index (or re-index) a record under its searchable texts; no texts at all removes it from the index."""
    _check_key(record_type, record_id)
    body = indexed_text(texts)
    conn.execute("SAVEPOINT search_index_record")
    try:
        row = conn.execute(
            "SELECT doc FROM search_records WHERE record_type = ? AND record_id = ?", (record_type, record_id)
        ).fetchone()
        if row is not None:
            conn.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
            conn.execute("DELETE FROM search_pairs WHERE rowid = ?", (row[0],))
            if not body:
                conn.execute("DELETE FROM search_records WHERE doc = ?", (row[0],))
        if body:
            if row is None:
                doc = conn.execute(
                    "INSERT INTO search_records (doc, record_type, record_id)"
                    " VALUES ((SELECT coalesce(min(doc), ?) - 1 FROM search_records), ?, ?)",
                    (_FIRST_DOC, record_type, record_id),
                ).lastrowid
            else:
                doc = row[0]
            type_token = _type_token(record_type)
            words = pair_words(body)
            if len(words) > MAX_PAIR_WORDS or not body.isascii():
                type_token += " " + _NO_PAIRS
            else:
                conn.executemany(
                    "INSERT OR IGNORE INTO search_terms (term) VALUES (?)", ((w,) for w in words)
                )
                if len(words) >= 2:
                    # detail=none has no columns: the type token goes in with the pairs (led by a digit).
                    conn.execute(
                        "INSERT INTO search_pairs (rowid, pairs) VALUES (?, ?)",
                        (doc, type_token + " " + " ".join(pair_tokens(words))),
                    )
            conn.execute(
                "INSERT INTO search_fts (rowid, rtype, body) VALUES (?, ?, ?)", (doc, type_token, body)
            )
    except BaseException:
        conn.execute("ROLLBACK TO search_index_record")
        conn.execute("RELEASE search_index_record")
        raise
    conn.execute("RELEASE search_index_record")


def remove_record(conn: Connection, record_type: str, record_id: str) -> bool:
    """Remove a record from the index; False if it was not indexed."""
    _check_key(record_type, record_id)
    row = conn.execute(
        "SELECT doc FROM search_records WHERE record_type = ? AND record_id = ?", (record_type, record_id)
    ).fetchone()
    if row is None:
        return False
    conn.execute("SAVEPOINT search_remove_record")
    try:
        conn.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
        conn.execute("DELETE FROM search_pairs WHERE rowid = ?", (row[0],))
        conn.execute("DELETE FROM search_records WHERE doc = ?", (row[0],))
    except BaseException:
        conn.execute("ROLLBACK TO search_remove_record")
        conn.execute("RELEASE search_remove_record")
        raise
    conn.execute("RELEASE search_remove_record")
    return True


remove = remove_record


def optimize_index(conn: Connection) -> None:
    """Merge the index's segments (after a bulk load; optional)."""
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    conn.execute("INSERT INTO search_pairs (search_pairs) VALUES ('optimize')")


def _word_expression(word: str, prefix: bool) -> str | None:
    """An FTS5 phrase for one query word: its tokens in order, the last one a prefix if ``prefix``."""
    tokens = _TOKEN.findall(word)
    if not tokens:
        return None
    return '"' + " ".join(tokens) + ('"*' if prefix else '"')


def _and(words: list[str], prefix: bool) -> str | None:
    """Every word must match, exactly or as a prefix."""
    parts = [p for p in (_word_expression(w, prefix) for w in words) if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _variants(folded: str) -> list[str]:
    """The query as typed, with digit groups joined, and with phone prefixes (+84, 84) dropped."""
    words = folded.split()[:MAX_QUERY_WORDS]
    text = " ".join(words)

    def joined(match: re.Match[str]) -> str:
        return _NON_DIGIT.sub("", match.group(2))

    def subscriber(match: re.Match[str]) -> str:
        digits = _NON_DIGIT.sub("", match.group(2))
        if digits.startswith("84") and (match.group(1) or len(digits) >= 11):
            digits = digits[2:]
            return digits[1:] if digits.startswith("0") else digits
        return digits

    variants = [text]
    for candidate in (_DIGIT_RUN.sub(joined, text), _DIGIT_RUN.sub(subscriber, text)):
        if candidate not in variants:
            variants.append(candidate)
    return variants


def _type_filter(types: Iterable[str] | None, column: str = "rtype : ") -> str | None:
    """The type part of a MATCH expression ("" for every type); None if no type at all is wanted."""
    if types is None:
        return ""
    type_list = list(dict.fromkeys(types))
    for record_type in type_list:
        _check_key(record_type, "-")
    if not type_list:
        return None
    return column + "(" + " OR ".join(f'"{_type_token(t)}"' for t in type_list) + ") AND "


def _pair_words_of_query(query: str) -> list[str] | None:
    """The query's distinct words if the pairs can answer it: two or more, each one letter-led token."""
    folded = fold(query)
    if not folded.isascii():
        return None
    variants = _variants(folded)
    if len(variants) != 1:
        return None
    words: list[str] = []
    for word in variants[0].split():
        tokens = _TOKEN.findall(word)
        if len(tokens) != 1 or not tokens[0][0].isalpha():
            return None
        words.append(tokens[0])
    distinct = list(dict.fromkeys(words))
    return distinct if len(distinct) >= 2 else None


def _expansion(conn: Connection, prefix: str) -> list[str] | None:
    """The vocabulary words starting with ``prefix``; None if there are too many."""
    rows = conn.execute(
        "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
        (prefix, prefix + "\U0010ffff", _MAX_EXPANSION + 1),
    ).fetchall()
    return None if len(rows) > _MAX_EXPANSION else [str(row[0]) for row in rows]


def _pair_expression(hub: list[str], others: list[list[str]]) -> str | None:
    """Pairs of a word from ``hub`` with a word from each of ``others``; None if too many, "" if none."""
    if sum(len(hub) * len(other) for other in others) > _MAX_PAIR_TERMS:
        return None
    groups: list[str] = []
    for other in others:
        options = [f'"{_pair_token(a, b)}"' for a in hub for b in other]
        if not options:
            return ""
        groups.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return groups[0] if len(groups) == 1 else "(" + " AND ".join(groups) + ")"


def pair_expressions(conn: Connection, query: str, types: Iterable[str] | None = None) -> list[str | None]:
    """For each of :func:`match_expressions`, one on ``search_pairs`` matching the same records among those
    indexed with pairs ("" if none can match), or None where the pairs cannot answer (search the old way)."""
    expressions = match_expressions(query, types)
    words = _pair_words_of_query(query) if expressions else None
    type_filter = _type_filter(types, column="")
    if words is None or type_filter is None:
        return [None] * len(expressions)
    # Exact: the last word (often the rarest, a given name) paired with each other word.
    exact = _pair_expression([words[-1]], [[w] for w in words[:-1]])
    found: list[str | None] = [exact]
    if len(expressions) > 1:
        prefix: str | None = None
        expanded = [_expansion(conn, w) for w in words]
        if all(e is not None for e in expanded):
            sets = [set(e or ()) for e in expanded]
            if all(not (a & b) for a, b in itertools.combinations(sets, 2)):
                hub = min(range(len(words)), key=lambda i: (len(sets[i]), -i))
                others = [sorted(s) for i, s in enumerate(sets) if i != hub]
                prefix = _pair_expression(sorted(sets[hub]), others)
        found.append(prefix)
    return [e if not e else type_filter + e for e in found]


def match_expressions(query: str, types: Iterable[str] | None = None) -> list[str]:
    """The FTS5 MATCH expressions for a user's query: every word exact, then every word a prefix.

    Every token is quoted, so FTS5 syntax in a query (quotes, ``*``, ``AND``, ``NEAR(``…) is
    only text. An empty list means there is nothing to search for.
    """
    if not isinstance(query, str):
        raise TypeError("a search query is a string")
    type_filter = _type_filter(types)
    if type_filter is None:
        return []
    variants = [v.split() for v in _variants(fold(query))]
    expressions: list[str] = []
    for prefix in (False, True):
        options = list(dict.fromkeys(e for e in (_and(v, prefix) for v in variants) if e is not None))
        if not options:
            return []
        body = options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"
        expression = type_filter + "body : " + body
        if expression not in expressions:
            expressions.append(expression)
    return expressions


def match_expression(query: str, types: Iterable[str] | None = None) -> str | None:
    """The loosest MATCH expression (every word a prefix) for ``query``; None if there is nothing to find."""
    expressions = match_expressions(query, types)
    return expressions[-1] if expressions else None


def _matching_docs(conn: Connection, expression: str, pair_expression: str | None, limit: int) -> list[int]:
    """The first ``limit`` docs matching ``expression``, from the pairs (and unpaired records) if it can."""
    sql = "SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid LIMIT ?"
    if pair_expression is None:
        return [doc for (doc,) in conn.execute(sql.format(table="search_fts"), (expression, limit))]
    docs = [
        doc
        for (doc,) in conn.execute(
            sql.format(table="search_fts"), (f'"rtype" : "{_NO_PAIRS}" AND {expression}', limit)
        )
    ]
    if pair_expression:
        docs.extend(
            doc for (doc,) in conn.execute(sql.format(table="search_pairs"), (pair_expression, limit))
        )
        docs.sort()
    return docs[:limit]


def search_hits(
    conn: Connection, query: str, *, limit: int = 50, types: Iterable[str] | None = None
) -> list[SearchHit]:
    """Records matching every word of ``query`` as a prefix, with their types, best first.

    Ranking: records matching every word exactly first, then those matching as prefixes; within each, the
    most recently (first) indexed first. (bm25 was tried: ranking all matches of a common name among a
    million records costs hundreds of milliseconds; a clerk's "newest first" is what the desk needs anyway.)
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"a search limit is between 1 and {MAX_LIMIT}")
    docs: dict[int, None] = {}
    expressions = match_expressions(query, types)
    pairs = pair_expressions(conn, query, types) if expressions else []
    for expression, pair_expression in zip(expressions, pairs, strict=True):
        if len(docs) >= limit:
            break
        for doc in _matching_docs(conn, expression, pair_expression, limit):
            docs.setdefault(doc)
    ranked = list(docs)[:limit]
    if not ranked:
        return []
    found: dict[int, SearchHit] = {}
    for offset in range(0, len(ranked), 500):
        batch = ranked[offset : offset + 500]
        marks = ",".join("?" * len(batch))
        for doc, record_type, record_id in conn.execute(
            f"SELECT doc, record_type, record_id FROM search_records WHERE doc IN ({marks})", batch
        ):
            found[doc] = SearchHit(record_type, record_id)
    return [found[doc] for doc in ranked if doc in found]


def search(conn: Connection, query: str, *, limit: int = 50, types: Iterable[str] | None = None) -> list[str]:
    """Ids of the records matching every word of ``query`` (each as a prefix), best first."""
    return [hit.record_id for hit in search_hits(conn, query, limit=limit, types=types)]


def count_matches(conn: Connection, query: str, *, types: Iterable[str] | None = None) -> int:
    """How many records match every word of ``query`` as a prefix: all of them, not just the first
    ``limit`` that :func:`search_hits` returns (one FTS5 count; call it off the UI thread)."""
    expression = match_expression(query, types)
    if expression is None:
        return 0
    sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
    (count,) = conn.execute(sql, (expression,)).fetchone()
    return int(count)
