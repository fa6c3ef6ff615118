"""Flask extensions, created unbound here and bound in create_app()."""
import flask_smorest
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from server.schemas import ApiErrorSchema

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Api(flask_smorest.Api):
    """The OpenAPI document's default and 422 error responses describe our one error shape (server/errors.py),
    not flask-smorest's own ErrorSchema, which the handlers never send."""

    ERROR_SCHEMA = ApiErrorSchema


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
api = Api()
compress = Compress()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
