// Links put on the page must be https and point at an allowed host: scraped or API-supplied
// URLs are untrusted (javascript:, data: and look-alike hosts are refused). Pure.

export const ALLOWED_HOST_SUFFIXES = ["alibaba.com"];

/** The URL as a string when it is https on an allowed host (or an extra allowed origin). */
export function safeHttpsUrl(href, extraOrigins = []) {
  if (typeof href !== "string" || href.length === 0) return null;
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  const hostOk = ALLOWED_HOST_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
  const originOk = extraOrigins.some((origin) => safeOrigin(origin) === url.origin);
  return hostOk || originOk ? url.href : null;
}

/** The https origin of a configured base URL, or null. */
export function safeOrigin(base) {
  try {
    const url = new URL(base);
    return url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}
