"""Application factory: config → extensions → blueprints → catalogue → errors → headers → CLI."""
from pathlib import Path

from flask import Flask

import server.models  # noqa: F401 (its tables: SQLAlchemy and Alembic see them through db.metadata)
from server import assets, build, errors, i18n, ops, security
from server.cli import translate
from server.config import Config, load_config
from server.content.api import blp as content_blp
from server.extensions import api, babel, compress, db, limiter, migrate
from server.meta import blp as meta_blp
from server.offline import manifest, static, worker
from server.pages.views import bp as pages_bp
from server.retention import purge
from server.triage.api import blp as triage_blp


def create_app(config_class=Config, overrides: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.json.sort_keys = False
    app.json.ensure_ascii = False  # Vietnamese as UTF-8: half the bytes of \u escapes
    load_config(app, config_class, overrides)
    ops.init_app(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    compress.init_app(app)
    api.init_app(app)
    assets.init_app(app)

    for blp in (meta_blp, content_blp, triage_blp):
        api.register_blueprint(blp, url_prefix="/api/v1")
    for bp in (pages_bp, static.bp, manifest.bp, worker.bp):
        app.register_blueprint(bp)
    build.init_app(app)  # needs every route (url_for) and the extensions

    errors.init_app(app)  # after api.init_app: its HTTPException handler replaces flask-smorest's
    i18n.init_app(app)
    security.init_app(app)
    app.cli.add_command(translate)
    app.cli.add_command(purge)
    return app
