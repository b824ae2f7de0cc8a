// EVERY Alibaba selector and page marker the extension relies on, in one place: when Alibaba
// changes its markup, this is the file to update. Grouped by markup generation.

/** Cards that get a badge. Identity: data attributes, track-info strings, supplier links; cards
 *  with `pageIdentity` describe the page's own supplier (product detail, profile). */
export const CARD_RULES = [
  {
    // "AI mode" supplier search (2026): hashed class names change per deploy and are never
    // used; the card, its identity (data-dot-params JSON) and metrics are data attributes.
    kind: "ai-supplier-2026",
    card: "[data-supplier-card]:not([data-supplier-card='false'])",
    jsonIdAttributes: ["data-dot-params"],
    link: "a[href*='.trustpass.alibaba.com'], a[href*='.en.alibaba.com']",
    nameSelector: "span[title]",
    metrics: {
      gold_years: { selector: "[data-supplier-card-gold-years]", kind: "years" },
      review_count: { selector: "[data-supplier-card-reviews]", kind: "count" },
    },
    // Rating, on-time delivery, location, ...: the card's visible text, read by the rules of
    // readspec.json kind `supplier-search-ai-2026` (`text_lines`), shared with the Python parser.
    textLines: "supplier-search-ai-2026",
    anchor: null,
  },
  {
    kind: "search-2022", // product search, gallery and list views (2022)
    card: ".J-offer-wrapper",
    idAttributes: ["data-supplierid"],
    trackAttributes: ["data-trackinfo", "data-params"],
    link: "a.organic-gallery-offer__seller-company, a.list-no-v2-decisionsup__company, " +
      "a[href*='.en.alibaba.com/company_profile'], a[href*='.trustpass.alibaba.com']",
    anchor: ".organic-gallery-offer__seller-section, .list-no-v2-decisionsup",
  },
  {
    kind: "detail-card-2022", // product detail: the full supplier card (class has-ta when TA)
    card: ".widget-supplier-card",
    link: "a.company-name",
    anchor: ".company-name-container",
    pageIdentity: true,
  },
  {
    kind: "detail-card-lite-2022", // product detail: the small side card (class is-ps)
    card: ".company-card",
    link: ".company-item a",
    anchor: ".company-head",
    pageIdentity: true,
  },
  {
    kind: "detail-2026", // product detail (2026): company line and "Know your supplier" card
    card: "[data-module-name='module_company'], [data-module-name='module_unifed_company_card'], " +
      ".module_unifed_company_card",
    idAttributes: ["data-company-id"],
    link: ".company-name a, a.company-name, a[href*='.en.alibaba.com']",
    anchor: ".product-company-info, h3",
    pageIdentity: true,
  },
  {
    kind: "profile-2024", // supplier profile / storefront (2024): the shop sign module
    card: "[module-name='icbu-pc-shopSign']",
    anchor: null,
    pageIdentity: true,
  },
];

/** Product search (2026): cards are rendered from `window.__page__data_sse10._offer_list`, so
 *  a card is found from the blob: the element around the link to an offer's product page, up to
 *  the nearest ancestor that also holds the supplier's storefront link (no class names). */
export const OFFER_CARDS_2026 = {
  kind: "search-2026",
  productLink: (productId) => `a[href*='_${productId}.html']`,
  storefrontLink: "a[href*='.en.alibaba.com'], a[href*='.trustpass.alibaba.com']",
  maxDepth: 8,
};
/** Where module-data lives, for the page reader (supplier profile / store pages). */
export const MODULE_ELEMENTS = "[module-name][module-data]";
/** Text of the page head searched for anti-bot markers (lib/blocked.js). */
export const BLOCK_SCAN_ELEMENTS = "script, form, iframe, [id*='nocaptcha'], [class*='punish']";
/** Attributes whose values carry URL-encoded JSON with the page's companyId (2024 profile). */
export const MODULE_DATA_ATTRIBUTE = "module-data";
/** Inline-script assignments holding the page's supplier (product detail 2022). */
export const PAGE_SUPPLIER_MARKERS = ["window.detailData"];
/** Inline-script assignments holding the suppliers of a whole results page. */
export const PAGE_LIST_MARKERS = {
  search2022: "window.__page__data__config",
  supplierSearch2024: "window._PAGE_DATA_",
};
/** Last-resort identity anywhere on a page nobody recognises (for the panel). */
export const FALLBACK_ID_ATTRIBUTES = "[data-supplierid], [data-company-id]";
export const FALLBACK_STOREFRONT_LINKS =
  "a[href*='.en.alibaba.com'], a[href*='.trustpass.alibaba.com']";
/** Text nodes on cards that show signals we may contribute ("contribute what I see"). */
export const OBSERVED = {
  taMarkCardClass: "has-ta", // 2022 detail card with the Trade Assurance mark
  yearsTag: ".seller-tag__year, .company-year, .join-year .value",
};
