"""A replica's device keys: Ed25519 to sign what it sends, X25519 to receive what is encrypted for it."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from sync.errors import KeyFileError

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        raw = base64.b64decode(str(text), validate=True)
    except ValueError as exc:
        raise KeyFileError(f"the {what} is not valid base64") from exc
    if len(raw) != 32:
        raise KeyFileError(f"the {what} has {len(raw)} bytes, not 32")
    return raw


@dataclass(frozen=True, slots=True)
class DevicePublicKeys:
    """What other replicas need to know about a device: its id and public keys."""

    replica_id: str
    signing: bytes
    exchange: bytes

    @property
    def fingerprint(self) -> str:
        """A short hex digest of both public keys, for humans and headers."""
        return hashlib.sha256(self.signing + self.exchange).hexdigest()[:32]

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.signing)

    def exchange_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.exchange)

    def to_json(self) -> dict[str, str]:
        return {"replica_id": self.replica_id, "signing": _b64(self.signing), "exchange": _b64(self.exchange)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DevicePublicKeys:
        if not isinstance(data, dict) or not isinstance(data.get("replica_id"), str):
            raise KeyFileError("device public keys need a replica_id")
        return cls(
            data["replica_id"],
            _unb64(data.get("signing"), "signing key"),
            _unb64(data.get("exchange"), "exchange key"),
        )


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """A replica's private device keys. Kept inside the encrypted store, never in clear on disk."""

    replica_id: str
    signing_key: Ed25519PrivateKey
    exchange_key: X25519PrivateKey

    @classmethod
    def generate(cls, replica_id: str) -> DeviceIdentity:
        return cls(replica_id, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    def public(self) -> DevicePublicKeys:
        return DevicePublicKeys(
            self.replica_id,
            self.signing_key.public_key().public_bytes(_RAW, _RAW_PUB),
            self.exchange_key.public_key().public_bytes(_RAW, _RAW_PUB),
        )

    def sign(self, data: bytes) -> bytes:
        return self.signing_key.sign(data)

    def to_secret_json(self) -> str:
        """Serialise the private keys (to be stored only inside the encrypted database)."""
        return json.dumps(
            {
                "replica_id": self.replica_id,
                "signing": _b64(self.signing_key.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)),
                "exchange": _b64(self.exchange_key.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)),
            },
            sort_keys=True,
        )

    @classmethod
    def from_secret_json(cls, text: str) -> DeviceIdentity:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise KeyFileError("the device keys are not valid JSON") from exc
        if not isinstance(data, dict) or not isinstance(data.get("replica_id"), str):
            raise KeyFileError("the device keys need a replica_id")
        return cls(
            data["replica_id"],
            Ed25519PrivateKey.from_private_bytes(_unb64(data.get("signing"), "signing key")),
            X25519PrivateKey.from_private_bytes(_unb64(data.get("exchange"), "exchange key")),
        )
