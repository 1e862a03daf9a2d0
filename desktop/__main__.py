"""The ``motcua`` program: opens the desk application, or runs one of the IT technician's commands.

The command line itself is ``workstation.it_commands.command_line``; an IT command never loads Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from workstation.about import app_version, version_text
from workstation.errors import WorkstationError
from workstation.it_commands.command_line import PRACTICE_REFUSES_COMMANDS, build_parser, run_it_command
from workstation.program_handover import hand_over, program_to_start
from workstation.settings import resolve_locations


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        print(version_text())
        return 0
    if args.self_test:
        args.command, args.debug = "self-test", False
    if args.command is not None and args.practice:
        print(PRACTICE_REFUSES_COMMANDS, file=sys.stderr)
        return 2
    if args.command is not None:
        from desktop.self_test_steps import GUI_STEPS  # Qt itself loads only if self-test runs them

        return run_it_command(args, self_test_steps=GUI_STEPS)
    staged = _staged_program(args.data_dir)
    if staged is not None:
        hand_over(staged, list(sys.argv[1:] if argv is None else argv))
    from desktop.app import run
    from desktop.practice.practice_desk import practice_desk

    return run(sys.argv[:1], data_dir=args.data_dir, practice=args.practice, practice_desk=practice_desk)


def _staged_program(data_dir: Path | None) -> Path | None:
    """A newer program the province sent, to start instead of this one (never fails the start)."""
    try:
        return program_to_start(resolve_locations(data_dir).settings_file.parent, app_version())
    except (OSError, ValueError, WorkstationError):
        return None


if __name__ == "__main__":
    sys.exit(main())
