"""A `PageResult` as JSON and back, so a worker on another machine can hand its work to the writer.

JSON rather than pickle: the writer never executes what comes out of Redis. The round trip is
exact for everything the store writes: `Money` and `Decimal` travel as strings (never floats), the
raw page body travels zlib-compressed and base64-encoded, and only when the crawl keeps HTML.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

from scrapers.crawl import PageResult
from scrapers.fetch import Fetched
from vetting.model import Capture, Listing, Money, ParseResult, Signal, SupplierObservation

FORMAT = 1  # bump when the shape changes; the writer refuses results of another format
_MONEY = "$money"
_DECIMAL = "$decimal"
_DECIMAL_LISTING_FIELDS = ("price_min", "price_max")


class CodecError(ValueError):
    """A result that is not a page result of this format (one line)."""


def _enc(value: Any) -> Any:
    if isinstance(value, Money):
        return {_MONEY: [str(value.amount), value.currency, value.raw]}
    if isinstance(value, Decimal):
        return {_DECIMAL: str(value)}
    if isinstance(value, list | tuple):
        return [_enc(v) for v in value]
    if isinstance(value, dict):
        return {k: _enc(v) for k, v in value.items()}
    return value


def _dec(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_MONEY}:
            amount, currency, raw = value[_MONEY]
            return Money(Decimal(amount), currency, raw)
        if set(value) == {_DECIMAL}:
            return Decimal(value[_DECIMAL])
        return {k: _dec(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dec(v) for v in value]
    return value


def _parsed_to_json(parsed: ParseResult) -> dict[str, Any]:
    capture = asdict(parsed.capture)
    capture.pop("id", None)  # the writer's database assigns ids
    suppliers = [
        {
            "supplier_id": obs.supplier_id,
            "name": obs.name,
            "aliases": obs.aliases,
            "signals": [{**asdict(sig), "value": _enc(sig.value)} for sig in obs.signals],
        }
        for obs in parsed.suppliers
    ]
    listings = [{k: _enc(v) for k, v in asdict(item).items()} for item in parsed.listings]
    return {"capture": capture, "suppliers": suppliers, "listings": listings}


def _parsed_from_json(data: dict[str, Any]) -> ParseResult:
    suppliers = [
        SupplierObservation(
            supplier_id=obs["supplier_id"],
            name=obs["name"],
            aliases=dict(obs["aliases"]),
            signals=[Signal(**{**sig, "value": _dec(sig["value"])}) for sig in obs["signals"]],
        )
        for obs in data["suppliers"]
    ]
    listings = [Listing(**{k: _dec(v) for k, v in item.items()}) for item in data["listings"]]
    return ParseResult(Capture(**data["capture"]), suppliers, listings)


def encode_page(page: PageResult, keep_html: bool = True) -> str:
    fetched = {f.name: getattr(page.fetched, f.name) for f in fields(Fetched) if f.name != "body"}
    body = page.fetched.body if keep_html else None
    fetched["body_z"] = (
        None if body is None else base64.b64encode(zlib.compress(body, 6)).decode("ascii")
    )
    return json.dumps(
        {
            "format": FORMAT,
            "fetched": fetched,
            "parsed": None if page.parsed is None else _parsed_to_json(page.parsed),
            "links": page.links,
        },
        ensure_ascii=False,
    )


def decode_page(text: str | bytes) -> PageResult:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise CodecError(f"page result format {data.get('format')!r}, expected {FORMAT}")
        fetched = dict(data["fetched"])
        body_z = fetched.pop("body_z")
        body = None if body_z is None else zlib.decompress(base64.b64decode(body_z))
        parsed = None if data["parsed"] is None else _parsed_from_json(data["parsed"])
        return PageResult(Fetched(**fetched, body=body), parsed, list(data["links"]))
    except CodecError:
        raise
    except (ValueError, KeyError, TypeError, zlib.error) as exc:
        raise CodecError(f"not a page result: {type(exc).__name__}: {exc}"[:300]) from None
