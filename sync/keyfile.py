"""The key file beside the database (e.g. ``motcua.key``): its versioned JSON format and its atomic write.

The file holds no secret in clear and no personal data beyond a clerk's login name: clerks are an opaque
``clerk_id`` plus the ``login`` typed at the unlock screen (needed to find the slot); full names are never
stored here. Layout (format version 1, binary fields in standard base64)::

    {"format": "motcua-key-file", "version": 1, "store_id": "...", "generation": 1,
     "key_check": "...", "next_key_check": null,
     "clerks": [{"clerk_id": "...", "login": "...", "public_key": "...",
                 "kdf": {"algorithm": "argon2id", "memory_kib": 65536, "iterations": 2, "lanes": 2,
                         "salt": "..."},
                 "private_key": {"nonce": "...", "ciphertext": "..."},
                 "data_key": {"ephemeral_public": "...", "nonce": "...", "ciphertext": "..."},
                 "next_data_key": null}],
     "recovery": {"algorithm": "x25519-hkdf-sha256-aes256gcm", "fingerprint": "...", "public_key": "...",
                  "data_key": {...}, "next_data_key": null}}

``next_*`` fields are set only while a data-key rotation is pending (see :mod:`sync.keys`). This module does
only the format and the file; the cryptography lives in :mod:`sync.keys`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync.durable_files import fsync_directory
from sync.errors import KeyFileError

FORMAT = "motcua-key-file"
FORMAT_VERSION = 1
KDF_ALGORITHM = "argon2id"
RECOVERY_ALGORITHM = "x25519-hkdf-sha256-aes256gcm"

MAX_KEY_FILE_BYTES = 1024 * 1024
MAX_LOGIN_CHARS = 64
MAX_ID_CHARS = 64
SALT_BYTES = 16
NONCE_BYTES = 12
PUBLIC_KEY_BYTES = 32
KEY_CHECK_BYTES = 16
# AES-GCM adds a 16-byte tag to the 32-byte secret (a data key or an X25519 private key).
SEALED_SECRET_BYTES = 32 + 16
# Bounds on stored Argon2id parameters, so a crafted file cannot ask for absurd memory or time.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 64
MAX_LANES = 64


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (memory in KiB); the salt is stored beside them in each slot."""

    memory_kib: int
    iterations: int
    lanes: int

    def __post_init__(self) -> None:
        for name in ("memory_kib", "iterations", "lanes"):
            if type(getattr(self, name)) is not int:
                raise KeyFileError(f"Argon2id {name} must be an integer")
        if not 1 <= self.lanes <= MAX_LANES:
            raise KeyFileError(f"Argon2id lanes must be between 1 and {MAX_LANES}")
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            raise KeyFileError(f"Argon2id iterations must be between 1 and {MAX_ITERATIONS}")
        if not 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB:
            raise KeyFileError(f"Argon2id memory must be between 8 KiB per lane and {MAX_MEMORY_KIB} KiB")


@dataclass(frozen=True)
class Sealed:
    """A secret encrypted with AES-256-GCM under a key derived from a passphrase."""

    nonce: bytes
    ciphertext: bytes

    def __post_init__(self) -> None:
        _check_len("nonce", self.nonce, NONCE_BYTES)
        _check_len("sealed secret", self.ciphertext, SEALED_SECRET_BYTES)


@dataclass(frozen=True)
class WrappedKey:
    """A data key wrapped to an X25519 public key (ephemeral-static ECDH, HKDF-SHA256, AES-256-GCM)."""

    ephemeral_public: bytes
    nonce: bytes
    ciphertext: bytes

    def __post_init__(self) -> None:
        _check_len("ephemeral public key", self.ephemeral_public, PUBLIC_KEY_BYTES)
        _check_len("nonce", self.nonce, NONCE_BYTES)
        _check_len("wrapped key", self.ciphertext, SEALED_SECRET_BYTES)


@dataclass(frozen=True)
class ClerkSlot:
    """One clerk account: an X25519 key pair whose private half is sealed under the clerk's passphrase."""

    clerk_id: str
    login: str
    public_key: bytes
    kdf: KdfParams
    salt: bytes
    private_key: Sealed
    data_key: WrappedKey
    next_data_key: WrappedKey | None = None

    def __post_init__(self) -> None:
        _check_id("clerk id", self.clerk_id)
        if normalize_login(self.login) != self.login:
            raise KeyFileError("a login name in the key file is not in normal form")
        _check_len("clerk public key", self.public_key, PUBLIC_KEY_BYTES)
        _check_len("salt", self.salt, SALT_BYTES)


@dataclass(frozen=True)
class RecoverySlot:
    """The data key wrapped to the province's recovery public key."""

    public_key: bytes
    data_key: WrappedKey
    next_data_key: WrappedKey | None = None
    fingerprint: str = field(init=False)

    def __post_init__(self) -> None:
        _check_len("recovery public key", self.public_key, PUBLIC_KEY_BYTES)
        object.__setattr__(self, "fingerprint", fingerprint_of(self.public_key))


@dataclass(frozen=True)
class KeyFile:
    """The whole key file. ``next_key_check`` and every ``next_data_key`` are set together, or not at all."""

    store_id: str
    generation: int
    key_check: bytes
    clerks: tuple[ClerkSlot, ...]
    recovery: RecoverySlot
    next_key_check: bytes | None = None

    def __post_init__(self) -> None:
        _check_id("store id", self.store_id)
        if type(self.generation) is not int or self.generation < 1:
            raise KeyFileError("the key generation must be a positive integer")
        _check_len("key check", self.key_check, KEY_CHECK_BYTES)
        if not self.clerks:
            raise KeyFileError("the key file has no clerk account")
        ids = [c.clerk_id for c in self.clerks]
        logins = [login_key(c.login) for c in self.clerks]
        if len(set(ids)) != len(ids) or len(set(logins)) != len(logins):
            raise KeyFileError("the key file lists a clerk twice")
        rotating = self.next_key_check is not None
        if rotating:
            _check_len("next key check", self.next_key_check, KEY_CHECK_BYTES)
        nexts = [c.next_data_key is not None for c in self.clerks] + [self.recovery.next_data_key is not None]
        if any(n != rotating for n in nexts):
            raise KeyFileError("the key file holds a half-written key rotation")

    @property
    def rotating(self) -> bool:
        """True while a data-key rotation is pending (both keys are wrapped)."""
        return self.next_key_check is not None

    def find(self, login: str) -> ClerkSlot | None:
        """The slot whose login matches ``login`` (case- and normalization-insensitive), if any."""
        wanted = login_key(login)
        return next((c for c in self.clerks if login_key(c.login) == wanted), None)


def normalize_login(login: str) -> str:
    """The stored form of a login name: NFC, surrounding spaces removed; rejects empty or odd names."""
    if not isinstance(login, str):
        raise KeyFileError("a login name must be text")
    norm = unicodedata.normalize("NFC", login).strip()
    if not norm or len(norm) > MAX_LOGIN_CHARS:
        raise KeyFileError(f"a login name has 1 to {MAX_LOGIN_CHARS} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in norm):
        raise KeyFileError("a login name cannot hold control characters")
    return norm


def login_key(login: str) -> str:
    """The form used to compare login names (so ``Lan`` and ``lan`` are one account)."""
    return normalize_login(login).casefold()


def fingerprint_of(public_key: bytes) -> str:
    """SHA-256 of a raw 32-byte public key, in hex: how a province recovery key is named."""
    return hashlib.sha256(public_key).hexdigest()


# --- JSON ---------------------------------------------------------------------------------------------


def dump_key_file(key_file: KeyFile) -> bytes:
    """Serialize to UTF-8 JSON (stable key order, ends with a newline)."""
    return (json.dumps(_to_json(key_file), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def parse_key_file(data: bytes) -> KeyFile:
    """Parse and validate; anything unexpected raises :class:`KeyFileError`."""
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileError("the key file is too large")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise KeyFileError("the key file is not valid JSON") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KeyFileError("this is not a motcua key file")
    version = doc.get("version")
    if version != FORMAT_VERSION or type(version) is not int:
        raise KeyFileError(
            f"unknown key file version {version!r} (this motcua reads version {FORMAT_VERSION})"
        )
    try:
        return _from_json(doc)
    except KeyFileError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KeyFileError("the key file is damaged or incomplete") from exc


def read_key_file(path: Path | str) -> KeyFile:
    """Read and parse the key file at ``path``."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise KeyFileError("the key file is missing") from exc
    except OSError as exc:
        raise KeyFileError(f"the key file cannot be read ({exc.strerror})") from exc
    return parse_key_file(data)


def write_key_file(path: Path | str, key_file: KeyFile) -> None:
    """Write the key file atomically (see :func:`write_file_atomically`)."""
    write_file_atomically(Path(path), dump_key_file(key_file))


def write_file_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a crash leaves either the old or the new file, never a mix.

    A temp file in the same folder is written and fsynced, renamed over ``path`` with ``os.replace``, then
    the folder is fsynced (where the platform allows) so the rename itself survives a power cut. On error the
    temp file is removed and ``path`` is untouched.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_directory(folder)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise KeyFileError("a binary field of the key file is not text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise KeyFileError("a binary field of the key file is not valid base64") from exc


def _check_len(name: str, value: Any, length: int) -> None:
    if not isinstance(value, bytes) or len(value) != length:
        raise KeyFileError(f"the {name} must be {length} bytes")


def _check_id(name: str, value: Any) -> None:
    if not isinstance(value, str) or not value or len(value) > MAX_ID_CHARS or not value.isascii():
        raise KeyFileError(f"the {name} must be 1 to {MAX_ID_CHARS} ASCII characters")
    if not value.isprintable() or value.strip() != value:
        raise KeyFileError(f"the {name} has unprintable characters or surrounding spaces")


def _exact(obj: Any, keys: set[str], what: str) -> Mapping[str, Any]:
    if not isinstance(obj, dict) or set(obj) != keys:
        raise KeyFileError(f"the {what} of the key file does not have the expected fields")
    return obj


def _wrapped_to_json(w: WrappedKey | None) -> dict[str, str] | None:
    if w is None:
        return None
    return {
        "ephemeral_public": _b64(w.ephemeral_public),
        "nonce": _b64(w.nonce),
        "ciphertext": _b64(w.ciphertext),
    }


def _wrapped_from_json(obj: Any) -> WrappedKey:
    d = _exact(obj, {"ephemeral_public", "nonce", "ciphertext"}, "wrapped key")
    return WrappedKey(_unb64(d["ephemeral_public"]), _unb64(d["nonce"]), _unb64(d["ciphertext"]))


def _optional_wrapped_from_json(obj: Any) -> WrappedKey | None:
    return None if obj is None else _wrapped_from_json(obj)


def _to_json(kf: KeyFile) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "store_id": kf.store_id,
        "generation": kf.generation,
        "key_check": _b64(kf.key_check),
        "next_key_check": None if kf.next_key_check is None else _b64(kf.next_key_check),
        "clerks": [
            {
                "clerk_id": c.clerk_id,
                "login": c.login,
                "public_key": _b64(c.public_key),
                "kdf": {
                    "algorithm": KDF_ALGORITHM,
                    "memory_kib": c.kdf.memory_kib,
                    "iterations": c.kdf.iterations,
                    "lanes": c.kdf.lanes,
                    "salt": _b64(c.salt),
                },
                "private_key": {
                    "nonce": _b64(c.private_key.nonce),
                    "ciphertext": _b64(c.private_key.ciphertext),
                },
                "data_key": _wrapped_to_json(c.data_key),
                "next_data_key": _wrapped_to_json(c.next_data_key),
            }
            for c in kf.clerks
        ],
        "recovery": {
            "algorithm": RECOVERY_ALGORITHM,
            "fingerprint": kf.recovery.fingerprint,
            "public_key": _b64(kf.recovery.public_key),
            "data_key": _wrapped_to_json(kf.recovery.data_key),
            "next_data_key": _wrapped_to_json(kf.recovery.next_data_key),
        },
    }


_TOP_KEYS = {
    "format",
    "version",
    "store_id",
    "generation",
    "key_check",
    "next_key_check",
    "clerks",
    "recovery",
}
_CLERK_KEYS = {"clerk_id", "login", "public_key", "kdf", "private_key", "data_key", "next_data_key"}
_KDF_KEYS = {"algorithm", "memory_kib", "iterations", "lanes", "salt"}
_RECOVERY_KEYS = {"algorithm", "fingerprint", "public_key", "data_key", "next_data_key"}


def _from_json(doc: dict[str, Any]) -> KeyFile:
    top = _exact(doc, _TOP_KEYS, "top level")
    clerks_json = top["clerks"]
    if not isinstance(clerks_json, list):
        raise KeyFileError("the clerk list of the key file is not a list")
    clerks = []
    for item in clerks_json:
        c = _exact(item, _CLERK_KEYS, "clerk slot")
        kdf = _exact(c["kdf"], _KDF_KEYS, "kdf")
        if kdf["algorithm"] != KDF_ALGORITHM:
            raise KeyFileError("the key file uses an unknown key derivation")
        sealed = _exact(c["private_key"], {"nonce", "ciphertext"}, "sealed private key")
        clerks.append(
            ClerkSlot(
                clerk_id=c["clerk_id"],
                login=c["login"],
                public_key=_unb64(c["public_key"]),
                kdf=KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"]),
                salt=_unb64(kdf["salt"]),
                private_key=Sealed(_unb64(sealed["nonce"]), _unb64(sealed["ciphertext"])),
                data_key=_wrapped_from_json(c["data_key"]),
                next_data_key=_optional_wrapped_from_json(c["next_data_key"]),
            )
        )
    r = _exact(top["recovery"], _RECOVERY_KEYS, "recovery slot")
    if r["algorithm"] != RECOVERY_ALGORITHM:
        raise KeyFileError("the key file uses an unknown recovery algorithm")
    recovery = RecoverySlot(
        public_key=_unb64(r["public_key"]),
        data_key=_wrapped_from_json(r["data_key"]),
        next_data_key=_optional_wrapped_from_json(r["next_data_key"]),
    )
    if r["fingerprint"] != recovery.fingerprint:
        raise KeyFileError("the recovery key fingerprint does not match its public key")
    next_check = top["next_key_check"]
    return KeyFile(
        store_id=top["store_id"],
        generation=top["generation"],
        key_check=_unb64(top["key_check"]),
        clerks=tuple(clerks),
        recovery=recovery,
        next_key_check=None if next_check is None else _unb64(next_check),
    )
