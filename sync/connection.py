"""Open an SQLCipher connection with a raw 256-bit key and the store's pragmas, checking the key at once."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from sync.errors import StoreDamaged, StoreError, WrongPassphrase

KEY_BYTES = 32
PAGE_BYTES = 4096  # SQLCipher 4's page size, which open_connection keeps
SQLITE_CORRUPT = 11  # "database disk image is malformed"; a wrong key gives SQLITE_NOTADB (26) instead

# Exceptions of the SQLCipher driver. They do not subclass the stdlib sqlite3 ones.
DriverError = sqlcipher3.Error
DriverDatabaseError = sqlcipher3.DatabaseError
Connection = sqlcipher3.Connection


def open_connection(path: Path | str, key: bytes, *, check_same_thread: bool = True) -> Connection:
    """Open (or create) the encrypted database at ``path`` with the raw ``key``.

    Raises :class:`WrongPassphrase` if the key does not open an existing database (nothing is written then),
    :class:`StoreDamaged` if it opens it but its first pages are damaged.
    The connection is in autocommit mode (``isolation_level=None``): use explicit ``BEGIN``/``COMMIT``.
    """
    if len(key) != KEY_BYTES:
        raise StoreError(f"a store key has {KEY_BYTES} bytes, not {len(key)}")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=check_same_thread)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            if is_corruption(exc):
                raise StoreDamaged("the store's database is damaged", reason="corrupt") from exc
            raise WrongPassphrase("the key does not open this store") from exc
        for pragma in (
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA secure_delete = ON",
            "PRAGMA foreign_keys = ON",
            "PRAGMA busy_timeout = 10000",
        ):
            conn.execute(pragma).fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


def is_corruption(exc: BaseException) -> bool:
    """Whether a driver error says the database's pages are damaged (SQLITE_CORRUPT)."""
    return (
        isinstance(exc, sqlcipher3.DatabaseError) and getattr(exc, "sqlite_errorcode", None) == SQLITE_CORRUPT
    )
