"""Alibaba IDs and URLs for the parsers: the rules live in the core (`vetting.ids`), which the
store and the site use too; this module re-exports them under the names the parsers import."""

from vetting.ids import (
    SUPPLIER_SUFFIXES,
    WWW,
    NotAlibabaURL,
    Target,
    TargetKind,
    absolute,
    is_company_id,
    is_numeric_id,
    is_subdomain,
    is_supplier_key,
    parse_target,
    product_id_of,
    product_url,
    profile_url,
    search_url,
    subdomain_of,
)

__all__ = [
    "SUPPLIER_SUFFIXES",
    "WWW",
    "NotAlibabaURL",
    "Target",
    "TargetKind",
    "absolute",
    "is_company_id",
    "is_numeric_id",
    "is_subdomain",
    "is_supplier_key",
    "parse_target",
    "product_id_of",
    "product_url",
    "profile_url",
    "search_url",
    "subdomain_of",
]
