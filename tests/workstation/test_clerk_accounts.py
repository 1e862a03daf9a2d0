"""Clerk accounts on a real encrypted store: the head clerk adds and removes clerks, each with her own
passphrase; a clerk who is not a head clerk is refused; IT adds one with the province's recovery key
(``motcua add-clerk``, through the ``motcua`` program's own entry point)."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest

from desktop.__main__ import main
from sync.keys import generate_recovery_keypair, unlock
from tests.helpers.workstations import PASSPHRASE, Clock, hanoi_site
from workstation.clerks import (
    CLERK,
    HEAD,
    BadLogin,
    LoginTaken,
    NoFullName,
    NotAClerk,
    NotHeadClerk,
    PassphraseTooShort,
    RemovingOneself,
    add_desk_clerk,
    read_desk_clerks,
    remove_desk_clerk,
)
from workstation.it_commands.workstation_paths import WorkstationPaths, workstation_paths
from workstation.opening import DeskSession, create_workstation, unlock_workstation
from workstation.store_lock import StoreLock

MINH_PASSPHRASE = "mật khẩu riêng của Minh"


class Desk:
    """A workstation with its head clerk ``lan`` and the province's recovery key pair."""

    def __init__(self, tmp_path: Path) -> None:
        self.clock = Clock()
        counter = itertools.count(1)
        self.new_id = lambda: f"id-{next(counter)}"
        self.recovery = generate_recovery_keypair()
        self.recovery_key = tmp_path / "province-recovery.pem"
        self.recovery_key.write_bytes(self.recovery.private_pem)
        self.data_dir = tmp_path / "data"
        self.paths: WorkstationPaths = workstation_paths(self.data_dir)
        session = create_workstation(
            self.paths.store_folder,
            site=hanoi_site(),
            login="lan",
            full_name="Nguyễn Thị Lan",
            passphrase=PASSPHRASE,
            recovery_pem=self.recovery.public_pem,
            now=self.clock,
            new_id=self.new_id,
        )
        session.store.close()

    def open(self, login: str, passphrase: str) -> DeskSession:
        return unlock_workstation(
            self.paths.store_folder, login, passphrase, now=self.clock, new_id=self.new_id
        )

    def add(self, session: DeskSession, login: str, passphrase: str, **changes: object) -> None:
        fields: dict[str, object] = {"full_name": f"Clerk {login}", "role": CLERK}
        fields.update(changes)
        add_desk_clerk(
            self.paths.key_file,
            session.store,
            actor=session.clerk.login,
            login=login,
            passphrase=passphrase,
            now=self.clock,
            new_id=self.new_id,
            **fields,  # type: ignore[arg-type]
        )

    def can_unlock(self, login: str, passphrase: str) -> bool:
        try:
            unlock(self.paths.key_file, login, passphrase)
        except Exception:  # noqa: BLE001 (any refusal counts)
            return False
        return True


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(tmp_path)


def test_the_head_clerk_adds_a_clerk_who_unlocks_with_her_own_passphrase(desk: Desk) -> None:
    lan = desk.open("lan", PASSPHRASE)
    try:
        assert [(c.login, c.full_name, c.role) for c in read_desk_clerks(desk.paths.key_file, lan.store)] == [
            ("lan", "Nguyễn Thị Lan", HEAD)  # the wizard's clerk is the head clerk
        ]
        desk.add(lan, "minh", MINH_PASSPHRASE, full_name="  Võ Văn Minh ")
        clerks = read_desk_clerks(desk.paths.key_file, lan.store)
        assert [(c.login, c.full_name, c.role) for c in clerks] == [
            ("lan", "Nguyễn Thị Lan", HEAD),
            ("minh", "Võ Văn Minh", CLERK),
        ]
    finally:
        lan.store.close()
    minh = desk.open("minh", MINH_PASSPHRASE)
    try:
        assert minh.full_name == "Võ Văn Minh"
    finally:
        minh.store.close()
    assert desk.can_unlock("lan", PASSPHRASE)
    assert not desk.can_unlock("minh", PASSPHRASE)  # each clerk her own passphrase


def test_a_clerk_who_is_not_head_is_refused_and_the_refusals_name_no_one(desk: Desk) -> None:
    lan = desk.open("lan", PASSPHRASE)
    try:
        desk.add(lan, "minh", MINH_PASSPHRASE)
        for login, passphrase, changes, refusal in (
            ("MINH", "một mật khẩu dài", {}, LoginTaken),
            ("hoa", "ngắn", {}, PassphraseTooShort),
            ("ho\ta", "một mật khẩu dài", {}, BadLogin),
            ("hoa", "một mật khẩu dài", {"full_name": "  "}, NoFullName),
        ):
            with pytest.raises(refusal):
                desk.add(lan, login, passphrase, **changes)
        with pytest.raises(RemovingOneself):
            remove_desk_clerk(desk.paths.key_file, lan.store, actor="lan", login="LAN")
        with pytest.raises(NotAClerk):
            remove_desk_clerk(desk.paths.key_file, lan.store, actor="lan", login="hoa")
    finally:
        lan.store.close()
    minh = desk.open("minh", MINH_PASSPHRASE)
    try:
        with pytest.raises(NotHeadClerk, match="only the desk's head clerk can add or remove clerks"):
            desk.add(minh, "hoa", "một mật khẩu dài")
        with pytest.raises(NotHeadClerk):
            remove_desk_clerk(desk.paths.key_file, minh.store, actor="minh", login="lan")
        assert [c.login for c in read_desk_clerks(desk.paths.key_file, minh.store)] == ["lan", "minh"]
    finally:
        minh.store.close()
    assert not desk.can_unlock("hoa", "một mật khẩu dài")


def test_a_removed_clerk_cannot_unlock_and_a_second_head_may_remove_the_first(desk: Desk) -> None:
    lan = desk.open("lan", PASSPHRASE)
    try:
        desk.add(lan, "minh", MINH_PASSPHRASE)
        desk.add(lan, "hoa", "mật khẩu của Hoa", role=HEAD)
        removed = remove_desk_clerk(desk.paths.key_file, lan.store, actor="lan", login="minh")
        assert removed.login == "minh"
    finally:
        lan.store.close()
    assert not desk.can_unlock("minh", MINH_PASSPHRASE)
    hoa = desk.open("hoa", "mật khẩu của Hoa")
    try:
        remove_desk_clerk(desk.paths.key_file, hoa.store, actor="hoa", login="lan")
        assert [(c.login, c.role) for c in read_desk_clerks(desk.paths.key_file, hoa.store)] == [
            ("hoa", HEAD)
        ]
    finally:
        hoa.store.close()
    assert not desk.can_unlock("lan", PASSPHRASE)


def test_it_adds_a_head_clerk_with_the_recovery_key_through_the_motcua_program(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    new = "mật khẩu của chị Tâm"
    data = str(desk.data_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"Phạm Thị Tâm\n{new}\n{new}\n"))
    command = ["--data-dir", data, "add-clerk", "tam", "--head", "--recovery-key", str(desk.recovery_key)]
    assert main(command) == 0
    said = capsys.readouterr()
    assert "Added the head clerk account tam" in said.out and new not in said.out + said.err
    tam = desk.open("tam", new)
    try:
        assert tam.full_name == "Phạm Thị Tâm"
        desk.add(tam, "minh", MINH_PASSPHRASE)  # she is a head clerk: she adds clerks at the desk
    finally:
        tam.store.close()
    assert desk.can_unlock("minh", MINH_PASSPHRASE) and desk.can_unlock("lan", PASSPHRASE)

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{new}\n{new}\n"))
    taken = [
        "--data-dir",
        data,
        "add-clerk",
        "TAM",
        "--full-name",
        "X",
        "--recovery-key",
        str(desk.recovery_key),
    ]
    assert main(taken) == 1
    assert "a clerk with this login already exists; nothing was changed" in capsys.readouterr().err

    other = generate_recovery_keypair()
    wrong_key = desk.data_dir.parent / "other.pem"
    wrong_key.write_bytes(other.private_pem)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{new}\n{new}\n"))
    assert (
        main(["--data-dir", data, "add-clerk", "hoa", "--full-name", "Hoa", "--recovery-key", str(wrong_key)])
        == 1
    )
    assert "does not belong to this workstation's store" in capsys.readouterr().err
    assert not desk.can_unlock("hoa", new)

    with StoreLock.acquire(desk.paths.store_folder, holder="the motcua desk (process 1)"):
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{new}\n{new}\n"))
        command = ["--data-dir", data, "add-clerk", "hoa", "--full-name", "Hoa", "--recovery-key"]
        assert main([*command, str(desk.recovery_key)]) == 2
    assert "the store is in use by the motcua desk" in capsys.readouterr().err
    assert not desk.can_unlock("hoa", new)
