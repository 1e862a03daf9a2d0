"""Releases for the desks, signed with the province's release keys (TUF metadata, through ``tufup``).

Two kinds, each a TUF repository of its own under the server's releases folder:

- ``program``: the desk program's folder (the PyInstaller build), archive ``motcua-<version>.tar.gz``;
- ``reference``: the reference data the desk reads from ``resources/`` (form templates, the catalogue seed,
  the province's days off and make-up working days, and the communes list: that one is always the server's
  own, added by ``publish-release``: ``server.communes.commune_list``),
  archive ``motcua-reference-<version>.tar.gz``; checked here before it is published.

IT makes the release keys once (``python -m server.cli release-keys DIR``) and keeps that folder off the
server (a USB key in a safe); publishing (``publish-release``) signs with it. The server only serves the
signed files (``/v1/updates/<kind>/metadata/…`` and ``…/targets/…``); a desk verifies every file against the
root metadata it trusts, refuses an older version or replayed metadata, and stages what it fetched (see
``workstation.release_updates``).
"""

from __future__ import annotations

import logging
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version
from tufup.repo import Keys, Repository

from dossiers.catalogue import parse_catalogue
from dossiers.commune_list import parse_commune_list
from dossiers.errors import DossierError
from dossiers.province_days import parse_province_days
from server.errors import BadInput

logger = logging.getLogger(__name__)

KINDS = {"program": "motcua", "reference": "motcua-reference"}
"""Each kind of release and the archive name its TUF repository uses."""

EXPIRATION_DAYS = {"root": 730, "targets": 180, "snapshot": 180, "timestamp": 180}
"""How long signed metadata stays valid: long, because desks may stay offline for weeks and the keys are
kept off the server (``refresh-release`` re-signs before that: the IT guide says when)."""

REFERENCE_FOLDERS = {"forms", "catalogue", "calendar", "communes"}
"""What a reference-data release may replace in the desk's ``resources/`` (whole folders)."""

COMMUNES_FILE = "communes.json"
"""The communes list in a reference-data release's ``communes`` folder (``dossiers.commune_list``)."""
PROGRAM_EXECUTABLES = ("motcua", "motcua.exe")
FILE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$"
"""The names of published release files (TUF metadata and archives): no folder, no "..", nothing hidden."""
_NAME = re.compile(FILE_NAME_PATTERN)
USB_ROOT = "motcua-release"
"""The top folder of a release carried on a USB stick (``workstation.release_bundles`` reads it)."""


@dataclass(frozen=True)
class PublishedRelease:
    kind: str
    version: str
    archive: Path


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise BadInput(f"the kind of release must be one of {', '.join(KINDS)}, not {kind[:40]!r}")
    return KINDS[kind]


def _version(text: str) -> Version:
    try:
        version = Version(text)
    except InvalidVersion:
        raise BadInput(f"{text[:40]!r} is not a version number (for example 0.2.0 or 2026.12)") from None
    if version.local is not None:
        raise BadInput("a release version has no local part (+…)")
    return version


class _ProvinceRepository(Repository):
    """tufup's repository without its config file (tufup writes it in the working folder; the server keeps
    its own settings)."""

    def save_config(self) -> None:
        pass

    @classmethod
    def load_config(cls) -> dict:  # type: ignore[override]
        return {}


def _repository(releases_dir: Path, kind: str, keys_dir: Path) -> Repository:
    """The kind's TUF repository with IT's keys loaded (never made here: tufup would ask on stdin)."""
    repository = _ProvinceRepository(
        app_name=_kind(kind),
        repo_dir=releases_dir / kind,
        keys_dir=keys_dir,
        expiration_days=dict(EXPIRATION_DAYS),
    )
    repository.metadata_dir.mkdir(parents=True, exist_ok=True)
    repository.targets_dir.mkdir(parents=True, exist_ok=True)
    repository._load_keys_and_roles(create_keys=False)  # noqa: SLF001 - initialize() would make missing keys
    if not repository.roles.file_path("root").exists():
        repository.publish_changes(private_key_dirs=[keys_dir])
    return repository


def make_release_keys(keys_dir: Path) -> list[Path]:
    """Make the province's release key pairs in ``keys_dir`` (refuses a folder that has keys already)."""
    keys_dir = Path(keys_dir)
    if keys_dir.exists() and any(keys_dir.iterdir()):
        raise BadInput(f"{keys_dir} is not empty: release keys are made once, never overwritten")
    keys_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    with _quiet_tufup():
        Keys(dir_path=keys_dir).create()
    made = sorted(path for path in keys_dir.iterdir() if path.is_file())
    for path in made:
        path.chmod(0o600)
    return made


def _check_keys(keys_dir: Path) -> None:
    for role in ("root", "targets", "snapshot", "timestamp"):
        if not (Path(keys_dir) / role).is_file():
            raise BadInput(f"{keys_dir} holds no {role} key: give the folder made by release-keys")


def check_release_folder(kind: str, folder: Path) -> None:
    """Refuse, in words, a folder that is not a release of ``kind`` a desk could use."""
    _kind(kind)
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(f"{folder} is not a folder")
    if any(path.is_symlink() for path in folder.rglob("*")):
        raise BadInput("a release folder may not hold symbolic links")
    if kind == "program":
        if not any((folder / name).is_file() for name in PROGRAM_EXECUTABLES):
            raise BadInput("a program release must hold the motcua program at its top (motcua or motcua.exe)")
        return
    found = {path.name for path in folder.iterdir()}
    unknown = found - REFERENCE_FOLDERS
    if unknown:
        raise BadInput(
            "a reference-data release holds only the folders "
            + ", ".join(sorted(REFERENCE_FOLDERS))
            + "; it also holds "
            + ", ".join(sorted(unknown)[:5])
        )
    if not found:
        raise BadInput("the reference-data release is empty")
    if "forms" in found:
        missing = [
            f"mau_0{i}.html" for i in range(1, 8) if not (folder / "forms" / f"mau_0{i}.html").is_file()
        ]
        if missing:
            raise BadInput(
                "the forms folder lacks " + ", ".join(missing) + " (a release replaces the whole folder)"
            )
    if "calendar" in found:
        try:
            parse_province_days((folder / "calendar" / "province_days.json").read_bytes())
        except OSError:
            raise BadInput("the calendar folder lacks province_days.json") from None
        except DossierError as exc:
            raise BadInput(f"the province's days in the release are not valid: {exc}") from None
    if "catalogue" in found:
        try:
            parse_catalogue((folder / "catalogue" / "procedures.json").read_bytes())
        except OSError:
            raise BadInput("the catalogue folder lacks procedures.json") from None
        except DossierError as exc:
            raise BadInput(f"the catalogue in the release is not valid: {exc}") from None
    if "communes" in found:
        try:
            parse_commune_list((folder / "communes" / COMMUNES_FILE).read_bytes())
        except OSError:
            raise BadInput(f"the communes folder lacks {COMMUNES_FILE}") from None
        except DossierError as exc:
            raise BadInput(f"the communes list in the release is not valid: {exc}") from None


def latest_version(releases_dir: Path, kind: str) -> str | None:
    """The newest version published of ``kind``, if any."""
    targets = Path(releases_dir) / kind / "targets"
    prefix = _kind(kind) + "-"
    versions = []
    for path in targets.glob(f"{prefix}*.tar.gz") if targets.is_dir() else ():
        try:
            versions.append(Version(path.name[len(prefix) : -len(".tar.gz")]))
        except InvalidVersion:
            continue
    return str(max(versions)) if versions else None


def publish_release(
    releases_dir: Path, kind: str, folder: Path, version: str, keys_dir: Path
) -> PublishedRelease:
    """Check ``folder``, pack and sign it as ``version`` of ``kind``; refuse a version not above the last."""
    wanted = _version(version)
    check_release_folder(kind, folder)
    _check_keys(keys_dir)
    latest = latest_version(releases_dir, kind)
    if latest is not None and Version(latest) >= wanted:
        raise BadInput(f"version {wanted} is not above the last published {kind} release ({latest})")
    with _quiet_tufup():
        repository = _repository(Path(releases_dir), kind, Path(keys_dir))
        repository.add_bundle(new_bundle_dir=Path(folder), new_version=str(wanted), skip_patch=True)
        repository.publish_changes(private_key_dirs=[Path(keys_dir)])
    archive = Path(releases_dir) / kind / "targets" / f"{_kind(kind)}-{wanted}.tar.gz"
    logger.info("release published", extra={"kind": kind, "version": str(wanted)})
    return PublishedRelease(kind, str(wanted), archive)


def refresh_release(releases_dir: Path, kind: str, keys_dir: Path) -> None:
    """Re-sign the metadata of ``kind`` with fresh expiry dates (before they run out)."""
    _check_keys(keys_dir)
    if latest_version(releases_dir, kind) is None:
        raise BadInput(f"no {kind} release is published yet")
    with _quiet_tufup():
        repository = _repository(Path(releases_dir), kind, Path(keys_dir))
        for role in ("targets", "snapshot", "timestamp"):
            repository.refresh_expiration_date(role, days=EXPIRATION_DAYS[role])
        repository.publish_changes(private_key_dirs=[Path(keys_dir)])


def export_release(releases_dir: Path, kind: str, out: Path) -> str:
    """Write a USB file carrying ``kind``'s signed metadata and its newest archive; returns that version."""
    latest = latest_version(releases_dir, kind)
    if latest is None:
        raise BadInput(f"no {kind} release is published yet")
    if Path(out).exists():
        raise BadInput(f"{out} exists already: give a new file name")
    folder = Path(releases_dir) / kind
    archive = folder / "targets" / f"{_kind(kind)}-{latest}.tar.gz"
    partial = Path(out).with_name(Path(out).name + ".partial")
    with tarfile.open(partial, "w") as packed:
        for path in sorted((folder / "metadata").glob("*.json")):
            packed.add(path, f"{USB_ROOT}/{kind}/metadata/{path.name}")
        packed.add(archive, f"{USB_ROOT}/{kind}/targets/{archive.name}")
    partial.replace(out)
    return latest


def release_file(releases_dir: Path, kind: str, part: str, name: str) -> Path | None:
    """The published file ``name`` in ``part`` (``metadata`` or ``targets``) of ``kind``, if it exists."""
    if kind not in KINDS or part not in ("metadata", "targets") or not _NAME.match(name) or ".." in name:
        return None
    path = Path(releases_dir) / kind / part / name
    return path if path.is_file() else None


class _quiet_tufup:  # noqa: N801 - used as a context manager
    """tufup logs every step at INFO; the server's log keeps only what IT needs."""

    def __enter__(self) -> None:
        self._logger = logging.getLogger("tufup")
        self._level = self._logger.level
        self._logger.setLevel(logging.WARNING)

    def __exit__(self, *exc: object) -> None:
        self._logger.setLevel(self._level)
