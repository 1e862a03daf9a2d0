"""Enrolling a workstation with the provincial server: ``POST /v1/enrol`` with a one-time code.

:func:`enrol_device` sends the code IT gave, the commune the desk serves, a label and the store's public
device keys; the server answers with a device id, the device credential (``mcd.<id>.<secret>``, a secret:
the caller keeps it only inside the encrypted store), the commune (with its agency identifier) and the
block of each day's dossier numbers this workstation may hand out. The call is not retried: a code is
single use, so a retry after a lost answer could only be refused as "used".

Failures raise :class:`sync.errors.TransportError` subclasses: ``enrolment_refused`` (with a ``reason``:
unknown, used, expired, wrong_commune, unknown_commune, already_enrolled, no_block_left), ``offline``,
``too_old``, ``bad_data`` (including an answer that is not understood), ``rate_limited``, ``server_error``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.errors import (
    EnrolmentRefusedByServer,
    KeyFileError,
    ServerOffline,
    ServerRejectedData,
    TransportError,
)
from sync.http_transport import LOOPBACK_HOSTS, error_for
from sync.protocol_version import protocol_headers

ENROL_PATH = "/v1/enrol"
DEFAULT_ENROL_TIMEOUT = (5.0, 30.0)
MAX_LABEL_CHARS = 64

REFUSAL_WORDS = {
    "unknown": "this enrolment code is not known: check it, or ask provincial IT for a new one",
    "used": "this enrolment code was already used: ask provincial IT for a new one",
    "expired": "this enrolment code has expired: ask provincial IT for a new one",
    "wrong_commune": "this enrolment code was made for another commune than this desk's",
    "unknown_commune": "the provincial server does not serve this desk's commune",
    "already_enrolled": "this workstation's store is already enrolled with the provincial server",
    "no_block_left": "every block of this commune's dossier numbers is held by a workstation: "
    "provincial IT must revoke an old one first",
}
"""English words for each refusal reason (the desk translates them by ``reason``)."""

_REASON_BY_CODE = {
    "replica_already_enrolled": "already_enrolled",
    "no_sequence_block_left": "no_block_left",
    "unknown_commune": "unknown_commune",
}


@dataclass(frozen=True, slots=True)
class EnrolledCommune:
    """The commune the server enrolled the workstation for (``code`` is the official five-digit code)."""

    code: str
    province_code: str
    name: str
    agency: str


@dataclass(frozen=True, slots=True)
class NumberBlock:
    """The part ``first``–``last`` of each day's dossier numbers of ``agency`` this workstation holds."""

    agency: str
    first: int
    last: int
    valid_from: dt.date

    @property
    def label(self) -> str:
        return f"{self.first:04d}–{self.last:04d}"


@dataclass(frozen=True, slots=True)
class Enrolment:
    """The server's answer. ``credentials`` is a secret: keep it in the encrypted store only, never log it."""

    device_id: str
    credentials: str
    commune: EnrolledCommune
    block: NumberBlock
    protocol: int
    province_keys: DevicePublicKeys | None = None
    """The province's public keys for USB bundles, when the server gives them (this server does not yet)."""

    def __repr__(self) -> str:  # never show the secret in a traceback or a log line
        return (
            f"Enrolment(device_id={self.device_id!r}, credentials='***', commune={self.commune!r}, "
            f"block={self.block!r}, protocol={self.protocol!r})"
        )


def check_server_url(server_url: str) -> str:
    """The server's base address without a trailing slash; ``https://`` (plain http only to this machine)."""
    if not isinstance(server_url, str):
        raise ValueError("the server address is text, e.g. https://motcua.tinh.gov.vn")
    text = server_url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError("the server address must start with https:// (e.g. https://motcua.tinh.gov.vn)")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError("the provincial server is reached over https:// (plain http only to this machine)")
    if parts.query or parts.fragment:
        raise ValueError("the server address cannot hold '?' or '#'")
    return text.rstrip("/")


def _refusal(response: requests.Response) -> TransportError:
    error = error_for(response)
    try:
        data = response.json()
    except ValueError:
        data = None
    reason = None
    if error.code == "enrolment_refused" and isinstance(data, dict):
        given = data.get("reason")
        reason = given if isinstance(given, str) and given in REFUSAL_WORDS else "unknown"
    elif error.code in _REASON_BY_CODE:
        reason = _REASON_BY_CODE[error.code]
    if reason is None:
        return error
    return EnrolmentRefusedByServer(
        REFUSAL_WORDS[reason], reason=reason, code=error.code, status=response.status_code
    )


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"no {name}")
    return value


def _number(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"no {name}")
    return value


def parse_enrolment(data: Any) -> Enrolment:
    """The server's enrol answer as an :class:`Enrolment`; ``ServerRejectedData`` if it is not one."""
    try:
        if not isinstance(data, dict):
            raise ValueError("not an object")
        commune, block = data.get("commune"), data.get("sequence")
        if not isinstance(commune, dict) or not isinstance(block, dict):
            raise ValueError("no commune or sequence")
        credentials = _text(data, "device_secret")
        if any(ch.isspace() for ch in credentials) or len(credentials) > 512:
            raise ValueError("a credential is one word")
        keys = data.get("province_keys")
        first, last = _number(block, "first"), _number(block, "last")
        if not 1 <= first <= last <= 9999:
            raise ValueError("the number block is out of range")
        return Enrolment(
            device_id=_text(data, "device_id"),
            credentials=credentials,
            commune=EnrolledCommune(
                _text(commune, "code"),
                _text(commune, "province_code"),
                _text(commune, "name"),
                _text(commune, "agency"),
            ),
            block=NumberBlock(
                _text(block, "agency"), first, last, dt.date.fromisoformat(_text(block, "valid_from"))
            ),
            protocol=_number(data, "protocol"),
            province_keys=DevicePublicKeys.from_json(keys) if keys is not None else None,
        )
    except (ValueError, TypeError, KeyFileError) as exc:
        raise ServerRejectedData(f"the server's enrolment answer is not understood ({exc})") from None


def enrol_device(
    server_url: str,
    code: str,
    identity: DeviceIdentity,
    label: str,
    *,
    commune: str,
    ca_file: str | None = None,
    session: requests.Session | None = None,
    timeout: tuple[float, float] = DEFAULT_ENROL_TIMEOUT,
    protocol: dict[str, str] | None = None,
) -> Enrolment:
    """Enrol the workstation whose device keys are ``identity`` for ``commune`` with the one-time ``code``.

    ``ca_file`` pins the province's CA (TLS verification is always on); ``session`` lets a caller reuse or
    instrument a ``requests.Session``. Raises ``ValueError`` for arguments that cannot be sent, else a
    :class:`TransportError` (see the module docstring).
    """
    base = check_server_url(server_url)
    if not isinstance(code, str) or not code.strip():
        raise ValueError("the enrolment code is empty")
    if not isinstance(commune, str) or not commune.strip():
        raise ValueError("the commune code is empty")
    clean_label = label.strip() if isinstance(label, str) else ""
    if not 1 <= len(clean_label) <= MAX_LABEL_CHARS or not clean_label.isprintable():
        raise ValueError(f"a workstation label has 1 to {MAX_LABEL_CHARS} printable characters")
    if len(timeout) != 2 or min(timeout) <= 0:
        raise ValueError("timeout is (connect seconds, read seconds), both positive")
    body = {
        "code": code.strip()[:64],
        "commune": commune.strip(),
        "label": clean_label,
        "device_keys": identity.public().to_json(),
    }
    headers = protocol if protocol is not None else protocol_headers()
    own = session is None
    http = requests.Session() if session is None else session
    try:
        try:
            response = http.post(
                base + ENROL_PATH,
                json=body,
                headers=headers,
                timeout=timeout,
                verify=ca_file if ca_file is not None else True,
            )
        except requests.exceptions.SSLError as exc:
            raise ServerOffline(f"the server's certificate is not trusted ({type(exc).__name__})") from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ServerOffline(f"the provincial server cannot be reached ({type(exc).__name__})") from None
        except OSError as exc:  # e.g. a CA file that cannot be read
            raise ServerOffline(f"the connection could not be set up ({type(exc).__name__})") from None
        with response:
            if response.status_code >= 400:
                raise _refusal(response)
            try:
                data = response.json()
            except ValueError:
                raise ServerRejectedData("the server's enrolment answer is not JSON") from None
        return parse_enrolment(data)
    finally:
        if own:
            http.close()
