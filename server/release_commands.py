"""The admin CLI's release commands: release-keys, publish-, refresh-, export-release, versions."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from server.communes import commune_list
from server.config import ServerConfig
from server.errors import BadInput
from server.releases import (
    COMMUNES_FILE,
    KINDS,
    export_release,
    make_release_keys,
    publish_release,
    refresh_release,
)
from server.services import Services
from server.storage.interface import ServerStorage
from server.update_routes import device_versions


def add_release_commands(commands: Any) -> None:
    """Declare the release commands on the CLI's sub-parsers."""
    p = commands.add_parser("release-keys", help="make the province's release signing keys (once)")
    p.add_argument("keys_dir", type=Path, help="an empty folder, best on a USB key kept in a safe")
    p = commands.add_parser("publish-release", help="sign and publish a program or reference-data release")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument("--version", required=True, help="above the last published one, e.g. 0.2.0 or 2026.12")
    p.add_argument("--keys", required=True, type=Path, help="the folder made by release-keys")
    p.add_argument(
        "folder",
        type=Path,
        help="the program folder, or the reference-data folder (the server adds its own communes list)",
    )
    p = commands.add_parser("refresh-release", help="re-sign a kind's metadata before it expires")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument("--keys", required=True, type=Path)
    p = commands.add_parser("export-release", help="write a kind's newest release to a file for a USB stick")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument("out", type=Path, help="the file to write (a desk reads it with motcua update import)")
    commands.add_parser("versions", help="the program and reference-data versions each workstation runs")


def reference_with_communes(folder: Path, storage: ServerStorage, work: Path) -> tuple[Path, int]:
    """IT's reference-data folder copied into ``work`` with the server's communes list added (the one
    ``create-communes`` and ``rename-commune`` keep); returns it and how many communes it lists."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(f"{folder} is not a folder")
    if (folder / "communes").exists():
        raise BadInput(
            "the communes list comes from the server's own (create-communes, rename-commune): "
            "leave the communes folder out of the reference-data folder"
        )
    listed = commune_list(storage)
    copy = work / "reference"
    shutil.copytree(folder, copy, symlinks=True)  # publish_release refuses links
    if listed is None:
        return copy, 0
    (copy / "communes").mkdir()
    (copy / "communes" / COMMUNES_FILE).write_text(listed.to_json(), encoding="utf-8")
    return copy, len(listed.communes)


def _releases_dir(config: ServerConfig) -> Path:
    if config.releases_dir is None:
        raise BadInput("no releases folder is set: add [releases] dir to the server's settings")
    return config.releases_dir


def run_release_command(
    args: argparse.Namespace,
    config: ServerConfig,
    storage: ServerStorage,
    out: TextIO,
    now: Callable[[], Any],
) -> bool:
    """Run ``args.command`` if it is a release command (True), else do nothing (False)."""
    if args.command == "release-keys":
        made = make_release_keys(args.keys_dir)
        print(f"{len(made)} key files written to {args.keys_dir} (private keys mode 0600).", file=out)
        print("Keep this folder off the server; publish-release needs it.", file=out)
    elif args.command == "publish-release":
        releases_dir = _releases_dir(config)
        if args.kind == "reference":
            with tempfile.TemporaryDirectory(prefix="reference-") as work:
                folder, communes = reference_with_communes(args.folder, storage, Path(work))
                published = publish_release(releases_dir, args.kind, folder, args.version, args.keys)
            if communes:
                print(f"with the server's list of {communes} communes", file=out)
        else:
            published = publish_release(releases_dir, args.kind, args.folder, args.version, args.keys)
        print(f"{published.kind} {published.version} published; desks fetch it at their next sync", file=out)
    elif args.command == "refresh-release":
        refresh_release(_releases_dir(config), args.kind, args.keys)
        print(f"{args.kind} metadata re-signed", file=out)
    elif args.command == "export-release":
        version = export_release(_releases_dir(config), args.kind, args.out)
        print(f"{args.kind} {version} written to {args.out}: on the desk, motcua update import", file=out)
    elif args.command == "versions":
        svc = Services.build(config, storage, now=now, new_id=lambda: "")
        rows = device_versions(svc)
        for commune, device_id, label, kind, version, at in rows:
            print(f"{commune}\t{device_id}\t{label}\t{kind}\t{version}\t{at[:16]}", file=out)
        print(f"{len({row[1] for row in rows})} workstation(s) reported versions", file=out)
    else:
        return False
    return True
