// Orchestration: scan once, ask the background worker ONCE for every supplier on the page,
// place the badges, then batch new cards from infinite scroll (MutationObserver) and redraw
// locally when the planned order changes (no new request: coverage runs in lib/coverage.js).

import { normaliseOrder, normaliseSettings } from "../lib/settings.js";
import { createBadge, HOST_TAG, renderBadge } from "./badge.js";
import { pageIdentity } from "./identity.js";
import { observedSignals } from "./observe.js";
import { PANEL_TAG, renderPanel } from "./panel.js";
import { claimCards, embeddedSuppliers, fallbackSuppliers } from "./scan.js";

const RESCAN_DELAY_MS = 150; // mutations arriving within this window share one lookup
const MAX_ITEMS_PER_REQUEST = 100; // the API's batch limit
const OWN_TAGS = new Set([HOST_TAG.toUpperCase(), PANEL_TAG.toUpperCase()]);
export const MARKS = { scan: "supplier-vetting:scan", render: "supplier-vetting:render" };

async function lookup(keys, observed, state) {
  const items = keys.map((key) => {
    const seen = state.contribute ? observed.get(key) : null;
    return seen ? { id: key, ...seen } : key;
  });
  const results = new Map();
  for (let i = 0; i < items.length; i += MAX_ITEMS_PER_REQUEST) {
    let reply = null;
    try {
      reply = await chrome.runtime.sendMessage({ type: "lookup", items:
        items.slice(i, i + MAX_ITEMS_PER_REQUEST), url: state.url });
    } catch {
      reply = null; // worker unavailable: same as the API being down
    }
    for (const key of keys.slice(i, i + MAX_ITEMS_PER_REQUEST)) {
      const result = reply && reply.results ? reply.results[key] : null;
      results.set(key, result || { status: "offline" });
    }
  }
  return results;
}

function measure(name, start) {
  performance.measure(name, { start, end: performance.now() });
}

async function scan(state, first) {
  const t0 = performance.now();
  const cards = claimCards(state.doc, state.page);
  const observed = new Map();
  for (const c of state.contribute ? cards : []) {
    const signals = observedSignals(c.card);
    if (Object.keys(signals).length) {
      observed.set(c.key, { signals, url: state.url, name: c.identity.name || undefined });
    }
  }
  if (first) {
    const cardKeys = new Set(cards.map((c) => c.key));
    let listed = embeddedSuppliers(state.doc);
    if (!cards.length && !listed.length) listed = fallbackSuppliers(state.doc);
    state.panel = listed.map((s) => ({ key: s.companyId || s.subdomain, name: s.name }))
      .filter((s) => s.key && !cardKeys.has(s.key));
  }
  const keys = [...cards.map((c) => c.key), ...(first ? state.panel.map((p) => p.key) : [])];
  const wanted = [...new Set(keys)].filter((key) => !state.results.has(key));
  measure(MARKS.scan, t0);
  if (!cards.length && !(first && state.panel.length)) return;
  // Badges left "offline" by an earlier failure ride along with the next lookup.
  const retry = cards.length ? offlineKeys(state).filter((key) => !wanted.includes(key)) : [];
  const ask = [...wanted, ...retry];
  const fetched = ask.length ? await lookup(ask, observed, state) : new Map();
  for (const [key, result] of fetched) state.results.set(key, result);
  if (retry.some((key) => state.results.get(key).status !== "offline")) redraw(state);
  const t1 = performance.now();
  for (const c of cards) {
    const handle = createBadge(c.card, c.rule.anchor, c.key);
    state.badges.push(handle);
    renderBadge(handle, state.results.get(c.key), state.order, state.context);
  }
  if (first) renderPanel(state.doc, state.panel, state.results, state.order, state.context);
  measure(MARKS.render, t1);
  state.doc.documentElement.dataset.supplierVettingBadges = String(state.badges.length);
}

function offlineKeys(state) {
  return [...state.results].filter(([, r]) => r.status === "offline").map(([key]) => key);
}

function redraw(state) {
  const t0 = performance.now();
  for (const handle of state.badges) {
    renderBadge(handle, state.results.get(handle.key), state.order, state.context);
  }
  renderPanel(state.doc, state.panel, state.results, state.order, state.context);
  measure(MARKS.render, t0);
}

function onlyOwnNodes(records) {
  return records.every((r) => [...r.addedNodes].every((n) => OWN_TAGS.has(n.nodeName)));
}

/** Entry point (called by loader.js in the content script's isolated world). */
export async function start(win = window) {
  const doc = win.document;
  const stored = await chrome.storage.local.get(["order", "settings"]);
  const settings = normaliseSettings(stored.settings).settings;
  const t0 = performance.now();
  const page = pageIdentity(doc, win.location);
  measure(MARKS.scan, t0);
  const state = {
    doc, url: win.location.href, page,
    order: normaliseOrder(stored.order).order, contribute: settings.contribute,
    context: { siteBase: settings.siteBase, now: Date.now() },
    results: new Map(), badges: [], panel: [],
  };
  // One failed step (say, a card markup we choke on) must not stop the later ones.
  const warn = (err) => console.warn("supplier-vetting:", err && err.message);
  let running = scan(state, true).catch(warn);
  let timer = null;
  const observer = new MutationObserver((records) => {
    if (onlyOwnNodes(records) || timer) return;
    timer = setTimeout(() => {
      timer = null;
      running = running.then(() => scan(state, false)).catch(warn);
    }, RESCAN_DELAY_MS);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes.order) state.order = normaliseOrder(changes.order.newValue).order;
    if (changes.settings) {
      const next = normaliseSettings(changes.settings.newValue).settings;
      state.context.siteBase = next.siteBase;
      state.contribute = next.contribute;
    }
    if (changes.order || changes.settings) running = running.then(() => redraw(state)).catch(warn);
  });
  await running;
  return state;
}
