"""Fetch the province's signed releases after a sync, verify them (TUF, through ``tufup``), stage them.

For each kind (``program``, ``reference``) the desk keeps TUF metadata in
``<data>/updates/<kind>/metadata``. The first root metadata is the trust anchor: IT may place it with
``motcua update trust KIND ROOT.json`` (the file ``publish-release`` left in the server's releases folder,
``<kind>/metadata/1.root.json``, carried on a USB key); otherwise the desk takes it from its provincial server
the first time, over the enrolled, authenticated channel, and from then on accepts only what that root's keys
sign (key rotations included).

Every file is checked against signed metadata: a tampered archive, metadata signed by other keys, an
older version or replayed older metadata is refused (``UpdateRefused``) and nothing is staged; so is a
reference-data release whose communes list is not usable or lacks this desk's own commune. Each request
tells the server which versions this desk runs (``Motcua-Versions``), so IT sees them per commune.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from tuf.api import exceptions as tuf_errors
from tufup.client import AuthRequestsFetcher, Client

from dossiers.commune_list import parse_commune_list
from dossiers.errors import CommuneListError
from sync.protocol_version import protocol_headers
from workstation.commune_names import COMMUNES_FILE, check_covers
from workstation.errors import UpdateRefused
from workstation.installed_versions import KINDS, SHIPPED_REFERENCE_VERSION, InstalledVersions
from workstation.settings import SETTINGS_FILE_NAME, load_local_settings

logger = logging.getLogger(__name__)

ARCHIVE_NAMES = {"program": "motcua", "reference": "motcua-reference"}
VERSIONS_HEADER = "Motcua-Versions"
TIMEOUT = (10, 60)


@dataclass(frozen=True)
class FetchedRelease:
    kind: str
    version: str


class _DeviceAuth(requests.auth.AuthBase):
    """The device credential and the versions this desk runs, on every request to the province."""

    def __init__(self, credentials: str, versions: str) -> None:
        self._credentials, self._versions = credentials, versions

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._credentials}"
        request.headers[VERSIONS_HEADER] = self._versions
        request.headers.update(protocol_headers())
        return request


class _Fetcher(AuthRequestsFetcher):
    """tufup's fetcher, checking the server's certificate against the province's CA file when given."""

    def __init__(self, origin: str, auth: _DeviceAuth, ca_file: str | None) -> None:
        super().__init__(session_auth={origin: auth})
        self._verify: str | bool = ca_file if ca_file else True

    def _get_session(self, url: str) -> requests.Session:
        session = super()._get_session(url)
        session.verify = self._verify
        return session


class _ProvinceClient(Client):
    """A tufup client whose metadata refresh runs once and lets its errors through (tufup logs them only)."""

    _refreshed = False

    def refresh(self) -> None:
        if not self._refreshed:
            super().refresh()
            self._refreshed = True


class ReleaseFetcher:
    """Checks the province for newer releases of each kind and stages what verifies."""

    def __init__(
        self,
        server_url: str,
        credentials: str,
        data_dir: Path,
        *,
        program_version: str,
        ca_file: str | None = None,
        session_factory: Callable[[], requests.Session] = requests.Session,
    ) -> None:
        self.base = server_url.rstrip("/")
        self.credentials = credentials
        self.versions = InstalledVersions(data_dir)
        self.program_version = program_version
        self.ca_file = ca_file
        self._session_factory = session_factory

    def shipped(self, kind: str) -> str:
        return self.program_version if kind == "program" else SHIPPED_REFERENCE_VERSION

    def versions_header(self) -> str:
        return "; ".join(f"{kind}={self.versions.in_use(kind, self.shipped(kind))}" for kind in KINDS)

    def _auth(self) -> _DeviceAuth:
        return _DeviceAuth(self.credentials, self.versions_header())

    def _url(self, kind: str, part: str) -> str:
        return f"{self.base}/v1/updates/{kind}/{part}/"

    def _trust_on_first_use(self, kind: str, metadata: Path) -> bool:
        """Take the first root metadata from the province if IT placed none; False if none is published."""
        if (metadata / "root.json").is_file():
            return True
        session = self._session_factory()
        try:
            response = session.get(
                self._url(kind, "metadata") + "1.root.json",
                auth=self._auth(),
                timeout=TIMEOUT,
                verify=self.ca_file if self.ca_file else True,
            )
        except requests.RequestException as exc:
            raise UpdateRefused(
                f"the province cannot be reached ({type(exc).__name__})", reason="unreachable"
            ) from None
        finally:
            session.close()
        if response.status_code == 404:
            return False
        if response.status_code != 200 or len(response.content) > 1_000_000:
            raise UpdateRefused(
                f"the province answered {response.status_code} for its release keys", reason="unreachable"
            )
        if not _is_root_metadata(response.content):
            raise UpdateRefused(
                "the province's first release keys are not TUF root metadata", reason="untrusted"
            )
        metadata.mkdir(parents=True, exist_ok=True)
        (metadata / "root.json").write_bytes(response.content)
        logger.info("the province's %s release keys are trusted from now on", kind)
        return True

    def check(self, kind: str) -> FetchedRelease | None:
        """Fetch, verify and stage a newer release of ``kind``; ``None`` if there is none (or none wanted)."""
        metadata = self.versions.kind_dir(kind) / "metadata"
        if not self._trust_on_first_use(kind, metadata):
            return None
        return verify_and_stage(
            self.versions,
            kind,
            self.shipped(kind),
            metadata_url=self._url(kind, "metadata"),
            targets_url=self._url(kind, "targets"),
            fetcher=_Fetcher(self.base, self._auth(), self.ca_file),
            before_download=lambda info, targets: self._resume_download(kind, info, targets),
        )

    def _resume_download(self, kind: str, info: Any, targets: Path) -> None:
        """Fetch the archive into ``<name>.partial``, continuing where a cut link left it (HTTP Range); once
        whole it is renamed for tufup, which checks its signed length and hashes before using it (a wrong one
        is fetched again whole)."""
        final = targets / Path(info.path).name
        if final.is_file():
            return
        partial = final.with_name(final.name + ".partial")
        have = partial.stat().st_size if partial.is_file() else 0
        if have > info.length:
            partial.unlink()
            have = 0
        session = self._session_factory()
        try:
            headers = {"Range": f"bytes={have}-"} if have else {}
            with session.get(
                self._url(kind, "targets") + info.path,
                auth=self._auth(),
                headers=headers,
                stream=True,
                timeout=TIMEOUT,
                verify=self.ca_file if self.ca_file else True,
            ) as response:
                if response.status_code == 200:
                    have = 0  # the server sent the whole file
                elif response.status_code != 206:
                    return  # tufup fetches it whole and says what is wrong
                with partial.open("r+b" if have else "wb") as out:
                    out.seek(have)
                    out.truncate()
                    for chunk in response.iter_content(64 * 1024):
                        if out.tell() + len(chunk) > info.length:
                            break  # more than signed: tufup will refuse it
                        out.write(chunk)
        except (requests.RequestException, OSError) as exc:
            raise UpdateRefused(
                f"the release download stopped ({type(exc).__name__}); it continues at the next sync",
                reason="unreachable",
            ) from None
        finally:
            session.close()
        if partial.stat().st_size == info.length:
            partial.replace(final)

    def check_all(self) -> list[FetchedRelease]:
        """:meth:`check` each kind; a refusal of one kind is logged and does not stop the other."""
        fetched = []
        for kind in KINDS:
            try:
                release = self.check(kind)
            except UpdateRefused as exc:
                logger.warning("%s release refused (%s): %s", kind, exc.reason, exc)
                continue
            if release is not None:
                fetched.append(release)
        return fetched


def verify_and_stage(
    versions: InstalledVersions,
    kind: str,
    shipped: str,
    *,
    metadata_url: str,
    targets_url: str,
    fetcher: Any,
    before_download: Callable[[Any, Path], None] | None = None,
) -> FetchedRelease | None:
    """The one path every release takes, from the network or a USB file: TUF metadata refreshed and checked
    against the trusted root, the newest archive above what runs (and not held back) fetched and checked
    against its signed length and hashes, unpacked and staged. Refusals are ``UpdateRefused``, in words."""
    folder = versions.kind_dir(kind)
    metadata, targets, extract = folder / "metadata", folder / "targets", folder / "extract"
    targets.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(extract, ignore_errors=True)
    extract.mkdir(parents=True)
    client = _ProvinceClient(
        app_name=ARCHIVE_NAMES[kind],
        app_install_dir=folder / "staged",
        current_version=versions.in_use(kind, shipped),
        metadata_dir=metadata,
        metadata_base_url=metadata_url,
        target_dir=targets,
        target_base_url=targets_url,
        extract_dir=extract,
    )
    client._fetcher = fetcher  # noqa: SLF001 - tufup builds its own
    staged: dict[str, Any] = {}
    try:
        client.refresh()
        found = client.check_for_updates(patch=False)
        if found is None or not versions.wanted(kind, str(found.version), shipped):
            return None
        version = str(found.version)
        if client.new_archive_info is not None and before_download is not None:
            before_download(client.new_archive_info, targets)

        def stage(src_dir: Path, dst_dir: Path, **_: Any) -> None:
            if kind == "reference":
                check_reference_communes(Path(src_dir), versions.root.parent)
            staged["path"] = versions.stage(kind, version, Path(src_dir))

        client.download_and_apply_update(skip_confirmation=True, install=stage)
    except tuf_errors.BadVersionNumberError as exc:
        raise UpdateRefused(
            f"the province sent older release metadata than before: {exc}", reason="rollback"
        ) from None
    except tuf_errors.ExpiredMetadataError:
        raise UpdateRefused(
            "the province's release metadata has expired (IT: refresh-release)", reason="expired"
        ) from None
    except tuf_errors.UnsignedMetadataError:
        raise UpdateRefused(
            "a release file is not signed by the province's release keys", reason="untrusted"
        ) from None
    except tuf_errors.LengthOrHashMismatchError:
        raise UpdateRefused(
            "a release file does not match its signed size and hash", reason="tampered"
        ) from None
    except tuf_errors.RepositoryError as exc:
        raise UpdateRefused(
            f"the release metadata does not check out ({type(exc).__name__})", reason="untrusted"
        ) from None
    except tuf_errors.DownloadError as exc:
        raise UpdateRefused(
            f"a release file could not be fetched ({type(exc).__name__})", reason="unreachable"
        ) from None
    finally:
        shutil.rmtree(extract, ignore_errors=True)
    if "path" not in staged:
        raise UpdateRefused(f"the {kind} release {version} could not be unpacked", reason="tampered")
    return FetchedRelease(kind, version)


def check_reference_communes(folder: Path, data_dir: Path) -> None:
    """Refuse a reference-data release whose communes list this desk cannot use: not as documented
    (duplicate codes, empty names…) or without this desk's own commune (a merged one stays listed)."""
    path = folder.joinpath(*COMMUNES_FILE)
    if not path.is_file():
        return
    try:
        communes = parse_commune_list(path.read_bytes())
        own = load_local_settings(data_dir / SETTINGS_FILE_NAME).commune
        check_covers(communes, own.commune_code if own is not None else None)
    except CommuneListError as exc:
        raise UpdateRefused(f"its communes list cannot be used: {exc}", reason="communes") from None


def _is_root_metadata(data: bytes) -> bool:
    try:
        return json.loads(data)["signed"]["_type"] == "root"
    except (ValueError, KeyError, TypeError):
        return False


def trust_root(data_dir: Path, kind: str, root_json: bytes) -> Path:
    """Make ``root_json`` (IT's copy of ``1.root.json``) this desk's trust anchor for ``kind``."""
    if not _is_root_metadata(root_json):
        raise UpdateRefused("the file is not TUF root metadata (1.root.json)", reason="untrusted")
    metadata = InstalledVersions(data_dir).kind_dir(kind) / "metadata"
    if metadata.exists():
        shutil.rmtree(metadata)
    metadata.mkdir(parents=True)
    (metadata / "root.json").write_bytes(root_json)
    return metadata / "root.json"


def stored_release_fetcher(store: Any, data_dir: Path, program_version: str) -> ReleaseFetcher | None:
    """The fetcher for this enrolled desk (server, credential and CA file from the store), else ``None``."""
    from workstation.enrolment import server_link, stored_credentials

    link, credentials = server_link(store), stored_credentials(store)
    if link is None or credentials is None:
        return None
    return ReleaseFetcher(
        link.server_url, credentials, data_dir, program_version=program_version, ca_file=link.ca_file
    )
