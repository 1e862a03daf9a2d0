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
    "queue.broad": (
        "Từ khóa khớp với rất nhiều hồ sơ: đang hiện những hồ sơ mới nhất. Hãy nhập thêm (ví dụ cả họ tên).",
        "The search matches very many dossiers: the newest are shown. Type more (e.g. the full name).",
    ),
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
    "dossier.not_now": (
        'Ở trạng thái "{status}", quy trình không cho phép tỉnh: {actions}.',
        'In the status "{status}" the lifecycle does not let the province: {actions}.',
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
    "apology.back": ("Quay lại hồ sơ", "Back to the dossier"),
    "apology.print": (
        "Dùng Ctrl+P để in văn bản xin lỗi (Mẫu 04).",
        "Press Ctrl+P to print the apology (Mẫu 04).",
    ),
    "side.desk": ("Một cửa xã", "commune desk"),
    "side.province": ("tỉnh", "province"),
    "report.title": ("Thống kê giải quyết hồ sơ", "On-time statistics"),
    "report.from": ("Từ ngày", "From"),
    "report.to": ("Đến ngày", "To"),
    "report.show": ("Xem", "Show"),
    "report.xlsx": ("Tải bảng tính (XLSX)", "Download the spreadsheet (XLSX)"),
    "report.chart": ("Biểu đồ hồ sơ đúng hạn, trễ hạn theo xã", "Dossiers on time and late, by commune"),
    "report.received": ("Tiếp nhận", "Received"),
    "report.finished": ("Đã giải quyết", "Processed"),
    "report.on_time": ("Đúng hạn", "On time"),
    "report.late": ("Trễ hạn", "Late"),
    "report.open_overdue": ("Đang quá hạn", "Open, overdue"),
    "report.share": ("Tỷ lệ đúng hạn", "On-time share"),
    "report.portal": ("Dữ liệu gửi Cổng Dịch vụ công quốc gia", "National portal export"),
    "report.changed_since": ("Thay đổi từ ngày", "Changed since"),
    "report.download": ("Tải tệp JSON", "Download the JSON file"),
    "it.health": ("Tình trạng đồng bộ", "Sync health"),
    "it.communes": ("Xã, phường", "Communes"),
    "it.devices": ("Máy trạm", "Workstations"),
    "it.codes": ("Mã đăng ký máy", "Enrolment codes"),
    "it.catalogue": ("Danh mục thủ tục, lệ phí", "Procedures and fees"),
    "it.accounts": ("Tài khoản cán bộ", "Officer accounts"),
    "it.with_devices": ("xã, phường có máy trạm", "communes with workstations"),
    "it.stale": ("chưa đồng bộ từ {days} ngày trở lên", "not synced for {days} days or more"),
    "it.without_devices": (
        "xã, phường chưa có máy trạm (trên {total})",
        "communes without a workstation (of {total})",
    ),
    "it.active_devices": ("Máy đang hoạt động", "Active workstations"),
    "it.last_contact": ("Liên lạc gần nhất", "Last contact"),
    "it.backlog": ("Sự kiện chưa nhận", "Backlog (events)"),
    "it.waiting": ("Sự kiện chờ", "Waiting events"),
    "it.days_ago": ("{days} ngày trước", "{days} days ago"),
    "it.never": ("chưa bao giờ", "never"),
    "it.no_devices": ("Chưa có máy trạm nào.", "No workstation yet."),
    "it.agency": ("Mã định danh cơ quan", "Agency identifier"),
    "it.save": ("Lưu", "Save"),
    "it.code": ("Mã", "Code"),
    "it.bad_agency": (
        "Mã định danh gồm các nhóm chữ in hoa và số, ngăn bởi dấu chấm (ví dụ 000.00.01.H26).",
        "An agency identifier is groups of capital letters and digits joined by dots (e.g. 000.00.01.H26).",
    ),
    "it.device": ("Máy trạm", "Workstation"),
    "it.quarantine": ("Sự kiện bị cách ly", "Quarantined events"),
    "it.quarantine_help": (
        "Sự kiện của máy trạm chờ một sự kiện trước nó mà không bao giờ đến, hoặc vượt giới hạn chờ: "
        "được để riêng thay vì làm chậm mọi lần đồng bộ của xã. Trang chỉ nêu mã, kích thước và thời gian, "
        "không nêu nội dung. Nếu máy trạm gửi lại sự kiện sau khi đã có sự kiện trước nó, "
        "sự kiện được áp dụng. Sự kiện của máy đã bị thu hồi, sau sự kiện cuối cùng máy chủ có lúc thu hồi, "
        "cũng được để riêng ở đây và không bao giờ được áp dụng.",
        "Events of a workstation that waited for an earlier event that never came, or beyond the waiting "
        "bounds: set aside instead of slowing every sync of the commune. Only ids, sizes and times are "
        "shown, never their content. Pushed again once their cause has arrived, they are applied. Events of "
        "a revoked workstation after the last one the server held at its revocation are set aside here too, "
        "never applied.",
    ),
    "it.quarantine_none": ("Không có sự kiện nào bị cách ly.", "No quarantined event."),
    "it.quarantine_shown": ("{shown} sự kiện mới nhất", "the newest {shown} events"),
    "it.event": ("Sự kiện (máy trạm : số)", "Event (replica : counter)"),
    "it.size": ("Kích thước (byte)", "Size (bytes)"),
    "it.received": ("Nhận lúc", "Received"),
    "it.quarantined_at": ("Cách ly lúc", "Quarantined"),
    "it.reason": ("Lý do", "Reason"),
    "it.reason.too_many_waiting": (
        "quá nhiều sự kiện chờ (giới hạn limits.waiting_*)",
        "too many waiting (limits.waiting_*)",
    ),
    "it.reason.waited_too_long": (
        "chờ quá lâu (limits.waiting_max_age_days)",
        "waited too long (limits.waiting_max_age_days)",
    ),
    "it.reason.revoked_origin": (
        "máy trạm đã bị thu hồi: sự kiện sau sự kiện cuối cùng máy chủ có của máy khi thu hồi, "
        "không được nhận",
        "revoked workstation: after the last of its events the server held at the revocation, never taken",
    ),
    "it.versions": ("Phiên bản (chương trình / dữ liệu)", "Versions (program / reference data)"),
    "it.revoke": ("Thu hồi", "Revoke"),
    "it.revoke_help": (
        "Thu hồi một máy bị mất, bị lấy cắp hoặc thay thế: lần đồng bộ sau của máy đó bị từ chối. "
        "Máy chủ chỉ nhận các sự kiện của máy đến sự kiện cuối cùng máy chủ đã có lúc thu hồi, "
        "dù máy khác chuyển tiếp; những gì máy làm mà chưa đồng bộ thì bị mất "
        "(hiện ở trang Sự kiện bị cách ly). Nếu còn máy, hãy đồng bộ nó trước khi thu hồi.",
        "Revoke a lost, stolen or replaced workstation: its next sync is refused. The server then takes "
        "its events only up to the last one it held at the revocation, even relayed by another desk; "
        "what it made and never synced is lost (listed under Quarantined events). "
        "If you still have the machine, sync it before revoking it.",
    ),
    "it.revoked": ("Đã thu hồi", "Revoked"),
    "it.active": ("Đang hoạt động", "Active"),
    "it.disabled": ("Đã khóa", "Disabled"),
    "it.codes_help": (
        "Mỗi mã dùng một lần, cho một máy trạm của xã, phường đã chọn. Mã chỉ hiện một lần: hãy in phiếu.",
        "Each code enrols one workstation of the chosen commune, once. "
        "It is shown only once: print the slip.",
    ),
    "it.new_code": ("Tạo mã và in phiếu", "Make a code and print the slip"),
    "it.slip": ("Phiếu đăng ký máy trạm", "Workstation enrolment slip"),
    "it.server": ("Địa chỉ máy chủ", "Server address"),
    "it.expires": ("Hiệu lực đến", "Valid until"),
    "it.slip_help": (
        "Trên máy trạm, chạy: motcua enrol --server {server} --code <mã> (xã {commune}).",
        "On the workstation run: motcua enrol --server {server} --code <code> (commune {commune}).",
    ),
    "it.slip_no_public_url": (
        "Máy chủ chưa được đặt địa chỉ công khai (public_url trong mục [server] của tệp cấu hình máy chủ): "
        "phiếu ghi địa chỉ đã dùng để mở trang này ({server}), mà máy trạm ở xã có thể không tới được. "
        "Hãy kiểm tra địa chỉ trước khi in, và đề nghị người quản trị máy chủ đặt public_url.",
        "The server's public address is not set (public_url in the [server] section of the server's "
        "configuration file): the slip shows the address this page was opened with ({server}), which the "
        "commune's workstations may not reach. Check it before printing, and ask the server's administrator "
        "to set public_url.",
    ),
    "it.print_hint": ("Dùng Ctrl+P để in phiếu này.", "Press Ctrl+P to print this slip."),
    "it.role": ("Vai trò", "Role"),
    "it.new_account": ("Tạo tài khoản", "New account"),
    "it.first_password": ("Mật khẩu ban đầu (ít nhất 10 ký tự)", "First password (at least 10 characters)"),
    "it.create": ("Tạo tài khoản", "Create the account"),
    "it.account_created": ("Đã tạo tài khoản.", "Account created."),
    "it.bad_account": (
        "Tên đăng nhập gồm 3–64 chữ cái không dấu, số, '.', '_' hoặc '-'; chọn một vai trò.",
        "A user name has 3–64 ASCII letters, digits, '.', '_' or '-'; choose a role.",
    ),
    "it.account_exists": ("Tên đăng nhập này đã có.", "This user name exists already."),
    "it.published": (
        "Đã công bố danh mục. Máy trạm nhận ở lần đồng bộ tới.",
        "Published. Desks receive it at their next sync.",
    ),
    "it.not_published": ("Chưa công bố:", "Not published:"),
    "it.no_file": ("chưa chọn tệp.", "no file chosen."),
    "it.version": (
        "Danh mục đang dùng: phiên bản {version}, công bố {at}.",
        "In force: version {version}, published {at}.",
    ),
    "it.shipped_catalogue": (
        "Chưa công bố danh mục nào: đang dùng danh mục kèm chương trình (phiên bản {version}).",
        "Nothing published yet: the catalogue shipped with the program is in force (version {version}).",
    ),
    "it.catalogue_file": ("Tệp danh mục (JSON)", "Catalogue file (JSON)"),
    "it.catalogue_file_xlsx": (
        "Tệp danh mục (JSON hoặc bảng tính XLSX)",
        "Catalogue file (JSON or XLSX spreadsheet)",
    ),
    "it.publish": ("Kiểm tra và công bố", "Check and publish"),
    "it.fee": ("Lệ phí", "Fee"),
    "fee.free": ("Miễn phí", "Free"),
    "fee.fixed": ("{amount} đ", "{amount} VND"),
    "fee.per_page": ("Theo số trang", "By the page"),
    "fee.province": ("Theo quy định của tỉnh", "Set by the province"),
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
