"""How this desk reaches its provincial server: a factory of sync transports (a new one per session), and
a cheap probe of whether the server answers."""

from __future__ import annotations

from collections.abc import Callable

from sync.sync_session import Transport

TransportFactory = Callable[[], Transport]

PROBE_TIMEOUT = (3.0, 5.0)


class ProvinceTransports:
    """A :data:`TransportFactory` to the provincial server (``sync.http_transport.HttpTransport``) that can
    also :meth:`probe` it."""

    def __init__(self, base_url: str, credentials: str, *, ca_file: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._credentials = credentials
        self.ca_file = ca_file

    def __call__(self) -> Transport:
        from sync.http_transport import HttpTransport

        return HttpTransport(self.base_url, self._credentials, ca_file=self.ca_file, retries=0)

    def probe(self) -> bool:
        """Whether the server answers its health check now (a few seconds at most; blocks: not on the UI
        thread)."""
        import requests

        try:
            response = requests.get(
                f"{self.base_url}/healthz",
                timeout=PROBE_TIMEOUT,
                verify=self.ca_file if self.ca_file is not None else True,
            )
        except requests.RequestException:
            return False
        return response.status_code == 200

    def __repr__(self) -> str:  # never the credential
        return f"ProvinceTransports({self.base_url!r})"


def province_transport_factory(
    base_url: str, credentials: str, *, ca_file: str | None = None
) -> ProvinceTransports:
    """A factory of transports to the provincial server (``sync.http_transport.HttpTransport``)."""
    return ProvinceTransports(base_url, credentials, ca_file=ca_file)
