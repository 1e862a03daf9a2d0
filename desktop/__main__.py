"""The ``motcua`` program: opens the desk application, or runs one of the IT technician's commands.

The command line itself is ``workstation.it_commands.command_line``; an IT command never loads Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from workstation.about import version_text
from workstation.it_commands.command_line import PRACTICE_REFUSES_COMMANDS, build_parser, run_it_command


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
    from desktop.app import run
    from desktop.practice.practice_desk import practice_desk

    return run(sys.argv[:1], data_dir=args.data_dir, practice=args.practice, practice_desk=practice_desk)


if __name__ == "__main__":
    sys.exit(main())
