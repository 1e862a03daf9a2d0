"""How this desk reaches its provincial server: a factory of sync transports (a new one per session)."""

from __future__ import annotations

from collections.abc import Callable

from sync.sync_session import Transport

TransportFactory = Callable[[], Transport]


def province_transport_factory(
    base_url: str, credentials: str, *, ca_file: str | None = None
) -> TransportFactory:
    """A factory of transports to the provincial server (``sync.http_transport.HttpTransport``)."""
    from sync.http_transport import HttpTransport

    def make() -> Transport:
        return HttpTransport(base_url, credentials, ca_file=ca_file)

    return make
