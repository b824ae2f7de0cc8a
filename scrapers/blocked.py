"""Recognise anti-bot and login interstitials before any extraction.

A blocked page is never data: storing it as a supplier would turn "we could not see" into "no".
"""

from __future__ import annotations

# Markers of Alibaba's anti-bot interstitials (2022-2026) and its login walls: the
# ``/_____tmd_____/`` paths (``/punish``, ``/verify``), the ``x5secdata`` token, the slider's
# ``punish-component`` and ``NCTOKENSTR``. ``baxia`` and ``awsc.js`` (the anti-bot SDK) load on
# normal pages too, so they are deliberately not markers.
BLOCK_MARKERS = (
    "/_____tmd_____/",
    "rgv587_flag",
    '"action": "captcha"',
    "x5secdata",
    "punish-component",
    "NCTOKENSTR",
    "baxia-punish",
    "login.alibaba.com/newlogin",
)
_BLOCK_MARKERS = BLOCK_MARKERS


def block_reason(html: str) -> str | None:
    """Why this page is an interstitial rather than content, or None."""
    head = html[:20000]
    for marker in _BLOCK_MARKERS:
        if marker in head:
            return f"anti-bot or login page (marker {marker!r})"
    return None
