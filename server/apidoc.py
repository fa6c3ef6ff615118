"""Views documented by flask-smorest's decorators without their wrappers at run time.

`blp.doc`, `blp.response` and each `blp.alt_response` wrap the view in one more call through
`current_app.ensure_sync` (1.5 µs each; POST /api/v1/triage has eight). Our API views build their Response
themselves, so the wrappers add nothing but that cost: `documented`, put right under `blp.route` (or under a
decorator that acts at run time, such as the rate limit), keeps the OpenAPI documentation they gathered and calls
the view directly. tests/test_openapi.py checks the document is the same."""
import inspect
from collections.abc import Callable
from functools import wraps


def documented(view: Callable) -> Callable:
    inner = inspect.unwrap(view)

    @wraps(inner)
    def call(*args, **kwargs):
        return inner(*args, **kwargs)

    call._apidoc = view._apidoc  # what flask-smorest's Blueprint.route reads to document the endpoint
    return call
