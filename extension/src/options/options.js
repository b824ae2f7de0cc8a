// Options: API or static-site base URL (none by default: the extension works on its own),
// cache lifetime, "contribute what I see" (off by default) with its API key. A configured
// origin needs the user's grant of that optional host permission.

import { normaliseSettings } from "../lib/settings.js";

const form = document.getElementById("options");
const status = document.getElementById("status");

function fill(settings) {
  for (const [name, value] of Object.entries(settings)) {
    const field = form.elements[name];
    if (!field) continue;
    if (field.type === "checkbox") field.checked = value === true;
    else field.value = value;
  }
}

async function grant(base) {
  if (!base) return true;
  // Exactly the configured origin; Firefox's match patterns cannot name a port, so there the
  // host (any port) is the narrowest grant possible.
  const url = new URL(base);
  const firefox = typeof globalThis.browser !== "undefined";
  const origins = [firefox ? `${url.protocol}//${url.hostname}/*` : `${url.origin}/*`];
  if (await chrome.permissions.contains({ origins })) return true;
  return chrome.permissions.request({ origins }).catch(() => false);
}

/** Firefox asks the user before an extension transmits page content (optional data collection
 *  "websiteContent" in the manifest); other browsers have no such consent step. */
async function consentToShare() {
  if (typeof globalThis.browser === "undefined") return true;
  try {
    return await chrome.permissions.request({ data_collection: ["websiteContent"] });
  } catch {
    return true; // an older Firefox without data-collection consent
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const raw = Object.fromEntries(new FormData(form));
  raw.contribute = form.elements.contribute.checked;
  const { settings, errors } = normaliseSettings(raw);
  const problems = Object.values(errors);
  if (problems.length) {
    status.textContent = problems.join("; ");
    return;
  }
  const granted = await grant(settings.siteBase || settings.apiBase);
  if (settings.contribute) settings.contribute = await consentToShare();
  await chrome.storage.local.set({ settings });
  status.textContent = granted ? "Saved." : "Saved, but without permission to reach that origin.";
});
chrome.storage.local.get("settings")
  .then(({ settings }) => fill(normaliseSettings(settings).settings));
