"""Which database the tests really use: TEST_DATABASE_URL's (PostgreSQL in CI's second run), else SQLite.

`make test-db` runs the database tests with TEST_DATABASE_URL set; these tests fail if the app then talked to
anything else, so a green PostgreSQL run cannot be SQLite in disguise.
"""
import os
import uuid

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from server.config import TestConfig
from server.extensions import db
from server.models import Assessment


def test_the_engine_is_the_one_test_database_url_names(app):
    wanted = os.environ.get("TEST_DATABASE_URL", "")
    assert TestConfig.DATABASE_URL == wanted  # read when the config module was imported
    with app.app_context():
        url = db.engine.url
        server = db.session.execute(sa.text("SELECT version()" if url.get_backend_name() != "sqlite"
                                            else "SELECT 'SQLite ' || sqlite_version()")).scalar_one()
    if wanted:
        expected = make_url(wanted)
        assert url.get_backend_name() == expected.get_backend_name() == "postgresql"
        assert url.get_driver_name() == "psycopg"  # psycopg 3, as in production
        assert (url.host, url.port, url.database, url.username) == (
            expected.host, expected.port, expected.database, expected.username)
        assert server.startswith("PostgreSQL "), server
    else:
        assert url.get_backend_name() == "sqlite" and server.startswith("SQLite "), server


def test_rows_written_through_the_api_are_in_that_database(client, app):
    """Stored with consent through HTTP, then read back with plain SQL on the same engine."""
    record_id = str(uuid.uuid4())
    response = client.post("/api/v1/triage", json={"answers": {"onset": "sudden"}, "consent": True, "id": record_id})
    assert response.status_code == 200 and response.json["record"]["id"] == record_id
    with app.app_context():
        row = db.session.execute(sa.select(Assessment.__table__).where(Assessment.id == record_id)).one()
        assert row.answers == {"onset": "sudden"} and row.level == response.json["level"]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Assessment)) == 1
