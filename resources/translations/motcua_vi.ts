<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="59"/>
        <source>List everything missing or incomplete, in one go (Mẫu 02).</source>
        <translation>Liệt kê một lần đầy đủ các giấy tờ còn thiếu hoặc chưa đúng (Mẫu 02).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="61"/>
        <source>Document</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="61"/>
        <source>What to add or complete</source>
        <translation>Nội dung cần bổ sung, hoàn thiện</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="64"/>
        <source>Add a line</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="70"/>
        <source>Hand the dossier over for processing; a row is added to the control sheet.</source>
        <translation>Chuyển hồ sơ đi giải quyết; một dòng được ghi vào Phiếu kiểm soát.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="73"/>
        <source>Handed to</source>
        <translation>Chuyển cho</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="75"/>
        <source>Apologise for the delay and give a new appointment date (Mẫu 04).</source>
        <translation>Xin lỗi vì chậm trễ và hẹn lại ngày trả kết quả (Mẫu 04).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="82"/>
        <source>New appointment date</source>
        <translation>Ngày hẹn mới</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="84"/>
        <source>This prints %1.</source>
        <translation>Thao tác này in %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="97"/>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="98"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="107"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="109"/>
        <source>Reason for the delay</source>
        <translation>Lý do chậm trễ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/action_dialog.py" line="110"/>
        <source>Note (optional)</source>
        <translation>Ghi chú (không bắt buộc)</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="120"/>
        <source>Full &amp;name</source>
        <translation>&amp;Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="121"/>
        <source>&amp;Birth date</source>
        <translation>&amp;Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="122"/>
        <source>Se&amp;x</source>
        <translation>&amp;Giới tính</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="123"/>
        <source>&amp;ID number</source>
        <translation>Số đị&amp;nh danh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="124"/>
        <source>&amp;Address</source>
        <translation>Địa &amp;chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="125"/>
        <source>P&amp;hone</source>
        <translation>Điện t&amp;hoại</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="126"/>
        <source>E&amp;mail</source>
        <translation>E&amp;mail</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="127"/>
        <source>Nationality</source>
        <translation>Quốc tịch</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="128"/>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="129"/>
        <source>Marital status</source>
        <translation>Tình trạng hôn nhân</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="130"/>
        <source>Relationship to the person concerned</source>
        <translation>Quan hệ với người được đăng ký</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="134"/>
        <source>ID card &amp;QR: scan the chip ID card (F4)</source>
        <translation>&amp;QR căn cước: quét thẻ căn cước gắn chip (F4)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="135"/>
        <source>Point the scanner at the card&apos;s QR code</source>
        <translation>Đưa máy quét vào mã QR trên thẻ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="136"/>
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="141"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="142"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="204"/>
        <source>name</source>
        <translation>họ tên</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="205"/>
        <source>birth date</source>
        <translation>ngày sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="206"/>
        <source>sex</source>
        <translation>giới tính</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="207"/>
        <source>ID number</source>
        <translation>số định danh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="208"/>
        <source>address</source>
        <translation>địa chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="212"/>
        <source>ID card read: its details show once the procedure is chosen.</source>
        <translation>Đã đọc thẻ căn cước: thông tin sẽ hiện khi chọn thủ tục.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="215"/>
        <source>%1 and %2</source>
        <translation>%1 và %2</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="216"/>
        <source>ID card read: %1 filled in.</source>
        <translation>Đã đọc thẻ căn cước: đã điền %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="240"/>
        <source>Type the applicant&apos;s full name (or scan the ID card).</source>
        <translation>Nhập họ và tên người nộp hồ sơ (hoặc quét thẻ căn cước).</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="248"/>
        <source>Type the birth date as DD/MM/YYYY, e.g. 05/09/1990.</source>
        <translation>Nhập ngày sinh theo dạng DD/MM/YYYY, ví dụ 05/09/1990.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="249"/>
        <source>The birth date {date} does not exist: check the day and the month.</source>
        <translation>Ngày sinh {date} không có thật: hãy kiểm tra ngày và tháng.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/applicant_form.py" line="253"/>
        <source>The birth date is after today.</source>
        <translation>Ngày sinh sau ngày hôm nay.</translation>
    </message>
</context>
<context>
    <name>AttachmentsPicker</name>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="116"/>
        <source>Attached scans</source>
        <translation>Bản quét đính kèm</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="117"/>
        <source>Attach &amp;files… (F6)</source>
        <translation>Đính kèm &amp;tệp… (F6)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="118"/>
        <source>&amp;Watch scanner folder…</source>
        <translation>&amp;Theo dõi thư mục máy quét…</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="120"/>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="150"/>
        <source>Watching: {folder}</source>
        <translation>Đang theo dõi: {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="125"/>
        <source>Attach scans</source>
        <translation>Đính kèm bản quét</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="127"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="132"/>
        <source>The folder the scanner saves into</source>
        <translation>Thư mục máy quét lưu tệp vào</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="223"/>
        <source>{name} is too large to attach.</source>
        <translation>{name} quá lớn, không đính kèm được.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="226"/>
        <source>{name} could not be read: is it still open in the scanner program?</source>
        <translation>Không đọc được {name}: tệp còn đang mở trong chương trình máy quét?</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/attachments_picker.py" line="231"/>
        <source>{name} could not be attached.</source>
        <translation>Không đính kèm được {name}.</translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="51"/>
        <source>First clerk account</source>
        <translation>Tài khoản cán bộ đầu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="53"/>
        <source>Step 3 of 5. The person who sets up the desk; more clerks can be added later.</source>
        <translation>Bước 3/5. Người cài đặt Bộ phận Một cửa; có thể thêm cán bộ khác sau.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="57"/>
        <source>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n characters; a few words you remember are better than a short code. Nobody can read it back, not even IT.</source>
        <translation>
            <numerusform>Mật khẩu dùng để mở máy và bảo vệ dữ liệu của người dân trên máy tính này. Dùng ít nhất %n ký tự; vài từ dễ nhớ tốt hơn một mã ngắn. Không ai xem lại được mật khẩu, kể cả bộ phận CNTT.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="64"/>
        <source>&amp;Login name:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="65"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="66"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/clerk_page.py" line="67"/>
        <source>&amp;Repeat passphrase:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
</context>
<context>
    <name>ClerksDialog</name>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="154"/>
        <source>Clerks of this desk</source>
        <translation>Cán bộ của bàn làm việc này</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="157"/>
        <source>Each clerk has her own login and passphrase. The head clerk adds and removes clerks; every change in a dossier&apos;s timeline names the clerk who made it.</source>
        <translation>Mỗi cán bộ có tên đăng nhập và mật khẩu riêng. Cán bộ phụ trách thêm và xoá cán bộ; mỗi thay đổi trong lịch sử hồ sơ ghi tên cán bộ đã thực hiện.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="161"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="161"/>
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="161"/>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="162"/>
        <source>&amp;Remove the selected clerk…</source>
        <translation>&amp;Xoá cán bộ đã chọn…</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="165"/>
        <source>Removing a clerk takes her passphrase off this desk. For a clerk who has left the office, IT can run “motcua rotate-key --remove LOGIN” instead: it removes her account and re-encrypts the data under a new key, so an old copy of the key file no longer opens it.</source>
        <translation>Xoá một cán bộ là bỏ mật khẩu của người đó khỏi bàn làm việc này. Với cán bộ đã nghỉ việc, bộ phận CNTT có thể chạy “motcua rotate-key --remove LOGIN” thay vào đó: lệnh này xoá tài khoản và mã hoá lại dữ liệu bằng khoá mới, để bản sao cũ của tệp khoá không còn mở được dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="170"/>
        <source>Add a clerk</source>
        <translation>Thêm cán bộ</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clerks_dialog.py" line="173"/>
        <source>The new clerk types her own passphrase, twice: at least %n characters, a few words she remembers. Nobody can read it back.</source>
        <translation>
            <numerusform>Cán bộ mới tự nhập mật khẩu của mình, hai lần: ít nhất %n ký tự, vài từ dễ nhớ. Không ai đọc lại được mật khẩu.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="179"/>
        <source>&amp;Login name:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="180"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="181"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="182"/>
        <source>Re&amp;type the passphrase:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="183"/>
        <source>R&amp;ole:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="189"/>
        <source>&amp;Add the clerk</source>
        <translation>&amp;Thêm cán bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="190"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="195"/>
        <source>Head clerk</source>
        <translation>Cán bộ phụ trách</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="195"/>
        <source>Clerk</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="206"/>
        <location filename="../../desktop/clerks_dialog.py" line="253"/>
        <source>Only the desk&apos;s head clerk can add or remove clerks.</source>
        <translation>Chỉ cán bộ phụ trách mới được thêm hoặc xoá cán bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="207"/>
        <source>A clerk with this login already exists. Choose another login.</source>
        <translation>Đã có cán bộ dùng tên đăng nhập này. Hãy chọn tên khác.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="208"/>
        <source>A login name has 1 to 64 visible characters.</source>
        <translation>Tên đăng nhập có từ 1 đến 64 ký tự nhìn thấy được.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="209"/>
        <source>Enter the clerk&apos;s full name (at most 100 characters).</source>
        <translation>Hãy nhập họ và tên của cán bộ (tối đa 100 ký tự).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clerks_dialog.py" line="211"/>
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>
            <numerusform>Mật khẩu quá ngắn: hãy dùng ít nhất %n ký tự.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="213"/>
        <source>This clerk is no longer on the list.</source>
        <translation>Cán bộ này không còn trong danh sách.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="214"/>
        <source>You cannot remove your own account: another head clerk can.</source>
        <translation>Bạn không thể tự xoá tài khoản của mình: một cán bộ phụ trách khác có thể xoá.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="215"/>
        <source>The desk&apos;s last head clerk cannot be removed.</source>
        <translation>Không thể xoá cán bộ phụ trách cuối cùng của bàn làm việc.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="216"/>
        <source>The key file cannot be changed now. Ask IT.</source>
        <translation>Hiện không thể thay đổi tệp khoá. Hãy hỏi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="220"/>
        <source>The clerk accounts could not be changed (%1). Try again or ask IT.</source>
        <translation>Không thay đổi được tài khoản cán bộ (%1). Hãy thử lại hoặc hỏi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="317"/>
        <source>Adding the clerk…</source>
        <translation>Đang thêm cán bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="339"/>
        <source>%1 (%2) is added: she unlocks the desk with her own passphrase.</source>
        <translation>Đã thêm %1 (%2): cán bộ này mở khoá bằng mật khẩu riêng của mình.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="357"/>
        <source>Remove the account of %1 (%2)? She will no longer be able to unlock this desk.</source>
        <translation>Xoá tài khoản của %1 (%2)? Người này sẽ không mở khoá được bàn làm việc này nữa.</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="361"/>
        <source>Remove</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="362"/>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <location filename="../../desktop/clerks_dialog.py" line="385"/>
        <source>%1 (%2) can no longer unlock this desk. If she has left the office, ask IT to run “motcua rotate-key”: it re-encrypts the data under a new key.</source>
        <translation>%1 (%2) không còn mở khoá được bàn làm việc này. Nếu người này đã nghỉ việc, hãy nhờ bộ phận CNTT chạy “motcua rotate-key”: lệnh này mã hoá lại dữ liệu bằng khoá mới.</translation>
    </message>
</context>
<context>
    <name>CommuneNotice</name>
    <message>
        <location filename="../../desktop/commune_notice.py" line="52"/>
        <source>The province&apos;s list of communes says %1 (%2) was merged into %3 (%4). This desk still works as %2: ask IT to set it up for the new commune.</source>
        <translation>Danh sách xã của tỉnh cho biết %1 (%2) đã được sáp nhập vào %3 (%4). Máy trạm này vẫn làm việc với mã %2: đề nghị CNTT thiết lập lại cho xã mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_notice.py" line="61"/>
        <source>Commune %2 is not in the province&apos;s list of communes. This desk still works as %2: tell IT.</source>
        <translation>Xã %2 không có trong danh sách xã của tỉnh. Máy trạm này vẫn làm việc với mã %2: hãy báo CNTT.</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="26"/>
        <source>Your commune</source>
        <translation>Xã/phường của Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="28"/>
        <source>Step 1 of 5. Choose the province, then the commune or ward this desk serves.</source>
        <translation>Bước 1/5. Chọn tỉnh/thành phố, rồi chọn xã/phường mà Bộ phận Một cửa này phục vụ.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="34"/>
        <source>The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).</source>
        <translation>Danh sách chính thức (34 tỉnh, thành phố và 3.321 xã, phường, đặc khu; năm 2025).</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/commune_page.py" line="39"/>
        <source>The list is the one your province published (%1 communes and wards).</source>
        <translation>Danh sách là danh sách do tỉnh của bạn công bố (%1 xã, phường).</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <location filename="../../desktop/commune_picker.py" line="171"/>
        <source>&amp;Province or city:</source>
        <translation>&amp;Tỉnh/thành phố:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="172"/>
        <source>&amp;Commune or ward:</source>
        <translation>&amp;Xã/phường:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="173"/>
        <source>Type to search, e.g. ha noi</source>
        <translation>Gõ để tìm, ví dụ: ha noi</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="174"/>
        <source>Type to search, e.g. hoan kiem</source>
        <translation>Gõ để tìm, ví dụ: hoan kiem</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="43"/>
        <source>Type the new value first.</source>
        <translation>Hãy nhập giá trị mới trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="47"/>
        <source>Type a whole number.</source>
        <translation>Hãy nhập một số nguyên.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="58"/>
        <source>Type a date as day/month/year, e.g. 23/02/2026.</source>
        <translation>Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 23/02/2026.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="72"/>
        <source>Conflict: %1</source>
        <translation>Xung đột: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="81"/>
        <source>%1 was changed in two places at the same time.</source>
        <translation>%1 đã được sửa ở hai nơi cùng lúc.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="90"/>
        <source>Decide which value is right. Nothing is lost: every write stays in the timeline. Times are those of each device&apos;s clock.</source>
        <translation>Hãy chọn giá trị đúng. Không mất dữ liệu nào: mọi lần ghi vẫn nằm trong lịch sử. Thời gian là theo đồng hồ của từng máy.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="103"/>
        <source>Value %1</source>
        <translation>Giá trị %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="109"/>
        <source>Shown now, until you decide</source>
        <translation>Đang hiển thị, cho đến khi bạn quyết định</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="115"/>
        <source>By %1, %2, at %3 (that device&apos;s clock)</source>
        <translation>Do %1 ghi, tại %2, lúc %3 (theo đồng hồ máy đó)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="133"/>
        <source>Type a new value:</source>
        <translation>Nhập giá trị mới:</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="141"/>
        <source>A status conflict is settled by choosing one of the two changes.</source>
        <translation>Xung đột trạng thái được giải quyết bằng cách chọn một trong hai thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="151"/>
        <source>Resolve</source>
        <translation>Giải quyết</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="152"/>
        <source>Decide later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/conflict_dialog.py" line="175"/>
        <source>Choose one of the values, or type a new one.</source>
        <translation>Hãy chọn một giá trị, hoặc nhập giá trị mới.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="71"/>
        <source>Correct the dossier&apos;s details</source>
        <translation>Sửa thông tin hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="79"/>
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="82"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="83"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="93"/>
        <source>Full &amp;name</source>
        <translation>&amp;Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="94"/>
        <source>&amp;Birth date</source>
        <translation>&amp;Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="95"/>
        <source>Se&amp;x</source>
        <translation>&amp;Giới tính</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="96"/>
        <source>&amp;ID number</source>
        <translation>Số đị&amp;nh danh</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="97"/>
        <source>&amp;Address</source>
        <translation>Địa &amp;chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="98"/>
        <source>P&amp;hone</source>
        <translation>Điện t&amp;hoại</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="99"/>
        <source>E&amp;mail</source>
        <translation>E&amp;mail</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Document</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Form</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="107"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="113"/>
        <source>A&amp;dd a document</source>
        <translation>&amp;Thêm giấy tờ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="115"/>
        <source>&amp;Remove the selected document</source>
        <translation>&amp;Xóa giấy tờ đang chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="121"/>
        <source>Documents received</source>
        <translation>Giấy tờ đã nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="131"/>
        <source>R&amp;eason for the correction (required)</source>
        <translation>&amp;Lý do sửa (bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="140"/>
        <source>Save the correction</source>
        <translation>Lưu nội dung sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="141"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="147"/>
        <source>Change what is wrong and give the reason; the timeline keeps the old values.</source>
        <translation>Sửa những thông tin sai và ghi lý do; dòng thời gian vẫn giữ các giá trị cũ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_dialog.py" line="188"/>
        <source>The dossier has left the desk: only the contact details (address, phone, email) can still be corrected.</source>
        <translation>Hồ sơ đã rời Bộ phận Một cửa: chỉ còn sửa được thông tin liên hệ (địa chỉ, điện thoại, email).</translation>
    </message>
</context>
<context>
    <name>CorrectionWords</name>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="25"/>
        <source>These details can no longer be corrected: %1. The dossier&apos;s status is now: %2.</source>
        <translation>Không còn sửa được các thông tin này: %1. Trạng thái hồ sơ hiện là: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="33"/>
        <source>Nothing was changed: correct a detail first.</source>
        <translation>Chưa có thông tin nào được sửa: hãy sửa thông tin trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="35"/>
        <source>Give the reason for the correction.</source>
        <translation>Hãy ghi lý do sửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="38"/>
        <source>The full name cannot be empty.</source>
        <translation>Họ và tên không được để trống.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="39"/>
        <source>The birth date is after today.</source>
        <translation>Ngày sinh sau ngày hôm nay.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="40"/>
        <source>Every document needs its name.</source>
        <translation>Mỗi giấy tờ phải có tên.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="41"/>
        <source>Every document&apos;s count must be at least 1.</source>
        <translation>Số lượng mỗi giấy tờ phải ít nhất là 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="47"/>
        <source>A corrected value is not acceptable.</source>
        <translation>Một giá trị đã sửa không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="53"/>
        <source>Type the birth date as DD/MM/YYYY, e.g. 05/09/1990.</source>
        <translation>Nhập ngày sinh theo dạng NN/TT/NNNN, ví dụ 05/09/1990.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/correction_words.py" line="56"/>
        <source>The birth date does not exist: check the day and the month.</source>
        <translation>Ngày sinh không có thật: kiểm tra lại ngày và tháng.</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../desktop/app.py" line="209"/>
        <source>motcua is already open on this computer, or IT is working on its data (%1). Close it, then start motcua again.</source>
        <translation>motcua đang mở trên máy này, hoặc bộ phận CNTT đang làm việc với dữ liệu của nó (%1). Hãy đóng chương trình đó rồi mở lại motcua.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="463"/>
        <source>Something could not be saved (%1). Try again or ask IT.</source>
        <translation>Không lưu được dữ liệu (%1). Hãy thử lại hoặc hỏi bộ phận CNTT.</translation>
    </message>
</context>
<context>
    <name>DeskScreens</name>
    <message>
        <location filename="../../desktop/desk_screens.py" line="148"/>
        <source>Register and on-time &amp;statistics…</source>
        <translation>Sổ theo dõi và &amp;thống kê đúng hạn…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk_screens.py" line="149"/>
        <source>&amp;Versions and updates…</source>
        <translation>&amp;Phiên bản và cập nhật…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk_screens.py" line="150"/>
        <source>Other &amp;desks of this commune (LAN)…</source>
        <translation>Các &amp;máy khác của xã (mạng nội bộ)…</translation>
    </message>
    <message>
        <location filename="../../desktop/desk_screens.py" line="163"/>
        <source>A new version from the province has arrived (%1): it is used from the next start.</source>
        <translation>Đã nhận phiên bản mới từ tỉnh (%1): phiên bản này được dùng từ lần mở tiếp theo.</translation>
    </message>
</context>
<context>
    <name>DocumentsChecklist</name>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="35"/>
        <source>&amp;Documents handed in (Space ticks, F5)</source>
        <translation>&amp;Giấy tờ đã nộp (phím cách để đánh dấu, F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="56"/>
        <source>required</source>
        <translation>bắt buộc</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="56"/>
        <source>if applicable</source>
        <translation>nếu có</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/documents_checklist.py" line="58"/>
        <source>copy(ies)</source>
        <translation>bản</translation>
    </message>
</context>
<context>
    <name>DossierWindow</name>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="300"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="301"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="302"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="303"/>
        <source>ID number</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="304"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="305"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="306"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="307"/>
        <source>Appointment</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="308"/>
        <source>Fee</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="309"/>
        <source>Received by</source>
        <translation>Người tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="313"/>
        <source>Details</source>
        <translation>Thông tin hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="314"/>
        <source>Documents received</source>
        <translation>Giấy tờ đã nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="315"/>
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="316"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="317"/>
        <source>Export…</source>
        <translation>Xuất ra…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="318"/>
        <source>Timeline (every change, oldest first)</source>
        <translation>Lịch sử (mọi thay đổi, cũ nhất trước)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="319"/>
        <source>Actions</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="320"/>
        <source>Print the control sheet (Mẫu 06)</source>
        <translation>In Phiếu kiểm soát (Mẫu 06)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="321"/>
        <source>&amp;Correct details…</source>
        <translation>&amp;Sửa thông tin…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="322"/>
        <source>Correct the applicant&apos;s details or the documents (Ctrl+E)</source>
        <translation>Sửa thông tin người nộp hoặc giấy tờ đã nhận (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="323"/>
        <source>Reprint the receipt (Mẫu 01)</source>
        <translation>In lại Giấy tiếp nhận (Mẫu 01)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="324"/>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="325"/>
        <source>Open conflicts</source>
        <translation>Xung đột chưa giải quyết</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="329"/>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="330"/>
        <source>Loading the dossier…</source>
        <translation>Đang mở hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="362"/>
        <source>(no code yet)</source>
        <translation>(chưa có mã)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="363"/>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="365"/>
        <source>Status: %1</source>
        <translation>Trạng thái: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="376"/>
        <source>No fee</source>
        <translation>Không thu</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="381"/>
        <source> (in conflict)</source>
        <translation> (đang xung đột)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="390"/>
        <source>(none recorded)</source>
        <translation>(chưa ghi nhận)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="418"/>
        <source>Correction saved. Reprint the receipt (Mẫu 01) with the corrected details?</source>
        <translation>Đã lưu nội dung sửa. In lại Giấy tiếp nhận (Mẫu 01) với thông tin đã sửa?</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="434"/>
        <source>Overdue (due %1)</source>
        <translation>Quá hạn (hẹn %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="436"/>
        <source>Returned on time (due %1)</source>
        <translation>Đã trả đúng hạn (hẹn %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="438"/>
        <source>Due today (%1)</source>
        <translation>Đến hạn hôm nay (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="440"/>
        <source>Due %1</source>
        <translation>Hẹn trả %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="455"/>
        <source>No action: the dossier is closed</source>
        <translation>Không còn thao tác: hồ sơ đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="470"/>
        <source>Changes made at the same time elsewhere disagree. Until you decide, the desk shows one of them.</source>
        <translation>Các thay đổi cùng lúc ở nơi khác không khớp nhau. Cho đến khi bạn quyết định, máy hiển thị tạm một giá trị.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="475"/>
        <source>Resolve: %1</source>
        <translation>Giải quyết: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="487"/>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="488"/>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="529"/>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="637"/>
        <source>Conflict resolved: %1</source>
        <translation>Đã giải quyết xung đột: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="684"/>
        <source>downloading from the province…</source>
        <translation>đang tải về từ tỉnh…</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="686"/>
        <source>not available offline: the province cannot be reached now</source>
        <translation>không xem được khi mất mạng: hiện không kết nối được với tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="688"/>
        <source>not at the province yet: the desk that received it has not synced</source>
        <translation>chưa có ở tỉnh: máy tiếp nhận hồ sơ này chưa đồng bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="733"/>
        <source>%1, %2: this desk cannot show it; use Export… to save a copy where you choose.</source>
        <translation>%1, %2: máy không hiển thị được tệp này; dùng Xuất ra… để lưu một bản vào nơi bạn chọn.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="747"/>
        <source>Export the attachment</source>
        <translation>Xuất tệp đính kèm</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/dossier_view.py" line="769"/>
        <source>Saved to %1</source>
        <translation>Đã lưu vào %1</translation>
    </message>
</context>
<context>
    <name>DossierWords</name>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="39"/>
        <source>Commune</source>
        <translation>Xã</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="40"/>
        <source>Procedure code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="41"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="42"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="43"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="44"/>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="45"/>
        <source>ID number</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="46"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="47"/>
        <source>Phone number</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="48"/>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="49"/>
        <source>Channel</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="50"/>
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="51"/>
        <source>Received by</source>
        <translation>Người tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="52"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="53"/>
        <source>Appointment</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="54"/>
        <source>Sets</source>
        <translation>Số bộ hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="55"/>
        <source>Fee</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="56"/>
        <source>Result delivery</source>
        <translation>Hình thức nhận kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="57"/>
        <source>Register line</source>
        <translation>Số thứ tự trong sổ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="58"/>
        <source>Result returned</source>
        <translation>Đã trả kết quả lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="59"/>
        <location filename="../../desktop/dossier_page/field_words.py" line="60"/>
        <source>Documents</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="61"/>
        <source>Correction</source>
        <translation>Sửa thông tin</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="62"/>
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="63"/>
        <source>Hand-over</source>
        <translation>Bàn giao</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="64"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="65"/>
        <source>Request</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="66"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="67"/>
        <source>Province&apos;s decision</source>
        <translation>Quyết định của cấp tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="95"/>
        <source>(empty)</source>
        <translation>(trống)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="114"/>
        <source>male</source>
        <translation>nam</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="115"/>
        <source>female</source>
        <translation>nữ</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="166"/>
        <source>Corrected: %1 — reason: %2</source>
        <translation>Đã sửa: %1 — lý do: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="185"/>
        <source>this workstation</source>
        <translation>máy này</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="187"/>
        <source>province</source>
        <translation>cấp tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/field_words.py" line="188"/>
        <source>another desk (%1)</source>
        <translation>máy khác (%1)</translation>
    </message>
</context>
<context>
    <name>EmptyQueue</name>
    <message>
        <location filename="../../desktop/main_window.py" line="55"/>
        <source>No dossiers in the queue yet. Dossiers you receive will be listed here.</source>
        <translation>Chưa có hồ sơ nào. Các hồ sơ tiếp nhận sẽ hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="56"/>
        <source>Receive a new dossier (F2)</source>
        <translation>Tiếp nhận hồ sơ mới (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="57"/>
        <source>Available when the dossier screens land</source>
        <translation>Sẽ dùng được khi có màn hình tiếp nhận hồ sơ</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="86"/>
        <source>Provincial server (optional)</source>
        <translation>Máy chủ của tỉnh (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="87"/>
        <source>Step 5 of 5. The desk works fully without it; sync can be set up later.</source>
        <translation>Bước 5/5. Bộ phận Một cửa vẫn làm việc đầy đủ khi chưa kết nối; có thể cài đặt đồng bộ sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="90"/>
        <source>Enrolling connects this desk to the provincial server with the address and one-time code from provincial IT, so dossiers are sent to the province and this desk gets its own block of dossier numbers. Without them, press Next: IT can enrol the desk later.</source>
        <translation>Đăng ký giúp kết nối Bộ phận Một cửa với máy chủ của tỉnh bằng địa chỉ và mã dùng một lần do bộ phận CNTT của tỉnh cấp, để hồ sơ được gửi lên tỉnh và máy này có dải số hồ sơ riêng. Nếu chưa có, bấm Tiếp theo: bộ phận CNTT có thể đăng ký sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="95"/>
        <source>Server &amp;address:</source>
        <translation>&amp;Địa chỉ máy chủ:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="96"/>
        <source>One-time &amp;code:</source>
        <translation>&amp;Mã dùng một lần:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="97"/>
        <source>CA certificate (if IT gave one):</source>
        <translation>Chứng chỉ CA (nếu CNTT có cấp):</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="98"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;họn…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="99"/>
        <source>&amp;Enrol</source>
        <translation>Đăng &amp;ký</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="119"/>
        <source>CA certificate</source>
        <translation>Chứng chỉ CA</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="119"/>
        <source>Certificate (*.pem *.crt);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="133"/>
        <source>The server address starts with https://, for example https://motcua.tinh.gov.vn.</source>
        <translation>Địa chỉ máy chủ bắt đầu bằng https://, ví dụ https://motcua.tinh.gov.vn.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="135"/>
        <source>Type the one-time code from provincial IT.</source>
        <translation>Hãy nhập mã dùng một lần do bộ phận CNTT của tỉnh cấp.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="137"/>
        <source>Choose the commune first (step 1).</source>
        <translation>Hãy chọn xã, phường trước (bước 1).</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="185"/>
        <source>Connecting to the provincial server…</source>
        <translation>Đang kết nối với máy chủ của tỉnh…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="190"/>
        <source>Enrolled. This desk&apos;s dossier numbers: %1, agency identifier %2 (from the province). Press Next.</source>
        <translation>Đã đăng ký. Dải số hồ sơ của máy này: %1, mã định danh cơ quan %2 (do tỉnh cấp). Bấm Tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="202"/>
        <source>You can correct it and press Enrol again, or press Next to continue without enrolling.</source>
        <translation>Có thể sửa lại rồi bấm Đăng ký lần nữa, hoặc bấm Tiếp theo để làm tiếp mà không đăng ký.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="206"/>
        <source>The server does not know this code. Check it with provincial IT.</source>
        <translation>Máy chủ không nhận ra mã này. Hãy kiểm tra lại với bộ phận CNTT của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="207"/>
        <source>This code was already used. Ask provincial IT for a new one.</source>
        <translation>Mã này đã được dùng. Hãy xin bộ phận CNTT của tỉnh mã mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="208"/>
        <source>This code has expired. Ask provincial IT for a new one.</source>
        <translation>Mã này đã hết hạn. Hãy xin bộ phận CNTT của tỉnh mã mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="210"/>
        <source>This code was made for another commune than the one chosen in step 1.</source>
        <translation>Mã này được cấp cho một xã, phường khác với xã, phường đã chọn ở bước 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="213"/>
        <source>The provincial server does not serve the commune chosen in step 1.</source>
        <translation>Máy chủ của tỉnh không phục vụ xã, phường đã chọn ở bước 1.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="216"/>
        <source>The commune has no free block of dossier numbers left. Provincial IT must free one.</source>
        <translation>Xã, phường không còn dải số hồ sơ trống. Bộ phận CNTT của tỉnh cần giải phóng một dải.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="219"/>
        <source>The provincial server refused the enrolment.</source>
        <translation>Máy chủ của tỉnh từ chối đăng ký.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="222"/>
        <source>The provincial server cannot be reached. Check the address, the network cable or Wi-Fi, and the certificate file.</source>
        <translation>Không kết nối được với máy chủ của tỉnh. Hãy kiểm tra địa chỉ, dây mạng hoặc Wi-Fi, và tệp chứng chỉ.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="226"/>
        <source>The provincial server needs a newer version of motcua. Ask IT to update it.</source>
        <translation>Máy chủ của tỉnh cần phiên bản motcua mới hơn. Hãy nhờ bộ phận CNTT cập nhật.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="228"/>
        <source>The provincial server could not enrol this desk (%1).</source>
        <translation>Máy chủ của tỉnh không đăng ký được máy này (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/enrol_page.py" line="230"/>
        <source>The enrolment failed (%1).</source>
        <translation>Đăng ký không thành công (%1).</translation>
    </message>
</context>
<context>
    <name>ExercisesDialog</name>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="41"/>
        <source>Practice exercises</source>
        <translation>Bài tập thực hành</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="46"/>
        <source>Done</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="46"/>
        <source>Exercise</source>
        <translation>Bài tập</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="46"/>
        <source>What the check found</source>
        <translation>Kết quả kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="56"/>
        <source>&amp;Check my work</source>
        <translation>&amp;Kiểm tra bài làm</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="58"/>
        <source>&amp;Reset to the start…</source>
        <translation>Đặt &amp;lại từ đầu…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="59"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="61"/>
        <source>&amp;Trainee:</source>
        <translation>&amp;Học viên:</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="82"/>
        <source>Type your name first: progress is kept per trainee.</source>
        <translation>Hãy gõ họ tên trước: tiến độ được lưu theo từng học viên.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="88"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="108"/>
        <source>Progress: %1 of %2 exercises done.</source>
        <translation>Tiến độ: đã làm đúng %1 trên %2 bài.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/exercises_dialog.py" line="116"/>
        <source>The check could not run (%1).</source>
        <translation>Không kiểm tra được (%1).</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="57"/>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="58"/>
        <source>Check the details, then press Finish to create the desk&apos;s encrypted data.</source>
        <translation>Kiểm tra lại thông tin, rồi bấm Hoàn tất để tạo dữ liệu được mã hoá của Bộ phận Một cửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="70"/>
        <source>Commune: %1</source>
        <translation>Xã/phường: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="71"/>
        <source>Province: %1</source>
        <translation>Tỉnh/thành phố: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="72"/>
        <source>Agency identifier: %1</source>
        <translation>Mã định danh cơ quan: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="73"/>
        <source>Open on Saturday morning: %1</source>
        <translation>Làm việc sáng thứ Bảy: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="74"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="74"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="76"/>
        <source>First clerk: %1</source>
        <translation>Cán bộ đầu tiên: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="77"/>
        <source>Recovery key: %1</source>
        <translation>Khoá khôi phục: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="78"/>
        <source>loaded</source>
        <translation>đã nạp</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="78"/>
        <source>none (skipped)</source>
        <translation>không có (đã bỏ qua)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="83"/>
        <source>Provincial server: enrolled, dossier numbers %1</source>
        <translation>Máy chủ của tỉnh: đã đăng ký, dải số hồ sơ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/finish_page.py" line="85"/>
        <source>Provincial server: not enrolled (the desk works on its own)</source>
        <translation>Máy chủ của tỉnh: chưa đăng ký (máy làm việc độc lập)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="83"/>
        <source>motcua: setting up the one-stop desk</source>
        <translation>motcua: cài đặt Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="84"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="85"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp theo &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="86"/>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="87"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="179"/>
        <source>Creating the encrypted data. This takes a few seconds…</source>
        <translation>Đang tạo dữ liệu mã hoá. Việc này mất vài giây…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/wizard.py" line="199"/>
        <source>The desk could not be set up: %1. Nothing was saved; ask IT for help.</source>
        <translation>Không cài đặt được (%1). Chưa có gì được lưu; hãy nhờ bộ phận CNTT hỗ trợ.</translation>
    </message>
</context>
<context>
    <name>LanDialog</name>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="443"/>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="479"/>
        <source>The LAN is off: this desk syncs with no other desk.</source>
        <translation>Mạng nội bộ đang tắt: máy này không đồng bộ với máy nào khác.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="482"/>
        <source>The LAN is on: this desk listens on port %1.</source>
        <translation>Mạng nội bộ đang bật: máy này nghe ở cổng %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="494"/>
        <source>On the other desk, type this code and the address %1 (valid for 10 minutes).</source>
        <translation>Trên máy kia, gõ mã này và địa chỉ %1 (có hiệu lực 10 phút).</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="501"/>
        <source>Looking for the desks of this commune on the LAN…</source>
        <translation>Đang tìm các máy bàn của xã trong mạng LAN…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="522"/>
        <source>No desk of this commune answered on the LAN (the network may block it, or the desk is on another subnet): type the address the other desk shows.</source>
        <translation>Không máy bàn nào của xã trả lời trong mạng LAN (mạng có thể chặn việc tìm, hoặc máy ở mạng con khác): hãy gõ địa chỉ mà máy kia hiển thị.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="528"/>
        <source>Desks found on the LAN: %1. Choose one, or type the address.</source>
        <translation>Tìm thấy %1 máy bàn trong mạng LAN. Hãy chọn một máy, hoặc gõ địa chỉ.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="553"/>
        <source>Type the address as the other desk shows it, like 192.168.1.20:47470.</source>
        <translation>Gõ địa chỉ như máy kia hiển thị, ví dụ 192.168.1.20:47470.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="562"/>
        <source>Paired with %1. The two desks now sync with each other.</source>
        <translation>Đã ghép nối với %1. Hai máy giờ đồng bộ với nhau.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="572"/>
        <source>Desks of this commune</source>
        <translation>Các máy của xã/phường này</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="573"/>
        <source>Sync with the other desks of this commune over the LAN</source>
        <translation>Đồng bộ với các máy khác của xã/phường qua mạng nội bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="574"/>
        <source>Port</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="575"/>
        <source>This desk&apos;s name</source>
        <translation>Tên máy này</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="576"/>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="579"/>
        <source>Desk</source>
        <translation>Máy</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="580"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="581"/>
        <source>Last contact</source>
        <translation>Liên lạc lần cuối</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="582"/>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="583"/>
        <source>Problem</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="586"/>
        <source>Show a pairing code</source>
        <translation>Hiện mã ghép nối</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="587"/>
        <source>Other desk&apos;s address</source>
        <translation>Địa chỉ máy kia</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="588"/>
        <source>Find desks on the LAN</source>
        <translation>Tìm máy bàn trong mạng LAN</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="591"/>
        <source>Where the LAN does not let desks find each other, type the address the other desk shows.</source>
        <translation>Khi mạng LAN không cho các máy bàn tìm thấy nhau, hãy gõ địa chỉ mà máy kia hiển thị.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="594"/>
        <source>Its pairing code</source>
        <translation>Mã ghép nối của máy kia</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="595"/>
        <source>Pair with that desk</source>
        <translation>Ghép nối với máy đó</translation>
    </message>
</context>
<context>
    <name>LanWords</name>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="66"/>
        <source>The pairing code is wrong (or this address is another desk): check the code and the address.</source>
        <translation>Mã ghép nối sai (hoặc địa chỉ này là một máy khác): hãy kiểm tra mã và địa chỉ.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="69"/>
        <source>The pairing code is no longer valid: show a new code on the other desk.</source>
        <translation>Mã ghép nối đã hết hiệu lực: hãy hiện mã mới trên máy kia.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="72"/>
        <source>The other desk is not showing a pairing code: show a new code on it first.</source>
        <translation>Máy kia không hiện mã ghép nối nào: hãy hiện mã mới trên máy đó trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="74"/>
        <source>A pairing code has 16 letters and digits (four groups of four).</source>
        <translation>Mã ghép nối gồm 16 chữ và số (bốn nhóm, mỗi nhóm bốn ký tự).</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="76"/>
        <source>The other desk works for another commune: desks pair only within one commune.</source>
        <translation>Máy kia thuộc một xã/phường khác: chỉ ghép nối các máy trong cùng một xã/phường.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="78"/>
        <source>A desk cannot pair with itself.</source>
        <translation>Một máy không thể ghép nối với chính nó.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="80"/>
        <source>This desk cannot listen on that port: another program uses it; choose another.</source>
        <translation>Máy này không nghe được ở cổng đó: một chương trình khác đang dùng; hãy chọn cổng khác.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="82"/>
        <source>Turn the LAN on first.</source>
        <translation>Hãy bật mạng nội bộ trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="84"/>
        <source>The desk at this address is not the paired desk (its certificate differs): pair again if it was set up again.</source>
        <translation>Máy ở địa chỉ này không phải máy đã ghép nối (chứng thư khác): nếu máy đó vừa được cài lại, hãy ghép nối lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="88"/>
        <source>The other desk does not know this desk (any more): pair the two desks again.</source>
        <translation>Máy kia không (còn) nhận ra máy này: hãy ghép nối lại hai máy.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="91"/>
        <source>The data from the other desk was changed on the way and was refused: sync again; if it happens again, call IT.</source>
        <translation>Dữ liệu từ máy kia đã bị thay đổi trên đường truyền và bị từ chối: hãy đồng bộ lại; nếu vẫn xảy ra, hãy gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="95"/>
        <source>The other desk cannot be reached: is it on, with the LAN turned on?</source>
        <translation>Không liên lạc được với máy kia: máy đó có đang bật và đã bật mạng nội bộ chưa?</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="98"/>
        <source>The other desk runs another motcua version: update the older one.</source>
        <translation>Máy kia chạy phiên bản motcua khác: hãy cập nhật máy có phiên bản cũ hơn.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="101"/>
        <source>The other desk claims to be a desk the province enrolled with another key: nothing was paired; call IT.</source>
        <translation>Máy kia tự nhận là một máy mà tỉnh đã đăng ký với khóa khác: không ghép nối; hãy gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="105"/>
        <source>Changes between the two desks were refused: some were not signed by the desk that made them (a desk may be writing under another desk&apos;s name). Nothing of them was kept: call IT.</source>
        <translation>Các thay đổi giữa hai máy đã bị từ chối: có thay đổi không mang chữ ký của máy đã tạo ra nó (có thể một máy đang ghi dưới danh nghĩa máy khác). Không giữ lại gì: hãy gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="109"/>
        <source>The other desk could not be reached or refused the request.</source>
        <translation>Không liên lạc được với máy kia hoặc máy đó từ chối yêu cầu.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="204"/>
        <source>motcua: one-stop desk</source>
        <translation>motcua: Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="206"/>
        <source>&amp;Desk</source>
        <translation>&amp;Hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207"/>
        <source>D&amp;ossiers</source>
        <translation>Hồ &amp;sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="208"/>
        <source>&amp;Tools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>&amp;Receive a new dossier</source>
        <translation>&amp;Tiếp nhận hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="212"/>
        <source>Receive a new dossier (F2)</source>
        <translation>Tiếp nhận hồ sơ mới (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="214"/>
        <source>Available when the dossier screens land</source>
        <translation>Sẽ dùng được khi có màn hình tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="216"/>
        <source>&amp;Find a dossier</source>
        <translation>&amp;Tìm hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="217"/>
        <source>Re&amp;fresh the queue</source>
        <translation>&amp;Làm mới danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="218"/>
        <source>&amp;Reports</source>
        <translation>&amp;Báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="219"/>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Khoá máy</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="220"/>
        <source>Lock the desk now (Ctrl+L)</source>
        <translation>Khoá máy ngay (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="221"/>
        <source>&amp;Switch clerk…</source>
        <translation>Đổi &amp;cán bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="222"/>
        <source>&amp;Settings…</source>
        <translation>Cài đặ&amp;t…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="223"/>
        <source>Language, font size, auto-lock (Ctrl+,)</source>
        <translation>Ngôn ngữ, cỡ chữ, tự khoá máy (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="224"/>
        <source>&amp;Clerks…</source>
        <translation>&amp;Cán bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="225"/>
        <source>The desk&apos;s clerk accounts (Ctrl+Shift+K)</source>
        <translation>Tài khoản cán bộ của bàn làm việc (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="226"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="227"/>
        <source>&amp;About motcua</source>
        <translation>&amp;Giới thiệu motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="228"/>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="229"/>
        <source>Clerk: %1</source>
        <translation>Cán bộ: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="230"/>
        <source>Not connected to the provincial server</source>
        <translation>Chưa kết nối máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="247"/>
        <source>About motcua</source>
        <translation>Giới thiệu motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="249"/>
        <source>motcua: receiving and returning dossiers at the commune one-stop desk.</source>
        <translation>motcua: tiếp nhận và trả kết quả hồ sơ tại Bộ phận Một cửa cấp xã.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="254"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>NewClerkChecks</name>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="21"/>
        <source>Too short</source>
        <translation>Quá ngắn</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="22"/>
        <source>Fair: a longer passphrase is safer</source>
        <translation>Tạm được: mật khẩu dài hơn sẽ an toàn hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="23"/>
        <source>Good</source>
        <translation>Tốt</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="24"/>
        <source>Strong</source>
        <translation>Rất tốt</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="34"/>
        <source>Enter a login name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="36"/>
        <source>The login name cannot hold special invisible characters.</source>
        <translation>Tên đăng nhập không được chứa ký tự đặc biệt ẩn.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="40"/>
        <source>Enter the clerk&apos;s full name.</source>
        <translation>Hãy nhập họ và tên của cán bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="42"/>
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>Mật khẩu quá ngắn: hãy dùng ít nhất %n ký tự.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_clerk_checks.py" line="49"/>
        <source>The two passphrases are not the same. Type them again.</source>
        <translation>Hai mật khẩu không giống nhau. Hãy nhập lại.</translation>
    </message>
</context>
<context>
    <name>NewDossier</name>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="26"/>
        <source>Monday</source>
        <translation>thứ Hai</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="27"/>
        <source>Tuesday</source>
        <translation>thứ Ba</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="28"/>
        <source>Wednesday</source>
        <translation>thứ Tư</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="29"/>
        <source>Thursday</source>
        <translation>thứ Năm</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="30"/>
        <source>Friday</source>
        <translation>thứ Sáu</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="31"/>
        <source>Saturday</source>
        <translation>thứ Bảy</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="32"/>
        <source>Sunday</source>
        <translation>Chủ nhật</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="49"/>
        <source>Same working day</source>
        <translation>Trong ngày làm việc</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="50"/>
        <source>Same working day (received from {time} on: the next working day)</source>
        <translation>Trong ngày làm việc (nhận từ {time}: ngày làm việc tiếp theo)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="55"/>
        <source>, the day of receipt counted</source>
        <translation>, tính cả ngày tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="63"/>
        <source>No fee</source>
        <translation>Không thu</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="66"/>
        <source>{amount} per copy</source>
        <translation>{amount} mỗi bản</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="69"/>
        <source>{amount} per dossier</source>
        <translation>{amount} mỗi hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="74"/>
        <source>{price} per page from page {page}</source>
        <translation>{price} mỗi trang từ trang {page}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="81"/>
        <source> (at most {cap} per copy)</source>
        <translation> (tối đa {cap} mỗi bản)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="86"/>
        <source>Set by the province</source>
        <translation>Do tỉnh quy định</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="126"/>
        <source>received after {time}</source>
        <translation>nhận sau {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="132"/>
        <source>received after closing time ({time})</source>
        <translation>nhận sau giờ làm việc ({time})</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="137"/>
        <source>received on a day off</source>
        <translation>nhận vào ngày nghỉ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="140"/>
        <source>{holiday} holiday {days}</source>
        <translation>nghỉ {holiday} {days}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="146"/>
        <source>weekend</source>
        <translation>nghỉ cuối tuần</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="148"/>
        <source>a make-up working day counted</source>
        <translation>có tính ngày làm bù</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="155"/>
        <source>Appointment: {weekday} {date}</source>
        <translation>Hẹn trả: {weekday} {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="164"/>
        <location filename="../../desktop/new_dossier/wording.py" line="173"/>
        <source>the scanned text</source>
        <translation>nội dung quét</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="165"/>
        <source>the ID number</source>
        <translation>số định danh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="166"/>
        <source>the old ID number</source>
        <translation>số CMND cũ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="167"/>
        <source>the full name</source>
        <translation>họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="168"/>
        <source>the birth date</source>
        <translation>ngày sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="169"/>
        <source>the sex</source>
        <translation>giới tính</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="170"/>
        <source>the permanent address</source>
        <translation>nơi thường trú</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="171"/>
        <source>the issue date</source>
        <translation>ngày cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="178"/>
        <source>nothing was scanned</source>
        <translation>chưa quét được gì</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="179"/>
        <source>two scans ran together: scan one card at a time</source>
        <translation>hai lần quét bị dính vào nhau: quét từng thẻ một</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="182"/>
        <source>this is not the QR code of a chip ID card</source>
        <translation>đây không phải mã QR của thẻ căn cước gắn chip</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="183"/>
        <source>the text ends with extra separators</source>
        <translation>cuối nội dung có thêm dấu phân cách</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="186"/>
        <source>the text has a field too many</source>
        <translation>nội dung thừa một trường</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="187"/>
        <source>it is missing (the scan is incomplete)</source>
        <translation>bị thiếu (quét chưa trọn)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="188"/>
        <source>it must be 8 digits, DDMMYYYY</source>
        <translation>phải có 8 chữ số, DDMMYYYY</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="189"/>
        <source>it is not a real date</source>
        <translation>không phải ngày có thật</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="190"/>
        <source>it is after today</source>
        <translation>sau ngày hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="191"/>
        <source>it is not after the birth date</source>
        <translation>không sau ngày sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="192"/>
        <source>it must be Nam or Nữ</source>
        <translation>phải là Nam hoặc Nữ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="193"/>
        <source>it contains characters other than letters</source>
        <translation>có ký tự không phải chữ cái</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="194"/>
        <source>it has no letters</source>
        <translation>không có chữ cái</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="195"/>
        <source>it contains unreadable characters</source>
        <translation>có ký tự không đọc được</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="196"/>
        <source>it has the wrong number of digits</source>
        <translation>sai số chữ số</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="197"/>
        <source>it may contain only digits</source>
        <translation>chỉ được có chữ số</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="198"/>
        <source>its first three digits are not a known place</source>
        <translation>ba chữ số đầu không phải mã nơi đăng ký khai sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="201"/>
        <source>it does not agree with the birth date or sex</source>
        <translation>không khớp với ngày sinh hoặc giới tính</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="205"/>
        <source>it is not valid</source>
        <translation>không hợp lệ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="212"/>
        <source>Scan not used: {field}: {problem}. Nothing was changed; scan the card again or type.</source>
        <translation>Không dùng lần quét này: {field} {problem}. Chưa thay đổi gì; hãy quét lại thẻ hoặc nhập tay.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="224"/>
        <source>its 4th digit says a different sex</source>
        <translation>chữ số thứ 4 cho biết giới tính khác</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="227"/>
        <source>its 4th–6th digits say born in {year}</source>
        <translation>chữ số thứ 4–6 cho biết sinh năm {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="231"/>
        <source>The ID number does not match the birth date or sex: {detail}.</source>
        <translation>Số định danh không khớp với ngày sinh hoặc giới tính: {detail}.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="235"/>
        <source>The ID number must have 12 digits; this one has {n}.</source>
        <translation>Số định danh phải có 12 chữ số; số này có {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="239"/>
        <source>The ID number may contain only the digits 0–9.</source>
        <translation>Số định danh chỉ gồm các chữ số 0–9.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="241"/>
        <source>The first three digits of the ID number are not a known place of birth registration.</source>
        <translation>Ba chữ số đầu của số định danh không phải mã nơi đăng ký khai sinh.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/wording.py" line="245"/>
        <source>The ID number is empty.</source>
        <translation>Chưa nhập số định danh.</translation>
    </message>
</context>
<context>
    <name>NewDossierDialog</name>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="227"/>
        <source>New dossier</source>
        <translation>Tiếp nhận hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="228"/>
        <source>Fee and appointment</source>
        <translation>Lệ phí và ngày hẹn trả</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="245"/>
        <source>Fee set by the province (đồng):</source>
        <translation>Lệ phí do tỉnh quy định (đồng):</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="230"/>
        <source>Pa&amp;ges:</source>
        <translation>Số tr&amp;ang:</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="231"/>
        <source>C&amp;opies:</source>
        <translation>Số &amp;bản:</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="232"/>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="233"/>
        <source>&amp;Print again (F9)</source>
        <translation>&amp;In lại (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="234"/>
        <source>Save as P&amp;DF…</source>
        <translation>Lưu thành P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="237"/>
        <source>Choose the procedure to see the appointment date.</source>
        <translation>Chọn thủ tục để xem ngày hẹn trả.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="243"/>
        <source>Fee, only when not exempt (đồng):</source>
        <translation>Lệ phí, chỉ khi không được miễn (đồng):</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="262"/>
        <source>Supplement request — Mẫu 02 (F10)</source>
        <translation>Phiếu yêu cầu bổ sung — Mẫu 02 (F10)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="264"/>
        <source>Save and print the receipt (F10)</source>
        <translation>Lưu và in giấy tiếp nhận (F10)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="275"/>
        <source>Computing the appointment…</source>
        <translation>Đang tính ngày hẹn trả…</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="341"/>
        <source>Fee: {amount} (typed by the clerk)</source>
        <translation>Lệ phí: {amount} (cán bộ nhập)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="344"/>
        <source>Fee: {amount}</source>
        <translation>Lệ phí: {amount}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="348"/>
        <source>Fee: none</source>
        <translation>Lệ phí: không thu</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="360"/>
        <source>The province&apos;s fee table has no amount for this procedure: type the fee the citizen pays.</source>
        <translation>Bảng lệ phí của tỉnh chưa có mức thu cho thủ tục này: hãy nhập số tiền công dân phải nộp.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="367"/>
        <source>The appointment cannot be computed: {detail}</source>
        <translation>Không tính được ngày hẹn trả: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="394"/>
        <source>Choose the procedure first (F3).</source>
        <translation>Hãy chọn thủ tục trước (F3).</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="403"/>
        <source>Scans are still being attached: save again in a moment.</source>
        <translation>Bản quét đang được đính kèm: lát nữa hãy lưu lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="406"/>
        <source>Type the fee set by the province before saving.</source>
        <translation>Hãy nhập lệ phí do tỉnh quy định trước khi lưu.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="438"/>
        <source>Saved. Dossier code: {code}</source>
        <translation>Đã lưu. Mã hồ sơ: {code}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="451"/>
        <source>Not accepted: %n required document(s) missing. Recorded as waiting for a supplement.</source>
        <translation>
            <numerusform>Chưa tiếp nhận: thiếu %n giấy tờ bắt buộc. Đã ghi hồ sơ chờ bổ sung.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="465"/>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="479"/>
        <source>The dossier was not saved: {detail}. Nothing typed is lost.</source>
        <translation>Hồ sơ chưa được lưu: {detail}. Dữ liệu đã nhập không bị mất.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="499"/>
        <source>Save the form as PDF</source>
        <translation>Lưu phiếu thành PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="502"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="516"/>
        <source>The PDF could not be written there. Check the folder or USB stick (full? locked?) and try again.</source>
        <translation>Không ghi được tệp PDF vào chỗ đó. Kiểm tra thư mục hoặc USB (đầy? bị khóa?) rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="557"/>
        <source>Discard this dossier?</source>
        <translation>Bỏ hồ sơ này?</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="558"/>
        <source>What you typed for this dossier will be lost. Discard it?</source>
        <translation>Những gì đã nhập cho hồ sơ này sẽ mất. Bỏ hồ sơ?</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="563"/>
        <source>Discard</source>
        <translation>Bỏ hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/new_dossier_dialog.py" line="564"/>
        <source>Keep typing</source>
        <translation>Tiếp tục nhập</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="98"/>
        <source>Agency and opening hours</source>
        <translation>Cơ quan và giờ làm việc</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="99"/>
        <source>Step 2 of 5. These appear on receipts and set the appointment dates.</source>
        <translation>Bước 2/5. Thông tin này in trên giấy tiếp nhận và dùng để tính ngày hẹn trả kết quả.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="100"/>
        <source>&amp;Agency identifier:</source>
        <translation>Mã định danh &amp;cơ quan:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="103"/>
        <source>The electronic identifier issued by the province (for example 000.00.01.H22). Until you have it, the commune&apos;s official code filled in here works; it starts every dossier code.</source>
        <translation>Mã định danh điện tử do tỉnh cấp (ví dụ 000.00.01.H22). Khi chưa có, có thể dùng mã chính thức của xã đã điền sẵn ở đây; mã này đứng đầu mọi mã số hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="107"/>
        <source>Opening hours</source>
        <translation>Giờ làm việc</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="108"/>
        <source>Morning:</source>
        <translation>Buổi sáng:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="109"/>
        <source>Afternoon:</source>
        <translation>Buổi chiều:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="111"/>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="112"/>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="113"/>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="114"/>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="115"/>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="119"/>
        <source>Also open on &amp;Saturday morning</source>
        <translation>Làm việc cả &amp;sáng thứ Bảy</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="121"/>
        <source>Saturday morning counts as a working day for appointment dates</source>
        <translation>Tính sáng thứ Bảy là ngày làm việc khi hẹn ngày trả kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="154"/>
        <source>The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22.</source>
        <translation>Mã định danh cơ quan chỉ gồm chữ in hoa, chữ số và dấu chấm, ví dụ 000.00.01.H22.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="159"/>
        <source>Each opening period must start before it ends.</source>
        <translation>Giờ bắt đầu của mỗi buổi phải trước giờ kết thúc.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="161"/>
        <source>The afternoon must start after the morning ends.</source>
        <translation>Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/office_page.py" line="163"/>
        <source>Choose at least one working day.</source>
        <translation>Hãy chọn ít nhất một ngày làm việc.</translation>
    </message>
</context>
<context>
    <name>PeersView</name>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="298"/>
        <location filename="../../desktop/sync_panel/peers_view.py" line="311"/>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="302"/>
        <source>%1: %2, %3 waiting</source>
        <translation>%1: %2, %3 chờ gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="313"/>
        <source>%1 (%4): last contact %2, %3 change(s) of this desk waiting for it</source>
        <translation>%1 (%4): liên lạc lần cuối %2, %3 thay đổi của máy này đang chờ gửi cho máy đó</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="326"/>
        <source>No other desk paired</source>
        <translation>Chưa ghép nối với máy nào khác</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="345"/>
        <source>Desks…</source>
        <translation>Các máy…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/peers_view.py" line="346"/>
        <source>The other desks of this commune: pairing and the LAN</source>
        <translation>Các máy khác của xã/phường: ghép nối và mạng nội bộ</translation>
    </message>
</context>
<context>
    <name>PracticeDesk</name>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="129"/>
        <source>&amp;Practice</source>
        <translation>&amp;Thực hành</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="130"/>
        <source>&amp;Exercises…</source>
        <translation>&amp;Bài tập…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="133"/>
        <source>Print the practice &amp;cards…</source>
        <translation>In &amp;thẻ công dân thực hành…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="135"/>
        <source>&amp;Reset the practice data…</source>
        <translation>Đặt &amp;lại dữ liệu thực hành…</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="137"/>
        <source>&amp;Leave practice mode</source>
        <translation>Th&amp;oát chế độ thực hành</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="166"/>
        <source>Practice mode never writes a USB bundle: practice data must not reach the province.</source>
        <translation>Chế độ thực hành không bao giờ ghi tệp USB: dữ liệu thực hành không được gửi lên tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="169"/>
        <source>Practice mode never reads a USB bundle: real data must not enter the practice store.</source>
        <translation>Chế độ thực hành không bao giờ đọc tệp USB: dữ liệu thật không được đưa vào kho thực hành.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="171"/>
        <source>Practice mode never enrols with the provincial server.</source>
        <translation>Chế độ thực hành không bao giờ đăng ký máy với máy chủ tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="174"/>
        <source>Practice mode</source>
        <translation>Chế độ thực hành</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="204"/>
        <source>Save the practice cards</source>
        <translation>Lưu thẻ công dân thực hành</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="204"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="214"/>
        <source>The practice cards could not be written there. Check the folder and try again.</source>
        <translation>Không ghi được thẻ thực hành vào đó. Hãy kiểm tra thư mục rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="220"/>
        <source>Practice cards saved.</source>
        <translation>Đã lưu thẻ thực hành.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="229"/>
        <source>Delete everything done in practice mode and start again with the sample dossiers? Real data is not touched.</source>
        <translation>Xóa mọi việc đã làm trong chế độ thực hành và bắt đầu lại với hồ sơ mẫu? Dữ liệu thật không bị ảnh hưởng.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="233"/>
        <source>The progress of %1 starts again too.</source>
        <translation>Tiến độ của %1 cũng được tính lại từ đầu.</translation>
    </message>
    <message>
        <location filename="../../desktop/practice/practice_desk.py" line="235"/>
        <source>Reset the practice data</source>
        <translation>Đặt lại dữ liệu thực hành</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="52"/>
        <source>&amp;Procedure (code or words, F3)</source>
        <translation>&amp;Thủ tục (mã hoặc tên, F3)</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="53"/>
        <source>e.g. khai sinh, 1.001193</source>
        <translation>ví dụ: khai sinh, 1.001193</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="73"/>
        <source>not confirmed</source>
        <translation>chưa xác nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="78"/>
        <source>This catalogue entry is not confirmed by an official source: {source}</source>
        <translation>Thủ tục này chưa được nguồn chính thức xác nhận: {source}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="99"/>
        <source>No procedure chosen yet.</source>
        <translation>Chưa chọn thủ tục.</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="103"/>
        <source>Time by law: {time}</source>
        <translation>Thời hạn giải quyết: {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="104"/>
        <source>Fee: {rule}</source>
        <translation>Lệ phí: {rule}</translation>
    </message>
    <message>
        <location filename="../../desktop/new_dossier/procedure_picker.py" line="108"/>
        <source>Catalogue entry not confirmed (source: {source})</source>
        <translation>Thủ tục chưa xác nhận (nguồn: {source})</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../desktop/queue_model.py" line="259"/>
        <source>Two desks changed this dossier differently: open it to choose</source>
        <translation>Hai máy đã sửa hồ sơ này khác nhau: mở hồ sơ để chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="262"/>
        <source>Sent to the provincial server</source>
        <translation>Đã gửi lên máy chủ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="264"/>
        <source>Not yet sent to the provincial server</source>
        <translation>Chưa gửi lên máy chủ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="284"/>
        <source>(no code yet)</source>
        <translation>(chưa có mã)</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="297"/>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="299"/>
        <location filename="../../desktop/queue_view.py" line="338"/>
        <source>due today</source>
        <translation>hạn hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="301"/>
        <source>due soon</source>
        <translation>sắp đến hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="313"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="314"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="315"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="316"/>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="317"/>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="318"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="319"/>
        <source>Conflict</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_model.py" line="320"/>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../desktop/queue_view.py" line="294"/>
        <source>Showing %1 of %2 matches: refine the search to see the others</source>
        <translation>Đang hiện %1 trong %2 kết quả: hãy tìm cụ thể hơn để thấy các hồ sơ khác</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/queue_view.py" line="299"/>
        <source>%n dossier(s) found</source>
        <translation>
            <numerusform>Tìm thấy %n hồ sơ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/queue_view.py" line="301"/>
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n hồ sơ</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="305"/>
        <source>No dossier matches this search in this list. Try the filter “All”.</source>
        <translation>Không có hồ sơ nào khớp trong danh sách này. Thử bộ lọc “Tất cả”.</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="308"/>
        <source>No dossiers in this list.</source>
        <translation>Danh sách này chưa có hồ sơ nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="314"/>
        <source>Received today</source>
        <translation>Nhận hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="315"/>
        <source>Due today</source>
        <translation>Hẹn trả hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="316"/>
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="317"/>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="318"/>
        <source>Awaiting supplement</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="319"/>
        <source>With conflicts</source>
        <translation>Có xung đột</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="320"/>
        <source>Not yet synced</source>
        <translation>Chưa đồng bộ</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="321"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="351"/>
        <source>Search: name (with or without accents), ID number, code, phone (Ctrl+F)</source>
        <translation>Tìm: họ tên (có dấu hoặc không dấu), số CCCD, mã hồ sơ, số điện thoại (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="353"/>
        <source>Search the queue</source>
        <translation>Tìm trong danh sách hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/queue_view.py" line="354"/>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="45"/>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="86"/>
        <source>Province recovery key</source>
        <translation>Khoá khôi phục của tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="46"/>
        <source>Step 4 of 5. A safety net for forgotten passphrases.</source>
        <translation>Bước 4/5. Phòng khi quên mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="49"/>
        <source>Provincial IT gives each commune a small file ending in .pem: the province&apos;s recovery key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and only they, with the secret half kept at the province) can open this computer&apos;s data again and set a new passphrase. The file holds no secret and does not let anyone read the data.</source>
        <translation>Bộ phận CNTT của tỉnh cấp cho mỗi xã một tệp nhỏ có đuôi .pem: khoá khôi phục của tỉnh. Nhờ tệp này, nếu mọi cán bộ của Bộ phận Một cửa đều quên mật khẩu, bộ phận CNTT của tỉnh (và chỉ họ, với nửa khoá bí mật giữ tại tỉnh) có thể mở lại dữ liệu trên máy này và đặt mật khẩu mới. Tệp này không chứa bí mật và không giúp ai đọc được dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="55"/>
        <source>&amp;Choose the key file…</source>
        <translation>&amp;Chọn tệp khoá…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="56"/>
        <source>&amp;Skip: I have no key file from IT</source>
        <translation>&amp;Bỏ qua: tôi chưa có tệp khoá từ bộ phận CNTT</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="63"/>
        <source>Key loaded. Fingerprint (compare with IT): %1</source>
        <translation>Đã nạp khoá. Dấu vân tay (đối chiếu với bộ phận CNTT): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="67"/>
        <source>This file is not a province recovery key. Ask IT for the right .pem file.</source>
        <translation>Tệp này không phải khoá khôi phục của tỉnh. Hãy xin bộ phận CNTT đúng tệp .pem.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="70"/>
        <source>No key file chosen yet.</source>
        <translation>Chưa chọn tệp khoá.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="75"/>
        <source>Warning: without the recovery key, a passphrase that every clerk forgets can never be recovered, and the data on this computer is then lost. IT can add the key later.</source>
        <translation>Cảnh báo: nếu không có khoá khôi phục, khi mọi cán bộ đều quên mật khẩu thì không thể khôi phục được và dữ liệu trên máy này sẽ bị mất. Bộ phận CNTT có thể thêm khoá sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard/recovery_page.py" line="86"/>
        <source>Recovery key (*.pem);;All files (*)</source>
        <translation>Khoá khôi phục (*.pem);;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>ReferenceStatus</name>
    <message>
        <location filename="../../desktop/reference_status.py" line="187"/>
        <source>Catalogue v%1</source>
        <translation>Danh mục v%1</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="188"/>
        <source>Catalogue of procedures: version %1</source>
        <translation>Danh mục thủ tục: phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="190"/>
        <source>The province&apos;s fee table: version %1</source>
        <translation>Biểu phí của tỉnh: phiên bản %1</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="193"/>
        <source>Catalogue v%1 (a new one waits)</source>
        <translation>Danh mục v%1 (có bản mới đang chờ)</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="196"/>
        <source>The province published a new catalogue or fee table. It is used as soon as the reception being typed is finished or closed.</source>
        <translation>Tỉnh đã công bố danh mục hoặc biểu phí mới. Bản mới được dùng ngay khi hồ sơ đang nhập được lưu hoặc đóng lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="207"/>
        <source>This computer&apos;s clock is %1 minutes ahead of the provincial server&apos;s. Receipts, appointment dates and dossier numbers use it: ask IT to set the clock right.</source>
        <translation>Đồng hồ của máy này đang chạy nhanh %1 phút so với máy chủ của tỉnh. Giấy tiếp nhận, ngày hẹn trả và số hồ sơ dùng đồng hồ này: hãy báo IT chỉnh lại giờ.</translation>
    </message>
    <message>
        <location filename="../../desktop/reference_status.py" line="212"/>
        <source>This computer&apos;s clock is %1 minutes behind the provincial server&apos;s. Receipts, appointment dates and dossier numbers use it: ask IT to set the clock right.</source>
        <translation>Đồng hồ của máy này đang chạy chậm %1 phút so với máy chủ của tỉnh. Giấy tiếp nhận, ngày hẹn trả và số hồ sơ dùng đồng hồ này: hãy báo IT chỉnh lại giờ.</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="173"/>
        <source>The end date is before the start date. Change one of them.</source>
        <translation>Ngày kết thúc trước ngày bắt đầu. Hãy sửa một trong hai ngày.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="177"/>
        <source>Reading the dossiers…</source>
        <translation>Đang đọc hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="201"/>
        <source>The dossiers could not be read. Try again; if it keeps failing, call IT.</source>
        <translation>Không đọc được hồ sơ. Thử lại; nếu vẫn lỗi, gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="216"/>
        <source>All procedures</source>
        <translation>Tất cả thủ tục</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="229"/>
        <source>Choose the period and press Show.</source>
        <translation>Chọn khoảng thời gian rồi bấm Xem.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="233"/>
        <source>%1: %2 dossiers received; early %3, on time %4, late %5, pending %6.</source>
        <translation>%1: tiếp nhận %2 hồ sơ; trước hạn %3, đúng hạn %4, trễ hạn %5, đang giải quyết %6.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="260"/>
        <source>Writing the file…</source>
        <translation>Đang ghi tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="270"/>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="278"/>
        <source>The file could not be written. Check the folder or USB stick (full? locked?) and try again.</source>
        <translation>Không ghi được tệp. Kiểm tra thư mục hoặc USB (đầy? bị khóa?) rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="291"/>
        <source>Save the report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="301"/>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="302"/>
        <source>&amp;From</source>
        <translation>&amp;Từ ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="303"/>
        <source>&amp;To</source>
        <translation>Đế&amp;n ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="304"/>
        <source>&amp;Show</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="305"/>
        <source>Register (Mẫu 07)</source>
        <translation>Sổ theo dõi (Mẫu 07)</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="306"/>
        <source>On-time statistics</source>
        <translation>Thống kê đúng hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="307"/>
        <source>Register PDF…</source>
        <translation>Sổ theo dõi PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="308"/>
        <source>Statistics PDF…</source>
        <translation>Thống kê PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="309"/>
        <source>Excel (XLSX)…</source>
        <translation>Excel (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="310"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="313"/>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="314"/>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="315"/>
        <location filename="../../desktop/reports/reports_dialog.py" line="325"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="316"/>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="317"/>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="318"/>
        <source>Appointment</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="319"/>
        <source>Returned</source>
        <translation>Ngày trả</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="320"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>Early</source>
        <translation>Trước hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>Late</source>
        <translation>Trễ hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="323"/>
        <source>Pending</source>
        <translation>Đang giải quyết</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="325"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="325"/>
        <source>On-time share</source>
        <translation>Tỉ lệ đúng hạn</translation>
    </message>
    <message>
        <location filename="../../desktop/reports/reports_dialog.py" line="327"/>
        <source>No dossiers in this period</source>
        <translation>Không có hồ sơ trong khoảng thời gian này</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="74"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="75"/>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="76"/>
        <source>&amp;Font size:</source>
        <translation>&amp;Cỡ chữ:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="77"/>
        <source>&amp;Lock the desk after:</source>
        <translation>&amp;Tự khoá máy sau:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="78"/>
        <source>pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="79"/>
        <source>minutes without use</source>
        <translation>phút không sử dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="80"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="81"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>StatusActions</name>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="59"/>
        <source>Apologise and set a new date</source>
        <translation>Xin lỗi và hẹn lại ngày trả (Mẫu 04)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="138"/>
        <source>Processing</source>
        <translation>Bộ phận chuyên môn</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="162"/>
        <source>List every missing or incomplete document, in one go: none was listed.</source>
        <translation>Phải liệt kê một lần mọi giấy tờ còn thiếu hoặc chưa đúng: chưa có giấy tờ nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="166"/>
        <source>The new appointment date must be after the current one (%1).</source>
        <translation>Ngày hẹn mới phải sau ngày hẹn hiện tại (%1).</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="170"/>
        <source>Something the form must state is empty: fill in every line and the reason.</source>
        <translation>Còn nội dung bắt buộc để trống: hãy điền đủ từng dòng và lý do.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="174"/>
        <source>This form needs the dossier&apos;s code; it has none yet.</source>
        <translation>Mẫu này cần mã hồ sơ; hồ sơ chưa có mã.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="178"/>
        <source>This form needs an appointment date; there is none.</source>
        <translation>Mẫu này cần ngày hẹn trả; hồ sơ chưa có.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="182"/>
        <source>This change is not allowed for the dossier&apos;s present status.</source>
        <translation>Không được thực hiện thay đổi này ở trạng thái hiện tại của hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="186"/>
        <source>This part of the dossier has an open conflict: resolve the conflict first.</source>
        <translation>Phần này của hồ sơ đang có xung đột: hãy giải quyết xung đột trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="190"/>
        <source>The status changed meanwhile (another desk or the province): look at the page again and retry.</source>
        <translation>Trạng thái vừa được thay đổi ở nơi khác (máy khác hoặc cấp tỉnh): hãy xem lại hồ sơ rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="195"/>
        <source>Only the province may change this.</source>
        <translation>Chỉ cấp tỉnh được thay đổi nội dung này.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="197"/>
        <source>The attachment cannot be read: it is missing or damaged.</source>
        <translation>Không đọc được tệp đính kèm: tệp bị thiếu hoặc hỏng.</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="201"/>
        <source>The desk refused this: %1</source>
        <translation>Máy từ chối thao tác này: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/status_actions.py" line="204"/>
        <source>Something went wrong; nothing was changed. Try again, or tell IT (%1).</source>
        <translation>Có lỗi xảy ra; chưa có gì bị thay đổi. Hãy thử lại, hoặc báo cho bộ phận CNTT (%1).</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="183"/>
        <source>Export for the province</source>
        <translation>Xuất dữ liệu gửi tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="188"/>
        <source>Import from USB</source>
        <translation>Nhập từ USB</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="244"/>
        <source>Scans: %1 of %2 (%3 of %4)</source>
        <translation>Bản quét: %1 / %2 (%3 / %4)</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="254"/>
        <source>%1 of %2 changes, %3</source>
        <translation>%1/%2 thay đổi, %3</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="261"/>
        <source>%1 transferred</source>
        <translation>Đã truyền %1</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="303"/>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="304"/>
        <source>Sync with the provincial server now (F9)</source>
        <translation>Đồng bộ với máy chủ của tỉnh ngay (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="305"/>
        <source>Export for the province…</source>
        <translation>Xuất dữ liệu gửi tỉnh…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="306"/>
        <source>Import from USB…</source>
        <translation>Nhập từ USB…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="307"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_status_widget.py" line="308"/>
        <source>Exchange data with the province on a USB stick</source>
        <translation>Trao đổi dữ liệu với tỉnh qua USB</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="45"/>
        <source>Ask IT to install the newest motcua; your work on this desk is kept.</source>
        <translation>Đề nghị bộ phận CNTT cài bản motcua mới nhất; dữ liệu trên máy này vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="48"/>
        <source>The provincial server cannot be reached.</source>
        <translation>Không kết nối được máy chủ của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="49"/>
        <source>Check the network cable or Wi-Fi. Keep working: the desk syncs again later.</source>
        <translation>Kiểm tra dây mạng hoặc Wi-Fi. Cứ tiếp tục làm việc: máy sẽ đồng bộ lại sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="52"/>
        <source>The connection was lost during the sync.</source>
        <translation>Mất kết nối trong khi đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="60"/>
        <source>Provincial IT has switched this workstation off for syncing.</source>
        <translation>Bộ phận CNTT của tỉnh đã ngừng cho máy trạm này đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="61"/>
        <source>Ask provincial IT for a new enrolment code and enrol again.</source>
        <translation>Xin bộ phận CNTT của tỉnh mã đăng ký mới rồi đăng ký lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="63"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="64"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="65"/>
        <source>The software needs updating.</source>
        <translation>Cần cập nhật phần mềm.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="67"/>
        <source>The provincial server is busy.</source>
        <translation>Máy chủ của tỉnh đang bận.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="53"/>
        <source>Nothing received was lost. The desk tries again by itself.</source>
        <translation>Dữ liệu đã nhận không bị mất. Máy tự đồng bộ lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="56"/>
        <source>The provincial server did not accept this workstation: it must be enrolled again.</source>
        <translation>Máy chủ của tỉnh không chấp nhận máy trạm này: cần đăng ký lại máy trạm.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="57"/>
        <source>Ask provincial IT for a new enrolment code and enrol this workstation again.</source>
        <translation>Đề nghị bộ phận CNTT của tỉnh cấp mã đăng ký mới và đăng ký lại máy trạm này.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="68"/>
        <source>The desk tries again by itself when the server says it may.</source>
        <translation>Máy tự đồng bộ lại khi máy chủ cho phép.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="71"/>
        <source>The provincial server had a problem.</source>
        <translation>Máy chủ của tỉnh gặp sự cố.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="72"/>
        <source>Try again later. If it lasts, call provincial IT.</source>
        <translation>Thử lại sau. Nếu vẫn lỗi, gọi bộ phận CNTT của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="75"/>
        <source>The provincial server refused some of the data.</source>
        <translation>Máy chủ của tỉnh từ chối một phần dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="76"/>
        <source>Call provincial IT; the data stays safe on this desk.</source>
        <translation>Gọi bộ phận CNTT của tỉnh; dữ liệu vẫn an toàn trên máy này.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="79"/>
        <source>Too much data for one transfer.</source>
        <translation>Dữ liệu quá lớn cho một lần gửi.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="80"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="149"/>
        <source>Try again; if it keeps failing, call IT.</source>
        <translation>Thử lại; nếu vẫn lỗi, gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="83"/>
        <source>The other workstation refused the pairing code.</source>
        <translation>Máy trạm kia từ chối mã ghép nối.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="84"/>
        <source>Pair the two workstations again with a new code.</source>
        <translation>Ghép nối lại hai máy trạm bằng một mã mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="87"/>
        <source>The other side is not the one this desk was set up to sync with.</source>
        <translation>Bên kia không phải là nơi máy này được thiết lập để đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="88"/>
        <source>Check the address in the settings, or call IT.</source>
        <translation>Kiểm tra địa chỉ trong phần cài đặt, hoặc gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="91"/>
        <source>Damaged data arrived during the sync; it was not used.</source>
        <translation>Dữ liệu nhận được khi đồng bộ bị hỏng; dữ liệu đó không được dùng.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="92"/>
        <source>Press Sync now again; if it happens again, call IT.</source>
        <translation>Bấm Đồng bộ ngay lần nữa; nếu vẫn xảy ra, gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="95"/>
        <source>The other side refused the sync.</source>
        <translation>Bên kia từ chối đồng bộ.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="96"/>
        <source>Call IT and tell them the time of this message.</source>
        <translation>Gọi bộ phận CNTT và báo thời điểm có thông báo này.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="100"/>
        <source>Changes from another desk were refused: they were not signed by the desk that made them. Nothing of them was kept.</source>
        <translation>Các thay đổi từ một máy khác đã bị từ chối: chúng không mang chữ ký của máy đã tạo ra chúng. Không giữ lại gì.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="103"/>
        <source>A desk may be writing under another desk&apos;s name: call IT.</source>
        <translation>Có thể một máy đang ghi dưới danh nghĩa máy khác: hãy gọi bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="107"/>
        <source>This file was changed after it was made, so it cannot be trusted. Nothing was imported.</source>
        <translation>Tệp này đã bị thay đổi sau khi được tạo nên không thể tin cậy. Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="109"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="147"/>
        <source>Ask the sender for a new file.</source>
        <translation>Đề nghị bên gửi tạo tệp mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="113"/>
        <source>This file is incomplete (maybe the USB stick was pulled out). Nothing was imported.</source>
        <translation>Tệp này không đầy đủ (có thể USB đã bị rút ra). Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="115"/>
        <source>Copy the file to the USB stick again, and eject the stick before removing it.</source>
        <translation>Chép lại tệp vào USB, và tháo USB an toàn trước khi rút ra.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="118"/>
        <source>This file was made for another workstation. Nothing was imported.</source>
        <translation>Tệp này được tạo cho máy trạm khác. Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="119"/>
        <source>Ask the province for a file made for this workstation.</source>
        <translation>Đề nghị tỉnh tạo tệp cho máy trạm này.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="122"/>
        <source>This file comes from a sender this desk does not know. Nothing was imported.</source>
        <translation>Tệp này đến từ nơi gửi mà máy này không biết. Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="123"/>
        <source>Ask provincial IT to set up the sender&apos;s keys on this workstation.</source>
        <translation>Đề nghị bộ phận CNTT của tỉnh cài khóa của nơi gửi trên máy trạm này.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="126"/>
        <source>This is not a motcua sync file. Nothing was imported.</source>
        <translation>Đây không phải tệp đồng bộ motcua. Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="127"/>
        <location filename="../../desktop/sync_panel/sync_words.py" line="131"/>
        <source>Choose the file the province exported for this desk.</source>
        <translation>Chọn tệp mà tỉnh đã xuất cho máy này.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="130"/>
        <source>This file does not hold data for this desk. Nothing was imported.</source>
        <translation>Tệp này không chứa dữ liệu cho máy này. Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="134"/>
        <source>The province&apos;s keys are not set up on this workstation.</source>
        <translation>Máy trạm này chưa được cài khóa của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="135"/>
        <source>Ask provincial IT to set up the province&apos;s keys.</source>
        <translation>Đề nghị bộ phận CNTT của tỉnh cài khóa của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="138"/>
        <source>The file cannot be read or written.</source>
        <translation>Không đọc hoặc ghi được tệp.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="139"/>
        <source>Check the USB stick (is it full or write-protected?) and try again.</source>
        <translation>Kiểm tra USB (đầy hay bị khóa ghi?) rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="146"/>
        <source>This sync file cannot be used. Nothing was imported.</source>
        <translation>Không dùng được tệp đồng bộ này. Chưa nhập dữ liệu nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="149"/>
        <source>The sync could not finish.</source>
        <translation>Không đồng bộ xong.</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="154"/>
        <source>Offline</source>
        <translation>Không có kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="157"/>
        <source>Online</source>
        <translation>Đã kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="160"/>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="163"/>
        <source>Checking the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="166"/>
        <source>Offline: the sync resumes by itself in %n second(s)</source>
        <translation>
            <numerusform>Không có kết nối: tự đồng bộ lại sau %n giây</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="169"/>
        <source>The server is busy: the sync resumes by itself in %n second(s)</source>
        <translation>
            <numerusform>Máy chủ đang bận: tự đồng bộ lại sau %n giây</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="172"/>
        <source>Last contact with the server: %1</source>
        <translation>Lần cuối liên lạc được với máy chủ: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="175"/>
        <source>Sending the last changes to the province before closing…</source>
        <translation>Đang gửi các thay đổi cuối cùng lên tỉnh trước khi đóng…</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="178"/>
        <source>Not connected to the provincial server</source>
        <translation>Chưa kết nối với máy chủ của tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="181"/>
        <source>Sync problem</source>
        <translation>Lỗi đồng bộ</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="184"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n thay đổi đang chờ gửi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="187"/>
        <source>%n scan(s) waiting (%1)</source>
        <translation>
            <numerusform>%n bản quét đang chờ gửi (%1)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="190"/>
        <source>Last sync: %1</source>
        <translation>Đồng bộ lần cuối: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="193"/>
        <source>Never synced</source>
        <translation>Chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="197"/>
        <source>This file was already imported: nothing new.</source>
        <translation>Tệp này đã được nhập rồi: không có gì mới.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="198"/>
        <source>%n change(s) imported.</source>
        <translation>
            <numerusform>Đã nhập %n thay đổi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="201"/>
        <source>%n change(s) written to the file.</source>
        <translation>
            <numerusform>Đã ghi %n thay đổi vào tệp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/sync_panel/sync_words.py" line="204"/>
        <source>The province refused %n change(s): call IT.</source>
        <translation>
            <numerusform>Tỉnh từ chối %n thay đổi: gọi CNTT.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="207"/>
        <source>The province&apos;s rules do not allow these changes; the desk&apos;s other changes were sent:</source>
        <translation>Quy định của tỉnh không cho phép các thay đổi này; các thay đổi khác của máy đã được gửi:</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="212"/>
        <source>a value or status change the rules do not allow</source>
        <translation>giá trị hoặc bước chuyển trạng thái mà quy định không cho phép</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="213"/>
        <source>a field only the province may set</source>
        <translation>trường thông tin chỉ cấp tỉnh được ghi</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="214"/>
        <source>a change marked as the province&apos;s own</source>
        <translation>thay đổi được ghi là của cấp tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="216"/>
        <source>refused by the province&apos;s rules</source>
        <translation>bị quy định của tỉnh từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_panel/sync_words.py" line="220"/>
        <source>Sync finished: %1 sent, %2 received.</source>
        <translation>Đồng bộ xong: gửi %1, nhận %2.</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="52"/>
        <source>Conflict resolved (%1)</source>
        <translation>Đã giải quyết xung đột (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="114"/>
        <source>By the clock of the device that made the change</source>
        <translation>Theo đồng hồ của máy đã thực hiện thay đổi</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="116"/>
        <source>In an open conflict: a person must decide</source>
        <translation>Đang xung đột: cần người quyết định</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="130"/>
        <source>When (device clock)</source>
        <translation>Thời gian (đồng hồ máy)</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="131"/>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="132"/>
        <source>What changed</source>
        <translation>Nội dung thay đổi</translation>
    </message>
    <message>
        <location filename="../../desktop/dossier_page/timeline_model.py" line="133"/>
        <source>Where</source>
        <translation>Nơi thực hiện</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="135"/>
        <source>motcua: one-stop desk (locked)</source>
        <translation>motcua: Bộ phận Một cửa (đã khoá)</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="136"/>
        <source>One-stop desk</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="138"/>
        <source>The desk is locked. Enter your login and passphrase to continue.</source>
        <translation>Máy đã khoá. Nhập tên đăng nhập và mật khẩu để làm việc tiếp.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="140"/>
        <source>Choose another clerk&apos;s login and enter their passphrase.</source>
        <translation>Chọn tên đăng nhập của cán bộ khác và nhập mật khẩu của họ.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="142"/>
        <source>Enter your login and passphrase to open the desk.</source>
        <translation>Nhập tên đăng nhập và mật khẩu để bắt đầu làm việc.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="144"/>
        <source>&amp;Login:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="145"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="146"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khoá</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="147"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="148"/>
        <source>P&amp;ractice</source>
        <translation>&amp;Thực hành</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="149"/>
        <source>Practice mode: learn the desk on made-up dossiers</source>
        <translation>Chế độ thực hành: tập sử dụng phần mềm với hồ sơ mẫu</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="150"/>
        <source>Forgot the passphrase?</source>
        <translation>Quên mật khẩu?</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="153"/>
        <source>Another clerk of this desk can log in and set a new passphrase for you. If every clerk has forgotten their passphrase, call provincial IT: with the province&apos;s recovery key they can open this workstation&apos;s data again and set a new passphrase (see &quot;Recover a workstation&quot; in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the passphrase. Repeated wrong tries make the desk wait a little longer each time.</source>
        <translation>Một cán bộ khác của Bộ phận Một cửa có thể đăng nhập và đặt mật khẩu mới cho bạn. Nếu mọi cán bộ đều quên mật khẩu, hãy gọi bộ phận CNTT của tỉnh: với khoá khôi phục của tỉnh, họ có thể mở lại dữ liệu của máy này và đặt mật khẩu mới (xem mục &quot;Khôi phục máy trạm&quot; trong hướng dẫn CNTT). Dữ liệu không bị mất, nhưng cần bộ phận CNTT; ở xã không ai bỏ qua được mật khẩu. Nhập sai nhiều lần thì mỗi lần sau phải chờ lâu hơn một chút.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="174"/>
        <source>Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu. Hãy kiểm tra bộ gõ tiếng Việt và phím Caps Lock, rồi thử lại.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="177"/>
        <source>You can try again in %n seconds.</source>
        <translation>
            <numerusform>Có thể thử lại sau %n giây.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="179"/>
        <source>Too many wrong tries. Try again in %n seconds.</source>
        <translation>
            <numerusform>Nhập sai quá nhiều lần. Hãy thử lại sau %n giây.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="181"/>
        <source>Enter your login and passphrase.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="184"/>
        <source>The desk&apos;s data on this computer is damaged and cannot be opened. It has been left exactly as it was: nothing was changed or deleted. Call IT: they can put the data back from a backup (error: %1).</source>
        <translation>Dữ liệu của Bộ phận Một cửa trên máy này bị hỏng nên không mở được. Dữ liệu được giữ nguyên như cũ: không có gì bị thay đổi hay bị xoá. Hãy gọi bộ phận CNTT: họ có thể khôi phục dữ liệu từ bản sao lưu (lỗi: %1).</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="189"/>
        <source>The desk&apos;s data could not be opened. Ask IT for help (error: %1).</source>
        <translation>Không mở được dữ liệu của Bộ phận Một cửa. Hãy nhờ bộ phận CNTT hỗ trợ (lỗi: %1).</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="260"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
</context>
<context>
    <name>UpdatesDialog</name>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="90"/>
        <source>In use: %1</source>
        <translation>Đang dùng: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="90"/>
        <source>as installed</source>
        <translation>bản đã cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="94"/>
        <source>Version %1 has arrived: it is used from the next start.</source>
        <translation>Đã nhận phiên bản %1: được dùng từ lần mở tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="99"/>
        <source>Kept to go back to: %1</source>
        <translation>Giữ lại để quay về: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="114"/>
        <source>the version installed</source>
        <translation>bản đã cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="117"/>
        <source>Done: %1 is used from the next start of motcua. Close motcua and open it again.</source>
        <translation>Xong: %1 được dùng từ lần mở motcua tiếp theo. Hãy đóng motcua rồi mở lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="125"/>
        <source>Import an update</source>
        <translation>Nhập bản cập nhật</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="125"/>
        <source>motcua update files (*.tar);;All files (*)</source>
        <translation>Tệp cập nhật motcua (*.tar);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="130"/>
        <source>Checking the file…</source>
        <translation>Đang kiểm tra tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="143"/>
        <source>The update %1 is checked and kept: it is used from the next start.</source>
        <translation>Bản cập nhật %1 đã được kiểm tra và lưu lại: được dùng từ lần mở tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="148"/>
        <source>This desk already has everything the file holds.</source>
        <translation>Máy này đã có đủ những gì trong tệp.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="156"/>
        <source>This update was refused: its list of communes is not valid or does not hold this desk&apos;s commune. Nothing was changed. Tell IT.</source>
        <translation>Bản cập nhật này bị từ chối: danh sách xã trong đó không hợp lệ hoặc không có xã của máy trạm này. Không có gì thay đổi. Hãy báo CNTT.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="163"/>
        <source>This file was refused: it is not a genuine update from the province, or it is damaged. Nothing was changed.</source>
        <translation>Tệp này bị từ chối: không phải bản cập nhật thật của tỉnh, hoặc tệp bị hỏng. Không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="168"/>
        <source>The file could not be read. Nothing was changed.</source>
        <translation>Không đọc được tệp. Không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="176"/>
        <source>Versions and updates</source>
        <translation>Phiên bản và cập nhật</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="177"/>
        <source>The motcua program</source>
        <translation>Chương trình motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="178"/>
        <source>Reference data (form templates, procedures, communes)</source>
        <translation>Dữ liệu dùng chung (mẫu biểu, thủ tục, danh sách xã)</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="180"/>
        <source>Return to the previous version</source>
        <translation>Quay về phiên bản trước</translation>
    </message>
    <message>
        <location filename="../../desktop/updates_dialog.py" line="181"/>
        <source>Import an update file (USB stick)…</source>
        <translation>Nhập tệp cập nhật (từ USB)…</translation>
    </message>
</context>
</TS>
