"""Rendering: Jinja environment (autoescape, StrictUndefined) and one function per page kind.
No I/O here; `build` reads the store and writes files."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from sitegen import assets, rules
from sitegen.views import UNKNOWN, day, fmt_value, index_row, money, supplier_view, tri
from vetting.scoring import GOLD_REMINDER

PAGE_SIZE = 1000  # index rows per page: keeps each index page a few hundred KB
# The limit currencies present on an index page are the ones its filter offers.
_CURRENCY = re.compile(r'data-currency="([A-Z]{3})"')
CSV_COLUMNS = (
    "supplier_id",
    "name",
    "grade",
    "score",
    "trade_assurance",
    "ta_limit",
    "ta_limit_currency",
    "gold_years",
    "verified",
    "on_time_delivery",
    "last_checked",
    "report",
    "api",
)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(assets.templates_dir()),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        auto_reload=False,  # one build never edits templates; skips a stat() per page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["GOLD_REMINDER"] = GOLD_REMINDER
    return env


class Renderer:
    """Templates compiled once per process, plus the fragments every report shares."""

    def __init__(self, env: Environment | None = None):
        self.env = env or environment()
        self.supplier = self.env.get_template("supplier.html")
        self.row = self.env.get_template("row.html")
        self.index = self.env.get_template("index.html")
        self.rules = Markup(self.env.get_template("rules.html").render(**rules.advice()))

    def supplier_page(self, doc: dict[str, Any], history: list[dict[str, Any]]) -> str:
        view = supplier_view(doc, history)
        return self.supplier.render(s=doc, v=view, rules=self.rules, root="../")

    def row_parts(self, doc: dict[str, Any]) -> tuple[str, str, str, str]:
        """(sort key, row HTML, row JSON, row CSV) for the index and the downloads."""
        r = index_row(doc)
        html = self.row.render(
            r=r,
            ta=tri(r["trade_assurance"]),
            verified=tri(r["verified"]),
            limit=money(doc["signals"]["ta_limit"]["value"]),
            otd=fmt_value("on_time_delivery", r["on_time_delivery"]),
            checked=day(r["last_checked"]),
            search=f"{r['name'] or ''} {r['supplier_id']} {' '.join(doc['aliases'])}".lower(),
        ).strip()
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(
            ["" if r[c] is None else _csv_safe(r[c]) for c in CSV_COLUMNS]
        )
        sort_key = f"{(r['name'] or r['supplier_id']).casefold()}\x00{r['supplier_id']}"
        return sort_key, html, json.dumps(r, ensure_ascii=False), buf.getvalue()

    def index_page(self, rows: list[str], number: int, pages: int, total: int, base: dict) -> str:
        first = (number - 1) * PAGE_SIZE + 1
        html = "\n".join(rows)
        return self.index.render(
            rows=Markup(html),
            page={"number": number, "first": first, "last": first + len(rows) - 1},
            pages=[{"number": n, "href": index_name(n)} for n in range(1, pages + 1)],
            total=total,
            grades=rules.grade_letters(),
            currencies=sorted({"USD", *_CURRENCY.findall(html)}),
            **base,
        )

    def page(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)


def index_name(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


def _csv_safe(value: Any) -> Any:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them with a '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_header() -> str:
    return ",".join(CSV_COLUMNS) + "\n"


__all__ = ["Renderer", "environment", "index_name", "csv_header", "PAGE_SIZE", "UNKNOWN"]
