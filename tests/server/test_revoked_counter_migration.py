"""Migration 8 on SQLite and PostgreSQL: a workstation revoked before it gets the highest counter of its
events the server then holds (applied, waiting or quarantined), so the counter rule covers it too; an active
one gets none."""

from __future__ import annotations

from server.communes import load_communes
from server.storage.interface import ServerStorage
from tests.server.conftest import PROVINCE, START


def test_workstations_revoked_before_migration_9_get_the_counter_held_then(
    bare_storage: ServerStorage,
) -> None:
    every = bare_storage.migrations  # type: ignore[attr-defined]
    assert every[8].number == 9
    bare_storage.migrations = every[:8]  # type: ignore[attr-defined]  # a server from before migration 9
    bare_storage.migrate(START)
    load_communes(bare_storage, PROVINCE)
    at = bare_storage.time_in(START)
    with bare_storage.transaction() as tx:
        commune = str(tx.query("SELECT code FROM communes ORDER BY code LIMIT 1")[0][0])
        for device, revoked in (("gone", at), ("busy", None), ("quiet", at)):
            tx.run(
                "INSERT INTO devices (id, commune_code, replica_id, label, signing_key, exchange_key,"
                " secret_hash, enrolled_at, revoked_at) VALUES (?, ?, ?, 'Bàn', 'k', 'k', 'h', ?, ?)",
                (device, commune, f"r-{device}", at, revoked),
            )
        for replica, counter, applied in (("r-gone", 1, 1), ("r-gone", 4, 0), ("r-busy", 9, 1)):
            tx.run(
                "INSERT INTO sync_events (replica_id, counter, record_type, record_id, scope, side, applied,"
                " body, received_at) VALUES (?, ?, 'dossier', 'd', ?, 'desk', ?, '{}', ?)",
                (replica, counter, commune, applied, at),
            )
        tx.run(
            "INSERT INTO sync_quarantine (replica_id, counter, scope, record_type, reason, size, body,"
            " received_at, quarantined_at)"
            " VALUES ('r-gone', 7, ?, 'dossier', 'waited_too_long', 2, '{}', ?, ?)",
            (commune, at, at),
        )
    del bare_storage.migrations  # type: ignore[attr-defined]
    assert bare_storage.migrate(START) == [9]
    counters = {d: bare_storage.get_device(d).revoked_counter for d in ("gone", "busy", "quiet")}  # type: ignore[union-attr]
    assert counters == {"gone": 7, "busy": None, "quiet": 0}
