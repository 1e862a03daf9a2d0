"""The guides are complete: every command and every ``--option`` of ``motcua --help`` is in
docs/it-guide.md, and every one of ``python -m server.cli --help`` in docs/server-deployment.md, written as
code (in backquotes or a code block), found by walking the argparse parsers themselves."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from server.cli import _parser as server_parser
from workstation.it_commands.command_line import build_parser

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


def missing_from(guide: str, parser: argparse.ArgumentParser) -> list[str]:
    code = code_in(guide)

    def named(word: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", code) is not None

    missing = []
    for command, options in commands_and_options(parser).items():
        if command and not named(command):
            missing.append(f"the command {command}")
        owner = command or "the program"
        missing += [f"{owner}'s {option}" for option in sorted(options) if not named(option)]
    return missing


@pytest.mark.parametrize(
    ("guide", "parser"),
    [("it-guide.md", build_parser()), ("server-deployment.md", server_parser())],
    ids=["motcua", "server.cli"],
)
def test_every_command_and_option_is_in_its_guide(guide: str, parser: argparse.ArgumentParser) -> None:
    assert len(commands_and_options(parser)) > 5  # the walk found the commands
    assert missing_from(guide, parser) == []


def test_the_check_sees_a_missing_command_and_option() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers().add_parser("teleport")
    sub.add_argument("--to-the-moon")
    sub.add_argument("--login")
    assert missing_from("it-guide.md", parser) == ["the command teleport", "teleport's --to-the-moon"]
