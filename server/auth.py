"""Who is calling: workstations (device credentials) or provincial officers (login tokens); what they see.

``authenticate`` turns an ``Authorization`` header into a principal. The FastAPI dependencies
``require_principal``, ``require_device`` and ``require_officer(role)`` are what endpoints declare; they also
spend one request of the caller's rate limit. A revoked device is refused at its next request.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.credentials import (
    DEVICE_TOKEN,
    SESSION_TOKEN,
    hash_secret,
    make_token,
    new_secret,
    parse_token,
    secret_matches,
)
from server.errors import AuthError, BadInput, DeviceRevoked, Forbidden, TokenExpired, WeakPassword
from server.passwords import PasswordParams, dummy_hash, hash_password, needs_rehash, verify_password
from server.services import Services
from server.storage.interface import ServerStorage
from server.storage.lost_connections import again_if_lost
from server.storage.records import Account, Commune, Device, Role, SequenceBlock, Session

MAX_USERNAME_CHARS = 64


@dataclass(frozen=True, slots=True)
class DevicePrincipal:
    """An enrolled workstation; it sees only its own commune."""

    device: Device
    commune: Commune
    block: SequenceBlock | None

    @property
    def principal_id(self) -> str:
        return f"device:{self.device.id}"

    def can_see_commune(self, commune: Commune) -> bool:
        return commune.code == self.device.commune_code


@dataclass(frozen=True, slots=True)
class OfficerPrincipal:
    """A provincial officer's login; it sees the communes of its province."""

    account: Account
    session: Session

    @property
    def principal_id(self) -> str:
        return f"account:{self.account.id}"

    @property
    def role(self) -> Role:
        return self.account.role

    def can_see_commune(self, commune: Commune) -> bool:
        return commune.province_code == self.account.province_code


Principal = DevicePrincipal | OfficerPrincipal


def normalise_username(text: str) -> str:
    """A user name as stored: NFC, trimmed, lower case; 3–64 ASCII letters, digits, '.', '_' or '-'."""
    if not isinstance(text, str):
        raise BadInput("a user name is text")
    name = unicodedata.normalize("NFC", text).strip().lower()
    if not 3 <= len(name) <= MAX_USERNAME_CHARS or not all(
        ch.isascii() and (ch.isalnum() or ch in "._-") for ch in name
    ):
        raise BadInput(f"a user name has 3 to {MAX_USERNAME_CHARS} ASCII letters, digits, '.', '_' or '-'")
    return name


def _bearer_value(header: str | None) -> str:
    if not header:
        raise AuthError("this request needs credentials (Authorization: Bearer …)")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthError("credentials are sent as Authorization: Bearer <token>")
    return value.strip()


def authenticate(storage: ServerStorage, token: str, now: dt.datetime) -> Principal:
    """The principal a bearer token stands for; raise ``AuthError`` (``DeviceRevoked``, ``TokenExpired``)."""
    parsed = parse_token(token)
    if parsed is None:
        raise AuthError("these credentials are not valid")
    kind, ident, secret = parsed
    if kind == DEVICE_TOKEN:
        device = storage.get_device(ident)
        if device is None or not secret_matches(secret, device.secret_hash):
            raise AuthError("these credentials are not valid")
        if device.revoked:
            raise DeviceRevoked(
                "this workstation has been revoked by provincial IT: it must be enrolled again to sync"
            )
        commune = storage.get_commune(device.commune_code)
        if commune is None:  # cannot happen with the foreign key; refuse rather than widen the scope
            raise AuthError("this workstation's commune is not served here")
        return DevicePrincipal(device, commune, storage.get_sequence_block(device.id))
    assert kind == SESSION_TOKEN
    session = storage.get_session(ident)
    if session is None or not secret_matches(secret, session.secret_hash):
        raise AuthError("these credentials are not valid")
    if session.revoked_at is not None:
        raise AuthError("this login has ended: log in again")
    if now >= session.expires_at:
        raise TokenExpired("this login has expired: log in again")
    account = storage.get_account(session.account_id)
    if account is None or account.disabled_at is not None:
        raise AuthError("this account is disabled")
    return OfficerPrincipal(account, session)


@dataclass(frozen=True, slots=True)
class Login:
    token: str
    account: Account
    session: Session


def login(
    storage: ServerStorage,
    username: str,
    password: str,
    *,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
    ttl: dt.timedelta,
    params: PasswordParams,
) -> Login:
    """Check a user name and password and open a session; the same refusal whatever was wrong."""
    refused = AuthError("wrong user name or password")
    try:
        name = normalise_username(username)
    except BadInput:
        name = None
    account = storage.get_account_by_username(name) if name else None
    stored = account.password_hash if account is not None else dummy_hash(params)
    matches = verify_password(password, stored) if isinstance(password, str) else False
    if account is None or not matches or account.disabled_at is not None:
        raise refused
    if needs_rehash(account.password_hash, params):
        try:
            storage.set_account_password(account.id, hash_password(password, params))
        except WeakPassword:
            pass  # an old password below today's minimum: keep its hash until it is changed
    at = now()
    secret = new_secret()
    session = Session(new_id(), account.id, hash_secret(secret), at, at + ttl)
    storage.add_session(session)
    return Login(make_token(SESSION_TOKEN, session.id, secret), account, session)


# ---- FastAPI dependencies

bearer_scheme = HTTPBearer(auto_error=False, description="A device credential or an officer's login token")


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def _client_key(request: Request) -> str:
    return f"ip:{request.client.host if request.client else 'unknown'}"


def limit_anonymous(request: Request) -> None:
    """Rate limit for calls made without credentials (enrolment, login), per client address."""
    services(request).anonymous_limiter.check(_client_key(request), "address")


def require_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Principal:
    """Any authenticated caller; spends one request of its rate limit."""
    svc = services(request)
    header = f"{credentials.scheme} {credentials.credentials}" if credentials is not None else None
    try:
        principal = again_if_lost(lambda: authenticate(svc.storage, _bearer_value(header), svc.now()))
    except AuthError:
        svc.anonymous_limiter.check(_client_key(request), "address")  # slow down guessing
        raise
    request.state.principal_id = principal.principal_id
    svc.device_limiter.check(principal.principal_id, "workstation or account")
    return principal


def require_device(principal: Annotated[Principal, Depends(require_principal)]) -> DevicePrincipal:
    """An enrolled, not revoked workstation."""
    if not isinstance(principal, DevicePrincipal):
        raise Forbidden("only an enrolled workstation may do this")
    return principal


def require_officer(role: Role) -> Callable[..., OfficerPrincipal]:
    """A dependency admitting provincial officers whose role is ``role`` or higher."""

    def dependency(principal: Annotated[Principal, Depends(require_principal)]) -> OfficerPrincipal:
        if not isinstance(principal, OfficerPrincipal):
            raise Forbidden("only a provincial officer may do this")
        if not principal.role.at_least(role):
            raise Forbidden(f"this needs the role {role.value} or higher")
        return principal

    dependency.__name__ = f"require_{role.value}"
    return dependency
