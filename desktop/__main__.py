"""The ``motcua`` command: starts the desk application."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="motcua: the commune one-stop desk (tiếp nhận và trả kết quả hồ sơ).",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from desktop.about import version_text

        print(version_text())
        return 0
    from desktop.app import run

    return run(sys.argv[:1])


if __name__ == "__main__":
    sys.exit(main())
