"""Desk certificates for LAN tests (made once per session: key generation is cheap but not free), and a LAN
endpoint for a replica trusting a given set of paired desks."""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from sync.lan_peer import LanPeerServer
from sync.lan_tls import DeskCertificate, client_context, make_certificate, server_context

PASSWORD = b"lan test key password"


@cache
def certificate(name: str) -> DeskCertificate:
    """A certificate for ``name`` (the same for the whole test session)."""
    folder = Path(tempfile.mkdtemp(prefix=f"motcua-cert-{name}-"))
    return make_certificate(
        folder / "desk.crt",
        folder / "desk.key",
        name=f"motcua desk {name}",
        password=PASSWORD,
        now=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
    )


def lan_server(replica: Any, own: str, paired: list[str], **options: Any) -> LanPeerServer:
    """An endpoint for ``replica`` with ``own``'s certificate, trusting the ``paired`` desks'."""
    pems = [certificate(name).cert_pem() for name in paired]
    prints = {certificate(name).fingerprint() for name in paired}
    context = server_context(certificate(own), pems)
    return LanPeerServer(
        replica,
        context=lambda: context,
        authorise=prints.__contains__,
        host="127.0.0.1",
        **options,
    )


def caller(own: str | None, peer: str) -> dict[str, Any]:
    """The ``context`` and ``expect_fingerprint`` arguments for ``own`` calling ``peer``."""
    return {
        "context": client_context(None if own is None else certificate(own), certificate(peer).cert_pem()),
        "expect_fingerprint": certificate(peer).fingerprint(),
    }
