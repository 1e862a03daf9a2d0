"""The throwaway PostgreSQL cluster the server tests run against really starts and stops."""

from __future__ import annotations

import psycopg

from tests.helpers.postgres_cluster import postgres_cluster


def test_cluster_starts_answers_and_is_removed() -> None:
    with postgres_cluster() as url:
        with psycopg.connect(url) as conn:
            assert conn.execute("select current_setting('server_version_num')::int").fetchone()[0] >= 150000
            conn.execute("create table t (x int)")
    try:
        psycopg.connect(url, connect_timeout=2).close()
    except psycopg.OperationalError:
        pass
    else:
        raise AssertionError("the cluster is still running after the context ended")
