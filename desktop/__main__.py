"""The ``motcua`` command: starts the desk application."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="motcua: the commune one-stop desk (tiếp nhận và trả kết quả hồ sơ).",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="keep this workstation's settings and encrypted store in FOLDER (for IT and tests; "
        "default: the user's application data folder)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from desktop.about import version_text

        print(version_text())
        return 0
    from desktop.app import run

    return run(sys.argv[:1], data_dir=args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
