"""motcua's data files: catalogue seed, form templates, the province's calendar days, translations, fonts.

A reference-data release from the province (``workstation.installed_versions``) may replace whole folders
(``forms``, ``catalogue``, ``calendar``) and bring ``communes`` (the province's communes list; without it
the desk uses the official list it ships with: ``workstation.commune_names``): the desk calls
:func:`use_reference_data` at start, before anything reads them.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
REPLACEABLE = ("forms", "catalogue", "calendar", "communes")
"""The folders a reference-data release may replace."""

_reference_dir: Path | None = None


def use_reference_data(folder: Path | None) -> None:
    """Read the replaceable folders from ``folder`` where it has them (``None``: the shipped ones)."""
    global _reference_dir
    _reference_dir = Path(folder) if folder is not None else None


def resource_path(*parts: str) -> Path:
    """The path of a resource file, e.g. ``resource_path("catalogue", "procedures.json")``."""
    folder = _reference_dir
    if folder is not None and parts and parts[0] in REPLACEABLE and (folder / parts[0]).is_dir():
        return folder.joinpath(*parts)
    return RESOURCES_DIR.joinpath(*parts)
