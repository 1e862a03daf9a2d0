"""Accounts and enrolled devices on a live test server: issuing enrolment codes, enrolling, logging in."""

from __future__ import annotations

import datetime as dt

from server.enrolment import issue_enrolment_code
from server.passwords import PasswordParams, hash_password
from server.storage.interface import ServerStorage
from server.storage.records import Account, Role
from tests.server.conftest import FAST_ARGON2, Clock, Ids, LiveServer, device_keys

PASSWORD = "a long enough passphrase"
PARAMS = PasswordParams(
    FAST_ARGON2["argon2_memory_kib"], FAST_ARGON2["argon2_iterations"], FAST_ARGON2["argon2_lanes"]
)


def issue(storage: ServerStorage, commune: str, clock: Clock, ids: Ids, hours: float = 72) -> str:
    return issue_enrolment_code(
        storage, commune, now=clock.now, new_id=ids, ttl=dt.timedelta(hours=hours)
    ).code


def enrol_body(code: str, commune: str, replica: str, label: str = "Bàn 1") -> dict[str, object]:
    return {"code": code, "commune": commune, "label": label, "device_keys": device_keys(replica)}


def enrol(
    live: LiveServer, storage: ServerStorage, commune: str, clock: Clock, ids: Ids, replica: str
) -> dict:
    response = live.post("/v1/enrol", json=enrol_body(issue(storage, commune, clock, ids), commune, replica))
    assert response.status_code == 200, response.text
    return response.json()


def add_account(storage: ServerStorage, username: str, role: Role, province: str = "01") -> None:
    storage.add_account(
        Account(f"acc-{username}", username, role, province, hash_password(PASSWORD, PARAMS), START_TIME)
    )


START_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def log_in(live: LiveServer, username: str, password: str = PASSWORD) -> str:
    response = live.post("/v1/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["token"])
