"""The web workspace's message catalogue: every key a template or a page module names is there, in Vietnamese
and in English, with the same parameters."""

from __future__ import annotations

import re
import string
from pathlib import Path

from server.web.i18n import MESSAGES

WEB = Path(__file__).resolve().parents[2] / "server" / "web"
KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
LITERAL = re.compile(
    r"""["']((?:sign_in|password|queue|dossier|action|field|refused|it|report|fee|nav|role)\.[a-z_]+)["']"""
)


def used_keys() -> set[str]:
    found: set[str] = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        found |= set(KEY.findall(text)) | set(LITERAL.findall(text))
    return found


def _params(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_used_is_in_both_languages() -> None:
    used = used_keys()
    assert len(used) > 100
    missing = sorted(key for key in used if key not in MESSAGES and not key.endswith(".html"))
    assert not missing
    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key
        assert _params(vi) == _params(en), key


def test_every_action_the_province_may_take_has_words() -> None:
    from dossiers.lifecycle import Action  # noqa: PLC0415

    for action in Action:
        if action not in (Action.WITHDRAW, Action.RETURN_RESULT):
            assert f"action.{action.value}" in MESSAGES, action
