"""The `vet` group, its shared options, and the one-line error policy (never a traceback)."""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
from typing import NoReturn

import click

from vetting import config
from vetting.errors import InputError
from vetting.store import Store, UnknownSupplier, default_db_path

# The module of each command, imported only when that command runs: `vet show` must not pay
# for bs4, requests, rq or Jinja. A command not listed here is found by importing them all.
COMMAND_MODULES = {
    "import": "data",
    "show": "data",
    "score": "data",
    "export": "data",
    "check-order": "orders",
    "serve": "run",
    "publish": "run",
    "demo": "run",
    "scrape": "scrape",
    "crawl": "scrape",
    "reparse": "scrape",
    "worker": "worker",
    "contributions": "contributions",
}
MODULES = ("data", "orders", "run", "scrape", "worker", "contributions")


class VetGroup(click.Group):
    """Loads commands lazily, and turns the errors a user can cause into one line on stderr
    and exit status 1."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = COMMAND_MODULES.get(cmd_name)
            importlib.import_module(f"vetcli.{module}") if module else _load_all()
            if cmd_name not in self.commands:
                _load_all()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _load_all()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UnknownSupplier as exc:
            fail(f"unknown supplier ID {exc.key!r} (try `vet export` to list known ones)")
        except InputError as exc:
            fail(f"{exc.field}: {exc}")
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        except sqlite3.DatabaseError as exc:
            # --db naming a directory or a file that is not a database.
            fail(f"database {(ctx.obj or {}).get('db')!r}: {' '.join(str(exc).split())}")


def _load_all() -> None:
    for module in MODULES:
        importlib.import_module(f"vetcli.{module}")


def fail(message: str) -> NoReturn:
    """Every command's error path: one line on stderr, exit status 1, never a traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


@click.group(cls=VetGroup)
@click.option(
    "--db",
    "db_path",
    envvar=config.DB,
    default=None,
    help="SQLite database (default $VETTING_DB or ./vetting.db).",
)
@click.pass_context
def main(ctx: click.Context, db_path: str | None) -> None:
    """Vet Alibaba suppliers: what their badges are worth before money moves."""
    ctx.obj = {"db": db_path or default_db_path()}


def open_store(ctx: click.Context, readonly: bool = False) -> Store:
    path = ctx.obj["db"]
    if os.path.isdir(path):  # SQLite would only say "disk I/O error"
        fail(
            f"database {path!r} is a directory, not a database file "
            f"(e.g. --db {os.path.join(path, 'vetting.db')})"
        )
    return Store(path, readonly=readonly)


def crawl_progress(tty: bool):
    """The crawl's one-line progress display on a terminal (nothing when not a terminal)."""

    def progress(done: int, pending: int, url: str, outcome: str) -> None:
        if tty:
            line = f"[{done} done, {pending} to go] {outcome:11} {url}"[:120]
            click.echo(f"\r\x1b[2K{line}", err=True, nl=False)

    return progress
