"""The report page's calculator as one classic script: what a page opened from disk (file://)
can run, since browsers refuse module scripts there. Checked in Node's `vm` (no module loader
at all) against the shared coverage vectors, and refused loudly for syntax it cannot bundle."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.aggregate import static_files
from sitegen.bundle import BundleError, bundle
from tests.helpers.paths import ROOT

VECTORS = ROOT / "tests" / "vectors" / "coverage.json"

# Runs the bundle as a plain script in a fresh context and prints each vector's result.
RUNNER = r"""
const vm = require("node:vm");
const fs = require("node:fs");
const [bundlePath, vectorsPath] = process.argv.slice(1);
const context = { window: {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(bundlePath, "utf8"), context, { filename: "calc.bundle.js" });
const calc = context.window.SupplierCalc;
const out = {};
for (const c of JSON.parse(fs.readFileSync(vectorsPath, "utf8")).cases) {
  const i = c.input;
  const ta = i.trade_assurance === true ? "yes" : i.trade_assurance === false ? "no" : "unknown";
  const supplier = { ta, limit: i.ta_limit ? String(i.ta_limit.amount) : "",
                     currency: i.ta_limit ? i.ta_limit.currency : i.currency };
  const fields = { order_value: i.order_value, currency: i.currency, deposit: i.deposit ?? "",
                   payment: i.payment, coverage: i.coverage, rate: i.rate };
  const r = calc.compute(fields, supplier);
  out[c.id] = r.error ? { error: r.error.field }
    : { covered: r.covered, uncovered: r.uncovered, flags: r.flags.map((f) => f.code),
        text: calc.describe(r)[0].text };
}
console.log(JSON.stringify(out));
"""


def _cents(value):
    return None if value is None else round(float(value) * 100)


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory) -> Path:
    files = dict(static_files())
    path = tmp_path_factory.mktemp("bundle") / "calc.bundle.js"
    path.write_text(files["static/calc.bundle.js"], encoding="utf-8")
    return path


def test_bundle_is_a_classic_script(bundle_file):
    text = bundle_file.read_text()
    assert "import " not in text.replace("imports", "") and "export " not in text
    assert text.startswith("// Built from decimal.js, coverage.js, calc.js")


def test_bundle_runs_without_modules_and_matches_the_vectors(bundle_file):
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed (the README lists it as a prerequisite)")
    done = subprocess.run(
        [node, "-e", RUNNER, str(bundle_file), str(VECTORS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    results = json.loads(done.stdout)
    cases = json.loads(VECTORS.read_text())["cases"]
    assert len(results) == len(cases) > 20
    for case in cases:
        got, want = results[case["id"]], case["expected"]
        if "error" in want:
            assert got == {"error": want["error"]["field"]}, case["id"]
            continue
        assert _cents(got["covered"]) == _cents(want["covered"]), case["id"]
        assert _cents(got["uncovered"]) == _cents(want["uncovered"]), case["id"]
        assert got["flags"] == want["flags"], case["id"]
        assert got["text"].startswith("Covered: "), case["id"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("export default function f() {}\n", "does not handle"),
        ("export { a };\nconst a = 1;\n", "does not handle"),
        ('import x from "./dep.js";\n', "does not handle"),
        ('import { a } from "./missing.js";\n', "not known to the bundle"),
        ('import { a as b } from "./dep.js";\n', "plain named imports"),
    ],
    ids=["default-export", "export-list", "default-import", "unknown-file", "renamed-import"],
)
def test_unsupported_module_syntax_is_refused(tmp_path, source, message):
    entry = tmp_path / "entry.js"
    entry.write_text(source)
    dep = tmp_path / "dep.js"
    dep.write_text("export const a = 1;\n")
    with pytest.raises(BundleError, match=message):
        bundle(entry, {"entry.js": entry, "dep.js": dep})


def test_import_cycle_is_refused(tmp_path):
    a, b = tmp_path / "a.js", tmp_path / "b.js"
    a.write_text('import { y } from "./b.js";\nexport const x = 1;\n')
    b.write_text('import { x } from "./a.js";\nexport const y = 2;\n')
    with pytest.raises(BundleError, match="cycle"):
        bundle(a, {"a.js": a, "b.js": b})
