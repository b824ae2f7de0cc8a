//# allFunctionsCalledOnLoad
// Anti-bot interstitials ("punish" captcha, slider verification). A blocked page is never data:
// the extension reads nothing from it and says so. Pure: page text and URL in, reason out.
// `baxia` and `awsc.js` load on normal pages too, so they are deliberately not markers.

export const BLOCK_MARKERS = ["/_____tmd_____/punish", "/_____tmd_____/verify", "x5secdata",
  "punish-component", "NCTOKENSTR"];
// Interstitials are small and carry the markers early: only the head of the text is searched.
export const BLOCK_SCAN_CHARS = 20000;

/** The marker that shows `text` (or `url`) is an anti-bot page, or null. */
export function blockReason(text, url = "", scanChars = BLOCK_SCAN_CHARS) {
  const head = typeof text === "string" ? text.slice(0, scanChars) : "";
  const where = typeof url === "string" ? url : "";
  for (const marker of BLOCK_MARKERS) {
    if (head.includes(marker) || where.includes(marker)) return marker;
  }
  return null;
}

export const BLOCKED_NOTICE = "Alibaba is showing a verification page: nothing read";
