// EVERY Alibaba selector and page marker the extension relies on, in one place: when Alibaba
// changes its markup, this is the file to update. Grouped by markup generation.

/** Cards that get a badge. Identity: data attributes, track-info strings, supplier links; cards
 *  with `pageIdentity` describe the page's own supplier (product detail, profile). */
export const CARD_RULES = [
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
      ".module_unifed_company_card, [data-supplier-card]",
    idAttributes: ["data-supplier-card", "data-company-id"],
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
