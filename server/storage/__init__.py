"""The server's storage: the ``ServerStorage`` interface and its SQLite and PostgreSQL backends."""

from __future__ import annotations

from server.config import ServerConfig
from server.storage.interface import BlockChooser, ServerStorage
from server.storage.records import (
    Account,
    AppliedMigration,
    Commune,
    Device,
    EnrolmentCode,
    Province,
    Role,
    SequenceBlock,
    Session,
)

__all__ = [
    "Account",
    "AppliedMigration",
    "BlockChooser",
    "Commune",
    "Device",
    "EnrolmentCode",
    "Province",
    "Role",
    "SequenceBlock",
    "ServerStorage",
    "Session",
    "open_storage",
]


def open_storage(config: ServerConfig, *, process_name: str = "motcua-server") -> ServerStorage:
    """Open the database the configuration names (not yet migrated: call ``migrate()``); ``process_name``
    names this process's PostgreSQL connections (e.g. one worker of several)."""
    if config.uses_postgres:
        from server.storage.postgres_storage import PostgresStorage

        return PostgresStorage(
            config.database,
            pool_size=config.postgres_pool_size,
            pool_timeout=config.postgres_pool_timeout,
            application_name=process_name,
        )
    from server.storage.sqlite_storage import SqliteStorage

    return SqliteStorage(config.sqlite_path)
