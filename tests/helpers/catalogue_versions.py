"""The shipped procedure catalogue as JSON text, with the version (and publisher) a test wants."""

from __future__ import annotations

import json
from pathlib import Path

from resources import resource_path


def catalogue_text(version: int, publisher: str | None = None) -> str:
    data = json.loads(Path(resource_path("catalogue", "procedures.json")).read_text("utf-8"))
    data["version"] = version
    if publisher is not None:
        data["publisher"] = publisher
    return json.dumps(data, ensure_ascii=False)
