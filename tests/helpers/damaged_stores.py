"""Damaging a real store's database file the ways a disk, a power cut or a bad copy do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

PAGE = 4096


def emptied(data: bytes) -> bytes:
    return b""


def cut_in_half(data: bytes) -> bytes:
    """Cut at the page boundary nearest the half: the file's size alone does not tell."""
    return data[: len(data) // 2 // PAGE * PAGE]


def cut_mid_page(data: bytes) -> bytes:
    return data[: len(data) // 2 // PAGE * PAGE + 100]


def overwritten_mid_file(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + b"\xa5" * (2 * PAGE) + data[middle + 2 * PAGE :]


def header_overwritten(data: bytes) -> bytes:
    return b"\x00" * 100 + data[100:]


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": emptied,
    "cut in half": cut_in_half,
    "cut mid-page": cut_mid_page,
    "overwritten mid-file": overwritten_mid_file,
    "header overwritten": header_overwritten,
}


def damage(database: Path, how: str) -> bytes:
    """Damage the (closed) store's ``database`` file as ``how`` names; return its damaged bytes, which
    whatever opens it afterwards must leave exactly as they are."""
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "close the store first (its pages are in the WAL)"
    data = DAMAGES[how](database.read_bytes())
    assert data != database.read_bytes() and len(database.read_bytes()) >= 4 * PAGE
    database.write_bytes(data)
    return data


def run_motcua(monkeypatch, capsys, *argv: str, answers: tuple[str, ...] = ()) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """``motcua ARGV`` through :func:`desktop.__main__.main` in this process, ``answers`` (passphrases) on
    standard input; returns the exit status, standard output and standard error."""
    import io

    from desktop.__main__ import main

    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(answer + "\n" for answer in answers)))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
