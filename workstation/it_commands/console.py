"""How an IT command talks to the technician: plain messages out, passphrases in (never as arguments)."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from workstation.errors import WorkstationError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNAVAILABLE = 2


class CommandFailed(WorkstationError):
    """An IT command cannot go on; ``message`` is shown as it is, ``exit_code`` is the program's status."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def read_secret(prompt: str, stream_in: TextIO | None = None, stream_out: TextIO | None = None) -> str:
    """Ask for a secret: hidden typing on a terminal, else one line from standard input (for scripts)."""
    stream_in = stream_in if stream_in is not None else sys.stdin
    if stream_in is not None and stream_in.isatty():
        return getpass.getpass(prompt)
    if stream_out is not None:
        stream_out.write(prompt)
        stream_out.flush()
    line = stream_in.readline() if stream_in is not None else ""
    if not line:
        raise CommandFailed("no answer was given (standard input is closed)")
    return line.rstrip("\r\n")


def read_line(prompt: str, stream_in: TextIO | None = None, stream_out: TextIO | None = None) -> str:
    """Ask for a visible answer (e.g. a login)."""
    stream_in = stream_in if stream_in is not None else sys.stdin
    stream_out = stream_out if stream_out is not None else sys.stderr
    stream_out.write(prompt)
    stream_out.flush()
    line = stream_in.readline() if stream_in is not None else ""
    if not line:
        raise CommandFailed("no answer was given (standard input is closed)")
    return line.strip()


@dataclass
class Console:
    """Output streams and the two ways of asking; tests hand in scripted answers."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    ask: Callable[[str], str] | None = None
    ask_secret: Callable[[str], str] | None = None

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def warn(self, text: str) -> None:
        print(text, file=self.err, flush=True)

    def question(self, prompt: str) -> str:
        return self.ask(prompt) if self.ask is not None else read_line(prompt, stream_out=self.err)

    def secret(self, prompt: str) -> str:
        if self.ask_secret is not None:
            return self.ask_secret(prompt)
        return read_secret(prompt, stream_out=self.err)

    def new_passphrase(self, prompt: str = "New passphrase: ") -> str:
        """Ask twice; refuse when the two differ."""
        first = self.secret(prompt)
        second = self.secret("Type it again: ")
        if first != second:
            raise CommandFailed("the two passphrases differ; nothing was changed")
        return first
