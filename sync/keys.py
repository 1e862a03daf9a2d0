"""The store's keys: create, unlock, add/remove clerks, change a passphrase, recover, rotate the data key.

A random 256-bit *data key* is the raw SQLCipher key. The key file (:mod:`sync.keyfile`) stores it only
wrapped:

- Each clerk has an X25519 key pair. The private half is sealed with AES-256-GCM under a key derived from the
  clerk's passphrase with Argon2id (parameters and salt stored per slot). The data key is wrapped to the
  clerk's public key (ephemeral-static X25519, HKDF-SHA256, AES-256-GCM). Unlocking costs one Argon2id.
  Why a key pair rather than wrapping the data key straight under the passphrase: a rotation (a clerk left)
  must re-wrap a *new* data key for every remaining clerk without knowing their passphrases; with a public
  key per clerk it can. Changing a passphrase re-seals only the clerk's private key.
- The province's recovery public key gets the same wrap, so provincial IT can recover the data key with its
  private key and then set a new passphrase for a clerk.
- Every AES-GCM call has the slot's metadata (store id, clerk id, login, public key, KDF parameters, key
  generation) as associated data, so slots cannot be swapped or edited without failing. A tampered clerk slot
  therefore reads as a wrong passphrase (the two cannot be told apart); other tampering is a KeyFileError.
- ``key_check`` (HMAC of the data key, 16 bytes) lets an operation check that the data key it is handed is
  the store's current one before wrapping it for someone.

Rotation order (crash-safe): (1) write the key file with the new key wrapped for every slot *beside* the old
one ("pending"); (2) ``PRAGMA rekey`` the database (one SQLite transaction, so the database is entirely under
the old key or entirely under the new one; works in WAL mode) and verify by reopening; (3) write the key file
with only the new key. A crash after (1) leaves both keys unlockable: the next :func:`unlock` (given the
database path) tries the new key, else the old one, finishes the rekey if needed and finalizes the file.

Every write of the key file is atomic. One process edits the key file at a time (a desk workstation);
close every other connection to the database before a rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import unicodedata
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.connection import KEY_BYTES, open_connection
from sync.errors import (
    ClerkExists,
    ClerkSlotError,
    KeyFileError,
    LastClerk,
    RecoveryKeyError,
    StoreError,
    UnknownClerk,
    WeakPassphrase,
    WrongPassphrase,
)
from sync.keyfile import (
    MAX_ID_CHARS,
    NONCE_BYTES,
    SALT_BYTES,
    ClerkSlot,
    KdfParams,
    KeyFile,
    RecoverySlot,
    Sealed,
    WrappedKey,
    fingerprint_of,
    normalize_login,
    read_key_file,
    write_key_file,
)
from sync.store import check_database_file
from sync.unlock_backoff import UnlockBackoff

# Argon2id: 64 MiB, 2 passes, 2 lanes. Measured ~0.12 s on the 2-core development machine (64 MiB with one
# pass: 0.11 s; 46 MiB/1 pass, OWASP's minimum: 0.08 s). RFC 9106's memory-constrained choice is 64 MiB/3/4.
DEFAULT_KDF = KdfParams(memory_kib=64 * 1024, iterations=2, lanes=2)
MIN_PASSPHRASE_CHARS = 8
DATA_KEY_BYTES = KEY_BYTES
_HKDF_INFO = b"motcua data key wrap v1"
_KEY_CHECK_LABEL = b"motcua key check v1\x00"
_RECOVERY = "recovery"


@dataclass(frozen=True)
class RecoveryKeyPair:
    """A province recovery key pair: PEM texts (PKCS#8 private, SubjectPublicKeyInfo public)."""

    private_pem: bytes
    public_pem: bytes
    fingerprint: str


@dataclass(frozen=True)
class ClerkInfo:
    """What the key file says about a clerk account: an opaque id and the login name."""

    clerk_id: str
    login: str


def key_path_for(database: Path | str) -> Path:
    """The key file beside ``database`` (``motcua.db`` → ``motcua.key``)."""
    return Path(database).with_suffix(".key")


# --- the province's recovery key ---------------------------------------------------------------------


def generate_recovery_keypair(password: bytes | None = None) -> RecoveryKeyPair:
    """A new X25519 recovery key pair for a province; the private PEM is encrypted with ``password``."""
    private = X25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    )
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return RecoveryKeyPair(private_pem, public_pem, recovery_fingerprint(private.public_key()))


def load_recovery_public_key(pem: bytes) -> X25519PublicKey:
    """Read a province recovery public key from PEM; raises :class:`RecoveryKeyError`."""
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise RecoveryKeyError("this is not a PEM public key") from exc
    if not isinstance(key, X25519PublicKey):
        raise RecoveryKeyError("a recovery public key must be an X25519 key")
    return key


def load_recovery_private_key(pem: bytes, password: bytes | None = None) -> X25519PrivateKey:
    """Read a province recovery private key from PEM; raises :class:`RecoveryKeyError`."""
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except TypeError as exc:
        raise RecoveryKeyError("the recovery private key needs its password (or has none)") from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise RecoveryKeyError("this is not a PEM private key, or the password is wrong") from exc
    if not isinstance(key, X25519PrivateKey):
        raise RecoveryKeyError("a recovery private key must be an X25519 key")
    return key


def recovery_fingerprint(public_key: X25519PublicKey) -> str:
    """SHA-256 of the raw public key, in hex (as stored in the key file's recovery slot)."""
    return fingerprint_of(_raw_public(public_key))


# --- reading -----------------------------------------------------------------------------------------


def list_clerks(key_path: Path | str) -> tuple[ClerkInfo, ...]:
    """The clerk accounts of the key file (for a login screen)."""
    return tuple(ClerkInfo(c.clerk_id, c.login) for c in read_key_file(key_path).clerks)


def store_id_of(key_path: Path | str) -> str:
    """The store id recorded in the key file."""
    return read_key_file(key_path).store_id


# --- operations --------------------------------------------------------------------------------------


def create_key_file(
    key_path: Path | str,
    *,
    login: str,
    passphrase: str,
    recovery_public_key: X25519PublicKey,
    clerk_id: str | None = None,
    store_id: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> bytes:
    """Make a new random data key, write the key file with its first clerk, and return the data key.

    Refuses to overwrite an existing key file (that would lose the keys of an existing store).
    """
    key_path = Path(key_path)
    if key_path.exists():
        raise KeyFileError("a key file already exists here")
    _check_new_passphrase(passphrase)
    store_id = _valid_id("store id", store_id)
    clerk_id = _valid_id("clerk id", clerk_id)
    login = _valid_login(login)
    data_key = os.urandom(DATA_KEY_BYTES)
    generation = 1
    if not isinstance(recovery_public_key, X25519PublicKey):
        raise RecoveryKeyError("a recovery public key must be an X25519 key")
    recovery_public = _raw_public(recovery_public_key)
    slot = _new_clerk_slot(store_id, generation, clerk_id, login, passphrase, kdf, data_key)
    recovery = RecoverySlot(
        public_key=recovery_public,
        data_key=_wrap(store_id, generation, _RECOVERY, recovery_public, data_key),
    )
    key_file = KeyFile(
        store_id=store_id,
        generation=generation,
        key_check=_key_check(store_id, data_key),
        clerks=(slot,),
        recovery=recovery,
    )
    write_key_file(key_path, key_file)
    return data_key


def _open_clerk_with_backoff(
    key_path: Path | str, login: str, passphrase: str, backoff: UnlockBackoff | None
) -> tuple[KeyFile, ClerkSlot, X25519PrivateKey]:
    """Open a clerk's slot; with ``backoff``, refuse attempts too soon and count failures and successes."""
    if backoff is not None:
        backoff.check()
    key_file = read_key_file(key_path)
    try:
        slot, private = _open_clerk(key_file, login, passphrase)
    except WrongPassphrase:
        if backoff is not None:
            backoff.record_failure()
        raise
    if backoff is not None:
        backoff.record_success()
    return key_file, slot, private


def unlock(
    key_path: Path | str,
    login: str,
    passphrase: str,
    *,
    database: Path | str | None = None,
    backoff: UnlockBackoff | None = None,
) -> bytes:
    """Return the data key for ``login`` and ``passphrase``.

    A wrong passphrase or unknown login raises :class:`WrongPassphrase` and writes nothing but the backoff
    counter. With ``backoff``, an attempt too soon raises ``StoreLocked``. If a rotation was interrupted,
    ``database`` is needed to finish it (the key file is then finalized and the new key returned).
    """
    key_file, slot, private = _open_clerk_with_backoff(key_path, login, passphrase, backoff)
    recipient = _clerk_recipient(slot.clerk_id)
    current = _unwrap_checked(key_file, key_file.generation, recipient, private, slot.data_key)
    if slot.next_data_key is None:
        return current
    upcoming = _unwrap_checked(key_file, key_file.generation + 1, recipient, private, slot.next_data_key)
    return _settle_rotation(Path(key_path), current, upcoming, database)


def recover(
    key_path: Path | str, recovery_private_key: X25519PrivateKey, *, database: Path | str | None = None
) -> bytes:
    """Return the data key using the province's recovery private key (for when every passphrase is lost).

    A key that is not this store's recovery key raises :class:`WrongPassphrase`. Then set a clerk's new
    passphrase with :func:`reset_passphrase` (or :func:`add_clerk`).
    """
    key_file = read_key_file(key_path)
    if not isinstance(recovery_private_key, X25519PrivateKey):
        raise RecoveryKeyError("a recovery private key must be an X25519 key")
    if recovery_fingerprint(recovery_private_key.public_key()) != key_file.recovery.fingerprint:
        raise WrongPassphrase("this recovery key does not belong to this store")
    slot = key_file.recovery
    current = _unwrap_checked(key_file, key_file.generation, _RECOVERY, recovery_private_key, slot.data_key)
    if slot.next_data_key is None:
        return current
    upcoming = _unwrap_checked(
        key_file, key_file.generation + 1, _RECOVERY, recovery_private_key, slot.next_data_key
    )
    return _settle_rotation(Path(key_path), current, upcoming, database)


def add_clerk(
    key_path: Path | str,
    data_key: bytes,
    *,
    login: str,
    passphrase: str,
    clerk_id: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> str:
    """Add a clerk account (needs the data key of an unlocked session); returns the new clerk id."""
    key_file = read_key_file(key_path)
    _require_current(key_file, data_key)
    _refuse_while_rotating(key_file)
    _check_new_passphrase(passphrase)
    login = _valid_login(login)
    clerk_id = _valid_id("clerk id", clerk_id)
    if key_file.find(login) is not None:
        raise ClerkExists("a clerk with this login already exists")
    if any(c.clerk_id == clerk_id for c in key_file.clerks):
        raise ClerkExists("a clerk with this id already exists")
    slot = _new_clerk_slot(key_file.store_id, key_file.generation, clerk_id, login, passphrase, kdf, data_key)
    write_key_file(key_path, replace(key_file, clerks=(*key_file.clerks, slot)))
    return clerk_id


def remove_clerk(key_path: Path | str, data_key: bytes, login: str) -> None:
    """Remove a clerk account (never the last one); follow with :func:`rotate_data_key` when one leaves."""
    key_file = read_key_file(key_path)
    _require_current(key_file, data_key)
    slot = _find(key_file, login)
    if len(key_file.clerks) == 1:
        raise LastClerk("the last clerk account cannot be removed")
    write_key_file(key_path, replace(key_file, clerks=tuple(c for c in key_file.clerks if c is not slot)))


def change_passphrase(
    key_path: Path | str,
    login: str,
    old_passphrase: str,
    new_passphrase: str,
    *,
    kdf: KdfParams = DEFAULT_KDF,
    backoff: UnlockBackoff | None = None,
) -> None:
    """Re-seal the clerk's private key under a new passphrase; the data key and the database are untouched.

    A wrong old passphrase raises :class:`WrongPassphrase` and writes nothing (but the backoff counter).
    """
    _check_new_passphrase(new_passphrase)
    key_file, slot, private = _open_clerk_with_backoff(key_path, login, old_passphrase, backoff)
    salt, sealed = _seal_private(key_file.store_id, slot.clerk_id, slot.login, private, new_passphrase, kdf)
    new_slot = replace(slot, kdf=kdf, salt=salt, private_key=sealed)
    _write_with_slot(key_path, key_file, slot, new_slot)


def reset_passphrase(
    key_path: Path | str, data_key: bytes, login: str, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """Give a clerk a new passphrase without the old one (after :func:`recover`, or by an unlocked session).

    The clerk gets a new key pair; the clerk id and login stay.
    """
    key_file = read_key_file(key_path)
    _require_current(key_file, data_key)
    _refuse_while_rotating(key_file)
    _check_new_passphrase(new_passphrase)
    slot = _find(key_file, login)
    new_slot = _new_clerk_slot(
        key_file.store_id, key_file.generation, slot.clerk_id, slot.login, new_passphrase, kdf, data_key
    )
    _write_with_slot(key_path, key_file, slot, new_slot)


def rotate_data_key(key_path: Path | str, database: Path | str, data_key: bytes) -> bytes:
    """Re-encrypt the database under a new random data key and re-wrap it for every slot; returns it.

    Runs :func:`begin_rotation`, :func:`rekey_database` and :func:`finish_rotation` in that order. Close
    every other connection to the database first. If this is interrupted, :func:`unlock` or :func:`recover`
    with the database path finishes it.
    """
    key_file = read_key_file(key_path)
    _require_current(key_file, data_key)
    _refuse_while_rotating(key_file)
    database = _existing(database)
    open_connection(database, data_key).close()  # the key opens this database: checked before any write
    new_key = begin_rotation(key_path, data_key)
    rekey_database(database, data_key, new_key)
    finish_rotation(key_path, new_key)
    return new_key


def begin_rotation(key_path: Path | str, data_key: bytes) -> bytes:
    """Step 1: write a new random data key, wrapped for every slot, beside the current one; return it."""
    key_file = read_key_file(key_path)
    _require_current(key_file, data_key)
    _refuse_while_rotating(key_file)
    new_key = os.urandom(DATA_KEY_BYTES)
    generation = key_file.generation + 1
    store_id = key_file.store_id
    clerks = tuple(
        replace(
            c, next_data_key=_wrap(store_id, generation, _clerk_recipient(c.clerk_id), c.public_key, new_key)
        )
        for c in key_file.clerks
    )
    recovery = replace(
        key_file.recovery,
        next_data_key=_wrap(store_id, generation, _RECOVERY, key_file.recovery.public_key, new_key),
    )
    pending = replace(
        key_file, clerks=clerks, recovery=recovery, next_key_check=_key_check(store_id, new_key)
    )
    write_key_file(key_path, pending)
    return new_key


def rekey_database(database: Path | str, old_key: bytes, new_key: bytes) -> None:
    """Step 2: ``PRAGMA rekey`` the database from ``old_key`` to ``new_key`` and verify by reopening.

    The rekey is one transaction (all pages or none), also in WAL mode; the WAL is checkpointed after, so
    the main file holds only new-key pages. Raises :class:`WrongPassphrase` if ``old_key`` does not open it.
    """
    database = _existing(database)
    if len(new_key) != DATA_KEY_BYTES:
        raise StoreError(f"a store key has {DATA_KEY_BYTES} bytes, not {len(new_key)}")
    conn = open_connection(database, old_key)
    try:
        conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"").fetchall()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
    conn = open_connection(database, new_key)
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.close()
    if result != [("ok",)]:
        raise StoreError("the database does not pass its check after the rekey")


def finish_rotation(key_path: Path | str, new_key: bytes) -> None:
    """Step 3: keep only the new data key in the key file (the database is already rekeyed)."""
    key_file = read_key_file(key_path)
    if key_file.next_key_check is None:
        raise KeyFileError("no key rotation is pending")
    if len(new_key) != DATA_KEY_BYTES or not hmac.compare_digest(
        key_file.next_key_check, _key_check(key_file.store_id, new_key)
    ):
        raise WrongPassphrase("this is not the pending data key of this store")
    final = KeyFile(
        store_id=key_file.store_id,
        generation=key_file.generation + 1,
        key_check=key_file.next_key_check,
        clerks=tuple(_promote(c) for c in key_file.clerks),
        recovery=RecoverySlot(key_file.recovery.public_key, _next(key_file.recovery.next_data_key)),
    )
    write_key_file(key_path, final)


# --- internals ---------------------------------------------------------------------------------------


def _settle_rotation(key_path: Path, current: bytes, upcoming: bytes, database: Path | str | None) -> bytes:
    """Finish an interrupted rotation: the database is under ``upcoming`` (rekeyed) or ``current``."""
    if database is None:
        raise KeyFileError("a key rotation was interrupted: unlock with the database path to finish it")
    database = _existing(database)
    check_database_file(database)  # an emptied file would open as a new database under either key
    try:
        open_connection(database, upcoming).close()
    except WrongPassphrase:
        try:
            rekey_database(database, current, upcoming)
        except WrongPassphrase as exc:
            raise KeyFileError("neither the current nor the pending key opens this database") from exc
    finish_rotation(key_path, upcoming)
    return upcoming


def _promote(slot: ClerkSlot) -> ClerkSlot:
    return replace(slot, data_key=_next(slot.next_data_key), next_data_key=None)


def _next(wrapped: WrappedKey | None) -> WrappedKey:
    if wrapped is None:  # KeyFile's own check makes this unreachable
        raise KeyFileError("the key file holds a half-written key rotation")
    return wrapped


def _existing(database: Path | str) -> Path:
    path = Path(database)
    if not path.is_file():
        raise StoreError("the database file is missing")
    return path


def _find(key_file: KeyFile, login: str) -> ClerkSlot:
    slot = key_file.find(_valid_login(login))
    if slot is None:
        raise UnknownClerk("no clerk with this login")
    return slot


def _write_with_slot(key_path: Path | str, key_file: KeyFile, old: ClerkSlot, new: ClerkSlot) -> None:
    clerks = tuple(new if c is old else c for c in key_file.clerks)
    write_key_file(key_path, replace(key_file, clerks=clerks))


def _refuse_while_rotating(key_file: KeyFile) -> None:
    if key_file.rotating:
        raise KeyFileError("a key rotation is pending: unlock with the database path to finish it first")


def _valid_login(login: str) -> str:
    try:
        return normalize_login(login)
    except KeyFileError as exc:
        raise ClerkSlotError(str(exc)) from exc


def _valid_id(what: str, value: str | None) -> str:
    """A caller's store or clerk id (or a new random one): 1 to 64 printable ASCII characters."""
    if value is None:
        return uuid.uuid4().hex
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_ID_CHARS or not value.isascii():
        raise ClerkSlotError(f"a {what} has 1 to {MAX_ID_CHARS} ASCII characters")
    if not value.isprintable() or value.strip() != value:
        raise ClerkSlotError(f"a {what} cannot hold spaces at its ends or unprintable characters")
    return value


def _check_new_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str):
        raise TypeError("a passphrase is text")
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphrase(f"a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters")


def _passphrase_bytes(passphrase: str) -> bytes:
    if not isinstance(passphrase, str):
        raise TypeError("a passphrase is text")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    return Argon2id(
        salt=salt, length=32, iterations=kdf.iterations, lanes=kdf.lanes, memory_cost=kdf.memory_kib
    ).derive(_passphrase_bytes(passphrase))


def _ad(**fields: object) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _private_ad(
    store_id: str, clerk_id: str, login: str, public_key: bytes, kdf: KdfParams, salt: bytes
) -> bytes:
    return _ad(
        purpose="clerk private key",
        store_id=store_id,
        clerk_id=clerk_id,
        login=login,
        public_key=public_key.hex(),
        kdf=[kdf.memory_kib, kdf.iterations, kdf.lanes],
        salt=salt.hex(),
    )


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _seal_private(
    store_id: str, clerk_id: str, login: str, private: X25519PrivateKey, passphrase: str, kdf: KdfParams
) -> tuple[bytes, Sealed]:
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    public = _raw_public(private.public_key())
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    ad = _private_ad(store_id, clerk_id, login, public, kdf, salt)
    return salt, Sealed(nonce, AESGCM(_derive(passphrase, salt, kdf)).encrypt(nonce, raw, ad))


def _new_clerk_slot(
    store_id: str,
    generation: int,
    clerk_id: str,
    login: str,
    passphrase: str,
    kdf: KdfParams,
    data_key: bytes,
) -> ClerkSlot:
    private = X25519PrivateKey.generate()
    public = _raw_public(private.public_key())
    salt, sealed = _seal_private(store_id, clerk_id, login, private, passphrase, kdf)
    wrapped = _wrap(store_id, generation, _clerk_recipient(clerk_id), public, data_key)
    return ClerkSlot(clerk_id, login, public, kdf, salt, sealed, wrapped)


def _open_clerk(key_file: KeyFile, login: str, passphrase: str) -> tuple[ClerkSlot, X25519PrivateKey]:
    """The clerk's slot and private key; an unknown login costs one Argon2id too, then fails alike."""
    try:
        slot = key_file.find(login)
    except KeyFileError:
        slot = None
    if slot is None:
        _derive(passphrase, os.urandom(SALT_BYTES), key_file.clerks[0].kdf)
        raise WrongPassphrase("wrong login or passphrase")
    kek = _derive(passphrase, slot.salt, slot.kdf)
    ad = _private_ad(key_file.store_id, slot.clerk_id, slot.login, slot.public_key, slot.kdf, slot.salt)
    try:
        raw = AESGCM(kek).decrypt(slot.private_key.nonce, slot.private_key.ciphertext, ad)
    except InvalidTag:
        raise WrongPassphrase("wrong login or passphrase") from None
    private = X25519PrivateKey.from_private_bytes(raw)
    if _raw_public(private.public_key()) != slot.public_key:
        raise KeyFileError("a clerk slot of the key file is inconsistent")
    return slot, private


def _clerk_recipient(clerk_id: str) -> str:
    return f"clerk:{clerk_id}"


def _wrap_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral_public + recipient_public, info=_HKDF_INFO).derive(shared)


def _wrap_ad(store_id: str, generation: int, recipient: str, public_key: bytes) -> bytes:
    return _ad(
        purpose="data key",
        store_id=store_id,
        generation=generation,
        recipient=recipient,
        public_key=public_key.hex(),
    )


def _wrap(store_id: str, generation: int, recipient: str, public_key: bytes, data_key: bytes) -> WrappedKey:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    nonce = os.urandom(NONCE_BYTES)
    ad = _wrap_ad(store_id, generation, recipient, public_key)
    ciphertext = AESGCM(_wrap_key(shared, ephemeral_public, public_key)).encrypt(nonce, data_key, ad)
    return WrappedKey(ephemeral_public, nonce, ciphertext)


def _unwrap_checked(
    key_file: KeyFile, generation: int, recipient: str, private: X25519PrivateKey, wrapped: WrappedKey
) -> bytes:
    """Unwrap a data key and check it against the key file's key check; any failure is tampering."""
    public = _raw_public(private.public_key())
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(wrapped.ephemeral_public))
        kek = _wrap_key(shared, wrapped.ephemeral_public, public)
        data_key = AESGCM(kek).decrypt(
            wrapped.nonce, wrapped.ciphertext, _wrap_ad(key_file.store_id, generation, recipient, public)
        )
    except (InvalidTag, ValueError) as exc:
        raise KeyFileError(
            "a wrapped data key in the key file fails to verify (the file was changed)"
        ) from exc
    expected = key_file.key_check if generation == key_file.generation else key_file.next_key_check
    if expected is None or not hmac.compare_digest(expected, _key_check(key_file.store_id, data_key)):
        raise KeyFileError(
            "a wrapped data key does not match the key file's key check (the file was changed)"
        )
    return data_key


def _key_check(store_id: str, data_key: bytes) -> bytes:
    return hmac.new(data_key, _KEY_CHECK_LABEL + store_id.encode("ascii"), hashlib.sha256).digest()[:16]


def _require_current(key_file: KeyFile, data_key: bytes) -> None:
    if not isinstance(data_key, bytes) or len(data_key) != DATA_KEY_BYTES:
        raise StoreError(f"a data key has {DATA_KEY_BYTES} bytes")
    if not hmac.compare_digest(key_file.key_check, _key_check(key_file.store_id, data_key)):
        raise WrongPassphrase("this is not the current data key of this store")
