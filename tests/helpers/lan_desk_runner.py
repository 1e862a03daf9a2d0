"""A desk as its own process for the LAN journeys: ``python -m tests.helpers.lan_desk_runner DATA NAME PORT``.

It unlocks the workstation in DATA (made by ``enrolled_desks.new_desk``), opens its work session and turns on
the product's LAN listener (``workstation.lan_desks.DeskLan``) on 127.0.0.1:PORT, then does what the test
asks, one JSON object a line on stdin, answering one JSON object a line on stdout. Everything it does goes
through the workstation layer the desk application uses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import time
import traceback
import uuid
from pathlib import Path
from typing import Any

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier import Applicant, ReceivedDocument
from dossiers.dossier_codes import format_code
from sync.attachments import AttachmentStore
from sync.event_texts import decode_canonical
from sync.version_vectors import EventId, VersionVector
from tests.helpers.forged_events import forge
from workstation.dossier_desk import DossierDraft
from workstation.enrolment import enrol_workstation, stored_transport_factory
from workstation.lan_desks import DeskLan
from workstation.lan_peers import LanError, LanSettings, save_settings
from workstation.opening import unlock_workstation
from workstation.origin_keys import origin_keys
from workstation.reference_sync import sync_with_province
from workstation.sync_keys import device_identity
from workstation.sync_transfers import Activity, ProgressMeter
from workstation.work_session import open_work_session

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Vietnam, a Monday
PASS = "trống đồng Đông Sơn"


class Runner:
    def __init__(self, data: Path, name: str, port: int) -> None:
        began = time.monotonic()
        self.now = lambda: START + dt.timedelta(seconds=time.monotonic() - began)
        session = unlock_workstation(
            data / "store", "lan", PASS, now=self.now, new_id=lambda: uuid.uuid4().hex
        )
        self.work = open_work_session(
            session, now=self.now, new_id=lambda: uuid.uuid4().hex, province_fees={"1.001193": 0}
        )
        self.desk = self.work.desk
        save_settings(self.work.store, LanSettings(enabled=True, port=port, host="127.0.0.1", name=name))
        self.lan = DeskLan(
            self.desk.replica,
            commune=self.desk.commune,
            now=self.now,
            on_block_changed=self._block,
        )
        self.lan.start()

    def _block(self, space: Any) -> None:
        self.desk.sequence_space = space

    def do(self, op: str, args: dict[str, Any]) -> Any:
        desk, lan = self.desk, self.lan
        if op == "offer":
            offer = lan.offer_pairing()
            return {"code": offer.code.text, "host": offer.address[0], "port": offer.address[1]}
        if op == "join":
            peer = lan.join((args["host"], args["port"]), args["code"])
            return {"name": peer.name}
        if op == "receive":
            scan = Path(args["scan"])

            def add(conn: Any) -> Any:
                return AttachmentStore(conn, desk.store.paths.attachments, now=desk.store.now).add_path(scan)

            info = desk.store.write(add).result()
            draft = DossierDraft(
                procedure_code="1.001193",
                applicant=Applicant(
                    args["name"],
                    dt.date.fromisoformat(args["birth"]),
                    Sex(args["sex"]),
                    args["id_number"],
                    "Số 1 Hàng Bạc",
                    "0912345678",
                ),
                documents=(ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL),),
                attachments=(
                    {
                        "sha256": info.sha256,
                        "name": scan.name,
                        "media_type": info.media_type,
                        "size": info.size,
                    },
                ),
            )
            dossier = desk.receive(draft)
            return {"id": dossier.dossier_id, "code": format_code(dossier.code)}
        if op == "sync":
            outcomes = lan.sync_all().outcomes
            return [
                {
                    "name": o.peer.name,
                    "error": None if o.error is None else str(o.error),
                    "pushed": 0 if o.result is None else o.result.pushed_events,
                    "pulled": 0 if o.result is None else o.result.pulled_events,
                    "scans": o.scans,
                }
                for o in outcomes
            ]
        if op == "search":
            return desk.search(args["query"])
        if op == "open_scan":
            page = desk.page(args["dossier"])
            [value] = page.state.get("attachments")
            with desk.store.reader() as conn:
                content = AttachmentStore(conn, desk.store.paths.attachments, now=desk.store.now).read_bytes(
                    value["sha256"]
                )
            return {"name": value["name"], "sha256": hashlib.sha256(content).hexdigest()}
        if op == "name":
            return desk.page(args["dossier"]).dossier.applicant.full_name
        if op == "update":
            desk.update(args["dossier"], args["fields"])
            return None
        if op == "conflicts":
            return [c.field for c in desk.page(args["dossier"]).conflicts]
        if op == "resolve":
            page = desk.page(args["dossier"])
            for conflict in page.conflicts:
                desk.resolve(conflict, value=args["value"])
            return desk.page(args["dossier"]).state.get(args["field"])
        if op == "field":
            return desk.page(args["dossier"]).state.get(args["field"])
        if op == "enrol":
            enrol_workstation(desk.store, args["url"], args["code"], label=args["label"], now=self.now)
            return None
        if op == "sync_province":
            factory = stored_transport_factory(desk.store)
            assert factory is not None
            meter = ProgressMeter(Activity.SYNC, lambda _progress: None)
            result = sync_with_province(  # the desk's own path: the session, reference data, desks' keys
                desk.replica, factory, meter, now=self.now, checkpoints=lan.checkpoints
            )
            return {"pushed": result.pushed_events, "pulled": result.pulled_events}
        if op == "codes":
            return sorted(format_code(desk.page(i).dossier.code) for i in desk.search(args["query"]))
        if op == "peers":
            return [
                {"name": s.name, "waiting": s.waiting, "contact": s.last_contact is not None}
                for s in lan.peer_statuses()
            ]
        if op == "refusals":
            return lan.refusals()
        if op == "peer_errors":
            return {s.name: [s.error_code, s.error] for s in lan.peer_statuses()}
        if op == "origin_keys":
            return {rid: key.source for rid, key in origin_keys(desk.store).items()}
        if op == "replica_id":
            return desk.store.replica_id
        if op == "holds":
            wanted = EventId(args["replica"], args["counter"])
            return any(
                decode_canonical(t).event.id == wanted for t in desk.replica.missing_encoded(VersionVector())
            )
        if op == "forge":  # a hostile desk: an event under another desk's identity, put straight in its store
            texts = desk.replica.missing_encoded(VersionVector())
            forged = forge(texts, args["origin"], args["kind"], signer=device_identity(desk.store))
            desk.replica.receive_encoded([forged])
            return [forged.event.id.replica_id, forged.event.id.counter]
        raise ValueError(f"unknown op {op}")

    def close(self) -> None:
        self.lan.stop()
        self.work.store.close()


def main() -> None:
    data, name, port = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    runner = Runner(data, name, port)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        op = request.pop("op")
        if op == "quit":
            break
        try:
            answer = {"ok": runner.do(op, request)}
        except LanError as exc:
            answer = {"error": exc.code, "message": str(exc)}
        except Exception as exc:  # noqa: BLE001 (reported to the test)
            answer = {"error": type(exc).__name__, "message": str(exc), "trace": traceback.format_exc()}
        print(json.dumps(answer, ensure_ascii=False), flush=True)
    runner.close()


if __name__ == "__main__":
    main()
