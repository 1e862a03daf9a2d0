"""The sync endpoints (device credentials): the session's three steps, attachments by hash, reference data.

- ``POST /v1/sync/hello``, ``/v1/sync/push``, ``/v1/sync/pull``: the frames of :mod:`sync.sync_session`
  (``application/octet-stream``). A hello that finds the desk lacking nothing counts as its pull (the desk
  skips the pull then). A push is read as it arrives; each batch is committed in its own
  transaction before the next is read, and the answer acknowledges the last one. A refused batch answers 403
  ``events_refused`` with a ``reason``; damaged frames 422; the session's own error frames become HTTP errors.
- ``POST /v1/sync/attachments/missing``, ``PUT /v1/sync/attachments/{sha256}?offset=&size=``,
  ``GET /v1/sync/attachments/{sha256}``: only within the device's commune.
- ``GET /v1/reference/catalogue``: the newest published catalogue, with an ETag (``If-None-Match`` → 304).
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field
from starlette.requests import ClientDisconnect

from server.attachment_uploads import attachment_size, check_sha256, put_chunk, read_chunks, upload_states
from server.auth import DevicePrincipal, Principal, require_device, require_principal, services
from server.bundle_identity import ProvinceBundleKeys
from server.catalogues import latest_catalogue
from server.errors import BadInput, Forbidden, NotFound, RequestTooLarge, ServerError
from server.pull_stream import PullStream, read_pull_request
from server.push_limits import BatchSizeGuard
from server.reference_routes import json_answer, server_time_headers
from server.services import Services
from server.storage.interface import ServerStorage
from server.storage.lost_connections import again_if_lost
from server.sync_replica import ServerReplica
from server.waiting_events import WaitingLimits
from sync.errors import ProtocolMismatch, SyncError, SyncInterrupted, WrongPeer
from sync.field_policies import RecordType
from sync.sync_messages import ERROR, HELLO, PUSH, Frame, StreamReader, encode_frame
from sync.sync_session import SessionResponder

OCTETS = "application/octet-stream"
BINARY = {"type": "string", "format": "binary"}
MAX_MISSING_QUERY = 2000
SHA256_PARAM = r"^[0-9a-f]{64}$"
"""An attachment's name: its SHA-256 in lowercase hex (the OpenAPI document says so too)."""
PUSH_QUEUE_CHUNKS = 64
"""Chunks of a push waiting for the database thread (uvicorn reads ~64 KiB at a time: a few MiB in memory)."""
_CUT = object()


@dataclass(frozen=True)
class SyncSetup:
    """The record types the server replicates, their scope field and the server's replica id prefix."""

    record_types: tuple[RecordType, ...]
    scope_field: str
    base_id: str
    waiting_limits: WaitingLimits = WaitingLimits()
    refusal_keys: ProvinceBundleKeys | None = None
    """The province's keys, which sign its refusals of events (:mod:`sync.event_refusals`), if it has them."""

    def replica(
        self, storage: ServerStorage, commune: str, now: Any, *, pusher: str | None = None
    ) -> ServerReplica:
        return ServerReplica(
            storage,
            commune,
            self.record_types,
            scope_field=self.scope_field,
            now=now,
            base_id=self.base_id,
            pusher=pusher,
            waiting_limits=self.waiting_limits,
            refusal_signer=(
                None if self.refusal_keys is None else self.refusal_keys.for_commune(self.base_id, commune)
            ),
        )


class WrongReplica(Forbidden):
    code = "wrong_replica"


class SessionRefused(BadInput):
    """The session's own refusal (a damaged message, reused event ids …), as an HTTP error."""

    code = "sync_refused"


class _DeviceResponder(SessionResponder):
    """A responder that also checks the session names the calling workstation's own replica id."""

    def __init__(self, replica: ServerReplica, device_replica: str, max_raw: int) -> None:
        super().__init__(replica, max_raw=max_raw)
        self._device_replica = device_replica

    def _peer(self, frame: Frame) -> str:
        peer = super()._peer(frame)
        if peer != self._device_replica:
            raise WrongReplica("this sync names another replica than this workstation's own")
        return peer


class IncompleteMessage(BadInput):
    code = "incomplete_sync_message"


def _first_frame(reply: Iterator[bytes]) -> bytes:
    """The first piece of a responder's reply; a request body that ends early is a 400-class error."""
    try:
        return next(reply)
    except SyncInterrupted:
        raise IncompleteMessage("the sync message ends early: it is incomplete") from None


def _start_pull(request: Request, device: DevicePrincipal, body: bytes) -> PullStream | bytes:
    """The pull's stream (its snapshot taken), or the error frame refusing the request."""
    svc = services(request)
    replica = _setup(request).replica(svc.storage, device.device.commune_code, svc.now)
    try:
        wanted = read_pull_request(body)
        if wanted.replica != device.device.replica_id:
            raise WrongReplica("this sync names another replica than this workstation's own")
        if wanted.replica == replica.replica_id:
            raise WrongPeer("a replica cannot sync with itself (the same replica id on both sides)")
        return PullStream(svc.storage, replica.scope, replica.replica_id, replica.vector(), wanted)
    except SyncInterrupted:
        raise IncompleteMessage("the sync message ends early: it is incomplete") from None
    except ProtocolMismatch as exc:
        return encode_frame(ERROR, {"code": "update_required", "message": str(exc)})
    except SyncError as exc:
        return encode_frame(ERROR, {"code": exc.kind, "message": str(exc)})


def _setup(request: Request) -> SyncSetup:
    return request.app.state.sync  # type: ignore[no-any-return]


def _responder(request: Request, device: DevicePrincipal) -> _DeviceResponder:
    svc = services(request)
    commune, pusher = device.device.commune_code, device.device.replica_id
    replica = _setup(request).replica(svc.storage, commune, svc.now, pusher=pusher)
    return _DeviceResponder(replica, device.device.replica_id, svc.config.max_push_batch_raw_bytes)


def _slot(request: Request, device: DevicePrincipal) -> AbstractContextManager[None]:
    """One of the device's running sync requests (429 past ``limits.device_concurrent_requests``)."""
    return services(request).device_slots.slot(device.device.id, "workstation")


def _refusal(first: bytes) -> None:
    """Raise the HTTP error matching a session error frame (``first`` is the reply's first frame)."""
    try:
        frame = StreamReader([first]).read_frame()
    except SyncError:
        return
    if frame.type != ERROR:
        return
    code = str(frame.header.get("code", "refused"))[:60]
    message = str(frame.header.get("message", ""))[:300]
    raise SessionRefused(f"the sync was refused ({code}): {message}")


def _record_sync(
    svc: Services, device_id: str, *, pushed: int | None = None, pulled: int | None = None
) -> None:
    """Note the device's contact; a finished push or pull is noted with its time even when it carried no
    new event (a pull that finds the desk up to date is still a pull: ``health`` must not say "never")."""
    again_if_lost(lambda: _note_sync(svc, device_id, pushed=pushed, pulled=pulled))


def _note_sync(svc: Services, device_id: str, *, pushed: int | None, pulled: int | None) -> None:
    at = svc.storage.time_in(svc.now())
    with svc.storage.transaction() as tx:
        tx.run(
            "INSERT INTO sync_checkpoints (device_id, last_seen_at, pushed_events, pulled_events)"
            " VALUES (?, ?, 0, 0) ON CONFLICT (device_id) DO UPDATE SET last_seen_at = excluded.last_seen_at",
            (device_id, at),
        )
        if pushed is not None:
            tx.run(
                "UPDATE sync_checkpoints SET last_push_at = ?, pushed_events = pushed_events + ?"
                " WHERE device_id = ?",
                (at, pushed, device_id),
            )
        if pulled is not None:
            tx.run(
                "UPDATE sync_checkpoints SET last_pull_at = ?, pulled_events = pulled_events + ?"
                " WHERE device_id = ?",
                (at, pulled, device_id),
            )


class AttachmentWanted(BaseModel):
    sha256: str = Field(pattern=SHA256_PARAM, strict=True)
    size: int = Field(ge=0, strict=True)
    """A whole number of bytes: ``false`` or ``1.0`` is refused, not read as 0 or 1."""


class MissingBody(BaseModel):
    attachments: list[AttachmentWanted] = Field(max_length=MAX_MISSING_QUERY)


class MissingOut(BaseModel):
    sha256: str
    size: int
    received: int


class MissingResponse(BaseModel):
    missing: list[MissingOut]


class ChunkResponse(BaseModel):
    sha256: str
    size: int
    received: int
    complete: bool


def sync_router() -> APIRouter:
    router = APIRouter(tags=["sync"])
    octet_response: dict[int | str, dict[str, Any]] = {200: {"content": {OCTETS: {}}}}
    octet_body = {"requestBody": {"required": True, "content": {OCTETS: {"schema": BINARY}}}}

    @router.post("/sync/hello", response_class=Response, responses=octet_response, openapi_extra=octet_body)
    async def hello(
        request: Request, device: Annotated[DevicePrincipal, Depends(require_device)]
    ) -> Response:
        """Step 1 of a session: the workstation's version vector in, the server's (for its commune) out."""
        with _slot(request, device):
            body = await request.body()
            responder = _responder(request, device)
            reply = await anyio.to_thread.run_sync(_first_frame, responder.handle(HELLO, [body]))
        _refusal(reply)
        # A desk told it lacks nothing skips its pull: this answer is that pull (``health``'s backlog).
        up_to_date = StreamReader([reply]).read_frame().header.get("more") is False
        await anyio.to_thread.run_sync(
            lambda: _record_sync(services(request), device.device.id, pulled=0 if up_to_date else None)
        )
        return Response(reply, media_type=OCTETS, headers=server_time_headers(services(request).now()))

    @router.post("/sync/push", response_class=Response, responses=octet_response, openapi_extra=octet_body)
    async def push(request: Request, device: Annotated[DevicePrincipal, Depends(require_device)]) -> Response:
        """Step 2: batches of events, each committed as it arrives; the answer acknowledges the last one.

        The body is streamed (a bounded queue between the network and the database thread): the request is
        bounded by ``limits.max_push_bytes``, each batch by ``limits.max_push_batch_bytes``."""
        with _slot(request, device):
            return await _push(request, device)

    async def _push(request: Request, device: DevicePrincipal) -> Response:
        responder = _responder(request, device)
        guard = BatchSizeGuard(services(request).config.max_push_batch_bytes)
        chunks: queue.Queue[Any] = queue.Queue(maxsize=PUSH_QUEUE_CHUNKS)
        outcome: dict[str, Any] = {}

        def body() -> Iterator[bytes]:
            while True:
                item = chunks.get()
                if item is None:
                    return
                if item is _CUT:
                    raise SyncInterrupted("the workstation's push stopped in the middle")
                passed = guard.feed(item)
                if passed:
                    yield passed
                if guard.refused is not None:
                    raise guard.refused

        def work() -> None:
            try:
                outcome["reply"] = b"".join(responder.handle(PUSH, body()))
            except BaseException as exc:  # handed to the request's task below
                outcome["error"] = exc

        async def hand_over(item: Any) -> bool:
            """Queue ``item`` for the database thread; False once that thread has stopped."""
            while True:
                try:
                    chunks.put_nowait(item)
                    return True
                except queue.Full:
                    if outcome:
                        return False
                    await anyio.sleep(0.002)

        too_large: RequestTooLarge | None = None
        async with anyio.create_task_group() as group:
            group.start_soon(anyio.to_thread.run_sync, work)
            try:
                async for chunk in request.stream():
                    if chunk and not await hand_over(chunk):
                        break
                else:
                    await hand_over(None)
            except ClientDisconnect:
                await hand_over(_CUT)
            except RequestTooLarge as exc:
                too_large = exc
                await hand_over(_CUT)
        if too_large is not None:
            raise too_large
        error = outcome.get("error")
        if isinstance(error, RequestTooLarge):  # a batch over the limit: the batches before it stay
            raise error
        if isinstance(error, SyncInterrupted):  # the body ended early; committed batches stay
            raise IncompleteMessage("the push ends early: the batches before the cut were kept")
        if error is not None:
            raise error
        reply: bytes = outcome["reply"]
        _refusal(reply)
        pushed = StreamReader([reply]).read_frame().header.get("new", 0)
        await anyio.to_thread.run_sync(
            lambda: _record_sync(services(request), device.device.id, pushed=int(pushed))
        )
        return Response(reply, media_type=OCTETS)

    @router.post(
        "/sync/pull", response_class=StreamingResponse, responses=octet_response, openapi_extra=octet_body
    )
    async def pull(request: Request, device: Annotated[DevicePrincipal, Depends(require_device)]) -> Response:
        """Step 3: the commune's events the workstation lacks, in compressed batches, streamed as they are
        read (``server.pull_stream``: the first bytes leave at once, memory stays bounded)."""
        with _slot(request, device):  # the snapshot: the vector and what the workstation lacks (short)
            body = await request.body()
            stream = await anyio.to_thread.run_sync(lambda: _start_pull(request, device, body))
        if isinstance(stream, bytes):
            _refusal(stream)
            raise ServerError("a pull refusal without a reason")  # pragma: no cover - _refusal raises
        await anyio.to_thread.run_sync(
            lambda: _record_sync(services(request), device.device.id, pulled=stream.events)
        )
        return StreamingResponse(stream.frames(), media_type=OCTETS)

    @router.post("/sync/attachments/missing", response_model=MissingResponse)
    def missing_attachments(
        body: MissingBody,
        device: Annotated[DevicePrincipal, Depends(require_device)],
        svc: Annotated[Services, Depends(services)],
    ) -> MissingResponse:
        """Which of these attachments the server lacks for this commune, and how much of each it has."""
        wanted = [(a.sha256, a.size) for a in body.attachments]
        states = upload_states(svc.storage, device.device.commune_code, wanted)
        return MissingResponse(
            missing=[MissingOut(sha256=s.sha256, size=s.size, received=s.received) for s in states]
        )

    @router.put("/sync/attachments/{sha256}", response_model=ChunkResponse, openapi_extra=octet_body)
    async def upload_chunk(
        sha256: Annotated[str, PathParam(pattern=SHA256_PARAM)],
        request: Request,
        device: Annotated[DevicePrincipal, Depends(require_device)],
        offset: Annotated[int, Query(ge=0)],
        size: Annotated[int, Query(ge=0)],
    ) -> ChunkResponse:
        """One chunk of an attachment at ``offset``; the last one is checked against the hash."""
        check_sha256(sha256)
        data = await request.body()
        svc = services(request)
        state = await anyio.to_thread.run_sync(
            lambda: put_chunk(
                svc.storage,
                device.device.commune_code,
                sha256,
                offset=offset,
                size=size,
                data=data,
                now=svc.now(),
                limit=svc.config.max_scan_bytes,
                quota=svc.config.scan_quota(device.device.commune_code),
                named_by_commune=True,
            )
        )
        return ChunkResponse(sha256=sha256, size=state.size, received=state.received, complete=state.complete)

    @router.get("/sync/attachments/{sha256}", response_class=StreamingResponse, responses=octet_response)
    def download_attachment(
        sha256: Annotated[str, PathParam(pattern=SHA256_PARAM)],
        device: Annotated[DevicePrincipal, Depends(require_device)],
        svc: Annotated[Services, Depends(services)],
    ) -> Response:
        """An attachment of this commune, by hash."""
        size = attachment_size(svc.storage, device.device.commune_code, sha256)
        return StreamingResponse(
            read_chunks(svc.storage, device.device.commune_code, sha256),
            media_type=OCTETS,
            headers={"Content-Length": str(size)},
        )

    @router.get(
        "/reference/catalogue",
        tags=["reference"],
        responses={200: {"content": {"application/json": {}}}, 304: {"description": "not modified"}},
    )
    def catalogue(
        principal: Annotated[Principal, Depends(require_principal)],
        svc: Annotated[Services, Depends(services)],
        if_none_match: Annotated[str | None, Header()] = None,
        accept_encoding: Annotated[str | None, Header()] = None,
    ) -> Response:
        """The newest published catalogue of procedures (versioned; ETag and If-None-Match; gzip)."""
        published = latest_catalogue(svc.storage)
        if published is None:
            raise NotFound("no catalogue has been published yet")
        headers = {"ETag": published.etag, "X-Motcua-Catalogue-Version": str(published.version)}
        if if_none_match is not None and published.etag in [t.strip() for t in if_none_match.split(",")]:
            return Response(status_code=304, headers=headers)
        return json_answer(published.body.encode("utf-8"), headers, accept_encoding)

    return router


def event_error_extra(exc: ServerError) -> dict[str, Any]:
    """Extra fields of an error answer: the refusal reason, the expected offset."""
    extra: dict[str, Any] = {}
    for name in ("reason", "expected"):
        value = getattr(exc, name, None)
        if isinstance(value, str | int):
            extra[name] = value
    return extra
