"""`vet contributions`: the operator's view of contributed captures, by API key id."""

from __future__ import annotations

import click

from vetcli.common import main, open_store
from vetting.contributions import key_id


@main.group()
def contributions() -> None:
    """List or revoke what each API key contributed (keys are shown by id, never in full)."""


@contributions.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """One line per key id: captures accepted / flagged / revoked, first and last."""
    rows = open_store(ctx).contributions()
    if not rows:
        click.echo("no contributions")
    for r in rows:
        counts = f"{r['accepted'] or 0} accepted, {r['flagged'] or 0} flagged"
        click.echo(
            f"{r['key_id']}  {r['captures']} captures: {counts}, {r['revoked'] or 0} revoked"
            f"  ({r['first']} .. {r['last']})"
        )


@contributions.command("revoke")
@click.argument("key")
@click.pass_context
def revoke_cmd(ctx: click.Context, key: str) -> None:
    """Revoke every contribution of KEY (a key id from `list`): its signals stop being shown."""
    store = open_store(ctx)
    known = {r["key_id"] for r in store.contributions()}
    if key not in known:
        raise click.BadParameter(f"no contributions from key id {key!r}", param_hint="KEY")
    count, suppliers = store.revoke_contributions(key)
    click.echo(f"revoked {count} captures of {key}; {len(suppliers)} suppliers recomputed")


@contributions.command("key-id")
@click.argument("api_key")
def key_id_cmd(api_key: str) -> None:
    """The id under which API_KEY's contributions are stored (to find a key in `list`)."""
    click.echo(key_id(api_key))
