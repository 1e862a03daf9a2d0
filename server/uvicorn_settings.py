"""How the server runs under uvicorn, the same in one process and in each worker."""

from __future__ import annotations

import uvicorn

from server.config import ServerConfig


def uvicorn_config(app: object, config: ServerConfig) -> uvicorn.Config:
    """uvicorn settings: our logging; no access log (``RequestLog`` writes one without query strings)."""
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=config.host,
        port=config.port,
        log_config=None,
        access_log=False,
        h11_max_incomplete_event_size=config.max_header_bytes,
        server_header=False,
        proxy_headers=bool(config.trusted_proxies),  # uvicorn would trust loopback's X-Forwarded-For
        forwarded_allow_ips=list(config.trusted_proxies),
    )
