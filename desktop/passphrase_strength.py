"""A rough strength hint for a new passphrase (length matters most; a few words beat one odd word)."""

from __future__ import annotations

import unicodedata

from sync.keys import MIN_PASSPHRASE_CHARS

TOO_SHORT, FAIR, GOOD, STRONG = 0, 1, 2, 3


def passphrase_strength(passphrase: str) -> int:
    """0 too short (refused), 1 fair, 2 good, 3 strong."""
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_PASSPHRASE_CHARS:
        return TOO_SHORT
    if len(set(text)) <= 2:
        return FAIR  # "aaaaaaaa", "abababab"
    kinds = sum(
        (
            any(ch.islower() for ch in text),
            any(ch.isupper() for ch in text),
            any(ch.isdigit() for ch in text),
            any(not ch.isalnum() for ch in text),
        )
    )
    score = FAIR
    if len(text) >= 12 or (len(text) >= 10 and kinds >= 3):
        score = GOOD
    if len(text) >= 16 and kinds >= 2:
        score = STRONG
    return score
