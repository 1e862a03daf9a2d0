"""The practice exercises: tasks in Vietnamese, each checked from the practice store with a plain
explanation of what was right or what is still missing, and each trainee's progress.

The checks read what the desk recorded (dossiers, their status, requests, notes, conflicts): a trainee
passes by doing the work through the desk, never by ticking a box. No Qt; reading blocks (call it off the UI
thread).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossiers.dossier import Dossier
from dossiers.dossier_record import RECORD_TYPE_NAME, dossier_from_values
from dossiers.lifecycle import Status
from dossiers.practice_marks import practice_code_text
from sync.folding import fold
from sync.keyfile import write_file_atomically
from workstation.dossier_desk import DossierDesk
from workstation.practice.citizens import PracticeCitizen
from workstation.practice.practice_store import CAST, citizens_for
from workstation.settings import SiteSettings

PROGRESS_FILE_NAME = "progress.json"
PROGRESS_FORMAT = "motcua-practice-progress"
MAX_TRAINEE_CHARS = 80
MARRIAGE_PROCEDURES = ("1.000894", "1.000593")


@dataclass(frozen=True, slots=True)
class Exercise:
    key: str
    title: str
    """The task, as the trainee reads it."""


@dataclass(frozen=True, slots=True)
class ExerciseResult:
    exercise: Exercise
    passed: bool
    explanation: str
    """What was right, or what is still missing and how to do it."""


@dataclass(frozen=True, slots=True)
class _Found:
    dossier: Dossier
    values: Mapping[str, Any]
    conflicts: int


def exercises(citizens: Mapping[int, PracticeCitizen]) -> tuple[Exercise, ...]:
    """The exercises, in the order the trainer's guide runs them."""
    late, conflict, find = citizens[CAST.late_card], citizens[CAST.conflict_card], citizens[CAST.find_card]
    processing = citizens[CAST.processing_card]
    return (
        Exercise(
            "receive_birth",
            f"Tiếp nhận hồ sơ đăng ký khai sinh do công dân trên thẻ số {CAST.birth_card} nộp "
            "(quét thẻ bằng máy đọc mã QR, đánh dấu đủ giấy tờ, ghi số điện thoại, in giấy tiếp nhận).",
        ),
        Exercise(
            "marriage_supplement",
            f"Công dân trên thẻ số {CAST.marriage_card} nộp hồ sơ đăng ký kết hôn nhưng thiếu tờ khai: "
            "không tiếp nhận, lập Mẫu 02 (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ).",
        ),
        Exercise(
            "late_return",
            f"Hồ sơ của {late.full_name} đã quá hạn: lập thư xin lỗi và hẹn lại (Mẫu 04), in thư, "
            "rồi ghi nhận trả kết quả.",
        ),
        Exercise(
            "resolve_conflict",
            f"Hồ sơ của {conflict.full_name} có xung đột số điện thoại (bộ phận một cửa và cán bộ tỉnh sửa "
            "cùng lúc): mở hồ sơ và giải quyết xung đột.",
        ),
        Exercise(
            "find_without_diacritics",
            f'Tìm hồ sơ của {find.full_name} bằng cách gõ tên không dấu "{fold(find.full_name)}" vào ô tìm '
            "kiếm (Ctrl+F), mở hồ sơ và chuyển xử lý cho công chức chuyên môn.",
        ),
        Exercise(
            "province_answers",
            "Đồng bộ thực hành (F9) cho đến khi cơ quan cấp tỉnh xử lý xong hồ sơ của "
            f"{processing.full_name} "
            "(lần đầu tỉnh nhận hồ sơ, lần sau tỉnh trả kết quả).",
        ),
    )


def _dossiers_of(desk: DossierDesk, id_number: str) -> list[_Found]:
    found = []
    for dossier_id in desk.search(id_number):
        state = desk.replica.record(RECORD_TYPE_NAME, dossier_id)
        if state.values.get("applicant_id_number") == id_number:
            found.append(
                _Found(dossier_from_values(dossier_id, state.values), state.values, len(state.conflicts))
            )
    return found


def _code(found: _Found) -> str:
    return practice_code_text(found.dossier.code) if found.dossier.code else "(chưa có mã)"


def check_exercises(
    desk: DossierDesk, today: dt.date, site: SiteSettings | None = None
) -> tuple[ExerciseResult, ...]:
    """Every exercise checked against what the practice store holds now."""
    citizens = {c.card: c for c in citizens_for(today, site)}
    checks: dict[str, Callable[[], tuple[bool, str]]] = {
        "receive_birth": lambda: _check_birth(desk, citizens[CAST.birth_card]),
        "marriage_supplement": lambda: _check_marriage(desk, citizens[CAST.marriage_card]),
        "late_return": lambda: _check_late(desk, citizens[CAST.late_card]),
        "resolve_conflict": lambda: _check_conflict(desk, citizens[CAST.conflict_card]),
        "find_without_diacritics": lambda: _check_found(desk, citizens[CAST.find_card]),
        "province_answers": lambda: _check_province(desk, citizens[CAST.processing_card]),
    }
    results = []
    for exercise in exercises(citizens):
        passed, explanation = checks[exercise.key]()
        results.append(ExerciseResult(exercise, passed, explanation))
    return tuple(results)


def _check_birth(desk: DossierDesk, citizen: PracticeCitizen) -> tuple[bool, str]:
    found = _dossiers_of(desk, citizen.id_number)
    if not found:
        return False, (
            f"Chưa có hồ sơ nào của công dân thẻ số {citizen.card}. Nhấn F2, gõ “khai sinh”, Enter, rồi quét "
            "thẻ vào ô máy quét."
        )
    births = [f for f in found if f.dossier.procedure_code == "1.001193"]
    if not births:
        return False, f"Đã có hồ sơ của thẻ số {citizen.card} nhưng không phải thủ tục Đăng ký khai sinh."
    accepted = [f for f in births if f.dossier.code is not None]
    if not accepted:
        return False, "Hồ sơ khai sinh đang chờ bổ sung: cần đánh dấu đủ các giấy tờ bắt buộc để tiếp nhận."
    best = accepted[0]
    if not best.dossier.applicant.phone:
        return False, f"Hồ sơ {_code(best)} đã tiếp nhận nhưng thiếu số điện thoại của người nộp."
    return True, (
        f"Đúng: hồ sơ {_code(best)} đã được tiếp nhận, thông tin lấy từ thẻ (không gõ tay), có số điện thoại "
        "và ngày hẹn trả."
    )


def _check_marriage(desk: DossierDesk, citizen: PracticeCitizen) -> tuple[bool, str]:
    found = [
        f for f in _dossiers_of(desk, citizen.id_number) if f.dossier.procedure_code in MARRIAGE_PROCEDURES
    ]
    if not found:
        return False, f"Chưa có hồ sơ đăng ký kết hôn của công dân thẻ số {citizen.card}."
    waiting = [
        f for f in found if f.dossier.status is Status.SUPPLEMENT_REQUESTED and f.values.get("requests")
    ]
    if waiting:
        return True, (
            "Đúng: hồ sơ thiếu giấy tờ không được cấp mã; đã lập Mẫu 02 ghi rõ giấy tờ còn thiếu, hồ sơ "
            "chờ công dân bổ sung."
        )
    return False, (
        "Hồ sơ đã được tiếp nhận dù thiếu tờ khai: khi thiếu giấy tờ bắt buộc, không đánh dấu giấy tờ đó, "
        "phần mềm sẽ đề nghị lập Mẫu 02 thay cho giấy tiếp nhận."
    )


def _check_late(desk: DossierDesk, citizen: PracticeCitizen) -> tuple[bool, str]:
    found = _dossiers_of(desk, citizen.id_number)
    if not found:
        return False, "Không tìm thấy hồ sơ mẫu: hãy đặt lại dữ liệu thực hành."
    item = found[0]
    apology = any(str(note).startswith("Mẫu 04") for note in item.values.get("notes", ()))
    returned = item.dossier.status is Status.RESULT_RETURNED
    if apology and returned:
        return True, f"Đúng: đã lập thư xin lỗi (Mẫu 04) và ghi nhận trả kết quả hồ sơ {_code(item)}."
    if returned:
        return False, "Đã trả kết quả nhưng chưa lập thư xin lỗi (Mẫu 04): hồ sơ trễ hạn phải có thư xin lỗi."
    if apology:
        return False, "Đã lập Mẫu 04; còn phải ghi nhận trả kết quả (nút “Trả kết quả”)."
    return False, (
        "Chưa làm: mở hồ sơ, bấm “Xin lỗi và hẹn lại ngày trả (Mẫu 04)”, nhập ngày hẹn mới và lý do, in thư."
    )


def _check_conflict(desk: DossierDesk, citizen: PracticeCitizen) -> tuple[bool, str]:
    found = _dossiers_of(desk, citizen.id_number)
    if not found:
        return False, "Không tìm thấy hồ sơ mẫu: hãy đặt lại dữ liệu thực hành."
    item = found[0]
    if item.conflicts:
        return (
            False,
            "Hồ sơ vẫn còn xung đột: mở hồ sơ, xem hai giá trị, gọi công dân để hỏi số đúng và chọn.",
        )
    return True, (
        f"Đúng: xung đột đã được giải quyết, số điện thoại hiện là {item.dossier.applicant.phone}; lịch sử "
        "hồ sơ vẫn giữ cả hai lần sửa."
    )


def _check_found(desk: DossierDesk, citizen: PracticeCitizen) -> tuple[bool, str]:
    found = _dossiers_of(desk, citizen.id_number)
    if not found:
        return False, "Không tìm thấy hồ sơ mẫu: hãy đặt lại dữ liệu thực hành."
    item = found[0]
    if item.values.get("hand_overs"):
        return True, (
            f"Đúng: đã tìm thấy hồ sơ {_code(item)} chỉ bằng tên không dấu và chuyển xử lý (có dòng bàn giao "
            "trong phiếu kiểm soát)."
        )
    return False, f"Hồ sơ chưa được chuyển xử lý. Nhấn Ctrl+F, gõ “{fold(citizen.full_name)}”, Enter."


def _check_province(desk: DossierDesk, citizen: PracticeCitizen) -> tuple[bool, str]:
    found = _dossiers_of(desk, citizen.id_number)
    if not found:
        return False, "Không tìm thấy hồ sơ mẫu: hãy đặt lại dữ liệu thực hành."
    status = found[0].dossier.status
    if status in (Status.PROCESSED, Status.RESULT_RETURNED):
        return True, "Đúng: sau khi đồng bộ, kết quả của cơ quan cấp tỉnh đã về bộ phận một cửa."
    return False, "Tỉnh chưa trả kết quả: nhấn F9 (đồng bộ thực hành), chờ xong, rồi nhấn F9 lần nữa."


# --- progress per trainee ---------------------------------------------------------------------------------


def check_trainee(name: str) -> str:
    text = " ".join(str(name).split())
    if not 1 <= len(text) <= MAX_TRAINEE_CHARS:
        raise ValueError("a trainee's name has 1 to 80 characters")
    return text


class ProgressBook:
    """Which exercises each trainee has passed, and when (``progress.json`` in the practice folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, dict[str, str]]:
        try:
            doc = json.loads(self.path.read_bytes()[:1_000_000].decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return {}
        if not isinstance(doc, dict) or doc.get("format") != PROGRESS_FORMAT:
            return {}
        trainees = doc.get("trainees")
        if not isinstance(trainees, dict):
            return {}
        return {
            str(name): {str(k): str(v) for k, v in done.items()}
            for name, done in trainees.items()
            if isinstance(done, dict)
        }

    def record(self, trainee: str, results: tuple[ExerciseResult, ...], at: dt.datetime) -> dict[str, str]:
        """Add the exercises ``trainee`` passed now (a pass stays a pass); returns their progress."""
        name = check_trainee(trainee)
        book = self.read()
        done = book.setdefault(name, {})
        for result in results:
            if result.passed:
                done.setdefault(result.exercise.key, at.isoformat())
        text = json.dumps({"format": PROGRESS_FORMAT, "trainees": book}, ensure_ascii=False, indent=1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomically(self.path, text.encode("utf-8"))
        return done

    def forget(self, trainee: str) -> None:
        """Start ``trainee`` again from nothing (the reset)."""
        book = self.read()
        if book.pop(check_trainee(trainee), None) is not None:
            text = json.dumps({"format": PROGRESS_FORMAT, "trainees": book}, ensure_ascii=False, indent=1)
            write_file_atomically(self.path, text.encode("utf-8"))
