"""The PostgreSQL storage's connection pool: connections the database dropped are replaced before a request
uses them; a connection lost inside a transaction, or none to be had, is ``DatabaseUnavailable`` (503), not a
refused statement; the readiness ping."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest

from server.errors import DatabaseUnavailable, StorageError
from server.storage.postgres_storage import PostgresStorage

NAME = "motcua-pool-test"


@pytest.fixture
def pool(postgres_database: str) -> Iterator[PostgresStorage]:
    storage = PostgresStorage(postgres_database, pool_size=3, pool_timeout=2, application_name=NAME)
    storage.migrate()
    yield storage
    storage.close()


def terminate_backends(url: str) -> int:
    """End every session of the pool from the database's side, as a restart or a failover does."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (NAME,)
        ).fetchall()
    return len(rows)


def busy(storage: PostgresStorage, count: int) -> None:
    """Make the pool hold ``count`` connections at once."""
    barrier = threading.Barrier(count)

    def hold() -> None:
        with storage.transaction() as tx:
            tx.query("SELECT 1")
            barrier.wait(10)

    threads = [threading.Thread(target=hold) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)


def test_connections_the_database_dropped_are_replaced_before_use(
    pool: PostgresStorage, postgres_database: str
) -> None:
    busy(pool, 3)
    assert terminate_backends(postgres_database) == 3
    for _ in range(6):  # each pooled connection is checked, found dead and replaced: no request fails
        assert pool.applied_migrations()
    pool.ping()


def test_a_connection_cut_inside_a_transaction_is_database_unavailable(
    pool: PostgresStorage, postgres_database: str
) -> None:
    with pytest.raises(DatabaseUnavailable) as caught, pool.transaction() as tx:
        tx.query("SELECT 1")
        terminate_backends(postgres_database)
        tx.query("SELECT 2")
    assert caught.value.status == 503 and caught.value.headers == {"Retry-After": "5"}
    assert pool.applied_migrations()  # the next one works


def test_a_refused_statement_stays_a_storage_error(pool: PostgresStorage) -> None:
    with pytest.raises(StorageError) as caught, pool.transaction() as tx:
        tx.query("SELECT no_such_column FROM schema_migrations")
    assert not isinstance(caught.value, DatabaseUnavailable) and caught.value.status == 500


def test_no_free_connection_within_the_timeout_is_database_unavailable(pool: PostgresStorage) -> None:
    held, release = threading.Event(), threading.Event()

    def hold(n: int) -> None:
        with pool.transaction():
            if n == 2:
                held.set()
            release.wait(20)

    threads = [threading.Thread(target=hold, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(DatabaseUnavailable, match="no database connection within 2 s"):
            pool.applied_migrations()
        with pytest.raises(DatabaseUnavailable):
            pool.ping(timeout=0.2)
    finally:
        release.set()
        for thread in threads:
            thread.join(20)
    pool.ping()


def test_a_wrong_url_fails_at_once_and_says_why() -> None:
    with pytest.raises(StorageError, match="cannot connect to PostgreSQL: OperationalError"):
        PostgresStorage("postgresql://nobody@127.0.0.1:1/none", connect_timeout=2)
