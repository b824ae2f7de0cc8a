"""Bad input, one table per surface: each row is one bad input and the one-line error it must get.

CLI: a non-zero exit, no traceback, and the error on one line (``error: ...`` for ours, click's
``Error: ...`` after its usage lines for option types and ranges). The API table is in
tests/hardening/test_api.py.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.helpers.bad_inputs import CLI_CASES, CONTRACTS
from tests.helpers.paths import EXAMPLES
from vetcli import main


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad-input")
    for name, text in CONTRACTS.items():
        (tmp / name).write_text(text, encoding="utf-8")
    (tmp / "empty.db").write_bytes(b"")
    db = tmp / "vetting.db"
    out = CliRunner().invoke(main, ["--db", str(db), "import", *map(str, EXAMPLES.glob("*.html"))])
    assert out.exit_code == 0, out.output
    return tmp


def test_the_table_is_big_enough():
    assert len(CLI_CASES) >= 40


@pytest.mark.parametrize(("args", "message"), CLI_CASES)
def test_bad_cli_input(workdir, args, message):
    args = [a.replace("{tmp}", str(workdir)) for a in args]
    if args[0] != "--db":
        args = ["--db", str(workdir / "vetting.db"), *args]
    out = CliRunner().invoke(main, args)
    assert isinstance(out.exception, SystemExit), out.exception  # not an escaped exception
    assert out.exit_code != 0
    assert "Traceback" not in out.output
    # `vet import` ends with its tally ("imported 0 of 1 file(s)"), which is not an error line.
    lines = [ln for ln in out.output.splitlines() if ln.strip() and not ln.startswith("imported ")]
    # `vet import` reports per file ("<path>: error (no such file)"); everything else prefixes.
    errors = [line for line in lines if line.lower().startswith("error") or ": error (" in line]
    assert len(errors) == 1 and message in errors[0], out.output
    if not errors[0].startswith("Error:"):  # ours (not click's usage errors): the whole output
        assert lines == errors
    assert len(errors[0]) < 400


def test_import_tallies_and_fails_only_when_nothing_was_imported(workdir):
    page = str(next(EXAMPLES.glob("*.html")))
    db = str(workdir / "tally.db")
    out = CliRunner().invoke(main, ["--db", db, "import", page, str(workdir)])
    assert out.exit_code == 1 and "imported 1 of 2 file(s)" in out.output
    out = CliRunner().invoke(main, ["--db", db, "import", str(workdir), "/no/such.html"])
    assert out.exit_code == 1 and "imported 0 of 2 file(s)" in out.output
    out = CliRunner().invoke(main, ["--db", db, "import", page, page])
    assert out.exit_code == 0 and "imported 2 of 2 file(s)" in out.output
