"""Dossiers in the national portal's shape (docs/domain.md, "Reporting to the national portal").

**The shape is unconfirmed**: it follows what public provincial integration code sends to the National Public
Service Portal (Vietnamese key names, dates as ``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh). All of the mapping
lives in this module so a confirmed specification changes one place:

====================== ==========================================================================
portal key             from
====================== ==========================================================================
MaHoSo                 ``code`` (the dossier code printed on the receipt)
MaTTHC, TenTTHC        ``procedure_code``, ``procedure_name``
MaLinhVuc, TenLinhVuc  the procedure's sector in the newest published catalogue (no sector code yet)
KenhThucHien           ``channel`` (1 in person, 2 online, 3 post)
ChuHoSo, LoaiDoiTuong  ``applicant_name``; 1 (a citizen: the desks receive citizens' dossiers)
SoDienThoai, Email,    ``applicant_phone``, ``applicant_email``, ``applicant_address``
DiaChi
TrichYeuHoSo           the procedure name (the desk keeps no separate summary)
NgayTiepNhan           ``received_at``
NgayHenTra             ``appointment`` (a date: sent as its last second, 23:59:59: a result returned on
                       the appointment day, at any hour, is on time, and a same-day appointment never
                       comes before the reception time)
TrangThaiHoSo          the status number (``dossiers.lifecycle.Status``)
NgayTra                ``returned_at``
TaiLieuNop             ``documents`` (name, count, form; no catalogue component code yet)
DanhSachLePhi          ``fee`` (one line when the fee is not zero)
DanhSachHoSoBoSung     ``requests`` of kind supplement (who asked, what, when)
DanhSachGiayToKetQua   empty: result documents are not recorded yet
TienDoXuLy             every status change: who (NguoiXuLy: the writer's login, or ``received_by_name``,
                       the full name the desk recorded at reception, for the receiving clerk), side
                       (ChucDanh, PhongBanXuLy), when, action, status, start and statutory end (the
                       appointment)
====================== ==========================================================================
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from dossiers.catalogue import Catalogue, parse_catalogue
from dossiers.dossier_record import RECORD_TYPE_NAME, received_documents, transition_of
from dossiers.errors import DossierError
from dossiers.lifecycle import INITIAL_STATUS, Actor, Status, rule_for
from dossiers.vietnam_time import VIETNAM_TIME, vietnam_time
from server.catalogues import latest_catalogue
from server.storage.interface import ServerStorage
from server.sync_replica import ServerReplica
from sync.change_events import thaw
from sync.record_merge import RecordState

"""Vietnam keeps +07:00 all year (no daylight saving)."""
PORTAL_TIME_FORMAT = "%Y%m%d%H%M%S"
CITIZEN = 1


END_OF_DAY = dt.time(23, 59, 59)


def portal_time(value: Any) -> str | None:
    """A time or date (object or ISO text) as ``yyyyMMddHHmmss`` in Vietnam time; ``None`` stays ``None``.

    A time without a zone is taken as Vietnam time; a date as its midnight."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):
        moment = vietnam_time(value)
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time(), VIETNAM_TIME)
    else:
        raise TypeError(f"a portal time is made from a date or time, not {type(value).__name__}")
    return moment.strftime(PORTAL_TIME_FORMAT)


def portal_deadline(value: Any) -> str | None:
    """An appointment (a date, or a time) as a portal time: a date stands for the whole day, so it is sent as
    its last second (``dossiers.appointments``: returned on the appointment day at any hour is on time)."""
    if isinstance(value, str) and value and "T" not in value and " " not in value:
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, END_OF_DAY, VIETNAM_TIME).strftime(PORTAL_TIME_FORMAT)
    return portal_time(value)


def _sector(catalogue: Catalogue | None, code: Any) -> str | None:
    if catalogue is None or not isinstance(code, str) or code not in catalogue:
        return None
    return catalogue.get(code).sector


def _names(state: RecordState) -> dict[str, str]:
    """Full names by login, as far as the dossier carries them (the server keeps no list of clerks)."""
    login, name = state.get("received_by"), state.get("received_by_name")
    if isinstance(login, str) and isinstance(name, str) and login and name.strip():
        return {login: name.strip()}
    return {}


def _progress(state: RecordState) -> list[dict[str, Any]]:
    updates = []
    appointment = portal_deadline(state.get("appointment"))
    names = _names(state)
    for event in state.history:
        raw = event.fields.get("status")
        if raw is None:
            continue
        try:
            move = transition_of(thaw(raw))
        except ValueError:
            continue
        rule = rule_for(move.source, move.target)
        when = portal_time(event.device_time)
        updates.append(
            {
                "NguoiXuLy": names.get(event.author, event.author),
                "ChucDanh": move.actor.label_vi,
                "ThoiDiemXuLy": when,
                "PhongBanXuLy": Actor(move.actor).label_vi,
                "NoiDungXuLy": rule.action.label_vi if rule is not None else "",
                "TrangThai": move.target.number,
                "NgayBatDau": when,
                "NgayKetThucTheoQuyDinh": appointment,
            }
        )
    return updates


def _supplements(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = []
    for request in values.get("requests", ()):
        if not isinstance(request, Mapping):
            continue
        if request.get("kind") != "supplement" and request.get("form") != "Mẫu 02":
            continue
        items = request.get("items") or request.get("missing") or ()
        names = [str(item.get("name", "")) for item in items if isinstance(item, Mapping)]
        found.append(
            {
                "NguoiYeuCauBoSung": request.get("by"),
                "NoiDungBoSung": "; ".join(names),
                "NgayBoSung": portal_time(request.get("at")),
                "NgayHenTraTruoc": portal_deadline(values.get("appointment")),
                "NgayHenTraMoi": None,
            }
        )
    return found


def portal_dossier(state: RecordState, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """One dossier in the portal's shape (see the module docstring for the mapping)."""
    values = thaw(state.values)
    try:
        status = Status(values.get("status", INITIAL_STATUS.value))
    except ValueError:
        status = INITIAL_STATUS
    fee = values.get("fee") or 0
    sector = _sector(catalogue, values.get("procedure_code"))
    return {
        "MaHoSo": values.get("code"),
        "MaTTHC": values.get("procedure_code"),
        "TenTTHC": values.get("procedure_name"),
        "MaLinhVuc": None,
        "TenLinhVuc": sector,
        "KenhThucHien": int(values.get("channel", "1")) if str(values.get("channel", "1")).isdigit() else 1,
        "ChuHoSo": values.get("applicant_name"),
        "LoaiDoiTuong": CITIZEN,
        "SoDienThoai": values.get("applicant_phone"),
        "Email": values.get("applicant_email"),
        "DiaChi": values.get("applicant_address"),
        "TrichYeuHoSo": values.get("procedure_name"),
        "NgayTiepNhan": portal_time(values.get("received_at")),
        "NgayHenTra": portal_deadline(values.get("appointment")),
        "TrangThaiHoSo": status.number,
        "NgayTra": portal_time(values.get("returned_at")),
        "TaiLieuNop": [
            {
                "TenTepDinhKem": document.get("name"),
                "MaThanhPhanHoSo": None,
                "SoLuong": document.get("count", 1),
                "HinhThuc": document.get("form"),
            }
            for document in received_documents(values)
            if isinstance(document, Mapping)
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": fee}] if fee else [],
        "DanhSachHoSoBoSung": _supplements(values),
        "DanhSachGiayToKetQua": [],
        "TienDoXuLy": _progress(state),
    }


def _changed_since(state: RecordState, since: dt.datetime) -> bool:
    return any(event.device_time >= since for event in state.history)


def export_portal(storage: ServerStorage, replica: ServerReplica, since: dt.date) -> list[dict[str, Any]]:
    """The commune's dossiers changed on or after ``since`` (Vietnam time, by the writers' clocks)."""
    published = latest_catalogue(storage)
    catalogue = None
    if published is not None:
        try:
            catalogue = parse_catalogue(published.body)
        except DossierError:
            catalogue = None
    start = dt.datetime.combine(since, dt.time(), VIETNAM_TIME)
    return [
        portal_dossier(state, catalogue)
        for state in replica.records(RECORD_TYPE_NAME)
        if _changed_since(state, start)
    ]


def portal_json(dossiers: list[dict[str, Any]]) -> str:
    """The export file's text (UTF-8 JSON, Vietnamese kept readable)."""
    return json.dumps(dossiers, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
