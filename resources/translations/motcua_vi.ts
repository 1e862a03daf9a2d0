<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="271"/>
        <source>First clerk account</source>
        <translation>Tài khoản cán bộ đầu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="273"/>
        <source>Step 3 of 5. The person who sets up the desk; more clerks can be added later.</source>
        <translation>Bước 3/5. Người cài đặt Bộ phận Một cửa; có thể thêm cán bộ khác sau.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/first_run_wizard.py" line="277"/>
        <source>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n characters; a few words you remember are better than a short code. Nobody can read it back, not even IT.</source>
        <translation>
            <numerusform>Mật khẩu dùng để mở máy và bảo vệ dữ liệu của người dân trên máy tính này. Dùng ít nhất %n ký tự; vài từ dễ nhớ tốt hơn một mã ngắn. Không ai xem lại được mật khẩu, kể cả bộ phận CNTT.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="284"/>
        <source>&amp;Login name:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="285"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="286"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="287"/>
        <source>&amp;Repeat passphrase:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="297"/>
        <source>Too short</source>
        <translation>Quá ngắn</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="298"/>
        <source>Fair: a longer passphrase is safer</source>
        <translation>Tạm được: mật khẩu dài hơn sẽ an toàn hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="299"/>
        <source>Good</source>
        <translation>Tốt</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="300"/>
        <source>Strong</source>
        <translation>Rất tốt</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="308"/>
        <source>Enter a login name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="310"/>
        <source>The login name cannot hold special invisible characters.</source>
        <translation>Tên đăng nhập không được chứa ký tự đặc biệt ẩn.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="312"/>
        <source>Enter the clerk&apos;s full name.</source>
        <translation>Hãy nhập họ và tên của cán bộ.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/first_run_wizard.py" line="315"/>
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>
            <numerusform>Mật khẩu quá ngắn: hãy dùng ít nhất %n ký tự.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="318"/>
        <source>The two passphrases are not the same. Type them again.</source>
        <translation>Hai mật khẩu không giống nhau. Hãy nhập lại.</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="92"/>
        <source>Your commune</source>
        <translation>Xã/phường của Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="94"/>
        <source>Step 1 of 5. Choose the province, then the commune or ward this desk serves.</source>
        <translation>Bước 1/5. Chọn tỉnh/thành phố, rồi chọn xã/phường mà Bộ phận Một cửa này phục vụ.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="97"/>
        <source>The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).</source>
        <translation>Danh sách chính thức (34 tỉnh, thành phố và 3.321 xã, phường, đặc khu; năm 2025).</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <location filename="../../desktop/commune_picker.py" line="173"/>
        <source>&amp;Province or city:</source>
        <translation>&amp;Tỉnh/thành phố:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="174"/>
        <source>&amp;Commune or ward:</source>
        <translation>&amp;Xã/phường:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="175"/>
        <source>Type to search, e.g. ha noi</source>
        <translation>Gõ để tìm, ví dụ: ha noi</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="176"/>
        <source>Type to search, e.g. hoan kiem</source>
        <translation>Gõ để tìm, ví dụ: hoan kiem</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../desktop/app.py" line="271"/>
        <source>Something could not be saved (%1). Try again or ask IT.</source>
        <translation>Không lưu được dữ liệu (%1). Hãy thử lại hoặc hỏi bộ phận CNTT.</translation>
    </message>
</context>
<context>
    <name>EmptyQueue</name>
    <message>
        <location filename="../../desktop/main_window.py" line="51"/>
        <source>No dossiers in the queue yet. Dossiers you receive will be listed here.</source>
        <translation>Chưa có hồ sơ nào. Các hồ sơ tiếp nhận sẽ hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="52"/>
        <source>Receive a new dossier (F2)</source>
        <translation>Tiếp nhận hồ sơ mới (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="53"/>
        <source>Available when the dossier screens land</source>
        <translation>Sẽ dùng được khi có màn hình tiếp nhận hồ sơ</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="460"/>
        <source>Provincial server (optional)</source>
        <translation>Máy chủ của tỉnh (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="461"/>
        <source>Step 5 of 5. The desk works fully without it; sync can be set up later.</source>
        <translation>Bước 5/5. Bộ phận Một cửa vẫn làm việc đầy đủ khi chưa kết nối; có thể cài đặt đồng bộ sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="464"/>
        <source>Enrolling connects this desk to the provincial server with the address and one-time code from provincial IT, so dossiers are sent to the province. This version cannot connect yet: press Next.</source>
        <translation>Đăng ký sẽ kết nối máy này với máy chủ của tỉnh bằng địa chỉ và mã dùng một lần do bộ phận CNTT của tỉnh cấp, để hồ sơ được gửi lên tỉnh. Phiên bản này chưa kết nối được: hãy bấm Tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="469"/>
        <source>Server address:</source>
        <translation>Địa chỉ máy chủ:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="470"/>
        <source>One-time code:</source>
        <translation>Mã dùng một lần:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="471"/>
        <source>Enrol</source>
        <translation>Đăng ký</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="472"/>
        <source>Available when the server connection lands</source>
        <translation>Sẽ dùng được khi có chức năng kết nối máy chủ</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="500"/>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="501"/>
        <source>Check the details, then press Finish to create the desk&apos;s encrypted data.</source>
        <translation>Kiểm tra lại thông tin, rồi bấm Hoàn tất để tạo dữ liệu được mã hoá của Bộ phận Một cửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="513"/>
        <source>Commune: %1</source>
        <translation>Xã/phường: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="514"/>
        <source>Province: %1</source>
        <translation>Tỉnh/thành phố: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="515"/>
        <source>Agency identifier: %1</source>
        <translation>Mã định danh cơ quan: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="516"/>
        <source>Open on Saturday morning: %1</source>
        <translation>Làm việc sáng thứ Bảy: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="517"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="517"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="519"/>
        <source>First clerk: %1</source>
        <translation>Cán bộ đầu tiên: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="520"/>
        <source>Recovery key: %1</source>
        <translation>Khoá khôi phục: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="521"/>
        <source>loaded</source>
        <translation>đã nạp</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="521"/>
        <source>none (skipped)</source>
        <translation>không có (đã bỏ qua)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="569"/>
        <source>motcua: setting up the one-stop desk</source>
        <translation>motcua: cài đặt Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="570"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="571"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp theo &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="572"/>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="573"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="636"/>
        <source>Creating the encrypted data. This takes a few seconds…</source>
        <translation>Đang tạo dữ liệu mã hoá. Việc này mất vài giây…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="656"/>
        <source>The desk could not be set up: %1. Nothing was saved; ask IT for help.</source>
        <translation>Không cài đặt được (%1). Chưa có gì được lưu; hãy nhờ bộ phận CNTT hỗ trợ.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="138"/>
        <source>motcua: one-stop desk</source>
        <translation>motcua: Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="140"/>
        <source>&amp;Desk</source>
        <translation>&amp;Hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="141"/>
        <source>D&amp;ossiers</source>
        <translation>Hồ &amp;sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="142"/>
        <source>&amp;Tools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="143"/>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="144"/>
        <source>&amp;Receive a new dossier</source>
        <translation>&amp;Tiếp nhận hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="145"/>
        <source>Available when the dossier screens land</source>
        <translation>Sẽ dùng được khi có màn hình tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="146"/>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Khoá máy</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="147"/>
        <source>Lock the desk now (Ctrl+L)</source>
        <translation>Khoá máy ngay (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="148"/>
        <source>&amp;Switch clerk…</source>
        <translation>Đổi &amp;cán bộ…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="149"/>
        <source>&amp;Settings…</source>
        <translation>Cài đặ&amp;t…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="150"/>
        <source>Language, font size, auto-lock (Ctrl+,)</source>
        <translation>Ngôn ngữ, cỡ chữ, tự khoá máy (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="151"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="152"/>
        <source>&amp;About motcua</source>
        <translation>&amp;Giới thiệu motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="153"/>
        <source>Main toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="154"/>
        <source>Clerk: %1</source>
        <translation>Cán bộ: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="155"/>
        <source>Not connected to the provincial server</source>
        <translation>Chưa kết nối máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="172"/>
        <source>About motcua</source>
        <translation>Giới thiệu motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="174"/>
        <source>motcua: receiving and returning dossiers at the commune one-stop desk.</source>
        <translation>motcua: tiếp nhận và trả kết quả hồ sơ tại Bộ phận Một cửa cấp xã.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="179"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="159"/>
        <source>Agency and opening hours</source>
        <translation>Cơ quan và giờ làm việc</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="160"/>
        <source>Step 2 of 5. These appear on receipts and set the appointment dates.</source>
        <translation>Bước 2/5. Thông tin này in trên giấy tiếp nhận và dùng để tính ngày hẹn trả kết quả.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="161"/>
        <source>&amp;Agency identifier:</source>
        <translation>Mã định danh &amp;cơ quan:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="164"/>
        <source>The electronic identifier issued by the province (for example 000.00.01.H22). Until you have it, the commune&apos;s official code filled in here works; it starts every dossier code.</source>
        <translation>Mã định danh điện tử do tỉnh cấp (ví dụ 000.00.01.H22). Khi chưa có, có thể dùng mã chính thức của xã đã điền sẵn ở đây; mã này đứng đầu mọi mã số hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="168"/>
        <source>Opening hours</source>
        <translation>Giờ làm việc</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="169"/>
        <source>Morning:</source>
        <translation>Buổi sáng:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="170"/>
        <source>Afternoon:</source>
        <translation>Buổi chiều:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="172"/>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="173"/>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="174"/>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="175"/>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="176"/>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="180"/>
        <source>Also open on &amp;Saturday morning</source>
        <translation>Làm việc cả &amp;sáng thứ Bảy</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="182"/>
        <source>Saturday morning counts as a working day for appointment dates</source>
        <translation>Tính sáng thứ Bảy là ngày làm việc khi hẹn ngày trả kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="217"/>
        <source>The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22.</source>
        <translation>Mã định danh cơ quan chỉ gồm chữ in hoa, chữ số và dấu chấm, ví dụ 000.00.01.H22.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="222"/>
        <source>Each opening period must start before it ends.</source>
        <translation>Giờ bắt đầu của mỗi buổi phải trước giờ kết thúc.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="224"/>
        <source>The afternoon must start after the morning ends.</source>
        <translation>Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="226"/>
        <source>Choose at least one working day.</source>
        <translation>Hãy chọn ít nhất một ngày làm việc.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="361"/>
        <location filename="../../desktop/first_run_wizard.py" line="402"/>
        <source>Province recovery key</source>
        <translation>Khoá khôi phục của tỉnh</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="362"/>
        <source>Step 4 of 5. A safety net for forgotten passphrases.</source>
        <translation>Bước 4/5. Phòng khi quên mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="365"/>
        <source>Provincial IT gives each commune a small file ending in .pem: the province&apos;s recovery key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and only they, with the secret half kept at the province) can open this computer&apos;s data again and set a new passphrase. The file holds no secret and does not let anyone read the data.</source>
        <translation>Bộ phận CNTT của tỉnh cấp cho mỗi xã một tệp nhỏ có đuôi .pem: khoá khôi phục của tỉnh. Nhờ tệp này, nếu mọi cán bộ của Bộ phận Một cửa đều quên mật khẩu, bộ phận CNTT của tỉnh (và chỉ họ, với nửa khoá bí mật giữ tại tỉnh) có thể mở lại dữ liệu trên máy này và đặt mật khẩu mới. Tệp này không chứa bí mật và không giúp ai đọc được dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="371"/>
        <source>&amp;Choose the key file…</source>
        <translation>&amp;Chọn tệp khoá…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="372"/>
        <source>&amp;Skip: I have no key file from IT</source>
        <translation>&amp;Bỏ qua: tôi chưa có tệp khoá từ bộ phận CNTT</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="379"/>
        <source>Key loaded. Fingerprint (compare with IT): %1</source>
        <translation>Đã nạp khoá. Dấu vân tay (đối chiếu với bộ phận CNTT): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="383"/>
        <source>This file is not a province recovery key. Ask IT for the right .pem file.</source>
        <translation>Tệp này không phải khoá khôi phục của tỉnh. Hãy xin bộ phận CNTT đúng tệp .pem.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="386"/>
        <source>No key file chosen yet.</source>
        <translation>Chưa chọn tệp khoá.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="391"/>
        <source>Warning: without the recovery key, a passphrase that every clerk forgets can never be recovered, and the data on this computer is then lost. IT can add the key later.</source>
        <translation>Cảnh báo: nếu không có khoá khôi phục, khi mọi cán bộ đều quên mật khẩu thì không thể khôi phục được và dữ liệu trên máy này sẽ bị mất. Bộ phận CNTT có thể thêm khoá sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="402"/>
        <source>Recovery key (*.pem);;All files (*)</source>
        <translation>Khoá khôi phục (*.pem);;Mọi tệp (*)</translation>
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
    <name>UnlockScreen</name>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="125"/>
        <source>motcua: one-stop desk (locked)</source>
        <translation>motcua: Bộ phận Một cửa (đã khoá)</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="126"/>
        <source>One-stop desk</source>
        <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="128"/>
        <source>The desk is locked. Enter your login and passphrase to continue.</source>
        <translation>Máy đã khoá. Nhập tên đăng nhập và mật khẩu để làm việc tiếp.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="130"/>
        <source>Choose another clerk&apos;s login and enter their passphrase.</source>
        <translation>Chọn tên đăng nhập của cán bộ khác và nhập mật khẩu của họ.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="132"/>
        <source>Enter your login and passphrase to open the desk.</source>
        <translation>Nhập tên đăng nhập và mật khẩu để bắt đầu làm việc.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="134"/>
        <source>&amp;Login:</source>
        <translation>Tên đăng &amp;nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="135"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="136"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khoá</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="137"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="138"/>
        <source>Forgot the passphrase?</source>
        <translation>Quên mật khẩu?</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="141"/>
        <source>Another clerk of this desk can log in and set a new passphrase for you. If every clerk has forgotten their passphrase, call provincial IT: with the province&apos;s recovery key they can open this workstation&apos;s data again and set a new passphrase (see &quot;Recover a workstation&quot; in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the passphrase. Repeated wrong tries make the desk wait a little longer each time.</source>
        <translation>Một cán bộ khác của Bộ phận Một cửa có thể đăng nhập và đặt mật khẩu mới cho bạn. Nếu mọi cán bộ đều quên mật khẩu, hãy gọi bộ phận CNTT của tỉnh: với khoá khôi phục của tỉnh, họ có thể mở lại dữ liệu của máy này và đặt mật khẩu mới (xem mục &quot;Khôi phục máy trạm&quot; trong hướng dẫn CNTT). Dữ liệu không bị mất, nhưng cần bộ phận CNTT; ở xã không ai bỏ qua được mật khẩu. Nhập sai nhiều lần thì mỗi lần sau phải chờ lâu hơn một chút.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="162"/>
        <source>Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu. Hãy kiểm tra bộ gõ tiếng Việt và phím Caps Lock, rồi thử lại.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="165"/>
        <source>You can try again in %n seconds.</source>
        <translation>
            <numerusform>Có thể thử lại sau %n giây.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="167"/>
        <source>Too many wrong tries. Try again in %n seconds.</source>
        <translation>
            <numerusform>Nhập sai quá nhiều lần. Hãy thử lại sau %n giây.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="169"/>
        <source>Enter your login and passphrase.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="171"/>
        <source>The desk&apos;s data could not be opened. Ask IT for help (error: %1).</source>
        <translation>Không mở được dữ liệu của Bộ phận Một cửa. Hãy nhờ bộ phận CNTT hỗ trợ (lỗi: %1).</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="237"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
</context>
</TS>
