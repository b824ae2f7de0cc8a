"""IDs and URLs: product, supplier and search URLs, companyIds, and a clear error otherwise."""

from __future__ import annotations

import pytest

from scrapers.ids import NotAlibabaURL, parse_target, product_id_of, subdomain_of


@pytest.mark.parametrize(
    ("text", "kind", "url", "key"),
    [
        pytest.param(
            "https://www.alibaba.com/product-detail/Thai-quality_1600312248685.html?spm=a2700",
            "product",
            "https://www.alibaba.com/product-detail/_1600312248685.html",
            "1600312248685",
            id="product-url",
        ),
        pytest.param(
            "//www.alibaba.com/product-detail/8.7-inch-Statue_60345754188.html",
            "product",
            "https://www.alibaba.com/product-detail/_60345754188.html",
            "60345754188",
            id="protocol-relative-11-digit",
        ),
        pytest.param(
            "https://apdingtai.en.alibaba.com/company_profile.html",
            "supplier",
            "https://apdingtai.en.alibaba.com/company_profile.html",
            "apdingtai",
            id="en-host",
        ),
        pytest.param(
            "https://ZhenbenChina.m.en.alibaba.com/?from=detail",
            "supplier",
            "https://zhenbenchina.en.alibaba.com/company_profile.html",
            "zhenbenchina",
            id="mobile-host",
        ),
        pytest.param(
            "http://foo-bar.trustpass.alibaba.com/",
            "supplier",
            "https://foo-bar.en.alibaba.com/company_profile.html",
            "foo-bar",
            id="trustpass-host",
        ),
        pytest.param(
            "apdingtai.en.alibaba.com",
            "supplier",
            "https://apdingtai.en.alibaba.com/company_profile.html",
            "apdingtai",
            id="bare-host",
        ),
        pytest.param("apdingtai", "supplier", None, "apdingtai", id="bare-subdomain"),
        pytest.param("262055980", "company_id", None, "262055980", id="company-id"),
        pytest.param(
            "https://www.alibaba.com/trade/search?SearchText=plastic+nets&page=2",
            "search",
            "https://www.alibaba.com/trade/search?SearchText=plastic+nets&tab=supplier&page=2",
            "plastic nets",
            id="search",
        ),
    ],
)
def test_parse_target(text, kind, url, key):
    target = parse_target(text)
    assert target.kind == kind
    if url:
        assert target.url == url
    assert key in (target.product_id, target.subdomain, target.company_id, target.query)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("https://example.com/product-detail/_123456789.html", id="other-host"),
        pytest.param("https://alibaba.com.evil.example/x", id="lookalike-host"),
        pytest.param("ftp://www.alibaba.com/x", id="ftp"),
        pytest.param("https://www.alibaba.com/help", id="unknown-alibaba-page"),
        pytest.param("not a url!", id="garbage"),
        pytest.param("   ", id="blank"),
    ],
)
def test_non_alibaba_input_is_one_clear_line(text):
    with pytest.raises(NotAlibabaURL) as err:
        parse_target(text)
    message = str(err.value)
    assert "\n" not in message and message


@pytest.mark.parametrize(
    ("value", "sub"),
    [
        pytest.param("//delannoe.en.alibaba.com/", "delannoe", id="protocol-relative"),
        pytest.param("dinghongcraft.en.alibaba.com", "dinghongcraft", id="host"),
        pytest.param("https://www.alibaba.com/", None, id="www-is-not-a-supplier"),
        pytest.param("https://evil.en.alibaba.com.example.org/", None, id="suffix-spoof"),
        pytest.param(None, None, id="none"),
    ],
)
def test_subdomain_of(value, sub):
    assert subdomain_of(value) == sub


def test_product_id_of():
    assert product_id_of("https://www.alibaba.com/product-detail/x_1600534966193.html") == (
        "1600534966193"
    )
    assert product_id_of("https://www.alibaba.com/product-detail/x.html") is None
