"""Attachments on real SQLCipher: round trips, dedup, tampering, truncation, size limit, memory bound."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.attachments import (
    DEFAULT_CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    AttachmentInfo,
    AttachmentStore,
    create_attachment_tables,
)
from sync.connection import Connection, open_connection
from sync.errors import AttachmentError, AttachmentTooLarge, CorruptAttachment

KEY = bytes(range(32))
ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[Connection]:
    connection = open_connection(tmp_path / "store.db", KEY)
    create_attachment_tables(connection)
    yield connection
    connection.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "attachments"


@pytest.fixture
def store(conn: Connection, folder: Path) -> AttachmentStore:
    return AttachmentStore(conn, folder, now=Clock())


def small_store(conn: Connection, folder: Path, **kwargs: int) -> AttachmentStore:
    return AttachmentStore(conn, folder, now=Clock(), chunk_size=kwargs.pop("chunk_size", 16), **kwargs)


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir())


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "size",
    [0, 1, 1000, DEFAULT_CHUNK_SIZE - 1, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1, 3 * DEFAULT_CHUNK_SIZE],
)
def test_round_trip_of_various_sizes(store: AttachmentStore, size: int) -> None:
    data = os.urandom(size)
    info = store.add_stream(io.BytesIO(data), "application/pdf")
    assert info == AttachmentInfo(sha(data), size, "application/pdf", info.created)
    assert store.has(info.sha256)
    assert store.read_bytes(info.sha256) == data


def test_round_trip_of_50_mb_file_from_path(store: AttachmentStore, tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    digest = hashlib.sha256()
    with source.open("wb") as out:
        for _ in range(50):
            block = os.urandom(1_000_000)
            digest.update(block)
            out.write(block)
    info = store.add_path(source)
    assert (info.sha256, info.size, info.media_type) == (digest.hexdigest(), 50_000_000, "application/pdf")
    check = hashlib.sha256()
    total = 0
    with store.open_attachment(info.sha256) as reader:
        for chunk in reader.iter_chunks():
            check.update(chunk)
            total += len(chunk)
    assert (check.hexdigest(), total) == (digest.hexdigest(), 50_000_000)


def test_file_on_disk_is_encrypted_and_not_named_by_hash(store: AttachmentStore, folder: Path) -> None:
    data = b"CONG HOA XA HOI CHU NGHIA VIET NAM -- Nguyen Van An 079123456789 " * 50
    info = store.add_stream(io.BytesIO(data))
    [only] = files_in(folder)
    assert info.sha256 not in only.name
    raw = only.read_bytes()
    assert b"Nguyen" not in raw and b"079123456789" not in raw
    assert len(raw) == HEADER_SIZE + len(data) + TAG_SIZE * 1


def test_same_content_twice_is_stored_once(store: AttachmentStore, conn: Connection, folder: Path) -> None:
    data = os.urandom(200_000)
    first = store.add_stream(io.BytesIO(data), "image/jpeg")
    second = store.add_stream(io.BytesIO(data), "image/png")
    assert second == first  # the first copy's media type and creation time stay
    assert len(files_in(folder)) == 1
    assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    assert store.list() == [first]


def test_list_and_info(store: AttachmentStore) -> None:
    a = store.add_stream(io.BytesIO(b"a"), "text/plain")
    b = store.add_stream(io.BytesIO(b"b"), "image/jpeg")
    assert store.list() == [a, b]
    assert store.info(b.sha256) == b
    assert b.created > a.created


def test_media_type_guessed_from_path(store: AttachmentStore, tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8jpeg")
    (tmp_path / "noext").write_bytes(b"???")
    assert store.add_path(tmp_path / "photo.jpg").media_type == "image/jpeg"
    assert store.add_path(tmp_path / "noext").media_type == "application/octet-stream"


def test_unknown_hash_and_bad_hash(store: AttachmentStore) -> None:
    unknown = sha(b"not stored")
    assert not store.has(unknown)
    with pytest.raises(AttachmentError):
        store.open_attachment(unknown)
    with pytest.raises(AttachmentError):
        store.info(unknown)
    for bad in ["", "abc", unknown.upper(), unknown + "0", "g" * 64]:
        with pytest.raises(ValueError):
            store.has(bad)


def test_bad_media_type_and_text_stream_refused(store: AttachmentStore, folder: Path) -> None:
    with pytest.raises(ValueError):
        store.add_stream(io.BytesIO(b"x"), "not a media type")
    with pytest.raises(TypeError):
        store.add_stream(io.StringIO("text"))  # type: ignore[arg-type]
    assert files_in(folder) == []


def test_bad_settings_refused(conn: Connection, folder: Path) -> None:
    with pytest.raises(ValueError):
        AttachmentStore(conn, folder, now=Clock(), max_bytes=-1)
    with pytest.raises(ValueError):
        AttachmentStore(conn, folder, now=Clock(), chunk_size=0)
    bad_ids = AttachmentStore(conn, folder, now=Clock(), new_file_id=lambda: "../escape")
    with pytest.raises(AttachmentError):
        bad_ids.add_stream(io.BytesIO(b"x"))


def test_too_large_is_refused_with_nothing_left(conn: Connection, folder: Path, tmp_path: Path) -> None:
    store = small_store(conn, folder, max_bytes=100)
    exact = store.add_stream(io.BytesIO(b"x" * 100))
    assert exact.size == 100
    with pytest.raises(AttachmentTooLarge):
        store.add_stream(io.BytesIO(b"y" * 101))
    big = tmp_path / "big.pdf"
    big.write_bytes(b"z" * 1000)
    with pytest.raises(AttachmentTooLarge):
        store.add_path(big)
    assert [i.sha256 for i in store.list()] == [exact.sha256]
    assert len(files_in(folder)) == 1


class FailingStream(io.RawIOBase):
    """Gives some data, then fails like a pulled-out USB stick."""

    def __init__(self) -> None:
        self.sent = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.sent > 100:
            raise OSError("device gone")
        step = min(10, len(b))
        b[:step] = b"0123456789"[:step]
        self.sent += step
        return step


def test_failed_read_leaves_nothing_behind(conn: Connection, folder: Path) -> None:
    store = small_store(conn, folder)
    with pytest.raises(OSError):
        store.add_stream(FailingStream())  # type: ignore[arg-type]
    assert files_in(folder) == []
    assert store.list() == []


def test_short_reads_are_assembled(conn: Connection, folder: Path) -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
            step = min(3, len(b))
            piece, self.data = self.data[:step], self.data[step:]
            b[: len(piece)] = piece
            return len(piece)

    store = small_store(conn, folder)
    data = bytes(range(100))
    info = store.add_stream(Trickle(data))  # type: ignore[arg-type]
    assert store.read_bytes(info.sha256) == data


def stored_file(folder: Path) -> Path:
    [only] = [p for p in files_in(folder)]
    return only


@settings(max_examples=60)
@given(data=st.binary(min_size=0, max_size=80), position=st.integers(min_value=0), bit=st.integers(0, 7))
def test_any_flipped_bit_is_detected(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, position: int, bit: int
) -> None:
    base = tmp_path_factory.mktemp("flip")
    conn = open_connection(base / "s.db", KEY)
    try:
        create_attachment_tables(conn)
        store = small_store(conn, base / "att")
        info = store.add_stream(io.BytesIO(data))
        path = stored_file(base / "att")
        raw = bytearray(path.read_bytes())
        raw[position % len(raw)] ^= 1 << bit
        path.write_bytes(bytes(raw))
        with pytest.raises(CorruptAttachment):
            store.read_bytes(info.sha256)
    finally:
        conn.close()


def test_tampered_middle_byte_detected_while_streaming(conn: Connection, folder: Path) -> None:
    store = small_store(conn, folder)
    data = os.urandom(16 * 10)
    info = store.add_stream(io.BytesIO(data))
    path = stored_file(folder)
    raw = bytearray(path.read_bytes())
    third_chunk = HEADER_SIZE + 2 * (16 + TAG_SIZE) + 5
    raw[third_chunk] ^= 0x01
    path.write_bytes(bytes(raw))
    reader = store.open_attachment(info.sha256)
    assert reader.read(16) + reader.read(16) == data[:32]  # the first two chunks verify
    with pytest.raises(CorruptAttachment):
        reader.read(16)
    reader.close()


@pytest.mark.parametrize("cut", ["one_chunk", "mid_chunk", "header_only", "empty", "appended"])
def test_truncated_or_extended_file_detected(conn: Connection, folder: Path, cut: str) -> None:
    store = small_store(conn, folder)
    data = os.urandom(16 * 4)
    info = store.add_stream(io.BytesIO(data))
    path = stored_file(folder)
    raw = path.read_bytes()
    changed = {
        "one_chunk": raw[: -(16 + TAG_SIZE)],
        "mid_chunk": raw[:-7],
        "header_only": raw[:HEADER_SIZE],
        "empty": b"",
        "appended": raw + raw[-(16 + TAG_SIZE) :],
    }[cut]
    path.write_bytes(changed)
    with pytest.raises(CorruptAttachment):
        store.read_bytes(info.sha256)


def test_truncation_at_chunk_boundary_with_matching_row_detected(conn: Connection, folder: Path) -> None:
    """Even if the recorded size is changed to match, a non-final last chunk fails verification."""
    store = small_store(conn, folder)
    data = os.urandom(16 * 4)
    info = store.add_stream(io.BytesIO(data))
    path = stored_file(folder)
    path.write_bytes(path.read_bytes()[: -(16 + TAG_SIZE)])
    conn.execute("UPDATE attachments SET size = ?, sha256 = ?", (48, sha(data[:48])))
    with pytest.raises(CorruptAttachment):
        store.read_bytes(sha(data[:48]))
    assert info.size == 64


def test_swapped_chunks_detected(conn: Connection, folder: Path) -> None:
    store = small_store(conn, folder)
    info = store.add_stream(io.BytesIO(os.urandom(16 * 4)))
    path = stored_file(folder)
    raw = path.read_bytes()
    size = 16 + TAG_SIZE
    first, second = raw[HEADER_SIZE : HEADER_SIZE + size], raw[HEADER_SIZE + size : HEADER_SIZE + 2 * size]
    path.write_bytes(raw[:HEADER_SIZE] + second + first + raw[HEADER_SIZE + 2 * size :])
    with pytest.raises(CorruptAttachment):
        store.read_bytes(info.sha256)


def test_wrong_hash_in_row_detected(conn: Connection, folder: Path) -> None:
    store = small_store(conn, folder)
    info = store.add_stream(io.BytesIO(b"genuine content"))
    other = sha(b"something else")
    conn.execute("UPDATE attachments SET sha256 = ? WHERE sha256 = ?", (other, info.sha256))
    with pytest.raises(CorruptAttachment):
        store.read_bytes(other)


def test_files_of_two_attachments_swapped_detected(conn: Connection, folder: Path) -> None:
    store = small_store(conn, folder)
    a = store.add_stream(io.BytesIO(b"a" * 40))
    b = store.add_stream(io.BytesIO(b"b" * 40))
    fa, fb = (
        folder / conn.execute("SELECT file_id FROM attachments WHERE sha256 = ?", (h,)).fetchone()[0]
        for h in (a.sha256, b.sha256)
    )
    raw_a, raw_b = fa.read_bytes(), fb.read_bytes()
    fa.write_bytes(raw_b)
    fb.write_bytes(raw_a)
    with pytest.raises(CorruptAttachment):
        store.read_bytes(a.sha256)


def test_missing_file_is_an_attachment_error(store: AttachmentStore, folder: Path) -> None:
    info = store.add_stream(io.BytesIO(b"content"))
    stored_file(folder).unlink()
    with pytest.raises(AttachmentError):
        store.open_attachment(info.sha256)


def test_remove_and_sweep(store: AttachmentStore, folder: Path) -> None:
    keep = store.add_stream(io.BytesIO(b"keep"))
    gone = store.add_stream(io.BytesIO(b"gone"))
    assert store.remove(gone.sha256)
    assert not store.remove(gone.sha256)
    assert not store.has(gone.sha256)
    (folder / "0123456789abcdef.part").write_bytes(b"leftover")
    (folder / "0123456789abcdef").write_bytes(b"orphan")
    assert store.sweep() == 2
    assert len(files_in(folder)) == 1
    assert store.read_bytes(keep.sha256) == b"keep"


def test_store_reopened_with_same_key_reads_attachments(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "s.db", KEY)
    create_attachment_tables(conn)
    info = AttachmentStore(conn, tmp_path / "att", now=Clock()).add_stream(io.BytesIO(b"persisted"))
    conn.close()
    conn = open_connection(tmp_path / "s.db", KEY)
    try:
        assert AttachmentStore(conn, tmp_path / "att", now=Clock()).read_bytes(info.sha256) == b"persisted"
    finally:
        conn.close()


MEMORY_SCRIPT = textwrap.dedent(
    """
    import hashlib, io, resource, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from sync.attachments import AttachmentStore, create_attachment_tables
    from sync.connection import open_connection

    base, source = Path(sys.argv[1]), Path(sys.argv[2])
    conn = open_connection(base / "m.db", bytes(range(32)))
    create_attachment_tables(conn)
    store = AttachmentStore(conn, base / "att", now=lambda: datetime.now(UTC))
    warm = store.add_stream(io.BytesIO(b"warm up" * 100000))
    with store.open_attachment(warm.sha256) as reader:
        for _ in reader.iter_chunks():
            pass
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    info = store.add_path(source)
    digest = hashlib.sha256()
    with store.open_attachment(info.sha256) as reader:
        while True:
            piece = reader.read(100_000)
            if not piece:
                break
            digest.update(piece)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(info.size, digest.hexdigest() == info.sha256, peak - baseline)
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
def test_adding_and_reading_50_mb_stays_within_memory_bound(tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    with source.open("wb") as out:
        for _ in range(50):
            out.write(os.urandom(1_000_000))
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    size, verified, growth_kib = result.stdout.split()
    assert (int(size), verified) == (50_000_000, "True")
    assert int(growth_kib) < 20 * 1024, f"peak RSS grew by {growth_kib} KiB"
