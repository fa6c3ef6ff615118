"""Server-rendered pages (placeholder until the PWA lands)."""
from flask import Blueprint, redirect

bp = Blueprint("pages", __name__)


@bp.route("/")
def index():
    return redirect("/vi/")
