"""Version and build information shown by ``motcua --version`` and the About box."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("motcua")
    except PackageNotFoundError:
        return "0+unknown"


def version_text() -> str:
    return f"motcua {app_version()}"
