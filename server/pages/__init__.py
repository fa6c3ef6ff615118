"""Server-rendered pages that work without JavaScript, plus what makes them an offline app (manifests, /sw.js)."""
from server.pages import pwa  # noqa: F401  (adds /static/, the manifests and /sw.js to bp)
from server.pages.views import bp

__all__ = ["bp"]
