"""The IT commands on real encrypted stores: backup → wipe → restore (→ sync), diagnostics without personal
data, rotate-key, recover with the province key, and the command line wiring."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.__main__ import main
from dossiers.dossier_record import DESK_SIDE, DOSSIER_RECORD, PROVINCE_SIDE, SCOPE_FIELD, search_texts
from sync.change_events import ChangeEvent
from sync.connection import open_connection
from sync.errors import WrongPassphrase
from sync.folding import fold
from sync.keys import add_clerk, generate_recovery_keypair, list_clerks, unlock
from sync.replica_memory import MemoryReplica
from sync.replica_store import ReplicaStore
from sync.search_index import search
from sync.store import Store
from sync.sync_session import InProcessTransport, SessionResponder, run_session
from workstation.it_commands.backup_restore import BACKUP_PREFIX, backup_folder_in, run_backup, run_restore
from workstation.it_commands.console import CommandFailed, Console, read_secret
from workstation.it_commands.diagnostics import run_diagnostics
from workstation.it_commands.enrol import run_enrol
from workstation.it_commands.info import info_lines
from workstation.it_commands.key_commands import run_recover, run_rotate_key
from workstation.it_commands.workstation_paths import WorkstationPaths, shown_path, workstation_paths
from workstation.opening import UnlockRefused, create_workstation, unlock_workstation
from workstation.settings import SiteSettings
from workstation.store_lock import lock_file_for

PASSPHRASE = "mật khẩu của Hồng"
SECOND_PASSPHRASE = "Minh's own passphrase"
COMMUNE = "00070"
T0 = datetime(2026, 2, 13, 2, 0, tzinfo=UTC)

APPLICANTS = (
    {
        "applicant_name": "Nguyễn Văn Đức",
        "applicant_id_number": "001090123456",
        "applicant_phone": "0912345678",
        "applicant_address": "Số 12 ngõ 34 phố Hàng Bạc",
        "applicant_email": "duc.nguyen@example.vn",
    },
    {
        "applicant_name": "Trần Thị Bích Ngọc",
        "applicant_id_number": "079185004321",
        "applicant_phone": "0987 654 321",
        "applicant_address": "Ấp Bình Thạnh, xã Tân Phú Đông",
        "applicant_email": "ngoc.tran@example.vn",
    },
)
CLERK_NAME = "Lê Thị Hồng"
REPOSITORY = Path(__file__).resolve().parents[2]
LOGINS = ("hong.le", "minh.vo")


class Clock:
    def __init__(self) -> None:
        self.ticks = itertools.count()

    def __call__(self) -> datetime:
        return T0 + timedelta(seconds=next(self.ticks))


def new_ids(prefix: str) -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


def console(*answers: str) -> Console:
    """A console with scripted answers (questions and secrets alike), in order."""
    queue = list(answers)

    def answer(prompt: str) -> str:
        if not queue:
            raise AssertionError(f"unexpected question: {prompt}")
        return queue.pop(0)

    return Console(out=io.StringIO(), err=io.StringIO(), ask=answer, ask_secret=answer)


def replica_of(store: Store) -> ReplicaStore:
    return ReplicaStore(
        store,
        DESK_SIDE,
        [DOSSIER_RECORD],
        scope_field=SCOPE_FIELD,
        search_texts=lambda _type, state: search_texts(state.values),
    )


def write_dossier(replica: ReplicaStore, dossier_id: str, applicant: dict[str, str]) -> None:
    fields = {"commune": COMMUNE, "procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh"}
    replica.write("dossier", dossier_id, {**fields, **applicant}, author="clerk-1")


class Desk:
    """A workstation in ``tmp_path/data`` with two clerks, a province recovery key and two dossiers."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.clock = Clock()
        self.recovery = generate_recovery_keypair()
        self.recovery_key = tmp_path / "province-recovery.pem"
        self.recovery_key.write_bytes(self.recovery.private_pem)
        self.paths: WorkstationPaths = workstation_paths(tmp_path / "data")
        site = SiteSettings(
            province_code=80,
            province_name="Tỉnh Thử",
            commune_code=70,
            commune_name="Xã Hòa Khánh",
            agency_id="000.00.01.H22",
        )
        session = create_workstation(
            self.paths.store_folder,
            site=site,
            login=LOGINS[0],
            full_name=CLERK_NAME,
            passphrase=PASSPHRASE,
            recovery_pem=self.recovery.public_pem,
            now=self.clock,
            new_id=new_ids("desk"),
        )
        add_clerk(self.paths.key_file, session.store.data_key, login=LOGINS[1], passphrase=SECOND_PASSPHRASE)
        replica = replica_of(session.store)
        for number, applicant in enumerate(APPLICANTS, start=1):
            write_dossier(replica, f"d{number}", applicant)
        self.replica_id = session.store.replica_id
        session.store.close()

    def open(self, login: str = LOGINS[0], passphrase: str = PASSPHRASE) -> Store:
        return unlock_workstation(
            self.paths.store_folder, login, passphrase, now=self.clock, new_id=new_ids("reopened")
        ).store

    def backup(self, into: Path) -> Path:
        run_backup(
            self.paths,
            into,
            console(PASSPHRASE),
            login=LOGINS[0],
            recovery_key=None,
            now=self.clock,
            new_id=new_ids("x"),
        )
        (folder,) = into.iterdir()
        return folder

    def restore(self, backup: Path, *, force: bool = False, answers: tuple[str, ...] = (PASSPHRASE,)) -> int:
        return run_restore(
            self.paths,
            backup,
            console(*answers),
            force=force,
            login=LOGINS[0],
            recovery_key=None,
            now=self.clock,
            new_id=new_ids("restored"),
        )


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(tmp_path)


def events_of(replica: object) -> tuple[ChangeEvent, ...]:
    """A replica's applied events (``events`` is a method or a property, depending on the replica)."""
    events = replica.events  # type: ignore[attr-defined]
    return tuple(events() if callable(events) else events)


def values_of(store: Store) -> dict[str, dict[str, object]]:
    replica = replica_of(store)
    return {key[1]: dict(replica.record(*key).values) for key in replica.record_keys()}


# --- backup and restore ------------------------------------------------------------------------------------


def test_backup_wipe_restore_gives_a_new_replica_id_and_keeps_the_records(desk: Desk) -> None:
    with desk.open() as store:
        before = values_of(store)
    backup = desk.backup(desk.tmp / "usb")
    assert backup.name.startswith(BACKUP_PREFIX)
    assert b"Nguy" not in (backup / "store.db").read_bytes()  # encrypted
    shutil.rmtree(desk.paths.store_folder)
    assert desk.restore(backup) == 0
    with desk.open() as store:
        assert store.replica_id != desk.replica_id
        assert store.identity.reason == "restored" and store.identity.previous_id == desk.replica_id
        assert values_of(store) == before
        with store.reader() as conn:
            assert search(conn, "bich ngoc") == ["d2"]
    # the second clerk's passphrase opens the restored store too
    assert unlock(desk.paths.key_file, LOGINS[1], SECOND_PASSPHRASE)


def test_restore_refuses_to_replace_a_store_unless_forced(desk: Desk) -> None:
    backup = desk.backup(desk.tmp / "usb")
    with desk.open() as store:
        write_dossier(replica_of(store), "d3", {"applicant_name": "Hồ Văn Ba"})
    with pytest.raises(CommandFailed, match="--force"):
        desk.restore(backup, answers=())  # refused before any question
    with desk.open() as store:
        assert "d3" in values_of(store)  # untouched
    assert desk.restore(backup, force=True) == 0
    with desk.open() as store:
        assert set(values_of(store)) == {"d1", "d2"}


def test_restore_with_a_wrong_passphrase_changes_nothing(desk: Desk) -> None:
    backup = desk.backup(desk.tmp / "usb")
    shutil.rmtree(desk.paths.store_folder)
    with pytest.raises(CommandFailed, match="wrong login or passphrase"):
        desk.restore(backup, answers=("not the passphrase",))
    assert not desk.paths.store_folder.exists()
    assert sorted(p.name for p in backup.iterdir()) == ["manifest.json", "store.db", "store.key"]


def test_restore_refuses_a_damaged_backup(desk: Desk) -> None:
    backup = desk.backup(desk.tmp / "usb")
    data = bytearray((backup / "store.db").read_bytes())
    data[5000] ^= 0xFF
    (backup / "store.db").write_bytes(bytes(data))
    shutil.rmtree(desk.paths.store_folder)
    with pytest.raises(CommandFailed, match="damaged"):
        desk.restore(backup, answers=())
    with pytest.raises(CommandFailed, match="not a folder"):
        desk.restore(desk.tmp / "nowhere", answers=())


def test_backup_with_the_recovery_key_asks_no_passphrase(desk: Desk) -> None:
    out = console()
    run_backup(
        desk.paths,
        desk.tmp / "usb",
        out,
        login=None,
        recovery_key=desk.recovery_key,
        now=desk.clock,
        new_id=new_ids("x"),
    )
    assert "Backup written to" in out.out.getvalue()  # type: ignore[attr-defined]


def test_backup_refusals(desk: Desk, tmp_path: Path) -> None:
    def backup(paths: WorkstationPaths, into: Path, *answers: str) -> int:
        return run_backup(
            paths, into, console(*answers), login=LOGINS[0], recovery_key=None, now=desk.clock, new_id=str
        )

    with pytest.raises(CommandFailed, match="wrong login or passphrase"):
        backup(desk.paths, tmp_path / "usb", "wrong passphrase")
    assert list((tmp_path / "usb").iterdir()) == []
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(CommandFailed, match="is a file"):
        backup(desk.paths, tmp_path / "a-file")
    with pytest.raises(CommandFailed, match="no store"):
        backup(workstation_paths(tmp_path / "empty"), tmp_path / "usb")


def test_backup_folders_are_new_and_dated(tmp_path: Path) -> None:
    first = backup_folder_in(tmp_path, T0)
    assert first.name == "motcua-backup-20260213-020000"
    first.mkdir()
    assert backup_folder_in(tmp_path, T0).name == "motcua-backup-20260213-020000-2"


def test_backup_wipe_restore_sync_round_trip_loses_nothing_and_duplicates_nothing(desk: Desk) -> None:
    """The province replica has everything synced; the desk dies after a backup; the restored desk syncs."""
    province = MemoryReplica("province", PROVINCE_SIDE, [DOSSIER_RECORD], Clock())

    def sync(store: Store) -> None:
        replica = replica_of(store)
        result = run_session(replica, InProcessTransport(SessionResponder(province)), now=desk.clock)
        assert result.peer_counts.duplicates == 0 and result.local_counts.duplicates == 0

    with desk.open() as store:
        sync(store)
    backup = desk.backup(desk.tmp / "usb")
    with desk.open() as store:  # work after the backup, synced before the disk died
        write_dossier(
            replica_of(store), "d3", {"applicant_name": "Hồ Văn Ba", "applicant_phone": "0905111222"}
        )
        sync(store)
    province.write("dossier", "d1", {"notes": ["hồ sơ đã chuyển xử lý"]}, author="officer")
    shutil.rmtree(desk.paths.store_folder)
    assert desk.restore(backup) == 0
    with desk.open() as store:
        assert set(values_of(store)) == {"d1", "d2"}
        sync(store)
        replica = replica_of(store)
        write_dossier(replica, "d4", {"applicant_name": "Đỗ Thị Tư"})
        sync(store)
        assert set(values_of(store)) == {"d1", "d2", "d3", "d4"}
        assert replica.vector() == province.vector()
        ids = [event.id for event in events_of(replica)]
        assert len(ids) == len(set(ids)) == len(events_of(province))
        for key in replica.record_keys():
            assert dict(replica.record(*key).values) == dict(province.record(*key).values)
        assert replica.record("dossier", "d1").get("notes") == ("hồ sơ đã chuyển xử lý",)
        # the restored desk writes under its new replica id, never reusing the old one's counters
        assert {event.id.replica_id for event in events_of(replica) if event.record_id == "d4"} == {
            store.replica_id
        }
        assert store.replica_id != desk.replica_id


# --- diagnostics -------------------------------------------------------------------------------------------


def personal_values() -> list[str]:
    values = [CLERK_NAME, *LOGINS]
    for applicant in APPLICANTS:
        values += applicant.values()
    return values


def test_the_diagnostics_bundle_holds_none_of_the_personal_data_in_the_store(desk: Desk) -> None:
    desk.paths.log_dir.mkdir(parents=True)
    (desk.paths.log_dir / "motcua.log").write_text(
        "2026-02-13 09:00:00,000 INFO motcua.sync: sync finished pushed=3 pulled=0\n"
        # lines that escaped redaction when written (they should not exist; the bundle redacts again)
        "2026-02-13 09:01:00,000 INFO motcua.desk: received for Trần Thị Bích Ngọc 079185004321\n"
        "2026-02-13 09:02:00,000 WARNING motcua.desk: printing failed at Ấp Bình Thạnh, xã Tân Phú Đông\n"
        "2026-02-13 09:03:00,000 INFO motcua.desk: hong.le unlocked; reach duc.nguyen@example.vn\n",
        encoding="utf-8",
    )
    (desk.paths.log_dir / "crash.log").write_text(
        "--- motcua desk 0.1.0 started 2026-02-13T02:00:00+00:00 (process 4242)\n"
        "Fatal Python error: Segmentation fault\n"
        "2026-02-13 09:04:00,000 CRITICAL motcua.crash: escaped for Nguyễn Văn Đức 0912345678\n",
        encoding="utf-8",
    )
    out = desk.tmp / "diag.zip"
    assert (
        run_diagnostics(
            desk.paths,
            out,
            console(PASSPHRASE),
            use_store=True,
            login=LOGINS[0],
            recovery_key=None,
            now=desk.clock,
        )
        == 0
    )
    with zipfile.ZipFile(out) as bundle:
        texts = {name: bundle.read(name).decode("utf-8") for name in bundle.namelist()}
    assert set(texts) == {
        "versions.json",
        "settings.json",
        "files.json",
        "store.json",
        "log-tail.txt",
        "crash-log-tail.txt",
        "README.txt",
    }
    everything = fold("\n".join(texts.values()))
    compact = re.sub(r"[\s.\-]", "", everything)  # phone and ID numbers written with separators
    for value in personal_values():
        assert fold(value) not in everything, f"a personal value leaked ({len(value)} characters)"
        number = re.sub(r"\D", "", value)
        if len(number) >= 9:
            assert number not in compact, "a phone or ID number leaked"
    # and what IT needs is there
    store = json.loads(texts["store.json"])
    assert store["integrity_check"] == ["ok"]
    assert store["schema_version"] >= 4
    assert store["record_states_by_type"] == {"dossier": 2}
    assert store["counts"]["change_events"] == 2
    assert store["replica_identities"][0]["replica_id"] == desk.replica_id
    assert store["site_settings"]["agency_id"] == "000.00.01.H22"
    assert "sync finished pushed=3 pulled=0" in texts["log-tail.txt"]
    assert len(texts["log-tail.txt"].splitlines()) == 4
    assert "Fatal Python error: Segmentation fault" in texts["crash-log-tail.txt"]
    assert json.loads(texts["files.json"])["key_file"]["clerk_accounts"] == 2


def test_diagnostics_without_the_store_asks_nothing_and_refuses_bad_names(desk: Desk) -> None:
    def diagnostics(out: Path) -> int:
        return run_diagnostics(
            desk.paths, out, console(), use_store=False, login=None, recovery_key=None, now=desk.clock
        )

    assert diagnostics(desk.tmp / "d.zip") == 0
    with zipfile.ZipFile(desk.tmp / "d.zip") as bundle:
        assert "--no-store" in bundle.read("store.json").decode()
    for bad, message in (
        (desk.tmp / "d.zip", "already exists"),
        (desk.tmp / "d.txt", r"\.zip"),
        (desk.tmp / "missing" / "d.zip", "does not exist"),
    ):
        with pytest.raises(CommandFailed, match=message):
            diagnostics(bad)


# --- rotate-key and recover --------------------------------------------------------------------------------


def test_rotate_key_removes_the_clerk_who_left_and_rekeys_the_database(desk: Desk) -> None:
    old_key = unlock(desk.paths.key_file, LOGINS[0], PASSPHRASE)
    old_backup = desk.backup(desk.tmp / "usb")
    out = console(PASSPHRASE)
    assert (
        run_rotate_key(desk.paths, out, remove=LOGINS[1], login=LOGINS[0], recovery_key=None, now=desk.clock)
        == 0
    )
    assert [c.login for c in list_clerks(desk.paths.key_file)] == [LOGINS[0]]
    with pytest.raises(WrongPassphrase):
        unlock(desk.paths.key_file, LOGINS[1], SECOND_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        open_connection(desk.paths.database, old_key)
    assert unlock(desk.paths.key_file, LOGINS[0], PASSPHRASE) != old_key
    with desk.open() as store:
        assert set(values_of(store)) == {"d1", "d2"}
    assert "destroy the older ones" in out.out.getvalue()  # type: ignore[attr-defined]
    # the old backup still opens with the removed clerk's passphrase: hence the advice above
    assert unlock(old_backup / "store.key", LOGINS[1], SECOND_PASSPHRASE) == old_key


def test_rotate_key_refusals(desk: Desk) -> None:
    with pytest.raises(CommandFailed, match="no clerk with the login"):
        run_rotate_key(desk.paths, console(), remove="nobody", login=None, recovery_key=None, now=desk.clock)
    run_rotate_key(
        desk.paths, console(PASSPHRASE), remove=LOGINS[1], login=LOGINS[0], recovery_key=None, now=desk.clock
    )
    with pytest.raises(CommandFailed, match="last clerk"):
        run_rotate_key(
            desk.paths,
            console(),
            remove=LOGINS[0],
            login=None,
            recovery_key=desk.recovery_key,
            now=desk.clock,
        )
    with desk.open() as store:  # still whole
        assert set(values_of(store)) == {"d1", "d2"}


def test_recover_with_the_province_key_sets_a_new_passphrase(desk: Desk) -> None:
    new = "một mật khẩu mới hẳn"
    out = console(new, new)
    assert run_recover(desk.paths, out, recovery_key=desk.recovery_key, login=LOGINS[0], now=desk.clock) == 0
    with pytest.raises(UnlockRefused):
        desk.open(passphrase=PASSPHRASE)
    with desk.open(passphrase=new) as store:
        assert set(values_of(store)) == {"d1", "d2"}


def test_recover_asks_for_the_login_and_the_key_file_password(desk: Desk, tmp_path: Path) -> None:
    protected = generate_recovery_keypair(password=b"province secret")  # another province's key
    key_path = tmp_path / "protected.pem"
    key_path.write_bytes(protected.private_pem)
    with pytest.raises(CommandFailed, match="does not belong"):
        run_recover(desk.paths, console("province secret"), recovery_key=key_path, login=None, now=desk.clock)
    with pytest.raises(CommandFailed, match="password is wrong"):
        run_recover(desk.paths, console("not it"), recovery_key=key_path, login=None, now=desk.clock)
    new = "another new passphrase"
    out = console(LOGINS[1], new, new)  # login asked, then the passphrase twice
    assert run_recover(desk.paths, out, recovery_key=desk.recovery_key, login=None, now=desk.clock) == 0
    assert unlock(desk.paths.key_file, LOGINS[1], new)


def test_recover_refusals(desk: Desk, tmp_path: Path) -> None:
    def recover(*answers: str, login: str | None = LOGINS[0], key: Path | None = None) -> int:
        return run_recover(
            desk.paths, console(*answers), recovery_key=key or desk.recovery_key, login=login, now=desk.clock
        )

    with pytest.raises(CommandFailed, match="differ"):
        recover("first passphrase", "second passphrase")
    with pytest.raises(CommandFailed, match="at least 8"):
        recover("short", "short")
    with pytest.raises(CommandFailed, match="no clerk with the login"):
        recover("good passphrase", "good passphrase", login="nobody")
    not_a_key = tmp_path / "x.pem"
    not_a_key.write_text("hello")
    with pytest.raises(CommandFailed, match="not the province's recovery private key"):
        recover(key=not_a_key)
    with pytest.raises(CommandFailed, match="cannot read"):
        recover(key=tmp_path / "missing.pem")
    assert unlock(desk.paths.key_file, LOGINS[0], PASSPHRASE)  # nothing changed


# --- small parts -------------------------------------------------------------------------------------------


def test_info_names_the_paths_and_versions(desk: Desk) -> None:
    text = "\n".join(info_lines(desk.paths))
    for path in (desk.paths.database, desk.paths.key_file, desk.paths.log_dir, desk.paths.settings_file):
        assert str(path) in text
    assert "sqlcipher" in text and "build commit" in text
    assert "No store" in "\n".join(info_lines(workstation_paths(desk.tmp / "empty")))


def test_enrol_checks_its_arguments_before_opening_anything(desk: Desk) -> None:
    # The enrolment itself runs against a live server in tests/server/test_desk_enrolment.py.
    options = {"now": lambda: T0, "new_id": lambda: "x"}
    with pytest.raises(CommandFailed, match="https://"):
        run_enrol(desk.paths, "motcua.example.vn", "ABCD-1234", Console(), **options)
    with pytest.raises(CommandFailed, match="empty"):
        run_enrol(desk.paths, "https://motcua.example.vn", "  ", Console(), **options)
    with pytest.raises(CommandFailed, match="no store"):
        run_enrol(workstation_paths(desk.tmp / "empty"), "https://x.example", "ABCD", Console(), **options)
    assert main(["enrol", "--server", "ftp://x.example", "--code", "1"]) == 1


def test_secrets_come_from_standard_input_when_it_is_not_a_terminal() -> None:
    assert read_secret("?", io.StringIO("pass word\nnext\n"), io.StringIO()) == "pass word"
    with pytest.raises(CommandFailed, match="closed"):
        read_secret("?", io.StringIO(""), io.StringIO())


def test_home_folder_is_shown_as_tilde() -> None:
    home = os.path.expanduser("~")
    assert shown_path(Path(home) / "motcua") == str(Path("~") / "motcua")
    assert shown_path("/srv/motcua") == "/srv/motcua"


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPOSITORY)},
    )


def test_the_command_line_backs_up_and_refuses_to_restore_over_a_store(desk: Desk) -> None:
    data = str(desk.tmp / "data")
    listing = _cli("--help")
    for name in ("info", "backup", "restore", "recover", "rotate-key", "diagnostics", "self-test", "enrol"):
        assert name in listing.stdout
    done = _cli(
        "backup", str(desk.tmp / "usb"), "--data-dir", data, "--login", LOGINS[0], stdin=PASSPHRASE + "\n"
    )
    assert done.returncode == 0, done.stderr
    assert PASSPHRASE not in done.stdout + done.stderr
    (backup,) = (desk.tmp / "usb").iterdir()
    refused = _cli("--data-dir", data, "restore", str(backup), "--login", LOGINS[0], stdin=PASSPHRASE + "\n")
    assert refused.returncode == 1
    assert "already has a store" in refused.stderr and "--force" in refused.stderr
    wrong = _cli(
        "--data-dir", data, "diagnostics", str(desk.tmp / "d.zip"), "--login", LOGINS[0], stdin="nope\n"
    )
    assert wrong.returncode == 1 and "wrong login or passphrase" in wrong.stderr
    assert not (desk.tmp / "d.zip").exists()


def _desk_holds_the_store(desk: Desk, process: subprocess.Popen[str]) -> bool:
    lock = lock_file_for(desk.paths.store_folder)
    return lock.is_file() and f"the motcua desk (process {process.pid})" in lock.read_text(errors="replace")


def test_rotate_key_restore_and_recover_refuse_while_a_desk_has_the_store_open(desk: Desk) -> None:
    data = str(desk.tmp / "data")
    backup = desk.backup(desk.tmp / "usb")
    running = subprocess.Popen(  # the desk program itself, at its unlock screen
        [sys.executable, "-m", "desktop", "--data-dir", data],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPOSITORY)},
    )
    try:
        deadline = time.monotonic() + 60
        while not _desk_holds_the_store(desk, running):
            assert running.poll() is None and time.monotonic() < deadline, "the desk did not start"
            time.sleep(0.1)
        refusals = (
            ("rotate-key", "--login", LOGINS[0]),
            ("restore", str(backup), "--force", "--login", LOGINS[0]),
            ("recover", "--recovery-key", str(desk.recovery_key), "--login", LOGINS[0]),
        )
        for command in refusals:
            refused = _cli("--data-dir", data, *command, stdin=PASSPHRASE + "\n")
            assert refused.returncode == 2, refused.stderr
            said = " ".join(refused.stderr.split())
            assert f"the store is in use by the motcua desk (process {running.pid})" in said
            assert "Close motcua on this workstation" in said and "nothing was changed" in said
            assert "Passphrase of" not in said  # refused before asking anything
        assert unlock(desk.paths.key_file, LOGINS[0], PASSPHRASE)  # the key is the same
        with desk.open() as store:
            assert store.replica_id == desk.replica_id  # not replaced by the backup
    finally:
        running.kill()  # a desk that dies holding the store does not block the next command
        running.wait(timeout=30)
    old_key = unlock(desk.paths.key_file, LOGINS[0], PASSPHRASE)
    rotated = _cli("--data-dir", data, "rotate-key", "--login", LOGINS[0], stdin=PASSPHRASE + "\n")
    assert rotated.returncode == 0, rotated.stderr
    assert unlock(desk.paths.key_file, LOGINS[0], PASSPHRASE) != old_key
    new = "mật khẩu mới sau khi khôi phục"
    recovered = _cli(
        "--data-dir", data, "recover", "--recovery-key", str(desk.recovery_key), "--login", LOGINS[0],
        stdin=f"{new}\n{new}\n",
    )  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    restored = _cli(
        "--data-dir", data, "restore", str(backup), "--force", "--login", LOGINS[0], stdin=PASSPHRASE + "\n"
    )
    assert restored.returncode == 0, restored.stderr
    with desk.open() as store:
        assert store.identity.previous_id == desk.replica_id and set(values_of(store)) == {"d1", "d2"}
