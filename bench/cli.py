"""CLI benchmark: where a user waits at the terminal, each against a baseline of the same run.

    .venv/bin/python bench/cli.py [--runs N]        (or: make bench)

- `vet show ID`: median wall time over N runs, each a fresh subprocess (start-up and imports
  included), against `python -c pass` run the same way. Target: under 250 ms.
- `vet import PAGE...`: one subprocess importing every real saved page into a fresh database,
  end to end, against `BeautifulSoup(html, "html.parser")` parsing the same pages in this
  process (the import must do everything a full parse does not — detect, parse, compress, write
  — and still be much faster). Target: at least 10x.

Prints the machine load (`os.getloadavg`) beside the numbers; exits 1 when a target is missed,
2 when the real pages are absent.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VET = Path(sys.executable).with_name("vet")
SHOW_TARGET_MS = 250.0
IMPORT_TARGET_RATIO = 10.0
SHOW_ID = "900000001"  # a fictional supplier of examples/pages, always imported


def pages_dir() -> Path:
    return Path(os.environ.get("ALIBABA_PAGES") or ROOT.parent / "shared" / "alibaba-pages")


def wall_ms(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - start) * 1000


def median_ms(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    times = sorted(wall_ms(cmd, env) for _ in range(runs))
    return statistics.median(times), times[0], times[-1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = pages_dir()
    real = sorted(folder.glob("*.html"))
    if not real:
        print(f"bench/cli.py: real pages not found in {folder} (set ALIBABA_PAGES)")
        return 2
    examples = sorted((ROOT / "examples" / "pages").glob("*.html"))
    env = {k: v for k, v in os.environ.items() if k != "VETTING_DB"}
    load = os.getloadavg()
    print(f"machine load (1/5/15 min): {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "vetting.db")
        subprocess.run(
            [str(VET), "--db", db, "import", *map(str, examples)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        # vet show
        wall_ms([str(VET), "--db", db, "show", SHOW_ID], env)  # warm the page cache
        show = median_ms([str(VET), "--db", db, "show", SHOW_ID], env, args.runs)
        base = median_ms([sys.executable, "-c", "pass"], env, args.runs)
        print(
            f"vet show {SHOW_ID}: median {show[0]:.0f} ms (min {show[1]:.0f}, max {show[2]:.0f}) "
            f"over {args.runs} runs; python -c pass: median {base[0]:.0f} ms "
            f"(ratio {show[0] / base[0]:.1f}x the bare interpreter); "
            f"target < {SHOW_TARGET_MS:.0f} ms"
        )

        # vet import vs BeautifulSoup on the same pages
        from bs4 import BeautifulSoup

        htmls = [p.read_bytes().decode("utf-8", errors="replace") for p in real]
        size = sum(len(h) for h in htmls)
        imports, soups = [], []
        for round_ in range(3):
            fresh = str(Path(tmp) / f"import-{round_}.db")
            imports.append(wall_ms([str(VET), "--db", fresh, "import", *map(str, real)], env))
            start = time.perf_counter()
            for html in htmls:
                BeautifulSoup(html, "html.parser")
            soups.append((time.perf_counter() - start) * 1000)
        imp, soup = statistics.median(imports), statistics.median(soups)
        ratio = soup / imp
        print(
            f"vet import, {len(real)} real pages ({size / 1e6:.1f} MB), one process end to end: "
            f"median {imp:.0f} ms of 3; BeautifulSoup(html, 'html.parser') on the same pages: "
            f"median {soup:.0f} ms; import is {ratio:.1f}x faster "
            f"(target >= {IMPORT_TARGET_RATIO:.0f}x)"
        )
    ok = show[0] < SHOW_TARGET_MS and ratio >= IMPORT_TARGET_RATIO
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
