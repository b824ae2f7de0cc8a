//# allFunctionsCalledOnLoad
// Orchestration: read the page itself (embedded JSON first, then the cards' markup), send what
// it states to the background worker ONCE (it remembers, and asks a server only when one is
// configured), score locally, place the badges; then batch new cards from infinite scroll and
// redraw locally when the planned order changes. Card work is chunked so 5,000 cards never
// hold the main thread for long.

import { BLOCKED_NOTICE, blockReason } from "../lib/blocked.js";
import { badgeModel } from "../lib/badge-model.js";
import { localResult } from "../lib/local-doc.js";
import { readPage } from "../lib/reader.js";
import { normaliseOrder, normaliseSettings } from "../lib/settings.js";
import { createBadge, HOST_TAG, renderBadge } from "./badge.js";
import { cardSignals, pageIdentity } from "./identity.js";
import { blockText, pageInputs } from "./inputs.js";
import { NOTICE_TAG, renderNotice } from "./notice.js";
import { PANEL_TAG, renderPanel } from "./panel.js";
import { claimCards, claimOfferCards, fallbackSuppliers } from "./scan.js";
import { pageStructure } from "./structure.js";

const RESCAN_DELAY_MS = 150; // mutations arriving within this window share one message
const CHUNK = 250; // cards drawn per task; the browser gets the main thread back in between
const MAX_CARDS_PER_SCAN = 5000;
const OWN_TAGS = new Set([HOST_TAG, PANEL_TAG, NOTICE_TAG].map((t) => t.toUpperCase()));
export const MARKS = { scan: "supplier-vetting:scan", render: "supplier-vetting:render",
  read: "supplier-vetting:read" };

function measure(name, start) {
  performance.measure(name, { start, end: performance.now() });
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function pageObservations(state) {
  const read = state.read;
  if (!read) return [];
  const at = read.observed_at || new Date(state.context.now).toISOString();
  return read.suppliers.map((s) => ({ companyId: s.companyId, subdomain: s.subdomain,
    name: s.name, signals: s.signals, url: state.url, kind: read.kind, observed_at: at }));
}

function cardObservation(c, state) {
  // A card about the page's own supplier: the page's JSON names it better than a link text.
  const name = c.rule.pageIdentity && state.read ? null : c.identity.name;
  return { companyId: c.identity.companyId, subdomain: c.identity.subdomain,
    name, signals: c.rule.metrics ? cardSignals(c.card, c.rule) : {},
    url: state.url, kind: c.rule.kind, observed_at: new Date(state.context.now).toISOString() };
}

async function ask(state, observations, keys) {
  try {
    const reply = await chrome.runtime.sendMessage({ type: "page", url: state.url,
      observations, keys });
    return reply && reply.records ? reply : { records: {}, server: "off" };
  } catch {
    return { records: {}, server: "off" }; // worker unavailable: draw what the page says
  }
}

/** Claim the new cards and read what they state, CHUNK cards per task. */
async function claimAll(state) {
  const t0 = performance.now();
  const cards = claimOfferCards(state.doc, state.read && state.read.products);
  const observations = cards.map((c) => cardObservation(c, state));
  measure(MARKS.scan, t0);
  while (cards.length < MAX_CARDS_PER_SCAN) {
    const t1 = performance.now();
    const batch = claimCards(state.doc, state.page, CHUNK);
    for (const c of batch) observations.push(cardObservation(c, state));
    cards.push(...batch);
    measure(MARKS.scan, t1);
    if (batch.length < CHUNK) break;
    await nextTask();
  }
  return { cards, observations };
}

async function scan(state, first) {
  const { cards, observations: cardObs } = await claimAll(state);
  const t0 = performance.now();
  const observations = [...(first ? pageObservations(state) : []), ...cardObs];
  if (first) {
    const cardKeys = new Set(cards.map((c) => c.key));
    let listed = state.read ? state.read.suppliers : [];
    if (!cards.length && !listed.length) listed = fallbackSuppliers(state.doc);
    state.panel = listed.map((s) => ({ key: s.companyId || s.subdomain, name: s.name }))
      .filter((s) => s.key && !cardKeys.has(s.key));
  }
  const keys = [...new Set([...cards.map((c) => c.key),
    ...(first ? state.panel.map((p) => p.key) : [])])];
  measure(MARKS.scan, t0);
  if (!keys.length) {
    if (first) state.doc.documentElement.dataset.supplierVettingBadges = "0";
    return;
  }
  const reply = await ask(state, observations, keys);
  state.server = reply.server;
  for (const key of keys) state.records.set(key, reply.records[key] || null);
  const modelOf = models(state);
  for (let i = 0; i < cards.length; i += CHUNK) {
    if (i) await nextTask();
    const t1 = performance.now();
    for (const c of cards.slice(i, i + CHUNK)) {
      const handle = createBadge(c.card, c.rule.anchor, c.key);
      state.badges.push(handle);
      renderBadge(handle, modelOf(c.key), state.context);
    }
    measure(MARKS.render, t1);
  }
  if (first) drawPanel(state);
  state.doc.documentElement.dataset.supplierVettingBadges = String(state.badges.length);
}

function resultFor(state, key) {
  return localResult(state.records.get(key), { nowMs: state.context.now, pageUrl: state.url,
    server: state.server });
}

/** The badge model of each supplier, made once per drawing: a gallery shows the same supplier
 *  on several cards, and scoring it again for each was most of drawing 48 badges. */
function models(state) {
  const made = new Map();
  return (key) => {
    if (!made.has(key)) {
      made.set(key, badgeModel(resultFor(state, key), state.order, state.context.now));
    }
    return made.get(key);
  };
}

function drawPanel(state) {
  const results = new Map(state.panel.map((p) => [p.key, resultFor(state, p.key)]));
  renderPanel(state.doc, state.panel, results, state.order, state.context);
}

function redraw(state) {
  const t0 = performance.now();
  const modelOf = models(state);
  for (const handle of state.badges) renderBadge(handle, modelOf(handle.key), state.context);
  drawPanel(state);
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
  const url = win.location.href;
  const blocked = blockReason(blockText(doc), url, Infinity);
  if (blocked) {
    renderNotice(doc, BLOCKED_NOTICE);
    doc.documentElement.dataset.supplierVettingBlocked = blocked;
    doc.documentElement.dataset.supplierVettingBadges = "0";
    measure(MARKS.scan, t0);
    return null;
  }
  const tRead = performance.now();
  const read = readPage({ url, ...pageInputs(doc) });
  performance.measure(MARKS.read, { start: tRead, end: performance.now() });
  const own = read && read.suppliers.length === 1 && ["product-detail", "supplier-profile"]
    .includes(read.kind) ? read.suppliers[0] : null;
  const page = own ? { companyId: own.companyId, subdomain: own.subdomain, name: own.name }
    : pageIdentity(doc, win.location);
  measure(MARKS.scan, t0);
  const state = {
    doc, url, page, read,
    order: normaliseOrder(stored.order).order,
    context: { siteBase: settings.siteBase, now: Date.now() },
    records: new Map(), badges: [], panel: [], server: "off",
  };
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !message || message.type !== "page-structure") return;
    sendResponse(pageStructure(doc, state.badges.length));
  });
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
      state.context.siteBase = normaliseSettings(changes.settings.newValue).settings.siteBase;
    }
    if (changes.order || changes.settings) running = running.then(() => redraw(state)).catch(warn);
  });
  await running;
  return state;
}
