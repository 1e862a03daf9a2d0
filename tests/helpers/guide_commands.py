"""The commands and ``--options`` an argparse parser defines, and which of them a guide in docs/ names as code
(in backquotes or a code block): shared by the guides' tests."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)


def code_in(guide: str) -> str:
    """The text of the guide's code blocks and code spans, one per line."""
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    return "\n".join(block or span for block, span in CODE.findall(text))


def options_of(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }


def commands_and_options(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    """``{"": top-level options, command: its options}``, from the parser's own definitions."""
    found = {"": options_of(parser)}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = options_of(sub)
    return found


def names(code: str, word: str) -> bool:
    """Whether ``word`` (a command or an option) stands on its own in ``code``."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", code) is not None


def missing_from(guide: str, parser: argparse.ArgumentParser) -> list[str]:
    code = code_in(guide)
    missing = []
    for command, options in commands_and_options(parser).items():
        if command and not names(code, command):
            missing.append(f"the command {command}")
        owner = command or "the program"
        missing += [f"{owner}'s {option}" for option in sorted(options) if not names(code, option)]
    return missing
