"""Fee rules: the certified-copy tiers and cap, fixed and province-set fees, bad inputs, VND formatting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.errors import DossierError, FeeError
from dossiers.fees import (
    CERTIFIED_COPY_FEE,
    FeeBasis,
    FeeRule,
    FixedFee,
    Free,
    PageTier,
    PerPageFee,
    ProvinceSetFee,
    compute_fee,
    format_vnd,
)
from tests.helpers.dossier_desks import CATALOGUE

# --- examples ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (1, 2_000),
        (2, 4_000),
        (3, 5_000),
        (7, 9_000),
        (10, 12_000),
        (198, 200_000),
        (199, 200_000),
        (5000, 200_000),
    ],
)
def test_certified_copy_fee_by_pages(pages: int, expected: int) -> None:
    assert compute_fee(CERTIFIED_COPY_FEE, pages=pages) == expected


def test_seven_page_certified_copy_costs_nine_thousand() -> None:
    rule = PerPageFee((PageTier(1, 2_000), PageTier(3, 1_000)), cap_per_copy=200_000)
    assert compute_fee(rule, pages=7, copies=1) == 9_000
    assert compute_fee(rule, pages=7, copies=3) == 27_000


def test_cap_applies_per_copy() -> None:
    assert compute_fee(CERTIFIED_COPY_FEE, pages=500, copies=2) == 400_000


def test_per_page_fee_without_cap_and_with_three_tiers() -> None:
    rule = PerPageFee((PageTier(1, 500), PageTier(2, 300), PageTier(5, 100)))
    # page 1: 500; pages 2-4: 3 × 300; pages 5-6: 2 × 100
    assert compute_fee(rule, pages=6) == 500 + 900 + 200
    assert compute_fee(rule, pages=1) == 500


def test_free_costs_nothing() -> None:
    assert compute_fee(Free(), pages=40, copies=9) == 0


def test_fixed_fee_per_copy_and_per_dossier() -> None:
    extract = FixedFee(8_000, FeeBasis.PER_COPY)
    assert compute_fee(extract) == 8_000
    assert compute_fee(extract, copies=3) == 24_000
    signature = FixedFee(10_000, FeeBasis.PER_DOSSIER)
    assert compute_fee(signature, copies=3, pages=12) == 10_000


def test_province_set_fee_comes_from_the_table() -> None:
    rule = ProvinceSetFee("1.000894")
    assert compute_fee(rule, province_amounts={"1.000894": 0, "x": 5}) == 0
    per_copy = ProvinceSetFee("ban_sao", FeeBasis.PER_COPY)
    assert compute_fee(per_copy, copies=4, province_amounts={"ban_sao": 3_000}) == 12_000


@pytest.mark.parametrize("table", [None, {}, {"other": 1_000}])
def test_province_set_fee_missing_amount_is_a_clear_error(table: dict[str, int] | None) -> None:
    with pytest.raises(FeeError, match="1.001193") as caught:
        compute_fee(ProvinceSetFee("1.001193"), province_amounts=table)
    assert caught.value.code == "fee"
    assert caught.value.params["key"] == "1.001193"
    assert isinstance(caught.value, DossierError)


@pytest.mark.parametrize("table", [None, {}, {"other": 1_000}])
def test_a_fee_exempt_by_law_costs_nothing_without_a_table_amount(table: dict[str, int] | None) -> None:
    birth = ProvinceSetFee("1.001193", note="Đăng ký khai sinh đúng hạn được miễn lệ phí", exempt=True)
    assert compute_fee(birth, province_amounts=table) == 0
    assert compute_fee(birth, province_amounts={"1.001193": 5_000}) == 5_000  # a late one, amount typed
    with pytest.raises(FeeError):
        ProvinceSetFee("k", exempt="yes")  # type: ignore[arg-type]


def test_the_shipped_catalogue_exempts_on_time_birth_death_and_marriage_registration() -> None:
    exempt = {p.code for p in CATALOGUE.procedures if isinstance(p.fee, ProvinceSetFee) and p.fee.exempt}
    assert exempt == {"1.001193", "1.000656", "1.000894"}
    for code in exempt:
        assert compute_fee(CATALOGUE.get(code).fee, province_amounts={}) == 0


@pytest.mark.parametrize("amount", [-1, 1.5, True, "5000", None])
def test_province_table_with_a_bad_amount_is_refused(amount: object) -> None:
    with pytest.raises(FeeError, match="invalid amount"):
        compute_fee(ProvinceSetFee("k"), province_amounts={"k": amount})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("kwargs", "what"),
    [
        ({"pages": 0}, "pages"),
        ({"pages": -3}, "pages"),
        ({"pages": 2.5}, "pages"),
        ({"pages": True}, "pages"),
        ({"pages": "7"}, "pages"),
        ({"copies": 0}, "copies"),
        ({"copies": -1}, "copies"),
        ({"copies": 1.0}, "copies"),
        ({"copies": None}, "copies"),
    ],
)
def test_bad_counts_are_refused(kwargs: dict[str, object], what: str) -> None:
    for rule in (CERTIFIED_COPY_FEE, Free(), FixedFee(1_000)):
        with pytest.raises(FeeError, match=what):
            compute_fee(rule, **kwargs)  # type: ignore[arg-type]


def test_unknown_rule_type_is_refused() -> None:
    with pytest.raises(FeeError, match="str"):
        compute_fee("free")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "build",
    [
        lambda: FixedFee(-1),
        lambda: FixedFee(1.5),  # type: ignore[arg-type]
        lambda: FixedFee(True),
        lambda: FixedFee(100, "copy"),  # type: ignore[arg-type]
        lambda: PageTier(0, 100),
        lambda: PageTier(1, -100),
        lambda: PerPageFee(()),
        lambda: PerPageFee([PageTier(1, 100)]),  # type: ignore[arg-type]
        lambda: PerPageFee((PageTier(2, 100),)),
        lambda: PerPageFee((PageTier(1, 100), PageTier(1, 50))),
        lambda: PerPageFee((PageTier(1, 100), PageTier(4, 50), PageTier(3, 10))),
        lambda: PerPageFee((PageTier(1, 100),), cap_per_copy=0),
        lambda: PerPageFee((PageTier(1, 100),), cap_per_copy=-5),
        lambda: PerPageFee(((1, 100),)),  # type: ignore[arg-type]
        lambda: ProvinceSetFee(""),
        lambda: ProvinceSetFee("   "),
        lambda: ProvinceSetFee("k", "dossier"),  # type: ignore[arg-type]
    ],
)
def test_malformed_rules_are_refused(build: object) -> None:
    with pytest.raises(FeeError):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (9_000, "9.000 đ"),
        (0, "0 đ"),
        (999, "999 đ"),
        (1_000, "1.000 đ"),
        (200_000, "200.000 đ"),
        (1_234_567, "1.234.567 đ"),
        (-5_000, "-5.000 đ"),
    ],
)
def test_format_vnd(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


@pytest.mark.parametrize("amount", [9.0, True, "9000", None])
def test_format_vnd_takes_whole_numbers_only(amount: object) -> None:
    with pytest.raises(TypeError):
        format_vnd(amount)  # type: ignore[arg-type]


# --- properties ----------------------------------------------------------------------------------------


@st.composite
def per_page_rules(draw: st.DrawFn) -> PerPageFee:
    starts = draw(st.lists(st.integers(2, 60), max_size=4, unique=True))
    prices = draw(st.lists(st.integers(0, 5_000), min_size=len(starts) + 1, max_size=len(starts) + 1))
    tiers = tuple(PageTier(start, price) for start, price in zip([1, *sorted(starts)], prices, strict=True))
    cap = draw(st.none() | st.integers(1, 300_000))
    return PerPageFee(tiers, cap)


fee_rules: st.SearchStrategy[FeeRule] = st.one_of(
    st.just(Free()),
    st.builds(FixedFee, st.integers(0, 1_000_000), st.sampled_from(FeeBasis)),
    per_page_rules(),
    st.builds(ProvinceSetFee, st.just("k"), st.sampled_from(FeeBasis)),
)
TABLE = {"k": 15_000}
pages_st = st.integers(1, 400)
copies_st = st.integers(1, 50)


def _copy_fee_oracle(rule: PerPageFee, pages: int) -> int:
    """Price of one copy: each page priced by the last tier that starts at or before it, then capped."""
    total = sum(
        max((t for t in rule.tiers if t.from_page <= page), key=lambda t: t.from_page).price
        for page in range(1, pages + 1)
    )
    return total if rule.cap_per_copy is None else min(total, rule.cap_per_copy)


@given(per_page_rules(), pages_st, copies_st)
def test_per_page_fee_matches_a_page_by_page_sum(rule: PerPageFee, pages: int, copies: int) -> None:
    assert compute_fee(rule, pages=pages, copies=copies) == _copy_fee_oracle(rule, pages) * copies


@given(fee_rules, pages_st, copies_st)
def test_fee_is_monotonic_in_pages_and_copies(rule: FeeRule, pages: int, copies: int) -> None:
    fee = compute_fee(rule, pages=pages, copies=copies, province_amounts=TABLE)
    assert fee >= 0
    assert compute_fee(rule, pages=pages + 1, copies=copies, province_amounts=TABLE) >= fee
    assert compute_fee(rule, pages=pages, copies=copies + 1, province_amounts=TABLE) >= fee


@given(per_page_rules(), pages_st, copies_st)
def test_fee_never_exceeds_cap_times_copies(rule: PerPageFee, pages: int, copies: int) -> None:
    fee = compute_fee(rule, pages=pages, copies=copies)
    if rule.cap_per_copy is not None:
        assert fee <= rule.cap_per_copy * copies


@given(fee_rules, pages_st, copies_st)
def test_fee_is_linear_in_copies_unless_charged_per_dossier(rule: FeeRule, pages: int, copies: int) -> None:
    one = compute_fee(rule, pages=pages, copies=1, province_amounts=TABLE)
    many = compute_fee(rule, pages=pages, copies=copies, province_amounts=TABLE)
    per_dossier = isinstance(rule, FixedFee | ProvinceSetFee) and rule.per is FeeBasis.PER_DOSSIER
    assert many == (one if per_dossier else one * copies)
