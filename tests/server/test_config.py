"""Settings from TOML: defaults, paths relative to the file, refused typos and wrong types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from server.config import ServerConfig, config_from_toml, default_config, load_config
from server.errors import ConfigError


def test_defaults_are_a_local_sqlite_pilot(tmp_path: Path) -> None:
    config = default_config(tmp_path)
    assert config.host == "127.0.0.1"
    assert not config.uses_postgres
    assert config.sqlite_path == tmp_path / "motcua-server-data" / "server.db"
    assert config.code_ttl == dt.timedelta(hours=72)
    assert config.log_dir == tmp_path / "motcua-server-data" / "logs"
    assert config.trusted_proxies == ()  # X-Forwarded-For believed from nobody


def test_a_full_file(tmp_path: Path) -> None:
    path = tmp_path / "server.toml"
    path.write_text(
        """
        [server]
        host = "0.0.0.0"
        port = 9000
        database = "postgresql://motcua@db/motcua"
        log_dir = "logs"
        postgres_pool_size = 3
        postgres_pool_timeout = 2.5
        trusted_proxies = ["10.0.0.5", "fd00::/64"]
        [limits]
        max_body_bytes = 1000
        device_requests_per_minute = 12.5
        [enrolment]
        code_ttl_hours = 24
        sequence_blocks = 4
        [accounts]
        token_ttl_hours = 8
        """,
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.host, config.port, config.uses_postgres) == ("0.0.0.0", 9000, True)
    assert config.log_dir == tmp_path / "logs"
    assert config.max_body_bytes == 1000 and config.device_requests_per_minute == 12.5
    assert config.code_ttl == dt.timedelta(hours=24) and config.token_ttl == dt.timedelta(hours=8)
    assert config.sequence_blocks == 4
    assert (config.postgres_pool_size, config.postgres_pool_timeout) == (3, 2.5)
    assert config.trusted_proxies == ("10.0.0.5", "fd00::/64")
    with pytest.raises(ConfigError, match="PostgreSQL"):
        _ = config.sqlite_path


def test_relative_sqlite_paths_follow_the_file(tmp_path: Path) -> None:
    config = config_from_toml('[server]\ndatabase = "sqlite:///db/s.db"\n', tmp_path)
    assert config.sqlite_path == tmp_path / "db" / "s.db"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[server]\nprot = 1\n", "unknown setting server.prot"),
        ("[sever]\nport = 1\n", "unknown configuration section"),
        ("[server]\nport = '80'\n", "must be int"),
        ("[server]\nport = true\n", "must be int"),
        ("[server]\nport = 70000\n", "0–65535"),
        ("[server]\ndatabase = 'mysql://x'\n", "sqlite:///"),
        ("[limits]\ndevice_burst = 0\n", "must be positive"),
        ("[server]\npostgres_pool_timeout = 0\n", "postgres_pool_timeout must be positive"),
        ("[enrolment]\nsequence_blocks = 10000\n", "9999"),
        ("[enrolment]\ncode_ttl_hours = -1\n", "positive"),
        ("[accounts]\nargon2_memory_kib = 8\nargon2_lanes = 4\n", "8 × argon2_lanes"),
        ("[server]\ntrusted_proxies = '127.0.0.1'\n", "must be list"),
        ("[server]\ntrusted_proxies = [1]\n", "list of addresses"),
        ("[server]\ntrusted_proxies = ['localhost']\n", "not an address or a network"),
        ("server = 1\n", "must be a table"),
        ("[server\n", "not valid TOML"),
    ],
)
def test_mistakes_are_refused_with_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config_from_toml(text, tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.toml")


def test_replace() -> None:
    assert ServerConfig().replace(port=1).port == 1
