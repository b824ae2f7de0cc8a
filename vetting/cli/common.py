"""The `vet` group, its shared options, and the one-line error policy (never a traceback)."""

from __future__ import annotations

import sqlite3
import sys
from typing import NoReturn

import click

from vetting import config
from vetting.errors import InputError
from vetting.store import Store, UnknownSupplier, default_db_path


class VetGroup(click.Group):
    """Turns the errors a user can cause into one line on stderr and exit status 1."""

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
    return Store(ctx.obj["db"], readonly=readonly)


def crawl_progress(tty: bool):
    """The crawl's one-line progress display on a terminal (nothing when not a terminal)."""

    def progress(done: int, pending: int, url: str, outcome: str) -> None:
        if tty:
            line = f"[{done} done, {pending} to go] {outcome:11} {url}"[:120]
            click.echo(f"\r\x1b[2K{line}", err=True, nl=False)

    return progress
