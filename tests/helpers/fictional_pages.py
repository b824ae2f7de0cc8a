"""Fictional page data reproducing the structures of the real ones."""

from __future__ import annotations

OFFER = {
    "id": 1600900000011,
    "information": {"puretitle": "Example Tote (fictional)"},
    "tradePrice": {"price": "US $1.20-$2.40", "minOrder": "100 Pieces"},
    "company": {"tradeAssurance": "1", "record": {"responseRate": "97.5%"}},
    "reviews": {"reviewScore": "4.5", "reviewCount": 12},
    "supplier": {
        "supplierId": 900000001,
        "supplierName": "Example Textiles Demo Co., Ltd. (fictional)",
        "goldSupplier": True,
        "supplierYear": "6",
        "assessedSupplier": True,
        "supplierHomeHref": "//example-textiles.en.alibaba.com/",
    },
}


# An AI-mode supplier card (2026) of our own, reproducing the real structure: hashed classes,
# identity in data-dot-params, a Gold-years slot, a storefront link on *.trustpass.alibaba.com
# only, and the facts only its text states: the rating split over two text nodes, a label line
# and its value, the flag's line, and a product tile whose own rating is not the supplier's.
AI_CARD = """<div class="Xq3z9" data-supplier-card="true"
 data-dot-params='{"companyId":"987654321","isFactory":"false"}'>
 <a class="k9Fh2" href="https://demo-trustpass-only.trustpass.alibaba.com/">
 <span title="Demo Trustpass Caps (fictional)">Demo Trustpass Caps (fictional)</span></a>
 <div class="Qz81" data-supplier-card-gold-years="true"><span>4 yrs</span></div>
 <div class="Rt7"><span>4.8</span>/5</div>
 <span data-supplier-card-reviews="true">(12 reviews)</span>
 <div class="Lb2"><div>On-time delivery</div><div>97.5%</div></div>
 <div class="Fl9">Sindh, <img alt="countryFlag" src="data:,">PK</div>
 <div data-supplier-card-product="true"><div>1.0/5</div></div></div>"""
# What that card states, read by either reader (the extension and scrapers/pages).
AI_CARD_STATES = {
    "gold_years": 4,
    "review_count": 12,
    "rating": 4.8,
    "on_time_delivery": 97.5,
    "location": "Sindh, PK",
}
