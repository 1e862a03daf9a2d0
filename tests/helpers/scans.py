"""Scans stored the way the desk's scan screen stores them, for tests of receptions with attachments."""

from __future__ import annotations

import io
from typing import Any

from sync.attachments import AttachmentStore
from sync.connection import Connection
from workstation.dossier_desk import DossierDesk


def add_scan(desk: DossierDesk, content: bytes, name: str) -> dict[str, Any]:
    """Store ``content`` encrypted (on the store's writer) and give its value in a dossier's attachments."""

    def operation(conn: Connection) -> dict[str, Any]:
        attachments = AttachmentStore(conn, desk.store.paths.attachments, now=desk.clock)
        info = attachments.add_stream(io.BytesIO(content), "application/pdf")
        return {"sha256": info.sha256, "name": name, "media_type": info.media_type, "size": info.size}

    return desk.store.write(operation).result()
