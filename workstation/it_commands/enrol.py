"""``motcua enrol --server URL --code CODE [--ca-file PEM] [--label NAME]``: enrol this workstation with the
provincial server.

A clerk's login and passphrase (or the recovery key) open the store; the workstation's device keys and its
commune come from the store; the server's answer is kept inside the encrypted store
(:mod:`workstation.enrolment`). The device credential is never printed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sync.enrolment_client import check_server_url
from sync.errors import EnrolmentRefusedByServer, StoreError, TransportError
from workstation.enrolment import DeskEnrolmentError, SavedEnrolment, enrol_workstation
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console
from workstation.it_commands.credentials import obtain_data_key
from workstation.it_commands.damaged_store import open_desk_store
from workstation.it_commands.workstation_paths import WorkstationPaths

TRANSPORT_WORDS = {
    "offline": "the provincial server cannot be reached: check the address, the network and the CA file",
    "too_old": "the provincial server does not accept this version of motcua: update motcua first",
    "rate_limited": "the provincial server asks to wait: try again in a minute",
    "bad_data": "the provincial server refused the request",
    "server_error": "the provincial server had an error: try again later or call provincial IT",
}


def default_label(replica_id: str) -> str:
    """A label for the server's list of devices when IT gives none (no person's name)."""
    return f"motcua {replica_id[:8]}"


def transport_failure(error: TransportError) -> str:
    """What went wrong, in words for the technician."""
    if isinstance(error, EnrolmentRefusedByServer):
        return f"enrolment refused: {error}"
    words = TRANSPORT_WORDS.get(error.kind, "the provincial server could not enrol this workstation")
    return f"{words} ({error})"


def summary_lines(saved: SavedEnrolment) -> list[str]:
    """What the command prints after enrolling (never the credential)."""
    link = saved.link
    lines = [
        f"Enrolled with {link.server_url} as device {link.device_id} of commune {link.commune}.",
        f"Dossier numbers of this workstation: {saved.space.label} (agency {saved.space.agency}).",
    ]
    if saved.deferred:
        lines.append(
            f"Numbers were already handed out today under the old numbering, so this block applies from "
            f"{saved.effective_from.isoformat()} (a printed number never repeats)."
        )
    else:
        lines.append("The block applies from now on.")
    lines.append("If motcua is open on this workstation, close it and start it again.")
    return lines


def run_enrol(
    paths: WorkstationPaths,
    server: str,
    code: str,
    console: Console,
    *,
    ca_file: Path | str | None = None,
    label: str | None = None,
    login: str | None = None,
    recovery_key: Path | str | None = None,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> int:
    """Check the arguments, open the store, enrol and keep the result; print what was done."""
    try:
        url = check_server_url(server)
    except ValueError as exc:
        raise CommandFailed(str(exc)) from None
    if not code.strip():
        raise CommandFailed("the enrolment code is empty")
    ca_text = None
    if ca_file is not None:
        ca_path = Path(ca_file).resolve()
        if not ca_path.is_file():
            raise CommandFailed(f"there is no CA file at {ca_path}")
        ca_text = str(ca_path)
    if not paths.has_store():
        raise CommandFailed(
            f"there is no store on this workstation yet (looked in {paths.store_folder}): "
            "start motcua and finish the first-run setup first"
        )
    data_key = obtain_data_key(
        paths.key_file, paths.database, console, login=login, recovery_key=recovery_key, now=now
    )
    try:
        store = open_desk_store(
            paths, data_key, now=now, new_id=new_id, outcome="the workstation was not enrolled"
        )
    except StoreError as exc:
        raise CommandFailed(f"the store cannot be opened: {exc}") from None
    try:
        saved = enrol_workstation(
            store,
            url,
            code,
            label=label.strip() if label and label.strip() else default_label(store.replica_id),
            ca_file=ca_text,
            now=now,
        )
    except DeskEnrolmentError as exc:
        raise CommandFailed(str(exc)) from None
    except TransportError as exc:
        raise CommandFailed(transport_failure(exc)) from None
    except ValueError as exc:
        raise CommandFailed(str(exc)) from None
    finally:
        store.close()
    for line in summary_lines(saved):
        console.say(line)
    return EXIT_OK
