"""The project's one logging setup, whose formatter redacts personal data from every line it writes.

What is redacted, in the message with its arguments, in ``extra`` fields, in exception text and stack info:
- values registered at run time with :func:`redact_values` (e.g. the open dossier's applicant name and
  address), matched case- and diacritics-insensitively;
- values wrapped in :class:`Personal`, and ``extra`` fields whose names are personal (``name``, ``address``,
  ``phone``… see :func:`mark_personal_fields`, or any name starting with ``pii_``);
- the text after markers such as ``name=``, ``họ tên:``, ``address=``, ``địa chỉ:``;
- capitalised Vietnamese-looking names (a common surname followed by capitalised words);
- 12-digit and 9-digit ID numbers, phone numbers (``0…``, ``+84…``, with spaces, dots or dashes), e-mails.

Regexes cannot recognise every name: the registered values and markers are what make names safe; the rest is a
net. It errs on the side of redacting too much (a 9-digit count is redacted as if it were an old ID).
"""

from __future__ import annotations

import copy
import logging
import logging.handlers
import re
import sys
import threading
import unicodedata
from pathlib import Path
from typing import Any

from sync.folding import fold

LOG_FILE_NAME = "motcua.log"
MAX_LOG_BYTES = 2_000_000
LOG_BACKUPS = 5
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
WITHHELD = "[log line withheld: it could not be redacted]"

ID_MARK = "[ID]"
PHONE_MARK = "[PHONE]"
EMAIL_MARK = "[EMAIL]"
NAME_MARK = "[NAME]"
ADDRESS_MARK = "[ADDRESS]"
VALUE_MARK = "[REDACTED]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digit runs are taken whole: not glued to letters, not part of a longer dotted or dashed code.
_BEFORE = r"(?<![\w+])(?<!\d[.\-])"
_AFTER = r"(?![\w]|[.\-]\d)"
_ID_12 = re.compile(_BEFORE + r"\d(?:[ .\-]?\d){11}" + _AFTER)
_ID_9 = re.compile(_BEFORE + r"\d(?:[ .\-]?\d){8}" + _AFTER)
_PHONE = re.compile(_BEFORE + r"\(?(?:\+ ?84|0084|84|0)(?:[ .\-()]{0,2}\d){8,10}" + _AFTER)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NAME_MARKERS = (
    r"full[_ ]?name|applicant(?:[_ ]name)?|owner[_ ]name|citizen[_ ]name|name|"
    r"họ và tên|họ tên|ho va ten|ho ten|người nộp|nguoi nop|chủ hồ sơ|chu ho so|người yêu cầu|tên"
)
_ADDRESS_MARKERS = (
    r"address|địa chỉ|dia chi|nơi cư trú|noi cu tru|thường trú|thuong tru|tạm trú|tam tru|quê quán|que quan|"
    r"residence"
)
_MARKER = re.compile(
    rf"(?<![\w])(?:(?P<name>{_NAME_MARKERS})|(?P<address>{_ADDRESS_MARKERS}))(?![\w])['\"]?"
    r"(?P<gap>[ \t]*(?P<sep>[:=])?[ \t]*)(?P<quote>['\"])?",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;|\n\r\[\]{}]|\s[\w.]+[=:]\s?|$")
# Vietnamese address units: an address in free text starts at one of them followed by a number or a name.
_ADDRESS_UNITS = (
    r"số nhà|số|ngõ|ngách|hẻm|kiệt|đường|phố|thôn|xóm|ấp|tổ dân phố|khu phố|phường|xã|thị trấn|quận|huyện|"
    r"tỉnh|thành phố"
)
_ADDRESS_START = re.compile(rf"(?<![\w])(?P<unit>{_ADDRESS_UNITS})[ \t]+(?P<next>\d|[^\W\d_])", re.IGNORECASE)
_ADDRESS_END = re.compile(r"[;|\n\r\[\]{}()]|\s[\w.]+[=:]\s?|$")

# Common Vietnamese surnames. The ones that are also English or place words only count with their diacritics.
_SURNAMES = {
    fold(s)
    for s in "Nguyễn Trần Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Ngô Dương Đinh Trịnh Trương Lương Đoàn Đào "
    "Lưu Vương Quách Kiều Thái Triệu Hứa".split()
}
_SURNAMES_WITH_MARKS = set("Lê Hồ Đỗ Lý Hà Tô Tạ Lâm Mai Cao Châu Tăng Lại Mạc".split())

_DEFAULT_PERSONAL_FIELDS = {
    "name", "full_name", "fullname", "applicant", "applicant_name", "owner", "owner_name", "citizen",
    "citizen_name", "address", "addr", "residence", "phone", "phone_number", "mobile", "email", "id_number",
    "citizen_id", "cccd", "cmnd", "birth_date", "date_of_birth", "dob", "ho_ten", "dia_chi", "so_dien_thoai",
}  # fmt: skip
_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}


class Personal:
    """Wraps a personal value so that it never shows in a log line, whatever formats it."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __str__(self) -> str:
        return VALUE_MARK

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return VALUE_MARK


class _Registry:
    """Known sensitive values and personal field names, shared by every redacting formatter."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.values: dict[str, int] = {}
        self.pattern: re.Pattern[str] | None = None
        self.fields = set(_DEFAULT_PERSONAL_FIELDS)

    def rebuild(self) -> None:
        folded = sorted(self.values, key=len, reverse=True)
        if not folded:
            self.pattern = None
            return
        alternatives = [r"\s+".join(re.escape(word) for word in value.split()) for value in folded]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


_registry = _Registry()


def redact_values(*values: str) -> None:
    """Redact these exact values (any case, with or without diacritics) from every log line from now on.

    Values shorter than 3 characters are ignored (they would redact ordinary words). Each call is undone by
    one :func:`forget_values` call with the same values.
    """
    with _registry.lock:
        for value in values:
            key = fold(str(value))
            if len(key) >= 3:
                _registry.values[key] = _registry.values.get(key, 0) + 1
        _registry.rebuild()


def forget_values(*values: str) -> None:
    """Stop redacting values registered with :func:`redact_values` (e.g. when a dossier is closed)."""
    with _registry.lock:
        for value in values:
            key = fold(str(value))
            count = _registry.values.get(key, 0)
            if count <= 1:
                _registry.values.pop(key, None)
            else:
                _registry.values[key] = count - 1
        _registry.rebuild()


def clear_redacted_values() -> None:
    """Forget every registered value."""
    with _registry.lock:
        _registry.values.clear()
        _registry.rebuild()


def mark_personal_fields(*names: str) -> None:
    """Treat ``extra`` fields with these names as personal: their values are never written."""
    with _registry.lock:
        _registry.fields.update(name.casefold() for name in names)


def is_personal_field(name: str) -> bool:
    """Whether an ``extra`` field of this name holds personal data."""
    key = name.casefold()
    return key.startswith("pii_") or key in _registry.fields


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, with the index in ``text`` of every folded character."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        folded = " " if char.isspace() else fold(char)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def _redact_known(text: str) -> str:
    pattern = _registry.pattern
    if pattern is None:
        return text
    folded, where = _fold_with_map(text)
    spans = [
        (where[m.start()], where[m.end() - 1] + 1) for m in pattern.finditer(folded) if m.end() > m.start()
    ]
    for start, end in reversed(spans):
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        text = text[:start] + VALUE_MARK + text[end:]
    return text


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _redact_markers(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in _MARKER.finditer(text):
        if match.start() < position:
            continue
        start = match.end()
        quote = match.group("quote")
        mark = ADDRESS_MARK if match.group("address") else NAME_MARK
        if quote:
            closing = text.find(quote, start)
            end = len(text) if closing < 0 else closing
        elif match.group("address"):
            if not match.group("sep") and not (
                start < len(text) and (text[start].isupper() or text[start].isdigit())
            ):
                continue
            clause = _CLAUSE_END.search(text, start)
            end = clause.start() if clause else len(text)
        else:
            end = start
            cursor = start
            first = True
            while True:
                word = _WORD.match(text, cursor)
                if word is None or not (_capitalised(word.group()) or (first and match.group("sep"))):
                    break
                end = word.end()
                first = False
                gap = re.match(r"[ \t]+", text[end:])
                cursor = end + (gap.end() if gap else 0)
        if end > start:
            pieces.append(text[position:start] + mark)
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _redact_address_phrases(text: str) -> str:
    """Addresses without a marker: from a unit word (``số 17``, ``ngõ Hàng Bạc``) to the end of the clause."""
    pieces: list[str] = []
    position = 0
    for match in _ADDRESS_START.finditer(text):
        if match.start() < position:
            continue
        following = match.group("next")
        if match.group("unit").lower() in ("số", "số nhà") and not following.isdigit():
            continue
        if not (following.isdigit() or following.isupper()):
            continue
        end = _ADDRESS_END.search(text, match.start()).start()
        pieces.append(text[position : match.start()] + ADDRESS_MARK)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _is_surname(word: str) -> bool:
    if word in _SURNAMES_WITH_MARKS or (word.isupper() and word.title() in _SURNAMES_WITH_MARKS):
        return True
    return fold(word) in _SURNAMES


def _redact_names(text: str) -> str:
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        word = words[i].group()
        if _capitalised(word) and _is_surname(word):
            j = i + 1
            while (
                j < len(words)
                and j - i < 6
                and _capitalised(words[j].group())
                and text[words[j - 1].end() : words[j].start()] in (" ", "\t")
            ):
                j += 1
            if j - i >= 2:
                spans.append((words[i].start(), words[j - 1].end()))
                i = j
                continue
        i += 1
    for start, end in reversed(spans):
        text = text[:start] + NAME_MARK + text[end:]
    return text


def redact(text: str) -> str:
    """``text`` with every personal datum this module recognises replaced by a mark such as ``[PHONE]``."""
    text = _redact_known(str(text))
    text = _redact_markers(text)
    text = _redact_address_phrases(text)
    text = _redact_names(text)
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _ID_12.sub(ID_MARK, text)
    text = _PHONE.sub(PHONE_MARK, text)
    text = _ID_9.sub(ID_MARK, text)
    return text


def _render_extras(record: logging.LogRecord) -> str:
    parts: list[str] = []
    for key, value in record.__dict__.items():
        if key in _STANDARD_ATTRS or key.startswith("_"):
            continue
        shown = VALUE_MARK if isinstance(value, Personal) or is_personal_field(key) else str(value)
        parts.append(f"{key}={shown}")
    return (" [" + " ".join(parts) + "]") if parts else ""


class RedactingFormatter(logging.Formatter):
    """A formatter that writes ``extra`` fields and redacts the message, extras, exception and stack text."""

    def __init__(self, fmt: str = LINE_FORMAT, datefmt: str | None = None) -> None:
        super().__init__(fmt, datefmt)

    def format(self, record: logging.LogRecord) -> str:
        try:
            safe = copy.copy(record)
            safe.msg = redact(record.getMessage() + _render_extras(record))
            safe.args = None
            exc_text = record.exc_text
            if record.exc_info and not exc_text:
                exc_text = self.formatException(record.exc_info)
            safe.exc_info = None
            safe.exc_text = redact(exc_text) if exc_text else None
            safe.stack_info = redact(record.stack_info) if record.stack_info else None
            return super().format(safe)
        except Exception:  # never let an unredacted line through
            return f"{self.formatTime(record, self.datefmt)} {record.levelname} {record.name}: {WITHHELD}"


def _ours(handler: logging.Handler) -> bool:
    return getattr(handler, "_motcua", False)


def reset_logging() -> None:
    """Remove and close the handlers :func:`configure_logging` installed."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if _ours(handler):
            root.removeHandler(handler)
            handler.close()


def configure_logging(log_dir: Path | None, level: int | str = logging.INFO) -> Path | None:
    """Set up the project's logging: a rotating file in ``log_dir`` (if given) and stderr, both redacted.

    Calling it again replaces the previous set-up. Returns the log file's path, if any.
    """
    reset_logging()
    root = logging.getLogger()
    root.setLevel(level)
    formatter = RedactingFormatter()
    handlers: list[logging.Handler] = []
    log_file: Path | None = None
    if log_dir is not None:
        log_dir = Path(log_dir)
        log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        log_file = log_dir / LOG_FILE_NAME
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
            )
        )
    if sys.stderr is not None:  # a windowed build has no stderr
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._motcua = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    logging.captureWarnings(True)
    return log_file


def personal_extra(**fields: Any) -> dict[str, Personal]:
    """``extra=`` fields all marked personal: ``log.info("saved", extra=personal_extra(applicant=name))``."""
    return {key: Personal(value) for key, value in fields.items()}
