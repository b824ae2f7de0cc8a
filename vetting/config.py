"""Every environment variable the project reads, with what it means: one table, one reader.

Code reads the environment only through `get` / `get_list` (or click's ``envvar=`` with a name
from this table); the README's Configuration section lists every name (tests/core/test_config.py
checks both). The proxies (``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``) are read by requests.
"""

from __future__ import annotations

import os

DB = "VETTING_DB"
HTTP_CACHE = "VETTING_HTTP_CACHE"
QUEUE = "VETTING_QUEUE"
API_KEYS = "VETTING_API_KEYS"
CORS_ORIGINS = "VETTING_CORS_ORIGINS"
RATELIMIT = "VETTING_RATELIMIT"
RATELIMIT_ENABLED = "VETTING_RATELIMIT_ENABLED"
RATELIMIT_STORAGE_URI = "RATELIMIT_STORAGE_URI"
ALIBABA_PAGES = "ALIBABA_PAGES"

VARIABLES: dict[str, str] = {
    DB: "the SQLite database (default ./vetting.db); `--db` wins",
    HTTP_CACHE: "the scrapers' HTTP cache file (default <db>.http-cache.sqlite)",
    QUEUE: "Redis URL of the distributed crawl queue (`vet crawl --queue`, `vet worker`)",
    API_KEYS: "comma-separated keys for POST /captures (none: every key refused)",
    CORS_ORIGINS: "comma-separated origins that get CORS headers (none by default)",
    RATELIMIT: 'the API rate limit per client address (default "1200 per minute")',
    RATELIMIT_ENABLED: "0 turns the API rate limit off (benchmarks); default on",
    RATELIMIT_STORAGE_URI: "where rate-limit counters live (default: each process's memory)",
    ALIBABA_PAGES: "the real saved pages `vet demo` imports (default ../shared/alibaba-pages)",
}


def get(name: str, default: str | None = None) -> str | None:
    """The variable's value (``default`` when unset); only names in `VARIABLES`."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not a configuration variable (add it to vetting.config)")
    return os.environ.get(name, default)


def get_list(name: str) -> list[str]:
    """A comma-separated variable as its non-empty items."""
    return [item.strip() for item in (get(name) or "").split(",") if item.strip()]


def export(name: str, value: str) -> None:
    """Set a variable for this process and the ones it starts (`vet serve` → gunicorn)."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not a configuration variable (add it to vetting.config)")
    os.environ[name] = value
