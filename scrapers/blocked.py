"""Recognise anti-bot and login interstitials before any extraction.

A blocked page is never data: storing it as a supplier would turn "we could not see" into "no".
"""

from __future__ import annotations

# Markers of Alibaba's "punish" captcha interstitial and its login walls.
_BLOCK_MARKERS = (
    "/_____tmd_____/punish",
    "rgv587_flag",
    '"action": "captcha"',
    "x5secdata=",
    "baxia-punish",
    "login.alibaba.com/newlogin",
)


def block_reason(html: str) -> str | None:
    """Why this page is an interstitial rather than content, or None."""
    head = html[:20000]
    for marker in _BLOCK_MARKERS:
        if marker in head:
            return f"anti-bot or login page (marker {marker!r})"
    return None
