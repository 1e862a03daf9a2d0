"""The province's releases carried on a USB stick, for a commune without network.

IT makes the file on the server (``python -m server.cli export-release --kind reference OUT``): a tar of that
kind's signed TUF metadata and its newest archive. The desk (``motcua update import FILE``, or Tools →
Versions and updates → "Import an update file…") reads it with the very checks a download gets
(:func:`workstation.release_updates.verify_and_stage`): the file is only a carrier; what counts are the
signatures of the province's release keys. The desk must already trust those keys (from a sync with its
province, or ``motcua update trust`` with IT's copy of ``1.root.json``): a file never vouches for itself.
"""

from __future__ import annotations

import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from tuf.api.exceptions import DownloadHTTPError
from tuf.ngclient import FetcherInterface

from workstation.errors import UpdateRefused
from workstation.installed_versions import KINDS, SHIPPED_REFERENCE_VERSION, InstalledVersions
from workstation.release_updates import FetchedRelease, verify_and_stage

BUNDLE_ROOT = "motcua-release"
MAX_BUNDLE_BYTES = 1024 * 1024 * 1024
SCHEME = "usb-release://"


class _FolderFetcher(FetcherInterface):
    """Serves tufup's requests from the unpacked file (a missing file is a 404, as on a server)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def _fetch(self, url: str) -> Iterator[bytes]:
        relative = PurePosixPath(url.removeprefix(SCHEME))
        path = self._folder.joinpath(*relative.parts)
        if ".." in relative.parts or not path.is_file():
            raise DownloadHTTPError("not in the USB file", 404)
        with path.open("rb") as handle:
            while chunk := handle.read(64 * 1024):
                yield chunk


def _unpack(bundle: Path, into: Path) -> Path:
    try:
        if bundle.stat().st_size > MAX_BUNDLE_BYTES:
            raise UpdateRefused("the update file is larger than any release", reason="untrusted")
        with tarfile.open(bundle, "r:") as packed:
            members = packed.getmembers()
            for member in members:
                parts = PurePosixPath(member.name).parts
                if not parts or parts[0] != BUNDLE_ROOT or not (member.isfile() or member.isdir()):
                    raise UpdateRefused("this is not a motcua update file", reason="untrusted")
            packed.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise UpdateRefused(
            f"the update file cannot be read ({type(exc).__name__})", reason="tampered"
        ) from None
    return into / BUNDLE_ROOT


def import_release_file(bundle: Path, data_dir: Path, program_version: str) -> list[FetchedRelease]:
    """Verify and stage every release the USB file carries; ``UpdateRefused`` (in words) if one does not
    check out, and nothing of that one is kept."""
    versions = InstalledVersions(data_dir)
    fetched: list[FetchedRelease] = []
    with tempfile.TemporaryDirectory(prefix="motcua-release-") as scratch:
        root = _unpack(Path(bundle), Path(scratch))
        kinds = [kind for kind in KINDS if (root / kind / "metadata").is_dir()]
        if not kinds:
            raise UpdateRefused("the update file holds no release", reason="untrusted")
        for kind in kinds:
            metadata = versions.kind_dir(kind) / "metadata"
            if not (metadata / "root.json").is_file():  # a file never vouches for itself
                raise UpdateRefused(
                    "this desk does not know the province's release keys yet: IT sets them first with "
                    "motcua update trust (or the desk syncs once with its province)",
                    reason="untrusted",
                )
            shipped = program_version if kind == "program" else SHIPPED_REFERENCE_VERSION
            release = verify_and_stage(
                versions,
                kind,
                shipped,
                metadata_url=f"{SCHEME}{kind}/metadata/",
                targets_url=f"{SCHEME}{kind}/targets/",
                fetcher=_FolderFetcher(root),
            )
            if release is not None:
                fetched.append(release)
    return fetched
