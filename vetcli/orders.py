"""`vet check-order`: order coverage, contract checklist and claim deadlines for one supplier.

Also holds the order options and the text rendering `vet score` shares.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from vetcli.common import main, open_store
from vetting.dates import parse_day
from vetting.display import amount
from vetting.document import supplier_document
from vetting.errors import InputError
from vetting.order_input import parse_order
from vetting.orders import Order, OrderError

ORDER_OPTIONS = (
    click.option("--currency", default="USD", show_default=True, help="Order currency."),
    click.option("--deposit", help="Advance payment: '30%' of the order or an amount."),
    # Validated by parse_order (not click.Choice) so a bad value is a one-line error.
    click.option(
        "--payment",
        default="ta",
        show_default=True,
        help="ta (Trade Assurance checkout) or off-platform.",
    ),
    click.option(
        "--coverage",
        default="post-delivery",
        show_default=True,
        help="post-delivery or pre-shipment.",
    ),
    click.option("--rate", help="Exchange rate FROM:TO:RATE[:DATE], e.g. USD:EUR:0.92:2026-01-02."),
)
EVENT_OPTIONS = ("paid", "shipped", "cleared", "received", "dispute_opened")
STATUS_WORDS = {"past": "PASSED", "today": "DUE TODAY", "upcoming": "upcoming"}


def order_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--order-value --currency --deposit --payment --coverage --rate, shared by `score` and
    `check-order`; ``--value`` is a hidden alias of --order-value (check-order's old name)."""
    for option in reversed(ORDER_OPTIONS):
        func = option(func)
    func = click.option("--value", "value_alias", hidden=True)(func)
    return click.option("--order-value", "order_value", help="Planned order value.")(func)


def order_value(opts: dict[str, Any]) -> str | None:
    """The order value from --order-value or its alias --value (which must then agree)."""
    value, alias = opts.pop("order_value", None), opts.pop("value_alias", None)
    if value is not None and alias is not None and value != alias:
        raise OrderError("order_value", f"--order-value {value} and --value {alias} disagree")
    return value if value is not None else alias


def build_order(value: str | None, **opts: Any) -> Order | None:
    """An Order from the options; None without a value (then no other order option is allowed)."""
    if value is None:
        extra = [k for k in ("deposit", "rate") if opts.get(k)]
        extra += [k for k, d in (("payment", "ta"), ("coverage", "post-delivery")) if opts[k] != d]
        if extra:
            raise OrderError("order_value", f"give the order value to use --{extra[0]}")
        return None
    return parse_order(
        value, opts["currency"], opts["deposit"], opts["payment"], opts["coverage"], opts["rate"]
    )


def _money(value: float | int | str | None) -> str:
    return "unknown" if value is None else amount(value)


def echo_order(o: dict[str, Any]) -> None:
    """The order check in text: totals, each part with its reason, flags, actions."""
    route = "Trade Assurance checkout" if o["payment"] == "ta" else "off-platform"
    deposit = o.get("deposit")
    paid = f", deposit {_money(deposit['value'])}" if deposit else ""
    click.echo(
        f"  order {_money(o['value'])} {o['currency']} ({o['coverage']}, {route}{paid}): "
        f"covered {_money(o['covered'])}, uncovered {_money(o['uncovered'])}"
    )
    if o.get("rate"):
        r = o["rate"]
        click.echo(
            f"    rate 1 {r['from']} = {r['rate']} {r['to']} (as of {r['date'] or 'no date'})"
        )
    for part in o.get("parts", []):
        click.echo(f"    {part['status']:9} {_money(part['amount']):>14}  {part['reason']}")
    for f in o["flags"]:
        click.echo(f"  ! {f['code']}: {f['message']}")
    for action in o.get("actions", []):
        click.echo(f"  -> {action}")


def load_contract(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(terms, text) from a .json / .yaml / .yml file of terms, or any other file as free text.

    A terms file may carry the contract's free text under the key ``text``, and may also be
    shaped as the API's ``{"terms": {...}, "text": "..."}``."""
    data_bytes = path.read_bytes()
    if b"\x00" in data_bytes[:8192]:
        raise OrderError("contract", f"{path}: not a text file (binary content)")
    try:
        raw = data_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise OrderError("contract", f"{path}: not UTF-8 text") from None
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        return None, raw
    try:
        if suffix == ".json":
            data = json.loads(raw)
        else:
            import yaml  # PyYAML: only needed for YAML contract files

            data = yaml.safe_load(raw)
    except Exception as exc:  # json.JSONDecodeError, yaml.YAMLError: both multi-line messages
        detail = " ".join(str(exc).split())
        raise InputError("contract", f"{path}: not valid {suffix[1:].upper()}: {detail}") from None
    if not isinstance(data, dict):
        raise InputError("contract", f"{path}: expected a mapping of term: value")
    text = data.pop("text", None)
    if text is not None and not isinstance(text, str):
        raise OrderError("contract", f"{path}: text must be the contract's text, got {text!r}")
    if "terms" in data:  # the API's shape
        terms = data.pop("terms")
        if not isinstance(terms, dict) or data:
            raise OrderError(
                "contract", f"{path}: terms must be a mapping of term: value, got {terms!r}"
            )
        data = terms
    # YAML reads an unquoted 2026-03-15 as a date: it is the text the contract says.
    data = {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}
    bad = [k for k, v in data.items() if v is not None and not isinstance(v, str | int | float)]
    if bad:
        raise OrderError("contract", f"{path}: the value of {bad[0]!r} must be text or a number")
    return data, text


def echo_contract(rows: list[dict[str, Any]]) -> None:
    click.echo("Contract checklist:")
    for row in rows:
        click.echo(f"  {row['status']:8} {row['label']}: {row['why']}")


def echo_deadlines(doc: dict[str, Any]) -> None:
    click.echo("Claim deadlines:")
    for profile in doc["profiles"]:
        if not profile["applies"]:
            click.echo(f"  {profile['id']}: does not apply ({profile['why_not']})")
            continue
        for d in profile["deadlines"]:
            status = f" [{STATUS_WORDS.get(d['status'], d['status'])}]" if d["status"] else ""
            click.echo(f"  {profile['id']:13} {d['date']}  {d['kind']:8} {d['title']}{status}")
    for p in doc["pending"]:
        click.echo(f"  {p['profile']:13} (needs the {p['needs']} date)  {p['title']}")
    act = doc["act_by"]
    passed = [
        d
        for p in doc["profiles"]
        for d in p["deadlines"]
        if d["kind"] == "deadline" and d["status"] == "past"
    ]
    if act:
        click.echo(f"  ACT BY {act['date']}: {act['title']} (rule {act['rule']})")
    elif passed:
        last = max(d["date"] for d in passed)
        click.echo(f"  act by: every deadline has passed (the last on {last})")
    else:
        click.echo("  act by: no deadline yet (give shipped / cleared / received dates)")


@main.command("check-order")
@click.option("--supplier", "supplier_id", required=True, help="Supplier ID or alias.")
@order_options
@click.option("--contract", type=click.Path(path_type=Path), help="Terms (.json/.yaml) or text.")
@click.option("--paid", help="Date the order was paid (YYYY-MM-DD).")
@click.option("--shipped", help="Shipment date.")
@click.option("--cleared", help="Import customs clearance date.")
@click.option("--received", help="Date receipt was confirmed.")
@click.option("--dispute-opened", "dispute_opened", help="Date a dispute was opened.")
@click.option("--profile", "profiles", multiple=True, help="seed, alibaba-2017 (default: all).")
@click.option("--today", help="Mark deadlines passed/upcoming as of this date (default: today).")
@click.option("--ics", type=click.Path(path_type=Path), help="Write the deadlines as iCalendar.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def check_order_cmd(ctx: click.Context, supplier_id: str, **opts: Any) -> None:
    """How much of an order Trade Assurance covers, whether the contract says enough, and the
    claim deadlines under each policy profile (the earliest is the date to act by)."""
    # The contract's regex tables and the policy rules: only this command needs them.
    from vetting.contract import check_contract
    from vetting.ical import to_ical
    from vetting.policy import deadlines, profile_id

    value = order_value(opts)
    if value is None:
        raise OrderError("order_value", "missing: give the order value with --order-value")
    order = build_order(value, **opts)
    supplier = open_store(ctx, readonly=True).get(supplier_id)
    doc = supplier_document(supplier, order=order)
    if opts["contract"] is not None:
        doc["contract"] = check_contract(*load_contract(opts["contract"]))
    events = {k: opts[k] for k in EVENT_OPTIONS if opts[k]}
    # Checked even when no event date is given: a typo must not pass silently.
    today = _date("today", opts["today"]) or date.today()
    for profile in opts["profiles"]:
        profile_id(profile)
    if events or opts["ics"]:
        result = deadlines(events, opts["profiles"] or None, today=today)
        doc["deadlines"] = result.to_json()
        if opts["ics"]:
            opts["ics"].write_text(to_ical(result, f"supplier {supplier.supplier_id}"), "utf-8")
    if as_json := opts["as_json"]:
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    _echo_check(doc, opts["ics"], quiet=as_json)


def _echo_check(doc: dict[str, Any], ics: Path | None, quiet: bool) -> None:
    if not quiet:
        sc = doc["score"]
        grade = sc["grade"] or "insufficient data"
        click.echo(f"{doc['name']} ({doc['supplier_id']}): {grade}")
        echo_order(doc["order"])
        if "contract" in doc:
            echo_contract(doc["contract"])
        if "deadlines" in doc:
            echo_deadlines(doc["deadlines"])
    if ics is not None:
        count = len([d for p in doc["deadlines"]["profiles"] for d in p["deadlines"]])
        click.echo(f"wrote {count} event(s) to {ics}", err=quiet)


def _date(name: str, text: str | None) -> date | None:
    if not text:
        return None
    return parse_day(text, name)
