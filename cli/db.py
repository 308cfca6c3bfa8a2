"""``paraat db``: database tasks."""

from __future__ import annotations

import logging

import typer

from cli.settings import settings_or_exit

logger = logging.getLogger(__name__)

app = typer.Typer(name="db", help="Database tasks: bring the schema up to date.")


@app.command()
def upgrade() -> None:
    """Bring the database up to the newest schema.

    Run it once per release, before paraat serve: serve refuses an older schema.
    """
    settings = settings_or_exit()
    from store.migrate import upgrade as upgrade_schema

    upgrade_schema(settings.database_url)
    logger.info("The database is up to date.")
