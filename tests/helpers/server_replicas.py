"""Workstations enrolled straight into a server's storage (no HTTP), for tests of the server's replica."""

from __future__ import annotations

import datetime as dt
import os

from server.enrolment import EnrolmentRequest, enrol, issue_enrolment_code
from server.storage.interface import ServerStorage
from sync.device_keys import DeviceIdentity

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def enrol_replica(
    storage: ServerStorage, commune: str, replica: str, identity: DeviceIdentity | None = None
) -> str:
    """Enrol a workstation with replica id ``replica`` (with the public keys of ``identity``, else new ones);
    return its credential."""
    now = lambda: T0  # noqa: E731
    new_id = lambda: os.urandom(8).hex()  # noqa: E731
    code = issue_enrolment_code(storage, commune, now=now, new_id=new_id, ttl=dt.timedelta(hours=1)).code
    keys = (identity or DeviceIdentity.generate(replica)).public()
    done = enrol(
        storage, EnrolmentRequest(code, commune, replica, keys), now=now, new_id=new_id, block_count=10
    )
    return done.credential
