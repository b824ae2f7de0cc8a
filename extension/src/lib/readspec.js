// What the page reader reads on the 2022-2024 page kinds (today's kinds are in the spec shared
// with Python, readspec-shared.js): per page kind × markup generation, where the data sits (inline
// script marker and JSON path, or module-data attributes) and, per signal, its path(s) and
// value kind (lib/values.js). First matching rule wins: more specific generations first.
// Signal names are vetting/model.py's SIGNALS.

const MONEY_USD_LIMIT = { kind: "money", default_currency: "USD", max_amount: "1000000000" };

export default {
  pages: [
    {
      kind: "product-detail", generation: "2022", marker: "window.detailData",
      supplier: "globalData.seller", observed_at: "globalData.global.serverTime",
      id: "companyId", name: "companyName", subdomain: "subDomain",
      signals: {
        trade_assurance: { path: "baoAccountIsService", kind: "flag" },
        ta_limit: { path: "baoAccountAmount", when: "baoAccountIsDisplayAssurance", ...MONEY_USD_LIMIT },
        gold_supplier: { path: "accountIsPaidMember", kind: "flag" },
        years_on_alibaba: { path: "companyJoinYears", kind: "years" },
        gold_years: { path: "companyJoinYears", when: "accountIsPaidMember", kind: "years" },
        verified: { path: "companyHasPassAssessment", kind: "flag" },
        business_type: { path: "companyBusinessType", kind: "text" },
        location: { path: "companyRegisterCountry", kind: "text" },
        response_time: { path: "responseTimeText", kind: "hours" },
        rating: { path: "supplierRatingReviews.averageStar", kind: "rating" },
        review_count: { path: "supplierRatingReviews.totalReviewOrderCount", kind: "count" },
      },
    },
    {
      kind: "supplier-profile", generation: "2024", module_prefix: "icbu-pc-",
      module_body: "mds.moduleData.data", id: "companyId", name: "companyName",
      subdomain: "esiteSubDomain", subdomain_from_url: true,
      signals: {
        gold_supplier: { path: "accountIsPaidMember", kind: "flag" },
        years_on_alibaba: { path: "companyJoinYears", kind: "years" },
        gold_years: { path: "companyJoinYears", when: "accountIsPaidMember", kind: "years" },
        trade_assurance: { path: "baoAccountIsDisplayAssurance", kind: "flag" },
        verified: { path: "companyHasPassAssessment", kind: "flag" },
        verifier: { path: "assessmentCertCompanyTitle", kind: "text" },
        onsite_check: { path: "companyHasPassOnsite", kind: "flag" },
        business_type: { path: "companyBusinessType", kind: "text" },
        location: { path: "companyLocation", kind: "text" },
        response_time: { path: "supplierResponseTime", kind: "hours" },
        on_time_delivery: { path: "supplierOnTimeDeliveryRate", kind: "percent" },
        rating: { path: "averageStar", kind: "rating" },
        review_count: { path: "totalReviewOrderCount", kind: "count" },
        staff: { path: "authStaffNo", kind: "text" },
      },
    },
    {
      kind: "supplier-search", generation: "2024", marker: "window._PAGE_DATA_",
      list: "offerResultData.offerList", id: "companyId", name: "companyName", subdomain: "action",
      signals: {
        gold_years: { path: "goldYears", kind: "years" },
        verified: { path: "isAssessedSupplier", kind: "flag" },
        verified_pro: { path: "verifiedSupplierPro", kind: "flag" },
        response_time: { path: "replyAvgTime", kind: "hours" },
        review_count: { path: "reviewCount", kind: "count" },
        rating: { path: "reviewScore", when_positive: "reviewCount", kind: "rating" },
        staff: { path: "staff", kind: "text" },
        floor_area: { path: "area", kind: "text" },
      },
    },
    {
      kind: "search-listing", generation: "2022", marker: "window.__page__data__config",
      list: "props.offerResultData.offerList", id: "supplier.supplierId",
      name: "supplier.supplierName", subdomain: "supplier.supplierHref",
      signals: {
        gold_supplier: { path: "supplier.goldSupplier", kind: "flag" },
        years_on_alibaba: { path: "supplier.supplierYear", kind: "years" },
        gold_years: { path: "supplier.supplierYear", when: "supplier.goldSupplier", kind: "years" },
        verified: { path: "supplier.assessedSupplier", kind: "flag" },
        trade_assurance: { path: "company.tradeAssurance", kind: "flag" },
        location: { path: "supplier.supplierCountry.id", kind: "text" },
        response_rate: { path: "company.record.responseRate", kind: "percent" },
        response_time: { path: "company.record.responseTime", kind: "hours" },
        rating: { path: "reviews.reviewScore", kind: "rating" },
        review_count: { path: "reviews.reviewCount", kind: "count" },
      },
    },
  ],
};
