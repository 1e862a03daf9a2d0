"""What the endpoints share: settings, storage, the clock, the id factory and the rate limiters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from server.config import ServerConfig
from server.disk_space import DiskSpace, data_folders
from server.passwords import PasswordParams
from server.rate_limits import ConcurrencyLimiter, TokenBucketLimiter
from server.sign_in_backoff import SignInBackoff
from server.storage.interface import ServerStorage


@dataclass(frozen=True, slots=True)
class Services:
    config: ServerConfig
    storage: ServerStorage
    now: Callable[[], dt.datetime]
    new_id: Callable[[], str]
    device_limiter: TokenBucketLimiter
    anonymous_limiter: TokenBucketLimiter
    password_params: PasswordParams
    device_slots: ConcurrencyLimiter
    sign_in_backoff: SignInBackoff
    disk_space: DiskSpace

    @classmethod
    def build(
        cls,
        config: ServerConfig,
        storage: ServerStorage,
        *,
        now: Callable[[], dt.datetime],
        new_id: Callable[[], str],
    ) -> Services:
        return cls(
            config,
            storage,
            now,
            new_id,
            TokenBucketLimiter(config.device_requests_per_minute, config.device_burst, now),
            TokenBucketLimiter(config.anonymous_requests_per_minute, config.anonymous_burst, now),
            PasswordParams(config.argon2_memory_kib, config.argon2_iterations, config.argon2_lanes),
            ConcurrencyLimiter(config.device_concurrent_requests),
            SignInBackoff(storage, now),
            DiskSpace(data_folders(config), config.min_free_disk_mib * 1024 * 1024),
        )
