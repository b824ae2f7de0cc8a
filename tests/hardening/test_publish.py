"""Publishing is crash-safe: files are staged under temporary names and renamed into place only
when the whole build succeeded; the manifest is bound to the database it was built from and
checked against the files on disk.

- kill -9 at random moments of `vet publish` (alternating two databases, so every run rewrites
  every page): after each kill every page is complete, and wholly one database's;
- another database published into the same folder, then the first again: only the first's pages;
- a full disk (a 1 MB tmpfs, and ENOSPC injected into the writes): one `error:` line and the
  previous site byte for byte.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import staging as staging_module
from vetcli import main
from vetting.model import Capture, Money, ParseResult, Signal, SupplierObservation, utcnow
from vetting.store import Store

SUPPLIERS = 300
KILLS = 12
VET = str(Path(sys.executable).with_name("vet"))


def make_db(path: Path, label: str, count: int = SUPPLIERS, first: int = 950000000) -> Path:
    store = Store(path)
    for i in range(count):
        cap = Capture(url=f"https://s{i}.en.alibaba.com/", kind="profile", outcome="ok",
                      fetched_at=utcnow(), source="test")  # fmt: skip
        signals = [
            Signal("trade_assurance", True),
            Signal("ta_limit", Money(Decimal(1000 + i), "USD")),
            Signal("gold_supplier", i % 2 == 0),
        ]
        obs = SupplierObservation(
            str(first + i), f"{label} Supplier {i} (fictional)", signals=signals
        )
        store.record(ParseResult(cap, suppliers=[obs]))
    store.close()
    return path


def _visible_files(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _publish(db: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["--db", str(db), "publish", "--out", str(out), *extra])


def _supplier_ids(out: Path) -> tuple[set[str], set[str]]:
    html = {p.stem for p in (out / "suppliers").glob("*.html")}
    api = {p.stem for p in (out / "api/v1/suppliers").glob("*.json")}
    return html, api


def _assert_complete(out: Path, labels: tuple[str, ...]) -> None:
    for page in (out / "suppliers").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), f"truncated page {page.name} ({len(text)} B)"
        assert sum(f"{label} Supplier" in text for label in labels) == 1, page.name
    for doc in (out / "api/v1/suppliers").glob("*.json"):
        json.loads(doc.read_text(encoding="utf-8"))  # complete JSON, or this raises


def test_kill_9_during_publish_never_leaves_a_truncated_page(tmp_path):
    dbs = [make_db(tmp_path / "a.db", "Alpha"), make_db(tmp_path / "b.db", "Beta")]
    out = tmp_path / "public"
    rng = random.Random(14)
    # Kill moments are fractions of one whole publish timed here first, so they land mid-build on
    # a fast idle machine and a loaded one alike (fixed delays missed the build on a quiet one).
    started = time.monotonic()
    subprocess.run(
        [VET, "--db", str(dbs[1]), "publish", "--out", str(out), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    whole_s = time.monotonic() - started
    killed = 0
    for run in range(KILLS):
        proc = subprocess.Popen(
            [VET, "--db", str(dbs[run % 2]), "publish", "--out", str(out), "--workers", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        time.sleep(rng.uniform(0.1, 0.9) * whole_s)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
        _assert_complete(out, ("Alpha", "Beta"))
    assert killed >= KILLS // 2, f"only {killed} of {KILLS} runs were killed mid-publish"
    result = _publish(dbs[0], out)
    assert result.exit_code == 0, result.output
    _assert_complete(out, ("Alpha",))
    html, api = _supplier_ids(out)
    assert len(html) == len(api) == SUPPLIERS
    assert not [p for p in out.rglob(f"*{staging_module.TMP_SUFFIX}")]


def test_another_database_then_the_first_again_leaves_only_the_first(tmp_path):
    a = make_db(tmp_path / "a.db", "Alpha", count=5, first=950000000)
    b = make_db(tmp_path / "b.db", "Beta", count=7, first=960000000)
    out = tmp_path / "public"
    for db in (a, b, a):
        assert _publish(db, out).exit_code == 0
    html, api = _supplier_ids(out)
    assert html == api == {str(950000000 + i) for i in range(5)}
    _assert_complete(out, ("Alpha",))
    # Without the manifest (left out when uploading, then copied back) the disk still counts.
    assert _publish(b, out).exit_code == 0
    (out / ".manifest.sqlite").unlink()
    assert _publish(a, out).exit_code == 0
    assert _supplier_ids(out)[0] == {str(950000000 + i) for i in range(5)}
    # A database moved onto the path of another is still told apart (its id).
    a.rename(tmp_path / "a-moved.db")
    b.rename(a)
    assert _publish(a, out).exit_code == 0
    assert _supplier_ids(out)[0] == {str(960000000 + i) for i in range(7)}


def _assert_one_error_line_and_unchanged(result, out: Path, before: dict[str, str]) -> None:
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: publishing failed"), result.output
    assert "previous site is unchanged" in lines[0]
    assert _visible_files(out) == before
    assert not [p for p in out.rglob(f"*{staging_module.TMP_SUFFIX}")]


def test_a_failing_write_leaves_the_previous_site(tmp_path, monkeypatch):
    out = tmp_path / "public"
    assert _publish(make_db(tmp_path / "a.db", "Alpha", count=20), out).exit_code == 0
    before = _visible_files(out)
    writes = {"n": 0}
    real_write = os.write

    def full_disk(fd, data):
        writes["n"] += 1
        if writes["n"] > 25:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(staging_module.os, "write", full_disk)
    result = _publish(make_db(tmp_path / "b.db", "Beta", count=40, first=960000000), out)
    _assert_one_error_line_and_unchanged(result, out, before)
    assert "No space left on device" in result.output


def test_a_full_tmpfs_leaves_the_previous_site(tmp_path):
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        out = mnt / "public"
        assert _publish(make_db(tmp_path / "a.db", "Alpha", count=3), out).exit_code == 0
        before = _visible_files(out)
        big = make_db(tmp_path / "b.db", "Beta", count=SUPPLIERS, first=960000000)
        result = _publish(big, out)
        _assert_one_error_line_and_unchanged(result, out, before)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_unique_temporary_names_per_build():
    target = Path("suppliers/1.html")
    names = {staging_module.temporary_name(target, uuid.uuid4().hex[:12]) for _ in range(50)}
    assert len(names) == 50 and all(n.name.startswith(".1.html.") for n in names)
