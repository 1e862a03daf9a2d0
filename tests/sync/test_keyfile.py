"""The key file format: round trip, strict parsing of damaged or unknown files, atomic write."""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sync.keyfile as keyfile_module
from sync.errors import KeyFileError
from sync.keyfile import (
    FORMAT_VERSION,
    MAX_KEY_FILE_BYTES,
    ClerkSlot,
    KdfParams,
    KeyFile,
    RecoverySlot,
    Sealed,
    WrappedKey,
    dump_key_file,
    fingerprint_of,
    login_key,
    normalize_login,
    parse_key_file,
    read_key_file,
    write_file_atomically,
    write_key_file,
)


def _bytes(n: int) -> st.SearchStrategy[bytes]:
    return st.binary(min_size=n, max_size=n)


wrapped_keys = st.builds(WrappedKey, _bytes(32), _bytes(12), _bytes(48))
kdfs = st.builds(
    KdfParams,
    memory_kib=st.integers(min_value=512, max_value=1 << 20),
    iterations=st.integers(min_value=1, max_value=64),
    lanes=st.integers(min_value=1, max_value=64),
)
ids = st.text(alphabet="abcdef0123456789-", min_size=1, max_size=64).filter(lambda s: s.strip() == s)
logins = st.text(
    alphabet=st.characters(categories=["L", "N", "P"], include_characters=" "), min_size=1, max_size=40
).map(lambda s: s.strip() or "x")


@st.composite
def key_files(draw: st.DrawFn) -> KeyFile:
    rotating = draw(st.booleans())
    n = draw(st.integers(min_value=1, max_value=4))
    clerk_ids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    clerk_logins = draw(st.lists(logins, min_size=n, max_size=n, unique_by=login_key))
    clerks = tuple(
        ClerkSlot(
            clerk_id=cid,
            login=normalize_login(login),
            public_key=draw(_bytes(32)),
            kdf=draw(kdfs),
            salt=draw(_bytes(16)),
            private_key=Sealed(draw(_bytes(12)), draw(_bytes(48))),
            data_key=draw(wrapped_keys),
            next_data_key=draw(wrapped_keys) if rotating else None,
        )
        for cid, login in zip(clerk_ids, clerk_logins, strict=True)
    )
    recovery = RecoverySlot(draw(_bytes(32)), draw(wrapped_keys), draw(wrapped_keys) if rotating else None)
    return KeyFile(
        store_id=draw(ids),
        generation=draw(st.integers(min_value=1, max_value=2**40)),
        key_check=draw(_bytes(16)),
        clerks=clerks,
        recovery=recovery,
        next_key_check=draw(_bytes(16)) if rotating else None,
    )


def _sample() -> KeyFile:
    def w(b: int) -> WrappedKey:
        return WrappedKey(bytes([b]) * 32, bytes([b]) * 12, bytes([b]) * 48)

    clerk = ClerkSlot(
        "c1", "lan.nt", b"\x01" * 32, KdfParams(8, 1, 1), b"\x02" * 16, Sealed(b"\3" * 12, b"\4" * 48), w(5)
    )
    return KeyFile("store-1", 1, b"\x06" * 16, (clerk,), RecoverySlot(b"\x07" * 32, w(8)))


def _doc() -> dict[str, Any]:
    return json.loads(dump_key_file(_sample()))


def _parse(doc: Any) -> KeyFile:
    return parse_key_file(json.dumps(doc).encode())


@given(key_files())
def test_round_trip(kf: KeyFile) -> None:
    assert parse_key_file(dump_key_file(kf)) == kf


def test_sample_layout_is_versioned_json() -> None:
    doc = _doc()
    assert doc["format"] == "motcua-key-file"
    assert doc["version"] == FORMAT_VERSION == 1
    assert doc["clerks"][0]["kdf"] == {
        "algorithm": "argon2id",
        "memory_kib": 8,
        "iterations": 1,
        "lanes": 1,
        "salt": "AgICAgICAgICAgICAgICAg==",
    }
    assert doc["recovery"]["fingerprint"] == fingerprint_of(b"\x07" * 32)
    assert doc["next_key_check"] is None and doc["clerks"][0]["next_data_key"] is None


@pytest.mark.parametrize("version", [0, 2, 99, "1", 1.0, True, None])
def test_unknown_version_is_refused(version: Any) -> None:
    doc = _doc()
    doc["version"] = version
    with pytest.raises(KeyFileError, match="version"):
        _parse(doc)


def test_missing_version_is_refused() -> None:
    doc = _doc()
    del doc["version"]
    with pytest.raises(KeyFileError, match="version"):
        _parse(doc)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not json",
        b"[]",
        b"null",
        b'{"format": "something-else", "version": 1}',
        b"\xff\xfe\x00",
        b"{" * 100_000,
    ],
)
def test_not_a_key_file(data: bytes) -> None:
    with pytest.raises(KeyFileError):
        parse_key_file(data)


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target = doc
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("store_id",), ""),
        (("store_id",), 12),
        (("store_id",), " padded "),
        (("store_id",), "x" * 65),
        (("generation",), 0),
        (("generation",), "1"),
        (("key_check",), "AAAA"),
        (("key_check",), "not base64!"),
        (("clerks",), []),
        (("clerks",), {}),
        (("clerks", 0, "clerk_id"), "người"),
        (("clerks", 0, "login"), " lan.nt"),
        (("clerks", 0, "login"), ""),
        (("clerks", 0, "login"), "lan\nnt"),
        (("clerks", 0, "public_key"), "AAAA"),
        (("clerks", 0, "kdf", "algorithm"), "scrypt"),
        (("clerks", 0, "kdf", "memory_kib"), 4),
        (("clerks", 0, "kdf", "memory_kib"), 1 << 30),
        (("clerks", 0, "kdf", "memory_kib"), 8.0),
        (("clerks", 0, "kdf", "iterations"), 0),
        (("clerks", 0, "kdf", "iterations"), 1000),
        (("clerks", 0, "kdf", "lanes"), 0),
        (("clerks", 0, "kdf", "salt"), "AAAA"),
        (("clerks", 0, "private_key", "nonce"), "AAAA"),
        (("clerks", 0, "private_key", "ciphertext"), 5),
        (("clerks", 0, "data_key"), None),
        (("clerks", 0, "data_key", "ciphertext"), "AAAA"),
        (("clerks", 0, "next_data_key"), {"ephemeral_public": "", "nonce": "", "ciphertext": ""}),
        (("clerks", 0, "extra"), "field"),
        (("clerks", 0, "kdf"), _DELETE),
        (("recovery", "algorithm"), "rsa"),
        (("recovery", "fingerprint"), "00" * 32),
        (("recovery", "public_key"), "AAAA"),
        (("recovery", "data_key"), None),
        (("recovery",), None),
        (("display_name",), "anything"),
        (("clerks",), _DELETE),
    ],
)
def test_damaged_fields_are_refused(path: tuple[Any, ...], value: Any) -> None:
    doc = _doc()
    _set(doc, path, value)
    with pytest.raises(KeyFileError):
        _parse(doc)


def test_half_written_rotation_is_refused() -> None:
    doc = _doc()
    doc["next_key_check"] = doc["key_check"]  # a next key check but no next wraps
    with pytest.raises(KeyFileError, match="rotation"):
        _parse(doc)


def test_duplicate_clerks_are_refused() -> None:
    doc = _doc()
    twin = json.loads(json.dumps(doc["clerks"][0]))
    twin["clerk_id"] = "c2"
    twin["login"] = "LAN.NT"  # the same login, other case
    doc["clerks"].append(twin)
    with pytest.raises(KeyFileError, match="twice"):
        _parse(doc)
    twin["login"] = "other"
    twin["clerk_id"] = "c1"
    with pytest.raises(KeyFileError, match="twice"):
        _parse(doc)


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "motcua.key"
    path.write_bytes(b" " * (MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(KeyFileError, match="too large"):
        read_key_file(path)


@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_ever_raise_key_file_error(data: bytes) -> None:
    try:
        parse_key_file(data)
    except KeyFileError:
        pass


@given(st.integers(min_value=0), st.data())
def test_truncated_or_flipped_files_raise_key_file_error_or_parse(cut: int, data: st.DataObject) -> None:
    raw = dump_key_file(_sample())
    truncated = raw[: cut % len(raw)]
    if truncated.rstrip() != raw.rstrip():  # losing only the final newline leaves a whole, valid file
        with pytest.raises(KeyFileError):
            parse_key_file(truncated)
    else:
        assert parse_key_file(truncated) == parse_key_file(raw)
    i = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    flipped = raw[:i] + bytes([raw[i] ^ data.draw(st.integers(min_value=1, max_value=255))]) + raw[i + 1 :]
    try:
        parse_key_file(flipped)
    except KeyFileError:
        pass


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="missing"):
        read_key_file(tmp_path / "motcua.key")


def test_read_a_folder_is_a_key_file_error(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError):
        read_key_file(tmp_path)


def test_write_then_read(tmp_path: Path) -> None:
    path = tmp_path / "motcua.key"
    write_key_file(path, _sample())
    assert read_key_file(path) == _sample()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["motcua.key"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "motcua.key"
    write_key_file(path, _sample())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "f"
    write_file_atomically(path, b"a" * 10_000)
    write_file_atomically(path, b"short")
    assert path.read_bytes() == b"short"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_failed_write_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "motcua.key"
    target.mkdir()  # os.replace cannot put a file over a folder: a real failure at the last step
    with pytest.raises(OSError):
        write_file_atomically(target, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["motcua.key"]
    assert target.is_dir()


def test_failed_fsync_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "motcua.key"
    write_key_file(path, _sample())
    before = path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")  # a disk error while flushing (fault injection)

    monkeypatch.setattr(keyfile_module.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        write_file_atomically(path, b"{}")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["motcua.key"]


def test_write_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_file_atomically(tmp_path / "nope" / "f", b"x")
    assert list(tmp_path.iterdir()) == []


def test_login_normal_form_and_comparison() -> None:
    nfc = unicodedata.normalize("NFC", "Lan.Nguyễn")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert normalize_login(f"  {nfd} ") == nfc
    assert login_key("LAN.NGUYỄN") == login_key(nfd)
    for bad in ["", "   ", "a\tb", "x" * 65, "a\u200bb"]:
        with pytest.raises(KeyFileError):
            normalize_login(bad)
    with pytest.raises(KeyFileError):
        normalize_login(5)  # type: ignore[arg-type]


def test_find_is_case_and_form_insensitive() -> None:
    kf = _sample()
    assert kf.find("LAN.NT") is kf.clerks[0]
    assert kf.find("other") is None
    assert not kf.rotating


def test_fingerprint_is_sha256_hex() -> None:
    assert fingerprint_of(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    ("memory", "iterations", "lanes"), [(7, 1, 1), (15, 1, 2), (8, 0, 1), (8, 1, 0), (8, 65, 1)]
)
def test_kdf_params_bounds(memory: int, iterations: int, lanes: int) -> None:
    with pytest.raises(KeyFileError):
        KdfParams(memory, iterations, lanes)
