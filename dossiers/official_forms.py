"""The seven official forms of Circular 03/2025 (Appendix I) as data: exactly the text each one prints.

Each form is a frozen dataclass of strings (and tuples of row dataclasses of strings), built by a function
from a :class:`~dossiers.dossier.Dossier`, the :class:`~dossiers.dossier.Office` and the inputs the clerk
gives (reasons, missing documents, a new date). Dates are already worded the Vietnamese way ("Tân Hòa, ngày
13 tháng 02 năm 2026"), amounts through :func:`dossiers.fees.format_vnd`. The layout is not here: the
desktop fills a per-form HTML template (``resources/forms/<template>.html``) whose placeholders are the field
names, so a province can change layout and wording without code changes. The 2025 layouts are unconfirmed
(docs/domain.md): the fields follow what real systems print on the 2018 forms.

A ``title`` may hold a line break where the printed title breaks. ``copies`` lists the copies to print,
each on its own page, with the label printed on it (Mẫu 01: one kept with the control sheet, one for the
citizen).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from dossiers.appointments import vietnam_time
from dossiers.catalogue import DocumentForm
from dossiers.dossier import Dossier, HandOver, HandOverResult, Office, ResultDelivery
from dossiers.dossier_codes import DEFAULT_PATTERN, CodePattern, format_code
from dossiers.errors import (
    FormNeedsAppointment,
    FormNeedsDossierCode,
    MissingFormText,
    NewDateNotLater,
    NothingMissing,
)
from dossiers.fees import format_vnd
from dossiers.processing_time import ProcessingTime, TimeKind

DESK_NAME = "Bộ phận tiếp nhận và trả kết quả"
"""The desk's name printed under the agency name on Mẫu 01."""

BLANK = "........................"
"""Printed where a value is not known yet, to be written by hand."""

DOCUMENT_FORM_LABELS: dict[DocumentForm, str] = {
    DocumentForm.ORIGINAL: "Bản chính",
    DocumentForm.CERTIFIED_COPY: "Bản sao có chứng thực",
    DocumentForm.PHOTOCOPY: "Bản chụp",
    DocumentForm.PRESENTED: "Bản chính (xuất trình)",
}

HAND_OVER_RESULT_LABELS: dict[HandOverResult, str] = {
    HandOverResult.EARLY: "Trước hạn",
    HandOverResult.ON_TIME: "Đúng hạn",
    HandOverResult.LATE: "Quá hạn",
}

RECEIPT_COPIES = (
    "Liên 1: Lưu tại Bộ phận tiếp nhận và trả kết quả (kèm Phiếu kiểm soát quá trình giải quyết hồ sơ)",
    "Liên 2: Giao cho người nộp hồ sơ",
)


# --- Wording of dates, times and amounts -----------------------------------------------------------------


def _day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return vietnam_time(value).date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def long_date(value: dt.date | dt.datetime) -> str:
    """``ngày 13 tháng 02 năm 2026`` (a datetime is taken in Vietnamese time)."""
    day = _day(value)
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def date_line(place: str, value: dt.date | dt.datetime) -> str:
    """The dateline of a form: ``Tân Hòa, ngày 13 tháng 02 năm 2026``."""
    return f"{place.strip()}, {long_date(value)}"


def short_date(value: dt.date | dt.datetime) -> str:
    """``13/02/2026``."""
    day = _day(value)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def time_and_date(value: dt.datetime) -> str:
    """``09 giờ 30 phút, ngày 13 tháng 02 năm 2026`` in Vietnamese time."""
    local = vietnam_time(value)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {long_date(local)}"


def return_time_and_date(day: dt.date, closing: dt.time | None) -> str:
    """Item 5 of Mẫu 01: ``16 giờ 30 phút, ngày 20 tháng 02 năm 2026`` (the desk's closing time that day), or
    dotted hour and minute to write by hand when the closing time is not known."""
    if closing is None:
        return f"...... giờ ...... phút, {long_date(day)}"
    return f"{closing.hour:02d} giờ {closing.minute:02d} phút, {long_date(day)}"


def processing_time_text(rule: ProcessingTime) -> str:
    """The statutory processing time as Mẫu 01 states it."""
    if rule.kind is TimeKind.SAME_DAY:
        text = "Trong ngày làm việc"
        if rule.cutoff is not None:
            text += (
                f" (tiếp nhận sau {rule.cutoff.hour:02d} giờ {rule.cutoff.minute:02d}: "
                "trả kết quả trong ngày làm việc tiếp theo)"
            )
        return text
    return f"{rule.working_days:02d} ngày làm việc"


def fee_text(amount: int) -> str:
    """The fee line: ``50.000 đ``, or ``Không thu`` when nothing is charged."""
    return format_vnd(amount) if amount else "Không thu"


_PLACE_START = re.compile(r"\s(?=(?:xã|phường|thị trấn|đặc khu)\s)", re.IGNORECASE)
NO_BREAK_SPACE = "\u00a0"
HEADER_LINE_LETTERS = 24
"""A header line longer than this (in letters) is split in two: about what fits in the header's column."""


def _balanced(text: str) -> list[str]:
    if len(text) <= HEADER_LINE_LETTERS or " " not in text:
        return [text]
    spaces = [i for i, letter in enumerate(text) if letter == " "]
    cut = min(spaces, key=lambda i: abs(len(text) - 2 * i))
    return [text[:cut], text[cut + 1 :]]


def header_text(name: str) -> str:
    """An agency's name as a form's header prints it, in lines the program chooses: the commune's name
    ("xã …", "phường …", "thị trấn …", "đặc khu …") on a line of its own, a longer rest split in two near
    its middle, each line's words joined by no-break spaces so the printer never breaks a line itself (and
    never "Phường Bến" above "Thành")."""
    text = " ".join(name.split())
    starts = [match.start() for match in _PLACE_START.finditer(text)]
    head, place = (text[: starts[-1]], text[starts[-1] + 1 :]) if starts else (text, "")
    lines = [*_balanced(head), *([place] if place else [])]
    return "\n".join(line.replace(" ", NO_BREAK_SPACE) for line in lines)


def _code_text(dossier: Dossier, form: str, pattern: CodePattern | str, *, required: bool) -> str:
    if dossier.code is None:
        if required:
            raise FormNeedsDossierCode(form=form)
        return ""
    return format_code(dossier.code, pattern)


def _text(value: str, form: str, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} is text, not {type(value).__name__}")
    text = value.strip()
    if not text:
        raise MissingFormText(form=form, what=what)
    return text


def _or_blank(value: str) -> str:
    return value.strip() or BLANK


# --- The forms ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class DocumentLine:
    """One document handed in, as Mẫu 01 lists it."""

    number: str
    name: str
    form: str
    count: str
    note: str


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class ReceiptForm:
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    template: ClassVar[str] = "mau_01"
    form_number: ClassVar[str] = "Mẫu 01"
    title: ClassVar[str] = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"

    agency_parent: str
    agency_name: str
    desk_name: str
    date_line: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    request: str
    documents: tuple[DocumentLine, ...]
    sets: str
    processing_time: str
    received_time: str
    appointment: str
    result_place: str
    register_book: str
    register_line: str
    fee: str
    receiving_officer: str
    copies: tuple[str, ...] = RECEIPT_COPIES


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class MissingDocument:
    """Input of Mẫu 02: a document to add or complete, and why."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class SupplementLine:
    """One line of Mẫu 02."""

    number: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class SupplementRequestForm:
    """Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    template: ClassVar[str] = "mau_02"
    form_number: ClassVar[str] = "Mẫu 02"
    title: ClassVar[str] = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"

    agency_parent: str
    agency_name: str
    desk_name: str
    date_line: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    request: str
    items: tuple[SupplementLine, ...]
    guiding_officer: str
    office_phone: str
    copies: tuple[str, ...] = ("",)


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class RefusalForm:
    """Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    template: ClassVar[str] = "mau_03"
    form_number: ClassVar[str] = "Mẫu 03"
    title: ClassVar[str] = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"

    agency_parent: str
    agency_name: str
    desk_name: str
    date_line: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    request: str
    reason: str
    officer: str
    copies: tuple[str, ...] = ("",)


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class ApologyForm:
    """Mẫu 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."""

    template: ClassVar[str] = "mau_04"
    form_number: ClassVar[str] = "Mẫu 04"
    title: ClassVar[str] = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN\nTHỜI GIAN GIẢI QUYẾT HỒ SƠ"

    agency_parent: str
    agency_name: str
    date_line: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    request: str
    received_date: str
    original_appointment: str
    reason: str
    new_appointment: str
    signer_title: str
    signer_name: str
    copies: tuple[str, ...] = ("",)


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class StopNoticeForm:
    """Mẫu 05: Thông báo dừng giải quyết hồ sơ."""

    template: ClassVar[str] = "mau_05"
    form_number: ClassVar[str] = "Mẫu 05"
    title: ClassVar[str] = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"

    agency_parent: str
    agency_name: str
    date_line: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    request: str
    received_date: str
    reason: str
    signer_title: str
    signer_name: str
    copies: tuple[str, ...] = ("",)


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class ControlRow:
    """One hand-over on the control sheet (blank strings: a row left to fill in by hand)."""

    number: str
    handed_from: str
    handed_to: str
    time: str
    by: str
    due: str
    result: str
    note: str


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class ControlSheetForm:
    """Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    template: ClassVar[str] = "mau_06"
    form_number: ClassVar[str] = "Mẫu 06"
    title: ClassVar[str] = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"

    agency_parent: str
    agency_name: str
    desk_name: str
    dossier_code: str
    applicant_name: str
    request: str
    received_time: str
    appointment: str
    rows: tuple[ControlRow, ...]
    copies: tuple[str, ...] = ("",)


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class RegisterRow:
    """One dossier in the register book."""

    number: str
    dossier_code: str
    procedure: str
    sets: str
    applicant_name: str
    applicant_contact: str
    handled_by: str
    received: str
    appointment: str
    handed_over: str
    returned: str
    note: str


@dataclass(frozen=True, slots=True, repr=False)  # what a form prints is personal data
class RegisterForm:
    """Mẫu 07: Sổ theo dõi hồ sơ (the register book; printed landscape)."""

    template: ClassVar[str] = "mau_07"
    form_number: ClassVar[str] = "Mẫu 07"
    title: ClassVar[str] = "SỔ THEO DÕI HỒ SƠ"

    agency_parent: str
    agency_name: str
    desk_name: str
    period: str
    rows: tuple[RegisterRow, ...]
    copies: tuple[str, ...] = ("",)


OfficialForm = (
    ReceiptForm
    | SupplementRequestForm
    | RefusalForm
    | ApologyForm
    | StopNoticeForm
    | ControlSheetForm
    | RegisterForm
)
"""Any of the seven forms."""

FORM_TYPES: tuple[type, ...] = (
    ReceiptForm,
    SupplementRequestForm,
    RefusalForm,
    ApologyForm,
    StopNoticeForm,
    ControlSheetForm,
    RegisterForm,
)


# --- Builders ----------------------------------------------------------------------------------------------


def _check(dossier: object, office: object) -> None:
    if not isinstance(dossier, Dossier):
        raise TypeError(f"expected a Dossier, got {type(dossier).__name__}")
    if not isinstance(office, Office):
        raise TypeError(f"expected an Office, got {type(office).__name__}")


def _issued(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"the issue date is a date, not {type(value).__name__}")
    return value


def build_receipt(
    dossier: Dossier,
    office: Office,
    *,
    processing_time: ProcessingTime,
    register_book: str = "",
    return_by: dt.time | None = None,
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> ReceiptForm:
    """Mẫu 01 for an accepted dossier, dated the day it was received.

    ``return_by`` is the hour the result can be collected on the appointment day (the desk's closing time);
    without it the hour and minute are dotted, to write by hand. The receiving clerk is printed by the full
    name the dossier carries (dotted for a dossier received before names were recorded, never a login).

    Raises ``FormNeedsDossierCode`` / ``FormNeedsAppointment`` when the dossier has no code / appointment.
    """
    _check(dossier, office)
    form = ReceiptForm.form_number
    code = _code_text(dossier, form, code_pattern, required=True)
    if dossier.appointment is None:
        raise FormNeedsAppointment(form=form)
    applicant = dossier.applicant
    documents = tuple(
        DocumentLine(
            number=str(i),
            name=doc.name,
            form=DOCUMENT_FORM_LABELS[DocumentForm(doc.form)],
            count=f"{doc.count:02d} bản",
            note=doc.note,
        )
        for i, doc in enumerate(dossier.documents, start=1)
    )
    if dossier.delivery is ResultDelivery.POST:
        place = "Qua dịch vụ bưu chính công ích, đến địa chỉ của người nộp hồ sơ"
    else:
        place = f"Tại {DESK_NAME}, {office.name}"
    return ReceiptForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        desk_name=DESK_NAME,
        date_line=date_line(office.place, dossier.received_at),
        dossier_code=code,
        applicant_name=applicant.full_name,
        applicant_address=_or_blank(applicant.address),
        applicant_phone=_or_blank(applicant.phone),
        applicant_email=_or_blank(applicant.email),
        request=dossier.procedure_name,
        documents=documents,
        sets=f"{dossier.sets:02d} bộ",
        processing_time=processing_time_text(processing_time),
        received_time=time_and_date(dossier.received_at),
        appointment=return_time_and_date(dossier.appointment, return_by),
        result_place=place,
        register_book=_or_blank(register_book),
        register_line=BLANK if dossier.register_line is None else str(dossier.register_line),
        fee=fee_text(dossier.fee),
        receiving_officer=_or_blank(dossier.received_by_name),
    )


def build_supplement_request(
    dossier: Dossier,
    office: Office,
    missing: Sequence[MissingDocument],
    *,
    issued_on: dt.date,
    guiding_officer: str,
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> SupplementRequestForm:
    """Mẫu 02 listing, in one go, every document to add or complete and why.

    Raises ``NothingMissing`` for an empty list, ``MissingFormText`` for a document without name or reason.
    """
    _check(dossier, office)
    form = SupplementRequestForm.form_number
    items = tuple(missing)
    if not items:
        raise NothingMissing(form=form)
    lines = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, MissingDocument):
            raise TypeError(f"missing documents are MissingDocument values, not {type(item).__name__}")
        lines.append(
            SupplementLine(
                number=str(i),
                name=_text(item.name, form, f"the name of missing document {i}"),
                reason=_text(item.reason, form, f"the reason for missing document {i}"),
            )
        )
    applicant = dossier.applicant
    return SupplementRequestForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        desk_name=DESK_NAME,
        date_line=date_line(office.place, _issued(issued_on)),
        dossier_code=_code_text(dossier, form, code_pattern, required=False),
        applicant_name=applicant.full_name,
        applicant_address=_or_blank(applicant.address),
        applicant_phone=_or_blank(applicant.phone),
        applicant_email=_or_blank(applicant.email),
        request=dossier.procedure_name,
        items=tuple(lines),
        guiding_officer=guiding_officer.strip(),
        office_phone=_or_blank(office.phone),
    )


def build_refusal(
    dossier: Dossier,
    office: Office,
    *,
    reason: str,
    issued_on: dt.date,
    officer: str,
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> RefusalForm:
    """Mẫu 03 refusing the dossier; raises ``MissingFormText`` for an empty reason."""
    _check(dossier, office)
    form = RefusalForm.form_number
    text = _text(reason, form, "the reason for the refusal")
    applicant = dossier.applicant
    return RefusalForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        desk_name=DESK_NAME,
        date_line=date_line(office.place, _issued(issued_on)),
        dossier_code=_code_text(dossier, form, code_pattern, required=False),
        applicant_name=applicant.full_name,
        applicant_address=_or_blank(applicant.address),
        applicant_phone=_or_blank(applicant.phone),
        applicant_email=_or_blank(applicant.email),
        request=dossier.procedure_name,
        reason=text,
        officer=officer.strip(),
    )


def build_apology(
    dossier: Dossier,
    office: Office,
    *,
    new_date: dt.date,
    reason: str,
    issued_on: dt.date,
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN",
    signer_name: str = "",
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> ApologyForm:
    """Mẫu 04: apology for the delay and the new appointment date.

    Raises ``FormNeedsDossierCode`` / ``FormNeedsAppointment`` without a code / original appointment,
    ``MissingFormText`` for an empty reason and ``NewDateNotLater`` when ``new_date`` is not after the
    original appointment.
    """
    _check(dossier, office)
    form = ApologyForm.form_number
    code = _code_text(dossier, form, code_pattern, required=True)
    if dossier.appointment is None:
        raise FormNeedsAppointment(form=form)
    if isinstance(new_date, dt.datetime) or not isinstance(new_date, dt.date):
        raise TypeError(f"the new appointment date is a date, not {type(new_date).__name__}")
    if new_date <= dossier.appointment:
        raise NewDateNotLater(new_date=new_date.isoformat(), old_date=dossier.appointment.isoformat())
    text = _text(reason, form, "the reason for the delay")
    return ApologyForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        date_line=date_line(office.place, _issued(issued_on)),
        dossier_code=code,
        applicant_name=dossier.applicant.full_name,
        applicant_address=_or_blank(dossier.applicant.address),
        request=dossier.procedure_name,
        received_date=long_date(dossier.received_at),
        original_appointment=long_date(dossier.appointment),
        reason=text,
        new_appointment=long_date(new_date),
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
    )


def build_stop_notice(
    dossier: Dossier,
    office: Office,
    *,
    reason: str,
    issued_on: dt.date,
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN",
    signer_name: str = "",
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> StopNoticeForm:
    """Mẫu 05: notice that processing stopped; raises ``MissingFormText`` for an empty reason."""
    _check(dossier, office)
    form = StopNoticeForm.form_number
    text = _text(reason, form, "the reason for stopping")
    return StopNoticeForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        date_line=date_line(office.place, _issued(issued_on)),
        dossier_code=_code_text(dossier, form, code_pattern, required=False),
        applicant_name=dossier.applicant.full_name,
        applicant_address=_or_blank(dossier.applicant.address),
        request=dossier.procedure_name,
        received_date=long_date(dossier.received_at),
        reason=text,
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
    )


def _control_row(number: int, hand_over: HandOver, dossier: Dossier) -> ControlRow:
    by = hand_over.by
    if by and by == dossier.received_by and dossier.received_by_name:
        by = dossier.received_by_name  # a hand-over recorded with the receiving clerk's login
    return ControlRow(
        number=str(number),
        handed_from=hand_over.from_party,
        handed_to=hand_over.to_party,
        time=time_and_date(hand_over.at),
        by=by,
        due=short_date(hand_over.due) if hand_over.due is not None else "",
        result=HAND_OVER_RESULT_LABELS[HandOverResult(hand_over.result)] if hand_over.result else "",
        note=hand_over.note,
    )


def build_control_sheet(
    dossier: Dossier,
    office: Office,
    *,
    min_rows: int = 4,
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> ControlSheetForm:
    """Mẫu 06: one row per hand-over in time order, padded with blank rows to ``min_rows`` for hand-filling.

    Raises ``FormNeedsDossierCode`` when the dossier has no code.
    """
    _check(dossier, office)
    if isinstance(min_rows, bool) or not isinstance(min_rows, int) or min_rows < 0:
        raise ValueError("min_rows is a whole number, 0 or more")
    form = ControlSheetForm.form_number
    code = _code_text(dossier, form, code_pattern, required=True)
    ordered = sorted(dossier.hand_overs, key=lambda h: vietnam_time(h.at))
    rows = [_control_row(i, h, dossier) for i, h in enumerate(ordered, start=1)]
    rows += [ControlRow(str(i), "", "", "", "", "", "", "") for i in range(len(rows) + 1, min_rows + 1)]
    return ControlSheetForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        desk_name=DESK_NAME,
        dossier_code=code,
        applicant_name=dossier.applicant.full_name,
        request=dossier.procedure_name,
        received_time=time_and_date(dossier.received_at),
        appointment=long_date(dossier.appointment) if dossier.appointment else BLANK,
        rows=tuple(rows),
    )


def _register_row(position: int, dossier: Dossier, pattern: CodePattern | str) -> RegisterRow:
    applicant = dossier.applicant
    contact = "; ".join(part for part in (applicant.address.strip(), applicant.phone.strip()) if part)
    first = min(dossier.hand_overs, key=lambda h: vietnam_time(h.at)) if dossier.hand_overs else None
    return RegisterRow(
        number=str(dossier.register_line if dossier.register_line is not None else position),
        dossier_code=format_code(dossier.code, pattern) if dossier.code else "",
        procedure=dossier.procedure_name,
        sets=str(dossier.sets),
        applicant_name=applicant.full_name,
        applicant_contact=contact,
        handled_by=first.to_party if first else "",
        received=short_date(dossier.received_at),
        appointment=short_date(dossier.appointment) if dossier.appointment else "",
        handed_over=f"{first.to_party}, {short_date(first.at)}" if first else "",
        returned=short_date(dossier.returned_at) if dossier.returned_at else "",
        note="; ".join(dossier.notes),
    )


def build_register(
    dossiers: Iterable[Dossier],
    office: Office,
    *,
    period: str = "",
    code_pattern: CodePattern | str = DEFAULT_PATTERN,
) -> RegisterForm:
    """Mẫu 07: the register book, one row per dossier in register-line order (then by receipt time).

    A dossier without a register line is numbered by its position in the printed list.
    """
    items = list(dossiers)
    for dossier in items:
        _check(dossier, office)
    items.sort(
        key=lambda d: (
            d.register_line is None,
            d.register_line or 0,
            vietnam_time(d.received_at),
            d.dossier_id,
        )
    )
    return RegisterForm(
        agency_parent=office.parent_name,
        agency_name=office.name,
        desk_name=DESK_NAME,
        period=period.strip(),
        rows=tuple(_register_row(i, d, code_pattern) for i, d in enumerate(items, start=1)),
    )
