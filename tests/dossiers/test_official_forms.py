"""The seven official forms as data: what each prints, and the inputs each refuses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.dossier import (
    Applicant,
    HandOverResult,
    ResultDelivery,
)
from dossiers.errors import (
    DossierError,
    FormNeedsAppointment,
    FormNeedsDossierCode,
    MissingFormText,
    NewDateNotLater,
    NothingMissing,
    OfficialFormError,
)
from dossiers.lifecycle import Status
from dossiers.official_forms import (
    BLANK,
    DESK_NAME,
    FORM_TYPES,
    NO_BREAK_SPACE,
    RECEIPT_COPIES,
    MissingDocument,
    build_apology,
    build_control_sheet,
    build_receipt,
    build_refusal,
    build_register,
    build_stop_notice,
    build_supplement_request,
    date_line,
    fee_text,
    header_text,
    long_date,
    processing_time_text,
    short_date,
    time_and_date,
)
from dossiers.processing_time import ProcessingTime
from tests.helpers.form_dossiers import NAME, OFFICE, hand_over, make_dossier

# --- Wording ---


def test_dates_are_worded_the_vietnamese_way() -> None:
    assert long_date(dt.date(2026, 2, 3)) == "ngày 03 tháng 02 năm 2026"
    assert date_line(" Tân Hòa ", dt.date(2026, 2, 13)) == "Tân Hòa, ngày 13 tháng 02 năm 2026"
    assert short_date(dt.date(2026, 12, 1)) == "01/12/2026"
    assert time_and_date(dt.datetime(2026, 2, 13, 9, 5)) == "09 giờ 05 phút, ngày 13 tháng 02 năm 2026"


def test_aware_times_are_printed_in_vietnamese_time() -> None:
    utc = dt.datetime(2026, 2, 12, 23, 30, tzinfo=dt.UTC)  # 06:30 on the 13th in Vietnam
    assert time_and_date(utc) == "06 giờ 30 phút, ngày 13 tháng 02 năm 2026"
    assert long_date(utc) == "ngày 13 tháng 02 năm 2026"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_long_date_reads_back_as_the_same_date(day: dt.date) -> None:
    match = re.fullmatch(r"ngày (\d{2}) tháng (\d{2}) năm (\d{4})", long_date(day))
    assert match is not None
    assert dt.date(int(match[3]), int(match[2]), int(match[1])) == day


def test_dates_refuse_other_types() -> None:
    with pytest.raises(TypeError):
        long_date("2026-02-13")  # type: ignore[arg-type]


def test_processing_time_and_fee_wording() -> None:
    assert processing_time_text(ProcessingTime.days(5)) == "05 ngày làm việc"
    same_day = processing_time_text(ProcessingTime.same_day())
    assert same_day.startswith("Trong ngày làm việc") and "15 giờ 00" in same_day
    assert (
        processing_time_text(ProcessingTime(ProcessingTime.same_day().kind, 0, None)) == "Trong ngày làm việc"
    )
    assert fee_text(0) == "Không thu"
    assert fee_text(1_250_000) == "1.250.000 đ"


# --- Mẫu 01 ---


def test_receipt_prints_everything_real_systems_print() -> None:
    form = build_receipt(
        make_dossier(),
        OFFICE,
        processing_time=ProcessingTime.days(5),
        register_book="01/2026",
        return_by=dt.time(16, 30),
    )
    assert form.form_number == "Mẫu 01"
    assert (form.agency_parent, form.agency_name, form.desk_name) == (
        OFFICE.parent_name,
        OFFICE.name,
        DESK_NAME,
    )
    assert form.date_line == "Tân Hòa, ngày 13 tháng 02 năm 2026"
    assert form.dossier_code == "000.00.01.H22-260213-0042"
    assert (form.applicant_name, form.applicant_phone, form.applicant_email) == (
        NAME,
        "0912 345 678",
        "d@example.vn",
    )
    assert form.request == "Đăng ký khai sinh"
    assert [(d.number, d.form, d.count, d.note) for d in form.documents] == [
        ("1", "Bản chính", "01 bản", ""),
        ("2", "Bản sao có chứng thực", "02 bản", "đối chiếu"),
    ]
    assert form.sets == "01 bộ"
    assert form.processing_time == "05 ngày làm việc"
    assert form.received_time == "09 giờ 05 phút, ngày 13 tháng 02 năm 2026"
    assert form.appointment == "16 giờ 30 phút, ngày 20 tháng 02 năm 2026"  # item 5: "… giờ … phút"
    assert OFFICE.name in form.result_place
    assert (form.register_book, form.register_line) == ("01/2026", "128")
    assert form.fee == "8.000 đ"
    assert form.receiving_officer == "Trần Thị Hạnh"
    assert form.copies == RECEIPT_COPIES and len(form.copies) == 2


def test_receipt_blanks_and_post_delivery() -> None:
    dossier = make_dossier(
        applicant=Applicant(NAME), register_line=None, delivery=ResultDelivery.POST, fee=0, documents=()
    )
    form = build_receipt(dossier, OFFICE, processing_time=ProcessingTime.same_day())
    assert form.applicant_address == form.applicant_phone == form.applicant_email == BLANK
    assert form.register_book == form.register_line == BLANK
    assert "bưu chính" in form.result_place
    assert form.fee == "Không thu"
    assert form.documents == ()
    assert form.appointment == "...... giờ ...... phút, ngày 20 tháng 02 năm 2026"  # the hour written by hand


def test_receipt_prints_the_receiving_clerks_full_name_never_her_login() -> None:
    form = build_receipt(make_dossier(), OFFICE, processing_time=ProcessingTime.same_day())
    assert form.receiving_officer == "Trần Thị Hạnh"
    before_names = make_dossier(received_by="lan.nguyen", received_by_name="")  # received before names
    form = build_receipt(before_names, OFFICE, processing_time=ProcessingTime.same_day())
    assert form.receiving_officer == BLANK  # written by hand, not "lan.nguyen"


def test_control_sheet_names_the_receiving_clerk_of_a_hand_over_recorded_with_her_login() -> None:
    by_login = dataclasses.replace(hand_over(14, 9), by="hanh.tran")
    by_name = dataclasses.replace(hand_over(15, 9), by="Lê Văn Nam")
    form = build_control_sheet(make_dossier(hand_overs=(by_login, by_name)), OFFICE)
    assert [row.by for row in form.rows[:2]] == ["Trần Thị Hạnh", "Lê Văn Nam"]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Ủy ban nhân dân phường Bến Thành", ["Ủy ban nhân dân", "phường Bến Thành"]),
        (
            "Trung tâm Phục vụ hành chính công xã Tân Hòa",
            ["Trung tâm Phục vụ", "hành chính công", "xã Tân Hòa"],
        ),
        ("UBND  thị trấn Long Thành", ["UBND", "thị trấn Long Thành"]),
        ("Sở Tư pháp", ["Sở Tư pháp"]),
    ],
)
def test_header_lines_keep_the_communes_name_whole(name: str, lines: list[str]) -> None:
    text = header_text(name)
    assert text.split("\n") == [line.replace(" ", NO_BREAK_SPACE) for line in lines]
    assert " " not in text  # the printer finds no place of its own to break a line


def test_receipt_uses_the_configured_code_pattern() -> None:
    form = build_receipt(
        make_dossier(),
        OFFICE,
        processing_time=ProcessingTime.days(1),
        code_pattern="{agency}/{date:%Y%m%d}/{seq:05d}",
    )
    assert form.dossier_code == "000.00.01.H22/20260213/00042"


def test_receipt_needs_a_code_and_an_appointment() -> None:
    with pytest.raises(FormNeedsDossierCode) as caught:
        build_receipt(make_dossier(code=None), OFFICE, processing_time=ProcessingTime.days(1))
    assert "Mẫu 01" in str(caught.value) and NAME not in str(caught.value)
    with pytest.raises(FormNeedsAppointment):
        build_receipt(make_dossier(appointment=None), OFFICE, processing_time=ProcessingTime.days(1))


def test_builders_refuse_wrong_types() -> None:
    with pytest.raises(TypeError):
        build_receipt(object(), OFFICE, processing_time=ProcessingTime.days(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        build_receipt(make_dossier(), "office", processing_time=ProcessingTime.days(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        build_refusal(make_dossier(), OFFICE, reason="x", issued_on=dt.datetime(2026, 2, 13), officer="")
    with pytest.raises(TypeError):
        build_supplement_request(
            make_dossier(), OFFICE, ["Tờ khai"], issued_on=dt.date(2026, 2, 13), guiding_officer=""
        )  # type: ignore[list-item]


# --- Mẫu 02 ---


def test_supplement_request_lists_everything_missing_with_reasons() -> None:
    missing = [
        MissingDocument("Giấy chứng sinh", "Bản chụp không rõ chữ"),
        MissingDocument(" Tờ khai ", " Thiếu chữ ký "),
    ]
    form = build_supplement_request(
        make_dossier(code=None, status=Status.NEW),
        OFFICE,
        missing,
        issued_on=dt.date(2026, 2, 13),
        guiding_officer="Trần Thị Hạnh",
    )
    assert [(i.number, i.name, i.reason) for i in form.items] == [
        ("1", "Giấy chứng sinh", "Bản chụp không rõ chữ"),
        ("2", "Tờ khai", "Thiếu chữ ký"),
    ]
    assert form.dossier_code == ""  # asked before the dossier was accepted: no code yet
    assert form.office_phone == OFFICE.phone and form.guiding_officer == "Trần Thị Hạnh"
    assert form.date_line == "Tân Hòa, ngày 13 tháng 02 năm 2026"


def test_supplement_request_refuses_an_empty_list_and_blank_lines() -> None:
    kwargs = {"issued_on": dt.date(2026, 2, 13), "guiding_officer": "x"}
    with pytest.raises(NothingMissing):
        build_supplement_request(make_dossier(), OFFICE, [], **kwargs)
    with pytest.raises(MissingFormText, match="reason for missing document 2"):
        build_supplement_request(
            make_dossier(), OFFICE, [MissingDocument("a", "b"), MissingDocument("c", "  ")], **kwargs
        )
    with pytest.raises(MissingFormText, match="name of missing document 1"):
        build_supplement_request(make_dossier(), OFFICE, [MissingDocument("", "b")], **kwargs)


# --- Mẫu 03, 04, 05 ---


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_refusal_and_stop_need_a_reason(reason: str) -> None:
    with pytest.raises(MissingFormText) as caught:
        build_refusal(make_dossier(), OFFICE, reason=reason, issued_on=dt.date(2026, 2, 13), officer="x")
    assert "Mẫu 03" in str(caught.value)
    with pytest.raises(MissingFormText) as caught:
        build_stop_notice(make_dossier(), OFFICE, reason=reason, issued_on=dt.date(2026, 2, 13))
    assert "Mẫu 05" in str(caught.value)


def test_refusal_and_stop_print_the_reason() -> None:
    refusal = build_refusal(
        make_dossier(),
        OFFICE,
        reason=" Không thuộc thẩm quyền. ",
        issued_on=dt.date(2026, 2, 14),
        officer=" Hạnh ",
    )
    assert (refusal.reason, refusal.officer, refusal.form_number) == (
        "Không thuộc thẩm quyền.",
        "Hạnh",
        "Mẫu 03",
    )
    assert refusal.date_line.endswith("ngày 14 tháng 02 năm 2026")
    stop = build_stop_notice(
        make_dossier(code=None), OFFICE, reason="Công dân đề nghị dừng.", issued_on=dt.date(2026, 2, 16)
    )
    assert (stop.reason, stop.dossier_code, stop.received_date) == (
        "Công dân đề nghị dừng.",
        "",
        "ngày 13 tháng 02 năm 2026",
    )


def test_apology_prints_old_and_new_dates() -> None:
    form = build_apology(
        make_dossier(),
        OFFICE,
        new_date=dt.date(2026, 2, 25),
        reason="Cần xác minh.",
        issued_on=dt.date(2026, 2, 19),
        signer_name="Phạm Văn Long",
    )
    assert form.original_appointment == "ngày 20 tháng 02 năm 2026"
    assert form.new_appointment == "ngày 25 tháng 02 năm 2026"
    assert (form.signer_title, form.signer_name) == ("THỦ TRƯỞNG CƠ QUAN", "Phạm Văn Long")


@pytest.mark.parametrize("new_date", [dt.date(2026, 2, 20), dt.date(2026, 2, 19), dt.date(2025, 1, 1)])
def test_apology_new_date_must_be_after_the_old_one(new_date: dt.date) -> None:
    with pytest.raises(NewDateNotLater) as caught:
        build_apology(make_dossier(), OFFICE, new_date=new_date, reason="x", issued_on=dt.date(2026, 2, 19))
    assert caught.value.params == {"new_date": new_date.isoformat(), "old_date": "2026-02-20"}


def test_apology_other_bad_inputs() -> None:
    kwargs = {"new_date": dt.date(2026, 2, 25), "reason": "x", "issued_on": dt.date(2026, 2, 19)}
    with pytest.raises(FormNeedsDossierCode):
        build_apology(make_dossier(code=None), OFFICE, **kwargs)
    with pytest.raises(FormNeedsAppointment):
        build_apology(make_dossier(appointment=None), OFFICE, **kwargs)
    with pytest.raises(MissingFormText):
        build_apology(make_dossier(), OFFICE, **{**kwargs, "reason": ""})
    with pytest.raises(TypeError):
        build_apology(make_dossier(), OFFICE, **{**kwargs, "new_date": dt.datetime(2026, 2, 25)})


# --- Mẫu 06 ---


def test_control_sheet_one_row_per_hand_over_in_time_order_padded() -> None:
    later = hand_over(18, 15, HandOverResult.LATE)
    earlier = hand_over(13, 10, HandOverResult.EARLY)
    form = build_control_sheet(make_dossier(hand_overs=(later, earlier)), OFFICE, min_rows=4)
    assert [r.number for r in form.rows] == ["1", "2", "3", "4"]
    assert [r.result for r in form.rows] == ["Trước hạn", "Quá hạn", "", ""]
    assert form.rows[0].time == "10 giờ 00 phút, ngày 13 tháng 02 năm 2026"
    assert form.rows[0].due == "19/02/2026"
    assert form.rows[2].handed_from == form.rows[3].time == ""


def test_control_sheet_without_padding_and_bad_inputs() -> None:
    form = build_control_sheet(make_dossier(hand_overs=(hand_over(13, 10),)), OFFICE, min_rows=0)
    assert len(form.rows) == 1 and form.rows[0].result == ""
    assert build_control_sheet(make_dossier(appointment=None), OFFICE).appointment == BLANK
    with pytest.raises(FormNeedsDossierCode):
        build_control_sheet(make_dossier(code=None), OFFICE)
    with pytest.raises(ValueError):
        build_control_sheet(make_dossier(), OFFICE, min_rows=-1)


# --- Mẫu 07 ---


def test_register_rows_in_register_order() -> None:
    first = make_dossier(dossier_id="a", register_line=7, hand_overs=(hand_over(13, 10),), notes=("n1", "n2"))
    second = make_dossier(
        dossier_id="b", register_line=None, code=None, received_at=dt.datetime(2026, 2, 13, 8)
    )
    third = make_dossier(
        dossier_id="c",
        register_line=3,
        returned_at=dt.datetime(2026, 2, 19, 16),
        applicant=Applicant("Lê Ánh"),
    )
    form = build_register([first, second, third], OFFICE, period=" Tháng 02 năm 2026 ")
    assert [r.number for r in form.rows] == ["3", "7", "3"]  # the unnumbered one: its position in the list
    assert form.rows[0].applicant_name == "Lê Ánh" and form.rows[0].returned == "19/02/2026"
    assert form.rows[0].applicant_contact == ""
    assert form.rows[1].handed_over == "Tư pháp, 13/02/2026" and form.rows[1].handled_by == "Tư pháp"
    assert form.rows[1].note == "n1; n2"
    assert form.rows[1].applicant_contact == "Ấp Bình Thạnh, xã Tân Hòa; 0912 345 678"
    assert form.rows[2].dossier_code == ""
    assert form.period == "Tháng 02 năm 2026"


def test_register_may_be_empty_and_refuses_non_dossiers() -> None:
    assert build_register([], OFFICE).rows == ()
    with pytest.raises(TypeError):
        build_register([object()], OFFICE)  # type: ignore[list-item]


# --- All forms ---


def test_every_form_is_frozen_text_with_a_template_name() -> None:
    assert len(FORM_TYPES) == 7
    assert [t.template for t in FORM_TYPES] == [f"mau_0{i}" for i in range(1, 8)]
    form = build_receipt(make_dossier(), OFFICE, processing_time=ProcessingTime.days(5))
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.applicant_name = "x"  # type: ignore[misc]


def test_form_errors_are_dossier_errors_with_codes_and_no_personal_data() -> None:
    errors = [
        FormNeedsDossierCode(form="Mẫu 01"),
        FormNeedsAppointment(form="Mẫu 01"),
        NothingMissing(form="Mẫu 02"),
        MissingFormText(form="Mẫu 03", what="the reason for the refusal"),
        NewDateNotLater(new_date="2026-02-20", old_date="2026-02-20"),
    ]
    codes = {e.code for e in errors}
    assert len(codes) == len(errors)
    for error in errors:
        assert isinstance(error, OfficialFormError) and isinstance(error, DossierError)
        assert "{" not in error.message
