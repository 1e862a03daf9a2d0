"""``motcua recovery-key FOLDER``: make the province's recovery key pair, once, for provincial IT.

It writes two PEM files into FOLDER: the public half (``province-recovery-public.pem``, the file the first-run
wizard asks for on every desk, read by ``workstation.opening.read_recovery_key``) and the private half
(``province-recovery.pem``, mode 0600, encrypted with a password asked for twice; the file ``recover``,
``add-clerk`` and ``--recovery-key`` take). It never replaces a file: a second pair would lock the province
out of every store made with the first.
"""

from __future__ import annotations

import os
from pathlib import Path

from sync.keys import generate_recovery_keypair
from workstation.it_commands.console import EXIT_OK, CommandFailed, Console

PUBLIC_NAME = "province-recovery-public.pem"
PRIVATE_NAME = "province-recovery.pem"
MIN_PASSWORD_LENGTH = 12

WHERE_TO_KEEP = """Keep {private} OFF every desk PC: copy it to two USB sticks kept locked away in different
places at the provincial IT office (or on an offline PC), and keep its password apart from it (a sealed
envelope). It opens every commune's store: whoever holds it and its password can read all dossiers.
Give {public} to the communes: the first-run wizard asks for it on every desk (it is not secret).
Losing the private key means no store can be recovered when every passphrase is forgotten."""


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to a file that must not exist yet (``FileExistsError`` otherwise)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, mode)  # the umask may have taken bits away; never adds any beyond ``mode``


def _ask_password(console: Console, no_password: bool) -> bytes | None:
    if no_password:
        console.warn("The private key file will have NO password: keep it locked away all the more.")
        return None
    first = console.secret("Password for the private key file (12 characters or more): ")
    if len(first) < MIN_PASSWORD_LENGTH:
        raise CommandFailed(
            f"the password must have {MIN_PASSWORD_LENGTH} characters or more; nothing was written"
        )
    if console.secret("Type it again: ") != first:
        raise CommandFailed("the two passwords differ; nothing was written")
    return first.encode("utf-8")


def run_recovery_key(folder: Path, console: Console, *, no_password: bool = False) -> int:
    """Make the province's recovery key pair in ``folder``; refuse if either file is already there."""
    public, private = folder / PUBLIC_NAME, folder / PRIVATE_NAME
    for path in (public, private):
        if path.exists():
            raise CommandFailed(
                f"{path} already exists: a province has one recovery key pair, never replaced "
                "(stores made with it could no longer be recovered); nothing was written"
            )
    password = _ask_password(console, no_password)
    pair = generate_recovery_keypair(password)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_new(private, pair.private_pem, 0o600)
    except FileExistsError:
        raise CommandFailed(f"{private} already exists; nothing was written") from None
    except OSError as exc:
        raise CommandFailed(f"cannot write {private} ({exc.strerror or exc}); nothing was written") from None
    try:
        _write_new(public, pair.public_pem, 0o644)
    except OSError as exc:
        private.unlink(missing_ok=True)
        reason = "it already exists" if isinstance(exc, FileExistsError) else (exc.strerror or str(exc))
        raise CommandFailed(f"cannot write {public} ({reason}); nothing was written") from None
    console.say(f"public key (for the desks' first-run wizard): {public}")
    console.say(f"PRIVATE key (for recover, add-clerk, --recovery-key): {private}")
    console.say(f"fingerprint: {pair.fingerprint}")
    console.say(
        f"(the first-run wizard shows its first 16 characters, {pair.fingerprint[:16]}: compare them)"
    )
    console.say()
    console.say(WHERE_TO_KEEP.format(private=private.name, public=public.name))
    return EXIT_OK
