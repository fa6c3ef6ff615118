"""/static/<path>: the files of pwa/, cached for a year when asked for by their content hash; and the icons
browsers look for at fixed addresses."""
from flask import Blueprint, abort, request, send_from_directory

from server.assets import PWA_DIR, current_hash
from server.constants import ONE_YEAR

bp = Blueprint("files", __name__)


@bp.route("/static/<path:filename>")
def static(filename: str):
    if filename == "sw.js":  # the source of /sw.js: served only rendered, at the root scope
        abort(404)
    response = send_from_directory(PWA_DIR, filename)
    if response.status_code == 200:  # small files, sent whole: Flask-Compress gzips no streamed response
        response.direct_passthrough = False
        response.make_sequence()
    if request.args.get("v") == current_hash(filename):  # a hashed URL never changes: never ask again
        response.cache_control.no_cache = None  # send_from_directory's default, which would revalidate each use
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
    return response


@bp.route("/favicon.ico")
def favicon():
    return static("icons/favicon-32.png")


@bp.route("/apple-touch-icon.png")
def apple_touch_icon():
    return static("icons/apple-touch-icon.png")
