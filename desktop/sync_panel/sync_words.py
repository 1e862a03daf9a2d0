"""Sync and bundle errors in plain words for the clerk: what happened, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from sync.errors import SyncError
from workstation.errors import WorkstationError


@dataclass(frozen=True, slots=True)
class Problem:
    """An error as the clerk reads it."""

    kind: str
    what: str
    todo: str

    @property
    def text(self) -> str:
        return f"{self.what} {self.todo}"


def error_kind(error: BaseException) -> str:
    """The stable kind of an error (``SyncError.kind``; ``file`` for file-system errors; else ``error``)."""
    kind = getattr(error, "kind", None)
    if isinstance(error, SyncError | WorkstationError) and isinstance(kind, str):
        return kind
    if isinstance(error, OSError):
        return "file"
    return "error"


class SyncWords(QObject):
    """Translated sentences for sync states and errors (a QObject so that ``tr`` finds its context)."""

    def problem(self, error: BaseException) -> Problem:
        kind = error_kind(error)
        what, todo = self._words(kind)
        return Problem(kind, what, todo)

    def _words(self, kind: str) -> tuple[str, str]:  # noqa: C901 (one table)
        update = self.tr("Ask IT to install the newest motcua; your work on this desk is kept.")
        table: dict[str, tuple[str, str]] = {
            "offline": (
                self.tr("The provincial server cannot be reached."),
                self.tr("Check the network cable or Wi-Fi. Keep working: the desk syncs again later."),
            ),
            "sync_interrupted": (
                self.tr("The connection was lost during the sync."),
                self.tr("Nothing received was lost. The desk tries again by itself."),
            ),
            "unauthorised": (
                self.tr("The provincial server did not accept this workstation: it must be enrolled again."),
                self.tr("Ask provincial IT for a new enrolment code and enrol this workstation again."),
            ),
            "revoked": (
                self.tr("Provincial IT has switched this workstation off for syncing."),
                self.tr("Ask provincial IT for a new enrolment code and enrol again."),
            ),
            "too_old": (self.tr("The software needs updating."), update),
            "sync_update_required": (self.tr("The software needs updating."), update),
            "bundle_too_new": (self.tr("The software needs updating."), update),
            "rate_limited": (
                self.tr("The provincial server is busy."),
                self.tr("The desk tries again by itself when the server says it may."),
            ),
            "server_error": (
                self.tr("The provincial server had a problem."),
                self.tr("Try again later. If it lasts, call provincial IT."),
            ),
            "bad_data": (
                self.tr("The provincial server refused some of the data."),
                self.tr("Call provincial IT; the data stays safe on this desk."),
            ),
            "too_large": (
                self.tr("Too much data for one transfer."),
                self.tr("Try again; if it keeps failing, call IT."),
            ),
            "sync_pairing_refused": (
                self.tr("The other workstation refused the pairing code."),
                self.tr("Pair the two workstations again with a new code."),
            ),
            "sync_wrong_peer": (
                self.tr("The other side is not the one this desk was set up to sync with."),
                self.tr("Check the address in the settings, or call IT."),
            ),
            "sync_bad_message": (
                self.tr("Damaged data arrived during the sync; it was not used."),
                self.tr("Press Sync now again; if it happens again, call IT."),
            ),
            "sync_peer_refused": (
                self.tr("The other side refused the sync."),
                self.tr("Call IT and tell them the time of this message."),
            ),
            "lan_origin_refused": (
                self.tr(
                    "Changes from another desk were refused: they were not signed by the desk that made "
                    "them. Nothing of them was kept."
                ),
                self.tr("A desk may be writing under another desk's name: call IT."),
            ),
            "bundle_tampered": (
                self.tr(
                    "This file was changed after it was made, so it cannot be trusted. Nothing was imported."
                ),
                self.tr("Ask the sender for a new file."),
            ),
            "bundle_truncated": (
                self.tr(
                    "This file is incomplete (maybe the USB stick was pulled out). Nothing was imported."
                ),
                self.tr("Copy the file to the USB stick again, and eject the stick before removing it."),
            ),
            "bundle_wrong_receiver": (
                self.tr("This file was made for another workstation. Nothing was imported."),
                self.tr("Ask the province for a file made for this workstation."),
            ),
            "bundle_unknown_sender": (
                self.tr("This file comes from a sender this desk does not know. Nothing was imported."),
                self.tr("Ask provincial IT to set up the sender's keys on this workstation."),
            ),
            "bundle_not_a_bundle": (
                self.tr("This is not a motcua sync file. Nothing was imported."),
                self.tr("Choose the file the province exported for this desk."),
            ),
            "bundle_bad_content": (
                self.tr("This file does not hold data for this desk. Nothing was imported."),
                self.tr("Choose the file the province exported for this desk."),
            ),
            "province_keys_missing": (
                self.tr("The province's keys are not set up on this workstation."),
                self.tr("Ask provincial IT to set up the province's keys."),
            ),
            "file": (
                self.tr("The file cannot be read or written."),
                self.tr("Check the USB stick (is it full or write-protected?) and try again."),
            ),
        }
        if kind in table:
            return table[kind]
        if kind.startswith("bundle"):
            return (
                self.tr("This sync file cannot be used. Nothing was imported."),
                self.tr("Ask the sender for a new file."),
            )
        return (self.tr("The sync could not finish."), self.tr("Try again; if it keeps failing, call IT."))

    # -- states --------------------------------------------------------------------------------------------

    def offline(self) -> str:
        return self.tr("Offline")

    def online(self) -> str:
        return self.tr("Online")

    def syncing(self) -> str:
        return self.tr("Syncing…")

    def checking(self) -> str:
        return self.tr("Checking the connection…")

    def retrying(self, seconds: int) -> str:
        return self.tr("Offline: the sync resumes by itself in %n second(s)", "", seconds)

    def server_busy(self, seconds: int) -> str:
        return self.tr("The server is busy: the sync resumes by itself in %n second(s)", "", seconds)

    def last_contact(self, when: str) -> str:
        return self.tr("Last contact with the server: %1").replace("%1", when)

    def closing(self) -> str:
        return self.tr("Sending the last changes to the province before closing…")

    def not_set_up(self) -> str:
        return self.tr("Not connected to the provincial server")

    def problem_state(self) -> str:
        return self.tr("Sync problem")

    def waiting(self, count: int) -> str:
        return self.tr("%n change(s) waiting", "", count)

    def waiting_scans(self, count: int, size: str) -> str:
        return self.tr("%n scan(s) waiting (%1)", "", count).replace("%1", size)

    def last_sync(self, when: str) -> str:
        return self.tr("Last sync: %1").replace("%1", when)

    def never_synced(self) -> str:
        return self.tr("Never synced")

    def imported(self, new: int) -> str:
        if new == 0:
            return self.tr("This file was already imported: nothing new.")
        return self.tr("%n change(s) imported.", "", new)

    def exported(self, events: int) -> str:
        return self.tr("%n change(s) written to the file.", "", events)

    def refused(self, count: int) -> str:
        return self.tr("The province refused %n change(s): call IT.", "", count)

    def refused_why(self) -> str:
        return self.tr("The province's rules do not allow these changes; the desk's other changes were sent:")

    def refusal_reason(self, reason: str) -> str:
        """One refused change's reason, in words (the province's own words are English)."""
        words = {
            "invalid_value": self.tr("a value or status change the rules do not allow"),
            "owned_field": self.tr("a field only the province may set"),
            "wrong_side": self.tr("a change marked as the province's own"),
        }
        return words.get(reason, self.tr("refused by the province's rules"))

    def synced(self, sent: int, received: int) -> str:
        return (
            self.tr("Sync finished: %1 sent, %2 received.")
            .replace("%1", str(sent))
            .replace("%2", str(received))
        )
