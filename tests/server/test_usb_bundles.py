"""USB bundles between a desk and the province: a desk enrolled against a real server (uvicorn, SQLite) holds
the province's keys, exports a bundle; the admin CLI imports it (checked like a push), exports the province's
changes for that desk; the desk imports them."""

from __future__ import annotations

import base64
import io
import json
import os
import stat
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.bundle_identity import BundleKeysError, province_bundle_keys
from server.cli import main as server_cli
from server.communes import load_communes
from server.config import config_from_toml
from server.storage.sqlite_storage import SqliteStorage
from server.sync_replica import ServerReplica, commune_replica_id, server_replica_base
from server.usb_bundles import BundleCheckpoints
from sync.bundle_exchange import export_bundle, import_bundle
from sync.device_keys import DeviceIdentity
from sync.event_signatures import signature_valid
from sync.event_texts import decode_canonical
from sync.replica_store import ReplicaStore
from sync.version_vectors import VersionVector
from tests.helpers.enrolled_desks import HOAN_KIEM, draft, it_enrol, new_desk, open_work, unlock
from tests.server.conftest import Clock, Ids, LiveServer, make_config
from workstation.enrolment import server_link
from workstation.opening import DeskSession
from workstation.sync_keys import StoreCheckpoints, device_identity, peer_keys, province_keys


@dataclass
class Province:
    live: LiveServer
    storage: SqliteStorage
    clock: Clock
    config: Path
    key_file: Path

    def cli(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        status = server_cli(
            ["--config", str(self.config), *args],
            stdout=out,
            stderr=err,
            now=self.clock.now,
            new_id=lambda: uuid.uuid4().hex,
        )
        return status, out.getvalue(), err.getvalue()

    def code(self, commune: str = HOAN_KIEM) -> str:
        status, out, err = self.cli("enrol-code", "--commune", commune)
        assert status == 0, err
        return out.split(": ", 1)[1].split()[0]

    def replica(self, commune: str = HOAN_KIEM) -> ServerReplica:
        return ServerReplica(
            self.storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=self.clock.now
        )


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Province]:
    folder = tmp_path / "server"
    folder.mkdir()
    database, key_file = folder / "server.db", folder / "keys" / "bundle-keys.json"
    storage = SqliteStorage(database)
    storage.migrate()
    load_communes(storage, "01")
    config = folder / "server.toml"
    config.write_text(
        f'[server]\ndatabase = "sqlite:///{database}"\n[bundles]\nkey_file = "keys/bundle-keys.json"\n',
        encoding="utf-8",
    )
    clock = Clock()
    live = LiveServer(make_config(bundle_key_file=key_file), storage, clock, Ids())
    yield Province(live, storage, clock, config, key_file)
    live.stop()
    storage.close()


@dataclass
class EnrolledDesk:
    session: DeskSession
    device_id: str

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self.session.store


@pytest.fixture
def desk(province: Province, tmp_path: Path) -> Iterator[EnrolledDesk]:
    data = new_desk(tmp_path, "desk-a", province.clock)
    status, text = it_enrol(data, province, province.code())
    assert status == 0, text
    session = unlock(data, province.clock)
    link = server_link(session.store)
    assert link is not None
    yield EnrolledDesk(session, link.device_id)
    session.store.close()


def desk_export(desk: EnrolledDesk, replica: ReplicaStore, path: Path, province: Province) -> int:
    """What ``SyncController.export_bundle`` does, without Qt."""
    receiver = province_keys(desk.store)
    assert receiver is not None
    since = StoreCheckpoints(desk.store).load(replica.replica_id, receiver.replica_id)
    written = export_bundle(
        replica,
        path,
        identity=device_identity(desk.store),
        receiver=receiver,
        since=since,
        bundle_id=uuid.uuid4().hex,
        now=province.clock.now,
    )
    return written.events


def desk_import(desk: EnrolledDesk, replica: ReplicaStore, path: Path, province: Province) -> int:
    """What ``SyncController.import_bundle`` does, without Qt."""
    done = import_bundle(
        replica,
        path,
        identity=device_identity(desk.store),
        known_senders=peer_keys(desk.store),
        now=province.clock.now,
        checkpoints=StoreCheckpoints(desk.store),
    )
    return done.counts.new


# ---- the round trip ------------------------------------------------------------------------------


def test_a_desk_and_the_province_exchange_dossiers_by_usb_stick(
    province: Province, desk: EnrolledDesk, tmp_path: Path
) -> None:
    base = server_replica_base(province.storage)
    keys = province_keys(desk.store)
    assert keys is not None and keys.replica_id == commune_replica_id(base, HOAN_KIEM)
    assert keys == province_bundle_keys(province.key_file).public_for_commune(base, HOAN_KIEM)

    work = open_work(desk.session, province.clock, "w")
    dossiers = sorted(work.desk.receive(draft()).dossier_id for _ in range(2))
    stick = tmp_path / "stick"
    stick.mkdir()
    outgoing = stick / "desk.mcb"
    events = desk_export(desk, work.desk.replica, outgoing, province)
    assert events >= 2

    status, out, err = province.cli("import-bundle", str(outgoing))
    assert status == 0, err
    assert f"{events} event(s), {events} new, 0 already here, 0 waiting" in out and desk.device_id in out
    assert province.replica().record_ids("dossier") == dossiers
    enrolled = province.storage.get_device(desk.device_id)  # every event is signed by the enrolled key
    assert enrolled is not None
    mine = [decode_canonical(t).event for t in province.replica().missing_encoded(VersionVector())]
    mine = [event for event in mine if event.id.replica_id == work.desk.replica.replica_id]
    assert len(mine) == events
    assert all(signature_valid(event, base64.b64decode(enrolled.signing_key)) for event in mine)
    vector = province.replica().vector()
    known = BundleCheckpoints(province.storage).load(
        province.replica().replica_id, work.desk.replica.replica_id
    )
    assert known is not None and known.peer_after.dominates(work.desk.replica.vector())
    status, out, err = province.cli("import-bundle", str(outgoing))  # twice: nothing new
    assert status == 0 and f"0 new, {events} already here" in out
    assert province.replica().vector() == vector

    province.clock.advance(hours=1)
    decided = province.replica().write(
        "dossier", dossiers[0], {"province_decision": {"result": "approved"}}, "officer-1"
    )
    incoming = stick / "for-desk.mcb"
    status, out, err = province.cli("export-bundle", "--device", desk.device_id, str(incoming))
    assert status == 0, err
    assert out.startswith("1 event(s) written")  # only what the desk lacks: not its own dossiers back
    assert desk_import(desk, work.desk.replica, incoming, province) == 1
    held = work.desk.replica.record("dossier", dossiers[0])
    assert held.get("province_decision") == {"result": "approved"}
    assert decided.id in {event.id for event in held.history}
    assert desk_import(desk, work.desk.replica, incoming, province) == 0  # the desk imports twice: nothing

    # the next desk export starts after what the province's bundle said it had: only new work goes
    work.desk.receive(draft())
    assert 1 <= desk_export(desk, work.desk.replica, stick / "next.mcb", province) < events
    status, out, err = province.cli("import-bundle", str(stick / "next.mcb"))
    assert status == 0 and "0 already here" in out
    assert len(province.replica().record_ids("dossier")) == 3


def test_the_province_keys_stay_in_their_key_file(
    province: Province, desk: EnrolledDesk, tmp_path: Path
) -> None:
    assert stat.S_IMODE(province.key_file.stat().st_mode) == 0o600
    secret = json.loads(province.key_file.read_text(encoding="utf-8"))["keys"]
    for name in ("signing", "exchange"):
        private = secret[name].encode("ascii")
        for path in province.storage.path.parent.glob("server.db*"):
            assert private not in path.read_bytes() and base64.b64decode(private) not in path.read_bytes()
    # made once: the CLI reads the same keys the enrol answer gave
    assert province_bundle_keys(province.key_file).public_for_commune("s", "1") == province_bundle_keys(
        province.key_file
    ).public_for_commune("s", "1")
    assert "signing" not in repr(province_bundle_keys(province.key_file))


# ---- refusals ------------------------------------------------------------------------------------


def test_tampered_foreign_and_non_bundles_are_refused_and_nothing_is_applied(
    province: Province, desk: EnrolledDesk, tmp_path: Path
) -> None:
    work = open_work(desk.session, province.clock, "w")
    work.desk.receive(draft())
    good = tmp_path / "good.mcb"
    desk_export(desk, work.desk.replica, good, province)

    tampered = tmp_path / "tampered.mcb"
    data = bytearray(good.read_bytes())
    data[-40] ^= 0x01
    tampered.write_bytes(bytes(data))
    status, _, err = province.cli("import-bundle", str(tampered))
    assert status == 2 and err.startswith("error: the bundle is refused") and "nothing was imported" in err

    junk = tmp_path / "junk.mcb"
    junk.write_bytes(b"not a bundle at all" * 10)
    status, _, err = province.cli("import-bundle", str(junk))
    assert status == 2 and "not a sync bundle" in err and "nothing was imported" in err
    status, _, err = province.cli("import-bundle", str(tmp_path / "missing.mcb"))
    assert status == 2 and "cannot read" in err

    # made for another province's server (other keys, same replica id)
    foreign_keys = DeviceIdentity.generate(province_keys(desk.store).replica_id).public()  # type: ignore[union-attr]
    foreign = tmp_path / "foreign.mcb"
    export_bundle(
        work.desk.replica,
        foreign,
        identity=device_identity(desk.store),
        receiver=foreign_keys,
        since=None,
        bundle_id="f1",
        now=province.clock.now,
    )
    status, _, err = province.cli("import-bundle", str(foreign))
    assert status == 2 and "refused" in err and "nothing was imported" in err

    # made for another commune's server replica
    other = DeviceIdentity.generate(commune_replica_id(server_replica_base(province.storage), "00004"))
    elsewhere = tmp_path / "elsewhere.mcb"
    export_bundle(
        work.desk.replica,
        elsewhere,
        identity=device_identity(desk.store),
        receiver=other.public(),
        since=None,
        bundle_id="f2",
        now=province.clock.now,
    )
    status, _, err = province.cli("import-bundle", str(elsewhere))
    assert status == 2 and "another server or commune" in err

    # signed by a workstation never enrolled here
    stranger = DeviceIdentity.generate(work.desk.replica.replica_id + "x")
    unknown = tmp_path / "unknown.mcb"
    export_bundle(
        _Renamed(work.desk.replica, stranger.replica_id),
        unknown,
        identity=stranger,
        receiver=province_keys(desk.store),  # type: ignore[arg-type]
        since=None,
        bundle_id="f3",
        now=province.clock.now,
    )
    status, _, err = province.cli("import-bundle", str(unknown))
    assert status == 2 and "not sent by a workstation enrolled here" in err

    assert province.replica().vector().to_dict() == {}
    status, _, err = province.cli("import-bundle", str(good))  # the good one still goes in
    assert status == 0, err
    assert len(province.replica().record_ids("dossier")) == 1


class _Renamed:
    """A replica seen under another id (a stranger's bundle of the same events)."""

    def __init__(self, inner: ReplicaStore, replica_id: str) -> None:
        self.inner, self.replica_id = inner, replica_id

    def vector(self):  # type: ignore[no-untyped-def]
        return self.inner.vector()

    def missing_encoded(self, vector):  # type: ignore[no-untyped-def]
        return self.inner.missing_encoded(vector)

    def receive_encoded(self, events):  # type: ignore[no-untyped-def]
        return self.inner.receive_encoded(events)


def test_a_bundle_event_setting_a_province_owned_field_is_refused_alone(
    province: Province, desk: EnrolledDesk, tmp_path: Path
) -> None:
    work = open_work(desk.session, province.clock, "w")
    good = work.desk.receive(draft())  # a good dossier in the same bundle
    sneaky = ReplicaStore(desk.store, "province", (DOSSIER_RECORD,), scope_field=SCOPE_FIELD)
    fields = {**work.desk.replica.record("dossier", work.desk.replica.record_keys()[0][1]).values}
    sneaky.write("dossier", "x2", {SCOPE_FIELD: fields[SCOPE_FIELD], "province_decision": "ok"}, "x")
    path = tmp_path / "sneaky.mcb"
    desk_export(desk, work.desk.replica, path, province)
    status, out, err = province.cli("import-bundle", str(path))
    assert status == 0, err
    assert "refused event" in out and "(wrong_side)" in out and "ok" not in out.split("refused event")[1]
    states = province.replica().records("dossier")
    assert [state.record_id for state in states] == [good.dossier_id]  # x2 is no record: its event refused
    assert "province_decision" not in states[0].values


def test_a_revoked_workstation_neither_sends_nor_receives_bundles(
    province: Province, desk: EnrolledDesk, tmp_path: Path
) -> None:
    work = open_work(desk.session, province.clock, "w")
    work.desk.receive(draft())
    path = tmp_path / "late.mcb"
    desk_export(desk, work.desk.replica, path, province)
    status, _, err = province.cli("revoke-device", "--device", desk.device_id)
    assert status == 0, err
    status, _, err = province.cli("import-bundle", str(path))
    assert status == 2 and "revoked" in err and "nothing was imported" in err
    assert province.replica().record_ids("dossier") == []
    status, _, err = province.cli("export-bundle", "--device", desk.device_id, str(tmp_path / "out.mcb"))
    assert status == 2 and "revoked" in err and not (tmp_path / "out.mcb").exists()
    status, _, err = province.cli("export-bundle", "--device", "nobody", str(tmp_path / "out.mcb"))
    assert status == 2 and "no workstation" in err


# ---- the key file and the settings ---------------------------------------------------------------


def test_the_key_file_is_made_once_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "keys.json"
    first = province_bundle_keys(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = province_bundle_keys(path)
    assert again.public_for_commune("srv-1", "00070") == first.public_for_commune("srv-1", "00070")
    one, two = first.public_for_commune("srv-1", "00070"), first.public_for_commune("srv-1", "00004")
    assert (one.replica_id, two.replica_id) == ("srv-1.00070", "srv-1.00004")
    assert (one.signing, one.exchange) == (two.signing, two.exchange)
    assert first.for_commune("srv-1", "00070").replica_id == "srv-1.00070"
    assert list(path.parent.iterdir()) == [path]  # no temp file left


def test_bad_key_files_are_refused_in_clear_words(tmp_path: Path) -> None:
    with pytest.raises(BundleKeysError, match=r"\[bundles\] key_file"):
        province_bundle_keys(None)
    path = tmp_path / "keys.json"
    province_bundle_keys(path)
    os.chmod(path, 0o644)
    with pytest.raises(BundleKeysError, match="readable by others"):
        province_bundle_keys(path)
    os.chmod(path, 0o600)
    for text in ("{", "[]", '{"kind": "other"}', '{"kind": "motcua-province-bundle-keys", "keys": {}}'):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(BundleKeysError, match="damaged"):
            province_bundle_keys(path)
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    with pytest.raises(BundleKeysError, match="cannot make"):
        province_bundle_keys(blocked / "keys.json")


def test_the_settings_name_the_key_file(tmp_path: Path) -> None:
    given = config_from_toml('[bundles]\nkey_file = "k/keys.json"\n', tmp_path)
    assert given.bundle_key_file == tmp_path / "k" / "keys.json"
    beside = config_from_toml('[server]\ndatabase = "sqlite:///data/server.db"\n', tmp_path)
    assert beside.bundle_key_file == tmp_path / "data" / "bundle-keys.json"
    postgres = config_from_toml('[server]\ndatabase = "postgresql://x@db/motcua"\n', tmp_path)
    assert postgres.bundle_key_file is None
