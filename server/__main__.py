"""``python -m server [--config server.toml]``: migrate the database and serve the API with uvicorn.

Without a config file: SQLite in ./motcua-server-data, on 127.0.0.1 only. With ``[server] workers`` above 1
(PostgreSQL), that many processes serve the port (``server.workers``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from server.app import create_app
from server.config import default_config, load_config
from server.errors import ServerError
from server.request_log import configure_server_logging
from server.storage import open_storage
from server.sync_replica import server_replica_base
from server.uvicorn_settings import uvicorn_config
from server.workers import serve_workers

log = logging.getLogger("motcua.server")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server", description="motcua provincial server")
    parser.add_argument("--config", type=Path, help="the server's TOML settings (default: local SQLite)")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config) if args.config else default_config(Path.cwd())
        configure_server_logging(config.log_dir)
        storage = open_storage(config)
        applied = storage.migrate()
    except ServerError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    log.info("server starting", extra={"backend": storage.backend, "migrations_applied": len(applied)})
    if config.workers > 1:
        try:
            server_replica_base(storage)  # made once here, not raced for by the workers
        finally:
            storage.close()
        return serve_workers(config)
    try:
        uvicorn.Server(uvicorn_config(create_app(config, storage), config)).run()
    finally:
        storage.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
