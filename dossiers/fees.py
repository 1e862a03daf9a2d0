"""Fee rules of procedures (lệ phí, phí) and the amount a citizen pays, in whole đồng."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from dossiers.errors import FeeError


class FeeBasis(StrEnum):
    """What a fixed or province-set amount is charged for."""

    PER_DOSSIER = "dossier"
    """Once per dossier (per case, "trường hợp"), whatever the number of copies."""
    PER_COPY = "copy"
    """Once per copy issued ("bản")."""


def _check_amount(value: object, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeError("The {what} of a fee rule must be a whole number of đồng.", what=what)
    if value < 0:
        raise FeeError("The {what} of a fee rule cannot be negative (got {value}).", what=what, value=value)


@dataclass(frozen=True, slots=True)
class Free:
    """No fee (miễn phí, miễn lệ phí)."""


@dataclass(frozen=True, slots=True)
class FixedFee:
    """A fixed amount per dossier or per copy, e.g. 8,000 đ per copy of a civil-status extract."""

    amount: int
    per: FeeBasis = FeeBasis.PER_DOSSIER

    def __post_init__(self) -> None:
        _check_amount(self.amount, "amount")
        if not isinstance(self.per, FeeBasis):
            raise FeeError("A fixed fee needs a basis: per dossier or per copy.")


@dataclass(frozen=True, slots=True)
class PageTier:
    """From page ``from_page`` on (1-based), each page costs ``price`` đồng, until the next tier starts."""

    from_page: int
    price: int

    def __post_init__(self) -> None:
        if isinstance(self.from_page, bool) or not isinstance(self.from_page, int) or self.from_page < 1:
            raise FeeError("A page tier must start at page 1 or later.")
        _check_amount(self.price, "page price")


@dataclass(frozen=True, slots=True)
class PerPageFee:
    """A price per page in tiers, charged per copy, with an optional cap per copy.

    The certified copy fee is ``PerPageFee((PageTier(1, 2000), PageTier(3, 1000)), cap_per_copy=200_000)``.
    """

    tiers: tuple[PageTier, ...]
    cap_per_copy: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.tiers, tuple) or not self.tiers:
            raise FeeError("A per-page fee needs at least one page tier.")
        if not all(isinstance(tier, PageTier) for tier in self.tiers):
            raise FeeError("The tiers of a per-page fee must be page tiers.")
        if self.tiers[0].from_page != 1:
            raise FeeError("The first page tier of a per-page fee must start at page 1.")
        for before, after in zip(self.tiers, self.tiers[1:], strict=False):
            if after.from_page <= before.from_page:
                raise FeeError("The page tiers of a per-page fee must start at increasing pages.")
        if self.cap_per_copy is not None:
            _check_amount(self.cap_per_copy, "cap per copy")
            if self.cap_per_copy == 0:
                raise FeeError(
                    "The cap per copy of a per-page fee must be above zero (use a free rule instead)."
                )


@dataclass(frozen=True, slots=True)
class ProvinceSetFee:
    """An amount the province sets (by resolution of its People's Council), looked up under ``key``.

    ``note`` tells the clerk about exemptions, e.g. that on-time birth registration is free. ``exempt``: the
    law exempts the usual case (on-time birth or death registration, Luật Hộ tịch 2014 Art. 11), so when the
    province's table has no amount the fee is nothing, and the clerk types one only for the other cases.
    """

    key: str
    per: FeeBasis = FeeBasis.PER_DOSSIER
    note: str = ""
    exempt: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key.strip():
            raise FeeError("A province-set fee needs the key of its amount in the province's fee table.")
        if not isinstance(self.per, FeeBasis):
            raise FeeError("A province-set fee needs a basis: per dossier or per copy.")
        if not isinstance(self.exempt, bool):
            raise FeeError("Whether a province-set fee is exempt by law is true or false.")


FeeRule = Free | FixedFee | PerPageFee | ProvinceSetFee
"""Any fee rule the catalogue can state."""

CERTIFIED_COPY_FEE = PerPageFee((PageTier(1, 2_000), PageTier(3, 1_000)), cap_per_copy=200_000)
"""Certifying a copy from the original: 2,000 đ/page for pages 1–2, 1,000 đ/page after, at most 200,000 đ."""


def _check_count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeError("The number of {what} must be a whole number.", what=what)
    if value < 1:
        raise FeeError("The number of {what} must be at least 1 (got {value}).", what=what, value=value)
    return value


def _pages_price(rule: PerPageFee, pages: int) -> int:
    """The price of one copy of ``pages`` pages, before the cap."""
    total = 0
    for index, tier in enumerate(rule.tiers):
        if tier.from_page > pages:
            break
        last = rule.tiers[index + 1].from_page - 1 if index + 1 < len(rule.tiers) else pages
        total += (min(last, pages) - tier.from_page + 1) * tier.price
    return total


def compute_fee(
    rule: FeeRule,
    *,
    pages: int = 1,
    copies: int = 1,
    province_amounts: Mapping[str, int] | None = None,
) -> int:
    """The fee in whole đồng for ``copies`` copies of a ``pages``-page document under ``rule``.

    ``province_amounts`` maps a province-set fee's key to its amount; it is only needed for such rules (an
    exempt one without an amount costs nothing).
    """
    pages = _check_count(pages, "pages")
    copies = _check_count(copies, "copies")
    match rule:
        case Free():
            return 0
        case FixedFee(amount=amount, per=per):
            return amount * copies if per is FeeBasis.PER_COPY else amount
        case PerPageFee(cap_per_copy=cap):
            per_copy = _pages_price(rule, pages)
            if cap is not None:
                per_copy = min(per_copy, cap)
            return per_copy * copies
        case ProvinceSetFee(key=key, per=per, exempt=exempt):
            if exempt and (province_amounts is None or key not in province_amounts):
                return 0
            if province_amounts is None or key not in province_amounts:
                raise FeeError(
                    "The province's fee table has no amount for '{key}': ask IT to update the fee table.",
                    key=key,
                )
            amount = province_amounts[key]
            if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
                raise FeeError(
                    "The province's fee table gives an invalid amount for '{key}': it must be a whole, "
                    "non-negative number of đồng.",
                    key=key,
                )
            return amount * copies if per is FeeBasis.PER_COPY else amount
        case _:
            raise FeeError("Unknown kind of fee rule: {kind}.", kind=type(rule).__name__)


def format_vnd(amount: int) -> str:
    """``9000`` → ``"9.000 đ"``: dots between thousands, as Vietnamese writes amounts."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("format_vnd takes a whole number of đồng")
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,} đ".replace(",", ".")
