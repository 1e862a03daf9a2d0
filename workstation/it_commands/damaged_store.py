"""What the IT commands say about a damaged store (``sync.errors.StoreDamaged``)."""

from __future__ import annotations

from sync.errors import StoreDamaged


def damaged_store_advice(damage: StoreDamaged, outcome: str) -> str:
    """What is wrong, what the command did not do, that the files were left as they were, and what to do."""
    return (
        f"the store is damaged: {damage} ({damage.reason}); {outcome}, and the store's files were left as "
        "they are. Keep them for the province if asked, then restore the latest good backup: "
        "motcua restore BACKUP --force. 'motcua diagnostics OUT.zip' still writes what it can read."
    )
