"""Secrets and bearer tokens; Argon2id password hashes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.credentials import (
    DEVICE_TOKEN,
    SESSION_TOKEN,
    hash_secret,
    make_token,
    new_secret,
    parse_token,
    secret_matches,
)
from server.errors import WeakPassword
from server.passwords import (
    PasswordParams,
    check_password_strength,
    dummy_hash,
    hash_password,
    needs_rehash,
    verify_password,
)

FAST = PasswordParams(memory_kib=8 * 1024, iterations=1, lanes=1)


def test_secrets_are_random_and_only_their_hash_matches() -> None:
    secret = new_secret()
    assert len(secret) >= 43 and new_secret() != secret
    stored = hash_secret(secret)
    assert secret not in stored
    assert secret_matches(secret, stored)
    assert not secret_matches(secret + "x", stored)
    assert not secret_matches(secret, "é" * 64)


def test_tokens_round_trip_and_refuse_malformed_text() -> None:
    secret = new_secret()
    token = make_token(DEVICE_TOKEN, "id0001", secret)
    assert parse_token(token) == (DEVICE_TOKEN, "id0001", secret)
    assert parse_token(make_token(SESSION_TOKEN, "s1", secret)) == (SESSION_TOKEN, "s1", secret)
    for bad in (
        "",
        "mcd",
        "mcd.id",
        "xxx.id." + secret,
        "mcd..x" + secret,
        f"mcd.i d.{secret}",
        "a.b.c.d",
        "x" * 300,
    ):
        assert parse_token(bad) is None, bad
    with pytest.raises(ValueError):
        make_token("zzz", "id", secret)
    with pytest.raises(ValueError):
        make_token(DEVICE_TOKEN, "has.dot", secret)


@given(st.text(max_size=300))
def test_parse_token_never_raises(text: str) -> None:
    parsed = parse_token(text)
    assert parsed is None or ".".join(parsed) == text


def test_password_hash_verifies_and_keeps_its_parameters() -> None:
    stored = hash_password("correct horse battery", FAST)
    assert stored.startswith("$argon2id$v=19$m=8192,t=1,p=1$")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterY", stored)
    assert hash_password("correct horse battery", FAST) != stored  # a random salt each time
    assert not needs_rehash(stored, FAST)
    assert needs_rehash(stored, PasswordParams(memory_kib=16 * 1024, iterations=1, lanes=1))


def test_passwords_are_normalised_to_nfc() -> None:
    stored = hash_password("mật khẩu dài đủ", FAST)
    import unicodedata

    assert verify_password(unicodedata.normalize("NFD", "mật khẩu dài đủ"), stored)


@pytest.mark.parametrize(
    "stored", ["", "plain", "$argon2id$v=19$m=x,t=1,p=1$AA$AA", "$argon2i$v=19$m=8,t=1,p=1$AA$AA"]
)
def test_malformed_hashes_never_verify(stored: str) -> None:
    assert not verify_password("anything at all", stored)
    assert needs_rehash(stored, FAST)


def test_weak_passwords_are_refused() -> None:
    with pytest.raises(WeakPassword, match="at least 10"):
        check_password_strength("short")
    with pytest.raises(WeakPassword, match="at most"):
        hash_password("x" * 1025, FAST)
    assert not verify_password("x" * 2000, dummy_hash(FAST))
    with pytest.raises(ValueError):
        PasswordParams(memory_kib=4, iterations=1, lanes=1)
