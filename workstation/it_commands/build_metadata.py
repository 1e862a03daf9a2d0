"""Version and build metadata: from the module the packaging generates, else from the installed package."""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from workstation.about import app_version

GENERATED_MODULE = "motcua_build_info"
FROM_SOURCE = "not a packaged build (running from source)"


@dataclass(frozen=True)
class BuildMetadata:
    version: str
    git_commit: str
    build_date: str
    build_platform: str
    packaged: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def build_metadata(module_name: str = GENERATED_MODULE) -> BuildMetadata:
    """What ``packaging/motcua.spec`` wrote into the build; a source checkout says so instead."""
    try:
        module = import_module(module_name)
    except ImportError:
        return BuildMetadata(app_version(), FROM_SOURCE, FROM_SOURCE, _platform(), False)
    return BuildMetadata(
        str(getattr(module, "VERSION", app_version())),
        str(getattr(module, "GIT_COMMIT", "unknown")),
        str(getattr(module, "BUILD_DATE", "unknown")),
        str(getattr(module, "BUILD_PLATFORM", _platform())),
        True,
    )


def _platform() -> str:
    return f"{sys.platform}-{platform.machine().lower()}"


def _distribution_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def component_versions() -> dict[str, str]:
    """Python, PySide6 (which bundles its Qt), SQLCipher and the operating system (for ``info`` and
    diagnostics); read from the installed distributions, so the IT commands never load Qt."""
    versions = {
        "python": platform.python_version(),
        "pyside6": _pyside_version(),
        "sqlcipher3": _distribution_version("sqlcipher3"),
        "cryptography": _distribution_version("cryptography"),
        "operating system": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }
    versions["sqlcipher"] = _sqlcipher_version()
    return versions


def _pyside_version() -> str:
    """PySide6's version (PySide6 6.x.y bundles Qt 6.x.y), from the installed distribution."""
    found = _distribution_version("PySide6-Essentials")
    return found if found != "not installed" else _distribution_version("PySide6")


def _sqlcipher_version() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else "unknown"
