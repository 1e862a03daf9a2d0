"""The printed dossier code (mã số hồ sơ): format and parse it with a configurable pattern.

Circular 01/2018/TT-VPCP Art. 19 prints ``<agency identifier>-<YYMMDD>-<NNNN>``: the receiving agency's
electronic identifier (e.g. ``000.00.01.H22``, ``H55.242``), the receipt date and a 4-digit sequence within
that day. Circular 03/2025 regulates it again in a form not yet confirmed, so the pattern is configuration.

The pattern language is small on purpose:
- ``{agency}``: the agency identifier: groups of upper-case letters and digits separated by dots;
- ``{date:FORMAT}``: the receipt date; FORMAT is made only of ``%y`` (years 2000–2099), ``%Y``, ``%m`` and
  ``%d``, each once (``{date}`` means ``{date:%y%m%d}``);
- ``{seq:0Nd}``: the sequence number, zero-padded to N digits (1–9; ``{seq}`` means ``{seq:04d}``);
- anything else is literal text, without braces. Each field appears exactly once; fields are separated by
  literal text, and text after a field does not start with a letter, digit or dot. A field is then the run of
  letters, digits and dots where it stands, so every part of a code can be found and, when wrong, named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from dossiers.errors import CodePatternError, DossierCodeError

DEFAULT_PATTERN = "{agency}-{date:%y%m%d}-{seq:04d}"

_AGENCY = re.compile(r"[A-Z0-9]+(?:\.[A-Z0-9]+)*")
_FIELD = re.compile(r"\{([^{}]*)\}")
_DATE_DIRECTIVES = {"%y": ("YY", 2), "%Y": ("YYYY", 4), "%m": ("MM", 2), "%d": ("DD", 2)}
_SEQ_SPEC = re.compile(r"0([1-9])d")
_FIELD_CHARS = re.compile(r"[A-Za-z0-9.]")
_FIELD_RUN = re.compile(r"[A-Za-z0-9.]*")
_PART_NAMES = {"agency": "agency identifier", "date": "receipt date", "seq": "sequence number"}


def is_agency_identifier(text: object) -> bool:
    """Whether ``text`` looks like an agency's electronic identifier (e.g. ``000.00.01.H22``, ``H55.242``)."""
    return isinstance(text, str) and _AGENCY.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class DossierCode:
    """A dossier code's parts: the receiving agency, the receipt date and the sequence number of that day."""

    agency: str
    received: dt.date
    sequence: int

    def __post_init__(self) -> None:
        if not is_agency_identifier(self.agency):
            raise DossierCodeError(
                "The agency identifier {agency!r} is not valid: it is groups of upper-case letters and "
                "digits separated by dots, like 000.00.01.H22.",
                agency=self.agency,
            )
        if not isinstance(self.received, dt.date) or isinstance(self.received, dt.datetime):
            raise DossierCodeError(
                "The receipt date of a dossier code must be a date, not {kind}.",
                kind=type(self.received).__name__,
            )
        if isinstance(self.sequence, bool) or not isinstance(self.sequence, int) or self.sequence < 1:
            raise DossierCodeError(
                "The sequence number {sequence!r} is not valid: numbering starts at 1.",
                sequence=self.sequence,
            )


@dataclass(frozen=True, slots=True)
class _Literal:
    text: str


@dataclass(frozen=True, slots=True)
class _Field:
    name: str  # "agency", "date" or "seq"
    directives: tuple[str, ...] = ()  # date only
    width: int = 0  # seq only


@dataclass(frozen=True, slots=True)
class CodePattern:
    """A validated dossier code pattern; build it with ``CodePattern.compile``."""

    source: str
    parts: tuple[_Literal | _Field, ...]

    @classmethod
    def compile(cls, pattern: str) -> CodePattern:
        """Validate ``pattern``; raises ``CodePatternError`` saying what is wrong."""
        if not isinstance(pattern, str):
            raise CodePatternError(pattern=pattern, reason=f"a pattern is text, not {type(pattern).__name__}")
        return _compile(pattern)

    @property
    def width(self) -> int:
        """How many digits the sequence number takes."""
        return next(p.width for p in self.parts if isinstance(p, _Field) and p.name == "seq")

    @property
    def max_sequence(self) -> int:
        """The largest sequence number the pattern can print."""
        return 10**self.width - 1

    @property
    def date_shape(self) -> str:
        """How the date reads to a person, e.g. ``YYMMDD``."""
        field = next(p for p in self.parts if isinstance(p, _Field) and p.name == "date")
        return "".join(_DATE_DIRECTIVES[d][0] for d in field.directives)


@lru_cache(maxsize=32)
def _compile(pattern: str) -> CodePattern:
    def bad(reason: str) -> CodePatternError:
        return CodePatternError(pattern=pattern, reason=reason)

    if pattern != pattern.strip():
        raise bad("a code cannot start or end with a space")
    parts: list[_Literal | _Field] = []
    pos = 0
    for match in _FIELD.finditer(pattern):
        literal = pattern[pos : match.start()]
        if literal:
            parts.append(_Literal(literal))
        parts.append(_field(match.group(1), bad))
        pos = match.end()
    if pattern[pos:]:
        parts.append(_Literal(pattern[pos:]))

    for part in parts:
        if isinstance(part, _Literal) and ("{" in part.text or "}" in part.text):
            raise bad("a brace outside a field; fields are {agency}, {date:...} and {seq:0Nd}")
    names = [p.name for p in parts if isinstance(p, _Field)]
    for name in ("agency", "date", "seq"):
        if names.count(name) != 1:
            raise bad(f"the field {{{name}}} must appear exactly once")
    for first, second in zip(parts, parts[1:], strict=False):
        if isinstance(first, _Field) and isinstance(second, _Field):
            raise bad(f"the fields {{{first.name}}} and {{{second.name}}} need a separator between them")
        if isinstance(first, _Field) and isinstance(second, _Literal) and _FIELD_CHARS.match(second.text):
            raise bad(f"the text {second.text!r} after a field must not start with a letter, digit or dot")
    return CodePattern(pattern, tuple(parts))


def _field(body: str, bad: Callable[[str], CodePatternError]) -> _Field:
    name, _, spec = body.partition(":")
    if name == "agency":
        if spec:
            raise bad("the field {agency} takes no format")
        return _Field("agency")
    if name == "date":
        spec = spec or "%y%m%d"
        directives = tuple(spec[i : i + 2] for i in range(0, len(spec), 2))
        if len(spec) % 2 or any(d not in _DATE_DIRECTIVES for d in directives):
            raise bad(f"the date format {spec!r} may hold only %y, %Y, %m and %d")
        years = sum(d in ("%y", "%Y") for d in directives)
        if years != 1 or directives.count("%m") != 1 or directives.count("%d") != 1:
            raise bad(f"the date format {spec!r} needs one year, one month and one day")
        return _Field("date", directives=directives)
    if name == "seq":
        match = _SEQ_SPEC.fullmatch(spec or "04d")
        if match is None:
            raise bad(f"the sequence format {spec!r} must be 0Nd (zero-padded to N digits, N from 1 to 9)")
        return _Field("seq", width=int(match.group(1)))
    raise bad(f"unknown field {{{body}}}; fields are {{agency}}, {{date:...}} and {{seq:0Nd}}")


def _pattern(pattern: CodePattern | str) -> CodePattern:
    return pattern if isinstance(pattern, CodePattern) else CodePattern.compile(pattern)


def _format_date(day: dt.date, directives: tuple[str, ...]) -> str:
    out = []
    for directive in directives:
        if directive == "%y":
            if not 2000 <= day.year <= 2099:
                raise DossierCodeError(
                    "The receipt date {day} cannot be printed with a two-digit year (years 2000–2099 only).",
                    day=day.isoformat(),
                )
            out.append(f"{day.year - 2000:02d}")
        elif directive == "%Y":
            out.append(f"{day.year:04d}")
        elif directive == "%m":
            out.append(f"{day.month:02d}")
        else:
            out.append(f"{day.day:02d}")
    return "".join(out)


def format_code(code: DossierCode, pattern: CodePattern | str = DEFAULT_PATTERN) -> str:
    """The printed form of ``code``; raises ``DossierCodeError`` if the pattern cannot print it."""
    if not isinstance(code, DossierCode):
        raise TypeError(f"format_code takes a DossierCode, not {type(code).__name__}")
    compiled = _pattern(pattern)
    if code.sequence > compiled.max_sequence:
        raise DossierCodeError(
            "The sequence number {sequence} does not fit in {width} digits.",
            sequence=code.sequence,
            width=compiled.width,
        )
    out = []
    for part in compiled.parts:
        if isinstance(part, _Literal):
            out.append(part.text)
        elif part.name == "agency":
            out.append(code.agency)
        elif part.name == "date":
            out.append(_format_date(code.received, part.directives))
        else:
            out.append(f"{code.sequence:0{part.width}d}")
    return "".join(out)


def parse_code(text: str, pattern: CodePattern | str = DEFAULT_PATTERN) -> DossierCode:
    """Read a printed dossier code; raises ``DossierCodeError`` naming the part that is wrong.

    Surrounding spaces are ignored and the agency identifier is upper-cased (clerks type codes back by hand).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_code takes text, not {type(text).__name__}")
    compiled = _pattern(pattern)
    text = text.strip()
    if not text:
        raise DossierCodeError("The dossier code is empty.")
    values: dict[str, object] = {}
    pos = 0
    previous: str | None = None
    for part in compiled.parts:
        if isinstance(part, _Literal):
            if not text.startswith(part.text, pos):
                if previous is None:
                    raise DossierCodeError(
                        "The dossier code {text!r} should start with {literal!r}.",
                        text=text,
                        literal=part.text,
                    )
                raise DossierCodeError(
                    "The dossier code {text!r} should have {literal!r} after the {previous}, "
                    "at position {pos}.",
                    text=text,
                    literal=part.text,
                    previous=previous,
                    pos=pos + 1,
                )
            pos += len(part.text)
            continue
        run = _FIELD_RUN.match(text, pos)
        end = run.end() if run else pos
        if end == pos:
            raise DossierCodeError(
                "The dossier code {text!r} has no {part} at position {pos}.",
                text=text,
                part=_PART_NAMES[part.name],
                pos=pos + 1,
            )
        values[part.name] = _PARSERS[part.name](text[pos:end], compiled)
        pos = end
        previous = _PART_NAMES[part.name]
    if pos != len(text):
        raise DossierCodeError(
            "The dossier code {text!r} has unexpected text {extra!r} after the {previous}.",
            text=text,
            extra=text[pos:],
            previous=previous,
        )
    return DossierCode(
        agency=cast(str, values["agency"]),
        received=cast(dt.date, values["date"]),
        sequence=cast(int, values["seq"]),
    )


def _parse_agency(value: str, pattern: CodePattern) -> str:
    agency = value.upper()
    if not _AGENCY.fullmatch(agency):
        raise DossierCodeError(
            "The agency identifier {agency!r} in the dossier code is not valid: it is groups of letters and "
            "digits separated by dots, like 000.00.01.H22.",
            agency=value,
        )
    return agency


def _parse_date(value: str, pattern: CodePattern) -> dt.date:
    field = next(p for p in pattern.parts if isinstance(p, _Field) and p.name == "date")
    shape = pattern.date_shape
    if not value.isascii() or not value.isdigit() or len(value) != len(shape):
        raise DossierCodeError(
            "The receipt date {value!r} in the dossier code is not {width} digits ({shape}).",
            value=value,
            width=len(shape),
            shape=shape,
        )
    numbers: dict[str, int] = {}
    pos = 0
    for directive in field.directives:
        size = _DATE_DIRECTIVES[directive][1]
        numbers[directive] = int(value[pos : pos + size])
        pos += size
    year = numbers["%Y"] if "%Y" in numbers else 2000 + numbers["%y"]
    try:
        return dt.date(year, numbers["%m"], numbers["%d"])
    except ValueError:
        raise DossierCodeError(
            "The receipt date {value!r} in the dossier code is not a real date ({shape}).",
            value=value,
            shape=shape,
        ) from None


def _parse_sequence(value: str, pattern: CodePattern) -> int:
    if not value.isascii() or not value.isdigit() or len(value) != pattern.width:
        raise DossierCodeError(
            "The sequence number {value!r} in the dossier code is not {width} digits.",
            value=value,
            width=pattern.width,
        )
    number = int(value)
    if number == 0:
        raise DossierCodeError(
            "The sequence number {value!r} in the dossier code is not valid: numbering starts at 1.",
            value=value,
        )
    return number


_PARSERS: dict[str, Callable[[str, CodePattern], object]] = {
    "agency": _parse_agency,
    "date": _parse_date,
    "seq": _parse_sequence,
}
