"""Constants several modules share, in one place so they cannot drift apart."""

LANGUAGES = ("vi", "en")  # Vietnamese first: the default language
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each in its own language, never translated
# The URL rule of a path that starts with a language, e.g. /vi/checklist.
LANG_RULE = f"<any({', '.join(LANGUAGES)}):lang>"
THEME_COLOR = "#00527a"
ONE_YEAR = 365 * 24 * 3600  # seconds: the language cookie and immutable static files
