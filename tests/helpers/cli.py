"""`vet` run in-process (click's CliRunner) against one database, for the CLI tests."""

from __future__ import annotations

from click.testing import CliRunner, Result

from vetcli import main


def vet(db_path, *args) -> Result:
    """`vet --db DB_PATH ARGS...`; the Result holds exit_code and output."""
    return CliRunner().invoke(main, ["--db", str(db_path), *map(str, args)])
