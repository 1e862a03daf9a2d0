"""A dossier's fields and values in words, in the desk's language: for the timeline and the conflict dialog.

Status labels come from ``dossiers.lifecycle`` (Vietnamese or English by the current ``QLocale``); field names
and other words through Qt's translation system (context ``DossierWords``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.language import is_vietnamese
from dossiers.appointments import vietnam_time
from dossiers.dossier_record import PROVINCE_SIDE, transition_of
from dossiers.fees import format_vnd
from dossiers.lifecycle import Status
from sync.change_events import ChangeEvent, thaw

ARROW = "→"


def vietnamese() -> bool:
    """Whether the desk currently speaks Vietnamese (the language switcher sets the default locale)."""
    return is_vietnamese()


def status_label(status: Status | str) -> str:
    """The status's national label in the desk's language."""
    status = Status(status)
    return status.label_vi if vietnamese() else status.label_en.capitalize()


def field_label(name: str) -> str:
    """The name of a dossier field as a clerk says it (the raw name for a field this desk does not know)."""
    labels = {
        "commune": QCoreApplication.translate("DossierWords", "Commune"),
        "procedure_code": QCoreApplication.translate("DossierWords", "Procedure code"),
        "procedure_name": QCoreApplication.translate("DossierWords", "Procedure"),
        "applicant_name": QCoreApplication.translate("DossierWords", "Applicant"),
        "applicant_birth_date": QCoreApplication.translate("DossierWords", "Date of birth"),
        "applicant_sex": QCoreApplication.translate("DossierWords", "Sex"),
        "applicant_id_number": QCoreApplication.translate("DossierWords", "ID number"),
        "applicant_address": QCoreApplication.translate("DossierWords", "Address"),
        "applicant_phone": QCoreApplication.translate("DossierWords", "Phone number"),
        "applicant_email": QCoreApplication.translate("DossierWords", "Email"),
        "channel": QCoreApplication.translate("DossierWords", "Channel"),
        "received_at": QCoreApplication.translate("DossierWords", "Received"),
        "received_by": QCoreApplication.translate("DossierWords", "Received by"),
        "code": QCoreApplication.translate("DossierWords", "Dossier code"),
        "appointment": QCoreApplication.translate("DossierWords", "Appointment"),
        "sets": QCoreApplication.translate("DossierWords", "Sets"),
        "fee": QCoreApplication.translate("DossierWords", "Fee"),
        "delivery": QCoreApplication.translate("DossierWords", "Result delivery"),
        "register_line": QCoreApplication.translate("DossierWords", "Register line"),
        "returned_at": QCoreApplication.translate("DossierWords", "Result returned"),
        "documents": QCoreApplication.translate("DossierWords", "Documents"),
        "corrected_documents": QCoreApplication.translate("DossierWords", "Documents"),
        "corrections": QCoreApplication.translate("DossierWords", "Correction"),
        "attachments": QCoreApplication.translate("DossierWords", "Attachments"),
        "hand_overs": QCoreApplication.translate("DossierWords", "Hand-over"),
        "notes": QCoreApplication.translate("DossierWords", "Note"),
        "requests": QCoreApplication.translate("DossierWords", "Request"),
        "status": QCoreApplication.translate("DossierWords", "Status"),
        "province_decision": QCoreApplication.translate("DossierWords", "Province's decision"),
    }
    return labels.get(name, name)


def short_date(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def device_time_text(value: dt.datetime) -> str:
    """``13/02/2026 09:30`` in Vietnamese time: a writer's device clock (information, not proof)."""
    local = vietnam_time(value)
    return f"{short_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def transition_text(value: Any) -> str:
    """A recorded status change in words: ``Đã tiếp nhận → Đang xử lý``."""
    try:
        move = transition_of(value)
    except (ValueError, KeyError):
        return str(value)
    return f"{status_label(move.source)} {ARROW} {status_label(move.target)}"


def value_text(field: str, value: Any) -> str:
    """One field's value in words."""
    value = thaw(value)
    if value is None or value == "":
        return QCoreApplication.translate("DossierWords", "(empty)")
    if field == "status":
        return transition_text(value) if isinstance(value, Mapping) else status_label(value)
    if field == "fee" and isinstance(value, int):
        return format_vnd(value)
    if field in ("appointment", "applicant_birth_date") and isinstance(value, str):
        try:
            return short_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if field in ("received_at", "returned_at") and isinstance(value, str):
        try:
            return device_time_text(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    if field == "corrected_documents" and isinstance(value, Mapping):
        return value_text("documents", value.get("documents", []))
    if field == "applicant_sex":
        return {
            "male": QCoreApplication.translate("DossierWords", "male"),
            "female": QCoreApplication.translate("DossierWords", "female"),
        }.get(value, str(value))
    if isinstance(value, list):
        return "; ".join(value_text(field, item) for item in value)
    if isinstance(value, Mapping):
        return _item_text(field, value)
    return str(value)


def _item_text(field: str, item: Mapping[str, Any]) -> str:
    if field == "hand_overs":
        return f"{item.get('from', '')} {ARROW} {item.get('to', '')}"
    if field == "documents":
        return f"{item.get('name', '')} ({item.get('count', 1)})"
    if field == "attachments":
        return str(item.get("name") or item.get("sha256", ""))[:80]
    if field == "requests":
        names = [entry.get("name", "") for entry in item.get("items", ()) if isinstance(entry, Mapping)]
        return ", ".join(names) or str(item.get("form", ""))
    return ", ".join(f"{key}: {item[key]}" for key in sorted(item))


def change_lines(event: ChangeEvent, before: Mapping[str, Any]) -> list[str]:
    """What ``event`` changed, one line per field; ``before`` holds each register field's earlier value."""
    lines = []
    names = sorted(event.fields, key=_field_order)
    if "received_at" in event.fields:  # the dossier's first event: the essentials, not every field
        names = [name for name in names if name in RECEIVED_SUMMARY]
    for field in names:
        new = event.fields[field]
        label = field_label(field)
        if field == CORRECTIONS:
            lines[:0] = [correction_text(entry) for entry in thaw(new) if isinstance(entry, Mapping)]
        elif field == "status":
            lines.append(f"{label}: {value_text(field, new)}")
        elif field in ("documents", "attachments", "hand_overs", "notes", "requests"):
            lines.append(f"{label}: + {value_text(field, new)}")
        elif field in before and before[field] != new:
            lines.append(f"{label}: {value_text(field, before[field])} {ARROW} {value_text(field, new)}")
        else:
            lines.append(f"{label}: {value_text(field, new)}")
    return lines


CORRECTIONS = "corrections"


def correction_text(entry: Mapping[str, Any]) -> str:
    """``Corrected: Address, Phone number — reason: …`` for one entry of the dossier's corrections log."""
    fields = ", ".join(field_label(str(name)) for name in entry.get("fields", ()))
    return (
        QCoreApplication.translate("DossierWords", "Corrected: %1 — reason: %2")
        .replace("%1", fields)
        .replace("%2", str(entry.get("reason", "")))
    )


RECEIVED_SUMMARY = ("status", "code", "procedure_name", "applicant_name", "appointment", "fee", "documents")
"""What the timeline shows of the event that received a dossier (its other fields are on the page)."""

_ORDER = ("status", "code", "procedure_name", "applicant_name", "appointment", "fee")


def _field_order(field: str) -> tuple[int, str]:
    return (_ORDER.index(field) if field in _ORDER else len(_ORDER), field)


def replica_text(side: str, replica_id: str, own_replica_id: str) -> str:
    """Where a write was made: this workstation, the province, or another desk."""
    if replica_id == own_replica_id:
        return QCoreApplication.translate("DossierWords", "this workstation")
    if side == PROVINCE_SIDE:
        return QCoreApplication.translate("DossierWords", "province")
    return QCoreApplication.translate("DossierWords", "another desk (%1)").replace("%1", replica_id[:8])
