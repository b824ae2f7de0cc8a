"""Configuration: the environment is read in one module, and the README documents every name."""

from __future__ import annotations

import re

import pytest

from tests.helpers.paths import ROOT
from vetting import config

CODE = [
    p
    for d in ("vetting", "scrapers", "server", "sitegen", "vetcli")
    for p in sorted((ROOT / d).rglob("*.py"))
]
ENV_READ = re.compile(r"\bos\.environ\b|\bgetenv\b|\benviron\.get\b|\bfrom os import environ\b")


def test_only_the_config_module_touches_the_environment():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in CODE
        if path != ROOT / "vetting" / "config.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ENV_READ.search(line)
    ]
    assert offenders == []


def test_click_options_name_config_variables():
    """`envvar=` takes a name from the config table, never a literal."""
    found = [
        (path.relative_to(ROOT), m.group(1))
        for path in CODE
        if path != ROOT / "vetting" / "config.py"
        for m in re.finditer(r"envvar=([^,)\s]+)", path.read_text(encoding="utf-8"))
    ]
    assert found, "no click option reads the environment: the test checks nothing"
    for where, expr in found:
        assert expr.startswith("config."), f"{where}: envvar={expr}"
        assert getattr(config, expr.removeprefix("config.")) in config.VARIABLES


def test_every_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in config.VARIABLES if f"`{name}`" not in readme]
    assert missing == []


def test_an_unknown_variable_is_refused(monkeypatch):
    monkeypatch.setenv("VETTING_NOT_A_SETTING", "x")
    with pytest.raises(KeyError, match="VETTING_NOT_A_SETTING"):
        config.get("VETTING_NOT_A_SETTING")


def test_lists_and_defaults(monkeypatch):
    monkeypatch.setenv(config.API_KEYS, " k1, ,k2 ")
    monkeypatch.delenv(config.RATELIMIT, raising=False)
    assert config.get_list(config.API_KEYS) == ["k1", "k2"]
    assert config.get(config.RATELIMIT, "5 per second") == "5 per second"
