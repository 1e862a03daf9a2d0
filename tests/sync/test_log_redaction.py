"""The logging setup: personal data never reaches the log file or stderr; harmless text does."""

from __future__ import annotations

import logging
import logging.handlers
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.log_redaction import (
    LOG_FILE_NAME,
    MAX_LOG_BYTES,
    WITHHELD,
    Personal,
    RedactingFormatter,
    clear_redacted_values,
    configure_logging,
    forget_values,
    is_personal_field,
    mark_personal_fields,
    personal_extra,
    redact,
    redact_values,
    reset_logging,
)

log = logging.getLogger("motcua.test")

SECRETS = [
    "079123456789",  # ID number
    "001099000123",
    "123456789",  # old ID
    "0912345678",
    "0912 345 678",
    "0912.345.678",
    "+84 912 345 678",
    "84987654321",
    "(024) 3823 4567",
    "an.nguyen@example.com",
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "PHẠM MINH TUẤN",
    "Ksor H'Bia",
    "Số 12 ngõ 3 phố Huế",
]
HARMLESS = [
    "dossier saved",
    "000.00.01.H22-260213-0001",
    "2.000815.000.00.00.H38",
    "sync finished: 1234 events, 3 conflicts",
    "50000000 bytes",
    "status=received",
    "Đăng ký khai sinh",
]


def parts_of(secret: str) -> list[str]:
    """The secret and its words/digit groups long enough to identify someone."""
    digits = "".join(c for c in secret if c.isdigit())
    pieces = [secret] + [w for w in secret.split() if len(w) >= 4 and not w.isdigit()]
    if len(digits) >= 9:
        pieces.append(digits[-9:])
    return pieces


def assert_clean(text: str, secrets: list[str] = SECRETS) -> None:
    for secret in secrets:
        for piece in parts_of(secret):
            assert piece not in text, f"{piece!r} leaked into: {text!r}"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs", logging.DEBUG)
    assert path is not None
    yield path
    reset_logging()
    clear_redacted_values()
    root.setLevel(level)
    logging.captureWarnings(False)


def written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_personal_data_in_messages_is_redacted(log_file: Path) -> None:
    log.info("received 000.00.01.H22-260213-0001 for 079123456789, phone 0912 345 678, an.nguyen@example.com")
    log.warning("call +84 912 345 678 or (024) 3823 4567 or 84987654321; old ID 123456789")
    log.info("họ tên: Nguyễn Văn An; status=received")
    log.info("name=Ksor H'Bia address=Số 12 ngõ 3 phố Huế; 50000000 bytes")
    log.info("Họ và tên PHẠM MINH TUẤN, Đăng ký khai sinh")
    log.info("Trần Thị Bích Ngọc asked about 2.000815.000.00.00.H38")
    text = written(log_file)
    assert_clean(text)
    for harmless in [
        "000.00.01.H22-260213-0001",
        "2.000815.000.00.00.H38",
        "status=received",
        "50000000 bytes",
    ]:
        assert harmless in text
    assert "Đăng ký khai sinh" in text
    assert "[ID]" in text and "[PHONE]" in text and "[EMAIL]" in text and "[NAME]" in text


def test_personal_data_in_args_is_redacted(log_file: Path) -> None:
    log.info("citizen %s phone %s mail %s", "001099000123", "0912.345.678", "an.nguyen@example.com")
    log.info("applicant %r", "Nguyễn Văn An")
    log.info("%(who)s lives at %(where)s", {"who": Personal("Ksor H'Bia"), "where": Personal("Số 12 ngõ 3")})
    text = written(log_file)
    assert_clean(text)
    assert "citizen [ID] phone [PHONE]" in text


def test_extra_fields_marked_personal_are_redacted(log_file: Path) -> None:
    mark_personal_fields("guardian")
    log.info(
        "dossier saved",
        extra={
            "applicant": "Ksor H'Bia",
            "address": "Số 12 ngõ 3 phố Huế",
            "guardian": "Y Moan",
            "pii_spouse": "Lò Thị Mai",
            "detail": Personal("Ma Văn Kháng"),
            "dossier_code": "000.00.01.H22-260213-0001",
            "note": "called 0912345678",
            "events": 12,
        },
    )
    log.info("dossier opened", extra=personal_extra(holder="Ksor H'Bia"))
    text = written(log_file)
    assert_clean(text, SECRETS + ["Y Moan", "Lò Thị Mai", "Ma Văn Kháng"])
    assert "dossier_code=000.00.01.H22-260213-0001" in text
    assert "events=12" in text and "note=called [PHONE]" in text and "applicant=[REDACTED]" in text


def test_exception_text_and_tracebacks_are_redacted(log_file: Path) -> None:
    try:
        try:
            raise KeyError("079123456789")
        except KeyError as inner:
            raise ValueError("duplicate citizen: name=Nguyễn Văn An phone 0912345678") from inner
    except ValueError:
        log.exception("could not save dossier 000.00.01.H22-260213-0001")
    log.info("where it happened", stack_info=True, extra={"address": "Số 12 ngõ 3 phố Huế"})
    text = written(log_file)
    assert_clean(text)
    assert "Traceback" in text and "ValueError: duplicate citizen" in text and "KeyError" in text
    assert "could not save dossier 000.00.01.H22-260213-0001" in text
    assert "Stack (most recent call last)" in text


def test_registered_values_are_redacted_whatever_the_spelling(log_file: Path) -> None:
    redact_values("Ksor H'Bia", "Buôn Ea Kmát, xã Ea Tu", "x")
    nfd = unicodedata.normalize("NFD", "Buôn Ea Kmát, xã Ea Tu")
    log.info("applicant KSOR H'BIA from buon ea kmat, xa ea tu, also %s", nfd)
    log.info("fix for x and y")  # too short a value is ignored
    text = written(log_file)
    assert "KSOR" not in text and "kmat" not in text.lower() and "Kma" not in text and "Buôn" not in text
    assert "fix for x and y" in text
    forget_values("Ksor H'Bia")
    log.info("after forgetting: Ksor H'Bia")
    assert "after forgetting: Ksor H'Bia" in written(log_file)


def test_registration_counts_and_clearing() -> None:
    try:
        redact_values("Kpă Y Blang")
        redact_values("Kpă Y Blang")
        forget_values("Kpă Y Blang")
        assert redact("by Kpă Y Blang") == "by [REDACTED]"
        forget_values("Kpă Y Blang")
        assert redact("by Kpă Y Blang") == "by Kpă Y Blang"
        redact_values("Kpă Y Blang")
        clear_redacted_values()
        assert redact("by Kpă Y Blang") == "by Kpă Y Blang"
    finally:
        clear_redacted_values()


def test_stderr_is_redacted_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    level = root.level
    try:
        assert configure_logging(None, "INFO") is None
        log.info("phone 0912345678 of Nguyễn Văn An")
        log.debug("below the level 079123456789")
        err = capsys.readouterr().err
        assert "phone [PHONE] of [NAME]" in err
        assert_clean(err)
        assert "below the level" not in err
    finally:
        reset_logging()
        root.setLevel(level)
        logging.captureWarnings(False)
    assert list(tmp_path.iterdir()) == []


def test_configuring_twice_replaces_the_handlers(log_file: Path, tmp_path: Path) -> None:
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_motcua", False)]
    assert len(ours) == 2
    [file_handler] = [h for h in ours if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert file_handler.maxBytes == MAX_LOG_BYTES and file_handler.backupCount > 0
    second = configure_logging(tmp_path / "other", logging.INFO)
    assert second == tmp_path / "other" / LOG_FILE_NAME
    assert len([h for h in logging.getLogger().handlers if getattr(h, "_motcua", False)]) == 2
    reset_logging()
    assert not [h for h in logging.getLogger().handlers if getattr(h, "_motcua", False)]


def test_a_broken_log_call_never_shows_its_arguments() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "count %d", ("079123456789 Nguyễn Văn An",), None
    )
    text = RedactingFormatter().format(record)
    assert WITHHELD in text
    assert_clean(text)


def test_warnings_go_through_the_redacting_log(log_file: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("odd phone 0912 345 678", UserWarning, stacklevel=1)
    text = written(log_file)
    assert "odd phone [PHONE]" in text
    assert_clean(text)


def test_formatter_leaves_the_record_unchanged() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "id %s", ("079123456789",), None)
    line = RedactingFormatter("%(message)s").format(record)
    assert line == "id [ID]"
    assert record.getMessage() == "id 079123456789"


def test_personal_wrapper_never_shows_its_value() -> None:
    secret = Personal("Nguyễn Văn An")
    assert str(secret) == repr(secret) == f"{secret:>20}" == "[REDACTED]"
    assert secret.value == "Nguyễn Văn An"


def test_personal_field_names() -> None:
    assert is_personal_field("Address") and is_personal_field("pii_anything") and is_personal_field("phone")
    assert not is_personal_field("dossier_code") and not is_personal_field("events")
    mark_personal_fields("Nickname")
    assert is_personal_field("nickname")


@pytest.mark.parametrize("harmless", HARMLESS)
def test_harmless_text_survives(harmless: str) -> None:
    assert redact(harmless) == harmless


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phones 0912345678 0987654321", "phones [PHONE] [PHONE]"),
        ("tel:0912-345-678;", "tel:[PHONE];"),
        ("0084 912345678", "[PHONE]"),
        ("ID 0791 2345 6789.", "ID [ID]."),
        ("missing address for record 5", "missing address for record 5"),
        ("địa chỉ: thôn Đông, xã Yên Sở | next", "địa chỉ: [ADDRESS]| next"),
        ("applicant 'nguyen van an' missing", "applicant '[NAME]' missing"),
        ("user NGUYEN VAN AN logged", "user [NAME] logged"),
        ("Do Not Disturb", "Do Not Disturb"),
        ("tên thủ tục: Đăng ký khai sinh", "tên thủ tục: Đăng ký khai sinh"),
    ],
)
def test_redaction_cases(text: str, expected: str) -> None:
    assert redact(text) == expected


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), max_size=6).map(
    " ".join
)


@given(
    before=words,
    after=words,
    id_number=st.from_regex(r"0[0-9]{2}[0-5][0-9]{8}", fullmatch=True),
    phone=st.from_regex(r"0[35789][0-9]{8}", fullmatch=True),
    style=st.sampled_from(["plain", "spaced", "dotted", "intl"]),
)
def test_ids_and_phones_never_survive(
    before: str, after: str, id_number: str, phone: str, style: str
) -> None:
    shown = {
        "plain": phone,
        "spaced": f"{phone[:4]} {phone[4:7]} {phone[7:]}",
        "dotted": f"{phone[:4]}.{phone[4:7]}.{phone[7:]}",
        "intl": f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}",
    }[style]
    out = redact(f"{before} {id_number} {after}, {shown} {after}")
    assert (
        id_number not in out and shown not in out and phone[-7:] not in out.replace(" ", "").replace(".", "")
    )


@given(words)
def test_lower_case_words_are_left_alone(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "saved at Số 17 ngõ Hàng Bạc, phường Hoàn Kiếm",
        "moved to thôn Đông Xá, xã Tân Hòa; next step",
        "delivered to Ấp Bình Thạnh (by post)",
    ],
)
def test_addresses_without_a_marker_are_redacted(text: str) -> None:
    redacted = redact(text)
    assert "[ADDRESS]" in redacted
    for word in ("Hàng Bạc", "Hoàn Kiếm", "Đông Xá", "Bình Thạnh"):
        assert word not in redacted
