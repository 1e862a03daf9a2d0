"""The places of birth registration that open a 12-digit personal ID number (its digits 1–3).

Data only. Source: Circular 07/2016/TT-BCA, Appendix I, "Danh mục mã tỉnh, thành phố trực thuộc trung ương
nơi công dân đăng ký khai sinh" (the 63 provinces before the 1 July 2025 merger; the codes are the statistical
province codes with a leading zero). Numbers already issued never change, so these old codes stay valid after
the merger into 34 provinces. The PyPI package ``vietnam-provinces`` (2025.10) carries only the 34 new
provinces, hence this table. Cross-checked against public lists (thuvienphapluat.vn,
thanhphohaiphong.gov.vn, 2019).

Codes for citizens whose birth was registered abroad (a "country code" in the same three digits) are not
listed: their values are unconfirmed. A province that knows them can pass a larger table to
``dossiers.citizen_id.parse_citizen_id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

BIRTH_REGISTRATION_PLACES: Mapping[str, str] = MappingProxyType(
    {
        "001": "Hà Nội",
        "002": "Hà Giang",
        "004": "Cao Bằng",
        "006": "Bắc Kạn",
        "008": "Tuyên Quang",
        "010": "Lào Cai",
        "011": "Điện Biên",
        "012": "Lai Châu",
        "014": "Sơn La",
        "015": "Yên Bái",
        "017": "Hòa Bình",
        "019": "Thái Nguyên",
        "020": "Lạng Sơn",
        "022": "Quảng Ninh",
        "024": "Bắc Giang",
        "025": "Phú Thọ",
        "026": "Vĩnh Phúc",
        "027": "Bắc Ninh",
        "030": "Hải Dương",
        "031": "Hải Phòng",
        "033": "Hưng Yên",
        "034": "Thái Bình",
        "035": "Hà Nam",
        "036": "Nam Định",
        "037": "Ninh Bình",
        "038": "Thanh Hóa",
        "040": "Nghệ An",
        "042": "Hà Tĩnh",
        "044": "Quảng Bình",
        "045": "Quảng Trị",
        "046": "Thừa Thiên Huế",
        "048": "Đà Nẵng",
        "049": "Quảng Nam",
        "051": "Quảng Ngãi",
        "052": "Bình Định",
        "054": "Phú Yên",
        "056": "Khánh Hòa",
        "058": "Ninh Thuận",
        "060": "Bình Thuận",
        "062": "Kon Tum",
        "064": "Gia Lai",
        "066": "Đắk Lắk",
        "067": "Đắk Nông",
        "068": "Lâm Đồng",
        "070": "Bình Phước",
        "072": "Tây Ninh",
        "074": "Bình Dương",
        "075": "Đồng Nai",
        "077": "Bà Rịa - Vũng Tàu",
        "079": "Hồ Chí Minh",
        "080": "Long An",
        "082": "Tiền Giang",
        "083": "Bến Tre",
        "084": "Trà Vinh",
        "086": "Vĩnh Long",
        "087": "Đồng Tháp",
        "089": "An Giang",
        "091": "Kiên Giang",
        "092": "Cần Thơ",
        "093": "Hậu Giang",
        "094": "Sóc Trăng",
        "095": "Bạc Liêu",
        "096": "Cà Mau",
    }
)
"""Three-digit code → province name (as the Circular names it), for the 63 pre-2025 provinces."""
