"""The Vietnamese IT guide (docs/it-guide-vi.md) keeps up with the English one (docs/it-guide.md): every
``motcua`` command and ``--option`` the English guide names as code is named as code in the Vietnamese one
too (found by walking the argparse parser itself), and both have the same ``## `` sections."""

from __future__ import annotations

import argparse
import re

from tests.helpers.guide_commands import ROOT, code_in, commands_and_options, names
from workstation.it_commands.command_line import build_parser


def named_in(guide: str, parser: argparse.ArgumentParser) -> set[str]:
    """The commands and options of ``parser`` that ``guide`` names as code."""
    code = code_in(guide)
    found = set()
    for command, options in commands_and_options(parser).items():
        found |= {word for word in ({command} if command else set()) | options if names(code, word)}
    return found


def sections(guide: str) -> list[str]:
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    return re.findall(r"^## .*$", text, re.M)


def test_every_command_and_option_of_the_english_guide_is_in_the_vietnamese_one() -> None:
    parser = build_parser()
    english = named_in("it-guide.md", parser)
    assert len(english) > 20  # the walk found the commands and options
    assert sorted(english - named_in("it-guide-vi.md", parser)) == []


def test_both_guides_have_the_same_number_of_sections() -> None:
    assert len(sections("it-guide.md")) > 10
    assert len(sections("it-guide-vi.md")) == len(sections("it-guide.md"))


def test_the_vietnamese_guide_points_to_the_english_one() -> None:
    first_lines = (ROOT / "docs" / "it-guide-vi.md").read_text(encoding="utf-8").splitlines()[:5]
    assert any("(it-guide.md)" in line for line in first_lines)
