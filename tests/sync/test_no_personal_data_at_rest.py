"""A stolen desk PC: after real use, no personal data is readable in any file of the store's folder."""

from __future__ import annotations

import io
import itertools
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sync.attachments import AttachmentStore
from sync.keyfile import KdfParams
from sync.keys import create_key_file, generate_recovery_keypair, load_recovery_public_key, unlock
from sync.log_redaction import configure_logging, redact_values, reset_logging
from sync.search_index import index_record, search
from sync.store import Store, StorePaths

NAME = "Nguyễn Thị Hồng Nhung"
ID_NUMBER = "001190123456"
PHONE = "0912345678"
ADDRESS = "Số 17 ngõ Hàng Bạc, phường Hoàn Kiếm"
CLERK_FULL_NAME = "Lê Văn Thư Ký"
SECRETS = [NAME, ID_NUMBER, PHONE, ADDRESS, CLERK_FULL_NAME, "Hồng Nhung", "Hang Bac", "hong nhung"]
CHEAP_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)


def forms(text: str) -> list[bytes]:
    """The byte forms a string could be found in: UTF-8 (composed and as typed), UTF-16, folded ASCII."""
    import unicodedata

    from sync.folding import fold

    variants = {text, unicodedata.normalize("NFD", text), fold(text), text.upper()}
    return [v.encode(enc) for v in variants for enc in ("utf-8", "utf-16-le")]


def test_nothing_personal_is_in_clear_anywhere_in_the_store_folder(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    paths = StorePaths(folder)
    folder.mkdir()
    ticks = itertools.count()
    now = lambda: datetime(2026, 11, 29, 9, tzinfo=UTC).replace(second=next(ticks) % 60)  # noqa: E731
    recovery = generate_recovery_keypair()
    key = create_key_file(
        paths.key_file,
        login="thuky1",
        passphrase="mật khẩu rất dài 2026",
        recovery_public_key=load_recovery_public_key(recovery.public_pem),
        kdf=CHEAP_KDF,
    )
    log_dir = folder / "logs"
    configure_logging(log_dir)
    try:
        redact_values(CLERK_FULL_NAME)
        store = Store.open(folder, key, now=now, new_id=lambda: str(uuid.uuid4()), create=True)
        record = {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE, "address": ADDRESS}
        for n in range(50):
            store.put_record("dossier", f"d-{n}", {**record, "n": n}).result()

        def index(conn) -> None:
            for n in range(50):
                index_record(conn, "dossier", f"d-{n}", [NAME, ID_NUMBER, PHONE])

        store.write(index).result()
        with store.reader() as conn:
            assert len(search(conn, "hong nhung")) == 50
        scan = f"Tờ khai của {NAME}, CCCD {ID_NUMBER}, ĐT {PHONE}, {ADDRESS}\n".encode() * 2000

        def attach(conn):
            return AttachmentStore(conn, paths.attachments, now=now).add_stream(
                io.BytesIO(scan), "text/plain"
            )

        store.write(attach).result()
        log = logging.getLogger("motcua.desk")
        log.info("saved dossier for %s (ID %s, phone %s) at %s", NAME, ID_NUMBER, PHONE, ADDRESS)
        log.warning("clerk %s signed in", CLERK_FULL_NAME)
        try:
            raise ValueError(f"bad phone {PHONE} for {NAME}")
        except ValueError:
            log.exception("could not save")
        # a wrong passphrase attempt writes the backoff side file: it must hold nothing personal either
        try:
            unlock(paths.key_file, "thuky1", "sai mật khẩu")
        except Exception:
            pass
        store.close()
    finally:
        logging.shutdown()
        reset_logging()

    files = [path for path in folder.rglob("*") if path.is_file()]
    names = {path.name for path in files}
    assert paths.database.name in names and paths.key_file.name in names
    assert any(path.parent == log_dir for path in files), "the log file was written"
    assert any(paths.attachments in path.parents for path in files), "the attachment was written"
    leaks = [
        (path.relative_to(folder), secret)
        for path in files
        for secret in SECRETS
        for needle in forms(secret)
        if needle in path.read_bytes()
    ]
    assert leaks == []
    assert "saved dossier" in (log_dir / next(p.name for p in files if p.parent == log_dir)).read_text()
