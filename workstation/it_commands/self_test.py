"""``motcua self-test`` / ``--self-test``: prove this installation works, without touching the real store.

In a temporary folder: create an encrypted store (key file, Argon2id, SQLCipher), save a made-up dossier
through the sync replica, find it with the search index, reopen the store with the passphrase, then render
the desk application's own steps (given by ``desktop.self_test_steps``: the main window and a receipt
(Mẫu 01) PDF offscreen). Prints one line per step and a verdict; exit status 0
when every step passed, 1 with the reason otherwise. The temporary folder is removed at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossiers.vietnam_time import VIETNAM_TIME
from workstation.errors import WorkstationError
from workstation.it_commands.build_metadata import build_metadata
from workstation.it_commands.console import EXIT_FAILED, EXIT_OK, Console

SQLITE_HEADER = b"SQLite format 3\x00"
TEST_COMMUNE_CODE = "99999"
TEST_AGENCY = "000.00.01.H99"
TEST_NAME = "Người Tự Kiểm Tra"
TEST_LOGIN = "selftest"


class SelfTestFailure(WorkstationError):
    """A self-test step found something wrong (the message says what)."""


@dataclass
class SelfTestReport:
    """The steps run, each with its outcome; ``ok`` when all passed."""

    steps: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(passed for _, passed, _ in self.steps)

    def lines(self) -> list[str]:
        meta = build_metadata()
        made = f"commit {meta.git_commit[:12]}, built {meta.build_date}" if meta.packaged else "from source"
        out = [f"motcua self-test ({meta.version}, {made})"]
        out += [f"  [{'ok' if passed else 'FAILED'}] {name}: {detail}" for name, passed, detail in self.steps]
        out.append("self-test passed" if self.ok else f"self-test FAILED: {self.first_failure()}")
        return out

    def first_failure(self) -> str:
        return next((f"{name}: {detail}" for name, passed, detail in self.steps if not passed), "no step ran")


@dataclass(frozen=True)
class SelfTestState:
    """What an extra step sees: the temporary folder and what earlier steps made (``dossier``,
    ``procedure``)."""

    folder: Path
    made: dict[str, Any]


ExtraStep = tuple[str, Callable[[SelfTestState], str]]
"""A step's name and its action (returns the detail line; raises to fail)."""


def check(condition: bool, message: str) -> None:
    """Fail the step with ``message`` unless ``condition``."""
    if not condition:
        raise SelfTestFailure(message)


class _Run:
    """Runs the steps in order and stops at the first failure (later steps depend on earlier ones)."""

    def __init__(self, report: SelfTestReport, debug: bool, extra_steps: Sequence[ExtraStep] = ()) -> None:
        self.report = report
        self.debug = debug
        self.extra_steps = extra_steps
        self.failed = False

    def step(self, name: str, action: Callable[[], str]) -> None:
        if self.failed:
            return
        started = time.perf_counter()
        try:
            detail = action()
        except Exception as exc:  # every failure is reported, with its reason, never raised
            self.failed = True
            reason = str(exc) or type(exc).__name__
            if self.debug:
                reason += "\n" + traceback.format_exc()
            self.report.steps.append((name, False, f"{type(exc).__name__}: {reason}"))
            return
        elapsed = time.perf_counter() - started
        self.report.steps.append((name, True, f"{detail} ({elapsed:.2f} s)"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _new_id() -> str:
    return uuid.uuid4().hex


def run_self_test(
    *, work_dir: Path | None = None, debug: bool = False, extra_steps: Sequence[ExtraStep] = ()
) -> SelfTestReport:
    """Run every step in a fresh temporary folder (inside ``work_dir`` if given) and return the report.

    ``extra_steps`` run after the store's steps (the desk application adds its window and receipt checks).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    report = SelfTestReport()
    run = _Run(report, debug, extra_steps)
    with tempfile.TemporaryDirectory(prefix="motcua-self-test-", dir=work_dir) as temp:
        _steps(run, Path(temp))
    return report


def _steps(run: _Run, folder: Path) -> None:
    from dossiers.catalogue import DocumentForm, parse_catalogue
    from dossiers.dossier import Applicant, Dossier, ReceivedDocument
    from dossiers.dossier_codes import DossierCode
    from dossiers.dossier_record import (
        DESK_SIDE,
        DOSSIER_RECORD,
        SCOPE_FIELD,
        dossier_from_values,
        new_dossier_fields,
        search_texts,
    )
    from dossiers.lifecycle import Status
    from resources import resource_path
    from sync.replica_store import ReplicaStore
    from sync.search_index import search
    from workstation.opening import create_workstation, unlock_workstation
    from workstation.settings import SiteSettings

    state: dict[str, Any] = {}
    store_folder = folder / "store"
    passphrase = secrets.token_urlsafe(18)

    def resources_present() -> str:
        catalogue = parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes())
        check(len(catalogue.procedures) > 0, "the procedure catalogue is empty")
        for name in ("motcua_vi.qm", "motcua_en.qm"):
            check(resource_path("translations", name).is_file(), f"the translation {name} is missing")
        check(resource_path("forms", "mau_01.html").is_file(), "the receipt template is missing")
        state["procedure"] = catalogue.procedures[0]
        return f"catalogue ({len(catalogue.procedures)} procedures), forms, translations"

    def create_store() -> str:
        site = SiteSettings(
            province_code=99,
            province_name="Tỉnh Thử Nghiệm",
            commune_code=int(TEST_COMMUNE_CODE),
            commune_name="Xã Thử Nghiệm",
            agency_id=TEST_AGENCY,
        )
        session = create_workstation(
            store_folder,
            site=site,
            login=TEST_LOGIN,
            full_name=TEST_NAME,
            passphrase=passphrase,
            recovery_pem=None,
            now=_now,
            new_id=_new_id,
        )
        state["session"] = session
        header = session.store.paths.database.read_bytes()[: len(SQLITE_HEADER)]
        check(header != SQLITE_HEADER, "the database file is not encrypted")
        return f"encrypted store created (schema {session.store.schema_version})"

    def save_and_search() -> str:
        store = state["session"].store
        replica = ReplicaStore(
            store,
            DESK_SIDE,
            [DOSSIER_RECORD],
            scope_field=SCOPE_FIELD,
            search_texts=lambda _type, record: search_texts(record.values),
        )
        procedure = state["procedure"]
        received = dt.datetime.now(VIETNAM_TIME).replace(microsecond=0)
        dossier = Dossier(
            dossier_id=_new_id(),
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            applicant=Applicant(TEST_NAME, address="Thôn Thử Nghiệm", phone="0900000000"),
            received_at=received,
            status=Status.NEW,
            code=DossierCode(TEST_AGENCY, received.date(), 1),
            appointment=received.date() + dt.timedelta(days=7),
            documents=(ReceivedDocument("Tờ khai", DocumentForm.ORIGINAL),),
            received_by=TEST_LOGIN,
            received_by_name=TEST_NAME,
        )
        replica.write(
            "dossier", dossier.dossier_id, new_dossier_fields(dossier, TEST_COMMUNE_CODE), TEST_LOGIN
        )
        with store.reader() as conn:
            hits = search(conn, "tu kiem tra")
        check(dossier.dossier_id in hits, "the saved dossier is not found by its applicant's name")
        state["dossier"] = dossier
        return "dossier saved through the sync replica and found by search"

    def reopen() -> str:
        state["session"].store.close()
        session = unlock_workstation(store_folder, TEST_LOGIN, passphrase, now=_now, new_id=_new_id)
        state["session"] = session
        replica = ReplicaStore(session.store, DESK_SIDE, [DOSSIER_RECORD], scope_field=SCOPE_FIELD)
        values = replica.record("dossier", state["dossier"].dossier_id).values
        back = dossier_from_values(state["dossier"].dossier_id, values)
        check(back.applicant.full_name == TEST_NAME, "the dossier read back differs from the one saved")
        check(
            session.site is not None and session.site.agency_id == TEST_AGENCY, "the site settings are lost"
        )
        session.store.close()
        return "store reopened with the passphrase, dossier and settings read back"

    run.step("resources", resources_present)
    run.step("encrypted store", create_store)
    run.step("save and search", save_and_search)
    run.step("reopen", reopen)
    for name, extra in run.extra_steps:
        run.step(name, lambda extra=extra: extra(SelfTestState(folder, state)))
    session = state.get("session")
    if session is not None:
        session.store.close()


def run_self_test_command(
    console: Console, *, debug: bool = False, extra_steps: Sequence[ExtraStep] = ()
) -> int:
    """Print the report; exit status 0 if every step passed, else 1."""
    report = run_self_test(debug=debug, extra_steps=extra_steps)
    for line in report.lines():
        console.say(line)
    if not report.ok:
        console.warn(f"self-test FAILED: {report.first_failure()}")
    return EXIT_OK if report.ok else EXIT_FAILED
