"""Scans between a desk's store and a live server (``sync.scan_transfer``): what a commune may not send is
refused in words (another commune's scan, over the commune's quota, too big, wrong hash) while the others go;
sent scans are not sent again; a link cut mid-upload resumes by chunk, within the sync or at the next one."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.config import config_from_toml
from server.storage.interface import ServerStorage
from sync.attachments import AttachmentStore
from sync.connection import Connection
from sync.errors import ServerOffline
from sync.scan_transfer import ScanProgress, fetch_scans, upload_scans
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.live_desks import Desk
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer
from workstation.scan_fetching import sync_scans

CHUNK = 64 * 1024


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the PostgreSQL SQL of the checks is the same statements (tests/server/test_api.py)


@pytest.fixture
def desks(
    storage: ServerStorage, clock: Clock, ids: Ids, tmp_path: Path
) -> Iterator[Callable[[LiveServer, str, str], Desk]]:
    made: list[Desk] = []

    def make(live: LiveServer, name: str, commune: str) -> Desk:
        desk = Desk(tmp_path, name, commune, enrol(live, storage, commune, clock, ids, name))
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.close()


def add_scan(desk: Desk, content: bytes) -> str:
    """A scan in the desk's store (its own attachment store, as the desk's scan screen adds it)."""
    store = desk.store

    def add(conn: Connection) -> str:
        return (
            AttachmentStore(conn, store.paths.attachments, now=store.now)
            .add_stream(io.BytesIO(content))
            .sha256
        )

    return str(store.write(add).result())


def stored(storage: ServerStorage, commune: str, sha256: str) -> bytes:
    with storage.transaction() as tx:
        rows = tx.query(
            "SELECT data FROM attachment_chunks WHERE commune_code = ? AND sha256 = ? ORDER BY start_offset",
            (commune, sha256),
        )
    return b"".join(bytes(row[0]) for row in rows)


def test_what_a_commune_may_not_send_is_refused_in_words_and_the_rest_goes(
    serve: Callable[..., LiveServer], storage: ServerStorage, desks, communes: list[str]
) -> None:
    mine, other = communes[0], communes[1]
    live = serve(max_scan_bytes=600, scan_quotas=((mine, 1000),))
    desk = desks(live, "desk-a1", mine)
    first, second, over_quota, too_big, unnamed = (os.urandom(n) for n in (500, 400, 300, 700, 10))
    scans = [add_scan(desk, content) for content in (first, second, over_quota, too_big)]
    unnamed_sha = add_scan(desk, unnamed)
    elsewhere = os.urandom(50)  # named by the dossier, held by another desk
    elsewhere_sha = hashlib.sha256(elsewhere).hexdigest()
    desk.new_dossier(1, (*scans, elsewhere_sha))
    desk.sync(live.url)
    seen: list[ScanProgress] = []
    with desk.transport(live.url) as transport:
        report = upload_scans(transport, desk.store, progress=seen.append)
    assert report.sent == 2 and report.bytes == 900
    assert report.refused == {
        scans[2]: "scan_quota_exceeded",
        scans[3]: "scan_too_large",
        unnamed_sha: "scan_not_of_commune",
    }
    assert stored(storage, mine, scans[0]) == first and stored(storage, mine, scans[1]) == second
    assert seen[-1].done == seen[-1].total == 5

    headers = {"Authorization": f"Bearer {desk.credential}"}
    quota = live.request(
        "PUT", f"/v1/sync/attachments/{scans[2]}?offset=0&size=300", data=over_quota, headers=headers
    )
    assert quota.status_code == 413 and "quota of 1000 bytes" in quota.json()["message"]
    big = live.request(
        "PUT", f"/v1/sync/attachments/{scans[3]}?offset=0&size=700", data=too_big, headers=headers
    )
    assert big.status_code == 413 and "at most 600 bytes" in big.json()["message"]

    # commune B sends the scan of commune A's dossier: refused, though B holds the very bytes
    intruder = desks(live, "desk-b1", other)
    add_scan(intruder, first)
    intruder.new_dossier(1)
    intruder.sync(live.url)
    with intruder.transport(live.url) as transport:
        refused = upload_scans(transport, intruder.store)
    assert refused.sent == 0 and refused.refused == {scans[0]: "scan_not_of_commune"}
    answer = live.request(
        "PUT",
        f"/v1/sync/attachments/{scans[0]}?offset=0&size=500",
        data=first,
        headers={"Authorization": f"Bearer {intruder.credential}"},
    )
    assert (
        answer.status_code == 403 and "no dossier of this commune names this scan" in answer.json()["message"]
    )
    assert stored(storage, other, scans[0]) == b""

    # bytes that do not have the announced hash are refused at the last chunk, and nothing is kept
    path = f"/v1/sync/attachments/{elsewhere_sha}?offset=0&size=50"
    wrong = live.request("PUT", path, data=b"x" * 50, headers=headers)
    assert wrong.status_code == 422 and "do not have this SHA-256" in wrong.json()["message"]
    assert stored(storage, mine, elsewhere_sha) == b""

    # sent once: a second sync sends nothing, and a second desk holding the same scan sends nothing either
    with desk.transport(live.url) as transport:
        again = upload_scans(transport, desk.store)
    assert again.sent == 0 and again.bytes == 0
    twin = desks(live, "desk-a2", mine)
    add_scan(twin, first)
    with twin.transport(live.url) as transport:
        assert upload_scans(transport, twin.store).sent == 0
        fetched = fetch_scans(transport, twin.store, [(scans[1], "application/pdf", 400)])
    assert fetched.fetched == 1 and twin.store  # the other desk's scan, fetched by hash


def test_quotas_are_configured_per_commune() -> None:
    config = config_from_toml(
        "[scans]\nmax_scan_bytes = 1000\ncommune_quota_bytes = 5000\n"
        '[scans.commune_quotas]\n"00070" = 9000\n',
        Path("."),
    )
    assert config.max_scan_bytes == 1000
    assert config.scan_quota("00070") == 9000 and config.scan_quota("00004") == 5000


def test_a_cut_mid_upload_resumes_by_chunk(
    live: LiveServer, storage: ServerStorage, desks, communes: list[str]
) -> None:
    commune = communes[0]
    desk = desks(live, "desk-a1", commune)
    content = os.urandom(20 * CHUNK + 123)
    sha = add_scan(desk, content)
    desk.new_dossier(1, (sha,))
    desk.sync(live.url)
    host, port = live.url.removeprefix("http://").split(":")

    # the link is cut for good mid-upload: the sync ends, the server keeps the whole chunks it had
    with FlakyLink((host, int(port)), cut_after=8 * CHUNK) as link:
        with desk.transport(link.url, retries=0) as transport, pytest.raises(ServerOffline):
            upload_scans(transport, desk.store, chunk_bytes=CHUNK)
    live.wait_idle()
    with desk.transport(live.url) as transport:
        [state] = transport.missing_attachments([(sha, len(content))])
    assert 0 < state.received < len(content) and state.received % CHUNK == 0

    # the next sync goes on from there (over a link cut once more, retried within the sync)
    budgets = iter([5 * CHUNK])
    with FlakyLink((host, int(port)), cut_after=lambda: next(budgets, None)) as link:
        with desk.transport(link.url) as transport:
            report = upload_scans(transport, desk.store, chunk_bytes=CHUNK)
        assert link.stats.cuts == 1
        assert link.stats.bytes_up < len(content) - state.received + 4 * CHUNK  # no upload from the start
    assert report.sent == 1 and report.bytes == len(content) - state.received
    assert stored(storage, commune, sha) == content
    assert hashlib.sha256(stored(storage, commune, sha)).hexdigest() == sha


def test_a_sync_fetches_other_desks_scans_up_to_its_budget(
    live: LiveServer, desks, communes: list[str]
) -> None:
    commune = communes[0]
    sender, other = desks(live, "desk-a1", commune), desks(live, "desk-a2", commune)
    contents = [os.urandom(1000) for _ in range(3)]
    sent = [add_scan(sender, content) for content in contents]
    unsent = hashlib.sha256(b"a scan no desk has sent").hexdigest()
    sender.new_dossier(1, (unsent, *sent))
    sender.sync(live.url)
    with sender.transport(live.url) as transport:
        assert upload_scans(transport, sender.store).sent == 3
    wanted = [(unsent, "application/pdf", 10), *((sha, "application/pdf", 1000) for sha in sent)]
    with other.transport(live.url) as transport:
        first = fetch_scans(transport, other.store, wanted, budget=1500)
        assert first.not_on_server == [unsent] and first.fetched == 2  # stops once past its budget
        rest = fetch_scans(transport, other.store, wanted[3:], budget=1500)
    assert rest.fetched == 1
    with other.store.reader() as conn:
        attachments = AttachmentStore(conn, other.store.paths.attachments, now=other.store.now)
        assert [attachments.read_bytes(sha) for sha in sent] == contents


def test_a_desk_sync_sends_only_the_scans_its_dossiers_name(
    live: LiveServer, storage: ServerStorage, desks, communes: list[str]
) -> None:
    commune = communes[0]
    desk = desks(live, "desk-a1", commune)
    named, orphan = os.urandom(2000), os.urandom(3000)  # the orphan: attached to a reception never saved
    sha = add_scan(desk, named)
    orphan_sha = add_scan(desk, orphan)
    desk.new_dossier(1, (sha,))
    desk.sync(live.url)
    with desk.transport(live.url) as transport:
        done = sync_scans(transport, desk.store, lambda _p: None)
    assert done.sent.sent == 1 and done.sent.refused == {} and done.fetched.fetched == 0
    assert stored(storage, commune, sha) == named and stored(storage, commune, orphan_sha) == b""
