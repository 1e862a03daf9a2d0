"""The FastAPI application: ``create_app(config, storage, now=…, new_id=…)``.

Middleware, outermost first: JSON request log, protocol version check (426), size limits (413, 431). Rate
limits (429) are dependencies, spent per device or account once the caller is known and per address before.
Every error answers ``{"error": <code>, "message": <words>}``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server import communes as official
from server import dossier_index
from server.auth import (
    DevicePrincipal,
    OfficerPrincipal,
    Principal,
    limit_anonymous,
    login,
    require_officer,
    require_principal,
    services,
)
from server.bundle_identity import BundleKeysError, ProvinceBundleKeys, province_bundle_keys
from server.config import ServerConfig
from server.enrolment import EnrolmentRequest, enrol, issue_enrolment_code, revoke_device
from server.errors import (
    AuthError,
    BadDeviceKeys,
    DatabaseUnavailable,
    EnrolmentRefused,
    Forbidden,
    RequestTooLarge,
    ServerError,
    UnknownCommune,
    UnknownDevice,
    disk_full_in,
)
from server.origin_routes import origin_router
from server.protocol_version import ProtocolVersionCheck
from server.province_routes import province_router
from server.reference_routes import reference_router
from server.request_limits import RequestSizeLimit
from server.request_log import RequestLog
from server.schemas import (
    CommuneOut,
    DeviceKeysBody,
    DeviceMe,
    DeviceOut,
    EnrolBody,
    EnrolmentCodeBody,
    EnrolmentCodeOut,
    EnrolResponse,
    ErrorBody,
    Health,
    LoginBody,
    LoginResponse,
    OfficerMe,
    SequenceBlockOut,
)
from server.services import Services
from server.storage.interface import ServerStorage
from server.storage.records import Role
from server.sync_replica import server_replica_base
from server.sync_routes import SyncSetup, event_error_extra, sync_router
from server.update_routes import update_router
from server.waiting_events import waiting_limits_of
from server.web import install_web
from sync.device_keys import DevicePublicKeys
from sync.errors import KeyFileError
from sync.protocol_version import PROTOCOL_HEADER, PROTOCOL_VERSION

log = logging.getLogger("motcua.server")
_DEVICE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 422, 426, 429, 503, 507)
}
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _disk_room(request: Request) -> None:
    """A write (any method but GET, HEAD, OPTIONS) is refused 507 in words while the disk is full."""
    if request.method not in _READ_METHODS:
        request.app.state.services.disk_space.check()


def _protocol_header(
    x_motcua_protocol: Annotated[
        str | None,
        Header(
            alias=PROTOCOL_HEADER,
            description=f"The client's protocol version (this server: {PROTOCOL_VERSION})",
        ),
    ] = None,
) -> None:
    """Documents the header; the ``ProtocolVersionCheck`` middleware enforces it before any route runs."""


def _error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
):
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServerError)
    async def server_error(request: Request, exc: ServerError) -> JSONResponse:
        extra = {"reason": exc.reason} if isinstance(exc, EnrolmentRefused) else event_error_extra(exc)
        if isinstance(exc, DatabaseUnavailable):  # a restart or an outage: the client tries again later
            log.warning("database unavailable", extra={"error": exc.code})
            return _error_response(exc.status, exc.code, "database unavailable, try again", exc.headers)
        if exc.status >= 500 and (full := disk_full_in(exc)) is not None:
            log.error("disk full", extra={"error": full.code})
            return _error_response(full.status, full.code, full.message)
        if exc.status >= 500:
            log.error("server error", extra={"error": exc.code})
            return _error_response(exc.status, exc.code, "the server could not do this; it has been logged")
        return _error_response(exc.status, exc.code, exc.message, exc.headers, **extra)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # The offending input is not echoed back (it may be a password or personal data).
        problems = [
            {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
            for error in exc.errors()[:20]
        ]
        return _error_response(
            422, "invalid_request", "the request body or parameters are not valid", None, problems=problems
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        cause = exc.__cause__
        if isinstance(cause, RequestTooLarge):  # FastAPI wraps errors raised while it reads the body
            return _error_response(cause.status, cause.code, cause.message, cause.headers)
        codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request"}
        return _error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail), exc.headers
        )

    @app.exception_handler(OSError)  # a full disk outside the database driver (ENOSPC): 507 in words
    async def os_error(request: Request, exc: OSError) -> JSONResponse:
        return await server_error(request, disk_full_in(exc) or ServerError("an operating system error"))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error", extra={"error": type(exc).__name__})
        return _error_response(500, "internal", "the server could not do this; it has been logged")


def _device_keys(body: EnrolBody) -> DevicePublicKeys:
    try:
        return DevicePublicKeys.from_json(body.device_keys.model_dump())
    except KeyFileError as exc:
        raise BadDeviceKeys(f"the device keys are not valid: {exc}") from exc


def _sync(request: Request) -> SyncSetup:
    return request.app.state.sync  # type: ignore[no-any-return]


def _router() -> APIRouter:
    router = APIRouter(
        prefix="/v1", dependencies=[Depends(_protocol_header), Depends(_disk_room)], responses=_ERRORS
    )

    @router.post(
        "/enrol", response_model=EnrolResponse, dependencies=[Depends(limit_anonymous)], tags=["devices"]
    )
    def enrol_workstation(
        body: EnrolBody, http: Request, svc: Annotated[Services, Depends(services)]
    ) -> EnrolResponse:
        """Enrol a workstation with a one-time code: its credential, commune and block of dossier numbers."""
        request = EnrolmentRequest(
            body.code, official.commune_code(body.commune), body.label, _device_keys(body)
        )
        done = enrol(
            svc.storage, request, now=svc.now, new_id=svc.new_id, block_count=svc.config.sequence_blocks
        )
        log.info("device enrolled", extra={"device_id": done.device.id, "commune": done.commune.code})
        keys = None
        if svc.config.bundle_key_file is not None:
            public = province_bundle_keys(svc.config.bundle_key_file).public_for_commune(
                _sync(http).base_id, done.commune.code
            )
            keys = DeviceKeysBody(**public.to_json())
        return EnrolResponse(
            device_id=done.device.id,
            device_secret=done.credential,
            commune=CommuneOut.of(done.commune),
            sequence=SequenceBlockOut.of(done.block),
            protocol=PROTOCOL_VERSION,
            province_keys=keys,
        )

    @router.post(
        "/login", response_model=LoginResponse, dependencies=[Depends(limit_anonymous)], tags=["accounts"]
    )
    def officer_login(body: LoginBody, svc: Annotated[Services, Depends(services)]) -> LoginResponse:
        """Log a provincial officer in: a bearer token that expires. After 5 wrong passwords in a row for
        one account, each further attempt waits longer (429 ``sign_in_locked``: server.sign_in_backoff)."""
        svc.sign_in_backoff.check(body.username)
        try:
            done = login(
                svc.storage,
                body.username,
                body.password,
                now=svc.now,
                new_id=svc.new_id,
                ttl=svc.config.token_ttl,
                params=svc.password_params,
            )
        except AuthError:
            svc.sign_in_backoff.failed(body.username)
            raise
        svc.sign_in_backoff.succeeded(body.username)
        log.info("officer logged in", extra={"account_id": done.account.id})
        return LoginResponse(
            token=done.token, expires_at=done.session.expires_at, role=done.account.role.value
        )

    @router.post("/logout", status_code=204, tags=["accounts"])
    def officer_logout(
        officer: Annotated[OfficerPrincipal, Depends(require_officer(Role.OFFICER))],
        svc: Annotated[Services, Depends(services)],
    ) -> None:
        """End this login."""
        svc.storage.revoke_session(officer.session.id, svc.now())

    @router.get("/me", response_model=DeviceMe | OfficerMe, tags=["accounts"])
    def who_am_i(principal: Annotated[Principal, Depends(require_principal)]) -> DeviceMe | OfficerMe:
        """Who the credentials belong to, and their scope."""
        if isinstance(principal, DevicePrincipal):
            return DeviceMe(
                device_id=principal.device.id,
                replica_id=principal.device.replica_id,
                label=principal.device.label,
                commune=CommuneOut.of(principal.commune),
                sequence=SequenceBlockOut.of(principal.block) if principal.block else None,
            )
        return OfficerMe(
            account_id=principal.account.id,
            username=principal.account.username,
            role=principal.role.value,
            province_code=principal.account.province_code,
            expires_at=principal.session.expires_at,
        )

    @router.get("/communes", response_model=list[CommuneOut], tags=["communes"])
    def list_communes(
        principal: Annotated[Principal, Depends(require_principal)],
        svc: Annotated[Services, Depends(services)],
    ) -> list[CommuneOut]:
        """The communes the caller may see: a workstation its own, an officer those of the province."""
        if isinstance(principal, DevicePrincipal):
            return [CommuneOut.of(principal.commune)]
        return [CommuneOut.of(c) for c in svc.storage.list_communes(principal.account.province_code)]

    @router.get("/communes/{code}", response_model=CommuneOut, tags=["communes"])
    def get_commune(
        code: str,
        principal: Annotated[Principal, Depends(require_principal)],
        svc: Annotated[Services, Depends(services)],
    ) -> CommuneOut:
        """One commune, if it is within the caller's scope."""
        commune = svc.storage.get_commune(official.commune_code(code))
        if commune is None:
            raise UnknownCommune(f"commune {official.commune_code(code)} is not served here")
        if not principal.can_see_commune(commune):
            raise Forbidden("this commune is outside your scope")
        return CommuneOut.of(commune)

    @router.get("/devices", response_model=list[DeviceOut], tags=["devices"])
    def list_devices(
        officer: Annotated[OfficerPrincipal, Depends(require_officer(Role.SUPERVISOR))],
        svc: Annotated[Services, Depends(services)],
    ) -> list[DeviceOut]:
        """The province's enrolled workstations (supervisors and admins)."""
        devices = svc.storage.list_devices(province_code=officer.account.province_code)
        return [DeviceOut.of(d, svc.storage.get_sequence_block(d.id)) for d in devices]

    @router.post("/devices/{device_id}/revoke", response_model=DeviceOut, tags=["devices"])
    def revoke(
        device_id: str,
        officer: Annotated[OfficerPrincipal, Depends(require_officer(Role.ADMIN))],
        svc: Annotated[Services, Depends(services)],
    ) -> DeviceOut:
        """Revoke a workstation of the province (admins): its next request is refused."""
        device = svc.storage.get_device(device_id) if _DEVICE_ID.fullmatch(device_id) else None
        commune = svc.storage.get_commune(device.commune_code) if device else None
        if device is None or commune is None or not officer.can_see_commune(commune):
            raise UnknownDevice("no such device in your province")
        revoked = revoke_device(svc.storage, device.id, now=svc.now)
        log.info("device revoked", extra={"device_id": device.id, "by": officer.account.id})
        return DeviceOut.of(revoked, svc.storage.get_sequence_block(device.id))

    @router.post("/enrolment-codes", response_model=EnrolmentCodeOut, status_code=201, tags=["devices"])
    def new_enrolment_code(
        body: EnrolmentCodeBody,
        officer: Annotated[OfficerPrincipal, Depends(require_officer(Role.ADMIN))],
        svc: Annotated[Services, Depends(services)],
    ) -> EnrolmentCodeOut:
        """Make a one-time enrolment code for a commune of the province (admins); it is shown only here."""
        commune = svc.storage.get_commune(official.commune_code(body.commune))
        if commune is None or not officer.can_see_commune(commune):
            raise UnknownCommune("no such commune in your province")
        issued = issue_enrolment_code(
            svc.storage, commune.code, now=svc.now, new_id=svc.new_id, ttl=svc.config.code_ttl
        )
        return EnrolmentCodeOut(code=issued.code, commune=issued.commune_code, expires_at=issued.expires_at)

    router.include_router(sync_router())
    router.include_router(origin_router())
    router.include_router(province_router())
    router.include_router(update_router())
    router.include_router(reference_router())
    return router


def _refusal_keys(config: ServerConfig) -> ProvinceBundleKeys | None:
    """The province's bundle keys, which also sign its refusals of events; ``None`` without a key file."""
    if config.bundle_key_file is None:
        return None
    try:
        return province_bundle_keys(config.bundle_key_file)
    except BundleKeysError as exc:  # USB bundles will say so; refusals go unsigned meanwhile
        log.warning("refusals of events go unsigned: %s", exc.message)
        return None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    return uuid.uuid4().hex


def create_app(
    config: ServerConfig,
    storage: ServerStorage,
    *,
    now: Callable[[], dt.datetime] = utc_now,
    new_id: Callable[[], str] = new_uuid,
) -> FastAPI:
    """The server over a migrated ``storage``; ``now`` and ``new_id`` are the clock and the id factory."""
    app = FastAPI(
        docs_url="/docs" if config.api_docs else None,
        redoc_url="/redoc" if config.api_docs else None,
        title="motcua provincial server",
        version=str(PROTOCOL_VERSION),
        description="Sync and administration API for the communes' one-stop desks. Every /v1 request "
        f"carries the header {PROTOCOL_HEADER}.",
    )
    app.state.services = Services.build(config, storage, now=now, new_id=new_id)
    app.state.sync = SyncSetup(
        (DOSSIER_RECORD,),
        SCOPE_FIELD,
        server_replica_base(storage),
        waiting_limits_of(config),
        refusal_keys=_refusal_keys(config),
    )
    _install_error_handlers(app)

    disk = app.state.services.disk_space

    @app.get("/healthz", response_model=Health, response_model_exclude_none=True, tags=["health"])
    def health() -> Health:
        """Liveness check for monitoring (no protocol header needed); says ``disk: full`` when it is."""
        problem = disk.problem()
        return Health(protocol=PROTOCOL_VERSION, disk="full" if problem else None, disk_problem=problem)

    @app.get(
        "/readyz",
        response_model=Health,
        response_model_exclude_none=True,
        responses={503: {"model": ErrorBody}, 507: {"model": ErrorBody}},
        tags=["health"],
    )
    def ready() -> Health:
        """Readiness for a load balancer or a service manager: 503 while the database does not answer, 507
        while the data folder's disk is full."""
        storage.ping()
        disk.check()
        return Health(protocol=PROTOCOL_VERSION)

    app.include_router(_router())
    install_web(app)
    dossier_index.rebuild_missing(storage)
    # add_middleware wraps: the last added runs first.
    app.add_middleware(
        RequestSizeLimit,
        max_bytes=config.max_body_bytes,
        max_header_bytes=config.max_header_bytes,
        path_limits={"/v1/sync/push": config.max_push_bytes},  # each batch is limited by the push route
    )
    app.add_middleware(ProtocolVersionCheck)
    app.add_middleware(RequestLog)
    return app
