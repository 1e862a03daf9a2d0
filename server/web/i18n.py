"""The web workspace's words: Vietnamese first, English switchable (a cookie ``lang``).

``MESSAGES`` maps a key to its Vietnamese and English text; a template writes ``t("key")``. A key missing in
the catalogue shows as itself, so a test can find it (``tests/server/test_web_security.py`` checks every
template's keys are here).
"""

from __future__ import annotations

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

MESSAGES: dict[str, tuple[str, str]] = {
    "app.title": ("Một cửa — Không gian làm việc của tỉnh", "One-stop — the province's workspace"),
    "nav.queue": ("Hồ sơ cần xử lý", "Dossier queue"),
    "nav.reports": ("Báo cáo", "Reports"),
    "nav.it": ("Quản trị hệ thống", "Province IT"),
    "nav.password": ("Đổi mật khẩu", "Change password"),
    "nav.sign_out": ("Đăng xuất", "Sign out"),
    "nav.language": ("English", "Tiếng Việt"),
    "nav.skip": ("Bỏ qua, tới nội dung chính", "Skip to the main content"),
    "sign_in.title": ("Đăng nhập", "Sign in"),
    "sign_in.username": ("Tên đăng nhập", "User name"),
    "sign_in.password": ("Mật khẩu", "Password"),
    "sign_in.submit": ("Đăng nhập", "Sign in"),
    "sign_in.wrong": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "sign_in.wait": (
        "Đã nhập sai nhiều lần. Vui lòng chờ {seconds} giây rồi thử lại.",
        "Too many wrong attempts. Please wait {seconds} seconds and try again.",
    ),
    "sign_in.expired": (
        "Phiên làm việc đã hết hạn hoặc đã kết thúc. Vui lòng đăng nhập lại.",
        "Your session has ended or expired. Please sign in again.",
    ),
    "sign_in.signed_out": ("Đã đăng xuất.", "You are signed out."),
    "csrf.refused": (
        "Biểu mẫu đã cũ hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
        "This form is out of date or not valid. Reload the page and try again.",
    ),
    "forbidden": ("Bạn không có quyền xem trang này.", "You may not see this page."),
    "not_found": ("Không tìm thấy trang hoặc hồ sơ.", "No such page or dossier."),
    "password.title": ("Đổi mật khẩu", "Change password"),
    "password.current": ("Mật khẩu hiện tại", "Current password"),
    "password.new": ("Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"),
    "password.repeat": ("Nhập lại mật khẩu mới", "New password again"),
    "password.submit": ("Đổi mật khẩu", "Change password"),
    "password.done": (
        "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.",
        "Password changed. Your other sessions have ended.",
    ),
    "password.wrong": ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    "password.differ": ("Hai mật khẩu mới không giống nhau.", "The two new passwords differ."),
    "password.weak": (
        "Mật khẩu mới cần từ 10 đến 1024 ký tự.",
        "A new password needs 10 to 1024 characters.",
    ),
    "role.officer": ("Cán bộ", "Officer"),
    "role.supervisor": ("Lãnh đạo", "Supervisor"),
    "role.admin": ("Quản trị CNTT tỉnh", "Province IT"),
    "queue.title": ("Hồ sơ cần xử lý", "Dossier queue"),
    "queue.search": ("Tìm theo tên, số định danh, mã hồ sơ", "Search by name, ID number, code"),
    "queue.search_button": ("Tìm", "Search"),
    "queue.commune": ("Xã, phường", "Commune"),
    "queue.procedure": ("Thủ tục", "Procedure"),
    "queue.status": ("Trạng thái", "Status"),
    "queue.any": ("Tất cả", "All"),
    "queue.filter": ("Lọc", "Filter"),
    "queue.all": ("Tất cả", "All"),
    "queue.today": ("Đến hạn hôm nay", "Due today"),
    "queue.soon": ("Sắp đến hạn", "Due soon"),
    "queue.overdue": ("Quá hạn", "Overdue"),
    "queue.supplement": ("Chờ bổ sung", "Waiting for supplement"),
    "queue.conflicts": ("Có xung đột", "With conflicts"),
    "queue.code": ("Mã hồ sơ", "Code"),
    "queue.applicant": ("Người nộp", "Applicant"),
    "queue.received": ("Ngày nhận", "Received"),
    "queue.appointment": ("Hẹn trả", "Due"),
    "queue.empty": ("Không có hồ sơ nào.", "No dossier."),
    "queue.next": ("Trang sau", "Next page"),
    "queue.first": ("Trang đầu", "First page"),
    "queue.department": ("Lĩnh vực", "Department"),
    "queue.all_departments": ("mọi lĩnh vực", "every department"),
    "dossier.back": ("Quay lại danh sách", "Back to the queue"),
    "dossier.applicant": ("Người nộp hồ sơ", "Applicant"),
    "dossier.name": ("Họ và tên", "Full name"),
    "dossier.birth": ("Ngày sinh", "Date of birth"),
    "dossier.id_number": ("Số định danh", "ID number"),
    "dossier.address": ("Địa chỉ", "Address"),
    "dossier.phone": ("Điện thoại", "Phone"),
    "dossier.procedure": ("Thủ tục", "Procedure"),
    "dossier.status": ("Trạng thái", "Status"),
    "dossier.received": ("Ngày nhận", "Received"),
    "dossier.appointment": ("Ngày hẹn trả", "Due date"),
    "dossier.documents": ("Thành phần hồ sơ", "Documents"),
    "dossier.scans": ("Bản quét", "Scans"),
    "dossier.no_scans": ("Chưa có bản quét nào trên máy chủ.", "No scan on the server yet."),
    "dossier.scan_missing": (
        "Bản quét chưa được tải lên máy chủ (máy tiếp nhận sẽ gửi ở lần đồng bộ tới).",
        "This scan has not reached the server yet (the desk sends it at its next sync).",
    ),
    "dossier.open_file": ("Mở tệp", "Open the file"),
    "dossier.timeline": ("Quá trình xử lý", "Timeline"),
    "dossier.requests": ("Yêu cầu", "Requests"),
    "dossier.notes": ("Ghi chú", "Notes"),
    "dossier.decision": ("Kết quả giải quyết", "Decision"),
    "dossier.decision_file": ("Tệp quyết định", "Decision file"),
    "dossier.actions": ("Xử lý hồ sơ", "Act on the dossier"),
    "dossier.no_actions": (
        "Ở trạng thái này tỉnh không có thao tác nào.",
        "The province has no action in this status.",
    ),
    "dossier.conflicts": ("Xung đột cần giải quyết", "Conflicts to resolve"),
    "dossier.keep_this": ("Giữ giá trị này", "Keep this value"),
    "dossier.by": ("bởi", "by"),
    "dossier.done": (
        "Đã ghi nhận. Máy tiếp nhận sẽ nhận ở lần đồng bộ tới.",
        "Recorded. Desks receive it at their next sync.",
    ),
    "action.accept": ("Tiếp nhận hồ sơ", "Accept"),
    "action.hand_over": ("Nhận xử lý", "Accept for processing"),
    "action.request_supplement": ("Yêu cầu bổ sung", "Request a supplement"),
    "action.refuse": ("Từ chối", "Refuse"),
    "action.stop": ("Dừng xử lý", "Stop processing"),
    "action.complete": ("Hoàn thành xử lý", "Complete"),
    "action.extend": ("Gia hạn (văn bản xin lỗi)", "Extend (apology letter)"),
    "action.receive_supplement": ("Nhận hồ sơ bổ sung", "Record the supplement"),
    "action.request_financial_obligation": ("Yêu cầu nghĩa vụ tài chính", "Request a financial obligation"),
    "action.record_financial_obligation_met": ("Đã thực hiện nghĩa vụ tài chính", "Financial obligation met"),
    "field.reason": ("Lý do", "Reason"),
    "field.note": ("Ghi chú", "Note"),
    "field.missing": (
        "Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)",
        "Papers to supplement (one a line)",
    ),
    "field.new_date": ("Ngày hẹn trả mới", "New due date"),
    "field.decision_text": ("Nội dung kết quả", "Decision text"),
    "field.decision_file": ("Tệp quyết định (PDF hoặc ảnh)", "Decision file (PDF or image)"),
    "refused.reason_required": ("Cần ghi lý do.", "A reason is needed."),
    "refused.no_items": (
        "Cần liệt kê ít nhất một giấy tờ cần bổ sung.",
        "List at least one missing paper.",
    ),
    "refused.transition": (
        'Không thể {action} khi hồ sơ đang ở trạng thái "{status}". '
        "Ở trạng thái này tỉnh chỉ có thể: {allowed}.",
        'Cannot {action} while the dossier is "{status}". In this status the province may: {allowed}.',
    ),
    "refused.conflict_open": (
        "Trạng thái hồ sơ đang có xung đột: hãy giải quyết xung đột trước.",
        "The dossier's status is in conflict: resolve it first.",
    ),
    "refused.date": (
        "Ngày hẹn mới phải sau ngày hẹn hiện tại.",
        "The new due date must be after the current one.",
    ),
    "refused.bad_date": ("Ngày không hợp lệ (ví dụ 2026-03-20).", "Not a valid date (e.g. 2026-03-20)."),
    "refused.decision_needed": ("Cần nội dung kết quả.", "The decision text is needed."),
    "refused.file_type": (
        "Tệp quyết định phải là PDF, PNG hoặc JPEG.",
        "The decision file must be PDF, PNG or JPEG.",
    ),
    "refused.file_size": ("Tệp quá lớn.", "The file is too large."),
    "refused.stale": ("Xung đột đã thay đổi, hãy xem lại.", "The conflict changed; look at it again."),
    "refused.other": ("Không thực hiện được: {message}", "Not done: {message}"),
    "nothing": ("không có", "nothing"),
}


def translate(language: str, key: str, **params: object) -> str:
    """The text of ``key`` in ``language``, with ``{name}`` parameters filled in."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry[0] if language == "vi" else entry[1]
    return text.format(**params) if params else text


def language_of(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT_LANGUAGE
