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
