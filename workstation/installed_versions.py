"""Which program and reference-data versions this desk runs: staged releases, applied at the next start.

A release fetched from the province (``workstation.release_updates``) is *staged* in
``<data folder>/updates/<kind>/staged/<version>/`` and marked pending. At the next start it becomes the
active one and the one before is kept, so IT or the head clerk can go back with one click ("Return to the
previous version" in the desk, or ``motcua update rollback``); the version stepped back from is held back, so
the next sync does not bring it again until a newer one is published.

- ``reference``: the active folder's ``forms/``, ``catalogue/`` and ``calendar/`` replace the shipped ones,
  and its ``communes/`` the official communes list (:func:`resources.use_reference_data`); without one, the
  shipped data (version ``0``) is used.
- ``program``: the active folder holds a newer desk program; the installed program hands over to it at
  start (``desktop.__main__``) when it is newer than itself.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from packaging.version import InvalidVersion, Version

from sync.keyfile import write_file_atomically

logger = logging.getLogger(__name__)

KINDS = ("program", "reference")
SHIPPED_REFERENCE_VERSION = "0"
"""The version of the reference data shipped inside the program."""
STATE_FORMAT = "motcua-installed-versions"
UPDATES_FOLDER = "updates"


def newer(candidate: str, than: str | None) -> bool:
    """Whether version ``candidate`` is above ``than`` (``None`` is below everything)."""
    if than is None:
        return True
    try:
        return Version(candidate) > Version(than)
    except InvalidVersion:
        return False


@dataclass(frozen=True)
class KindState:
    """A kind's versions: the one in use, the one kept to go back to, the one waiting for a start, the one
    stepped back from."""

    active: str | None = None
    previous: str | None = None
    pending: str | None = None
    held_back: str | None = None


class InstalledVersions:
    """The ``updates`` folder of one desk's data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / UPDATES_FOLDER

    def kind_dir(self, kind: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of release {kind!r}")
        return self.root / kind

    def staged_dir(self, kind: str, version: str) -> Path:
        return self.kind_dir(kind) / "staged" / str(Version(version))

    def state(self, kind: str) -> KindState:
        path = self.kind_dir(kind) / "state.json"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            if doc.get("format") != STATE_FORMAT:
                raise ValueError("not a versions file")
            fields = {name: doc.get(name) for name in KindState.__dataclass_fields__}
            if not all(value is None or isinstance(value, str) for value in fields.values()):
                raise ValueError("a version is not text")
            return KindState(**fields)
        except FileNotFoundError:
            return KindState()
        except (OSError, ValueError) as exc:
            logger.warning("the %s versions file is unreadable (%s): the shipped version is used", kind, exc)
            return KindState()

    def _save(self, kind: str, state: KindState) -> None:
        folder = self.kind_dir(kind)
        folder.mkdir(parents=True, exist_ok=True)
        doc = {"format": STATE_FORMAT, **asdict(state)}
        write_file_atomically(folder / "state.json", json.dumps(doc, sort_keys=True).encode())

    def in_use(self, kind: str, shipped: str) -> str:
        """The version running now: the active staged one if any, else what was shipped."""
        active = self.state(kind).active
        if active is None or (kind == "program" and not newer(active, shipped)):
            return shipped  # nothing staged, or the installer brought a program as new as the staged one
        return active

    def wanted(self, kind: str, version: str, shipped: str) -> bool:
        """Whether a fetched ``version`` is worth staging (newer than what runs, waits and was held back)."""
        state = self.state(kind)
        floor = [self.in_use(kind, shipped), state.pending, state.held_back]
        return all(newer(version, other) for other in floor if other is not None)

    def stage(self, kind: str, version: str, extracted: Path) -> Path:
        """Move a verified, extracted release into place and mark it to be applied at the next start."""
        target = self.staged_dir(kind, version)
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(extracted, partial)
        shutil.rmtree(target, ignore_errors=True)
        partial.replace(target)
        self._save(kind, replace(self.state(kind), pending=str(Version(version))))
        logger.info("%s release %s staged: applied at the next start", kind, version)
        return target

    def apply_pending(self, kind: str) -> str | None:
        """At start: make the pending release the active one (the active one becomes the previous)."""
        state = self.state(kind)
        if state.pending is None:
            return None
        if not self.staged_dir(kind, state.pending).is_dir():
            logger.warning("the staged %s release %s is gone: nothing applied", kind, state.pending)
            self._save(kind, replace(state, pending=None))
            return None
        applied = KindState(active=state.pending, previous=state.active, pending=None, held_back=None)
        self._save(kind, applied)
        self._prune(kind, applied)
        logger.info("%s release %s applied", kind, applied.active)
        return applied.active

    def roll_back(self, kind: str) -> str | None:
        """Go back to the previous version (or to the shipped one); the version left is held back.

        Returns the version in use from the next start (``None``: the shipped one)."""
        state = self.state(kind)
        if state.active is None:
            raise ValueError(f"this desk runs the shipped {kind} version: there is nothing to go back from")
        back = KindState(active=state.previous, previous=None, pending=None, held_back=state.active)
        self._save(kind, back)
        logger.info(
            "%s release %s rolled back to %s", kind, state.active, state.previous or "the shipped one"
        )
        return back.active

    def active_dir(self, kind: str) -> Path | None:
        active = self.state(kind).active
        folder = self.staged_dir(kind, active) if active is not None else None
        return folder if folder is not None and folder.is_dir() else None

    def _prune(self, kind: str, state: KindState) -> None:
        keep = {str(Version(v)) for v in (state.active, state.previous, state.pending) if v is not None}
        staged = self.kind_dir(kind) / "staged"
        for folder in staged.iterdir() if staged.is_dir() else ():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)


def apply_at_start(data_dir: Path) -> dict[str, str | None]:
    """Apply the releases waiting in ``data_dir`` (once, at the desk's start, before anything loads)."""
    versions = InstalledVersions(data_dir)
    return {kind: versions.apply_pending(kind) for kind in KINDS}
