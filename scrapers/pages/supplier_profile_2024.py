"""2024 supplier profile (``<sub>.en.alibaba.com/company_profile.html``): URL-encoded JSON in the
``module-data`` attribute of each shop module (``icbu-pc-shopSign``, ``icbu-pc-verifiedOverview``,
``icbu-pc-verifiedInquery``, ...). Many values are wrapped as ``{"fieldName": ..., "value": ...}``.

The attributes are found with a regular expression (no DOM parse); if the markup quotes them
differently, a BeautifulSoup pass restricted to ``[module-data]`` elements is the fallback.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup, SoupStrainer

from scrapers.embedded import dig, percent_decoded
from scrapers.ids import subdomain_of
from scrapers.pages.base import PageContext, PageParser, SignalSink
from scrapers.values import (
    clean_text,
    parse_flag,
    parse_hours,
    parse_number,
    parse_percent,
    parse_years,
)
from vetting.model import ParseResult, SupplierObservation

MARKER = "module-data="
MODULE_PREFIX = "icbu-pc-"
_ATTR = re.compile(r"module-name=\"([\w-]+)\"[^>]{0,400}?module-data='([^']*)'")
TX_WINDOW_MONTHS = 6  # the page's own legend: "transactions ... in the past 6 months"


def recognises(html: str) -> bool:
    return MARKER in html and MODULE_PREFIX in html


def _decode(raw: str) -> dict | None:
    try:
        value = json.loads(percent_decoded(raw))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def modules(html: str) -> tuple[dict[str, dict], str]:
    """Module name → its ``moduleData.data`` (plus ``gdc`` as ``"gdc"``), and the route used."""
    found: dict[str, dict] = {}
    route = "regex"
    pairs = [(m.group(1), m.group(2)) for m in _ATTR.finditer(html)]
    if not pairs:
        route = "dom"
        soup = BeautifulSoup(html, "lxml", parse_only=SoupStrainer(attrs={"module-data": True}))
        pairs = [
            (str(el.get("module-name", "")), str(el["module-data"]))
            for el in soup.find_all(None, attrs={"module-data": True})
        ]
    for name, raw in pairs:
        data = _decode(raw)
        if data is None:
            continue
        found.setdefault("gdc", data.get("gdc") or {})
        body = dig(data, "mds", "moduleData", "data")
        if isinstance(body, dict):
            found[name] = body
    return found, route


def _v(value: Any) -> Any:
    """Unwrap ``{"fieldName": ..., "value": x}`` (and ``{"authenticated": .., "value": x}``)."""
    return value.get("value") if isinstance(value, dict) and "value" in value else value


def _lookup(mods: dict[str, dict], key: str) -> tuple[Any, str]:
    """The first module that states ``key``, and which one."""
    for name, body in mods.items():
        if key in body and _v(body[key]) not in (None, ""):
            return _v(body[key]), f"{name}.{key}"
    return None, key


def _signals(mods: dict[str, dict], ctx: PageContext, route: str) -> list:
    out = SignalSink(ctx, f"module-data[{route}]")

    def add(name: str, key: str, convert=lambda v: v) -> Any:
        value, where = _lookup(mods, key)
        out.add(name, None if value is None else convert(value), where, value)
        return value

    paid = parse_flag(add("gold_supplier", "accountIsPaidMember", parse_flag))
    add("years_on_alibaba", "companyJoinYears", lambda v: parse_years(str(v)))
    if paid:
        add("gold_years", "companyJoinYears", lambda v: parse_years(str(v)))
    add("trade_assurance", "baoAccountIsDisplayAssurance", parse_flag)
    add("verified", "companyHasPassAssessment", parse_flag)
    add("verifier", "assessmentCertCompanyTitle", clean_text)
    add("onsite_check", "companyHasPassOnsite", parse_flag)
    add("business_type", "companyBusinessType", clean_text)
    add("location", "companyLocation", clean_text)
    add("response_time", "supplierResponseTime", lambda v: parse_hours(str(v)))
    add("on_time_delivery", "supplierOnTimeDeliveryRate", lambda v: parse_percent(str(v)))
    add("rating", "averageStar", lambda v: _float(parse_number(str(v))))
    add("review_count", "totalReviewOrderCount", lambda v: v if isinstance(v, int) else None)
    add("staff", "authStaffNo", clean_text)
    products = _lookup(mods, "supplierMainProducts")[0]
    if isinstance(products, list):
        names = [p.strip() for p in products if isinstance(p, str) and p.strip()]
        out.add("main_products", names or None, "icbu-pc-shopSign.supplierMainProducts")
    amount, where = _lookup(mods, "ordAmt")
    count = _lookup(mods, "ordCnt6m")[0]
    if amount is not None or count is not None:
        number = parse_number(str(amount)) if amount is not None else None
        value = {
            "amount": None if number is None else float(number),
            "currency": "USD",
            "count": count if isinstance(count, int) else None,
            "window_months": TX_WINDOW_MONTHS,
        }
        out.add("transactions", value, f"{where}+ordCnt6m", amount)
    return out.signals


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def parse(html: str, ctx: PageContext) -> ParseResult:
    mods, route = modules(html)
    gdc = mods.pop("gdc", {})
    company_id = _lookup(mods, "companyId")[0] or gdc.get("companyId")
    if not str(company_id or "").isdigit():
        return ParseResult(ctx.capture("unparseable", "no companyId in the module data"))
    sid = str(company_id)
    aliases: dict[str, str] = {}
    sub = subdomain_of(str(_v(gdc.get("esiteSubDomain")) or _lookup(mods, "esiteSubDomain")[0]))
    if sub:
        aliases[sub] = "subdomain"
    member = gdc.get("aliMemberId") or _lookup(mods, "aliMemberId")[0]
    if member:
        aliases[str(member)] = "member_id"
    obs = SupplierObservation(
        supplier_id=sid,
        name=clean_text(_lookup(mods, "companyName")[0]),
        aliases=aliases,
        signals=_signals(mods, ctx, route),
    )
    return ParseResult(ctx.capture("ok"), [obs], [])


PARSER = PageParser(
    name="supplier-profile-2024",
    kind="supplier-profile",
    version=1,
    recognises=recognises,
    parse=parse,
)
