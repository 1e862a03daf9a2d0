"""Desks of one commune in this process, each with its store and the product's LAN listener
(``workstation.lan_desks.DeskLan``) on 127.0.0.1, paired as IT pairs them: LAN tests with no process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from dossiers.code_allocation import SequenceSpace
from tests.helpers.dossier_desks import OFFICE, Clock, draft, open_desk
from workstation.lan_desks import DeskLan
from workstation.lan_peers import LanSettings, save_settings
from workstation.sequence_blocks import write_sequence_space

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


class LanDesk:
    """A desk and its LAN listener; ``receive`` makes a dossier (its events signed by this desk)."""

    def __init__(self, root: Path, name: str, commune: int = 70) -> None:
        self.name = name
        self.desk = open_desk(root / name / "store", Clock(START))
        space = SequenceSpace(OFFICE.agency_identifier, name, 1, 9999)
        self.desk.sequence_space = space
        self.desk.store.write(lambda conn: write_sequence_space(conn, space)).result()
        self.store = self.desk.store
        save_settings(self.store, LanSettings(enabled=True, port=0, host="127.0.0.1", name=name))
        self.lan = DeskLan(
            self.desk.replica, commune=f"{commune:05d}", now=lambda: START, on_block_changed=self._block
        )
        self.lan.start()

    @property
    def replica_id(self) -> str:
        return self.store.replica_id

    def _block(self, space: Any) -> None:
        self.desk.sequence_space = space

    def pair_with(self, other: LanDesk) -> None:
        """``other`` shows a code, this desk types it."""
        offer = other.lan.offer_pairing()
        self.lan.join(offer.address, offer.code.text)

    def receive(self, name: str = "Nguyễn Văn Đức") -> str:
        return self.desk.receive(draft(name)).dossier_id

    def sync_with(self, other: LanDesk) -> Any:
        [peer] = [p for p in self.lan.peers() if p.replica_id == other.replica_id]
        return self.lan.sync_peer(peer)

    def close(self) -> None:
        self.lan.stop()
        self.store.close()
