"""`vet worker` and `vet crawl --queue` refuse bad input with one line, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.helpers.distributed import free_port
from vetcli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["worker"], "--queue redis://HOST:PORT/N is required", id="no-queue"),
        pytest.param(
            ["worker", "--queue", "http://example.org"], "must be a redis:// URL", id="not-redis"
        ),
        pytest.param(
            ["worker", "--queue", "redis://127.0.0.1:1/0", "--delay", "0.5"],
            "--delay must be at least 2",
            id="impolite-delay",
        ),
        pytest.param(
            ["worker", "--queue", "redis://127.0.0.1:{port}/0"],
            "cannot reach the queue at redis://127.0.0.1:",
            id="unreachable-worker",
        ),
        pytest.param(
            ["crawl", "--search", "nets", "--queue", "redis://127.0.0.1:{port}/0"],
            "cannot reach the queue",
            id="unreachable-crawl",
        ),
        pytest.param(
            ["crawl", "--search", "nets", "--queue", "redis://x", "--retry-backoff", "a,b"],
            "comma-separated seconds",
            id="bad-backoff",
        ),
    ],
)
def test_bad_input_is_one_line(args, message, tmp_path):
    args = [a.replace("{port}", str(free_port())) for a in args]
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "v.db"), *args])
    assert result.exit_code in (1, 2), result.output
    assert message in result.output
    assert "Traceback" not in result.output
