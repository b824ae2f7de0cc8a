"""Static supplier-report site: read the database → render Jinja templates → write files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from vetting.report import supplier_json
from vetting.scoring import GOLD_REMINDER
from vetting.store import Store

SITE_DIR = Path(__file__).resolve().parent.parent / "site"


def environment(site_dir: Path = SITE_DIR) -> Environment:
    env = Environment(
        loader=FileSystemLoader(site_dir / "templates"),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
    )
    env.globals["GOLD_REMINDER"] = GOLD_REMINDER
    return env


def read(store: Store) -> list[dict[str, Any]]:
    return [supplier_json(s) for s in store.iter_suppliers()]


def render(env: Environment, docs: list[dict[str, Any]]) -> dict[str, str]:
    """Relative path → file content."""
    pages = {"index.html": env.get_template("index.html").render(suppliers=docs, root="")}
    supplier_tpl = env.get_template("supplier.html")
    for doc in docs:
        sid = doc["supplier_id"]
        pages[f"suppliers/{sid}.html"] = supplier_tpl.render(s=doc, root="../")
        pages[f"api/v1/suppliers/{sid}.json"] = json.dumps(doc, ensure_ascii=False)
    return pages


def write(out: Path, pages: dict[str, str], site_dir: Path = SITE_DIR) -> int:
    for rel, content in pages.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    static = site_dir / "static"
    if static.is_dir():
        shutil.copytree(static, out / "static", dirs_exist_ok=True)
    return len(pages)


def publish(store: Store, out: Path) -> int:
    docs = read(store)
    pages = render(environment(), docs)
    return write(out, pages)
