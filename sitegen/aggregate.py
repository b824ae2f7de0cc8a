"""Site-wide files: index pages, downloads, methodology, 404, sitemap, robots.txt and static
assets. Built from the manifest's cached rows; each file is written only when its hash changed,
and files the previous build wrote but this one does not are deleted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from sitegen import assets, rules
from sitegen.bundle import bundle
from sitegen.manifest import Manifest, digest
from sitegen.render import PAGE_SIZE, Renderer, csv_header, index_name
from sitegen.staging import Staging

SITEMAP_MAX_URLS = 50_000
_RELATIVE_IMPORT = re.compile(
    r"""^\s*(?:import|export)\b[^;]*?\bfrom\s+["']\./([\w.-]+\.js)["']""", re.M
)  # the sitemaps.org limit per file


def write_site(out: Path, manifest: Manifest, base_url: str, staging: Staging) -> tuple[int, int]:
    """Stages the site-wide files into ``staging``; returns (files written, files deleted)."""
    renderer = Renderer()
    old = manifest.file_hashes()
    new: dict[str, str] = {}
    written = 0

    def put(rel: str, content: str) -> None:
        nonlocal written
        new[rel] = digest(content)
        if old.get(rel) != new[rel] or not (out / rel).exists():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.put(target, content.encode("utf-8"))
            written += 1

    ids, rows, rows_json, rows_csv = [], [], [], []
    for sid, row_html, row_json, row_csv in manifest.rows():
        ids.append(sid)
        rows.append(row_html)
        rows_json.append(row_json)
        rows_csv.append(row_csv)
    base = {"root": ""}
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    for number in range(1, pages + 1):
        chunk = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        put(index_name(number), renderer.index_page(chunk, number, pages, len(rows), base))
    put("suppliers.json", "[\n" + ",\n".join(rows_json) + "\n]\n")
    put("suppliers.csv", csv_header() + "".join(rows_csv))
    put(
        "methodology.html",
        renderer.page("methodology.html", m=rules.methodology(), profiles=rules.profiles(), **base),
    )
    put("404.html", renderer.page("404.html", root=_site_path(base_url)))
    urls = [index_name(n) for n in range(1, pages + 1)] + ["methodology.html"]
    urls += [f"suppliers/{sid}.html" for sid in ids]
    for rel, content in sitemaps(base_url, urls):
        put(rel, content)
    put("robots.txt", robots(base_url))
    for rel, content in static_files():
        put(rel, content)
    deleted = 0
    for rel in old.keys() - new.keys():
        path = out / rel
        if path.is_file():
            staging.delete(path)
            deleted += 1
    manifest.set_files(new)
    return written, deleted


def _site_path(base_url: str) -> str:
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def _absolute(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"


def sitemaps(base_url: str, urls: list[str]) -> Iterator[tuple[str, str]]:
    """sitemap.xml, or a sitemap index over sitemap-N.xml when there are too many URLs."""
    base = _absolute(base_url)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def urlset(part: list[str]) -> str:
        locs = "".join(f"<url><loc>{escape(base + u)}</loc></url>\n" for u in part)
        return f"{head}<urlset {ns}>\n{locs}</urlset>\n"

    if len(urls) <= SITEMAP_MAX_URLS:
        yield "sitemap.xml", urlset(urls)
        return
    names = []
    for i in range(0, len(urls), SITEMAP_MAX_URLS):
        name = f"sitemap-{i // SITEMAP_MAX_URLS + 1}.xml"
        names.append(name)
        yield name, urlset(urls[i : i + SITEMAP_MAX_URLS])
    locs = "".join(f"<sitemap><loc>{escape(base + n)}</loc></sitemap>\n" for n in names)
    yield "sitemap.xml", f"{head}<sitemapindex {ns}>\n{locs}</sitemapindex>\n"


def robots(base_url: str) -> str:
    text = "User-agent: *\nAllow: /\n"
    if urlsplit(base_url).scheme in ("http", "https"):
        text += f"Sitemap: {_absolute(base_url)}sitemap.xml\n"
    return text


def static_files() -> Iterator[tuple[str, str]]:
    static = assets.static_dir()
    for path in sorted(static.rglob("*")):
        if path.is_file():
            yield f"static/{path.relative_to(static).as_posix()}", path.read_text()
    yield from coverage_modules()
    # The page loads this one: a classic script also runs when the site is opened as files.
    calc = assets.static_dir() / "calc.js"
    search = {
        p.name: p for p in (*assets.coverage_js().parent.glob("*.js"), *calc.parent.glob("*.js"))
    }
    yield "static/calc.bundle.js", bundle(calc, search)


def coverage_modules() -> Iterator[tuple[str, str]]:
    """coverage.js and the modules it imports from beside it (decimal.js), copied verbatim: the
    coverage arithmetic has one JavaScript implementation, the extension's."""
    pending, seen = [assets.coverage_js()], set()
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        yield f"static/{path.name}", text
        pending += [path.parent / name for name in _RELATIVE_IMPORT.findall(text)]
