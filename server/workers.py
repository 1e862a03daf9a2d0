"""Several server processes on one port (``[server] workers = N``, PostgreSQL only).

The parent migrates the database and makes the server's replica identity, binds the listening socket, then
starts ``N`` worker processes (``spawn``: nothing but the settings and the socket is inherited). Each worker
opens its own connection pool (``application_name`` ``motcua-server-<n>``), logs into ``<log_dir>/worker-<n>``
(one rotating file per process: two processes must not rotate one file) and serves the socket with uvicorn;
the kernel hands each new connection to one of them. What must hold across processes lives in the database:
a commune's pushes are serialised by its advisory lock, enrolment and sequence blocks lock their rows, and
the sign-in backoff's counts are rows (``server.sign_in_backoff``). Rate limits are per process (see
``server.config``).

The parent waits; on SIGTERM or SIGINT it asks every worker to stop (uvicorn finishes the requests in hand),
and if a worker dies the parent stops the others and exits with an error, for the service manager to restart
the whole server.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import threading
from multiprocessing.process import BaseProcess
from types import FrameType

import uvicorn

from server.app import create_app
from server.config import ServerConfig
from server.request_log import configure_server_logging
from server.storage import open_storage
from server.uvicorn_settings import uvicorn_config

log = logging.getLogger("motcua.server")
STOP_GRACE_SECONDS = 30.0


def listening_socket(config: ServerConfig) -> socket.socket:
    """The server's socket, bound in the parent and shared by every worker."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((config.host, config.port))
    sock.set_inheritable(True)
    return sock


def run_worker(config: ServerConfig, index: int, sock: socket.socket) -> None:
    """One worker process: its own logging, connection pool and uvicorn over the shared socket."""
    configure_server_logging(config.log_dir / f"worker-{index}" if config.log_dir is not None else None)
    storage = open_storage(config, process_name=f"motcua-server-{index}")
    try:
        uvicorn.Server(uvicorn_config(create_app(config, storage), config)).run(sockets=[sock])
    finally:
        storage.close()


def serve_workers(config: ServerConfig) -> int:
    """Run ``config.workers`` worker processes until a signal (0) or until one of them dies (1)."""
    sock = listening_socket(config)
    context = multiprocessing.get_context("spawn")
    workers: list[BaseProcess] = [
        context.Process(target=run_worker, args=(config, index, sock), name=f"motcua-server-{index}")
        for index in range(1, config.workers + 1)
    ]
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for worker in workers:
            worker.start()
        log.info("server workers started", extra={"workers": len(workers)})
        while not stopping.is_set() and all(worker.is_alive() for worker in workers):
            stopping.wait(0.5)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()  # SIGTERM: uvicorn's graceful shutdown
        for worker in workers:
            worker.join(STOP_GRACE_SECONDS)
            if worker.is_alive():
                worker.kill()
                worker.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    if stopping.is_set():
        return 0
    log.error("a server worker stopped: stopping the others", extra={"workers": len(workers)})
    return 1
