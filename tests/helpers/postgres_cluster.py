"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl into a temp folder, on 127.0.0.1, trust auth."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None if PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root: run the cluster as the postgres system user then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PostgresCluster:
    """A running throwaway cluster: its URL, and a stop, start or restart on the same data folder and port."""

    def __init__(self, bin_dir: Path, root: Path, port: int) -> None:
        self.bin_dir, self.root, self.port = bin_dir, root, port
        self.data = root / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root}"
            " -c fsync=off"
        )
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-o", options]
        _run([*command, "-l", str(self.root / "log"), "-w", *args])

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        """A fast shutdown: sessions are ended, as when the database service is restarted."""
        self._pg_ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._pg_ctl("-m", "fast", "restart")


def _run(cmd: list[str]) -> None:
    subprocess.run(_as_postgres_user(cmd), check=True, capture_output=True, timeout=120)


@contextmanager
def restartable_postgres_cluster() -> Iterator[PostgresCluster]:
    """Start a fresh cluster (its `postgres` database); stop and delete it after."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (initdb not found); .ci/run installs it with apt")
    root = Path(tempfile.mkdtemp(prefix="motcua-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        os.chmod(root, 0o700)
    cluster = PostgresCluster(bin_dir, root, _free_port())
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(cluster.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        cluster.start()
        try:
            yield cluster
        finally:
            subprocess.run(
                _as_postgres_user(
                    [str(bin_dir / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop"]
                ),
                capture_output=True,
                timeout=60,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a fresh cluster and yield a libpq URL to its `postgres` database; stop and delete it after."""
    with restartable_postgres_cluster() as cluster:
        yield cluster.url
