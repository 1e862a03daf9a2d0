"""The province as practice mode plays it: in-process replicas that answer a practice sync as officers would.

A practice sync is a real sync session (``sync.sync_session``) between the practice store and
:attr:`SimulatedProvince.hub`, an in-memory province replica; nothing leaves the computer. Between the push
and the pull the "officers" act on what the hub holds, so their answers come back in the same sync:

- a dossier handed over for processing is first acknowledged (a note: the province has it), then, at the
  next sync, completed, or, for the marital status certificate, sent back asking for a supplement;
- a province officer works on her own replica (:attr:`officer`) and corrects the phone number of the
  dossiers in ``conflict_ids``; her edit reaches the hub only at the next sync, so a clerk who changed
  the same phone meanwhile gets a real conflict through the normal merge rules.

Replica ids start with ``thuchanh-`` (``dossiers.practice_marks``): a real server refuses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

from dossiers.dossier_record import DOSSIER_RECORD, PROVINCE_SIDE, RECORD_TYPE_NAME, transition_value
from dossiers.lifecycle import Actor, Status
from dossiers.practice_marks import PRACTICE_REPLICA_PREFIX
from sync.event_texts import EncodedEvent
from sync.replica_memory import MemoryReplica
from sync.sync_messages import PULL
from sync.sync_session import InProcessTransport, ReceiveResult, SessionResponder, Transport, run_session
from sync.version_vectors import VersionVector

OFFICER = "can-bo-tinh"
"""The author the simulated province's writes carry."""
OFFICER_PHONE = "0912000111"
ACKNOWLEDGED_NOTE = "Cơ quan cấp tỉnh đã nhận hồ sơ để giải quyết (thực hành)"
COMPLETED_NOTE = "Cán bộ cấp tỉnh đã ký kết quả (thực hành)"
SUPPLEMENT_NOTE = "Cơ quan cấp tỉnh đề nghị bổ sung bản sao giấy tờ tùy thân của người yêu cầu (thực hành)"
SUPPLEMENT_PROCEDURES = frozenset({"1.004873"})
"""Procedures whose dossiers the province sends back for a supplement (the marital status certificate)."""


class _AnsweringHub:
    """The hub as the desk's session sees it: it never says it holds nothing more (it has no
    ``waiting_beyond``: ``sync.sync_session.holds_more``), since the officers answer when the desk pulls."""

    def __init__(self, hub: MemoryReplica) -> None:
        self._hub = hub

    @property
    def replica_id(self) -> str:
        return self._hub.replica_id

    def vector(self) -> VersionVector:
        return self._hub.vector()

    def missing_encoded(self, vector: VersionVector) -> Sequence[str]:
        return self._hub.missing_encoded(vector)

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveResult:
        return self._hub.receive_encoded(events)


class _ProvinceTransport(InProcessTransport):
    """An in-process link to the hub; the officers act when the desk asks for their answers (the pull)."""

    def __init__(self, province: SimulatedProvince) -> None:
        super().__init__(SessionResponder(_AnsweringHub(province.hub)))
        self._province = province

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        if route == PULL:
            self._province.officers_act()
        return super().call(route, body)


class SimulatedProvince:
    """The province's replicas for one practice session (fresh ids each time: nothing to keep in step)."""

    def __init__(
        self,
        *,
        now: Callable[[], datetime],
        new_id: Callable[[], str],
        conflict_ids: Iterable[str] = (),
    ) -> None:
        suffix = new_id().removeprefix(PRACTICE_REPLICA_PREFIX)[:24]
        self.hub = MemoryReplica(
            f"{PRACTICE_REPLICA_PREFIX}tinh-{suffix}", PROVINCE_SIDE, [DOSSIER_RECORD], now
        )
        self.officer = MemoryReplica(
            f"{PRACTICE_REPLICA_PREFIX}canbo-{suffix}", PROVINCE_SIDE, [DOSSIER_RECORD], now
        )
        self._now = now
        self.conflict_ids = frozenset(conflict_ids)
        self.answers = 0
        """How many writes the officers made (for the trainee's status line and the tests)."""

    def transport(self) -> Transport:
        """A new link for one practice sync (the desk's sync controller calls this as its factory)."""
        return _ProvinceTransport(self)

    def officers_act(self) -> None:
        """The officer's held edits reach the hub, then the hub's dossiers get their answers."""
        run_session(self.officer, InProcessTransport(SessionResponder(self.hub)), now=self._now)
        for record_type, record_id in self.hub.record_keys():
            if record_type == RECORD_TYPE_NAME:
                self._answer(record_id)
        for record_type, record_id in self.officer.record_keys():
            if record_type == RECORD_TYPE_NAME:
                self._edit_phone(record_id)

    def _write(self, record_id: str, fields: dict[str, object]) -> None:
        self.hub.write(RECORD_TYPE_NAME, record_id, fields, author=OFFICER)
        self.answers += 1

    def _answer(self, record_id: str) -> None:
        state = self.hub.record(RECORD_TYPE_NAME, record_id)
        values = state.values
        if state.conflicts or values.get("status") != Status.PROCESSING.value:
            return
        notes = tuple(values.get("notes", ()))
        if ACKNOWLEDGED_NOTE not in notes:
            self._write(record_id, {"notes": [ACKNOWLEDGED_NOTE]})
        elif values.get("procedure_code") in SUPPLEMENT_PROCEDURES:
            move = transition_value(Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Actor.PROVINCE)
            self._write(record_id, {"status": move, "notes": [SUPPLEMENT_NOTE]})
        else:
            move = transition_value(Status.PROCESSING, Status.PROCESSED, Actor.PROVINCE)
            self._write(record_id, {"status": move, "notes": [COMPLETED_NOTE]})

    def _edit_phone(self, record_id: str) -> None:
        state = self.officer.record(RECORD_TYPE_NAME, record_id)
        if state.values.get("applicant_id_number") not in self.conflict_ids:
            return
        if any(e.author == OFFICER and "applicant_phone" in e.fields for e in state.history):
            return  # once per dossier
        self.officer.write(RECORD_TYPE_NAME, record_id, {"applicant_phone": OFFICER_PHONE}, author=OFFICER)
        self.answers += 1
