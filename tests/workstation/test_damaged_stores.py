"""A damaged store at the desk's unlock and in the IT commands (issue 14, finding 4): refused, never
overwritten, told apart from a wrong passphrase; backup refuses in words, diagnostics still writes its bundle,
recover refuses, and restoring a backup leads back to a working desk."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sync.keys import generate_recovery_keypair
from sync.store import StorePaths
from tests.helpers.damaged_stores import DAMAGES, damage, run_motcua
from tests.helpers.workstations import PASSPHRASE, Clock, hanoi_site, ids
from workstation.errors import DamagedStore
from workstation.opening import UnlockRefused, create_workstation, unlock_workstation

REASONS = {
    "empty": "empty",
    "cut in half": "corrupt",
    "cut mid-page": "truncated",
    "overwritten mid-file": "corrupt",
    "header overwritten": "unreadable",
}
DOSSIER_NOTES = 200


class Workstation:
    """A data folder (``motcua --data-dir``) with a store, clerk ``lan``, a province recovery key and some
    records; ``backup()`` writes a good backup through ``motcua backup`` before any damage."""

    def __init__(self, tmp_path: Path, clock: Clock) -> None:
        self.tmp, self.clock = tmp_path, clock
        self.data = tmp_path / "data"
        self.paths = StorePaths(self.data / "store")
        recovery = generate_recovery_keypair()
        self.recovery_key = tmp_path / "province-recovery.pem"
        self.recovery_key.write_bytes(recovery.private_pem)
        session = create_workstation(
            self.paths.folder,
            site=hanoi_site(),
            login="lan",
            full_name="Nguyễn Thị Lan",
            passphrase=PASSPHRASE,
            recovery_pem=recovery.public_pem,
            now=clock,
            new_id=ids("desk").__next__,
        )
        with session.store as store:
            for number in range(DOSSIER_NOTES):
                store.put_record("note", f"n{number}", {"text": f"ghi chú {number} " * 30})
            self.replica_id = store.replica_id

    def unlock(self, passphrase: str = PASSPHRASE):  # type: ignore[no-untyped-def]
        return unlock_workstation(
            self.paths.folder, "lan", passphrase, now=self.clock, new_id=ids("x").__next__
        )

    def motcua(self, monkeypatch, capsys, *argv: str, answers=(PASSPHRASE,)):  # type: ignore[no-untyped-def]
        return run_motcua(monkeypatch, capsys, *argv, "--data-dir", str(self.data), answers=answers)


@pytest.fixture
def desk(tmp_path: Path, clock: Clock) -> Workstation:
    return Workstation(tmp_path, clock)


@pytest.mark.parametrize("how", sorted(DAMAGES))
def test_unlock_refuses_a_damaged_store_keeps_it_and_still_knows_a_wrong_passphrase(
    desk: Workstation, how: str
) -> None:
    damaged = damage(desk.paths.database, how)
    key_file = desk.paths.key_file.read_bytes()
    with pytest.raises(DamagedStore) as refused:
        desk.unlock()
    assert refused.value.reason == REASONS[how]
    with pytest.raises(UnlockRefused) as wrong:  # the key file answers first: a wrong passphrase stays one
        desk.unlock("not the passphrase")
    assert wrong.value.reason == "wrong"
    assert desk.paths.database.read_bytes() == damaged  # never overwritten, never a new store
    assert desk.paths.key_file.read_bytes() == key_file


def test_a_zero_byte_store_never_becomes_a_new_empty_store(desk: Workstation) -> None:
    damage(desk.paths.database, "empty")
    for _ in range(2):
        with pytest.raises(DamagedStore, match="empty"):
            desk.unlock()
    assert desk.paths.database.stat().st_size == 0


@pytest.mark.parametrize("how", sorted(DAMAGES))
def test_backup_refuses_a_damaged_store_in_words(desk: Workstation, how: str, monkeypatch, capsys) -> None:
    damaged = damage(desk.paths.database, how)
    usb = desk.tmp / "usb"
    status, _out, err = desk.motcua(monkeypatch, capsys, "backup", str(usb), "--login", "lan")
    assert status == 1
    assert "motcua backup: the store is damaged" in err and "no backup was made" in err
    assert "motcua restore BACKUP --force" in err and "Traceback" not in err
    assert not usb.exists() or list(usb.iterdir()) == []
    assert desk.paths.database.read_bytes() == damaged


@pytest.mark.parametrize("how", sorted(DAMAGES))
def test_diagnostics_writes_what_it_could_read_from_a_damaged_store(
    desk: Workstation, how: str, monkeypatch, capsys
) -> None:
    damaged = damage(desk.paths.database, how)
    out = desk.tmp / "diagnostics.zip"
    status, _out, err = desk.motcua(monkeypatch, capsys, "diagnostics", str(out), "--login", "lan")
    assert status == 0, err
    assert "The store is damaged" in err
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
        store = json.loads(bundle.read("store.json"))
        files = json.loads(bundle.read("files.json"))
    assert {"versions.json", "settings.json", "files.json", "log-tail.txt", "README.txt"} <= names
    assert store["damaged"] == REASONS[how]
    assert files["sizes"]["store.db"] == len(damaged)
    assert files["key_file"]["clerk_accounts"] == 1
    assert desk.paths.database.read_bytes() == damaged


def test_diagnostics_of_a_page_damaged_store_keeps_the_parts_it_could_read(
    desk: Workstation, monkeypatch, capsys
) -> None:
    damage(desk.paths.database, "overwritten mid-file")
    out = desk.tmp / "diagnostics.zip"
    assert desk.motcua(monkeypatch, capsys, "diagnostics", str(out), "--login", "lan")[0] == 0
    with zipfile.ZipFile(out) as bundle:
        store = json.loads(bundle.read("store.json"))
    assert store["schema_version"] > 100  # the desk's migrations: read from the intact first pages
    assert "error" in json.dumps(store["integrity_check"]) or store["integrity_check"] != ["ok"]


def test_recover_refuses_a_damaged_store_before_changing_a_passphrase(
    desk: Workstation, monkeypatch, capsys
) -> None:
    damage(desk.paths.database, "header overwritten")
    key_file = desk.paths.key_file.read_bytes()
    status, _out, err = desk.motcua(
        monkeypatch,
        capsys,
        "recover",
        "--recovery-key",
        str(desk.recovery_key),
        "--login",
        "lan",
        answers=("a new passphrase", "a new passphrase"),
    )
    assert status == 1 and "the store is damaged" in err and "no passphrase was changed" in err
    assert desk.paths.key_file.read_bytes() == key_file


@pytest.mark.parametrize("how", ["empty", "overwritten mid-file", "header overwritten"])
def test_restoring_a_backup_over_a_damaged_store_gives_a_working_desk(
    desk: Workstation, how: str, monkeypatch, capsys
) -> None:
    usb = desk.tmp / "usb"
    assert desk.motcua(monkeypatch, capsys, "backup", str(usb), "--login", "lan")[0] == 0
    (backup,) = usb.iterdir()
    damage(desk.paths.database, how)
    with pytest.raises(DamagedStore):
        desk.unlock()
    status, out, err = desk.motcua(monkeypatch, capsys, "restore", str(backup), "--force", "--login", "lan")
    assert status == 0, err
    assert "new replica id" in out
    session = desk.unlock()
    with session.store as store:
        assert len(store.list_records("note")) == DOSSIER_NOTES
        assert store.identity.reason == "restored" and store.identity.previous_id == desk.replica_id
    # and the province key still works on the restored store
    status, _out, err = desk.motcua(
        monkeypatch,
        capsys,
        "recover",
        "--recovery-key",
        str(desk.recovery_key),
        "--login",
        "lan",
        answers=("một mật khẩu mới dài", "một mật khẩu mới dài"),
    )
    assert status == 0, err
    desk.unlock("một mật khẩu mới dài").store.close()


def test_enrol_refuses_a_damaged_store_before_calling_the_province(
    desk: Workstation, monkeypatch, capsys
) -> None:
    damaged = damage(desk.paths.database, "header overwritten")
    status, _out, err = desk.motcua(
        monkeypatch,
        capsys,
        "enrol",
        "--server",
        "https://127.0.0.1:9",
        "--code",
        "ABCD-1234",
        "--login",
        "lan",
    )
    assert status == 1 and "the store is damaged" in err and "not enrolled" in err
    assert desk.paths.database.read_bytes() == damaged


@pytest.mark.parametrize("how", ["empty", "overwritten mid-file"])
def test_rotate_key_refuses_a_damaged_store_before_re_encrypting_it(
    desk: Workstation, how: str, monkeypatch, capsys
) -> None:
    damaged = damage(desk.paths.database, how)
    key_file = desk.paths.key_file.read_bytes()
    status, _out, err = desk.motcua(monkeypatch, capsys, "rotate-key", "--login", "lan")
    assert status == 1 and "the store is damaged" in err and "no key was changed" in err
    assert desk.paths.database.read_bytes() == damaged and desk.paths.key_file.read_bytes() == key_file
    with pytest.raises(DamagedStore):  # an emptied store did not become a new one
        desk.unlock()


def test_diagnostics_says_when_the_database_beside_the_key_file_is_missing(
    desk: Workstation, monkeypatch, capsys
) -> None:
    desk.paths.database.unlink()
    out = desk.tmp / "diagnostics.zip"
    assert desk.motcua(monkeypatch, capsys, "diagnostics", str(out), "--login", "lan")[0] == 0
    with zipfile.ZipFile(out) as bundle:
        assert json.loads(bundle.read("store.json"))["damaged"] == "missing"
    assert not desk.paths.database.exists()
    with pytest.raises(DamagedStore, match="missing"):
        desk.unlock()
