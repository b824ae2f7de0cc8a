"""2022 product-detail pages: the supplier in ``window.detailData.globalData.seller``.

The Trade Assurance limit is ``seller.baoAccountAmount`` (US$, e.g. "46,000"), shown when
``baoAccountIsDisplayAssurance`` is true.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from scrapers.embedded import dig, json_after
from scrapers.ids import product_url
from scrapers.pages import supplier_card_2022
from scrapers.pages.base import PageContext, PageParser
from scrapers.pages.readspec import convert as read_as
from scrapers.values import (
    MAX_TA_LIMIT,
    clean_text,
    parse_hours,
    parse_money,
    parse_number,
    parse_percent,
    parse_price_range,
    parse_years,
)
from vetting.model import Listing, ParseResult, Signal, SupplierObservation

MARKER = "window.detailData"
SELLER = "globalData.seller"
SERVER_TIME = "globalData.global.serverTime"


def recognises(html: str) -> bool:
    return MARKER in html


def _seller_signals(seller: dict, ctx: PageContext) -> list[Signal]:
    sig = ctx.signal
    out: list[Signal] = []

    def add(name: str, value: object, key: str, raw: object = None) -> None:
        if value is not None:
            out.append(sig(name, value, f"{SELLER}.{key}", raw if raw is not None else value))

    service = seller.get("baoAccountIsService")
    add("trade_assurance", service if isinstance(service, bool) else None, "baoAccountIsService")
    amount = seller.get("baoAccountAmount")
    if seller.get("baoAccountIsDisplayAssurance") and isinstance(amount, str | int | float):
        # US$ is the page's own label ("Supplier's Trade Assurance Limit"); > 10^9 is refused.
        money = parse_money(str(amount), default_currency="USD", max_amount=MAX_TA_LIMIT)
        add("ta_limit", money, "baoAccountAmount", amount)
    paid = seller.get("accountIsPaidMember")
    add("gold_supplier", paid if isinstance(paid, bool) else None, "accountIsPaidMember")
    years = parse_years(seller.get("companyJoinYears"))
    add("years_on_alibaba", years, "companyJoinYears", seller.get("companyJoinYears"))
    if paid is True:
        add("gold_years", years, "companyJoinYears", seller.get("companyJoinYears"))
    assessed = seller.get("companyHasPassAssessment")
    add("verified", assessed if isinstance(assessed, bool) else None, "companyHasPassAssessment")
    btype = seller.get("companyBusinessType")
    add("business_type", btype if isinstance(btype, str) and btype else None, "companyBusinessType")
    country = seller.get("companyRegisterCountry")
    add(
        "location",
        country if isinstance(country, str) and country else None,
        "companyRegisterCountry",
    )
    rt = seller.get("responseTimeText")
    add("response_time", parse_hours(rt), "responseTimeText", rt)
    reviews = seller.get("supplierRatingReviews") or {}
    star = reviews.get("averageStar")
    add(
        "rating",
        _float(parse_number(star)) if star else None,
        "supplierRatingReviews.averageStar",
        star,
    )
    count = reviews.get("totalReviewOrderCount")
    add(
        "review_count",
        count if isinstance(count, int) else None,
        "supplierRatingReviews.totalReviewOrderCount",
    )
    trade = seller.get("tradeHalfYear") or {}
    if trade.get("ordAmt6m") is not None or trade.get("ordCnt6m") is not None:
        value = {
            "amount": trade.get("ordAmt6m"),
            "currency": "USD",
            "count": trade.get("ordCnt6m"),
            "window_months": 6,
        }
        add("transactions", value, "tradeHalfYear", trade.get("ordAmt"))
    cards = _auth_cards(seller)
    for key, (name, convert) in AUTH_CARD_SIGNALS.items():
        raw = cards.get(key)
        add(name, convert(raw) if raw else None, f"authCards[{key}]", raw)
    if "staff" not in {s.name for s in out}:
        staff = seller.get("employeesCount")
        add("staff", staff if isinstance(staff, str) and staff else None, "employeesCount")
    return out


# Verified-card facts in ``seller.authCards`` (authKey → signal). Its "responseTime" is not read:
# the page also states ``responseTimeText``, sometimes differently ("≤5h" vs "≤7h"), and that
# is the figure the page's supplier header shows.
AUTH_CARD_SIGNALS = {
    "onTimeDeliveryRate": ("on_time_delivery", parse_percent),
    "companyBuildingTotalLandSize": ("floor_area", clean_text),
    "totalHumanEmployeesCount": ("staff", clean_text),
}


def _auth_cards(seller: dict) -> dict[str, str]:
    groups = dig(seller, "authCards", "value", "authGroupInfoList")
    found: dict[str, str] = {}
    for group in groups if isinstance(groups, list) else []:
        items = group.get("authInfoList") if isinstance(group, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("authValue"), str):
                found.setdefault(str(item.get("authKey")), item["authValue"])
    return found


def _listing(data: dict, sid: str) -> Listing | None:
    product = dig(data, "globalData", "product")
    pid = dig(product, "productId") or dig(data, "globalData", "extend", "detailId")
    if not pid:
        return None
    price = dig(product, "price") if isinstance(dig(product, "price"), dict) else {}
    low, high, currency = parse_price_range(clean_text(price.get("formatLadderPrice")))
    moq = dig(product, "moq")
    return Listing(
        product_id=str(pid),
        title=clean_text(dig(product, "subject")),
        url=product_url(pid),
        supplier_id=sid,
        price_min=low,
        price_max=high,
        currency=currency,
        moq=moq if isinstance(moq, int) and not isinstance(moq, bool) else None,
        moq_unit=clean_text(price.get("unitEven")),
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def parse(html: str, ctx: PageContext) -> ParseResult:
    data = json_after(html, MARKER)
    # The page's own serve time (ms since the epoch) dates what it says (2022 pages carry it too).
    served, _ = read_as("epoch_ms", dig(data, "globalData", "global", "serverTime"), {})
    if served:
        ctx.observed_at, ctx.observed_from = served, f"page:{SERVER_TIME}"
    seller = dig(data, "globalData", "seller")
    company_id = dig(seller, "companyId")
    if (
        not isinstance(seller, dict)
        or not isinstance(company_id, int | str)
        or not str(company_id).isdigit()
    ):
        return _dom_fallback(html, ctx)
    sid = str(company_id)
    aliases: dict[str, str] = {}
    if isinstance(seller.get("subDomain"), str):
        aliases[seller["subDomain"]] = "subdomain"
    if seller.get("aliMemberId"):
        aliases[str(seller["aliMemberId"])] = "member_id"
    obs = SupplierObservation(
        supplier_id=sid,
        name=seller.get("companyName") if isinstance(seller.get("companyName"), str) else None,
        aliases=aliases,
        signals=_seller_signals(seller, ctx),
    )
    listing = _listing(data, sid)
    return ParseResult(ctx.capture("ok"), [obs], [listing] if listing else [])


def _dom_fallback(html: str, ctx: PageContext) -> ParseResult:
    """No usable detailData: the rendered supplier card (its own parser, name and version)."""
    card_ctx = replace(ctx, parser=supplier_card_2022.PARSER)
    return supplier_card_2022.parse(html, card_ctx)


# Version 2: also on-time delivery, floor area and staff (seller.authCards, employeesCount), and
# the listing's price range and MOQ. Version 3: signals dated by the page's serverTime.
PARSER = PageParser(
    name="product-detail-2022", kind="product-detail", version=3, recognises=recognises, parse=parse
)
