"""The province's device keys for USB bundles: made once, kept in a key file (mode 0600) in the data folder.

One key pair (Ed25519 to sign, X25519 to receive) serves every commune; its replica id is the commune's server
replica id (``<server id>.<commune>``, :func:`server.sync_replica.commune_replica_id`), the id a desk's bundle
names as its receiver and the id the province's bundles are sent under. The private keys live only in the
key file: never in the database, never in a log line or an error message.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from pathlib import Path

from server.config import BUNDLE_KEY_FILE_NAME
from server.errors import ConfigError
from server.sync_replica import commune_replica_id
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.errors import KeyFileError

KEY_FILE_KIND = "motcua-province-bundle-keys"
KEY_FILE_NAME = BUNDLE_KEY_FILE_NAME
_PLACEHOLDER_ID = "province"


class BundleKeysError(ConfigError):
    """The province's bundle key file is missing from the settings, unreadable, damaged or too open."""

    code = "bundle_keys"


class ProvinceBundleKeys:
    """The key pair read from (or made in) ``path``; ``for_commune`` gives the identity of one commune."""

    def __init__(self, path: Path, identity: DeviceIdentity) -> None:
        self.path = path
        self._identity = identity

    def for_commune(self, base_id: str, commune: str) -> DeviceIdentity:
        """The identity the server signs and receives bundles of ``commune`` under."""
        replica_id = commune_replica_id(base_id, commune)
        return DeviceIdentity(replica_id, self._identity.signing_key, self._identity.exchange_key)

    def public_for_commune(self, base_id: str, commune: str) -> DevicePublicKeys:
        """What a desk of ``commune`` stores as the province's keys (``DevicePublicKeys.to_json``)."""
        return self.for_commune(base_id, commune).public()

    def __repr__(self) -> str:  # never the private keys
        return f"ProvinceBundleKeys({str(self.path)!r})"


def _read(path: Path) -> DeviceIdentity:
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleKeysError(f"cannot read the bundle key file {path}: {exc.__class__.__name__}") from None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BundleKeysError(f"the bundle key file {path} is readable by others: chmod 600 it")
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("kind") != KEY_FILE_KIND:
            raise KeyFileError("not a province bundle key file")
        return DeviceIdentity.from_secret_json(json.dumps(data.get("keys")))
    except (ValueError, KeyFileError):
        raise BundleKeysError(f"the bundle key file {path} is damaged or not a bundle key file") from None


def _create(path: Path) -> None:
    """Write a new key file without ever replacing one (another process may have made it meanwhile)."""
    identity = DeviceIdentity.generate(_PLACEHOLDER_ID)
    text = json.dumps({"kind": KEY_FILE_KIND, "keys": json.loads(identity.to_secret_json())}, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temp, path)  # fails if the file exists: the first one made wins
        except FileExistsError:
            pass
    finally:
        temp.unlink(missing_ok=True)


def province_bundle_keys(path: Path | None) -> ProvinceBundleKeys:
    """The province's bundle keys from ``path``, made there (mode 0600) the first time."""
    if path is None:
        raise BundleKeysError(
            "no bundle key file is set: set [bundles] key_file in the server's settings for USB bundles"
        )
    path = Path(path)
    if not path.exists():
        try:
            _create(path)
        except OSError as exc:
            raise BundleKeysError(
                f"cannot make the bundle key file {path}: {exc.__class__.__name__}"
            ) from None
    return ProvinceBundleKeys(path, _read(path))
