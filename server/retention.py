"""`flask purge`: delete the consented assessments older than RETENTION_DAYS, as the privacy notice promises.

Run it once a day (cron or a systemd timer, docs/operations.md); it is safe to run at any time and repeatedly.
"""
from datetime import UTC, datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete

from server.extensions import db
from server.models import Assessment


def purge_older_than(days: int, now: datetime | None = None) -> int:
    """Delete the assessments stored more than `days` days before `now`; how many were deleted."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    deleted = db.session.execute(delete(Assessment).where(Assessment.created_at < cutoff)).rowcount
    db.session.commit()
    return deleted


@click.command("purge")
@click.option("--days", type=click.IntRange(min=1), help="Keep this many days instead of RETENTION_DAYS.")
@with_appcontext
def purge(days: int | None) -> None:
    """Delete stored assessments older than RETENTION_DAYS (default 365)."""
    days = days or current_app.config["RETENTION_DAYS"]
    if days < 1:
        raise click.BadParameter(f"RETENTION_DAYS must be at least 1, not {days}")
    click.echo(f"Deleted {purge_older_than(days)} assessments older than {days} days.")
