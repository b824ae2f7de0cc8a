"""The saved-page server the extension's browser tests and `vet demo --pages` use: every page
under its Alibaba host name and path, served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.browserkit import free_port, wait_for_port
from tests.helpers.paths import EXAMPLES
from vetcli.pageserver import NO_PAGE_SCRIPTS, build_routes, serve_pages


def get(port: int, host: str, target: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", target, headers={"Host": host})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("file", "url"),
    [
        pytest.param(
            "2022-09_product-detail_qzdihao_1600534966193.html",
            "http://www.alibaba.com/product-detail/qzdihao_1600534966193.html",
            id="product-detail",
        ),
        pytest.param(
            "2026-02_product-detail-fragment_zhenbenchina_1600691082191.html",
            "http://www.alibaba.com/product-detail/zhenbenchina_1600691082191.html",
            id="2026-fragment",
        ),
        pytest.param(
            "2022-02_product-search_list-view_art.html",
            "http://www.alibaba.com/trade/search?SearchText=art&viewtype=L",
            id="list-view",
        ),
        pytest.param(
            "2024-09_supplier-profile_apdingtai.html",
            "http://apdingtai.en.alibaba.com/company_profile.html",
            id="profile-on-its-subdomain",
        ),
        pytest.param(
            "2024-09_supplier-search_plastic-nets.html",
            "http://www.alibaba.com/trade/search?SearchText=plastic+nets&tab=supplier",
            id="supplier-search",
        ),
    ],
)
def test_every_real_page_has_its_alibaba_url(real_pages: Path, file: str, url: str):
    routes = {route.path.name: route.url for route in build_routes([real_pages]).values()}
    assert routes[file] == url


def test_all_real_pages_are_routed(real_pages: Path):
    routed = {route.path.name for route in build_routes([real_pages]).values()}
    assert routed == {p.name for p in real_pages.glob("*.html")}


def test_serves_by_host_and_path_over_http():
    with serve_pages([EXAMPLES]) as (port, routes):
        name = "2022_product-detail_example-textiles_1600900000001.html"
        want = (EXAMPLES / name).read_bytes()
        # Real product URLs carry a title slug: the product id alone picks the page.
        status, headers, body = get(
            port, "www.alibaba.com", "/product-detail/Cotton-Tote-Bag_1600900000001.html?s=p"
        )
        assert (status, body) == (200, want)
        assert headers["Content-Security-Policy"] == NO_PAGE_SCRIPTS
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        status, _, _ = get(port, "evil.example.org", "/product-detail/x_1600900000001.html")
        assert status == 404
        status, _, body = get(port, "www.alibaba.com", "/nothing-saved-here")
        assert status == 404
        status, _, body = get(port, f"www.alibaba.com:{port}", "/")
        assert status == 200
        assert f"http://www.alibaba.com:{port}/product-detail/".encode() in body
        assert len(routes) == len(list(EXAMPLES.glob("*.html")))


def test_page_scripts_may_be_allowed():
    with serve_pages([EXAMPLES], page_scripts=True) as (port, _):
        _, headers, _ = get(port, "www.alibaba.com", "/")
        assert "Content-Security-Policy" not in headers


def test_vet_demo_pages_serves_the_saved_pages_beside_the_api(tmp_path: Path):
    """`vet demo --pages`: the API and the page server both come up; stopping the demo stops
    the page server too."""
    api_port, pages_port = free_port(), free_port()
    vet = Path(sys.executable).with_name("vet")
    args = [str(vet), "--db", str(tmp_path / "demo.db"), "demo", "--pages", "--out"]
    args += [str(tmp_path / "public"), "--port", str(api_port), "--pages-port", str(pages_port)]
    demo = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        wait_for_port(pages_port, timeout=60)
        wait_for_port(api_port, timeout=60)
        status, _, body = get(pages_port, "www.alibaba.com", "/product-detail/x_1600900000001.html")
        assert status == 200
        assert b"Example Textiles Demo Co." in body
        conn = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
        conn.request("GET", "/api/v1/suppliers/900000001")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        demo.terminate()
        out, _ = demo.communicate(timeout=20)
    assert f'--host-resolver-rules="MAP *.alibaba.com 127.0.0.1:{pages_port}' in out
    deadline = time.monotonic() + 10
    while port_open(pages_port):
        assert time.monotonic() < deadline, "the page server outlived the demo"
        time.sleep(0.2)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
