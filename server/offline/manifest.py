"""/<lang>/manifest.webmanifest: what a phone needs to install the app, in each language."""
from flask import Blueprint, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from server.assets import asset
from server.body import send
from server.catalogue import catalogue
from server.constants import LANG_RULE, THEME_COLOR

bp = Blueprint("manifest", __name__)
MIMETYPE = "application/manifest+json"


def manifest(lang: str) -> dict:
    """Built once per language, at start-up (server/build.py)."""
    with force_locale(lang):
        return {
            "lang": lang,
            "dir": "ltr",
            "name": _("Leg Numbness Check"),
            "short_name": _("Leg numbness"),
            "description": _("A guide and checklist for leg numbness: warning signs, possible causes and what to do."),
            "id": "/",
            "start_url": url_for("pages.guidance", lang=lang, source="pwa"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOR,
            "categories": ["health", "medical"],
            "icons": [
                {"src": asset("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": asset("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {"src": asset("icons/maskable-512.png"), "sizes": "512x512", "type": "image/png",
                 "purpose": "maskable"},
            ],
            "screenshots": [
                {"src": asset(f"screenshots/{lang}-guide.png"), "sizes": "360x740",
                 "type": "image/png", "form_factor": "narrow", "label": _("The guide to leg numbness")},
                {"src": asset(f"screenshots/{lang}-checklist.png"), "sizes": "360x740",
                 "type": "image/png", "form_factor": "narrow", "label": _("The checklist, one question at a time")},
            ],
        }


@bp.route(f"/{LANG_RULE}/manifest.webmanifest")
def webmanifest(lang: str):
    return send(catalogue().manifests[lang])
