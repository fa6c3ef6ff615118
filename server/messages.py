"""Every message the API answers with, lazy so that each request gets them in its own language.

A leaf module: errors.py and the schemas import it, it imports nothing of the app.
"""
from flask_babel import lazy_gettext as _l

MESSAGES = {
    400: _l("The request could not be understood."),
    404: _l("There is nothing at this address."),
    405: _l("This method is not allowed here."),
    413: _l("The request is too large."),
    415: _l("Send the request body as JSON (Content-Type: application/json)."),
    422: _l("Some answers are not valid."),
    429: _l("Too many requests. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Please try again."),
}
# Headings of the error page outside /api/; its text is the code's message above.
TITLES = {404: _l("Page not found"), 500: _l("Something went wrong")}
OTHER_TITLE = _l("This request could not be completed")

# Field errors.
UNKNOWN_FIELD = _l("Unknown field.")
NOT_ALLOWED_VALUE = _l("This value is not allowed.")
NOT_TEXT = _l("This must be text.")
NOT_BOOLEAN = _l("This must be true or false.")
NOT_UUID = _l("This must be a UUID.")
NOT_OBJECT = _l("This must be an object.")
NOT_NULL = _l("This must not be null.")
