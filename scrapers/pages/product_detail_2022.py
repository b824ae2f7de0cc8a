"""2022 product-detail pages: the supplier in ``window.detailData.globalData.seller``.

The Trade Assurance limit is ``seller.baoAccountAmount`` (US$, e.g. "46,000"), shown when
``baoAccountIsDisplayAssurance`` is true.
"""

from __future__ import annotations

from decimal import Decimal

from scrapers.embedded import dig, json_after
from scrapers.pages.base import PageContext, PageParser
from scrapers.values import parse_hours, parse_money, parse_number, parse_years
from vetting.model import Listing, ParseResult, Signal, SupplierObservation

MARKER = "window.detailData"
SELLER = "globalData.seller"


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
        money = parse_money(str(amount), default_currency="USD")
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
    return out


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def parse(html: str, ctx: PageContext) -> ParseResult:
    data = json_after(html, MARKER)
    seller = dig(data, "globalData", "seller")
    company_id = dig(seller, "companyId")
    if (
        not isinstance(seller, dict)
        or not isinstance(company_id, int | str)
        or not str(company_id).isdigit()
    ):
        return ParseResult(ctx.capture("unparseable", "detailData has no seller.companyId"))
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
    listings = []
    product_id = dig(data, "globalData", "product", "productId") or dig(
        data, "globalData", "extend", "detailId"
    )
    if product_id:
        listings.append(
            Listing(
                product_id=str(product_id),
                title=dig(data, "globalData", "product", "subject"),
                url=f"https://www.alibaba.com/product-detail/_{product_id}.html",
                supplier_id=sid,
            )
        )
    return ParseResult(ctx.capture("ok"), [obs], listings)


PARSER = PageParser(
    name="product-detail-2022", kind="product-detail", version=1, recognises=recognises, parse=parse
)
