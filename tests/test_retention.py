"""`flask purge` deletes consented assessments older than RETENTION_DAYS from the real database, and no others."""
from datetime import UTC, datetime, timedelta

from server.extensions import db
from server.models import Assessment


def _store(app, ages_in_days):
    now = datetime.now(UTC)
    with app.app_context():
        for n, age in enumerate(ages_in_days):
            db.session.add(Assessment(
                id=f"00000000-0000-4000-8000-{n:012d}", answers={"onset": "gradual"}, level="consultation",
                reasons=["unexplained"], lang="vi", rules_version="2026.12", created_at=now - timedelta(days=age),
            ))
        db.session.commit()


def _ages(stored):
    now = datetime.now(UTC)
    return sorted(round((now - row.created_at.replace(tzinfo=row.created_at.tzinfo or UTC)).days) for row in stored())


def test_purge_keeps_retention_days(app, stored):
    _store(app, [400, 366, 364, 10, 0])
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 2 assessments older than 365 days" in result.output
    assert _ages(stored) == [0, 10, 364]


def test_purge_follows_the_configured_retention(make_app):
    app = make_app(RETENTION_DAYS=30)
    _store(app, [31, 29])
    assert "Deleted 1 " in app.test_cli_runner().invoke(args=["purge"]).output
    again = app.test_cli_runner().invoke(args=["purge"])
    assert "Deleted 0 " in again.output
    with app.app_context():
        assert db.session.query(Assessment).count() == 1


def test_purge_days_option_and_bad_values(app, stored):
    _store(app, [8, 6])
    assert app.test_cli_runner().invoke(args=["purge", "--days", "7"]).exit_code == 0
    assert len(stored()) == 1
    bad = app.test_cli_runner().invoke(args=["purge", "--days", "0"])
    assert bad.exit_code != 0 and "--days" in bad.output
    assert len(stored()) == 1
