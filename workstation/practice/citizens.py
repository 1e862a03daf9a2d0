"""Made-up citizens for practice: Vietnamese names, addresses in the practice commune, ID numbers that agree
with birth year and sex, and the QR text their chip card would carry (checked with the desk's own parser).

Deterministic: the same seed gives the same citizens, so the trainer's guide can name "card 3".
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dossiers.birth_registration_places import BIRTH_REGISTRATION_PLACES
from dossiers.citizen_id import Sex, parse_citizen_id
from dossiers.id_card_qr import IdCardData, format_id_card_qr, parse_id_card_qr

CARD_COUNT = 12
DEFAULT_SEED = 2025

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = {
    Sex.MALE: ("Văn", "Đức", "Minh", "Quang", "Hữu", "Công"),
    Sex.FEMALE: ("Thị", "Thu", "Ngọc", "Thanh"),
}
GIVEN = {
    Sex.MALE: ("Hùng", "Dũng", "Tuấn", "Nam", "Long", "Phong", "Quân", "Khánh", "Sơn", "Thắng"),
    Sex.FEMALE: ("Lan", "Hương", "Mai", "Hoa", "Hằng", "Nhung", "Trang", "Thảo", "Yến", "Linh"),
}
STREETS = ("Hàng Bạc", "Hàng Đào", "Hàng Gai", "Hàng Bông", "Lý Thái Tổ", "Đinh Tiên Hoàng", "Tràng Tiền")
"""Streets of Phường Hoàn Kiếm (the default practice commune)."""
HOAN_KIEM = "Phường Hoàn Kiếm"
GENERIC_STREETS = (
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Quang Trung",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Hùng Vương",
)
"""Street names found in most towns: for a ward other than Hoàn Kiếm (the ward's own name stays real)."""
VILLAGES = ("Thôn Đông", "Thôn Tây", "Thôn Trung", "Thôn Thượng", "Thôn Hạ", "Thôn Nam", "Thôn Bắc")
"""Generic village names: for a commune (xã) or special zone."""


def practice_address(house: int, pick: int, commune_name: str, province_name: str) -> str:
    """A plausible address in the commune: its real name, a generic street (ward) or village (commune)."""
    if commune_name == HOAN_KIEM:
        return f"Số {house} phố {STREETS[pick]}, {commune_name}, {province_name}"
    if commune_name.startswith("Phường"):
        return f"Số {house} đường {GENERIC_STREETS[pick]}, {commune_name}, {province_name}"
    return f"{VILLAGES[pick]}, {commune_name}, {province_name}"


@dataclass(frozen=True, slots=True, repr=False)
class PracticeCitizen:
    """One practice card: its number on the printed sheet and what its QR code says."""

    card: int
    card_data: IdCardData
    phone: str

    @property
    def full_name(self) -> str:
        return self.card_data.full_name

    @property
    def id_number(self) -> str:
        return self.card_data.id_number

    @property
    def qr_text(self) -> str:
        """The text a scanner types for this card (7 fields, empty old ID number)."""
        return format_id_card_qr(self.card_data)

    def __repr__(self) -> str:
        return f"PracticeCitizen(card={self.card})"


def id_number_for(place_code: str, birth_year: int, sex: Sex, serial: int) -> str:
    """A 12-digit ID number: place code, century-and-sex digit, the year's last two digits, serial."""
    century = (birth_year // 100 - 19) * 2 + (1 if sex is Sex.FEMALE else 0)
    return f"{place_code}{century}{birth_year % 100:02d}{serial:06d}"


def practice_citizens(
    *,
    commune_name: str,
    province_name: str,
    province_code: int,
    today: dt.date,
    seed: int = DEFAULT_SEED,
    count: int = CARD_COUNT,
) -> tuple[PracticeCitizen, ...]:
    """``count`` citizens living in the commune, cards numbered from 1; each card checked by the QR parser."""
    rng = random.Random(seed)
    place = f"{province_code:03d}"
    if place not in BIRTH_REGISTRATION_PLACES:
        place = "001"
    used_names: set[str] = set()
    found: list[PracticeCitizen] = []
    while len(found) < count:
        sex = Sex.FEMALE if len(found) % 2 else Sex.MALE
        name = " ".join((rng.choice(SURNAMES), rng.choice(MIDDLE[sex]), rng.choice(GIVEN[sex])))
        if name in used_names:
            continue
        used_names.add(name)
        year = rng.randrange(1965, 2004)
        birth = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
        issued = dt.date(
            min(today.year, 2021 + rng.randrange(0, 4)), rng.randrange(1, 13), rng.randrange(1, 29)
        )
        if issued > today:
            issued = today - dt.timedelta(days=30)
        number = id_number_for(place, year, sex, rng.randrange(1, 999_999))
        house = rng.randrange(1, 120)
        address = practice_address(house, rng.randrange(len(STREETS)), commune_name, province_name)
        data = IdCardData(parse_citizen_id(number), None, name, birth, sex, address, issued)
        checked = parse_id_card_qr(format_id_card_qr(data), today=today)  # the desk's own scanner check
        phone = f"09{rng.randrange(10**8):08d}"
        found.append(PracticeCitizen(len(found) + 1, checked, phone))
    return tuple(found)
