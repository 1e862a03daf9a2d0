"""motcua's data files: catalogue seed, form templates, icons, translations, fonts."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a resource file, e.g. ``resource_path("catalogue", "procedures.json")``."""
    return RESOURCES_DIR.joinpath(*parts)
