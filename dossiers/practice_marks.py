"""What sets practice (training) data apart from real data, everywhere it could travel.

A practice workstation's replica id starts with :data:`PRACTICE_REPLICA_PREFIX` (a real one is a bare hex
uuid), so the provincial server can refuse its enrolment and its events in words. Every form it prints
carries :data:`PRACTICE_MARK` across the page and its dossier code as :func:`practice_code_text` writes it:
``TH-`` before the code, which the real code parser refuses (the receipt date would have to follow the first
dash).
"""

from __future__ import annotations

from dossiers.dossier_codes import DEFAULT_PATTERN, CodePattern, DossierCode, format_code

PRACTICE_REPLICA_PREFIX = "thuchanh-"
"""The start of every practice replica id (a real desk's replica id is 32 hex digits, no dash)."""

PRACTICE_AGENCY = "THUCHANH"
"""The agency identifier of the practice desk (no real agency has one made of letters only)."""

PRACTICE_CODE_PREFIX = "TH-"
PRACTICE_MARK = "BẢN THỰC HÀNH — KHÔNG CÓ GIÁ TRỊ"
"""Printed diagonally across every page a practice desk prints."""

PRACTICE_REFUSAL = "this is a practice (training) workstation: practice data never reaches the province"
"""How the server words its refusal of a practice workstation (no personal data)."""


def is_practice_replica(replica_id: object) -> bool:
    """Whether ``replica_id`` names a practice workstation (or its simulated province)."""
    return isinstance(replica_id, str) and replica_id.lower().startswith(PRACTICE_REPLICA_PREFIX)


def practice_code_text(code: DossierCode | str, pattern: CodePattern | str = DEFAULT_PATTERN) -> str:
    """The code as a practice desk prints it: ``TH-THUCHANH-261207-0001``. Idempotent on text."""
    text = code if isinstance(code, str) else format_code(code, pattern)
    if not text or text.startswith(PRACTICE_CODE_PREFIX):
        return text
    return PRACTICE_CODE_PREFIX + text
