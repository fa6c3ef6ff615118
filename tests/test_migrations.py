"""The committed migrations build the schema the models describe, on SQLite or PostgreSQL."""
import sqlalchemy as sa

from server.app import create_app
from server.config import TestConfig
from server.extensions import db


def test_upgrade_from_empty_matches_models(tmp_path):
    url = TestConfig.DATABASE_URL or f"sqlite:///{tmp_path / 'migrated.db'}"
    app = create_app(TestConfig, {"DATABASE_URL": url})
    runner = app.test_cli_runner()
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    try:
        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            assert "assessment" in sa.inspect(db.engine).get_table_names()
        check = runner.invoke(args=["db", "check"])
        assert check.exit_code == 0, check.output  # `flask db check` exits 1 when models and migrations differ
    finally:
        with app.app_context():
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
