"""The guides are complete: every command and every ``--option`` of ``motcua --help`` is in
docs/it-guide.md, and every one of ``python -m server.cli --help`` in docs/server-deployment.md, written as
code (in backquotes or a code block), found by walking the argparse parsers themselves."""

from __future__ import annotations

import argparse

import pytest

from server.cli import _parser as server_parser
from tests.helpers.guide_commands import commands_and_options, missing_from
from workstation.it_commands.command_line import build_parser


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
