"""What the wizard's first clerk and the Clerks dialog's new clerk share: the passphrase's strength in words
and the checks of a new account's fields."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from desktop.passphrase_strength import FAIR, GOOD, STRONG, TOO_SHORT, passphrase_strength
from desktop.warning_text import set_text_colour
from sync.keys import MIN_PASSPHRASE_CHARS


def show_strength(label: QLabel, passphrase: str) -> None:
    """Word (and colour) the strength of ``passphrase`` in ``label``; empty while nothing is typed."""
    if not passphrase:
        label.setText("")
        return
    words = {
        TOO_SHORT: (QCoreApplication.translate("NewClerkChecks", "Too short"), "#b00020"),
        FAIR: (QCoreApplication.translate("NewClerkChecks", "Fair: a longer passphrase is safer"), "#8a5a00"),
        GOOD: (QCoreApplication.translate("NewClerkChecks", "Good"), "#1b5e20"),
        STRONG: (QCoreApplication.translate("NewClerkChecks", "Strong"), "#1b5e20"),
    }
    word, colour = words[passphrase_strength(passphrase)]
    label.setText(word)
    set_text_colour(label, QColor(colour))


def new_clerk_problem(login: str, full_name: str, passphrase: str, repeat: str) -> str | None:
    """What is wrong with a new clerk's fields, in words, or None."""
    if not login.strip():
        return QCoreApplication.translate("NewClerkChecks", "Enter a login name.")
    if any(not ch.isprintable() for ch in login):
        return QCoreApplication.translate(
            "NewClerkChecks", "The login name cannot hold special invisible characters."
        )
    if not full_name.strip():
        return QCoreApplication.translate("NewClerkChecks", "Enter the clerk's full name.")
    if passphrase_strength(passphrase) == TOO_SHORT:
        return QCoreApplication.translate(
            "NewClerkChecks",
            "The passphrase is too short: use at least %n characters.",
            "",
            MIN_PASSPHRASE_CHARS,
        )
    if passphrase != repeat:
        return QCoreApplication.translate(
            "NewClerkChecks", "The two passphrases are not the same. Type them again."
        )
    return None
