"""``motcua enrol --server URL --code CODE``: enrol this workstation with the provincial server.

Enrolling needs a client call for the server's ``POST /v1/enrol`` and a place on the desk to keep the device
credential it returns. ``sync.http_transport`` carries sync sessions but has no enrolment call yet, so this
command says plainly that enrolment is not available in this build and exits with status 2: no pretending.
"""

from __future__ import annotations

import importlib

from desktop.it_commands.console import EXIT_UNAVAILABLE, CommandFailed, Console

TRANSPORT_MODULE = "sync.http_transport"
ENROL_FUNCTION = "enrol_device"


def enrolment_available(module: str = TRANSPORT_MODULE, function: str = ENROL_FUNCTION) -> bool:
    """Whether this build's server client has an enrolment call."""
    try:
        found = importlib.import_module(module)
    except ImportError:
        return False
    return callable(getattr(found, function, None))


def run_enrol(server: str, code: str, console: Console, *, module: str = TRANSPORT_MODULE) -> int:
    """Check the arguments, then refuse clearly while the enrolment call is missing (exit status 2)."""
    if not server.startswith(("https://", "http://")):
        raise CommandFailed(
            "the server address must start with https:// (for example https://motcua.tinh.gov.vn)"
        )
    if not code.strip():
        raise CommandFailed("the enrolment code is empty")
    if not enrolment_available(module):
        console.warn(
            "Enrolment with the provincial server is not available in this build of motcua. "
            "The desk works on its own meanwhile (and syncs with USB bundles); ask the province for a "
            "newer build. Nothing was changed."
        )
        return EXIT_UNAVAILABLE
    raise CommandFailed(
        "this build's server client can enrol, but motcua does not keep a device credential yet; "
        "ask the province for a newer build. Nothing was changed.",
        EXIT_UNAVAILABLE,
    )
