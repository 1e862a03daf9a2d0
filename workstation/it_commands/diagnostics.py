"""``motcua diagnostics OUT.zip``: what IT support needs to understand a problem, and no personal data.

The bundle holds versions and build metadata, the plain settings (paths with the home folder as ``~``), the
site settings (commune, agency, hours: public facts), the store's schema version and ``PRAGMA
integrity_check`` result, counts of the sync state (events, waiting events, records by type, conflicts), the
replica identity history (random ids) and the tail of the log, redacted again, this time also knowing the
names, ID numbers, phones, addresses and logins held in the store. Never a record's content, never a login.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from dossiers.dossier_record import APPLICANT_FIELDS
from sync.connection import Connection, DriverError, open_connection
from sync.errors import KeyFileError, StoreDamaged, StoreError, WrongPassphrase
from sync.keyfile import read_key_file
from sync.log_redaction import LOG_FILE_NAME, forget_values, redact, redact_values
from sync.migrations import schema_version
from sync.store import MISSING_DATABASE, check_database_file
from workstation.crash_log import CRASH_LOG_NAME
from workstation.it_commands.build_metadata import build_metadata, component_versions
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import obtain_data_key
from workstation.it_commands.workstation_paths import WorkstationPaths, shown_path
from workstation.settings import SettingsError, read_site_settings

LOG_TAIL_LINES = 500
MAX_LOG_READ_BYTES = 4_000_000
MAX_KNOWN_VALUES = 20_000
COUNTED_TABLES = (
    "records",
    "change_events",
    "waiting_events",
    "replica_vector",
    "record_states",
    "search_records",
    "attachments",
)
PERSONAL_RECORD_FIELDS = (
    *APPLICANT_FIELDS,
    "full_name",
    "login",
    "received_by",
    "received_by_name",
    "author",
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- what is read without the store's key -----------------------------------------------------------------


def versions_section() -> dict[str, Any]:
    return {"build": build_metadata().as_dict(), "components": component_versions()}


def settings_section(paths: WorkstationPaths) -> dict[str, Any]:
    local = paths.local
    return {
        "language": local.language,
        "font_points": local.font_points,
        "sync_interval_seconds": local.sync_interval_seconds,
        "data_dir_override": None if local.data_dir is None else shown_path(local.data_dir),
        "data_folder": shown_path(paths.data_dir),
        "store_folder": shown_path(paths.store_folder),
        "settings_file_present": paths.settings_file.is_file(),
    }


def files_section(paths: WorkstationPaths) -> dict[str, Any]:
    """Sizes of the store's files (bytes), the attachments' count and total, the key file's shape."""
    sizes = {
        path.name: path.stat().st_size
        for path in (*paths.store.database_files(), paths.key_file)
        if path.is_file()
    }
    attachments = (
        [p for p in paths.store.attachments.rglob("*") if p.is_file()]
        if paths.store.attachments.is_dir()
        else []
    )
    section: dict[str, Any] = {
        "sizes": sizes,
        "attachment_files": len(attachments),
        "attachment_bytes": sum(p.stat().st_size for p in attachments),
    }
    if paths.key_file.is_file():
        try:
            key_file = read_key_file(paths.key_file)
            section["key_file"] = {
                "clerk_accounts": len(key_file.clerks),
                "key_generation": key_file.generation,
                "rotation_pending": key_file.rotating,
            }
        except KeyFileError as exc:
            section["key_file"] = {"error": str(exc)}
    return section


def log_tail(log_dir: Path, lines: int = LOG_TAIL_LINES, *, file_name: str = LOG_FILE_NAME) -> list[str]:
    """The last ``lines`` lines of a log (and of the previous file when the current one is short)."""
    collected: list[str] = []
    for name in (file_name + ".1", file_name):
        path = log_dir / name
        if not path.is_file():
            continue
        with path.open("rb") as stream:
            size = stream.seek(0, 2)
            stream.seek(max(0, size - MAX_LOG_READ_BYTES))
            text = stream.read().decode("utf-8", errors="replace")
        collected.extend(text.splitlines())
    return collected[-lines:]


# --- what needs the store's key ---------------------------------------------------------------------------


def _count(conn: Connection, table: str) -> int | None:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if exists is None:
        return None
    (count,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # names from COUNTED_TABLES only
    return int(count)


def _by_type(conn: Connection, sql: str) -> dict[str, int]:
    try:
        return {str(kind): int(count) for kind, count in conn.execute(sql).fetchall()}
    except Exception:  # an older schema without the table: leave the section empty
        return {}


def _readable(read: Callable[[], Any]) -> Any:
    """``read()``, or what stopped it when the database is damaged (the driver's words name no data)."""
    try:
        return read()
    except DriverError as exc:
        return {"error": f"could not be read: {exc}"}


def _integrity(conn: Connection) -> list[str]:
    return [str(row[0]) for row in conn.execute("PRAGMA integrity_check(20)").fetchall()]


def _site(conn: Connection) -> dict[str, Any] | None:
    try:
        settings = read_site_settings(conn)
    except SettingsError as exc:
        return {"error": str(exc)}
    return None if settings is None else json.loads(settings.to_json())


def _identities(conn: Connection) -> list[dict[str, Any]]:
    return [
        {"replica_id": row[0], "assigned_at": row[1], "reason": row[2], "previous_id": row[3]}
        for row in conn.execute(
            "SELECT replica_id, assigned_at, reason, previous_id FROM replica ORDER BY seq"
        ).fetchall()
    ]


def store_section(conn: Connection) -> dict[str, Any]:
    """Schema version, integrity check, counts and the replica identities: no record content. On a damaged
    database each part holds what could be read, or the error that stopped it."""
    return {
        "schema_version": _readable(lambda: schema_version(conn)),
        "integrity_check": _readable(lambda: _integrity(conn)),
        "counts": {table: _readable(lambda table=table: _count(conn, table)) for table in COUNTED_TABLES},
        "records_by_type": _by_type(conn, "SELECT type, count(*) FROM records GROUP BY type"),
        "record_states_by_type": _by_type(
            conn, "SELECT record_type, count(*) FROM record_states GROUP BY record_type"
        ),
        "records_in_conflict_by_type": _by_type(
            conn,
            "SELECT record_type, count(*) FROM record_states WHERE has_conflicts = 1 GROUP BY record_type",
        ),
        "waiting_events_by_sender": _by_type(
            conn, "SELECT replica_id, count(*) FROM waiting_events GROUP BY replica_id"
        ),
        "version_vector": _by_type(conn, "SELECT replica_id, counter FROM replica_vector"),
        "replica_identities": _readable(lambda: _identities(conn)),
        "site_settings": _readable(lambda: _site(conn)),
    }


def read_store(paths: WorkstationPaths, data_key: bytes) -> tuple[dict[str, Any], list[str]]:
    """store.json's content and the personal values to redact from the logs. A damaged store gives what
    could be read and why the rest could not (``damaged``: the reason), and is never written to."""
    database = paths.database
    if not database.is_file():
        return {"damaged": "missing", "error": MISSING_DATABASE}, []
    try:
        check_database_file(database)
        conn = open_connection(database, data_key)
    except StoreDamaged as exc:
        return {"damaged": exc.reason, "error": str(exc)}, []
    except WrongPassphrase:  # the key file vouched for the key: it is the database's first page
        error = "the store's key is right but its database does not open (its first page is damaged)"
        return {"damaged": "unreadable", "error": error}, []
    try:
        conn.execute("PRAGMA query_only = ON")
        section = store_section(conn)
        if section["integrity_check"] != ["ok"]:
            section = {"damaged": "corrupt", **section}
        try:
            known = personal_values(conn, [clerk.login for clerk in read_key_file(paths.key_file).clerks])
        except DriverError:
            known = []
    finally:
        conn.close()
    return section, known


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def personal_values(conn: Connection, logins: Iterable[str]) -> list[str]:
    """The personal values held in the store (newest records first, bounded), to redact from the log tail."""
    found: list[str] = [login for login in logins]
    rows: list[tuple[str]] = []
    for sql in (
        "SELECT state FROM record_states ORDER BY rowid DESC LIMIT ?",
        "SELECT data FROM records ORDER BY updated_at DESC LIMIT ?",
    ):
        try:
            rows += conn.execute(sql, (MAX_KNOWN_VALUES,)).fetchall()
        except Exception:  # an older schema without the table
            continue
    for (text,) in rows:
        try:
            doc = json.loads(text)
        except ValueError:
            continue
        values = doc.get("values", doc) if isinstance(doc, dict) else {}
        if not isinstance(values, dict):
            continue
        for field in PERSONAL_RECORD_FIELDS:
            found.extend(_strings(values.get(field)))
        if len(found) >= MAX_KNOWN_VALUES:
            break
    return found[:MAX_KNOWN_VALUES]


# --- the bundle -------------------------------------------------------------------------------------------


def write_bundle(out: Path, sections: dict[str, str]) -> None:
    """Write the zip at ``out`` (via a temporary name, so a failed run leaves no half bundle)."""
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, text in sections.items():
                bundle.writestr(name, text)
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def run_diagnostics(
    paths: WorkstationPaths,
    out: Path | str,
    console: Console,
    *,
    use_store: bool,
    login: str | None,
    recovery_key: Path | str | None,
    now: Callable[[], datetime],
) -> int:
    """Write the bundle to ``out`` (a .zip); with ``use_store`` the store is opened to check and count it."""
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise CommandFailed("the diagnostics file's name must end in .zip")
    if out.exists():
        raise CommandFailed(f"{out} already exists; choose another name")
    if not out.parent.is_dir():
        raise CommandFailed(f"the folder {out.parent} does not exist")
    sections: dict[str, str] = {
        "versions.json": _json(versions_section()),
        "settings.json": _json(settings_section(paths)),
        "files.json": _json(files_section(paths)),
    }
    known: list[str] = []
    if use_store and paths.key_file.is_file():  # a key file without its database: a damaged store
        data_key = obtain_data_key(
            paths.key_file, paths.database, console, login=login, recovery_key=recovery_key, now=now
        )
        try:
            store, known = read_store(paths, data_key)
        except StoreError as exc:
            raise CommandFailed(f"the store cannot be opened: {exc}") from None
        sections["store.json"] = _json(store)
        if "damaged" in store:
            console.warn(
                f"The store is damaged ({store['damaged']}): store.json holds what could be read. "
                "Restore the latest good backup with 'motcua restore BACKUP --force'."
            )
    else:
        reason = "no store on this workstation" if not paths.has_store() else "not opened (--no-store)"
        sections["store.json"] = _json({"store": reason})
    try:
        redact_values(*known)
        tail = [redact(line) for line in log_tail(paths.log_dir)]
        crash_tail = [redact(line) for line in log_tail(paths.log_dir, file_name=CRASH_LOG_NAME)]
    finally:
        forget_values(*known)
    sections["log-tail.txt"] = "\n".join(tail) + ("\n" if tail else "")
    sections["crash-log-tail.txt"] = "\n".join(crash_tail) + ("\n" if crash_tail else "")
    sections["README.txt"] = (
        f"motcua diagnostics, collected {now().isoformat()}.\n"
        "versions.json: program, build and component versions. settings.json: plain settings (no personal "
        "data). files.json: sizes of the store's files. store.json: schema version, integrity check, counts "
        "of the sync state, replica ids, site settings; for a damaged store, 'damaged' (why) and what could "
        "be read. log-tail.txt: the end of the log, redacted. "
        "crash-log-tail.txt: the end of the crash log (uncaught errors, the stacks of a fatal crash), "
        "redacted.\n"
        "It holds no names, ID numbers, phone numbers, addresses or logins.\n"
    )
    write_bundle(out, sections)
    console.say(f"Diagnostics written to {out} ({len(sections)} files). It holds no personal data.")
    return EXIT_OK
