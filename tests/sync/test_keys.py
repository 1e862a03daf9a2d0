"""Key operations on real key files and real SQLCipher databases."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import textwrap
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.connection import open_connection
from sync.errors import (
    ClerkExists,
    ClerkSlotError,
    KeyFileError,
    LastClerk,
    RecoveryKeyError,
    StoreError,
    StoreLocked,
    UnknownClerk,
    WeakPassphrase,
    WrongPassphrase,
)
from sync.keyfile import KdfParams, read_key_file
from sync.keys import (
    DEFAULT_KDF,
    ClerkInfo,
    add_clerk,
    begin_rotation,
    change_passphrase,
    create_key_file,
    finish_rotation,
    generate_recovery_keypair,
    key_path_for,
    list_clerks,
    load_recovery_private_key,
    load_recovery_public_key,
    recover,
    recovery_fingerprint,
    rekey_database,
    remove_clerk,
    reset_passphrase,
    rotate_data_key,
    store_id_of,
    unlock,
)
from sync.unlock_backoff import UnlockBackoff

CHEAP = KdfParams(memory_kib=8, iterations=1, lanes=1)
PASS_A = "ngựa vằn 2025"
PASS_B = "correct horse battery"
FULL_NAME = "Nguyễn Thị Lan"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def province() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "motcua.key"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "motcua.db"


@pytest.fixture
def data_key(key_path: Path, province: X25519PrivateKey) -> bytes:
    return create_key_file(
        key_path, login="lan.nt", passphrase=PASS_A, recovery_public_key=province.public_key(), kdf=CHEAP
    )


def _fill_database(db_path: Path, key: bytes, rows: int = 500) -> list[tuple[Any, ...]]:
    conn = open_connection(db_path, key)
    try:
        conn.execute("CREATE TABLE dossier (id INTEGER PRIMARY KEY, code TEXT, body BLOB)")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO dossier (code, body) VALUES (?, ?)",
            [(f"H{i:05}", bytes([i % 256]) * 300) for i in range(rows)],
        )
        conn.execute("COMMIT")
        return conn.execute("SELECT * FROM dossier ORDER BY id").fetchall()
    finally:
        conn.close()


def _rows(db_path: Path, key: bytes) -> list[tuple[Any, ...]]:
    conn = open_connection(db_path, key)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        return conn.execute("SELECT * FROM dossier ORDER BY id").fetchall()
    finally:
        conn.close()


def _folder_snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- create and unlock -------------------------------------------------------------------------------


def test_create_then_unlock_gives_the_same_key(key_path: Path, data_key: bytes) -> None:
    assert len(data_key) == 32
    assert unlock(key_path, "lan.nt", PASS_A) == data_key
    assert list_clerks(key_path)[0].login == "lan.nt"


def test_the_data_key_opens_a_real_database(key_path: Path, db_path: Path, data_key: bytes) -> None:
    rows = _fill_database(db_path, data_key)
    assert _rows(db_path, unlock(key_path, "lan.nt", PASS_A)) == rows


def test_each_store_gets_its_own_random_key(tmp_path: Path, province: X25519PrivateKey) -> None:
    keys = {
        create_key_file(
            tmp_path / f"{i}.key",
            login="a",
            passphrase=PASS_A,
            recovery_public_key=province.public_key(),
            kdf=CHEAP,
        )
        for i in range(3)
    }
    assert len(keys) == 3
    assert len({store_id_of(tmp_path / f"{i}.key") for i in range(3)}) == 3


def test_create_refuses_to_overwrite(key_path: Path, data_key: bytes, province: X25519PrivateKey) -> None:
    before = key_path.read_bytes()
    with pytest.raises(KeyFileError, match="already exists"):
        create_key_file(
            key_path, login="x", passphrase=PASS_B, recovery_public_key=province.public_key(), kdf=CHEAP
        )
    assert key_path.read_bytes() == before


def test_create_with_given_ids(key_path: Path, province: X25519PrivateKey) -> None:
    create_key_file(
        key_path,
        login="lan.nt",
        passphrase=PASS_A,
        recovery_public_key=province.public_key(),
        clerk_id="clerk-0001",
        store_id="store-abc",
        kdf=CHEAP,
    )
    assert list_clerks(key_path) == (ClerkInfo("clerk-0001", "lan.nt"),)
    assert store_id_of(key_path) == "store-abc"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"passphrase": "short"}, WeakPassphrase),
        ({"login": "  "}, ClerkSlotError),
        ({"login": "a\x00b"}, ClerkSlotError),
        ({"clerk_id": ""}, ClerkSlotError),
        ({"clerk_id": "mã"}, ClerkSlotError),
        ({"store_id": " s"}, ClerkSlotError),
        ({"recovery_public_key": Ed25519PrivateKey.generate().public_key()}, RecoveryKeyError),
    ],
)
def test_create_refuses_bad_input(
    key_path: Path, province: X25519PrivateKey, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    args: dict[str, Any] = {
        "login": "lan.nt",
        "passphrase": PASS_A,
        "recovery_public_key": province.public_key(),
        "kdf": CHEAP,
    } | kwargs
    with pytest.raises(error):
        create_key_file(key_path, **args)
    assert not key_path.exists()


def test_wrong_passphrase_changes_nothing(key_path: Path, db_path: Path, data_key: bytes) -> None:
    _fill_database(db_path, data_key)
    before = _folder_snapshot(key_path.parent)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_B, database=db_path)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_A.upper())
    assert _folder_snapshot(key_path.parent) == before


@pytest.mark.parametrize("login", ["someone", "", "lan.nt\x00", "x" * 500])
def test_unknown_login_reads_as_wrong_passphrase(key_path: Path, data_key: bytes, login: str) -> None:
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase) as info:
        unlock(key_path, login, PASS_A)
    assert str(info.value) == "wrong login or passphrase"
    assert key_path.read_bytes() == before


def test_login_ignores_case_spaces_and_unicode_form(key_path: Path, province: X25519PrivateKey) -> None:
    key = create_key_file(
        key_path, login="Lan.Nguyễn", passphrase=PASS_A, recovery_public_key=province.public_key(), kdf=CHEAP
    )
    assert unlock(key_path, " lan.nguyễn ", PASS_A) == key
    assert unlock(key_path, unicodedata.normalize("NFD", "LAN.NGUYỄN"), PASS_A) == key
    # The passphrase is NFC-normalized too (an NFD keyboard must not lock a clerk out).
    assert unlock(key_path, "lan.nguyễn", unicodedata.normalize("NFD", PASS_A)) == key


def test_unlock_of_a_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="missing"):
        unlock(tmp_path / "motcua.key", "lan.nt", PASS_A)


def test_default_argon2_parameters(key_path: Path, province: X25519PrivateKey) -> None:
    key = create_key_file(
        key_path, login="lan.nt", passphrase=PASS_A, recovery_public_key=province.public_key()
    )
    assert read_key_file(key_path).clerks[0].kdf == DEFAULT_KDF == KdfParams(65536, 2, 2)
    assert unlock(key_path, "lan.nt", PASS_A) == key


def test_key_path_is_beside_the_database(tmp_path: Path) -> None:
    assert key_path_for(tmp_path / "motcua.db") == tmp_path / "motcua.key"
    assert key_path_for("store") == Path("store.key")


# --- no secrets or personal data in clear ------------------------------------------------------------


def test_no_secret_or_full_name_in_clear(key_path: Path, db_path: Path, data_key: bytes) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    conn = open_connection(db_path, data_key)
    conn.execute("CREATE TABLE person (full_name TEXT)")
    conn.execute("INSERT INTO person VALUES (?)", (FULL_NAME,))
    conn.close()
    needles = [
        FULL_NAME.encode(),
        FULL_NAME.encode("utf-16-le"),
        b"Nguyen Thi Lan",
        PASS_A.encode(),
        PASS_B.encode(),
        data_key,
        data_key.hex().encode(),
        base64.b64encode(data_key),
    ]
    for name, content in _folder_snapshot(key_path.parent).items():
        for needle in needles:
            assert needle not in content, name


# --- clerks ------------------------------------------------------------------------------------------


def test_two_clerks_unlock_the_same_key(key_path: Path, data_key: bytes) -> None:
    clerk_id = add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    assert unlock(key_path, "binh.tv", PASS_B) == data_key
    assert unlock(key_path, "lan.nt", PASS_A) == data_key
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "binh.tv", PASS_A)  # one clerk's passphrase does not open the other's slot
    assert [c.login for c in list_clerks(key_path)] == ["lan.nt", "binh.tv"]
    assert list_clerks(key_path)[1].clerk_id == clerk_id


def test_add_clerk_needs_the_current_data_key(key_path: Path, data_key: bytes) -> None:
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        add_clerk(key_path, bytes(32), login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    with pytest.raises(StoreError):
        add_clerk(key_path, data_key[:16], login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    assert key_path.read_bytes() == before


def test_add_clerk_refuses_duplicates_and_bad_input(key_path: Path, data_key: bytes) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, clerk_id="c-2", kdf=CHEAP)
    before = key_path.read_bytes()
    with pytest.raises(ClerkExists):
        add_clerk(key_path, data_key, login="BINH.TV", passphrase=PASS_B, kdf=CHEAP)
    with pytest.raises(ClerkExists):
        add_clerk(key_path, data_key, login="other", passphrase=PASS_B, clerk_id="c-2", kdf=CHEAP)
    with pytest.raises(WeakPassphrase):
        add_clerk(key_path, data_key, login="other", passphrase="1234567", kdf=CHEAP)
    with pytest.raises(ClerkSlotError):
        add_clerk(key_path, data_key, login="", passphrase=PASS_B, kdf=CHEAP)
    assert key_path.read_bytes() == before


def test_change_passphrase(key_path: Path, data_key: bytes) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    before = read_key_file(key_path)
    change_passphrase(key_path, "lan.nt", PASS_A, "a brand new phrase", kdf=CHEAP)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_A)
    assert unlock(key_path, "lan.nt", "a brand new phrase") == data_key
    assert unlock(key_path, "binh.tv", PASS_B) == data_key
    after = read_key_file(key_path)
    # Re-wrap only: the data-key wraps and the other clerk are untouched, the salt is new.
    assert after.clerks[0].data_key == before.clerks[0].data_key
    assert after.clerks[0].salt != before.clerks[0].salt
    assert after.clerks[1] == before.clerks[1]
    assert after.recovery == before.recovery


def test_change_passphrase_with_wrong_old_one_changes_nothing(key_path: Path, data_key: bytes) -> None:
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(key_path, "lan.nt", PASS_B, "a brand new phrase", kdf=CHEAP)
    with pytest.raises(WrongPassphrase):
        change_passphrase(key_path, "nobody", PASS_A, "a brand new phrase", kdf=CHEAP)
    with pytest.raises(WeakPassphrase):
        change_passphrase(key_path, "lan.nt", PASS_A, "short", kdf=CHEAP)
    assert key_path.read_bytes() == before


def test_remove_clerk(key_path: Path, data_key: bytes) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    remove_clerk(key_path, data_key, "BINH.TV")
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "binh.tv", PASS_B)
    assert unlock(key_path, "lan.nt", PASS_A) == data_key
    assert [c.login for c in list_clerks(key_path)] == ["lan.nt"]


def test_remove_clerk_refusals(key_path: Path, data_key: bytes) -> None:
    before = key_path.read_bytes()
    with pytest.raises(LastClerk):
        remove_clerk(key_path, data_key, "lan.nt")
    with pytest.raises(UnknownClerk):
        remove_clerk(key_path, data_key, "nobody")
    with pytest.raises(WrongPassphrase):
        remove_clerk(key_path, bytes(32), "lan.nt")
    assert key_path.read_bytes() == before
    assert unlock(key_path, "lan.nt", PASS_A) == data_key


# --- recovery ----------------------------------------------------------------------------------------


def test_recover_with_the_province_key_then_set_a_new_passphrase(
    key_path: Path, data_key: bytes, province: X25519PrivateKey
) -> None:
    assert recover(key_path, province) == data_key
    reset_passphrase(key_path, data_key, "lan.nt", "set by provincial IT", kdf=CHEAP)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_A)
    assert unlock(key_path, "lan.nt", "set by provincial IT") == data_key
    assert list_clerks(key_path)[0].login == "lan.nt"


def test_reset_passphrase_refusals(key_path: Path, data_key: bytes) -> None:
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        reset_passphrase(key_path, bytes(32), "lan.nt", PASS_B, kdf=CHEAP)
    with pytest.raises(UnknownClerk):
        reset_passphrase(key_path, data_key, "nobody", PASS_B, kdf=CHEAP)
    with pytest.raises(WeakPassphrase):
        reset_passphrase(key_path, data_key, "lan.nt", "", kdf=CHEAP)
    assert key_path.read_bytes() == before


def test_recover_with_another_key_fails(key_path: Path, data_key: bytes) -> None:
    with pytest.raises(WrongPassphrase):
        recover(key_path, X25519PrivateKey.generate())
    with pytest.raises(RecoveryKeyError):
        recover(key_path, Ed25519PrivateKey.generate())  # type: ignore[arg-type]


def test_recovery_keypair_pem_round_trip(key_path: Path) -> None:
    pair = generate_recovery_keypair()
    key = create_key_file(
        key_path,
        login="lan.nt",
        passphrase=PASS_A,
        recovery_public_key=load_recovery_public_key(pair.public_pem),
        kdf=CHEAP,
    )
    assert pair.private_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert read_key_file(key_path).recovery.fingerprint == pair.fingerprint
    assert recover(key_path, load_recovery_private_key(pair.private_pem)) == key


def test_recovery_keypair_with_password() -> None:
    pair = generate_recovery_keypair(b"province secret")
    assert b"ENCRYPTED" in pair.private_pem
    private = load_recovery_private_key(pair.private_pem, b"province secret")
    assert recovery_fingerprint(private.public_key()) == pair.fingerprint
    with pytest.raises(RecoveryKeyError):
        load_recovery_private_key(pair.private_pem, b"wrong")
    with pytest.raises(RecoveryKeyError):
        load_recovery_private_key(pair.private_pem)
    with pytest.raises(RecoveryKeyError):
        load_recovery_private_key(generate_recovery_keypair().private_pem, b"not needed")


def test_loading_keys_that_are_not_x25519_pem() -> None:
    ed = Ed25519PrivateKey.generate()
    ed_private = ed.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ed_public = ed.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for bad in [b"", b"garbage", b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", ed_public]:
        with pytest.raises(RecoveryKeyError):
            load_recovery_public_key(bad)
    for bad in [b"", b"garbage", ed_private, generate_recovery_keypair().public_pem]:
        with pytest.raises(RecoveryKeyError):
            load_recovery_private_key(bad)


# --- tampering ---------------------------------------------------------------------------------------


def _edit(key_path: Path, change: Any) -> None:
    doc = json.loads(key_path.read_text())
    change(doc)
    key_path.write_text(json.dumps(doc))


def test_swapped_logins_do_not_unlock(key_path: Path, data_key: bytes) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)

    def swap(doc: dict[str, Any]) -> None:
        a, b = doc["clerks"]
        a["login"], b["login"] = b["login"], a["login"]

    _edit(key_path, swap)
    for login, passphrase in [
        ("lan.nt", PASS_B),
        ("binh.tv", PASS_A),
        ("lan.nt", PASS_A),
        ("binh.tv", PASS_B),
    ]:
        with pytest.raises(WrongPassphrase):
            unlock(key_path, login, passphrase)


def test_swapped_data_key_wraps_are_detected(key_path: Path, data_key: bytes) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)

    def swap(doc: dict[str, Any]) -> None:
        a, b = doc["clerks"]
        a["data_key"], b["data_key"] = b["data_key"], a["data_key"]

    _edit(key_path, swap)
    with pytest.raises(KeyFileError):
        unlock(key_path, "lan.nt", PASS_A)


def test_weakened_kdf_parameters_do_not_unlock(key_path: Path, data_key: bytes) -> None:
    _edit(key_path, lambda doc: doc["clerks"][0]["kdf"].update(memory_kib=16))
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_A)


def test_edited_generation_or_store_id_is_detected(
    key_path: Path, data_key: bytes, province: X25519PrivateKey
) -> None:
    original = key_path.read_text()
    _edit(key_path, lambda doc: doc.update(generation=2))
    with pytest.raises(KeyFileError):
        unlock(key_path, "lan.nt", PASS_A)
    with pytest.raises(KeyFileError):
        recover(key_path, province)
    key_path.write_text(original)
    _edit(key_path, lambda doc: doc.update(store_id="another"))
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_A)  # the store id is bound into the sealed private key


def test_replaced_key_check_is_detected(key_path: Path, data_key: bytes) -> None:
    _edit(key_path, lambda doc: doc.update(key_check=base64.b64encode(bytes(16)).decode()))
    with pytest.raises(KeyFileError):
        unlock(key_path, "lan.nt", PASS_A)


def test_corrupt_and_unknown_version_key_files(
    key_path: Path, data_key: bytes, province: X25519PrivateKey
) -> None:
    original = key_path.read_bytes()
    key_path.write_bytes(original[: len(original) // 2])
    with pytest.raises(KeyFileError):
        unlock(key_path, "lan.nt", PASS_A)
    key_path.write_bytes(original)
    _edit(key_path, lambda doc: doc.update(version=2))
    with pytest.raises(KeyFileError, match="version"):
        unlock(key_path, "lan.nt", PASS_A)
    with pytest.raises(KeyFileError, match="version"):
        recover(key_path, province)


_B64_FIELDS = [
    ("clerks", 0, "public_key"),
    ("clerks", 0, "kdf", "salt"),
    ("clerks", 0, "private_key", "nonce"),
    ("clerks", 0, "private_key", "ciphertext"),
    ("clerks", 0, "data_key", "ephemeral_public"),
    ("clerks", 0, "data_key", "nonce"),
    ("clerks", 0, "data_key", "ciphertext"),
    ("key_check",),
]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    field=st.sampled_from(_B64_FIELDS),
    index=st.integers(min_value=0),
    flip=st.integers(min_value=1, max_value=255),
)
def test_any_flipped_bit_never_yields_a_wrong_key(
    tmp_path_factory: pytest.TempPathFactory,
    province: X25519PrivateKey,
    field: tuple[Any, ...],
    index: int,
    flip: int,
) -> None:
    key_path = tmp_path_factory.mktemp("flip") / "motcua.key"
    create_key_file(
        key_path, login="lan.nt", passphrase=PASS_A, recovery_public_key=province.public_key(), kdf=CHEAP
    )
    doc = json.loads(key_path.read_text())
    target = doc
    for part in field[:-1]:
        target = target[part]
    raw = bytearray(base64.b64decode(target[field[-1]]))
    raw[index % len(raw)] ^= flip
    target[field[-1]] = base64.b64encode(bytes(raw)).decode()
    key_path.write_text(json.dumps(doc))
    with pytest.raises((WrongPassphrase, KeyFileError)):
        unlock(key_path, "lan.nt", PASS_A)


# --- backoff -----------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def test_unlock_with_backoff(key_path: Path, data_key: bytes) -> None:
    clock = FakeClock()
    backoff = UnlockBackoff.beside(key_path, clock)
    key_before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_B, backoff=backoff)
    with pytest.raises(StoreLocked) as info:
        unlock(key_path, "lan.nt", PASS_A, backoff=backoff)  # even the right passphrase waits
    assert info.value.retry_after == pytest.approx(1.0)
    clock.advance(1)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "nobody", PASS_A, backoff=backoff)  # unknown logins count too
    clock.advance(1)
    with pytest.raises(StoreLocked):
        unlock(key_path, "lan.nt", PASS_A, backoff=backoff)
    clock.advance(1)
    assert unlock(key_path, "lan.nt", PASS_A, backoff=backoff) == data_key
    assert backoff.failures == 0
    assert key_path.read_bytes() == key_before


def test_change_passphrase_with_backoff(key_path: Path, data_key: bytes) -> None:
    clock = FakeClock()
    backoff = UnlockBackoff.beside(key_path, clock)
    with pytest.raises(WrongPassphrase):
        change_passphrase(key_path, "lan.nt", PASS_B, "new enough phrase", kdf=CHEAP, backoff=backoff)
    with pytest.raises(StoreLocked):
        change_passphrase(key_path, "lan.nt", PASS_A, "new enough phrase", kdf=CHEAP, backoff=backoff)
    clock.advance(1)
    change_passphrase(key_path, "lan.nt", PASS_A, "new enough phrase", kdf=CHEAP, backoff=backoff)
    assert backoff.failures == 0


# --- rotation ----------------------------------------------------------------------------------------


def test_rotation_when_a_clerk_leaves(
    key_path: Path, db_path: Path, data_key: bytes, province: X25519PrivateKey
) -> None:
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    add_clerk(key_path, data_key, login="chi.lt", passphrase="chi's own phrase", kdf=CHEAP)
    rows = _fill_database(db_path, data_key)
    remove_clerk(key_path, data_key, "binh.tv")
    new_key = rotate_data_key(key_path, db_path, data_key)

    assert new_key != data_key and len(new_key) == 32
    with pytest.raises(WrongPassphrase):
        open_connection(db_path, data_key)  # the leaver's remembered key no longer opens the data
    assert _rows(db_path, new_key) == rows
    # Every remaining slot was re-wrapped without knowing the other clerks' passphrases.
    assert unlock(key_path, "lan.nt", PASS_A) == new_key
    assert unlock(key_path, "chi.lt", "chi's own phrase") == new_key
    assert recover(key_path, province) == new_key
    kf = read_key_file(key_path)
    assert kf.generation == 2 and not kf.rotating
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "binh.tv", PASS_B)
    assert sorted(p.name for p in key_path.parent.iterdir()) == ["motcua.db", "motcua.key"]


def test_rotation_twice(key_path: Path, db_path: Path, data_key: bytes) -> None:
    rows = _fill_database(db_path, data_key, rows=50)
    second = rotate_data_key(key_path, db_path, data_key)
    third = rotate_data_key(key_path, db_path, second)
    assert read_key_file(key_path).generation == 3
    assert unlock(key_path, "lan.nt", PASS_A) == third
    assert _rows(db_path, third) == rows


def test_rotation_refusals_write_nothing(
    key_path: Path, db_path: Path, tmp_path: Path, data_key: bytes
) -> None:
    _fill_database(db_path, data_key, rows=10)
    other_db = tmp_path / "other.db"
    _fill_database(other_db, bytes(range(32)), rows=10)
    before = _folder_snapshot(tmp_path)
    with pytest.raises(WrongPassphrase):
        rotate_data_key(key_path, db_path, bytes(32))  # not the store's key
    with pytest.raises(WrongPassphrase):
        rotate_data_key(key_path, other_db, data_key)  # the key does not open that database
    with pytest.raises(StoreError, match="missing"):
        rotate_data_key(key_path, tmp_path / "absent.db", data_key)
    assert _folder_snapshot(tmp_path) == before
    assert not (tmp_path / "absent.db").exists()


def test_rotation_of_a_database_with_unmerged_wal(key_path: Path, db_path: Path, data_key: bytes) -> None:
    """Rows still only in the WAL (a writer died without a checkpoint) survive the rekey."""
    rows = _fill_database(db_path, data_key, rows=20)
    _run_child(
        f"""
        conn = open_connection({str(db_path)!r}, bytes.fromhex({data_key.hex()!r}))
        conn.execute("BEGIN")
        rows = [("W%d" % i, b"w" * 300) for i in range(200)]
        conn.executemany("INSERT INTO dossier (code, body) VALUES (?, ?)", rows)
        conn.execute("COMMIT")
        os._exit(0)  # no close: no checkpoint
        """
    )
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    new_key = rotate_data_key(key_path, db_path, data_key)
    after = _rows(db_path, new_key)
    assert after[:20] == rows and len(after) == 220
    with pytest.raises(WrongPassphrase):
        open_connection(db_path, data_key)


def _run_child(code: str) -> None:
    prelude = (
        f"import os, sys\nsys.path.insert(0, {str(REPO)!r})\nfrom sync.connection import open_connection\n"
    )
    subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], check=True, timeout=120)


def test_crash_after_the_pending_key_file_resumes_the_rekey(
    key_path: Path, db_path: Path, data_key: bytes, province: X25519PrivateKey
) -> None:
    rows = _fill_database(db_path, data_key)
    new_key = begin_rotation(key_path, data_key)  # ... and the machine stops here
    assert read_key_file(key_path).rotating
    with pytest.raises(KeyFileError, match="database"):
        unlock(key_path, "lan.nt", PASS_A)  # needs the database to know which key is live
    with pytest.raises(WrongPassphrase):
        unlock(key_path, "lan.nt", PASS_B, database=db_path)
    assert read_key_file(key_path).rotating
    assert unlock(key_path, "lan.nt", PASS_A, database=db_path) == new_key
    assert not read_key_file(key_path).rotating
    assert _rows(db_path, new_key) == rows
    with pytest.raises(WrongPassphrase):
        open_connection(db_path, data_key)
    assert recover(key_path, province) == new_key


def test_crash_after_the_rekey_finalizes_the_key_file(
    key_path: Path, db_path: Path, data_key: bytes, province: X25519PrivateKey
) -> None:
    rows = _fill_database(db_path, data_key)
    new_key = begin_rotation(key_path, data_key)
    rekey_database(db_path, data_key, new_key)  # ... and the machine stops before finish_rotation
    assert recover(key_path, province, database=db_path) == new_key
    kf = read_key_file(key_path)
    assert not kf.rotating and kf.generation == 2
    assert unlock(key_path, "lan.nt", PASS_A) == new_key
    assert _rows(db_path, new_key) == rows


def test_crash_during_rekey_before_checkpoint(key_path: Path, db_path: Path, data_key: bytes) -> None:
    """The process dies right after PRAGMA rekey commits into the WAL, before any checkpoint."""
    rows = _fill_database(db_path, data_key)
    new_key = begin_rotation(key_path, data_key)
    _run_child(
        f"""
        conn = open_connection({str(db_path)!r}, bytes.fromhex({data_key.hex()!r}))
        conn.execute("PRAGMA rekey = \\"x'{new_key.hex()}'\\"").fetchall()
        os._exit(0)
        """
    )
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    assert unlock(key_path, "lan.nt", PASS_A, database=db_path) == new_key
    assert _rows(db_path, new_key) == rows
    with pytest.raises(WrongPassphrase):
        open_connection(db_path, data_key)


def test_pending_rotation_with_an_unrelated_database(key_path: Path, tmp_path: Path, data_key: bytes) -> None:
    begin_rotation(key_path, data_key)
    other = tmp_path / "other.db"
    _fill_database(other, bytes(range(32)), rows=5)
    with pytest.raises(KeyFileError, match="neither"):
        unlock(key_path, "lan.nt", PASS_A, database=other)
    with pytest.raises(StoreError, match="missing"):
        unlock(key_path, "lan.nt", PASS_A, database=tmp_path / "absent.db")
    assert read_key_file(key_path).rotating


def test_what_may_happen_while_a_rotation_is_pending(key_path: Path, db_path: Path, data_key: bytes) -> None:
    rows = _fill_database(db_path, data_key, rows=5)
    add_clerk(key_path, data_key, login="binh.tv", passphrase=PASS_B, kdf=CHEAP)
    begin_rotation(key_path, data_key)
    before = key_path.read_bytes()
    with pytest.raises(KeyFileError, match="pending"):
        add_clerk(key_path, data_key, login="chi.lt", passphrase=PASS_B, kdf=CHEAP)
    with pytest.raises(KeyFileError, match="pending"):
        reset_passphrase(key_path, data_key, "lan.nt", PASS_B, kdf=CHEAP)
    with pytest.raises(KeyFileError, match="pending"):
        begin_rotation(key_path, data_key)
    with pytest.raises(KeyFileError, match="pending"):
        rotate_data_key(key_path, db_path, data_key)
    assert key_path.read_bytes() == before
    # Re-sealing a passphrase and removing a clerk keep both keys consistent.
    change_passphrase(key_path, "lan.nt", PASS_A, "changed mid rotation", kdf=CHEAP)
    remove_clerk(key_path, data_key, "binh.tv")
    new_key = unlock(key_path, "lan.nt", "changed mid rotation", database=db_path)
    assert new_key != data_key
    assert _rows(db_path, new_key) == rows
    assert [c.login for c in list_clerks(key_path)] == ["lan.nt"]


def test_finish_rotation_refusals(key_path: Path, data_key: bytes) -> None:
    with pytest.raises(KeyFileError, match="no key rotation"):
        finish_rotation(key_path, data_key)
    begin_rotation(key_path, data_key)
    before = key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        finish_rotation(key_path, data_key)  # the old key is not the pending one
    assert key_path.read_bytes() == before


def test_rekey_database_refusals(db_path: Path, tmp_path: Path, data_key: bytes) -> None:
    rows = _fill_database(db_path, data_key, rows=5)
    with pytest.raises(WrongPassphrase):
        rekey_database(db_path, bytes(32), bytes(range(32)))
    with pytest.raises(StoreError):
        rekey_database(db_path, data_key, b"short")
    with pytest.raises(StoreError, match="missing"):
        rekey_database(tmp_path / "absent.db", data_key, bytes(range(32)))
    assert _rows(db_path, data_key) == rows
