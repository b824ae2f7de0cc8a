"""Property-based tests (hypothesis) of the value parsers and the ID/URL normalisers.

Two kinds of property: round trips (a value written the way Alibaba writes it parses back to
itself) and totality (any text at all gives a value of the right type or None, never an
exception, never a wrong type).
"""

from __future__ import annotations

import math
import string
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scrapers.ids import (
    NotAlibabaURL,
    Target,
    is_numeric_id,
    is_supplier_key,
    parse_target,
    product_id_of,
    product_url,
    profile_url,
    search_url,
    subdomain_of,
)
from scrapers.values import (
    clean_text,
    parse_flag,
    parse_hours,
    parse_money,
    parse_moq,
    parse_number,
    parse_percent,
    parse_price_range,
    parse_years,
)
from vetting.ids import RESERVED_SUBDOMAINS
from vetting.model import Money
from vetting.store import normalise_alias

EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
counts = st.integers(min_value=0, max_value=10**9)
any_text = st.text(max_size=200) | st.text(alphabet="0123456789.,$ €¥%hdyrs-≤", max_size=40)
subdomains = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True).filter(
    lambda s: s not in RESERVED_SUBDOMAINS
)
product_ids = st.integers(min_value=10**5, max_value=10**15).map(str)
CURRENCIES = [("US $", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("CN¥", "CNY")]


# -- value parsers: round trips -----------------------------------------------------------------


@EXAMPLES
@given(amount=amounts)
def test_number_round_trips_in_both_conventions(amount):
    english = f"{amount:,.2f}"  # 1,234,567.89
    european = english.replace(",", "_").replace(".", ",").replace("_", ".")  # 1.234.567,89
    assert parse_number(english) == amount
    assert parse_number(european) == amount


@EXAMPLES
@given(amount=amounts, mark=st.sampled_from(CURRENCIES))
def test_money_round_trips_with_its_currency(amount, mark):
    text = f"{mark[0]}{amount:,.2f}"
    money = parse_money(text)
    assert money == Money(amount, mark[1], text)


@EXAMPLES
@given(years=st.integers(min_value=0, max_value=200), unit=st.sampled_from(["yr", "yrs", " YRS"]))
def test_years_round_trip(years, unit):
    assert parse_years(f"{years}{unit}") == years
    assert parse_years(f"{years} yrs on Alibaba.com") == years
    assert parse_years(str(years)) == years


@EXAMPLES
@given(hours=st.integers(min_value=0, max_value=10_000))
def test_hours_and_days_round_trip(hours):
    assert parse_hours(f"≤{hours}h") == hours
    assert parse_hours(f"{hours} days") == hours * 24


@EXAMPLES
@given(percent=st.decimals(min_value=0, max_value=100, places=1))
def test_percent_round_trips(percent):
    assert parse_percent(f"{percent}%") == float(percent)


@EXAMPLES
@given(low=amounts, high=amounts, mark=st.sampled_from(CURRENCIES))
def test_price_range_round_trips_in_any_order(low, high, mark):
    text = f"{mark[0]}{low:,.2f}-{mark[0].strip()}{high:,.2f}"
    assert parse_price_range(text) == (min(low, high), max(low, high), mark[1])


@EXAMPLES
@given(moq=counts, unit=st.sampled_from(["Pieces", "Sets", "Metric Tons", "pair"]))
def test_moq_round_trips(moq, unit):
    assert parse_moq(f"{moq:,} {unit}") == (moq, unit)
    assert parse_moq(moq) == (moq, None)


@EXAMPLES
@given(flag=st.booleans())
def test_flags_round_trip(flag):
    assert parse_flag(flag) is flag
    assert parse_flag("1" if flag else "0") is flag
    assert parse_flag(" TRUE " if flag else "false") is flag


# -- value parsers: totality -----------------------------------------------------------------------


def _finite_non_negative(value) -> bool:
    return value is not None and math.isfinite(float(value)) and float(value) >= 0


@EXAMPLES
@given(text=any_text)
@example("1e999")
@example("NaN")
@example("Infinity")
@example("٣")  # an Arabic-Indic digit: \d matches it
def test_number_parsers_never_raise_and_never_go_negative(text):
    number = parse_number(text)
    assert number is None or (isinstance(number, Decimal) and _finite_non_negative(number))
    money = parse_money(text)
    assert money is None or (_finite_non_negative(money.amount) and len(money.currency) == 3)
    low, high, _ = parse_price_range(text)
    assert (low, high) == (None, None) or (low is not None and high is not None and low <= high)
    moq, unit = parse_moq(text)
    assert moq is None or (isinstance(moq, int) and moq >= 0)
    assert unit is None or (isinstance(unit, str) and unit == unit.strip() and unit)


@EXAMPLES
@given(text=any_text)
def test_text_parsers_give_their_type_or_none(text):
    years = parse_years(text)
    assert years is None or (isinstance(years, int) and years >= 0)
    hours = parse_hours(text)
    assert hours is None or (isinstance(hours, float) and _finite_non_negative(hours))
    percent = parse_percent(text)
    assert percent is None or (isinstance(percent, float) and _finite_non_negative(percent))


@EXAMPLES
@given(
    value=st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | any_text
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)
)
def test_flag_and_text_cleaning_are_total(value):
    assert parse_flag(value) in (True, False, None)
    cleaned = clean_text(value)
    assert cleaned is None or (cleaned and cleaned == " ".join(cleaned.split()))
    assert clean_text(cleaned) == cleaned  # idempotent
    if cleaned is not None:
        assert "\ufffd" not in cleaned


# -- IDs and URLs ---------------------------------------------------------------------------


@EXAMPLES
@given(pid=product_ids, slug=st.from_regex(r"[A-Za-z0-9-]{0,30}", fullmatch=True))
def test_product_urls_round_trip(pid, slug):
    assert product_id_of(product_url(pid)) == pid
    url = f"https://www.alibaba.com/product-detail/{slug}_{pid}.html?spm=a.b.c"
    target = parse_target(url)
    assert (target.kind, target.product_id, target.url) == ("product", pid, product_url(pid))


@EXAMPLES
@given(
    sub=subdomains,
    suffix=st.sampled_from([".en.alibaba.com", ".m.en.alibaba.com", ".trustpass.alibaba.com"]),
    scheme=st.sampled_from(["https://", "http://", "//", ""]),
    path=st.sampled_from(["", "/", "/company_profile.html", "/productlist.html?x=1"]),
    upper=st.booleans(),
)
def test_supplier_hosts_normalise_to_their_subdomain(sub, suffix, scheme, path, upper):
    url = scheme + (sub.upper() if upper else sub) + suffix + path
    assert subdomain_of(url) == sub
    assert parse_target(url) == Target("supplier", profile_url(sub), subdomain=sub)
    if scheme in ("https://", "http://", ""):
        assert normalise_alias(url) == sub  # a store lookup by URL finds the same supplier
    assert normalise_alias(sub) == sub
    assert is_supplier_key(sub)


@EXAMPLES
@given(
    query=st.text(alphabet=string.ascii_letters + string.digits + " &+%/", min_size=1, max_size=30),
    page=st.integers(min_value=1, max_value=500),
)
def test_search_urls_round_trip(query, page):
    if not query.strip():
        return
    target = parse_target(search_url(query, page))
    assert (target.kind, target.query, target.page) == ("search", query.strip(), page)


@EXAMPLES
@given(company_id=st.integers(min_value=1, max_value=10**15))
def test_company_ids_are_their_own_alias(company_id):
    text = str(company_id)
    assert parse_target(f"  {text} ") == Target("company_id", None, company_id=text)
    assert normalise_alias(f" {text} ") == text
    assert is_numeric_id(text) and is_supplier_key(text)


@EXAMPLES
@given(text=st.text(max_size=120) | st.from_regex(r"(https?:)?//\[?[\w.\[\]:-]*(/.*)?"))
@example("http://[abc/x")
@example("//[")
@example("https://www.alibaba.com:99999/x")
@example("\x00")
@example("١٢٣")
@example("0 /")
@example("https:// Foo.en.alibaba.com /x")
def test_normalisers_are_total(text):
    """Any text is a `Target` or one clear `NotAlibabaURL` line; never another exception."""
    try:
        target = parse_target(text)
    except NotAlibabaURL as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 1000  # one line, input shortened
    else:
        assert target.kind in ("product", "supplier", "search", "company_id")
        assert target.url is None or target.url.startswith("https://")
        if target.kind == "company_id":
            assert is_numeric_id(target.company_id)
    sub = subdomain_of(text)
    assert sub is None or is_supplier_key(sub)
    pid = product_id_of(text)
    assert pid is None or pid.isdigit()
    alias = normalise_alias(text)
    assert isinstance(alias, str) and alias == alias.lower()
    assert normalise_alias(alias) == alias  # a stored alias finds itself again


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("١٢٣٤٥٦", id="arabic-indic-digits"),
        pytest.param("²", id="superscript-two"),
        pytest.param("123\n", id="trailing-newline"),
        pytest.param("", id="empty"),
    ],
)
def test_numeric_ids_are_ascii_digits_only(text):
    assert not is_numeric_id(text)
