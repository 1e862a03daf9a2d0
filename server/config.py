"""The server's settings, read from a TOML file (``python -m server --config server.toml``).

Example::

    [server]
    host = "127.0.0.1"
    port = 8080
    database = "postgresql://motcua@db.example/motcua"   # or "sqlite:///var/lib/motcua/server.db"
    log_dir = "/var/log/motcua"
    workers = 1                       # uvicorn processes; more than one needs PostgreSQL (see below)
    postgres_pool_size = 8            # PostgreSQL connections per process
    postgres_pool_timeout = 30        # seconds a request waits for one, then 503 "database unavailable"
    trusted_proxies = ["127.0.0.1"]   # whose X-Forwarded-For is believed; default: nobody's
    public_url = "https://motcua.tinh.gov.vn"  # the address desks reach (printed on enrolment slips)

    [limits]
    max_body_bytes = 8388608          # any request but a sync push
    max_push_batch_bytes = 4194304    # one compressed batch of a sync push
    max_push_batch_raw_bytes = 6291456    # the same batch uncompressed (checked before it is opened)
    max_push_bytes = 1073741824       # a whole sync push (its batches are committed as they arrive)
    max_header_bytes = 16384
    device_requests_per_minute = 600
    device_burst = 120
    device_concurrent_requests = 1    # sync requests one workstation may have running at once
    waiting_events_per_commune = 10000    # events waiting for a cause (counter gap); more are quarantined
    waiting_bytes_per_commune = 33554432
    waiting_events_per_origin = 2000
    waiting_bytes_per_origin = 8388608
    waiting_max_age_days = 14         # an event waiting longer is quarantined (server.cli quarantine)
    min_free_disk_mib = 256           # below this free on the data folder: writes 507, /readyz 507
    anonymous_requests_per_minute = 30
    anonymous_burst = 10

    [scans]
    max_scan_bytes = 67108864         # one scan (a PDF or image of a dossier's paper)
    commune_quota_bytes = 21474836480 # all the scans of one commune together
    [scans.commune_quotas]            # communes that may hold more (or less) than that
    "00070" = 42949672960

    [enrolment]
    code_ttl_hours = 72
    sequence_blocks = 10

    [bundles]
    key_file = "bundle-keys.json"     # the province's USB bundle keys (made once, mode 0600)

    [releases]
    dir = "releases"                  # signed program and reference-data releases for the desks

    [accounts]
    token_ttl_hours = 12
    argon2_memory_kib = 65536
    argon2_iterations = 3
    argon2_lanes = 4

``workers`` above 1 runs that many server processes on one port (``server.workers``); it needs PostgreSQL (a
commune's pushes are serialised by a database advisory lock, whichever process takes them). Each process keeps
its own rate-limit buckets, so with N workers a device or an address may get up to N × the burst and N × the
rate at most (as much as one worker allows when its requests all reach the same process).

Relative paths are taken from the config file's folder. Unknown sections or keys are refused (typos). Without
``[bundles] key_file``, a SQLite server keeps its bundle keys beside its database; a PostgreSQL one has no USB
bundles until the setting is given; likewise ``[releases] dir`` (default beside a SQLite database, else no
updates are served).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from server.errors import ConfigError

DEFAULT_DATA_DIR = Path("motcua-server-data")
SQLITE_PREFIX = "sqlite:///"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")
BUNDLE_KEY_FILE_NAME = "bundle-keys.json"
RELEASES_DIR_NAME = "releases"


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Every setting of the server; the defaults suit a one-machine pilot on SQLite."""

    host: str = "127.0.0.1"
    port: int = 8080
    database: str = SQLITE_PREFIX + str(DEFAULT_DATA_DIR / "server.db")
    log_dir: Path | None = None
    max_body_bytes: int = 8 * 1024 * 1024
    max_push_batch_bytes: int = 4 * 1024 * 1024
    max_push_batch_raw_bytes: int = 6 * 1024 * 1024
    max_push_bytes: int = 1024 * 1024 * 1024
    max_header_bytes: int = 16 * 1024
    device_requests_per_minute: float = 600.0
    device_burst: int = 120
    device_concurrent_requests: int = 1
    waiting_events_per_commune: int = 10_000
    waiting_bytes_per_commune: int = 32 * 1024 * 1024
    waiting_events_per_origin: int = 2_000
    waiting_bytes_per_origin: int = 8 * 1024 * 1024
    waiting_max_age: timedelta = timedelta(days=14)
    min_free_disk_mib: int = 256
    anonymous_requests_per_minute: float = 30.0
    anonymous_burst: int = 10
    code_ttl: timedelta = timedelta(hours=72)
    sequence_blocks: int = 10
    token_ttl: timedelta = timedelta(hours=12)
    argon2_memory_kib: int = 64 * 1024
    argon2_iterations: int = 3
    argon2_lanes: int = 4
    postgres_pool_size: int = 8
    postgres_pool_timeout: float = 30.0
    """Seconds a request waits for a PostgreSQL connection before answering 503 (database unavailable)."""
    workers: int = 1
    """Server processes sharing the port (more than one needs PostgreSQL)."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or networks of reverse proxies whose ``X-Forwarded-For`` names the client (for the rate
    limits and the log); empty: the header is ignored and the connection's address counts."""
    public_url: str | None = None
    """The server's address as the desks reach it (``https://…``, behind the reverse proxy), printed on the
    web's enrolment slips; ``None``: the slip shows the address its page was opened with, and says so."""
    bundle_key_file: Path | None = None
    """The province's device keys for USB bundles (``server.bundle_identity``); ``None``: no USB bundles."""
    releases_dir: Path | None = None
    """Where the signed releases for the desks are kept (``server.releases``); ``None``: no updates served."""
    max_scan_bytes: int = 64 * 1024 * 1024
    """The largest scan a workstation may upload."""
    scan_quota_bytes: int = 20 * 1024 * 1024 * 1024
    """All the scans of one commune together, unless ``scan_quotas`` names the commune."""
    scan_quotas: tuple[tuple[str, int], ...] = ()
    """(commune code, bytes) for communes whose scans may take more or less room than the default."""

    def scan_quota(self, commune: str) -> int:
        """How many bytes of scans ``commune`` may hold on the server."""
        return dict(self.scan_quotas).get(commune, self.scan_quota_bytes)

    web_idle_minutes: int = 30
    """An officer's web session ends after this many minutes without a request."""
    web_secure_cookies: bool = False
    """Mark the web session cookie ``Secure`` even when a request arrives over plain HTTP (set it behind a
    TLS-terminating proxy; a request over HTTPS gets ``Secure`` anyway)."""
    api_docs: bool = False
    """Serve the OpenAPI pages (``/docs``, ``/redoc``); off by default: they load scripts from a CDN."""

    def __post_init__(self) -> None:
        if not self.host:
            raise ConfigError("server.host is empty")
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"server.port must be 0–65535, not {self.port}")
        if not (self.database.startswith(SQLITE_PREFIX) or self.database.startswith(POSTGRES_PREFIXES)):
            raise ConfigError("server.database must start with sqlite:/// or postgresql://")
        positive = {
            "limits.max_body_bytes": self.max_body_bytes,
            "limits.max_push_batch_bytes": self.max_push_batch_bytes,
            "limits.max_push_batch_raw_bytes": self.max_push_batch_raw_bytes,
            "limits.max_push_bytes": self.max_push_bytes,
            "limits.max_header_bytes": self.max_header_bytes,
            "limits.device_requests_per_minute": self.device_requests_per_minute,
            "limits.device_burst": self.device_burst,
            "limits.device_concurrent_requests": self.device_concurrent_requests,
            "limits.waiting_events_per_commune": self.waiting_events_per_commune,
            "limits.waiting_bytes_per_commune": self.waiting_bytes_per_commune,
            "limits.waiting_events_per_origin": self.waiting_events_per_origin,
            "limits.waiting_bytes_per_origin": self.waiting_bytes_per_origin,
            "limits.waiting_max_age_days": self.waiting_max_age / timedelta(days=1),
            "limits.min_free_disk_mib": self.min_free_disk_mib,
            "limits.anonymous_requests_per_minute": self.anonymous_requests_per_minute,
            "limits.anonymous_burst": self.anonymous_burst,
            "enrolment.sequence_blocks": self.sequence_blocks,
            "accounts.argon2_iterations": self.argon2_iterations,
            "accounts.argon2_lanes": self.argon2_lanes,
            "server.postgres_pool_size": self.postgres_pool_size,
            "server.postgres_pool_timeout": self.postgres_pool_timeout,
            "server.workers": self.workers,
            "scans.max_scan_bytes": self.max_scan_bytes,
            "scans.commune_quota_bytes": self.scan_quota_bytes,
            **{f"scans.commune_quotas.{code}": quota for code, quota in self.scan_quotas},
            "web.idle_minutes": self.web_idle_minutes,
        }
        for key, value in positive.items():
            if value <= 0:
                raise ConfigError(f"{key} must be positive, not {value}")
        for proxy in self.trusted_proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ConfigError(
                    f"server.trusted_proxies holds {proxy[:60]!r}, which is not an address or a network"
                ) from None
        if self.public_url is not None:
            _check_public_url(self.public_url)
        if self.workers > 1 and not self.uses_postgres:
            raise ConfigError("server.workers above 1 needs PostgreSQL (a SQLite file has a single writer)")
        if self.sequence_blocks > 9999:
            raise ConfigError("enrolment.sequence_blocks cannot exceed 9999 (the daily numbers)")
        if self.argon2_memory_kib < 8 * self.argon2_lanes:
            raise ConfigError("accounts.argon2_memory_kib must be at least 8 × argon2_lanes")
        if self.code_ttl <= timedelta(0) or self.token_ttl <= timedelta(0):
            raise ConfigError("enrolment.code_ttl_hours and accounts.token_ttl_hours must be positive")

    @property
    def uses_postgres(self) -> bool:
        return self.database.startswith(POSTGRES_PREFIXES)

    @property
    def sqlite_path(self) -> Path:
        if self.uses_postgres:
            raise ConfigError("the database is PostgreSQL, not SQLite")
        return Path(self.database[len(SQLITE_PREFIX) :])

    def replace(self, **changes: Any) -> ServerConfig:
        return dataclasses.replace(self, **changes)


# section -> key -> (field name, type, converter)
_KEYS: dict[str, dict[str, tuple[str, tuple[type, ...]]]] = {
    "server": {
        "host": ("host", (str,)),
        "port": ("port", (int,)),
        "database": ("database", (str,)),
        "log_dir": ("log_dir", (str,)),
        "postgres_pool_size": ("postgres_pool_size", (int,)),
        "postgres_pool_timeout": ("postgres_pool_timeout", (int, float)),
        "workers": ("workers", (int,)),
        "trusted_proxies": ("trusted_proxies", (list,)),
        "public_url": ("public_url", (str,)),
    },
    "limits": {
        "max_body_bytes": ("max_body_bytes", (int,)),
        "max_push_batch_bytes": ("max_push_batch_bytes", (int,)),
        "max_push_batch_raw_bytes": ("max_push_batch_raw_bytes", (int,)),
        "max_push_bytes": ("max_push_bytes", (int,)),
        "max_header_bytes": ("max_header_bytes", (int,)),
        "device_requests_per_minute": ("device_requests_per_minute", (int, float)),
        "device_burst": ("device_burst", (int,)),
        "device_concurrent_requests": ("device_concurrent_requests", (int,)),
        "waiting_events_per_commune": ("waiting_events_per_commune", (int,)),
        "waiting_bytes_per_commune": ("waiting_bytes_per_commune", (int,)),
        "waiting_events_per_origin": ("waiting_events_per_origin", (int,)),
        "waiting_bytes_per_origin": ("waiting_bytes_per_origin", (int,)),
        "waiting_max_age_days": ("waiting_max_age", (int, float)),
        "min_free_disk_mib": ("min_free_disk_mib", (int,)),
        "anonymous_requests_per_minute": ("anonymous_requests_per_minute", (int, float)),
        "anonymous_burst": ("anonymous_burst", (int,)),
    },
    "enrolment": {
        "code_ttl_hours": ("code_ttl", (int, float)),
        "sequence_blocks": ("sequence_blocks", (int,)),
    },
    "bundles": {
        "key_file": ("bundle_key_file", (str,)),
    },
    "releases": {
        "dir": ("releases_dir", (str,)),
    },
    "scans": {
        "max_scan_bytes": ("max_scan_bytes", (int,)),
        "commune_quota_bytes": ("scan_quota_bytes", (int,)),
        "commune_quotas": ("scan_quotas", (dict,)),
    },
    "web": {
        "idle_minutes": ("web_idle_minutes", (int,)),
        "secure_cookies": ("web_secure_cookies", (bool,)),
        "api_docs": ("api_docs", (bool,)),
    },
    "accounts": {
        "token_ttl_hours": ("token_ttl", (int, float)),
        "argon2_memory_kib": ("argon2_memory_kib", (int,)),
        "argon2_iterations": ("argon2_iterations", (int,)),
        "argon2_lanes": ("argon2_lanes", (int,)),
    },
}


def _check_public_url(url: str) -> None:
    """Raise ``ConfigError`` unless ``url`` is an ``http(s)://host[:port][/path]`` address, nothing more."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username is not None
        or url.endswith("/")
        or any(c.isspace() for c in url)
    ):
        raise ConfigError(
            "server.public_url must be the address desks reach, e.g. https://motcua.tinh.gov.vn (no "
            f"trailing /, query or user), not {url[:80]!r}"
        )
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ConfigError(f"server.public_url has a bad port: {url[:80]!r}") from None


def _resolve(base_dir: Path, text: str) -> Path:
    path = Path(text).expanduser()
    return path if path.is_absolute() else base_dir / path


def config_from_toml(text: str, base_dir: Path) -> ServerConfig:
    """Read settings from TOML text; relative paths are taken from ``base_dir``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the configuration is not valid TOML: {exc}") from exc
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in _KEYS:
            raise ConfigError(f"unknown configuration section [{section}]")
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table")
        for key, value in table.items():
            if key not in _KEYS[section]:
                raise ConfigError(f"unknown setting {section}.{key}")
            field, types = _KEYS[section][key]
            if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
                wanted = " or ".join(t.__name__ for t in types)
                raise ConfigError(f"{section}.{key} must be {wanted}, not {type(value).__name__}")
            values[field] = value
    if "trusted_proxies" in values:
        proxies = values["trusted_proxies"]
        if not all(isinstance(proxy, str) for proxy in proxies):
            raise ConfigError("server.trusted_proxies must be a list of addresses, as strings")
        values["trusted_proxies"] = tuple(proxies)
    if "scan_quotas" in values:
        quotas = values["scan_quotas"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in quotas.values()):
            raise ConfigError("scans.commune_quotas gives each commune code a whole number of bytes")
        values["scan_quotas"] = tuple(sorted((str(code), int(v)) for code, v in quotas.items()))
    for field in ("code_ttl", "token_ttl"):
        if field in values:
            values[field] = timedelta(hours=values[field])
    if "waiting_max_age" in values:
        values["waiting_max_age"] = timedelta(days=values["waiting_max_age"])
    if "log_dir" in values:
        values["log_dir"] = _resolve(base_dir, values["log_dir"])
    database = values.get("database")
    if isinstance(database, str) and database.startswith(SQLITE_PREFIX):
        values["database"] = SQLITE_PREFIX + str(_resolve(base_dir, database[len(SQLITE_PREFIX) :]))
    if "bundle_key_file" in values:
        values["bundle_key_file"] = _resolve(base_dir, values["bundle_key_file"])
    elif isinstance(database, str) and database.startswith(SQLITE_PREFIX):
        folder = Path(values["database"][len(SQLITE_PREFIX) :]).parent
        values["bundle_key_file"] = folder / BUNDLE_KEY_FILE_NAME
    if "releases_dir" in values:
        values["releases_dir"] = _resolve(base_dir, values["releases_dir"])
    elif isinstance(database, str) and database.startswith(SQLITE_PREFIX):
        values["releases_dir"] = Path(values["database"][len(SQLITE_PREFIX) :]).parent / RELEASES_DIR_NAME
    return ServerConfig(**values)


def load_config(path: Path) -> ServerConfig:
    """Read the settings file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration file {path}: {exc}") from exc
    return config_from_toml(text, Path(path).resolve().parent)


def default_config(base_dir: Path) -> ServerConfig:
    """The settings without a file: SQLite in ``base_dir``/motcua-server-data, listening on 127.0.0.1 only."""
    data_dir = Path(base_dir) / DEFAULT_DATA_DIR
    return ServerConfig(
        database=SQLITE_PREFIX + str(data_dir / "server.db"),
        log_dir=data_dir / "logs",
        bundle_key_file=data_dir / BUNDLE_KEY_FILE_NAME,
        releases_dir=data_dir / RELEASES_DIR_NAME,
    )
