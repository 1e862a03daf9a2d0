"""Slow down repeated wrong passphrases: 1 s, 2 s, 4 s … capped at 5 minutes, never a permanent lockout.

The state is one small JSON side file beside the key file (``motcua.key.attempts``), so a wrong passphrase
never rewrites the key file. It counts the failures of the whole workstation, not per login, so trying many
logins does not multiply the attempts. This guards the desk against guessing at the keyboard; a copied key
file is guarded by Argon2id, not by this file. A damaged or missing side file counts as no failures
(deleting it needs access to the folder, which defeats any such counter anyway).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sync.errors import StoreLocked
from sync.keyfile import write_file_atomically

STATE_FORMAT = "motcua-unlock-attempts"
STATE_VERSION = 1
DEFAULT_BASE_SECONDS = 1.0
DEFAULT_CAP_SECONDS = 300.0


def attempts_path_for(key_path: Path | str) -> Path:
    """Where the attempt counter of the key file at ``key_path`` lives."""
    key_path = Path(key_path)
    return key_path.with_name(key_path.name + ".attempts")


def delay_after(
    failures: int, *, base_seconds: float = DEFAULT_BASE_SECONDS, cap_seconds: float = DEFAULT_CAP_SECONDS
) -> float:
    """Seconds to wait after ``failures`` wrong passphrases in a row (0 for none)."""
    if failures <= 0:
        return 0.0
    # Stop doubling long before floats overflow; the cap applies anyway.
    return min(cap_seconds, base_seconds * 2.0 ** min(failures - 1, 64))


class UnlockBackoff:
    """The persisted counter of wrong passphrases, asked before and told after every unlock attempt."""

    def __init__(
        self,
        path: Path | str,
        now: Callable[[], datetime],
        *,
        base_seconds: float = DEFAULT_BASE_SECONDS,
        cap_seconds: float = DEFAULT_CAP_SECONDS,
    ) -> None:
        if base_seconds <= 0 or cap_seconds < base_seconds:
            raise ValueError("the backoff needs 0 < base_seconds <= cap_seconds")
        self._path = Path(path)
        self._now = now
        self._base = base_seconds
        self._cap = cap_seconds

    @classmethod
    def beside(cls, key_path: Path | str, now: Callable[[], datetime], **kwargs: float) -> UnlockBackoff:
        """The backoff for the key file at ``key_path``."""
        return cls(attempts_path_for(key_path), now, **kwargs)

    @property
    def failures(self) -> int:
        """Wrong passphrases in a row since the last success."""
        return self._load()[0]

    def retry_after(self) -> float:
        """Seconds until the next attempt is allowed (0 if allowed now).

        If the clock went back before the last failure, the wait restarts from now (never longer than one
        full delay), so a clock change cannot lock the desk for long.
        """
        failures, last = self._load()
        if failures == 0:
            return 0.0
        delay = delay_after(failures, base_seconds=self._base, cap_seconds=self._cap)
        now = self._now().timestamp()
        if now < last:
            self._save(failures, now)
            return delay
        return max(0.0, last + delay - now)

    def check(self) -> None:
        """Raise :class:`StoreLocked` (with ``retry_after``) if an attempt now is too soon."""
        wait = self.retry_after()
        if wait > 0:
            raise StoreLocked(
                f"too many wrong passphrases: try again in {max(1, round(wait))} seconds", retry_after=wait
            )

    def record_failure(self) -> float:
        """Count one more wrong passphrase; returns the seconds to wait before the next attempt."""
        failures, _ = self._load()
        failures += 1
        self._save(failures, self._now().timestamp())
        return delay_after(failures, base_seconds=self._base, cap_seconds=self._cap)

    def record_success(self) -> None:
        """Reset the counter after a right passphrase."""
        if self._path.exists():
            self._save(0, 0.0)

    def _load(self) -> tuple[int, float]:
        try:
            doc = json.loads(self._path.read_bytes()[:4096].decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return 0, 0.0
        if (
            not isinstance(doc, dict)
            or doc.get("format") != STATE_FORMAT
            or doc.get("version") != STATE_VERSION
        ):
            return 0, 0.0
        failures, last = doc.get("failures"), doc.get("last_failure")
        if (
            type(failures) is not int
            or failures < 0
            or type(last) not in (int, float)
            or not math.isfinite(last)
        ):
            return 0, 0.0
        return failures, float(last)

    def _save(self, failures: int, last_failure: float) -> None:
        doc = {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "failures": failures,
            "last_failure": last_failure,
        }
        write_file_atomically(self._path, (json.dumps(doc) + "\n").encode())
