"""TLS for desks on one LAN: a self-signed certificate per desk, pinned by fingerprint, mutual authentication.

Each desk makes one certificate (ECDSA P-256, self-signed, made with ``cryptography``) and keeps it with its
private key (encrypted under a password the caller keeps elsewhere, e.g. inside the encrypted store). Pairing
exchanges the two certificates; afterwards a desk trusts exactly the certificates it paired with:

- as a server it asks every client for a certificate and verifies it against the paired certificates only
  (a client without one may only ask to pair; an unknown one fails the handshake);
- as a client it trusts only the one certificate pinned for the desk it calls (the host name is not used:
  desks are found by address, and the pin is stronger than any name).

Only TLS 1.3 is spoken (``ssl`` from the standard library): records are authenticated and numbered under
keys fresh for each connection, so a changed, replayed or reordered byte fails the connection. There is no
plain-text fallback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.errors import PairingRefused

CERTIFICATE_YEARS = 30


@dataclass(frozen=True)
class DeskCertificate:
    """Where a desk's certificate and (password-protected) key are, and the key's password."""

    cert_file: Path
    key_file: Path
    password: bytes

    def cert_pem(self) -> str:
        return self.cert_file.read_text("ascii")

    def fingerprint(self) -> str:
        return fingerprint_of_pem(self.cert_pem())


def make_certificate(
    cert_file: Path, key_file: Path, *, name: str, password: bytes, now: dt.datetime
) -> DeskCertificate:
    """Make a self-signed certificate for a desk (``name`` goes in its subject: no person's name)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    start = now.astimezone(dt.UTC) - dt.timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_file.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the key: owner only
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return DeskCertificate(cert_file, key_file, password)


def fingerprint_of_der(der: bytes) -> str:
    """The SHA-256 of a certificate's DER bytes, as lower-case hex."""
    return hashlib.sha256(der).hexdigest()


def fingerprint_of_pem(pem: str) -> str:
    return fingerprint_of_der(ssl.PEM_cert_to_DER_cert(pem))


def check_certificate_pem(pem: str) -> str:
    """``pem`` if it is one certificate in PEM form (else :class:`PairingRefused`)."""
    try:
        x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError, AttributeError):
        raise PairingRefused("the other desk's certificate is not a valid certificate") from None
    return pem


def _base(purpose: ssl._SSLMethod) -> ssl.SSLContext:
    context = ssl.SSLContext(purpose)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    return context


def server_context(own: DeskCertificate, paired: list[str]) -> ssl.SSLContext:
    """A listener's context: its own certificate; clients' certificates verified against ``paired`` only."""
    context = _base(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(own.cert_file, own.key_file, password=own.password)
    context.verify_mode = ssl.CERT_OPTIONAL  # a client with no certificate may only ask to pair
    if paired:
        context.load_verify_locations(cadata="\n".join(paired))
    return context


def client_context(own: DeskCertificate | None, peer_pem: str | None) -> ssl.SSLContext:
    """A caller's context: its own certificate (if any) and trust in ``peer_pem`` only.

    ``peer_pem=None`` (pairing only) accepts any certificate: the caller then checks its fingerprint against
    the one the pairing code carries before it sends anything.
    """
    context = _base(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    if own is not None:
        context.load_cert_chain(own.cert_file, own.key_file, password=own.password)
    if peer_pem is None:
        context.verify_mode = ssl.CERT_NONE
    else:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cadata=peer_pem)
    return context
