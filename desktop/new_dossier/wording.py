"""The words the new-dossier screen shows for rules and results: processing time, fee rule, appointment,
scan errors. Translated through Qt (context ``NewDossier``); holiday names come from the calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from desktop.language import is_vietnamese
from dossiers.appointments import Appointment, Reason, ReasonCode
from dossiers.errors import CitizenIdError, QrParseError
from dossiers.fees import FeeBasis, FeeRule, FixedFee, Free, PerPageFee, ProvinceSetFee, format_vnd
from dossiers.processing_time import ProcessingTime, TimeKind
from dossiers.working_calendar import OffDay, OffKind

CONTEXT = "NewDossier"


def vietnamese() -> bool:
    return is_vietnamese()


def weekday_name(day: dt.date) -> str:
    names = (
        QCoreApplication.translate("NewDossier", "Monday"),
        QCoreApplication.translate("NewDossier", "Tuesday"),
        QCoreApplication.translate("NewDossier", "Wednesday"),
        QCoreApplication.translate("NewDossier", "Thursday"),
        QCoreApplication.translate("NewDossier", "Friday"),
        QCoreApplication.translate("NewDossier", "Saturday"),
        QCoreApplication.translate("NewDossier", "Sunday"),
    )
    return names[day.weekday()]


def short_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def processing_time_words(rule: ProcessingTime) -> str:
    """``Same day (received from 15:00 on: the next working day)`` or ``5 working days``."""
    if rule.kind is TimeKind.SAME_DAY:
        if rule.cutoff is None:
            return QCoreApplication.translate("NewDossier", "Same working day")
        return QCoreApplication.translate(
            "NewDossier", "Same working day (received from {time} on: the next working day)"
        ).format(time=_time(rule.cutoff))
    text = QCoreApplication.translate("NewDossier", "%n working day(s)", None, rule.working_days)
    if rule.receipt_day_counts:
        text += QCoreApplication.translate("NewDossier", ", the day of receipt counted")
    return text


def fee_rule_words(rule: FeeRule) -> str:
    """The fee rule in words (what the citizen pays and what for)."""
    match rule:
        case Free():
            return QCoreApplication.translate("NewDossier", "No fee")
        case FixedFee(amount=amount, per=per):
            if per is FeeBasis.PER_COPY:
                return QCoreApplication.translate("NewDossier", "{amount} per copy").format(
                    amount=format_vnd(amount)
                )
            return QCoreApplication.translate("NewDossier", "{amount} per dossier").format(
                amount=format_vnd(amount)
            )
        case PerPageFee(tiers=tiers, cap_per_copy=cap):
            parts = [
                QCoreApplication.translate("NewDossier", "{price} per page from page {page}").format(
                    price=format_vnd(t.price), page=t.from_page
                )
                for t in tiers
            ]
            text = "; ".join(parts)
            if cap is not None:
                text += QCoreApplication.translate("NewDossier", " (at most {cap} per copy)").format(
                    cap=format_vnd(cap)
                )
            return text
        case ProvinceSetFee(note=note):
            text = QCoreApplication.translate("NewDossier", "Set by the province")
            return f"{text}: {note}" if note else text
    return ""


def _run_name(days: list[OffDay]) -> str:
    names = [(d.name_vi if vietnamese() else (d.name_en or d.name_vi)) or "" for d in days]
    shortest = min(names, key=len)
    if shortest and all(shortest in name for name in names):
        return shortest
    return ", ".join(dict.fromkeys(n for n in names if n))


def _span(first: dt.date, last: dt.date) -> str:
    if first == last:
        return f"{first.day:02d}/{first.month:02d}"
    if first.month == last.month:
        return f"{first.day:02d}–{last.day:02d}/{last.month:02d}"
    return f"{first.day:02d}/{first.month:02d}–{last.day:02d}/{last.month:02d}"


def _holiday_runs(reasons: tuple[Reason, ...]) -> list[tuple[str, dt.date, dt.date]]:
    runs: list[list[OffDay]] = []
    for reason in reasons:
        off = reason.off
        if reason.code is not ReasonCode.DAY_SKIPPED or off is None or off.kind is OffKind.WEEKLY_REST:
            continue
        if runs and (off.day - runs[-1][-1].day).days == 1 and off.kind is runs[-1][-1].kind:
            runs[-1].append(off)
        else:
            runs.append([off])
    return [(_run_name(run), run[0].day, run[-1].day) for run in runs]


def reason_words(appointment: Appointment) -> list[str]:
    """Why the appointment falls where it does, one short phrase per reason (cut-off, holidays, weekend)."""
    words: list[str] = []
    for reason in appointment.reasons:
        if reason.code is ReasonCode.AFTER_CUTOFF and reason.limit is not None:
            words.append(
                QCoreApplication.translate("NewDossier", "received after {time}").format(
                    time=_time(reason.limit)
                )
            )
        elif reason.code is ReasonCode.AFTER_CLOSING and reason.limit is not None:
            words.append(
                QCoreApplication.translate("NewDossier", "received after closing time ({time})").format(
                    time=_time(reason.limit)
                )
            )
        elif reason.code is ReasonCode.RECEIVED_ON_DAY_OFF:
            words.append(QCoreApplication.translate("NewDossier", "received on a day off"))
    for name, first, last in _holiday_runs(appointment.reasons):
        words.append(
            QCoreApplication.translate("NewDossier", "{holiday} holiday {days}").format(
                holiday=name, days=_span(first, last)
            )
        )
    skipped = [r for r in appointment.reasons if r.code is ReasonCode.DAY_SKIPPED and r.off is not None]
    if any(r.off.kind is OffKind.WEEKLY_REST for r in skipped if r.off is not None):
        words.append(QCoreApplication.translate("NewDossier", "weekend"))
    if any(r.code is ReasonCode.MAKE_UP_DAY_COUNTED for r in appointment.reasons):
        words.append(QCoreApplication.translate("NewDossier", "a make-up working day counted"))
    return words


def appointment_words(appointment: Appointment) -> str:
    """``Appointment: Monday 23/02/2026 — received after 15:00; Lunar New Year holiday 16–20/02; weekend``."""
    due = appointment.due
    text = QCoreApplication.translate("NewDossier", "Appointment: {weekday} {date}").format(
        weekday=weekday_name(due), date=short_date(due)
    )
    reasons = reason_words(appointment)
    return f"{text} — {'; '.join(reasons)}" if reasons else text


def qr_field_name(field: str) -> str:
    names = {
        "text": QCoreApplication.translate("NewDossier", "the scanned text"),
        "id_number": QCoreApplication.translate("NewDossier", "the ID number"),
        "old_id": QCoreApplication.translate("NewDossier", "the old ID number"),
        "full_name": QCoreApplication.translate("NewDossier", "the full name"),
        "birth_date": QCoreApplication.translate("NewDossier", "the birth date"),
        "sex": QCoreApplication.translate("NewDossier", "the sex"),
        "address": QCoreApplication.translate("NewDossier", "the permanent address"),
        "issue_date": QCoreApplication.translate("NewDossier", "the issue date"),
    }
    return names.get(field, QCoreApplication.translate("NewDossier", "the scanned text"))


def qr_problem_words(problem: str) -> str:
    problems = {
        "empty": QCoreApplication.translate("NewDossier", "nothing was scanned"),
        "several_lines": QCoreApplication.translate(
            "NewDossier", "two scans ran together: scan one card at a time"
        ),
        "no_separator": QCoreApplication.translate("NewDossier", "this is not the QR code of a chip ID card"),
        "trailing_separators": QCoreApplication.translate(
            "NewDossier", "the text ends with extra separators"
        ),
        "extra_field": QCoreApplication.translate("NewDossier", "the text has a field too many"),
        "missing": QCoreApplication.translate("NewDossier", "it is missing (the scan is incomplete)"),
        "not_ddmmyyyy": QCoreApplication.translate("NewDossier", "it must be 8 digits, DDMMYYYY"),
        "not_a_date": QCoreApplication.translate("NewDossier", "it is not a real date"),
        "in_future": QCoreApplication.translate("NewDossier", "it is after today"),
        "before_birth": QCoreApplication.translate("NewDossier", "it is not after the birth date"),
        "not_a_sex": QCoreApplication.translate("NewDossier", "it must be Nam or Nữ"),
        "not_a_name": QCoreApplication.translate("NewDossier", "it contains characters other than letters"),
        "no_letters": QCoreApplication.translate("NewDossier", "it has no letters"),
        "control_characters": QCoreApplication.translate("NewDossier", "it contains unreadable characters"),
        "length": QCoreApplication.translate("NewDossier", "it has the wrong number of digits"),
        "not_digits": QCoreApplication.translate("NewDossier", "it may contain only digits"),
        "unknown_place": QCoreApplication.translate(
            "NewDossier", "its first three digits are not a known place"
        ),
        "inconsistent": QCoreApplication.translate(
            "NewDossier", "it does not agree with the birth date or sex"
        ),
    }
    return problems.get(problem, QCoreApplication.translate("NewDossier", "it is not valid"))


def qr_error_words(error: QrParseError) -> str:
    """``Scan not used: the birth date is not a real date. Nothing was changed; scan again or type.``"""
    field = str(error.params.get("field", "text"))
    problem = str(error.params.get("problem", ""))
    return QCoreApplication.translate(
        "NewDossier", "Scan not used: {field}: {problem}. Nothing was changed; scan the card again or type."
    ).format(field=qr_field_name(field), problem=qr_problem_words(problem))


def citizen_id_words(error: CitizenIdError) -> str:
    """The ID number's problem in words, without repeating the number."""
    problem = error.params.get("problem", "")
    if problem == "inconsistent":
        mismatches = error.params.get("mismatches", ())
        parts = []
        if "sex" in mismatches:
            parts.append(QCoreApplication.translate("NewDossier", "its 4th digit says a different sex"))
        if "century" in mismatches or "year" in mismatches:
            parts.append(
                QCoreApplication.translate("NewDossier", "its 4th–6th digits say born in {year}").format(
                    year=error.params.get("id_birth_year")
                )
            )
        return QCoreApplication.translate(
            "NewDossier", "The ID number does not match the birth date or sex: {detail}."
        ).format(detail="; ".join(parts))
    if problem == "length":
        return QCoreApplication.translate(
            "NewDossier", "The ID number must have 12 digits; this one has {n}."
        ).format(n=error.params.get("length"))
    if problem == "not_digits":
        return QCoreApplication.translate("NewDossier", "The ID number may contain only the digits 0–9.")
    if problem == "unknown_place":
        return QCoreApplication.translate(
            "NewDossier",
            "The first three digits of the ID number are not a known place of birth registration.",
        )
    return QCoreApplication.translate("NewDossier", "The ID number is empty.")
