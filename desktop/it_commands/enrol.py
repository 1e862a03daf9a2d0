"""``motcua enrol --server URL --code CODE``: enrol this workstation with the provincial server.

The desk's HTTP transport to the provincial server (``sync/http_transport.py``) is not part of this build yet,
so the command says so plainly and exits with status 2, rather than pretending.
"""

from __future__ import annotations

import importlib.util

from desktop.it_commands.console import EXIT_UNAVAILABLE, CommandFailed, Console

TRANSPORT_MODULE = "sync.http_transport"


def transport_available(module: str = TRANSPORT_MODULE) -> bool:
    """Whether this build has the HTTP transport to the provincial server."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def run_enrol(server: str, code: str, console: Console, *, module: str = TRANSPORT_MODULE) -> int:
    """Refuse clearly while the transport is missing (a later build wires the real enrolment here)."""
    if not server.startswith(("https://", "http://")):
        raise CommandFailed(
            "the server address must start with https:// (for example https://motcua.tinh.gov.vn)"
        )
    if not code.strip():
        raise CommandFailed("the enrolment code is empty")
    if not transport_available(module):
        console.warn(
            "Enrolment with the provincial server is not available in this build of motcua: it cannot talk "
            "to the server yet. The desk works on its own meanwhile; ask the province for a newer build."
        )
        return EXIT_UNAVAILABLE
    raise CommandFailed(
        "this build has the server transport but its enrolment is not wired into motcua yet; "
        "ask the province for a newer build",
        EXIT_UNAVAILABLE,
    )
